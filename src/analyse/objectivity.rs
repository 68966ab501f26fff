//! Signs that a school's results may not be objective (internal audience only).
//!
//! Each sign names the figures it rests on, so that a reader can check it; a sign is a
//! reason to look closer, never a verdict. Thresholds come from `oko.yaml: objectivity`.

use serde::Serialize;

use crate::analyse::Group;
use crate::config::Objectivity;
use crate::model::{Level, Procedure};

/// One sign found in a school's results of one procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sign {
    /// Stable code: `boundary-peak`, `journal-lowered`, `journal-confirmed`, `difficulty-inversion`.
    pub code: &'static str,
    pub title: &'static str,
    /// The figures the sign rests on, in Russian.
    pub evidence: String,
    /// Too few participants for certainty («ориентировочно»).
    pub tentative: bool,
}

fn ru(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// Boundary peaks: for each mark threshold, the ratio R of participants at the lowest
/// score of the mark to the mean of the two scores below it.
pub fn boundary_peaks(procedure: &Procedure, group: &Group, cfg: &Objectivity) -> Vec<Sign> {
    let n = group.counters.participants;
    if n < u64::from(cfg.peak_tentative_min) {
        return Vec::new();
    }
    let h = &group.counters.primary_histogram;
    let mut signs = Vec::new();
    for (&mark, &lowest) in &procedure.scale {
        let s = lowest as usize;
        if s < 2 || s >= h.len() {
            continue;
        }
        let below = (h[s - 1] + h[s - 2]) as f64 / 2.0;
        // Nobody just below the threshold while many are on it is the strongest peak of all.
        let ratio = if below == 0.0 {
            f64::INFINITY
        } else {
            h[s] as f64 / below
        };
        if ratio >= cfg.peak_ratio && h[s] >= u64::from(cfg.peak_min_at_threshold) {
            let r = if ratio.is_finite() {
                ru(ratio, 2)
            } else {
                "∞".to_string()
            };
            signs.push(Sign {
                code: "boundary-peak",
                title: "Пик на границе отметки",
                evidence: format!(
                    "на пороге отметки «{mark}» ({lowest} б.) — {} уч., на двух баллах ниже — {} и {} уч.; отношение R = {r} (порог {})",
                    h[s],
                    h[s - 1],
                    h[s - 2],
                    ru(cfg.peak_ratio, 1)
                ),
                tentative: n < u64::from(cfg.peak_min),
            });
        }
    }
    signs
}

/// Mean of school − municipality completion (in points) over tasks of the given levels.
fn mean_gap(
    procedure: &Procedure,
    group: &Group,
    municipality: &Group,
    advanced: bool,
) -> Option<f64> {
    let completion = |g: &Group, t: usize| {
        let n = g.counters.participants * u64::from(procedure.tasks[t].max);
        (n > 0).then(|| 100.0 * g.counters.task_sum[t] as f64 / n as f64)
    };
    let gaps: Vec<f64> = procedure
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| (task.level != Level::Basic) == advanced)
        .filter_map(|(t, _)| Some(completion(group, t)? - completion(municipality, t)?))
        .collect();
    (!gaps.is_empty()).then(|| gaps.iter().sum::<f64>() / gaps.len() as f64)
}

/// Every sign for one school in one procedure.
pub fn signs(
    procedure: &Procedure,
    group: &Group,
    municipality: &Group,
    cfg: &Objectivity,
) -> Vec<Sign> {
    let n = group.counters.participants;
    if n < u64::from(cfg.peak_tentative_min) {
        return Vec::new();
    }
    let tentative = n < u64::from(cfg.peak_min);
    let mut signs = boundary_peaks(procedure, group, cfg);
    let has_peak = !signs.is_empty();
    if let Some(c) = group.figures.confirmation {
        let lowered = c.lowered.as_f64();
        let confirmed = c.confirmed.as_f64();
        if lowered >= cfg.lowered_max {
            signs.push(Sign {
                code: "journal-lowered",
                title: "Отметки за работу ниже отметок по журналу",
                evidence: format!(
                    "понизили отметку {} % участников (порог {} %); отметки различаются на 2 и более: {}",
                    ru(lowered, 1),
                    ru(cfg.lowered_max, 0),
                    c.differ_by_two
                ),
                tentative,
            });
        }
        if confirmed >= cfg.confirmed_max && has_peak {
            signs.push(Sign {
                code: "journal-confirmed",
                title: "Почти все отметки совпадают с журналом при пике на границе",
                evidence: format!(
                    "подтвердили отметку {} % участников (порог {} %)",
                    ru(confirmed, 1),
                    ru(cfg.confirmed_max, 0)
                ),
                tentative,
            });
        }
    }
    if let (Some(adv), Some(basic)) = (
        mean_gap(procedure, group, municipality, true),
        mean_gap(procedure, group, municipality, false),
    ) && adv - basic > cfg.inversion_gap
    {
        signs.push(Sign {
            code: "difficulty-inversion",
            title: "Трудные задания выполнены лучше лёгких",
            evidence: format!(
                "отрыв от муниципалитета на заданиях повышенного уровня {} п., на заданиях базового уровня {} п. (разница больше {} п.)",
                ru(adv, 1),
                ru(basic, 1),
                ru(cfg.inversion_gap, 0)
            ),
            tentative,
        });
    }
    signs
}
