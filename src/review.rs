//! Review of a loaded and analysed project: data that is valid but suspicious, and the
//! links of the rendered site. Warnings do not stop a build; a broken link does.

use crate::diag::{Diagnostics, Location};
use crate::links::BrokenLink;
use crate::model::Project;
use crate::privacy::Published;

/// Why a school has no results: its rows were all absent pupils or bad rows left out
/// (the school is in the files), or the files never name it (its code may be wrong).
fn without_results(project: &Project, school: usize) -> String {
    let (absent, skipped) = project
        .results
        .iter()
        .filter_map(|r| u32::try_from(school).ok().and_then(|s| r.left_out.get(&s)))
        .fold((0, 0), |(a, s), &(ra, rs)| (a + ra, s + rs));
    let rows = |n: u32| crate::text::counted(n as usize, "строка", "строки", "строк");
    match (absent, skipped) {
        (0, 0) => {
            "у школы нет результатов ни в одной процедуре: проверьте код школы в файлах результатов"
                .to_string()
        }
        (a, 0) => format!(
            "у школы нет участников ни в одной процедуре: все её {} в файлах результатов — отсутствовавшие ученики \
             (если школа работу не писала, так и должно быть)",
            rows(a)
        ),
        (a, s) => format!(
            "у школы нет участников ни в одной процедуре: в файлах результатов у неё строк отсутствовавших учеников — {a}, \
             строк, пропущенных как ошибочные (bad_rows: skip), — {s}; какие это строки, покажет oko check --verbose"
        ),
    }
}

/// Warnings for data that is valid but probably not what the office meant.
pub fn warnings(project: &Project, published: &Published) -> Diagnostics {
    let analysis = &published.analysis;
    let mut d = Diagnostics::default();
    for (i, school) in project.schools.iter().enumerate() {
        let any = analysis.procedures.iter().any(|pa| pa.school(i).is_some());
        if !any && !project.procedures.is_empty() {
            d.warning(
                Location::file(format!("data/schools/{}.yaml", school.id)),
                "school-without-results",
                without_results(project, i),
            );
        }
    }
    let min = u64::from(published.smallest_group);
    for (p, pa) in project.procedures.iter().zip(&analysis.procedures) {
        let file = Location::file(format!("data/procedures/{}/{}.yaml", p.year, p.id));
        // A region project computes the region's figures itself.
        if !project.is_region() && p.benchmarks.region.is_none() && p.benchmarks.russia.is_none() {
            d.warning(
                file.clone(),
                "no-benchmarks",
                "нет эталонных показателей региона и России (benchmarks): сравнение на страницах будет только с муниципалитетом",
            );
        }
        for sg in &pa.schools {
            let c = &sg.group.counters;
            if c.enrolled > 0 && c.participants > c.enrolled {
                d.warning(
                    file.clone(),
                    "more-participants-than-students",
                    format!(
                        "в школе {} участников ({}) больше, чем обучающихся {} класса ({}): проверьте enrolment или enrolment_by_year для {}",
                        project.schools[sg.school].id,
                        c.participants,
                        p.grade_of_pupils(),
                        c.enrolled,
                        p.school_year
                    ),
                );
            }
        }
        for (m, &n) in pa.municipality.counters.marks.iter().enumerate() {
            if n > 0 && n < min {
                d.warning(
                    file.clone(),
                    "small-mark-group",
                    format!(
                        "в муниципалитете отметку «{}» получили {} — меньше min_group ({min}): на публичном сайте строки выполнения заданий для этой группы не показываются",
                        m + 2,
                        crate::text::counted(n as usize, "участник", "участника", "участников")
                    ),
                );
            }
        }
    }
    d
}

/// Every broken internal link of the rendered site, as errors. A link on a content page is
/// reported at its Markdown file; any other is a theme template's.
pub fn links(project: &Project, broken: &[BrokenLink]) -> Diagnostics {
    let mut d = Diagnostics::default();
    for b in broken {
        let page = project
            .pages
            .iter()
            .find(|p| format!("{}/index.html", p.slug) == b.page);
        let (file, what) = match page {
            Some(p) => (p.file.clone(), "проверьте ссылку в тексте страницы"),
            None => (
                format!("themes/{}/templates", project.config.theme).into(),
                "проверьте шаблон темы",
            ),
        };
        let why = if b.link.starts_with('/') {
            "ссылка от корня сайта"
        } else {
            "ссылка ведёт на несуществующую страницу"
        };
        d.error(
            Location::file(file),
            "broken-link",
            format!("{why} «{}» на странице {}: {what}", b.link, b.page),
        );
    }
    d
}
