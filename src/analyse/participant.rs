//! A participant's analytic note (internal audience only): task by task, skill by skill,
//! and the individual educational route — the skills to work on first.

use serde::Serialize;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
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
    /// None where a task's level is not known: no judgement then.
    cut: Option<Cut>,
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
/// planned results of this work that share their wording (`shared`, by earlier skill).
fn follow(
    shared: &SharedSkills,
    earlier: &ParticipantNote,
    now: &ParticipantNote,
) -> Vec<FollowedDeficit> {
    earlier
        .skills
        .iter()
        .filter(|s| s.standing == Standing::Deficit)
        .map(|s| {
            let same = shared.get(&s.skill).and_then(Option::as_deref);
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

/// Per skill of an earlier plan: the skill of this plan that is the same planned result.
type SharedSkills = BTreeMap<Arc<str>, Option<String>>;

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
                standing: Standing::of(completion, planned.cut?),
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

/// One procedure's participants' notes, made class by class as the pages that show them
/// are built: a procedure's notes all at once would be hundreds of megabytes at a region's
/// scale, its rows a few dozen. Holds the procedure's rows and, where both this work and
/// the cohort's work a year earlier carry persistent pupil ids, the earlier rows, so that
/// each note also follows the pupil's earlier deficits.
pub struct ProcedureNotes<'p> {
    plan: NotePlan,
    rows: Cow<'p, [Participant]>,
    /// Each school's run of rows, by school index.
    schools: BTreeMap<usize, Range<usize>>,
    earlier: Option<Earlier<'p>>,
}

/// The cohort's work a year earlier, for following pupils' deficits.
struct Earlier<'p> {
    plan: NotePlan,
    shared: SharedSkills,
    rows: Cow<'p, [Participant]>,
    /// Indices of the rows with a pupil id, sorted by it (stable: the last of equal ids is
    /// the one found, as a map collected from the rows would keep).
    by_pupil: Vec<usize>,
}

impl<'p> Earlier<'p> {
    fn of(project: &'p Project, j: usize, now: &Procedure) -> Result<Option<Self>, OkoError> {
        let rows = project.results[j].rows()?;
        let by_pupil = sorted_by_pupil(&rows);
        if by_pupil.is_empty() {
            return Ok(None);
        }
        let before = &project.procedures[j];
        let plan = NotePlan::of(before, &project.config.thresholds);
        let shared = plan
            .skills
            .iter()
            .map(|s| {
                let same = crate::analyse::dynamics::shared_skill(before, &s.skill, now);
                (Arc::clone(&s.skill), same)
            })
            .collect();
        Ok(Some(Earlier {
            plan,
            shared,
            rows,
            by_pupil,
        }))
    }

    /// The pupil's row in the earlier work.
    fn row(&self, pupil: &str) -> Option<&Participant> {
        let id = |r: usize| self.rows[r].pupil.as_deref();
        let end = self.by_pupil.partition_point(|&r| id(r) <= Some(pupil));
        let last = *self.by_pupil[..end].last()?;
        (id(last) == Some(pupil)).then(|| &self.rows[last])
    }
}

/// The indices of the rows that carry a pupil id, sorted by it; rows with the same id stay
/// in their order.
fn sorted_by_pupil(rows: &[Participant]) -> Vec<usize> {
    let mut by_pupil: Vec<usize> = (0..rows.len())
        .filter(|&r| rows[r].pupil.is_some())
        .collect();
    by_pupil.sort_by(|&a, &b| rows[a].pupil.cmp(&rows[b].pupil));
    by_pupil
}

impl<'p> ProcedureNotes<'p> {
    /// Notes for no one: what an audience that sees none is given.
    pub fn none() -> ProcedureNotes<'static> {
        ProcedureNotes {
            plan: NotePlan { skills: Vec::new() },
            rows: Cow::Borrowed(&[]),
            schools: BTreeMap::new(),
            earlier: None,
        }
    }

    /// The notes of procedure `i`'s participants. An error if rows set aside cannot be read
    /// back.
    pub fn of(project: &'p Project, i: usize) -> Result<ProcedureNotes<'p>, OkoError> {
        let p = &project.procedures[i];
        let rows = project.results[i].rows()?;
        let earlier = match crate::analyse::dynamics::cohort_previous(project, i) {
            Some(j) if rows.iter().any(|x| x.pupil.is_some()) => Earlier::of(project, j, p)?,
            _ => None,
        };
        let mut schools = BTreeMap::new();
        let mut start = 0;
        for run in school_runs(&rows) {
            schools.insert(run[0].school as usize, start..start + run.len());
            start += run.len();
        }
        Ok(ProcedureNotes {
            plan: NotePlan::of(p, &project.config.thresholds),
            rows,
            schools,
            earlier,
        })
    }

    /// The notes of class `class` (its number in [`class_runs`], as in the class groups)
    /// of school `school`; none if there is no such class.
    pub fn class(&self, school: usize, class: usize) -> Vec<ParticipantNote> {
        let Some(run) = self.schools.get(&school) else {
            return Vec::new();
        };
        let Some(rows) = class_runs(&self.rows[run.clone()]).nth(class) else {
            return Vec::new();
        };
        rows.iter().map(|x| self.note(x)).collect()
    }

    fn note(&self, x: &Participant) -> ParticipantNote {
        let mut n = note_with(&self.plan, x);
        if let Some(earlier) = &self.earlier
            && let Some(prev) = x.pupil.as_deref().and_then(|id| earlier.row(id))
        {
            let e = note_with(&earlier.plan, prev);
            n.followed = follow(&earlier.shared, &e, &n);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, pupil: Option<&str>) -> Participant {
        Participant {
            school: 0,
            class: "А".into(),
            code: code.into(),
            scores: Box::new([]),
            primary: 0,
            mark: None,
            journal_mark: None,
            test_score: None,
            medal: None,
            pupil: pupil.map(Into::into),
        }
    }

    #[test]
    fn a_pupil_is_found_in_the_earlier_work_and_a_repeated_id_means_its_last_row() {
        let rows = vec![
            row("1", Some("b")),
            row("2", Some("a")),
            row("3", None),
            row("4", Some("b")),
            row("5", Some("c")),
        ];
        let earlier = Earlier {
            plan: NotePlan { skills: Vec::new() },
            shared: SharedSkills::new(),
            by_pupil: sorted_by_pupil(&rows),
            rows: Cow::Owned(rows),
        };
        let code = |id: &str| earlier.row(id).map(|r| r.code.to_string());
        assert_eq!(code("a").as_deref(), Some("2"));
        assert_eq!(code("b").as_deref(), Some("4"));
        assert_eq!(code("c").as_deref(), Some("5"));
        assert_eq!(code("bb"), None);
        assert_eq!(code(""), None);
    }
}
