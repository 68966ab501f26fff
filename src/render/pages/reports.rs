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
fn change_key(level: Level) -> Option<Option<usize>> {
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

/// Rows and a chart of the procedure's figures over the years, for one level; nothing when
/// there is only one year.
pub(super) fn insert_dynamics(c: &mut Context, site: &Reader, i: usize, level: Level) {
    let groups: Vec<(String, &Group)> = site
        .series(i)
        .iter()
        .filter_map(|&j| {
            let group = level.group(site.figures(j))?;
            Some((site.procedure(j).school_year.clone(), group))
        })
        .collect();
    if groups.len() < 2 {
        c.insert("dynamics", &Option::<()>::None);
        return;
    }
    let rows: Vec<FigureRow> = groups
        .iter()
        .map(|(y, g)| FigureRow::new(y.clone(), None, g))
        .collect();
    let chart = graphs::dynamics("dyn", site.procedure(i), &groups);
    let change = change_key(level).and_then(|school| change_sentence(site, i, school));
    c.insert(
        "dynamics",
        &serde_json::json!({ "rows": rows, "chart": chart, "change": change }),
    );
}

/// The same cohort a grade earlier (grade 4 in 2023/24 → grade 5 in 2024/25): rows and a chart.
pub(super) fn insert_cohort(c: &mut Context, site: &Reader, i: usize, level: Level) {
    let group_of = |j: usize| level.group(site.figures(j));
    let label = |j: usize| {
        let q = site.procedure(j);
        format!("{} класс, {}", q.grade, q.school_year)
    };
    let previous = site.cohort(i);
    let pair: Option<Vec<(String, &Group)>> =
        previous.and_then(|j| Some(vec![(label(j), group_of(j)?), (label(i), group_of(i)?)]));
    match pair {
        Some(groups) => {
            let rows: Vec<FigureRow> = groups
                .iter()
                .map(|(l, g)| FigureRow::new(l.clone(), None, g))
                .collect();
            let chart = graphs::cohort("cohort", site.procedure(i), &groups);
            c.insert(
                "cohort",
                &serde_json::json!({ "rows": rows, "chart": chart }),
            );
        }
        None => c.insert("cohort", &Option::<()>::None),
    }
}

pub(super) fn insert_procedure_facts(c: &mut Context, p: &Procedure) {
    c.insert("procedure", &serde_json::json!({
        "id": p.id,
        "title": p.title,
        "kind": p.kind.label(),
        "subject": p.subject,
        "grade": p.grade,
        "school_year": p.school_year,
        "date": p.date_text(),
        "max": p.max_primary(),
        "tasks": p.tasks.len(),
        "elective": p.elective,
        "uses_test_scores": p.kind.uses_test_scores(),
        "mode": view::figures_mode(p),
        "pass_rule": pass_rule_words(p),
        "levels": p.levels.map(|l| serde_json::json!({"basic": l.basic, "advanced": l.advanced})),
        "has_marks": p.has_marks(),
        "min_score": p.min_score,
        "scale": p.scale.iter().map(|(m, s)| serde_json::json!({"mark": m, "from": s})).collect::<Vec<_>>(),
        "scale_source": p.scale_source,
        "href": procedure_href(p),
    }));
}

/// The pass rule in words: «зачёт — от 10 баллов».
fn pass_rule_words(p: &Procedure) -> Option<String> {
    let rule = p.pass.as_ref()?;
    let mut parts = Vec::new();
    if rule.min_score > 0 {
        parts.push(format!(
            "не меньше {} баллов из {}",
            rule.min_score,
            p.max_primary()
        ));
    }
    if !rule.required.is_empty() {
        parts.push(format!("зачёт по критериям {}", rule.required.join(", ")));
    }
    if rule.min_other > 0 {
        parts.push(format!("и ещё хотя бы по {} из остальных", rule.min_other));
    }
    Some(format!("зачёт — {}", parts.join(" ")))
}

#[derive(Serialize)]
pub(super) struct ClusterTable {
    attribute: String,
    label: String,
    rows: Vec<FigureRow>,
}

pub(super) fn cluster_tables(site: &Reader, pa: &ProcedureAnalysis) -> Vec<ClusterTable> {
    site.attributes()
        .iter()
        .map(|a| ClusterTable {
            label: attribute_label(a),
            rows: pa
                .clusters
                .iter()
                .filter(|c| c.attribute == *a)
                .map(|c| FigureRow::new(c.value.clone(), None, &c.group))
                .collect(),
            attribute: a.clone(),
        })
        .filter(|t| !t.rows.is_empty())
        .collect()
}

/// Rows of the main figures for the region and Russia: only where their marks are given
/// (an ЕГЭ's benchmarks have task figures alone, and a row of dashes would claim a comparison).
pub(super) fn benchmark_rows(p: &Procedure) -> impl Iterator<Item = FigureRow> + '_ {
    [
        ("Регион", &p.benchmarks.region),
        ("Россия", &p.benchmarks.russia),
    ]
    .into_iter()
    .filter_map(|(label, b)| {
        b.as_ref()
            .filter(|b| !b.marks.is_empty())
            .map(|b| FigureRow::benchmark(label, b))
    })
}

/// «Школа в сравнении с муниципалитетом, регионом и Россией» — naming only the rows there are.
pub(super) fn compare_caption(own: &str, rows: &[FigureRow]) -> String {
    let has = |label: &str| rows.iter().any(|r| r.label == label);
    let mut with: Vec<&str> = Vec::new();
    if rows.iter().any(|r| r.label.starts_with("Школы:")) {
        with.push("школами в похожих условиях");
    }
    for (label, name) in [
        ("Муниципалитет", "муниципалитетом"),
        ("Регион", "регионом"),
        ("Россия", "Россией"),
    ] {
        if has(label) && label != own {
            with.push(name);
        }
    }
    // «со школами», «с муниципалитетом»: the preposition follows the first word.
    let with_ = |first: &str| {
        if first.starts_with("школ") {
            "со"
        } else {
            "с"
        }
    };
    match with.split_last() {
        None => format!("Основные показатели: {}", own.to_lowercase()),
        Some((last, [])) => format!("{own} в сравнении {} {last}", with_(last)),
        Some((last, rest)) => format!(
            "{own} в сравнении {} {} и {last}",
            with_(rest[0]),
            rest.join(", ")
        ),
    }
}
