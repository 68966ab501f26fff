//! Where which skills fail (internal; Якутия §2.3.2.2, ОК-1656/03 §3.3): per procedure a
//! skills × schools matrix (schools by name), and across procedures a roll-up of the area's
//! deficits by subject — in how many schools each skill is a deficit and whether any
//! measure addresses it — for the methodical service planning teacher training.

use serde::Serialize;

use super::*;
use crate::privacy::{SkillFigures, Standing};

pub(super) fn skills_href(p: &Procedure) -> String {
    format!("procedures/{}/skills/index.html", p.id)
}

#[derive(Serialize)]
struct Cell {
    value: String,
    standing: String,
}

#[derive(Serialize)]
struct MatrixRow {
    school: Link,
    cells: Vec<Cell>,
}

fn cell(figure: Option<&SkillFigures>) -> Cell {
    let standing = figure.and_then(|f| f.standing);
    Cell {
        value: figure.map_or(view::DASH.to_string(), |f| pct(f.completion)),
        standing: match standing {
            Some(Standing::Deficit) => "deficit",
            Some(Standing::Borderline) => "borderline",
            _ => "",
        }
        .to_string(),
    }
}

/// One procedure's skills (columns) for every school that wrote it (rows, by name).
pub(super) fn skill_matrix(site: &Reader, i: usize) -> PageJob {
    let p = site.procedure(i);
    let pa = site.figures(i);
    let path = skills_href(p);
    let crumbs = [
        home_crumb(),
        Link::new("Процедуры", "procedures/index.html"),
        Link::new(p.title.clone(), procedure_href(p)),
    ];
    let mut c = base(
        site,
        &path,
        &format!("Умения по школам — {}", p.title),
        &crumbs,
    );
    insert_procedure_facts(&mut c, p);
    let skills: Vec<(String, String)> = pa
        .municipality
        .figures
        .skills
        .iter()
        .map(|s| (s.skill.to_string(), p.skill_text(&s.skill).to_string()))
        .collect();
    let rows: Vec<MatrixRow> = pa
        .schools
        .iter()
        .map(|sg| {
            let s = &site.schools()[sg.school];
            MatrixRow {
                school: Link::new(school_with_area(site, s), school_procedure_href(s, p)),
                cells: skills
                    .iter()
                    .map(|(code, _)| {
                        cell(sg.group.figures.skills.iter().find(|f| *f.skill == **code))
                    })
                    .collect(),
            }
        })
        .collect();
    let area: Vec<Cell> = pa
        .municipality
        .figures
        .skills
        .iter()
        .map(|f| cell(Some(f)))
        .collect();
    c.insert("skills", &skills);
    c.insert("rows", &rows);
    c.insert("area_row", &area);
    PageJob {
        path,
        template: "skills.html",
        context: c,
    }
}

#[derive(Serialize)]
struct Deficit {
    procedure: Link,
    skill: String,
    text: String,
    completion: String,
    schools: usize,
    of: usize,
    measures: usize,
}

/// The area's deficits of the latest school year by subject, with the schools sharing each
/// and the measures addressing it; a deficit without a measure is named as such.
pub(super) fn deficits_page(site: &Reader) -> PageJob {
    let path = "deficits/index.html";
    let mut c = base(site, path, "Дефициты по предметам", &[home_crumb()]);
    let mut by_subject: std::collections::BTreeMap<String, Vec<Deficit>> = Default::default();
    for d in site.coverage(&Owner::Municipality) {
        let p = site.procedure(d.procedure);
        by_subject
            .entry(p.subject.clone())
            .or_default()
            .push(Deficit {
                procedure: Link::new(p.title.clone(), skills_href(p)),
                skill: d.skill.clone(),
                text: p.skill_text(&d.skill).to_string(),
                completion: pct(Some(d.completion)),
                schools: d.schools.0,
                of: d.schools.1,
                measures: d.measures.len(),
            });
    }
    let subjects: Vec<(String, Vec<Deficit>)> = by_subject.into_iter().collect();
    let uncovered: usize = subjects
        .iter()
        .flat_map(|(_, l)| l)
        .filter(|d| d.measures == 0)
        .count();
    c.insert("subjects", &subjects);
    c.insert("uncovered", &uncovered);
    c.insert("controls", &super::deadlines::controls(site));
    PageJob {
        path: path.into(),
        template: "deficits.html",
        context: c,
    }
}
