//! What a page is made from, recorded while it is built.
//!
//! Every page reads the project and the published analysis through [`Reader`], whose
//! accessors note each input they hand out. The page's cache key is the hash of those
//! inputs' current digests, and the list of inputs is stored beside the page: the next
//! build recomputes the digests of exactly those inputs and reuses the page only if they
//! are all unchanged. Nothing is listed by hand, so a page cannot miss an input.
//!
//! Inputs every page depends on (configuration, municipality, schools, content pages,
//! theme, audience) are folded into one site key instead of being recorded.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

use crate::analyse::Group;
use crate::cache::{Key, KeyBuilder};
use crate::diag::OkoError;
use crate::model::{Owner, Project};
use crate::privacy::{ChoiceYear, ClassGroups, DeficitCoverage, ProcedureNotes, Published};
use crate::render::{Link, RenderOptions};

mod reader;

pub use crate::cache::Input;
pub use reader::Reader;

/// Shared, read-only data of one build that every page reads through a [`Reader`].
pub struct Inputs<'a> {
    project: &'a Project,
    published: &'a Published,
    options: RenderOptions,
    /// Navigation of every page.
    pub nav: Vec<Link>,
    /// School attributes that form clusters, sorted.
    attributes: Vec<String>,
    ids: HashMap<&'a str, usize>,
    /// Per school (by index): the procedures it has results in, in date order.
    works: Vec<Vec<usize>>,
    /// Where one procedure's class groups and participants' notes come from.
    sources: DetailSources<'a>,
    /// The classes and notes of the procedure whose pages are being rendered.
    kept: RwLock<Option<Arc<Detail<'a>>>>,
}

/// Makes procedure `i`'s class groups as the audience may see them: the pipeline's own
/// stages (analyse, then privacy), run by the caller for one procedure at a time, since a
/// region's classes together would not fit in memory. An error when the procedure's rows,
/// set aside on disk, cannot be read back.
pub type ClassesSource<'a> = &'a (dyn Fn(usize) -> Result<ClassGroups, OkoError> + Sync);

/// Makes procedure `i`'s participants' notes as the audience may see them, likewise: each
/// class's notes are made by the page that shows them.
pub type NotesSource<'a> = &'a (dyn Fn(usize) -> Result<ProcedureNotes<'a>, OkoError> + Sync);

/// Where one procedure's class groups and participants' notes come from.
#[derive(Clone, Copy)]
pub struct DetailSources<'a> {
    pub classes: ClassesSource<'a>,
    pub notes: NotesSource<'a>,
}

/// One procedure's class groups (and its notes, for pages that show them), made before the
/// pages that read them are built.
pub struct Detail<'a> {
    procedure: usize,
    classes: ClassGroups,
    notes: Option<ProcedureNotes<'a>>,
}

/// The class groups of one school in one procedure (internal build only); they stay in
/// their procedure's shared detail. A page without detail (the public's school reports)
/// has none.
pub struct SchoolClasses<'a> {
    detail: Option<Arc<Detail<'a>>>,
    school: usize,
}

impl SchoolClasses<'_> {
    /// Each class's letter and figures, in the order of their rows.
    pub fn as_slice(&self) -> &[(String, Group)] {
        self.detail
            .as_ref()
            .and_then(|d| d.classes.get(&self.school))
            .map_or(&[], Vec::as_slice)
    }
}

impl<'a> Inputs<'a> {
    /// Gathers a build's inputs; `nav` is the site's navigation.
    pub fn new(
        project: &'a Project,
        published: &'a Published,
        options: RenderOptions,
        nav: Vec<Link>,
        sources: DetailSources<'a>,
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
            sources,
            kept: RwLock::new(None),
        }
    }

    /// A reader for one page, with nothing recorded yet.
    pub fn reader(&self) -> Reader<'_, 'a> {
        self.reader_with(None)
    }

    /// A reader for a page that shows one procedure's classes, from `detail`.
    pub fn reader_with(&self, detail: Option<Arc<Detail<'a>>>) -> Reader<'_, 'a> {
        Reader {
            inputs: self,
            reads: RefCell::new(BTreeSet::new()),
            detail,
        }
    }

    /// Procedure `i`'s classes, and its notes if `notes`.
    fn make_detail(&self, i: usize, notes: bool) -> Result<Detail<'a>, OkoError> {
        Ok(Detail {
            procedure: i,
            classes: (self.sources.classes)(i)?,
            notes: if notes {
                Some((self.sources.notes)(i)?)
            } else {
                None
            },
        })
    }

    /// Makes procedure `i`'s classes (and its notes, if `notes`) and keeps them for its
    /// pages, in place of the previous procedure's. Made here, before its pages are built in
    /// parallel, never by one of them: a thread waiting for another to make them could not
    /// help it.
    pub fn keep_detail(&self, i: usize, notes: bool) -> Result<(), OkoError> {
        let detail = Arc::new(self.make_detail(i, notes)?);
        *self.kept.write().unwrap_or_else(|e| e.into_inner()) = Some(detail);
        Ok(())
    }

    /// Lets the kept classes and notes go, once their procedure's pages are rendered.
    pub fn drop_detail(&self) {
        *self.kept.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// What a page of procedure `i` shows of its classes (and notes, if `notes`): the kept
    /// detail if it holds that, or else the page's own (a page built out of its stage).
    pub fn detail_for(&self, i: usize, notes: bool) -> Result<Arc<Detail<'a>>, OkoError> {
        let kept = self.kept.read().unwrap_or_else(|e| e.into_inner()).clone();
        match kept {
            Some(detail) if detail.procedure == i && (!notes || detail.notes.is_some()) => {
                Ok(detail)
            }
            _ => self.make_detail(i, notes).map(Arc::new),
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
            Input::Roadmaps => k.debug(&p.roadmaps),
            Input::Progress(id) => {
                let i = p.roadmaps.iter().position(|r| &r.id == id);
                k.debug(&i.map(|i| (&p.roadmaps[i], &a.roadmaps[i])))
            }
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
            Input::Deadlines => k.debug(&a.deadlines),
            Input::Gaps => k.debug(&self.published.gaps),
            Input::Risks => k.debug(&a.risks),
            Input::Years => k.debug(&a.years),
            Input::Support => k.debug(&a.support),
            Input::Choice(owner) => k.debug(&self.choice_of(owner)),
            Input::HasChoice => k.debug(&!self.choice_of(&Owner::Municipality).is_empty()),
            Input::Change(procedure, school) => {
                let school = school.as_deref().map(|id| self.school_index(id));
                let change = by_id(procedure).and_then(|i| match school {
                    None => a.changes[i].get(&None),
                    Some(si) => a.changes[i].get(&Some(si?)),
                });
                k.debug(&change)
            }
            Input::AsOf => k.debug(&self.options.as_of),
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
