//! The rows of a result sheet one at a time, so that a region's export is never held whole.
//!
//! `.xlsx` goes through calamine's cell reader: no `Range` of the sheet, no copy of every
//! shared string — a row's cells are made as its cells arrive and handed on. `.xls` and
//! `.ods` (calamine reads them whole) and `.csv` are read as [`super::sheet`] reads them and
//! handed on row by row.

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets, Xlsx, open_workbook_auto};

use super::sheet::{Cell, Sheet, read_csv};

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
    super::contain::reading(|| {
        let mut book = open_book(path)?;
        let names = book.sheet_names().to_vec();
        let preferred = names.iter().filter(|n| prefer(n));
        for name in preferred.chain(&names) {
            if sheet_rows(&mut book, name, visit)? {
                return Ok(true);
            }
        }
        Ok(false)
    })
}

/// Opens a workbook, an .xlsx only after its archive passed the guard (no sheet or cell
/// beyond the limits).
fn open_book(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>, String> {
    if is_xlsx(path) {
        super::guard::check_xlsx(path)?;
    }
    open_workbook_auto(path).map_err(|e| format!("файл повреждён или не является таблицей: {e}"))
}

/// One sheet's rows into `visit`: .xlsx cell by cell, the others as calamine reads them.
fn sheet_rows<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    visit: &mut Visit,
) -> Result<bool, String> {
    match book {
        Sheets::Xlsx(xlsx) => xlsx_rows(xlsx, name, visit),
        other => range_rows(other, name, visit),
    }
}

/// Reads every sheet of a workbook: `.xlsx` cell by cell (memory follows the cells the
/// sheet holds, not the farthest cell it claims), `.xls` and `.ods` as calamine reads them.
pub fn read_workbook(path: &Path) -> Result<Vec<Sheet>, String> {
    super::contain::reading(|| {
        let mut book = open_book(path)?;
        let names = book.sheet_names().to_vec();
        let mut sheets = Vec::with_capacity(names.len());
        for name in names {
            let mut rows = Vec::new();
            let mut keep = |_: Option<&str>, row: usize, cells: Vec<Cell>| rows.push((row, cells));
            sheet_rows(&mut book, &name, &mut keep)?;
            sheets.push(Sheet {
                name: Some(name),
                rows,
            });
        }
        Ok(sheets)
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Row numbers are those a spreadsheet program shows: the header is row 1.
    #[test]
    fn xlsx_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let xlsx = dir.path().join("r.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (row, values) in [(0u32, ["a", "b"]), (1, ["1", "2"]), (3, ["3", "4"])] {
            for (col, v) in values.iter().enumerate() {
                sheet.write_string(row, col as u16, *v).expect("cell");
            }
        }
        book.save(&xlsx).expect("save");
        let rows: Vec<usize> = read_workbook(&xlsx).expect("xlsx")[0]
            .rows
            .iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(rows, [1, 2, 4]);
    }

    /// .xls and .ods, made with xlwt and odfpy: row 1 empty, header on row 2, data on
    /// rows 3 and 5.
    #[test]
    fn xls_and_ods_rows_are_numbered_from_the_first_row_of_the_sheet() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for name in ["rows.xls", "rows.ods"] {
            let sheets = read_workbook(&fixtures.join(name)).expect(name);
            let rows: Vec<usize> = sheets[0].rows.iter().map(|r| r.0).collect();
            assert_eq!(rows, [2, 3, 5], "{name}");
            assert_eq!(sheets[0].rows[0].1[0].text(), "a", "{name}");
        }
    }
}
