//! How much of a figure is chance (DESIGN §3 "Uncertainty"): a 95 % Wilson interval for
//! every published share, the funnel rule that says whether a school lies beyond the spread
//! expected of its size, and Newcombe's interval for a change between two years.
//!
//! Bounds are computed once here, in floating point from integer counts (the same counts
//! give the same bounds whatever the thread count), and stored as tenths of a per cent.

use serde::Serialize;

use crate::text::{Fixed, Places};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959964;
/// z for the 99.8 % funnel limits.
pub const Z998: f64 = 3.090232;

/// A 95 % interval of a share, in per cent with one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// Lower bound, %.
    pub low: Fixed,
    /// Upper bound, %.
    pub high: Fixed,
    /// Both bounds in whole per cent, each rounded once from the exact value (rounding the
    /// tenths again would turn 78,47 into 79).
    pub whole: (i64, i64),
}

fn tenths(share: f64) -> Fixed {
    Fixed {
        scaled: (share * 1000.0).round() as i64,
        decimals: Places::One,
    }
}

fn interval(low: f64, high: f64) -> Interval {
    Interval {
        low: tenths(low),
        high: tenths(high),
        whole: ((low * 100.0).round() as i64, (high * 100.0).round() as i64),
    }
}

/// The Wilson bounds of `k` successes in `n` as shares (0…1).
fn wilson_bounds(k: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || k > n {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z2 / n;
    let low = ((centre - spread) / denominator).max(0.0);
    let high = ((centre + spread) / denominator).min(1.0);
    // At p = 0 and p = 1 the bound on that side is exact.
    let low = if k == 0.0 { 0.0 } else { low };
    let high = if k == n { 1.0 } else { high };
    Some((low, high))
}

/// The 95 % Wilson score interval of `k` of `n`; `None` for an empty group.
pub fn wilson(k: u64, n: u64) -> Option<Interval> {
    let (low, high) = wilson_bounds(k, n, Z95)?;
    Some(interval(low, high))
}

/// Where a group lies against the spread expected of its size around a reference share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Position {
    /// Above the upper 99.8 % limit.
    Above,
    /// Within the limits: the difference may well be chance.
    Within,
    /// Below the lower 99.8 % limit.
    Below,
}

impl Position {
    /// The words a parent reads.
    pub fn words(self) -> &'static str {
        match self {
            Position::Above => "выше ожидаемого",
            Position::Within => "в пределах ожидаемого разброса",
            Position::Below => "ниже ожидаемого",
        }
    }

    /// The open-data value.
    pub fn code(self) -> &'static str {
        match self {
            Position::Above => "above",
            Position::Within => "within",
            Position::Below => "below",
        }
    }
}

/// The funnel limits around a reference share `p0` for a group of `n`, as shares.
pub fn funnel_limits(p0: f64, n: u64, z: f64) -> (f64, f64) {
    let half = z * (p0 * (1.0 - p0) / n.max(1) as f64).sqrt();
    ((p0 - half).max(0.0), (p0 + half).min(1.0))
}

/// The funnel rule: `k` of `n` against the reference `k0` of `n0` (the municipality, all
/// participants), with 99.8 % limits p₀ ± 3.090232·√(p₀(1−p₀)/n).
pub fn funnel(k: u64, n: u64, k0: u64, n0: u64) -> Option<Position> {
    if n == 0 || n0 == 0 {
        return None;
    }
    let p0 = k0 as f64 / n0 as f64;
    let p = k as f64 / n as f64;
    let (low, high) = funnel_limits(p0, n, Z998);
    // With p₀ at 0 or 1 the limits close: only the same share is within them.
    Some(if p > high + 1e-12 {
        Position::Above
    } else if p < low - 1e-12 {
        Position::Below
    } else {
        Position::Within
    })
}

/// How a share changed between two groups (two years), beyond chance or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Change {
    /// The 95 % interval of the difference lies above zero.
    Rise,
    /// It contains zero.
    Chance,
    /// It lies below zero.
    Fall,
}

impl Change {
    /// The words a parent reads.
    pub fn words(self) -> &'static str {
        match self {
            Change::Rise => "заметный рост",
            Change::Chance => "изменение в пределах случайных колебаний",
            Change::Fall => "заметное снижение",
        }
    }
}

/// Newcombe's hybrid score interval (method 10) for p₂ − p₁, from the Wilson intervals of
/// both shares, in per cent with one decimal.
pub fn newcombe(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<Interval> {
    let (_, low, high) = newcombe_exact(k1, n1, k2, n2)?;
    Some(interval(low, high))
}

/// The difference `k2/n2 − k1/n1` and Newcombe's bounds of it, as shares and unrounded.
fn newcombe_exact(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<(f64, f64, f64)> {
    let (l1, u1) = wilson_bounds(k1, n1, Z95)?;
    let (l2, u2) = wilson_bounds(k2, n2, Z95)?;
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    let d = p2 - p1;
    let low = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let high = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    Some((d, low, high))
}

/// `k2/n2 − k1/n1` in percentage points, rounded once (the difference of two rounded
/// shares can be a tenth off: 66,7 − 33,3 = 33,4).
pub fn change_points(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<Fixed> {
    (n1 > 0 && n2 > 0).then(|| tenths(k2 as f64 / n2 as f64 - k1 as f64 / n1 as f64))
}

/// Counts of one group before and after: (points before, possible before, points after,
/// possible after).
pub type BeforeAfter = (u64, u64, u64, u64);

/// How much more group `a` changed than group `b` (change of `a` − change of `b`) and its
/// 95 % interval, by MOVER (Zou & Donner, 2008) from the two groups' Newcombe intervals:
/// L = D − √((D₁ − L₁)² + (U₂ − D₂)²), U = D + √((U₁ − D₁)² + (D₂ − L₂)²).
pub fn difference_of_changes(a: BeforeAfter, b: BeforeAfter) -> Option<(Fixed, Interval)> {
    let (d1, l1, u1) = newcombe_exact(a.0, a.1, a.2, a.3)?;
    let (d2, l2, u2) = newcombe_exact(b.0, b.1, b.2, b.3)?;
    let d = d1 - d2;
    let low = d - ((d1 - l1).powi(2) + (u2 - d2).powi(2)).sqrt();
    let high = d + ((u1 - d1).powi(2) + (d2 - l2).powi(2)).sqrt();
    Some((tenths(d), interval(low, high)))
}

/// Rise or fall only when the interval excludes zero.
pub fn judge(i: &Interval) -> Change {
    if i.low.scaled > 0 {
        Change::Rise
    } else if i.high.scaled < 0 {
        Change::Fall
    } else {
        Change::Chance
    }
}

/// The change from `k1` of `n1` to `k2` of `n2`, in words a parent can trust.
pub fn change(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<Change> {
    newcombe(k1, n1, k2, n2).map(|i| judge(&i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(i: Option<Interval>) -> Option<(String, String)> {
        i.map(|i| (i.low.plain(), i.high.plain()))
    }

    /// Worked by hand with z = 1.959964: p̂ = 0.5, n = 10 → centre (0.5 + 0.192074) / 1.384146,
    /// spread 1.959964·√(0.025 + 0.0096037) / 1.384146.
    #[test]
    fn wilson_against_hand_computed_values() {
        assert_eq!(plain(wilson(5, 10)), Some(("23.7".into(), "76.3".into())));
        // 14 of 14 (the demo school with «100 %»): the upper bound is exactly 100.
        assert_eq!(plain(wilson(14, 14)), Some(("78.5".into(), "100.0".into())));
        // p = 0: the lower bound is exactly 0.
        assert_eq!(plain(wilson(0, 14)), Some(("0.0".into(), "21.5".into())));
        // n = 1.
        assert_eq!(plain(wilson(1, 1)), Some(("20.7".into(), "100.0".into())));
        assert_eq!(wilson(0, 0), None);
        // Whole per cent from the exact bound: 78,47 is 78, not 79 by way of 78,5.
        assert_eq!(wilson(14, 14).map(|i| i.whole), Some((78, 100)));
        // 62 of 72.
        assert_eq!(plain(wilson(62, 72)), Some(("76.3".into(), "92.3".into())));
    }

    #[test]
    fn funnel_limits_around_the_municipal_share() {
        // p₀ = 0.882, n = 14: half-width 3.090232·√(0.882·0.118/14) = 0.2663 → 0.616…1.
        assert_eq!(funnel(14, 14, 882, 1000), Some(Position::Within));
        assert_eq!(funnel(8, 14, 882, 1000), Some(Position::Below));
        // n = 400: half-width 0.0498 → 0.832…0.932.
        assert_eq!(funnel(380, 400, 882, 1000), Some(Position::Above));
        assert_eq!(funnel(360, 400, 882, 1000), Some(Position::Within));
        // p₀ = 1: only 100 % is within.
        assert_eq!(funnel(10, 10, 50, 50), Some(Position::Within));
        assert_eq!(funnel(9, 10, 50, 50), Some(Position::Below));
        assert_eq!(funnel(0, 0, 50, 50), None);
    }

    /// Every number of the methodology page's worked example, recomputed.
    #[test]
    fn the_methodology_example_is_right() {
        let text = crate::analyse::definitions::UNCERTAINTY_EXAMPLE;
        let school_a = wilson(14, 14).expect("A");
        let school_b = wilson(68, 72).expect("B");
        let p0 = 750.0 / 850.0;
        let pct = |v: f64| crate::text::fixed((v * 100.0).min(100.0), 1);
        let (a_low, _) = funnel_limits(p0, 14, Z998);
        let (b_low, b_high) = funnel_limits(p0, 72, Z998);
        for part in [
            format!("от {} до 100 %", school_a.low.russian()),
            format!("{}–{} %", school_b.low.russian(), school_b.high.russian()),
            format!("от {} до 100 %: тоже", pct(b_low)),
            format!("от {} до 100 %, поэтому", pct(a_low)),
            "88,2 % (750 из 850".to_string(),
        ] {
            assert!(text.contains(&part), "«{part}» in the example");
        }
        assert!(b_high > 0.999 && b_high <= 1.0);
        assert_eq!(funnel(14, 14, 750, 850), Some(Position::Within));
        assert_eq!(funnel(68, 72, 750, 850), Some(Position::Within));
    }

    /// Newcombe (1998), table II, example (a): 56/70 − 48/80 = 0.2000, 95 % CI 0.0524 to 0.3339.
    #[test]
    fn newcombe_against_the_published_example() {
        let i = newcombe(48, 80, 56, 70).expect("interval");
        assert_eq!(
            (i.low.plain(), i.high.plain()),
            ("5.2".into(), "33.4".into())
        );
        assert_eq!(change(48, 80, 56, 70), Some(Change::Rise));
        assert_eq!(change(56, 70, 48, 80), Some(Change::Fall));
        // 14 of 14 after 12 of 14: within chance.
        assert_eq!(change(12, 14, 14, 14), Some(Change::Chance));
        assert_eq!(change(1, 0, 1, 1), None);
    }

    /// MOVER from Newcombe's example (a), 48/80 → 56/70 (+20.0 p.p., 5.2…33.4), against
    /// others who stayed at 480/800 (0 ± 4.79): 20.0 − √(14.76² + 4.79²) = 4.5 and
    /// 20.0 + √(13.39² + 4.79²) = 34.2 — a rise beyond the others'. Against others who rose
    /// 480/800 → 540/800 (+7.5, 2.79…12.16): 12.5, from −3.0 to 26.7 — as the others.
    #[test]
    fn difference_of_changes_by_mover() {
        let (d, i) = difference_of_changes((48, 80, 56, 70), (480, 800, 480, 800)).expect("i");
        assert_eq!(
            (d.plain(), i.low.plain(), i.high.plain()),
            ("20.0".into(), "4.5".into(), "34.2".into())
        );
        assert_eq!(judge(&i), Change::Rise);
        let (d, i) = difference_of_changes((48, 80, 56, 70), (480, 800, 540, 800)).expect("i");
        assert_eq!(
            (d.plain(), i.low.plain(), i.high.plain()),
            ("12.5".into(), "-3.0".into(), "26.7".into())
        );
        assert_eq!(judge(&i), Change::Chance);
        // The mirror: the others rose, the group did not.
        let (_, i) = difference_of_changes((480, 800, 480, 800), (48, 80, 56, 70)).expect("i");
        assert_eq!(judge(&i), Change::Fall);
        assert_eq!(difference_of_changes((1, 0, 1, 1), (1, 2, 1, 2)), None);
    }
}
