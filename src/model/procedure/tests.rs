use super::Observation;

#[test]
fn a_school_missing_from_a_record_was_not_watched_and_no_record_says_nothing() {
    let yaml = "id: p\nkind: ВПР\ntitle: t\nschool_year: \"2024/25\"\ndate: 2025-04-15\nsubject: s\ngrade: 5\ntasks: []\n";
    let mut p: super::Procedure = serde_yaml::from_str(yaml).expect("procedure");
    assert_eq!(p.observation("a"), None);
    p.observers = vec![Observation {
        school: "a".into(),
        independent: 0,
        video: true,
    }];
    assert!(!p.observation("a").expect("recorded").unwatched());
    assert!(p.observation("b").expect("recorded").unwatched());
}

#[test]
fn a_date_nobody_confirmed_is_not_printed_as_a_day() {
    let yaml = "id: p\nkind: ВПР\ntitle: t\nschool_year: \"2020/21\"\ndate: 2021-04-15\nsubject: s\ngrade: 5\ntasks: []\n";
    let p: super::Procedure = serde_yaml::from_str(yaml).expect("procedure");
    assert_eq!(p.date_text(), "15.04.2021");
    let guessed = format!("{yaml}date_unconfirmed: true\n");
    let p: super::Procedure = serde_yaml::from_str(&guessed).expect("procedure");
    assert_eq!(p.date_text(), "дата не уточнена");
}
