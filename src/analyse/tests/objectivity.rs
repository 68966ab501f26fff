//! Objectivity signs against hand-worked histograms and groups.

use super::*;

fn group_of(counters: Counters, p: &Procedure) -> crate::analyse::Group {
    let figures = compute(&counters, p, &Thresholds::default());
    crate::analyse::Group {
        counters,
        figures,
        visibility: crate::model::Visibility::Shown,
    }
}

fn histogram_group(p: &Procedure, h: &[u64]) -> crate::analyse::Group {
    let mut c = Counters::new(p);
    c.primary_histogram = h.to_vec();
    c.participants = h.iter().sum();
    group_of(c, p)
}

#[test]
fn boundary_peak_ratio_and_group_size() {
    let p = procedure(); // thresholds at 2, 3 and 4 points
    let cfg = crate::config::Objectivity::default();
    // At 2 points: 20 participants, at 0 and 1 points 5 each → R = 20 / 5 = 4.
    let signs = crate::analyse::objectivity::boundary_peaks(
        &p,
        &histogram_group(&p, &[5, 5, 20, 10, 10, 10]),
        &cfg,
    );
    assert_eq!(signs.len(), 1);
    assert!(
        signs[0].evidence.contains("«3» (2 б.) — 20 уч.") && signs[0].evidence.contains("R = 4,00"),
        "{}",
        signs[0].evidence
    );
    assert!(!signs[0].tentative);
    // 30 participants: the same shape is reported as approximate; 15 is too few to say anything.
    let signs = crate::analyse::objectivity::boundary_peaks(
        &p,
        &histogram_group(&p, &[3, 3, 10, 5, 5, 4]),
        &cfg,
    );
    assert!(signs[0].tentative);
    assert!(
        crate::analyse::objectivity::boundary_peaks(
            &p,
            &histogram_group(&p, &[1, 1, 8, 2, 2, 1]),
            &cfg
        )
        .is_empty()
    );
    // Nobody just below the threshold: R is infinite, the peak is flagged.
    let signs = crate::analyse::objectivity::boundary_peaks(
        &p,
        &histogram_group(&p, &[0, 0, 30, 10, 10, 10]),
        &cfg,
    );
    assert!(signs[0].evidence.contains("R = ∞"));
    // A smooth distribution has no peak.
    assert!(
        crate::analyse::objectivity::boundary_peaks(
            &p,
            &histogram_group(&p, &[10, 10, 10, 10, 10, 10]),
            &cfg
        )
        .is_empty()
    );
}

#[test]
fn hard_tasks_done_better_than_easy_ones_and_lowered_marks() {
    let p = procedure();
    let cfg = crate::config::Objectivity::default();
    let mut school = Counters::new(&p);
    school.participants = 20;
    school.task_sum = vec![10, 20, 36]; // 50 %, 50 %, 90 %
    school.confirmation = crate::analyse::counters::Confirmation {
        compared: 20,
        lowered: 10,
        confirmed: 8,
        raised: 2,
        differ_by_two: 1,
    };
    let mut town = Counters::new(&p);
    town.participants = 100;
    town.task_sum = vec![60, 120, 80]; // 60 %, 60 %, 40 %
    let signs = crate::analyse::objectivity::signs(
        &p,
        &group_of(school.clone(), &p),
        &group_of(town.clone(), &p),
        &cfg,
    );
    let codes: Vec<&str> = signs.iter().map(|s| s.code).collect();
    assert_eq!(codes, ["journal-lowered", "difficulty-inversion"]);
    assert!(
        signs[1]
            .evidence
            .contains("повышенного уровня 50,0 п., на заданиях базового уровня -10,0 п."),
        "{}",
        signs[1].evidence
    );
    assert!(
        signs.iter().all(|s| s.tentative),
        "20 participants: approximate"
    );
    // The same school in line with the municipality on hard tasks: no inversion.
    school.task_sum = vec![10, 20, 8];
    school.confirmation.lowered = 2;
    assert!(
        crate::analyse::objectivity::signs(&p, &group_of(school, &p), &group_of(town, &p), &cfg)
            .is_empty()
    );
}

#[test]
fn medalists_index_needs_enough_candidates() {
    let p = procedure();
    let cfg = crate::config::Objectivity::default();
    let mut c = Counters::new(&p);
    c.participants = 30;
    c.test = crate::analyse::counters::TestScores {
        count: 30,
        sum: 1800,
        medal_candidates: 8,
        medal_missed: 2,
        ..Default::default()
    };
    let sign = crate::analyse::objectivity::medal_sign(&group_of(c.clone(), &p), &cfg)
        .expect("25 % missed");
    assert!(
        sign.evidence.contains("из 8 претендентов на медаль 25,0 %") && sign.tentative,
        "{}",
        sign.evidence
    );
    c.test.medal_candidates = 4;
    c.test.medal_missed = 2;
    assert!(
        crate::analyse::objectivity::medal_sign(&group_of(c, &p), &cfg).is_none(),
        "fewer than 5 candidates"
    );
}
