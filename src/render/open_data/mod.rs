//! Open data: every published table as CSV (UTF-8, comma, header, `.` decimals) and JSON,
//! a workbook per procedure, and a passport (`open-data/index.html` and `meta.json`).
//!
//! The column names are a contract: outside tools read these files. A suppressed row keeps
//! its identifying columns and leaves every figure empty.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::diag::OkoError;
use crate::model::{Procedure, Project};
use crate::privacy::{Analysis, ClassGroups};
use crate::write::{FileWriter, Sink};

mod contract;
mod rows;

use contract::columns;
pub use contract::{DATASETS, passport};

type Row = Vec<Option<String>>;

/// One procedure's open data, as `write` joins it: its rows of each dataset (CSV, then
/// JSON, each object preceded by `,\n`) and its workbook, as files in the order of
/// [`PART_NAMES`]. Procedures are independent, so their parts are made in parallel, written
/// piece by piece (a region procedure's tables never sit in memory), then joined in
/// procedure order.
pub enum Part {
    /// Files of the build cache.
    Stored(Vec<std::path::PathBuf>),
    /// Temporary files (a build without the cache), removed once joined.
    Scratch(Vec<tempfile::TempPath>),
}

impl Part {
    fn files(&self) -> Vec<&Path> {
        match self {
            Part::Stored(files) => files.iter().map(|f| f.as_path()).collect(),
            Part::Scratch(files) => files.iter().map(|f| f.as_ref()).collect(),
        }
    }
}

/// The names of a fragment's parts, in the order `write` joins them, and its workbook last.
pub const PART_NAMES: [&str; 7] = [
    "marks.csv",
    "marks.json",
    "tasks.csv",
    "tasks.json",
    "skills.csv",
    "skills.json",
    "xlsx",
];

/// Where a procedure's workbook goes.
pub fn workbook_path(p: &Procedure) -> String {
    format!("open-data/xlsx/{}.xlsx", p.id)
}

fn is_number(column: &str) -> bool {
    !matches!(
        column,
        "procedure" | "level" | "school" | "cluster" | "class" | "task" | "skill" | "municipality"
    )
}

/// Whether `s` can be written into JSON as it is: `-`? digits (`.` digits)?
fn is_json_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac) && (int == "0" || !int.starts_with('0'))
}

/// A dataset's columns as every JSON row writes them: the quoted key and whether the
/// column holds figures — worked out once, not once per cell of a region's tables.
struct JsonColumns(Vec<(Vec<u8>, bool)>);

impl JsonColumns {
    fn of(columns: &[&str]) -> JsonColumns {
        JsonColumns(
            columns
                .iter()
                .map(|name| {
                    let mut key = serde_json::to_vec(name).unwrap_or_default();
                    key.push(b':');
                    (key, is_number(name))
                })
                .collect(),
        )
    }
}

/// One JSON object on a line of its own; figures are numbers, empty cells `null`.
fn json_row(out: &mut Vec<u8>, columns: &JsonColumns, row: &Row) {
    out.extend_from_slice(b",\n{");
    for (i, ((key, number), cell)) in columns.0.iter().zip(row).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key);
        match cell {
            None => out.extend_from_slice(b"null"),
            Some(v) if *number && is_json_number(v) => out.extend_from_slice(v.as_bytes()),
            Some(v) => {
                // Serialising a string into memory cannot fail.
                let _ = serde_json::to_writer(&mut *out, v);
            }
        }
    }
    out.push(b'}');
}

/// The open data of procedure `i`, with its class groups `classes` (none publicly): each
/// row goes into its dataset's CSV and JSON in `tables` (in the order of [`PART_NAMES`])
/// and into the workbook as it is made, so no table is held whole. Returns the workbook.
pub fn fragment(
    project: &Project,
    analysis: &Analysis,
    classes: &ClassGroups,
    i: usize,
    tables: [&mut dyn Write; 6],
) -> std::io::Result<Vec<u8>> {
    let p = &project.procedures[i];
    let headers = DATASETS.each_ref().map(columns);
    let keys = headers.each_ref().map(|h| JsonColumns::of(h));
    let [
        marks_csv,
        marks_json,
        tasks_csv,
        tasks_json,
        skills_csv,
        skills_json,
    ] = tables;
    let mut csv = [marks_csv, tasks_csv, skills_csv].map(csv::Writer::from_writer);
    let mut json = [marks_json, tasks_json, skills_json];
    let mut book = Book::new(p, &headers);
    let (mut line, mut failed) = (Vec::new(), None);
    rows::each(
        project,
        p,
        (&analysis.procedures[i], classes),
        &mut |d, row| {
            line.clear();
            json_row(&mut line, &keys[d], &row);
            let written = csv[d]
                .write_record(row.iter().map(|c| c.as_deref().unwrap_or("")))
                .map_err(std::io::Error::other)
                .and_then(|()| json[d].write_all(&line));
            if let Err(e) = written {
                failed.get_or_insert(e);
            }
            book.row(d, &headers[d], &row);
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    for w in &mut csv {
        w.flush()?;
    }
    Ok(book.finish())
}

/// The whole marks table (`open-data/marks.csv`) of `analysis`, as a build joins it from
/// the procedures' fragments: for holding several sites' tables side by side.
pub fn marks_table(project: &Project, analysis: &Analysis) -> std::io::Result<Vec<u8>> {
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(columns(&DATASETS[0]))?;
    let mut table = header.into_inner().map_err(|e| e.into_error())?;
    for i in 0..project.procedures.len() {
        let [mut a, mut b, mut c, mut d, mut e] = [(); 5].map(|()| std::io::sink());
        let tables: [&mut dyn Write; 6] = [&mut table, &mut a, &mut b, &mut c, &mut d, &mut e];
        fragment(project, analysis, &ClassGroups::new(), i, tables)?;
    }
    Ok(table)
}

/// The joined tables, in the order [`write`] makes them: each dataset's CSV, then its JSON.
pub fn table_paths() -> Vec<String> {
    DATASETS
        .iter()
        .flat_map(|d| ["csv", "json"].map(|ext| format!("open-data/{}.{ext}", d.name)))
        .collect()
}

/// Opens one joined table for writing, by its path in the site.
pub type CreateTable<'s> = dyn Fn(&str) -> Result<Box<dyn FileWriter + 's>, OkoError> + 's;

/// Writes the combined CSV and JSON of every dataset (each opened by `tables`), each
/// procedure's workbook and the passport. `fragment(i)` gives procedure `i`'s rows; a few
/// are made at a time, in parallel, so memory holds a handful of procedures, never the region.
pub fn write<'s>(
    project: &Project,
    sink: &'s dyn Sink,
    tables: &CreateTable<'s>,
    fragment: &(dyn Fn(usize) -> Result<Part, OkoError> + Sync),
) -> Result<Vec<String>, OkoError> {
    let mut paths = Vec::new();
    let mut files = Vec::new();
    for d in &DATASETS {
        let mut header = csv::Writer::from_writer(Vec::new());
        let _ = header.write_record(columns(d));
        let header = header.into_inner().unwrap_or_default();
        for (ext, start) in [("csv", header), ("json", b"[".to_vec())] {
            let path = format!("open-data/{}.{ext}", d.name);
            let mut file = tables(&path)?;
            file.write_all(&start)
                .map_err(|e| OkoError::io(Path::new(&path), e))?;
            files.push((path.clone(), file, true));
            paths.push(path);
        }
    }
    let indices: Vec<usize> = (0..project.procedures.len()).collect();
    // One procedure per thread at a time: its parts wait on disk until they are joined.
    for chunk in indices.chunks(rayon::current_num_threads()) {
        let parts: Vec<Part> = chunk
            .par_iter()
            .map(|&i| fragment(i))
            .collect::<Result<_, _>>()?;
        for (&i, part) in chunk.iter().zip(parts) {
            let path = workbook_path(&project.procedures[i]);
            let stored = part.files();
            for ((path, file, first), from) in files.iter_mut().zip(&stored) {
                let size = std::fs::metadata(from).map_or(0, |m| m.len());
                // The first JSON object of a file has no comma before it.
                let skip = u64::from(path.ends_with(".json") && *first).min(size);
                *first &= size == skip;
                file.append_file(from, skip)
                    .map_err(|e| OkoError::io(Path::new(path), e))?;
            }
            if let Some(book) = stored.get(6) {
                sink.put_file(&path, book)?;
            }
            paths.push(path);
        }
    }
    for (path, mut file, _) in files {
        if path.ends_with(".json") {
            file.write_all(b"\n]\n")
                .map_err(|e| OkoError::io(Path::new(&path), e))?;
        }
        file.finish()
            .map_err(|e| OkoError::io(Path::new(&path), e))?;
    }
    Ok(paths)
}

/// A dataset's passport as `meta.json` gives it: with the date of the build that published
/// it, which the pages leave out (#34: it would change every page every day).
#[derive(serde::Serialize)]
struct Built<'a> {
    #[serde(flatten)]
    passport: &'a contract::Passport,
    built: String,
}

/// Writes the passport of the open data (`meta.json`), dated by the build; returns its path.
pub fn write_passport(
    project: &Project,
    built: chrono::NaiveDate,
    sink: &dyn Sink,
) -> Result<String, OkoError> {
    let passports = passport(
        &project.config.licence,
        &project.municipality.office,
        &project.procedures,
    );
    let dated: Vec<Built> = passports
        .iter()
        .map(|passport| Built {
            passport,
            built: built.to_string(),
        })
        .collect();
    let mut meta = serde_json::to_vec_pretty(&dated).unwrap_or_default();
    meta.push(b'\n');
    let path = "open-data/meta.json";
    sink.put(path, &meta)?;
    Ok(path.into())
}

/// One procedure's workbook, a sheet per dataset, numbers as numbers. Sheets are written
/// row by row in rust_xlsxwriter's low-memory mode: each sheet streams into a temporary
/// file, so a region's task table never sits in memory as cells, and a text is kept once
/// in the shared string table — the ids, levels and clusters repeated on every row. Written
/// inline instead (constant-memory mode), they cost 600 schools' build 0.4 s of CPU and
/// made the books 7 % larger. Its creation date is the procedure's date, so the same input
/// gives the same bytes.
struct Book {
    workbook: rust_xlsxwriter::Workbook,
    /// The next row of each sheet.
    next: [u32; 3],
}

impl Book {
    fn new(p: &Procedure, headers: &[Vec<&str>; 3]) -> Book {
        use chrono::Datelike;
        use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
        let mut workbook = Workbook::new();
        let d = p.date;
        let stamp = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
            .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1));
        let mut props = DocProperties::new().set_title(format!("Открытые данные: {}", p.title));
        if let Ok(stamp) = stamp {
            props = props.set_creation_datetime(&stamp);
        }
        workbook.set_properties(&props);
        // Deflate at the default level (6) was 7 % of a region build's CPU; level 3 takes the
        // fast path for books a tenth larger (region set: 29 → 32 MB; level 1: 47 MB).
        workbook.set_zip_compression_level(3);
        let bold = Format::new().set_bold();
        for (dataset, columns) in DATASETS.iter().zip(headers) {
            // Without a writable temporary folder the sheet is kept in memory instead.
            let sheet = match workbook.add_worksheet_with_low_memory() {
                Ok(sheet) => sheet,
                Err(_) => workbook.add_worksheet(),
            };
            let _ = sheet.set_name(dataset.name);
            let _ = sheet.set_freeze_panes(1, 0);
            for (c, name) in columns.iter().enumerate() {
                let _ = sheet.write_string_with_format(0, c as u16, *name, &bold);
            }
        }
        Book {
            workbook,
            next: [1; 3],
        }
    }

    /// Appends a row to sheet `d`.
    fn row(&mut self, d: usize, columns: &[&str], row: &Row) {
        let Ok(sheet) = self.workbook.worksheet_from_index(d) else {
            return;
        };
        let r = self.next[d];
        self.next[d] += 1;
        for (c, (cell, name)) in row.iter().zip(columns).enumerate() {
            let c = c as u16;
            match cell.as_deref() {
                None | Some("") => {}
                Some(v) if is_number(name) => match v.parse::<f64>() {
                    Ok(n) => {
                        let _ = sheet.write_number(r, c, n);
                    }
                    Err(_) => {
                        let _ = sheet.write_string(r, c, v);
                    }
                },
                Some(v) => {
                    let _ = sheet.write_string(r, c, v);
                }
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.workbook.save_to_buffer().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_decimals_go_into_json_unquoted() {
        for ok in ["0", "57", "71.4", "-1.5", "0.25", "100"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "1.", ".5", "05", "1e3", "NaN", "1 000", "+1", "12,5",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn json_row_is_an_object_with_numbers_nulls_and_strings() {
        let row = vec![
            Some("vpr-1".to_string()),
            Some("71.4".to_string()),
            None,
            Some("7\"a".to_string()),
        ];
        let mut json = Vec::new();
        json_row(
            &mut json,
            &JsonColumns::of(&["procedure", "completion", "quality", "task"]),
            &row,
        );
        assert_eq!(
            String::from_utf8(json).expect("utf-8"),
            ",\n{\"procedure\":\"vpr-1\",\"completion\":71.4,\"quality\":null,\"task\":\"7\\\"a\"}"
        );
    }
}
