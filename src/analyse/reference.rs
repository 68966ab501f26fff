//! A group's figures in the form official reports publish them (% of participants per mark,
//! % completion per task): the region's reference for one of its municipalities built on
//! its own, or for a one-municipality project that imported the whole region's export.

use super::Counters;
use crate::model::{Benchmark, Procedure};
use crate::text::Fixed;

/// The reference figures of a group; none when it has no participants.
pub fn benchmark_of(procedure: &Procedure, c: &Counters) -> Option<Benchmark> {
    if c.participants == 0 {
        return None;
    }
    let pct = |num: u64, den: u64| Fixed::percent(num, den).map_or(0.0, Fixed::as_f64);
    let marks = if procedure.has_marks() {
        (0..4)
            .map(|m| (m as u8 + 2, pct(c.marks[m], c.participants)))
            .collect()
    } else {
        Default::default()
    };
    let tasks = procedure
        .tasks
        .iter()
        .zip(&c.task_sum)
        .map(|(t, &sum)| (t.id.clone(), pct(sum, c.participants * u64::from(t.max))))
        .collect();
    Some(Benchmark { marks, tasks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::tests::{procedure, six};

    #[test]
    fn shares_and_completion_as_a_report_prints_them() {
        let p = procedure();
        let b = benchmark_of(&p, &Counters::of(&p, &six(&p))).expect("figures");
        // Six participants: marks 5, 5, 4, 4, 3, 2 → 16.7 % «2», 16.7 % «3», 33.3 % «4» and «5».
        assert_eq!(
            b.marks.values().copied().collect::<Vec<_>>(),
            [16.7, 16.7, 33.3, 33.3]
        );
        assert_eq!(b.tasks["2К1"], 75.0); // 9 of 12 points
    }
}
