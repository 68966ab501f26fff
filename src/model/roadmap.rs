//! Roadmaps: measures by stage, their deadlines, status and the deficits they address.

use chrono::NaiveDate;
use serde::Deserialize;

/// Stage of a roadmap measure, as the seeds name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Stage {
    /// Аналитический.
    #[serde(rename = "аналитический")]
    Analytical,
    /// Организационно-методический.
    #[serde(rename = "организационно-методический")]
    Organisational,
    /// Обучающий.
    #[serde(rename = "обучающий")]
    Training,
    /// Оценочный.
    #[serde(rename = "оценочный")]
    Evaluative,
    /// Рефлексивный.
    #[serde(rename = "рефлексивный")]
    Reflective,
}

impl Stage {
    /// The stages in order.
    pub const ALL: [Stage; 5] = [
        Stage::Analytical,
        Stage::Organisational,
        Stage::Training,
        Stage::Evaluative,
        Stage::Reflective,
    ];

    /// The stage as pages name it.
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
    /// Planned.
    Planned,
    /// In progress.
    InProgress,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

impl Status {
    /// The status as pages name it.
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
    /// Procedure id.
    pub procedure: String,
    /// Skill code from its plan.
    pub skill: String,
}

/// A measurable indicator of a measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// What is measured.
    pub name: String,
    /// Value before.
    pub baseline: Option<f64>,
    /// Value aimed at.
    pub target: Option<f64>,
    /// Value reached.
    pub actual: Option<f64>,
}

/// One measure of a roadmap.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Id within the roadmap.
    pub id: String,
    /// Stage.
    pub stage: Stage,
    /// What is done.
    pub title: String,
    /// Who takes part.
    #[serde(default)]
    pub participants: String,
    /// Deadline.
    pub deadline: NaiveDate,
    /// Who is responsible.
    #[serde(default)]
    pub responsible: String,
    /// Expected result.
    #[serde(default)]
    pub result: String,
    /// Document that records it.
    #[serde(default)]
    pub document: String,
    /// Where it stands.
    pub status: Status,
    /// Deficits it addresses.
    #[serde(default)]
    pub addresses: Vec<Target>,
    /// Its indicators.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// Who owns a roadmap.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Owner {
    /// The office of the whole area: the municipality, or the region of a region project.
    Municipality,
    /// A municipality of a region, by id.
    Area(String),
    /// A school, by id.
    School(String),
}

/// A roadmap of measures (`data/roadmaps/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// Id (the file name).
    pub id: String,
    /// `municipality` (or `region`): the whole area; a municipality id of a region; a school id.
    pub owner: String,
    /// What `owner` names (set by the loader, which knows the ids).
    #[serde(skip)]
    pub resolved: Option<Owner>,
    /// Title.
    pub title: String,
    /// Procedures the roadmap is based on.
    #[serde(default)]
    pub based_on: Vec<String>,
    /// Measures.
    pub measures: Vec<Measure>,
}

impl Roadmap {
    /// Who owns the roadmap.
    pub fn owner(&self) -> Owner {
        match &self.resolved {
            Some(owner) => owner.clone(),
            None if matches!(self.owner.as_str(), "municipality" | "region") => Owner::Municipality,
            None => Owner::School(self.owner.clone()),
        }
    }
}
