//! Internal links of the rendered site: every `href`/`src` must point at a file the build
//! writes. Run before anything is written, so a broken site is never published.

use std::collections::HashSet;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, e.g. `about/index.html`.
    pub page: String,
    pub link: String,
}

/// Values of `href="…"` and `src="…"` in an HTML page. Every page is scanned, so the
/// search is memchr's vectorised one, not `str::find`'s (a fortieth of a build).
pub fn links(html: &str) -> Vec<String> {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static ATTRIBUTES: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new(" href=\""), Finder::new(" src=\"")]);
    let mut out = Vec::new();
    for attr in ATTRIBUTES.iter() {
        let mut rest = html;
        while let Some(i) = attr.find(rest.as_bytes()) {
            rest = &rest[i + attr.needle().len()..];
            if let Some(end) = memchr::memchr(b'"', rest.as_bytes()) {
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

/// The internal links of one rendered page, kept after its bytes are written, so the whole
/// site can be checked without holding it in memory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageLinks {
    /// The page, e.g. `about/index.html`.
    pub page: String,
    /// Each distinct internal link as written, with the file it resolves to; `None` for a
    /// root-relative link, which breaks on sub-paths and `file://`.
    pub links: Vec<(String, Option<String>)>,
}

impl PageLinks {
    /// Collects the internal links of `html`, the page at `page`.
    pub fn of(page: &str, html: &str) -> PageLinks {
        let mut links: Vec<(String, Option<String>)> = links(html)
            .into_iter()
            .filter(|l| is_internal(l))
            .map(|l| {
                let target = (!l.starts_with('/')).then(|| resolve(page, &l));
                (l, target)
            })
            .collect();
        links.sort();
        links.dedup();
        PageLinks {
            page: page.to_string(),
            links,
        }
    }
}

impl PageLinks {
    /// The links that lead to none of `pages`: only these wait for the site's other files to
    /// be known, so a region's pages do not each keep all their links until the end.
    pub fn beyond(&self, pages: &HashSet<String>) -> PageLinks {
        PageLinks {
            page: self.page.clone(),
            links: self
                .links
                .iter()
                .filter(|(_, target)| target.as_ref().is_none_or(|t| !pages.contains(t)))
                .cloned()
                .collect(),
        }
    }
}

/// Every internal link of the checked pages that has no file behind it. The 404 page is
/// served from any depth, so its links are not checked.
pub fn broken(pages: &[PageLinks], files: &HashSet<&str>) -> Vec<BrokenLink> {
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.page != "404.html") {
        for (link, target) in &page.links {
            if target.as_deref().is_none_or(|t| !files.contains(t)) {
                out.push(BrokenLink {
                    page: page.page.clone(),
                    link: link.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.page, &a.link).cmp(&(&b.page, &b.link)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> PageLinks {
        PageLinks::of(path, html)
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
        let files: HashSet<&str> = ["index.html", "about/index.html"].into();
        let broken = broken(&site, &files);
        assert_eq!(broken.len(), 2);
        assert_eq!(broken[0].link, "../nowhere/index.html");
        assert_eq!(
            broken[1].link, "/abs.png",
            "root-relative links break on sub-paths and file://"
        );
    }
}
