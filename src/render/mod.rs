//! Rendering: every page of the site as bytes, from the project and its analysis.
//!
//! 1. Load the theme (templates compiled once).
//! 2. List the pages: each is an output path, a template and a small context of
//!    that page's own figures (never the whole site).
//! 3. Build and render them in parallel, each straight into the sink; every file's
//!    bytes depend only on its own data, so the site is the same whatever the thread count.

pub mod deps;
pub mod graphs;
pub mod markdown;
pub mod open_data;
pub mod pages;
pub mod theme;
pub mod view;

pub use pages::Page;

use std::collections::HashSet;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::cache::{self, Cache, Key, KeyBuilder, PageIndex, PageRecord};
use crate::config::Audience;
use crate::diag::OkoError;
use crate::links::{self, BrokenLink, PageLinks};
use crate::model::Project;
use crate::privacy::Published;
use crate::write::Sink;
use deps::{Inputs, NotesSource};

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

/// What rendering wrote: counts for the report, broken links for the review, and the
/// links of the cached pages for the cache's index.
pub struct Rendered {
    pub pages: usize,
    /// Pages taken from the build cache, unchanged.
    pub reused: usize,
    pub files: usize,
    pub broken: Vec<BrokenLink>,
    pub cached: PageIndex,
}

/// The inputs every page depends on, folded into one key: a page's own inputs are recorded
/// while it is built (see [`deps`]).
fn site_key(project: &Project, options: &RenderOptions, theme: &theme::Theme) -> Key {
    KeyBuilder::new("site")
        .debug(&options.audience)
        .debug(&options.as_of)
        .debug(&project.config)
        .debug(&project.municipality)
        .debug(&project.municipalities)
        .debug(&project.schools)
        .debug(&project.pages)
        .key(&theme.fingerprint)
        .finish()
}

/// A page's output and what it is made from.
struct Built {
    path: String,
    key: Option<Key>,
    inputs: Vec<deps::Input>,
    /// Every link, for the cache's record (with a cache only).
    links: Option<PageLinks>,
    /// The links that lead to no page, checked once every file is known.
    beyond: PageLinks,
    /// Taken from the cache.
    reused: bool,
}

/// What the pages are made from: the project, its analysis as the audience may see it, and
/// the participants' notes, published one procedure at a time as their pages need them.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub project: &'a Project,
    pub published: &'a Published,
    pub notes: NotesSource<'a>,
}

/// Renders the whole site into `sink`. Each page is built, rendered, handed to the sink and
/// dropped in one parallel step; only its links are kept, to be checked at the end. With a
/// cache, a page is taken from it when every input it read last time is unchanged.
pub fn render(
    sources: Sources,
    options: &RenderOptions,
    root: &std::path::Path,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    progress: &dyn Fn(&str),
) -> Result<Rendered, OkoError> {
    let Sources {
        project,
        published,
        notes,
    } = sources;
    let theme = theme::load(root, &project.config.theme)?;
    let nav = pages::navigation(project, options.audience);
    let inputs = Inputs::new(project, published, options, nav, notes);
    let site_key = site_key(project, options, &theme);
    let index = cache
        .map(|c| c.page_index(options.audience))
        .unwrap_or_default();
    let audience = options.audience;
    let listing = inputs.reader();
    let list = pages::list(&listing);
    let page_paths: HashSet<String> = list.iter().map(|p| p.path(&listing)).collect();
    let build = Build {
        inputs: &inputs,
        pages: &page_paths,
        theme: &theme,
        site_key: &site_key,
        index: &index,
        sink,
        cache,
        audience,
    };
    // Open data is made beside the pages, not after them: joining its tables writes one
    // file at a time, and the other core keeps rendering meanwhile.
    let (rendered, data_files) = rayon::join(
        || build.all(&list),
        || write_open_data(project, published, sink, cache, &site_key),
    );
    let rendered = rendered?;
    let pages: Vec<String> = rendered.iter().map(|b| b.path.clone()).collect();
    let mut files = pages.clone();
    for (name, bytes) in &theme.static_files {
        let path = format!("static/{name}");
        sink.put(&path, bytes)?;
        files.push(path);
    }
    for output in pages::extra_files(&listing, &pages) {
        sink.put(&output.path, &output.bytes)?;
        files.push(output.path);
    }
    files.extend(data_files?);
    progress("Проверка ссылок");
    let known: HashSet<&str> = files.iter().map(String::as_str).collect();
    let links: Vec<PageLinks> = rendered.iter().map(|b| b.beyond.clone()).collect();
    let broken = links::broken(&links, &known);
    Ok(Rendered {
        pages: pages.len(),
        reused: rendered.iter().filter(|b| b.reused).count(),
        files: files.len(),
        broken,
        cached: rendered
            .into_iter()
            .filter_map(|b| {
                let record = PageRecord {
                    key: b.key?,
                    inputs: b.inputs,
                    links: b.links?,
                };
                Some((b.path, record))
            })
            .collect(),
    })
}

/// What every page of one build is rendered with.
struct Build<'b, 'a> {
    inputs: &'b Inputs<'a>,
    /// Every page's path: a link to one of them is sound at once.
    pages: &'b HashSet<String>,
    theme: &'b theme::Theme,
    site_key: &'b Key,
    index: &'b PageIndex,
    sink: &'b dyn Sink,
    cache: Option<&'b Cache>,
    audience: Audience,
}

impl Build<'_, '_> {
    /// Every page, in the order of `list`. Pages showing participants' notes (classes and
    /// printable справки) come last, one procedure at a time, with only that procedure's
    /// notes in memory; they are made only if one of its pages is not in the cache.
    fn all(&self, list: &[Page]) -> Result<Vec<Built>, OkoError> {
        let procedures = self.inputs.reader().procedures().len();
        let mut staged: Vec<Vec<(usize, &Page)>> = vec![Vec::new(); procedures];
        let mut general = Vec::new();
        for (n, page) in list.iter().enumerate() {
            match page.notes_of() {
                Some(i) => staged[i].push((n, page)),
                None => general.push((n, page)),
            }
        }
        // One page per task: a cached page costs a hundredth of a rendered one, and the
        // pages that changed sit together in the list (one procedure's), so rayon's usual
        // halves would leave one core rendering them alone.
        let build = |pages: &[(usize, &Page)]| {
            pages
                .par_iter()
                .with_max_len(1)
                .map(|&(n, page)| Ok((n, self.page(page)?)))
                .collect::<Result<Vec<(usize, Built)>, OkoError>>()
        };
        let mut built = build(&general)?;
        for (i, pages) in staged.iter().enumerate() {
            if pages.is_empty() {
                continue;
            }
            if pages.iter().any(|(_, page)| !self.reusable(page)) {
                self.inputs.load_notes(i);
            }
            let done = build(pages);
            self.inputs.drop_notes();
            built.extend(done?);
        }
        built.sort_by_key(|(n, _)| *n);
        Ok(built.into_iter().map(|(_, b)| b).collect())
    }

    /// Whether the cache holds this page as it would be built now.
    fn reusable(&self, page: &Page) -> bool {
        let path = page.path(&self.inputs.reader());
        self.cache.is_some_and(|cache| {
            reuse(
                cache,
                self.inputs,
                self.site_key,
                self.index,
                self.audience,
                &path,
            )
            .is_some()
        })
    }

    /// One page: taken from the cache when what it read last time is unchanged, else built,
    /// rendered, stored and handed to the sink.
    fn page(&self, page: &Page) -> Result<Built, OkoError> {
        let (inputs, sink, audience) = (self.inputs, self.sink, self.audience);
        let path = page.path(&inputs.reader());
        if let Some(cache) = self.cache
            && let Some(hit) = reuse(cache, inputs, self.site_key, self.index, audience, &path)
            && sink.put_file(&path, &hit.0).is_ok()
        {
            let record = &self.index[&path];
            return Ok(Built {
                path,
                key: Some(hit.1),
                inputs: record.inputs.clone(),
                beyond: record.links.beyond(self.pages),
                links: Some(record.links.clone()),
                reused: true,
            });
        }
        let reader = inputs.reader();
        let mut job = page.build(&reader);
        if let Some(date) = reader.data_date() {
            job.context
                .insert("data_date", &date.format("%d.%m.%Y").to_string());
        }
        let html = render_page(self.theme, &job)?;
        let recorded = reader.recorded();
        let key = self
            .cache
            .and_then(|_| inputs.page_key(self.site_key, &job.path, &recorded));
        let stored = self
            .cache
            .zip(key.as_ref())
            .and_then(|(c, k)| c.put_page(audience, k, html.as_bytes()));
        if stored.is_none_or(|file| sink.put_file(&job.path, &file).is_err()) {
            sink.put(&job.path, html.as_bytes())?;
        }
        let links = PageLinks::of(&job.path, &html);
        Ok(Built {
            beyond: links.beyond(self.pages),
            links: key.is_some().then_some(links),
            reused: false,
            path: job.path,
            inputs: if key.is_some() { recorded } else { Vec::new() },
            key,
        })
    }
}

/// The cached file of a page whose recorded inputs are all unchanged, with its key.
fn reuse(
    cache: &Cache,
    inputs: &Inputs,
    site_key: &Key,
    index: &PageIndex,
    audience: Audience,
    path: &str,
) -> Option<(std::path::PathBuf, Key)> {
    let record = index.get(path)?;
    let key = inputs.page_key(site_key, path, &record.inputs)?;
    if key != record.key {
        return None;
    }
    Some((cache.page(audience, &key)?, key))
}

/// Open data, one fragment per procedure, taken from the cache when its procedure and the
/// site's inputs are unchanged (a fragment is made from its own procedure only). A cached
/// fragment is kept as files and joined by the kernel, not decoded and written again.
fn write_open_data(
    project: &Project,
    published: &Published,
    sink: &dyn Sink,
    cache: Option<&Cache>,
    site_key: &Key,
) -> Result<Vec<String>, OkoError> {
    use open_data::{PART_NAMES, Part};
    let audience = published.audience;
    let data_folder = cache::data_folder(audience);
    open_data::write(project, sink, &|i| {
        let key = cache.and(project.results[i].source.as_ref()).map(|source| {
            KeyBuilder::new("open-data")
                .key(site_key)
                .key(source)
                .finish()
        });
        if let (Some(cache), Some(key)) = (cache, &key)
            && let Some(files) = cache.parts(&data_folder, key, &PART_NAMES)
        {
            return Ok(Part::Stored(files));
        }
        let fragment = open_data::fragment(project, &published.analysis, audience, i);
        if let (Some(cache), Some(key)) = (cache, &key) {
            cache.put_parts(&data_folder, key, &PART_NAMES, &fragment.parts());
        }
        Ok(Part::Made(fragment))
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
mod tests;
