//! Outcomes other than marks a work may define: зачёт/незачёт and levels of achievement.

use serde::{Deserialize, Serialize};

/// When a participant of a зачёт/незачёт work passes: at least `min_score` points, a point
/// on every `required` task (criterion), and points on at least `min_other` of the rest.
/// Итоговое собеседование: `{ min_score: 10 }`; итоговое сочинение: `{ required: [К1, К2],
/// min_other: 1 }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PassRule {
    /// Lowest primary score that passes.
    #[serde(default)]
    pub min_score: u32,
    /// Tasks (criteria) that must each be passed.
    #[serde(default)]
    pub required: Vec<String>,
    /// How many of the other tasks must be passed.
    #[serde(default)]
    pub min_other: usize,
}

/// Levels of achievement by primary score, where the work's description defines them
/// («ниже базового» below `basic`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelScale {
    /// Lowest primary score of «базовый».
    #[serde(rename = "базовый", alias = "basic")]
    pub basic: u32,
    /// Lowest primary score of «повышенный».
    #[serde(rename = "повышенный", alias = "advanced")]
    pub advanced: u32,
}

/// The names of the levels, lowest first.
pub const LEVEL_NAMES: [&str; 3] = ["ниже базового", "базовый", "повышенный"];
