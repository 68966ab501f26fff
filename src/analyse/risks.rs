//! The objectivity risk list (Советск 2018 §2.1–2.2, Якутия §2.2): every school with a sign
//! of possibly non-objective results in any procedure, year by year — which signs, in how
//! many of its works, whether that grows — and whether each such work was watched by
//! independent observers or video, an unwatched work with signs being a risk of its own.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyse::ProcedureAnalysis;
use crate::analyse::objectivity::Sign;
use crate::model::{Observation, Project};

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
}

impl RiskYear {
    fn share(&self) -> f64 {
        self.signed.len() as f64 / self.written.max(1) as f64
    }
}

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
            Trend::Same => "столько же, сколько годом раньше",
            Trend::Fewer => "признаков меньше, чем годом раньше",
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
    pub trend: Option<Trend>,
    /// Works with signs that neither an independent observer nor video watched.
    pub unwatched: usize,
}

/// The last year's share of works with signs against the year before.
pub fn trend(years: &[RiskYear]) -> Option<Trend> {
    let [.., before, last] = years else {
        return None;
    };
    Some(match last.share().partial_cmp(&before.share()) {
        Some(std::cmp::Ordering::Greater) => Trend::More,
        Some(std::cmp::Ordering::Less) => Trend::Fewer,
        _ => Trend::Same,
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
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        year.written += 1;
        if let Some(found) = signs[i].get(&si).filter(|f| !f.is_empty()) {
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

    fn year(signed: usize, written: usize) -> RiskYear {
        let work = SignedWork {
            procedure: 0,
            signs: Vec::new(),
            observation: None,
        };
        RiskYear {
            school_year: String::new(),
            written,
            signed: vec![work; signed],
        }
    }

    #[test]
    fn the_trend_compares_the_share_of_works_with_signs() {
        assert_eq!(trend(&[year(1, 4)]), None);
        assert_eq!(trend(&[year(1, 4), year(2, 4)]), Some(Trend::More));
        assert_eq!(trend(&[year(2, 4), year(1, 2)]), Some(Trend::Same));
        assert_eq!(trend(&[year(2, 2), year(1, 4)]), Some(Trend::Fewer));
    }
}
