//! `oko init` and `oko import`: from an empty folder and the office's own files to a site
//! whose figures equal an independent recount, with no YAML written by hand.

mod common;
mod real_common;

use std::path::Path;

use common::{Run, files, oko};
use real_common::*;

fn init(dir: &Path) -> Run {
    oko(&["init", dir.to_str().expect("utf-8")])
}

fn import(root: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import", "--root", root.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    oko(&all)
}

fn set_bad_rows_skip(root: &Path) {
    let path = root.join("oko.yaml");
    let text = std::fs::read_to_string(&path).expect("oko.yaml");
    std::fs::write(&path, text.replace("bad_rows: error", "bad_rows: skip")).expect("write");
}

fn snapshot(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files(root)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join(&f)).expect("read");
            (f, bytes)
        })
        .collect()
}

const BARNAUL: &str = "город Барнаул";

/// The Done-when of the issue for one municipality: init, import the export with its plan
/// and the questionnaire, build; every figure equals the recount of that municipality's rows.
#[test]
fn init_import_build_gives_the_recounted_figures_of_one_municipality() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    for (id, file, subject, grade) in EXPORTS {
        let export = real.join("altai_vpr_dev").join(file);
        let code = &id["vpr-2021-".len()..];
        let plan_file = real.join(format!("altai_vpr_plans_2021/plan_2021_{code}_ALL.xlsx"));
        let context = real.join("altai_school_context/altai_vpr2021_school_context_REDACTED.xlsx");
        let paths = [&export, &plan_file, &context].map(|p| p.to_str().expect("utf-8").to_string());
        // Математика with the flags of the issue; Русский язык from the file names alone.
        let mut args: Vec<&str> = if subject == "Математика" {
            vec![
                "--kind",
                "ВПР",
                "--subject",
                subject,
                "--grade",
                "5",
                "--year",
                "2021",
            ]
        } else {
            Vec::new()
        };
        args.extend(["--municipality", BARNAUL]);
        args.extend(paths.iter().map(String::as_str));
        let run = import(&root, &args);
        run.assert_ok();
        assert!(run.stdout.contains("(data/schools/)"), "{}", run.stdout);
        let _ = grade;
    }
    set_bad_rows_skip(&root);
    let out = root.join("public");
    let built = oko(&[
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--date",
        "2021-11-01",
    ]);
    built.assert_ok();
    assert!(!built.stderr.contains("нет эталонных"), "{}", built.stderr);
    // The exports carry no date: import wrote the usual one, and nobody confirmed it (point 14).
    assert!(
        built.stderr.contains(
            "предупреждение: data/procedures/2021/vpr-2021-math-5.yaml: дата работы не уточнена: \
             15.04.2021 — обычная дата, записанная oko import; впишите в date: день, когда писали \
             работу, и уберите date_unconfirmed: true (пока страницы пишут «дата не уточнена»)"
        ),
        "{}",
        built.stderr
    );
    let listing = std::fs::read_to_string(out.join("procedures/index.html")).expect("procedures");
    assert!(
        listing.contains("дата не уточнена"),
        "the guessed date is marked"
    );
    for file in files(&out) {
        let text =
            String::from_utf8_lossy(&std::fs::read(out.join(&file)).expect("read")).into_owned();
        assert!(
            !text.contains("15.04.2021") && !text.contains("2021-04-15"),
            "{}: the guessed date is published as a fact",
            file.display()
        );
    }

    let site = oko::site::Site::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2021, 11, 1).expect("date");
    let analysis = site.analyse(oko::config::Audience::Public, as_of).analysis;
    for (id, file, subject, grade) in EXPORTS {
        let proc_id = if subject == "Математика" {
            "vpr-2021-math-5"
        } else {
            "vpr-2021-rus-4"
        };
        let maxes: Vec<u32> = plan(&real, id).iter().map(|t| t.max).collect();
        let expected = independent(
            &real.join("altai_vpr_dev").join(file),
            &maxes,
            scale(&real, subject, grade),
            Some(BARNAUL),
        );
        assert!(expected.participants > 5_000, "{id}: {expected:?}");
        let i = site.project.procedure_index(proc_id).expect("procedure");
        let p = &site.project.procedures[i];
        assert_eq!(
            p.tasks.iter().map(|t| u32::from(t.max)).collect::<Vec<_>>(),
            maxes,
            "{id}: plan maxima"
        );
        assert!(
            p.scale_source
                .as_deref()
                .is_some_and(|s| s.contains("ФИОКО")),
            "{id}: official scale"
        );
        let results = &site.project.results[i];
        assert_eq!(u64::from(results.absent), expected.absent, "{id}: absent");
        assert_eq!(u64::from(results.skipped), expected.bad, "{id}: bad rows");
        let c = &analysis.procedures[i].municipality.counters;
        assert_eq!(c.participants, expected.participants, "{id}: participants");
        assert_eq!(c.marks, expected.marks, "{id}: marks");
        assert_eq!(c.task_sum, expected.task_sum, "{id}: task scores");
        let conf = &c.confirmation;
        assert_eq!(
            (conf.lowered, conf.confirmed, conf.raised),
            (expected.lowered, expected.confirmed, expected.raised),
            "{id}: confirmation"
        );
        // The region benchmark is the whole export, counted by the same rules.
        let whole = independent(
            &real.join("altai_vpr_dev").join(file),
            &maxes,
            scale(&real, subject, grade),
            None,
        );
        let region = p.benchmarks.region.as_ref().expect("region benchmark");
        for (m, &n) in whole.marks.iter().enumerate() {
            let tenths = (n * 2000 + whole.participants) / (2 * whole.participants);
            let want = tenths as f64 / 10.0;
            assert_eq!(
                region.marks[&(m as u8 + 2)],
                want,
                "{id}: region share of mark {}",
                m + 2
            );
        }
        let page = std::fs::read_to_string(out.join(format!("procedures/{proc_id}/index.html")))
            .expect("page");
        assert!(
            page.contains("официальная рекомендация: ФИОКО"),
            "{id}: scale source on the page"
        );
    }
    // The questionnaire named the schools and gave their settlement type.
    let school = std::fs::read_to_string(root.join("data/schools/sch220093.yaml")).expect("school");
    assert!(
        school.contains("short_name: \"МБОУ \\\"СОШ №13\\\"\""),
        "{school}"
    );
    assert!(school.contains("location: \"город\""), "{school}");
    let clusters =
        std::fs::read_to_string(out.join("clusters/location/index.html")).expect("clusters");
    assert!(clusters.contains("город"));
}

/// Import twice: nothing changes. Edit a file: import keeps the edit while it has nothing
/// new for it, refuses (writing nothing) when it has, and replaces it with --force.
#[test]
fn import_is_idempotent_and_never_overwrites_an_edit() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    let export = real.join("altai_vpr_dev/altai_2021_vpr_ru4_participants.xlsx");
    let plan_file = real.join("altai_vpr_plans_2021/plan_2021_ru4_ALL.xlsx");
    let (export, plan_file) = (
        export.to_str().expect("utf-8"),
        plan_file.to_str().expect("utf-8"),
    );
    import(&root, &["--municipality", BARNAUL, export, plan_file]).assert_ok();
    let first = snapshot(&root);
    let again = import(&root, &["--municipality", BARNAUL, export, plan_file]);
    again.assert_ok();
    assert!(
        again.stdout.lines().all(|l| l.starts_with("без изменений")),
        "{}",
        again.stdout
    );
    assert_eq!(snapshot(&root), first, "a second import changed files");

    let procedure = root.join("data/procedures/2021/vpr-2021-rus-4.yaml");
    let edited = std::fs::read_to_string(&procedure).expect("read").replace(
        "date: 2021-04-15\ndate_unconfirmed: true\n",
        "date: 2021-04-20\n",
    );
    assert!(edited.contains("date: 2021-04-20\n"), "{edited}");
    std::fs::write(&procedure, &edited).expect("edit");
    import(&root, &[export, plan_file]).assert_ok();
    assert_eq!(
        std::fs::read_to_string(&procedure).expect("read"),
        edited,
        "the edit was lost"
    );

    let before = snapshot(&root);
    let refused = import(&root, &["--date", "2021-04-22", export, plan_file]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("oko не записал ничего"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("vpr-2021-rus-4.yaml — уйдут строки «# Дата проведения: в файлах ФИС ОКО её нет — записана обычная для такой работы.», «# Впишите настоящую дату и уберите date_unconfirmed (до тех пор страницы пишут «дата не уточнена»).», «date: 2021-04-20»; появятся «date: 2021-04-22»"),
        "{}",
        refused.stderr
    );
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
    import(
        &root,
        &["--force", "--date", "2021-04-22", export, plan_file],
    )
    .assert_ok();
    assert!(
        std::fs::read_to_string(&procedure)
            .expect("read")
            .contains("date: 2021-04-22")
    );
}

/// The next work arrives without the questionnaire (as it does in an office): the school
/// files an earlier import wrote keep their names, addresses and clusters.
#[test]
fn a_re_import_without_the_questionnaire_keeps_what_the_school_files_say() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    let arg = |rel: &str| real.join(rel).to_str().expect("utf-8").to_string();
    let context = arg("altai_school_context/altai_vpr2021_school_context_REDACTED.xlsx");
    let work = |code: &str| {
        [
            arg(&format!(
                "altai_vpr_dev/altai_2021_vpr_{code}_participants.xlsx"
            )),
            arg(&format!("altai_vpr_plans_2021/plan_2021_{code}_ALL.xlsx")),
        ]
    };
    let [export, plan_file] = work("ru4");
    import(
        &root,
        &["--municipality", BARNAUL, &export, &plan_file, &context],
    )
    .assert_ok();
    let schools = |root: &Path| -> Vec<(std::path::PathBuf, String)> {
        snapshot(root)
            .into_iter()
            .filter(|(p, _)| p.starts_with("data/schools"))
            .map(|(p, b)| (p, String::from_utf8(b).expect("utf-8")))
            .collect()
    };
    let first = schools(&root);
    assert!(first.len() > 50, "{}", first.len());
    assert!(
        first.iter().all(|(_, t)| t.contains("attributes:")),
        "the questionnaire's clusters"
    );
    let [export, plan_file] = work("ma5");
    let second = import(&root, &["--municipality", BARNAUL, &export, &plan_file]);
    second.assert_ok();
    let after: std::collections::BTreeMap<_, _> = schools(&root).into_iter().collect();
    for (path, text) in &first {
        assert_eq!(after.get(path), Some(text), "{} changed", path.display());
    }
}

/// A regional export in a one-municipality project: refused with the list until
/// --municipality picks one that the file has; nothing is written meanwhile.
#[test]
fn a_regional_export_needs_its_municipality_named() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    let before = snapshot(&root);
    let export = real.join("altai_vpr_dev/altai_2021_vpr_ma5_participants.xlsx");
    let plan_file = real.join("altai_vpr_plans_2021/plan_2021_ma5_ALL.xlsx");
    let (export, plan_file) = (
        export.to_str().expect("utf-8"),
        plan_file.to_str().expect("utf-8"),
    );
    let run = import(&root, &[export, plan_file]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("в файле результатов 71 муниципалитет, а проект — одного: выберите его параметром --municipality, например --municipality \"Алейский муниципальный район\"\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\n  город Барнаул — 7867 строк\n"),
        "{}",
        run.stderr
    );
    let part = import(&root, &["--municipality", "Барнаул", export, plan_file]);
    assert_eq!(part.code, 1);
    assert!(
        part.stderr.contains(
            "в файлах результатов нет муниципалитета «Барнаул»; похоже, это «город Барнаул» (7867 строк): \
             повторите с --municipality \"город Барнаул\""
        ),
        "{}",
        part.stderr
    );
    let wrong = import(
        &root,
        &["--municipality", "город Барнаулъ", export, plan_file],
    );
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.contains(
            "в файлах результатов нет муниципалитета «город Барнаулъ»; похоже, это «город Барнаул»"
        ),
        "{}",
        wrong.stderr
    );
    assert_eq!(snapshot(&root), before, "a refused import wrote files");
}

/// Small files of oko's own form: what import says when it cannot go on.
#[test]
fn import_errors_name_what_is_missing() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    let not_yet = import(&root, &["x.csv"]);
    assert_eq!(not_yet.code, 1);
    assert!(
        not_yet
            .stderr
            .contains("здесь нет проекта oko (oko.yaml): создайте его командой oko init"),
        "{}",
        not_yet.stderr
    );

    init(&root).assert_ok();
    let again = init(&root);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("здесь уже есть проект"),
        "{}",
        again.stderr
    );

    let results = dir.path().join("results.csv");
    std::fs::write(&results, "school,participant,1,2\nsch1,1,1,0\n").expect("write");
    let r = results.to_str().expect("utf-8");
    let unknown = import(&root, &[r]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("неизвестно, какая это работа: имена файлов этого не говорят; укажите --kind (ВПР, ОГЭ, ЕГЭ, …), --subject, --grade, --year"),
        "{}",
        unknown.stderr
    );
    let no_plan = import(
        &root,
        &[
            "--kind",
            "ВПР",
            "--subject",
            "Физика",
            "--grade",
            "7",
            "--year",
            "2021",
            r,
        ],
    );
    assert!(
        no_plan
            .stderr
            .contains("для vpr-2021-phys-7 нет плана работы"),
        "{}",
        no_plan.stderr
    );
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, "a,b\n1,2\n").expect("write");
    let odd_run = import(&root, &[odd.to_str().expect("utf-8")]);
    assert_eq!(odd_run.code, 1);
    assert!(
        odd_run
            .stderr
            .contains("odd.csv: не похоже ни на результаты"),
        "{}",
        odd_run.stderr
    );
    assert!(
        odd_run.stderr.contains("заголовки: «a», «b»"),
        "{}",
        odd_run.stderr
    );
    let conflict = dir.path().join("ВПР 2021 математика 6 класс.csv");
    std::fs::write(&conflict, "school,participant\nsch1,1\n").expect("write");
    let c = import(&root, &["--grade", "5", conflict.to_str().expect("utf-8")]);
    assert!(
        c.stderr.contains(
            "имя файла называет другую работу, чем остальные файлы или параметры — класс: «5» и «6»"
        ),
        "{}",
        c.stderr
    );
    assert!(
        !root.join("data/procedures/2021").exists(),
        "nothing written"
    );
}

/// The other kinds of file in ../shared/real: the 2022 questionnaire (another layout) is
/// read as a questionnaire, not as results; a 2022 school protocol form names its work from
/// its file name and, without a plan, import says which plan it needs; with the same work's
/// plan of 2021 it imports and builds with no YAML written by hand.
#[test]
fn the_2022_questionnaire_and_protocol_forms_are_recognised() {
    let Some(real) = real() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    let context = real.join("altai_school_context/altai_vpr2022_school_context_REDACTED.xlsx");
    let run = import(&root, &[context.to_str().expect("utf-8")]);
    run.assert_ok();
    assert!(
        !root
            .join("data/procedures")
            .read_dir()
            .expect("dir")
            .any(|_| true),
        "no procedure from a questionnaire"
    );
    let form = real.join("altai_vpr_2022_fisoko_forms/altai_2022_g5_Математика.xlsx");
    let run = import(&root, &["--kind", "ВПР", form.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "для vpr-2022-math-5 нет плана работы: добавьте таблицу плана ФИОКО (…_ALL.xlsx)"
        ),
        "{}",
        run.stderr
    );
    // The 2021 plan is the same work's (#32 point 15): taken, with the 2021 official scale
    // written out, the form's «Дата загрузки» as the date, and the site builds unedited.
    let plan_2021 = real.join("altai_vpr_plans_2021/plan_2021_ma5_ALL.xlsx");
    let run = import(
        &root,
        &[
            "--kind",
            "ВПР",
            form.to_str().expect("utf-8"),
            plan_2021.to_str().expect("utf-8"),
        ],
    );
    run.assert_ok();
    assert!(
        run.stdout.contains(
            "проверьте: для vpr-2022-math-5 взят план 2021 года (" 
        ) && run.stdout.contains(
            "): плана 2022 года среди файлов нет; сборка сверит его задания со столбцами выгрузки"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("дата не уточнена"), "{}", run.stdout);
    let procedure = std::fs::read_to_string(root.join("data/procedures/2022/vpr-2022-math-5.yaml"))
        .expect("procedure file");
    for line in [
        "date: 2022-03-17\n",
        "school_year: \"2021/22\"\n",
        "# Дата проведения: по «Дата загрузки» формы ФИС ОКО (17.03.2022)",
        "# Шкала: официальной шкалы 2022 года в oko нет; взята официальная шкала 2021 года того же плана",
        "scale: { 3: 7, 4: 11, 5: 15 }\n",
    ] {
        assert!(procedure.contains(line), "{line}: {procedure}");
    }
    assert!(!procedure.contains("date_unconfirmed"), "{procedure}");
    let out = dir.path().join("site");
    common::build_site(&root, &out, &[]);
    let page = std::fs::read_to_string(out.join("procedures/vpr-2022-math-5/index.html"))
        .expect("the work's page");
    assert!(page.contains("17.03.2022"), "the work's date on its page");
}

/// `oko roadmap new`: a skeleton with the five stages, standard deadlines and the owner's
/// deficits, valid at once, never written over an edit; unknown ids are named.
#[test]
fn roadmap_new_writes_a_valid_skeleton() {
    let dir = common::demo_copy();
    let root = dir.path();
    let r = root.to_str().expect("utf-8");
    let run = oko(&[
        "roadmap",
        "new",
        "--root",
        r,
        "--procedure",
        "vpr-2025-math-5",
    ]);
    run.assert_ok();
    assert!(
        run.stdout.contains("data/roadmaps/rm-vpr-2025-math-5.yaml"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(root.join("data/roadmaps/rm-vpr-2025-math-5.yaml"))
        .expect("roadmap");
    for stage in [
        "аналитический",
        "организационно-методический",
        "обучающий",
        "оценочный",
        "рефлексивный",
    ] {
        assert!(text.contains(&format!("stage: {stage}")), "{stage}");
    }
    assert!(
        text.contains("deadline: 2025-05-13")
            && text.contains("deadline: 2025-05-22")
            && text.contains("deadline: 2025-05-31")
            && text.contains("deadline: 2025-12-25"),
        "{text}"
    );
    oko(&["check", "--root", r]).assert_ok();
    let again = oko(&[
        "roadmap",
        "new",
        "--root",
        r,
        "--procedure",
        "vpr-2025-math-5",
    ]);
    again.assert_ok();
    let unknown = oko(&["roadmap", "new", "--root", r, "--procedure", "vpr-1999"]);
    assert!(
        unknown
            .stderr
            .contains("--procedure vpr-1999: нет такой процедуры; есть:"),
        "{}",
        unknown.stderr
    );
    let owner = oko(&[
        "roadmap",
        "new",
        "--root",
        r,
        "--procedure",
        "vpr-2025-math-5",
        "--owner",
        "nobody",
    ]);
    assert!(
        owner
            .stderr
            .contains("--owner nobody: ожидается municipality"),
        "{}",
        owner.stderr
    );
    // Each owner its own measures: the municipality's speak of its methodological service
    // and of schools with low results, never of a school's deputy head or its ВСОКО.
    assert!(
        text.contains("муниципальной методической службы")
            && text.contains("Сопровождение школ с низкими образовательными результатами")
            && !text.contains("Заместитель руководителя")
            && !text.contains("педагогического совета"),
        "{text}"
    );
    oko(&[
        "roadmap",
        "new",
        "--root",
        r,
        "--procedure",
        "vpr-2025-math-5",
        "--owner",
        "sch640101",
    ])
    .assert_ok();
    let school =
        std::fs::read_to_string(root.join("data/roadmaps/rm-vpr-2025-math-5-sch640101.yaml"))
            .expect("school roadmap");
    // Pupils and classes within 2 weeks, the school within 3, programmes within a month.
    assert!(
        school.contains("Анализ результатов в разрезе каждого класса")
            && school.contains("deadline: 2025-05-06")
            && school.contains("deadline: 2025-05-13")
            && school.contains("deadline: 2025-05-22")
            && school.contains("Протокол педагогического совета")
            && !school.contains("методической службы"),
        "{school}"
    );
    oko(&["check", "--root", r]).assert_ok();
}

/// A new project builds at once, with a home page that says there are no results yet.
#[test]
fn a_new_project_builds_at_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("p");
    init(&root).assert_ok();
    oko(&["build", "--root", root.to_str().expect("utf-8")]).assert_ok();
    let home = std::fs::read_to_string(root.join("public/index.html")).expect("home");
    assert!(home.contains("Результатов пока нет"));
}
