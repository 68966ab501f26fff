//! Analysis: everything the site shows, computed before anything is hidden or rendered.
//!
//! 1. Per procedure, counters per school, merged into clusters and the municipality, turned
//!    into indicators ([`procedure`]).
//! 2. Across procedures: dynamics and cohort series, objectivity signs, roadmap progress and
//!    effect, deficit coverage, cluster differences, support lists, breadth of choice.
//! 3. Internally, class groups ([`classes::procedure_classes`]) one procedure at a time, and
//!    participants' notes ([`participant::ProcedureNotes`]) one class at a time, as their
//!    pages are rendered, so a region's classes and notes are never all in memory.
//!
//! Both steps run in parallel with no shared state; the result is plain data that `privacy`
//! turns into what one audience may see. Nothing here reads `min_group`: hiding is not an
//! analysis.

pub mod choice;
pub mod classes;
pub mod clusters;
pub use crate::model::counters;
pub mod deadlines;
pub mod definitions;
pub mod dynamics;
pub mod effect;
pub mod indicators;
pub mod measures;
pub mod objectivity;
pub mod participant;
mod procedure;
pub mod reference;
pub mod reflection;
pub mod risks;
pub mod roadmap;
pub mod spread;
pub mod support;
pub mod uncertainty;
pub mod years;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Audience;
use crate::model::Visibility;
use crate::model::{Owner, Project};
pub use counters::Counters;
pub use indicators::{Indicators, Standing};

/// One group's counters and the indicators computed from them.
#[derive(Debug, Clone)]
pub struct Group {
    /// Additive counts: merging groups is adding these.
    pub counters: Counters,
    /// The indicators computed from `counters`.
    pub figures: Indicators,
    /// Set by `privacy`: whether this audience sees the figures, and why not.
    pub visibility: Visibility,
}

impl Group {
    /// Whether this audience may not see the group's figures.
    pub fn hidden(&self) -> bool {
        self.visibility.hidden()
    }
}

/// A school's results in one procedure: the school is also the grade (parallel) level,
/// since a procedure is written by one grade.
#[derive(Debug, Clone)]
pub struct SchoolGroup {
    /// Index into `Project::schools`.
    pub school: usize,
    /// The school's (grade's) figures.
    pub group: Group,
    /// Its classes' letters, in the order of their rows; only for the internal audience.
    /// Their figures are made one procedure at a time ([`classes::procedure_classes`]).
    pub class_letters: Vec<String>,
    /// Against the whole area (the municipality, or the region), by the funnel rule.
    pub spread: spread::Positions,
    /// In a region: against the school's own municipality.
    pub spread_municipality: Option<spread::Positions>,
    /// On a municipality's own site: against the region.
    pub spread_region: Option<spread::Positions>,
    /// Against each of its clusters: (attribute, value, positions).
    pub spread_clusters: Vec<(String, String, spread::Positions)>,
}

impl SchoolGroup {
    /// The school against its own municipality, whatever site it is on: in a region's site
    /// that is its municipality's group, elsewhere the site's whole area.
    pub fn against_municipality(&self, region_site: bool) -> Option<&spread::Positions> {
        match region_site {
            true => self.spread_municipality.as_ref(),
            false => Some(&self.spread),
        }
    }

    /// The school against the region: the whole area of a region's site, the region's
    /// counters on a municipality's own site, nothing in a one-municipality project.
    pub fn against_region(&self, region_site: bool) -> Option<&spread::Positions> {
        match region_site {
            true => Some(&self.spread),
            false => self.spread_region.as_ref(),
        }
    }
}

/// Schools sharing one value of one attribute.
#[derive(Debug, Clone)]
pub struct ClusterGroup {
    /// The school attribute, e.g. `location`.
    pub attribute: String,
    /// Its value shared by the schools, e.g. `село`.
    pub value: String,
    /// Member schools with participants, as indices into `Project::schools`.
    pub schools: Vec<usize>,
    /// The cluster's figures.
    pub group: Group,
}

/// The schools of one municipality of a region.
#[derive(Debug, Clone)]
pub struct AreaGroup {
    /// Index into `Project::municipalities`.
    pub municipality: usize,
    /// Member schools with participants, as indices into `Project::schools`.
    pub schools: Vec<usize>,
    /// The municipality's figures.
    pub group: Group,
}

/// Which group of a procedure: the whole area, a region's municipality, or a school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The municipality, or the region of a region project.
    Area,
    /// A region's municipality, by index.
    Municipality(usize),
    /// A school, by index.
    School(usize),
}

impl Level {
    /// This level's group in one procedure, if it took part.
    pub fn group(self, pa: &ProcedureAnalysis) -> Option<&Group> {
        match self {
            Level::Area => Some(&pa.municipality),
            Level::Municipality(m) => pa.area(m).map(|a| &a.group),
            Level::School(si) => pa.school(si).map(|s| &s.group),
        }
    }
}

/// One procedure at every level.
#[derive(Debug, Clone)]
pub struct ProcedureAnalysis {
    /// All participants of the procedure: the municipality, or the region of a region project.
    pub municipality: Group,
    /// On a municipality's own site: the region, its reference (the same figures as on the
    /// region's site).
    pub region: Option<Group>,
    /// In a region project: every municipality with participants, in name order.
    pub municipalities: Vec<AreaGroup>,
    /// Every value of every school attribute, by attribute then value.
    pub clusters: Vec<ClusterGroup>,
    /// In the project's school order (alphabetical); only schools with participants.
    pub schools: Vec<SchoolGroup>,
}

impl ProcedureAnalysis {
    /// The school's group, if it took part.
    pub fn school(&self, school: usize) -> Option<&SchoolGroup> {
        self.schools.iter().find(|s| s.school == school)
    }

    /// A region's municipality, if any school of it took part.
    pub fn area(&self, municipality: usize) -> Option<&AreaGroup> {
        self.municipalities
            .iter()
            .find(|a| a.municipality == municipality)
    }

    /// What a school is held against: its municipality in a region (where it took part),
    /// else the whole area. `municipality` is the school's `municipality_index`.
    pub fn reference(&self, municipality: Option<usize>) -> &Group {
        municipality
            .and_then(|m| self.area(m))
            .map_or(&self.municipality, |a| &a.group)
    }

    /// The cluster of one attribute value, if any school of it took part.
    pub fn cluster(&self, attribute: &str, value: &str) -> Option<&ClusterGroup> {
        self.clusters
            .iter()
            .find(|c| c.attribute == attribute && c.value == value)
    }
}

/// A roadmap against the results and the build date.
#[derive(Debug, Clone)]
pub struct RoadmapProgress {
    /// Per measure: past its deadline and not done as of the build date.
    pub overdue: Vec<bool>,
    /// Per measure: each deficit it addresses, before and a year later in the same cohort.
    pub effects: Vec<Vec<effect::Effect>>,
    /// Per measure and indicator: the computed values of an indicator that names a skill.
    pub indicators: Vec<Vec<Option<reflection::IndicatorCheck>>>,
    /// What the roadmap's reflective stage has to say.
    pub reflection: reflection::Reflection,
}

/// The complete analysis of a project: every figure any page or open-data file shows.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Parallel to `Project::procedures`.
    pub procedures: Vec<ProcedureAnalysis>,
    /// Per procedure: the procedures of its series over the years, in date order.
    pub series: Vec<Vec<usize>>,
    /// Per procedure: the procedure the same cohort wrote a grade earlier.
    pub cohort: Vec<Option<usize>>,
    /// Per procedure: objectivity signs by school.
    pub signs: Vec<BTreeMap<usize, Vec<objectivity::Sign>>>,
    /// Schools with signs in any procedure, year by year, with how each work was watched.
    pub risks: Vec<risks::RiskSchool>,
    /// Parallel to `Project::roadmaps`.
    pub roadmaps: Vec<RoadmapProgress>,
    /// Deficits of the latest school year with the measures addressing them: the
    /// municipality first, then every school with results, in school order.
    pub coverage: Vec<(Owner, Vec<roadmap::DeficitCoverage>)>,
    /// Per procedure of the latest year with deficits: its deadlines and each owner's
    /// roadmap coverage (internal only).
    pub deadlines: Vec<deadlines::Control>,
    /// Per cluster attribute, the figures its clusters are compared by in the latest year.
    pub cluster_headlines: Vec<clusters::Headlines>,
    /// Schools with low results (ШНОР) and in unfavourable conditions (ШНСУ).
    pub support: support::Lists,
    /// Breadth of choice: the municipality, then per school.
    pub choice: choice::Choices,
    /// Per procedure: the funnel plot of the success rate (none without marks).
    pub funnels: Vec<Option<spread::Funnel>>,
    /// Per procedure: the change since the previous year of its series, for the
    /// municipality (`None`) and each school.
    pub changes: Vec<BTreeMap<Option<usize>, spread::Changes>>,
    /// Every school year: its works, deficits, measures due and effects judged.
    pub years: Vec<years::YearSummary>,
}

/// Analyses the project for one audience (class letters are listed only internally);
/// `as_of` is the date measures are overdue by.
pub fn analyse(project: &Project, audience: Audience, as_of: NaiveDate) -> Analysis {
    let procedures: Vec<ProcedureAnalysis> = project
        .procedures
        .par_iter()
        .zip(&project.results)
        .enumerate()
        .map(|(i, (p, results))| {
            let region = project
                .region_part
                .as_ref()
                .and_then(|r| r.region.get(i)?.as_ref());
            procedure::analyse(project, p, (results, region), audience)
        })
        .collect();
    let n = project.procedures.len();
    let series: Vec<Vec<usize>> = (0..n).map(|i| dynamics::series(project, i)).collect();
    let cohort = (0..n)
        .map(|i| dynamics::cohort_previous(project, i))
        .collect();
    let sharing = roadmap::Sharing::of(&procedures);
    let ((signs, roadmaps), coverage) = rayon::join(
        || {
            rayon::join(
                || objectivity::all_signs(project, &procedures),
                || roadmap::progress(project, &procedures, as_of),
            )
        },
        || roadmap::all_coverage(project, &procedures, &sharing),
    );
    Analysis {
        risks: risks::risk_list(project, &procedures, &signs),
        support: support::lists(project, &procedures, &signs),
        years: years::summaries(project, &procedures, &roadmaps, &sharing),
        funnels: procedures.iter().map(spread::funnel).collect(),
        changes: spread::all_changes(project, &procedures, &series),
        deadlines: deadlines::control(project, &coverage, as_of),
        series,
        cohort,
        signs,
        roadmaps,
        coverage,
        cluster_headlines: clusters::headlines(project, &procedures),
        choice: choice::all(project, &procedures),
        procedures,
    }
}

#[cfg(test)]
mod tests;
