//! The README is for users and short; docs/ holds the rest, and every relative link in them
//! leads to a file that exists (issue #38).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every page of docs/.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let path = entry.expect("an entry of docs/").path();
        if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The targets of `[text](target)` and `![alt](target)` in `text`, without anchors.
fn link_targets(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|t| t.split('#').next().unwrap_or("").trim().to_string())
        .filter(|t| !t.is_empty() && !t.contains("://") && !t.starts_with("mailto:"))
        .collect()
}

#[test]
fn the_readme_is_short_and_names_install_and_the_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.len() <= 12_000,
        "README.md is {} bytes",
        readme.len()
    );
    for needed in [
        "cargo install --locked --path .",
        "cargo run --release -- build",
        "cargo test",
        "oko init",
        "oko import",
        "oko build",
    ] {
        assert!(readme.contains(needed), "the README names {needed}");
    }
}

#[test]
fn every_relative_link_leads_to_a_file() {
    let mut broken = Vec::new();
    let pages = pages();
    assert!(pages.len() >= 6, "the README and five pages of docs/");
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("a page");
        let dir = page.parent().expect("a folder");
        for target in link_targets(&text) {
            if !dir.join(&target).exists() {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_are_read_as_a_reader_follows_them() {
    let text = "[a](docs/guide.md#import) ![s](docs/school-page.png) [w](https://rustup.rs)";
    assert_eq!(
        link_targets(text),
        ["docs/guide.md", "docs/school-page.png"]
    );
}

#[test]
fn the_contributors_page_indexes_every_module() {
    let page = std::fs::read_to_string(root().join("docs/contributing.md")).expect("page");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).expect("src/") {
        let path = entry.expect("an entry").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem != "lib" && stem != "main" && !page.contains(&format!("- `src/{stem}` — ")) {
            missing.push(stem.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "not on docs/contributing.md: {missing:?}"
    );
}
