//! Writing the site: into a temporary sibling folder, then swapped into place.
//!
//! A failed or interrupted build never leaves a half-written site where the office
//! publishes from: the old folder stays until the new one is complete.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use crate::diag::OkoError;

mod lock;
mod staging;

pub use lock::{BuildLock, state_folder};
pub use staging::{Changes, Staging, save_changed_list};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go. Pages are handed over as soon as they are rendered, so a
/// build never holds the whole site in memory.
pub trait Sink: Sync {
    /// Writes one file; `path` is relative to the site root, with `/`.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OkoError>;

    /// Opens one file to be written piece by piece: the big open-data tables.
    fn create(&self, path: &str) -> Result<Box<dyn FileWriter + '_>, OkoError>;

    /// The bytes of the published file this build will replace at `path`, if there is one
    /// and it is `len` bytes long: a page whose content it already holds keeps its
    /// «обновлено» date, and a page is dated in place, so a file of another length cannot
    /// hold it and is not read.
    fn published(&self, _path: &str, _len: usize) -> Option<Vec<u8>> {
        None
    }

    /// Writes a copy of a file kept elsewhere (the build cache).
    fn put_file(&self, path: &str, from: &Path) -> Result<(), OkoError> {
        let bytes = std::fs::read(from).map_err(|e| OkoError::io(from, e))?;
        self.put(path, &bytes)
    }
}

/// A file being written; [`FileWriter::finish`] reports the last write error.
pub trait FileWriter: Write + Send {
    fn finish(self: Box<Self>) -> std::io::Result<()>;

    /// Appends the bytes of `from` after its first `skip` bytes (a file of the build cache).
    fn append_file(&mut self, from: &Path, skip: u64) -> std::io::Result<()> {
        let mut file = std::fs::File::open(from)?;
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(skip))?;
        std::io::copy(&mut file, self).map(|_| ())
    }
}

/// Appends the bytes of `from` after its first `skip` bytes to a buffered file: file to
/// file, `std::io::copy` lets the kernel copy them (`copy_file_range`), so a region's cached
/// open data joins without passing through this process.
pub fn append_file_to(
    w: &mut std::io::BufWriter<std::fs::File>,
    from: &Path,
    skip: u64,
) -> std::io::Result<()> {
    w.flush()?;
    let mut file = std::fs::File::open(from)?;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(skip))?;
    std::io::copy(&mut file, w.get_mut()).map(|_| ())
}

impl FileWriter for std::io::BufWriter<std::fs::File> {
    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.flush()
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

    fn append_file(&mut self, _: &Path, _: u64) -> std::io::Result<()> {
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
