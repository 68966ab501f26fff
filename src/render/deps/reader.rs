//! [`Reader`]: one page's view of a build's inputs, recording each input it hands out.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Detail, Input, Inputs, SchoolClasses};
use crate::config::{Audience, Config};
use crate::model::{ContentPage, Municipality, Owner, Procedure, Results, Roadmap, School};
use crate::privacy::{Changes, ChoiceYear, DeficitCoverage, Funnel, Gap};
use crate::privacy::{ParticipantNote, ProcedureAnalysis, Sign};
use crate::render::Link;

/// One page's view of the build's inputs: every accessor records what it hands out.
pub struct Reader<'r, 'a> {
    pub(super) inputs: &'r Inputs<'a>,
    pub(super) reads: RefCell<BTreeSet<Input>>,
    /// The classes and notes of the procedure the page shows, made before it is built.
    pub(super) detail: Option<Arc<Detail<'a>>>,
}

impl<'r, 'a> Reader<'r, 'a> {
    fn note(&self, input: Input) {
        self.reads.borrow_mut().insert(input);
    }

    /// What the page has read so far, in a fixed order.
    pub fn recorded(&self) -> Vec<Input> {
        self.reads.borrow().iter().cloned().collect()
    }

    /// The newest work this page has read so far: its date is the date of the page's data
    /// (a page that scans every procedure has the project's newest).
    pub fn newest_work(&self) -> Option<&'a Procedure> {
        let project = self.inputs.project;
        let reads = self.reads.borrow();
        let newest = |it: &mut dyn Iterator<Item = &'a Procedure>| {
            it.max_by(|a, b| a.date.cmp(&b.date).then_with(|| b.id.cmp(&a.id)))
        };
        if reads.contains(&Input::Procedures) {
            return newest(&mut project.procedures.iter());
        }
        newest(&mut reads.iter().filter_map(|r| {
            match r {
                Input::Procedure(id) => self
                    .inputs
                    .ids
                    .get(id.as_str())
                    .map(|&i| &project.procedures[i]),
                _ => None,
            }
        }))
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

    /// The "as of" date of the build, for what is overdue by it.
    pub fn as_of(&self) -> NaiveDate {
        self.note(Input::AsOf);
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
        self.note(Input::Progress(
            self.inputs.project.roadmaps[roadmap].id.clone(),
        ));
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

    /// The deadlines of the latest year's procedures and each owner's coverage (internal).
    pub fn deadlines(&self) -> &'a [crate::analyse::deadlines::Control] {
        self.note(Input::Deadlines);
        &self.inputs.published.analysis.deadlines
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

    /// Whether the area has exams by choice, without depending on what they are.
    pub fn has_choice(&self) -> bool {
        self.note(Input::HasChoice);
        !self.inputs.choice_of(&Owner::Municipality).is_empty()
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

    /// Participants' notes of one class (internal build only), made for this page alone
    /// from the procedure's rows its detail holds and, where pupils carry ids, from the
    /// cohort's work a grade earlier.
    pub fn notes(&self, i: usize, school: usize, class: usize) -> Vec<ParticipantNote> {
        self.note_procedure(i);
        if let Some(j) = self.cohort(i) {
            self.note_procedure(j);
        }
        self.detail_of(i)
            .and_then(|d| Some(d.notes.as_ref()?.class(school, class)))
            .unwrap_or_default()
    }

    /// A school's class groups in one procedure (internal build only), made from the
    /// procedure's rows.
    pub fn classes(&self, i: usize, school: usize) -> SchoolClasses<'a> {
        self.note_procedure(i);
        SchoolClasses {
            detail: self.detail_of(i),
            school,
        }
    }

    fn detail_of(&self, i: usize) -> Option<Arc<Detail<'a>>> {
        self.detail.as_ref().filter(|d| d.procedure == i).cloned()
    }
}
