//! The year's summary (Советск 2018 roadmap items 15–16; ОК-1656/03 §4.5): per school year,
//! its works, the area's deficits with their measures, the measures due that year and the
//! effects judged with that year's works — the section of the August report.

use chrono::NaiveDate;
use serde::Serialize;

use crate::analyse::roadmap::{DeficitCoverage, Sharing, deficits_in_year};
use crate::analyse::{ProcedureAnalysis, RoadmapProgress};
use crate::model::{Owner, Project};

/// One school year of the area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearSummary {
    /// «2024/25».
    pub school_year: String,
    /// Its works, in date order.
    pub procedures: Vec<usize>,
    /// The area's deficits in them, each with the measures addressing it.
    #[serde(skip)]
    pub deficits: Vec<DeficitCoverage>,
    /// Measures due within the school year (1 September – 31 August): (roadmap, measure).
    pub measures: Vec<(usize, usize)>,
    /// Effects judged with this year's works, one per roadmap and deficit: (roadmap, first
    /// measure addressing it, effect).
    pub effects: Vec<(usize, usize, usize)>,
}

/// «2024/25» → 1 September 2024 – 31 August 2025.
pub fn bounds(school_year: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = super::dynamics::first_year(school_year)?;
    Some((
        NaiveDate::from_ymd_opt(first, 9, 1)?,
        NaiveDate::from_ymd_opt(first + 1, 8, 31)?,
    ))
}

/// Every school year with works, oldest first.
pub fn summaries(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    roadmaps: &[RoadmapProgress],
    sharing: &Sharing,
) -> Vec<YearSummary> {
    project
        .school_years()
        .into_iter()
        .map(|year| {
            let procedures: Vec<usize> = (0..project.procedures.len())
                .filter(|&i| project.procedures[i].school_year == year)
                .collect();
            let due = bounds(year);
            let mut measures = Vec::new();
            let mut effects = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for (ri, r) in project.roadmaps.iter().enumerate() {
                for (mi, m) in r.measures.iter().enumerate() {
                    if due.is_some_and(|(from, to)| (from..=to).contains(&m.deadline)) {
                        measures.push((ri, mi));
                    }
                    for (ei, e) in roadmaps[ri].effects[mi].iter().enumerate() {
                        let judged = e.verdict.judged().is_some();
                        let in_year = e.later.is_some_and(|j| procedures.contains(&j));
                        // A deficit two measures of one roadmap address has one effect.
                        if judged && in_year && seen.insert((ri, e.procedure, e.skill.as_str())) {
                            effects.push((ri, mi, ei));
                        }
                    }
                }
            }
            YearSummary {
                school_year: year.to_string(),
                deficits: deficits_in_year(project, analysis, sharing, &Owner::Municipality, year),
                procedures,
                measures,
                effects,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_school_year_runs_from_september_to_august() {
        let (from, to) = super::bounds("2024/25").expect("bounds");
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2024-09-01".into(), "2025-08-31".into())
        );
        assert_eq!(super::bounds("год"), None);
    }
}
