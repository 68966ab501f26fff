//! The page index: what every page of an audience's last build was made from.
//!
//! A record holds a page's inputs and all its links: a few kilobytes in memory, so a
//! region's internal site (300 000 pages) cannot keep them together. The index is therefore
//! one file of records, written one by one as pages are built, followed by a directory of
//! where each page's record is, sorted by path, and the directory's offset:
//!
//! ```text
//! MAGIC | record | record | … | directory | directory offset (u64 LE)
//! ```
//!
//! A build keeps only the directory of the last build's index (a path and two numbers a
//! page) and reads a record when it looks its page up.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::Key;
use crate::links::PageLinks;
use crate::positioned::read_at;

/// Marks the file as this layout: an index in any other (an older oko's) reads as empty.
const MAGIC: &[u8; 8] = b"oko-pix2";

/// A cached page: its key, the inputs it read (whose digests made the key), its links, the
/// digest of its content and the date that content last changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageRecord {
    /// The key of what it was made from; its file is stored under this key and its date.
    pub key: Key,
    /// The digest of the page before it was dated (`render::stamp::content_key`).
    pub content: Key,
    /// What it read, to be checked again by the next build.
    pub inputs: Vec<crate::cache::Input>,
    /// Its internal links, checked on every build without reading the file.
    pub links: PageLinks,
    /// The build date on which its content last changed, `ДД.ММ.ГГГГ`: the «обновлено»
    /// date its file carries.
    pub dated: String,
}

/// Where one page's record is in the index file.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    path: Box<str>,
    offset: u64,
    len: u32,
}

/// The last build's index of an audience, read one record at a time.
#[derive(Default)]
pub struct PageIndex {
    file: Option<File>,
    /// Sorted by path.
    directory: Vec<Entry>,
}

impl PageIndex {
    /// The index at `path`; empty if there is none, or it cannot be read (the cache is an
    /// optimisation: every page is then built again).
    pub(super) fn open(path: &Path) -> PageIndex {
        let read = || -> io::Result<PageIndex> {
            let mut file = File::open(path)?;
            let mut magic = [0; 8];
            file.read_exact(&mut magic)?;
            let end = file.seek(SeekFrom::End(-8))?;
            let mut at = [0; 8];
            file.read_exact(&mut at)?;
            let at = u64::from_le_bytes(at);
            if magic != *MAGIC || at > end {
                return Err(io::ErrorKind::InvalidData.into());
            }
            let mut bytes = vec![0; usize::try_from(end - at).map_err(io::Error::other)?];
            read_at(&file, &mut bytes, at)?;
            let directory = postcard::from_bytes(&bytes).map_err(io::Error::other)?;
            Ok(PageIndex {
                file: Some(file),
                directory,
            })
        };
        read().unwrap_or_default()
    }

    /// The record of the page at `path`, if the last build made one and it reads back.
    pub fn get(&self, path: &str) -> Option<PageRecord> {
        let file = self.file.as_ref()?;
        let found = self
            .directory
            .binary_search_by(|e| (*e.path).cmp(path))
            .ok()?;
        let entry = &self.directory[found];
        let mut bytes = vec![0; entry.len as usize];
        read_at(file, &mut bytes, entry.offset).ok()?;
        postcard::from_bytes(&bytes).ok()
    }

    /// How many pages it lists.
    pub fn len(&self) -> usize {
        self.directory.len()
    }

    /// Whether it lists no page.
    pub fn is_empty(&self) -> bool {
        self.directory.is_empty()
    }
}

/// This build's index, written record by record as pages are built (see the module's
/// documentation). It takes its place only when the build has succeeded
/// ([`super::Cache::finish`]); until then it is a temporary file, removed if the build
/// fails.
pub struct IndexWriter {
    state: Mutex<Writing>,
}

struct Writing {
    out: BufWriter<tempfile::NamedTempFile>,
    offset: u64,
    directory: Vec<Entry>,
    /// A write failed: the index is not saved, and the next build renders every page.
    failed: bool,
}

impl IndexWriter {
    /// A new index in `folder` (made if missing), under a temporary name that starts with
    /// `prefix` (so a killed build's leftover can be found).
    pub(super) fn create(folder: &Path, prefix: &str) -> io::Result<IndexWriter> {
        std::fs::create_dir_all(folder)?;
        let file = tempfile::Builder::new()
            .prefix(prefix)
            .tempfile_in(folder)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        out.write_all(MAGIC)?;
        Ok(IndexWriter {
            state: Mutex::new(Writing {
                out,
                offset: MAGIC.len() as u64,
                directory: Vec::new(),
                failed: false,
            }),
        })
    }

    /// Adds the record of the page at `path`.
    pub fn add(&self, path: &str, record: &PageRecord) {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if w.failed {
            return;
        }
        let bytes = match postcard::to_stdvec(record) {
            Ok(bytes) if u32::try_from(bytes.len()).is_ok() => bytes,
            _ => {
                w.failed = true;
                return;
            }
        };
        if w.out.write_all(&bytes).is_err() {
            w.failed = true;
            return;
        }
        let entry = Entry {
            path: path.into(),
            offset: w.offset,
            len: bytes.len() as u32,
        };
        w.offset += bytes.len() as u64;
        w.directory.push(entry);
    }

    /// Writes the directory and puts the index at `path`, replacing the last build's.
    pub(super) fn save(self, path: &Path) -> io::Result<()> {
        let mut w = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        if w.failed {
            return Err(io::Error::other("a record could not be written"));
        }
        w.directory.sort_by(|a, b| a.path.cmp(&b.path));
        let directory = postcard::to_stdvec(&w.directory).map_err(io::Error::other)?;
        w.out.write_all(&directory)?;
        w.out.write_all(&w.offset.to_le_bytes())?;
        let file = w.out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::KeyBuilder;

    fn record(page: &str, date: &str) -> PageRecord {
        PageRecord {
            key: KeyBuilder::new("test").str(page).finish(),
            content: KeyBuilder::new("content").str(page).finish(),
            inputs: vec![crate::cache::Input::Procedures],
            links: PageLinks::of(page, r#"<a href="../about/index.html">о сайте</a>"#),
            dated: date.to_string(),
        }
    }

    #[test]
    fn records_come_back_by_path_whatever_order_they_were_added_in() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let writer = IndexWriter::create(dir.path(), "public.bin.tmp-").expect("writer");
        let pages = ["schools/b/index.html", "index.html", "schools/a/index.html"];
        for page in pages {
            writer.add(page, &record(page, "01.11.2025"));
        }
        let path = dir.path().join("public.bin");
        writer.save(&path).expect("saved");
        let index = PageIndex::open(&path);
        assert_eq!(index.len(), 3);
        for page in pages {
            let got = index.get(page).expect("recorded");
            assert_eq!(got.key, record(page, "").key);
            assert_eq!(got.links, record(page, "").links);
            assert_eq!(got.dated, "01.11.2025");
            assert_eq!(got.content, record(page, "").content);
        }
        assert!(index.get("schools/c/index.html").is_none());
        // Nothing but the index is left in its folder: the temporary file took its name.
        assert_eq!(std::fs::read_dir(dir.path()).expect("folder").count(), 1);
    }

    #[test]
    fn an_index_that_is_not_one_reads_as_empty_and_an_unsaved_one_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("public.bin");
        for bytes in [&b""[..], b"short", b"oko-pix1 but then nothing right"] {
            std::fs::write(&path, bytes).expect("written");
            assert!(PageIndex::open(&path).is_empty());
        }
        assert!(PageIndex::open(&dir.path().join("absent.bin")).is_empty());
        std::fs::remove_file(&path).expect("removed");
        let writer = IndexWriter::create(dir.path(), "public.bin.tmp-").expect("writer");
        writer.add("index.html", &record("index.html", "01.11.2025"));
        drop(writer);
        assert_eq!(std::fs::read_dir(dir.path()).expect("folder").count(), 0);
    }
}
