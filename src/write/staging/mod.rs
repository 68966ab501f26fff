//! The staging folder of a build: files written beside the site, swapped in at the end.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{FileWriter, Sink};
use crate::diag::OkoError;

mod changes;
pub use changes::Changes;
pub use changes::save_changed_list;
use changes::{Noted, holds, same_content, same_file};

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!("{name}.oko-{tag}-{}", std::process::id()))
}

/// Clears what earlier, interrupted builds left beside `out`: puts back an old site a
/// kill left moved aside (the non-Linux swap only), and keeps one half-written folder to
/// build over — every file in it is rewritten or removed, so its state does not matter.
fn remove_stale(out: &Path) -> Option<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return None;
    };
    let prefix = format!("{}.oko-", name.to_string_lossy());
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let entries = std::fs::read_dir(parent).ok()?;
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
    let keep = stale
        .iter()
        .find(|p| p.is_dir() && p.to_string_lossy().contains(".oko-tmp-"))
        .cloned();
    for p in stale
        .iter()
        .filter(|p| p.exists() && Some(*p) != keep.as_ref())
    {
        remove_tree(p);
    }
    keep
}

/// A new site being written into a temporary folder beside `out`. Dropped without
/// [`Staging::publish`], it removes itself, so a failed build leaves nothing behind.
///
/// It may start from an old tree (the site before last, kept by the previous build, or
/// what a killed build left): its folders already exist — on ext4 making 15 000 folders
/// costs seconds — and its files are replaced by renaming over them, never written in
/// place, since they may be hard links shared with the cache or the published site.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    published: bool,
    /// Whether `tmp` started from an old tree.
    reused: bool,
    /// Where to keep the replaced site, to build the next one over.
    keep: Option<PathBuf>,
    /// Folders already made: most files go into an existing one, and asking the file
    /// system again for each of them costs more than the lookup.
    made: Mutex<HashSet<PathBuf>>,
    /// Every file of this build, so that whatever else an old tree holds is removed.
    written: Mutex<HashSet<String>>,
    /// The files whose bytes differ from the published site's.
    noted: Noted,
}

impl Staging {
    /// Clears what interrupted builds left beside `out` and prepares the temporary folder.
    /// `keep` is where the previous build left the site it replaced (and where this one
    /// will leave the site it replaces); `None` starts from an empty folder and keeps nothing.
    pub fn new(out: &Path, keep: Option<&Path>) -> Result<Staging, OkoError> {
        let leftover = remove_stale(out);
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
        }
        let tmp = sibling(out, "tmp");
        let reused = keep.is_some()
            && [keep, leftover.as_deref()]
                .into_iter()
                .flatten()
                .filter(|p| p.is_dir())
                .any(|p| std::fs::rename(p, &tmp).is_ok());
        if let Some(l) = leftover.filter(|l| l.exists()) {
            remove_tree(&l);
        }
        if !reused {
            std::fs::create_dir_all(&tmp).map_err(|e| OkoError::io(&tmp, e))?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            published: false,
            reused,
            keep: keep.map(Path::to_path_buf),
            made: Mutex::default(),
            written: Mutex::default(),
            noted: Noted::default(),
        })
    }

    fn target(&self, path: &str) -> Result<PathBuf, OkoError> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        let target = self.tmp.join(path);
        if let Some(parent) = target.parent() {
            let made = self
                .made
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(parent);
            if !made {
                std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
                self.made
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_path_buf());
            }
        }
        Ok(target)
    }

    /// Where a replacement is written before it is renamed over `target`.
    fn beside(target: &Path) -> PathBuf {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".oko-new");
        target.with_file_name(name)
    }

    /// Removes what an old tree holds beyond this build's files, its folders in parallel:
    /// walking a region's 16 000 folders one by one was a visible, single-core end of
    /// every rebuild.
    fn remove_extras(&self) {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let keep_file = |path: &Path| {
            let rel = path.strip_prefix(&self.tmp).unwrap_or(path);
            written.contains(rel.to_string_lossy().replace('\\', "/").as_str())
        };
        prune(&self.tmp, &keep_file, &|folder| made.contains(folder));
    }

    /// Swaps the finished site into place; the replaced one is kept to build over next
    /// time, or removed. Returns what changed against it.
    pub fn publish(mut self) -> Result<Changes, OkoError> {
        if self.reused {
            self.remove_extras();
        }
        let changes = {
            let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            std::mem::take(&mut self.noted).finish(&self.out, &written)
        };
        swap(&self.tmp, &self.out, self.keep.as_deref())?;
        self.published = true;
        Ok(changes)
    }

    /// The published site's file at `path`, which a staged file with the same bytes
    /// becomes (see [`changes`]).
    fn published_file(&self, path: &str) -> PathBuf {
        self.out.join(path)
    }

    /// Puts `from` at `target` as a hard link (a copy where links cannot be made),
    /// replacing what an old tree holds there, never writing into it.
    fn place(&self, from: &Path, target: &Path) -> std::io::Result<()> {
        let link = |to: &Path| {
            std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
        };
        if !self.reused {
            return link(target);
        }
        if same_file(target, from) {
            return Ok(());
        }
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".oko-link");
        let new = target.with_file_name(name);
        let _ = std::fs::remove_file(&new);
        link(&new).and_then(|()| std::fs::rename(&new, target))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            retire(&self.tmp, self.keep.as_deref());
        }
    }
}

/// A file of the staged site: written beside its place, then renamed over it — or, when it
/// holds the published file's bytes, dropped for a link to that file.
struct StagedFile<'s> {
    w: std::io::BufWriter<std::fs::File>,
    staging: &'s Staging,
    path: String,
    written: PathBuf,
    target: PathBuf,
}

impl Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

impl FileWriter for StagedFile<'_> {
    fn append_file(&mut self, from: &Path, skip: u64) -> std::io::Result<()> {
        super::append_file_to(&mut self.w, from, skip)
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.w.flush()?;
        let staging = self.staging;
        let published = staging.published_file(&self.path);
        if same_content(&published, &self.written)
            && staging.place(&published, &self.target).is_ok()
        {
            return std::fs::remove_file(&self.written);
        }
        let size = std::fs::metadata(&self.written).map_or(0, |m| m.len());
        staging.noted.changed(&self.path, size);
        std::fs::rename(&self.written, &self.target)
    }
}

impl Sink for Staging {
    /// The published file itself when it holds the same bytes, else the bytes.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OkoError> {
        let target = self.target(path)?;
        let published = self.published_file(path);
        if holds(&published, bytes) && self.place(&published, &target).is_ok() {
            return Ok(());
        }
        self.noted.changed(path, bytes.len() as u64);
        if !self.reused {
            return std::fs::write(&target, bytes).map_err(|e| OkoError::io(&target, e));
        }
        let new = Staging::beside(&target);
        std::fs::write(&new, bytes)
            .and_then(|()| std::fs::rename(&new, &target))
            .map_err(|e| OkoError::io(&target, e))
    }

    fn published(&self, path: &str, len: usize) -> Option<Vec<u8>> {
        let file = self.published_file(path);
        let sized = std::fs::metadata(&file).is_ok_and(|m| m.is_file() && m.len() == len as u64);
        sized.then(|| std::fs::read(&file).ok()).flatten()
    }

    /// Written beside its place; once finished, compared with the published file.
    fn create(&self, path: &str) -> Result<Box<dyn FileWriter + '_>, OkoError> {
        let target = self.target(path)?;
        let file = Staging::beside(&target);
        let f = std::fs::File::create(&file).map_err(|e| OkoError::io(&target, e))?;
        Ok(Box::new(StagedFile {
            w: std::io::BufWriter::with_capacity(1 << 18, f),
            staging: self,
            path: path.to_string(),
            written: file,
            target,
        }))
    }

    /// A hard link when the cache is on the same file system (no bytes copied), else a
    /// copy; nothing at all when an old tree already links the same file. The published
    /// file itself when it holds the same bytes.
    fn put_file(&self, path: &str, from: &Path) -> Result<(), OkoError> {
        let target = self.target(path)?;
        let published = self.published_file(path);
        let from = if same_content(&published, from) {
            published.as_path()
        } else {
            let size = std::fs::metadata(from).map_or(0, |m| m.len());
            self.noted.changed(path, size);
            from
        };
        self.place(from, &target)
            .map_err(|e| OkoError::io(&target, e))
    }
}

/// Removes under `dir`, its folders in parallel, every file that `keep_file` refuses and
/// every folder left empty that `keep_folder` refuses. Links are removed, never followed.
fn prune(
    dir: &Path,
    keep_file: &(dyn Fn(&Path) -> bool + Sync),
    keep_folder: &(dyn Fn(&Path) -> bool + Sync),
) {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.par_iter().for_each(|entry| {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            prune(&path, keep_file, keep_folder);
            if !keep_folder(&path) {
                // Fails, as it should, while the folder still holds files.
                let _ = std::fs::remove_dir(&path);
            }
        } else if !keep_file(&path) {
            let _ = std::fs::remove_file(&path);
        }
    });
}

/// Removes a folder, its subfolders in parallel: an old region site has tens of thousands
/// of files, and unlinking them one by one is a visible part of a rebuild.
fn remove_tree(dir: &Path) {
    prune(dir, &|_| false, &|_| false);
    let _ = std::fs::remove_dir_all(dir);
}

/// Moves a replaced (or unfinished) tree to `keep`, for the next build to build over, or
/// removes it.
fn retire(tree: &Path, keep: Option<&Path>) {
    if let Some(keep) = keep {
        if keep.exists() {
            remove_tree(keep);
        }
        let moved = keep
            .parent()
            .is_none_or(|p| std::fs::create_dir_all(p).is_ok())
            && std::fs::rename(tree, keep).is_ok();
        if moved {
            return;
        }
    }
    remove_tree(tree);
}

/// Puts `tmp` where `out` is. On Linux the two folders are exchanged in one atomic step,
/// so `out` is at every moment either the whole old site or the whole new one; elsewhere the
/// old folder is moved aside first (and restored by the next build if a kill falls between).
fn swap(tmp: &Path, out: &Path, keep: Option<&Path>) -> Result<(), OkoError> {
    if !out.exists() {
        return std::fs::rename(tmp, out).map_err(|e| OkoError::io(out, e));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `tmp` now holds the old site.
            retire(tmp, keep);
            return Ok(());
        }
    }
    let old = sibling(out, "old");
    std::fs::rename(out, &old).map_err(|e| OkoError::io(out, e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(&old, out);
        return Err(OkoError::io(out, e));
    }
    retire(&old, keep);
    Ok(())
}

#[cfg(test)]
mod tests;
