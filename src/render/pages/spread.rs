//! Chance in words: each school against the spread expected of its size, the funnel plot,
//! and whether a change since the year before is more than chance.

use serde::Serialize;

use super::*;
use crate::privacy::{Change, Positions};

/// A school in the alphabetical list of a procedure page, with its funnel words.
#[derive(Serialize)]
pub(super) struct SchoolLine {
    school: Link,
    /// «успеваемость — …; качество — …», or why it is not shown.
    words: String,
}

/// What the procedure's main share is called: success, or for ЕГЭ the share at or above
/// the minimum score.
fn share_name(p: &Procedure) -> &'static str {
    if p.has_marks() {
        "успеваемость"
    } else {
        "доля набравших не меньше минимального балла"
    }
}

fn words(procedure: &Procedure, p: &Positions) -> Option<String> {
    let success = format!("{} — {}", share_name(procedure), p.success?.words());
    Some(match p.quality {
        Some(q) => format!("{success}; качество — {}", q.words()),
        None => success,
    })
}

/// Every school of the procedure, alphabetically, each linking to its own report. The
/// public list is links alone: beside every school's name, the funnel's «выше / в пределах /
/// ниже ожидаемого» would read as a table of schools in three bands, which the seeds rule
/// out; a school's own page keeps its comparison. The internal list keeps the words (an
/// office plans support from it).
pub(super) fn school_lines(site: &Reader, i: usize) -> Vec<SchoolLine> {
    let p = site.procedure(i);
    let with_words = site.audience() == crate::config::Audience::Internal;
    site.figures(i)
        .schools
        .iter()
        .map(|sg| {
            let s = &site.schools()[sg.school];
            let words = if sg.group.hidden() {
                format!("результаты не публикуются: {}", sg.group.visibility.note())
            } else if with_words {
                words(p, &sg.spread).unwrap_or_default()
            } else {
                String::new()
            };
            SchoolLine {
                school: Link::new(s.short_name.clone(), school_procedure_href(s, p)),
                words,
            }
        })
        .collect()
}

/// How many schools are above, within and below the expected spread, in one sentence.
pub(super) fn funnel_summary(site: &Reader, i: usize) -> Option<String> {
    let f = site.funnel(i)?;
    let count = |position: crate::privacy::Position| {
        let n = f.points.iter().filter(|p| p.position == position).count();
        crate::text::counted(n, "школа", "школы", "школ")
    };
    use crate::privacy::Position::{Above, Below, Within};
    let name = share_name(site.procedure(i));
    Some(format!(
        "По показателю «{name}» в пределах ожидаемого разброса — {}, выше ожидаемого — {}, ниже ожидаемого — {}. Школы на графике не подписаны: это не рейтинг.",
        count(Within),
        count(Above),
        count(Below)
    ))
}

/// The school against the municipality and each of its clusters, sentence by sentence.
pub(super) fn school_spread(site: &Reader, i: usize, si: usize) -> Vec<String> {
    let pa = site.figures(i);
    let Some(sg) = pa.school(si).filter(|sg| !sg.group.hidden()) else {
        return Vec::new();
    };
    let p = site.procedure(i);
    // The same places the open data gives: against the school's own municipality, and
    // against the region where the site has one.
    let region_site = site.is_region();
    let against = [
        ("муниципалитетом", sg.against_municipality(region_site)),
        ("регионом", sg.against_region(region_site)),
    ];
    let mut out: Vec<String> = against
        .into_iter()
        .filter_map(|(what, positions)| {
            words(p, positions?).map(|w| format!("По сравнению с {what}: {w}."))
        })
        .collect();
    for (attribute, value, positions) in &sg.spread_clusters {
        let shown = pa
            .cluster(attribute, value)
            .is_some_and(|c| !c.group.hidden());
        if let (true, Some(w)) = (shown, words(p, positions)) {
            out.push(format!(
                "По сравнению со школами кластера «{} — {value}»: {w}.",
                attribute_label(attribute).to_lowercase()
            ));
        }
    }
    out
}

/// Whether success and quality changed beyond chance since the year before.
pub(super) fn change_sentence(site: &Reader, i: usize, school: Option<usize>) -> Option<String> {
    let c = site.change(i, school).filter(|c| !c.visibility.hidden())?;
    let year = &site.procedure(c.from).school_year;
    let part =
        |what: &str, change: Option<Change>| change.map(|ch| format!("{what} — {}", ch.words()));
    let name = share_name(site.procedure(i));
    let parts: Vec<String> = [part(name, c.success), part("качество", c.quality)]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty())
        .then(|| format!("По сравнению с {year} учебным годом: {}.", parts.join("; ")))
}
