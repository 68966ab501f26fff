//! Which procedure a file belongs to — kind, subject, grade, year — from what its name
//! says («Проведение работы по математике, 5 класс. ВПР 2021.xlsx», `plan_2021_ma5_ALL`,
//! `altai_2022_g5_Математика`) and from the flags where the name is silent.

use crate::model::ProcedureKind;

/// What is known about a procedure; every part may still be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// ВПР, ОГЭ, …
    pub kind: Option<ProcedureKind>,
    /// Subject as procedure files name it («Математика»).
    pub subject: Option<String>,
    /// Grade.
    pub grade: Option<u8>,
    /// Calendar year the work was written.
    pub year: Option<i32>,
}

/// Subjects: the name oko writes, the slug of procedure ids, the ФИОКО code, and the stems
/// a file name may use in any case form («по математике», «Русскому языку»).
const SUBJECTS: [(&str, &str, &str, &[&str]); 16] = [
    ("Математика", "math", "ma", &["математик"]),
    ("Русский язык", "rus", "ru", &["русск"]),
    ("Биология", "bio", "bi", &["биолог"]),
    ("География", "geo", "gg", &["географ"]),
    ("История", "hist", "is", &["истори"]),
    ("Физика", "phys", "fi", &["физик"]),
    ("Химия", "chem", "xi", &["хими"]),
    ("Обществознание", "soc", "ob", &["обществозн"]),
    ("Информатика", "inf", "in", &["информатик"]),
    ("Окружающий мир", "okr", "okr", &["окружающ"]),
    ("Литература", "lit", "li", &["литератур"]),
    ("Английский язык", "eng", "en", &["английск", "англ."]),
    ("Немецкий язык", "deu", "de", &["немецк"]),
    ("Французский язык", "fra", "fr", &["французск"]),
    ("Испанский язык", "spa", "sp", &["испанск"]),
    ("Китайский язык", "chn", "ch", &["китайск"]),
];

const KINDS: [(&str, ProcedureKind); 6] = [
    ("впр", ProcedureKind::Vpr),
    ("огэ", ProcedureKind::Oge),
    ("егэ", ProcedureKind::Ege),
    ("гвэ", ProcedureKind::Gve),
    ("нико", ProcedureKind::Niko),
    ("рдр", ProcedureKind::Rdr),
];

const LATIN_KINDS: [(&str, ProcedureKind); 6] = [
    ("vpr", ProcedureKind::Vpr),
    ("oge", ProcedureKind::Oge),
    ("ege", ProcedureKind::Ege),
    ("gve", ProcedureKind::Gve),
    ("niko", ProcedureKind::Niko),
    ("rdr", ProcedureKind::Rdr),
];

/// The subject oko writes for a name in any case form or a ФИОКО code.
pub fn subject_name(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    SUBJECTS
        .iter()
        .find(|(name, _, code, stems)| {
            lower == name.to_lowercase()
                || lower == *code
                || stems.iter().any(|s| lower.contains(s))
        })
        .map(|(name, ..)| *name)
}

/// The slug of a subject in procedure ids (`math`), or a transliteration-free fallback.
pub fn subject_slug(subject: &str) -> String {
    SUBJECTS
        .iter()
        .find(|(name, ..)| name.eq_ignore_ascii_case(subject) || *name == subject)
        .map_or_else(
            || {
                subject
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_lowercase()
            },
            |(_, slug, ..)| slug.to_string(),
        )
}

/// The kind as a slug of procedure ids (`vpr`).
pub fn kind_slug(kind: ProcedureKind) -> &'static str {
    LATIN_KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("internal", |(s, _)| s)
}

/// The kind named by a flag value (`ВПР`, `vpr`).
pub fn kind_named(text: &str) -> Option<ProcedureKind> {
    let lower = text.trim().to_lowercase();
    KINDS
        .iter()
        .chain(&LATIN_KINDS)
        .find(|(name, _)| *name == lower)
        .map(|(_, k)| *k)
}

/// Everything a file name says about its procedure.
pub fn from_file_name(stem: &str) -> Identity {
    let lower = stem.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut id = Identity::default();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches('.');
        if let Some(k) = kind_named(w) {
            id.kind = Some(k);
        } else if w.len() == 4 && w.starts_with("20") && w.parse::<i32>().is_ok() {
            id.year = w.parse().ok();
        } else if let Ok(g) = w.parse::<u8>()
            && (1..=11).contains(&g)
            && words.get(i + 1).is_some_and(|n| n.starts_with("класс"))
        {
            id.grade = Some(g);
        } else if let Some(g) = w.strip_prefix('g').and_then(|d| d.parse::<u8>().ok())
            && (1..=11).contains(&g)
        {
            id.grade = Some(g);
        } else if let Some((subject, grade)) = code_and_grade(w) {
            id.subject = Some(subject.into());
            id.grade = Some(grade);
        } else if let Some(s) = subject_name(w).filter(|_| w.chars().count() > 3) {
            id.subject = Some(s.into());
        }
    }
    // Two-word subjects («русскому языку») are found by their first word above.
    id
}

/// `ma5`, `ma-5`: a ФИОКО subject code with the grade.
fn code_and_grade(word: &str) -> Option<(&'static str, u8)> {
    let split = word.find(|c: char| c.is_ascii_digit())?;
    let (code, digits) = word.split_at(split);
    let code = code.trim_end_matches('-');
    let grade: u8 = digits.parse().ok().filter(|g| (1..=11).contains(g))?;
    let subject = SUBJECTS.iter().find(|(_, _, c, _)| *c == code)?.0;
    Some((subject, grade))
}

impl Identity {
    /// Fills what this identity lacks from `other`; a part both name differently is a conflict.
    pub fn merge(&mut self, other: &Identity) -> Result<(), String> {
        fn one<T: PartialEq + Clone + std::fmt::Debug>(
            mine: &mut Option<T>,
            theirs: &Option<T>,
            what: &str,
            show: impl Fn(&T) -> String,
        ) -> Result<(), String> {
            match (mine.as_ref(), theirs) {
                (Some(a), Some(b)) if a != b => {
                    Err(format!("{what}: «{}» и «{}»", show(a), show(b)))
                }
                (None, Some(b)) => {
                    *mine = Some(b.clone());
                    Ok(())
                }
                _ => Ok(()),
            }
        }
        one(
            &mut self.kind,
            &other.kind,
            "вид процедуры",
            |k| k.label().into(),
        )?;
        one(&mut self.subject, &other.subject, "предмет", Clone::clone)?;
        one(&mut self.grade, &other.grade, "класс", u8::to_string)?;
        one(&mut self.year, &other.year, "год", i32::to_string)
    }

    /// How many of its four parts are known: a file that names more of its work is
    /// placed first when files are grouped by work.
    pub fn known(&self) -> usize {
        usize::from(self.kind.is_some())
            + usize::from(self.subject.is_some())
            + usize::from(self.grade.is_some())
            + usize::from(self.year.is_some())
    }

    /// Whether the two can be the same work (no part named differently).
    pub fn fits(&self, other: &Identity) -> bool {
        self.clone().merge(other).is_ok()
    }

    /// What is still missing, as the flags that would give it.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.kind.is_none() {
            out.push("--kind (ВПР, ОГЭ, ЕГЭ, …)");
        }
        if self.subject.is_none() {
            out.push("--subject");
        }
        if self.grade.is_none() {
            out.push("--grade");
        }
        if self.year.is_none() {
            out.push("--year");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: ProcedureKind, subject: &str, grade: u8, year: i32) -> Identity {
        Identity {
            kind: Some(kind),
            subject: Some(subject.into()),
            grade: Some(grade),
            year: Some(year),
        }
    }

    #[test]
    fn reads_the_names_offices_have() {
        let vpr = ProcedureKind::Vpr;
        assert_eq!(
            from_file_name("Проведение работы по математике, 5 класс. ВПР 2021"),
            id(vpr, "Математика", 5, 2021)
        );
        assert_eq!(
            from_file_name("Проведение работы по русскому языку, 4 класс. ВПР 2021"),
            id(vpr, "Русский язык", 4, 2021)
        );
        assert_eq!(
            from_file_name("altai_2021_vpr_ma5_participants"),
            id(vpr, "Математика", 5, 2021)
        );
        let plan = from_file_name("plan_2021_ru4_ALL");
        assert_eq!(
            (plan.subject.as_deref(), plan.grade, plan.year),
            (Some("Русский язык"), Some(4), Some(2021))
        );
        let form = from_file_name("altai_2022_g6_Русскому языку");
        assert_eq!(
            (form.subject.as_deref(), form.grade, form.year),
            (Some("Русский язык"), Some(6), Some(2022))
        );
        assert_eq!(from_file_name("results"), Identity::default());
    }

    #[test]
    fn a_part_named_twice_differently_is_a_conflict() {
        let mut a = from_file_name("plan_2021_ma5_ALL");
        assert!(
            a.merge(&from_file_name("altai_2021_vpr_ma5_participants"))
                .is_ok()
        );
        assert_eq!(a.kind, Some(ProcedureKind::Vpr));
        let err = a
            .merge(&from_file_name("plan_2021_ma6_ALL"))
            .expect_err("conflict");
        assert_eq!(err, "класс: «5» и «6»");
        assert_eq!(Identity::default().missing().len(), 4);
    }

    #[test]
    fn slugs_follow_the_demo_ids() {
        assert_eq!(subject_slug("Математика"), "math");
        assert_eq!(subject_slug("Русский язык"), "rus");
        assert_eq!(kind_slug(ProcedureKind::Ege), "ege");
        assert_eq!(kind_named("ВПР"), Some(ProcedureKind::Vpr));
    }
}
