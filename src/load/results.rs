//! Result rows → participants, by the rules of DESIGN §2: which rows are absent,
//! which cells are "not attempted", and which rows are bad.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::config::BadRows;
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::load::cells::coded_name;
use crate::load::header::{self, normalise};
use crate::load::row::{Journal, Problem, Row, RowContext};
use crate::load::sheet::Cell;
use crate::load::stream;
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

/// Reads one result file of `procedure`, row by row. `schools` maps school id → index.
pub fn read_file(
    path: &Path,
    rel: &Path,
    procedure: &Procedure,
    schools: &HashMap<String, u32>,
    rules: Rules,
) -> FileResults {
    let default_school = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| schools.get(s).copied());
    let mut reader = SheetReader {
        rel,
        procedure,
        schools,
        default_school,
        rules,
        stage: Stage::Start,
        rows: 0,
        others: BTreeMap::new(),
        not_marks: NotMarks::default(),
        out: FileResults::default(),
    };
    // The protocol form keeps results on «Протокол»; otherwise the first non-empty sheet.
    let protocol = |name: &str| normalise(name) == "протокол";
    let streamed = stream::rows(
        path,
        procedure.encoding.as_deref(),
        &protocol,
        &mut |sheet, row, cells| reader.push(sheet, row, cells),
    );
    match streamed {
        Ok(true) => reader.finish(),
        Ok(false) => {
            reader.out.diagnostics.error(
                Location::file(rel),
                "empty-file",
                "в файле нет ни одной строки с данными: ожидается строка заголовков и строки участников",
            );
            reader.out
        }
        Err(message) => {
            let mut out = reader.out;
            out.diagnostics
                .error(Location::file(rel), "unreadable-file", message);
            out
        }
    }
}

/// Where a sheet's reading stands.
enum Stage {
    /// No row yet.
    Start,
    /// The first row: a ГИА protocol's title line (one filled cell) or the header.
    First(Location, Vec<Cell>),
    /// Header recognised: rows are participants.
    Rows(Location, Box<header::Columns>),
    /// The header was not understood (its errors are reported): the rest is not read.
    Stopped,
}

/// One sheet read row by row, by the rules of DESIGN §2.
struct SheetReader<'a> {
    rel: &'a Path,
    procedure: &'a Procedure,
    /// School id → index.
    schools: &'a HashMap<String, u32>,
    /// The school of a file without a school column (a school's own form).
    default_school: Option<u32>,
    rules: Rules<'a>,
    stage: Stage,
    /// Participant rows met (after the header).
    rows: usize,
    /// Rows of other municipalities of a regional export, by the name in the file.
    others: BTreeMap<String, u32>,
    /// Journal-mark cells that are not marks, for the file's one summary line.
    not_marks: NotMarks,
    out: FileResults,
}

/// Participants whose journal mark is not a mark: kept, left out of the comparison.
#[derive(Default)]
struct NotMarks {
    /// Value as written → participants.
    values: BTreeMap<String, u32>,
    /// The first rows, for the message.
    rows: Vec<usize>,
    count: u32,
}

impl NotMarks {
    const FIRST: usize = 5;

    fn add(&mut self, text: String, row: usize) {
        *self.values.entry(text).or_default() += 1;
        if self.rows.len() < Self::FIRST {
            self.rows.push(row);
        }
        self.count += 1;
    }

    /// One warning for the file: how many, which values, the first rows.
    fn warning(&self, at: Location) -> Option<Diagnostic> {
        if self.count == 0 {
            return None;
        }
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(v, n)| format!("«{v}» — {n}"))
            .collect();
        let rows: Vec<String> = self.rows.iter().map(ToString::to_string).collect();
        let more = match self.count as usize - self.rows.len() {
            0 => String::new(),
            n => format!(" и ещё {n}"),
        };
        let n = self.count as usize;
        Some(Diagnostic::warning(
            at,
            "journal-not-a-mark",
            format!(
                "{} с отметкой за предыдущий период не 2–5 ({}; {} {}{more}): \
                 их результаты учтены, в сравнении с отметками журнала их нет",
                crate::text::counted(n, "участник", "участника", "участников"),
                values.join(", "),
                crate::text::plural(n as u64, "строка", "строки", "строки"),
                rows.join(", "),
            ),
        ))
    }
}

impl SheetReader<'_> {
    fn push(&mut self, sheet: Option<&str>, row: usize, cells: Vec<Cell>) {
        let at = || Location {
            file: self.rel.to_path_buf(),
            sheet: sheet.map(str::to_string),
            row: Some(row),
            column: None,
        };
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::Start => self.stage = Stage::First(at(), cells),
            Stage::First(first_at, first) => {
                // A ГИА protocol has a title line in A1 above its header row.
                let title = first.iter().filter(|c| !c.is_blank()).count() == 1;
                if title {
                    self.header(sheet, at(), &cells);
                } else {
                    self.header(sheet, first_at, &first);
                    self.participant(sheet, row, &cells);
                }
            }
            Stage::Rows(header_at, columns) => {
                self.stage = Stage::Rows(header_at, columns);
                self.participant(sheet, row, &cells);
            }
            Stage::Stopped => {}
        }
    }

    /// Recognises the header row; on failure its errors are reported and reading stops.
    fn header(&mut self, sheet: Option<&str>, at: Location, cells: &[Cell]) {
        self.out.sheets.push(sheet.map(str::to_string));
        let has_default = self.default_school.is_some();
        match header::recognise(cells, self.procedure, &at, has_default) {
            Ok(columns) => self.stage = Stage::Rows(at, Box::new(columns)),
            Err(errors) => {
                for e in errors {
                    self.out.diagnostics.push(e);
                }
            }
        }
    }

    /// One row under the header.
    fn participant(&mut self, sheet: Option<&str>, row: usize, cells: &[Cell]) {
        let Stage::Rows(_, columns) = &self.stage else {
            return;
        };
        self.rows += 1;
        let ctx = RowContext {
            procedure: self.procedure,
            columns,
            schools: self.schools,
            default_school: self.default_school,
        };
        let out = &mut self.out;
        if let (Some(col), Some(name)) = (columns.municipality, self.rules.municipality) {
            let cell = cells.get(col).map(Cell::text).unwrap_or_default();
            let cell = coded_name(&cell);
            if normalise(cell) != normalise(name) {
                *self.others.entry(cell.to_string()).or_default() += 1;
                out.elsewhere += 1;
                return;
            }
        }
        match ctx.interpret(cells, row) {
            Row::Absent => {
                out.absent += 1;
                if let Some(school) = ctx.school_of(cells) {
                    out.left_out.entry(school).or_default().0 += 1;
                }
            }
            Row::Present(p) => {
                if p.journal_mark.is_none()
                    && let Journal::NotAMark(text) = ctx.journal(cells)
                {
                    self.not_marks.add(text, row);
                }
                out.participants.push(p);
                let sheet_no = out.sheets.len() as u32 - 1;
                out.origins.push((sheet_no, row as u32));
            }
            Row::Bad(problems) => {
                let location = Location {
                    file: self.rel.to_path_buf(),
                    sheet: sheet.map(str::to_string),
                    row: Some(row),
                    column: None,
                };
                if report_bad(problems, &location, columns, self.rules.bad_rows, out)
                    && let Some(school) = ctx.school_of(cells)
                {
                    out.left_out.entry(school).or_default().1 += 1;
                }
            }
        }
    }

    /// The sheet's end: a header alone, or a regional export without this municipality's
    /// rows, is an error.
    fn finish(mut self) -> FileResults {
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::First(at, first) => {
                let sheet = at.sheet.clone();
                self.header(sheet.as_deref(), at.clone(), &first);
                if matches!(self.stage, Stage::Rows(..)) {
                    self.only_header(at);
                }
            }
            Stage::Rows(at, _) if self.rows == 0 => self.only_header(at),
            Stage::Rows(at, columns) => {
                let column = columns.journal_mark.map(|c| columns.names[c].clone());
                let cells_at = Location {
                    row: None,
                    column,
                    ..at.clone()
                };
                if let Some(w) = self.not_marks.warning(cells_at) {
                    self.out.diagnostics.push(w);
                }
                self.no_rows_of_municipality(at, &columns);
            }
            Stage::Start | Stage::Stopped => {}
        }
        self.out
    }

    fn only_header(&mut self, at: Location) {
        self.out.diagnostics.error(
            at,
            "empty-file",
            "в таблице только заголовки, нет ни одной строки участников",
        );
    }

    fn no_rows_of_municipality(&mut self, at: Location, columns: &header::Columns) {
        let Some(name) = self.rules.municipality else {
            return;
        };
        if self.out.elsewhere as usize != self.rows {
            return;
        }
        let listed: Vec<String> = self
            .others
            .iter()
            .map(|(m, n)| format!("«{m}» ({n})"))
            .collect();
        let message = format!(
            "в файле нет строк муниципалитета «{name}» (export_name в data/municipality.yaml): \
             в столбце «{}» есть {}",
            columns.names[columns.municipality.unwrap_or_default()],
            listed.join(", ")
        );
        self.out
            .diagnostics
            .error(at, "no-rows-of-municipality", message);
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
