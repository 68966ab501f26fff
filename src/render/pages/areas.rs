//! A region's municipalities: how pages name the levels, the list of municipalities, a page
//! per municipality and a report per municipality and procedure (DESIGN §4). Municipalities
//! are always listed by name, never by result.

use serde::Serialize;

use super::*;
use crate::model::Municipality;

/// How pages name the whole area the site reports on and where a school belongs.
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct Words {
    /// «Муниципалитет» or «Регион»: the label of the top row.
    pub label: &'static str,
    /// «в муниципалитете» or «в регионе».
    pub within: &'static str,
    /// «муниципалитета» or «региона».
    pub of: &'static str,
    /// «с муниципалитетом» or «с регионом».
    pub with: &'static str,
    /// «по муниципалитету» or «по региону».
    pub by: &'static str,
    /// Whether the site is a region's (pages then also show municipalities).
    pub region: bool,
}

/// The words for this site's top level.
pub(super) fn level_words(site: &Reader) -> Words {
    if site.is_region() {
        Words {
            label: "Регион",
            within: "в регионе",
            of: "региона",
            with: "с регионом",
            by: "по региону",
            region: true,
        }
    } else {
        Words {
            label: "Муниципалитет",
            within: "в муниципалитете",
            of: "муниципалитета",
            with: "с муниципалитетом",
            by: "по муниципалитету",
            region: false,
        }
    }
}

pub(super) fn municipality_href(m: &Municipality) -> String {
    format!("municipalities/{}/index.html", m.id)
}

pub(super) fn municipality_procedure_href(m: &Municipality, p: &Procedure) -> String {
    format!("municipalities/{}/{}/index.html", m.id, p.id)
}

/// A school's short name, in a region with its municipality («СОШ № 1, город Барнаул»).
pub(super) fn school_with_area(site: &Reader, s: &School) -> String {
    match s.municipality_index {
        Some(m) => format!("{}, {}", s.short_name, site.municipalities()[m].name),
        None => s.short_name.clone(),
    }
}

/// A school's reference level — its municipality in a region, else the whole area — with
/// the page that reports it.
pub(super) fn reference<'a>(
    site: &Reader<'_, 'a>,
    pa: &'a ProcedureAnalysis,
    i: usize,
    si: usize,
) -> (Option<String>, &'a Group) {
    let p = site.procedure(i);
    let municipality = site.schools()[si].municipality_index;
    let href = match municipality.filter(|&m| pa.area(m).is_some()) {
        Some(m) => municipality_procedure_href(&site.municipalities()[m], p),
        None => procedure_href(p),
    };
    (Some(href), pa.reference(municipality))
}

/// Every municipality of a procedure, by name, with its figures (region procedure page).
pub(super) fn area_rows(site: &Reader, i: usize) -> Vec<FigureRow> {
    let p = site.procedure(i);
    let pa = site.figures(i);
    pa.municipalities
        .iter()
        .map(|a| {
            let m = &site.municipalities()[a.municipality];
            FigureRow::new(
                m.name.clone(),
                Some(municipality_procedure_href(m, p)),
                &a.group,
            )
        })
        .collect()
}

#[derive(Serialize)]
struct AreaItem {
    link: Link,
    schools: usize,
}

/// The municipalities of the region, by name.
pub(super) fn municipalities_page(site: &Reader) -> PageJob {
    let path = "municipalities/index.html".to_string();
    let mut c = base(site, &path, "Муниципалитеты", &[home_crumb()]);
    let items: Vec<AreaItem> = site
        .municipalities()
        .iter()
        .enumerate()
        .map(|(m, area)| AreaItem {
            link: Link::new(area.name.clone(), municipality_href(area)),
            schools: site
                .schools()
                .iter()
                .filter(|s| s.municipality_index == Some(m))
                .count(),
        })
        .collect();
    c.insert("areas", &items);
    PageJob {
        path,
        template: "municipalities.html",
        context: c,
    }
}

/// A school year of a municipality's works, one table per kind of figures.
#[derive(Serialize)]
struct AreaYear {
    school_year: String,
    /// Works with marks (ВПР, ОГЭ, diagnostics).
    marks: Vec<FigureRow>,
    /// Pass / fail works (итоговое собеседование, сочинение).
    passes: Vec<FigureRow>,
    /// ЕГЭ: test scores.
    tests: Vec<FigureRow>,
}

/// Each work of `mode` with the municipality's row, then the region's beside it.
fn beside_region(site: &Reader, m: usize, procedures: &[usize], mode: &str) -> Vec<FigureRow> {
    let area = &site.municipalities()[m];
    procedures
        .iter()
        .filter(|&&i| view::figures_mode(site.procedure(i)) == mode)
        .filter_map(|&i| {
            let p = site.procedure(i);
            let pa = site.figures(i);
            let own = FigureRow::new(
                p.title.clone(),
                Some(municipality_procedure_href(area, p)),
                &pa.area(m)?.group,
            );
            let region = FigureRow::new("Регион", Some(procedure_href(p)), &pa.municipality);
            Some([own, region])
        })
        .flatten()
        .collect()
}

/// One municipality: its procedures beside the region, its schools, by name.
pub(super) fn municipality_page(site: &Reader, m: usize) -> PageJob {
    let area = &site.municipalities()[m];
    let path = municipality_href(area);
    let crumbs = [
        home_crumb(),
        Link::new("Муниципалитеты", "municipalities/index.html"),
    ];
    let mut c = base(site, &path, &area.name, &crumbs);
    c.insert("area", area);
    let years: Vec<AreaYear> = by_year(site, |i| site.figures(i).area(m).is_some())
        .into_iter()
        .map(|(school_year, items)| {
            let indices: Vec<usize> = items
                .iter()
                .filter_map(|item| Some(site.procedure_by_id(&item.id)?.0))
                .collect();
            let rows = |mode: &str| beside_region(site, m, &indices, mode);
            AreaYear {
                marks: rows("marks"),
                passes: rows("pass"),
                tests: rows("tests"),
                school_year,
            }
        })
        .collect();
    c.insert("years", &years);
    let schools: Vec<Link> = site
        .schools()
        .iter()
        .filter(|s| s.municipality_index == Some(m))
        .map(|s| Link::new(s.short_name.clone(), school_href(s)))
        .collect();
    c.insert("schools", &schools);
    let owner = Owner::Area(area.id.clone());
    c.insert("choice", &choice_tables(site, &owner));
    c.insert("coverage", &coverage(site, &owner));
    c.insert("roadmaps", &roadmap_items(site, |r| r.owner() == owner));
    PageJob {
        path,
        template: "municipality.html",
        context: c,
    }
}
