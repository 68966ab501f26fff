//! `oko roadmap new --procedure ID [--owner O]`: the skeleton of a roadmap after a procedure,
//! with the standard measures of its owner — region, municipality or school
//! ([`super::roadmap_template`]) — each with the deadline the seeds set from the date of the
//! results, and the deficits the owner has in that procedure already listed as what the
//! measures address.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files;
use super::roadmap_template::{Measure, measures};
use crate::config::Audience;
use crate::diag::OkoError;
use crate::model::{Due, Owner, Procedure, Project};
use crate::privacy::Standing;

/// What `owner:` names in this project.
fn owner_of(project: &Project, owner: &str) -> Result<Owner, OkoError> {
    if matches!(owner, "municipality" | "region") {
        Ok(Owner::Municipality)
    } else if project.municipality_index(owner).is_some() {
        Ok(Owner::Area(owner.to_string()))
    } else if project.school_index(owner).is_some() {
        Ok(Owner::School(owner.to_string()))
    } else {
        Err(OkoError::Usage(format!(
            "--owner {owner}: ожидается municipality (или region), id муниципалитета региона или id школы"
        )))
    }
}

/// The skills below the threshold for `owner` in procedure `i`.
fn deficits(project: &Project, i: usize, owner: &Owner, as_of: NaiveDate) -> Vec<String> {
    let analysis = crate::analyse::analyse(project, Audience::Internal, as_of);
    crate::analyse::measures::group_for(project, &analysis.procedures, i, owner)
        .map(|g| {
            g.figures
                .skills
                .iter()
                .filter(|s| s.standing == Some(Standing::Deficit))
                .map(|s| s.skill.to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn yaml(p: &Procedure, id: &str, owner: &str, measures: &[Measure], skills: &[String]) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y = format!(
        "id: {id}\nowner: {owner}\ntitle: {}\nbased_on: [{}]\nmeasures:\n",
        q(&format!("Дорожная карта по результатам: {}", p.title)),
        p.id
    );
    let addresses: Vec<String> = skills
        .iter()
        .map(|s| format!("{{ procedure: {}, skill: {} }}", p.id, q(s)))
        .collect();
    for (n, m) in measures.iter().enumerate() {
        if m.due == Due::EndOfSchoolYear {
            y += "  # «До конца учебного года»: срок можно уточнить решением педсовета или приказом.\n";
        }
        y += &format!(
            "  - id: \"{}\"\n    stage: {}\n    title: {}\n    participants: {}\n    deadline: {}\n    responsible: {}\n    result: {}\n    document: {}\n    status: planned\n",
            n + 1,
            m.stage.label().to_lowercase(),
            q(m.title),
            q(m.participants),
            m.due.date(p.date),
            q(m.responsible),
            q(m.result),
            q(m.document)
        );
        if m.addresses && !addresses.is_empty() {
            y += &format!("    addresses: [ {} ]\n", addresses.join(", "));
        }
    }
    y
}

/// Writes the skeleton under `data/roadmaps/`; never over a file the user edited.
pub fn new(
    root: &Path,
    procedure: &str,
    owner: &str,
    force: bool,
    as_of: NaiveDate,
) -> Result<Vec<String>, OkoError> {
    let project = crate::site::Site::load(root)?.project;
    let Some(i) = project.procedure_index(procedure) else {
        let ids: Vec<&str> = project.procedures.iter().map(|p| p.id.as_str()).collect();
        return Err(OkoError::Usage(format!(
            "--procedure {procedure}: нет такой процедуры; есть: {}",
            ids.join(", ")
        )));
    };
    let resolved = owner_of(&project, owner)?;
    let skills = deficits(&project, i, &resolved, as_of);
    let id = match resolved {
        Owner::Municipality => format!("rm-{procedure}"),
        _ => format!("rm-{procedure}-{owner}"),
    };
    let rel = PathBuf::from(format!("data/roadmaps/{id}.yaml"));
    let measures = measures(&resolved, project.is_region());
    let body = yaml(&project.procedures[i], &id, owner, measures, &skills);
    let planned = files::plan(root, rel.clone(), files::yaml_with_mark(&body), force);
    files::write_all(root, std::slice::from_ref(&planned))?;
    Ok(vec![
        format!(
            "записан: {} (мероприятий: {}, дефицитов в addresses: {})",
            rel.display(),
            measures.len(),
            skills.len()
        ),
        "проверьте: ответственных, сроки и мероприятия под свою организацию".to_string(),
    ])
}
