//! Roadmaps against the results: which deficits the measures address, which deficits no
//! measure addresses, and whether an addressed skill improved afterwards.

use serde::Serialize;

use crate::analyse::dynamics::series;
use crate::analyse::{Analysis, Group, Standing};
use crate::model::{Owner, Project};
use crate::text::Fixed;

/// The group a roadmap speaks for in one procedure: the municipality or its school.
fn group_for<'a>(
    project: &Project,
    analysis: &'a Analysis,
    procedure: usize,
    owner: &Owner,
) -> Option<&'a Group> {
    let pa = &analysis.procedures[procedure];
    match owner {
        Owner::Municipality => Some(&pa.municipality),
        Owner::School(id) => Some(&pa.school(project.school_index(id)?)?.group),
    }
}

fn skill_completion(group: &Group, skill: &str) -> Option<Fixed> {
    if group.suppressed {
        return None;
    }
    group
        .figures
        .skills
        .iter()
        .find(|s| s.skill == skill)?
        .completion
}

/// A skill's completion before a measure and in the next procedure of the same series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    pub procedure: usize,
    pub skill: String,
    pub before: Option<Fixed>,
    /// The procedure the "after" figure comes from, if there is one yet.
    pub after_procedure: Option<usize>,
    pub after: Option<Fixed>,
    /// After − before, in percentage points (tenths).
    pub change: Option<Fixed>,
}

/// Effectiveness of each deficit a measure addresses, for the roadmap's owner.
pub fn effects(
    project: &Project,
    analysis: &Analysis,
    roadmap: usize,
    measure: usize,
) -> Vec<Effect> {
    let r = &project.roadmaps[roadmap];
    let owner = r.owner();
    r.measures[measure]
        .addresses
        .iter()
        .filter_map(|t| {
            let procedure = project.procedure_index(&t.procedure)?;
            let before = group_for(project, analysis, procedure, &owner)
                .and_then(|g| skill_completion(g, &t.skill));
            let date = project.procedures[procedure].date;
            let next = series(project, procedure)
                .into_iter()
                .find(|&j| project.procedures[j].date > date);
            let after = next
                .and_then(|j| group_for(project, analysis, j, &owner))
                .and_then(|g| skill_completion(g, &t.skill));
            let change = match (before, after) {
                (Some(b), Some(a)) => Some(Fixed {
                    scaled: a.scaled - b.scaled,
                    decimals: a.decimals,
                }),
                _ => None,
            };
            Some(Effect {
                procedure,
                skill: t.skill.clone(),
                before,
                after_procedure: next,
                after,
                change,
            })
        })
        .collect()
}

/// A deficit of the latest school year and the measures (roadmap, measure) that address it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeficitCoverage {
    pub procedure: usize,
    pub skill: String,
    pub completion: Fixed,
    pub measures: Vec<(usize, usize)>,
}

/// Deficits of `owner` in the procedures of the latest school year, each with the measures
/// of the owner's roadmaps (and, for a school, the municipal ones) that address it.
pub fn deficits(project: &Project, analysis: &Analysis, owner: &Owner) -> Vec<DeficitCoverage> {
    let Some(latest) = project.latest_school_year() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, p) in project
        .procedures
        .iter()
        .enumerate()
        .filter(|(_, p)| p.school_year == latest)
    {
        let Some(group) = group_for(project, analysis, i, owner).filter(|g| !g.suppressed) else {
            continue;
        };
        for s in group
            .figures
            .skills
            .iter()
            .filter(|s| s.standing == Some(Standing::Deficit))
        {
            let measures = project
                .roadmaps
                .iter()
                .enumerate()
                .filter(|(_, r)| r.owner() == *owner || r.owner() == Owner::Municipality)
                .flat_map(|(ri, r)| {
                    r.measures
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| {
                            m.addresses
                                .iter()
                                .any(|t| t.procedure == p.id && t.skill == s.skill)
                        })
                        .map(move |(mi, _)| (ri, mi))
                })
                .collect();
            if let Some(completion) = s.completion {
                out.push(DeficitCoverage {
                    procedure: i,
                    skill: s.skill.clone(),
                    completion,
                    measures,
                });
            }
        }
    }
    out
}
