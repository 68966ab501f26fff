//! Schools needing support: ШНОР (low results by the rule in `oko.yaml: support`) and
//! ШНСУ (unfavourable social conditions, from a school attribute). Listed alphabetically,
//! never ranked.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::analyse::ProcedureAnalysis;
use crate::analyse::objectivity::Sign;
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

/// A subject's schools with stable high results: possible mentors for a ШНОР school.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mentors {
    /// The subject.
    pub subject: String,
    /// (school, works counted), alphabetical.
    pub schools: Vec<(usize, usize)>,
    /// Schools whose results meet the rule but that have objectivity signs in the subject's
    /// works: (school, «work — sign» for each), alphabetical. Not proposed, and told why.
    pub refused: Vec<(usize, Vec<String>)>,
}

/// The support lists: ШНОР and ШНСУ of the latest school year, ШНОР of every year (to see
/// whether a school stays on the list), and possible mentors by subject.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lists {
    /// The school year the lists are for.
    pub school_year: String,
    /// ШНОР, alphabetical.
    pub low: Vec<LowResults>,
    /// ШНСУ, alphabetical.
    pub unfavourable: Vec<usize>,
    /// ШНОР of every school year, oldest first: (school year, schools).
    pub history: Vec<(String, Vec<usize>)>,
    /// On the list the year before the latest and no longer on it.
    pub left: Vec<usize>,
    /// Possible mentors, by subject.
    pub mentors: Vec<Mentors>,
}

/// The objectivity signs of a school in the given works, once each, as «work (year) — sign».
fn signs_in(
    project: &Project,
    signs: &[BTreeMap<usize, Vec<Sign>>],
    works: &[usize],
    school: usize,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for &i in works {
        let p = &project.procedures[i];
        for sign in signs[i].get(&school).into_iter().flatten() {
            let mut title = sign.title.chars();
            let first = title.next().map(|c| c.to_lowercase().to_string());
            let line = format!(
                "{} ({}) — {}{}",
                p.title,
                p.school_year,
                first.unwrap_or_default(),
                title.as_str()
            );
            if !found.contains(&line) {
                found.push(line);
            }
        }
    }
    found
}

/// ШНОР and ШНСУ of the latest school year, the ШНОР history and possible mentors.
pub fn lists(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    signs: &[BTreeMap<usize, Vec<Sign>>],
) -> Lists {
    let school_year = project.latest_school_year().unwrap_or_default().to_string();
    let history: Vec<(String, Vec<usize>)> = project
        .school_years()
        .iter()
        .map(|y| {
            let schools = low_results(project, analysis, y)
                .iter()
                .map(|l| l.school)
                .collect();
            (y.to_string(), schools)
        })
        .collect();
    let left = match history.as_slice() {
        [.., (_, before), (_, latest)] => before
            .iter()
            .copied()
            .filter(|s| !latest.contains(s))
            .collect(),
        _ => Vec::new(),
    };
    Lists {
        low: low_results(project, analysis, &school_year),
        unfavourable: unfavourable(project),
        school_year,
        history,
        left,
        mentors: mentors(project, analysis, signs),
    }
}

/// Possible mentors in a subject: schools whose every work in it with marks (at least
/// `support.mentor_works`, each with `min_participants`) has success not below the spread
/// expected of its size and quality above it in at least half — high results that chance
/// does not explain, year after year. A school with any objectivity sign in any work of the
/// subject (ОГЭ and ЕГЭ too, journal-lowered too) is no model: it is not proposed, and the
/// reason is kept (`refused`).
pub fn mentors(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    signs: &[BTreeMap<usize, Vec<Sign>>],
) -> Vec<Mentors> {
    let mut subjects: Vec<&str> = project
        .procedures
        .iter()
        .filter(|p| p.has_marks())
        .map(|p| p.subject.as_str())
        .collect();
    subjects.sort_unstable();
    subjects.dedup();
    subjects
        .into_iter()
        .filter_map(|subject| {
            let every: Vec<usize> = (0..project.procedures.len())
                .filter(|&i| project.procedures[i].subject == subject)
                .collect();
            let mut schools = Vec::new();
            let mut refused = Vec::new();
            for si in 0..project.schools.len() {
                let Some(works) = strong(project, analysis, &every, si) else {
                    continue;
                };
                match signs_in(project, signs, &every, si) {
                    found if found.is_empty() => schools.push((si, works)),
                    found => refused.push((si, found)),
                }
            }
            (!schools.is_empty() || !refused.is_empty()).then(|| Mentors {
                subject: subject.to_string(),
                schools,
                refused,
            })
        })
        .collect()
}

/// How many works with marks make a school's results in a subject strong by the mentor
/// rule, or none when they do not.
fn strong(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    every: &[usize],
    school: usize,
) -> Option<usize> {
    use crate::analyse::uncertainty::Position;
    let rule = &project.config.support;
    let works: Vec<_> = every
        .iter()
        .filter(|&&i| project.procedures[i].has_marks())
        .filter_map(|&i| analysis[i].school(school))
        .filter(|s| s.group.counters.participants >= u64::from(rule.min_participants))
        .map(|s| s.spread_municipality.unwrap_or(s.spread))
        .collect();
    let steady = works
        .iter()
        .all(|w| w.success.is_some_and(|p| p != Position::Below));
    let above = works
        .iter()
        .filter(|w| w.quality == Some(Position::Above))
        .count();
    (works.len() >= rule.mentor_works && steady && 2 * above >= works.len()).then_some(works.len())
}
