//! Rendering: every page of the site as bytes, from the project and its analysis.
//!
//! 1. Load the theme (templates compiled once).
//! 2. List the pages: each is an output path, a template and a small context of
//!    that page's own figures (never the whole site).
//! 3. Render them in parallel; the result is sorted by path, so it is the same
//!    whatever the thread count.

pub mod graphs;
pub mod markdown;
pub mod open_data;
pub mod pages;
pub mod theme;
pub mod view;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::analyse::Analysis;
use crate::config::Audience;
use crate::diag::OkoError;
use crate::model::Project;
use crate::write::Output;

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

/// Renders the whole site.
pub fn render(
    project: &Project,
    analysis: &Analysis,
    options: &RenderOptions,
    root: &std::path::Path,
) -> Result<Vec<Output>, OkoError> {
    let theme = theme::load(root, &project.config.theme)?;
    let site = pages::SiteContext::new(project, analysis, options);
    let jobs = pages::all(&site);
    let mut outputs: Vec<Output> =
        jobs.par_iter()
            .map(|job| {
                let html = theme.tera.render(job.template, &job.context).map_err(|e| {
                    OkoError::Template {
                        template: job.template.to_string(),
                        message: error_chain(&e),
                    }
                })?;
                Ok(Output {
                    path: job.path.clone(),
                    bytes: html.into_bytes(),
                })
            })
            .collect::<Result<_, OkoError>>()?;
    for (name, bytes) in &theme.static_files {
        outputs.push(Output {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        });
    }
    outputs.extend(pages::extra_files(&site, &jobs));
    outputs.extend(open_data::files(project, analysis, options.audience));
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(outputs)
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
