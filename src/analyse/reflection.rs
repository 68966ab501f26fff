//! The reflective stage of a roadmap: the declared indicators checked against the figures
//! oko computes, and what improved, what did not and what has no measure — the material of
//! the conclusion the seeds ask for at the end of the cycle.

use serde::Serialize;

use crate::analyse::dynamics::{cohort_next, shared_skill};
use crate::analyse::effect::Effect;
use crate::analyse::measures::{MeasureRefs, addressing, group_for};
use crate::analyse::uncertainty::Change;
use crate::analyse::{Group, ProcedureAnalysis, Standing};
use crate::model::Visibility;
use crate::model::{Indicator, Owner, Project, Roadmap};
use crate::text::Fixed;

/// An indicator measured by a skill's completion: the values oko computes for the owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorCheck {
    /// The procedure the indicator names.
    pub procedure: usize,
    /// The cohort's work a year later, if loaded.
    pub later: Option<usize>,
    /// The owner's completion in the procedure the indicator names.
    pub baseline: Option<Fixed>,
    /// The owner's completion of the same planned result in the cohort's next work.
    pub actual: Option<Fixed>,
    /// The declared baseline differs from the computed one (at the declared precision).
    pub baseline_differs: bool,
    /// The declared actual value differs from the computed one.
    pub actual_differs: bool,
    /// Set by `privacy`: the computed values are hidden with the owner's groups.
    #[serde(skip)]
    pub visibility: Visibility,
}

fn completion(group: &Group, skill: &str) -> Option<Fixed> {
    group
        .figures
        .skills
        .iter()
        .find(|s| &*s.skill == skill)?
        .completion
}

/// A declared value against a computed one, compared at one decimal as pages print both.
fn differs(declared: Option<f64>, computed: Option<Fixed>) -> bool {
    match (declared, computed) {
        (Some(d), Some(c)) => {
            let scale = 10_f64.powi(i32::from(c.decimals.count()));
            (d * scale).round() as i64 != c.scaled
        }
        _ => false,
    }
}

/// Computes an indicator that names a skill; `None` for a free-form indicator.
pub fn check_indicator(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    owner: &Owner,
    indicator: &Indicator,
) -> Option<IndicatorCheck> {
    let target = indicator.skill.as_ref()?;
    let procedure = project.procedure_index(&target.procedure)?;
    let baseline =
        group_for(project, analysis, procedure, owner).and_then(|g| completion(g, &target.skill));
    let later = cohort_next(project, procedure);
    let actual = later.and_then(|later| {
        let (p, q) = (&project.procedures[procedure], &project.procedures[later]);
        let skill = shared_skill(p, &target.skill, q)?;
        completion(group_for(project, analysis, later, owner)?, &skill)
    });
    Some(IndicatorCheck {
        procedure,
        later,
        baseline,
        actual,
        baseline_differs: differs(indicator.baseline, baseline),
        actual_differs: differs(indicator.actual, actual),
        visibility: Visibility::Shown,
    })
}

/// What the reflective stage of one roadmap has to say, as (measure, effect) and
/// (measure, indicator) indices into the roadmap.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reflection {
    /// Deficits that rose beyond chance in the same cohort.
    pub improved: Vec<(usize, usize)>,
    /// Changes within chance.
    pub unchanged: Vec<(usize, usize)>,
    /// Deficits that fell beyond chance.
    pub worse: Vec<(usize, usize)>,
    /// Deficits that cannot be judged yet or at all.
    pub open: Vec<(usize, usize)>,
    /// The owner's deficits in the procedures the roadmap is based on that no measure of any
    /// roadmap addresses: (procedure, skill, completion).
    pub without_measure: Vec<(usize, String, Fixed)>,
    /// Those deficits no measure of this roadmap addresses but another roadmap's does:
    /// (procedure, skill, completion, the (roadmap, measure) pairs addressing it).
    pub elsewhere: Vec<(usize, String, Fixed, MeasureRefs)>,
    /// Indicators whose declared value disagrees with the computed one.
    pub disagreements: Vec<(usize, usize)>,
}

/// Sorts a roadmap's effects and indicator checks into the reflection. A deficit two
/// measures address is one deficit with one effect: it is sorted once, under the first.
pub fn reflect(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    roadmap: &Roadmap,
    effects: &[Vec<Effect>],
    checks: &[Vec<Option<IndicatorCheck>>],
) -> Reflection {
    let mut r = Reflection::default();
    let mut seen = std::collections::HashSet::new();
    for (mi, list) in effects.iter().enumerate() {
        for (ei, e) in list.iter().enumerate() {
            if !seen.insert((e.procedure, e.skill.as_str())) {
                continue;
            }
            let bucket = match e.verdict.judged() {
                Some(Change::Rise) => &mut r.improved,
                Some(Change::Chance) => &mut r.unchanged,
                Some(Change::Fall) => &mut r.worse,
                None => &mut r.open,
            };
            bucket.push((mi, ei));
        }
    }
    for (mi, list) in checks.iter().enumerate() {
        for (ii, check) in list.iter().enumerate() {
            if check
                .as_ref()
                .is_some_and(|c| c.baseline_differs || c.actual_differs)
            {
                r.disagreements.push((mi, ii));
            }
        }
    }
    let owner = roadmap.owner();
    for (i, skill, completion) in owner_deficits(project, analysis, roadmap) {
        let measures = addressing(project, &owner, &project.procedures[i].id, &skill);
        if measures
            .iter()
            .any(|&(ri, _)| project.roadmaps[ri].id == roadmap.id)
        {
            continue;
        }
        match measures.is_empty() {
            true => r.without_measure.push((i, skill, completion)),
            false => r.elsewhere.push((i, skill, completion, measures)),
        }
    }
    r
}

/// The owner's deficits in the procedures the roadmap is based on.
fn owner_deficits(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    roadmap: &Roadmap,
) -> Vec<(usize, String, Fixed)> {
    let owner = roadmap.owner();
    let mut out = Vec::new();
    for id in &roadmap.based_on {
        let Some(i) = project.procedure_index(id) else {
            continue;
        };
        let Some(group) = group_for(project, analysis, i, &owner) else {
            continue;
        };
        for s in &group.figures.skills {
            if let Some(c) = s.completion
                && s.standing == Some(Standing::Deficit)
            {
                out.push((i, s.skill.to_string(), c));
            }
        }
    }
    out
}
