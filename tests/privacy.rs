//! Nothing personal in public; the internal build is marked and kept apart; input is escaped.

mod common;

use common::{Fixture, PROCEDURE, files};

#[test]
fn markup_in_input_is_escaped_everywhere() {
    let f = Fixture::new();
    f.write(
        "data/schools/sch01.yaml",
        "id: sch01\nname: \"<script>alert('name')</script>\"\nshort_name: \"<script>alert(1)</script> СОШ\"\n\
         attributes: { location: \"<img src=x onerror=alert(2)>\" }\nenrolment: { 5: 14 }\n",
    );
    f.write(
        "content/about.md",
        "---\ntitle: \"<b>О сайте</b>\"\n---\nТекст <script>alert(3)</script> и <iframe src=x></iframe>\n",
    );
    f.write(
        "data/roadmaps/rm.yaml",
        "id: rm\nowner: sch01\ntitle: \"<script>alert(4)</script>\"\nmeasures:\n  - { id: \"1\", stage: аналитический, title: \"<svg onload=alert(5)>\", deadline: 2025-05-01, status: done }\n",
    );
    f.build(&[]).assert_ok();
    let mut pages = 0;
    for file in files(&f.path("public"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(f.path("public").join(&file)).expect("page");
        pages += 1;
        // The page's own script is `<script src=…>`; injected ones would be bare `<script>`.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=").count(),
            "{}",
            file.display()
        );
        for bad in ["<script>", "<img", "<iframe", "<svg onload", "<b>О сайте"] {
            assert!(!html.contains(bad), "{bad} unescaped in {}", file.display());
        }
    }
    assert!(pages > 10);
    let school = std::fs::read_to_string(f.path("public/schools/sch01/index.html")).expect("page");
    assert!(school.contains("&lt;script&gt;alert(1)&lt;/script&gt; СОШ"));
}

#[test]
fn a_name_column_is_dropped_in_both_audiences() {
    let f = Fixture::new();
    let with_names = common::RESULTS
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("ФИО,{l}")
            } else {
                format!("Петрова Анна Сергеевна {i},{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    f.results(&with_names);
    f.build(&[]).assert_ok();
    let internal = f.path("internal");
    f.build(&[
        "--audience",
        "internal",
        "--out",
        internal.to_str().expect("utf-8"),
    ])
    .assert_ok();
    for dir in [f.path("public"), internal] {
        for file in files(&dir) {
            let text = String::from_utf8_lossy(&std::fs::read(dir.join(&file)).expect("file"))
                .into_owned();
            assert!(!text.contains("Петрова"), "a name in {}", file.display());
        }
    }
}

#[test]
fn internal_build_has_class_and_participant_notes_public_has_neither() {
    let f = Fixture::new();
    f.build(&[]).assert_ok();
    let internal = f.path("internal");
    f.build(&[
        "--audience",
        "internal",
        "--out",
        internal.to_str().expect("utf-8"),
    ])
    .assert_ok();
    let class = std::fs::read_to_string(
        internal.join(format!("schools/sch01/{PROCEDURE}/class-1/index.html")),
    )
    .expect("class page");
    assert!(class.contains("5А класс"));
    assert!(class.contains("data-internal=\"participants\""));
    assert!(class.contains("id=\"p-1006\""), "a note per participant");
    assert!(
        class.contains("data-internal=\"banner\"")
            && class.contains("<meta name=\"robots\" content=\"noindex, nofollow\">")
    );
    let school =
        std::fs::read_to_string(internal.join(format!("schools/sch01/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(school.contains("data-internal=\"signs\""));
    assert!(school.contains("data-internal=\"classes\""));
    for file in files(&internal)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(internal.join(&file)).expect("page");
        assert!(
            html.contains("data-internal=\"banner\""),
            "no banner on {}",
            file.display()
        );
    }
    // The public build of the same data has no class pages, codes or objectivity signs.
    assert!(
        !f.path(&format!("public/schools/sch01/{PROCEDURE}/class-1"))
            .exists()
    );
    for file in files(&f.path("public")) {
        let text =
            String::from_utf8_lossy(&std::fs::read(f.path("public").join(&file)).expect("file"))
                .into_owned();
        // Every internal-only section carries `data-internal`: none may reach the public.
        assert!(
            !text.contains("1006") && !text.contains("data-internal"),
            "{}",
            file.display()
        );
    }
}

#[test]
fn small_groups_show_a_dash_and_the_reason() {
    let f = Fixture::new(); // min_group 5; sch02 has 3 participants
    f.build(&[]).assert_ok();
    let page =
        std::fs::read_to_string(f.path(&format!("public/procedures/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(page.contains("— менее 5 участников"));
    let school =
        std::fs::read_to_string(f.path(&format!("public/schools/sch02/{PROCEDURE}/index.html")))
            .expect("page");
    assert!(
        school.contains("В школе результаты не публикуются (менее 5 участников)"),
        "{school}"
    );
    assert!(
        !school.contains("Выполнение заданий, % от максимального балла"),
        "no task table for a hidden group"
    );
    // sch01 is the only other school: hiding sch02 alone would let it be computed from the total.
    let marks = std::fs::read_to_string(f.path("public/open-data/marks.csv")).expect("csv");
    let flag = marks
        .lines()
        .next()
        .and_then(|h| h.split(',').position(|c| c == "suppressed"))
        .expect("suppressed column");
    assert!(
        marks
            .lines()
            .any(|l| l.starts_with(&format!("{PROCEDURE},school,sch01,"))
                && l.split(',').nth(flag) == Some("1")),
        "{marks}"
    );
}

#[test]
fn the_internal_build_hides_nothing_and_marks_small_groups() {
    let f = Fixture::new(); // min_group 5; sch02 has 3 participants, so the public hides it
    let out = f.build_internal();
    let school = std::fs::read_to_string(out.join(format!("schools/sch02/{PROCEDURE}/index.html")))
        .expect("page");
    assert!(
        !school.contains("class=\"suppressed\""),
        "nothing hidden internally"
    );
    assert!(
        school.contains("class=\"tentative\"")
            && school.contains("малая группа — выводы ориентировочные"),
        "a small group is marked, not hidden"
    );
    assert!(
        school.contains("Выполнение заданий, % от максимального балла"),
        "the school gets its task table"
    );
}

#[test]
fn public_choice_counts_of_small_groups_are_hidden() {
    let f = Fixture::new();
    f.write(
        "data/procedures/2025/oge-2025-inf.yaml",
        "id: oge-2025-inf\nkind: ОГЭ\ntitle: \"ОГЭ. Информатика\"\nschool_year: \"2024/25\"\ndate: 2025-06-01\nsubject: Информатика\ngrade: 9\nelective: true\n\
         tasks:\n  - { id: \"1\", max: 1, level: базовый }\n  - { id: \"2\", max: 2, level: базовый }\nscale: { 3: 1, 4: 2, 5: 3 }\n",
    );
    f.write(
        "data/results/2025/oge-2025-inf/r.csv",
        "school,class,participant,1,2\nsch01,9А,1,1,2\nsch01,9А,2,0,1\n",
    );
    f.build(&[]).assert_ok();
    let school = std::fs::read_to_string(f.path("public/schools/sch01/index.html")).expect("page");
    assert!(school.contains("data-hidden=\"choice\""), "{school}");
    assert!(!school.contains(">2</td>"), "no count of 2 graduates");
}

#[test]
fn the_years_summary_keeps_the_deficits_of_hidden_groups_out() {
    // The base fixture's deficit: skill 2.1 (task 3, повышенный), 13 of 30 points = 43.3 % < 50.
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "min_group: 5\nthresholds:\n  basic: { sufficient: 60, insufficient: 57 }\n  advanced: { sufficient: 55, insufficient: 50 }\n",
    );
    f.build(&[]).assert_ok();
    let shown = std::fs::read_to_string(f.path("public/years/2024-25/index.html")).expect("page");
    assert!(
        shown.contains("<span class=\"task-id\">2.1</span>"),
        "{shown}"
    );
    // With groups of 20 the area itself is hidden: no deficit of it reaches the page.
    f.write(
        "oko.yaml",
        "min_group: 20\nthresholds:\n  basic: { sufficient: 60, insufficient: 57 }\n  advanced: { sufficient: 55, insufficient: 50 }\n",
    );
    f.build(&[]).assert_ok();
    let hidden = std::fs::read_to_string(f.path("public/years/2024-25/index.html")).expect("page");
    assert!(!hidden.contains("task-id") && hidden.contains("в скрытых малых группах"));
    // The internal build shows them.
    let out = f.build_internal();
    let internal = std::fs::read_to_string(out.join("years/2024-25/index.html")).expect("page");
    assert!(internal.contains("<span class=\"task-id\">2.1</span>"));
}
