//! Which measures work on whose deficits: a roadmap's owner against a deficit's owner, the
//! (roadmap, measure) pairs that address a skill, and the group a roadmap speaks for. Read
//! by the roadmap's progress, its effects and its reflection alike.

use crate::analyse::{Group, ProcedureAnalysis};
use crate::model::{Owner, Project};

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

/// (roadmap, measure) pairs, indices into the project's roadmaps.
pub type MeasureRefs = Vec<(usize, usize)>;

/// The measures (roadmap, measure) of every roadmap that works on `owner`'s deficit in
/// `skill` of procedure `procedure`: the owner's own, the area's, the municipality's and its
/// schools' — each counted once, in the order of the roadmaps and their measures.
pub fn addressing(project: &Project, owner: &Owner, procedure: &str, skill: &str) -> MeasureRefs {
    project
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
                        .any(|t| t.procedure == procedure && *t.skill == *skill)
                })
                .map(move |(mi, _)| (ri, mi))
        })
        .collect()
}

/// Whether a roadmap of `roadmap` (its owner) works on the deficits of `owner`: one owner
/// holds the other's schools or is the other. A school's measure on a skill works on the
/// municipality's deficit in it too, and a municipal measure on every school's.
pub fn applies_to(project: &Project, roadmap: &Owner, owner: &Owner) -> bool {
    roadmap == owner || holds(project, roadmap, owner) || holds(project, owner, roadmap)
}

/// Whether `outer`'s schools include all of `inner`'s: the whole area holds everyone, a
/// municipality of a region its own schools.
fn holds(project: &Project, outer: &Owner, inner: &Owner) -> bool {
    match (outer, inner) {
        (Owner::Municipality, _) => true,
        (Owner::Area(m), Owner::School(s)) => project
            .school_index(s)
            .and_then(|si| project.schools[si].municipality_index)
            .is_some_and(|mi| project.municipalities[mi].id == *m),
        _ => false,
    }
}
