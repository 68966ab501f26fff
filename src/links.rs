//! Internal links of the rendered site: every `href`/`src` must point at a file the build
//! writes. Run before anything is written, so a broken site is never published.

use std::collections::HashSet;

use crate::write::Output;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, e.g. `about/index.html`.
    pub page: String,
    pub link: String,
}

/// Values of `href="…"` and `src="…"` in an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Whether a link stays inside the site.
pub fn is_internal(link: &str) -> bool {
    !(link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
        || link.starts_with('#'))
}

/// Resolves a relative link from the page at `from` to a path inside the site.
pub fn resolve(from: &str, link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let path = parts.join("/");
    if link.ends_with('/') || path.is_empty() {
        format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string()
    } else {
        path
    }
}

/// Every internal link of every HTML page that has no file behind it.
pub fn broken(outputs: &[Output]) -> Vec<BrokenLink> {
    let files: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let mut out = Vec::new();
    for page in outputs
        .iter()
        .filter(|o| o.path.ends_with(".html") && o.path != "404.html")
    {
        let html = String::from_utf8_lossy(&page.bytes);
        for link in links(&html).into_iter().filter(|l| is_internal(l)) {
            if link.starts_with('/') || !files.contains(resolve(&page.path, &link).as_str()) {
                out.push(BrokenLink {
                    page: page.path.clone(),
                    link,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("schools/a/index.html", "../../index.html"),
            "index.html"
        );
        assert_eq!(
            resolve("about/index.html", "../schools/"),
            "schools/index.html"
        );
        assert_eq!(
            resolve("index.html", "static/style.css?v=1"),
            "static/style.css"
        );
        assert_eq!(resolve("a/index.html", "#top"), "a");
    }

    #[test]
    fn finds_links_to_missing_files_only() {
        let site = vec![
            page(
                "index.html",
                r##"<a href="about/index.html">a</a> <a href="https://x.org">x</a> <a href="#c">c</a>"##,
            ),
            page(
                "about/index.html",
                r#"<a href="../index.html">home</a> <a href="../nowhere/index.html">?</a> <img src="/abs.png">"#,
            ),
        ];
        let broken = broken(&site);
        assert_eq!(broken.len(), 2);
        assert_eq!(broken[0].link, "../nowhere/index.html");
        assert_eq!(
            broken[1].link, "/abs.png",
            "root-relative links break on sub-paths and file://"
        );
    }
}
