//! A region of municipalities: the Altai exports as a region project made by init + import,
//! every municipality's figures against an independent recount, one municipality's own
//! site (`--municipality`) against the region's, and privacy across the levels.

mod adversary;
mod common;
mod real_common;

use std::collections::BTreeMap;
use std::path::Path;

use adversary::{Key, Member, SiteKind};

use common::{Fixture, oko};
use real_common::*;

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// A region project from both Altai exports, their plans and the questionnaire, built: one
/// `oko import` takes them all and imports each work (#32 point 8).
fn altai_region(real: &Path, root: &Path) {
    oko(&["init", "--region", path(root)]).assert_ok();
    let context = real.join("altai_school_context/altai_vpr2021_school_context_REDACTED.xlsx");
    let mut files = Vec::new();
    for (id, file, ..) in EXPORTS {
        let code = &id["vpr-2021-".len()..];
        files.push(real.join("altai_vpr_dev").join(file));
        files.push(real.join(format!("altai_vpr_plans_2021/plan_2021_{code}_ALL.xlsx")));
    }
    files.push(context);
    let mut args = vec!["import", "--root", path(root)];
    args.extend(files.iter().map(|f| path(f)));
    let imported = oko(&args);
    imported.assert_ok();
    for work in ["vpr-2021-math-5", "vpr-2021-rus-4"] {
        assert!(
            imported
                .stdout
                .contains(&format!("записан: data/procedures/2021/{work}.yaml")),
            "{}",
            imported.stdout
        );
    }
    let config = root.join("oko.yaml");
    let text = std::fs::read_to_string(&config).expect("oko.yaml");
    std::fs::write(&config, text.replace("bad_rows: error", "bad_rows: skip")).expect("write");
}

#[test]
fn every_municipality_of_the_real_region_matches_the_recount() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("region");
    altai_region(&real, &root);
    let built = oko(&["build", "--root", path(&root), "--date", "2021-11-01"]);
    built.assert_ok();

    let site = oko::site::Site::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let project = &site.project;
    assert!(
        project.municipalities.len() >= 70,
        "{}",
        project.municipalities.len()
    );
    // The questionnaire's four settlement types stay four clusters.
    let locations: std::collections::BTreeSet<&str> = project
        .schools
        .iter()
        .filter_map(|s| s.attributes.get("location").map(String::as_str))
        .collect();
    assert_eq!(
        locations.into_iter().collect::<Vec<_>>(),
        [
            "город",
            "посёлок городского типа",
            "село",
            "столица субъекта РФ"
        ]
    );
    names_are_printed_as_an_office_writes_them(&root, project);
    cluster_values_are_labelled_and_ordered(&root);
    nothing_empty_is_shown_or_linked(&root);
    schools_are_listed_under_their_municipality(&root);
    no_text_file_holds_a_control_character(&root.join("public"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 11, 1).expect("date");
    let analysis = site
        .analyse(oko::config::Audience::Internal, as_of)
        .analysis;
    for (id, file, subject, grade) in EXPORTS {
        let proc_id = if subject == "Математика" {
            "vpr-2021-math-5"
        } else {
            "vpr-2021-rus-4"
        };
        let maxes: Vec<u32> = plan(&real, id).iter().map(|t| t.max).collect();
        let export = real.join("altai_vpr_dev").join(file);
        let recount = by_municipality(&export, &maxes, scale(&real, subject, grade), |_| true);
        let i = project.procedure_index(proc_id).expect("procedure");
        let pa = &analysis.procedures[i];
        for (name, expected) in &recount {
            let m = project
                .municipalities
                .iter()
                .position(|m| &m.name == name)
                .unwrap_or_else(|| panic!("no municipality «{name}»"));
            let got = pa.area(m).map(|a| &a.group.counters);
            let Some(c) = got else {
                assert_eq!(expected.participants, 0, "{id} {name}: participants");
                continue;
            };
            assert_eq!(
                c.participants, expected.participants,
                "{id} {name}: participants"
            );
            assert_eq!(c.marks, expected.marks, "{id} {name}: marks");
            let conf = &c.confirmation;
            assert_eq!(
                (conf.lowered, conf.confirmed, conf.raised),
                (expected.lowered, expected.confirmed, expected.raised),
                "{id} {name}: confirmation"
            );
        }
        // The region row is the whole file.
        let whole = independent(&export, &maxes, scale(&real, subject, grade), None);
        assert_eq!(
            pa.municipality.counters.participants, whole.participants,
            "{id}: region"
        );
        assert_eq!(
            pa.municipality.counters.marks, whole.marks,
            "{id}: region marks"
        );
    }

    // One office's own site: exactly its schools, and the same figures as on the region's.
    let out = dir.path().join("barnaul");
    oko(&[
        "build",
        "--root",
        path(&root),
        "--municipality",
        "gorod-barnaul",
        "--out",
        path(&out),
        "--date",
        "2021-11-01",
    ])
    .assert_ok();
    let barnaul = project
        .municipality_index("gorod-barnaul")
        .expect("Барнаул");
    let mut expected: Vec<String> = project
        .schools_of(barnaul)
        .map(|s| project.schools[s].id.clone())
        .collect();
    expected.sort();
    let mut got: Vec<String> = std::fs::read_dir(out.join("schools"))
        .expect("schools")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    got.sort();
    assert_eq!(
        got, expected,
        "the municipality's site has exactly its schools"
    );
    let own = figures_table(&out.join("procedures/vpr-2021-math-5/index.html"));
    let on_region =
        figures_table(&root.join("public/municipalities/gorod-barnaul/vpr-2021-math-5/index.html"));
    assert_eq!(
        own.lines().nth(1),
        on_region.lines().nth(1),
        "the municipality's row"
    );
    assert!(own.contains("Регион"), "the region is the reference");
    let built = std::fs::read_to_string(out.join("open-data/marks.csv")).expect("marks.csv");
    no_site_gives_away_a_small_group(&site, &built);
}

/// The export's quoting is not what pages print (#32 point 16): «ёлочки» that pair up, no
/// space inside them, lists sorted by the printed name; the school file keeps the source.
fn names_are_printed_as_an_office_writes_them(root: &Path, project: &oko::model::Project) {
    let file = std::fs::read_to_string(root.join("data/schools/sch220165.yaml")).expect("school");
    assert!(
        file.contains(r#"short_name: "МБОУ \"Лицей \"\"Сигма\"""#),
        "{file}"
    );
    let page =
        std::fs::read_to_string(root.join("public/schools/sch220165/index.html")).expect("page");
    assert!(
        page.contains("<h1>МБОУ «Лицей «Сигма»»</h1>"),
        "the printed name heads the page"
    );
    for s in &project.schools {
        let name = &s.short_name;
        assert_eq!(
            name.matches('«').count(),
            name.matches('»').count(),
            "{name}"
        );
        assert!(
            !name.contains('"') && !name.contains("« ") && !name.contains(" »"),
            "{name}"
        );
        assert!(!name.contains("  "), "{name}");
    }
    let listing = std::fs::read_to_string(root.join("public/schools/index.html")).expect("schools");
    let first = listing.find("Верх-Ануйская ОСШ»").expect("listed");
    let earlier = listing
        .find("«Алейская")
        .or_else(|| listing.find("Барнаульский"))
        .expect("a school in А or Б");
    assert!(earlier < first, "«Верх-Ануйская» sorts under В, not first");
}

/// Settlement sizes read as the office prints them and sort by their bounds, not as
/// strings (#32 point 17).
fn cluster_values_are_labelled_and_ordered(root: &Path) {
    let page = std::fs::read_to_string(root.join("public/clusters/settlement_size/index.html"))
        .expect("clusters page");
    let text: Vec<String> = page
        .split('<')
        .filter_map(|p| p.split_once('>').map(|(_, t)| t.trim().to_string()))
        .filter(|t| t.ends_with("тыс. человек") || t.ends_with("тыс. чел"))
        .collect();
    let first: Vec<&str> = text.iter().take(8).map(String::as_str).collect();
    assert_eq!(
        first,
        [
            "менее 1 тыс. человек",
            "1–5 тыс. человек",
            "5–10 тыс. человек",
            "10–50 тыс. человек",
            "50–100 тыс. человек",
            "100–450 тыс. человек",
            "450–680 тыс. человек",
            "более 680 тыс. человек",
        ]
    );
    assert!(!page.contains("тыс. чел<"), "the questionnaire's cut label");
}

/// Without enrolment, Russia's benchmarks or exams, their columns and the choice section
/// are left out, and chart axes step by round numbers (#32 point 18).
fn nothing_empty_is_shown_or_linked(root: &Path) {
    let page =
        std::fs::read_to_string(root.join("public/schools/sch220165/vpr-2021-math-5/index.html"))
            .expect("school page");
    assert!(
        !page.contains("Доля от параллели"),
        "no enrolment, no share column"
    );
    assert!(
        !page.contains(">Россия<"),
        "no Russia benchmarks, no Russia column"
    );
    assert!(page.contains(">Регион<"), "the region's column stays");
    assert!(
        !root.join("public/choice").exists(),
        "no exams, no choice page"
    );
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert!(!home.contains("choice/index.html"), "nor a link to it");
    let procedure =
        std::fs::read_to_string(root.join("public/procedures/vpr-2021-math-5/index.html"))
            .expect("procedure page");
    let labels: Vec<u64> = procedure
        .split("</text>")
        .filter_map(|t| t.rsplit('>').next()?.trim().parse().ok())
        .filter(|n| *n >= 100)
        .collect();
    assert!(!labels.is_empty(), "the histogram has count labels");
    for n in labels {
        assert_eq!(n % 100, 0, "axis label {n} is not a round number");
    }
}

/// The region's report lists its schools under their municipalities (#32 point 5): the
/// two «Алексеевская СОШ» of Благовещенский and Петропавловский районы are told apart.
fn schools_are_listed_under_their_municipality(root: &Path) {
    let page = std::fs::read_to_string(root.join("public/procedures/vpr-2021-math-5/index.html"))
        .expect("procedure page");
    let schools = &page[page.find("id=\"schools\"").expect("schools section")..];
    let headings: Vec<&str> = schools
        .split("<h3><a href=\"../../municipalities/")
        .skip(1)
        .map(|h| h.split('/').next().unwrap_or_default())
        .collect();
    assert!(
        headings.len() >= 70,
        "{} municipality headings",
        headings.len()
    );
    // The heading a school's line stands under: the last one before it.
    let under = |at: usize| {
        schools[..at]
            .rsplit("<h3><a href=\"../../municipalities/")
            .next()
            .and_then(|h| h.split('/').next())
            .map(str::to_string)
    };
    let alekseevskaya: Vec<Option<String>> = schools
        .match_indices("Алексеевская СОШ")
        .map(|(at, _)| under(at))
        .collect();
    assert_eq!(
        alekseevskaya,
        [
            Some("blagoveshchenskiy-munitsipalnyy-rayon".to_string()),
            Some("petropavlovskiy-munitsipalnyy-rayon".to_string())
        ]
    );
}

/// No page or data file of the site holds a C0 control character (#37 point 5): the
/// questionnaire's `_x0002_` escapes and raw controls are cleaned where files are read.
fn no_text_file_holds_a_control_character(site: &Path) {
    let mut checked = 0;
    for file in common::files(site) {
        let text_kind = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["html", "csv", "json", "svg", "xml", "txt"].contains(&e));
        if !text_kind {
            continue;
        }
        let bytes = std::fs::read(site.join(&file)).expect("file");
        let control = bytes
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        assert_eq!(control, None, "{}: a control character", file.display());
        checked += 1;
    }
    assert!(checked > 2000, "{checked} text files checked");
}

/// The schools as the public knows them: municipality and clusters (their pages say so).
fn members(project: &oko::model::Project) -> BTreeMap<String, Member> {
    project
        .schools
        .iter()
        .map(|s| {
            let member = Member {
                municipality: s
                    .municipality_index
                    .map(|m| project.municipalities[m].id.clone()),
                clusters: s
                    .attributes
                    .iter()
                    .map(|(a, v)| format!("{a}={v}"))
                    .collect(),
            };
            (s.id.clone(), member)
        })
        .collect()
}

/// The rows of a marks table that two sites share (the region, municipalities, schools,
/// grades), by their identifying cells.
fn shared_rows(csv: &str) -> BTreeMap<String, String> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let municipality = header
        .iter()
        .position(|h| *h == "municipality")
        .expect("column");
    lines
        .filter(|line| line.split(',').nth(1) != Some("cluster"))
        .map(|line| {
            let c: Vec<&str> = line.split(',').collect();
            let key = format!("{}|{}|{}|{}|{}", c[0], c[1], c[2], c[4], c[municipality]);
            (key, line.to_string())
        })
        .collect()
}

/// The region's site and every municipality's own site of the real region, held together
/// by an adversary who solves every sum between their published groups: nothing under
/// `min_group` comes out, no site shows such a group, the rows they share are the same
/// bytes, and the built municipality site's table is the one its library path makes.
fn no_site_gives_away_a_small_group(site: &oko::site::Site, built_barnaul: &str) {
    let project = &site.project;
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 11, 1).expect("date");
    let public = oko::config::Audience::Public;
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8");
    let region =
        text(oko::site::marks_table(project, &site.analyse(public, as_of)).expect("marks"));
    let mut sites = vec![(SiteKind::Whole, region.clone())];
    let region_rows = shared_rows(&region);
    for m in &project.municipalities {
        let (part, published) = site
            .municipality_site(&m.id, public, as_of)
            .unwrap_or_else(|e| panic!("{}: {e}", m.id));
        let own = text(oko::site::marks_table(&part, &published).expect("marks"));
        if m.id == "gorod-barnaul" {
            assert_eq!(own, built_barnaul, "the built site's marks.csv");
        }
        for (key, row) in shared_rows(&own) {
            assert_eq!(region_rows.get(&key), Some(&row), "{}: the row {key}", m.id);
        }
        sites.push((SiteKind::Municipality(m.id.clone()), own));
    }
    let min_group = i64::from(project.config.min_group);
    let found = adversary::attack(&sites, &members(project), min_group);
    assert!(
        found
            .derived
            .iter()
            .any(|(_, key, _)| matches!(key, Key::Cluster(..))),
        "the adversary solves sums (a cluster of few schools is its schools' sum)"
    );
    assert_eq!(
        found.leaks(min_group),
        Vec::<&(String, Key, [i64; 5])>::new(),
        "derived small groups"
    );
    assert!(found.conflicts.is_empty(), "{:?}", found.conflicts);
    assert!(found.mismatched.is_empty(), "{:?}", found.mismatched);
    assert!(
        found.small_published.is_empty(),
        "{:?}",
        found.small_published
    );
}

/// The adversary is no test that cannot fail: a municipality's site that hides one small
/// school beside a published one, and a region's site that publishes the municipality,
/// give the small school away — and a shown/hidden disagreement is seen.
#[test]
fn the_adversary_finds_a_school_left_to_subtraction() {
    let header = "procedure,level,school,cluster,grade,class,participants,suppressed,n2,n3,n4,n5,municipality";
    let region = format!(
        "{header}\nw,region,,,,,60,0,5,20,20,15,\nw,municipality,,,,,30,0,1,10,10,9,m1\n\
         w,municipality,,,,,30,0,4,10,10,6,m2\nw,school,a,,,,25,0,1,8,8,8,m1\n\
         w,school,b,,,,,1,,,,,m1\nw,school,c,,,,30,0,4,10,10,6,m2\n"
    );
    let own = format!("{header}\nw,municipality,,,,,,1,,,,,\nw,school,a,,,,25,0,1,8,8,8,m1\n");
    let members: BTreeMap<String, Member> = [("a", "m1"), ("b", "m1"), ("c", "m2")]
        .map(|(s, m)| {
            let member = Member {
                municipality: Some(m.to_string()),
                clusters: Vec::new(),
            };
            (s.to_string(), member)
        })
        .into_iter()
        .collect();
    let sites = [
        (SiteKind::Whole, region),
        (SiteKind::Municipality("m1".into()), own),
    ];
    let found = adversary::attack(&sites, &members, 10);
    let leaks = found.leaks(10);
    assert_eq!(leaks.len(), 1, "{:?}", found.derived);
    assert_eq!(leaks[0].1, Key::School("b".into()));
    assert_eq!(leaks[0].2, [5, 0, 2, 2, 1]);
    assert_eq!(
        found.mismatched,
        [("w".to_string(), Key::Municipality("m1".into()))]
    );
}

/// The first row of the main figures table, as text.
fn figures_table(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html
        .find("<table class=\"figures\"")
        .expect("figures table");
    let end = html[start..].find("</table>").expect("end") + start;
    html[start..end]
        .split("<tr")
        .map(|row| {
            let text: String = row
                .split('<')
                .filter_map(|part| part.split_once('>').map(|(_, t)| t.trim()))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            text
        })
        .filter(|t| !t.is_empty())
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small region from the fixture: two municipalities, pages for each, no ranking.
fn small_region() -> Fixture {
    let f = Fixture::new();
    f.remove("data/municipality.yaml");
    f.write(
        "data/region.yaml",
        "name: \"Тестовая область\"\noffice: \"Министерство образования\"\n",
    );
    f.write(
        "data/municipalities/north.yaml",
        "name: \"Северный район\"\n",
    );
    f.write("data/municipalities/south.yaml", "name: \"Южный район\"\n");
    for (school, m) in [("sch01", "north"), ("sch02", "south")] {
        let rel = format!("data/schools/{school}.yaml");
        let text = std::fs::read_to_string(f.path(&rel)).expect("school");
        f.write(&rel, &format!("{text}municipality: {m}\n"));
    }
    f
}

#[test]
fn a_region_has_a_page_per_municipality_and_hides_across_levels() {
    let f = small_region();
    f.build(&[]).assert_ok();
    let read = |rel: &str| {
        std::fs::read_to_string(f.path(&format!("public/{rel}")))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let list = read("municipalities/index.html");
    let north = list.find("Северный район").expect("north");
    let south = list.find("Южный район").expect("south");
    assert!(north < south, "by name");
    assert!(read("municipalities/north/index.html").contains("СОШ № 1"));
    // South has one school of 3 participants (min_group 5): hidden, and so is South, whose
    // figures would be that school's; then North too, or the region minus North is South.
    let page = read("procedures/vpr-2025-test/index.html");
    assert!(
        page.contains("Муниципалитеты региона"),
        "the region page lists its municipalities"
    );
    let site = oko::site::Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let published = site.analyse(
        oko::config::Audience::Public,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date"),
    );
    let pa = &published.analysis.procedures[0];
    let hidden: Vec<bool> = pa.municipalities.iter().map(|a| a.group.hidden()).collect();
    assert_eq!(
        hidden,
        [true, true],
        "no municipality can be worked out from the region"
    );
    assert!(
        !f.path("public/schools/sch01/vpr-2025-test/5А").exists(),
        "no class pages in public"
    );
    assert!(read("schools/sch01/vpr-2025-test/index.html").contains("Регион"));
}

/// Roadmaps at three levels: the region's, a municipality's (on its page and its schools'
/// pages), a school's.
#[test]
fn roadmaps_belong_to_the_region_a_municipality_or_a_school() {
    let f = small_region();
    let measure = "measures:\n  - { id: \"1\", stage: обучающий, title: \"Курсы\", deadline: 2025-12-01, status: planned, addresses: [ { procedure: vpr-2025-test, skill: \"1.1\" } ] }\n";
    for (id, owner) in [
        ("rm-region", "region"),
        ("rm-north", "north"),
        ("rm-school", "sch01"),
    ] {
        f.write(
            &format!("data/roadmaps/{id}.yaml"),
            &format!("id: {id}\nowner: {owner}\ntitle: \"Карта {id}\"\nbased_on: [vpr-2025-test]\n{measure}"),
        );
    }
    f.build(&["--audience", "internal", "--out", path(&f.path("internal"))])
        .assert_ok();
    let read = |rel: &str| {
        std::fs::read_to_string(f.path(&format!("internal/{rel}")))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let north = read("municipalities/north/index.html");
    assert!(
        north.contains("Карта rm-north") && !north.contains("Карта rm-school"),
        "the municipality page lists its own"
    );
    let school = read("schools/sch01/index.html");
    assert!(
        school.contains("Карта rm-school") && school.contains("Карта rm-north"),
        "a school sees its own and its municipality's"
    );
    assert!(
        !read("schools/sch02/index.html").contains("Карта rm-north"),
        "not another municipality's"
    );
    assert!(
        read("roadmaps/rm-north/index.html").contains("Северный район"),
        "owner named"
    );
    f.write(
        "data/roadmaps/rm-x.yaml",
        &format!("id: rm-x\nowner: west\ntitle: \"X\"\n{measure}"),
    );
    f.check().assert_data_error(&["владелец «west» — не municipality (или region), не id муниципалитета региона и не id школы"]);
}

#[test]
fn region_set_up_errors_name_the_file_and_the_fix() {
    let f = small_region();
    f.write(
        "data/schools/sch02.yaml",
        "id: sch02\nname: \"Школа\"\nshort_name: \"Школа\"\n",
    );
    f.check().assert_data_error(&[
        "data/schools/sch02.yaml: в проекте региона у школы должен быть municipality: — id её муниципалитета из data/municipalities/",
    ]);
    f.write(
        "data/schools/sch02.yaml",
        "id: sch02\nname: \"Школа\"\nshort_name: \"Школа\"\nmunicipality: west\n",
    );
    f.check().assert_data_error(&["data/schools/sch02.yaml: неизвестный муниципалитет «west»: нет файла data/municipalities/west.yaml"]);
    f.write(
        "data/municipality.yaml",
        "name: \"Район\"\nregion: \"Область\"\noffice: \"Управление\"\n",
    );
    f.check().assert_data_error(&[
        "data/municipality.yaml: в проекте есть и data/region.yaml, и data/municipality.yaml",
    ]);
    let one = Fixture::new();
    let run = oko(&[
        "build",
        "--root",
        path(one.root()),
        "--municipality",
        "north",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("это проект одного муниципалитета, а не региона"),
        "{}",
        run.stderr
    );
}

/// A region or municipality file that fails to load gives its one error, at the line
/// to fix; the schools that name it are not reported again (#32 point 13).
#[test]
fn a_broken_area_file_gives_one_error_not_one_per_school() {
    let f = small_region();
    f.write(
        "data/region.yaml",
        "name: \"Тестовая область\"\noffice: \"Министерство\"\noffice: \"Второе\"\n",
    );
    let run = f.check();
    run.assert_data_error(&[
        "data/region.yaml, строка 3, позиция 1: ключ «office» указан дважды",
        "1 ошибка в данных.",
    ]);
    assert!(!run.stderr.contains("data/schools/"), "{}", run.stderr);
    let f = small_region();
    f.write(
        "data/municipalities/south.yaml",
        "name: \"Южный район\"\nname: \"Юг\"\n",
    );
    let run = f.check();
    run.assert_data_error(&[
        "data/municipalities/south.yaml, строка 2, позиция 1: ключ «name» указан дважды",
        "1 ошибка в данных.",
    ]);
    assert!(
        !run.stderr.contains("неизвестный муниципалитет"),
        "{}",
        run.stderr
    );
}

/// One municipality's internal site reads its schools' rows back from the region's, set
/// aside on disk, renumbered: its class pages show its own classes and pupils only.
#[test]
fn a_municipality_internal_site_has_its_own_classes() {
    let f = small_region();
    let out = f.path("north");
    let out_arg = out.to_str().expect("utf-8 path");
    f.build(&[
        "--audience",
        "internal",
        "--municipality",
        "north",
        "--out",
        out_arg,
    ])
    .assert_ok();
    let class = |k: usize| {
        let rel = format!("schools/sch01/vpr-2025-test/class-{k}/index.html");
        std::fs::read_to_string(out.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let (a, b) = (class(1), class(2));
    assert!(a.contains("5А") && b.contains("5Б"), "letters in row order");
    for code in ["1001", "1006"] {
        assert!(a.contains(code), "{code} on 5А's page");
        assert!(!b.contains(code), "{code} is not in 5Б");
    }
    assert!(b.contains("1007") && b.contains("1012"));
    assert!(!out.join("schools/sch01/vpr-2025-test/class-3").exists());
    assert!(
        !out.join("schools/sch02").exists(),
        "a school of the other municipality"
    );
    let all: String = common::files(&out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(out.join(p)).expect("page"))
        .collect();
    assert!(!all.contains("2001"), "a pupil of the other municipality");
}
