//! Class groups of one procedure (internal build only). They are made one procedure at a
//! time, as that procedure's school, class and printable pages and its open data are made:
//! a region's classes all at once were most of an internal build's memory (#17).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Group;
use super::indicators::SkillPlan;
use super::procedure::group;
use crate::diag::OkoError;
use crate::model::{Participant, Project, class_runs, school_runs};

/// Per school (by index into `Project::schools`): its classes in the order of their rows,
/// each with its letter and figures. A school's `k`-th class here is the `k`-th of
/// [`super::SchoolGroup::class_letters`] (both [`crate::model::class_runs`]).
pub type ClassGroups = BTreeMap<usize, Vec<(String, Group)>>;

/// The class groups of procedure `i`, from its rows (sorted by school, then class); an
/// error if rows set aside cannot be read back.
pub fn procedure_classes(project: &Project, i: usize) -> Result<ClassGroups, OkoError> {
    let procedure = &project.procedures[i];
    let rows = project.results[i].rows()?;
    let plan = SkillPlan::of(procedure);
    let runs: Vec<&[Participant]> = school_runs(&rows).collect();
    let classes = runs
        .par_iter()
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
        .collect();
    Ok(classes)
}
