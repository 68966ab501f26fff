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

/// Removes temporary folders that earlier, interrupted builds left beside `out` — after
/// putting back an old site that a kill left moved aside (the non-Linux swap only).
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
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    stale.sort();
    if !out.exists()
        && let Some(old) = stale
            .iter()
            .find(|p| p.to_string_lossy().contains(".oko-old-"))
    {
        let _ = std::fs::rename(old, out);
    }
    for p in stale.iter().filter(|p| p.exists()) {
        let _ = std::fs::remove_dir_all(p);
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

/// Puts `tmp` where `out` is. On Linux the two folders are exchanged in one atomic step,
/// so `out` is at every moment either the whole old site or the whole new one; elsewhere the
/// old folder is moved aside first (and restored by the next build if a kill falls between).
fn swap(tmp: &Path, out: &Path) -> Result<(), OkoError> {
    if !out.exists() {
        return std::fs::rename(tmp, out).map_err(|e| OkoError::io(out, e));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `tmp` now holds the old site.
            let _ = std::fs::remove_dir_all(tmp);
            return Ok(());
        }
    }
    let old = sibling(out, "old");
    std::fs::rename(out, &old).map_err(|e| OkoError::io(out, e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(&old, out);
        return Err(OkoError::io(out, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<Output> {
        vec![Output {
            path: "index.html".into(),
            bytes: text.as_bytes().to_vec(),
        }]
    }

    #[test]
    fn publish_replaces_the_site_whole_and_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        publish(&out, &page("one")).expect("first");
        std::fs::write(out.join("stale.html"), "old").expect("write");
        publish(&out, &page("two")).expect("second");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "two"
        );
        assert!(
            !out.join("stale.html").exists(),
            "the new site replaces the old one whole"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn an_old_site_left_aside_by_a_kill_is_put_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let aside = dir.path().join("public.oko-old-4242");
        std::fs::create_dir_all(&aside).expect("mkdir");
        std::fs::write(aside.join("index.html"), "old").expect("write");
        std::fs::create_dir_all(dir.path().join("public.oko-tmp-4242")).expect("mkdir");
        remove_stale(&out);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("restored"),
            "old"
        );
        assert!(!dir.path().join("public.oko-tmp-4242").exists());
    }
}
