//! Diagnostics: every problem found in the input, with where it is and what to do.
//!
//! Loading never stops at the first problem: it collects all of them, so that the
//! office fixes a spreadsheet once, not once per error.

mod bad_row;

pub use bad_row::bad_row_kind;

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The build stops (exit code 1) and nothing is written.
    Error,
    /// Reported, and the build goes on (e.g. a row skipped under `bad_rows: skip`).
    Warning,
}

/// Where in the input a problem is. Paths are relative to the site root.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: PathBuf,
    pub sheet: Option<String>,
    /// 1-based row in a spreadsheet, or line in a text file.
    pub row: Option<usize>,
    /// Column header of a spreadsheet, or a column number in a text file.
    pub column: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            ..Default::default()
        }
    }

    pub fn line(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            row: Some(line),
            column: Some(column.to_string()),
        }
    }
}

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// A stable machine-readable code, e.g. `score-above-max`.
    pub code: Cow<'static, str>,
    /// What is wrong and what is expected, in Russian.
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            code: Cow::Borrowed(code),
            message: message.into(),
        }
    }

    pub fn warning(location: Location, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            code: Cow::Borrowed(code),
            message: message.into(),
        }
    }

    /// Whether the location is a spreadsheet cell (row and column) or a line of a text file.
    fn is_text_position(&self) -> bool {
        self.location.sheet.is_none()
            && self
                .location
                .column
                .as_deref()
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
            && self.location.file.extension().is_none_or(|e| e != "csv")
    }
}

impl Diagnostic {
    /// One JSON object for machine-readable output (`--message-format json`).
    pub fn to_json(&self) -> String {
        let l = &self.location;
        serde_json::json!({
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "file": l.file.to_string_lossy().replace('\\', "/"),
            "sheet": l.sheet,
            "row": l.row,
            "column": l.column,
            "code": self.code,
            "message": self.message,
        })
        .to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = &self.location;
        write!(f, "{}", loc.file.display())?;
        if let Some(sheet) = &loc.sheet {
            write!(f, ", лист «{sheet}»")?;
        }
        if self.is_text_position() {
            if let (Some(row), Some(col)) = (loc.row, &loc.column) {
                write!(f, ", строка {row}, позиция {col}")?;
            }
        } else {
            if let Some(row) = loc.row {
                write!(f, ", строка {row}")?;
            }
            if let Some(col) = &loc.column {
                write!(f, ", столбец «{col}»")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Warnings for a person: rows of one file left out for the same reason become one line
/// with their count and the first rows, unless `verbose`.
pub fn warning_lines(diags: &Diagnostics, verbose: bool) -> Vec<String> {
    const FIRST: usize = 5;
    let mut lines = Vec::new();
    let mut groups: std::collections::BTreeMap<(String, Option<String>, String), Vec<&Diagnostic>> =
        Default::default();
    for d in diags.warnings() {
        let kind = bad_row_kind(&d.code);
        match (kind, d.location.row, verbose) {
            (Some(_), Some(_), false) => groups
                .entry((
                    d.location.file.display().to_string(),
                    d.location.sheet.clone(),
                    d.code.to_string(),
                ))
                .or_default()
                .push(d),
            _ => lines.push(d.to_string()),
        }
    }
    for ((file, sheet, code), problems) in groups {
        if let [one] = problems.as_slice() {
            lines.push(one.to_string());
            continue;
        }
        // A row with several bad cells of one kind is one row left out.
        let mut rows: Vec<usize> = problems.iter().filter_map(|d| d.location.row).collect();
        rows.sort_unstable();
        rows.dedup();
        let numbers: Vec<String> = rows.iter().take(FIRST).map(ToString::to_string).collect();
        let more = match rows.len().saturating_sub(FIRST) {
            0 => String::new(),
            n => format!(" и ещё {n}"),
        };
        let sheet = sheet.map(|s| format!(", лист «{s}»")).unwrap_or_default();
        let n = rows.len();
        let row_word = if n == 1 {
            "строка"
        } else {
            "строки"
        };
        lines.push(format!(
            "{file}{sheet}: {} {} (bad_rows: skip): {} — {row_word} {}{more}; все ошибки — с --verbose или --message-format json",
            crate::text::plural(n as u64, "пропущена", "пропущены", "пропущены"),
            crate::text::counted(n, "строка", "строки", "строк"),
            bad_row_kind(&code).unwrap_or_default(),
            numbers.join(", ")
        ));
    }
    lines
}

/// All problems found so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn error(&mut self, location: Location, code: &'static str, message: impl Into<String>) {
        self.push(Diagnostic::error(location, code, message));
    }

    pub fn warning(&mut self, location: Location, code: &'static str, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, code, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Keeps only the diagnostics `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, sheet, row and column, so that output does not depend on
    /// the order in which parallel loaders finished.
    pub fn sort(&mut self) {
        self.items.sort();
    }
}

/// A path relative to the site root, for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A fatal error of a command (as opposed to a data problem).
#[derive(Debug, thiserror::Error)]
pub enum OkoError {
    #[error("ошибки в данных: {}", .0.errors().count())]
    Data(Diagnostics),
    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("шаблон {template}: {message}")]
    Template { template: String, message: String },
    #[error("{0}")]
    Usage(String),
}

/// An I/O error as a person can act on it: the path, what went wrong in Russian and the
/// remedy, then the system's own words in brackets.
fn io_message(path: &std::path::Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::StorageFull | K::QuotaExceeded => no_space(path),
        K::PermissionDenied => "нет прав на запись или чтение: проверьте права на папку \
            (или укажите другую папку параметром --out)"
            .to_string(),
        K::ReadOnlyFilesystem => "диск или папка только для чтения: укажите другую папку \
            параметром --out или подключите диск для записи"
            .to_string(),
        K::NotADirectory => "на этом пути лежит файл там, где нужна папка: переименуйте \
            или удалите его, или укажите другую папку"
            .to_string(),
        K::AlreadyExists if path.is_file() => "на этом пути лежит файл там, где нужна папка: \
            переименуйте или удалите его, или укажите другую папку"
            .to_string(),
        K::IsADirectory => "на этом пути папка там, где нужен файл".to_string(),
        K::NotFound => "файл или папка не найдены: проверьте путь".to_string(),
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой: закройте \
            его (например, в Excel) и запустите снова"
            .to_string(),
        _ => "ошибка ввода-вывода".to_string(),
    };
    format!("{}: {what} ({e})", path.display())
}

/// No room left: what a build needs (a second copy of the site, the old one stays until
/// the new one is complete) and what the disk has.
fn no_space(path: &std::path::Path) -> String {
    let site = path
        .ancestors()
        .find_map(|a| {
            let name = a.file_name()?.to_str()?;
            let (out, _) = name.split_once(".oko-tmp-")?;
            Some(a.with_file_name(out))
        })
        .map(|out| {
            walkdir::WalkDir::new(out)
                .into_iter()
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum::<u64>()
        })
        .filter(|&n| n > 0);
    let mib = |n: u64| n.div_ceil(1 << 20);
    let need = match site {
        Some(n) => format!(" — около {} МБ, столько же, сколько прошлый сайт", mib(n)),
        None => String::new(),
    };
    let free = free_space(path).map_or(String::new(), |n| format!("; свободно {} МБ", mib(n)));
    format!(
        "на диске нет места: сборке нужно место на вторую копию сайта{need} (прошлая \
         остаётся до конца сборки){free} — освободите место или укажите --out на другом диске"
    )
}

/// Bytes free on the disk that holds `path` (its nearest existing folder).
#[cfg(target_os = "linux")]
fn free_space(path: &std::path::Path) -> Option<u64> {
    let dir = path.ancestors().find(|a| a.is_dir())?;
    let stat = rustix::fs::statvfs(dir).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(target_os = "linux"))]
fn free_space(_: &std::path::Path) -> Option<u64> {
    None
}

impl OkoError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        OkoError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests;
