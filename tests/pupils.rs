//! Per-pupil dynamics of deficits (internal only), where the office's data carry a pupil id
//! that stays from year to year: a pupil's deficits of grade 4 are looked for in grade 5.

mod common;

use common::{Fixture, PROCEDURE};

/// Grade 4 of 2023/24 and grade 5 of 2024/25, both with the «Сквозной код» column.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "min_group: 1\nthresholds:\n  basic: { sufficient: 75, insufficient: 70 }\n  advanced: { sufficient: 55, insufficient: 50 }\n",
    );
    let t4 = common::procedure_yaml("vpr-2024-t4")
        .replace("grade: 5", "grade: 4")
        .replace("\"2024/25\"", "\"2023/24\"")
        .replace("date: 2025-04-15", "date: 2024-04-16");
    f.write("data/procedures/2024/vpr-2024-t4.yaml", &t4);
    // P1: skill 1.1 (tasks 1 and 2К1) 1 of 3 = 33 % < 70, a deficit; 2.1 (task 3) 2 of 2.
    // P2: 1.1 3 of 3; 2.1 0 of 2 = 0 % < 50, a deficit. P3 has no pupil id.
    f.write(
        "data/results/2024/vpr-2024-t4/r.csv",
        "school,class,participant,Сквозной код,1,2К1,3\n\
         sch01,4А,401,P1,0,1,2\nsch01,4А,402,P2,1,2,0\nsch01,4А,403,,1,1,1\n",
    );
    // A year later both score 1, 2, 0: P1's 1.1 is 3 of 3 (overcome), P2's 2.1 still 0 %.
    f.results(
        "school,class,participant,Сквозной код,1,2К1,3\n\
         sch01,5А,501,P1,1,2,0\nsch01,5А,502,P2,1,2,0\nsch01,5А,503,P9,1,2,2\n",
    );
    f
}

#[test]
fn a_pupils_deficits_are_followed_into_the_next_year() {
    let f = fixture();
    let out = f.build_internal();
    let class =
        std::fs::read_to_string(out.join(format!("schools/sch01/{PROCEDURE}/class-1/index.html")))
            .expect("class page");
    let note = |code: &str| {
        class
            .split(&format!("id=\"p-{code}\""))
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .expect(code)
            .to_string()
    };
    assert!(
        note("501").contains("<li>Считать — преодолён</li>"),
        "{}",
        note("501")
    );
    assert!(
        note("502").contains("<li>Рассуждать — <strong>сохраняется</strong></li>"),
        "{}",
        note("502")
    );
    assert!(
        !note("503").contains("Дефициты прошлого года"),
        "P9 wrote no grade-4 work"
    );
    // The public site has no pupils at all.
    f.build(&[]).assert_ok();
    let public = common::files(&f.path("public"));
    for file in public
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(f.path("public").join(file)).expect("page");
        assert!(
            !html.contains("Дефициты прошлого года") && !html.contains("P1"),
            "{file:?}"
        );
    }
}

/// A class's notes are made from the cohort's earlier work too: when only that work's
/// results change, a rebuild on the cache must not keep the class page as it was.
#[test]
fn a_class_page_follows_a_change_in_the_earlier_work() {
    let f = fixture();
    let page = format!("schools/sch01/{PROCEDURE}/class-1/index.html");
    let out = f.build_internal();
    let before = std::fs::read_to_string(out.join(&page)).expect("class page");
    assert!(before.contains("<li>Рассуждать — <strong>сохраняется</strong></li>"));
    // P2 now had 2 of 2 for 2.1 in grade 4: no deficit a year earlier, nothing to follow.
    f.write(
        "data/results/2024/vpr-2024-t4/r.csv",
        "school,class,participant,Сквозной код,1,2К1,3\n\
         sch01,4А,401,P1,0,1,2\nsch01,4А,402,P2,1,2,2\nsch01,4А,403,,1,1,1\n",
    );
    let after = std::fs::read_to_string(f.build_internal().join(&page)).expect("class page");
    assert!(
        !after.contains("Рассуждать — <strong>сохраняется</strong>"),
        "the cached class page was kept: {after}"
    );
    assert!(
        after.contains("<li>Считать — преодолён</li>"),
        "P1 is still followed"
    );
}
