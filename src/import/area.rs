//! Where the rows of a results export belong: the project's one municipality (a regional
//! export is refused until `--municipality` names it, and the choice is kept as
//! `export_name`), or, in a region project, a municipality file for every «регион» value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::files::{self, Fate, Planned};
use super::{Inputs, Request, schools};
use crate::diag::OkoError;

/// Which rows of the results the project takes, and where their schools belong.
pub enum Scope {
    /// Every row (the file holds one municipality, or names none).
    All,
    /// The rows of one municipality, by its name in the export.
    One(String),
    /// A region: every row; municipality name → id.
    Region(BTreeMap<String, String>),
}

impl Scope {
    /// Whether rows of municipality `m` are taken, and the municipality id of their schools.
    pub fn takes(&self, m: &str) -> Option<Option<String>> {
        match self {
            Scope::All => Some(None),
            Scope::One(name) => (m.is_empty() || m == name).then_some(None),
            Scope::Region(ids) => Some(ids.get(m).cloned()),
        }
    }
}

/// Municipality name → rows, over every results file.
fn found(inputs: &Inputs) -> BTreeMap<String, u32> {
    let mut found: BTreeMap<String, u32> = BTreeMap::new();
    for t in &inputs.results {
        for (m, n) in schools::logins(t).municipalities {
            if !m.is_empty() {
                *found.entry(m).or_default() += n;
            }
        }
    }
    found
}

/// Decides the scope, planning the municipality files it needs.
pub fn scope(
    req: &Request,
    inputs: &Inputs,
    planned: &mut Vec<Planned>,
    notes: &mut Vec<String>,
) -> Result<Scope, OkoError> {
    if !req.root.join("data/region.yaml").is_file() {
        return Ok(match one_municipality(req, inputs, planned, notes)? {
            Some(name) => Scope::One(name),
            None => Scope::All,
        });
    }
    if let Some(m) = &req.municipality {
        return Err(OkoError::Usage(format!(
            "в проекте региона --municipality «{m}» не нужен: import берёт все муниципалитеты выгрузки"
        )));
    }
    let mut ids = existing(req);
    for name in found(inputs).into_keys() {
        if ids.contains_key(&name) {
            continue;
        }
        let mut id = crate::text::slug(&name);
        while ids.values().any(|v| *v == id) {
            id.push_str("-2");
        }
        let body = format!(
            "name: {}\n",
            serde_json::to_string(&name).unwrap_or_default()
        );
        let rel = PathBuf::from(format!("data/municipalities/{id}.yaml"));
        planned.push(files::plan(
            &req.root,
            rel,
            files::yaml_with_mark(&body),
            req.force,
        ));
        ids.insert(name, id);
    }
    Ok(Scope::Region(ids))
}

/// Municipality files already in the project: name → id.
fn existing(req: &Request) -> BTreeMap<String, String> {
    let dir = req.root.join("data/municipalities");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let id = path.file_stem()?.to_str()?.to_string();
            let text = std::fs::read_to_string(&path).ok()?;
            // A file that does not parse is left to the build, which names it.
            let m: crate::model::Municipality = crate::load::yaml::parse_or_none(&text)?;
            Some((m.name, id))
        })
        .collect()
}

/// The project's municipality among those of a regional export; records `export_name`.
fn one_municipality(
    req: &Request,
    inputs: &Inputs,
    planned: &mut Vec<Planned>,
    notes: &mut Vec<String>,
) -> Result<Option<String>, OkoError> {
    let found = found(inputs);
    let path = req.root.join("data/municipality.yaml");
    let text = std::fs::read_to_string(&path).map_err(|e| OkoError::io(&path, e))?;
    let current: Option<String> =
        crate::load::yaml::parse_or_none::<crate::model::Municipality>(&text)
            .and_then(|m| m.export_name);
    let selected = match (&req.municipality, &current) {
        (Some(want), Some(have)) if want != have => {
            return Err(OkoError::Usage(format!(
                "проект уже ведёт муниципалитет «{have}» (export_name в data/municipality.yaml), а --municipality «{want}»"
            )));
        }
        (Some(want), _) | (None, Some(want)) => want.clone(),
        (None, None) if found.len() > 1 => {
            return Err(OkoError::Usage(format!(
                "в файле результатов {}, а проект — одного: выберите его параметром --municipality, \
                 например --municipality {}\n{}",
                crate::text::counted(
                    found.len(),
                    "муниципалитет",
                    "муниципалитета",
                    "муниципалитетов"
                ),
                quoted_arg(found.keys().next().map_or("", String::as_str)),
                listing(&found)
            )));
        }
        (None, None) => return Ok(None),
    };
    if !found.is_empty() && !found.contains_key(&selected) {
        return Err(OkoError::Usage(not_found(&selected, &found)));
    }
    if current.is_none() {
        let line = format!(
            "export_name: {}",
            serde_json::to_string(&selected).unwrap_or_default()
        );
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        match lines
            .iter_mut()
            .find(|l| l.starts_with("# export_name:") || l.starts_with("export_name:"))
        {
            Some(commented) => *commented = line,
            None => lines.push(line),
        }
        let bytes = (lines.join("\n") + "\n").into_bytes();
        planned.push(Planned {
            rel: "data/municipality.yaml".into(),
            bytes,
            fate: Fate::Updated,
        });
        notes.push(format!(
            "строки других муниципалитетов не войдут в сайт: берутся только «{selected}»"
        ));
    }
    Ok(Some(selected))
}

/// A mistyped `--municipality`: the names it may have meant, or every name of the files.
fn not_found(want: &str, found: &BTreeMap<String, u32>) -> String {
    let like = similar(want, found.keys().map(String::as_str));
    match like.as_slice() {
        [] => format!(
            "в файлах результатов нет муниципалитета «{want}»; в них есть:\n{}",
            listing(found)
        ),
        [one] => format!(
            "в файлах результатов нет муниципалитета «{want}»; похоже, это «{one}» ({}): \
             повторите с --municipality {}",
            rows(found[*one]),
            quoted_arg(one)
        ),
        many => format!(
            "в файлах результатов нет муниципалитета «{want}»; похожие:\n{}\nповторите с одним из них в --municipality",
            many.iter()
                .map(|m| format!("  {m} — {}", rows(found[*m])))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The municipalities of the files, one per line with their rows.
fn listing(found: &BTreeMap<String, u32>) -> String {
    found
        .iter()
        .map(|(m, n)| format!("  {m} — {}", rows(*n)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn rows(n: u32) -> String {
    format!(
        "{} {}",
        crate::text::group_thousands(i64::from(n)),
        crate::text::plural(u64::from(n), "строка", "строки", "строк")
    )
}

/// A name as the shell takes it whole.
fn quoted_arg(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\\\""))
}

/// Names `want` may mean: those that hold it as words (case, «ё» and quotes aside), or,
/// when none does, the few closest in spelling.
fn similar<'a>(want: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let norm = |s: &str| -> String {
        s.to_lowercase()
            .replace('ё', "е")
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let want = norm(want);
    if want.is_empty() {
        return Vec::new();
    }
    let names: Vec<(&str, String)> = names.map(|n| (n, norm(n))).collect();
    let holding: Vec<&str> = names
        .iter()
        .filter(|(_, n)| n.contains(&want) || (want.contains(n.as_str()) && !n.is_empty()))
        .map(|(n, _)| *n)
        .collect();
    if !holding.is_empty() {
        return holding;
    }
    let mut close: Vec<(f64, &str)> = names
        .iter()
        .map(|(n, norm)| (strsim::jaro_winkler(&want, norm), *n))
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    close.into_iter().take(3).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> BTreeMap<String, u32> {
        [
            ("город Барнаул", 7738),
            ("город Бийск", 3120),
            ("Алейский муниципальный район", 401),
            ("Алтайский муниципальный район", 388),
        ]
        .into_iter()
        .map(|(n, r)| (n.to_string(), r))
        .collect()
    }

    #[test]
    fn a_part_of_the_name_finds_it() {
        let m = not_found("Барнаул", &names());
        assert_eq!(
            m,
            "в файлах результатов нет муниципалитета «Барнаул»; похоже, это «город Барнаул» \
             (7738 строк): повторите с --municipality \"город Барнаул\""
        );
        assert_eq!(
            similar("алтайский", names().keys().map(String::as_str)),
            ["Алтайский муниципальный район"]
        );
    }

    #[test]
    fn a_misspelling_finds_the_closest_names_and_nothing_lists_all() {
        assert_eq!(
            similar(
                "Алейскй муниципальный район",
                names().keys().map(String::as_str)
            ),
            [
                "Алейский муниципальный район",
                "Алтайский муниципальный район"
            ]
        );
        let m = not_found("Москва", &names());
        assert!(m.starts_with("в файлах результатов нет муниципалитета «Москва»; в них есть:\n  Алейский муниципальный район — 401 строка\n"), "{m}");
        assert_eq!(m.lines().count(), 5, "{m}");
    }
}
