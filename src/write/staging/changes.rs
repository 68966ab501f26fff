//! What a build changes in the published site (#34): a staged file whose bytes equal the
//! published one's is that very file, hard-linked, so it keeps its modification time and
//! an upload by `rsync`, `lftp mirror` or `.oko/changed.txt` sends only what changed.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::diag::OkoError;
use std::collections::HashSet;
use std::sync::Mutex;

use walkdir::WalkDir;

/// The files a build changed, against the site it replaces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Files whose bytes differ from the replaced site's, or that it did not have; sorted.
    pub changed: Vec<String>,
    /// Files of the replaced site this build no longer makes; sorted.
    pub removed: Vec<String>,
    /// The bytes of the changed files: what an upload sends.
    pub bytes: u64,
}

impl Changes {
    /// The list an upload step reads: every changed and removed file, one path a line.
    pub fn list(&self) -> String {
        let mut paths: Vec<&str> = self
            .changed
            .iter()
            .chain(&self.removed)
            .map(String::as_str)
            .collect();
        paths.sort_unstable();
        paths.iter().map(|p| format!("{p}\n")).collect()
    }
}

/// Changes noted while files are staged.
#[derive(Default)]
pub(super) struct Noted {
    changed: Mutex<Vec<(String, u64)>>,
}

impl Noted {
    pub(super) fn changed(&self, path: &str, bytes: u64) {
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), bytes));
    }

    /// The changes, with the files of `old` (the replaced site) that the new site does not
    /// hold (`written`) listed as removed — a whole folder the new site no longer has as
    /// that one folder, since `rsync --delete-missing-args` deletes a missing folder but
    /// refuses a file whose folder is already gone.
    pub(super) fn finish(self, old: &Path, written: &HashSet<String>) -> Changes {
        let mut changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        changed.sort_unstable();
        changed.dedup_by(|a, b| a.0 == b.0);
        let folders: HashSet<&str> = written.iter().flat_map(|f| folders_of(f)).collect();
        let mut removed: Vec<String> = WalkDir::new(old)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(old).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .filter(|p| !written.contains(p))
            .map(|p| topmost_gone_folder(&p, &folders).unwrap_or(p))
            .collect();
        removed.sort_unstable();
        removed.dedup();
        Changes {
            bytes: changed.iter().map(|(_, b)| b).sum(),
            changed: changed.into_iter().map(|(p, _)| p).collect(),
            removed,
        }
    }
}

/// The folders that hold `path`, outermost first.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(end, _)| &path[..end])
}

/// The outermost folder of `path` that is not among the new site's `folders`.
fn topmost_gone_folder(path: &str, folders: &HashSet<&str>) -> Option<String> {
    folders_of(path)
        .find(|folder| !folders.contains(folder))
        .map(str::to_string)
}

/// Whether the file at `old` holds exactly `bytes`.
pub(super) fn holds(old: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(old).is_ok_and(|b| b == bytes)
}

/// Whether two files hold the same bytes: the same inode, or equal sizes and contents,
/// read side by side.
pub(super) fn same_content(a: &Path, b: &Path) -> bool {
    if super::same_file(a, b) {
        return true;
    }
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if !ma.is_file() || !mb.is_file() || ma.len() != mb.len() {
        return false;
    }
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (BufReader::new(fa), BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = match ra.read(&mut ba) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return rb.read(&mut bb[..1]).is_ok_and(|m| m == 0);
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Writes the list of files a build changed or removed, one path a line, for an upload
/// step (`rsync --files-from`): `.oko/changed.txt` for `public/`, `.oko/changed-NAME.txt`
/// for any other output folder, so one site's upload never reads another's list.
pub fn save_changed_list(root: &Path, out: &Path, changes: &Changes) -> Result<PathBuf, OkoError> {
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy());
    let file = match name.as_ref() {
        "public" => "changed.txt".to_string(),
        other => format!("changed-{other}.txt"),
    };
    let folder = root.join(".oko");
    super::super::state_folder(root).map_err(|e| OkoError::io(&folder, e))?;
    let path = folder.join(file);
    let failed = |e| OkoError::io(&path, e);
    let mut temp = tempfile::NamedTempFile::new_in(&folder).map_err(failed)?;
    std::io::Write::write_all(&mut temp, changes.list().as_bytes()).map_err(failed)?;
    temp.persist(&path).map_err(|e| failed(e.error))?;
    Ok(path)
}

/// Whether two paths are the same file (hard links to one inode).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_compare_by_their_bytes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = |n: &str| dir.path().join(n);
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut other = big.clone();
        other[150_000] ^= 1;
        std::fs::write(path("a"), &big).expect("written");
        std::fs::write(path("b"), &big).expect("written");
        std::fs::write(path("c"), &other).expect("written");
        std::fs::write(path("d"), &big[..199_999]).expect("written");
        assert!(same_content(&path("a"), &path("b")));
        assert!(!same_content(&path("a"), &path("c")));
        assert!(!same_content(&path("a"), &path("d")));
        assert!(!same_content(&path("a"), &path("missing")));
        assert!(holds(&path("a"), &big));
        assert!(!holds(&path("a"), &other));
        assert!(!holds(&path("missing"), b""));
        assert!(!holds(dir.path(), b""));
    }

    #[test]
    fn the_list_holds_changed_and_removed_files_sorted_one_a_line() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(dir.path().join("schools/a")).expect("folder");
        std::fs::create_dir_all(dir.path().join("about/team")).expect("folder");
        for f in [
            "index.html",
            "schools/a/index.html",
            "gone.html",
            "about/index.html",
            "about/team/index.html",
        ] {
            std::fs::write(dir.path().join(f), "x").expect("written");
        }
        let noted = Noted::default();
        noted.changed("schools/b/index.html", 5);
        noted.changed("index.html", 7);
        noted.changed("index.html", 7);
        let written: HashSet<String> =
            ["index.html", "schools/a/index.html", "schools/b/index.html"]
                .map(String::from)
                .into();
        let changes = noted.finish(dir.path(), &written);
        assert_eq!(changes.changed, ["index.html", "schools/b/index.html"]);
        // The gone folder `about` is one entry, not its files: rsync deletes it whole.
        assert_eq!(changes.removed, ["about", "gone.html"]);
        assert_eq!(changes.bytes, 12);
        assert_eq!(
            changes.list(),
            "about\ngone.html\nindex.html\nschools/b/index.html\n"
        );
        // A removed file in a folder the new site keeps is listed as the file.
        let written: HashSet<String> = ["about/index.html", "index.html"].map(String::from).into();
        let changes = Noted::default().finish(dir.path(), &written);
        assert_eq!(changes.removed, ["about/team", "gone.html", "schools"]);
        // No replaced site: nothing removed.
        let none = Noted::default().finish(&dir.path().join("absent"), &written);
        assert_eq!(none, Changes::default());
    }
}
