//! Internal links of the rendered site: every `href`/`src` must point at a file the build
//! writes. Run before anything is written, so a broken site is never published.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, e.g. `about/index.html`.
    pub page: String,
    pub link: String,
}

/// Values of `href="…"` and `src="…"` in an HTML page. Every page is scanned, so the
/// search is memchr's vectorised one, not `str::find`'s (a fortieth of a build).
pub fn links(html: impl AsRef<[u8]>) -> Vec<String> {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static ATTRIBUTES: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new(" href=\""), Finder::new(" src=\"")]);
    let html = html.as_ref();
    let mut out = Vec::new();
    for attr in ATTRIBUTES.iter() {
        let mut rest = html;
        while let Some(i) = attr.find(rest) {
            rest = &rest[i + attr.needle().len()..];
            if let Some(end) = memchr::memchr(b'"', rest) {
                // Cut at ASCII quotes, so a page's UTF-8 stays whole in each value.
                out.push(String::from_utf8_lossy(&rest[..end]).replace("&amp;", "&"));
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
    pub fn of(page: &str, html: impl AsRef<[u8]>) -> PageLinks {
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

/// A link as written, with the file it resolves to (see [`PageLinks`]).
type Link = (String, Option<String>);

/// The links that lead to none of the site's pages, from every page as it is built: they
/// wait until the site's other files (theme, charts, open data) are known. Each distinct
/// link is kept once, with the pages it is on (by number), so a region's 300 000 pages do
/// not each keep their stylesheet's link until the end.
#[derive(Default)]
pub struct Waiting {
    links: Mutex<BTreeMap<Link, Vec<usize>>>,
}

impl Waiting {
    /// Keeps the links of page number `page` that lead to none of `pages`.
    pub fn add(&self, page: usize, links: &PageLinks, pages: &HashSet<&str>) {
        let mut waiting = self.links.lock().unwrap_or_else(|e| e.into_inner());
        for link in &links.links {
            if link.1.as_deref().is_some_and(|t| pages.contains(t)) {
                continue;
            }
            // Most pages wait on the same few files: look before copying the link.
            match waiting.get_mut(link) {
                Some(on) => on.push(page),
                None => {
                    waiting.insert(link.clone(), vec![page]);
                }
            }
        }
    }

    /// Every waiting link with no file behind it, on the page `paths[page]`, sorted by page
    /// and link. The 404 page is served from any depth, so its links are not checked.
    pub fn broken(self, paths: &[String], files: &HashSet<&str>) -> Vec<BrokenLink> {
        let waiting = self.links.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        for ((link, target), pages) in waiting {
            if target.as_deref().is_some_and(|t| files.contains(t)) {
                continue;
            }
            for page in pages {
                let page = &paths[page];
                if page != "404.html" {
                    out.push(BrokenLink {
                        page: page.clone(),
                        link: link.clone(),
                    });
                }
            }
        }
        out.sort_by(|a, b| (&a.page, &a.link).cmp(&(&b.page, &b.link)));
        out
    }
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
        let site = [
            page(
                "index.html",
                r##"<a href="about/index.html">a</a> <a href="https://x.org">x</a> <a href="#c">c</a> <a href="static/s.css">s</a>"##,
            ),
            page(
                "about/index.html",
                r#"<a href="../index.html">home</a> <a href="../nowhere/index.html">?</a> <img src="/abs.png"> <a href="../static/s.css">s</a>"#,
            ),
            page("404.html", r#"<a href="nowhere/index.html">?</a>"#),
            page("help/index.html", r#"<a href="../static/s.css">s</a>"#),
        ];
        let paths: Vec<String> = site.iter().map(|p| p.page.clone()).collect();
        let pages: HashSet<&str> = paths.iter().map(String::as_str).collect();
        let waiting = Waiting::default();
        for (n, links) in site.iter().enumerate() {
            waiting.add(n, links, &pages);
        }
        // Links to pages do not wait; a link written alike on two pages waits once.
        {
            let waiting = waiting.links.lock().expect("lock");
            assert_eq!(waiting.len(), 5);
            let css = (
                "../static/s.css".to_string(),
                Some("static/s.css".to_string()),
            );
            assert_eq!(waiting[&css], [1, 3]);
        }
        let files: HashSet<&str> = pages.iter().copied().chain(["static/s.css"]).collect();
        let broken = waiting.broken(&paths, &files);
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert_eq!(broken[0].link, "../nowhere/index.html");
        assert_eq!(
            broken[1].link, "/abs.png",
            "root-relative links break on sub-paths and file://"
        );
    }
}
