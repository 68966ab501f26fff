//! Result rows → participants, by the rules of DESIGN §2: which rows are absent,
//! which cells are "not attempted", and which rows are bad.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::config::BadRows;
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::load::cells::coded_name;
use crate::load::header::{self, normalise};
use crate::load::row::{Problem, Row, RowContext};
use crate::load::sheet::{self, Cell, Sheet};
use crate::model::{Participant, Procedure};

/// Extensions of result files oko reads.
pub const RESULT_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "csv"];

/// What reading a result file depends on besides the file and the plan.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Bad rows: an error, or left out with a warning.
    pub bad_rows: BadRows,
    /// Only rows of this municipality (as the export's «регион» column names it) are read.
    pub municipality: Option<&'a str>,
}

/// What one result file gave.
#[derive(Debug, Default)]
pub struct FileResults {
    /// Participants read.
    pub participants: Vec<Participant>,
    /// Where each participant came from — (sheet, row), the sheet as an index into
    /// `sheets` — for duplicate messages: a few bytes a row, not a path and a sheet name.
    pub origins: Vec<(u32, u32)>,
    /// The names of the sheets read.
    pub sheets: Vec<Option<String>>,
    /// Rows of absent participants.
    pub absent: u32,
    /// Bad rows left out (`bad_rows: skip`).
    pub skipped: u32,
    /// Rows of other municipalities of a regional export, left out.
    pub elsewhere: u32,
    /// School index → (absent rows, bad rows left out), where the row's school is known.
    pub left_out: BTreeMap<u32, (u32, u32)>,
    /// Errors and warnings of the file.
    pub diagnostics: Diagnostics,
}

/// Reads one result file of `procedure`. `schools` maps school id → index.
pub fn read_file(
    path: &Path,
    rel: &Path,
    procedure: &Procedure,
    schools: &HashMap<String, u32>,
    rules: Rules,
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
        rules,
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
    rules: Rules,
    out: &mut FileResults,
) {
    let base = Location {
        file: rel.to_path_buf(),
        sheet: sheet.name.clone(),
        row: None,
        column: None,
    };
    let sheet_no = out.sheets.len() as u32;
    out.sheets.push(sheet.name.clone());
    // A ГИА protocol has a title line in A1 above its header row.
    let title = sheet
        .rows
        .first()
        .is_some_and(|(_, cells)| cells.iter().filter(|c| !c.is_blank()).count() == 1)
        && sheet.rows.len() > 1;
    let data = &sheet.rows[usize::from(title)..];
    let Some((header_row, header_cells)) = data.first() else {
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
    if data.len() == 1 {
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
    let mut others: BTreeMap<String, u32> = BTreeMap::new();
    let mine = |cells: &[Cell]| match (columns.municipality, rules.municipality) {
        (Some(col), Some(name)) => {
            let cell = cells.get(col).map(Cell::text).unwrap_or_default();
            let cell = coded_name(&cell).to_string();
            (normalise(&cell) == normalise(name))
                .then_some(())
                .ok_or(cell)
        }
        _ => Ok(()),
    };
    for (row, cells) in &data[1..] {
        if let Err(elsewhere) = mine(cells) {
            *others.entry(elsewhere).or_default() += 1;
            out.elsewhere += 1;
            continue;
        }
        let location = Location {
            row: Some(*row),
            ..base.clone()
        };
        match ctx.interpret(cells, *row) {
            Row::Absent => {
                out.absent += 1;
                if let Some(school) = ctx.school_of(cells) {
                    out.left_out.entry(school).or_default().0 += 1;
                }
            }
            Row::Present(p) => {
                out.participants.push(p);
                out.origins.push((sheet_no, *row as u32));
            }
            Row::Bad(problems) => {
                if report_bad(problems, &location, &columns, rules.bad_rows, out)
                    && let Some(school) = ctx.school_of(cells)
                {
                    out.left_out.entry(school).or_default().1 += 1;
                }
            }
        }
    }
    if let Some(name) = rules.municipality
        && out.elsewhere as usize == data.len() - 1
    {
        let listed: Vec<String> = others.iter().map(|(m, n)| format!("«{m}» ({n})")).collect();
        let message = format!(
            "в файле нет строк муниципалитета «{name}» (export_name в data/municipality.yaml): \
             в столбце «{}» есть {}",
            columns.names[columns.municipality.unwrap_or_default()],
            listed.join(", ")
        );
        out.diagnostics
            .error(header_location, "no-rows-of-municipality", message);
    }
}

/// The problems of one bad row: errors, or warnings for a row left out under
/// `bad_rows: skip` (a wrong set-up such as an unknown school is never skipped).
/// Returns whether the row was left out.
fn report_bad(
    problems: Vec<Problem>,
    location: &Location,
    columns: &header::Columns,
    bad_rows: BadRows,
    out: &mut FileResults,
) -> bool {
    let skip = bad_rows == BadRows::Skip && !problems.iter().any(|p| p.fatal);
    if skip {
        out.skipped += 1;
    }
    for p in problems {
        let (severity, message) = if skip {
            (
                Severity::Warning,
                format!("{} — строка пропущена (bad_rows: skip)", p.message),
            )
        } else {
            (Severity::Error, p.message)
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
    skip
}
