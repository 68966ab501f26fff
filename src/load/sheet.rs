//! Spreadsheets as plain rows of cells: .xlsx/.xls/.ods through calamine, .csv through csv.
//!
//! Everything format-specific stops here; `results` sees only `Sheet`s. A whole workbook
//! is read through [`super::stream`], which builds on these cells.

use std::path::Path;

use calamine::Data;

/// One cell, as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A blank cell.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
}

impl Cell {
    /// The cell as text, numbers without a trailing `.0`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    /// Blank or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// One sheet: its name (none for CSV) and its non-empty rows with 1-based row numbers.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name; none for CSV.
    pub name: Option<String>,
    /// (row number as a spreadsheet shows it, cells).
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// A cell's address as a spreadsheet shows it: column letters and row number (`XFD1048576`).
pub fn address(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

pub(super) fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(crate::text::clean(s.clone())),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(crate::text::clean(s.clone())),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Reads a CSV file: UTF-8 (with or without BOM) or, failing that, `encoding`
/// (default Windows-1251); the delimiter (`;`, `,` or tab) is taken from the header line.
pub fn read_csv(path: &Path, encoding: Option<&str>) -> Result<Sheet, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("не удалось прочитать файл: {e}"))?;
    let text = decode(&bytes, encoding)?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The line a record starts on, counted from its byte offset: the csv crate's own line
    // count skips blank lines, and the user looks for the line their editor shows.
    let (mut line, mut counted) = (1usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| format!("ошибка CSV: {e}"))?;
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        // A record's position may be at the blank lines the reader skipped before it.
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += text.as_bytes()[counted..start.max(counted)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start.max(counted);
        let cells: Vec<Cell> = record
            .iter()
            .map(|s| {
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(crate::text::clean(s.to_string()))
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_blank()) {
            rows.push((line, cells));
        }
    }
    Ok(Sheet { name: None, rows })
}

fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(label) = encoding {
        let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            format!("неизвестная кодировка «{label}» (укажите, например, utf-8 или windows-1251)")
        })?;
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(format!("файл не в кодировке {label}"));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_column_letters_then_the_row() {
        assert_eq!(super::address(2, 33), "AH2");
        assert_eq!(super::address(1, 0), "A1");
        assert_eq!(super::address(1048576, 16383), "XFD1048576");
        assert_eq!(super::address(5, 25), "Z5");
        assert_eq!(super::address(5, 26), "AA5");
    }

    use super::*;

    /// Row numbers are those a spreadsheet program shows: the header is row 1, in every format.
    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let csv = dir.path().join("r.csv");
        std::fs::write(&csv, "a;b\n1;2\n\n3;4\n").expect("write");
        let lines: Vec<usize> = read_csv(&csv, None)
            .expect("csv")
            .rows
            .iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(lines, [1, 2, 4]);
    }
}
