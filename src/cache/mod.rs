//! The build cache, in `.oko/cache/` of the project: what unchanged inputs gave last time.
//!
//! Every entry is stored under a BLAKE3 hash of everything it is made from (and of oko's
//! version), so a hit is exactly what a clean build would make and a miss only costs the
//! work. Three kinds of entry:
//!
//! - `results/`: one procedure's participants as read from its spreadsheets;
//! - `<audience>/pages/`: rendered report pages of a school (and its classes) in a procedure;
//! - `<audience>/data/`: one procedure's open-data fragment.
//!
//! Entries are written to a temporary name and renamed, so a killed build leaves no
//! half-written entry; after a successful build the entries it did not use are removed, so
//! the cache holds one site's worth. The cache is an optimisation: if it cannot be read or
//! written, the build goes on without it.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Debug;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Audience;

mod index;
mod input;
mod part;
mod site_note;

pub use crate::digest::Key;
pub use index::{IndexWriter, PageIndex, PageRecord};
pub use input::Input;
pub use part::Part;
pub use site_note::{forget_pages, note_site};

/// The folder, relative to the project root.
pub const DIR: &str = ".oko/cache";

/// Where a build keeps the site it replaced, for the next build to write over.
pub const PREVIOUS: &str = ".oko/previous";

/// Builds a [`Key`] from the parts an entry is made from. Every part is length-prefixed,
/// so `("ab", "c")` and `("a", "bc")` give different keys.
pub struct KeyBuilder(blake3::Hasher);

impl KeyBuilder {
    /// A key of one kind (`"results"`, `"page"`…) for this very program: the same version
    /// number built from other code makes other pages, so the executable itself is an input.
    pub fn new(kind: &str) -> KeyBuilder {
        let mut b = KeyBuilder(blake3::Hasher::new());
        b.bytes(program()).str(kind);
        b
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn key(&mut self, key: &Key) -> &mut Self {
        self.bytes(key.as_bytes())
    }

    /// A parsed value by its `Debug` form: it shows every field, and the project's maps
    /// are ordered, so equal values give equal text.
    pub fn debug(&mut self, value: &impl Debug) -> &mut Self {
        self.str(&format!("{value:?}"))
    }

    /// A file's bytes, by their hash ([`hash_file`]); `None` if it cannot be read (the
    /// loader reports that).
    pub fn file(&mut self, path: &Path) -> Option<&mut Self> {
        let hash = hash_file(path).ok()?;
        Some(self.bytes(hash.as_bytes()))
    }

    pub fn finish(&self) -> Key {
        Key::from_bytes(*self.0.finalize().as_bytes())
    }
}

/// The BLAKE3 hash of a file, computed as it is read: files hashed for keys (the
/// executable, ≈70 MB with line tables; a region's result files) are never held whole.
fn hash_file(path: &Path) -> std::io::Result<blake3::Hash> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(hasher.finalize())
}

/// A hash of the running executable, or of oko's version if it cannot be read.
fn program() -> &'static [u8] {
    static PROGRAM: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        std::env::current_exe()
            .and_then(|exe| hash_file(&exe))
            .map(|hash| hash.as_bytes().to_vec())
            .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").as_bytes().to_vec())
    })
}

/// The cache of one project.
pub struct Cache {
    dir: PathBuf,
    /// Whether this run may add entries (`oko check` only reads).
    writable: bool,
    /// Entries used by this run, per folder: everything else goes after a successful build.
    used: Mutex<BTreeMap<String, HashSet<String>>>,
}

impl Cache {
    /// Opens (creating, if `writable`) the cache of the project at `root`.
    pub fn open(root: &Path, writable: bool) -> Option<Cache> {
        let dir = root.join(DIR);
        if writable {
            crate::write::state_folder(root).ok()?;
            std::fs::create_dir_all(&dir).ok()?;
        } else if !dir.is_dir() {
            return None;
        }
        Some(Cache {
            dir,
            writable,
            used: Mutex::new(BTreeMap::new()),
        })
    }

    fn path(&self, folder: &str, name: &str) -> PathBuf {
        self.dir.join(folder).join(name)
    }

    fn mark_used(&self, folder: &str, name: String) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(folder.to_string())
            .or_default()
            .insert(name);
    }

    /// A value stored under `key` in `folder`, if there is one and it reads back.
    pub fn get<T: DeserializeOwned>(&self, folder: &str, key: &Key) -> Option<T> {
        let name = format!("{}.bin", key.hex());
        let bytes = std::fs::read(self.path(folder, &name)).ok()?;
        let value = postcard::from_bytes(&bytes).ok()?;
        self.mark_used(folder, name);
        Some(value)
    }

    /// Stores `value` under `key` in `folder`.
    pub fn put<T: Serialize>(&self, folder: &str, key: &Key, value: &T) {
        let name = format!("{}.bin", key.hex());
        if let Ok(bytes) = postcard::to_stdvec(value) {
            self.store(folder, &name, &bytes);
        }
    }

    /// Writes an entry under a temporary name and renames it into place; `false` if the
    /// cache is read-only or the write failed.
    fn store(&self, folder: &str, name: &str, bytes: &[u8]) -> bool {
        if !self.writable {
            return false;
        }
        let tmp = self.temporary(folder, name);
        let written = self
            .create(folder, &tmp)
            .and_then(|mut f| f.write_all(bytes))
            .and_then(|()| self.commit(folder, name, &tmp));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.is_ok()
    }

    /// Creates `tmp` in `folder`, making the folder only when it is missing: a clean build
    /// stores thousands of pages, and asking for the folder each time was two
    /// system calls a page.
    fn create(&self, folder: &str, tmp: &Path) -> std::io::Result<std::fs::File> {
        match std::fs::File::create(tmp) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(self.dir.join(folder))?;
                std::fs::File::create(tmp)
            }
            file => file,
        }
    }

    /// Where an entry is written before it takes its name: a killed build leaves no
    /// half-written entry under a real one.
    fn temporary(&self, folder: &str, name: &str) -> PathBuf {
        self.path(folder, &format!("{name}.tmp-{}", std::process::id()))
    }

    /// Gives a written entry its name and keeps it for the next build.
    fn commit(&self, folder: &str, name: &str, tmp: &Path) -> std::io::Result<()> {
        std::fs::rename(tmp, self.path(folder, name))?;
        self.mark_used(folder, name.to_string());
        Ok(())
    }

    /// Files stored together under `key` in `folder`, one per name: the parts of one
    /// procedure's open data, copied from here into the site by the kernel, never decoded.
    /// `None` unless every part is there.
    pub fn parts(&self, folder: &str, key: &Key, names: &[&str]) -> Option<Vec<PathBuf>> {
        let files: Vec<(String, PathBuf)> = names
            .iter()
            .map(|n| {
                let name = format!("{}.{n}", key.hex());
                let path = self.path(folder, &name);
                (name, path)
            })
            .collect();
        if !files.iter().all(|(_, p)| p.is_file()) {
            return None;
        }
        Some(
            files
                .into_iter()
                .map(|(name, path)| {
                    self.mark_used(folder, name);
                    path
                })
                .collect(),
        )
    }

    /// A part named `name` under `key` in `folder` (see [`Cache::parts`]), written piece
    /// by piece: a joined open-data table of a region does not fit in memory. It takes its
    /// name only when finished. `None` if the cache is read-only or the file cannot be made.
    pub fn create_part(&self, folder: &str, key: &Key, name: &str) -> Option<Part<'_>> {
        if !self.writable {
            return None;
        }
        Part::create(self, folder, format!("{}.{name}", key.hex()))
    }

    /// The stored file of a rendered page, if it is there, kept for the next build.
    pub fn page(&self, audience: Audience, key: &Key) -> Option<PathBuf> {
        let path = self.stored_page(audience, key)?;
        let name = format!("{}.html", key.hex());
        self.mark_used(&pages_folder(audience), name);
        Some(path)
    }

    /// The stored file of a rendered page, if it is there, without marking it kept.
    fn stored_page(&self, audience: Audience, key: &Key) -> Option<PathBuf> {
        let path = self.path(&pages_folder(audience), &format!("{}.html", key.hex()));
        path.is_file().then_some(path)
    }

    /// Stores a rendered page; returns its file, to be linked into the site.
    pub fn put_page(&self, audience: Audience, key: &Key, html: &[u8]) -> Option<PathBuf> {
        let folder = pages_folder(audience);
        let name = format!("{}.html", key.hex());
        self.store(&folder, &name, html)
            .then(|| self.path(&folder, &name))
    }

    /// What every page of the last build of an audience was made from, by path.
    pub fn page_index(&self, audience: Audience) -> PageIndex {
        PageIndex::open(&self.index_path(audience))
    }

    fn index_path(&self, audience: Audience) -> PathBuf {
        self.path(INDEX, &format!("{}.bin", audience_name(audience)))
    }

    /// A new page index for this build of `audience`, written as its pages are built;
    /// `None` if the cache is read-only or the file cannot be made.
    pub fn index_writer(&self, audience: Audience) -> Option<IndexWriter> {
        if !self.writable {
            return None;
        }
        IndexWriter::create(&self.dir.join(INDEX), &index_leftover(audience)).ok()
    }

    /// Saves what the pages of this build were made from (`index`), then removes every
    /// entry this run did not use. Called after a successful build only.
    pub fn finish(&self, audience: Audience, index: Option<IndexWriter>) {
        if !self.writable {
            return;
        }
        let path = self.index_path(audience);
        match index.map(|index| index.save(&path)) {
            Some(Ok(())) => {}
            // Without an index of this build the next one renders every page: an old
            // index would name pages by records of another site.
            _ => {
                let _ = std::fs::remove_file(&path);
            }
        }
        // What a killed build of this audience left of its index.
        if let Ok(entries) = std::fs::read_dir(self.dir.join(INDEX)) {
            let leftover = index_leftover(audience);
            for entry in entries.filter_map(Result::ok) {
                if entry.file_name().to_string_lossy().starts_with(&leftover) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        // Another audience's pages and data are not this build's to clean.
        let other = match audience {
            Audience::Public => audience_name(Audience::Internal),
            Audience::Internal => audience_name(Audience::Public),
        };
        let Ok(folders) = walk(&self.dir) else {
            return;
        };
        for folder in folders {
            if folder.starts_with(other) || folder == INDEX {
                continue;
            }
            let Ok(entries) = std::fs::read_dir(self.dir.join(&folder)) else {
                continue;
            };
            let keep = used.get(&folder);
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if keep.is_none_or(|k| !k.contains(&name)) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// The folder of the page indexes, one per audience.
const INDEX: &str = "pages-index";

/// How the temporary name of an audience's index being written begins.
fn index_leftover(audience: Audience) -> String {
    format!("{}.bin.tmp-", audience_name(audience))
}

fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "public",
        Audience::Internal => "internal",
    }
}

fn pages_folder(audience: Audience) -> String {
    format!("{}/pages", audience_name(audience))
}

/// Where a procedure's open-data fragments are kept.
pub fn data_folder(audience: Audience) -> String {
    format!("{}/data", audience_name(audience))
}

/// Entry folders of the cache, relative to it, with `/`.
fn walk(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let nested: Vec<String> = std::fs::read_dir(entry.path())?
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| format!("{name}/{}", e.file_name().to_string_lossy()))
            .collect();
        if nested.is_empty() {
            folders.push(name);
        } else {
            folders.extend(nested);
        }
    }
    Ok(folders)
}

#[cfg(test)]
mod tests;
