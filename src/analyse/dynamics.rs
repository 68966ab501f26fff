//! Procedures over time: the same subject and grade year after year, and the same
//! cohort a grade later (grade 4 in 2023/24 → grade 5 in 2024/25).

use crate::model::Project;

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

/// The procedure the same cohort wrote a year earlier: same kind and subject, one grade
/// lower, in the previous school year.
pub fn cohort_previous(project: &Project, procedure: usize) -> Option<usize> {
    let p = &project.procedures[procedure];
    let year = first_year(&p.school_year)?;
    (0..project.procedures.len()).rev().find(|&j| {
        let q = &project.procedures[j];
        q.kind == p.kind
            && q.subject == p.subject
            && q.grade + 1 == p.grade
            && first_year(&q.school_year) == Some(year - 1)
    })
}

/// `"2024/25"` → 2024.
fn first_year(school_year: &str) -> Option<i32> {
    school_year.split('/').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn school_years_parse() {
        assert_eq!(super::first_year("2024/25"), Some(2024));
        assert_eq!(super::first_year("учебный"), None);
    }
}
