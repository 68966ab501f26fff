//! All of a school's справки for one procedure as one printable page (internal only;
//! Якутия §3.7.3): the grade's note, then each class's note with its pupils' notes, each
//! starting on a new A4 sheet. Charts stay on the individual pages; the tables are these.

use super::*;

/// `schools/<id>/<procedure>/print/index.html`.
pub(super) fn print_href(s: &School, p: &Procedure) -> String {
    format!("schools/{}/{}/print/index.html", s.id, p.id)
}

pub(super) fn school_print(site: &Reader, i: usize, si: usize) -> PageJob {
    let p = site.procedure(i);
    let s = &site.schools()[si];
    let pa = site.figures(i);
    let path = print_href(s, p);
    let crumbs = [
        home_crumb(),
        Link::new("Школы", "schools/index.html"),
        Link::new(s.short_name.clone(), school_href(s)),
        Link::new(p.title.clone(), school_procedure_href(s, p)),
    ];
    let title = format!("Справки: {} — {}", p.title, s.short_name);
    let mut c = base(site, &path, &title, &crumbs);
    insert_procedure_facts(&mut c, p);
    c.insert("school", &school_item(s, site.attributes()));
    grade_tables(site, i, si, &mut c);
    let classes_of = pa.school(si).map_or(0, |sg| sg.class_letters.len());
    let classes: Vec<serde_json::Value> = (0..classes_of)
        .map(|k| {
            let mut part = Context::new();
            class_tables(site, i, si, k, &mut part);
            part.into_json()
        })
        .collect();
    c.insert("classes", &classes);
    PageJob {
        path,
        template: "print.html",
        context: c,
    }
}
