use std::path::Path;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::*;
use crate::site::{CacheUse, Prepared, prepare};
use crate::write::Discard;

#[test]
fn root_prefix_counts_folders() {
    assert_eq!(root_prefix("index.html"), "");
    assert_eq!(root_prefix("schools/index.html"), "../");
    assert_eq!(root_prefix("schools/a/vpr/index.html"), "../../../");
}

/// Renders `prepared` into nowhere and returns, in order, the procedures whose notes the
/// render asked for.
fn notes_made(prepared: &Prepared) -> Vec<usize> {
    let project = &prepared.site.project;
    let asked = Mutex::new(Vec::new());
    let notes = |i: usize| {
        asked.lock().expect("lock").push(i);
        crate::analyse::participant::procedure_notes(project, i)
    };
    let sources = Sources {
        project,
        published: &prepared.published,
        notes: &notes,
    };
    let options = RenderOptions {
        audience: prepared.audience,
        as_of: prepared.as_of,
    };
    let rendered = render(
        sources,
        &options,
        &prepared.site.root,
        &Discard,
        prepared.cache.as_ref(),
        &|_| {},
    )
    .expect("render");
    if let Some(cache) = &prepared.cache {
        cache.finish(prepared.audience, &rendered.cached);
    }
    asked.into_inner().expect("lock")
}

/// The internal build makes one procedure's notes at a time, each once, only for a
/// procedure with class pages, and none when the cache holds every class page.
#[test]
fn notes_are_made_per_procedure_once_and_not_for_cached_pages() {
    // A copy of the demo project, so its cache is its own.
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::bench::copy_project(repo, dir.path()).expect("copy the demo");
    let date = NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let internal = || {
        prepare(
            dir.path(),
            Some(Audience::Internal),
            date,
            CacheUse::ReadWrite,
            None,
            &|_| {},
        )
        .expect("prepare")
    };
    let prepared = internal();
    let with_classes: Vec<usize> = (0..prepared.site.project.procedures.len())
        .filter(|&i| {
            prepared.published.analysis.procedures[i]
                .schools
                .iter()
                .any(|s| !s.classes.is_empty())
        })
        .collect();
    assert!(
        with_classes.len() > 10,
        "the demo has classes in most works"
    );
    assert_eq!(notes_made(&prepared), with_classes, "each once, in order");
    assert_eq!(notes_made(&internal()), Vec::<usize>::new(), "all cached");
    let public = prepare(
        dir.path(),
        Some(Audience::Public),
        date,
        CacheUse::Off,
        None,
        &|_| {},
    )
    .expect("prepare");
    assert_eq!(notes_made(&public), Vec::<usize>::new(), "no class pages");
}
