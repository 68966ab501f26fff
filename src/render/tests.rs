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

/// Renders `prepared` into nowhere and returns, in order, the procedures whose class groups
/// and whose notes the render asked for.
fn details_made(prepared: &Prepared) -> (Vec<usize>, Vec<usize>) {
    let project = &prepared.site.project;
    let (classes_asked, notes_asked) = (Mutex::new(Vec::new()), Mutex::new(Vec::new()));
    let classes = |i: usize| {
        classes_asked.lock().expect("lock").push(i);
        crate::analyse::classes::procedure_classes(project, i)
    };
    let notes = |i: usize| {
        notes_asked.lock().expect("lock").push(i);
        crate::analyse::participant::ProcedureNotes::of(project, i)
    };
    let sources = Sources {
        project,
        published: &prepared.published,
        detail: DetailSources {
            classes: &classes,
            notes: &notes,
        },
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
        cache.finish(prepared.audience, rendered.index);
    }
    let mut classes = classes_asked.into_inner().expect("lock");
    // Open data asks for each procedure's classes too, beside the pages.
    classes.sort_unstable();
    (classes, notes_asked.into_inner().expect("lock"))
}

/// The internal build makes one procedure's classes and notes at a time, each once for
/// its pages (classes once more for its open data), only for a procedure with classes,
/// and none when the cache holds every page and the open data.
#[test]
fn classes_and_notes_are_made_per_procedure_once_and_not_for_cached_pages() {
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
                .any(|s| !s.class_letters.is_empty())
        })
        .collect();
    assert!(
        with_classes.len() > 10,
        "the demo has classes in most works"
    );
    let twice: Vec<usize> = with_classes.iter().flat_map(|&i| [i, i]).collect();
    assert_eq!(
        details_made(&prepared),
        (twice, with_classes),
        "classes for pages and open data, notes once, in order"
    );
    let none = (Vec::new(), Vec::new());
    assert_eq!(details_made(&internal()), none, "all cached");
    let public = prepare(
        dir.path(),
        Some(Audience::Public),
        date,
        CacheUse::Off,
        None,
        &|_| {},
    )
    .expect("prepare");
    assert_eq!(details_made(&public), none, "no classes in public");
}
