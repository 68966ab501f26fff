//! Analysis: counters per school (and, internally, per class) for every procedure,
//! merged into clusters and the municipality, then turned into indicators.
//!
//! Runs in parallel over procedures × schools with no shared state: each task
//! builds its own counters, and merging is plain addition in a fixed order.

pub mod choice;
pub mod clusters;
pub mod counters;
pub mod definitions;
pub mod dynamics;
pub mod indicators;
pub mod objectivity;
pub mod participant;
pub mod roadmap;
pub mod support;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Audience;
use crate::model::{Participant, Procedure, Project, Results};
pub use counters::Counters;
pub use indicators::{Indicators, Standing};

/// One group's counters and the indicators computed from them.
#[derive(Debug, Clone)]
pub struct Group {
    pub counters: Counters,
    pub figures: Indicators,
    /// Set by `privacy`: the group is too small (or would reveal one that is) to publish.
    pub suppressed: bool,
}

/// A school's results in one procedure: the school is also the grade (parallel) level,
/// since a procedure is written by one grade.
#[derive(Debug, Clone)]
pub struct SchoolGroup {
    /// Index into `Project::schools`.
    pub school: usize,
    pub group: Group,
    /// Per class letter; filled only for the internal audience.
    pub classes: Vec<(String, Group)>,
}

/// Schools sharing one value of one attribute.
#[derive(Debug, Clone)]
pub struct ClusterGroup {
    pub attribute: String,
    pub value: String,
    pub schools: Vec<usize>,
    pub group: Group,
}

#[derive(Debug, Clone)]
pub struct ProcedureAnalysis {
    pub municipality: Group,
    pub clusters: Vec<ClusterGroup>,
    /// In the project's school order (alphabetical); only schools with participants.
    pub schools: Vec<SchoolGroup>,
}

impl ProcedureAnalysis {
    pub fn school(&self, school: usize) -> Option<&SchoolGroup> {
        self.schools.iter().find(|s| s.school == school)
    }

    pub fn cluster(&self, attribute: &str, value: &str) -> Option<&ClusterGroup> {
        self.clusters
            .iter()
            .find(|c| c.attribute == attribute && c.value == value)
    }
}

/// The analysis of every procedure, parallel to `Project::procedures`.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub procedures: Vec<ProcedureAnalysis>,
}

/// Analyses every procedure of the project.
pub fn analyse(project: &Project, audience: Audience) -> Analysis {
    let procedures = project
        .procedures
        .par_iter()
        .zip(&project.results)
        .map(|(procedure, results)| analyse_procedure(project, procedure, results, audience))
        .collect();
    Analysis { procedures }
}

fn group(counters: Counters, project: &Project, procedure: &Procedure) -> Group {
    let min = u64::from(project.config.min_group);
    let figures = indicators::compute(&counters, procedure, &project.config.thresholds, min);
    Group {
        counters,
        figures,
        suppressed: false,
    }
}

fn analyse_procedure(
    project: &Project,
    procedure: &Procedure,
    results: &Results,
    audience: Audience,
) -> ProcedureAnalysis {
    // Participants are sorted by school, then class: each school is one contiguous run.
    let runs: Vec<&[Participant]> = results
        .participants
        .chunk_by(|a, b| a.school == b.school)
        .collect();
    let schools: Vec<SchoolGroup> = runs
        .par_iter()
        .map(|run| {
            let school = run[0].school as usize;
            let mut counters = Counters::of(procedure, run.iter());
            counters.enrolled = enrolled(project, school, procedure);
            let classes = if audience == Audience::Internal {
                run.chunk_by(|a, b| a.class == b.class)
                    .map(|class| {
                        (
                            class[0].class.to_string(),
                            group(Counters::of(procedure, class), project, procedure),
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            SchoolGroup {
                school,
                group: group(counters, project, procedure),
                classes,
            }
        })
        .collect();

    let mut municipality = Counters::new(procedure);
    for s in &schools {
        municipality.merge(&s.group.counters);
    }
    // Participation counts the whole grade, including schools that took no part.
    municipality.enrolled = (0..project.schools.len())
        .map(|i| enrolled(project, i, procedure))
        .sum();

    let mut by_value: BTreeMap<(&str, &str), (Vec<usize>, Counters)> = BTreeMap::new();
    for s in &schools {
        for (attribute, value) in &project.schools[s.school].attributes {
            let entry = by_value
                .entry((attribute.as_str(), value.as_str()))
                .or_insert_with(|| (Vec::new(), Counters::new(procedure)));
            entry.0.push(s.school);
            entry.1.merge(&s.group.counters);
        }
    }
    let clusters = by_value
        .into_iter()
        .map(|((attribute, value), (members, mut counters))| {
            counters.enrolled = (0..project.schools.len())
                .filter(|&i| {
                    project.schools[i]
                        .attributes
                        .get(attribute)
                        .map(String::as_str)
                        == Some(value)
                })
                .map(|i| enrolled(project, i, procedure))
                .sum();
            (attribute, value, members, counters)
        })
        .map(|(attribute, value, members, counters)| ClusterGroup {
            attribute: attribute.to_string(),
            value: value.to_string(),
            schools: members,
            group: group(counters, project, procedure),
        })
        .collect();

    ProcedureAnalysis {
        municipality: group(municipality, project, procedure),
        clusters,
        schools,
    }
}

/// Students of the procedure's grade in a school, in the procedure's school year.
fn enrolled(project: &Project, school: usize, procedure: &Procedure) -> u64 {
    u64::from(
        project.schools[school]
            .enrolled(&procedure.school_year, procedure.grade)
            .unwrap_or(0),
    )
}

#[cfg(test)]
mod tests;
