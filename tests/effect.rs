//! The effect of a measure on the same cohort, hand-computed: grade 4 of 2023/24
//! (`vpr-2024-t4`) is grade 5 of 2024/25 (`vpr-2025-test`); computed indicators beside the
//! declared ones; the reflection; and what the public may see of a small cohort.

mod common;

use common::{Fixture, PROCEDURE};
use oko::analyse::effect::{SkillShare, Uncompared, Verdict};
use oko::analyse::uncertainty::Change;
use oko::config::Audience;
use oko::site::Site;

/// Grade 4 a year earlier, written by sch01 (5 pupils) and sch03 (4 pupils), which has no
/// grade 5 results in 2024/25 — so the cohort is sch01's alone.
fn fixture(min_group: u32, t4_plan: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        &format!(
            "min_group: {min_group}\nthresholds:\n  basic: {{ sufficient: 75, insufficient: 70 }}\n  advanced: {{ sufficient: 55, insufficient: 50 }}\n"
        ),
    );
    f.write(
        "data/schools/sch03.yaml",
        "id: sch03\nname: \"МБОУ «Петровская ООШ»\"\nshort_name: \"Петровская ООШ\"\nattributes: { location: село }\n",
    );
    f.write("data/procedures/2024/vpr-2024-t4.yaml", t4_plan);
    f.write(
        "data/results/2024/vpr-2024-t4/r.csv",
        "school,class,participant,1,2К1,3\n\
         sch01,4А,1,1,2,2\nsch01,4А,2,1,2,1\nsch01,4А,3,1,1,1\nsch01,4А,4,0,1,0\nsch01,4А,5,1,1,0\n\
         sch03,4А,6,1,2,0\nsch03,4А,7,1,1,0\nsch03,4А,8,0,0,0\nsch03,4А,9,1,2,1\n",
    );
    f.write(
        "data/roadmaps/rm.yaml",
        "id: rm\nowner: municipality\ntitle: \"Дорожная карта\"\nbased_on: [vpr-2024-t4]\nmeasures:\n\
         \x20 - id: \"1\"\n    stage: обучающий\n    title: \"Курсы\"\n    deadline: 2024-12-01\n    status: done\n\
         \x20   addresses: [ { procedure: vpr-2024-t4, skill: \"1.1\" } ]\n\
         \x20   indicators:\n\
         \x20     - { name: \"Умение 1.1, %\", skill: { procedure: vpr-2024-t4, skill: \"1.1\" }, baseline: 70.4, target: 75, actual: 60.0 }\n\
         \x20     - { name: \"Обучено учителей\", baseline: 0, target: 5, actual: 6 }\n",
    );
    f
}

/// The base plan as grade 4 of 2023/24.
fn t4_plan() -> String {
    common::procedure_yaml("vpr-2024-t4")
        .replace("grade: 5", "grade: 4")
        .replace("\"2024/25\"", "\"2023/24\"")
        .replace("date: 2025-04-15", "date: 2024-04-16")
        .replace("5 класс", "4 класс")
}

fn analyse(f: &Fixture, audience: Audience) -> (Site, oko::analyse::Analysis) {
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let published = site.analyse(audience, as_of).analysis;
    (site, published)
}

#[test]
fn the_effect_follows_the_same_cohort_in_the_same_schools() {
    let f = fixture(5, &t4_plan());
    let (site, published) = analyse(&f, Audience::Public);
    let progress = &published.roadmaps[0];
    let e = &progress.effects[0][0];
    assert_eq!(e.later, site.project.procedure_index(PROCEDURE));
    assert_eq!(e.later_skill.as_deref(), Some("1.1"));
    // Only sch01 wrote both works. Before: task 1 → 4 of 5, 2К1 → 7 of 10: 11 of 15.
    assert_eq!(e.schools, 1);
    let share = |s: Option<SkillShare>| s.map(|s| (s.points, s.possible, s.completion.plain()));
    assert_eq!(share(e.before), Some((11, 15, "73.3".to_string())));
    // After, sch01's 12 pupils: task 1 → 8 of 12, 2К1 → 15 of 24: 23 of 36 (sch02's 3
    // pupils, who wrote no grade-4 work here, are not the cohort).
    assert_eq!(share(e.after), Some((23, 36, "63.9".to_string())));
    assert_eq!(e.change.map(|c| c.plain()), Some("-9.4".to_string()));
    // Newcombe's interval of −9.4 p.p. over 15 and 36 points spans zero: chance.
    let i = e.interval.expect("interval");
    assert!(i.low.scaled < 0 && i.high.scaled > 0, "{i:?}");
    assert_eq!(
        e.verdict,
        Verdict::Alone(Change::Chance, Uncompared::WholeArea)
    );
    assert!(!e.visibility.hidden());

    f.build(&[]).assert_ok();
    let page = std::fs::read_to_string(f.path("public/roadmaps/rm/index.html")).expect("page");
    assert!(
        page.contains("73,3\u{a0}%; та же когорта через год")
            && page.contains("63,9\u{a0}%, -9,4 п. п.")
            && page.contains("1 школа с результатами в обеих работах")
            && page.contains(
                "изменение в пределах случайных колебаний; других школ для сравнения нет"
            ),
        "{page}"
    );
}

#[test]
fn declared_indicators_are_checked_and_the_reflection_lists_what_is_left() {
    let f = fixture(5, &t4_plan());
    let (_, published) = analyse(&f, Audience::Public);
    let progress = &published.roadmaps[0];
    let check = progress.indicators[0][0].as_ref().expect("computed");
    // Municipality, grade 4: sch01 11 of 15 and sch03 (task 1 → 3 of 4, 2К1 → 5 of 8) 8 of
    // 12: 19 of 27 = 70.4 % — as declared.
    assert_eq!(check.baseline.map(|v| v.plain()), Some("70.4".into()));
    assert!(!check.baseline_differs);
    // A year later the municipality's grade 5: 29 of 45 = 64.4 %, not the declared 60.0.
    assert_eq!(check.actual.map(|v| v.plain()), Some("64.4".into()));
    assert!(check.actual_differs);
    assert!(progress.indicators[0][1].is_none(), "a free-form indicator");
    let r = &progress.reflection;
    assert_eq!(r.unchanged, vec![(0, 0)]);
    assert!(r.improved.is_empty() && r.worse.is_empty() && r.open.is_empty());
    assert_eq!(r.disagreements, vec![(0, 0)]);
    // Task 3 (skill 2.1, повышенный): sch01 4 of 10, sch03 1 of 8 → 5 of 18 = 27.8 % < 50,
    // a deficit no measure addresses.
    let left: Vec<(String, String)> = r
        .without_measure
        .iter()
        .map(|(_, s, c)| (s.clone(), c.plain()))
        .collect();
    assert_eq!(left, vec![("2.1".to_string(), "27.8".to_string())]);

    f.build(&[]).assert_ok();
    let page = std::fs::read_to_string(f.path("public/roadmaps/rm/index.html")).expect("page");
    let reflection = page.split("id=\"reflection\"").nth(1).expect("reflection");
    assert!(
        page.contains("стало 60,0 (по расчёту oko — 64,4: не совпадает)")
            && page.contains("было 70,4 (совпадает с расчётом oko)")
            && reflection.contains("Без изменений сверх случайных колебаний: умение 1.1")
            && reflection.contains("умение 2.1 «Рассуждать» — 27,8")
            && reflection.contains("мероприятие 1: «Умение 1.1, %»"),
        "{reflection}"
    );
}

#[test]
fn the_wording_decides_which_skill_is_the_same_not_the_code() {
    // Another wording under the same code: not the same planned result.
    let f = fixture(
        5,
        &t4_plan().replacen("text: \"Считать\"", "text: \"Писать\"", 2),
    );
    let (_, published) = analyse(&f, Audience::Public);
    let e = &published.roadmaps[0].effects[0][0];
    assert_eq!(e.verdict, Verdict::NotInPlan);
    assert_eq!(e.after, None);
    assert_eq!(e.before.map(|b| b.completion.plain()), Some("70.4".into()));
    // The same wording under another code: the same planned result.
    let f = fixture(5, &t4_plan().replace("skill: \"1.1\"", "skill: \"9.9\""));
    f.write(
        "data/roadmaps/rm.yaml",
        &std::fs::read_to_string(f.path("data/roadmaps/rm.yaml"))
            .expect("roadmap")
            .replace("skill: \"1.1\"", "skill: \"9.9\""),
    );
    let (_, published) = analyse(&f, Audience::Public);
    let e = &published.roadmaps[0].effects[0][0];
    assert_eq!(e.later_skill.as_deref(), Some("1.1"));
    assert_eq!(
        e.verdict,
        Verdict::Alone(Change::Chance, Uncompared::WholeArea)
    );
}

#[test]
fn a_small_cohort_is_hidden_in_public_though_its_municipality_is_shown() {
    // min_group 6: the municipality's grade 4 (9 pupils) and grade 5 (15) are shown, but
    // the cohort is sch01's 5 pupils.
    let f = fixture(6, &t4_plan());
    let (_, published) = analyse(&f, Audience::Public);
    let progress = &published.roadmaps[0];
    let e = &progress.effects[0][0];
    assert!(e.visibility.hidden());
    assert_eq!(e.visibility.note(), "менее 6 участников");
    assert_eq!(progress.reflection.open, vec![(0, 0)]);
    assert!(progress.reflection.unchanged.is_empty());
    f.build(&[]).assert_ok();
    let page = std::fs::read_to_string(f.path("public/roadmaps/rm/index.html")).expect("page");
    assert!(
        page.contains("сравнение не публикуется: менее 6 участников") && !page.contains("63,9"),
        "{page}"
    );
    // The office sees it, marked as tentative.
    let (_, internal) = analyse(&f, Audience::Internal);
    let e = &internal.roadmaps[0].effects[0][0];
    assert!(!e.visibility.hidden());
    assert_eq!(internal.roadmaps[0].reflection.unchanged, vec![(0, 0)]);
}
