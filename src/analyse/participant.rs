//! A participant's analytic note (internal audience only): task by task, skill by skill,
//! and the individual educational route — the skills to work on first.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::analyse::indicators::{Standing, cut_for, skill_groups};
use crate::config::Thresholds;
use crate::model::{NOT_ATTEMPTED, Participant, Procedure, Project};
use crate::text::Fixed;

/// One skill of a participant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillResult {
    /// The skill code.
    pub skill: String,
    /// What the skill is.
    pub text: String,
    /// % of the maximum over its tasks.
    pub completion: Fixed,
    /// Formed, borderline or a deficit.
    pub standing: Standing,
}

/// One participant's analytic note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantNote {
    /// The participant code (never a name).
    pub code: String,
    /// Scores in plan order; `н` where the task was not attempted.
    pub scores: Vec<String>,
    /// Primary score.
    pub primary: u32,
    /// Procedure mark.
    pub mark: Option<u8>,
    /// Mark in the journal for the previous period.
    pub journal_mark: Option<u8>,
    /// ЕГЭ test score.
    pub test_score: Option<u32>,
    /// Every skill of the plan.
    pub skills: Vec<SkillResult>,
    /// Skills below the insufficient cut, in plan order: the route's first steps.
    pub route: Vec<String>,
}

/// The note for one participant.
pub fn note(procedure: &Procedure, p: &Participant, thresholds: &Thresholds) -> ParticipantNote {
    let score = |t: usize| match p.scores[t] {
        NOT_ATTEMPTED => 0,
        s => u64::from(s),
    };
    let skills: Vec<SkillResult> = skill_groups(procedure)
        .into_iter()
        .filter_map(|(skill, members)| {
            let got: u64 = members.iter().map(|&t| score(t)).sum();
            let max: u64 = members
                .iter()
                .map(|&t| u64::from(procedure.tasks[t].max))
                .sum();
            let completion = Fixed::percent(got, max)?;
            let cut = cut_for(
                members.iter().map(|&t| procedure.tasks[t].level),
                thresholds,
            );
            let text = procedure.skill_text(&skill).to_string();
            Some(SkillResult {
                standing: Standing::of(completion, cut),
                skill,
                text,
                completion,
            })
        })
        .collect();
    let route = skills
        .iter()
        .filter(|s| s.standing == Standing::Deficit)
        .map(|s| {
            if s.text.is_empty() {
                s.skill.clone()
            } else {
                format!("{} — {}", s.skill, s.text)
            }
        })
        .collect();
    ParticipantNote {
        code: p.code.to_string(),
        scores: p
            .scores
            .iter()
            .map(|&s| {
                if s == NOT_ATTEMPTED {
                    "н".to_string()
                } else {
                    s.to_string()
                }
            })
            .collect(),
        primary: p.primary,
        mark: p.mark,
        journal_mark: p.journal_mark,
        test_score: p.test_score,
        skills,
        route,
    }
}

/// Notes of every participant, per procedure, by (school, class index in its school
/// group): classes are the runs of a school's participants, as in the class groups.
pub fn all_notes(project: &Project) -> Vec<BTreeMap<(usize, usize), Vec<ParticipantNote>>> {
    use rayon::prelude::*;
    let thresholds = &project.config.thresholds;
    project
        .procedures
        .par_iter()
        .zip(&project.results)
        .map(|(p, results)| {
            let mut notes = BTreeMap::new();
            for run in results.participants.chunk_by(|a, b| a.school == b.school) {
                let school = run[0].school as usize;
                for (k, class) in run.chunk_by(|a, b| a.class == b.class).enumerate() {
                    let found = class.iter().map(|x| note(p, x, thresholds)).collect();
                    notes.insert((school, k), found);
                }
            }
            notes
        })
        .collect()
}
