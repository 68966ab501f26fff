//! An assessment procedure as its file defines it: plan, scale, benchmarks.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{LevelScale, NOT_ATTEMPTED, PassRule};

/// The kind of assessment procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum ProcedureKind {
    /// ВПР.
    #[serde(rename = "ВПР")]
    Vpr,
    /// ОГЭ.
    #[serde(rename = "ОГЭ")]
    Oge,
    /// ЕГЭ.
    #[serde(rename = "ЕГЭ")]
    Ege,
    /// ГВЭ.
    #[serde(rename = "ГВЭ")]
    Gve,
    /// НИКО.
    #[serde(rename = "НИКО")]
    Niko,
    /// Regional diagnostics.
    #[serde(rename = "РДР")]
    Rdr,
    /// An internal diagnostic of the schools.
    #[serde(rename = "internal")]
    Internal,
    /// Итоговое собеседование по русскому языку (9 класс): зачёт или незачёт.
    #[serde(rename = "ИС", alias = "итоговое собеседование")]
    Interview,
    /// Итоговое сочинение (изложение) (11 класс): зачёт или незачёт.
    #[serde(rename = "ИСИ", alias = "итоговое сочинение")]
    Essay,
}

impl ProcedureKind {
    /// The kind as pages name it.
    pub fn label(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "ВПР",
            ProcedureKind::Oge => "ОГЭ",
            ProcedureKind::Ege => "ЕГЭ",
            ProcedureKind::Gve => "ГВЭ",
            ProcedureKind::Niko => "НИКО",
            ProcedureKind::Rdr => "РДР",
            ProcedureKind::Internal => "Внутренняя оценка",
            ProcedureKind::Interview => "Итоговое собеседование",
            ProcedureKind::Essay => "Итоговое сочинение",
        }
    }

    /// Итоговое собеседование and сочинение give зачёт or незачёт, never marks.
    pub fn is_pass_fail(self) -> bool {
        matches!(self, ProcedureKind::Interview | ProcedureKind::Essay)
    }

    /// ЕГЭ reports test scores against a minimum instead of marks 2–5.
    pub fn uses_test_scores(self) -> bool {
        self == ProcedureKind::Ege
    }
}

/// The difficulty level of a task in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Level {
    /// Базовый.
    #[serde(rename = "базовый", alias = "Б", alias = "basic")]
    Basic,
    /// Повышенный.
    #[serde(rename = "повышенный", alias = "П", alias = "advanced")]
    Advanced,
    /// Высокий.
    #[serde(rename = "высокий", alias = "В", alias = "high")]
    High,
}

impl Level {
    /// The level as pages name it.
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
    /// Task id as the plan writes it (`1`, `2К1`).
    pub id: String,
    /// Maximum score.
    pub max: u8,
    /// Difficulty level; none where the plan leaves it blank (some ФИОКО tables do): the
    /// task is shown and counted, but not judged a deficit by level.
    #[serde(default)]
    pub level: Option<Level>,
    /// The planned results (skills) the task checks; tasks sharing one are grouped.
    /// `skill: "1.1"` or, as the ФИОКО plans have it, several: `skill: ["1", "2"]`.
    #[serde(
        default,
        rename = "skill",
        alias = "skills",
        deserialize_with = "one_or_many"
    )]
    pub skills: Vec<String>,
    /// The checked requirement, in the words of the plan.
    #[serde(default)]
    pub text: String,
}

impl Task {
    /// Whether the task checks `skill`.
    pub fn checks(&self, skill: &str) -> bool {
        self.skills.iter().any(|s| s == skill)
    }
}

/// One string or a list of strings (numbers read as their text).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Code),
        Many(Vec<Code>),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Text(String),
        Number(serde_yaml::Number),
    }
    let text = |c: Code| match c {
        Code::Text(t) => t,
        Code::Number(n) => n.to_string(),
    };
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(c) => vec![text(c)],
        OneOrMany::Many(cs) => cs.into_iter().map(text).collect(),
    })
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

/// Reference figures of the region and of Russia.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    /// The region.
    #[serde(default)]
    pub region: Option<Benchmark>,
    /// Russia.
    #[serde(default)]
    pub russia: Option<Benchmark>,
}

/// An assessment procedure (`data/procedures/<year>/<id>.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Id (the file name and the results folder).
    pub id: String,
    /// ВПР, ОГЭ, ЕГЭ, …
    pub kind: ProcedureKind,
    /// Title on the pages.
    pub title: String,
    /// School year, e.g. «2024/25».
    pub school_year: String,
    /// Date the work was written.
    pub date: NaiveDate,
    /// The date is the usual one for such a work, written by `oko import` because the
    /// files did not say it: pages say it is not confirmed, check and build remind.
    #[serde(default)]
    pub date_unconfirmed: bool,
    /// Subject.
    pub subject: String,
    /// Grade of the work (its plan, scale and series over the years).
    pub grade: u8,
    /// Grade of the pupils who wrote it, where it is not the work's: in the autumn of 2020
    /// pupils of grade 5 wrote the spring work of grade 4 (the ВПР moved by the pandemic).
    /// Cohorts, enrolment and class names follow the pupils.
    #[serde(default)]
    pub pupils_grade: Option<u8>,
    /// A subject by choice (ОГЭ/ЕГЭ).
    #[serde(default)]
    pub elective: bool,
    /// The task plan, in column order.
    pub tasks: Vec<Task>,
    /// Skill code → its wording (the plan's «Код КТ» table); else a task's text names it.
    #[serde(default)]
    pub skills: BTreeMap<String, String>,
    /// Lowest primary score for marks 3, 4, 5 (below the lowest: 2).
    #[serde(default)]
    pub scale: BTreeMap<u8, u32>,
    /// ЕГЭ: the lowest test score that passes.
    #[serde(default)]
    pub min_score: Option<u32>,
    /// ЕГЭ: test score for each primary score 0, 1, 2, …
    #[serde(default)]
    pub conversion: Vec<u32>,
    /// Reference figures.
    #[serde(default)]
    pub benchmarks: Benchmarks,
    /// Task id → column header, where the result files name tasks their own way.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Зачёт/незачёт works: when a participant passes.
    #[serde(default)]
    pub pass: Option<PassRule>,
    /// Levels of achievement by primary score, where defined.
    #[serde(default)]
    pub levels: Option<LevelScale>,
    /// Who watched the work in each school (Советск 2018 §2.2): independent observers and
    /// video. Empty: not recorded; a school missing from a non-empty list was not watched.
    #[serde(default)]
    pub observers: Vec<Observation>,
    /// Encoding of CSV result files when not UTF-8 (e.g. `windows-1251`).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Where the scale comes from when the file omits it (the official ФИОКО table).
    #[serde(skip)]
    pub scale_source: Option<String>,
    /// The year folder the file was found in (set by the loader).
    #[serde(skip)]
    pub year: String,
}

/// How one school's work was watched.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// School id.
    pub school: String,
    /// Independent observers present.
    #[serde(default)]
    pub independent: u32,
    /// Whether the work was video-recorded.
    #[serde(default)]
    pub video: bool,
}

impl Observation {
    /// Neither an independent observer nor video.
    pub fn unwatched(&self) -> bool {
        self.independent == 0 && !self.video
    }
}

impl Procedure {
    /// The date as pages print it: «15.04.2021», or «дата не уточнена» for a date
    /// nobody confirmed (a guessed day must not read as a fact).
    pub fn date_text(&self) -> String {
        if self.date_unconfirmed {
            "дата не уточнена".to_string()
        } else {
            self.date.format("%d.%m.%Y").to_string()
        }
    }

    /// How the work was watched in a school: `None` when the procedure records no observers;
    /// a school missing from the record was not watched.
    pub fn observation(&self, school: &str) -> Option<Observation> {
        if self.observers.is_empty() {
            return None;
        }
        Some(
            self.observers
                .iter()
                .find(|o| o.school == school)
                .cloned()
                .unwrap_or(Observation {
                    school: school.to_string(),
                    independent: 0,
                    video: false,
                }),
        )
    }

    /// Whether a participant with these task scores (and primary score) passes; `None` for
    /// a work without зачёт.
    pub fn passed(&self, scores: &[u8], primary: u32) -> Option<bool> {
        let rule = self.pass.as_ref()?;
        let scored = |t: usize| scores.get(t).is_some_and(|&s| s != NOT_ATTEMPTED && s > 0);
        let required: Vec<usize> = rule
            .required
            .iter()
            .filter_map(|id| self.task_index(id))
            .collect();
        let others = (0..self.tasks.len())
            .filter(|t| !required.contains(t) && scored(*t))
            .count();
        Some(
            primary >= rule.min_score
                && required.iter().all(|&t| scored(t))
                && others >= rule.min_other,
        )
    }

    /// The level of a primary score (0 below basic, 1 basic, 2 advanced), where defined.
    pub fn level_of(&self, primary: u32) -> Option<usize> {
        let l = self.levels?;
        Some(if primary >= l.advanced {
            2
        } else if primary >= l.basic {
            1
        } else {
            0
        })
    }

    /// Sum of the tasks' maxima.
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

    /// Whether the procedure gives marks 2–5.
    pub fn has_marks(&self) -> bool {
        !self.scale.is_empty()
    }

    /// The wording of a skill: from the plan's skill table, else the text of its first task.
    pub fn skill_text(&self, skill: &str) -> &str {
        match self.skills.get(skill) {
            Some(text) => text,
            None => self
                .tasks
                .iter()
                .find(|t| t.checks(skill))
                .map_or("", |t| t.text.as_str()),
        }
    }

    /// Whether any task of the plan checks `skill`.
    pub fn has_skill(&self, skill: &str) -> bool {
        self.tasks.iter().any(|t| t.checks(skill))
    }

    /// Index of a task by id.
    pub fn task_index(&self, id: &str) -> Option<usize> {
        self.tasks.iter().position(|t| t.id == id)
    }
}

mod grades;
#[cfg(test)]
mod tests;
