//! Site settings from `oko.yaml`. Every key has a default, so an empty file is valid.

use serde::Deserialize;

/// Who the build is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The open site: municipality, cluster, school and grade figures, small groups hidden.
    #[default]
    #[value(
        help = "открытый сайт: муниципалитет, кластеры, школы и параллели, малые группы скрыты"
    )]
    Public,
    /// For the office and teachers: classes, participants and objectivity signs. Never published.
    #[value(
        help = "для управления и школ: классы, участники, признаки необъективности; не публикуется"
    )]
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
    /// Cuts of basic-level tasks.
    #[serde(default = "Thresholds::basic_default")]
    pub basic: Cut,
    /// Cuts of advanced- and high-level tasks.
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    /// High ВПР not confirmed: the school's mean % of the maximum this many standard
    /// deviations above the mean of the municipality's schools…
    pub high_sd: f64,
    /// …among schools with at least this many participants (smaller ones would only
    /// widen the spread with chance); the school's own ВПР group and its group in the
    /// cohort's exam must both have as many, and the sign is tentative while either is
    /// below `peak_min`.
    pub high_min_participants: u32,
    /// …while in ОГЭ/ЕГЭ of the same subject it is at or below the municipality.
    /// Schools whose `kind` attribute contains one of these words are not flagged.
    pub selective_kinds: Vec<String>,
    /// Medalists' index: share of medal candidates below the medal's ЕГЭ requirement, %.
    pub medal_missed_max: f64,
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
            high_sd: 1.5,
            high_min_participants: 20,
            selective_kinds: vec!["лицей".into(), "гимназия".into()],
            medal_missed_max: 10.0,
        }
    }
}

/// The rule for schools with low results (ШНОР) and in unfavourable conditions (ШНСУ).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Support {
    /// ШНОР: success rate (% of marks 3–5) below this…
    pub low_success: f64,
    /// …in more than this share of the school's procedures of the school year.
    pub in_share: f64,
    /// ШНСУ: the school attribute and the value that mark unfavourable social conditions.
    pub social_attribute: String,
    /// …and its value.
    pub social_value: String,
    /// ШНОР: a school's result in a procedure counts only with at least this many participants.
    pub min_participants: u32,
    /// Whose rule this is (e.g. the regional order that sets it); empty: oko's default.
    pub source: String,
    /// Possible mentors: works in the subject a school needs at least.
    pub mentor_works: usize,
}

impl Default for Support {
    fn default() -> Self {
        Support {
            low_success: 70.0,
            in_share: 0.5,
            social_attribute: "social_conditions".into(),
            social_value: "неблагоприятные".into(),
            min_participants: 10,
            source: String::new(),
            mentor_works: 2,
        }
    }
}

/// The whole `oko.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Title of the site.
    pub title: String,
    /// One sentence about the site, for search engines.
    pub description: String,
    /// Absolute address of the published site, for sitemap.xml.
    pub base_url: String,
    /// Theme folder under themes/ (default: the built-in one).
    pub theme: String,
    /// Smallest group whose statistics are published.
    pub min_group: u32,
    /// Deficit cuts.
    pub thresholds: Thresholds,
    /// Thresholds of the objectivity signs.
    pub objectivity: Objectivity,
    /// The ШНОР/ШНСУ rule.
    pub support: Support,
    /// What to do with bad result rows.
    pub bad_rows: BadRows,
    /// The default audience of a build.
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
            support: Support::default(),
            bad_rows: BadRows::Error,
            audience: Audience::Public,
            licence: "Creative Commons Attribution 4.0 (CC BY 4.0)".into(),
        }
    }
}
