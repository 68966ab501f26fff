//! Publishing, replacing and abandoning staged sites.

use super::*;
use crate::write::Output;
use walkdir::WalkDir;

/// Writes `files` as the complete new content of `out`.
fn publish(out: &Path, files: &[Output]) -> Result<(), OkoError> {
    let staging = Staging::new(out, None)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.publish().map(|_| ())
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
    let half = dir.path().join("public.oko-tmp-4242");
    std::fs::create_dir_all(&half).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("public.oko-tmp-4243")).expect("mkdir");
    let kept = remove_stale(&out);
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("restored"),
        "old"
    );
    assert_eq!(
        kept,
        Some(half),
        "one half-written tree is kept to build over"
    );
    assert!(!dir.path().join("public.oko-tmp-4243").exists());
    // Without a place to keep trees, the next build removes it.
    Staging::new(&out, None)
        .expect("staging")
        .publish()
        .expect("publish");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["public"]);
}

#[test]
fn a_build_over_the_kept_tree_replaces_files_without_touching_shared_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let keep = dir.path().join(".oko/previous/public");
    let cached = dir.path().join("cached.html");
    std::fs::write(&cached, "cached").expect("write");
    for round in 0..3 {
        let s = Staging::new(&out, Some(&keep)).expect("staging");
        assert_eq!(
            s.reused,
            round >= 2,
            "round {round}: the tree before last is reused"
        );
        if round < 2 {
            s.put_file("a/page.html", &cached).expect("link");
        } else {
            // The reused tree links this path to the cached file: replace, never overwrite.
            s.put("a/page.html", b"changed").expect("put");
        }
        s.put(&format!("only-{round}.html"), b"x").expect("put");
        s.put("b/index.html", format!("round {round}").as_bytes())
            .expect("put");
        let mut f = s.create("data.csv").expect("create");
        f.write_all(format!("r{round}\n").as_bytes())
            .expect("write");
        f.finish().expect("finish");
        s.publish().expect("publish");
        let files: Vec<String> = WalkDir::new(&out)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&out)
                    .expect("prefix")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(
            files,
            [
                "a/page.html",
                "b/index.html",
                "data.csv",
                format!("only-{round}.html").as_str()
            ],
            "round {round}: exactly this build's files"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).expect("read"),
            format!("round {round}")
        );
        assert_eq!(
            std::fs::read_to_string(out.join("data.csv")).expect("read"),
            format!("r{round}\n")
        );
    }
    assert_eq!(
        std::fs::read_to_string(&cached).expect("read"),
        "cached",
        "a file shared with the cache is never written in place"
    );
    assert!(
        keep.is_dir(),
        "the replaced site is kept for the next build"
    );
}

#[test]
fn a_build_over_an_old_tree_removes_its_extra_files_and_empty_folders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let keep = dir.path().join(".oko/previous/public");
    for round in 0..3 {
        let s = Staging::new(&out, Some(&keep)).expect("staging");
        s.put("index.html", b"x").expect("put");
        if round == 0 {
            s.put("gone/deep/old.html", b"old").expect("put");
            s.put("kept/old.html", b"old").expect("put");
        }
        s.put("kept/new.html", b"new").expect("put");
        s.publish().expect("publish");
    }
    // Round 2 was written over round 0's tree.
    assert!(!out.join("gone").exists(), "an emptied folder goes");
    assert!(
        !out.join("kept/old.html").exists(),
        "a file of no build goes"
    );
    assert!(out.join("kept/new.html").is_file() && out.join("index.html").is_file());
}

#[test]
fn a_file_with_the_published_bytes_is_the_published_file_and_only_the_rest_is_listed() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let keep = dir.path().join("previous");
    let cached = dir.path().join("cached.html");
    std::fs::write(&cached, "cached page").expect("write");
    let build = |same: &str, changed: &str, extra: bool| {
        let staging = Staging::new(&out, Some(&keep)).expect("staging");
        staging.put("same.html", same.as_bytes()).expect("put");
        staging
            .put("changed.html", changed.as_bytes())
            .expect("put");
        staging.put_file("cached.html", &cached).expect("put_file");
        let mut table = staging.create("open-data/table.csv").expect("create");
        table.write_all(b"a;b\n1;2\n").expect("write");
        table.finish().expect("finish");
        if extra {
            staging.put("gone.html", b"soon gone").expect("put");
        }
        staging.publish().expect("publish")
    };
    let inode = |p: &str| std::fs::metadata(out.join(p)).expect("file").ino();
    let first = build("same", "one", true);
    assert_eq!(first.changed.len(), 5, "a first site is all new");
    let before: Vec<u64> = ["same.html", "open-data/table.csv", "cached.html"]
        .map(inode)
        .to_vec();
    let second = build("same", "two", false);
    assert_eq!(second.changed, ["changed.html"]);
    assert_eq!(second.removed, ["gone.html"]);
    assert_eq!(second.bytes, 3);
    assert_eq!(second.list(), "changed.html\ngone.html\n");
    // The unchanged files are the very files published before: their times stay.
    let after: Vec<u64> = ["same.html", "open-data/table.csv", "cached.html"]
        .map(inode)
        .to_vec();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read(out.join("changed.html")).expect("read"),
        b"two"
    );
    assert!(!out.join("gone.html").exists());
    // Nothing left of the staging beside the site.
    let stray: Vec<_> = WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".oko-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    let third = build("same", "two", false);
    assert_eq!(third, Changes::default());
}

/// A page is dated in place, so only a published file of its length can hold it: a file of
/// another length is not read.
#[test]
fn the_published_file_is_read_only_when_it_has_the_pages_length() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    publish(&out, &page("четыре")).expect("first");
    let staging = Staging::new(&out, None).expect("staging");
    let len = "четыре".len();
    assert_eq!(
        staging.published("index.html", len),
        Some("четыре".as_bytes().to_vec())
    );
    assert_eq!(staging.published("index.html", len + 1), None);
    assert_eq!(staging.published("missing.html", len), None);
}
