//! Roadmaps against the results: which deficits the measures address, which deficits no
//! measure addresses, overdue measures, and (through [`effect`](crate::analyse::effect) and
//! [`reflection`](crate::analyse::reflection)) whether the addressed skills improved.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analyse::effect::{Effect, cohort_effect};
use crate::analyse::measures::{addressing, group_for};
use crate::analyse::reflection::{check_indicator, reflect};
use crate::analyse::{ProcedureAnalysis, RoadmapProgress, Standing};
use crate::model::{Owner, Project, Status};
use crate::text::Fixed;

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

/// Per procedure: how many of its schools have a deficit in each skill. Counted once for a
/// build: counting it again for every owner's every deficit grew with the square of the
/// number of schools (a tenth of a region rebuild).
pub struct Sharing<'a>(Vec<HashMap<&'a str, usize>>);

impl<'a> Sharing<'a> {
    /// The counts of every procedure of `analysis`.
    pub fn of(analysis: &'a [ProcedureAnalysis]) -> Sharing<'a> {
        Sharing(
            analysis
                .iter()
                .map(|pa| {
                    let mut count = HashMap::new();
                    for sg in &pa.schools {
                        let deficits = sg.group.figures.skills.iter();
                        for f in deficits.filter(|f| f.standing == Some(Standing::Deficit)) {
                            *count.entry(&*f.skill).or_insert(0) += 1;
                        }
                    }
                    count
                })
                .collect(),
        )
    }

    /// Schools of procedure `i` with a deficit in `skill`.
    fn schools(&self, i: usize, skill: &str) -> usize {
        self.0[i].get(skill).copied().unwrap_or(0)
    }
}

/// Deficits of `owner` in the procedures of the latest school year, each with the measures
/// of every roadmap that addresses it (see [`applies_to`]).
pub fn deficits(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    sharing: &Sharing,
    owner: &Owner,
) -> Vec<DeficitCoverage> {
    match project.latest_school_year() {
        Some(latest) => deficits_in_year(project, analysis, sharing, owner, latest),
        None => Vec::new(),
    }
}

/// Deficits of `owner` in the procedures of one school year, with the measures addressing
/// each.
pub fn deficits_in_year(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    sharing: &Sharing,
    owner: &Owner,
    latest: &str,
) -> Vec<DeficitCoverage> {
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
            let measures = addressing(project, owner, &p.id, &s.skill);
            if let Some(completion) = s.completion {
                out.push(DeficitCoverage {
                    procedure: i,
                    skill: s.skill.to_string(),
                    completion,
                    measures,
                    schools: (sharing.schools(i, &s.skill), analysis[i].schools.len()),
                });
            }
        }
    }
    out
}

/// Whether a measure is past its deadline and not done as of `as_of`.
pub fn is_overdue(status: Status, deadline: NaiveDate, as_of: NaiveDate) -> bool {
    matches!(status, Status::Planned | Status::InProgress) && deadline < as_of
}

/// The same-cohort effect on each deficit a measure addresses, for the roadmap's owner.
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
            Some(cohort_effect(
                project, analysis, &owner, procedure, &t.skill,
            ))
        })
        .collect()
}

/// Overdue measures, effects, computed indicators and the reflection of every roadmap.
pub fn progress(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    as_of: NaiveDate,
) -> Vec<RoadmapProgress> {
    project
        .roadmaps
        .iter()
        .enumerate()
        .map(|(ri, r)| {
            let owner = r.owner();
            let effects: Vec<Vec<Effect>> = (0..r.measures.len())
                .map(|mi| effects(project, analysis, ri, mi))
                .collect();
            let indicators: Vec<_> = r
                .measures
                .iter()
                .map(|m| {
                    m.indicators
                        .iter()
                        .map(|i| check_indicator(project, analysis, &owner, i))
                        .collect()
                })
                .collect();
            RoadmapProgress {
                overdue: r
                    .measures
                    .iter()
                    .map(|m| is_overdue(m.status, m.deadline, as_of))
                    .collect(),
                reflection: reflect(project, analysis, r, &effects, &indicators),
                effects,
                indicators,
            }
        })
        .collect()
}

/// Deficit coverage of the municipality and of every school with results.
pub fn all_coverage(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    sharing: &Sharing,
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
            let found = deficits(project, analysis, sharing, &owner);
            (owner, found)
        })
        .collect()
}
