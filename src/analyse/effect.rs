//! The effect of a measure, judged on the same cohort: a deficit found in grade g is looked
//! for a year later in grade g + 1 — the same pupils, in the same schools, on the same
//! planned result — and a change is called a rise or a fall only beyond chance. Comparing
//! next year's grade g instead would compare other children.

use serde::Serialize;

use crate::analyse::dynamics::{cohort_next, shared_skill};
use crate::analyse::uncertainty::{self, Change, Interval};
use crate::analyse::{Counters, ProcedureAnalysis};
use crate::model::{Owner, Procedure, Project};
use crate::privacy::Visibility;
use crate::text::Fixed;

/// A skill's points over the schools compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SkillShare {
    /// Participants of those schools.
    pub participants: u64,
    /// Points scored on the skill's tasks.
    pub points: u64,
    /// Points possible: participants × the tasks' maxima.
    pub possible: u64,
    /// Points as % of possible.
    pub completion: Fixed,
}

/// What can be said of a measure's effect on one deficit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// The cohort has not written its next work yet (or its results are not loaded).
    Awaiting,
    /// The cohort's next plan does not check the same planned result.
    NotInPlan,
    /// No school of the owner has results in both works.
    NoCommonSchools,
    /// Compared on the same cohort.
    Judged(Change),
}

impl Verdict {
    /// The words the roadmap page prints.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Awaiting => "результатов той же когорты через год пока нет",
            Verdict::NotInPlan => {
                "в работе той же когорты через год этого умения нет — на тех же учащихся не сравнить"
            }
            Verdict::NoCommonSchools => "нет школ с результатами в обеих работах",
            Verdict::Judged(c) => c.words(),
        }
    }
}

/// One deficit a measure addresses, before and a year later in the same cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// The procedure the deficit was found in.
    pub procedure: usize,
    /// The skill, as the measure names it.
    pub skill: String,
    /// The work the same cohort wrote a year later, if loaded.
    pub later: Option<usize>,
    /// The same planned result in that work's plan (its code may differ).
    pub later_skill: Option<String>,
    /// Schools of the owner with results in both works.
    pub schools: usize,
    /// Those schools in the first work.
    pub before: Option<SkillShare>,
    /// Those schools a year later.
    pub after: Option<SkillShare>,
    /// After − before, percentage points.
    pub change: Option<Fixed>,
    /// 95 % interval of the change (Newcombe).
    pub interval: Option<Interval>,
    /// What can be said.
    pub verdict: Verdict,
    /// Set by `privacy`: hidden when either side is a small group or an owner's hidden group.
    #[serde(skip)]
    pub visibility: Visibility,
}

/// The owner's schools with results in a procedure.
fn owner_schools(project: &Project, pa: &ProcedureAnalysis, owner: &Owner) -> Vec<usize> {
    pa.schools
        .iter()
        .map(|s| s.school)
        .filter(|&si| match owner {
            Owner::Municipality => true,
            Owner::Area(id) => project.schools[si]
                .municipality_index
                .is_some_and(|m| project.municipalities[m].id == *id),
            Owner::School(id) => project.schools[si].id == *id,
        })
        .collect()
}

/// A skill's share over some schools of one procedure.
pub fn skill_share(
    procedure: &Procedure,
    pa: &ProcedureAnalysis,
    schools: &[usize],
    skill: &str,
) -> Option<SkillShare> {
    let tasks: Vec<usize> = (0..procedure.tasks.len())
        .filter(|&t| procedure.tasks[t].checks(skill))
        .collect();
    let max: u64 = tasks
        .iter()
        .map(|&t| u64::from(procedure.tasks[t].max))
        .sum();
    let mut merged = Counters::new(procedure);
    for s in schools.iter().filter_map(|&si| pa.school(si)) {
        merged.merge(&s.group.counters);
    }
    let points = tasks.iter().map(|&t| merged.task_sum[t]).sum();
    let possible = merged.participants * max;
    Some(SkillShare {
        participants: merged.participants,
        points,
        possible,
        completion: Fixed::percent(points, possible)?,
    })
}

/// The effect on one deficit (`skill` of `procedure`) for the owner of a roadmap.
pub fn cohort_effect(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    owner: &Owner,
    procedure: usize,
    skill: &str,
) -> Effect {
    let mut effect = Effect {
        procedure,
        skill: skill.to_string(),
        later: cohort_next(project, procedure),
        later_skill: None,
        schools: 0,
        before: None,
        after: None,
        change: None,
        interval: None,
        verdict: Verdict::Awaiting,
        visibility: Visibility::Shown,
    };
    let p = &project.procedures[procedure];
    let earlier_schools = owner_schools(project, &analysis[procedure], owner);
    // Until there is a comparison, "before" is the owner's figure as its report shows it.
    effect.before = skill_share(p, &analysis[procedure], &earlier_schools, skill);
    let Some(later) = effect.later else {
        return effect;
    };
    let q = &project.procedures[later];
    let Some(later_skill) = shared_skill(p, skill, q) else {
        effect.verdict = Verdict::NotInPlan;
        return effect;
    };
    let common: Vec<usize> = owner_schools(project, &analysis[later], owner)
        .into_iter()
        .filter(|si| earlier_schools.contains(si))
        .collect();
    effect.schools = common.len();
    effect.before = skill_share(p, &analysis[procedure], &common, skill);
    effect.after = skill_share(q, &analysis[later], &common, &later_skill);
    effect.later_skill = Some(later_skill);
    let (Some(b), Some(a)) = (effect.before, effect.after) else {
        effect.verdict = Verdict::NoCommonSchools;
        return effect;
    };
    effect.change = Some(Fixed {
        scaled: a.completion.scaled - b.completion.scaled,
        decimals: a.completion.decimals,
    });
    effect.interval = uncertainty::newcombe(b.points, b.possible, a.points, a.possible);
    effect.verdict = uncertainty::change(b.points, b.possible, a.points, a.possible)
        .map_or(Verdict::NoCommonSchools, Verdict::Judged);
    effect
}
