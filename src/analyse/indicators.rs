//! Indicators of DESIGN §3, computed once from a group's counters.

use std::sync::Arc;

use serde::Serialize;

use crate::analyse::counters::Counters;
use crate::analyse::uncertainty::{Interval, wilson};
use crate::config::{Cut, Thresholds};
use crate::model::{Level, Procedure};
use crate::text::{Fixed, Places};

/// Whether a planned result is formed, by the ФИОКО cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// At or above the sufficient cut.
    Formed,
    /// Between the insufficient and sufficient cuts.
    Borderline,
    /// Below the insufficient cut: a deficit.
    Deficit,
}

impl Standing {
    /// Compares a completion percentage (one decimal) as displayed, so that a shown
    /// «57,0 %» is never called a deficit against a 57 % cut.
    pub fn of(completion: Fixed, cut: Cut) -> Standing {
        let tenths = |v: f64| (v * 10.0).round() as i64;
        let value = completion.scaled * 10 / 10_i64.pow(u32::from(completion.decimals.count()));
        if value < tenths(cut.insufficient) {
            Standing::Deficit
        } else if value < tenths(cut.sufficient) {
            Standing::Borderline
        } else {
            Standing::Formed
        }
    }

    /// The standing in words.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Formed => "сформировано",
            Standing::Borderline => "на границе",
            Standing::Deficit => "дефицит",
        }
    }
}

/// The cut for a set of task levels: basic unless every task is advanced or high; none
/// where a task's level is not known (its plan left it blank), for then neither cut is
/// the plan's own.
pub fn cut_for(
    levels: impl IntoIterator<Item = Option<Level>>,
    thresholds: &Thresholds,
) -> Option<Cut> {
    let mut any = false;
    let mut basic = false;
    for level in levels {
        any = true;
        basic |= level? == Level::Basic;
    }
    Some(if basic || !any {
        thresholds.basic
    } else {
        thresholds.advanced
    })
}

/// Completion of one task (or criterion).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskFigures {
    /// % of the maximum score.
    pub completion: Option<Fixed>,
    /// 95 % interval of the completion (n = participants × maximum, k = points scored).
    pub interval: Option<Interval>,
    /// Completion among participants with mark 2, 3, 4, 5 (the public build hides small mark groups).
    pub by_mark: [Option<Fixed>; 4],
    /// % of participants who did not attempt the task.
    pub not_attempted: Option<Fixed>,
    /// Formed, borderline or a deficit.
    pub standing: Option<Standing>,
}

/// 95 % Wilson intervals of a group's shares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Intervals {
    /// Of each mark 2, 3, 4, 5.
    pub marks: [Option<Interval>; 4],
    /// Of the success rate.
    pub success: Option<Interval>,
    /// Of the quality rate.
    pub quality: Option<Interval>,
    /// Of the share passed (зачёт).
    pub passed: Option<Interval>,
    /// Of each level's share.
    pub levels: [Option<Interval>; 3],
}

/// Achievement of one skill (planned result).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillFigures {
    /// The skill code from the plan (shared by every group of the procedure).
    pub skill: Arc<str>,
    /// Task ids that check the skill (shared by every group of the procedure).
    pub tasks: Arc<[String]>,
    /// % of the maximum over its tasks.
    pub completion: Option<Fixed>,
    /// Formed, borderline or a deficit.
    pub standing: Option<Standing>,
}

/// Procedure marks against journal marks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConfirmationFigures {
    /// Participants with both marks.
    pub compared: u64,
    /// % whose procedure mark is lower.
    pub lowered: Fixed,
    /// % whose marks agree.
    pub confirmed: Fixed,
    /// % whose procedure mark is higher.
    pub raised: Fixed,
    /// Participants whose marks differ by 2 or more.
    pub differ_by_two: u64,
}

/// ЕГЭ test-score figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TestFigures {
    /// Participants with a test score.
    pub count: u64,
    /// Mean test score.
    pub mean: Option<Fixed>,
    /// % below the minimum score.
    pub below_min: Option<Fixed>,
    /// % with up to 60 points.
    pub up_to_60: Option<Fixed>,
    /// % with 61–80 points.
    pub from_61_to_80: Option<Fixed>,
    /// % with 81–100 points.
    pub from_81: Option<Fixed>,
    /// Candidates for a medal.
    pub medal_candidates: u64,
    /// % of candidates below the medal requirement.
    pub medal_missed: Option<Fixed>,
}

/// Every indicator of one group (municipality, cluster, school, grade or class).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    /// Participants.
    pub participants: u64,
    /// Students of the grade.
    pub enrolled: u64,
    /// Participants ÷ students of the grade, %.
    pub participation: Option<Fixed>,
    /// % of participants with mark 2, 3, 4, 5.
    pub marks: [Option<Fixed>; 4],
    /// % of marks 3–5.
    pub success: Option<Fixed>,
    /// % of marks 4–5.
    pub quality: Option<Fixed>,
    /// Mean mark.
    pub mean_mark: Option<Fixed>,
    /// Mean primary score.
    pub mean_primary: Option<Fixed>,
    /// Mean primary score as % of the maximum.
    pub mean_percent: Option<Fixed>,
    /// Степень обученности (Симонов), %.
    pub sou: Option<Fixed>,
    /// Procedure marks against journal marks.
    pub confirmation: Option<ConfirmationFigures>,
    /// Per task of the plan.
    pub tasks: Vec<TaskFigures>,
    /// Per skill of the plan.
    pub skills: Vec<SkillFigures>,
    /// ЕГЭ test-score figures.
    pub test: Option<TestFigures>,
    /// Зачёт/незачёт works: % of participants who passed.
    pub passed: Option<Fixed>,
    /// % below basic, at basic and at advanced level, where the work defines levels.
    pub levels: Option<[Option<Fixed>; 3]>,
    /// How much of the shares may be chance.
    pub intervals: Intervals,
}

/// Computes every indicator of a group from its counters.
pub fn compute(
    c: &Counters,
    procedure: &Procedure,
    plan: &SkillPlan,
    thresholds: &Thresholds,
) -> Indicators {
    let n = c.participants;
    let with_mark: u64 = c.marks.iter().sum();
    let pct = |num: u64, den: u64| Fixed::percent(num, den);
    let marks = [0, 1, 2, 3].map(|i| pct(c.marks[i], with_mark));
    let mark_sum: u64 = c.marks.iter().zip(2..).map(|(count, m)| count * m).sum();
    let sou_sum: u64 = c
        .marks
        .iter()
        .zip([16, 36, 64, 100])
        .map(|(count, w)| count * w)
        .sum();
    let max = u64::from(procedure.max_primary());

    let tasks = task_figures(c, procedure, thresholds);
    let skills = skill_figures(c, procedure, plan, thresholds);

    let cf = &c.confirmation;
    let confirmation = (cf.compared > 0).then(|| ConfirmationFigures {
        compared: cf.compared,
        lowered: pct(cf.lowered, cf.compared).unwrap_or_default(),
        confirmed: pct(cf.confirmed, cf.compared).unwrap_or_default(),
        raised: pct(cf.raised, cf.compared).unwrap_or_default(),
        differ_by_two: cf.differ_by_two,
    });

    let test = test_figures(c);

    Indicators {
        participants: n,
        enrolled: c.enrolled,
        participation: pct(n, c.enrolled),
        marks,
        success: pct(c.marks[1] + c.marks[2] + c.marks[3], with_mark),
        quality: pct(c.marks[2] + c.marks[3], with_mark),
        mean_mark: Fixed::mean(mark_sum, with_mark),
        mean_primary: Fixed::mean(c.primary_sum, n),
        mean_percent: pct(c.primary_sum, n * max),
        sou: Fixed::ratio(sou_sum as i64, with_mark as i64, 1, Places::One),
        confirmation,
        tasks,
        skills,
        test,
        passed: procedure.pass.as_ref().and_then(|_| pct(c.passed, n)),
        levels: procedure
            .levels
            .map(|_| [0, 1, 2].map(|l| pct(c.levels[l], n))),
        intervals: Intervals {
            marks: [0, 1, 2, 3].map(|i| wilson(c.marks[i], with_mark)),
            success: wilson(c.marks[1] + c.marks[2] + c.marks[3], with_mark),
            quality: wilson(c.marks[2] + c.marks[3], with_mark),
            passed: procedure.pass.as_ref().and_then(|_| wilson(c.passed, n)),
            levels: [0, 1, 2].map(|l| procedure.levels.and_then(|_| wilson(c.levels[l], n))),
        },
    }
}

/// Completion of every task, overall and per mark group, with its standing.
fn task_figures(c: &Counters, procedure: &Procedure, thresholds: &Thresholds) -> Vec<TaskFigures> {
    let n = c.participants;
    let pct = |num: u64, den: u64| Fixed::percent(num, den);
    procedure
        .tasks
        .iter()
        .enumerate()
        .map(|(t, task)| {
            let completion = pct(c.task_sum[t], n * u64::from(task.max));
            let interval = wilson(c.task_sum[t], n * u64::from(task.max));
            let by_mark = [0, 1, 2, 3]
                .map(|m| pct(c.task_sum_by_mark[t][m], c.marks[m] * u64::from(task.max)));
            TaskFigures {
                completion,
                interval,
                by_mark,
                not_attempted: pct(c.task_not_attempted[t], n),
                standing: completion
                    .zip(cut_for([task.level], thresholds))
                    .map(|(v, cut)| Standing::of(v, cut)),
            }
        })
        .collect()
}

/// A procedure's skills as every group's figures share them: each code and its task ids
/// are made once, not once per school (a region has tens of thousands of groups).
pub struct SkillPlan(Vec<PlannedSkill>);

struct PlannedSkill {
    skill: Arc<str>,
    tasks: Arc<[String]>,
    /// Indices of its tasks in the plan.
    members: Vec<usize>,
}

impl SkillPlan {
    /// The skills of `procedure`, in order of first appearance.
    pub fn of(procedure: &Procedure) -> SkillPlan {
        SkillPlan(
            skill_groups(procedure)
                .into_iter()
                .map(|(skill, members)| PlannedSkill {
                    skill: skill.into(),
                    tasks: members
                        .iter()
                        .map(|&t| procedure.tasks[t].id.clone())
                        .collect(),
                    members,
                })
                .collect(),
        )
    }
}

/// Achievement of every skill over the tasks that check it (weighted by their maxima).
fn skill_figures(
    c: &Counters,
    procedure: &Procedure,
    plan: &SkillPlan,
    thresholds: &Thresholds,
) -> Vec<SkillFigures> {
    plan.0
        .iter()
        .map(|planned| {
            let members = &planned.members;
            let sum: u64 = members.iter().map(|&t| c.task_sum[t]).sum();
            let max: u64 = members
                .iter()
                .map(|&t| u64::from(procedure.tasks[t].max))
                .sum();
            let completion = Fixed::percent(sum, c.participants * max);
            let cut = cut_for(
                members.iter().map(|&t| procedure.tasks[t].level),
                thresholds,
            );
            SkillFigures {
                skill: Arc::clone(&planned.skill),
                tasks: Arc::clone(&planned.tasks),
                completion,
                standing: completion.zip(cut).map(|(v, cut)| Standing::of(v, cut)),
            }
        })
        .collect()
}

/// ЕГЭ test-score figures, when the group has test scores.
fn test_figures(c: &Counters) -> Option<TestFigures> {
    let t = &c.test;
    let pct = |num: u64, den: u64| Fixed::percent(num, den);
    (t.count > 0).then(|| TestFigures {
        count: t.count,
        mean: Fixed::mean(t.sum, t.count),
        below_min: pct(t.below_min, t.count),
        up_to_60: pct(t.up_to_60, t.count),
        from_61_to_80: pct(t.from_61_to_80, t.count),
        from_81: pct(t.from_81, t.count),
        medal_candidates: t.medal_candidates,
        medal_missed: pct(t.medal_missed, t.medal_candidates),
    })
}

/// Skills in order of first appearance, each with the indices of its tasks.
pub fn skill_groups(procedure: &Procedure) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (t, task) in procedure.tasks.iter().enumerate() {
        for skill in &task.skills {
            match groups.iter_mut().find(|(s, _)| s == skill) {
                Some((_, members)) => members.push(t),
                None => groups.push((skill.clone(), vec![t])),
            }
        }
    }
    groups
}

impl Default for Fixed {
    fn default() -> Self {
        Fixed {
            scaled: 0,
            decimals: Places::One,
        }
    }
}
