//! Markdown pages from `content/`: front matter split off, the body kept as Markdown.

use std::path::Path;

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Location, relative};
use crate::load::yaml;
use crate::model::{ContentPage, FrontMatter};

/// Top-level paths the generator writes itself; a content page may not take them.
/// `content/methodology.md` is allowed: it becomes the introduction of the generated methodology page.
pub const RESERVED: [&str; 10] = [
    "procedures",
    "schools",
    "clusters",
    "roadmaps",
    "open-data",
    "static",
    "search",
    "choice",
    "support",
    "404",
];

/// Reads every `*.md` under `dir`, sorted by path. Drafts are kept; render leaves them out.
pub fn load(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<ContentPage> {
    let mut pages = Vec::new();
    if !dir.is_dir() {
        return pages;
    }
    let walker = WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.error(
                    Location::file(relative(root, dir)),
                    "read-failed",
                    e.to_string(),
                );
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = relative(root, path);
        match read_page(dir, path, &rel) {
            Ok(page) => {
                if RESERVED.contains(&page.slug.split('/').next().unwrap_or("")) {
                    diags.error(
                        Location::file(&rel),
                        "reserved-path",
                        format!(
                            "путь «/{}/» занят страницами, которые строит oko: переименуйте файл",
                            page.slug
                        ),
                    );
                } else {
                    pages.push(page);
                }
            }
            Err(d) => diags.push(*d),
        }
    }
    pages
}

fn read_page(dir: &Path, path: &Path, rel: &Path) -> Result<ContentPage, Box<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(
            Location::file(rel),
            "read-failed",
            format!("не удалось прочитать файл: {e}"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (meta, body) = split_front_matter(text).ok_or_else(|| {
        Diagnostic::error(
            Location::file(rel),
            "front-matter",
            "страница должна начинаться с YAML-заголовка между строками «---»",
        )
    })?;
    // Front matter starts on line 2: shift YAML line numbers to the file's.
    let meta: FrontMatter = yaml::parse(rel, meta).map_err(|mut d| {
        if let Some(row) = d.location.row.as_mut() {
            *row += 1;
        }
        d
    })?;
    if meta.title.trim().is_empty() {
        return Err(Diagnostic::error(
            Location::file(rel),
            "front-matter",
            "в заголовке страницы нет title",
        )
        .into());
    }
    let slug_path = path.strip_prefix(dir).unwrap_or(path).with_extension("");
    let mut slug = slug_path.to_string_lossy().replace('\\', "/");
    if slug == "index" || slug.ends_with("/index") {
        slug = slug
            .trim_end_matches("index")
            .trim_end_matches('/')
            .to_string();
    }
    if slug.is_empty() {
        return Err(Diagnostic::error(
            Location::file(rel),
            "reserved-path",
            "главную страницу строит oko; content/index.md не используется",
        )
        .into());
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '/')
    {
        return Err(Box::new(Diagnostic::error(
            Location::file(rel),
            "bad-path",
            "имя файла страницы становится адресом: используйте латиницу, цифры и дефис",
        )));
    }
    Ok(ContentPage {
        file: rel.to_path_buf(),
        slug,
        meta,
        markdown: body.to_string(),
    })
}

/// `---\n<yaml>\n---\n<body>` → (yaml, body).
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---")?
        .strip_prefix(['\n', '\r'])?
        .trim_start_matches('\n');
    let end = rest.find("\n---")?;
    let meta = &rest[..end];
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Some((meta, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_off() {
        let (m, b) = split_front_matter("---\ntitle: A\n---\n# Head\n").unwrap();
        assert_eq!(m, "title: A");
        assert_eq!(b, "# Head\n");
        assert!(split_front_matter("# no front matter").is_none());
    }
}
