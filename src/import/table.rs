//! Any input file as a header row and text rows: what `import` needs to tell a results
//! export from a plan table or a school questionnaire, and to read the latter two.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::load::header::normalise;
use crate::load::sheet::{self, Sheet};
use crate::load::stream;

/// The first non-empty sheet of a file (or «Протокол», where the results are), as text.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// The sheet read.
    pub sheet: Option<String>,
    /// The title line above the header (a ГИА protocol's A1: exam, subject, date).
    pub title: Option<String>,
    /// Header texts as the file has them.
    pub raw_headers: Vec<String>,
    /// Header texts normalised (lower case, single spaces, ё as е).
    pub headers: Vec<String>,
    /// The rows below the header: (row number, cell texts), cut at the header's last column.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The farthest value far right of the header's last column (its cell address), and
    /// how many such values there are: typed outside the table, and left out.
    pub stray: Option<(String, usize)>,
}

/// How far right of the header's last column a value is «outside the table».
const FAR_COLUMNS: usize = 64;

impl Table {
    /// Reads a spreadsheet or CSV file.
    pub fn read(path: &Path) -> Result<Table, Box<Diagnostic>> {
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let sheets = if is_csv {
            sheet::read_csv(path, None).map(|s| vec![s])
        } else {
            stream::read_workbook(path)
        }
        .map_err(|m| {
            Box::new(Diagnostic::error(
                Location::file(path),
                "unreadable-file",
                m,
            ))
        })?;
        let chosen = sheets
            .iter()
            .find(|s| {
                s.name
                    .as_deref()
                    .is_some_and(|n| normalise(n) == "протокол")
            })
            .or_else(|| sheets.iter().find(|s| !s.rows.is_empty()))
            .ok_or_else(|| {
                Diagnostic::error(
                    Location::file(path),
                    "empty-file",
                    "в файле нет ни одной строки",
                )
            })?;
        Ok(Table::of(path, chosen))
    }

    fn of(path: &Path, sheet: &Sheet) -> Table {
        let text = |cells: &[sheet::Cell]| cells.iter().map(sheet::Cell::text).collect::<Vec<_>>();
        let mut rows = sheet
            .rows
            .iter()
            .map(|(n, cells)| (*n, text(cells)))
            .peekable();
        // A ГИА protocol has a title line in A1 above its header row (as `load` reads it).
        let title = match rows.peek() {
            Some((_, first))
                if sheet.rows.len() > 1 && first.iter().filter(|c| !c.is_empty()).count() == 1 =>
            {
                rows.next()
                    .and_then(|(_, t)| t.into_iter().find(|c| !c.is_empty()))
            }
            _ => None,
        };
        let mut raw_headers = rows.next().map(|(_, h)| h).unwrap_or_default();
        while raw_headers.last().is_some_and(String::is_empty) {
            raw_headers.pop();
        }
        let width = raw_headers.len();
        // (column, row) of the farthest value far outside, and how many there are. Real
        // exports keep a few unheaded columns just right of the table: not worth a word.
        let (mut farthest, mut outside) = (None, 0);
        let rows = rows
            .map(|(n, mut cells)| {
                for (c, text) in cells.iter().enumerate().skip(width + FAR_COLUMNS) {
                    if !text.is_empty() {
                        outside += 1;
                        farthest = farthest.max(Some((c, n)));
                    }
                }
                cells.truncate(width);
                (n, cells)
            })
            .collect();
        let stray = farthest.map(|(c, n)| (sheet::address(n, c), outside));
        Table {
            path: path.to_path_buf(),
            sheet: sheet.name.clone(),
            title,
            headers: raw_headers.iter().map(|h| normalise(h)).collect(),
            raw_headers,
            rows,
            stray,
        }
    }

    /// The warning about values outside the table, if any.
    pub fn stray_note(&self) -> Option<String> {
        let (cell, n) = self.stray.as_ref()?;
        let at = match &self.sheet {
            Some(sheet) => format!("{}, лист «{sheet}»", self.path.display()),
            None => self.path.display().to_string(),
        };
        Some(match n {
            1 => format!(
                "{at}: значение в ячейке {cell} — далеко правее последнего заголовка, вне таблицы; \
                 oko его не учитывает (удалите его, если оно попало туда случайно)"
            ),
            n => format!(
                "{at}: {n} значений далеко правее последнего заголовка, вне таблицы (самое дальнее — \
                 в ячейке {cell}); oko их не учитывает (удалите их, если они попали туда случайно)"
            ),
        })
    }

    /// The column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
    }

    /// A cell's text, empty past the row's end.
    pub fn cell(cells: &[String], col: Option<usize>) -> &str {
        col.and_then(|c| cells.get(c)).map_or("", String::as_str)
    }

    /// An error about this file (and a row of it).
    pub fn error(&self, row: Option<usize>, message: String) -> Box<Diagnostic> {
        let at = Location {
            file: self.path.clone(),
            sheet: self.sheet.clone(),
            row,
            column: None,
        };
        Box::new(Diagnostic::error(at, "import", message))
    }
}
