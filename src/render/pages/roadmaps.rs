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

pub(super) fn owner_name(site: &Reader, r: &Roadmap) -> String {
    match r.owner() {
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
            owner: owner_name(site, r),
            href: format!("roadmaps/{}/index.html", r.id),
            measures: r.measures.len(),
            done: r
                .measures
                .iter()
                .filter(|m| m.status == Status::Done)
                .count(),
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

/// A deficit and whether it improved after the measure, for the page.
#[derive(Serialize)]
pub(super) struct EffectView {
    procedure: Link,
    skill: String,
    before: String,
    after: String,
    after_procedure: Option<Link>,
    change: String,
    verdict: String,
}

pub(super) fn effect_views(site: &Reader, ri: usize, mi: usize) -> Vec<EffectView> {
    let link = |j: usize| {
        let p = site.procedure(j);
        Link::new(format!("{}, {}", p.title, p.school_year), procedure_href(p))
    };
    site.progress(ri).effects[mi]
        .iter()
        .map(|e| {
            let hidden = e.visibility.hidden();
            let verdict = match e.change.map(|c| c.scaled) {
                _ if e.after_procedure.is_none() => "данных после мероприятия пока нет".to_string(),
                _ if hidden => format!("сравнение не публикуется: {}", e.visibility.note()),
                Some(c) if c > 0 => "выросло".to_string(),
                Some(c) if c < 0 => "снизилось".to_string(),
                Some(_) => "не изменилось".to_string(),
                None if e.after_procedure.is_none() => {
                    "данных после мероприятия пока нет".to_string()
                }
                None => "сравнение невозможно: нет данных об умении".to_string(),
            };
            let shown = |v: Option<crate::text::Fixed>| if hidden { None } else { v };
            EffectView {
                procedure: link(e.procedure),
                skill: e.skill.clone(),
                before: pct(shown(e.before)),
                after: pct(shown(e.after)),
                after_procedure: e.after_procedure.map(link),
                change: shown(e.change)
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

/// Deficits of the municipality (`None`) or a school (by id) with their measures.
pub(super) fn coverage(site: &Reader, owner: &Owner) -> Vec<CoverageView> {
    site.coverage(owner)
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
    status: String,
    status_class: String,
    overdue: bool,
    addresses: Vec<Link>,
    indicators: Vec<(String, String, String, String)>,
    effects: Vec<EffectView>,
}

fn measure_view(site: &Reader, ri: usize, mi: usize) -> MeasureView {
    let m = &site.roadmaps()[ri].measures[mi];
    let overdue = site.progress(ri).overdue[mi];
    let fmt = |v: Option<f64>| {
        v.map(|x| crate::text::fixed(x, 1))
            .unwrap_or_else(|| view::DASH.to_string())
    };
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
                let (_, p) = site.procedure_by_id(&t.procedure)?;
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
