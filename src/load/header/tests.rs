//! Header spellings of the forms oko reads.

use super::names::*;
use super::*;

#[test]
fn task_ids_compare_across_spellings() {
    assert_eq!(normalise_task_id("16 (1)"), normalise_task_id("16.1"));
    assert_eq!(normalise_task_id("5(2)"), "5.2");
    assert_eq!(normalise_task_id("2K1"), normalise_task_id("2К1"));
    assert_eq!(normalise_task_id("1k2"), "1к2");
}

#[test]
fn protocol_headers_carry_the_maximum() {
    assert_eq!(split_max("6 (2б)"), ("6".to_string(), Some(2)));
    assert_eq!(split_max("16 (1) (1б)"), ("16 (1)".to_string(), Some(1)));
    assert_eq!(split_max("5(1б)"), ("5".to_string(), Some(1)));
    assert_eq!(split_max("4.2 (2б) "), ("4.2".to_string(), Some(2)));
    assert_eq!(split_max("2К1"), ("2К1".to_string(), None));
}

#[test]
fn journal_mark_headers_of_both_forms() {
    assert_eq!(
        role_of(&normalise("отметка за предыдущую четверть/триместр")),
        Some(Role::JournalMark)
    );
    assert_eq!(
        role_of(&normalise(
            "Отметка за предыдущий триместр/ четверть/полугодие"
        )),
        Some(Role::JournalMark)
    );
}
