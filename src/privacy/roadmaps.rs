//! Roadmap figures take the visibility of the groups they are made from: an effect is
//! hidden with either of the owner's groups, with any hidden school among the others it is
//! set against, or when the schools it compares are a small group; a computed indicator
//! with its owner's groups; and the reflection speaks only of what the audience sees.

use super::{Hidden, Visibility};
use crate::analyse::measures::group_for;
use crate::analyse::{ProcedureAnalysis, RoadmapProgress};
use crate::config::Audience;
use crate::model::{Owner, Project};

/// Effects and computed indicators take their owner's groups' visibility.
pub(super) fn effects(
    project: &Project,
    procedures: &[ProcedureAnalysis],
    roadmaps: &mut [RoadmapProgress],
    audience: Audience,
) {
    let of = |i: usize, owner: &Owner| {
        group_for(project, procedures, i, owner).map_or(Visibility::Shown, |g| g.visibility)
    };
    for (ri, progress) in roadmaps.iter_mut().enumerate() {
        let owner = project.roadmaps[ri].owner();
        for e in progress.effects.iter_mut().flatten() {
            let later = e.later.map_or(Visibility::Shown, |j| of(j, &owner));
            // The other schools' sum minus the shown ones would reveal a hidden school.
            let others =
                e.comparison
                    .iter()
                    .flat_map(|c| &c.schools)
                    .fold(Visibility::Shown, |v, &si| {
                        let school = Owner::School(project.schools[si].id.clone());
                        let later = e.later.map_or(Visibility::Shown, |j| of(j, &school));
                        match of(e.procedure, &school).and(later) {
                            hidden @ Visibility::Hidden(_) => v.and(hidden),
                            _ => v,
                        }
                    });
            e.visibility = of(e.procedure, &owner).and(later).and(others);
        }
        for check in progress.indicators.iter_mut().flatten().flatten() {
            let later = check.later.map_or(Visibility::Shown, |j| of(j, &owner));
            check.visibility = of(check.procedure, &owner).and(later);
        }
        if audience == Audience::Public {
            progress
                .reflection
                .without_measure
                .retain(|(i, _, _)| !of(*i, &owner).hidden());
            progress
                .reflection
                .elsewhere
                .retain(|(i, _, _, _)| !of(*i, &owner).hidden());
        }
    }
}

/// An effect over fewer than `min_group` participants on either side is hidden in public
/// (marked tentative internally); the reflection then counts it among the open ones and
/// drops disagreements of hidden indicators.
pub(super) fn small_cohorts(roadmaps: &mut [RoadmapProgress], audience: Audience, min_group: u32) {
    let small = |n: Option<u64>| n.is_some_and(|n| n < u64::from(min_group));
    for progress in roadmaps.iter_mut() {
        for e in progress.effects.iter_mut().flatten() {
            if small(e.before.map(|b| b.participants)) || small(e.after.map(|a| a.participants)) {
                e.visibility = e.visibility.and(match audience {
                    Audience::Public => Visibility::Hidden(Hidden::SmallGroup { min_group }),
                    Audience::Internal => Visibility::Tentative,
                });
            }
        }
        let hidden = |&(mi, ei): &(usize, usize)| progress.effects[mi][ei].visibility.hidden();
        let r = &mut progress.reflection;
        let mut moved: Vec<(usize, usize)> = Vec::new();
        for list in [&mut r.improved, &mut r.unchanged, &mut r.worse] {
            moved.extend(list.iter().copied().filter(|x| hidden(x)));
            list.retain(|x| !hidden(x));
        }
        r.open.extend(moved);
        r.open.sort_unstable();
        let checks = &progress.indicators;
        r.disagreements.retain(|&(mi, ii)| {
            checks[mi][ii]
                .as_ref()
                .is_some_and(|c| !c.visibility.hidden())
        });
    }
}

/// A year's summary speaks only of what the audience sees: in public, the deficits of a
/// hidden area group and hidden effects are left out. The deadline control names every
/// school with its deficits: it is the office's alone.
pub(super) fn year_summaries(analysis: &mut crate::analyse::Analysis, audience: Audience) {
    if audience != Audience::Public {
        return;
    }
    analysis.deadlines.clear();
    let (procedures, roadmaps) = (&analysis.procedures, &analysis.roadmaps);
    for year in &mut analysis.years {
        year.deficits
            .retain(|d| !procedures[d.procedure].municipality.hidden());
        year.effects
            .retain(|&(ri, mi, ei)| !roadmaps[ri].effects[mi][ei].visibility.hidden());
    }
}
