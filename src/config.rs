//! Site settings from `oko.yaml`. Every key has a default, so an empty file is valid.

use serde::Deserialize;

/// Who the build is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The open site: municipality, cluster, school and grade figures, small groups hidden.
    #[default]
    Public,
    /// For the office and teachers: classes, participants and objectivity signs. Never published.
    Internal,
}

/// What to do with a result row that breaks the rules of DESIGN §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BadRows {
    /// Every bad row is an error; the build stops.
    #[default]
    Error,
    /// Bad rows are left out with a warning, and their count is shown on the site.
    Skip,
}

/// Completion cuts for one task level, in % of the maximum score.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cut {
    /// At or above this a result is formed.
    pub sufficient: f64,
    /// Below this a result is a deficit; between the two it is borderline.
    pub insufficient: f64,
}

/// ФИОКО 2026 recommendations for basic and advanced tasks.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    #[serde(default = "Thresholds::basic_default")]
    pub basic: Cut,
    #[serde(default = "Thresholds::advanced_default")]
    pub advanced: Cut,
}

impl Thresholds {
    fn basic_default() -> Cut {
        Cut {
            sufficient: 60.0,
            insufficient: 57.0,
        }
    }
    fn advanced_default() -> Cut {
        Cut {
            sufficient: 30.0,
            insufficient: 28.5,
        }
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            basic: Self::basic_default(),
            advanced: Self::advanced_default(),
        }
    }
}

/// Thresholds of the objectivity signs (DESIGN §3), documented on the methodology page.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Objectivity {
    /// Boundary peak: share at a mark's lowest score ÷ mean share of the two scores below.
    pub peak_ratio: f64,
    /// Participants needed to flag a boundary peak.
    pub peak_min: u32,
    /// From this many participants a sign is reported as approximate («ориентировочно»);
    /// smaller groups get no signs at all.
    pub peak_tentative_min: u32,
    /// Participants needed at the threshold score itself, so that one or two people never make a "peak".
    pub peak_min_at_threshold: u32,
    /// Share of lowered marks (vs the journal), %, from which the mismatch is flagged.
    pub lowered_max: f64,
    /// Share of confirmed marks, %, flagged together with a boundary peak.
    pub confirmed_max: f64,
    /// Points by which the school's gap to the municipality on advanced tasks may exceed
    /// its gap on basic tasks before hard tasks "done better than easy ones" is flagged.
    pub inversion_gap: f64,
}

impl Default for Objectivity {
    fn default() -> Self {
        Objectivity {
            peak_ratio: 2.0,
            peak_min: 50,
            peak_tentative_min: 20,
            peak_min_at_threshold: 5,
            lowered_max: 40.0,
            confirmed_max: 95.0,
            inversion_gap: 10.0,
        }
    }
}

/// The whole `oko.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute address of the published site, for sitemap.xml.
    pub base_url: String,
    pub theme: String,
    /// Smallest group whose statistics are published.
    pub min_group: u32,
    pub thresholds: Thresholds,
    pub objectivity: Objectivity,
    pub bad_rows: BadRows,
    pub audience: Audience,
    /// Licence of the open data, named in every dataset passport.
    pub licence: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Открытые результаты оценочных процедур".into(),
            description: String::new(),
            base_url: "https://example.org/oko/".into(),
            theme: "default".into(),
            min_group: 10,
            thresholds: Thresholds::default(),
            objectivity: Objectivity::default(),
            bad_rows: BadRows::Error,
            audience: Audience::Public,
            licence: "Creative Commons Attribution 4.0 (CC BY 4.0)".into(),
        }
    }
}
