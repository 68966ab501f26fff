//! CI-grade behaviour: atomic output under kills, output independent of the environment,
//! machine-readable diagnostics, the link checker, and loaders that never panic.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Fixture, PROCEDURE, RESULTS, files, oko};

#[test]
fn json_diagnostics_carry_file_row_column_and_code() {
    let f = Fixture::new();
    f.results(&RESULTS.replace("sch01,5А,1003,1,1,1,1,4,4", "sch01,5А,1003,1,1,3,1,4,4"));
    let run = oko(&[
        "check",
        "--root",
        f.root().to_str().expect("utf-8"),
        "--message-format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let e = lines
        .iter()
        .find(|v| v["severity"] == "error")
        .expect("an error");
    assert_eq!(
        e["file"],
        format!("data/results/2025/{PROCEDURE}/results.csv")
    );
    assert_eq!(e["row"], 4);
    assert_eq!(e["column"], "2К1");
    assert_eq!(e["code"], "score-above-max");
    assert!(
        e["message"]
            .as_str()
            .expect("message")
            .contains("больше максимума 2")
    );
}

#[test]
fn warnings_for_suspicious_but_valid_data() {
    let f = Fixture::new();
    f.write(
        "data/schools/sch03.yaml",
        "id: sch03\nname: \"Новая школа\"\nshort_name: \"Новая школа\"\n",
    );
    let run = f.check();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("data/schools/sch03.yaml: у школы нет результатов"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("нет эталонных показателей"),
        "{}",
        run.stderr
    );
    // Fixture marks: «2» 3, «3» 3, «4» 5, «5» 4 with min_group 5: groups «2» and «3» are small.
    assert!(
        run.stderr.contains("отметку «2» получили 3 участника"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_in_content_fails_check_and_build() {
    let f = Fixture::new();
    f.write("content/about.md", "---\ntitle: \"О сайте\"\n---\nСм. [школы](/schools/) и [старую страницу](../old-page/index.html).\n");
    let run = f.check();
    run.assert_data_error(&[
        "content/about.md",
        "«../old-page/index.html»",
        "несуществующую страницу",
    ]);
    assert!(
        !run.stderr.contains("/schools/"),
        "a root-relative link to a real page is fine: {}",
        run.stderr
    );
    f.build(&[]).assert_data_error(&["content/about.md"]);
    assert!(!f.path("public").exists());
    f.write(
        "content/about.md",
        "---\ntitle: \"О сайте\"\n---\nСм. [школы](/schools/).\n",
    );
    f.build(&[]).assert_ok();
    let page = std::fs::read_to_string(f.path("public/about/index.html")).expect("page");
    assert!(page.contains("href=\"../schools/index.html\""));
}

#[test]
fn roadmap_references_are_checked() {
    let f = Fixture::new();
    f.write(
        "data/roadmaps/rm.yaml",
        "id: rm\nowner: municipality\ntitle: \"Карта\"\nbased_on: [vpr-1999]\nmeasures:\n  - { id: \"1\", stage: оценочный, title: \"Т\", deadline: 2025-01-01, status: done, addresses: [ { procedure: vpr-2025-test, skill: \"9.9\" } ] }\n",
    );
    f.check().assert_data_error(&[
        "data/roadmaps/rm.yaml",
        "неизвестная процедура «vpr-1999»",
        "нет умения «9.9»",
    ]);
}

/// A measure addressing a skill its procedure's plan does not have: one error, naming the
/// roadmap's file and the measure, and nothing built.
#[test]
fn a_measure_addressing_an_unknown_skill_is_one_error() {
    let f = Fixture::new();
    f.write(
        "data/roadmaps/rm.yaml",
        "id: rm\nowner: municipality\ntitle: \"Карта\"\nbased_on: [vpr-2025-test]\nmeasures:\n  - { id: \"7\", stage: обучающий, title: \"Т\", deadline: 2025-12-01, status: planned, addresses: [ { procedure: vpr-2025-test, skill: \"9.9\" } ] }\n",
    );
    let run = f.build(&[]);
    run.assert_errors(1).assert_data_error(&[
        "data/roadmaps/rm.yaml: мероприятие 7: в плане процедуры vpr-2025-test нет умения «9.9»",
    ]);
    assert!(!f.path("public").exists(), "nothing written");
}

fn tree(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(dir.join(&p)).expect("read")))
        .collect()
}

#[test]
fn output_does_not_depend_on_time_zone_locale_or_file_order() {
    let f = Fixture::new();
    let run = |out: &Path, tz: &str, lang: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_oko"))
            .args([
                "build",
                "--root",
                f.root().to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
            ])
            .env("TZ", tz)
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .env("SOURCE_DATE_EPOCH", "1761955200")
            .env("CI", "true")
            .status()
            .expect("run");
        assert!(status.success());
    };
    let a = f.path("a");
    let b = f.path("b");
    run(&a, "UTC", "C");
    run(&b, "Asia/Vladivostok", "ru_RU.UTF-8");
    assert_eq!(tree(&a), tree(&b));
    // The same project written file by file in the opposite order.
    let copy = tempfile::tempdir().expect("temp dir");
    let mut inputs = files(f.root());
    inputs
        .retain(|p| p.starts_with("data") || p.starts_with("oko.yaml") || p.starts_with("content"));
    for p in inputs.iter().rev() {
        let to = copy.path().join(p);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(f.root().join(p), to).expect("copy");
    }
    let c = copy.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_oko"))
        .args([
            "build",
            "--root",
            copy.path().to_str().expect("utf-8"),
            "--out",
            c.to_str().expect("utf-8"),
        ])
        .env("SOURCE_DATE_EPOCH", "1761955200")
        .env("CI", "true")
        .status()
        .expect("run");
    assert!(status.success());
    assert_eq!(tree(&a), tree(&c));
}

/// Three builds of one project at once (`oko serve` running while CI or a cron job builds
/// the same folder): each waits for the one before, all finish, and the site is the one
/// clean build gives. Without the lock, each removed the others' staging folders.
#[test]
fn builds_of_one_project_at_once_wait_for_each_other() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("demo");
    for p in files(demo)
        .into_iter()
        .filter(|p| p.starts_with("data") || p.starts_with("content") || p.starts_with("oko.yaml"))
    {
        let to = root.join(&p);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(demo.join(&p), to).expect("copy");
    }
    let build = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_oko"))
            .args([
                "build",
                "--root",
                root.to_str().expect("utf-8"),
                "--date",
                "2025-11-01",
            ])
            .args(extra)
            .env("CI", "true")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let runs: Vec<_> = (0..3).map(|_| build(&[])).collect();
    let mut waited = 0;
    for run in runs {
        let out = run.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        waited += usize::from(stderr.contains("идёт другая сборка этого проекта (pid "));
    }
    assert!(waited >= 1, "no build waited for another");
    let clean = dir.path().join("clean");
    let out = build(&["--no-cache", "--out", clean.to_str().expect("utf-8")])
        .wait_with_output()
        .expect("wait");
    assert!(out.status.success());
    assert!(
        tree(&root.join("public")) == tree(&clean),
        "the site differs from a clean build"
    );
}

/// Kills builds of the demo at many moments: the previous site stays whole every time,
/// and the next build leaves no temporary folders behind.
#[test]
fn a_killed_build_never_leaves_a_half_written_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_oko"))
            .args([
                "build",
                "--root",
                root.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
                "--date",
                "2025-11-01",
                "--no-cache",
            ])
            .env("CI", "true")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let started = std::time::Instant::now();
    assert!(build().wait().expect("wait").success());
    let duration = started.elapsed().as_millis() as u64;
    let reference = tree(&out);
    // Delays spread over a whole build (load, analyse, render, write), fixed for repeatability.
    // A kill counts only if the build was still running when it came; a build that had
    // already finished proves nothing and is tried again with the next delay.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut hits, mut tries) = (0, 0);
    while hits < 12 {
        tries += 1;
        assert!(
            tries <= 60,
            "only {hits} of {tries} kills came while a build ran"
        );
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = build();
        std::thread::sleep(Duration::from_millis(seed % duration.max(1)));
        let running = child.try_wait().expect("try_wait").is_none();
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if running && !status.success() {
            hits += 1;
        }
        assert_eq!(
            tree(&out),
            reference,
            "the published folder changed after a kill"
        );
    }
    assert!(build().wait().expect("wait").success());
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "public")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left: {leftovers:?}"
    );
}

mod fuzz {
    use std::collections::HashMap;

    use oko::config::BadRows;
    use oko::load::{results, sheet, stream, yaml};
    use oko::model::{Procedure, School};
    use proptest::prelude::*;

    fn procedure() -> Procedure {
        yaml::parse(
            std::path::Path::new("p.yaml"),
            &super::common::procedure_yaml("p"),
        )
        .expect("valid plan")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any bytes as a CSV or a workbook: an error or rows, never a panic.
        #[test]
        fn spreadsheet_loaders_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let dir = tempfile::tempdir().expect("temp dir");
            for name in ["r.csv", "r.xlsx", "r.ods", "r.xls"] {
                let path = dir.path().join(name);
                std::fs::write(&path, &bytes).expect("write");
                let _ = if name.ends_with("csv") { sheet::read_csv(&path, None).map(|_| ()) } else { stream::read_workbook(&path).map(|_| ()) };
            }
        }

        /// Result rows with any cell text under a valid header: errors, never a panic.
        #[test]
        fn result_rows_never_panic(cells in prop::collection::vec(".{0,12}", 0..40)) {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("r.csv");
            let mut text = String::from("school,class,participant,variant,1,2К1,3,mark,journal_mark,medal,test_score\n");
            for row in cells.chunks(11) {
                text.push_str(&row.iter().map(|c| c.replace([',', '\n', '\r', '"'], "")).collect::<Vec<_>>().join(","));
                text.push('\n');
            }
            std::fs::write(&path, text).expect("write");
            let schools: HashMap<String, u32> = [("sch01".to_string(), 0)].into();
            for bad_rows in [BadRows::Error, BadRows::Skip] {
                let rules = results::Rules { bad_rows, municipality: Some("sch01") };
                let _ = results::read_file(&path, std::path::Path::new("r.csv"), &procedure(), &schools, rules);
            }
        }

        /// Any text as a YAML school or procedure: a typed error with a position, never a panic.
        #[test]
        fn yaml_loaders_never_panic(text in "(.|\n){0,300}") {
            let p = std::path::Path::new("x.yaml");
            let _ = yaml::parse::<School>(p, &text);
            let _ = yaml::parse::<Procedure>(p, &text);
        }
    }
}

/// A plain HTTP GET to the local preview: (status, body).
fn get(address: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_rebuilds_on_change_and_pages_reload() {
    use std::io::{BufRead, BufReader};
    let f = Fixture::new();
    f.write(
        "content/about.md",
        "---\ntitle: \"О сайте\"\n---\nПервая версия.\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_oko"))
        .args([
            "serve",
            "--root",
            f.root().to_str().expect("utf-8"),
            "--port",
            "0",
            "--date",
            "2025-11-01",
        ])
        .env("CI", "true")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let address = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split("http://")
                .nth(1)
                .map(|a| a.split('/').next().unwrap_or("").to_string())
        })
        .expect("the address line");
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    assert!(
        address.starts_with("127.0.0.1:"),
        "serves on loopback only: {address}"
    );

    let (status, page) = get(&address, "/about/");
    assert_eq!(status, 200);
    assert!(page.contains("Первая версия") && page.contains("/__oko/version"));
    assert_eq!(get(&address, "/no/such/page/").0, 404);
    let (_, v1) = get(&address, "/__oko/version");

    f.write(
        "content/about.md",
        "---\ntitle: \"О сайте\"\n---\nВторая версия.\n",
    );
    let mut changed = false;
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(100));
        if get(&address, "/__oko/version").1 != v1 {
            changed = true;
            break;
        }
    }
    assert!(changed, "no rebuild within 10 s of the change");
    assert!(get(&address, "/about/").1.contains("Вторая версия"));

    // Bad data: the preview shows the errors until they are fixed.
    f.results(&RESULTS.replace("sch01,5А,1003,1,1,1,1,4,4", "sch01,5А,1003,1,1,9,1,4,4"));
    let mut failed = false;
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(100));
        let (status, body) = get(&address, "/about/");
        if status == 500 && body.contains("балл 9 больше максимума 2") {
            failed = true;
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(failed, "a failed rebuild is shown with its errors");
}
