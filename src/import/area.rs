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
            let m: crate::model::Municipality = serde_yaml::from_str(&text).ok()?;
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
    let current: Option<String> = serde_yaml::from_str::<crate::model::Municipality>(&text)
        .ok()
        .and_then(|m| m.export_name);
    let listed = || {
        found
            .iter()
            .map(|(m, n)| format!("«{m}» ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let selected = match (&req.municipality, &current) {
        (Some(want), Some(have)) if want != have => {
            return Err(OkoError::Usage(format!(
                "проект уже ведёт муниципалитет «{have}» (export_name в data/municipality.yaml), а --municipality «{want}»"
            )));
        }
        (Some(want), _) | (None, Some(want)) => want.clone(),
        (None, None) if found.len() > 1 => {
            return Err(OkoError::Usage(format!(
                "в файле результатов {} муниципалитетов, а проект — одного: выберите его параметром --municipality \
                 (в файле: {})",
                found.len(),
                listed()
            )));
        }
        (None, None) => return Ok(None),
    };
    if !found.is_empty() && !found.contains_key(&selected) {
        return Err(OkoError::Usage(format!(
            "в файлах результатов нет муниципалитета «{selected}»; в них есть: {}",
            listed()
        )));
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
