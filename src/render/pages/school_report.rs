//! A school in a procedure — beside its clusters, its municipality, the region and Russia —
//! and (internal only) each of its classes with its participants' notes.

use super::*;

pub(super) fn school_procedure(site: &Reader, i: usize, si: usize) -> PageJob {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let path = school_procedure_href(s, p);
    let crumbs = [
        home_crumb(),
        Link::new("Школы", "schools/index.html"),
        Link::new(s.short_name.clone(), school_href(s)),
    ];
    let mut c = base(
        site,
        &path,
        &format!("{} — {}", p.title, s.short_name),
        &crumbs,
    );
    insert_procedure_facts(&mut c, p);
    let sg = pa
        .school(si)
        .expect("school pages are made only for schools with results");
    c.insert("school", &school_item(s, site.attributes()));
    c.insert("summary", &summary_sentence(p, &sg.group, "В школе"));
    grade_tables(site, i, si, &mut c);
    let (_, reference) = reference(site, pa, i, si);
    c.insert("deficits", &view::deficit_count(&sg.group.figures));
    c.insert("histogram", &view::histogram(p, &sg.group));
    insert_dynamics(&mut c, site, i, Level::School(si));
    insert_cohort(&mut c, site, i, Level::School(si));
    let pair = [
        (s.short_name.clone(), &sg.group),
        ("Муниципалитет".to_string(), reference),
    ];
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &pair),
            "confirmation": graphs::confirmation("conf", &pair),
            "tasks": graphs::tasks("tasks", p, Some(("Школа", &sg.group)), ("Муниципалитет", reference)),
            "by_mark": graphs::by_mark("bymark", p, &sg.group),
            "histogram": graphs::histogram("hist", p, &sg.group),
            "funnel": site.funnel(i).and_then(|f| {
                let own = (si, graphs::centre(site.is_region()));
                graphs::school_funnel("funnel", p, f, own, &crate::render::root_prefix(&path))
            }),
        }),
    );
    c.insert("spread", &school_spread(site, i, si));
    let against = if site.is_region() {
        "муниципалитета и региона"
    } else {
        "муниципалитета"
    };
    c.insert("spread_against", against);
    // Only the internal build lists classes; the public one does not even make them.
    let classes: Vec<FigureRow> = if sg.class_letters.is_empty() {
        Vec::new()
    } else {
        let classes = site.classes(i, si);
        let row = |(k, (letter, g)): (usize, &(String, _))| {
            FigureRow::new(class_label(p, letter), Some(class_href(s, p, k)), g)
        };
        classes.as_slice().iter().enumerate().map(row).collect()
    };
    c.insert("classes", &classes);
    if site.audience() == Audience::Internal {
        c.insert("print_href", &print_href(s, p));
    }
    PageJob {
        path,
        template: "school_procedure.html",
        context: c,
    }
}

/// The school beside its clusters, the municipality, the region and Russia.
pub(super) fn school_compare(site: &Reader, i: usize, si: usize) -> Vec<FigureRow> {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let Some(sg) = pa.school(si) else {
        return Vec::new();
    };
    let mut compare = vec![FigureRow::new(s.short_name.clone(), None, &sg.group)];
    for (attribute, value) in &s.attributes {
        if let Some(cg) = pa.cluster(attribute, value) {
            compare.push(FigureRow::new(
                format!(
                    "Школы: {} — {value}",
                    attribute_label(attribute).to_lowercase()
                ),
                None,
                &cg.group,
            ));
        }
    }
    let (href, reference) = reference(site, pa, i, si);
    compare.push(FigureRow::new("Муниципалитет", href, reference));
    let region = site.is_region();
    if region {
        compare.push(FigureRow::new(
            "Регион",
            Some(procedure_href(p)),
            &pa.municipality,
        ));
    }
    compare.extend(benchmark_rows(p).filter(|row| !(region && row.label == "Регион")));
    compare
}

/// Column labels of the task and skill tables of a school's or class's report, with the
/// reference columns its task rows fill.
pub(super) fn school_labels(own: &str, tasks: &[view::TaskRow]) -> serde_json::Value {
    serde_json::json!({
        "own": own,
        "reference": "Муниципалитет",
        "region_column": true,
        "columns": view::task_columns(tasks),
    })
}

pub(super) fn class_label(p: &Procedure, letter: &str) -> String {
    if letter.is_empty() {
        format!("{} (без литеры)", p.grade_of_pupils())
    } else {
        format!("{}{letter}", p.grade_of_pupils())
    }
}

pub(super) fn class_href(s: &School, p: &Procedure, k: usize) -> String {
    format!("schools/{}/{}/class-{}/index.html", s.id, p.id, k + 1)
}

/// The analytic note of one class with a note for each of its participants (internal only).
pub(super) fn class_page(site: &Reader, i: usize, si: usize, k: usize) -> PageJob {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let sg = pa
        .school(si)
        .expect("class pages are made only for schools with results");
    let classes = site.classes(i, si);
    let (letter, group) = &classes.as_slice()[k];
    let path = class_href(s, p, k);
    let label = class_label(p, letter);
    let crumbs = [
        home_crumb(),
        Link::new("Школы", "schools/index.html"),
        Link::new(s.short_name.clone(), school_href(s)),
        Link::new(p.title.clone(), school_procedure_href(s, p)),
    ];
    let mut c = base(
        site,
        &path,
        &format!("{label} класс — {}", p.title),
        &crumbs,
    );
    insert_procedure_facts(&mut c, p);
    c.insert("school", &school_item(s, site.attributes()));
    class_tables(site, i, si, k, &mut c);
    let (_, reference) = reference(site, pa, i, si);
    let trio = [
        (format!("{label} класс"), group),
        (s.short_name.clone(), &sg.group),
        ("Муниципалитет".to_string(), reference),
    ];
    c.insert(
        "charts",
        &serde_json::json!({
            "marks": graphs::marks("marks", p, &trio),
            "tasks": graphs::tasks("tasks", p, Some(("Класс", group)), ("Муниципалитет", reference)),
        }),
    );
    PageJob {
        path,
        template: "class.html",
        context: c,
    }
}

/// A class's tables and its participants' notes, without charts: its page and the printable
/// set of a school's справки both show them.
pub(super) fn class_tables(site: &Reader, i: usize, si: usize, k: usize, c: &mut Context) {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let Some(sg) = pa.school(si) else { return };
    let classes = site.classes(i, si);
    let Some((letter, group)) = classes.as_slice().get(k) else {
        return;
    };
    let label = class_label(p, letter);
    c.insert("class_label", &label);
    let (reference_href, reference) = reference(site, pa, i, si);
    c.insert(
        "compare",
        &[
            FigureRow::new(format!("{label} класс"), None, group),
            FigureRow::new(
                s.short_name.clone(),
                Some(school_procedure_href(s, p)),
                &sg.group,
            ),
            FigureRow::new("Муниципалитет", reference_href, reference),
        ],
    );
    c.insert("suppressed", &group.hidden());
    let region = site.is_region().then_some(&pa.municipality);
    let tasks = view::task_rows(p, group, reference, region);
    c.insert("labels", &school_labels("Класс", &tasks));
    c.insert("tasks", &tasks);
    c.insert("skills", &view::skill_rows(p, group, reference));
    c.insert(
        "task_ids",
        &p.tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
    );
    c.insert("participants", &site.notes(i, si, k));
}

/// The grade's tables and, internally, its objectivity signs and how the work was watched,
/// without charts: its page and the printable set of a school's справки both show them.
pub(super) fn grade_tables(site: &Reader, i: usize, si: usize, c: &mut Context) {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let Some(sg) = pa.school(si) else { return };
    let compare = school_compare(site, i, si);
    c.insert("compare_caption", &compare_caption("Школа", &compare));
    c.insert("compare", &compare);
    let (_, reference) = reference(site, pa, i, si);
    let region = site.is_region().then_some(&pa.municipality);
    let tasks = view::task_rows(p, &sg.group, reference, region);
    c.insert("labels", &school_labels("Школа", &tasks));
    c.insert("tasks", &tasks);
    c.insert("skills", &view::skill_rows(p, &sg.group, reference));
    c.insert("suppressed", &sg.group.hidden());
    if site.audience() == Audience::Internal {
        c.insert("signs", site.signs(i, si));
        let watched = p.observation(&s.id).as_ref().map(watched_words);
        c.insert("watched", &watched);
    }
}
