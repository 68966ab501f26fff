//! Additive counters: everything an indicator needs, as integer counts and sums.
//!
//! Counters of disjoint groups merge by addition, exactly, in any order — so a school's
//! figures, a cluster's and the municipality's come from the same numbers, and the
//! result does not depend on the thread count. They are part of the model because a public
//! build folds result rows into them while reading (`Results::fold`).

use serde::{Deserialize, Serialize};

use crate::model::{Medal, NOT_ATTEMPTED, Participant, Procedure};

/// Mark confirmation against the journal mark (понизили / подтвердили / повысили).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// Participants who have both a procedure mark and a journal mark.
    pub compared: u64,
    /// Procedure mark below the journal mark.
    pub lowered: u64,
    /// Procedure mark equal to the journal mark.
    pub confirmed: u64,
    /// Procedure mark above the journal mark.
    pub raised: u64,
    /// Marks that differ by two or more.
    pub differ_by_two: u64,
}

/// ЕГЭ test-score counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestScores {
    /// Participants with a test score.
    pub count: u64,
    /// Sum of their test scores.
    pub sum: u64,
    /// Below the minimum score.
    pub below_min: u64,
    /// From the minimum to 60.
    pub up_to_60: u64,
    /// With 61–80 test points.
    pub from_61_to_80: u64,
    /// With 81–100 test points.
    pub from_81: u64,
    /// Candidates for a medal.
    pub medal_candidates: u64,
    /// Medal candidates below the score the medal requires (order № 730 of 2023).
    pub medal_missed: u64,
}

/// Lowest ЕГЭ score a medal of this degree requires in a subject.
pub fn medal_requirement(medal: Medal) -> u32 {
    match medal {
        Medal::First => 70,
        Medal::Second => 60,
    }
}

/// Additive counts of one group: merging two groups is adding their counters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Participants counted.
    pub participants: u64,
    /// Students enrolled in the grade (for participation); set per school, summed upwards.
    pub enrolled: u64,
    /// Participants with mark 2, 3, 4, 5.
    pub marks: [u64; 4],
    /// Sum of primary scores.
    pub primary_sum: u64,
    /// Participants per primary score 0..=max.
    pub primary_histogram: Vec<u64>,
    /// Per task: sum of scores.
    pub task_sum: Vec<u64>,
    /// Per task: participants who did not attempt it.
    pub task_not_attempted: Vec<u64>,
    /// Per task and mark 2..5: sum of scores of that mark group.
    pub task_sum_by_mark: Vec<[u64; 4]>,
    /// Procedure marks against journal marks.
    pub confirmation: Confirmation,
    /// ЕГЭ test scores.
    pub test: TestScores,
    /// Зачёт/незачёт works: participants who passed.
    pub passed: u64,
    /// Participants below basic, at basic, at advanced level (where the work defines levels).
    pub levels: [u64; 3],
}

impl Counters {
    /// Empty counters shaped for a procedure's task plan.
    pub fn new(procedure: &Procedure) -> Self {
        let tasks = procedure.tasks.len();
        Counters {
            primary_histogram: vec![0; procedure.max_primary() as usize + 1],
            task_sum: vec![0; tasks],
            task_not_attempted: vec![0; tasks],
            task_sum_by_mark: vec![[0; 4]; tasks],
            ..Default::default()
        }
    }

    /// Counts one participant in.
    pub fn add(&mut self, p: &Participant, procedure: &Procedure) {
        self.participants += 1;
        self.primary_sum += u64::from(p.primary);
        if let Some(slot) = self.primary_histogram.get_mut(p.primary as usize) {
            *slot += 1;
        }
        let mark_slot = p
            .mark
            .filter(|m| (2..=5).contains(m))
            .map(|m| usize::from(m - 2));
        if let Some(m) = mark_slot {
            self.marks[m] += 1;
        }
        for (t, &score) in p.scores.iter().enumerate() {
            if score == NOT_ATTEMPTED {
                self.task_not_attempted[t] += 1;
                continue;
            }
            self.task_sum[t] += u64::from(score);
            if let Some(m) = mark_slot {
                self.task_sum_by_mark[t][m] += u64::from(score);
            }
        }
        if let (Some(mark), Some(journal)) = (p.mark, p.journal_mark) {
            let c = &mut self.confirmation;
            c.compared += 1;
            match mark.cmp(&journal) {
                std::cmp::Ordering::Less => c.lowered += 1,
                std::cmp::Ordering::Equal => c.confirmed += 1,
                std::cmp::Ordering::Greater => c.raised += 1,
            }
            if mark.abs_diff(journal) >= 2 {
                c.differ_by_two += 1;
            }
        }
        if procedure.passed(&p.scores, p.primary) == Some(true) {
            self.passed += 1;
        }
        if let Some(level) = procedure.level_of(p.primary) {
            self.levels[level] += 1;
        }
        if let Some(score) = p.test_score {
            let t = &mut self.test;
            t.count += 1;
            t.sum += u64::from(score);
            match procedure.min_score {
                Some(min) if score < min => t.below_min += 1,
                _ if score <= 60 => t.up_to_60 += 1,
                _ if score <= 80 => t.from_61_to_80 += 1,
                _ => t.from_81 += 1,
            }
            if let Some(medal) = p.medal {
                t.medal_candidates += 1;
                if score < medal_requirement(medal) {
                    t.medal_missed += 1;
                }
            }
        }
    }

    /// Adds another group's counters (of the same procedure) to these.
    pub fn merge(&mut self, other: &Counters) {
        self.participants += other.participants;
        self.enrolled += other.enrolled;
        self.primary_sum += other.primary_sum;
        add_all(&mut self.marks, &other.marks);
        add_all(&mut self.levels, &other.levels);
        self.passed += other.passed;
        add_all(&mut self.primary_histogram, &other.primary_histogram);
        add_all(&mut self.task_sum, &other.task_sum);
        add_all(&mut self.task_not_attempted, &other.task_not_attempted);
        for (a, b) in self
            .task_sum_by_mark
            .iter_mut()
            .zip(&other.task_sum_by_mark)
        {
            add_all(a, b);
        }
        let (c, o) = (&mut self.confirmation, &other.confirmation);
        c.compared += o.compared;
        c.lowered += o.lowered;
        c.confirmed += o.confirmed;
        c.raised += o.raised;
        c.differ_by_two += o.differ_by_two;
        let (t, o) = (&mut self.test, &other.test);
        t.count += o.count;
        t.sum += o.sum;
        t.below_min += o.below_min;
        t.up_to_60 += o.up_to_60;
        t.from_61_to_80 += o.from_61_to_80;
        t.from_81 += o.from_81;
        t.medal_candidates += o.medal_candidates;
        t.medal_missed += o.medal_missed;
    }

    /// Counters of a group of participants.
    pub fn of<'a>(
        procedure: &Procedure,
        participants: impl IntoIterator<Item = &'a Participant>,
    ) -> Self {
        let mut c = Counters::new(procedure);
        for p in participants {
            c.add(p, procedure);
        }
        c
    }
}

fn add_all(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}
