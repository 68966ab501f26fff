//! The build cache against a seeded random sequence of edits an office makes between two
//! builds, each step a day after the last. After every step the incremental build of each
//! audience must equal a clean build of the same inputs byte for byte but for the
//! «обновлено» dates of the pages it did not change (#34): a page kept from the cache after
//! one of its inputs changed fails here, whichever input it was. An unchanged page keeps the
//! date of the step that last changed it and its file's modification time, and
//! `.oko/changed-*.txt` lists exactly the files whose bytes differ from the previous site.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use calamine::Reader as _;
use chrono::NaiveDate;
use oko::stamp::{date_in, without_update_dates};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use common::{build_site_on, demo_copy, files};

fn build(root: &Path, out: &Path, audience: &str, cache: bool, day: NaiveDate) {
    let mut extra = vec!["--audience", audience];
    if !cache {
        extra.push("--no-cache");
    }
    build_site_on(root, out, &day.to_string(), &extra);
}

/// Asserts two sites are the same but for the pages' «обновлено» dates, naming the first
/// file that differs.
fn assert_same(clean: &Path, cached: &Path, what: &str) {
    let (a, b) = (files(clean), files(cached));
    assert_eq!(a, b, "{what}: the same files");
    for path in &a {
        let x = std::fs::read(clean.join(path)).expect("read");
        let y = std::fs::read(cached.join(path)).expect("read");
        assert!(
            without_update_dates(&x) == without_update_dates(&y),
            "{what}: {} differs from a clean build",
            path.display()
        );
    }
}

/// One file of a built site, as the next step compares it.
#[derive(Clone, PartialEq)]
struct Seen {
    bytes: blake3::Hash,
    content: blake3::Hash,
    modified: SystemTime,
    /// The page's «обновлено» date as the sequence expects it.
    updated: Option<NaiveDate>,
}

/// What the last step's site of each audience held, by path.
#[derive(Default)]
struct Sites(BTreeMap<String, BTreeMap<PathBuf, Seen>>);

impl Sites {
    /// Checks the cached site of `audience`, built on `day`, against the last step's:
    /// unchanged pages keep their date and their file's time, changed ones carry `day`,
    /// and the build's list names exactly the files that differ.
    fn step(&mut self, root: &Path, site: &Path, audience: &str, day: NaiveDate, what: &str) {
        let before = self.0.remove(audience);
        let mut now = BTreeMap::new();
        let mut differ = BTreeSet::new();
        for path in files(site) {
            let file = site.join(&path);
            let bytes = std::fs::read(&file).expect("read");
            let modified = std::fs::metadata(&file)
                .and_then(|m| m.modified())
                .expect("time");
            let content = blake3::hash(&without_update_dates(&bytes));
            let last = before.as_ref().and_then(|b| b.get(&path));
            let page = path.extension().is_some_and(|e| e == "html");
            let kept = last.filter(|l| l.content == content);
            let updated = match kept {
                Some(l) => l.updated,
                None => page.then_some(day),
            };
            let shown = date_in(&bytes).map(|d| d.date());
            if page && shown.is_some() {
                assert_eq!(shown, updated, "{what}: {} dated", path.display());
            }
            let seen = Seen {
                bytes: blake3::hash(&bytes),
                content,
                modified,
                updated,
            };
            match last {
                Some(l) if l.bytes == seen.bytes => {
                    assert_eq!(l.modified, modified, "{what}: {} rewritten", path.display());
                }
                _ => {
                    differ.insert(path.to_string_lossy().into_owned());
                }
            }
            now.insert(path, seen);
        }
        if let Some(before) = &before {
            // A file gone with its folder is listed as the outermost folder the new site
            // no longer has (what `rsync --delete-missing-args` can delete).
            let folders: BTreeSet<&Path> = now.keys().flat_map(|p| p.ancestors().skip(1)).collect();
            for gone in before.keys().filter(|p| !now.contains_key(*p)) {
                let mut outer: Vec<&Path> = gone.ancestors().skip(1).collect();
                outer.reverse();
                let entry = outer
                    .into_iter()
                    .find(|f| !f.as_os_str().is_empty() && !folders.contains(f))
                    .unwrap_or(gone);
                differ.insert(entry.to_string_lossy().into_owned());
            }
            let name = site.file_name().expect("name").to_string_lossy();
            let list = std::fs::read_to_string(root.join(format!(".oko/changed-{name}.txt")))
                .expect("the list of changed files");
            let listed: BTreeSet<String> = list.lines().map(str::to_string).collect();
            assert_eq!(listed, differ, "{what}: .oko/changed-{name}.txt");
        }
        self.0.insert(audience.to_string(), now);
    }
}

/// Both audiences, on `day`: the incremental build (cache on) equals a clean one, and keeps
/// what did not change as it was.
fn check_both(root: &Path, sites: &mut Sites, day: NaiveDate, what: &str) {
    for audience in ["public", "internal"] {
        let site = root.join(format!("site-{audience}"));
        let clean = root.join(format!("clean-{audience}"));
        build(root, &site, audience, true, day);
        build(root, &clean, audience, false, day);
        let what = format!("{what} ({audience})");
        assert_same(&clean, &site, &what);
        sites.step(root, &site, audience, day, &what);
    }
}

/// Rewrites every ОГЭ/ЕГЭ workbook without the rows of `schools`.
fn drop_exam_rows(root: &Path, schools: &[&str]) {
    for rel in files(&root.join("data/results")) {
        let name = rel.to_string_lossy().to_string();
        if !(name.starts_with("2025/oge-") || name.starts_with("2025/ege-"))
            || !name.ends_with(".xlsx")
        {
            continue;
        }
        let path = root.join("data/results").join(&rel);
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("open workbook");
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).expect("sheet");
        let mut out = rust_xlsxwriter::Workbook::new();
        let ws = out.add_worksheet();
        ws.set_name(&sheet).expect("sheet name");
        let mut row = 0u32;
        for cells in range.rows() {
            if cells
                .iter()
                .any(|c| schools.contains(&c.to_string().as_str()))
            {
                continue;
            }
            for (col, cell) in cells.iter().enumerate() {
                let col = u16::try_from(col).expect("column");
                match cell {
                    calamine::Data::Float(f) => ws.write_number(row, col, *f),
                    calamine::Data::Int(i) => ws.write_number(row, col, *i as f64),
                    calamine::Data::Empty => continue,
                    other => ws.write_string(row, col, other.to_string()),
                }
                .expect("cell");
            }
            row += 1;
        }
        out.save(&path).expect("save workbook");
    }
}

/// Swaps a 0 and a 1 of two task cells in one row of a CSV results file (Windows-1251,
/// `;`): task completion changes, the total does not.
fn change_score(root: &Path, rng: &mut ChaCha8Rng) {
    let path = root.join("data/results/2025/vpr-2025-math-5/sch640110.csv");
    let bytes = std::fs::read(&path).expect("read csv");
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    for _ in 0..lines.len() {
        let i = rng.random_range(1..lines.len());
        let mut cells: Vec<Vec<u8>> = lines[i].split(|&b| b == b';').map(<[u8]>::to_vec).collect();
        // Columns 3.. are tasks, the last two the total and the mark.
        let tasks = 3..cells.len().saturating_sub(2);
        let zero = tasks.clone().find(|&c| cells[c] == b"0");
        let one = tasks.clone().find(|&c| cells[c] == b"1");
        if let (Some(z), Some(o)) = (zero, one) {
            cells.swap(z, o);
            lines[i] = cells.join(&b';');
            std::fs::write(&path, lines.join(&b'\n')).expect("write csv");
            return;
        }
    }
    panic!("no row with a 0 and a 1 to swap");
}

/// A procedure moved out of the project and back.
struct Aside {
    yaml: PathBuf,
    results: PathBuf,
    out: bool,
}

impl Aside {
    fn toggle(&mut self, root: &Path) {
        let aside = root.join("aside");
        std::fs::create_dir_all(&aside).expect("mkdir");
        let (yaml, results) = (aside.join("p.yaml"), aside.join("results"));
        let moves = [
            (root.join(&self.yaml), yaml),
            (root.join(&self.results), results),
        ];
        for (inside, outside) in moves {
            let (from, to) = if self.out {
                (outside, inside)
            } else {
                (inside, outside)
            };
            std::fs::rename(from, to).expect("move procedure");
        }
        self.out = !self.out;
    }
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has «{from}»", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn every_edit_rebuilds_to_the_clean_site_for_both_audiences() {
    let project = demo_copy();
    let root = project.path();
    let mut sites = Sites::default();
    let mut day = NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    check_both(root, &mut sites, day, "first build");
    // The same day, nothing changed: nothing rewritten, nothing listed.
    check_both(root, &mut sites, day, "built again");

    // The case that once served stale internal pages: the objectivity sign «ВПР не
    // подтверждаются на ГИА» reads the exam procedures of the same year.
    drop_exam_rows(root, &["sch640105", "sch640117"]);
    day = day.succ_opt().expect("date");
    check_both(root, &mut sites, day, "exam rows of two schools dropped");

    let mut rng = ChaCha8Rng::seed_from_u64(20_261_123);
    let mut procedure = Aside {
        yaml: "data/procedures/2025/oge-2025-math-9.yaml".into(),
        results: "data/results/2025/oge-2025-math-9".into(),
        out: false,
    };
    let mut counter = 0;
    let mut steps: Vec<u8> = (0..8).collect();
    for i in (1..steps.len()).rev() {
        steps.swap(i, rng.random_range(0..=i));
    }
    for step in steps {
        counter += 1;
        let what = match step {
            0 => {
                change_score(root, &mut rng);
                "a score changed"
            }
            1 => {
                procedure.toggle(root);
                "a procedure removed or added"
            }
            2 => {
                let rm = root.join("data/roadmaps/rm-2025-sch640107.yaml");
                replace_in(&rm, "status: done", "status: in_progress");
                "a roadmap measure's status"
            }
            3 => {
                let school = root.join("data/schools/sch640105.yaml");
                replace_in(&school, "location: город", "location: село");
                "a school attribute"
            }
            4 => {
                replace_in(&root.join("oko.yaml"), "min_group: 10", "min_group: 12");
                "min_group in oko.yaml"
            }
            5 => {
                let template = root.join("themes/default/templates/base.html");
                replace_in(
                    &template,
                    "</body>",
                    &format!("<!-- правка {counter} -->\n</body>"),
                );
                "a template"
            }
            6 => {
                std::fs::write(
                    root.join("content/edit.md"),
                    format!("---\ntitle: \"Правка {counter}\"\nweight: 50\n---\n\nТекст.\n"),
                )
                .expect("content page");
                "a content page"
            }
            _ => {
                drop_exam_rows(root, &["sch640107"]);
                "another school's exam rows dropped"
            }
        };
        day = day.succ_opt().expect("date");
        check_both(root, &mut sites, day, &format!("step {counter}: {what}"));
    }
    // The procedure taken out comes back: the site is whole again.
    if procedure.out {
        procedure.toggle(root);
        day = day.succ_opt().expect("date");
        check_both(root, &mut sites, day, "the procedure back");
    }
}
