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
    /// Where the office's data carry a persistent pupil id: the deficits this pupil had a
    /// year earlier (the cohort's previous work) and what became of each.
    pub followed: Vec<FollowedDeficit>,
}

/// A deficit of a pupil's previous-year work, looked for in this one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowedDeficit {
    /// The skill as the earlier plan words it.
    pub text: String,
    /// `Some(true)`: no longer a deficit; `Some(false)`: still one; `None`: this work does
    /// not check the same planned result.
    pub overcome: Option<bool>,
}

/// What became of the deficits `earlier` (this pupil's note a year before) had, by the
/// planned results of `procedure` that share their wording.
pub fn follow(
    before: &Procedure,
    earlier: &ParticipantNote,
    procedure: &Procedure,
    now: &ParticipantNote,
) -> Vec<FollowedDeficit> {
    earlier
        .skills
        .iter()
        .filter(|s| s.standing == Standing::Deficit)
        .map(|s| {
            let same = crate::analyse::dynamics::shared_skill(before, &s.skill, procedure);
            let overcome = same.and_then(|code| {
                let found = now.skills.iter().find(|x| x.skill == code)?;
                Some(found.standing != Standing::Deficit)
            });
            FollowedDeficit {
                text: if s.text.is_empty() {
                    s.skill.clone()
                } else {
                    s.text.clone()
                },
                overcome,
            }
        })
        .collect()
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
        followed: Vec::new(),
    }
}

/// One procedure's participants' notes by (school, class index in its school group).
pub type ProcedureNotes = BTreeMap<(usize, usize), Vec<ParticipantNote>>;

/// The notes of procedure `i`'s participants: classes are the runs of a school's
/// participants, as in the class groups. Where both this work and the cohort's work a year
/// earlier carry persistent pupil ids, each note also follows the pupil's earlier deficits.
///
/// Made for one procedure at a time, while its class pages are rendered: a region's notes
/// all at once would be gigabytes (a note holds every score and skill as text).
pub fn procedure_notes(project: &Project, i: usize) -> ProcedureNotes {
    use rayon::prelude::*;
    let thresholds = &project.config.thresholds;
    let (p, results) = (&project.procedures[i], &project.results[i]);
    let earlier = &earlier_by_pupil(project, i);
    let schools: Vec<&[Participant]> = results
        .participants
        .chunk_by(|a, b| a.school == b.school)
        .collect();
    schools
        .par_iter()
        .flat_map_iter(|run| {
            let school = run[0].school as usize;
            run.chunk_by(|a, b| a.class == b.class)
                .enumerate()
                .map(move |(k, class)| {
                    let found = class
                        .iter()
                        .map(|x| {
                            let mut n = note(p, x, thresholds);
                            if let Some((before, by_pupil)) = earlier
                                && let Some(prev) =
                                    x.pupil.as_deref().and_then(|id| by_pupil.get(id))
                            {
                                let e = note(before, prev, thresholds);
                                n.followed = follow(before, &e, p, &n);
                            }
                            n
                        })
                        .collect();
                    ((school, k), found)
                })
        })
        .collect()
}

/// The cohort's previous work and its participants by pupil id, if it carries any.
fn earlier_by_pupil(
    project: &Project,
    procedure: usize,
) -> Option<(&Procedure, BTreeMap<&str, &Participant>)> {
    let j = crate::analyse::dynamics::cohort_previous(project, procedure)?;
    let by_pupil: BTreeMap<&str, &Participant> = project.results[j]
        .participants
        .iter()
        .filter_map(|p| Some((p.pupil.as_deref()?, p)))
        .collect();
    (!by_pupil.is_empty()).then_some((&project.procedures[j], by_pupil))
}
