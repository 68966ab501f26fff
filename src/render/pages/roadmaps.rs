//! Roadmaps: measures by stage and status, overdue ones as of the build's date.

use serde::Serialize;

use super::*;

#[derive(Serialize)]
pub(super) struct RoadmapItem {
    id: String,
    title: String,
    owner: String,
    href: String,
    measures: usize,
    done: usize,
    overdue: usize,
}

/// Who owns a roadmap, as its pages name it: the office, a municipality, a school.
pub(super) fn owner_name(site: &Reader, owner: &Owner) -> String {
    match owner.clone() {
        Owner::Municipality => site.municipality().office.clone(),
        Owner::Area(id) => site
            .municipalities()
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .unwrap_or(id),
        Owner::School(id) => site
            .schools()
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.short_name.clone())
            .unwrap_or(id),
    }
}

pub(super) fn roadmap_items(site: &Reader, filter: impl Fn(&Roadmap) -> bool) -> Vec<RoadmapItem> {
    site.roadmaps()
        .iter()
        .enumerate()
        .filter(|(_, r)| filter(r))
        .map(|(ri, r)| RoadmapItem {
            id: r.id.clone(),
            title: r.title.clone(),
            owner: owner_name(site, &r.owner()),
            href: format!("roadmaps/{}/index.html", r.id),
            measures: r.measures.len(),
            done: r.done(),
            overdue: site.progress(ri).overdue.iter().filter(|&&o| o).count(),
        })
        .collect()
}

pub(super) fn roadmaps(site: &Reader) -> PageJob {
    let path = "roadmaps/index.html";
    let mut c = base(site, path, "Дорожные карты", &[home_crumb()]);
    c.insert("roadmaps", &roadmap_items(site, |_| true));
    c.insert("as_of", &site.as_of().format("%d.%m.%Y").to_string());
    c.insert("coverage", &coverage(site, &Owner::Municipality));
    PageJob {
        path: path.into(),
        template: "roadmaps.html",
        context: c,
    }
}

/// Deficits of the latest year for an owner, with the measures that address them.
#[derive(Serialize)]
pub(super) struct CoverageView {
    procedure: Link,
    skill: String,
    text: String,
    completion: String,
    measures: Vec<Link>,
}

/// Deficits of the municipality (`None`) or a school (by id) with their measures.
pub(super) fn coverage(site: &Reader, owner: &Owner) -> Vec<CoverageView> {
    coverage_views(site, site.coverage(owner))
}

/// Deficits with their measures, as the coverage table shows them.
pub(super) fn coverage_views(
    site: &Reader,
    deficits: &[crate::analyse::roadmap::DeficitCoverage],
) -> Vec<CoverageView> {
    deficits
        .iter()
        .map(|d| {
            let p = site.procedure(d.procedure);
            let text = p.skill_text(&d.skill).to_string();
            CoverageView {
                procedure: Link::new(p.title.clone(), procedure_href(p)),
                skill: d.skill.clone(),
                text,
                completion: pct(Some(d.completion)),
                measures: d
                    .measures
                    .iter()
                    .map(|&(ri, mi)| {
                        let r = &site.roadmaps()[ri];
                        Link::new(
                            format!("{} — мероприятие {}", r.title, r.measures[mi].id),
                            format!("roadmaps/{}/index.html", r.id),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One measure as the roadmap page shows it.
#[derive(Serialize)]
pub(super) struct MeasureView {
    id: String,
    title: String,
    participants: String,
    deadline: String,
    responsible: String,
    result: String,
    document: String,
    document_href: Option<String>,
    status: String,
    status_class: String,
    overdue: bool,
    addresses: Vec<Link>,
    indicators: Vec<IndicatorView>,
    effects: Vec<EffectView>,
}

fn measure_view(site: &Reader, ri: usize, mi: usize) -> MeasureView {
    let m = &site.roadmaps()[ri].measures[mi];
    let overdue = site.progress(ri).overdue[mi];
    MeasureView {
        id: m.id.clone(),
        title: m.title.clone(),
        participants: m.participants.clone(),
        deadline: m.deadline.format("%d.%m.%Y").to_string(),
        responsible: m.responsible.clone(),
        result: m.result.clone(),
        document: m
            .document
            .as_ref()
            .map_or(String::new(), Document::citation),
        document_href: m.document.as_ref().and_then(document_href),
        status: if overdue {
            format!("{}, срок прошёл", m.status.label())
        } else {
            m.status.label().to_string()
        },
        status_class: if overdue {
            "overdue".into()
        } else {
            format!("{:?}", m.status).to_lowercase()
        },
        overdue,
        addresses: m
            .addresses
            .iter()
            .filter_map(|t| {
                let (_, p) = site.procedure_by_id(&t.procedure)?;
                Some(Link::new(
                    format!("{}: умение {}", p.title, t.skill),
                    procedure_href(p),
                ))
            })
            .collect(),
        indicators: indicator_views(site, ri, mi),
        effects: effect_views(site, ri, mi),
    }
}

/// Where a decision's text is: its published file (relative to the site root) or its address.
pub(super) fn document_href(d: &Document) -> Option<String> {
    match d {
        Document::Title(_) => None,
        Document::Decision(d) => d
            .file
            .as_ref()
            .map(|f| format!("{DOCUMENT_FILES}/{f}"))
            .or_else(|| d.url.clone()),
    }
}

/// Where decision files are published.
pub(super) const DOCUMENT_FILES: &str = "documents/files";

/// A decision for the documents page.
#[derive(Serialize)]
struct DecisionRow {
    date: String,
    citation: String,
    href: Option<String>,
    /// Is `href` a file of the site (relative to its root)?
    local: bool,
    measure: Link,
    status: String,
}

/// The content page that introduces the generated documents page.
pub(super) const DOCUMENTS: &str = "documents";

/// Every decision the roadmaps cite, newest first, each with its measure.
pub(super) fn documents_page(site: &Reader) -> PageJob {
    let path = "documents/index.html";
    let mut c = base(site, path, "Документы", &[home_crumb()]);
    c.insert("intro", &content_intro(site, DOCUMENTS));
    let mut rows: Vec<(Option<chrono::NaiveDate>, DecisionRow)> = Vec::new();
    for r in site.roadmaps() {
        for m in &r.measures {
            let Some(doc @ Document::Decision(d)) = &m.document else {
                continue;
            };
            let row = DecisionRow {
                date: d
                    .date
                    .map_or(String::new(), |x| x.format("%d.%m.%Y").to_string()),
                citation: d.citation(),
                local: d.file.is_some(),
                href: document_href(doc),
                measure: Link::new(
                    format!("{} — мероприятие {}: {}", r.title, m.id, m.title),
                    format!("roadmaps/{}/index.html", r.id),
                ),
                status: m.status.label().to_string(),
            };
            rows.push((d.date, row));
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.citation.cmp(&b.1.citation)));
    c.insert(
        "decisions",
        &rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
    );
    PageJob {
        path: path.into(),
        template: "documents.html",
        context: c,
    }
}

pub(super) fn roadmap(site: &Reader, ri: usize) -> PageJob {
    let r = &site.roadmaps()[ri];
    let path = format!("roadmaps/{}/index.html", r.id);
    let crumbs = [
        home_crumb(),
        Link::new("Дорожные карты", "roadmaps/index.html"),
    ];
    let mut c = base(site, &path, &r.title, &crumbs);
    let stages: Vec<(String, Vec<MeasureView>)> = Stage::ALL
        .iter()
        .map(|&stage| {
            let measures = (0..r.measures.len())
                .filter(|&mi| r.measures[mi].stage == stage)
                .map(|mi| measure_view(site, ri, mi))
                .collect::<Vec<_>>();
            (stage.label().to_string(), measures)
        })
        .filter(|(_, m)| !m.is_empty())
        .collect();
    c.insert("roadmap", &roadmap_items(site, |x| x.id == r.id).pop());
    c.insert("stages", &stages);
    c.insert("reflection", &reflection_view(site, ri));
    c.insert("as_of", &site.as_of().format("%d.%m.%Y").to_string());
    c.insert(
        "based_on",
        &r.based_on
            .iter()
            .filter_map(|id| Some(site.procedure_by_id(id)?.1))
            .map(|p| Link::new(p.title.clone(), procedure_href(p)))
            .collect::<Vec<_>>(),
    );
    PageJob {
        path,
        template: "roadmap.html",
        context: c,
    }
}
