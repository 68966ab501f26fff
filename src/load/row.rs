//! One result row → a participant, by the rules of DESIGN §2: which rows are absent,
//! which cells mean "not attempted", and what makes a row bad.
//!
//! Each cell is checked once and reports its own problem; a check that rests on another
//! cell (the total against the task scores, the mark against the scale) is made only when
//! that cell is sound, so one mistake gives one message.

use std::collections::HashMap;

use crate::load::answers;
use crate::load::cells::{class_letter, is_not_attempted, whole_number};
use crate::load::header::{Columns, normalise};
use crate::load::sheet::Cell;
use crate::model::{Medal, NOT_ATTEMPTED, Participant, Procedure};

/// A problem in one cell of a row.
pub(super) struct Problem {
    /// Index of the cell's column.
    pub column: usize,
    /// Stable code for JSON diagnostics.
    pub code: &'static str,
    /// What is wrong and what is expected, in Russian.
    pub message: String,
    /// Not a dirty row but a wrong set-up (unknown school): never skipped.
    pub fatal: bool,
}

/// What a row turned out to be.
pub(super) enum Row {
    /// A participant who did not write the work.
    Absent,
    /// A participant with valid cells.
    Present(Participant),
    /// A row with at least one bad cell.
    Bad(Vec<Problem>),
}

/// What a row's journal-mark cell says.
pub(super) enum Journal {
    /// No journal mark (blank, «нет отметки»).
    Blank,
    /// A mark 2–5.
    Mark(u8),
    /// Something else, as written.
    NotAMark(String),
}

/// What a row is read against.
pub(super) struct RowContext<'a> {
    /// The procedure the file belongs to.
    pub procedure: &'a Procedure,
    /// Which column holds what.
    pub columns: &'a Columns,
    /// School id → index.
    pub schools: &'a HashMap<String, u32>,
    /// The school of a file without a school column (a school's own form).
    pub default_school: Option<u32>,
}

/// Problems found so far in one row.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn bad(&mut self, column: usize, code: &'static str, message: String) {
        self.0.push(Problem {
            column,
            code,
            message,
            fatal: false,
        });
    }
}

/// Task scores of a row, and whether every one of them was sound.
struct Scores {
    scores: Vec<u8>,
    primary: u32,
    sound: bool,
}

impl RowContext<'_> {
    fn cell<'c>(&self, cells: &'c [Cell], col: Option<usize>) -> &'c Cell {
        col.and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty)
    }

    /// Reads one row (`row`: its number in the sheet, the code of a ГИА protocol's rows).
    pub fn interpret(&self, cells: &[Cell], row: usize) -> Row {
        if self.is_absent(cells) {
            return Row::Absent;
        }
        let mut problems = Problems::default();
        let s = self.scores(cells, &mut problems);
        self.check_total(cells, &s, &mut problems);
        let journal_mark = match self.journal(cells) {
            Journal::Mark(m) => Some(m),
            Journal::Blank | Journal::NotAMark(_) => None,
        };
        let mark = self.mark(cells, &s, &mut problems);
        let test_score = self.test_score(cells, s.primary, &mut problems);
        let medal = self.medal(cells, &mut problems);
        let c = self.columns;
        let code = match c.participant {
            Some(col) => self.cell(cells, Some(col)).text(),
            None => format!("стр. {row}"),
        };
        if code.is_empty() {
            problems.bad(
                c.participant.unwrap_or_default(),
                "participant-missing",
                "нет кода участника".to_string(),
            );
        }
        let school = self.school(cells, &mut problems);
        if !problems.0.is_empty() {
            return Row::Bad(problems.0);
        }
        Row::Present(Participant {
            school: school.unwrap_or(0),
            class: class_letter(&self.cell(cells, c.class).text()).into(),
            code: code.into(),
            scores: s.scores.into(),
            primary: s.primary,
            mark,
            journal_mark,
            test_score,
            medal,
            pupil: c
                .pupil
                .map(|col| self.cell(cells, Some(col)).text().trim().to_string())
                .filter(|id| !id.is_empty())
                .map(Into::into),
        })
    }

    /// «отсутствовал» in the variant column, or no total and no task score at all.
    fn is_absent(&self, cells: &[Cell]) -> bool {
        let c = self.columns;
        if let Some(v) = c.variant
            && normalise(&self.cell(cells, Some(v)).text()) == "отсутствовал"
        {
            return true;
        }
        let answers = c.answers.iter().flat_map(|a| [Some(a.short), a.long]);
        self.cell(cells, c.total).is_blank()
            && c.tasks
                .iter()
                .map(|&col| Some(col))
                .chain(answers)
                .all(|col| self.cell(cells, col).is_blank())
    }

    fn scores(&self, cells: &[Cell], problems: &mut Problems) -> Scores {
        let p = self.procedure;
        let mut s = Scores {
            scores: Vec::with_capacity(p.tasks.len()),
            primary: 0,
            sound: true,
        };
        if let Some(a) = self.columns.answers {
            let (short, long) = (self.cell(cells, Some(a.short)), self.cell(cells, a.long));
            match answers::scores(&short.text(), &long.text(), &p.tasks) {
                Ok(scores) => {
                    s.primary = scores.iter().map(|&v| u32::from(v)).sum();
                    s.scores = scores;
                }
                Err(message) => {
                    s.sound = false;
                    problems.bad(a.short, "answers-invalid", message);
                }
            }
            return s;
        }
        for (task, &col) in p.tasks.iter().zip(&self.columns.tasks) {
            let cell = self.cell(cells, Some(col));
            if let Cell::Text(t) = cell
                && is_not_attempted(t)
            {
                s.scores.push(NOT_ATTEMPTED);
                continue;
            }
            let problem = match whole_number(cell) {
                Ok(None) => {
                    s.scores.push(NOT_ATTEMPTED);
                    continue;
                }
                Ok(Some(v)) if v < 0 => (
                    "score-negative",
                    format!(
                        "отрицательный балл {v}: ожидается целое число от 0 до {}",
                        task.max
                    ),
                ),
                Ok(Some(v)) if v > i64::from(task.max) => (
                    "score-above-max",
                    format!("балл {v} больше максимума {}", task.max),
                ),
                Ok(Some(v)) => {
                    s.scores.push(v as u8);
                    s.primary += v as u32;
                    continue;
                }
                Err(()) => (
                    "score-not-a-number",
                    format!(
                        "«{}» — не балл: ожидается целое число от 0 до {} или отметка «не приступал» (X, Н, N, не пройд.)",
                        cell.text(),
                        task.max
                    ),
                ),
            };
            s.sound = false;
            problems.bad(col, problem.0, problem.1);
        }
        s
    }

    /// The total must be there (the row has task scores, or it would be absent), be a whole
    /// number within the maximum and, when every task score is sound, equal their sum.
    fn check_total(&self, cells: &[Cell], s: &Scores, problems: &mut Problems) {
        let Some(col) = self.columns.total else {
            return;
        };
        let cell = self.cell(cells, Some(col));
        let max = self.procedure.max_primary();
        match whole_number(cell) {
            Ok(None) => problems.bad(
                col,
                "total-missing",
                format!(
                    "нет суммы баллов, хотя баллы за задания заполнены: укажите сумму (сейчас по заданиям {})",
                    s.primary
                ),
            ),
            Ok(Some(t)) if t < 0 || t > i64::from(max) => problems.bad(
                col,
                "total-out-of-range",
                format!("сумма баллов {t} вне допустимого диапазона 0…{max}"),
            ),
            Ok(Some(t)) if s.sound && t != i64::from(s.primary) => problems.bad(
                col,
                "total-mismatch",
                format!(
                    "сумма баллов {t} не равна сумме баллов за задания {}",
                    s.primary
                ),
            ),
            Ok(Some(_)) => {}
            Err(()) => problems.bad(
                col,
                "total-not-a-number",
                format!(
                    "«{}» — не сумма баллов: ожидается целое число от 0 до {max}",
                    cell.text()
                ),
            ),
        }
    }

    /// The journal mark of a row: a blank cell says there was none; a text that is not
    /// 2–5 («ж», «осв») is not a mark either, and leaves the pupil out of the journal
    /// comparison only — the pupil's scores stand (the file's summary names such cells).
    pub fn journal(&self, cells: &[Cell]) -> Journal {
        let Some(col) = self.columns.journal_mark else {
            return Journal::Blank;
        };
        let cell = self.cell(cells, Some(col));
        let text = normalise(&cell.text());
        if text.is_empty() || text == "нет отметки" || text == "-" {
            return Journal::Blank;
        }
        match whole_number(cell) {
            Ok(Some(m @ 2..=5)) => Journal::Mark(m as u8),
            _ => Journal::NotAMark(cell.text().trim().to_string()),
        }
    }

    /// The mark of the file, checked against the scale when the task scores are sound;
    /// without a mark column, the scale's mark.
    fn mark(&self, cells: &[Cell], s: &Scores, problems: &mut Problems) -> Option<u8> {
        let scale_mark = self.procedure.mark_for(s.primary);
        let Some(col) = self.columns.mark else {
            return scale_mark;
        };
        let cell = self.cell(cells, Some(col));
        match whole_number(cell) {
            Ok(None) => scale_mark,
            Ok(Some(m @ 2..=5)) => match scale_mark {
                Some(expected) if s.sound && expected != m as u8 => {
                    problems.bad(
                        col,
                        "mark-disagrees-with-scale",
                        format!(
                            "отметка {m} не совпадает со шкалой: за {} первичных баллов положена отметка {expected}",
                            s.primary
                        ),
                    );
                    None
                }
                _ => Some(m as u8),
            },
            _ => {
                problems.bad(
                    col,
                    "mark-invalid",
                    format!("«{}» — не отметка: ожидается 2, 3, 4 или 5", cell.text()),
                );
                None
            }
        }
    }

    fn test_score(&self, cells: &[Cell], primary: u32, problems: &mut Problems) -> Option<u32> {
        let p = self.procedure;
        let Some(col) = self.columns.test_score else {
            return p.test_score_for(primary);
        };
        let cell = self.cell(cells, Some(col));
        match whole_number(cell) {
            Ok(Some(t @ 0..=100)) => Some(t as u32),
            Ok(None) => p.test_score_for(primary),
            _ => {
                problems.bad(
                    col,
                    "test-score-invalid",
                    format!(
                        "«{}» — не тестовый балл: ожидается целое число от 0 до 100",
                        cell.text()
                    ),
                );
                None
            }
        }
    }

    fn medal(&self, cells: &[Cell], problems: &mut Problems) -> Option<Medal> {
        let col = self.columns.medal?;
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
                problems.bad(
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

    /// The row's school, if its cell names a known one (for rows that are not participants).
    pub fn school_of(&self, cells: &[Cell]) -> Option<u32> {
        match self.columns.school {
            None => self.default_school,
            Some(col) => self
                .schools
                .get(&self.cell(cells, Some(col)).text())
                .copied(),
        }
    }

    fn school(&self, cells: &[Cell], problems: &mut Problems) -> Option<u32> {
        let Some(col) = self.columns.school else {
            return self.default_school;
        };
        let id = self.cell(cells, Some(col)).text();
        if let Some(&i) = self.schools.get(&id) {
            return Some(i);
        }
        problems.0.push(Problem {
            column: col,
            code: "unknown-school",
            message: if id.is_empty() {
                "нет кода школы".to_string()
            } else {
                format!("неизвестная школа «{id}»: нет файла data/schools/{id}.yaml")
            },
            fatal: true,
        });
        None
    }
}
