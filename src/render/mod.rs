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
pub mod stamp;
pub mod theme;
pub mod view;

mod cached;
mod page;
use page::render_page;

pub use pages::Page;

use std::collections::HashSet;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::cache::{Cache, IndexWriter, Key, KeyBuilder, PageIndex, PageRecord};
use crate::config::Audience;
use crate::diag::OkoError;
use crate::links::{BrokenLink, PageLinks, Waiting};
use crate::model::Project;
use crate::privacy::Published;
use crate::write::Sink;
pub use deps::DetailSources;
use deps::Inputs;

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

/// What rendering wrote: counts for the report, broken links for the review, and what
/// every page was made from, for the cache's index (with a writable cache).
pub struct Rendered {
    pub pages: usize,
    /// Pages taken from the build cache, unchanged.
    pub reused: usize,
    /// Pages whose content differs from the last build's (or that it did not make): they
    /// alone carry this build's date.
    pub changed: usize,
    pub files: usize,
    pub broken: Vec<BrokenLink>,
    pub index: Option<IndexWriter>,
}

/// What every procedure's published figures are made from besides its own results: the
/// settings, the municipalities and the schools, for one audience. Open data hangs on this
/// alone, so a content page or a template edited leaves it as it was.
fn data_key(project: &Project, options: &RenderOptions) -> Key {
    KeyBuilder::new("data")
        .debug(&options.audience)
        .debug(&project.config)
        .debug(&project.municipality)
        .debug(&project.municipalities)
        .debug(&project.schools)
        .finish()
}

/// The inputs every page depends on, folded into one key: a page's own inputs are recorded
/// while it is built (see [`deps`]). The «обновлено» date is not among them (see [`stamp`]).
fn site_key(project: &Project, data: &Key, theme: &theme::Theme) -> Key {
    KeyBuilder::new("site")
        .key(data)
        .debug(&project.pages)
        .key(&theme.fingerprint)
        .finish()
}

/// How a page came to be; what it was made from went to the cache's index, and its links
/// to the links waiting to be checked.
struct Built {
    /// Its number in the list of pages.
    n: usize,
    /// Taken from the cache.
    reused: bool,
    /// Its content differs from the last build's: it carries today's date.
    changed: bool,
    /// The «обновлено» date it carries.
    updated: NaiveDate,
}

/// What the pages are made from: the project, its analysis as the audience may see it, and
/// the class groups and participants' notes, published one procedure at a time as its
/// pages need them.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub project: &'a Project,
    pub published: &'a Published,
    pub detail: DetailSources<'a>,
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
        detail,
    } = sources;
    let theme = theme::load(root, &project.config.theme)?;
    let nav = pages::navigation(project, options.audience);
    let inputs = Inputs::new(project, published, options.clone(), nav, detail);
    let data_key = data_key(project, options);
    let site_key = site_key(project, &data_key, &theme);
    let today = stamp::PageDate::new(options.as_of);
    let index = cache
        .map(|c| c.page_index(options.audience))
        .unwrap_or_default();
    let index_out = cache.and_then(|c| c.index_writer(options.audience));
    let audience = options.audience;
    let listing = inputs.reader();
    let list = pages::list(&listing);
    let paths: Vec<String> = list.iter().map(|p| p.path(&listing)).collect();
    let page_paths: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let waiting = Waiting::default();
    let build = Build {
        inputs: &inputs,
        pages: &page_paths,
        theme: &theme,
        site_key: &site_key,
        today: &today,
        index: &index,
        index_out: index_out.as_ref(),
        waiting: &waiting,
        sink,
        cache,
        audience,
    };
    // Open data is made beside the pages, not after them: joining its tables writes one
    // file at a time, and the other core keeps rendering meanwhile.
    let (rendered, data_files) = rayon::join(
        || build.all(&list, &paths),
        || cached::write_open_data(sources, sink, cache, (&data_key, options.as_of)),
    );
    let rendered = rendered?;
    let mut updated = vec![options.as_of; paths.len()];
    for b in &rendered {
        updated[b.n] = b.updated;
    }
    let mut files = Vec::new();
    for (name, bytes) in &theme.static_files {
        let path = format!("static/{name}");
        sink.put(&path, bytes)?;
        files.push(path);
    }
    for output in pages::extra_files(&listing, &paths, &updated) {
        sink.put(&output.path, &output.bytes)?;
        files.push(output.path);
    }
    files.extend(data_files?);
    progress("Проверка ссылок");
    let mut known = page_paths;
    known.extend(files.iter().map(String::as_str));
    Ok(Rendered {
        pages: paths.len(),
        reused: rendered.iter().filter(|b| b.reused).count(),
        changed: rendered.iter().filter(|b| b.changed).count(),
        files: paths.len() + files.len(),
        broken: waiting.broken(&paths, &known),
        index: index_out,
    })
}

/// What every page of one build is rendered with.
struct Build<'b, 'a> {
    inputs: &'b Inputs<'a>,
    /// Every page's path: a link to one of them is sound at once.
    pages: &'b HashSet<&'b str>,
    theme: &'b theme::Theme,
    site_key: &'b Key,
    /// This build's date, stamped into every page whose content changed.
    today: &'b stamp::PageDate,
    /// The last build's index, and this build's.
    index: &'b PageIndex,
    index_out: Option<&'b IndexWriter>,
    /// Links to files other than pages, checked at the end.
    waiting: &'b Waiting,
    sink: &'b dyn Sink,
    cache: Option<&'b Cache>,
    audience: Audience,
}

impl Build<'_, '_> {
    /// Every page, in the order of `list`. Pages showing classes (a school's report on a
    /// work, class pages and printable справки, internally) come last, one procedure at a
    /// time, with only that procedure's classes and notes in memory; they are made only if
    /// one of its pages that shows them is not in the cache.
    /// `paths` are the pages' paths, in the same order.
    fn all(&self, list: &[Page], paths: &[String]) -> Result<Vec<Built>, OkoError> {
        let procedures = self.inputs.reader().procedures().len();
        let mut staged: Vec<Vec<(usize, &Page)>> = vec![Vec::new(); procedures];
        let mut general = Vec::new();
        for (n, page) in list.iter().enumerate() {
            match page.detail_of(self.audience) {
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
                .map(|&(n, page)| self.page(n, page, &paths[n]))
                .collect::<Result<Vec<Built>, OkoError>>()
        };
        let mut built = build(&general)?;
        for (i, pages) in staged.iter().enumerate() {
            if pages.is_empty() {
                continue;
            }
            // Each look stops at the first page not in the cache (in a clean build, the
            // first one): every page is looked up here only when all are cached.
            let fresh = |notes: bool| {
                pages
                    .iter()
                    .any(|&(n, page)| page.shows_notes() == notes && !self.reusable(&paths[n]))
            };
            let notes = fresh(true);
            if notes || fresh(false) {
                self.inputs.keep_detail(i, notes)?;
            }
            let done = build(pages);
            self.inputs.drop_detail();
            built.extend(done?);
        }
        Ok(built)
    }

    /// What the cache holds of the page at `path` as it would be built now: the last
    /// build's record of it, the page's key and its stored file.
    fn lookup(&self, path: &str) -> Option<(PageRecord, Key, std::path::PathBuf)> {
        let cache = self.cache?;
        let record = self.index.get(path)?;
        let (key, file) = cached::lookup(
            cache,
            self.inputs,
            self.site_key,
            (path, &record),
            self.audience,
        )?;
        Some((record, key, file))
    }

    /// Whether the cache holds the page at `path` as it would be built now.
    fn reusable(&self, path: &str) -> bool {
        self.lookup(path).is_some()
    }

    /// One page, number `n` at `path`: taken from the cache when what it read last time is
    /// unchanged, else built and rendered, dated (the last build's date if its content is
    /// the same, today's if not), stored and handed to the sink.
    fn page(&self, n: usize, page: &Page, path: &str) -> Result<Built, OkoError> {
        let (inputs, sink, audience) = (self.inputs, self.sink, self.audience);
        if let Some((record, key, file)) = self.lookup(path)
            && let Some(updated) = stamp::PageDate::parse(&record.dated)
            && sink.put_file(path, &file).is_ok()
        {
            self.waiting.add(n, &record.links, self.pages);
            self.record(path, PageRecord { key, ..record });
            return Ok(Built {
                n,
                reused: true,
                changed: false,
                updated: updated.date(),
            });
        }
        let detail = match page.detail_of(audience) {
            Some(i) => Some(inputs.detail_for(i, page.shows_notes())?),
            None => None,
        };
        let reader = inputs.reader_with(detail);
        let mut job = page.build(&reader);
        debug_assert_eq!(job.path, path, "a page is written where it was listed");
        match reader.newest_work() {
            Some(p) if p.date_unconfirmed => job.context.insert("data_year", &p.school_year),
            Some(p) => job.context.insert("data_date", &p.date_text()),
            None => {}
        }
        let marked = render_page(self.theme, &job)?;
        let content = stamp::content_key(&marked);
        let kept = self
            .cache
            .and_then(|_| self.kept_date(path, &marked, &content));
        let changed = kept.is_none();
        let updated = kept.unwrap_or_else(|| self.today.clone());
        let html = updated.stamp(marked);
        let recorded = reader.recorded();
        let key = self
            .cache
            .and_then(|_| inputs.page_key(self.site_key, path, &recorded));
        let stored = self
            .cache
            .zip(key.as_ref())
            .and_then(|(c, k)| c.put_page(audience, &cached::dated(k, updated.as_str()), &html));
        if stored.is_none_or(|file| sink.put_file(path, &file).is_err()) {
            sink.put(path, &html)?;
        }
        let links = PageLinks::of(path, &html);
        self.waiting.add(n, &links, self.pages);
        if let Some(key) = key {
            let record = PageRecord {
                key,
                content,
                inputs: recorded,
                links,
                dated: updated.as_str().to_string(),
            };
            self.record(path, record);
        }
        Ok(Built {
            n,
            reused: false,
            changed,
            updated: updated.date(),
        })
    }

    /// The date a rendered page keeps when its content is what was published before: the
    /// published file's, when it holds this very page so dated, else the last build's
    /// record's, when it recorded this content. `None`: the content is new.
    fn kept_date(&self, path: &str, marked: &[u8], content: &Key) -> Option<stamp::PageDate> {
        if let Some(published) = self.sink.published(path, marked.len())
            && let Some(date) = stamp::date_in(&published)
            && date.stamp(marked.to_vec()) == published
        {
            return Some(date);
        }
        self.index
            .get(path)
            .filter(|r| r.content == *content)
            .and_then(|r| stamp::PageDate::parse(&r.dated))
    }

    /// Keeps what the page at `path` was made from for the next build's index.
    fn record(&self, path: &str, record: PageRecord) {
        if let Some(index) = self.index_out {
            index.add(path, &record);
        }
    }
}

#[cfg(test)]
mod tests;
