//! The score histogram of a group: participants per primary score with the scale's
//! thresholds, shown only for groups large enough that its shape means something.

use serde::Serialize;

use crate::model::Procedure;
use crate::privacy::Group;
use crate::text::Fixed;

use super::pct;

/// One primary score of the distribution.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow {
    pub score: u32,
    pub count: u64,
    pub share: String,
    /// The mark this score gives, if the procedure has marks.
    pub mark: Option<u8>,
    /// The lowest score of a mark (a threshold of the scale).
    pub threshold: bool,
}

/// The primary-score distribution, when the group is large enough to show it (n ≥ 20).
#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    pub rows: Vec<ScoreRow>,
    /// Fewer than 50 participants: shown, but marked as approximate.
    pub tentative: bool,
}

pub const HISTOGRAM_MIN: u64 = 20;
pub const HISTOGRAM_FIRM: u64 = 50;

pub fn histogram(procedure: &Procedure, group: &Group) -> Option<Histogram> {
    let n = group.counters.participants;
    if group.hidden() || n < HISTOGRAM_MIN {
        return None;
    }
    let rows = group
        .counters
        .primary_histogram
        .iter()
        .enumerate()
        .map(|(score, &count)| {
            let score = score as u32;
            ScoreRow {
                score,
                count,
                share: pct(Fixed::percent(count, n)),
                mark: procedure.mark_for(score),
                threshold: procedure.scale.values().any(|&lowest| lowest == score),
            }
        })
        .collect();
    Some(Histogram {
        rows,
        tentative: n < HISTOGRAM_FIRM,
    })
}
