//! Gathering every procedure's result files: which files there are, which procedures the
//! cache already holds, reading the rest in parallel and joining them per procedure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{file_stem, results};
use crate::cache::{Cache, Key, KeyBuilder};
use crate::diag::{Diagnostics, Location, relative};
use crate::model::{Procedure, Results, School};

/// What reading one procedure's files gave, as kept in the cache: its results and the
/// warnings met (a procedure with errors is never cached).
#[derive(serde::Deserialize)]
struct CachedResults {
    results: Results,
    warnings: Diagnostics,
}

/// [`CachedResults`] as written, borrowed from what was just read.
#[derive(serde::Serialize)]
struct ToCache<'a> {
    results: &'a Results,
    warnings: &'a Diagnostics,
}

/// What a build keeps of each procedure's rows once they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every row, in memory (`oko check`, the tools, the tests).
    Rows,
    /// Per-school counters: a public build shows nothing below the grade.
    Counters,
    /// Per-school counters and class letters in memory, the rows set aside on disk: an
    /// internal build reads one procedure's rows back while its class pages render.
    RowsAside,
}

/// The cache key of a procedure's results: everything reading them depends on — the
/// procedure's definition, the school list (participants point into it), the reading rules
/// (bad-row policy, the municipality whose rows are read), whether rows are folded into
/// counters, and every result file, by name and content.
fn results_key(
    root: &Path,
    procedure: &Procedure,
    files: &[PathBuf],
    schools: &[School],
    rules: results::Rules,
    folded: bool,
) -> Option<Key> {
    let mut key = KeyBuilder::new("results");
    key.debug(procedure).debug(&rules).debug(&folded);
    for s in schools {
        key.str(&s.id);
    }
    for file in files {
        key.str(&relative(root, file).to_string_lossy())
            .file(file)?;
    }
    Some(key.finish())
}

/// Result files of every procedure, read in parallel; also flags folders no procedure
/// claims. A procedure whose files are unchanged since the last build comes from `cache`.
/// What is kept of its rows (`keep`) is settled as soon as each procedure is read, so only
/// the procedures being read hold every row.
pub(super) fn load_results(
    root: &Path,
    procedures: &[Procedure],
    schools: &[School],
    rules: results::Rules,
    keep: Keep,
    cache: Option<&Cache>,
    diags: &mut Diagnostics,
) -> Vec<Results> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let files: Vec<Vec<PathBuf>> = procedures
        .iter()
        .map(|p| {
            let dir = root.join("data/results").join(&p.year).join(&p.id);
            result_files(root, &canonical_root, &dir, diags)
        })
        .collect();
    unclaimed_result_folders(root, diags);

    // The cache holds the rows as read: folded only for the public build.
    let folded = keep == Keep::Counters;
    let keys: Vec<Option<Key>> = procedures
        .par_iter()
        .zip(&files)
        .map(|(p, files)| cache.and(results_key(root, p, files, schools, rules, folded)))
        .collect();
    let school_ids: HashMap<String, u32> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i as u32))
        .collect();
    let read: Vec<(Results, Diagnostics)> = (0..procedures.len())
        .into_par_iter()
        .map(|i| {
            let (procedure, key) = (&procedures[i], keys[i].as_ref());
            let cached = cache
                .zip(key)
                .and_then(|(c, k)| c.get::<CachedResults>("results", k));
            let (mut r, mut d) = match cached {
                Some(c) => (c.results, c.warnings),
                None => {
                    let read = read_files(root, procedure, &files[i], &school_ids, rules);
                    let (r, d) = joined(procedure, read, folded);
                    if let (Some(cache), Some(key), false) = (cache, key, d.has_errors()) {
                        let entry = ToCache {
                            results: &r,
                            warnings: &d,
                        };
                        cache.put("results", key, &entry);
                    }
                    (r, d)
                }
            };
            if keep == Keep::RowsAside {
                set_aside(procedure, &mut r, &mut d);
            }
            (r, d)
        })
        .collect();
    let out = read
        .into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect();
    finish(procedures, out, keys, diags)
}

/// One procedure's results as read from its files: joined, in a deterministic order
/// whatever order the files were read in, and folded into counters if `folded`.
fn joined(
    procedure: &Procedure,
    read: Vec<(String, results::FileResults)>,
    folded: bool,
) -> (Results, Diagnostics) {
    let (mut r, d) = merge(read);
    r.participants
        .sort_by(|a, b| (a.school, &a.class, &a.code).cmp(&(b.school, &b.class, &b.code)));
    if folded {
        r.fold(procedure, false);
    }
    (r, d)
}

/// Folds the rows into counters and sets them aside on disk; a failure to write them is an
/// error of the build, at the procedure's results folder.
fn set_aside(procedure: &Procedure, r: &mut Results, d: &mut Diagnostics) {
    if let Err(e) = r.set_aside(procedure) {
        let temp = std::env::temp_dir();
        d.error(
            Location::file(format!("data/results/{}/{}", procedure.year, procedure.id)),
            "temporary-file",
            format!(
                "строки процедуры {} не удалось отложить во временный файл в {}: {e}; освободите место там или укажите другую папку переменной TMPDIR",
                procedure.id,
                temp.display()
            ),
        );
    }
}

/// Reads one procedure's files in parallel, each with its path relative to the root.
fn read_files(
    root: &Path,
    procedure: &Procedure,
    files: &[PathBuf],
    school_ids: &HashMap<String, u32>,
    rules: results::Rules,
) -> Vec<(String, results::FileResults)> {
    files
        .par_iter()
        .map(|path| {
            let rel = relative(root, path);
            let r = results::read_file(path, &rel, procedure, school_ids, rules);
            (rel.to_string_lossy().replace('\\', "/"), r)
        })
        .collect()
}

/// Joins the files of one procedure; a participant code met twice in one school is an error.
fn merge(read: Vec<(String, results::FileResults)>) -> (Results, Diagnostics) {
    let (mut r, mut d) = (Results::default(), Diagnostics::default());
    // (school, code) → where it was first met, as (file, sheet, row) indices into `sources`;
    // a location is spelled out only for a message.
    let mut seen: HashMap<(u32, Box<str>), (usize, u32, u32)> = HashMap::new();
    let mut sources: Vec<(String, Vec<Option<String>>)> = Vec::new();
    for (rel, file) in read {
        d.extend(file.diagnostics);
        r.files.push(rel.clone());
        r.absent += file.absent;
        r.skipped += file.skipped;
        for (school, (absent, skipped)) in file.left_out {
            let entry = r.left_out.entry(school).or_default();
            entry.0 += absent;
            entry.1 += skipped;
        }
        let file_no = sources.len();
        sources.push((rel, file.sheets));
        for (p, (sheet, row)) in file.participants.into_iter().zip(file.origins) {
            let key = (p.school, p.code.clone());
            if let Some(&(f, first_sheet, first_row)) = seen.get(&key) {
                let at = |f: usize, sheet: u32, row: u32| {
                    let (rel, sheets) = &sources[f];
                    Location {
                        file: rel.into(),
                        sheet: sheets.get(sheet as usize).cloned().flatten(),
                        row: Some(row as usize),
                        column: None,
                    }
                };
                let first = at(f, first_sheet, first_row);
                d.error(
                    at(file_no, sheet, row),
                    "duplicate-participant",
                    format!(
                        "код участника «{}» уже встречался в {}{}, строка {}: у каждого участника процедуры свой код",
                        p.code,
                        first.file.display(),
                        first.sheet.as_deref().map(|s| format!(", лист «{s}»")).unwrap_or_default(),
                        first.row.unwrap_or(0)
                    ),
                );
                continue;
            }
            seen.insert(key, (file_no, sheet, row));
            r.participants.push(p);
        }
    }
    r.read = r.participants.len() as u64;
    (r, d)
}

/// Every procedure's results with their cache key; a procedure without files is a warning.
fn finish(
    procedures: &[Procedure],
    out: Vec<Results>,
    keys: Vec<Option<Key>>,
    diags: &mut Diagnostics,
) -> Vec<Results> {
    procedures
        .iter()
        .zip(out)
        .zip(keys)
        .map(|((p, mut r), key)| {
            r.source = key;
            if r.files.is_empty() {
                diags.warning(
                    Location::file(format!("data/results/{}/{}", p.year, p.id)),
                    "no-results",
                    format!("у процедуры {} нет файлов с результатами", p.id),
                );
            }
            r
        })
        .collect()
}

/// Result files in one procedure's folder; refuses links that lead outside the root.
fn result_files(
    root: &Path,
    canonical_root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                diags.error(
                    Location::file(relative(root, &path)),
                    "read-failed",
                    format!("не удалось прочитать: {e}"),
                );
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !results::RESULT_EXTENSIONS.contains(&ext.as_str()) {
            diags.warning(
                Location::file(relative(root, path)),
                "unknown-file",
                "файл пропущен: читаются только .xlsx, .xls, .ods и .csv",
            );
            continue;
        }
        match path.canonicalize() {
            Ok(real) if real.starts_with(canonical_root) => files.push(path.to_path_buf()),
            Ok(real) => diags.error(
                Location::file(relative(root, path)),
                "outside-root",
                format!(
                    "файл результатов ведёт за пределы папки проекта ({}): скопируйте файл в папку проекта",
                    real.display()
                ),
            ),
            Err(e) => diags.error(Location::file(relative(root, path)), "read-failed", e.to_string()),
        }
    }
    files
}

/// `data/results/<year>/<id>/` folders with no `data/procedures/<year>/<id>.yaml` (a file that
/// exists but does not parse has its own error; its results are not reported again).
fn unclaimed_result_folders(root: &Path, diags: &mut Diagnostics) {
    let base = root.join("data/results");
    let Ok(years) = std::fs::read_dir(&base) else {
        return;
    };
    let mut found: Vec<PathBuf> = years
        .filter_map(Result::ok)
        .filter(|y| y.path().is_dir())
        .flat_map(|y| {
            std::fs::read_dir(y.path())
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .map(|e| e.path())
        })
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    for dir in found {
        let year = dir.parent().and_then(Path::file_name).unwrap_or_default();
        let procedure = root
            .join("data/procedures")
            .join(year)
            .join(format!("{}.yaml", file_stem(&dir)));
        if !procedure.is_file() {
            diags.error(
                Location::file(relative(root, &dir)),
                "unclaimed-results",
                "для этой папки результатов нет процедуры: ожидается data/procedures/<год>/<id>.yaml с тем же годом и id",
            );
        }
    }
}
