//! Reading a site project (DESIGN §2) into a validated `Project`.
//!
//! Steps: `oko.yaml` → municipality → schools → procedures → result files (in
//! parallel) → roadmaps → content. Every problem is collected; the project is
//! returned only when there is no error. This is the only stage that reads input files.

pub mod content;
pub mod header;
pub mod results;
pub mod sheet;
pub mod yaml;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::cache::{Cache, Key, KeyBuilder};
use crate::collate;
use crate::config::Config;
use crate::diag::{Diagnostics, Location, relative};
use crate::model::{Municipality, Procedure, ProcedureKind, Project, Results, Roadmap, School};

/// A loaded project and the warnings met on the way.
pub struct Loaded {
    pub project: Project,
    pub warnings: Diagnostics,
}

/// Loads and validates everything under `root`. On any error returns all problems found.
pub fn load_project(root: &Path) -> Result<Loaded, Diagnostics> {
    load_project_with(root, None)
}

/// Like [`load_project`], taking unchanged procedures' results from `cache`.
pub fn load_project_with(root: &Path, cache: Option<&Cache>) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        diags.error(
            Location::file(root),
            "no-root",
            "папка проекта сайта не найдена",
        );
        return Err(diags);
    }
    let config_path = root.join("oko.yaml");
    let config: Config = if config_path.exists() {
        yaml::read(root, &config_path).unwrap_or_else(|d| {
            diags.push(*d);
            Config::default()
        })
    } else {
        Config::default()
    };
    let municipality_path = root.join("data/municipality.yaml");
    let municipality: Option<Municipality> = yaml::read(root, &municipality_path)
        .map_err(|d| diags.push(*d))
        .ok();

    let schools = load_schools(root, &mut diags);
    let procedures = load_procedures(root, &mut diags);
    let results = load_results(root, &procedures, &schools, &config, cache, &mut diags);
    let roadmaps = load_roadmaps(root, &schools, &procedures, &mut diags);
    let pages = content::load(root, &root.join("content"), &mut diags);

    diags.sort();
    match municipality {
        Some(municipality) if !diags.has_errors() => {
            let mut warnings = Diagnostics::default();
            warnings.extend(diags);
            Ok(Loaded {
                project: Project {
                    config,
                    municipality,
                    schools,
                    procedures,
                    results,
                    roadmaps,
                    pages,
                },
                warnings,
            })
        }
        _ => Err(diags),
    }
}

/// `*.yaml` files directly in `dir`, sorted by name.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An id that can be part of a URL and a file name.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Checks that the `id:` inside a file equals its file name.
fn check_id(root: &Path, path: &Path, id: &str, what: &str, diags: &mut Diagnostics) -> bool {
    let stem = file_stem(path);
    let rel = relative(root, path);
    if id != stem {
        diags.error(
            Location::file(&rel),
            "id-mismatch",
            format!(
                "id {what} «{id}» не совпадает с именем файла «{stem}»: переименуйте файл или исправьте id"
            ),
        );
        return false;
    }
    if !is_slug(id) {
        diags.error(
            Location::file(&rel),
            "bad-id",
            format!(
                "id «{id}» должен состоять из латинских букв, цифр, «-» и «_»: он становится адресом страницы"
            ),
        );
        return false;
    }
    true
}

fn load_schools(root: &Path, diags: &mut Diagnostics) -> Vec<School> {
    let dir = root.join("data/schools");
    let mut schools = Vec::new();
    for path in yaml_files(&dir) {
        match yaml::read::<School>(root, &path) {
            Ok(school) => {
                if check_id(root, &path, &school.id, "школы", diags) {
                    schools.push(school);
                }
            }
            Err(d) => diags.push(*d),
        }
    }
    if schools.is_empty() && !diags.has_errors() {
        diags.error(
            Location::file("data/schools"),
            "no-schools",
            "нет ни одной школы: добавьте файлы data/schools/<id>.yaml",
        );
    }
    schools.sort_by(|a, b| {
        collate::compare(&a.short_name, &b.short_name).then_with(|| a.id.cmp(&b.id))
    });
    schools
}

fn load_procedures(root: &Path, diags: &mut Diagnostics) -> Vec<Procedure> {
    let dir = root.join("data/procedures");
    let mut years: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    years.sort();
    let mut procedures: Vec<Procedure> = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for year in years {
        for path in yaml_files(&year) {
            let rel = relative(root, &path);
            let mut procedure = match yaml::read::<Procedure>(root, &path) {
                Ok(p) => p,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            if !check_id(root, &path, &procedure.id, "процедуры", diags) {
                continue;
            }
            if let Some(first) = seen.insert(procedure.id.clone(), rel.clone()) {
                diags.error(
                    Location::file(&rel),
                    "duplicate-id",
                    format!(
                        "процедура «{}» уже описана в {}",
                        procedure.id,
                        first.display()
                    ),
                );
                continue;
            }
            procedure.year = file_stem(&year);
            validate_procedure(&procedure, &rel, diags);
            procedures.push(procedure);
        }
    }
    procedures.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    procedures
}

/// Checks the task plan, the scale and the ЕГЭ settings against each other.
fn validate_procedure(p: &Procedure, rel: &Path, diags: &mut Diagnostics) {
    let at = || Location::file(rel);
    if p.tasks.is_empty() {
        diags.error(
            at(),
            "no-tasks",
            "в плане процедуры нет ни одного задания (tasks:)",
        );
    }
    let mut ids = HashSet::new();
    for t in &p.tasks {
        if !ids.insert(header::normalise_task_id(&t.id)) {
            diags.error(
                at(),
                "duplicate-task",
                format!("задание «{}» встречается в плане дважды", t.id),
            );
        }
        if t.max == 0 {
            diags.error(
                at(),
                "bad-task",
                format!("у задания «{}» максимальный балл 0", t.id),
            );
        }
    }
    let max = p.max_primary();
    let mut previous = 0;
    for (&mark, &lowest) in &p.scale {
        if !(3..=5).contains(&mark) {
            diags.error(
                at(),
                "bad-scale",
                format!("в шкале отметка {mark}: ожидаются только 3, 4 и 5 (ниже порога «3» — отметка 2)"),
            );
        }
        if lowest > max {
            diags.error(
                at(),
                "bad-scale",
                format!(
                    "порог отметки {mark} ({lowest}) больше максимального первичного балла {max}"
                ),
            );
        }
        if lowest <= previous && previous > 0 {
            diags.error(at(), "bad-scale", format!("порог отметки {mark} ({lowest}) не больше порога предыдущей отметки ({previous}): шкала должна расти"));
        }
        previous = lowest;
    }
    if p.kind == ProcedureKind::Ege {
        if p.min_score.is_none() {
            diags.error(
                at(),
                "ege-min-score",
                "для ЕГЭ укажите min_score — минимальный тестовый балл",
            );
        }
        if !p.conversion.is_empty() && p.conversion.len() != max as usize + 1 {
            diags.error(
                at(),
                "ege-conversion",
                format!(
                    "таблица перевода conversion должна содержать {} значений (первичные баллы 0…{max}), а содержит {}",
                    max + 1,
                    p.conversion.len()
                ),
            );
        }
    } else if p.scale.is_empty() && p.kind != ProcedureKind::Internal {
        diags.error(
            at(),
            "no-scale",
            "нет шкалы перевода (scale:) первичных баллов в отметки",
        );
    }
}

/// What reading one procedure's files gave, as kept in the cache: its results and the
/// warnings met (a procedure with errors is never cached).
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedResults {
    results: Results,
    warnings: Diagnostics,
}

/// The cache key of a procedure's results: everything reading them depends on — the
/// procedure's definition, the school list (participants point into it), the bad-row policy
/// and every result file, by name and content.
fn results_key(
    root: &Path,
    procedure: &Procedure,
    files: &[PathBuf],
    schools: &[School],
    config: &Config,
) -> Option<Key> {
    let mut key = KeyBuilder::new("results");
    key.debug(procedure).debug(&config.bad_rows);
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
fn load_results(
    root: &Path,
    procedures: &[Procedure],
    schools: &[School],
    config: &Config,
    cache: Option<&Cache>,
    diags: &mut Diagnostics,
) -> Vec<Results> {
    let school_ids: HashMap<String, u32> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i as u32))
        .collect();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let files: Vec<Vec<PathBuf>> = procedures
        .iter()
        .map(|p| {
            let dir = root.join("data/results").join(&p.year).join(&p.id);
            result_files(root, &canonical_root, &dir, diags)
        })
        .collect();
    unclaimed_result_folders(root, diags);

    let keys: Vec<Option<Key>> = procedures
        .par_iter()
        .zip(&files)
        .map(|(p, files)| cache.and(results_key(root, p, files, schools, config)))
        .collect();
    let mut out: Vec<Option<Results>> = keys
        .iter()
        .map(|key| {
            let cached: CachedResults = cache?.get("results", key.as_ref()?)?;
            diags.extend(cached.warnings);
            Some(cached.results)
        })
        .collect();

    let jobs: Vec<(usize, &PathBuf)> = files
        .iter()
        .enumerate()
        .filter(|(i, _)| out[*i].is_none())
        .flat_map(|(i, files)| files.iter().map(move |f| (i, f)))
        .collect();
    let read: Vec<(usize, String, results::FileResults)> = jobs
        .par_iter()
        .map(|&(i, path)| {
            let rel = relative(root, path);
            let r = results::read_file(path, &rel, &procedures[i], &school_ids, config.bad_rows);
            (i, rel.to_string_lossy().replace('\\', "/"), r)
        })
        .collect();

    let mut fresh: BTreeMap<usize, (Results, Diagnostics)> = BTreeMap::new();
    let mut seen: Vec<HashMap<(u32, Box<str>), Location>> = vec![HashMap::new(); procedures.len()];
    for (i, rel, file) in read {
        let (r, d) = fresh.entry(i).or_default();
        d.extend(file.diagnostics);
        r.files.push(rel);
        r.absent += file.absent;
        r.skipped += file.skipped;
        for (p, origin) in file.participants.into_iter().zip(file.origins) {
            let key = (p.school, p.code.clone());
            if let Some(first) = seen[i].get(&key) {
                d.error(
                    origin.clone(),
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
            seen[i].insert(key, origin);
            r.participants.push(p);
        }
    }
    for (i, (mut r, d)) in fresh {
        // A deterministic order whatever order the files were read in.
        r.participants
            .sort_by(|a, b| (a.school, &a.class, &a.code).cmp(&(b.school, &b.class, &b.code)));
        if let (Some(cache), Some(key), false) = (cache, &keys[i], d.has_errors()) {
            let entry = CachedResults {
                results: r,
                warnings: d,
            };
            cache.put("results", key, &entry);
            diags.extend(entry.warnings);
            out[i] = Some(entry.results);
        } else {
            diags.extend(d);
            out[i] = Some(r);
        }
    }
    procedures
        .iter()
        .zip(out)
        .zip(keys)
        .map(|((p, r), key)| {
            let mut r = r.unwrap_or_default();
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

fn load_roadmaps(
    root: &Path,
    schools: &[School],
    procedures: &[Procedure],
    diags: &mut Diagnostics,
) -> Vec<Roadmap> {
    let by_id: BTreeMap<&str, &Procedure> = procedures.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut roadmaps = Vec::new();
    for path in yaml_files(&root.join("data/roadmaps")) {
        let rel = relative(root, &path);
        let roadmap: Roadmap = match yaml::read(root, &path) {
            Ok(r) => r,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        if !check_id(root, &path, &roadmap.id, "дорожной карты", diags) {
            continue;
        }
        let at = || Location::file(&rel);
        if roadmap.owner != "municipality" && !schools.iter().any(|s| s.id == roadmap.owner) {
            diags.error(
                at(),
                "unknown-owner",
                format!(
                    "владелец «{}» — не municipality и не id школы",
                    roadmap.owner
                ),
            );
        }
        for id in &roadmap.based_on {
            if !by_id.contains_key(id.as_str()) {
                diags.error(
                    at(),
                    "unknown-procedure",
                    format!("based_on: неизвестная процедура «{id}»"),
                );
            }
        }
        let mut measure_ids = HashSet::new();
        for m in &roadmap.measures {
            if !measure_ids.insert(&m.id) {
                diags.error(
                    at(),
                    "duplicate-measure",
                    format!("мероприятие «{}» встречается дважды", m.id),
                );
            }
            for target in &m.addresses {
                match by_id.get(target.procedure.as_str()) {
                    None => diags.error(
                        at(),
                        "unknown-procedure",
                        format!(
                            "мероприятие {}: неизвестная процедура «{}»",
                            m.id, target.procedure
                        ),
                    ),
                    Some(p)
                        if !p
                            .tasks
                            .iter()
                            .any(|t| t.skill.as_deref() == Some(target.skill.as_str())) =>
                    {
                        diags.error(
                            at(),
                            "unknown-skill",
                            format!(
                                "мероприятие {}: в плане процедуры {} нет умения «{}»",
                                m.id, p.id, target.skill
                            ),
                        )
                    }
                    Some(_) => {}
                }
            }
        }
        roadmaps.push(roadmap);
    }
    roadmaps
}
