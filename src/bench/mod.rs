//! `oko bench DIR`: how fast a project builds, phase by phase (issue #8).
//!
//! The project is copied to a temporary folder (the original is never touched) and every
//! phase runs in a process of its own, so each reports its own wall time, CPU time and peak
//! memory (Linux: `/proc/self/status` and `/proc/self/stat`):
//!
//! 1. **parse floor** — only read and parse every result spreadsheet, in parallel, row by
//!    row as a build reads them; beside it calamine alone (every cell visited, none
//!    converted), and, on request (`oko bench-phase range`), the whole-sheet reader;
//! 2. **check** — `oko check`: the data, every page rendered, links checked, nothing written;
//! 3. **clean build** — `oko build --no-cache`, dated a week after the «as of» day;
//! 4. **cold cache** — the project without its newest procedure, built with an empty cache;
//! 5. **unchanged** — the same project built again the same day: every page from the cache,
//!    and the replaced site kept to build the next one over, as an office's every later
//!    build finds;
//! 6. **rebuild** — a week later, as the next results reach an office: that procedure's
//!    results added back, built on the warm cache; its output is compared byte for byte
//!    with the clean build's but for the «обновлено» dates of the pages it did not change,
//!    and the pages it wrote with the pages whose content changed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::config::Audience;
use crate::diag::OkoError;
use crate::site::{self, BuildOptions};

mod read;
mod report;

use report::{Phases, print_table};

/// One phase, as its process measured it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Measure {
    pub wall: f64,
    /// User + system CPU seconds.
    pub cpu: f64,
    pub peak_mib: f64,
    pub pages: usize,
    /// Pages taken unchanged from the build cache.
    #[serde(default)]
    pub reused: usize,
    /// Pages whose content the cache did not know: they carry the build's date.
    #[serde(default)]
    pub new_content: usize,
    /// Pages and files whose bytes differ from the replaced site's, and the bytes of those
    /// files: what the build wrote into the site and an upload sends.
    #[serde(default)]
    pub changed_pages: usize,
    #[serde(default)]
    pub changed_files: usize,
    #[serde(default)]
    pub bytes_written: u64,
    pub files: usize,
    /// Spreadsheets and rows read (parse floor).
    pub spreadsheets: usize,
    pub rows: usize,
    /// Seconds per stage, in order.
    pub stages: Vec<(String, f64)>,
}

/// The phases `bench-phase` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Phase {
    /// Every result sheet read as a build reads it (row by row, cells converted).
    Parse,
    /// calamine alone: every cell visited, nothing converted — the reader's own floor.
    Calamine,
    /// Every sheet read whole into calamine's `Range` (the reader oko used before streaming).
    Range,
    Check,
    Clean,
    Cached,
}

/// Runs one phase in this process and prints its [`Measure`] as JSON on standard output.
pub fn phase(phase: Phase, root: &Path, out: &Path, date: NaiveDate) -> Result<(), OkoError> {
    let start = Instant::now();
    let stages = std::cell::RefCell::new(Vec::<(String, Instant)>::new());
    let progress = |stage: &str| {
        stages
            .borrow_mut()
            .push((stage.to_string(), Instant::now()))
    };
    let mut m = Measure::default();
    match phase {
        Phase::Parse | Phase::Calamine | Phase::Range => {
            let files = result_files(root);
            let rows: Vec<usize> = files
                .par_iter()
                .map(|f| read::rows(phase, f))
                .collect::<Result<_, _>>()?;
            m.spreadsheets = files.len();
            m.rows = rows.iter().sum();
        }
        Phase::Check => {
            let (_, rendered) = site::check(root, Some(Audience::Public), date)?;
            m.pages = rendered.pages;
            m.reused = rendered.reused;
            m.new_content = rendered.changed;
        }
        Phase::Clean | Phase::Cached => {
            let report = site::build(
                &BuildOptions {
                    root: root.to_path_buf(),
                    out: Some(out.to_path_buf()),
                    audience: Some(Audience::Public),
                    as_of: date,
                    cache: phase == Phase::Cached,
                    municipality: None,
                },
                &progress,
            )?;
            m.pages = report.pages;
            m.reused = report.reused;
            m.new_content = report.new_content;
            m.changed_pages = report.changed_pages;
            m.changed_files = report.changes.changed.len() + report.changes.removed.len();
            m.bytes_written = report.changes.bytes;
            m.files = report.files;
        }
    }
    let end = Instant::now();
    m.wall = (end - start).as_secs_f64();
    let stages = stages.into_inner();
    for (k, (name, at)) in stages.iter().enumerate() {
        let next = stages.get(k + 1).map_or(end, |(_, t)| *t);
        m.stages.push((name.clone(), (next - *at).as_secs_f64()));
    }
    let (cpu, peak) = own_usage();
    m.cpu = cpu;
    m.peak_mib = peak;
    println!("{}", serde_json::to_string(&m).unwrap_or_default());
    Ok(())
}

/// CPU seconds and peak resident memory (MiB) of this process, from `/proc` (Linux);
/// zeros elsewhere.
fn own_usage() -> (f64, f64) {
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0);
    // Fields 14 and 15 of /proc/self/stat: user and system time in clock ticks (100 Hz on
    // Linux); the command name in parentheses may hold spaces, so count after it.
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0);
    (cpu, peak)
}

/// Every result spreadsheet of a project.
fn result_files(root: &Path) -> Vec<PathBuf> {
    WalkDir::new(root.join("data/results"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["xlsx", "xls", "ods", "csv"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            })
        })
        .collect()
}

/// Runs `oko bench-phase` in a child process and reads its measure.
fn run_phase(phase: &str, root: &Path, out: &Path, date: NaiveDate) -> Result<Measure, OkoError> {
    let exe = std::env::current_exe().map_err(|e| OkoError::io(Path::new("oko"), e))?;
    let output = Command::new(exe)
        .args(["bench-phase", phase, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--date")
        .arg(date.to_string())
        .output()
        .map_err(|e| OkoError::io(root, e))?;
    if !output.status.success() {
        return Err(OkoError::Usage(format!(
            "этап «{phase}» завершился с ошибкой:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| OkoError::Usage(format!("этап «{phase}»: непонятный ответ: {e}")))
}

/// Copies the project's inputs (not its output or cache) into `to`.
pub(crate) fn copy_project(from: &Path, to: &Path) -> Result<(), OkoError> {
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| OkoError::io(from, e.into()))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy());
        if matches!(
            top.as_deref(),
            Some("public" | "internal" | ".oko" | "target" | ".git")
        ) {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| OkoError::io(&target, e))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| OkoError::io(&target, e))?;
        }
    }
    Ok(())
}

/// The newest procedure's definition and result folder, relative to the root.
fn newest_procedure(root: &Path) -> Option<(PathBuf, PathBuf)> {
    let project = crate::load::load_project(root).ok()?.project;
    let p = project.procedures.last()?;
    Some((
        PathBuf::from(format!("data/procedures/{}/{}.yaml", p.year, p.id)),
        PathBuf::from(format!("data/results/{}/{}", p.year, p.id)),
    ))
}

/// Whether two folders hold the same files with the same bytes, but for the pages'
/// «обновлено» dates.
fn same_tree(a: &Path, b: &Path) -> bool {
    let list = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                (rel, crate::render::stamp::without_update_dates(&bytes))
            })
            .collect()
    };
    list(a) == list(b)
}

fn moved(from: &Path, to: &Path) -> Result<(), OkoError> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
    }
    std::fs::rename(from, to).map_err(|e| OkoError::io(from, e))
}

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `oko bench DIR`: runs every phase and prints the table.
pub fn run(project: &Path, date: NaiveDate) -> Result<(), OkoError> {
    let work = Scratch(std::env::temp_dir().join(format!("oko-bench-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(work.path());
    let root = work.path().join("project");
    eprintln!("Копирую проект в {} …", root.display());
    copy_project(project, &root)?;
    let (yaml, results) = newest_procedure(&root).ok_or_else(|| {
        OkoError::Usage(format!(
            "в {} нет процедур или данные с ошибками: сначала oko check",
            project.display()
        ))
    })?;
    let aside = work.path().join("aside");
    let clean_out = work.path().join("clean");
    let out = work.path().join("public");

    eprintln!("1/6 чтение таблиц …");
    let parse = run_phase("parse", &root, &out, date)?;
    let calamine = run_phase("calamine", &root, &out, date)?;
    eprintln!("2/6 oko check …");
    let check = run_phase("check", &root, &out, date)?;
    eprintln!("3/6 чистая сборка …");
    // The next results reach an office weeks after the last build, not the same day.
    let later = date + chrono::Days::new(7);
    let clean = run_phase("clean", &root, &clean_out, later)?;
    eprintln!("4/6 сборка без последней процедуры, пустой кэш …");
    moved(&root.join(&yaml), &aside.join("procedure.yaml"))?;
    moved(&root.join(&results), &aside.join("results"))?;
    let cold = run_phase("cached", &root, &out, date)?;
    eprintln!("5/6 пересборка без изменений …");
    let unchanged = run_phase("cached", &root, &out, date)?;
    eprintln!("6/6 через неделю: пересборка после добавления процедуры …");
    moved(&aside.join("procedure.yaml"), &root.join(&yaml))?;
    moved(&aside.join("results"), &root.join(&results))?;
    let rebuild = run_phase("cached", &root, &out, later)?;
    let identical = same_tree(&clean_out, &out);
    // CI checks the next data drop before building it: a day after the last build.
    eprintln!("и oko check на следующий день, с кэшем …");
    let check_later = run_phase("check", &root, &out, later + chrono::Days::new(1))?;

    let phases = Phases {
        parse,
        calamine,
        check,
        clean,
        cold,
        unchanged,
        rebuild,
        check_later,
        added: results.display().to_string(),
        identical,
    };
    print_table(project, &phases);
    println!("{}", phases.json());
    if identical {
        Ok(())
    } else {
        Err(OkoError::Usage(
            "пересборка с кэшем дала не тот сайт, что чистая сборка (кроме дат «обновлено»)".into(),
        ))
    }
}
