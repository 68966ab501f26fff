//! The rows of a result sheet one at a time, so that a region's export is never held whole.
//!
//! `.xlsx` goes through calamine's cell reader: no `Range` of the sheet, no copy of every
//! shared string — a row's cells are made as its cells arrive and handed on. `.xls` and
//! `.ods` (calamine reads them whole) and `.csv` are read as [`super::sheet`] reads them and
//! handed on row by row.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets, Xlsx, open_workbook_auto};

use super::sheet::{Cell, read_csv};

/// Receives each non-empty row of the chosen sheet: (sheet name, row number as a
/// spreadsheet shows it, cells from column A).
pub type Visit<'v> = dyn FnMut(Option<&str>, usize, Vec<Cell>) + 'v;

/// Streams the sheet results are read from — the first sheet `prefer` names that has rows,
/// else the first sheet with rows — into `visit`. Returns whether any sheet had rows.
pub fn rows(
    path: &Path,
    encoding: Option<&str>,
    prefer: &dyn Fn(&str) -> bool,
    visit: &mut Visit,
) -> Result<bool, String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let sheet = read_csv(path, encoding)?;
        let any = !sheet.rows.is_empty();
        for (row, cells) in sheet.rows {
            visit(None, row, cells);
        }
        return Ok(any);
    }
    if is_xlsx(path) {
        super::guard::check_xlsx(path)?;
    }
    super::contain::reading(|| {
        let mut book = open_workbook_auto(path)
            .map_err(|e| format!("файл повреждён или не является таблицей: {e}"))?;
        let names = book.sheet_names().to_vec();
        let preferred = names.iter().filter(|n| prefer(n));
        for name in preferred.chain(&names) {
            let any = match &mut book {
                Sheets::Xlsx(xlsx) => xlsx_rows(xlsx, name, visit)?,
                other => range_rows(other, name, visit)?,
            };
            if any {
                return Ok(true);
            }
        }
        Ok(false)
    })
}

/// Whether calamine reads the file as an Office Open XML package (`.xlsx`, `.xlsm`).
pub(super) fn is_xlsx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlam"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

fn unreadable(name: &str, e: impl std::fmt::Display) -> String {
    format!("не удалось прочитать лист «{name}»: {e}")
}

/// One `.xlsx` sheet, cell by cell: a row is handed on when the next one starts.
pub(super) fn xlsx_rows<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    visit: &mut Visit,
) -> Result<bool, String> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| unreadable(name, e))?;
    let mut any = false;
    let mut current: Option<u32> = None;
    let mut cells: Vec<Cell> = Vec::new();
    let mut hand_on = |row: u32, cells: &mut Vec<Cell>| {
        if !cells.is_empty() {
            visit(Some(name), row as usize + 1, std::mem::take(cells));
            any = true;
        }
    };
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(name, e))? {
        let (row, column) = cell.get_position();
        if current != Some(row) {
            if let Some(previous) = current {
                hand_on(previous, &mut cells);
            }
            current = Some(row);
        }
        let value = convert_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = value;
    }
    if let Some(previous) = current {
        hand_on(previous, &mut cells);
    }
    Ok(any)
}

/// One `.xls` or `.ods` sheet, read whole by calamine and handed on row by row.
pub(super) fn range_rows<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    visit: &mut Visit,
) -> Result<bool, String> {
    let range = book
        .worksheet_range(name)
        .map_err(|e| unreadable(name, e))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut any = false;
    for (i, row) in range.rows().enumerate() {
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut cells = vec![Cell::Empty; first_column as usize];
        cells.extend(row.iter().map(super::sheet::convert));
        visit(Some(name), first_row as usize + i + 1, cells);
        any = true;
    }
    Ok(any)
}

fn convert_ref(data: &DataRef) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(crate::text::clean(s.clone())),
        DataRef::SharedString(s) => Cell::Text(crate::text::clean((*s).to_string())),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(crate::text::clean(s.clone()))
        }
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}
