//! Deadline control, hand-worked: results of 15.04.2025 give analysis by class by 29.04, by
//! school by 06.05 and the roadmap by 15.05; an owner with a deficit no roadmap addresses is
//! overdue only after that date, and a roadmap's measure on it clears it.

mod common;

use common::Fixture;
use oko::analyse::deadlines::Control;
use oko::config::Audience;
use oko::model::Owner;
use oko::site::Site;

/// Thresholds that make skill 2.1 (повышенный) a deficit of the municipality and of sch01.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "oko.yaml",
        "min_group: 3\nthresholds:\n  basic: { sufficient: 75, insufficient: 20 }\n  advanced: { sufficient: 55, insufficient: 50 }\n",
    );
    f
}

fn control(f: &Fixture, y: i32, m: u32, d: u32) -> Control {
    let site = Site::load(f.root()).unwrap_or_else(|e| panic!("{e}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let a = site.analyse(Audience::Internal, as_of).analysis;
    assert_eq!(a.deadlines.len(), 1, "one procedure with deficits");
    a.deadlines[0].clone()
}

fn status(c: &Control, owner: &Owner) -> (usize, usize, bool) {
    let o = c.owners.iter().find(|o| &o.owner == owner).expect("owner");
    (o.deficits, o.without_measure, o.overdue)
}

#[test]
fn an_unaddressed_deficit_is_overdue_only_after_the_roadmaps_date() {
    let f = fixture();
    let before = control(&f, 2025, 5, 15);
    let dates: Vec<String> = before.steps.iter().map(|s| s.due.to_string()).collect();
    assert_eq!(dates, ["2025-04-29", "2025-05-06", "2025-05-15"]);
    assert_eq!(
        before.steps.iter().map(|s| s.passed).collect::<Vec<_>>(),
        [true, true, false]
    );
    // Task 3 (2.1, max 2): sch01 10 of 24 = 41.7 %, sch02 3 of 6 = 50.0 % (not below 50),
    // the municipality 13 of 30 = 43.3 %: deficits of the municipality and sch01 only.
    let sch01 = Owner::School("sch01".into());
    assert_eq!(status(&before, &Owner::Municipality), (1, 1, false));
    assert_eq!(status(&before, &sch01), (1, 1, false));
    assert!(
        before
            .owners
            .iter()
            .all(|o| o.owner != Owner::School("sch02".into()))
    );
    let after = control(&f, 2025, 5, 16);
    assert_eq!(status(&after, &Owner::Municipality), (1, 1, true));
    assert_eq!(status(&after, &sch01), (1, 1, true));

    // sch01's roadmap addresses 2.1: it covers sch01 and the municipality's deficit too.
    f.write(
        "data/roadmaps/rm.yaml",
        "id: rm\nowner: sch01\ntitle: \"Карта\"\nbased_on: [vpr-2025-test]\nmeasures:\n  - { id: \"1\", stage: обучающий, title: \"Занятия\", deadline: 2025-12-01, status: planned, addresses: [ { procedure: vpr-2025-test, skill: \"2.1\" } ] }\n",
    );
    let covered = control(&f, 2025, 5, 16);
    assert_eq!(status(&covered, &Owner::Municipality), (1, 0, false));
    assert_eq!(status(&covered, &sch01), (1, 0, false));
}

#[test]
fn the_office_sees_overdue_in_words_and_the_public_not_at_all() {
    let f = fixture();
    let internal = f.build_internal();
    let page = std::fs::read_to_string(internal.join("deficits/index.html")).expect("deficits");
    assert!(
        page.contains("дорожная карта и изменения в рабочих программах — до 15.05.2025 (срок прошёл)")
            && page.contains("<strong class=\"overdue\">просрочено: срок дорожной карты 15.05.2025 прошёл, без мероприятия 1 из 1 дефицита</strong>"),
        "{page}"
    );
    f.build(&[]).assert_ok();
    assert!(!f.path("public/deficits/index.html").exists());
}
