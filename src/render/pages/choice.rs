//! Breadth of choice (public) and schools needing support (internal only).

use serde::Serialize;

use super::*;
use crate::analyse::{choice, support};

#[derive(Serialize)]
pub(super) struct ChoiceRow {
    subject: Link,
    participants: String,
    share: String,
}

#[derive(Serialize)]
pub(super) struct ChoiceTable {
    kind: &'static str,
    year: String,
    rows: Vec<ChoiceRow>,
    /// Subjects by choice that had at least one participant.
    chosen: usize,
}

/// Elective subjects of ОГЭ and ЕГЭ by year, for the municipality or a school.
pub(super) fn choice_tables(site: &SiteContext, school: Option<usize>) -> Vec<ChoiceTable> {
    let mut tables = Vec::new();
    for kind in [ProcedureKind::Oge, ProcedureKind::Ege] {
        for (year, choices) in choice::electives(site.project, site.analysis, kind, school) {
            let rows: Vec<ChoiceRow> = choices
                .iter()
                .map(|c| {
                    let p = &site.project.procedures[c.procedure];
                    let href = match school {
                        Some(si) => school_procedure_href(&site.project.schools[si], p),
                        None => procedure_href(p),
                    };
                    ChoiceRow {
                        subject: Link::new(p.subject.clone(), href),
                        participants: count(c.participants),
                        share: pct(c.share),
                    }
                })
                .collect();
            let chosen = choices.iter().filter(|c| c.participants > 0).count();
            if chosen > 0 {
                tables.push(ChoiceTable {
                    kind: kind.label(),
                    year,
                    rows,
                    chosen,
                });
            }
        }
    }
    tables
}

pub(super) fn choice_page(site: &SiteContext) -> PageJob {
    let path = "choice/index.html";
    let mut c = site.base(path, "Выбор предметов на экзаменах", &[site.home_crumb()]);
    c.insert("tables", &choice_tables(site, None));
    #[derive(Serialize)]
    struct SchoolChoice {
        school: Link,
        counts: Vec<String>,
    }
    // Per school: how many subjects by choice its graduates took, per exam and year.
    let columns: Vec<(ProcedureKind, String)> = [ProcedureKind::Oge, ProcedureKind::Ege]
        .into_iter()
        .flat_map(|k| {
            choice::electives(site.project, site.analysis, k, None)
                .into_iter()
                .map(move |(y, _)| (k, y))
        })
        .collect();
    let schools: Vec<SchoolChoice> = site
        .project
        .schools
        .iter()
        .enumerate()
        .map(|(si, s)| SchoolChoice {
            school: Link::new(s.short_name.clone(), school_href(s)),
            counts: columns
                .iter()
                .map(|(k, y)| {
                    let n = choice::electives(site.project, site.analysis, *k, Some(si))
                        .into_iter()
                        .find(|(year, _)| year == y)
                        .map(|(_, c)| c.iter().filter(|c| c.participants > 0).count())
                        .unwrap_or(0);
                    n.to_string()
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

pub(super) fn support_page(site: &SiteContext) -> PageJob {
    let path = "support/index.html";
    let mut c = site.base(path, "Школы, которым нужна поддержка", &[site.home_crumb()]);
    let rule = &site.project.config.support;
    let year = site
        .project
        .latest_school_year()
        .unwrap_or_default()
        .to_string();
    #[derive(Serialize)]
    struct Low {
        school: Link,
        low: usize,
        procedures: usize,
        evidence: Vec<(Link, String)>,
    }
    let low: Vec<Low> = support::low_results(site.project, site.analysis, &year)
        .into_iter()
        .map(|l| {
            let s = &site.project.schools[l.school];
            Low {
                school: Link::new(s.short_name.clone(), school_href(s)),
                low: l.low,
                procedures: l.procedures,
                evidence: l
                    .evidence
                    .iter()
                    .map(|(i, success)| {
                        let p = &site.project.procedures[*i];
                        (
                            Link::new(p.title.clone(), school_procedure_href(s, p)),
                            pct(Some(*success)),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let social: Vec<Link> = support::unfavourable(site.project)
        .into_iter()
        .map(|i| {
            let s = &site.project.schools[i];
            Link::new(s.short_name.clone(), school_href(s))
        })
        .collect();
    c.insert("year", &year);
    c.insert("low", &low);
    c.insert("social", &social);
    c.insert(
        "rule",
        &serde_json::json!({
            "low_success": format!("{}", rule.low_success).replace('.', ","),
            "in_share": format!("{}", (rule.in_share * 100.0).round()),
            "attribute": attribute_label(&rule.social_attribute).to_lowercase(),
            "value": rule.social_value,
        }),
    );
    PageJob {
        path: path.into(),
        template: "support.html",
        context: c,
    }
}
