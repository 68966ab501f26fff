//! Result rows → participants, by the rules of DESIGN §2: which rows are absent,
//! which cells are "not attempted", and which rows are bad.

use std::collections::HashMap;
use std::path::Path;

use crate::config::BadRows;
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::load::header::{self, Columns, normalise};
use crate::load::sheet::{self, Cell, Sheet};
use crate::model::{Medal, NOT_ATTEMPTED, Participant, Procedure};

/// Extensions of result files oko reads.
pub const RESULT_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "csv"];

/// What one result file gave.
#[derive(Debug, Default)]
pub struct FileResults {
    pub participants: Vec<Participant>,
    /// Where each participant came from (sheet, row), for duplicate messages.
    pub origins: Vec<Location>,
    pub absent: u32,
    pub skipped: u32,
    pub diagnostics: Diagnostics,
}

/// Reads one result file of `procedure`. `schools` maps school id → index.
pub fn read_file(
    path: &Path,
    rel: &Path,
    procedure: &Procedure,
    schools: &HashMap<String, u32>,
    bad_rows: BadRows,
) -> FileResults {
    let mut out = FileResults::default();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let sheets = if is_csv {
        sheet::read_csv(path, procedure.encoding.as_deref()).map(|s| vec![s])
    } else {
        sheet::read_workbook(path)
    };
    let sheets = match sheets {
        Ok(s) => s,
        Err(message) => {
            out.diagnostics
                .error(Location::file(rel), "unreadable-file", message);
            return out;
        }
    };
    let default_school = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| schools.get(s).copied());
    let Some(sheet) = pick_sheet(&sheets) else {
        out.diagnostics.error(
            Location::file(rel),
            "empty-file",
            "в файле нет ни одной строки с данными: ожидается строка заголовков и строки участников",
        );
        return out;
    };
    read_sheet(
        sheet,
        rel,
        procedure,
        schools,
        default_school,
        bad_rows,
        &mut out,
    );
    out
}

/// The protocol form keeps results on «Протокол»; otherwise the first non-empty sheet.
fn pick_sheet(sheets: &[Sheet]) -> Option<&Sheet> {
    sheets
        .iter()
        .find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| normalise(n) == "протокол")
                && !s.rows.is_empty()
        })
        .or_else(|| sheets.iter().find(|s| !s.rows.is_empty()))
}

fn read_sheet(
    sheet: &Sheet,
    rel: &Path,
    procedure: &Procedure,
    schools: &HashMap<String, u32>,
    default_school: Option<u32>,
    bad_rows: BadRows,
    out: &mut FileResults,
) {
    let base = Location {
        file: rel.to_path_buf(),
        sheet: sheet.name.clone(),
        row: None,
        column: None,
    };
    let Some((header_row, header_cells)) = sheet.rows.first() else {
        return;
    };
    let header_location = Location {
        row: Some(*header_row),
        ..base.clone()
    };
    let columns = match header::recognise(
        header_cells,
        procedure,
        &header_location,
        default_school.is_some(),
    ) {
        Ok(c) => c,
        Err(errors) => {
            for e in errors {
                out.diagnostics.push(e);
            }
            return;
        }
    };
    if sheet.rows.len() == 1 {
        out.diagnostics.error(
            header_location,
            "empty-file",
            "в таблице только заголовки, нет ни одной строки участников",
        );
        return;
    }
    let ctx = RowContext {
        procedure,
        columns: &columns,
        schools,
        default_school,
    };
    for (row, cells) in &sheet.rows[1..] {
        let location = Location {
            row: Some(*row),
            ..base.clone()
        };
        match ctx.interpret(cells, &location) {
            Row::Absent => out.absent += 1,
            Row::Present(p) => {
                out.participants.push(p);
                out.origins.push(location);
            }
            Row::Bad(problems) => {
                let fatal = problems.iter().any(|p| p.fatal);
                if bad_rows == BadRows::Skip && !fatal {
                    out.skipped += 1;
                }
                for p in problems {
                    let severity = if bad_rows == BadRows::Skip && !fatal {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    let message = if severity == Severity::Warning {
                        format!("{} — строка пропущена (bad_rows: skip)", p.message)
                    } else {
                        p.message
                    };
                    out.diagnostics.push(Diagnostic {
                        severity,
                        location: Location {
                            column: Some(columns.names[p.column].clone()),
                            ..location.clone()
                        },
                        code: p.code.into(),
                        message,
                    });
                }
            }
        }
    }
}

/// A problem in one cell of a row.
struct Problem {
    column: usize,
    code: &'static str,
    message: String,
    /// Not a dirty row but a wrong set-up (unknown school): never skipped.
    fatal: bool,
}

enum Row {
    Absent,
    Present(Participant),
    Bad(Vec<Problem>),
}

struct RowContext<'a> {
    procedure: &'a Procedure,
    columns: &'a Columns,
    schools: &'a HashMap<String, u32>,
    default_school: Option<u32>,
}

/// Cells that mean "the participant did not attempt the task".
fn is_not_attempted(text: &str) -> bool {
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
fn whole_number(cell: &Cell) -> Result<Option<i64>, ()> {
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

impl RowContext<'_> {
    fn cell<'c>(&self, cells: &'c [Cell], col: Option<usize>) -> &'c Cell {
        col.and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty)
    }

    fn interpret(&self, cells: &[Cell], _location: &Location) -> Row {
        let c = self.columns;
        let p = self.procedure;
        if let Some(v) = c.variant
            && normalise(&self.cell(cells, Some(v)).text()) == "отсутствовал"
        {
            return Row::Absent;
        }
        let total_cell = self.cell(cells, c.total);
        if total_cell.is_blank()
            && c.tasks
                .iter()
                .all(|&col| self.cell(cells, Some(col)).is_blank())
        {
            return Row::Absent;
        }

        let mut problems = Vec::new();
        let mut bad = |column: usize, code: &'static str, message: String| {
            problems.push(Problem {
                column,
                code,
                message,
                fatal: false,
            })
        };

        let mut scores = Vec::with_capacity(c.tasks.len());
        let mut primary: u32 = 0;
        for (task, &col) in p.tasks.iter().zip(&c.tasks) {
            let cell = self.cell(cells, Some(col));
            if let Cell::Text(t) = cell
                && is_not_attempted(t)
            {
                scores.push(NOT_ATTEMPTED);
                continue;
            }
            match whole_number(cell) {
                Ok(None) => scores.push(NOT_ATTEMPTED),
                Ok(Some(v)) if v < 0 => bad(
                    col,
                    "score-negative",
                    format!(
                        "отрицательный балл {v}: ожидается целое число от 0 до {}",
                        task.max
                    ),
                ),
                Ok(Some(v)) if v > i64::from(task.max) => bad(
                    col,
                    "score-above-max",
                    format!("балл {v} больше максимума {}", task.max),
                ),
                Ok(Some(v)) => {
                    scores.push(v as u8);
                    primary += v as u32;
                }
                Err(()) => bad(
                    col,
                    "score-not-a-number",
                    format!(
                        "«{}» — не балл: ожидается целое число от 0 до {} или отметка «не приступал» (X, Н, N, не пройд.)",
                        cell.text(),
                        task.max
                    ),
                ),
            }
        }

        let max = p.max_primary();
        if let Some(col) = c.total {
            match whole_number(total_cell) {
                Ok(None) => {}
                Ok(Some(t)) if t < 0 || t > i64::from(max) => bad(
                    col,
                    "total-out-of-range",
                    format!("сумма баллов {t} вне допустимого диапазона 0…{max}"),
                ),
                Ok(Some(t)) if scores.len() == p.tasks.len() && t != i64::from(primary) => bad(
                    col,
                    "total-mismatch",
                    format!("сумма баллов {t} не равна сумме баллов за задания {primary}"),
                ),
                Ok(Some(_)) => {}
                Err(()) => bad(
                    col,
                    "total-not-a-number",
                    format!(
                        "«{}» — не сумма баллов: ожидается целое число от 0 до {max}",
                        total_cell.text()
                    ),
                ),
            }
        }

        let journal_mark = match c.journal_mark {
            None => None,
            Some(col) => {
                let cell = self.cell(cells, Some(col));
                let text = normalise(&cell.text());
                if text.is_empty() || text == "нет отметки" || text == "-" {
                    None
                } else {
                    match whole_number(cell) {
                        Ok(Some(m @ 2..=5)) => Some(m as u8),
                        _ => {
                            bad(
                                col,
                                "journal-mark-invalid",
                                format!(
                                    "«{}» — не отметка за предыдущий период: ожидается 2, 3, 4, 5, «нет отметки» или пустая ячейка",
                                    cell.text()
                                ),
                            );
                            None
                        }
                    }
                }
            }
        };

        let scale_mark = p.mark_for(primary);
        let mark = match c.mark {
            None => scale_mark,
            Some(col) => {
                let cell = self.cell(cells, Some(col));
                match whole_number(cell) {
                    Ok(None) => scale_mark,
                    Ok(Some(m @ 2..=5)) => match scale_mark {
                        Some(s) if s != m as u8 => {
                            bad(
                                col,
                                "mark-disagrees-with-scale",
                                format!(
                                    "отметка {m} не совпадает со шкалой: за {primary} первичных баллов положена отметка {s}"
                                ),
                            );
                            None
                        }
                        _ => Some(m as u8),
                    },
                    _ => {
                        bad(
                            col,
                            "mark-invalid",
                            format!("«{}» — не отметка: ожидается 2, 3, 4 или 5", cell.text()),
                        );
                        None
                    }
                }
            }
        };

        let test_score = match c.test_score {
            Some(col) => match whole_number(self.cell(cells, Some(col))) {
                Ok(Some(t @ 0..=100)) => Some(t as u32),
                Ok(None) => p.test_score_for(primary),
                _ => {
                    bad(
                        col,
                        "test-score-invalid",
                        format!(
                            "«{}» — не тестовый балл: ожидается целое число от 0 до 100",
                            self.cell(cells, Some(col)).text()
                        ),
                    );
                    None
                }
            },
            None => p.test_score_for(primary),
        };

        let medal = match c.medal {
            None => None,
            Some(col) => {
                let text = normalise(&self.cell(cells, Some(col)).text());
                match text.as_str() {
                    "" | "нет" | "-" | "0" => None,
                    "1"
                    | "i"
                    | "золото"
                    | "золотая"
                    | "за особые успехи в учении i степени"
                    | "i степени" => Some(Medal::First),
                    "2"
                    | "ii"
                    | "серебро"
                    | "серебряная"
                    | "за особые успехи в учении ii степени"
                    | "ii степени" => Some(Medal::Second),
                    _ => {
                        bad(
                            col,
                            "medal-invalid",
                            format!(
                                "«{text}» — не медаль: ожидается 1 (I степени), 2 (II степени) или пусто"
                            ),
                        );
                        None
                    }
                }
            }
        };

        let code = self.cell(cells, Some(c.participant)).text();
        if code.is_empty() {
            bad(
                c.participant,
                "participant-missing",
                "нет кода участника".to_string(),
            );
        }

        let school = match c.school {
            Some(col) => {
                let id = self.cell(cells, Some(col)).text();
                match self.schools.get(&id) {
                    Some(&i) => Some(i),
                    None => {
                        problems.push(Problem {
                            column: col,
                            code: "unknown-school",
                            message: if id.is_empty() {
                                "нет кода школы".to_string()
                            } else {
                                format!(
                                    "неизвестная школа «{id}»: нет файла data/schools/{id}.yaml"
                                )
                            },
                            fatal: true,
                        });
                        None
                    }
                }
            }
            None => self.default_school,
        };

        if !problems.is_empty() {
            return Row::Bad(problems);
        }
        Row::Present(Participant {
            school: school.unwrap_or(0),
            class: class_letter(&self.cell(cells, c.class).text()).into(),
            code: code.into(),
            scores: scores.into(),
            primary,
            mark,
            journal_mark,
            test_score,
            medal,
        })
    }
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
