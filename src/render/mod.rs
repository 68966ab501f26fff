//! Rendering: every page of the site as bytes, from the project and its analysis.
//!
//! 1. Load the theme (templates compiled once).
//! 2. List the pages: each is an output path, a template and a small context of
//!    that page's own figures (never the whole site).
//! 3. Build and render them in parallel, each straight into the sink; every file's
//!    bytes depend only on its own data, so the site is the same whatever the thread count.

pub mod graphs;
pub mod markdown;
pub mod open_data;
pub mod pages;
pub mod theme;
pub mod view;

use std::collections::HashSet;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::analyse::Analysis;
use crate::config::Audience;
use crate::diag::OkoError;
use crate::links::{self, BrokenLink, PageLinks};
use crate::model::Project;
use crate::write::Sink;

/// What the render stage needs besides the project and the analysis.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub audience: Audience,
    /// "As of" date for overdue measures.
    pub as_of: NaiveDate,
}

/// A page to render: where it goes, with which template, and its own data.
pub struct PageJob {
    /// Output path, e.g. `schools/sch01/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

/// A link in navigation or breadcrumbs; `href` is relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

impl Link {
    pub fn new(title: impl Into<String>, href: impl Into<String>) -> Link {
        Link {
            title: title.into(),
            href: href.into(),
        }
    }
}

/// The relative prefix from a page to the site root: `schools/x/index.html` → `../../`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What rendering wrote: counts for the report, broken links for the review.
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
    pub broken: Vec<BrokenLink>,
}

/// Renders the whole site into `sink`. Each page is built, rendered, handed to the sink and
/// dropped in one parallel step; only its links are kept, to be checked at the end.
pub fn render(
    project: &Project,
    analysis: &Analysis,
    options: &RenderOptions,
    root: &std::path::Path,
    sink: &dyn Sink,
) -> Result<Rendered, OkoError> {
    let theme = theme::load(root, &project.config.theme)?;
    let site = pages::SiteContext::new(project, analysis, options);
    let rendered: Vec<PageLinks> = pages::list(&site)
        .par_iter()
        .map(|page| {
            let job = page.build(&site);
            let html = render_page(&theme, &job)?;
            sink.put(&job.path, html.as_bytes())?;
            Ok(PageLinks::of(&job.path, &html))
        })
        .collect::<Result<_, OkoError>>()?;
    let pages: Vec<String> = rendered.iter().map(|p| p.page.clone()).collect();
    let mut files = pages.clone();
    for (name, bytes) in &theme.static_files {
        let path = format!("static/{name}");
        sink.put(&path, bytes)?;
        files.push(path);
    }
    for output in pages::extra_files(&site, &pages) {
        sink.put(&output.path, &output.bytes)?;
        files.push(output.path);
    }
    files.extend(open_data::write(project, sink, &|i| {
        Ok(open_data::fragment(project, analysis, options.audience, i))
    })?);
    let known: HashSet<&str> = files.iter().map(String::as_str).collect();
    Ok(Rendered {
        pages: pages.len(),
        files: files.len(),
        broken: links::broken(&rendered, &known),
    })
}

fn render_page(theme: &theme::Theme, job: &PageJob) -> Result<String, OkoError> {
    theme
        .tera
        .render(job.template, &job.context)
        .map_err(|e| OkoError::Template {
            template: job.template.to_string(),
            message: error_chain(&e),
        })
}

fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("schools/index.html"), "../");
        assert_eq!(root_prefix("schools/a/vpr/index.html"), "../../../");
    }
}
