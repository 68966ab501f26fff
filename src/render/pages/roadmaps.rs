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
    c.insert("coverage", &coverage(site, &Owner::Municipality));
    PageJob {
        path: path.into(),
        template: "roadmaps.html",
        context: c,
    }
}

/// A deficit and whether it improved after the measure, for the page.
#[derive(Serialize)]
pub(super) struct EffectView {
    procedure: Link,
    skill: String,
    before: String,
    after: String,
    after_procedure: Option<Link>,
    change: String,
    verdict: &'static str,
}

pub(super) fn effect_views(site: &SiteContext, ri: usize, mi: usize) -> Vec<EffectView> {
    let link = |j: usize| {
        let p = &site.project.procedures[j];
        Link::new(format!("{}, {}", p.title, p.school_year), procedure_href(p))
    };
    crate::analyse::roadmap::effects(site.project, site.analysis, ri, mi)
        .into_iter()
        .map(|e| {
            let verdict = match e.change.map(|c| c.scaled) {
                Some(c) if c > 0 => "выросло",
                Some(c) if c < 0 => "снизилось",
                Some(_) => "не изменилось",
                None if e.after_procedure.is_none() => "данных после мероприятия пока нет",
                None => "сравнение невозможно (малая группа)",
            };
            EffectView {
                procedure: link(e.procedure),
                skill: e.skill,
                before: pct(e.before),
                after: pct(e.after),
                after_procedure: e.after_procedure.map(link),
                change: e
                    .change
                    .map(|c| format!("{}{} п.", if c.scaled > 0 { "+" } else { "" }, c.russian()))
                    .unwrap_or_else(|| view::DASH.to_string()),
                verdict,
            }
        })
        .collect()
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

pub(super) fn coverage(site: &SiteContext, owner: &Owner) -> Vec<CoverageView> {
    crate::analyse::roadmap::deficits(site.project, site.analysis, owner)
        .into_iter()
        .map(|d| {
            let p = &site.project.procedures[d.procedure];
            let text = p
                .tasks
                .iter()
                .find(|t| t.skill.as_deref() == Some(d.skill.as_str()))
                .map(|t| t.text.clone())
                .unwrap_or_default();
            CoverageView {
                procedure: Link::new(p.title.clone(), procedure_href(p)),
                skill: d.skill,
                text,
                completion: pct(Some(d.completion)),
                measures: d
                    .measures
                    .iter()
                    .map(|&(ri, mi)| {
                        let r = &site.project.roadmaps[ri];
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

pub(super) fn roadmap(site: &SiteContext, ri: usize) -> PageJob {
    let r = &site.project.roadmaps[ri];
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
        effects: Vec<EffectView>,
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
                .enumerate()
                .filter(|(_, m)| m.stage == stage)
                .map(|(mi, m)| {
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
                        effects: effect_views(site, ri, mi),
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
