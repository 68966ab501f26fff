//! Each school against the spread expected of its size (DESIGN §3 "Uncertainty"): funnel
//! positions against the municipality and the school's clusters, the funnel plot of a
//! procedure, and whether a change from the year before is beyond chance.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyse::counters::Counters;
use crate::analyse::uncertainty::{self, Change, Position, Z95, Z998};
use crate::analyse::{Group, ProcedureAnalysis};
use crate::model::Project;
use crate::model::Visibility;

/// The shares a school is judged by, as (n, k success, k quality): with marks, the
/// participants with a mark, those with 3–5 and those with 4–5; for ЕГЭ (no marks), the
/// participants with a test score and those at or above the minimum score (no quality).
fn mark_counts(c: &Counters) -> (u64, u64, Option<u64>) {
    let with_mark: u64 = c.marks.iter().sum();
    if with_mark == 0 && c.test.count > 0 {
        let t = &c.test;
        return (t.count, t.count - t.below_min, None);
    }
    (
        with_mark,
        c.marks[1] + c.marks[2] + c.marks[3],
        Some(c.marks[2] + c.marks[3]),
    )
}

/// Success and quality of a group against a reference group, by the funnel rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Positions {
    /// Success rate.
    pub success: Option<Position>,
    /// Quality rate.
    pub quality: Option<Position>,
}

/// `group` against `reference` (all of the reference's participants).
pub fn positions(group: &Counters, reference: &Counters) -> Positions {
    let (n, success, quality) = mark_counts(group);
    let (n0, success0, quality0) = mark_counts(reference);
    Positions {
        success: uncertainty::funnel(success, n, success0, n0),
        quality: quality
            .zip(quality0)
            .and_then(|(k, k0)| uncertainty::funnel(k, n, k0, n0)),
    }
}

/// One school in the funnel plot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelPoint {
    /// Index of the school.
    pub school: usize,
    /// Participants with a mark.
    pub n: u64,
    /// Success rate, as a share.
    pub share: f64,
    /// Against the municipality.
    pub position: Position,
}

/// The limits of the funnel at one group size, as shares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limit {
    /// Group size.
    pub n: u64,
    /// 95 % limits.
    pub inner: (f64, f64),
    /// 99.8 % limits.
    pub outer: (f64, f64),
}

/// The funnel plot of a procedure's success rate: schools over their size, the municipal
/// share and the limits of the spread chance alone would give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// The municipal success rate (ЕГЭ: share at or above the minimum), as a share.
    pub reference: f64,
    /// Schools with a mark, in school order.
    pub points: Vec<FunnelPoint>,
    /// Limits from n = 1 to the largest school, on a grid fine enough to draw.
    pub limits: Vec<Limit>,
}

/// The funnel of one procedure (ЕГЭ: the share at or above the minimum score); `None`
/// without participants.
pub fn funnel(pa: &ProcedureAnalysis) -> Option<Funnel> {
    let (n0, k0, _) = mark_counts(&pa.municipality.counters);
    if n0 == 0 {
        return None;
    }
    let reference = k0 as f64 / n0 as f64;
    let points: Vec<FunnelPoint> = pa
        .schools
        .iter()
        .filter_map(|s| {
            let (n, k, _) = mark_counts(&s.group.counters);
            Some(FunnelPoint {
                school: s.school,
                n,
                share: k as f64 / n as f64,
                position: uncertainty::funnel(k, n, k0, n0)?,
            })
        })
        .collect();
    let largest = points.iter().map(|p| p.n).max().unwrap_or(1).max(10);
    // About 60 sizes, denser where the funnel is narrowing fast.
    let mut sizes: Vec<u64> = (1..=60)
        .map(|i| (1.0 + (largest as f64 - 1.0) * (f64::from(i) / 60.0).powi(2)).round() as u64)
        .collect();
    sizes.insert(0, 1);
    sizes.dedup();
    let limits = sizes
        .into_iter()
        .map(|n| Limit {
            n,
            inner: uncertainty::funnel_limits(reference, n, Z95),
            outer: uncertainty::funnel_limits(reference, n, Z998),
        })
        .collect();
    Some(Funnel {
        reference,
        points,
        limits,
    })
}

/// The change of success and quality from the previous procedure of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Changes {
    /// The procedure compared with.
    pub from: usize,
    /// Success rate.
    pub success: Option<Change>,
    /// Quality rate.
    pub quality: Option<Change>,
    /// Set by `privacy`: hidden when either group is.
    #[serde(skip)]
    pub visibility: Visibility,
}

fn changes_between(from: usize, before: &Group, after: &Group) -> Changes {
    let (n1, s1, q1) = mark_counts(&before.counters);
    let (n2, s2, q2) = mark_counts(&after.counters);
    Changes {
        from,
        success: uncertainty::change(s1, n1, s2, n2),
        quality: q1
            .zip(q2)
            .and_then(|(q1, q2)| uncertainty::change(q1, n1, q2, n2)),
        visibility: Visibility::Shown,
    }
}

/// Per procedure: the change since the previous procedure of its series, for the
/// municipality (`None`) and every school that wrote both.
pub fn all_changes(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    series: &[Vec<usize>],
) -> Vec<BTreeMap<Option<usize>, Changes>> {
    (0..project.procedures.len())
        .map(|i| {
            let mut out = BTreeMap::new();
            let position = series[i].iter().position(|&j| j == i);
            let Some(previous) = position
                .and_then(|k| k.checked_sub(1))
                .map(|k| series[i][k])
            else {
                return out;
            };
            let (before, after) = (&analysis[previous], &analysis[i]);
            out.insert(
                None,
                changes_between(previous, &before.municipality, &after.municipality),
            );
            for s in &after.schools {
                if let Some(b) = before.school(s.school) {
                    out.insert(
                        Some(s.school),
                        changes_between(previous, &b.group, &s.group),
                    );
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counters(marks: [u64; 4]) -> Counters {
        Counters {
            participants: marks.iter().sum(),
            marks,
            ..Default::default()
        }
    }

    #[test]
    fn a_small_school_at_100_percent_is_within_the_expected_spread() {
        // The demo's case: 14 of 14 succeed beside a municipality at 88.2 % (750 of 850).
        let town = counters([100, 250, 300, 200]);
        let small = counters([0, 4, 6, 4]);
        assert_eq!(positions(&small, &town).success, Some(Position::Within));
        // A large school far above is above.
        let large = counters([2, 60, 200, 138]);
        assert_eq!(positions(&large, &town).success, Some(Position::Above));
        assert_eq!(positions(&large, &town).quality, Some(Position::Above));
        // And one far below is below.
        let low = counters([80, 100, 15, 5]);
        assert_eq!(positions(&low, &town).success, Some(Position::Below));
    }
}
