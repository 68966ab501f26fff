//! Which output folder the saved page index describes: a `--no-cache` build that replaces
//! that very site makes the index's dates stale, and only then is the index dropped.

use std::path::{Path, PathBuf};

use super::{DIR, INDEX, audience_name};
use crate::config::Audience;

/// Where the index of `audience` notes the folder of the site it describes.
fn site_note(root: &Path, audience: Audience) -> PathBuf {
    root.join(DIR)
        .join(INDEX)
        .join(format!("{}.site", audience_name(audience)))
}

fn folder_name(out: &Path) -> String {
    std::fs::canonicalize(out)
        .unwrap_or_else(|_| out.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Notes that the saved index of `audience` describes the site in `out`.
pub fn note_site(root: &Path, audience: Audience, out: &Path) {
    let _ = std::fs::write(site_note(root, audience), folder_name(out));
}

/// Forgets what the last build of `audience` made its pages from, if that build wrote
/// the site in `out`: a build without the cache (`--no-cache`) has just replaced it, dating
/// every page by its own day, and the next cached build must compare with that site, not
/// take pages dated by the records of the one before.
pub fn forget_pages(root: &Path, audience: Audience, out: &Path) {
    let note = site_note(root, audience);
    if std::fs::read_to_string(&note).is_ok_and(|site| site == folder_name(out)) {
        let _ = std::fs::remove_file(
            root.join(DIR)
                .join(INDEX)
                .join(format!("{}.bin", audience_name(audience))),
        );
        let _ = std::fs::remove_file(note);
    }
}
