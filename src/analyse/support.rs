//! Schools needing support: ШНОР (low results by the rule in `oko.yaml: support`) and
//! ШНСУ (unfavourable social conditions, from a school attribute). Listed alphabetically,
//! never ranked.

use serde::Serialize;

use crate::analyse::ProcedureAnalysis;
use crate::model::Project;
use crate::text::Fixed;

/// A school with low results in one school year, with the figures the rule rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowResults {
    /// Index of the school.
    pub school: usize,
    /// Procedures with at least `support.min_participants` participants that year.
    pub procedures: usize,
    /// Those with success below the rule's cut.
    pub low: usize,
    /// (procedure index, success) of the low ones.
    pub evidence: Vec<(usize, Fixed)>,
}

/// ШНОР of a school year: success below `low_success` in more than `in_share` of the
/// school's procedures with marks; groups below `min_participants` do not count (too small
/// to mean anything).
pub fn low_results(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    school_year: &str,
) -> Vec<LowResults> {
    let rule = &project.config.support;
    let mut out = Vec::new();
    for school in 0..project.schools.len() {
        let mut procedures = 0;
        let mut evidence = Vec::new();
        for (i, p) in project.procedures.iter().enumerate() {
            if p.school_year != school_year || !p.has_marks() {
                continue;
            }
            let min = u64::from(rule.min_participants);
            let Some(sg) = analysis[i]
                .school(school)
                .filter(|s| s.group.counters.participants >= min)
            else {
                continue;
            };
            let Some(success) = sg.group.figures.success else {
                continue;
            };
            procedures += 1;
            if success.as_f64() < rule.low_success {
                evidence.push((i, success));
            }
        }
        if procedures > 0 && evidence.len() as f64 > rule.in_share * procedures as f64 {
            out.push(LowResults {
                school,
                procedures,
                low: evidence.len(),
                evidence,
            });
        }
    }
    out
}

/// ШНСУ: schools whose social-conditions attribute has the configured value.
pub fn unfavourable(project: &Project) -> Vec<usize> {
    let rule = &project.config.support;
    (0..project.schools.len())
        .filter(|&i| {
            project.schools[i].attributes.get(&rule.social_attribute) == Some(&rule.social_value)
        })
        .collect()
}

/// The support lists of the latest school year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lists {
    /// The school year the lists are for.
    pub school_year: String,
    /// ШНОР, alphabetical.
    pub low: Vec<LowResults>,
    /// ШНСУ, alphabetical.
    pub unfavourable: Vec<usize>,
}

/// ШНОР and ШНСУ of the latest school year.
pub fn lists(project: &Project, analysis: &[ProcedureAnalysis]) -> Lists {
    let school_year = project.latest_school_year().unwrap_or_default().to_string();
    Lists {
        low: low_results(project, analysis, &school_year),
        unfavourable: unfavourable(project),
        school_year,
    }
}
