//! The official ВПР scales (ФИОКО «Рекомендации по переводу первичных баллов в отметки»),
//! built in so that a procedure file may omit `scale:` for the works they cover.

use std::sync::OnceLock;

use chrono::Datelike;

use super::{Procedure, ProcedureKind};

/// One official scale as the ФИОКО description of the work gives it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct OfficialScale {
    /// The year of the work.
    pub year: i32,
    /// The subject, as procedure files name it.
    pub subject: String,
    /// The grade.
    pub grade: u8,
    /// Maximum primary score of the work.
    pub max: u32,
    /// Lowest primary score of mark 3.
    pub mark3: u32,
    /// Lowest primary score of mark 4.
    pub mark4: u32,
    /// Lowest primary score of mark 5.
    pub mark5: u32,
    /// Why the official table cannot be used as it is (empty when it can).
    pub ambiguity: String,
    /// The document the figures come from.
    pub source: String,
}

const TABLE: &str = include_str!("vpr_scales.csv");

/// Every built-in scale, parsed once.
pub fn official_scales() -> &'static [OfficialScale] {
    static SCALES: OnceLock<Vec<OfficialScale>> = OnceLock::new();
    SCALES.get_or_init(|| {
        csv::Reader::from_reader(TABLE.as_bytes())
            .deserialize()
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("the built-in table vpr_scales.csv is broken: {e}"))
    })
}

/// The official scale of a ВПР, if oko has it.
pub fn official_scale(
    kind: ProcedureKind,
    year: i32,
    subject: &str,
    grade: u8,
) -> Option<&'static OfficialScale> {
    if kind != ProcedureKind::Vpr {
        return None;
    }
    let subject = subject.trim().to_lowercase();
    official_scales()
        .iter()
        .find(|s| s.year == year && s.grade == grade && s.subject.to_lowercase() == subject)
}

impl Procedure {
    /// A ВПР without `scale:` takes the official scale of its year, subject and grade; an
    /// ambiguous official table, or one for another maximum, is refused with the reason.
    pub fn apply_official_scale(&mut self) -> Result<(), String> {
        if !self.scale.is_empty() {
            return Ok(());
        }
        let Some(official) = official_scale(self.kind, self.date.year(), &self.subject, self.grade)
        else {
            return Ok(());
        };
        let max = self.max_primary();
        let reason = if !official.ambiguity.is_empty() {
            format!("в ней {} ({})", official.ambiguity, official.source)
        } else if official.max != max {
            format!(
                "она рассчитана на максимум {} первичных баллов, а в плане процедуры {max}",
                official.max
            )
        } else {
            self.scale = [
                (3, official.mark3),
                (4, official.mark4),
                (5, official.mark5),
            ]
            .into();
            self.scale_source = Some(official.source.clone());
            return Ok(());
        };
        Err(format!(
            "официальную шкалу {} {} {} {} класс применить нельзя: {reason}; укажите scale: сами",
            self.kind.label(),
            official.year,
            self.subject,
            self.grade
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_its_bands_rise_within_the_maximum() {
        let scales = official_scales();
        assert!(scales.len() >= 30);
        for s in scales {
            assert!(
                s.mark3 < s.mark4 && s.mark4 < s.mark5 && s.mark5 <= s.max,
                "{s:?}"
            );
        }
    }

    #[test]
    fn finds_math_5_of_2021_and_knows_the_ambiguous_geography_8() {
        let m = official_scale(ProcedureKind::Vpr, 2021, "Математика", 5).expect("scale");
        assert_eq!((m.max, m.mark3, m.mark4, m.mark5), (20, 7, 11, 15));
        assert!(m.ambiguity.is_empty());
        let g = official_scale(ProcedureKind::Vpr, 2021, "география", 8).expect("scale");
        assert_eq!(g.ambiguity, "35 баллов и в «4», и в «5»");
        assert!(official_scale(ProcedureKind::Oge, 2021, "Математика", 5).is_none());
        assert!(official_scale(ProcedureKind::Vpr, 2019, "Математика", 5).is_none());
    }
}
