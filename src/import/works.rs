//! Several works in one `oko import`: results, plans and skill tables are grouped by the
//! work their names (with the flags) say, and each group is imported as one work — an
//! office passes a region's exports with their plans in one call.

use super::identity::{self, Identity};
use super::table::Table;
use super::{Inputs, Request};
use crate::diag::OkoError;

/// The files of one work.
pub(super) struct WorkFiles<'a> {
    /// What the flags and the files' names say together.
    pub id: Identity,
    pub results: Vec<&'a Table>,
    pub plans: Vec<&'a Table>,
    pub skills: Vec<&'a Table>,
    /// The year the plan's name gives, where it is not the results' year.
    pub plan_year: Option<i32>,
}

/// What the flags say about the work.
fn flags(req: &Request) -> Result<Identity, OkoError> {
    let kind = match &req.kind {
        Some(k) => Some(identity::kind_named(k).ok_or_else(|| {
            OkoError::Usage(format!(
                "--kind «{k}»: ожидается ВПР, ОГЭ, ЕГЭ, ГВЭ, НИКО или РДР"
            ))
        })?),
        None => None,
    };
    let subject = req
        .subject
        .as_ref()
        .map(|s| identity::subject_name(s).map_or_else(|| s.trim().to_string(), str::to_string));
    Ok(Identity {
        kind,
        subject,
        grade: req.grade,
        year: req.year,
    })
}

/// The work one file names, with the flags: its title line, then its file name.
fn of_table(flags: &Identity, t: &Table) -> Result<Identity, OkoError> {
    let mut id = flags.clone();
    if let Some(title) = &t.title {
        id.merge(&identity::from_file_name(title)).map_err(|conflict| {
            OkoError::Usage(format!(
                "{}: заголовок «{title}» называет другую работу, чем остальные файлы или параметры — {conflict}",
                t.path.display()
            ))
        })?;
    }
    let stem = t
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    id.merge(&identity::from_file_name(&stem)).map_err(|conflict| {
        OkoError::Usage(format!(
            "{}: имя файла называет другую работу, чем остальные файлы или параметры — {conflict}",
            t.path.display()
        ))
    })?;
    Ok(id)
}

/// Which of the tables are a results file, a plan or a skill table.
#[derive(Clone, Copy)]
enum Role {
    Results,
    Plan,
    Skills,
}

/// The results, plans and skill tables grouped by work. Files that name more of their
/// work are placed first; a file that fits no group starts one; a file whose name fits
/// several groups (it says too little) is refused, with the flags that would place it.
pub(super) fn group<'a>(req: &Request, inputs: &'a Inputs) -> Result<Vec<WorkFiles<'a>>, OkoError> {
    let flags = flags(req)?;
    let mut tables: Vec<(Identity, Role, &Table)> = Vec::new();
    for (role, list) in [
        (Role::Results, &inputs.results),
        (Role::Plan, &inputs.plans),
        (Role::Skills, &inputs.skills),
    ] {
        for t in list {
            tables.push((of_table(&flags, t)?, role, t));
        }
    }
    // Stable: files naming as much keep the order the user gave them.
    tables.sort_by_key(|(id, ..)| std::cmp::Reverse(id.known()));
    let mut works: Vec<WorkFiles> = Vec::new();
    for (id, role, t) in tables {
        let fitting: Vec<usize> = (0..works.len())
            .filter(|&w| works[w].id.fits(&id))
            .collect();
        let w = match fitting.as_slice() {
            [] => {
                works.push(WorkFiles {
                    id: flags.clone(),
                    results: Vec::new(),
                    plans: Vec::new(),
                    skills: Vec::new(),
                    plan_year: None,
                });
                works.len() - 1
            }
            [w] => *w,
            [..] => {
                return Err(OkoError::Usage(format!(
                    "{}: по имени файла не понять, к какой из работ он относится; \
                     импортируйте его отдельным вызовом import с {}",
                    t.path.display(),
                    id.missing().join(", ")
                )));
            }
        };
        let work = &mut works[w];
        // Placed in one group only, so the merge cannot conflict.
        work.id.merge(&id).map_err(OkoError::Usage)?;
        match role {
            Role::Results => work.results.push(t),
            Role::Plan => work.plans.push(t),
            Role::Skills => work.skills.push(t),
        }
    }
    adopt_plans_of_other_years(&mut works);
    Ok(works)
}

/// A work's results without a plan take the plan of the same work of another year, when
/// exactly one such plan came without results: ФИОКО leaves a plan unchanged for years
/// (the 2022 forms follow the 2021 plans), and its own year's plan may not exist.
fn adopt_plans_of_other_years(works: &mut Vec<WorkFiles>) {
    let same_but_year = |a: &Identity, b: &Identity| {
        a.year != b.year
            && a.year.is_some()
            && b.year.is_some()
            && Identity {
                year: None,
                ..a.clone()
            } == Identity {
                year: None,
                ..b.clone()
            }
    };
    let mut w = 0;
    while w < works.len() {
        if works[w].results.is_empty() || !works[w].plans.is_empty() {
            w += 1;
            continue;
        }
        let donors: Vec<usize> = (0..works.len())
            .filter(|&d| {
                works[d].results.is_empty()
                    && !works[d].plans.is_empty()
                    && same_but_year(&works[w].id, &works[d].id)
            })
            .collect();
        if let [d] = donors[..] {
            let donor = works.remove(d);
            let w = if d < w { w - 1 } else { w };
            works[w].plan_year = donor.id.year;
            works[w].plans = donor.plans;
            works[w].skills.extend(donor.skills);
        }
        w += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Table {
        Table {
            path: name.into(),
            sheet: None,
            title: None,
            raw_headers: Vec::new(),
            headers: Vec::new(),
            rows: Vec::new(),
            stray: None,
        }
    }

    #[test]
    fn a_form_without_its_years_plan_takes_the_same_works_plan_of_another_year() {
        let inputs = Inputs {
            results: vec![table("altai_2022_g5_Математика.xlsx")],
            plans: vec![table("plan_2021_ma5_ALL.xlsx")],
            skills: vec![table("plan_2021_ma5_KT.xlsx")],
            context: Vec::new(),
        };
        let req = Request {
            kind: Some("ВПР".into()),
            ..Request::default()
        };
        let works = group(&req, &inputs).expect("grouped");
        assert_eq!(works.len(), 1);
        assert_eq!(works[0].id.year, Some(2022));
        assert_eq!(works[0].plan_year, Some(2021));
        assert_eq!(names(&works[0].plans), ["plan_2021_ma5_ALL.xlsx"]);
        assert_eq!(names(&works[0].skills), ["plan_2021_ma5_KT.xlsx"]);

        // Another grade's plan is not the same work: no plan is taken.
        let other = Inputs {
            results: vec![table("altai_2022_g5_Математика.xlsx")],
            plans: vec![table("plan_2021_ma6_ALL.xlsx")],
            ..Inputs::default()
        };
        let works = group(&req, &other).expect("grouped");
        assert_eq!(works.len(), 2);
        assert!(works.iter().all(|w| w.plan_year.is_none()));
    }

    fn names(list: &[&Table]) -> Vec<String> {
        list.iter().map(|t| t.path.display().to_string()).collect()
    }

    #[test]
    fn two_exports_with_their_plans_are_two_works() {
        let inputs = Inputs {
            results: vec![
                table("altai_2021_vpr_ma5_participants.xlsx"),
                table("altai_2021_vpr_ru4_participants.xlsx"),
            ],
            plans: vec![
                table("plan_2021_ru4_ALL.xlsx"),
                table("plan_2021_ma5_ALL.xlsx"),
            ],
            skills: vec![table("plan_2021_ma5_KT.xlsx")],
            context: Vec::new(),
        };
        let works = group(&Request::default(), &inputs).expect("grouped");
        assert_eq!(works.len(), 2);
        let math = &works[0];
        assert_eq!(math.id.subject.as_deref(), Some("Математика"));
        assert_eq!(
            names(&math.results),
            ["altai_2021_vpr_ma5_participants.xlsx"]
        );
        assert_eq!(names(&math.plans), ["plan_2021_ma5_ALL.xlsx"]);
        assert_eq!(names(&math.skills), ["plan_2021_ma5_KT.xlsx"]);
        assert_eq!(names(&works[1].plans), ["plan_2021_ru4_ALL.xlsx"]);
        assert!(works[1].skills.is_empty());
    }

    #[test]
    fn a_silent_name_joins_the_one_work_and_is_refused_between_two() {
        let one = Inputs {
            results: vec![table("results.csv")],
            plans: vec![table("plan_2021_ma5_ALL.xlsx")],
            ..Inputs::default()
        };
        let works = group(&Request::default(), &one).expect("grouped");
        assert_eq!(works.len(), 1);
        assert_eq!(names(&works[0].results), ["results.csv"]);

        let two = Inputs {
            results: vec![table("results.csv")],
            plans: vec![
                table("plan_2021_ma5_ALL.xlsx"),
                table("plan_2021_ru4_ALL.xlsx"),
            ],
            ..Inputs::default()
        };
        let Err(OkoError::Usage(message)) = group(&Request::default(), &two) else {
            panic!("a file that fits two works is refused");
        };
        assert_eq!(
            message,
            "results.csv: по имени файла не понять, к какой из работ он относится; \
             импортируйте его отдельным вызовом import с --kind (ВПР, ОГЭ, ЕГЭ, …), --subject, --grade, --year"
        );
    }
}
