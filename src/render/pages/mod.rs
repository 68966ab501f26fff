//! Which pages the site has (DESIGN §4) and the data each one gets.

use serde::Serialize;
use tera::Context;

use crate::analyse::{Analysis, Group, ProcedureAnalysis, objectivity, participant};
use crate::config::Audience;
use crate::model::{Owner, Procedure, ProcedureKind, Project, Roadmap, School, Stage, Status};
use crate::render::view::{self, FigureRow, count, pct};
use crate::render::{Link, PageJob, RenderOptions, root_prefix};
use crate::render::{graphs, markdown};
use crate::text::plural;
use crate::write::Output;

mod choice;
mod reports;
mod roadmaps;
mod schools;
mod site;

use choice::*;
use reports::*;
use roadmaps::*;
use schools::*;
use site::*;
pub use site::{SearchEntry, extra_files, search_index};

/// Shared, read-only data every page builder looks things up in.
pub struct SiteContext<'a> {
    pub project: &'a Project,
    pub analysis: &'a Analysis,
    pub options: &'a RenderOptions,
    nav: Vec<Link>,
    /// Objectivity signs per procedure and school, computed once: schools are named only
    /// in the internal build; the public one shows counts.
    signs: Vec<std::collections::BTreeMap<usize, Vec<objectivity::Sign>>>,
    /// School attributes that form clusters, sorted; computed once, every report uses them.
    attributes: Vec<String>,
}

/// Human names of common school attributes; other keys are shown as they are.
pub fn attribute_label(key: &str) -> String {
    match key {
        "location" => "Тип местности",
        "funding" => "Финансирование",
        "transport" => "Транспортная доступность",
        "social_conditions" => "Социальные условия",
        "kind" => "Вид организации",
        "size" => "Размер школы",
        other => other,
    }
    .to_string()
}

fn school_href(s: &School) -> String {
    format!("schools/{}/index.html", s.id)
}

fn procedure_href(p: &Procedure) -> String {
    format!("procedures/{}/index.html", p.id)
}

fn school_procedure_href(s: &School, p: &Procedure) -> String {
    format!("schools/{}/{}/index.html", s.id, p.id)
}

impl<'a> SiteContext<'a> {
    pub fn new(project: &'a Project, analysis: &'a Analysis, options: &'a RenderOptions) -> Self {
        let mut nav = vec![
            Link::new("Главная", "index.html"),
            Link::new("Процедуры", "procedures/index.html"),
            Link::new("Школы", "schools/index.html"),
            Link::new("Кластеры", "clusters/index.html"),
            Link::new("Дорожные карты", "roadmaps/index.html"),
            Link::new("Методика", "methodology/index.html"),
            Link::new("Открытые данные", "open-data/index.html"),
        ];
        if options.audience == Audience::Internal {
            nav.push(Link::new("Поддержка школ", "support/index.html"));
        }
        let mut pages: Vec<_> = project
            .pages
            .iter()
            .filter(|p| !p.meta.draft && !p.slug.contains('/') && p.slug != METHODOLOGY)
            .collect();
        pages.sort_by(|a, b| {
            a.meta
                .weight
                .cmp(&b.meta.weight)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        nav.extend(
            pages
                .into_iter()
                .map(|p| Link::new(p.meta.title.clone(), format!("{}/index.html", p.slug))),
        );
        SiteContext {
            signs: objectivity::all_signs(project, analysis),
            attributes: cluster_attributes(project),
            project,
            analysis,
            options,
            nav,
        }
    }

    /// The signs of one school in one procedure.
    fn signs_of(&self, procedure: usize, school: usize) -> &[objectivity::Sign] {
        self.signs[procedure]
            .get(&school)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn min_group(&self) -> u32 {
        self.project.config.min_group
    }

    /// The context every page starts from.
    fn base(&self, path: &str, title: &str, crumbs: &[Link]) -> Context {
        let mut c = Context::new();
        let p = self.project;
        c.insert("root", &root_prefix(path));
        c.insert("path", path);
        c.insert("page_title", title);
        c.insert("site_title", &p.config.title);
        c.insert("municipality", &p.municipality);
        c.insert("nav", &self.nav);
        c.insert("current_section", &path.split('/').next().unwrap_or(""));
        c.insert("breadcrumbs", crumbs);
        c.insert("internal", &(self.options.audience == Audience::Internal));
        c.insert("min_group", &p.config.min_group);
        let cut = |v: f64| format!("{v}").replace('.', ",");
        let t = &p.config.thresholds;
        c.insert("cuts", &serde_json::json!({ "basic": cut(t.basic.insufficient), "advanced": cut(t.advanced.insufficient) }));
        c
    }

    fn home_crumb(&self) -> Link {
        Link::new("Главная", "index.html")
    }
}

/// One page of the site, named by what it shows; cheap to list, built on demand, so
/// contexts (with their charts) are made in parallel and dropped once rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Index,
    Procedures,
    Schools,
    Clusters,
    Roadmaps,
    NotFound,
    Procedure(usize),
    SchoolProcedure {
        procedure: usize,
        school: usize,
    },
    Class {
        procedure: usize,
        school: usize,
        class: usize,
    },
    School(usize),
    Cluster(usize),
    Roadmap(usize),
    Methodology,
    OpenData,
    Search,
    Choice,
    Support,
    /// A Markdown page of `content/`, by its index in `project.pages`.
    Content(usize),
}

/// Every page of the site.
pub fn list(site: &SiteContext) -> Vec<Page> {
    let mut pages = vec![
        Page::Index,
        Page::Procedures,
        Page::Schools,
        Page::Clusters,
        Page::Roadmaps,
        Page::NotFound,
    ];
    for (i, _) in site.project.procedures.iter().enumerate() {
        pages.push(Page::Procedure(i));
        for sg in &site.analysis.procedures[i].schools {
            pages.push(Page::SchoolProcedure {
                procedure: i,
                school: sg.school,
            });
            if site.options.audience == Audience::Internal {
                pages.extend((0..sg.classes.len()).map(|class| Page::Class {
                    procedure: i,
                    school: sg.school,
                    class,
                }));
            }
        }
    }
    pages.extend((0..site.project.schools.len()).map(Page::School));
    pages.extend((0..site.attributes.len()).map(Page::Cluster));
    pages.extend((0..site.project.roadmaps.len()).map(Page::Roadmap));
    pages.extend([
        Page::Methodology,
        Page::OpenData,
        Page::Search,
        Page::Choice,
    ]);
    if site.options.audience == Audience::Internal {
        pages.push(Page::Support);
    }
    pages.extend(
        site.project
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.meta.draft && p.slug != METHODOLOGY)
            .map(|(i, _)| Page::Content(i)),
    );
    pages
}

impl Page {
    /// For a page made from a few procedures' results (with the site-wide inputs:
    /// configuration, schools, content pages, theme): its path and those procedures — its
    /// own, its dynamics over the years and its cohort a grade earlier. Such pages are cached
    /// under a hash of them, so keep this in step with the builders. `None` for a page made
    /// from the whole site, which is always rendered.
    pub fn sources(&self, site: &SiteContext) -> Option<(String, Vec<usize>)> {
        let (procedure, path) = match *self {
            Page::SchoolProcedure { procedure, school } => (
                procedure,
                school_procedure_href(
                    &site.project.schools[school],
                    &site.project.procedures[procedure],
                ),
            ),
            Page::Class {
                procedure,
                school,
                class,
            } => (
                procedure,
                class_href(
                    &site.project.schools[school],
                    &site.project.procedures[procedure],
                    class,
                ),
            ),
            _ => return None,
        };
        let mut sources = vec![procedure];
        sources.extend(crate::analyse::dynamics::series(site.project, procedure));
        sources.extend(crate::analyse::dynamics::cohort_previous(
            site.project,
            procedure,
        ));
        Some((path, sources))
    }

    /// The page's path, template and context.
    pub fn build(&self, site: &SiteContext) -> PageJob {
        match *self {
            Page::Index => index(site),
            Page::Procedures => procedures(site),
            Page::Schools => schools(site),
            Page::Clusters => clusters(site),
            Page::Roadmaps => roadmaps(site),
            Page::NotFound => not_found(site),
            Page::Procedure(i) => procedure(site, i),
            Page::SchoolProcedure { procedure, school } => {
                school_procedure(site, procedure, school)
            }
            Page::Class {
                procedure,
                school,
                class,
            } => class_page(site, procedure, school, class),
            Page::School(i) => school(site, i),
            Page::Cluster(i) => cluster(site, &site.attributes[i]),
            Page::Roadmap(i) => roadmap(site, i),
            Page::Methodology => methodology(site),
            Page::OpenData => open_data_page(site),
            Page::Search => search_page(site),
            Page::Choice => choice_page(site),
            Page::Support => support_page(site),
            Page::Content(i) => content_page(site, i),
        }
    }
}

/// A Markdown page of `content/`, with breadcrumbs through its parent pages.
fn content_page(site: &SiteContext, index: usize) -> PageJob {
    let page = &site.project.pages[index];
    let path = format!("{}/index.html", page.slug);
    let mut crumbs = vec![site.home_crumb()];
    let parts: Vec<&str> = page.slug.split('/').collect();
    for depth in 1..parts.len() {
        let parent = parts[..depth].join("/");
        if let Some(p) = site.project.pages.iter().find(|p| p.slug == parent) {
            crumbs.push(Link::new(
                p.meta.title.clone(),
                format!("{parent}/index.html"),
            ));
        }
    }
    let mut c = site.base(&path, &page.meta.title, &crumbs);
    c.insert(
        "body",
        &markdown::to_html(&page.markdown, &root_prefix(&path)),
    );
    c.insert("description", &page.meta.description);
    c.insert(
        "date",
        &page.meta.date.map(|d| d.format("%d.%m.%Y").to_string()),
    );
    PageJob {
        path,
        template: "page.html",
        context: c,
    }
}

/// Attribute keys of any school, sorted.
pub fn cluster_attributes(project: &Project) -> Vec<String> {
    let mut keys: Vec<String> = project
        .schools
        .iter()
        .flat_map(|s| s.attributes.keys().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A procedure in a list, with its municipal key figures.
#[derive(Serialize)]
struct ProcedureItem {
    id: String,
    title: String,
    kind: String,
    subject: String,
    grade: u8,
    date: String,
    school_year: String,
    href: String,
    uses_test_scores: bool,
    row: FigureRow,
}

fn procedure_item(site: &SiteContext, i: usize) -> ProcedureItem {
    let p = &site.project.procedures[i];
    let pa = &site.analysis.procedures[i];
    ProcedureItem {
        id: p.id.clone(),
        title: p.title.clone(),
        kind: p.kind.label().to_string(),
        subject: p.subject.clone(),
        grade: p.grade,
        date: p.date.format("%d.%m.%Y").to_string(),
        school_year: p.school_year.clone(),
        href: procedure_href(p),
        uses_test_scores: p.kind.uses_test_scores(),
        row: FigureRow::new(
            p.title.clone(),
            Some(procedure_href(p)),
            &pa.municipality,
            site.min_group(),
        ),
    }
}

/// School years, newest first, each with its procedures.
fn by_year(
    site: &SiteContext,
    filter: impl Fn(usize) -> bool,
) -> Vec<(String, Vec<ProcedureItem>)> {
    let mut years: Vec<String> = site
        .project
        .procedures
        .iter()
        .map(|p| p.school_year.clone())
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    years
        .into_iter()
        .map(|y| {
            let items = (0..site.project.procedures.len())
                .filter(|&i| site.project.procedures[i].school_year == y && filter(i))
                .map(|i| procedure_item(site, i))
                .collect();
            (y, items)
        })
        .filter(|(_, items): &(String, Vec<ProcedureItem>)| !items.is_empty())
        .collect()
}
