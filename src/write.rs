//! Writing the site: into a temporary sibling folder, then swapped into place.
//!
//! A failed or interrupted build never leaves a half-written site where the office
//! publishes from: the old folder stays until the new one is complete.

use std::path::{Path, PathBuf};

use crate::diag::OkoError;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.oko-{tag}-{}", std::process::id()))
}

/// Removes temporary folders that earlier, interrupted builds left beside `out`.
fn remove_stale(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!("{}.oko-", name.to_string_lossy());
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.filter_map(Result::ok) {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Writes `files` as the complete new content of `out`.
pub fn publish(out: &Path, files: &[Output]) -> Result<(), OkoError> {
    remove_stale(out);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
    }
    let tmp = sibling(out, "tmp");
    let result = write_all(&tmp, files).and_then(|()| swap(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn write_all(dir: &Path, files: &[Output]) -> Result<(), OkoError> {
    std::fs::create_dir_all(dir).map_err(|e| OkoError::io(dir, e))?;
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| OkoError::io(&path, e))?;
    }
    Ok(())
}

/// Puts `tmp` where `out` is: the old folder is moved aside first and removed last.
fn swap(tmp: &Path, out: &Path) -> Result<(), OkoError> {
    if out.exists() {
        let old = sibling(out, "old");
        std::fs::rename(out, &old).map_err(|e| OkoError::io(out, e))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(OkoError::io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(tmp, out).map_err(|e| OkoError::io(out, e))?;
    }
    Ok(())
}
