//! Roadmaps: measures by stage, their deadlines, status and the deficits they address.

use chrono::{Datelike, Days, NaiveDate};
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
    /// The deficit it measures, when it is a skill's completion: oko then computes the
    /// values and flags a declared one that disagrees.
    #[serde(default)]
    pub skill: Option<Target>,
    /// Value before.
    pub baseline: Option<f64>,
    /// Value aimed at.
    pub target: Option<f64>,
    /// Value reached.
    pub actual: Option<f64>,
}

/// The document that records a measure: a plain title («Аналитическая справка») or a
/// decision the office can cite — kind, number, date — with its file or address.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// Only what the document is.
    Title(String),
    /// A decision with its details.
    Decision(Decision),
}

/// A decision recording a measure (Якутия §2.5: приказ, протокол).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// приказ, протокол, распоряжение, …
    pub kind: String,
    /// Its number.
    #[serde(default)]
    pub number: String,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// What it is about.
    #[serde(default)]
    pub title: String,
    /// A file under `data/documents/`, published beside the site.
    pub file: Option<String>,
    /// Or where the office publishes it.
    pub url: Option<String>,
}

impl Decision {
    /// «Приказ № 45-од от 10.06.2024 «Об утверждении плана»».
    pub fn citation(&self) -> String {
        let mut kind = self.kind.trim().to_string();
        if let Some(first) = kind.chars().next() {
            kind = first.to_uppercase().chain(kind.chars().skip(1)).collect();
        }
        let mut out = kind;
        if !self.number.is_empty() {
            out.push_str(&format!(" № {}", self.number));
        }
        if let Some(d) = self.date {
            out.push_str(&format!(" от {}", d.format("%d.%m.%Y")));
        }
        if !self.title.is_empty() {
            out.push_str(&format!(" «{}»", self.title));
        }
        out
    }
}

impl Document {
    /// The document as a page names it.
    pub fn citation(&self) -> String {
        match self {
            Document::Title(t) => t.clone(),
            Document::Decision(d) => d.citation(),
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    /// A string, or a mapping read as a [`Decision`] with its own error messages (an
    /// untagged enum would only say that nothing matched).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::String(s) => Ok(Document::Title(s)),
            v @ serde_yaml::Value::Mapping(_) => serde_yaml::from_value(v)
                .map(Document::Decision)
                .map_err(|e| D::Error::custom(format!("document: {e}"))),
            _ => Err(D::Error::custom(
                "document: ожидается название документа или { kind, number, date, title, file | url }",
            )),
        }
    }
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
    /// Document that records it: a title, or a decision with its kind, number and date.
    #[serde(default)]
    pub document: Option<Document>,
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
    /// How many of its measures are done.
    pub fn done(&self) -> usize {
        self.measures
            .iter()
            .filter(|m| m.status == Status::Done)
            .count()
    }

    /// Who owns the roadmap.
    pub fn owner(&self) -> Owner {
        match &self.resolved {
            Some(owner) => owner.clone(),
            None if matches!(self.owner.as_str(), "municipality" | "region") => Owner::Municipality,
            None => Owner::School(self.owner.clone()),
        }
    }
}

/// When a measure is due, as the seeds set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Within so many days of the results: pupils and classes 2 weeks, a school or an area
    /// 3 weeks, work programmes and plans a month.
    Days(u64),
    /// «До конца учебного года»: the 31 May after the results (the school year's lessons).
    EndOfSchoolYear,
    /// The ВСОКО regulation changed by the next 1 October.
    FirstOfOctober,
    /// Reflection on the year's measures by the next 25 December.
    Reflection,
}

impl Due {
    /// The date this falls on for results of `results`.
    pub fn date(self, results: NaiveDate) -> NaiveDate {
        let after = |days: u64| results.checked_add_days(Days::new(days)).unwrap_or(results);
        match self {
            Due::Days(days) => after(days),
            Due::EndOfSchoolYear => next(after(1), 5, 31),
            Due::FirstOfOctober => next(after(30), 10, 1),
            Due::Reflection => next(after(1), 12, 25),
        }
    }
}

/// The first `month`/`day` on or after `from`.
fn next(from: NaiveDate, month: u32, day: u32) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(from.year(), month, day).unwrap_or(from);
    if this_year >= from {
        this_year
    } else {
        NaiveDate::from_ymd_opt(from.year() + 1, month, day).unwrap_or(from)
    }
}
