//! The reading phases of `oko bench`: the floor a build cannot beat, and what calamine
//! alone costs, so that oko's own share of reading is visible.

use std::path::Path;

use calamine::{Reader, Sheets, open_workbook_auto};

use super::Phase;
use crate::diag::OkoError;
use crate::load::{sheet, stream};

/// The non-empty rows of one result file, read the way `phase` names.
pub(super) fn rows(phase: Phase, file: &Path) -> Result<usize, OkoError> {
    let fail = |e: String| OkoError::Usage(format!("{}: {e}", file.display()));
    match phase {
        Phase::Calamine => calamine_alone(file).map_err(fail),
        Phase::Range => {
            let sheets = if is_csv(file) {
                sheet::read_csv(file, None).map(|s| vec![s])
            } else {
                stream::read_workbook(file)
            };
            sheets
                .map(|s| s.iter().map(|s| s.rows.len()).sum())
                .map_err(fail)
        }
        _ => {
            let mut rows = 0;
            stream::rows(file, None, &is_protocol, &mut |_, _, _| rows += 1).map_err(fail)?;
            Ok(rows)
        }
    }
}

fn is_protocol(name: &str) -> bool {
    crate::load::header::normalise(name) == "протокол"
}

fn is_csv(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Rows of the first sheet with rows, every cell visited and none converted (`.xlsx` through
/// the cell reader; other formats through their whole-sheet readers, as oko reads them).
fn calamine_alone(file: &Path) -> Result<usize, String> {
    if is_csv(file) {
        return sheet::read_csv(file, None).map(|s| s.rows.len());
    }
    let mut book = open_workbook_auto(file).map_err(|e| e.to_string())?;
    // The sheet a build reads: «Протокол» of a ГИА protocol first, as `stream::rows` does.
    let mut names = book.sheet_names().to_vec();
    names.sort_by_key(|n| !is_protocol(n));
    for name in names {
        let rows = match &mut book {
            Sheets::Xlsx(xlsx) => {
                let mut reader = xlsx
                    .worksheet_cells_reader(&name)
                    .map_err(|e| e.to_string())?;
                let (mut rows, mut last) = (0, None);
                while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                    let row = cell.get_position().0;
                    if last != Some(row) && !matches!(cell.get_value(), calamine::DataRef::Empty) {
                        rows += 1;
                        last = Some(row);
                    }
                }
                rows
            }
            other => {
                let range = other.worksheet_range(&name).map_err(|e| e.to_string())?;
                range
                    .rows()
                    .filter(|r| r.iter().any(|c| !matches!(c, calamine::Data::Empty)))
                    .count()
            }
        };
        if rows > 0 {
            return Ok(rows);
        }
    }
    Ok(0)
}
