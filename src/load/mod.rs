//! Reading a site project (DESIGN §2) into a validated `Project`.
//!
//! Steps: `oko.yaml` → municipality → schools → procedures → result files (in
//! parallel) → roadmaps → content. Every problem is collected; the project is
//! returned only when there is no error. This is the only stage that reads input files.

mod answers;
mod area;
pub(crate) mod cells;
mod collect;
mod contain;
pub mod content;
pub mod documents;
pub mod guard;
pub mod header;
mod printed;
mod procedures;
pub mod results;
mod row;
pub mod sheet;
pub mod stream;
pub mod yaml;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cache::Cache;
use crate::collate;
use crate::config::{Audience, Config};
use crate::diag::{Diagnostics, Location, relative};
use crate::model::{Owner, Procedure, Project, Roadmap, School};

/// A loaded project and the warnings met on the way.
pub struct Loaded {
    /// The project.
    pub project: Project,
    /// Warnings met while loading.
    pub warnings: Diagnostics,
}

/// Loads and validates everything under `root`. On any error returns all problems found.
/// Every row is kept.
pub fn load_project(root: &Path) -> Result<Loaded, Diagnostics> {
    load_for(root, None, None)
}

/// Loads the project for a build whose audience is `audience` (the command line's), or the
/// project's own when `None`, taking unchanged procedures' results from `cache`. Each
/// procedure's rows are folded into per-school counters as it is read, so memory grows with
/// schools, not pupils: a public build shows nothing below the grade and drops the rows; an
/// internal build sets them aside on disk for its class pages.
pub fn load_for_build(
    root: &Path,
    cache: Option<&Cache>,
    audience: Option<Audience>,
) -> Result<Loaded, Diagnostics> {
    load_for(root, cache, Some(audience))
}

/// `build`: `None` keeps every row; `Some(requested)` folds them for a build.
fn load_for(
    root: &Path,
    cache: Option<&Cache>,
    build: Option<Option<Audience>>,
) -> Result<Loaded, Diagnostics> {
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
    let area = area::load(root, &mut diags);
    let (mut schools, broken) = load_schools(root, &mut diags);
    area::assign(root, &mut schools, &area, &mut diags);
    let municipalities = area.municipalities;
    let mut procedures = procedures::load(root, &mut diags);
    procedures::check_observers(&procedures, &schools, &mut diags);
    if !municipalities.is_empty() {
        procedures::without_region_benchmarks(&mut procedures, &mut diags);
    }
    if schools.is_empty() && !diags.has_errors() {
        // A new project (oko init) builds at once; results need their schools.
        let (code, message) = (
            "no-schools",
            "нет ни одной школы: добавьте файлы data/schools/<id>.yaml или возьмите их из результатов командой oko import",
        );
        if procedures.is_empty() {
            diags.warning(Location::file("data/schools"), code, message);
        } else {
            diags.error(Location::file("data/schools"), code, message);
        }
    }
    let rules = results::Rules {
        bad_rows: config.bad_rows,
        municipality: area.main.as_ref().and_then(|m| m.export_name.as_deref()),
    };
    let keep = match build.map(|requested| requested.unwrap_or(config.audience)) {
        None => collect::Keep::Rows,
        Some(Audience::Public) => collect::Keep::Counters,
        Some(Audience::Internal) => collect::Keep::RowsAside,
    };
    let results =
        collect::load_results(root, &procedures, &schools, rules, keep, cache, &mut diags);
    // A school whose file could not be read is reported once, not again on every row.
    diags.retain(|d| {
        d.code != "unknown-school"
            || !broken
                .iter()
                .any(|id| d.message.contains(&format!("«{id}»")))
    });
    let mut documents = BTreeMap::new();
    let roadmaps = load_roadmaps(
        root,
        &Known {
            schools: &schools,
            municipalities: &municipalities,
            procedures: &procedures,
        },
        &mut documents,
        &mut diags,
    );
    let pages = content::load(root, &root.join("content"), &mut diags);

    diags.sort();
    match area.main {
        Some(municipality) if !diags.has_errors() => {
            let mut warnings = Diagnostics::default();
            warnings.extend(diags);
            Ok(Loaded {
                project: Project {
                    config,
                    municipality,
                    municipalities,
                    schools,
                    procedures,
                    results,
                    roadmaps,
                    documents,
                    pages,
                    region_part: None,
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
pub(crate) fn is_slug(id: &str) -> bool {
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

/// The schools, and the ids (file names) of school files that could not be read.
fn load_schools(root: &Path, diags: &mut Diagnostics) -> (Vec<School>, Vec<String>) {
    let dir = root.join("data/schools");
    let mut schools = Vec::new();
    let mut broken = Vec::new();
    for path in yaml_files(&dir) {
        match yaml::read::<School>(root, &path) {
            Ok(mut school) if check_id(root, &path, &school.id, "школы", diags) => {
                // Pages print (and lists sort by) the name as an office writes it.
                school.name = printed::printed_name(&school.name);
                school.short_name = printed::printed_name(&school.short_name);
                schools.push(school)
            }
            Ok(_) => broken.push(file_stem(&path)),
            Err(d) => {
                diags.push(*d);
                broken.push(file_stem(&path));
            }
        }
    }
    schools.sort_by(|a, b| {
        collate::compare(&a.short_name, &b.short_name).then_with(|| a.id.cmp(&b.id))
    });
    (schools, broken)
}

/// What roadmaps may refer to.
struct Known<'a> {
    schools: &'a [School],
    municipalities: &'a [crate::model::Municipality],
    procedures: &'a [Procedure],
}

fn load_roadmaps(
    root: &Path,
    known: &Known,
    documents: &mut BTreeMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) -> Vec<Roadmap> {
    let by_id: BTreeMap<&str, &Procedure> = known
        .procedures
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut roadmaps = Vec::new();
    for path in yaml_files(&root.join("data/roadmaps")) {
        let mut roadmap: Roadmap = match yaml::read(root, &path) {
            Ok(r) => r,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        if !check_id(root, &path, &roadmap.id, "дорожной карты", diags) {
            continue;
        }
        let at = Location::file(relative(root, &path));
        roadmap.resolved = resolve_owner(&roadmap.owner, known.schools, known.municipalities);
        check_roadmap(&roadmap, &by_id, &at, diags);
        documents::check(root, &roadmap, &at, documents, diags);
        roadmaps.push(roadmap);
    }
    roadmaps
}

/// What a roadmap's `owner:` names: the whole area, a region's municipality, or a school.
fn resolve_owner(
    owner: &str,
    schools: &[School],
    municipalities: &[crate::model::Municipality],
) -> Option<Owner> {
    if matches!(owner, "municipality" | "region") {
        Some(Owner::Municipality)
    } else if municipalities.iter().any(|m| m.id == owner) {
        Some(Owner::Area(owner.to_string()))
    } else {
        schools
            .iter()
            .any(|s| s.id == owner)
            .then(|| Owner::School(owner.to_string()))
    }
}

/// A roadmap's references: its owner, the procedures it is based on, and the procedure and
/// skill of every deficit its measures address.
fn check_roadmap(
    roadmap: &Roadmap,
    by_id: &BTreeMap<&str, &Procedure>,
    at: &Location,
    diags: &mut Diagnostics,
) {
    let mut error = |code: &'static str, message: String| diags.error(at.clone(), code, message);
    if roadmap.resolved.is_none() {
        let message = format!(
            "владелец «{}» — не municipality (или region), не id муниципалитета региона и не id школы",
            roadmap.owner
        );
        error("unknown-owner", message);
    }
    for id in &roadmap.based_on {
        if !by_id.contains_key(id.as_str()) {
            error(
                "unknown-procedure",
                format!("based_on: неизвестная процедура «{id}»"),
            );
        }
    }
    let mut measure_ids = HashSet::new();
    for m in &roadmap.measures {
        if !measure_ids.insert(&m.id) {
            error(
                "duplicate-measure",
                format!("мероприятие «{}» встречается дважды", m.id),
            );
        }
        let indicators = m.indicators.iter().filter_map(|i| i.skill.as_ref());
        for target in m.addresses.iter().chain(indicators) {
            match by_id.get(target.procedure.as_str()) {
                None => error(
                    "unknown-procedure",
                    format!(
                        "мероприятие {}: неизвестная процедура «{}»",
                        m.id, target.procedure
                    ),
                ),
                Some(p) if !p.has_skill(&target.skill) => error(
                    "unknown-skill",
                    format!(
                        "мероприятие {}: в плане процедуры {} нет умения «{}»",
                        m.id, p.id, target.skill
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}
