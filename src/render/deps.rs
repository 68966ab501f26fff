//! What a page is made from, recorded while it is built.
//!
//! Every page reads the project and the published analysis through [`Reader`], whose
//! accessors note each input they hand out. The page's cache key is the hash of those
//! inputs' current digests, and the list of inputs is stored beside the page: the next
//! build recomputes the digests of exactly those inputs and reuses the page only if they
//! are all unchanged. Nothing is listed by hand, so a page cannot miss an input.
//!
//! Inputs every page depends on (configuration, municipality, schools, content pages,
//! theme, audience, date) are folded into one site key instead of being recorded.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cache::{Key, KeyBuilder};
use crate::config::{Audience, Config};
use crate::model::{ContentPage, Municipality, Owner, Procedure, Project, Results};
use crate::model::{Roadmap, School};
use crate::privacy::{Changes, Funnel, ProcedureAnalysis, Sign};
use crate::privacy::{ChoiceYear, DeficitCoverage, Gap, ParticipantNote, Published};
use crate::render::{Link, RenderOptions};

/// One input a page read, by a name that stays valid from one build to the next.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Input {
    /// One procedure's definition, results and every figure made from them alone; a
    /// procedure that does not exist (yet) is an input too.
    Procedure(String),
    /// Every procedure: pages that list or scan them.
    Procedures,
    /// The procedures a school (by id) has results in: its overview lists them, and a work
    /// it did not write leaves the page as it was.
    Works(String),
    /// The roadmaps as written, with their progress and effects.
    Roadmaps,
    /// The series over the years a procedure belongs to.
    Series(String),
    /// The procedure the same cohort wrote a grade earlier.
    Cohort(String),
    /// Objectivity signs of a school (by id) in a procedure.
    Signs(String, String),
    /// How many schools show each sign in a procedure.
    SignCounts(String),
    /// The objectivity risk list.
    Risks,
    /// The summaries of the school years.
    Years,
    /// Deficits and the measures addressing them, of the area, a region's municipality or
    /// a school.
    Coverage(Owner),
    /// Where clusters differ most.
    Gaps,
    /// ШНОР and ШНСУ lists.
    Support,
    /// Breadth of choice of the area, a region's municipality or a school.
    Choice(Owner),
    /// The change since the year before, of the municipality (`None`) or a school, in a
    /// procedure.
    Change(String, Option<String>),
}

/// Shared, read-only data of one build that every page reads through a [`Reader`].
pub struct Inputs<'a> {
    project: &'a Project,
    published: &'a Published,
    options: &'a RenderOptions,
    /// Navigation of every page.
    pub nav: Vec<Link>,
    /// School attributes that form clusters, sorted.
    attributes: Vec<String>,
    ids: HashMap<&'a str, usize>,
    /// Per school (by index): the procedures it has results in, in date order.
    works: Vec<Vec<usize>>,
}

impl<'a> Inputs<'a> {
    /// Gathers a build's inputs; `nav` is the site's navigation.
    pub fn new(
        project: &'a Project,
        published: &'a Published,
        options: &'a RenderOptions,
        nav: Vec<Link>,
    ) -> Inputs<'a> {
        let mut works = vec![Vec::new(); project.schools.len()];
        for (i, pa) in published.analysis.procedures.iter().enumerate() {
            for sg in &pa.schools {
                works[sg.school].push(i);
            }
        }
        Inputs {
            works,
            ids: project
                .procedures
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect(),
            attributes: project.cluster_attributes(),
            project,
            published,
            options,
            nav,
        }
    }

    /// A reader for one page, with nothing recorded yet.
    pub fn reader(&self) -> Reader<'_, 'a> {
        Reader {
            inputs: self,
            reads: RefCell::new(BTreeSet::new()),
        }
    }

    fn school_index(&self, id: &str) -> Option<usize> {
        self.project.school_index(id)
    }

    /// The current digest of an input; `None` when it cannot be keyed (no build cache).
    pub fn digest(&self, input: &Input) -> Option<Key> {
        let p = self.project;
        let a = &self.published.analysis;
        let by_id = |id: &str| self.ids.get(id).copied();
        let mut k = KeyBuilder::new("input");
        k.debug(input);
        match input {
            Input::Procedure(id) => match by_id(id) {
                Some(i) => k.key(p.results[i].source.as_ref()?),
                None => k.str("absent"),
            },
            Input::Procedures => {
                for r in &p.results {
                    k.key(r.source.as_ref()?);
                }
                &mut k
            }
            Input::Works(school) => k.debug(
                &self
                    .school_index(school)
                    .map(|si| self.ids_of(&self.works[si])),
            ),
            Input::Roadmaps => k.debug(&p.roadmaps).debug(&a.roadmaps),
            Input::Series(id) => k.debug(&by_id(id).map(|i| self.ids_of(&a.series[i]))),
            Input::Cohort(id) => k.debug(&by_id(id).map(|i| self.ids_of(&a.cohort[i]))),
            Input::Signs(procedure, school) => {
                let signs = by_id(procedure)
                    .zip(self.school_index(school))
                    .and_then(|(i, si)| a.signs[i].get(&si));
                k.debug(&signs)
            }
            Input::SignCounts(id) => k.debug(&by_id(id).map(|i| &self.published.sign_counts[i])),
            Input::Coverage(owner) => k.debug(&self.coverage_of(owner)),
            Input::Gaps => k.debug(&self.published.gaps),
            Input::Risks => k.debug(&a.risks),
            Input::Years => k.debug(&a.years),
            Input::Support => k.debug(&a.support),
            Input::Choice(owner) => k.debug(&self.choice_of(owner)),
            Input::Change(procedure, school) => {
                let school = school.as_deref().map(|id| self.school_index(id));
                let change = by_id(procedure).and_then(|i| match school {
                    None => a.changes[i].get(&None),
                    Some(si) => a.changes[i].get(&Some(si?)),
                });
                k.debug(&change)
            }
        };
        Some(k.finish())
    }

    fn ids_of<'s>(&'s self, indices: impl IntoIterator<Item = &'s usize>) -> Vec<&'s str> {
        indices
            .into_iter()
            .map(|&j| self.project.procedures[j].id.as_str())
            .collect()
    }

    fn coverage_of(&self, owner: &Owner) -> &'a [DeficitCoverage] {
        self.published
            .analysis
            .coverage
            .iter()
            .find(|(o, _)| o == owner)
            .map_or(&[], |(_, d)| d.as_slice())
    }

    fn choice_of(&self, owner: &Owner) -> &'a [ChoiceYear] {
        let choice = &self.published.analysis.choice;
        match owner {
            Owner::Municipality => &choice.municipality,
            Owner::Area(id) => self
                .project
                .municipality_index(id)
                .and_then(|m| choice.municipalities.get(m))
                .map_or(&[], Vec::as_slice),
            Owner::School(id) => self
                .school_index(id)
                .and_then(|si| choice.schools.get(si))
                .map_or(&[], Vec::as_slice),
        }
    }

    /// The key of a page: the site key, its path and the digests of what it read.
    pub fn page_key(&self, site: &Key, path: &str, inputs: &[Input]) -> Option<Key> {
        let mut k = KeyBuilder::new("page");
        k.key(site).str(path);
        for input in inputs {
            k.key(&self.digest(input)?);
        }
        Some(k.finish())
    }
}

/// One page's view of the build's inputs: every accessor records what it hands out.
pub struct Reader<'r, 'a> {
    inputs: &'r Inputs<'a>,
    reads: RefCell<BTreeSet<Input>>,
}

impl<'r, 'a> Reader<'r, 'a> {
    fn note(&self, input: Input) {
        self.reads.borrow_mut().insert(input);
    }

    /// What the page has read so far, in a fixed order.
    pub fn recorded(&self) -> Vec<Input> {
        self.reads.borrow().iter().cloned().collect()
    }

    /// The date of the newest work this page has read so far: the date of its data (a page
    /// that scans every procedure has the project's newest).
    pub fn data_date(&self) -> Option<NaiveDate> {
        let project = self.inputs.project;
        let reads = self.reads.borrow();
        if reads.contains(&Input::Procedures) {
            return project.procedures.iter().map(|p| p.date).max();
        }
        reads
            .iter()
            .filter_map(|r| match r {
                Input::Procedure(id) => self.inputs.ids.get(id.as_str()),
                _ => None,
            })
            .map(|&i| project.procedures[i].date)
            .max()
    }

    fn note_procedure(&self, i: usize) {
        self.note(Input::Procedure(
            self.inputs.project.procedures[i].id.clone(),
        ));
    }

    /// Site settings (part of every page's key).
    pub fn config(&self) -> &'a Config {
        &self.inputs.project.config
    }

    /// The municipality (part of every page's key).
    pub fn municipality(&self) -> &'a Municipality {
        &self.inputs.project.municipality
    }

    /// A region's municipalities, by name; empty for one municipality (part of every page's key).
    pub fn municipalities(&self) -> &'a [Municipality] {
        &self.inputs.project.municipalities
    }

    /// Whether the site is a region's.
    pub fn is_region(&self) -> bool {
        self.inputs.project.is_region()
    }

    /// Every school, alphabetical (part of every page's key).
    pub fn schools(&self) -> &'a [School] {
        &self.inputs.project.schools
    }

    /// Content pages (part of every page's key).
    pub fn content(&self) -> &'a [ContentPage] {
        &self.inputs.project.pages
    }

    /// Attributes clusters are formed by (from the schools).
    pub fn attributes(&self) -> &[String] {
        &self.inputs.attributes
    }

    /// The site's navigation.
    pub fn nav(&self) -> &[Link] {
        &self.inputs.nav
    }

    /// The audience of the build.
    pub fn audience(&self) -> Audience {
        self.inputs.options.audience
    }

    /// The "as of" date of the build.
    pub fn as_of(&self) -> NaiveDate {
        self.inputs.options.as_of
    }

    /// The smallest published group, for the pages' explanations.
    pub fn smallest_group(&self) -> u32 {
        self.inputs.published.smallest_group
    }

    /// Every procedure: the page depends on all of them.
    pub fn procedures(&self) -> &'a [Procedure] {
        self.note(Input::Procedures);
        &self.inputs.project.procedures
    }

    /// Indices of every procedure: the page depends on all of them.
    pub fn procedure_indices(&self) -> std::ops::Range<usize> {
        0..self.procedures().len()
    }

    /// The procedures school `si` has results in, in date order.
    pub fn works(&self, si: usize) -> &[usize] {
        self.note(Input::Works(self.inputs.project.schools[si].id.clone()));
        &self.inputs.works[si]
    }

    /// One procedure's definition.
    pub fn procedure(&self, i: usize) -> &'a Procedure {
        self.note_procedure(i);
        &self.inputs.project.procedures[i]
    }

    /// A procedure by id, if it exists: its absence is recorded too.
    pub fn procedure_by_id(&self, id: &str) -> Option<(usize, &'a Procedure)> {
        self.note(Input::Procedure(id.to_string()));
        let i = *self.inputs.ids.get(id)?;
        Some((i, &self.inputs.project.procedures[i]))
    }

    /// One procedure's figures at every level, as the audience may see them.
    pub fn figures(&self, i: usize) -> &'a ProcedureAnalysis {
        self.note_procedure(i);
        &self.inputs.published.analysis.procedures[i]
    }

    /// One procedure's results as read (counts of absent and skipped rows, files).
    pub fn results(&self, i: usize) -> &'a Results {
        self.note_procedure(i);
        &self.inputs.project.results[i]
    }

    /// The procedures of `i`'s series over the years, in date order.
    pub fn series(&self, i: usize) -> &'a [usize] {
        self.note(Input::Series(self.procedure(i).id.clone()));
        &self.inputs.published.analysis.series[i]
    }

    /// The procedure the same cohort wrote a grade before `i`.
    pub fn cohort(&self, i: usize) -> Option<usize> {
        self.note(Input::Cohort(self.procedure(i).id.clone()));
        self.inputs.published.analysis.cohort[i]
    }

    /// Objectivity signs of a school in a procedure (none in a public build).
    pub fn signs(&self, i: usize, school: usize) -> &'a [Sign] {
        let id = self.inputs.project.schools[school].id.clone();
        self.note(Input::Signs(self.procedure(i).id.clone(), id));
        self.inputs.published.analysis.signs[i]
            .get(&school)
            .map_or(&[], Vec::as_slice)
    }

    /// How many schools show each sign in a procedure.
    pub fn sign_counts(&self, i: usize) -> &'a [(&'static str, usize)] {
        self.note(Input::SignCounts(self.procedure(i).id.clone()));
        &self.inputs.published.sign_counts[i]
    }

    /// Roadmaps as written.
    pub fn roadmaps(&self) -> &'a [Roadmap] {
        self.note(Input::Roadmaps);
        &self.inputs.project.roadmaps
    }

    /// Schools with objectivity signs, year by year (internal audience only).
    pub fn risks(&self) -> &'a [crate::analyse::risks::RiskSchool] {
        self.note(Input::Risks);
        &self.inputs.published.analysis.risks
    }

    /// Every school year's summary, oldest first.
    pub fn years(&self) -> &'a [crate::analyse::years::YearSummary] {
        self.note(Input::Years);
        &self.inputs.published.analysis.years
    }

    /// A decision file of `data/documents/` by name, as loaded.
    pub fn document_file(&self, name: &str) -> Option<&'a [u8]> {
        self.inputs.project.documents.get(name).map(Vec::as_slice)
    }

    /// A roadmap's overdue measures and effects.
    pub fn progress(&self, roadmap: usize) -> &'a crate::privacy::RoadmapProgress {
        self.note(Input::Roadmaps);
        &self.inputs.published.analysis.roadmaps[roadmap]
    }

    /// Deficits of the latest year with their measures, for the area, a region's
    /// municipality or a school.
    pub fn coverage(&self, owner: &Owner) -> &'a [DeficitCoverage] {
        self.note(Input::Coverage(owner.clone()));
        self.inputs.coverage_of(owner)
    }

    /// Where clusters differ most.
    pub fn gaps(&self) -> &'a [Gap] {
        self.note(Input::Gaps);
        &self.inputs.published.gaps
    }

    /// ШНОР and ШНСУ of the latest year, the ШНОР history and possible mentors.
    pub fn support(&self) -> &'a crate::analyse::support::Lists {
        self.note(Input::Support);
        &self.inputs.published.analysis.support
    }

    /// Breadth of choice of the area, a region's municipality or a school.
    pub fn choice(&self, owner: &Owner) -> &'a [ChoiceYear] {
        self.note(Input::Choice(owner.clone()));
        self.inputs.choice_of(owner)
    }

    /// The funnel plot of a procedure (made from that procedure alone).
    pub fn funnel(&self, i: usize) -> Option<&'a Funnel> {
        self.note_procedure(i);
        self.inputs.published.analysis.funnels[i].as_ref()
    }

    /// The change of the municipality (`None`) or a school since the year before.
    pub fn change(&self, i: usize, school: Option<usize>) -> Option<&'a Changes> {
        let id = school.map(|si| self.inputs.project.schools[si].id.clone());
        self.note(Input::Change(self.procedure(i).id.clone(), id));
        self.inputs.published.analysis.changes[i].get(&school)
    }

    /// Participants' notes of one class (internal build only).
    pub fn notes(&self, i: usize, school: usize, class: usize) -> &'a [ParticipantNote] {
        self.note_procedure(i);
        self.inputs.published.analysis.notes[i]
            .get(&(school, class))
            .map_or(&[], Vec::as_slice)
    }
}
