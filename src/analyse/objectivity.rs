//! Signs that a school's results may not be objective (internal audience only).
//!
//! Each sign names the figures it rests on, so that a reader can check it; a sign is a
//! reason to look closer, never a verdict. Thresholds come from `oko.yaml: objectivity`.

use serde::Serialize;

use std::collections::BTreeMap;

use crate::analyse::{Group, ProcedureAnalysis};
use crate::config::Objectivity;
use crate::model::{Level, Procedure, ProcedureKind, Project};

/// One sign found in a school's results of one procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sign {
    /// Stable code: `boundary-peak`, `journal-lowered`, `journal-confirmed`, `difficulty-inversion`.
    pub code: &'static str,
    /// The sign in words.
    pub title: &'static str,
    /// The figures the sign rests on, in Russian.
    pub evidence: String,
    /// Too few participants for certainty («ориентировочно»).
    pub tentative: bool,
}

fn ru(v: f64, decimals: usize) -> String {
    crate::text::fixed(v, decimals)
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
        .filter(|(_, task)| task.level.is_some_and(|l| (l != Level::Basic) == advanced))
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

/// Medalists' index (ЕГЭ): medal candidates who missed the medal's score in this subject.
pub fn medal_sign(group: &Group, cfg: &Objectivity) -> Option<Sign> {
    let t = group.figures.test?;
    let missed = t.medal_missed?.as_f64();
    (t.medal_candidates >= 5 && missed >= cfg.medal_missed_max).then(|| Sign {
        code: "medal-not-confirmed",
        title: "Претенденты на медаль не подтвердили результат на ЕГЭ",
        evidence: format!(
            "из {} претендентов на медаль {} % набрали меньше требуемого балла (порог {} %)",
            t.medal_candidates,
            ru(missed, 1),
            ru(cfg.medal_missed_max, 0)
        ),
        tentative: t.medal_candidates < 10,
    })
}

/// Mean primary score as % of the maximum, exactly (for comparisons, not for display).
fn mean_percent(group: &Group, procedure: &Procedure) -> Option<f64> {
    let n = group.counters.participants * u64::from(procedure.max_primary());
    (n > 0).then(|| 100.0 * group.counters.primary_sum as f64 / n as f64)
}

/// High ВПР not confirmed: the school is far above its municipality's schools in a ВПР,
/// is not selective, and in ОГЭ/ЕГЭ of the same subject that year it is at or below the
/// municipality.
fn high_vpr_not_confirmed(
    project: &Project,
    analysis: &[ProcedureAnalysis],
    procedure: usize,
    school: usize,
    cfg: &Objectivity,
) -> Option<Sign> {
    let p = &project.procedures[procedure];
    if p.kind != ProcedureKind::Vpr {
        return None;
    }
    let kind = project.schools[school]
        .attributes
        .get("kind")
        .map(|k| k.to_lowercase())
        .unwrap_or_default();
    if cfg
        .selective_kinds
        .iter()
        .any(|k| kind.contains(&k.to_lowercase()))
    {
        return None;
    }
    let pa = &analysis[procedure];
    let area = project.schools[school].municipality_index;
    let values: Vec<f64> = pa
        .schools
        .iter()
        .filter(|s| project.schools[s.school].municipality_index == area)
        .filter(|s| s.group.counters.participants >= u64::from(cfg.high_min_participants))
        .filter_map(|s| mean_percent(&s.group, p))
        .collect();
    if values.len() < 3 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64).sqrt();
    let own = mean_percent(&pa.school(school)?.group, p)?;
    if sd == 0.0 || (own - mean) / sd < cfg.high_sd {
        return None;
    }
    let own_group = &pa.school(school)?.group;
    let (j, q) = same_cohort_exam(project, p)?;
    let exam_group = &analysis[j].school(school)?.group;
    let min = u64::from(cfg.high_min_participants);
    let sizes = (
        own_group.counters.participants,
        exam_group.counters.participants,
    );
    if sizes.0 < min || sizes.1 < min {
        return None;
    }
    let exam_own = mean_percent(exam_group, q)?;
    let exam_town = mean_percent(
        analysis[j].reference(project.schools[school].municipality_index),
        q,
    )?;
    let informative = u64::from(cfg.peak_min);
    (exam_own <= exam_town).then(|| Sign {
        code: "high-vpr-not-confirmed",
        title: "Высокие результаты ВПР не подтверждаются на ГИА",
        evidence: format!(
            "средний процент выполнения ВПР {} % ({} участников) — на {} стандартного отклонения выше среднего по школам ({} %); \
             те же ученики в «{}» ({}) — {} % ({} участников) при {} % по муниципалитету",
            ru(own, 1),
            sizes.0,
            ru((own - mean) / sd, 1),
            ru(mean, 1),
            q.title,
            q.school_year,
            ru(exam_own, 1),
            sizes.1,
            ru(exam_town, 1)
        ),
        tentative: sizes.0 < informative || sizes.1 < informative,
    })
}

/// The state exam the same pupils write later in the subject: a ВПР written by grade g
/// (the pupils' grade) in school year y is set against the ОГЭ of grade 9 in year
/// y + 9 − g, else the ЕГЭ of grade 11 in year y + 11 − g — the same cohort, not other
/// children of the same year.
fn same_cohort_exam<'p>(project: &'p Project, vpr: &Procedure) -> Option<(usize, &'p Procedure)> {
    let start = |p: &Procedure| crate::analyse::dynamics::first_year(&p.school_year);
    let from = start(vpr)?;
    let grade = i32::from(vpr.grade_of_pupils());
    let find = |kind: ProcedureKind, exam_grade: i32| {
        project.procedures.iter().enumerate().find(|(_, q)| {
            q.kind == kind
                && q.subject == vpr.subject
                && i32::from(q.grade) == exam_grade
                && start(q) == Some(from + exam_grade - grade)
        })
    };
    let oge = (grade <= 9).then(|| find(ProcedureKind::Oge, 9)).flatten();
    oge.or_else(|| {
        (grade <= 11)
            .then(|| find(ProcedureKind::Ege, 11))
            .flatten()
    })
}

/// Every sign of every school in every procedure: `[procedure] → school → signs`.
pub fn all_signs(
    project: &Project,
    analysis: &[ProcedureAnalysis],
) -> Vec<BTreeMap<usize, Vec<Sign>>> {
    let cfg = &project.config.objectivity;
    project
        .procedures
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pa = &analysis[i];
            pa.schools
                .iter()
                .map(|sg| {
                    // In a region a school is held against its own municipality.
                    let reference = pa.reference(project.schools[sg.school].municipality_index);
                    let mut found = signs(p, &sg.group, reference, cfg);
                    found.extend(high_vpr_not_confirmed(project, analysis, i, sg.school, cfg));
                    found.extend(medal_sign(&sg.group, cfg));
                    (sg.school, found)
                })
                .filter(|(_, s)| !s.is_empty())
                .collect()
        })
        .collect()
}

/// How many schools show each sign in one procedure: the public municipal summary.
pub fn counts(signs: &BTreeMap<usize, Vec<Sign>>) -> Vec<(&'static str, usize)> {
    let mut by_title: BTreeMap<&'static str, usize> = BTreeMap::new();
    for found in signs.values() {
        let mut titles: Vec<&'static str> = found.iter().map(|s| s.title).collect();
        titles.dedup();
        for t in titles {
            *by_title.entry(t).or_default() += 1;
        }
    }
    by_title.into_iter().collect()
}
