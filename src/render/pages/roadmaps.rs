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

pub(super) fn is_overdue(site: &SiteContext, status: Status, deadline: chrono::NaiveDate) -> bool {
    matches!(status, Status::Planned | Status::InProgress) && deadline < site.options.as_of
}

pub(super) fn owner_name(site: &SiteContext, r: &Roadmap) -> String {
    match r.owner() {
        Owner::Municipality => site.project.municipality.office.clone(),
        Owner::School(id) => site
            .project
            .schools
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.short_name.clone())
            .unwrap_or(id),
    }
}

pub(super) fn roadmap_items(
    site: &SiteContext,
    filter: impl Fn(&Roadmap) -> bool,
) -> Vec<RoadmapItem> {
    site.project
        .roadmaps
        .iter()
        .filter(|r| filter(r))
        .map(|r| RoadmapItem {
            id: r.id.clone(),
            title: r.title.clone(),
            owner: owner_name(site, r),
            href: format!("roadmaps/{}/index.html", r.id),
            measures: r.measures.len(),
            done: r
                .measures
                .iter()
                .filter(|m| m.status == Status::Done)
                .count(),
            overdue: r
                .measures
                .iter()
                .filter(|m| is_overdue(site, m.status, m.deadline))
                .count(),
        })
        .collect()
}

pub(super) fn roadmaps(site: &SiteContext) -> PageJob {
    let path = "roadmaps/index.html";
    let mut c = site.base(path, "Дорожные карты", &[site.home_crumb()]);
    c.insert("roadmaps", &roadmap_items(site, |_| true));
    c.insert("as_of", &site.options.as_of.format("%d.%m.%Y").to_string());
    PageJob {
        path: path.into(),
        template: "roadmaps.html",
        context: c,
    }
}

pub(super) fn roadmap(site: &SiteContext, r: &Roadmap) -> PageJob {
    let path = format!("roadmaps/{}/index.html", r.id);
    let crumbs = [
        site.home_crumb(),
        Link::new("Дорожные карты", "roadmaps/index.html"),
    ];
    let mut c = site.base(&path, &r.title, &crumbs);
    #[derive(Serialize)]
    struct MeasureView {
        id: String,
        title: String,
        participants: String,
        deadline: String,
        responsible: String,
        result: String,
        document: String,
        status: String,
        status_class: String,
        overdue: bool,
        addresses: Vec<Link>,
        indicators: Vec<(String, String, String, String)>,
    }
    let fmt = |v: Option<f64>| {
        v.map(|x| format!("{x:.1}").replace('.', ","))
            .unwrap_or_else(|| view::DASH.to_string())
    };
    let stages: Vec<(String, Vec<MeasureView>)> = Stage::ALL
        .iter()
        .map(|&stage| {
            let measures = r
                .measures
                .iter()
                .filter(|m| m.stage == stage)
                .map(|m| {
                    let overdue = is_overdue(site, m.status, m.deadline);
                    MeasureView {
                        id: m.id.clone(),
                        title: m.title.clone(),
                        participants: m.participants.clone(),
                        deadline: m.deadline.format("%d.%m.%Y").to_string(),
                        responsible: m.responsible.clone(),
                        result: m.result.clone(),
                        document: m.document.clone(),
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
                                let p = site
                                    .project
                                    .procedures
                                    .iter()
                                    .find(|p| p.id == t.procedure)?;
                                Some(Link::new(
                                    format!("{}: умение {}", p.title, t.skill),
                                    procedure_href(p),
                                ))
                            })
                            .collect(),
                        indicators: m
                            .indicators
                            .iter()
                            .map(|i| {
                                (
                                    i.name.clone(),
                                    fmt(i.baseline),
                                    fmt(i.target),
                                    fmt(i.actual),
                                )
                            })
                            .collect(),
                    }
                })
                .collect::<Vec<_>>();
            (stage.label().to_string(), measures)
        })
        .filter(|(_, m)| !m.is_empty())
        .collect();
    c.insert("roadmap", &roadmap_items(site, |x| x.id == r.id).pop());
    c.insert("stages", &stages);
    c.insert("as_of", &site.options.as_of.format("%d.%m.%Y").to_string());
    c.insert(
        "based_on",
        &r.based_on
            .iter()
            .filter_map(|id| site.project.procedures.iter().find(|p| &p.id == id))
            .map(|p| Link::new(p.title.clone(), procedure_href(p)))
            .collect::<Vec<_>>(),
    );
    PageJob {
        path,
        template: "roadmap.html",
        context: c,
    }
}
