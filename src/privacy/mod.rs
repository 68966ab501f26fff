//! Privacy: what one audience may see of the finished analysis (DESIGN §5).
//!
//! The public audience sees no group with fewer than `min_group` participants, and no sum
//! of published groups gives one away: what is hidden is decided once for every site of the
//! project ([`Suppression`]) and applied to each. Counts are hidden with their group
//! (breadth of choice), and so are the figures derived from a hidden group (roadmap
//! effects, deficits).
//!
//! The internal audience — the school and the office, who already hold every pupil's
//! scores — sees everything; a small group is marked so that its reader knows the
//! conclusions are tentative.
//!
//! This is the only module that reads `min_group`; every hidden figure carries its reason.

use crate::config::Audience;
pub use crate::model::{Hidden, Visibility};
use crate::model::{Owner, Project};
pub use suppression::{GroupKey, Names, Suppression};

pub use crate::analyse::choice::Year as ChoiceYear;
pub use crate::analyse::classes::ClassGroups;
pub use crate::analyse::clusters::Gap;
pub use crate::analyse::definitions;
pub use crate::analyse::indicators::{Indicators, SkillFigures, Standing};
pub use crate::analyse::objectivity::Sign;
pub use crate::analyse::participant::{ParticipantNote, ProcedureNotes};
pub use crate::analyse::roadmap::DeficitCoverage;
pub use crate::analyse::spread::{Changes, Funnel, Positions};
pub use crate::analyse::uncertainty::{Change, Interval, Position};
pub use crate::analyse::{Analysis, Group, Level, ProcedureAnalysis, RoadmapProgress};

/// The smallest cluster the public sees, in schools: a cluster of one school is that school.
pub const MIN_CLUSTER_SCHOOLS: usize = 3;

/// The analysis as one audience may see it: the single input of `render`.
#[derive(Debug, Clone)]
pub struct Published {
    /// Every figure, each group with its visibility; what the audience may not see at all
    /// (signs by school, support lists) is left out. Class groups and participants' notes
    /// are published one procedure at a time, by [`classes`] and [`notes`].
    pub analysis: Analysis,
    /// The audience it is published for.
    pub audience: Audience,
    /// The smallest group whose figures are published (for the pages' explanations).
    pub smallest_group: u32,
    /// Per procedure: how many schools show each objectivity sign.
    pub sign_counts: Vec<Vec<(&'static str, usize)>>,
    /// Per cluster attribute: where its shown clusters differ most.
    pub gaps: Vec<Gap>,
}

/// The participants' notes of one procedure as `audience` sees them (`make` makes them):
/// the public sees none, so they are not even made for it.
pub fn notes<'p, E>(
    audience: Audience,
    make: impl FnOnce() -> Result<ProcedureNotes<'p>, E>,
) -> Result<ProcedureNotes<'p>, E> {
    match audience {
        Audience::Internal => make(),
        Audience::Public => Ok(ProcedureNotes::none()),
    }
}

/// The class groups of one procedure as `audience` sees them (`make` makes them): the
/// public sees none (its figures stop at the grade), so they are not even made for it;
/// internally every class is shown, a small one marked tentative.
pub fn classes<E>(
    audience: Audience,
    min_group: u32,
    make: impl FnOnce() -> Result<ClassGroups, E>,
) -> Result<ClassGroups, E> {
    match audience {
        Audience::Internal => {
            let mut classes = make()?;
            for (_, class) in classes.values_mut().flatten() {
                mark_tentative(class, u64::from(min_group));
            }
            Ok(classes)
        }
        Audience::Public => Ok(ClassGroups::new()),
    }
}

/// Decides what `audience` sees of `analysis`: publicly, what `suppression` — the one
/// decision for every site of the whole project — lets every site show.
pub fn publish(
    project: &Project,
    mut analysis: Analysis,
    audience: Audience,
    suppression: &Suppression,
) -> Published {
    let min_group = project.config.min_group;
    let names = Names::of(project);
    let scope = project.region_part.as_ref().map(|r| r.id.as_str());
    for (i, pa) in analysis.procedures.iter_mut().enumerate() {
        match audience {
            Audience::Public => hide_small((i, pa), &names, suppression, scope, min_group),
            Audience::Internal => mark_small(pa, u64::from(min_group)),
        }
    }
    derived(project, &mut analysis, audience);
    roadmaps::small_cohorts(&mut analysis.roadmaps, audience, min_group);
    roadmaps::year_summaries(&mut analysis, audience);
    let sign_counts = analysis
        .signs
        .iter()
        .map(crate::analyse::objectivity::counts)
        .collect();
    if audience == Audience::Public {
        for signs in &mut analysis.signs {
            signs.clear();
        }
        analysis.risks.clear();
        analysis.support = Default::default();
    }
    let gaps = {
        let a = &analysis;
        crate::analyse::clusters::widest_gaps(&a.cluster_headlines, |attribute, i, value| {
            a.procedures[i]
                .cluster(attribute, value)
                .is_some_and(|c| !c.group.hidden())
        })
    };
    Published {
        analysis,
        audience,
        smallest_group: min_group,
        sign_counts,
        gaps,
    }
}

/// Internal audience: every group is shown; small ones are marked tentative.
fn mark_small(pa: &mut ProcedureAnalysis, min: u64) {
    let mark = |g: &mut Group| mark_tentative(g, min);
    mark(&mut pa.municipality);
    if let Some(region) = &mut pa.region {
        mark(region);
    }
    for a in &mut pa.municipalities {
        mark(&mut a.group);
    }
    for c in &mut pa.clusters {
        mark(&mut c.group);
    }
    for s in &mut pa.schools {
        mark(&mut s.group);
    }
}

/// Marks a group smaller than `min` tentative (internal audience).
fn mark_tentative(g: &mut Group, min: u64) {
    if g.counters.participants < min {
        g.visibility = Visibility::Tentative;
    }
}

/// Figures derived from groups take their groups' visibility: choice counts, roadmap
/// effects and deficit lists.
fn derived(project: &Project, analysis: &mut Analysis, audience: Audience) {
    let procedures = &analysis.procedures;
    let visibility = |i: usize, school: Option<usize>| -> Visibility {
        let pa = &procedures[i];
        match school {
            None => pa.municipality.visibility,
            Some(si) => pa
                .school(si)
                .map_or(Visibility::Shown, |s| s.group.visibility),
        }
    };
    for year in &mut analysis.choice.municipality {
        for c in &mut year.choices {
            c.visibility = visibility(c.procedure, None);
        }
    }
    for (m, years) in analysis.choice.municipalities.iter_mut().enumerate() {
        for c in years.iter_mut().flat_map(|y| &mut y.choices) {
            c.visibility = procedures[c.procedure]
                .area(m)
                .map_or(Visibility::Shown, |a| a.group.visibility);
        }
    }
    for (si, years) in analysis.choice.schools.iter_mut().enumerate() {
        for c in years.iter_mut().flat_map(|y| &mut y.choices) {
            c.visibility = visibility(c.procedure, Some(si));
        }
    }
    let owner_visibility = |i: usize, owner: &Owner| {
        crate::analyse::measures::group_for(project, procedures, i, owner)
            .map_or(Visibility::Shown, |g| g.visibility)
    };
    roadmaps::effects(project, procedures, &mut analysis.roadmaps, audience);
    for (i, changes) in analysis.changes.iter_mut().enumerate() {
        for (school, c) in changes.iter_mut() {
            c.visibility = visibility(c.from, *school).and(visibility(i, *school));
        }
    }
    if audience == Audience::Public {
        for (owner, deficits) in &mut analysis.coverage {
            deficits.retain(|d| !owner_visibility(d.procedure, owner).hidden());
        }
        for (i, funnel) in analysis.funnels.iter_mut().enumerate() {
            if visibility(i, None).hidden() {
                *funnel = None;
            }
            if let Some(f) = funnel {
                f.points.retain(|p| !visibility(i, Some(p.school)).hidden());
            }
        }
    }
}

/// Public audience: sets every group as the project's one decision says, and hides the
/// per-task lines of small mark groups.
fn hide_small(
    (i, pa): (usize, &mut ProcedureAnalysis),
    names: &Names,
    suppression: &Suppression,
    scope: Option<&str>,
    min_group: u32,
) {
    suppression.apply(i, pa, names, scope);
    let min = u64::from(min_group);
    let mut all: Vec<&mut Group> = vec![&mut pa.municipality];
    all.extend(pa.region.as_mut());
    all.extend(pa.municipalities.iter_mut().map(|a| &mut a.group));
    all.extend(pa.clusters.iter_mut().map(|c| &mut c.group));
    all.extend(pa.schools.iter_mut().map(|s| &mut s.group));
    for g in all {
        let marks = g.counters.marks;
        for task in &mut g.figures.tasks {
            for (m, share) in task.by_mark.iter_mut().enumerate() {
                if marks[m] < min {
                    *share = None;
                }
            }
        }
    }
}

mod roadmaps;
mod suppression;
#[cfg(test)]
mod tests;
