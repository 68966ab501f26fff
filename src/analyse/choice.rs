//! Breadth of choice: which ОГЭ/ЕГЭ subjects by choice graduates take, and how many.
//! The seeds call this «широкий выбор жизненных стратегий».

use serde::Serialize;

use crate::analyse::Analysis;
use crate::model::{ProcedureKind, Project};
use crate::text::Fixed;

/// One elective subject in one school year, for the municipality or a school.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub procedure: usize,
    pub participants: u64,
    /// Participants ÷ students of the grade.
    pub share: Option<Fixed>,
}

/// Electives of one exam kind, by school year (oldest first); `school: None` is the municipality.
/// Counts are shown whatever their size: how many chose a subject is not a result.
pub fn electives(
    project: &Project,
    analysis: &Analysis,
    kind: ProcedureKind,
    school: Option<usize>,
) -> Vec<(String, Vec<Choice>)> {
    let mut years: Vec<&str> = project
        .procedures
        .iter()
        .filter(|p| p.kind == kind && p.elective)
        .map(|p| p.school_year.as_str())
        .collect();
    years.sort();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let choices = project
                .procedures
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == kind && p.elective && p.school_year == year)
                .filter_map(|(i, _)| {
                    let pa = &analysis.procedures[i];
                    let counters = match school {
                        Some(si) => &pa.school(si)?.group.counters,
                        None => &pa.municipality.counters,
                    };
                    Some(Choice {
                        procedure: i,
                        participants: counters.participants,
                        share: Fixed::percent(counters.participants, counters.enrolled),
                    })
                })
                .collect();
            (year.to_string(), choices)
        })
        .collect()
}
