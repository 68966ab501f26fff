//! The objectivity risk list (Советск 2018 §2.1–2.2, Якутия §2.2): every school with a sign
//! of possibly non-objective results in any procedure, year by year — which signs, in how
//! many of its works, whether that grows — and whether each such work was watched by
//! independent observers or video, an unwatched work with signs being a risk of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyse::ProcedureAnalysis;
use crate::analyse::objectivity::Sign;
use crate::model::{Observation, ProcedureKind, Project};

/// A work of the school with signs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedWork {
    /// The procedure.
    pub procedure: usize,
    /// The signs, in words, each once.
    pub signs: Vec<&'static str>,
    /// How it was watched; `None` where the procedure records no observers.
    pub observation: Option<Observation>,
}

/// One school year of a school on the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskYear {
    /// «2024/25».
    pub school_year: String,
    /// Works the school wrote that year.
    pub written: usize,
    /// Those with signs.
    pub signed: Vec<SignedWork>,
    /// Every work of the year as the kind of work it is, and whether it has signs: a year
    /// is compared with the one before over the kinds both have.
    #[serde(skip)]
    pub kinds: Vec<(WorkKind, bool)>,
}

/// A kind of work: ВПР Математика 5 is the same kind of work in any year.
pub type WorkKind = (ProcedureKind, String, u8);

/// The share of works with signs against the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Trend {
    /// A larger share.
    More,
    /// The same share.
    Same,
    /// A smaller share.
    Fewer,
}

impl Trend {
    /// The words of the list.
    pub fn words(self) -> &'static str {
        match self {
            Trend::More => "признаков больше, чем годом раньше",
            Trend::Same => "признаков столько же, сколько годом раньше",
            Trend::Fewer => "признаков меньше, чем годом раньше",
        }
    }
}

/// The last year against the one before, over the kinds of work both years have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparison {
    /// Over the kinds of work written both years.
    Over {
        /// Signs in more, as many or fewer of them.
        trend: Trend,
        /// How many kinds of work both years have.
        works: usize,
    },
    /// The two years have no kind of work in common: they cannot be compared.
    Incomparable,
}

impl Comparison {
    /// The words of the list.
    pub fn words(self) -> String {
        match self {
            Comparison::Over { trend, works } => format!(
                "{} — по {works} {}, которые школа писала оба года",
                trend.words(),
                crate::text::plural(works as u64, "работе", "работам", "работам")
            ),
            Comparison::Incomparable => {
                "с годом раньше не сравнить: в эти годы школа писала разные работы".to_string()
            }
        }
    }
}

/// A school on the risk list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskSchool {
    /// Index of the school.
    pub school: usize,
    /// Its years, oldest first.
    pub years: Vec<RiskYear>,
    /// The last year against the one before; `None` with one year.
    pub trend: Option<Comparison>,
    /// Works with signs that neither an independent observer nor video watched.
    pub unwatched: usize,
}

/// The last year against the year before, over the kinds of work written in both: the
/// number of those kinds with signs in each year (3 of 4 works one year and 9 of 14 the
/// next are not comparable shares — other works were added).
pub fn trend(years: &[RiskYear]) -> Option<Comparison> {
    let [.., before, last] = years else {
        return None;
    };
    let signed_in = |year: &RiskYear, kind: &WorkKind| {
        year.kinds.iter().any(|(k, signed)| k == kind && *signed)
    };
    let mut common: Vec<&WorkKind> = last
        .kinds
        .iter()
        .map(|(k, _)| k)
        .filter(|k| before.kinds.iter().any(|(b, _)| b == *k))
        .collect();
    common.sort();
    common.dedup();
    if common.is_empty() {
        return Some(Comparison::Incomparable);
    }
    let count = |year: &RiskYear| common.iter().filter(|k| signed_in(year, k)).count();
    let trend = match count(last).cmp(&count(before)) {
        std::cmp::Ordering::Greater => Trend::More,
        std::cmp::Ordering::Less => Trend::Fewer,
        std::cmp::Ordering::Equal => Trend::Same,
    };
    Some(Comparison::Over {
        trend,
        works: common.len(),
    })
}

/// Every school with a sign in any procedure, alphabetical (the project's school order).
pub fn risk_list(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    signs: &[BTreeMap<usize, Vec<Sign>>],
) -> Vec<RiskSchool> {
    (0..project.schools.len())
        .filter(|si| signs.iter().any(|by_school| by_school.contains_key(si)))
        .map(|si| {
            let years = school_years(project, analysis, signs, si);
            let unwatched = years
                .iter()
                .flat_map(|y| &y.signed)
                .filter(|w| w.observation.as_ref().is_some_and(Observation::unwatched))
                .count();
            RiskSchool {
                school: si,
                trend: trend(&years),
                years,
                unwatched,
            }
        })
        .collect()
}

/// The school's works by school year (procedures are in date order), with their signs.
fn school_years(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    signs: &[BTreeMap<usize, Vec<Sign>>],
    si: usize,
) -> Vec<RiskYear> {
    let school = &project.schools[si];
    let mut years: Vec<RiskYear> = Vec::new();
    for (i, p) in project.procedures.iter().enumerate() {
        if analysis[i].school(si).is_none() {
            continue;
        }
        if years.last().is_none_or(|y| y.school_year != p.school_year) {
            years.push(RiskYear {
                school_year: p.school_year.clone(),
                written: 0,
                signed: Vec::new(),
                kinds: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        year.written += 1;
        let found = signs[i].get(&si).filter(|f| !f.is_empty());
        year.kinds
            .push(((p.kind, p.subject.clone(), p.grade), found.is_some()));
        if let Some(found) = found {
            let mut titles: Vec<&'static str> = found.iter().map(|s| s.title).collect();
            titles.dedup();
            year.signed.push(SignedWork {
                procedure: i,
                signs: titles,
                observation: p.observation(&school.id),
            });
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year of the given works: (subject, grade, with signs).
    fn year(works: &[(&str, u8, bool)]) -> RiskYear {
        let work = SignedWork {
            procedure: 0,
            signs: Vec::new(),
            observation: None,
        };
        let signed = works.iter().filter(|w| w.2).count();
        RiskYear {
            school_year: String::new(),
            written: works.len(),
            signed: vec![work; signed],
            kinds: works
                .iter()
                .map(|&(subject, grade, s)| ((ProcedureKind::Vpr, subject.to_string(), grade), s))
                .collect(),
        }
    }

    #[test]
    fn the_trend_compares_the_kinds_of_work_both_years_have() {
        let over = |trend, works| Some(Comparison::Over { trend, works });
        assert_eq!(trend(&[year(&[("м", 5, true)])]), None);
        // 3 of 4 works, then 9 of 14: by share «fewer», but over the four kinds written
        // both years the signs went from 3 to 4.
        let before = year(&[
            ("м", 4, true),
            ("м", 5, true),
            ("р", 4, true),
            ("р", 5, false),
        ]);
        let mut later: Vec<(&str, u8, bool)> = vec![
            ("м", 4, true),
            ("м", 5, true),
            ("р", 4, true),
            ("р", 5, true),
        ];
        later.extend([("б", 5, true); 5]);
        later.extend([("и", 5, false); 5]);
        assert_eq!(trend(&[before.clone(), year(&later)]), over(Trend::More, 4));
        let same = year(&[
            ("м", 4, true),
            ("м", 5, false),
            ("р", 4, true),
            ("р", 5, true),
        ]);
        assert_eq!(trend(&[before.clone(), same]), over(Trend::Same, 4));
        let fewer = year(&[("м", 4, false), ("м", 5, true)]);
        assert_eq!(trend(&[before.clone(), fewer]), over(Trend::Fewer, 2));
        // No kind in common: no comparison, and the list says so.
        let other = year(&[("х", 9, true)]);
        assert_eq!(trend(&[before, other]), Some(Comparison::Incomparable));
        assert_eq!(
            Comparison::Incomparable.words(),
            "с годом раньше не сравнить: в эти годы школа писала разные работы"
        );
        assert_eq!(
            Comparison::Over {
                trend: Trend::More,
                works: 4
            }
            .words(),
            "признаков больше, чем годом раньше — по 4 работам, которые школа писала оба года"
        );
    }
}
