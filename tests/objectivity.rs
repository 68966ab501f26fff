//! Objectivity signs against hand-worked fixtures, each raised and not raised (#31 point 1).

mod common;

use common::{Fixture, PROCEDURE};
use oko::analyse::objectivity::Sign;
use oko::config::Audience;
use oko::site::Site;

/// Rows of `school`: `n` pupils, each scoring `scores` on tasks 1, 2К1, 3 (max 1, 2, 2).
fn rows(school: &str, n: usize, scores: &str, grade: u8) -> String {
    (0..n)
        .map(|k| format!("{school},{grade}А,{school}{k:03},{scores}\n"))
        .collect()
}

/// Four schools write the ВПР of grade 5 in 2024/25, 20 pupils each: sch01 scores 5 of 5
/// (100 %), the others 2 of 5 (40 %). Mean of the four 55 %, standard deviation
/// √((3·15² + 45²)/4) = √675 ≈ 26,0: sch01 stands (100 − 55)/26,0 ≈ 1,73 above, over the
/// 1,5 of the rule. Then an ОГЭ of grade 9 in `exam_year`, where sch01 has `exam_pupils`
/// scoring 2 of 5 like everyone else — not above the municipality.
fn project(exam_year: &str, exam_pupils: usize) -> Fixture {
    let f = Fixture::new();
    f.write("oko.yaml", "min_group: 5\n");
    for s in ["sch03", "sch04"] {
        f.write(
            &format!("data/schools/{s}.yaml"),
            &format!("id: {s}\nname: \"СОШ {s}\"\nshort_name: \"СОШ {s}\"\nattributes: {{ location: город }}\n"),
        );
    }
    let header = "school,class,participant,1,2К1,3\n";
    let mut vpr = String::from(header);
    vpr += &rows("sch01", 20, "1,2,2", 5);
    for s in ["sch02", "sch03", "sch04"] {
        vpr += &rows(s, 20, "1,1,0", 5);
    }
    f.results(&vpr);
    let start: i32 = exam_year[..4].parse().expect("year");
    let id = format!("oge-{}-test", start + 1);
    f.write(
        &format!("data/procedures/{}/{id}.yaml", start + 1),
        &common::procedure_yaml(&id)
            .replace("kind: ВПР", "kind: ОГЭ")
            .replace("grade: 5", "grade: 9")
            .replace(
                "school_year: \"2024/25\"",
                &format!("school_year: \"{exam_year}\""),
            )
            .replace("date: 2025-04-15", &format!("date: {}-06-01", start + 1)),
    );
    let mut exam = String::from(header);
    exam += &rows("sch01", exam_pupils, "1,1,0", 9);
    for s in ["sch02", "sch03", "sch04"] {
        exam += &rows(s, 20, "1,1,0", 9);
    }
    f.write(&format!("data/results/{}/{id}/r.csv", start + 1), &exam);
    f
}

/// The signs of sch01 in the ВПР.
fn vpr_signs(f: &Fixture) -> Vec<Sign> {
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let date = chrono::NaiveDate::from_ymd_opt(2029, 11, 1).expect("date");
    let analysis = site.analyse(Audience::Internal, date).analysis;
    let i = site.project.procedure_index(PROCEDURE).expect("procedure");
    let sch01 = site.project.school_index("sch01").expect("sch01");
    analysis.signs[i].get(&sch01).cloned().unwrap_or_default()
}

fn high_vpr(signs: &[Sign]) -> Option<&Sign> {
    signs.iter().find(|s| s.code == "high-vpr-not-confirmed")
}

#[test]
fn high_vpr_is_set_against_the_same_cohorts_exam_only() {
    // The cohort of grade 5 in 2024/25 writes the ОГЭ of grade 9 in 2028/29 (2024 + 9 − 5).
    let same_cohort = vpr_signs(&project("2028/29", 20));
    let sign = high_vpr(&same_cohort).expect("raised on the same cohort");
    assert!(
        sign.tentative,
        "20 and 20 participants: under peak_min (50)"
    );
    assert!(
        sign.evidence
            .starts_with("средний процент выполнения ВПР 100,0 % (20 участников) — на 1,7 стандартного отклонения выше среднего по школам (55,0 %); те же ученики в «"),
        "{}",
        sign.evidence
    );
    assert!(
        sign.evidence
            .ends_with("(2028/29) — 40,0 % (20 участников) при 40,0 % по муниципалитету"),
        "{}",
        sign.evidence
    );
    // The ОГЭ of the same school year is other children: nothing is compared.
    assert_eq!(high_vpr(&vpr_signs(&project("2024/25", 20))), None);
    // The school's exam group under high_min_participants (20): not judged.
    assert_eq!(high_vpr(&vpr_signs(&project("2028/29", 19))), None);
}
