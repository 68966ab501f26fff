//! Every indicator against values worked out by hand, and the merge property.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::counters::Counters;
use super::indicators::{Indicators, SkillPlan, Standing};
use crate::config::{Cut, Thresholds};
use crate::model::{
    Benchmarks, Level, Medal, NOT_ATTEMPTED, Participant, Procedure, ProcedureKind, Task,
};
use crate::text::{Fixed, Places};

/// A group's indicators with the procedure's skill plan made for it.
fn compute(c: &Counters, p: &Procedure, t: &Thresholds) -> Indicators {
    super::indicators::compute(c, p, &SkillPlan::of(p), t)
}

const NA: u8 = NOT_ATTEMPTED;

fn task(id: &str, max: u8, level: Level, skill: &str) -> Task {
    Task {
        id: id.into(),
        max,
        level: Some(level),
        skills: vec![skill.into()],
        text: String::new(),
    }
}

/// Tasks 1 (max 1) and 2К1 (max 2) check skill A at the basic level; task 3 (max 2) checks
/// skill B at the advanced level. Scale: 3 from 2 points, 4 from 3, 5 from 4.
pub(super) fn procedure() -> Procedure {
    Procedure {
        id: "p".into(),
        kind: ProcedureKind::Vpr,
        title: "p".into(),
        school_year: "2024/25".into(),
        date: NaiveDate::from_ymd_opt(2025, 4, 15).expect("date"),
        date_unconfirmed: false,
        subject: "s".into(),
        grade: 5,
        pupils_grade: None,
        elective: false,
        tasks: vec![
            task("1", 1, Level::Basic, "A"),
            task("2К1", 2, Level::Basic, "A"),
            task("3", 2, Level::Advanced, "B"),
        ],
        skills: BTreeMap::new(),
        scale: BTreeMap::from([(3, 2), (4, 3), (5, 4)]),
        min_score: None,
        conversion: Vec::new(),
        benchmarks: Benchmarks::default(),
        columns: BTreeMap::new(),
        encoding: None,
        observers: Vec::new(),
        pass: None,
        levels: None,
        scale_source: None,
        year: "2025".into(),
    }
}

fn participant(proc: &Procedure, code: &str, scores: &[u8], journal: Option<u8>) -> Participant {
    let primary: u32 = scores
        .iter()
        .filter(|&&s| s != NA)
        .map(|&s| u32::from(s))
        .sum();
    Participant {
        school: 0,
        class: "А".into(),
        code: code.into(),
        scores: scores.into(),
        primary,
        mark: proc.mark_for(primary),
        journal_mark: journal,
        test_score: None,
        medal: None,
        pupil: None,
    }
}

/// Six participants: primary 5, 4, 3, 3, 2, 1 → marks 5, 5, 4, 4, 3, 2.
pub(super) fn six(proc: &Procedure) -> Vec<Participant> {
    vec![
        participant(proc, "1", &[1, 2, 2], Some(5)), // 5, confirmed
        participant(proc, "2", &[1, 2, 1], Some(4)), // 5, raised
        participant(proc, "3", &[1, 1, 1], Some(4)), // 4, confirmed
        participant(proc, "4", &[0, 2, 1], Some(5)), // 4, lowered
        participant(proc, "5", &[1, 1, 0], None),    // 3, no journal mark
        participant(proc, "6", &[NA, 1, 0], Some(3)), // 2, lowered; task 1 not attempted
    ]
}

fn pct(f: Option<Fixed>) -> String {
    f.map(Fixed::plain).unwrap_or_else(|| "—".into())
}

#[test]
fn marks_success_quality_means_and_sou() {
    let p = procedure();
    let f = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default());
    assert_eq!(f.participants, 6);
    assert_eq!(f.marks.map(pct), ["16.7", "16.7", "33.3", "33.3"]);
    assert_eq!(pct(f.success), "83.3"); // 5 of 6
    assert_eq!(pct(f.quality), "66.7"); // 4 of 6
    assert_eq!(pct(f.mean_mark), "3.83"); // 23 / 6
    assert_eq!(pct(f.mean_primary), "3.00"); // 18 / 6
    assert_eq!(pct(f.mean_percent), "60.0"); // 18 / (6 · 5)
    assert_eq!(pct(f.sou), "63.3"); // (100·2 + 64·2 + 36·1 + 16·1) / 6 = 380 / 6
}

#[test]
fn task_completion_counts_not_attempted_as_zero() {
    let p = procedure();
    let f = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default());
    let completion: Vec<String> = f.tasks.iter().map(|t| pct(t.completion)).collect();
    assert_eq!(completion, ["66.7", "75.0", "41.7"]); // 4/6, 9/12, 5/12
    assert_eq!(pct(f.tasks[0].not_attempted), "16.7");
    assert_eq!(pct(f.tasks[1].not_attempted), "0.0");
}

#[test]
fn completion_by_mark_group() {
    let p = procedure();
    let f = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default());
    // Task 3 (max 2): group «5» scored 2 + 1 of 4; group «4» 1 + 1 of 4; «3» 0 of 2; «2» 0 of 2.
    assert_eq!(f.tasks[2].by_mark.map(pct), ["0.0", "0.0", "50.0", "75.0"]);
    // Criterion 2К1: «2» 1/2, «3» 1/2, «4» 3/4, «5» 4/4.
    assert_eq!(
        f.tasks[1].by_mark.map(pct),
        ["50.0", "50.0", "75.0", "100.0"]
    );
}

#[test]
fn a_mark_group_with_no_members_has_no_figures() {
    let p = procedure();
    let four: Vec<Participant> = six(&p).into_iter().take(4).collect(); // marks 5, 5, 4, 4
    let f = compute(&Counters::of(&p, &four), &p, &Thresholds::default());
    assert_eq!(f.marks.map(pct), ["0.0", "0.0", "50.0", "50.0"]);
    assert_eq!(f.tasks[0].by_mark.map(pct), ["—", "—", "50.0", "100.0"]);
    assert_eq!(pct(f.success), "100.0");
}

#[test]
fn skills_weight_tasks_by_their_maximum() {
    let p = procedure();
    let f = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default());
    assert_eq!(f.skills.len(), 2);
    assert_eq!(&*f.skills[0].skill, "A");
    assert_eq!(*f.skills[0].tasks, ["1", "2К1"]);
    assert_eq!(pct(f.skills[0].completion), "72.2"); // (4 + 9) / (6 · 3) = 13 / 18
    assert_eq!(pct(f.skills[1].completion), "41.7");
    assert_eq!(f.skills[1].standing, Some(Standing::Formed)); // advanced cut: 30 %
}

/// A ФИОКО plan lists several skills for one task: the task counts in each of them.
#[test]
fn a_task_with_two_skills_counts_in_both() {
    let mut p = procedure();
    p.tasks[2].skills = vec!["B".into(), "A".into()];
    let f = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default());
    assert_eq!(*f.skills[0].tasks, ["1", "2К1", "3"]);
    assert_eq!(pct(f.skills[0].completion), "60.0"); // (4 + 9 + 5) / (6 · 5) = 18 / 30
    assert_eq!(pct(f.skills[1].completion), "41.7"); // task 3 alone, as before
}

#[test]
fn confirmation_counts_only_participants_with_a_journal_mark() {
    let p = procedure();
    let c = compute(&Counters::of(&p, &six(&p)), &p, &Thresholds::default())
        .confirmation
        .expect("figures");
    assert_eq!(c.compared, 5);
    assert_eq!(
        (c.lowered.plain(), c.confirmed.plain(), c.raised.plain()),
        ("40.0".into(), "40.0".into(), "20.0".into())
    );
    assert_eq!(c.differ_by_two, 0);
    let none: Vec<Participant> = six(&p)
        .into_iter()
        .map(|mut x| {
            x.journal_mark = None;
            x
        })
        .collect();
    assert!(
        compute(&Counters::of(&p, &none), &p, &Thresholds::default())
            .confirmation
            .is_none()
    );
}

#[test]
fn deficit_cuts_by_level() {
    let t = Thresholds::default();
    let at = |tenths: i64, cut: Cut| {
        Standing::of(
            Fixed {
                scaled: tenths,
                decimals: Places::One,
            },
            cut,
        )
    };
    assert_eq!(at(569, t.basic), Standing::Deficit);
    assert_eq!(at(570, t.basic), Standing::Borderline);
    assert_eq!(at(599, t.basic), Standing::Borderline);
    assert_eq!(at(600, t.basic), Standing::Formed);
    assert_eq!(at(284, t.advanced), Standing::Deficit);
    assert_eq!(at(285, t.advanced), Standing::Borderline);
    assert_eq!(at(300, t.advanced), Standing::Formed);
    // A skill with any basic task is judged by the basic cut.
    let cut = super::indicators::cut_for([Some(Level::Advanced), Some(Level::Basic)], &t);
    assert_eq!(cut, Some(t.basic));
    assert_eq!(
        super::indicators::cut_for([Some(Level::Advanced), Some(Level::High)], &t),
        Some(t.advanced)
    );
    // A task whose level the plan left blank: no cut, so no judgement — even beside a
    // basic task, whose cut would otherwise decide.
    assert_eq!(
        super::indicators::cut_for([Some(Level::Basic), None], &t),
        None
    );
}

#[test]
fn ege_uses_test_scores_against_the_minimum() {
    let mut p = procedure();
    p.kind = ProcedureKind::Ege;
    p.scale.clear();
    p.min_score = Some(36);
    let people: Vec<Participant> = [
        (20, None),
        (36, None),
        (60, Some(Medal::Second)),
        (61, None),
        (80, None),
        (81, None),
        (69, Some(Medal::First)),
    ]
    .iter()
    .enumerate()
    .map(|(i, &(score, medal))| Participant {
        test_score: Some(score),
        medal,
        mark: None,
        ..participant(&p, &i.to_string(), &[1, 1, 1], None)
    })
    .collect();
    let f = compute(&Counters::of(&p, &people), &p, &Thresholds::default());
    let t = f.test.expect("ЕГЭ figures");
    assert_eq!(t.count, 7);
    assert_eq!(pct(t.mean), "58.14"); // 407 / 7
    assert_eq!(pct(t.below_min), "14.3"); // 20
    assert_eq!(pct(t.up_to_60), "28.6"); // 36, 60
    assert_eq!(pct(t.from_61_to_80), "42.9"); // 61, 80, 69
    assert_eq!(pct(t.from_81), "14.3"); // 81
    assert_eq!(t.medal_candidates, 2);
    assert_eq!(pct(t.medal_missed), "50.0"); // 69 < 70 for medal I; 60 meets medal II
    assert_eq!(f.marks.map(pct), ["—", "—", "—", "—"]);
    assert_eq!(pct(f.success), "—");
}

#[test]
fn participation_against_enrolment() {
    let p = procedure();
    let mut c = Counters::of(&p, &six(&p));
    c.enrolled = 8;
    assert_eq!(
        pct(compute(&c, &p, &Thresholds::default()).participation),
        "75.0"
    );
    c.enrolled = 0;
    assert_eq!(
        pct(compute(&c, &p, &Thresholds::default()).participation),
        "—"
    );
}

fn arb_participants() -> impl Strategy<Value = Vec<(u8, u8, u8, Option<u8>)>> {
    prop::collection::vec(
        (0u8..=2, 0u8..=3, 0u8..=3, prop::option::of(2u8..=5)),
        0..60,
    )
}

proptest! {
    /// Counters of any split of the participants, merged, equal the counters of all of them.
    #[test]
    fn merging_any_split_equals_the_whole(rows in arb_participants(), cuts in prop::collection::vec(0usize..60, 0..5)) {
        let p = procedure();
        let people: Vec<Participant> = rows
            .iter()
            .enumerate()
            .map(|(i, &(a, b, c, j))| {
                // 2 in the first task stands for "not attempted".
                let first = if a == 2 { NA } else { a };
                participant(&p, &i.to_string(), &[first, b.min(2), c.min(2)], j)
            })
            .collect();
        let whole = Counters::of(&p, &people);
        let mut bounds: Vec<usize> = cuts.into_iter().map(|c| c.min(people.len())).collect();
        bounds.push(0);
        bounds.push(people.len());
        bounds.sort_unstable();
        let mut merged = Counters::new(&p);
        for w in bounds.windows(2).rev() {
            merged.merge(&Counters::of(&p, &people[w[0]..w[1]]));
        }
        prop_assert_eq!(&merged, &whole);
        let t = Thresholds::default();
        prop_assert_eq!(compute(&merged, &p, &t), compute(&whole, &p, &t));

        // Schools → municipalities → region: the windows grouped in twos, merged twice.
        let mut region = Counters::new(&p);
        for municipality in bounds.windows(2).collect::<Vec<_>>().chunks(2) {
            let mut m = Counters::new(&p);
            for w in municipality {
                m.merge(&Counters::of(&p, &people[w[0]..w[1]]));
            }
            region.merge(&m);
        }
        prop_assert_eq!(&region, &whole);
    }
}

#[test]
fn participant_note_lists_the_skills_to_work_on() {
    let p = procedure();
    let people = six(&p);
    // Participant 6: task 1 not attempted, 2К1 = 1 of 2, task 3 = 0 of 2.
    let n = super::participant::note(&p, &people[5], &Thresholds::default());
    // As a page shows them.
    assert_eq!(
        serde_json::to_value(&n.scores).expect("json"),
        serde_json::json!(["н", "1", "0"])
    );
    assert_eq!(n.primary, 1);
    assert_eq!(n.skills[0].completion.plain(), "33.3"); // skill A: 1 of 3
    assert_eq!(n.skills[1].completion.plain(), "0.0"); // skill B: 0 of 2
    assert_eq!(n.route, ["A", "B"]);
    // Participant 1 scored everything: no route.
    assert!(
        super::participant::note(&p, &people[0], &Thresholds::default())
            .route
            .is_empty()
    );
}

mod objectivity;
