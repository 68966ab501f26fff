//! The typed, validated world of one site project: plain data, no I/O but for the
//! internal build's rows set aside in a temporary file ([`aside`]).
//!
//! `load` builds these values from files; every later stage only reads them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::Config;

mod area;
mod aside;
pub mod counters;
mod outcome;
mod procedure;
mod roadmap;
mod scales;
pub mod visibility;

pub use aside::Aside;
pub use outcome::*;
pub use procedure::*;
pub use roadmap::*;
pub use scales::{OfficialScale, official_scale, official_scales};
pub use visibility::{Hidden, Visibility};

/// The municipality the site reports on (`data/municipality.yaml`) — in a region project,
/// the region itself (from `data/region.yaml`) or one of its municipalities
/// (`data/municipalities/<id>.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// Id of a region's municipality (its file name); empty for the site's own area.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Name of the municipality (in a region, as the ФИС ОКО export spells it).
    pub name: String,
    /// How the ФИС ОКО export names it in its «регион» column: rows of a regional export
    /// with another name belong to other municipalities and are left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_name: Option<String>,
    /// Its region (not needed in a region project's municipality files).
    #[serde(default)]
    pub region: String,
    /// The education office that publishes the site (or runs the region's municipality).
    #[serde(default)]
    pub office: String,
    /// Address of the office.
    #[serde(default)]
    pub address: String,
    /// Phone of the office.
    #[serde(default)]
    pub phone: String,
    /// E-mail of the office.
    #[serde(default)]
    pub email: String,
    /// Web site of the office.
    #[serde(default)]
    pub website: String,
    /// A paragraph for the home page.
    #[serde(default)]
    pub about: String,
}

/// A school (`data/schools/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct School {
    /// Id (the file name and the results' school code).
    pub id: String,
    /// Full official name.
    pub name: String,
    /// Short name used in lists.
    pub short_name: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Web site.
    #[serde(default)]
    pub website: String,
    /// In a region project: the id of the school's municipality.
    #[serde(default)]
    pub municipality: Option<String>,
    /// Index of that municipality in the project (set by the loader).
    #[serde(skip)]
    pub municipality_index: Option<usize>,
    /// Free attributes (location, transport, …); clusters are built from them.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Students per grade, for the participation rate.
    #[serde(default)]
    pub enrolment: BTreeMap<u8, u32>,
    /// Students per grade in a given school year (`"2023/24": { 4: 50 }`); where given, it
    /// wins over `enrolment`, so that earlier years are not measured against this year's classes.
    #[serde(default)]
    pub enrolment_by_year: BTreeMap<String, BTreeMap<u8, u32>>,
}

impl School {
    /// Students of a grade in a school year.
    pub fn enrolled(&self, school_year: &str, grade: u8) -> Option<u32> {
        self.enrolment_by_year
            .get(school_year)
            .and_then(|g| g.get(&grade))
            .or_else(|| self.enrolment.get(&grade))
            .copied()
    }
}

/// Front matter of a content page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrontMatter {
    /// Title.
    pub title: String,
    /// Order in the navigation (smaller first).
    pub weight: i32,
    /// Date shown on the page.
    pub date: Option<NaiveDate>,
    /// A draft is not published.
    pub draft: bool,
    /// One sentence for search and lists.
    pub description: String,
}

/// A Markdown page from `content/`; `render` turns it into HTML.
#[derive(Debug, Clone)]
pub struct ContentPage {
    /// URL path without slashes at the ends, e.g. `about` or `docs/law`.
    pub slug: String,
    /// The Markdown file, relative to the root (for messages).
    pub file: std::path::PathBuf,
    /// Its front matter.
    pub meta: FrontMatter,
    /// Its Markdown body.
    pub markdown: String,
}

/// Where a participant's score for one task stands.
pub const NOT_ATTEMPTED: u8 = u8::MAX;

/// One participant's result. Holds no name: a name column is dropped while reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Index into `Project::schools`.
    pub school: u32,
    /// Class letter (upper case, without the grade); empty when the file has none.
    pub class: Box<str>,
    /// Participant code (a name column is never read).
    pub code: Box<str>,
    /// Score per task in plan order; `NOT_ATTEMPTED` counts as 0.
    pub scores: Box<[u8]>,
    /// Primary score.
    pub primary: u32,
    /// Procedure mark.
    pub mark: Option<u8>,
    /// Journal mark for the previous period.
    pub journal_mark: Option<u8>,
    /// ЕГЭ test score.
    pub test_score: Option<u32>,
    /// Medal candidate.
    pub medal: Option<Medal>,
    /// A pupil id that stays from year to year, where the office's data carry one.
    pub pupil: Option<Box<str>>,
}

/// Each school's rows, in school order: rows are sorted by school, then class, so a school
/// is one contiguous run.
pub fn school_runs(rows: &[Participant]) -> impl Iterator<Item = &[Participant]> {
    rows.chunk_by(|a, b| a.school == b.school)
}

/// A school's classes, as runs of its rows by class letter. A class's number `k` is its
/// place here — for its letter, its figures and its participants' notes alike.
pub fn class_runs(school: &[Participant]) -> impl Iterator<Item = &[Participant]> {
    school.chunk_by(|a, b| a.class == b.class)
}

/// The letters of a school's classes, in the order of [`class_runs`].
pub fn class_letters(school: &[Participant]) -> Vec<String> {
    class_runs(school)
        .map(|class| class[0].class.to_string())
        .collect()
}

/// One school's rows folded into counters.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tally {
    /// Index into `Project::schools`.
    pub school: u32,
    /// Its rows folded.
    pub counters: counters::Counters,
    /// The letters of its classes ([`class_letters`]) where the rows are set aside for the
    /// internal build's class pages; empty for the public build, which shows no class.
    pub class_letters: Vec<String>,
}

/// Medal a ЕГЭ candidate applies for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Medal {
    /// Medal of the I degree.
    First,
    /// Medal of the II degree.
    Second,
}

/// The participants of one procedure and what was left out while reading.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Results {
    /// Participants, sorted by school, class and code; empty once folded into `tallies`.
    pub participants: Vec<Participant>,
    /// Per school with participants, in school order: its counters, once a build has folded
    /// the rows into them while reading, so memory grows with schools, not pupils;
    /// `None` while the rows are kept.
    pub tallies: Option<Vec<Tally>>,
    /// Where the internal build set the rows aside once folded ([`Results::rows`] reads
    /// them back); the public build drops them.
    #[serde(skip)]
    pub aside: Option<Aside>,
    /// Participants read: stays when the rows are folded or released.
    pub read: u64,
    /// Rows marked absent: not participants.
    pub absent: u32,
    /// Bad rows left out under `bad_rows: skip`.
    pub skipped: u32,
    /// School index → (absent rows, bad rows left out) of the rows whose school is known:
    /// what a part of the project (one municipality of a region) left out.
    pub left_out: std::collections::BTreeMap<u32, (u32, u32)>,
    /// Result files read, relative to the root.
    pub files: Vec<String>,
    /// A hash of the procedure's definition and result files, when a build cache is used:
    /// pages made from these results are cached under it.
    #[serde(skip)]
    pub source: Option<crate::digest::Key>,
}

impl Results {
    /// Replaces the rows by per-school counters (what a public build needs of them), with
    /// each school's class letters if `letters`.
    pub fn fold(&mut self, procedure: &Procedure, letters: bool) {
        let tallies = school_runs(&self.participants)
            .map(|run| Tally {
                school: run[0].school,
                counters: counters::Counters::of(procedure, run),
                class_letters: if letters {
                    class_letters(run)
                } else {
                    Vec::new()
                },
            })
            .collect();
        self.tallies = Some(tallies);
        self.participants = Vec::new();
    }

    /// Drops the rows and tallies once they are analysed (rendering reads the analysis), so
    /// pages are rendered without every pupil's row in memory.
    pub fn release(&mut self) {
        self.participants = Vec::new();
        self.tallies = None;
        self.aside = None;
    }
}

/// Everything a site is built from.
#[derive(Debug, Clone)]
pub struct Project {
    /// Settings.
    pub config: Config,
    /// The area the site reports on: the municipality, or the region of a region project.
    pub municipality: Municipality,
    /// A region project's municipalities, sorted by name; empty for one municipality.
    pub municipalities: Vec<Municipality>,
    /// Sorted by Russian collation of `short_name`.
    pub schools: Vec<School>,
    /// Sorted by date, then id.
    pub procedures: Vec<Procedure>,
    /// Parallel to `procedures`.
    pub results: Vec<Results>,
    /// Roadmaps.
    pub roadmaps: Vec<Roadmap>,
    /// The files of `data/documents/` that roadmap decisions cite, by name.
    pub documents: std::collections::BTreeMap<String, Vec<u8>>,
    /// Content pages.
    pub pages: Vec<ContentPage>,
    /// Set when the project is one municipality of a region built as a site of its own.
    pub region_part: Option<RegionPart>,
}

/// What one municipality's own site keeps of its region (`oko build --municipality`): which
/// municipality it is, and the region's counters, so that the region's figures and the
/// schools' places against the region are those of the region's own site.
#[derive(Debug, Clone)]
pub struct RegionPart {
    /// The municipality's id in the region project.
    pub id: String,
    /// Per procedure: the region's counters (none where the region has no participants).
    pub region: Vec<Option<counters::Counters>>,
}

impl Project {
    /// Index of a school by id.
    pub fn school_index(&self, id: &str) -> Option<usize> {
        self.schools.iter().position(|s| s.id == id)
    }

    /// Every school year with a procedure, oldest first («2023/24» sorts before «2024/25»).
    pub fn school_years(&self) -> Vec<&str> {
        let mut years: Vec<&str> = self
            .procedures
            .iter()
            .map(|p| p.school_year.as_str())
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The newest school year with any procedure («2024/25» sorts after «2023/24»).
    pub fn latest_school_year(&self) -> Option<&str> {
        self.procedures.iter().map(|p| p.school_year.as_str()).max()
    }

    /// Attribute keys of any school, sorted: the attributes clusters are formed by.
    pub fn cluster_attributes(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .schools
            .iter()
            .flat_map(|s| s.attributes.keys().cloned())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Index of a procedure by id.
    pub fn procedure_index(&self, id: &str) -> Option<usize> {
        self.procedures.iter().position(|p| p.id == id)
    }
}
