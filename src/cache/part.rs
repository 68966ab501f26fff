//! A cache entry written piece by piece (see [`Cache::create_part`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Cache;

/// A part of the cache being written (see [`Cache::create_part`]).
pub struct Part<'c> {
    cache: &'c Cache,
    folder: String,
    name: String,
    tmp: PathBuf,
    w: std::io::BufWriter<std::fs::File>,
}

impl<'c> Part<'c> {
    /// Opens `name` in `folder` of `cache` under a temporary name.
    pub(super) fn create(cache: &'c Cache, folder: &str, name: String) -> Option<Part<'c>> {
        let tmp = cache.temporary(folder, &name);
        let file = cache.create(folder, &tmp).ok()?;
        Some(Part {
            cache,
            folder: folder.to_string(),
            name,
            tmp,
            w: std::io::BufWriter::with_capacity(1 << 18, file),
        })
    }
}

impl Write for Part<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

impl crate::write::FileWriter for Part<'_> {
    fn append_file(&mut self, from: &Path, skip: u64) -> std::io::Result<()> {
        crate::write::append_file_to(&mut self.w, from, skip)
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.w.flush()?;
        self.cache.commit(&self.folder, &self.name, &self.tmp)
    }
}

impl Drop for Part<'_> {
    /// An unfinished part leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}
