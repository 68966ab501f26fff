//! Which pages the site has (DESIGN §4) and the data each one gets.

use serde::Serialize;
use tera::Context;

use crate::config::Audience;
use crate::model::{Document, Owner, Procedure, ProcedureKind, Project, Roadmap, School, Stage};
use crate::privacy::{Group, Level, ProcedureAnalysis};
use crate::render::deps::Reader;
use crate::render::view::{self, FigureRow, count, pct};
use crate::render::{Link, PageJob, root_prefix};
use crate::render::{graphs, markdown};
use crate::text::plural;
use crate::write::Output;

mod areas;
mod choice;
mod clusters;
mod deadlines;
mod list;
mod print;
mod report_parts;
mod reports;
mod risks;
mod roadmap_review;
mod roadmaps;
mod school_report;
mod schools;
mod site;
mod skills;
mod spread;
mod support;
mod years;

use areas::*;
use choice::*;
use clusters::*;
pub use list::{Page, list};
use print::*;
use report_parts::*;
use reports::*;
use risks::*;
use roadmap_review::*;
use roadmaps::*;
use school_report::*;
use schools::*;
pub use site::extra_files;
use site::*;
use skills::*;
use spread::*;
use support::*;
use years::*;

/// Human names of common school attributes; other keys are shown as they are.
pub fn attribute_label(key: &str) -> String {
    match key {
        "location" => "Тип местности",
        "funding" => "Финансирование",
        "transport" => "Транспортная доступность",
        "social_conditions" => "Социальные условия",
        "kind" => "Вид организации",
        "size" => "Размер школы",
        "settlement_size" => "Размер населённого пункта",
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

/// The site's navigation: the generated sections, then top-level content pages by weight.
pub fn navigation(project: &Project, audience: Audience) -> Vec<Link> {
    let mut nav = vec![
        Link::new("Главная", "index.html"),
        Link::new("Процедуры", "procedures/index.html"),
        Link::new("Школы", "schools/index.html"),
    ];
    if project.is_region() {
        nav.push(Link::new("Муниципалитеты", "municipalities/index.html"));
    }
    nav.extend([
        Link::new("Кластеры", "clusters/index.html"),
        Link::new("Дорожные карты", "roadmaps/index.html"),
        Link::new("Родителям", "parents/index.html"),
        Link::new("Методика", "methodology/index.html"),
        Link::new("Открытые данные", "open-data/index.html"),
    ]);
    if audience == Audience::Internal {
        nav.push(Link::new("Поддержка школ", "support/index.html"));
        nav.push(Link::new("Зона риска", "risks/index.html"));
        nav.push(Link::new("Дефициты", "deficits/index.html"));
    }
    let mut pages: Vec<_> = project
        .pages
        .iter()
        .filter(|p| !p.meta.draft && !p.slug.contains('/') && p.slug != METHODOLOGY)
        .collect();
    let documents = Link::new("Документы", "documents/index.html");
    if !pages.iter().any(|p| p.slug == DOCUMENTS) {
        nav.push(documents.clone());
    }
    pages.sort_by(|a, b| {
        a.meta
            .weight
            .cmp(&b.meta.weight)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    nav.extend(pages.into_iter().map(|p| match p.slug.as_str() {
        DOCUMENTS => documents.clone(),
        _ => Link::new(p.meta.title.clone(), format!("{}/index.html", p.slug)),
    }));
    nav
}

/// A link of the site's menu as one page shows it.
#[derive(Serialize)]
struct MenuLink<'a> {
    title: &'a str,
    href: &'a str,
    /// The page's own section (`aria-current`): worked out here, once per link, since a
    /// template that splits every link's path drew the menu of a region's school pages in
    /// 4 % of a build's CPU.
    current: bool,
}

/// The menu of the page at `path`: a link is current if it is the page, or the section the
/// page is in (the home page is no section).
fn menu<'a>(nav: &'a [Link], path: &str) -> Vec<MenuLink<'a>> {
    let section = section_of(path);
    nav.iter()
        .map(|link| {
            let own = section_of(&link.href);
            MenuLink {
                title: &link.title,
                href: &link.href,
                current: link.href == path || (own != "index.html" && own == section),
            }
        })
        .collect()
}

/// The first folder of a path in the site, e.g. `schools` (for a root page, its file name).
fn section_of(path: &str) -> &str {
    path.split('/').next().unwrap_or("")
}

/// The context every page starts from.
fn base(site: &Reader, path: &str, title: &str, crumbs: &[Link]) -> Context {
    let mut c = Context::new();
    let config = site.config();
    c.insert("root", &root_prefix(path));
    c.insert("path", path);
    c.insert("page_title", title);
    c.insert("site_title", &config.title);
    c.insert("municipality", site.municipality());
    c.insert("words", &level_words(site));
    c.insert("nav", &menu(site.nav(), path));
    c.insert("current_section", section_of(path));
    c.insert("breadcrumbs", crumbs);
    c.insert("internal", &(site.audience() == Audience::Internal));
    c.insert("smallest_group", &site.smallest_group());
    // A section with nothing in it (no exams by choice) is neither built nor linked.
    c.insert("has_choice", &site.has_choice());
    // The date its content last changed, stamped after rendering (see `render::stamp`).
    c.insert("updated_on", crate::render::stamp::MARK);
    let t = &config.thresholds;
    c.insert(
        "cuts",
        &serde_json::json!({
            "basic": crate::text::decimal(t.basic.insufficient),
            "advanced": crate::text::decimal(t.advanced.insufficient),
        }),
    );
    c
}

fn home_crumb() -> Link {
    Link::new("Главная", "index.html")
}

/// A Markdown page of `content/`, with breadcrumbs through its parent pages.
fn content_page(site: &Reader, index: usize) -> PageJob {
    let page = &site.content()[index];
    let path = format!("{}/index.html", page.slug);
    let mut crumbs = vec![home_crumb()];
    let parts: Vec<&str> = page.slug.split('/').collect();
    for depth in 1..parts.len() {
        let parent = parts[..depth].join("/");
        if let Some(p) = site.content().iter().find(|p| p.slug == parent) {
            crumbs.push(Link::new(
                p.meta.title.clone(),
                format!("{parent}/index.html"),
            ));
        }
    }
    let mut c = base(site, &path, &page.meta.title, &crumbs);
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
    mode: &'static str,
    row: FigureRow,
}

fn procedure_item(site: &Reader, i: usize) -> ProcedureItem {
    let p = site.procedure(i);
    let pa = site.figures(i);
    ProcedureItem {
        id: p.id.clone(),
        title: p.title.clone(),
        kind: p.kind.label().to_string(),
        subject: p.subject.clone(),
        grade: p.grade,
        date: p.date_text(),
        school_year: p.school_year.clone(),
        href: procedure_href(p),
        uses_test_scores: p.kind.uses_test_scores(),
        mode: view::figures_mode(p),
        row: FigureRow::new(p.title.clone(), Some(procedure_href(p)), &pa.municipality),
    }
}

/// School years, newest first, each with its procedures.
fn by_year(site: &Reader, filter: impl Fn(usize) -> bool) -> Vec<(String, Vec<ProcedureItem>)> {
    let mut years: Vec<String> = site
        .procedures()
        .iter()
        .map(|p| p.school_year.clone())
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    years
        .into_iter()
        .map(|y| {
            let items = (0..site.procedures().len())
                .filter(|&i| site.procedure(i).school_year == y && filter(i))
                .map(|i| procedure_item(site, i))
                .collect();
            (y, items)
        })
        .filter(|(_, items): &(String, Vec<ProcedureItem>)| !items.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_marks_the_page_and_its_section() {
        let nav = [
            Link::new("Главная", "index.html"),
            Link::new("Школы", "schools/index.html"),
            Link::new("О сайте", "about/index.html"),
        ];
        let current =
            |path: &str| -> Vec<bool> { menu(&nav, path).iter().map(|l| l.current).collect() };
        assert_eq!(current("index.html"), [true, false, false]);
        assert_eq!(
            current("schools/sch01/vpr-2025-rus-4/index.html"),
            [false, true, false]
        );
        assert_eq!(current("about/index.html"), [false, false, true]);
        // A page at the root other than the home page is in no section.
        assert_eq!(current("404.html"), [false, false, false]);
    }
}
