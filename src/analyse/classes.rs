//! Class groups of one procedure (internal build only). They are made one procedure at a
//! time, as that procedure's school, class and printable pages and its open data are made:
//! a region's classes all at once were most of an internal build's memory (#17).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Group;
use super::indicators::SkillPlan;
use super::procedure::group;
use crate::model::{Participant, Project, class_runs, school_runs};

/// Per school (by index into `Project::schools`): its classes in the order of their rows,
/// each with its letter and figures. A school's `k`-th class here is the `k`-th of
/// [`super::SchoolGroup::class_letters`].
pub type ClassGroups = BTreeMap<usize, Vec<(String, Group)>>;

/// The class groups of procedure `i`, from its rows (sorted by school, then class).
pub fn procedure_classes(project: &Project, i: usize) -> ClassGroups {
    let (procedure, results) = (&project.procedures[i], &project.results[i]);
    let plan = SkillPlan::of(procedure);
    let runs: Vec<&[Participant]> = school_runs(&results.participants).collect();
    runs.par_iter()
        .map(|run| {
            let classes = class_runs(run)
                .map(|class| {
                    let counters = super::Counters::of(procedure, class);
                    let figures = group(counters, project, procedure, &plan);
                    (class[0].class.to_string(), figures)
                })
                .collect();
            (run[0].school as usize, classes)
        })
        .collect()
}

/// The letters of a school's classes, in the order of [`procedure_classes`].
pub(super) fn letters(run: &[Participant]) -> Vec<String> {
    class_runs(run)
        .map(|class| class[0].class.to_string())
        .collect()
}
