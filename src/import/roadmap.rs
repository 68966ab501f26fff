//! `oko roadmap new --procedure ID [--owner O]`: the skeleton of a roadmap after a procedure,
//! as the seeds lay it out — one measure per stage with its standard deadline counted from
//! the date of the results (analysis within 3 weeks, work programmes within a month, the
//! ВСОКО regulation by 1 October, reflection by 25 December) — and the deficits the owner
//! has in that procedure already listed as what the measures address.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Days, NaiveDate};

use super::files;
use crate::config::Audience;
use crate::diag::OkoError;
use crate::model::{Owner, Procedure, Project, Stage};
use crate::privacy::Standing;

/// The standard measure of each stage: title, participants, responsible, result, document.
const MEASURES: [(Stage, &str, &str, &str, &str, &str); 5] = [
    (
        Stage::Analytical,
        "Анализ результатов в разрезе каждого класса, обучающегося и задания; выявление дефицитов",
        "Учителя-предметники, школьные методические объединения",
        "Заместитель руководителя по учебно-воспитательной работе",
        "Перечень несформированных умений по классам и обучающимся",
        "Аналитическая справка",
    ),
    (
        Stage::Organisational,
        "Внесение изменений в рабочие программы по учебному предмету с учётом дефицитов",
        "Учителя-предметники, школьные методические объединения",
        "Руководители школьных методических объединений",
        "Рабочие программы с темами и заданиями на несформированные умения",
        "Протокол педагогического совета",
    ),
    (
        Stage::Training,
        "Учебные занятия на формирование несформированных умений, в том числе по индивидуальным маршрутам",
        "Учителя-предметники",
        "Заместитель руководителя по учебно-воспитательной работе",
        "Занятия по дефицитным умениям проведены",
        "Технологические карты занятий",
    ),
    (
        Stage::Evaluative,
        "Внесение изменений в положение о внутренней системе оценки качества образования",
        "Заместитель руководителя по учебно-воспитательной работе, руководители ШМО",
        "Руководитель образовательной организации",
        "Текущая и промежуточная оценка включает несформированные умения",
        "Приказ",
    ),
    (
        Stage::Reflective,
        "Анализ эффективности принятых мер и корректировка дорожной карты",
        "Руководитель образовательной организации, заместители, руководители ШМО",
        "Руководитель образовательной организации",
        "Выводы о результатах мер; скорректированная дорожная карта",
        "Аналитическая справка",
    ),
];

/// The first `month`/`day` on or after `from`.
fn next(from: NaiveDate, month: u32, day: u32) -> NaiveDate {
    let this_year = NaiveDate::from_ymd_opt(from.year(), month, day).unwrap_or(from);
    if this_year >= from {
        this_year
    } else {
        NaiveDate::from_ymd_opt(from.year() + 1, month, day).unwrap_or(from)
    }
}

/// The standard deadline of each stage, counted from the date of the results.
pub fn deadlines(results: NaiveDate) -> [NaiveDate; 5] {
    let after = |days: u64| results.checked_add_days(Days::new(days)).unwrap_or(results);
    let reflection = next(after(1), 12, 25);
    [
        after(21),
        after(30),
        reflection,
        next(after(30), 10, 1),
        reflection,
    ]
}

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
    crate::analyse::roadmap::group_for(project, &analysis.procedures, i, owner)
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

fn yaml(p: &Procedure, id: &str, owner: &str, skills: &[String]) -> String {
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
    for (n, ((stage, title, who, responsible, result, document), deadline)) in
        MEASURES.iter().zip(deadlines(p.date)).enumerate()
    {
        if *stage == Stage::Training {
            y += "  # Срок обучающего этапа — по решению педсовета; здесь — до рефлексии.\n";
        }
        y += &format!(
            "  - id: \"{}\"\n    stage: {}\n    title: {}\n    participants: {}\n    deadline: {deadline}\n    responsible: {}\n    result: {}\n    document: {}\n    status: planned\n",
            n + 1,
            stage.label().to_lowercase(),
            q(title),
            q(who),
            q(responsible),
            q(result),
            q(document)
        );
        if matches!(stage, Stage::Analytical | Stage::Training) && !addresses.is_empty() {
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
    let body = yaml(&project.procedures[i], &id, owner, &skills);
    let planned = files::plan(root, rel.clone(), files::yaml_with_mark(&body), force);
    files::write_all(root, std::slice::from_ref(&planned))?;
    Ok(vec![
        format!(
            "записан: {} (этапов: 5, дефицитов в addresses: {})",
            rel.display(),
            skills.len()
        ),
        "проверьте: ответственных, сроки и мероприятия под свою организацию".to_string(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_deadlines_follow_the_seeds() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(
            deadlines(d(2025, 4, 15)),
            [
                d(2025, 5, 6),
                d(2025, 5, 15),
                d(2025, 12, 25),
                d(2025, 10, 1),
                d(2025, 12, 25)
            ]
        );
        // Results in the autumn: ВСОКО by the next 1 October.
        assert_eq!(deadlines(d(2024, 10, 10))[3], d(2025, 10, 1));
    }
}
