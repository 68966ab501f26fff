//! Breadth of choice: which ОГЭ/ЕГЭ subjects by choice graduates take, and how many.
//! The seeds call this «широкий выбор жизненных стратегий».

use serde::Serialize;

pub use crate::analyse::Level;
use crate::analyse::ProcedureAnalysis;
use crate::model::Visibility;
use crate::model::{ProcedureKind, Project};
use crate::text::Fixed;

/// One elective subject in one school year, for the municipality or a school.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Index of the elective procedure.
    pub procedure: usize,
    /// Participants who chose it.
    pub participants: u64,
    /// Participants ÷ students of the grade.
    pub share: Option<Fixed>,
    /// Set by `privacy`: the count is hidden with its group.
    #[serde(skip)]
    pub visibility: Visibility,
}

/// Electives of one exam kind, by school year (oldest first); `school: None` is the municipality.
pub fn electives(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    kind: ProcedureKind,
    level: Level,
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
                    let pa = &analysis[i];
                    let counters = &level.group(pa)?.counters;
                    Some(Choice {
                        procedure: i,
                        participants: counters.participants,
                        share: Fixed::percent(counters.participants, counters.enrolled),
                        visibility: Visibility::Shown,
                    })
                })
                .collect();
            (year.to_string(), choices)
        })
        .collect()
}

/// Electives of one exam kind in one school year.
#[derive(Debug, Clone, PartialEq)]
pub struct Year {
    /// ОГЭ or ЕГЭ.
    pub kind: ProcedureKind,
    /// The school year.
    pub school_year: String,
    /// Every elective subject of that year, chosen or not.
    pub choices: Vec<Choice>,
    /// Subjects chosen by at least one participant.
    pub chosen: usize,
}

/// Breadth of choice of the municipality and of every school.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choices {
    /// Per municipality of a region (in the project's order).
    pub municipalities: Vec<Vec<Year>>,
    /// The municipality's years, ОГЭ first, oldest first.
    pub municipality: Vec<Year>,
    /// Per school, parallel to `Project::schools`.
    pub schools: Vec<Vec<Year>>,
}

fn years(project: &Project, analysis: &[ProcedureAnalysis], level: Level) -> Vec<Year> {
    [ProcedureKind::Oge, ProcedureKind::Ege]
        .into_iter()
        .flat_map(|kind| {
            electives(project, analysis, kind, level).into_iter().map(
                move |(school_year, choices)| Year {
                    kind,
                    school_year,
                    chosen: choices.iter().filter(|c| c.participants > 0).count(),
                    choices,
                },
            )
        })
        .collect()
}

/// Breadth of choice at every level.
pub fn all(project: &Project, analysis: &[ProcedureAnalysis]) -> Choices {
    Choices {
        municipality: years(project, analysis, Level::Area),
        municipalities: (0..project.municipalities.len())
            .map(|m| years(project, analysis, Level::Municipality(m)))
            .collect(),
        schools: (0..project.schools.len())
            .map(|si| years(project, analysis, Level::School(si)))
            .collect(),
    }
}
