//! One build, start to end: load → analyse → privacy → render → write.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::analyse;
use crate::cache::Cache;
use crate::config::Audience;
use crate::diag::{Diagnostics, OkoError};
use crate::load::{self, Loaded};
use crate::model::Project;
use crate::privacy::{self, GroupKey, Published, Suppression};
use crate::render::{self, RenderOptions, Rendered};
use crate::review;
use crate::write::{BuildLock, Discard, Memory, Output, Sink, Staging};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder.
    pub root: PathBuf,
    /// The output folder (default public/ or internal/).
    pub out: Option<PathBuf>,
    /// Overrides `oko.yaml: audience`.
    pub audience: Option<Audience>,
    /// "As of" date for roadmap deadlines.
    pub as_of: NaiveDate,
    /// Use and update the build cache in `.oko/cache` (`--no-cache` turns it off).
    pub cache: bool,
    /// Build one municipality of a region project as a site of its own.
    pub municipality: Option<String>,
}

/// A loaded site project, ready to be analysed and rendered.
pub struct Site {
    /// The project folder.
    pub root: PathBuf,
    /// The project.
    pub project: Project,
    /// Warnings of loading.
    pub warnings: Diagnostics,
}

/// What a finished build reports.
pub struct BuildReport {
    /// Where the site went.
    pub out: PathBuf,
    /// Pages written.
    pub pages: usize,
    /// Of them, taken unchanged from the build cache.
    pub reused: usize,
    /// Pages whose content the cache did not know (changed, new, or all of them without a
    /// cache): they carry this build's date.
    pub new_content: usize,
    /// Pages whose bytes differ from the replaced site's, or that it did not have.
    pub changed_pages: usize,
    /// The files whose bytes differ from the replaced site's, and those it no longer has.
    pub changes: crate::write::Changes,
    /// Where the list of changed and removed files went, for an upload step.
    pub changed_list: PathBuf,
    /// Files written.
    pub files: usize,
    /// Warnings of the build.
    pub warnings: Diagnostics,
}

impl Site {
    /// Loads and validates the project; returns every data problem on failure.
    pub fn load(root: &Path) -> Result<Site, OkoError> {
        Site::of(root, load::load_project(root))
    }

    /// Like [`Site::load`], for a build for `audience` (the project's own when `None`),
    /// taking unchanged procedures' results from `cache`; a public build keeps per-school
    /// counters instead of rows.
    pub fn load_for_build(
        root: &Path,
        cache: Option<&Cache>,
        audience: Option<Audience>,
    ) -> Result<Site, OkoError> {
        Site::of(root, load::load_for_build(root, cache, audience))
    }

    fn of(root: &Path, loaded: Result<Loaded, Diagnostics>) -> Result<Site, OkoError> {
        let Loaded { project, warnings } = loaded.map_err(OkoError::Data)?;
        Ok(Site {
            root: root.to_path_buf(),
            project,
            warnings,
        })
    }

    /// Analyses the whole project and decides what `audience` may see of it.
    pub fn analyse(&self, audience: Audience, as_of: NaiveDate) -> Published {
        let analysis = analyse::analyse(&self.project, audience, as_of);
        let suppression = Suppression::decide(&self.project, &analysis);
        privacy::publish(&self.project, analysis, audience, &suppression)
    }

    /// One municipality of a region project as a site of its own (`--municipality`): the
    /// municipality's part of the project, with the region as its reference, and what
    /// `audience` may see of it — hidden as on the region's site and every other
    /// municipality's, by the decision made over the whole region.
    pub fn municipality_site(
        &self,
        id: &str,
        audience: Audience,
        as_of: NaiveDate,
    ) -> Result<(Project, Published), OkoError> {
        let project = &self.project;
        let region = analyse::analyse(project, Audience::Public, as_of);
        let suppression = Suppression::decide(project, &region);
        let counters: Vec<_> = region
            .procedures
            .iter()
            .map(|pa| Some(pa.municipality.counters.clone()).filter(|c| c.participants > 0))
            .collect();
        // A region hidden on its own site is no reference on a municipality's.
        let benchmarks: Vec<_> = project
            .procedures
            .iter()
            .zip(&region.procedures)
            .enumerate()
            .map(|(i, (p, pa))| {
                let top = &pa.municipality.counters;
                let hidden = audience == Audience::Public
                    && suppression
                        .visibility(i, &GroupKey::Top, top.participants)
                        .hidden();
                analyse::reference::benchmark_of(p, top).filter(|_| !hidden)
            })
            .collect();
        drop(region);
        let part = project
            .municipality_part(id, &benchmarks, counters)
            .map_err(OkoError::Usage)?;
        let analysis = analyse::analyse(&part, audience, as_of);
        let published = privacy::publish(&part, analysis, audience, &suppression);
        Ok((part, published))
    }

    /// The audience of this build: the command line wins over `oko.yaml`.
    pub fn audience(&self, requested: Option<Audience>) -> Audience {
        requested.unwrap_or(self.project.config.audience)
    }
}

/// The open data's marks table (`open-data/marks.csv`) of one site, as its build writes
/// it, without building the site: several sites' tables can be held side by side.
pub fn marks_table(project: &Project, published: &Published) -> Result<Vec<u8>, OkoError> {
    render::open_data::marks_table(project, &published.analysis)
        .map_err(|e| OkoError::io(Path::new("open-data/marks.csv"), e))
}

/// The default output folder for an audience.
pub fn default_out(root: &Path, audience: Audience) -> PathBuf {
    match audience {
        Audience::Public => root.join("public"),
        Audience::Internal => root.join("internal"),
    }
}

/// Refuses to write an internal build where the public site is published from.
fn check_out(root: &Path, out: &Path, audience: Audience) -> Result<(), OkoError> {
    if audience == Audience::Internal {
        let public = default_out(root, Audience::Public);
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        };
        if same(out, &public) {
            return Err(OkoError::Usage(format!(
                "внутренний отчёт нельзя записывать в папку публичного сайта {}: укажите --out internal/",
                public.display()
            )));
        }
    }
    Ok(())
}

/// A site loaded, analysed and reviewed, ready to be rendered into a sink.
pub struct Prepared {
    /// The loaded project.
    pub site: Site,
    /// Who the build is for.
    pub audience: Audience,
    /// The analysis as the audience may see it.
    pub published: Published,
    /// The «as of» date.
    pub as_of: NaiveDate,
    /// Warnings of loading and of the review.
    pub warnings: Diagnostics,
    /// The build cache, if used.
    pub cache: Option<Cache>,
}

/// How a run uses the build cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Read and write it (`build`, `serve`).
    ReadWrite,
    /// Read it, write nothing (`check`).
    ReadOnly,
    /// No cache.
    Off,
}

/// Load → analyse → privacy → review. Data errors stop here, before anything is rendered.
pub fn prepare(
    root: &Path,
    audience: Option<Audience>,
    as_of: NaiveDate,
    cache: CacheUse,
    municipality: Option<&str>,
    progress: &dyn Fn(&str),
) -> Result<Prepared, OkoError> {
    let cache = match cache {
        CacheUse::ReadWrite => Cache::open(root, true),
        CacheUse::ReadOnly => Cache::open(root, false),
        CacheUse::Off => None,
    };
    progress("Чтение данных");
    let mut site = Site::load_for_build(root, cache.as_ref(), audience)?;
    let audience = site.audience(audience);
    progress("Анализ");
    let published = match municipality {
        Some(id) => {
            let (part, published) = site.municipality_site(id, audience, as_of)?;
            site.project = part;
            published
        }
        None => site.analyse(audience, as_of),
    };
    // The internal build keeps the rows (set aside on disk) for its class figures and the
    // participants' notes, made one procedure at a time while its class pages are rendered;
    // the public site has no use for them.
    if audience == Audience::Public {
        for r in &mut site.project.results {
            r.release();
        }
    }
    let mut warnings = site.warnings.clone();
    warnings.extend(review::warnings(&site.project, &published));
    warnings.sort();
    Ok(Prepared {
        site,
        audience,
        published,
        as_of,
        warnings,
        cache,
    })
}

impl Prepared {
    /// Renders every file into `sink`; a broken internal link is an error.
    pub fn render(&self, sink: &dyn Sink, progress: &dyn Fn(&str)) -> Result<Rendered, OkoError> {
        progress("Страницы");
        let options = RenderOptions {
            audience: self.audience,
            as_of: self.as_of,
        };
        let project = &self.site.project;
        let audience = self.audience;
        let min_group = project.config.min_group;
        let classes = |i: usize| {
            privacy::classes(audience, min_group, || {
                analyse::classes::procedure_classes(project, i)
            })
        };
        let notes = |i: usize| {
            privacy::notes(audience, || {
                analyse::participant::ProcedureNotes::of(project, i)
            })
        };
        let sources = render::Sources {
            project,
            published: &self.published,
            detail: render::DetailSources {
                classes: &classes,
                notes: &notes,
            },
        };
        let rendered = render::render(
            sources,
            &options,
            &self.site.root,
            sink,
            self.cache.as_ref(),
            progress,
        )?;
        let mut problems = review::links(project, &rendered.broken);
        if problems.has_errors() {
            problems.extend(self.site.warnings.clone());
            problems.sort();
            return Err(OkoError::Data(problems));
        }
        Ok(rendered)
    }
}

/// Everything `oko check` verifies: the data, then every page rendered (or taken from the
/// build cache, which it only reads) and its links checked, with nothing written.
pub fn check(
    root: &Path,
    audience: Option<Audience>,
    as_of: NaiveDate,
) -> Result<(Prepared, Rendered), OkoError> {
    let prepared = prepare(root, audience, as_of, CacheUse::ReadOnly, None, &|_| {})?;
    let rendered = prepared.render(&Discard, &|_| {})?;
    Ok((prepared, rendered))
}

/// The whole site in memory (`oko serve`, tests), sorted by path.
pub fn in_memory(
    root: &Path,
    audience: Option<Audience>,
    as_of: NaiveDate,
) -> Result<(Prepared, Vec<Output>), OkoError> {
    let _lock = BuildLock::acquire(root, &|m| eprintln!("{m}"))?;
    let prepared = prepare(root, audience, as_of, CacheUse::ReadWrite, None, &|_| {})?;
    let memory = Memory::default();
    let rendered = prepared.render(&memory, &|_| {})?;
    if let Some(cache) = &prepared.cache {
        cache.finish(prepared.audience, rendered.index);
    }
    Ok((prepared, memory.into_files()))
}

/// Builds the site: pages are written into a temporary folder as they are rendered, and the
/// folder replaces `out` only when every stage has succeeded.
pub fn build(options: &BuildOptions, progress: &dyn Fn(&str)) -> Result<BuildReport, OkoError> {
    let _lock = BuildLock::acquire(&options.root, &|m| eprintln!("{m}"))?;
    let cache = if options.cache {
        CacheUse::ReadWrite
    } else {
        CacheUse::Off
    };
    let prepared = prepare(
        &options.root,
        options.audience,
        options.as_of,
        cache,
        options.municipality.as_deref(),
        progress,
    )?;
    let out = options.out.clone().unwrap_or_else(|| {
        let out = default_out(&options.root, prepared.audience);
        match &options.municipality {
            // A municipality's own site never replaces the region's.
            Some(id) => out.with_file_name(format!(
                "{}-{id}",
                out.file_name()
                    .map_or("public".into(), |n| n.to_string_lossy())
            )),
            None => out,
        }
    });
    check_out(&options.root, &out, prepared.audience)?;
    // With the cache on, the site this build replaces is kept in `.oko/` and the next
    // build is written over it, reusing its folders.
    let keep = prepared.cache.as_ref().map(|_| {
        let name = out
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy());
        options
            .root
            .join(crate::cache::PREVIOUS)
            .join(name.as_ref())
    });
    let staging = Staging::new(&out, keep.as_deref())?;
    let rendered = prepared.render(&staging, progress)?;
    progress("Запись");
    let changes = staging.publish()?;
    match &prepared.cache {
        Some(cache) => {
            cache.finish(prepared.audience, rendered.index);
            crate::cache::note_site(&options.root, prepared.audience, &out);
        }
        None => crate::cache::forget_pages(&options.root, prepared.audience, &out),
    }
    let changed_list = crate::write::save_changed_list(&options.root, &out, &changes)?;
    Ok(BuildReport {
        out,
        pages: rendered.pages,
        reused: rendered.reused,
        new_content: rendered.changed,
        changed_pages: changes
            .changed
            .iter()
            .filter(|p| p.ends_with(".html"))
            .count(),
        changes,
        changed_list,
        files: rendered.files,
        warnings: prepared.warnings,
    })
}
