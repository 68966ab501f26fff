//! The objectivity risk list (internal only): the analysis's schools with signs, by name,
//! year by year, each work with its signs and how it was watched. A sign is a reason to
//! look, not a verdict.

use serde::Serialize;

use super::*;
use crate::model::Observation;

#[derive(Serialize)]
struct WorkView {
    procedure: Link,
    signs: Vec<&'static str>,
    /// «2 независимых наблюдателя, видеонаблюдение», «без наблюдателей и видео», or empty
    /// where the procedure records no observers.
    watched: String,
    unwatched: bool,
}

#[derive(Serialize)]
struct YearView {
    year: String,
    with_signs: usize,
    written: usize,
    works: Vec<WorkView>,
}

#[derive(Serialize)]
struct RiskView {
    school: Link,
    years: Vec<YearView>,
    trend: String,
    unwatched: usize,
}

/// How a work was watched, in words.
pub(super) fn watched_words(o: &Observation) -> String {
    if o.unwatched() {
        return "без независимых наблюдателей и видеонаблюдения".into();
    }
    let mut parts = Vec::new();
    if o.independent > 0 {
        let n = o.independent as usize;
        parts.push(crate::text::counted(
            n,
            "независимый наблюдатель",
            "независимых наблюдателя",
            "независимых наблюдателей",
        ));
    }
    if o.video {
        parts.push("видеонаблюдение".to_string());
    }
    parts.join(", ")
}

pub(super) fn risks_page(site: &Reader) -> PageJob {
    let path = "risks/index.html";
    let mut c = base(site, path, "Зона риска необъективности", &[home_crumb()]);
    let schools: Vec<RiskView> = site
        .risks()
        .iter()
        .map(|r| {
            let s = &site.schools()[r.school];
            let years = r
                .years
                .iter()
                .map(|y| YearView {
                    year: y.school_year.clone(),
                    with_signs: y.signed.len(),
                    written: y.written,
                    works: y
                        .signed
                        .iter()
                        .map(|w| {
                            let p = site.procedure(w.procedure);
                            WorkView {
                                procedure: Link::new(p.title.clone(), school_procedure_href(s, p)),
                                signs: w.signs.clone(),
                                watched: w
                                    .observation
                                    .as_ref()
                                    .map_or(String::new(), watched_words),
                                unwatched: w
                                    .observation
                                    .as_ref()
                                    .is_some_and(Observation::unwatched),
                            }
                        })
                        .collect(),
                })
                .collect();
            RiskView {
                school: Link::new(school_with_area(site, s), school_href(s)),
                years,
                trend: r.trend.map(|t| t.words()).unwrap_or_default(),
                unwatched: r.unwatched,
            }
        })
        .collect();
    c.insert("schools", &schools);
    PageJob {
        path: path.into(),
        template: "risks.html",
        context: c,
    }
}
