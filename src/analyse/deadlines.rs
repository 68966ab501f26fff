//! Deadline control, for the office: for each procedure of the latest school year, the dates
//! the seeds set from the date of its results (analysis by class and pupil in 2 weeks, by
//! school and area in 3, the roadmap with the changes to work programmes within a month) and,
//! for each owner with deficits in it, how many of them no roadmap addresses — overdue once
//! the roadmap's date has passed.

use chrono::NaiveDate;

use crate::analyse::roadmap::DeficitCoverage;
use crate::model::{Due, Owner, Project};

/// The steps after a procedure's results, as the seeds date them; the roadmap's is the last
/// (an owner is overdue by it, and the page names its date).
pub const STEPS: [(&str, Due); 3] = [
    ("анализ по классам и обучающимся", Due::Days(14)),
    ("анализ по школе и муниципалитету", Due::Days(21)),
    (
        "дорожная карта и изменения в рабочих программах",
        Due::Days(30),
    ),
];

/// One step and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What is due.
    pub what: &'static str,
    /// By when.
    pub due: NaiveDate,
    /// Whether the date is before the build's date.
    pub passed: bool,
}

/// An owner with deficits in the procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerStatus {
    /// Whose deficits.
    pub owner: Owner,
    /// Its deficits in the procedure.
    pub deficits: usize,
    /// Those no roadmap addresses.
    pub without_measure: usize,
    /// Some are without a measure and the roadmap's date has passed.
    pub overdue: bool,
}

/// The deadlines of one procedure and where each owner stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Control {
    /// The procedure.
    pub procedure: usize,
    /// The seeds' steps, dated.
    pub steps: Vec<Step>,
    /// Owners with deficits in it, in the order of the coverage (area first, then schools).
    pub owners: Vec<OwnerStatus>,
}

/// The control of every procedure of the latest school year that some owner has deficits in.
pub fn control(
    project: &Project,
    coverage: &[(Owner, Vec<DeficitCoverage>)],
    as_of: NaiveDate,
) -> Vec<Control> {
    let Some(latest) = project.latest_school_year() else {
        return Vec::new();
    };
    let roadmap_due = STEPS[STEPS.len() - 1].1;
    project
        .procedures
        .iter()
        .enumerate()
        .filter(|(_, p)| p.school_year == latest)
        .filter_map(|(i, p)| {
            let owners: Vec<OwnerStatus> = coverage
                .iter()
                .filter_map(|(owner, list)| {
                    let mine = list.iter().filter(|d| d.procedure == i);
                    let deficits = mine.clone().count();
                    let without_measure = mine.filter(|d| d.measures.is_empty()).count();
                    (deficits > 0).then(|| OwnerStatus {
                        owner: owner.clone(),
                        deficits,
                        without_measure,
                        overdue: without_measure > 0 && as_of > roadmap_due.date(p.date),
                    })
                })
                .collect();
            let steps = STEPS
                .iter()
                .map(|&(what, due)| {
                    let due = due.date(p.date);
                    Step {
                        what,
                        due,
                        passed: as_of > due,
                    }
                })
                .collect();
            (!owners.is_empty()).then_some(Control {
                procedure: i,
                steps,
                owners,
            })
        })
        .collect()
}
