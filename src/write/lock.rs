//! One build of a project at a time.
//!
//! Two builds of one folder (`oko serve` running while CI or a cron job builds) would each
//! clear the other's staging folder and write the same cache. A build therefore holds an
//! exclusive lock on `.oko/build.lock` from start to end: the operating system's own file
//! lock (`File::lock`), so a build that is killed releases it with its process and the next
//! one takes it over at once. The file holds the holder's pid, for the waiting message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::diag::OkoError;

/// The lock file, under the project root.
pub const LOCK: &str = ".oko/build.lock";

/// Creates the project's `.oko` folder (cache, lock, previous site), which is not part of
/// the project: a `.gitignore` inside keeps it out of version control.
pub fn state_folder(root: &Path) -> std::io::Result<()> {
    let dir = root.join(".oko");
    std::fs::create_dir_all(&dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        // The lock and the cache work without it; only `git status` would show more.
        let _ = std::fs::write(ignore, "*\n");
    }
    Ok(())
}

/// Held while a build runs; released when dropped (or when the process ends).
pub struct BuildLock {
    _file: Option<File>,
}

impl BuildLock {
    /// Takes the project's build lock; when another build holds it, says so through
    /// `waiting` and waits for it to finish.
    pub fn acquire(root: &Path, waiting: &dyn Fn(&str)) -> Result<BuildLock, OkoError> {
        let path = root.join(LOCK);
        let opened = state_folder(root).and_then(|()| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
        });
        let mut file = match opened {
            Ok(file) => file,
            // A project folder the build may not write into (a read-only copy built with
            // --out elsewhere) has no cache to share either: nothing to guard.
            Err(e) if read_only(&e) => return Ok(BuildLock { _file: None }),
            Err(e) => return Err(OkoError::io(&path, e)),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let pid = match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (pid {pid})"),
                };
                waiting(&format!("идёт другая сборка этого проекта{pid}, ждём…"));
                file.lock().map_err(|e| OkoError::io(&path, e))?;
            }
            Err(TryLockError::Error(e)) => return Err(OkoError::io(&path, e)),
        }
        // The pid is only for the message of a build that waits: a failure to write it
        // leaves the lock as good.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()))
            .and_then(|()| file.flush());
        Ok(BuildLock { _file: Some(file) })
    }
}

fn read_only(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("tmp");
        let first = BuildLock::acquire(dir.path(), &|_| panic!("nobody holds it")).expect("lock");
        let told = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                BuildLock::acquire(dir.path(), &|m| {
                    told.lock().expect("told").push(m.to_string());
                })
                .map(|_| ())
            });
            std::thread::sleep(std::time::Duration::from_millis(200));
            assert!(!second.is_finished(), "the second build did not wait");
            drop(first);
            second.join().expect("thread").expect("second lock");
        });
        let pid = std::process::id();
        assert_eq!(
            told.into_inner().expect("told"),
            [format!(
                "идёт другая сборка этого проекта (pid {pid}), ждём…"
            )]
        );
    }
}
