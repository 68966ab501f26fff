//! Writing the site: into a temporary sibling folder, then swapped into place.
//!
//! A failed or interrupted build never leaves a half-written site where the office
//! publishes from: the old folder stays until the new one is complete.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Where rendered files go. Pages are handed over as soon as they are rendered, so a
/// build never holds the whole site in memory.
pub trait Sink: Sync {
    /// Writes one file; `path` is relative to the site root, with `/`.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OkoError>;

    /// Opens one file to be written piece by piece: the big open-data tables.
    fn create(&self, path: &str) -> Result<Box<dyn FileWriter + '_>, OkoError>;

    /// Writes a copy of a file kept elsewhere (the build cache).
    fn put_file(&self, path: &str, from: &Path) -> Result<(), OkoError> {
        let bytes = std::fs::read(from).map_err(|e| OkoError::io(from, e))?;
        self.put(path, &bytes)
    }
}

/// A file being written; [`FileWriter::finish`] reports the last write error.
pub trait FileWriter: Write + Send {
    fn finish(self: Box<Self>) -> std::io::Result<()>;
}

impl FileWriter for std::io::BufWriter<std::fs::File> {
    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.flush()
    }
}

/// A new site being written into a temporary folder beside `out`. Dropped without
/// [`Staging::publish`], it removes itself, so a failed build leaves nothing behind.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    published: bool,
}

impl Staging {
    /// Clears what interrupted builds left beside `out` and creates the temporary folder.
    pub fn new(out: &Path) -> Result<Staging, OkoError> {
        remove_stale(out);
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
        }
        let tmp = sibling(out, "tmp");
        std::fs::create_dir_all(&tmp).map_err(|e| OkoError::io(&tmp, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            published: false,
        })
    }

    fn target(&self, path: &str) -> Result<PathBuf, OkoError> {
        let target = self.tmp.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
        }
        Ok(target)
    }

    /// Swaps the finished site into place.
    pub fn publish(mut self) -> Result<(), OkoError> {
        swap(&self.tmp, &self.out)?;
        self.published = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OkoError> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|e| OkoError::io(&target, e))
    }

    fn create(&self, path: &str) -> Result<Box<dyn FileWriter + '_>, OkoError> {
        let target = self.target(path)?;
        let file = std::fs::File::create(&target).map_err(|e| OkoError::io(&target, e))?;
        Ok(Box::new(std::io::BufWriter::with_capacity(1 << 18, file)))
    }

    /// A hard link when the cache is on the same file system (no bytes copied), else a copy.
    fn put_file(&self, path: &str, from: &Path) -> Result<(), OkoError> {
        let target = self.target(path)?;
        std::fs::hard_link(from, &target)
            .or_else(|_| std::fs::copy(from, &target).map(|_| ()))
            .map_err(|e| OkoError::io(&target, e))
    }
}

/// Keeps the site in memory: `oko serve` and tests.
#[derive(Default)]
pub struct Memory {
    files: Mutex<Vec<Output>>,
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<Output> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OkoError> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Output {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        Ok(())
    }

    fn create(&self, path: &str) -> Result<Box<dyn FileWriter + '_>, OkoError> {
        Ok(Box::new(MemoryFile {
            sink: self,
            path: path.to_string(),
            bytes: Vec::new(),
        }))
    }
}

struct MemoryFile<'a> {
    sink: &'a Memory,
    path: String,
    bytes: Vec<u8>,
}

impl Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl FileWriter for MemoryFile<'_> {
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        let MemoryFile { sink, path, bytes } = *self;
        sink.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Output { path, bytes });
        Ok(())
    }
}

impl FileWriter for std::io::Sink {
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        Ok(())
    }
}

/// Discards everything: `oko check` renders every page to test templates and links.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> Result<(), OkoError> {
        Ok(())
    }

    fn create(&self, _: &str) -> Result<Box<dyn FileWriter + '_>, OkoError> {
        Ok(Box::new(std::io::sink()))
    }

    fn put_file(&self, _: &str, _: &Path) -> Result<(), OkoError> {
        Ok(())
    }
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

    /// Writes `files` as the complete new content of `out`.
    fn publish(out: &Path, files: &[Output]) -> Result<(), OkoError> {
        let staging = Staging::new(out)?;
        for f in files {
            staging.put(&f.path, &f.bytes)?;
        }
        staging.publish()
    }

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
