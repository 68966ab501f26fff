//! Report pages: a procedure for the municipality, a school in a procedure, and
//! (internal only) a class with its participants' notes.

use serde::Serialize;
use tera::Context;

use super::*;

/// The plain-language opening sentence of a procedure report.
pub(super) fn summary_sentence(p: &Procedure, group: &Group, whose: &str) -> String {
    let f = &group.figures;
    let n = f.participants;
    if group.hidden() {
        return format!(
            "{whose} результаты не публикуются ({}), чтобы нельзя было узнать результаты отдельных детей.",
            group.visibility.note()
        );
    }
    if let Some(t) = f.test.filter(|_| p.kind.uses_test_scores()) {
        return format!(
            "{whose} {} по предмету «{}» сдавали {} {}; средний тестовый балл — {}, не преодолели минимальный порог — {}.",
            p.kind.label(),
            p.subject,
            count(n),
            plural(n, "выпускник", "выпускника", "выпускников"),
            view::num(t.mean),
            pct(t.below_min)
        );
    }
    if let Some(passed) = f.passed {
        let i = f.intervals.passed.map(|i| crate::text::interval(i.whole));
        return format!(
            "{whose} в работе «{}» {} {} {}; зачёт получили {}{}.",
            p.title,
            plural(n, "участвовал", "участвовали", "участвовали"),
            count(n),
            plural(n, "участник", "участника", "участников"),
            pct(Some(passed)),
            i.map(|i| format!(" (с учётом случайности — {i} %)"))
                .unwrap_or_default()
        );
    }
    let chance = |i: Option<crate::privacy::Interval>| {
        i.map(|i| {
            format!(
                " (с учётом случайности — {} %)",
                crate::text::interval(i.whole)
            )
        })
        .unwrap_or_default()
    };
    format!(
        "{whose} в работе «{}» {} {} {}; {}{} справились с работой (отметки «3», «4» и «5»), {}{} получили «4» и «5».",
        p.title,
        plural(n, "участвовал", "участвовали", "участвовали"),
        count(n),
        plural(n, "обучающийся", "обучающихся", "обучающихся"),
        pct(f.success),
        chance(f.intervals.success),
        pct(f.quality),
        chance(f.intervals.quality)
    )
}

/// The key of a level's change since last year (kept for the area and schools).
pub(super) fn change_key(level: Level) -> Option<Option<usize>> {
    match level {
        Level::Area => Some(None),
        Level::Municipality(_) => None,
        Level::School(si) => Some(Some(si)),
    }
}

/// The region or municipality report of a procedure.
pub(super) fn procedure(site: &Reader, i: usize) -> PageJob {
    procedure_report(site, i, Level::Area)
}

/// A procedure for the whole area, or for one municipality of a region beside the region.
pub(super) fn procedure_report(site: &Reader, i: usize, level: Level) -> PageJob {
    let p = site.procedure(i);
    let pa = site.figures(i);
    let r = &site.results(i);
    let w = level_words(site);
    let top = &pa.municipality;
    let group = level.group(pa).unwrap_or(top);
    let (path, crumbs, whose) = match level {
        Level::Municipality(m) => {
            let area = &site.municipalities()[m];
            (
                municipality_procedure_href(area, p),
                vec![
                    home_crumb(),
                    Link::new("Муниципалитеты", "municipalities/index.html"),
                    Link::new(area.name.clone(), municipality_href(area)),
                ],
                format!("В муниципалитете «{}»", area.name),
            )
        }
        _ => (
            procedure_href(p),
            vec![
                home_crumb(),
                Link::new("Процедуры", "procedures/index.html"),
            ],
            capitalised(w.within),
        ),
    };
    let title = match level {
        Level::Municipality(m) => format!("{} — {}", p.title, site.municipalities()[m].name),
        _ => p.title.clone(),
    };
    let mut c = base(site, &path, &title, &crumbs);
    insert_procedure_facts(&mut c, p);
    c.insert("summary", &summary_sentence(p, group, &whose));
    let area_page = level != Level::Area;
    let own = if area_page {
        "Муниципалитет"
    } else {
        w.label
    };
    let mut compare = vec![FigureRow::new(own, None, group)];
    if area_page {
        compare.push(FigureRow::new("Регион", Some(procedure_href(p)), top));
    }
    compare.extend(benchmark_rows(p).filter(|row| !(w.region && row.label == "Регион")));
    c.insert("compare_caption", &compare_caption(own, &compare));
    c.insert("compare", &compare);
    let tasks = view::task_rows(p, group, top, None);
    c.insert(
        "labels",
        &serde_json::json!({
            "own": own,
            "reference": if area_page { "Регион" } else { "" },
            "region_column": !w.region,
            "columns": view::task_columns(&tasks),
        }),
    );
    c.insert("area_page", &area_page);
    c.insert("tasks", &tasks);
    c.insert("skills", &view::skill_rows(p, group, top));
    c.insert("deficits", &view::deficit_count(&group.figures));
    c.insert("histogram", &view::histogram(p, group));
    insert_dynamics(&mut c, site, i, level);
    insert_cohort(&mut c, site, i, level);
    insert_area_parts(&mut c, site, i, level);
    let mut groups = vec![(own.to_string(), group)];
    if area_page {
        groups.push(("Регион".to_string(), top));
    }
    let funnel = (!area_page).then(|| site.funnel(i)).flatten();
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &groups),
            "confirmation": graphs::confirmation("conf", &groups),
            "tasks": graphs::tasks(
                "tasks",
                p,
                area_page.then_some(("Муниципалитет", group)),
                (if area_page { "Регион" } else { w.label }, top),
            ),
            "by_mark": graphs::by_mark("bymark", p, group),
            "histogram": graphs::histogram("hist", p, group),
            "funnel": funnel.and_then(|f| {
                graphs::funnel("funnel", p, f, graphs::centre(site.is_region()))
            }),
        }),
    );
    c.insert("absent", &r.absent);
    c.insert("skipped", &r.skipped);
    c.insert("files", &r.files.len());
    c.insert("suppressed", &group.hidden());
    PageJob {
        path,
        template: "procedure.html",
        context: c,
    }
}

/// One municipality's schools in a region's report, under a link to its own report.
#[derive(Serialize)]
struct MunicipalitySchools {
    municipality: Link,
    schools: Vec<SchoolLine>,
}

/// A region's schools under their municipalities (both alphabetical): two schools of one
/// name in different municipalities are told apart, and a reader finds theirs by place.
fn by_municipality(site: &Reader, i: usize, lines: Vec<SchoolLine>) -> Vec<MunicipalitySchools> {
    let p = site.procedure(i);
    let mut groups: Vec<MunicipalitySchools> = site
        .municipalities()
        .iter()
        .map(|m| MunicipalitySchools {
            municipality: Link::new(m.name.clone(), municipality_procedure_href(m, p)),
            schools: Vec::new(),
        })
        .collect();
    // A region's every school has a municipality (load refuses one without).
    for (line, sg) in lines.into_iter().zip(&site.figures(i).schools) {
        if let Some(m) = site.schools()[sg.school].municipality_index {
            groups[m].schools.push(line);
        }
    }
    groups.retain(|g| !g.schools.is_empty());
    groups
}

/// What only the whole area's report has (clusters, objectivity, the funnel, every
/// municipality) and the schools the report lists.
fn insert_area_parts(c: &mut Context, site: &Reader, i: usize, level: Level) {
    let pa = site.figures(i);
    let area = level == Level::Area;
    let lines = school_lines(site, i);
    let lines: Vec<SchoolLine> = match level {
        Level::Municipality(m) => lines
            .into_iter()
            .zip(&pa.schools)
            .filter(|(_, sg)| site.schools()[sg.school].municipality_index == Some(m))
            .map(|(l, _)| l)
            .collect(),
        _ => lines,
    };
    if area && site.is_region() {
        c.insert("school_groups", &by_municipality(site, i, lines));
    } else {
        c.insert("schools", &lines);
    }
    c.insert(
        "funnel_summary",
        &area.then(|| funnel_summary(site, i)).flatten(),
    );
    let clusters = if area {
        cluster_tables(site, pa)
    } else {
        Vec::new()
    };
    c.insert("clusters", &clusters);
    c.insert("areas", &if area { area_rows(site, i) } else { Vec::new() });
    let counts: Vec<(&str, String)> = if area {
        site.sign_counts(i)
            .iter()
            .map(|&(title, n)| (title, crate::text::counted(n, "школа", "школы", "школ")))
            .collect()
    } else {
        Vec::new()
    };
    c.insert("sign_counts", &counts);
}

/// «в регионе» → «В регионе».
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
