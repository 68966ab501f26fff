//! A school's effect set against the schools without such a measure, hand-computed (MOVER
//! from two Newcombe intervals). Skill 1.1 is tasks 1 and 2К1: 3 points a pupil.
//!
//! Grade 4 of 2023/24 → grade 5 of 2024/25, 40 pupils in each of sch01 (the roadmap's
//! owner), sch02 and sch03, each scoring 1 of 3 before. A year later sch01 scores 2 of 3
//! (40/120 → 80/120: +33,3 p.p., 20,8…44,4 — beyond chance on its own), sch02 stays at
//! 1 of 3, sch03 scores 3 of 3.

mod common;

use common::Fixture;
use oko::analyse::effect::{Uncompared, Verdict};
use oko::analyse::uncertainty::Change;
use oko::config::Audience;
use oko::site::Site;

/// `n` pupils of `school` scoring `t1` on task 1 and `t2` on task 2К1, 0 on task 3.
fn rows(school: &str, first_id: u32, n: u32, t1: u8, t2: u8) -> String {
    (first_id..first_id + n)
        .map(|id| format!("{school},А,{id},{t1},{t2},0\n"))
        .collect()
}

fn roadmap(owner: &str) -> String {
    format!(
        "id: rm-{owner}\nowner: {owner}\ntitle: \"Карта {owner}\"\nbased_on: [vpr-2024-t4]\nmeasures:\n\
         \x20 - id: \"1\"\n    stage: обучающий\n    title: \"Практикум\"\n    deadline: 2024-12-01\n    status: done\n\
         \x20   addresses: [ {{ procedure: vpr-2024-t4, skill: \"1.1\" }} ]\n"
    )
}

fn fixture(min_group: u32, sch03_measure: bool) -> Fixture {
    let f = Fixture::new();
    f.write("oko.yaml", &format!("min_group: {min_group}\n"));
    f.write(
        "data/schools/sch03.yaml",
        "id: sch03\nname: \"МБОУ «Петровская ООШ»\"\nshort_name: \"Петровская ООШ\"\nattributes: { location: село }\n",
    );
    let plan = common::procedure_yaml("vpr-2024-t4")
        .replace("grade: 5", "grade: 4")
        .replace("\"2024/25\"", "\"2023/24\"")
        .replace("date: 2025-04-15", "date: 2024-04-16")
        .replace("5 класс", "4 класс");
    f.write("data/procedures/2024/vpr-2024-t4.yaml", &plan);
    let header = "school,class,participant,1,2К1,3\n";
    let before: String = [("sch01", 1), ("sch02", 101), ("sch03", 201)]
        .iter()
        .map(|&(s, id)| rows(s, id, 40, 1, 0))
        .collect();
    f.write(
        "data/results/2024/vpr-2024-t4/r.csv",
        &format!("{header}{before}"),
    );
    let after =
        rows("sch01", 1, 40, 1, 1) + &rows("sch02", 101, 40, 1, 0) + &rows("sch03", 201, 40, 1, 2);
    f.write(
        "data/results/2025/vpr-2025-test/results.csv",
        &format!("{header}{after}"),
    );
    f.write("data/roadmaps/rm-sch01.yaml", &roadmap("sch01"));
    if sch03_measure {
        f.write("data/roadmaps/rm-sch03.yaml", &roadmap("sch03"));
    }
    f
}

fn sch01_effect(f: &Fixture, audience: Audience) -> oko::analyse::effect::Effect {
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let published = site.analyse(audience, as_of).analysis;
    let ri = site
        .project
        .roadmaps
        .iter()
        .position(|r| r.id == "rm-sch01")
        .expect("roadmap");
    published.roadmaps[ri].effects[0][0].clone()
}

#[test]
fn a_rise_as_large_as_the_others_is_not_an_effect() {
    // No other measure: sch02 and sch03 together, 80/240 → 160/240, +33,3 (24,6…41,3). The
    // difference is 0,0: 0 − √(12,50² + 8,00²) = −14,8 to 0 + √(11,03² + 8,75²) = 14,1.
    let f = fixture(5, false);
    let e = sch01_effect(&f, Audience::Public);
    let c = e.comparison.as_ref().expect("compared");
    assert_eq!(c.schools.len(), 2);
    assert_eq!((c.before.points, c.before.possible), (80, 240));
    assert_eq!((c.after.points, c.after.possible), (160, 240));
    assert_eq!(c.change.plain(), "33.3");
    assert_eq!(
        (
            c.difference.plain(),
            c.interval.low.plain(),
            c.interval.high.plain()
        ),
        ("0.0".into(), "-14.8".into(), "14.1".into())
    );
    assert_eq!(e.verdict, Verdict::LikeOthers(Change::Rise));
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path("public/roadmaps/rm-sch01/index.html")).expect("page");
    assert!(
        page.contains("школы без такого мероприятия (2 школы): 33,3\u{a0}% → 66,7\u{a0}%, +33,3 п. п.; разница изменений 0,0 п. п. (95 %: от -15 до +14)")
            && page.contains("заметный рост, но школы без такого мероприятия изменились так же"),
        "{page}"
    );
}

#[test]
fn a_school_with_its_own_measure_is_not_among_the_others() {
    // sch03's own roadmap works on the deficit: the others are sch02 alone, 40/120 → 40/120
    // (0 ± 11,8). The difference is +33,3: 33,3 − √(12,50² + 11,79²) = 16,2 to
    // 33,3 + √(11,03² + 11,79²) = 49,5 — a rise beyond the others'.
    let f = fixture(5, true);
    let e = sch01_effect(&f, Audience::Public);
    let c = e.comparison.as_ref().expect("compared");
    assert_eq!(c.schools.len(), 1);
    assert_eq!(
        (
            c.difference.plain(),
            c.interval.low.plain(),
            c.interval.high.plain()
        ),
        ("33.3".into(), "16.2".into(), "49.5".into())
    );
    assert_eq!(e.verdict, Verdict::Judged(Change::Rise));
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path("public/roadmaps/rm-sch01/index.html")).expect("page");
    assert!(
        page.contains("заметный рост сверх изменения остальных школ"),
        "{page}"
    );
    let reflection = page.split("id=\"reflection\"").nth(1).expect("reflection");
    assert!(reflection.contains("Улучшилось"), "{reflection}");
}

#[test]
fn too_few_others_leave_the_change_uncompared() {
    // min_group 50: sch02's 40 pupils are too few to set against.
    let f = fixture(50, true);
    let e = sch01_effect(&f, Audience::Internal);
    assert_eq!(e.comparison, None);
    assert_eq!(e.verdict, Verdict::Alone(Change::Rise, Uncompared::TooFew));
    assert!(e.verdict.words().contains("для сравнения слишком мало"));
}

#[test]
fn a_hidden_school_among_the_others_hides_the_comparison_in_public() {
    // sch04, 2 pupils in both works, is a hidden small group: the others' sum minus sch02's
    // and sch03's published figures would give its own.
    let f = fixture(5, false);
    f.write(
        "data/schools/sch04.yaml",
        "id: sch04\nname: \"МБОУ «Малая ООШ»\"\nshort_name: \"Малая ООШ\"\nattributes: { location: село }\n",
    );
    let before = std::fs::read_to_string(f.path("data/results/2024/vpr-2024-t4/r.csv")).expect("r");
    f.write(
        "data/results/2024/vpr-2024-t4/r.csv",
        &(before + &rows("sch04", 301, 2, 1, 0)),
    );
    let after =
        std::fs::read_to_string(f.path("data/results/2025/vpr-2025-test/results.csv")).expect("r");
    f.write(
        "data/results/2025/vpr-2025-test/results.csv",
        &(after + &rows("sch04", 301, 2, 1, 2)),
    );
    let public = sch01_effect(&f, Audience::Public);
    assert_eq!(public.comparison.as_ref().map(|c| c.schools.len()), Some(3));
    assert!(public.visibility.hidden(), "{:?}", public.visibility);
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path("public/roadmaps/rm-sch01/index.html")).expect("page");
    assert!(
        page.contains("сравнение не публикуется") && !page.contains("разница изменений"),
        "{page}"
    );
    // The office sees it.
    let internal = sch01_effect(&f, Audience::Internal);
    assert!(!internal.visibility.hidden());
}
