//! A participant's analytic note (internal audience only): task by task, skill by skill,
//! and the individual educational route — the skills to work on first.

use serde::Serialize;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::analyse::indicators::{Standing, cut_for, skill_groups};
use crate::config::{Cut, Thresholds};
use crate::diag::OkoError;
use crate::model::{NOT_ATTEMPTED, Participant, Procedure, Project, class_runs, school_runs};
use crate::text::Fixed;

/// One skill of a participant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillResult {
    /// The skill code.
    pub skill: Arc<str>,
    /// What the skill is (shared by every note of the procedure).
    pub text: Arc<str>,
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
    pub scores: Scores,
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

/// A participant's scores as read, one byte a task: shown as text (`н` where the task was
/// not attempted) only when a page is written, not kept as a string per task.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores(Box<[u8]>);

fn score_text(score: u8) -> String {
    if score == NOT_ATTEMPTED {
        "н".to_string()
    } else {
        score.to_string()
    }
}

impl Serialize for Scores {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|&score| score_text(score)))
    }
}

/// What every note of one procedure shares — its skills with their texts, tasks, maxima
/// and cuts — worked out once, not for every pupil.
pub struct NotePlan {
    skills: Vec<PlannedSkill>,
}

struct PlannedSkill {
    skill: Arc<str>,
    text: Arc<str>,
    tasks: Vec<usize>,
    max: u64,
    cut: Cut,
}

impl NotePlan {
    /// The plan of `procedure`'s notes under `thresholds`.
    pub fn of(procedure: &Procedure, thresholds: &Thresholds) -> NotePlan {
        let skills = skill_groups(procedure)
            .into_iter()
            .map(|(skill, tasks)| PlannedSkill {
                text: procedure.skill_text(&skill).into(),
                max: tasks
                    .iter()
                    .map(|&t| u64::from(procedure.tasks[t].max))
                    .sum(),
                cut: cut_for(tasks.iter().map(|&t| procedure.tasks[t].level), thresholds),
                skill: skill.into(),
                tasks,
            })
            .collect();
        NotePlan { skills }
    }
}

/// A deficit of a pupil's previous-year work, looked for in this one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowedDeficit {
    /// The skill as the earlier plan words it.
    pub text: Arc<str>,
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
                let found = now.skills.iter().find(|x| *x.skill == *code)?;
                Some(found.standing != Standing::Deficit)
            });
            FollowedDeficit {
                text: Arc::clone(if s.text.is_empty() { &s.skill } else { &s.text }),
                overcome,
            }
        })
        .collect()
}

/// The note for one participant.
pub fn note(procedure: &Procedure, p: &Participant, thresholds: &Thresholds) -> ParticipantNote {
    note_with(&NotePlan::of(procedure, thresholds), p)
}

/// The note for one participant of the procedure `plan` was made for.
fn note_with(plan: &NotePlan, p: &Participant) -> ParticipantNote {
    let score = |t: usize| match p.scores[t] {
        NOT_ATTEMPTED => 0,
        s => u64::from(s),
    };
    let skills: Vec<SkillResult> = plan
        .skills
        .iter()
        .filter_map(|planned| {
            let got: u64 = planned.tasks.iter().map(|&t| score(t)).sum();
            let completion = Fixed::percent(got, planned.max)?;
            Some(SkillResult {
                standing: Standing::of(completion, planned.cut),
                skill: Arc::clone(&planned.skill),
                text: Arc::clone(&planned.text),
                completion,
            })
        })
        .collect();
    let route = skills
        .iter()
        .filter(|s| s.standing == Standing::Deficit)
        .map(|s| {
            if s.text.is_empty() {
                s.skill.to_string()
            } else {
                format!("{} — {}", s.skill, s.text)
            }
        })
        .collect();
    ParticipantNote {
        code: p.code.to_string(),
        scores: Scores(p.scores.clone()),
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

/// The notes of procedure `i`'s participants, by school and class number
/// ([`class_runs`], as in the class groups). Where both this work and the cohort's work a year
/// earlier carry persistent pupil ids, each note also follows the pupil's earlier deficits.
///
/// Made for one procedure at a time, while its class pages are rendered: a region's notes
/// all at once would be gigabytes. An error if rows set aside cannot be read back.
pub fn procedure_notes(project: &Project, i: usize) -> Result<ProcedureNotes, OkoError> {
    use rayon::prelude::*;
    let thresholds = &project.config.thresholds;
    let p = &project.procedures[i];
    let rows = project.results[i].rows()?;
    let earlier_rows = match crate::analyse::dynamics::cohort_previous(project, i) {
        Some(j) if rows.iter().any(|x| x.pupil.is_some()) => Some((j, project.results[j].rows()?)),
        _ => None,
    };
    let earlier = &earlier_rows
        .as_ref()
        .and_then(|(j, before)| by_pupil(&project.procedures[*j], before));
    let plan = &NotePlan::of(p, thresholds);
    let earlier_plan = &earlier
        .as_ref()
        .map(|(before, _)| NotePlan::of(before, thresholds));
    let schools: Vec<&[Participant]> = school_runs(&rows).collect();
    let notes = schools
        .par_iter()
        .flat_map_iter(|run| {
            let school = run[0].school as usize;
            class_runs(run).enumerate().map(move |(k, class)| {
                let found = class
                    .iter()
                    .map(|x| {
                        let mut n = note_with(plan, x);
                        if let (Some((before, by_pupil)), Some(before_plan)) =
                            (earlier, earlier_plan)
                            && let Some(prev) = x.pupil.as_deref().and_then(|id| by_pupil.get(id))
                        {
                            let e = note_with(before_plan, prev);
                            n.followed = follow(before, &e, p, &n);
                        }
                        n
                    })
                    .collect();
                ((school, k), found)
            })
        })
        .collect();
    Ok(notes)
}

/// The cohort's previous work with its participants by pupil id, if they carry any.
fn by_pupil<'a>(
    before: &'a Procedure,
    rows: &'a [Participant],
) -> Option<(&'a Procedure, BTreeMap<&'a str, &'a Participant>)> {
    let by_pupil: BTreeMap<&str, &Participant> = rows
        .iter()
        .filter_map(|p| Some((p.pupil.as_deref()?, p)))
        .collect();
    (!by_pupil.is_empty()).then_some((before, by_pupil))
}
