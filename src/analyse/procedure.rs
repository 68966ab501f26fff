//! One procedure at every level: counters per school, merged into clusters and the
//! municipality, then turned into indicators (classes: [`super::classes`]).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::indicators::{self, SkillPlan};
use super::{AreaGroup, ClusterGroup, Counters, Group, ProcedureAnalysis, SchoolGroup, spread};
use crate::config::Audience;
use crate::model::Visibility;
use crate::model::{Participant, Procedure, Project, Results};

pub(super) fn group(
    counters: Counters,
    project: &Project,
    procedure: &Procedure,
    plan: &SkillPlan,
) -> Group {
    let figures = indicators::compute(&counters, procedure, plan, &project.config.thresholds);
    Group {
        counters,
        figures,
        visibility: Visibility::Shown,
    }
}

/// Every level of one procedure; `region` is the region's counters on a municipality's
/// own site.
pub(super) fn analyse(
    project: &Project,
    procedure: &Procedure,
    (results, region): (&Results, Option<&Counters>),
    audience: Audience,
) -> ProcedureAnalysis {
    let plan = SkillPlan::of(procedure);
    let schools: Vec<SchoolGroup> = match &results.tallies {
        Some(tallies) => tallies
            .iter()
            .map(|t| {
                let classes = match audience {
                    Audience::Internal => t.class_letters.clone(),
                    Audience::Public => Vec::new(),
                };
                let (school, counters) = (t.school as usize, t.counters.clone());
                school_group(project, procedure, &plan, school, counters, classes)
            })
            .collect(),
        None => from_rows(project, procedure, &plan, &results.participants, audience),
    };

    let mut municipality = Counters::new(procedure);
    for s in &schools {
        municipality.merge(&s.group.counters);
    }
    // Participation counts the whole grade, including schools that took no part.
    municipality.enrolled = (0..project.schools.len())
        .map(|i| enrolled(project, i, procedure))
        .sum();

    let clusters = clusters(project, procedure, &plan, &schools);
    let municipalities = municipalities(project, procedure, &plan, &schools);
    let mut schools = schools;
    for s in &mut schools {
        s.spread = spread::positions(&s.group.counters, &municipality);
        s.spread_municipality = municipalities
            .iter()
            .find(|a| a.schools.contains(&s.school))
            .map(|a| spread::positions(&s.group.counters, &a.group.counters));
        s.spread_region = region.map(|r| spread::positions(&s.group.counters, r));
        s.spread_clusters = clusters
            .iter()
            .filter(|c| c.schools.contains(&s.school))
            .map(|c| {
                let p = spread::positions(&s.group.counters, &c.group.counters);
                (c.attribute.clone(), c.value.clone(), p)
            })
            .collect();
    }
    ProcedureAnalysis {
        municipality: group(municipality, project, procedure, &plan),
        region: region.map(|r| group(r.clone(), project, procedure, &plan)),
        municipalities,
        clusters,
        schools,
    }
}

/// School groups from the rows (participants are sorted by school, then class: each school
/// is one contiguous run); the letters of its classes only for the internal audience, whose
/// class figures are made one procedure at a time ([`super::classes`]).
fn from_rows(
    project: &Project,
    procedure: &Procedure,
    plan: &SkillPlan,
    participants: &[Participant],
    audience: Audience,
) -> Vec<SchoolGroup> {
    let runs: Vec<&[Participant]> = crate::model::school_runs(participants).collect();
    runs.par_iter()
        .map(|run| {
            let classes = if audience == Audience::Internal {
                crate::model::class_letters(run)
            } else {
                Vec::new()
            };
            let counters = Counters::of(procedure, run.iter());
            school_group(
                project,
                procedure,
                plan,
                run[0].school as usize,
                counters,
                classes,
            )
        })
        .collect()
}

/// A school's group, its enrolment counted in; spreads are set once the area is known.
fn school_group(
    project: &Project,
    procedure: &Procedure,
    plan: &SkillPlan,
    school: usize,
    mut counters: Counters,
    class_letters: Vec<String>,
) -> SchoolGroup {
    counters.enrolled = enrolled(project, school, procedure);
    SchoolGroup {
        school,
        group: group(counters, project, procedure, plan),
        class_letters,
        spread: Default::default(),
        spread_municipality: None,
        spread_region: None,
        spread_clusters: Vec::new(),
    }
}

/// A region's municipalities, each the merge of its schools (in the municipalities' order).
fn municipalities(
    project: &Project,
    procedure: &Procedure,
    plan: &SkillPlan,
    schools: &[SchoolGroup],
) -> Vec<AreaGroup> {
    let mut by_area: BTreeMap<usize, (Vec<usize>, Counters)> = BTreeMap::new();
    for s in schools {
        if let Some(m) = project.schools[s.school].municipality_index {
            let entry = by_area
                .entry(m)
                .or_insert_with(|| (Vec::new(), Counters::new(procedure)));
            entry.0.push(s.school);
            entry.1.merge(&s.group.counters);
        }
    }
    by_area
        .into_iter()
        .map(|(m, (members, mut counters))| {
            counters.enrolled = project
                .schools_of(m)
                .map(|i| enrolled(project, i, procedure))
                .sum();
            AreaGroup {
                municipality: m,
                schools: members,
                group: group(counters, project, procedure, plan),
            }
        })
        .collect()
}

/// Every value of every school attribute, from the school groups, in attribute order and
/// each attribute's values as pages list them (ranges by their bounds).
fn clusters(
    project: &Project,
    procedure: &Procedure,
    plan: &SkillPlan,
    schools: &[SchoolGroup],
) -> Vec<ClusterGroup> {
    let mut by_value: BTreeMap<(&str, &str), (Vec<usize>, Counters)> = BTreeMap::new();
    for s in schools {
        for (attribute, value) in &project.schools[s.school].attributes {
            let entry = by_value
                .entry((attribute.as_str(), value.as_str()))
                .or_insert_with(|| (Vec::new(), Counters::new(procedure)));
            entry.0.push(s.school);
            entry.1.merge(&s.group.counters);
        }
    }
    let mut clusters: Vec<ClusterGroup> = by_value
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
            group: group(counters, project, procedure, plan),
        })
        .collect();
    clusters.sort_by(|a, b| {
        a.attribute
            .cmp(&b.attribute)
            .then_with(|| crate::collate::compare_values(&a.value, &b.value))
    });
    clusters
}

/// Students of the pupils' grade in a school, in the procedure's school year.
fn enrolled(project: &Project, school: usize, procedure: &Procedure) -> u64 {
    u64::from(
        project.schools[school]
            .enrolled(&procedure.school_year, procedure.grade_of_pupils())
            .unwrap_or(0),
    )
}
