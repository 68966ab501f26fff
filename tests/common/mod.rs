//! A small, valid site project in a temporary folder, and ways to break it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const PROCEDURE: &str = "vpr-2025-test";

/// Valid results: 12 participants in school sch01, 3 in sch02, one absent row.
pub const RESULTS: &str = "\
school,class,participant,variant,1,2К1,3,mark,journal_mark
sch01,5А,1001,1,1,2,2,5,5
sch01,5А,1002,2,1,2,1,5,4
sch01,5А,1003,1,1,1,1,4,4
sch01,5А,1004,2,0,2,1,4,5
sch01,5А,1005,1,1,1,0,3,3
sch01,5А,1006,2,X,1,0,2,3
sch01,5Б,1007,1,1,0,1,3,3
sch01,5Б,1008,2,1,2,0,4,4
sch01,5Б,1009,1,0,0,0,2,нет отметки
sch01,5Б,1010,2,1,2,2,5,5
sch01,5Б,1011,1,1,1,1,4,3
sch01,5Б,1012,2,Н,1,1,3,
sch02,нет,2001,1,1,1,1,4,4
sch02,нет,2002,2,1,2,2,5,4
sch02,нет,2003,отсутствовал,,,,,
sch02,нет,2004,1,0,1,0,2,2
";

/// A site project in a temporary folder.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A valid project: two schools, one procedure (tasks 1, 2К1, 3), results as CSV.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.write("oko.yaml", "title: \"Тестовый сайт\"\nmin_group: 5\n");
        f.write(
            "data/municipality.yaml",
            "name: \"Тестовый район\"\nregion: \"Тестовая область\"\noffice: \"Управление образования\"\n",
        );
        f.write(
            "data/schools/sch01.yaml",
            "id: sch01\nname: \"МБОУ «СОШ № 1»\"\nshort_name: \"СОШ № 1\"\nattributes: { location: город }\nenrolment: { 5: 14 }\n",
        );
        f.write(
            "data/schools/sch02.yaml",
            "id: sch02\nname: \"МБОУ «Ивановская ООШ»\"\nshort_name: \"Ивановская ООШ\"\nattributes: { location: село }\nenrolment: { 5: 4 }\n",
        );
        f.write(
            &format!("data/procedures/2025/{PROCEDURE}.yaml"),
            &procedure_yaml(PROCEDURE),
        );
        f.write(
            &format!("data/results/2025/{PROCEDURE}/results.csv"),
            RESULTS,
        );
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove");
    }

    /// Replaces the results file with `csv`.
    pub fn results(&self, csv: &str) {
        self.write(&format!("data/results/2025/{PROCEDURE}/results.csv"), csv);
    }

    /// Builds the internal audience into `<root>/internal` and returns that folder.
    pub fn build_internal(&self) -> PathBuf {
        let out = self.path("internal");
        self.build(&[
            "--audience",
            "internal",
            "--out",
            out.to_str().expect("utf-8 path"),
        ])
        .assert_ok();
        out
    }

    pub fn check(&self) -> Run {
        oko(&["check", "--root", self.root().to_str().expect("utf-8 path")])
    }

    /// `oko check` under a 1 GiB address-space limit.
    pub fn check_in_1_gib(&self) -> Run {
        oko_in_1_gib(&["check", "--root", self.root().to_str().expect("utf-8 path")])
    }

    /// Builds into `<root>/public`.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "build",
            "--root",
            self.root().to_str().expect("utf-8 path"),
            "--date",
            "2025-11-01",
        ];
        args.extend_from_slice(extra);
        oko(&args)
    }
}

pub fn procedure_yaml(id: &str) -> String {
    format!(
        "id: {id}\nkind: ВПР\ntitle: \"ВПР. Тест. 5 класс\"\nschool_year: \"2024/25\"\ndate: 2025-04-15\nsubject: Тест\ngrade: 5\n\
         tasks:\n  - {{ id: \"1\", max: 1, level: базовый, skill: \"1.1\", text: \"Считать\" }}\n  \
         - {{ id: \"2К1\", max: 2, level: базовый, skill: \"1.1\", text: \"Считать\" }}\n  \
         - {{ id: \"3\", max: 2, level: повышенный, skill: \"2.1\", text: \"Рассуждать\" }}\n\
         scale: {{ 3: 2, 4: 3, 5: 4 }}\n"
    )
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success, got {}:\n{}",
            self.code, self.stderr
        );
        self
    }

    /// Asserts a data error (exit 1) whose output contains every one of `parts`.
    /// Asserts exactly `n` errors were reported (one `ошибка:` line each).
    pub fn assert_errors(&self, n: usize) -> &Self {
        let found = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("ошибка:"))
            .count();
        assert_eq!(found, n, "expected {n} errors in:\n{}", self.stderr);
        self
    }

    pub fn assert_data_error(&self, parts: &[&str]) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected exit code 1, got {}:\n{}",
            self.code, self.stderr
        );
        for part in parts {
            assert!(
                self.stderr.contains(part),
                "expected «{part}» in:\n{}",
                self.stderr
            );
        }
        self
    }
}

pub fn oko(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_oko"))
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run oko");
    Run {
        code: status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
    }
}

/// `oko` with its address space limited to 1 GiB: a file that claims more than it holds
/// must not make oko allocate by the claim.
pub fn oko_in_1_gib(args: &[&str]) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_oko"))
        .args(args)
        .env("CI", "true")
        .output()
        .expect("run oko");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// A workbook with the parts whose names start with `part` edited by `edit`.
pub fn rewrite_part(from: &Path, to: &Path, part: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) {
    let mut book = zip::ZipArchive::new(std::fs::File::open(from).expect("workbook")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for i in 0..book.len() {
        let mut entry = book.by_index(i).expect("part");
        let name = entry.name().expect("part name").into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read part");
        if name.starts_with(part) {
            bytes = edit(bytes);
        }
        out.start_file(name, options).expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish");
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).expect("prefix").to_path_buf())
        .collect();
    out.sort();
    out
}

/// A copy of the demo project's inputs — data, content pages, theme and `oko.yaml` — in a
/// temporary folder, for tests that edit it.
pub fn demo_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for rel in files(repo).into_iter().filter(|p| {
        ["data", "content", "themes", "oko.yaml"]
            .iter()
            .any(|top| p.starts_with(top))
    }) {
        let to = dir.path().join(&rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(repo.join(&rel), to).expect("copy");
    }
    dir
}

/// `oko build` of `root` into `out` as of 2025-11-01, with `extra` flags; must succeed.
pub fn build_site(root: &Path, out: &Path, extra: &[&str]) {
    build_site_on(root, out, "2025-11-01", extra);
}

/// `oko build` of `root` into `out` as of `date`, with `extra` flags; must succeed.
pub fn build_site_on(root: &Path, out: &Path, date: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--date",
        date,
    ];
    args.extend(extra);
    let run = oko(&args);
    run.assert_ok();
    run
}
