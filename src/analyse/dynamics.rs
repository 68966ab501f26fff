//! Procedures over time: the same subject and grade year after year, and the same
//! cohort a grade later (grade 4 in 2023/24 → grade 5 in 2024/25).

use crate::model::{Procedure, Project};

/// Procedures of the same kind, subject and grade, in date order (a series over the years).
pub fn series(project: &Project, procedure: usize) -> Vec<usize> {
    let p = &project.procedures[procedure];
    (0..project.procedures.len())
        .filter(|&j| {
            let q = &project.procedures[j];
            q.kind == p.kind && q.subject == p.subject && q.grade == p.grade
        })
        .collect()
}

/// The procedure the same cohort wrote a year earlier: same kind and subject, its pupils
/// one grade lower, in the previous school year. The pupils' grade decides, not the work's:
/// the work of grade 4 written in the autumn of 2020 by grade 5 leads to grade 6 in 2021/22.
pub fn cohort_previous(project: &Project, procedure: usize) -> Option<usize> {
    previous_of_cohort(&project.procedures, procedure)
}

/// [`cohort_previous`] among `procedures`.
fn previous_of_cohort(procedures: &[Procedure], procedure: usize) -> Option<usize> {
    let p = &procedures[procedure];
    let year = first_year(&p.school_year)?;
    (0..procedures.len()).rev().find(|&j| {
        let q = &procedures[j];
        q.kind == p.kind
            && q.subject == p.subject
            && q.grade_of_pupils().checked_add(1) == Some(p.grade_of_pupils())
            && first_year(&q.school_year) == Some(year - 1)
    })
}

/// The procedure the same cohort writes a year later: same kind and subject, its pupils one
/// grade higher, in the next school year (the inverse of [`cohort_previous`]).
pub fn cohort_next(project: &Project, procedure: usize) -> Option<usize> {
    (0..project.procedures.len()).find(|&j| cohort_previous(project, j) == Some(procedure))
}

/// The skill of `later` that is the same planned result as `skill` of `earlier`: plans of
/// different grades number their skills independently, so the wording decides, not the
/// code. `None` when `earlier` gives the skill no wording or `later` has none like it.
pub fn shared_skill(earlier: &Procedure, skill: &str, later: &Procedure) -> Option<String> {
    let wording = normalised(earlier.skill_text(skill));
    if wording.is_empty() {
        return None;
    }
    let mut codes: Vec<&String> = later.tasks.iter().flat_map(|t| &t.skills).collect();
    codes.sort();
    codes.dedup();
    // The same code first, so a plan that repeats a wording keeps the natural pairing.
    codes.sort_by_key(|c| c.as_str() != skill);
    codes
        .into_iter()
        .find(|c| normalised(later.skill_text(c)) == wording)
        .cloned()
}

/// Wording compared without case, punctuation and spacing.
fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
        .replace('ё', "е")
}

/// `"2024/25"` → 2024.
pub(crate) fn first_year(school_year: &str) -> Option<i32> {
    school_year.split('/').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wording_compares_without_case_punctuation_or_spacing() {
        assert_eq!(
            super::normalised("Соблюдать  орфоэпические нормы, ставить Ударение."),
            super::normalised("соблюдать орфоэпические нормы ставить ударение")
        );
        assert_ne!(super::normalised("Считать"), super::normalised("Писать"));
    }

    /// The work of grade 4 written in the autumn of 2020 by grade 5 leads to the work of
    /// grade 6 in 2021/22 (the same pupils), not to grade 5 (other children).
    #[test]
    fn a_cohort_follows_the_pupils_grade_not_the_works() {
        let work = |grade: u8, pupils: Option<u8>, year: &str| crate::model::Procedure {
            grade,
            pupils_grade: pupils,
            school_year: year.into(),
            ..crate::analyse::tests::procedure()
        };
        let autumn = work(4, Some(5), "2020/21");
        let procedures = [
            autumn.clone(),
            work(5, None, "2021/22"),
            work(6, None, "2021/22"),
        ];
        assert_eq!(super::previous_of_cohort(&procedures, 2), Some(0));
        assert_eq!(super::previous_of_cohort(&procedures, 1), None);
        // Without the pupils' grade the same files pair the other way.
        let procedures = [
            work(4, None, "2020/21"),
            work(5, None, "2021/22"),
            work(6, None, "2021/22"),
        ];
        assert_eq!(super::previous_of_cohort(&procedures, 1), Some(0));
        assert_eq!(super::previous_of_cohort(&procedures, 2), None);
        assert_eq!(autumn.grade_label(), "работа 4 класса, писали 5 классы");
        assert_eq!(procedures[0].grade_label(), "4 класс");
        assert!(
            autumn
                .pupils_note()
                .is_some_and(|n| n.contains("учащиеся 5 классов"))
        );
        assert_eq!(procedures[0].pupils_note(), None);
    }

    #[test]
    fn school_years_parse() {
        assert_eq!(super::first_year("2024/25"), Some(2024));
        assert_eq!(super::first_year("учебный"), None);
    }
}
