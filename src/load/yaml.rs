//! Reading one YAML file into a typed value, with line and column on every error.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, relative};

/// Reads and parses `path`; errors name the file relative to `root`.
/// (Errors are boxed: a diagnostic is large, and most calls succeed.)
pub fn read<T: DeserializeOwned>(root: &Path, path: &Path) -> Result<T, Box<Diagnostic>> {
    let rel = relative(root, path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(
            Location::file(&rel),
            "read-failed",
            format!("не удалось прочитать файл: {e}"),
        )
    })?;
    parse(&rel, &text)
}

/// Parses YAML text; `rel` is only used in messages.
pub fn parse<T: DeserializeOwned>(rel: &Path, text: &str) -> Result<T, Box<Diagnostic>> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = match e.location() {
            Some(l) => Location::line(rel, l.line(), l.column()),
            None => Location::file(rel),
        };
        Diagnostic::error(
            location,
            "yaml",
            format!("ошибка YAML: {}", strip_position(&e.to_string())),
        )
        .into()
    })
}

/// serde_yaml appends " at line L column C" to its messages; the location already says it.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
