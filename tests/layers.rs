//! The imports run one way (issue #38): each module of `src/` names only modules on a lower
//! layer of the pipeline, so no import runs back up and the module graph has no circle.
//! Test code (`tests.rs`, `tests/`) may drive the whole pipeline and is not counted. No
//! source file is over 400 lines.

use std::collections::BTreeSet;
use std::path::Path;

/// The layers, lowest first; a module may use any module of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["collate", "config", "digest", "links", "positioned", "text"],
    &["charts", "diag"],
    &["model", "write"],
    &["analyse", "cache"],
    &["load", "privacy"],
    &["render", "review"],
    &["site"],
    &["bench", "import", "serve"],
    &["cli"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every `crate::name` a line of code (not a comment) of `text` names.
fn named_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for part in code.split("crate::").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn is_test_code(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// Each module of `src/` with the modules its code names, test code left out.
fn graph(src: &Path) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(src).expect("src/") {
        let path = entry.expect("an entry of src/").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if stem == "lib" || stem == "main" {
            continue;
        }
        let mut names = BTreeSet::new();
        for file in walkdir::WalkDir::new(&path) {
            let file = file.expect("a file of src/");
            let p = file.path();
            let relative = p.strip_prefix(src).unwrap_or(p);
            if p.extension().is_some_and(|e| e == "rs") && !is_test_code(relative) {
                let text = std::fs::read_to_string(p).expect("a source file");
                names.extend(named_modules(&text));
            }
        }
        names.remove(stem);
        out.push((stem.to_string(), names));
    }
    out.sort();
    out
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (module, names) in graph(&src) {
        let Some(own) = layer(&module) else {
            wrong.push(format!("src/{module}: not on any layer of tests/layers.rs"));
            continue;
        };
        for name in names {
            match layer(&name) {
                Some(l) if l < own => {}
                Some(_) => wrong.push(format!("{module} → {name}: runs back up (or across)")),
                None => wrong.push(format!("{module} → {name}: not on any layer")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_that_runs_back_up() {
    let names =
        named_modules("use crate::render::theme::escape_html;\n// crate::site in a comment\n");
    assert_eq!(names, BTreeSet::from(["render".to_string()]));
    assert!(
        layer("render") > layer("charts"),
        "charts → render would be refused"
    );
    assert!(is_test_code(Path::new("render/tests.rs")));
    assert!(is_test_code(Path::new("analyse/tests/objectivity.rs")));
    assert!(!is_test_code(Path::new("analyse/roadmap.rs")));
}

/// The style's room for one file (STYLE.md): past it, a file holds more than one idea.
const MOST_LINES: usize = 400;

#[test]
fn no_source_file_is_over_400_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|f| f.path().extension().is_some_and(|e| e == "rs"))
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f.path()).ok()?.lines().count();
            (lines > MOST_LINES).then(|| format!("{} {lines}", f.path().display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MOST_LINES} lines:\n{}",
        long.join("\n")
    );
}
