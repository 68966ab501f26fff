//! Breadth of choice (public) and schools needing support (internal only).

use serde::Serialize;

use super::*;

#[derive(Serialize)]
pub(super) struct ChoiceRow {
    subject: Link,
    participants: String,
    share: String,
    /// Why the figures are hidden, or the small-group note.
    reason: String,
}

#[derive(Serialize)]
pub(super) struct ChoiceTable {
    kind: &'static str,
    year: String,
    rows: Vec<ChoiceRow>,
    /// Subjects by choice that had at least one participant.
    chosen: usize,
}

/// Elective subjects of ОГЭ and ЕГЭ by year, for the area, a region's municipality or a
/// school; a count of a hidden group is shown as «—» with its reason.
pub(super) fn choice_tables(site: &Reader, owner: &Owner) -> Vec<ChoiceTable> {
    site.choice(owner)
        .iter()
        .filter(|y| y.chosen > 0)
        .map(|y| ChoiceTable {
            kind: y.kind.label(),
            year: y.school_year.clone(),
            rows: y
                .choices
                .iter()
                .map(|c| {
                    let p = site.procedure(c.procedure);
                    let href = match owner {
                        Owner::School(id) => site
                            .schools()
                            .iter()
                            .find(|s| &s.id == id)
                            .map_or_else(|| procedure_href(p), |s| school_procedure_href(s, p)),
                        Owner::Area(id) => site
                            .municipalities()
                            .iter()
                            .find(|m| &m.id == id)
                            .map_or_else(
                                || procedure_href(p),
                                |m| municipality_procedure_href(m, p),
                            ),
                        Owner::Municipality => procedure_href(p),
                    };
                    let hidden = c.visibility.hidden();
                    ChoiceRow {
                        subject: Link::new(p.subject.clone(), href),
                        participants: if hidden {
                            view::DASH.into()
                        } else {
                            count(c.participants)
                        },
                        share: if hidden {
                            view::DASH.into()
                        } else {
                            pct(c.share)
                        },
                        reason: c.visibility.note(),
                    }
                })
                .collect(),
            chosen: y.chosen,
        })
        .collect()
}

pub(super) fn choice_page(site: &Reader) -> PageJob {
    let path = "choice/index.html";
    let mut c = base(site, path, "Выбор предметов на экзаменах", &[home_crumb()]);
    c.insert("tables", &choice_tables(site, &Owner::Municipality));
    #[derive(Serialize)]
    struct SchoolChoice {
        school: Link,
        counts: Vec<String>,
    }
    // Per school: how many subjects by choice its graduates took, per exam and year.
    let columns: Vec<(ProcedureKind, String)> = site
        .choice(&Owner::Municipality)
        .iter()
        .map(|y| (y.kind, y.school_year.clone()))
        .collect();
    let schools: Vec<SchoolChoice> = site
        .schools()
        .iter()
        .map(|s| SchoolChoice {
            school: Link::new(s.short_name.clone(), school_href(s)),
            counts: columns
                .iter()
                .map(|(k, y)| {
                    site.choice(&Owner::School(s.id.clone()))
                        .iter()
                        .find(|c| c.kind == *k && &c.school_year == y)
                        .map_or(0, |c| c.chosen)
                        .to_string()
                })
                .collect(),
        })
        .collect();
    c.insert(
        "columns",
        &columns
            .iter()
            .map(|(k, y)| format!("{} {y}", k.label()))
            .collect::<Vec<_>>(),
    );
    c.insert("schools", &schools);
    PageJob {
        path: path.into(),
        template: "choice.html",
        context: c,
    }
}
