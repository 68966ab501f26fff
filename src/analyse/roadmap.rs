//! Roadmaps against the results: which deficits the measures address, which deficits no
//! measure addresses, and whether an addressed skill improved afterwards.

use serde::Serialize;

use chrono::NaiveDate;

use crate::analyse::dynamics::series;
use crate::analyse::{Group, ProcedureAnalysis, RoadmapProgress, Standing};
use crate::model::{Owner, Project, Status};
use crate::privacy::Visibility;
use crate::text::Fixed;

/// The group a roadmap speaks for in one procedure: the municipality or its school.
pub fn group_for<'a>(
    project: &Project,
    analysis: &'a [ProcedureAnalysis],
    procedure: usize,
    owner: &Owner,
) -> Option<&'a Group> {
    let pa = &analysis[procedure];
    match owner {
        Owner::Municipality => Some(&pa.municipality),
        Owner::Area(id) => Some(&pa.area(project.municipality_index(id)?)?.group),
        Owner::School(id) => Some(&pa.school(project.school_index(id)?)?.group),
    }
}

fn skill_completion(group: &Group, skill: &str) -> Option<Fixed> {
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
    /// The procedure the deficit was found in.
    pub procedure: usize,
    /// The skill.
    pub skill: String,
    /// Completion in that procedure.
    pub before: Option<Fixed>,
    /// The procedure the "after" figure comes from, if there is one yet.
    pub after_procedure: Option<usize>,
    /// Completion in the next procedure of the series.
    pub after: Option<Fixed>,
    /// After − before, in percentage points (tenths).
    pub change: Option<Fixed>,
    /// Set by `privacy`: hidden when the group before or after is.
    #[serde(skip)]
    pub visibility: Visibility,
}

/// Effectiveness of each deficit a measure addresses, for the roadmap's owner.
pub fn effects(
    project: &Project,
    analysis: &[ProcedureAnalysis],
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
                visibility: Visibility::Shown,
            })
        })
        .collect()
}

/// A deficit of the latest school year and the measures (roadmap, measure) that address it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeficitCoverage {
    /// The procedure the deficit is in.
    pub procedure: usize,
    /// The skill.
    pub skill: String,
    /// Its completion.
    pub completion: Fixed,
    /// (roadmap, measure) pairs addressing it.
    pub measures: Vec<(usize, usize)>,
    /// Schools of the procedure (with results) where the skill is a deficit too, and all
    /// schools with results: where the methodical service's help is needed.
    pub schools: (usize, usize),
}

/// Deficits of `owner` in the procedures of the latest school year, each with the measures
/// of the owner's roadmaps (and, for a school, the municipal ones) that address it.
pub fn deficits(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    owner: &Owner,
) -> Vec<DeficitCoverage> {
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
        let Some(group) = group_for(project, analysis, i, owner) else {
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
                .filter(|(_, r)| applies_to(project, &r.owner(), owner))
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
            let pa = &analysis[i];
            let sharing = pa
                .schools
                .iter()
                .filter(|sg| {
                    sg.group
                        .figures
                        .skills
                        .iter()
                        .any(|f| f.skill == s.skill && f.standing == Some(Standing::Deficit))
                })
                .count();
            if let Some(completion) = s.completion {
                out.push(DeficitCoverage {
                    procedure: i,
                    skill: s.skill.clone(),
                    completion,
                    measures,
                    schools: (sharing, pa.schools.len()),
                });
            }
        }
    }
    out
}

/// Whether a roadmap of `roadmap` (its owner) works on the deficits of `owner`: its own, the
/// whole area's, and — for a school of a region — its municipality's.
pub fn applies_to(project: &Project, roadmap: &Owner, owner: &Owner) -> bool {
    roadmap == owner
        || *roadmap == Owner::Municipality
        || match (roadmap, owner) {
            (Owner::Area(m), Owner::School(s)) => project
                .school_index(s)
                .and_then(|si| project.schools[si].municipality_index)
                .is_some_and(|mi| project.municipalities[mi].id == *m),
            _ => false,
        }
}

/// Whether a measure is past its deadline and not done as of `as_of`.
pub fn is_overdue(status: Status, deadline: NaiveDate, as_of: NaiveDate) -> bool {
    matches!(status, Status::Planned | Status::InProgress) && deadline < as_of
}

/// Overdue measures and effects of every roadmap.
pub fn progress(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    as_of: NaiveDate,
) -> Vec<RoadmapProgress> {
    project
        .roadmaps
        .iter()
        .enumerate()
        .map(|(ri, r)| RoadmapProgress {
            overdue: r
                .measures
                .iter()
                .map(|m| is_overdue(m.status, m.deadline, as_of))
                .collect(),
            effects: (0..r.measures.len())
                .map(|mi| effects(project, analysis, ri, mi))
                .collect(),
        })
        .collect()
}

/// Deficit coverage of the municipality and of every school with results.
pub fn all_coverage(
    project: &Project,
    analysis: &[ProcedureAnalysis],
) -> Vec<(Owner, Vec<DeficitCoverage>)> {
    use rayon::prelude::*;
    let mut owners = vec![Owner::Municipality];
    owners.extend(
        project
            .municipalities
            .iter()
            .map(|m| Owner::Area(m.id.clone())),
    );
    owners.extend(
        (0..project.schools.len())
            .filter(|&si| analysis.iter().any(|pa| pa.school(si).is_some()))
            .map(|si| Owner::School(project.schools[si].id.clone())),
    );
    owners
        .into_par_iter()
        .map(|owner| {
            let found = deficits(project, analysis, &owner);
            (owner, found)
        })
        .collect()
}
