//! The typed, validated world of one site project: plain data, no I/O.
//!
//! `load` builds these values from files; every later stage only reads them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::config::Config;

/// The municipality the site reports on (`data/municipality.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub name: String,
    pub region: String,
    /// The education office that publishes the site.
    pub office: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
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
    pub id: String,
    pub name: String,
    pub short_name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub website: String,
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

/// The kind of assessment procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum ProcedureKind {
    #[serde(rename = "ВПР")]
    Vpr,
    #[serde(rename = "ОГЭ")]
    Oge,
    #[serde(rename = "ЕГЭ")]
    Ege,
    #[serde(rename = "ГВЭ")]
    Gve,
    #[serde(rename = "НИКО")]
    Niko,
    #[serde(rename = "РДР")]
    Rdr,
    #[serde(rename = "internal")]
    Internal,
}

impl ProcedureKind {
    pub fn label(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "ВПР",
            ProcedureKind::Oge => "ОГЭ",
            ProcedureKind::Ege => "ЕГЭ",
            ProcedureKind::Gve => "ГВЭ",
            ProcedureKind::Niko => "НИКО",
            ProcedureKind::Rdr => "РДР",
            ProcedureKind::Internal => "Внутренняя оценка",
        }
    }

    /// ЕГЭ reports test scores against a minimum instead of marks 2–5.
    pub fn uses_test_scores(self) -> bool {
        self == ProcedureKind::Ege
    }
}

/// The difficulty level of a task in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Level {
    #[serde(rename = "базовый", alias = "Б", alias = "basic")]
    Basic,
    #[serde(rename = "повышенный", alias = "П", alias = "advanced")]
    Advanced,
    #[serde(rename = "высокий", alias = "В", alias = "high")]
    High,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Basic => "базовый",
            Level::Advanced => "повышенный",
            Level::High => "высокий",
        }
    }
}

/// One scored column of the task plan: a task or a criterion of a task (`2К1`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub max: u8,
    pub level: Level,
    /// The planned result (skill) the task checks; tasks sharing it are grouped.
    #[serde(default)]
    pub skill: Option<String>,
    /// The checked requirement, in the words of the plan.
    #[serde(default)]
    pub text: String,
}

/// Reference figures from official reports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// % of participants per mark.
    #[serde(default)]
    pub marks: BTreeMap<u8, f64>,
    /// % completion per task id.
    #[serde(default)]
    pub tasks: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    #[serde(default)]
    pub region: Option<Benchmark>,
    #[serde(default)]
    pub russia: Option<Benchmark>,
}

/// An assessment procedure (`data/procedures/<year>/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub id: String,
    pub kind: ProcedureKind,
    pub title: String,
    pub school_year: String,
    pub date: NaiveDate,
    pub subject: String,
    pub grade: u8,
    #[serde(default)]
    pub elective: bool,
    /// The task plan, in column order.
    pub tasks: Vec<Task>,
    /// Lowest primary score for marks 3, 4, 5 (below the lowest: 2).
    #[serde(default)]
    pub scale: BTreeMap<u8, u32>,
    /// ЕГЭ: the lowest test score that passes.
    #[serde(default)]
    pub min_score: Option<u32>,
    /// ЕГЭ: test score for each primary score 0, 1, 2, …
    #[serde(default)]
    pub conversion: Vec<u32>,
    #[serde(default)]
    pub benchmarks: Benchmarks,
    /// Task id → column header, where the result files name tasks their own way.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Encoding of CSV result files when not UTF-8 (e.g. `windows-1251`).
    #[serde(default)]
    pub encoding: Option<String>,
    /// The year folder the file was found in (set by the loader).
    #[serde(skip)]
    pub year: String,
}

impl Procedure {
    pub fn max_primary(&self) -> u32 {
        self.tasks.iter().map(|t| u32::from(t.max)).sum()
    }

    /// The mark for a primary score by the scale, or `None` where the procedure has no marks.
    pub fn mark_for(&self, primary: u32) -> Option<u8> {
        if self.scale.is_empty() {
            return None;
        }
        let mut mark = 2;
        for (&m, &lowest) in &self.scale {
            if primary >= lowest {
                mark = m;
            }
        }
        Some(mark)
    }

    /// The ЕГЭ test score for a primary score, from the conversion table.
    pub fn test_score_for(&self, primary: u32) -> Option<u32> {
        self.conversion.get(primary as usize).copied()
    }

    pub fn has_marks(&self) -> bool {
        !self.scale.is_empty()
    }

    /// Index of a task by id.
    pub fn task_index(&self, id: &str) -> Option<usize> {
        self.tasks.iter().position(|t| t.id == id)
    }
}

/// Stage of a roadmap measure, as the seeds name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Stage {
    #[serde(rename = "аналитический")]
    Analytical,
    #[serde(rename = "организационно-методический")]
    Organisational,
    #[serde(rename = "обучающий")]
    Training,
    #[serde(rename = "оценочный")]
    Evaluative,
    #[serde(rename = "рефлексивный")]
    Reflective,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Analytical,
        Stage::Organisational,
        Stage::Training,
        Stage::Evaluative,
        Stage::Reflective,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Analytical => "Аналитический",
            Stage::Organisational => "Организационно-методический",
            Stage::Training => "Обучающий",
            Stage::Evaluative => "Оценочный",
            Stage::Reflective => "Рефлексивный",
        }
    }
}

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    InProgress,
    Done,
    Cancelled,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "запланировано",
            Status::InProgress => "выполняется",
            Status::Done => "выполнено",
            Status::Cancelled => "отменено",
        }
    }
}

/// A deficit a measure targets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub procedure: String,
    pub skill: String,
}

/// A measurable indicator of a measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub actual: Option<f64>,
}

/// One measure of a roadmap.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub stage: Stage,
    pub title: String,
    #[serde(default)]
    pub participants: String,
    pub deadline: NaiveDate,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub document: String,
    pub status: Status,
    #[serde(default)]
    pub addresses: Vec<Target>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// Who owns a roadmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Municipality,
    School(String),
}

/// A roadmap of measures (`data/roadmaps/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    pub id: String,
    /// `municipality` or a school id.
    pub owner: String,
    pub title: String,
    #[serde(default)]
    pub based_on: Vec<String>,
    pub measures: Vec<Measure>,
}

impl Roadmap {
    pub fn owner(&self) -> Owner {
        if self.owner == "municipality" {
            Owner::Municipality
        } else {
            Owner::School(self.owner.clone())
        }
    }
}

/// Front matter of a content page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrontMatter {
    pub title: String,
    pub weight: i32,
    pub date: Option<NaiveDate>,
    pub draft: bool,
    pub description: String,
}

/// A Markdown page from `content/`; `render` turns it into HTML.
#[derive(Debug, Clone)]
pub struct ContentPage {
    /// URL path without slashes at the ends, e.g. `about` or `docs/law`.
    pub slug: String,
    /// The Markdown file, relative to the root (for messages).
    pub file: std::path::PathBuf,
    pub meta: FrontMatter,
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
    pub code: Box<str>,
    /// Score per task in plan order; `NOT_ATTEMPTED` counts as 0.
    pub scores: Box<[u8]>,
    pub primary: u32,
    pub mark: Option<u8>,
    pub journal_mark: Option<u8>,
    pub test_score: Option<u32>,
    pub medal: Option<Medal>,
}

/// Medal a ЕГЭ candidate applies for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Medal {
    First,
    Second,
}

/// The participants of one procedure and what was left out while reading.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Results {
    pub participants: Vec<Participant>,
    /// Rows marked absent: not participants.
    pub absent: u32,
    /// Bad rows left out under `bad_rows: skip`.
    pub skipped: u32,
    /// Result files read, relative to the root.
    pub files: Vec<String>,
    /// A hash of the procedure's definition and result files, when a build cache is used:
    /// pages made from these results are cached under it.
    #[serde(skip)]
    pub source: Option<crate::cache::Key>,
}

/// Everything a site is built from.
#[derive(Debug, Clone)]
pub struct Project {
    pub config: Config,
    pub municipality: Municipality,
    /// Sorted by Russian collation of `short_name`.
    pub schools: Vec<School>,
    /// Sorted by date, then id.
    pub procedures: Vec<Procedure>,
    /// Parallel to `procedures`.
    pub results: Vec<Results>,
    pub roadmaps: Vec<Roadmap>,
    pub pages: Vec<ContentPage>,
}

impl Project {
    pub fn school_index(&self, id: &str) -> Option<usize> {
        self.schools.iter().position(|s| s.id == id)
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

    pub fn procedure_index(&self, id: &str) -> Option<usize> {
        self.procedures.iter().position(|p| p.id == id)
    }
}
