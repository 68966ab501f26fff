//! Schools needing support (internal only; Советск 2018, ШНОР items 1–4; ОК-1656/03 §3.3):
//! ШНОР with the figures the rule rests on, each with its years on the list and its own
//! roadmaps; schools that left the list; ШНСУ; possible mentors by subject. Alphabetical.

use serde::Serialize;

use super::*;

#[derive(Serialize)]
struct LowView {
    school: Link,
    low: usize,
    procedures: usize,
    evidence: Vec<(Link, String)>,
    /// School years it was on the list, oldest first.
    years: Vec<String>,
    /// Its own roadmaps: (link, measures done, measures).
    roadmaps: Vec<(Link, usize, usize)>,
}

/// One subject's possible mentors, and the strong schools not proposed with their signs.
#[derive(Serialize)]
struct MentorView {
    subject: String,
    schools: Vec<(Link, usize)>,
    refused: Vec<(Link, Vec<String>)>,
}

fn school_link(site: &Reader, si: usize) -> Link {
    let s = &site.schools()[si];
    Link::new(school_with_area(site, s), school_href(s))
}

fn low_view(site: &Reader, l: &crate::analyse::support::LowResults) -> LowView {
    let s = &site.schools()[l.school];
    let lists = site.support();
    LowView {
        school: school_link(site, l.school),
        low: l.low,
        procedures: l.procedures,
        evidence: l
            .evidence
            .iter()
            .map(|(i, success)| {
                let p = site.procedure(*i);
                let link = Link::new(p.title.clone(), school_procedure_href(s, p));
                (link, pct(Some(*success)))
            })
            .collect(),
        years: lists
            .history
            .iter()
            .filter(|(_, schools)| schools.contains(&l.school))
            .map(|(y, _)| y.clone())
            .collect(),
        roadmaps: site
            .roadmaps()
            .iter()
            .filter(|r| r.owner() == Owner::School(s.id.clone()))
            .map(|r| {
                let link = Link::new(r.title.clone(), format!("roadmaps/{}/index.html", r.id));
                (link, r.done(), r.measures.len())
            })
            .collect(),
    }
}

pub(super) fn support_page(site: &Reader) -> PageJob {
    let path = "support/index.html";
    let title = "Школы, которым нужна поддержка";
    let mut c = base(site, path, title, &[home_crumb()]);
    let rule = &site.config().support;
    let lists = site.support();
    let low: Vec<LowView> = lists.low.iter().map(|l| low_view(site, l)).collect();
    let links = |schools: &[usize]| -> Vec<Link> {
        schools.iter().map(|&si| school_link(site, si)).collect()
    };
    let mentors: Vec<MentorView> = lists
        .mentors
        .iter()
        .map(|m| MentorView {
            subject: m.subject.clone(),
            schools: m
                .schools
                .iter()
                .map(|&(si, works)| (school_link(site, si), works))
                .collect(),
            refused: m
                .refused
                .iter()
                .map(|(si, signs)| (school_link(site, *si), signs.clone()))
                .collect(),
        })
        .collect();
    let previous = lists.history.iter().rev().nth(1).map(|(y, _)| y.clone());
    c.insert("year", &lists.school_year);
    c.insert("previous_year", &previous);
    c.insert("low", &low);
    c.insert("left", &links(&lists.left));
    c.insert("social", &links(&lists.unfavourable));
    c.insert("mentors", &mentors);
    c.insert(
        "rule",
        &serde_json::json!({
            "low_success": crate::text::decimal(rule.low_success),
            "in_share": crate::text::decimal((rule.in_share * 100.0).round()),
            "min_participants": rule.min_participants,
            "attribute": attribute_label(&rule.social_attribute).to_lowercase(),
            "value": rule.social_value,
            "source": rule.source,
            "mentor_works": rule.mentor_works,
        }),
    );
    PageJob {
        path: path.into(),
        template: "support.html",
        context: c,
    }
}
