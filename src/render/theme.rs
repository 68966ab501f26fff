//! The theme: Tera templates and static files, from `themes/<name>/` of the project
//! or, for the default theme when the project has none, built into the binary.

use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use crate::cache::{Key, KeyBuilder};
use crate::diag::OkoError;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, so that `oko build --root` works for any project.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "index.html",
    "procedures.html",
    "procedure.html",
    "municipalities.html",
    "municipality.html",
    "schools.html",
    "school.html",
    "school_procedure.html",
    "class.html",
    "print.html",
    "clusters.html",
    "cluster.html",
    "roadmaps.html",
    "roadmap.html",
    "year.html",
    "parents.html",
    "page.html",
    "methodology.html",
    "documents.html",
    "open_data.html",
    "search.html",
    "choice.html",
    "support.html",
    "risks.html",
    "skills.html",
    "deficits.html",
    "404.html",
);

const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../themes/default/static/site.js"),
    ),
];

/// Templates compiled once, and the static files to copy.
pub struct Theme {
    pub tera: Tera,
    pub static_files: Vec<(String, Vec<u8>)>,
    /// A hash of every template and static file: part of each cached page's key.
    pub fingerprint: Key,
}

fn template_error(name: &str, e: tera::Error) -> OkoError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    OkoError::Template {
        template: name.to_string(),
        message,
    }
}

/// Loads `themes/<name>` from the project, falling back to the built-in default theme.
pub fn load(root: &Path, name: &str) -> Result<Theme, OkoError> {
    let dir = root.join("themes").join(name);
    let mut tera = Tera::default();
    let mut static_files = Vec::new();
    let mut fingerprint = KeyBuilder::new("theme");
    if dir.join("templates").is_dir() {
        let mut templates = Vec::new();
        for entry in WalkDir::new(dir.join("templates")).sort_by_file_name() {
            let entry = entry.map_err(|e| OkoError::io(dir.join("templates"), e.into()))?;
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(dir.join("templates"))
                    .unwrap_or(entry.path());
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| OkoError::io(entry.path(), e))?;
                templates.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
        if dir.join("static").is_dir() {
            for entry in WalkDir::new(dir.join("static")).sort_by_file_name() {
                let entry = entry.map_err(|e| OkoError::io(dir.join("static"), e.into()))?;
                if entry.file_type().is_file() {
                    let rel = entry
                        .path()
                        .strip_prefix(dir.join("static"))
                        .unwrap_or(entry.path());
                    let bytes =
                        std::fs::read(entry.path()).map_err(|e| OkoError::io(entry.path(), e))?;
                    static_files.push((rel.to_string_lossy().replace('\\', "/"), bytes));
                }
            }
        }
        fingerprint.str("templates");
        for (name, text) in &templates {
            fingerprint.str(name).str(text);
        }
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(&dir.display().to_string(), e))?;
    } else if name == "default" {
        for (name, text) in DEFAULT_TEMPLATES {
            fingerprint.str(name).str(text);
        }
        tera.add_raw_templates(DEFAULT_TEMPLATES.to_vec())
            .map_err(|e| template_error("default", e))?;
        static_files = DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
    } else {
        return Err(OkoError::Usage(format!(
            "тема «{name}» не найдена: ожидается папка {}",
            dir.join("templates").display()
        )));
    }
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    for (name, bytes) in &static_files {
        fingerprint.str(name).bytes(bytes);
    }
    Ok(Theme {
        tera,
        static_files,
        fingerprint: fingerprint.finish(),
    })
}

pub use crate::text::escape_html;

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_markup_but_not_paths() {
        assert_eq!(
            escape_html("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape_html("../schools/a/index.html"),
            "../schools/a/index.html"
        );
        assert_eq!(
            escape_html("МБОУ «СОШ» & \"Лицей\""),
            "МБОУ «СОШ» &amp; &quot;Лицей&quot;"
        );
    }
}
