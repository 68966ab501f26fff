//! The build cache: a rebuild after adding, changing or removing a procedure's results
//! gives byte for byte the site a clean build gives, and reuses what did not change.
//! Each step is compared with a clean build of the same inputs, so a page kept from the
//! cache when one of its sources changed fails here.

mod common;

use std::path::{Path, PathBuf};

use common::{build_site, build_site_on, demo_copy, files};

fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(dir.join(&p)).expect("read")))
        .collect()
}

/// Asserts two sites are the same, naming the first file that differs.
fn assert_same(clean: &Path, cached: &Path, what: &str) {
    let (a, b) = (tree(clean), tree(cached));
    let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{what}: the same files");
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(
            x == y,
            "{what}: {} differs from a clean build",
            path.display()
        );
    }
}

/// Pages of the site that are hard links into the cache: reused, not rendered again.
#[cfg(unix)]
fn reused(site: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    files(site)
        .iter()
        .filter(|p| {
            std::fs::metadata(site.join(p))
                .map(|m| m.nlink() > 1)
                .unwrap_or(false)
        })
        .count()
}

/// The files (inodes) of the overview pages of sch640101 and sch640110: a page taken from
/// the cache is the cache's own file, a page rendered again is a new one.
#[cfg(unix)]
fn overview_files(site: &Path) -> [u64; 2] {
    use std::os::unix::fs::MetadataExt;
    ["sch640101", "sch640110"].map(|s| {
        std::fs::metadata(site.join(format!("schools/{s}/index.html")))
            .map(|m| m.ino())
            .expect("overview page")
    })
}

/// Moves a procedure's definition and results out of the project and back.
struct Procedure {
    yaml: PathBuf,
    results: PathBuf,
}

impl Procedure {
    fn new(year: &str, id: &str) -> Procedure {
        Procedure {
            yaml: PathBuf::from(format!("data/procedures/{year}/{id}.yaml")),
            results: PathBuf::from(format!("data/results/{year}/{id}")),
        }
    }

    fn take_out(&self, root: &Path, aside: &Path) {
        std::fs::create_dir_all(aside).expect("mkdir");
        std::fs::rename(root.join(&self.yaml), aside.join("p.yaml")).expect("move yaml");
        std::fs::rename(root.join(&self.results), aside.join("results")).expect("move results");
    }

    fn put_back(&self, root: &Path, aside: &Path) {
        std::fs::rename(aside.join("p.yaml"), root.join(&self.yaml)).expect("move yaml");
        std::fs::rename(aside.join("results"), root.join(&self.results)).expect("move results");
    }
}

#[test]
fn adding_or_removing_a_procedure_rebuilds_to_the_clean_site() {
    let project = demo_copy();
    let root = project.path();
    let clean = root.join("clean");
    build_site(root, &clean, &["--no-cache"]);
    assert!(
        !root.join(".oko/cache").exists(),
        "--no-cache writes no cache"
    );
    assert!(
        !root.join(".oko/previous").exists(),
        "--no-cache keeps no site"
    );
    assert!(
        root.join(".oko/.gitignore").is_file(),
        "the lock's folder stays out of git"
    );

    let site = root.join("public");
    let aside = root.join("aside");
    // The newest procedure, and one that changes other pages: vpr-2025-math-4 joins the
    // dynamics on every vpr-2024-math-4 page.
    for p in [
        Procedure::new("2025", "ege-2025-rus-11"),
        Procedure::new("2025", "vpr-2025-math-4"),
    ] {
        p.take_out(root, &aside);
        build_site(root, &site, &[]);
        let without = root.join("clean-without");
        build_site(root, &without, &["--no-cache"]);
        assert_same(&without, &site, &format!("{} removed", p.yaml.display()));
        #[cfg(unix)]
        let before = overview_files(&site);
        p.put_back(root, &aside);
        build_site(root, &site, &[]);
        assert_same(&clean, &site, &format!("{} added", p.yaml.display()));
        // A school's overview lists the works it wrote: СОШ № 1 (sch640101) wrote both and
        // gets a new page; the basic school sch640110 has no 11th grade, so the ЕГЭ leaves
        // its page as it was (the very file of the cache), while its grade 4 did write the ВПР.
        #[cfg(unix)]
        {
            let after = overview_files(&site);
            assert_ne!(
                before[0],
                after[0],
                "{}: sch640101 wrote it",
                p.yaml.display()
            );
            let kept = p.yaml.to_string_lossy().contains("ege-");
            assert_eq!(
                before[1] == after[1],
                kept,
                "{}: sch640110",
                p.yaml.display()
            );
        }
        #[cfg(unix)]
        assert!(
            reused(&site) > 50,
            "report pages of unchanged procedures come from the cache"
        );
    }
    // Nothing changed: everything cacheable is reused, and the site is the same.
    build_site(root, &site, &[]);
    assert_same(&clean, &site, "unchanged");
}

#[test]
fn changed_results_and_content_invalidate_what_they_touch() {
    let project = demo_copy();
    let root = project.path();
    let site = root.join("public");
    let clean = root.join("clean");
    build_site(root, &site, &[]);

    // One school's results of one procedure go away: that procedure's figures change.
    let dir = root.join("data/results/2025/vpr-2025-math-5");
    std::fs::remove_file(dir.join("sch640110.csv")).expect("remove one school's results");
    build_site(root, &site, &[]);
    build_site(root, &clean, &["--no-cache"]);
    assert_same(&clean, &site, "results changed");

    // A content page changes the navigation of every page: nothing stale survives. Open
    // data is not made from content pages: its cached fragments stay what they were.
    let fragments = || {
        let mut names: Vec<_> = std::fs::read_dir(root.join(".oko/cache/public/data"))
            .expect("open-data fragments in the cache")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        names
    };
    let before = fragments();
    assert!(!before.is_empty());
    #[cfg(unix)]
    let table = || {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(site.join("open-data/tasks.json"))
            .map(|m| m.ino())
            .expect("tasks.json")
    };
    #[cfg(unix)]
    let joined = table();
    std::fs::write(
        root.join("content/about-cache.md"),
        "---\ntitle: \"О кэше\"\nweight: 99\n---\n\nСтраница для проверки кэша.\n",
    )
    .expect("write page");
    build_site(root, &site, &[]);
    build_site(root, &clean, &["--no-cache"]);
    assert_same(&clean, &site, "content page added");
    assert_eq!(
        before,
        fragments(),
        "open data is kept when only a content page changes"
    );
    // Not even joined again: the table is the cache's file, linked into the new site.
    #[cfg(unix)]
    assert_eq!(joined, table(), "the joined table is linked from the cache");
}

/// Builds with the cache on a given «as of» day; returns how many pages came from the cache.
fn build_on(root: &Path, out: &Path, date: &str) -> usize {
    let run = build_site_on(root, out, date, &[]);
    let said = format!("{}{}", run.stdout, run.stderr);
    number_after(&said, "из кэша: ").unwrap_or(0)
}

/// The number `oko` said right after `label`; `None` if it did not say the label.
fn number_after(said: &str, label: &str) -> Option<usize> {
    let (_, rest) = said.split_once(label)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(digits.parse().expect("a number after the label"))
}

/// An office builds again weeks later with nothing changed (#34): the roadmap pages count
/// what is overdue by the new day and are dated by it, every other page is taken from the
/// cache as it was — its «обновлено» date and its file untouched — and the site equals a
/// clean build but for those dates; the home page alone shows the new build date.
#[test]
fn a_later_day_changes_only_what_the_day_changes() {
    let project = demo_copy();
    let root = project.path();
    let site = root.join("public");
    let clean = root.join("clean");
    build_on(root, &site, "2025-11-01");
    let page = |dir: &Path, path: &str| std::fs::read_to_string(dir.join(path)).expect("page");
    let roadmap_before = page(&site, "roadmaps/index.html");
    let school_time = || {
        std::fs::metadata(site.join("schools/sch640101/index.html"))
            .and_then(|m| m.modified())
            .expect("time")
    };
    let time_before = school_time();

    let reused = build_on(root, &site, "2026-01-10");
    build_site_on(root, &clean, "2026-01-10", &["--no-cache"]);
    let blank = |t: Vec<(PathBuf, Vec<u8>)>| {
        t.into_iter()
            .map(|(p, b)| (p, oko::stamp::without_update_dates(&b)))
            .collect::<Vec<_>>()
    };
    assert!(
        blank(tree(&clean)) == blank(tree(&site)),
        "a later day: the clean build but for the «обновлено» dates"
    );

    let pages = files(&site)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    // Only the pages that count overdue measures (roadmaps, school years) are rendered.
    assert!(
        reused + 20 >= pages && reused < pages,
        "{reused} of {pages} pages from the cache"
    );
    let school = page(&site, "schools/sch640101/index.html");
    assert!(
        school.contains("Страница обновлена 01.11.2025.") && !school.contains("Сайт собран"),
        "an unchanged page keeps its date"
    );
    assert_eq!(time_before, school_time(), "and its file");
    assert!(!school.contains('\u{E000}'), "no mark left");
    let home = page(&site, "index.html");
    assert!(home.contains("Страница обновлена 10.01.2026. Сайт собран 10.01.2026."));
    // Measures due 12.12.2025–25.12.2025 and not done are overdue on the later day.
    let roadmap_after = page(&site, "roadmaps/index.html");
    assert!(roadmap_after.contains("Страница обновлена 10.01.2026."));
    assert_ne!(
        roadmap_before.replace("01.11.2025", ""),
        roadmap_after.replace("10.01.2026", ""),
        "the roadmaps page counts overdue measures by the day"
    );
    let changed = std::fs::read_to_string(root.join(".oko/changed.txt")).expect("list");
    assert!(
        changed.lines().any(|l| l == "roadmaps/index.html"),
        "{changed}"
    );
    assert!(
        !changed.contains("schools/sch640101/index.html"),
        "{changed}"
    );

    // The same day again: nothing at all is rendered, nothing listed.
    assert_eq!(build_on(root, &site, "2026-01-10"), pages);
    assert_eq!(
        std::fs::read_to_string(root.join(".oko/changed.txt")).expect("list"),
        ""
    );
}

/// `oko check` on a later day only reads the cache: the pages built on an earlier day are
/// taken as they are instead of rendered again (a check after every data drop would
/// otherwise cost a whole build), and nothing is stored.
#[test]
fn a_check_on_a_later_day_takes_pages_from_the_cache_without_storing() {
    let project = demo_copy();
    let root = project.path();
    assert_eq!(build_on(root, &root.join("public"), "2025-11-01"), 0);
    let cache_before = tree(&root.join(".oko"));

    // 10.01.2026, as `oko check` takes its day (it has no `--date`).
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_oko"))
        .args(["check", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", "1768003200")
        .output()
        .expect("oko check");
    assert!(run.status.success(), "{run:?}");
    let said = String::from_utf8_lossy(&run.stderr);
    let number =
        |label: &str| number_after(&said, label).unwrap_or_else(|| panic!("«{label}» in {said}"));
    let pages = number("Сайт проверен: ");
    let cached = number("из кэша сборки: ");
    // Only the pages that count overdue measures by the day are rendered.
    assert!(
        cached + 20 >= pages && cached < pages,
        "{cached} of {pages} pages from the cache"
    );
    assert!(tree(&root.join(".oko")) == cache_before, "nothing stored");
}
