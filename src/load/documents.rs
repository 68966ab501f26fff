//! The files of decisions that roadmap measures cite (`data/documents/`): each must be
//! there, inside that folder, and is read once so the site can publish it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostics, Location};
use crate::model::{Document, Roadmap};

/// Where decision files live, relative to the project.
pub const FOLDER: &str = "data/documents";

/// Checks every decision of `roadmap` and reads the files they name into `files`.
pub fn check(
    root: &Path,
    roadmap: &Roadmap,
    at: &Location,
    files: &mut BTreeMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) {
    for m in &roadmap.measures {
        let Some(Document::Decision(d)) = &m.document else {
            continue;
        };
        let mut error = |code: &'static str, message: String| {
            diags.error(at.clone(), code, format!("мероприятие {}: {message}", m.id));
        };
        if d.kind.trim().is_empty() {
            error(
                "document-kind",
                "у документа не указан вид (kind: приказ, протокол…)".into(),
            );
        }
        if d.file.is_some() && d.url.is_some() {
            error(
                "document-source",
                "у документа указаны и file, и url: оставьте одно".into(),
            );
        }
        if let Some(url) = &d.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            error("document-url", format!("url «{url}» — не адрес http(s)://"));
        }
        let Some(name) = &d.file else { continue };
        let inside = !name.is_empty()
            && Path::new(name)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            error(
                "document-file",
                format!(
                    "файл «{name}» должен лежать в {FOLDER}/ (путь без «..» и без «/» в начале)"
                ),
            );
            continue;
        }
        match std::fs::read(root.join(FOLDER).join(name)) {
            Ok(bytes) => {
                files.insert(name.clone(), bytes);
            }
            Err(e) => error(
                "document-file",
                format!("нет файла {FOLDER}/{name} ({e}): положите его туда или укажите url"),
            ),
        }
    }
}
