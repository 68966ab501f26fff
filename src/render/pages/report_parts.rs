//! The parts every report of one work shares, whoever it is about: the facts of the
//! procedure, its dynamics over the years, the cohort a grade earlier, the cluster tables
//! and the benchmark rows (Регион, Россия) with their caption.

use tera::Context;

use super::*;

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
        format!("{}, {}", q.grade_label(), q.school_year)
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
        "grade_label": p.grade_label(),
        "pupils_note": p.pupils_note(),
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
