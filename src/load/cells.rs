//! What a single cell of a results table means: a whole number, "not attempted", a class.

use crate::load::header::normalise;
use crate::load::sheet::Cell;

/// Cells that mean "the participant did not attempt the task".
pub fn is_not_attempted(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "x" | "х"
            | "n"
            | "н"
            | "h"
            | "не пройд."
            | "не пройд"
            | "не приступал"
            | "не приступал к заданию"
    )
}

/// A whole number in a cell: `Ok(None)` for a blank cell, `Err` for anything that is not one.
pub fn whole_number(cell: &Cell) -> Result<Option<i64>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e12 => Ok(Some(*n as i64)),
        Cell::Number(_) => Err(()),
        Cell::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            if let Ok(i) = t.parse::<i64>() {
                return Ok(Some(i));
            }
            match t.replace(',', ".").parse::<f64>() {
                Ok(f) if f.fract() == 0.0 && f.abs() < 1e12 => Ok(Some(f as i64)),
                _ => Err(()),
            }
        }
    }
}

/// Class letter without the grade: «5А», «а», «5 а» → «А»; «НЕТ», «5» → «».
pub fn class_letter(raw: &str) -> String {
    let upper: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if upper == "НЕТ" || upper == "-" {
        return String::new();
    }
    upper
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '.'])
        .to_string()
}

/// The name in a ФИС ОКО «code | name» cell (`reg22_m001 | Алейский муниципальный район`);
/// a cell without a code is the name itself.
pub fn coded_name(cell: &str) -> &str {
    cell.rsplit_once('|').map_or(cell, |(_, name)| name).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_letters() {
        assert_eq!(class_letter("5А"), "А");
        assert_eq!(class_letter("а"), "А");
        assert_eq!(class_letter("НЕТ"), "");
        assert_eq!(class_letter("нет"), "");
        assert_eq!(class_letter("8"), "");
        assert_eq!(class_letter(" 4 м "), "М");
    }

    #[test]
    fn not_attempted_tokens_of_real_files() {
        for t in [
            "X",
            "x",
            "Х",
            "N",
            "Н",
            "H",
            "не пройд.",
            " X ",
            "НЕ ПРОЙД.",
        ] {
            assert!(is_not_attempted(t), "{t}");
        }
        assert!(!is_not_attempted("0"));
        assert!(!is_not_attempted("ж"));
    }

    #[test]
    fn whole_numbers_from_text_and_floats() {
        assert_eq!(whole_number(&Cell::Text(" 3 ".into())), Ok(Some(3)));
        assert_eq!(whole_number(&Cell::Number(2.0)), Ok(Some(2)));
        assert_eq!(whole_number(&Cell::Number(2.5)), Err(()));
        assert_eq!(whole_number(&Cell::Text("2,0".into())), Ok(Some(2)));
        assert_eq!(whole_number(&Cell::Text("два".into())), Err(()));
        assert_eq!(whole_number(&Cell::Empty), Ok(None));
    }
}
