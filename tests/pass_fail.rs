//! Works the seeds name besides marks, hand-computed on the base fixture: итоговое
//! собеседование and сочинение (зачёт/незачёт: the share passed, by school and grade) and
//! levels «ниже базового / базовый / повышенный» where a work defines them.

mod common;

use common::{Fixture, PROCEDURE};
use oko::config::Audience;
use oko::site::Site;

/// The base results without marks: totals (tasks 1, 2К1, 3) of sch01 are 5, 4, 3, 3, 2, 1,
/// 2, 3, 0, 5, 3, 2; of sch02 3, 5, 1 (and one absent).
const RESULTS: &str = "\
school,class,participant,1,2К1,3
sch01,9А,1001,1,2,2
sch01,9А,1002,1,2,1
sch01,9А,1003,1,1,1
sch01,9А,1004,0,2,1
sch01,9А,1005,1,1,0
sch01,9А,1006,X,1,0
sch01,9Б,1007,1,0,1
sch01,9Б,1008,1,2,0
sch01,9Б,1009,0,0,0
sch01,9Б,1010,1,2,2
sch01,9Б,1011,1,1,1
sch01,9Б,1012,Н,1,1
sch02,9,2001,1,1,1
sch02,9,2002,1,2,2
sch02,9,2004,0,1,0
";

fn fixture(kind: &str, extra: &str) -> Fixture {
    let f = Fixture::new();
    let yaml = common::procedure_yaml(PROCEDURE)
        .replace("kind: ВПР", &format!("kind: {kind}"))
        .replace("scale: { 3: 2, 4: 3, 5: 4 }\n", "")
        + extra;
    f.write(&format!("data/procedures/2025/{PROCEDURE}.yaml"), &yaml);
    f.results(RESULTS);
    f
}

/// (passed, % passed) of the municipality, then the schools in name order (Ивановская ООШ
/// = sch02, then СОШ № 1 = sch01), internally (no hiding).
fn passed(f: &Fixture) -> Vec<(u64, Option<String>)> {
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let a = site.analyse(Audience::Internal, date).analysis;
    let pa = &a.procedures[0];
    let mut groups = vec![&pa.municipality];
    groups.extend(pa.schools.iter().map(|s| &s.group));
    groups
        .iter()
        .map(|g| (g.counters.passed, g.figures.passed.map(|v| v.plain())))
        .collect()
}

#[test]
fn the_interview_passes_from_its_score() {
    let f = fixture("ИС", "pass: { min_score: 4 }\n");
    // Totals of 4 or more: 1001, 1002, 1010 in sch01 (3 of 12), 2002 in sch02 (1 of 3).
    assert_eq!(
        passed(&f),
        vec![
            (4, Some("26.7".into())),
            (1, Some("33.3".into())),
            (3, Some("25.0".into()))
        ]
    );
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path(&format!("public/procedures/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(
        page.contains("зачёт получили 26,7\u{a0}% (с учётом случайности — 11–52 %)")
            && page.contains("<th scope=\"col\">Зачёт</th>")
            && page.contains("Правило: зачёт — не меньше 4 баллов из 5.")
            && !page.contains("«2»</th>"),
        "{page}"
    );
    let data = std::fs::read_to_string(f.path("public/open-data/marks.csv")).expect("csv");
    let header: Vec<&str> = data.lines().next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let municipality: Vec<&str> = data.lines().nth(1).expect("row").split(',').collect();
    assert_eq!(
        (municipality[col("passed")], municipality[col("passed_n")]),
        ("26.7", "4")
    );
}

#[test]
fn the_essay_needs_its_required_criteria_and_one_more() {
    // Criteria 1 and 2К1 both scored and 3 scored too: 1001, 1002, 1003, 1010, 1011 in sch01
    // (5 of 12); 2001, 2002 in sch02 (2 of 3); 7 of 15 in all.
    let f = fixture("ИСИ", "pass: { required: [\"1\", 2К1], min_other: 1 }\n");
    assert_eq!(
        passed(&f),
        vec![
            (7, Some("46.7".into())),
            (2, Some("66.7".into())),
            (5, Some("41.7".into()))
        ]
    );
}

#[test]
fn levels_count_participants_by_their_score() {
    let f = fixture(
        "ВПР",
        "scale: { 3: 2, 4: 3, 5: 4 }\nlevels: { базовый: 2, повышенный: 4 }\n",
    );
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let a = site.analyse(Audience::Public, date).analysis;
    let m = &a.procedures[0].municipality;
    // Below 2: 1006, 1009, 2004; 2–3: seven of sch01 and 2001; 4 and more: 1001, 1002,
    // 1010, 2002.
    assert_eq!(m.counters.levels, [3, 8, 4]);
    let shares = m
        .figures
        .levels
        .expect("levels")
        .map(|v| v.expect("share").plain());
    assert_eq!(shares, ["20.0", "53.3", "26.7"].map(String::from));
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path(&format!("public/procedures/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(
        page.contains("Уровни достижения (ниже базового — меньше 2 баллов, повышенный — от 4)")
            && page.contains(">53,3\u{a0}%"),
        "{page}"
    );
}

#[test]
fn bad_rules_are_named() {
    for (kind, extra, words) in [
        ("ИС", "", "укажите правило pass:"),
        (
            "ИС",
            "pass: { required: [\"7\"] }\n",
            "pass.required: в плане нет задания «7»",
        ),
        (
            "ИС",
            "pass: { min_score: 9 }\n",
            "pass.min_score 9 больше максимального балла 5",
        ),
        (
            "ВПР",
            "scale: { 3: 2, 4: 3, 5: 4 }\nlevels: { базовый: 4, повышенный: 3 }\n",
            "levels: порог «базовый» (4)",
        ),
    ] {
        let f = fixture(kind, extra);
        let path = format!("data/procedures/2025/{PROCEDURE}.yaml");
        f.check()
            .assert_data_error(&[&path, words])
            .assert_errors(1);
        f.build(&[]).assert_data_error(&[words]);
        assert!(!f.path("public").exists());
    }
}
