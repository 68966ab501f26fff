//! The effect of a measure, judged on the same cohort: a deficit found in grade g is looked
//! for a year later in grade g + 1 — the same pupils, in the same schools, on the same
//! planned result — and a change is called a rise or a fall only beyond chance. Comparing
//! next year's grade g instead would compare other children.

use serde::Serialize;

use crate::analyse::dynamics::{cohort_next, shared_skill};
use crate::analyse::measures::{addressing, applies_to};
use crate::analyse::uncertainty::{self, Change, Interval};
use crate::analyse::{Counters, ProcedureAnalysis};
use crate::model::Visibility;
use crate::model::{Owner, Procedure, Project};
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

/// Why a cohort's change is not set against other schools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Uncompared {
    /// The owner is the whole area: no schools outside it.
    WholeArea,
    /// The schools without a measure of their own on this deficit are fewer than a group
    /// the methodology judges (`min_group` participants in either work).
    TooFew,
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
    /// The owner's change against the other schools' (the difference of the changes).
    Judged(Change),
    /// The owner changed (rose or fell beyond chance), but the other schools changed as much.
    LikeOthers(Change),
    /// The owner's own change; there is nothing to set it against.
    Alone(Change, Uncompared),
}

impl Verdict {
    /// The words the roadmap page prints.
    pub fn words(self) -> String {
        match self {
            Verdict::Awaiting => "результатов той же когорты через год пока нет".into(),
            Verdict::NotInPlan => {
                "в работе той же когорты через год этого умения нет — на тех же учащихся не сравнить".into()
            }
            Verdict::NoCommonSchools => "нет школ с результатами в обеих работах".into(),
            Verdict::Judged(Change::Rise) => "заметный рост сверх изменения остальных школ".into(),
            Verdict::Judged(Change::Fall) => "заметное снижение сверх изменения остальных школ".into(),
            Verdict::Judged(Change::Chance) => Change::Chance.words().into(),
            Verdict::LikeOthers(c) => format!(
                "{}, но школы без такого мероприятия изменились так же — эффект мероприятия не виден",
                c.words()
            ),
            Verdict::Alone(c, why) => format!(
                "{}; {}",
                c.words(),
                match why {
                    Uncompared::WholeArea => "других школ для сравнения нет — эффект мероприятия не отделить от общего изменения",
                    Uncompared::TooFew => "школ без такого мероприятия для сравнения слишком мало",
                }
            ),
        }
    }

    /// The change the reflection sorts the deficit by, if the effect was judged.
    pub fn judged(self) -> Option<Change> {
        match self {
            Verdict::Judged(c) | Verdict::Alone(c, _) => Some(c),
            Verdict::LikeOthers(_) => Some(Change::Chance),
            Verdict::Awaiting | Verdict::NotInPlan | Verdict::NoCommonSchools => None,
        }
    }
}

/// The schools without a measure of their own on the deficit, over the same two works.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Those schools (indices into the project's schools).
    pub schools: Vec<usize>,
    /// Their share in the first work.
    pub before: SkillShare,
    /// Their share a year later.
    pub after: SkillShare,
    /// Their change, percentage points.
    pub change: Fixed,
    /// The owner's change − theirs, percentage points.
    pub difference: Fixed,
    /// 95 % interval of that difference (MOVER from the two Newcombe intervals).
    pub interval: Interval,
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
    /// The other schools over the same works, when there are enough of them.
    pub comparison: Option<Comparison>,
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
        comparison: None,
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
    effect.change = uncertainty::change_points(b.points, b.possible, a.points, a.possible);
    effect.interval = uncertainty::newcombe(b.points, b.possible, a.points, a.possible);
    let Some(own) = uncertainty::change(b.points, b.possible, a.points, a.possible) else {
        effect.verdict = Verdict::NoCommonSchools;
        return effect;
    };
    let others = comparison_schools(project, analysis, owner, (procedure, skill), later);
    let later_skill = effect.later_skill.as_deref().unwrap_or(skill);
    effect.comparison = compare(
        project,
        analysis,
        (procedure, skill),
        (later, later_skill),
        (b, a),
        others,
    );
    effect.verdict = match (&effect.comparison, owner) {
        (_, Owner::Municipality) => Verdict::Alone(own, Uncompared::WholeArea),
        (None, _) => Verdict::Alone(own, Uncompared::TooFew),
        (Some(c), _) => match uncertainty::judge(&c.interval) {
            Change::Chance if own != Change::Chance => Verdict::LikeOthers(own),
            versus => Verdict::Judged(versus),
        },
    };
    effect
}

/// The schools outside the owner — in its municipality for a school, in the other
/// municipalities for a municipality of a region — with results in both works and no measure
/// of their own on this deficit: none of a roadmap that works on them but not on the owner.
fn comparison_schools(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    owner: &Owner,
    (procedure, skill): (usize, &str),
    later: usize,
) -> Vec<usize> {
    let p = &project.procedures[procedure];
    let own_area = match owner {
        Owner::School(id) => project
            .school_index(id)
            .and_then(|si| project.schools[si].municipality_index),
        _ => None,
    };
    let inside = owner_schools(project, &analysis[procedure], owner);
    let measured_apart = |si: usize| {
        let school = Owner::School(project.schools[si].id.clone());
        !addressing(project, &school, &p.id, skill)
            .iter()
            .all(|&(ri, _)| applies_to(project, &project.roadmaps[ri].owner(), owner))
    };
    analysis[procedure]
        .schools
        .iter()
        .map(|s| s.school)
        .filter(|si| !inside.contains(si) && analysis[later].school(*si).is_some())
        .filter(|&si| own_area.is_none() || project.schools[si].municipality_index == own_area)
        .filter(|&si| !measured_apart(si))
        .collect()
}

/// The other schools' change and the owner's change against it, if they are a group the
/// methodology judges in both works.
fn compare(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    (procedure, skill): (usize, &str),
    (later, later_skill): (usize, &str),
    (b, a): (SkillShare, SkillShare),
    schools: Vec<usize>,
) -> Option<Comparison> {
    if schools.is_empty() {
        return None;
    }
    let before = skill_share(
        &project.procedures[procedure],
        &analysis[procedure],
        &schools,
        skill,
    )?;
    let after = skill_share(
        &project.procedures[later],
        &analysis[later],
        &schools,
        later_skill,
    )?;
    let min = u64::from(project.config.min_group);
    if before.participants < min || after.participants < min {
        return None;
    }
    let (difference, interval) = uncertainty::difference_of_changes(
        (b.points, b.possible, a.points, a.possible),
        (before.points, before.possible, after.points, after.possible),
    )?;
    Some(Comparison {
        change: uncertainty::change_points(
            before.points,
            before.possible,
            after.points,
            after.possible,
        )?,
        schools,
        before,
        after,
        difference,
        interval,
    })
}
