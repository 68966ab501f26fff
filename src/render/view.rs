//! View models: the figures of a group, formatted for a page in Russian.
//!
//! Templates receive ready strings («71,4 %», «—»), so a designer changes layout
//! without touching number formats, and suppression cannot be forgotten in a template.

use serde::Serialize;

use crate::model::{Benchmark, Procedure};
use crate::privacy::Group;
use crate::privacy::{Indicators, Interval, Standing};
use crate::text::{Fixed, group_thousands};

mod histogram;

pub use histogram::*;

pub const DASH: &str = "—";

pub fn pct(v: Option<Fixed>) -> String {
    v.map(|f| format!("{}\u{a0}%", f.russian()))
        .unwrap_or_else(|| DASH.to_string())
}

pub fn num(v: Option<Fixed>) -> String {
    v.map(Fixed::russian).unwrap_or_else(|| DASH.to_string())
}

/// A 95 % interval in brackets after a share: «(62–96)»; empty when there is none.
pub fn ci(i: Option<Interval>) -> String {
    i.map(|i| format!("({})", crate::text::interval(i.whole)))
        .unwrap_or_default()
}

pub fn count(n: u64) -> String {
    group_thousands(n as i64)
}

/// A benchmark figure (given in the procedure file as a decimal).
pub fn bench(v: Option<f64>) -> String {
    v.map(|x| format!("{}\u{a0}%", crate::text::fixed(x, 1)))
        .unwrap_or_else(|| DASH.to_string())
}

/// One row of a figures table: a group's key indicators.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub label: String,
    pub href: Option<String>,
    pub suppressed: bool,
    pub reason: String,
    pub participants: String,
    pub participation: String,
    pub marks: [String; 4],
    /// 95 % intervals of the mark shares.
    pub marks_ci: [String; 4],
    pub success: String,
    pub quality: String,
    /// 95 % intervals of success and quality, «(62–96)».
    pub success_ci: String,
    pub quality_ci: String,
    pub mean_mark: String,
    pub mean_primary: String,
    pub mean_percent: String,
    pub sou: String,
    pub lowered: String,
    pub confirmed: String,
    pub raised: String,
    pub test_mean: String,
    pub below_min: String,
    pub up_to_60: String,
    pub from_61_to_80: String,
    pub from_81: String,
    /// Зачёт/незачёт works: % passed and its interval.
    pub passed: String,
    pub passed_ci: String,
    /// % below basic, basic, advanced (where the work defines levels), with intervals.
    pub levels: [String; 3],
    pub levels_ci: [String; 3],
}

impl FigureRow {
    pub fn new(label: impl Into<String>, href: Option<String>, group: &Group) -> FigureRow {
        let f = &group.figures;
        let hide = group.hidden();
        let show = |s: String| if hide { DASH.to_string() } else { s };
        let conf = f.confirmation;
        let test = f.test;
        FigureRow {
            label: label.into(),
            href,
            suppressed: hide,
            reason: group.visibility.note(),
            participants: show(count(f.participants)),
            participation: show(pct(f.participation)),
            marks: [0, 1, 2, 3].map(|i| show(pct(f.marks[i]))),
            marks_ci: [0, 1, 2, 3].map(|i| {
                if hide {
                    String::new()
                } else {
                    ci(f.intervals.marks[i])
                }
            }),
            success: show(pct(f.success)),
            quality: show(pct(f.quality)),
            success_ci: if hide {
                String::new()
            } else {
                ci(f.intervals.success)
            },
            quality_ci: if hide {
                String::new()
            } else {
                ci(f.intervals.quality)
            },
            mean_mark: show(num(f.mean_mark)),
            mean_primary: show(num(f.mean_primary)),
            mean_percent: show(pct(f.mean_percent)),
            sou: show(pct(f.sou)),
            lowered: show(pct(conf.map(|c| c.lowered))),
            confirmed: show(pct(conf.map(|c| c.confirmed))),
            raised: show(pct(conf.map(|c| c.raised))),
            test_mean: show(num(test.and_then(|t| t.mean))),
            below_min: show(pct(test.and_then(|t| t.below_min))),
            up_to_60: show(pct(test.and_then(|t| t.up_to_60))),
            from_61_to_80: show(pct(test.and_then(|t| t.from_61_to_80))),
            from_81: show(pct(test.and_then(|t| t.from_81))),
            passed: show(pct(f.passed)),
            passed_ci: if hide {
                String::new()
            } else {
                ci(f.intervals.passed)
            },
            levels: [0, 1, 2].map(|l| show(pct(f.levels.and_then(|v| v[l])))),
            levels_ci: [0, 1, 2].map(|l| {
                if hide {
                    String::new()
                } else {
                    ci(f.intervals.levels[l])
                }
            }),
        }
    }

    /// A reference row from a benchmark (region, Russia): marks only.
    pub fn benchmark(label: &str, b: &Benchmark) -> FigureRow {
        let mark = |m: u8| b.marks.get(&m).copied();
        let sum = |ms: &[u8]| {
            let v: Vec<f64> = ms.iter().filter_map(|&m| mark(m)).collect();
            (v.len() == ms.len()).then(|| v.iter().sum::<f64>())
        };
        FigureRow {
            label: label.to_string(),
            href: None,
            suppressed: false,
            reason: String::new(),
            participants: DASH.into(),
            participation: DASH.into(),
            marks: [2, 3, 4, 5].map(|m| bench(mark(m))),
            marks_ci: Default::default(),
            success: bench(sum(&[3, 4, 5])),
            quality: bench(sum(&[4, 5])),
            success_ci: String::new(),
            quality_ci: String::new(),
            mean_mark: DASH.into(),
            mean_primary: DASH.into(),
            mean_percent: DASH.into(),
            sou: DASH.into(),
            lowered: DASH.into(),
            confirmed: DASH.into(),
            raised: DASH.into(),
            test_mean: DASH.into(),
            below_min: DASH.into(),
            up_to_60: DASH.into(),
            from_61_to_80: DASH.into(),
            from_81: DASH.into(),
            passed: DASH.into(),
            passed_ci: String::new(),
            levels: [DASH, DASH, DASH].map(String::from),
            levels_ci: Default::default(),
        }
    }
}

/// Which columns a procedure's figure tables have: `marks` (2–5, success, quality), `tests`
/// (ЕГЭ test scores) or `pass` (зачёт/незачёт).
pub fn figures_mode(p: &crate::model::Procedure) -> &'static str {
    if p.kind.is_pass_fail() || p.pass.is_some() {
        "pass"
    } else if p.kind.uses_test_scores() {
        "tests"
    } else {
        "marks"
    }
}

/// One task of the plan with this group's completion beside the references.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    pub id: String,
    pub level: String,
    pub skill: String,
    pub text: String,
    pub max: u8,
    pub completion: String,
    /// 95 % interval of the completion.
    pub completion_ci: String,
    pub municipality: String,
    pub region: String,
    pub russia: String,
    pub by_mark: [String; 4],
    pub not_attempted: String,
    pub standing: String,
    pub standing_label: String,
}

/// Task rows for `group`, with its reference level's completion beside it (`reference`:
/// the municipality) and the region's — the region group of a region project, else the
/// region benchmark.
pub fn task_rows(
    procedure: &Procedure,
    group: &Group,
    reference: &Group,
    region_group: Option<&Group>,
) -> Vec<TaskRow> {
    let municipality = reference;
    let hide = group.hidden();
    let show = |s: String| if hide { DASH.to_string() } else { s };
    let region = procedure.benchmarks.region.as_ref();
    let russia = procedure.benchmarks.russia.as_ref();
    procedure
        .tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            let f = &group.figures.tasks[i];
            let standing = if hide { None } else { f.standing };
            TaskRow {
                id: task.id.clone(),
                level: task
                    .level
                    .map_or("не указан", crate::model::Level::label)
                    .to_string(),
                skill: task.skills.join(", "),
                text: task.text.clone(),
                max: task.max,
                completion: show(pct(f.completion)),
                completion_ci: if hide { String::new() } else { ci(f.interval) },
                municipality: if municipality.hidden() {
                    DASH.to_string()
                } else {
                    pct(municipality.figures.tasks[i].completion)
                },
                region: match region_group {
                    Some(g) if g.hidden() => DASH.to_string(),
                    Some(g) => pct(g.figures.tasks[i].completion),
                    None => bench(region.and_then(|b| b.tasks.get(&task.id).copied())),
                },
                russia: bench(russia.and_then(|b| b.tasks.get(&task.id).copied())),
                by_mark: [0, 1, 2, 3].map(|m| show(pct(f.by_mark[m]))),
                not_attempted: show(pct(f.not_attempted)),
                standing: standing_class(standing),
                standing_label: match standing {
                    Some(s) => s.label().to_string(),
                    None if !hide && task.level.is_none() => UNKNOWN_LEVEL.to_string(),
                    None => String::new(),
                },
            }
        })
        .collect()
}

/// Why a figure has no judgement: the plan leaves its tasks' level blank, so neither the
/// basic nor the advanced cut is the plan's own (see `analyse::indicators::cut_for`).
const UNKNOWN_LEVEL: &str = "не оценивается: уровень не указан в плане";

/// Which reference columns of a task table hold any figure: a column that would read
/// «—» on every row (no region or Russia benchmarks) is left out of the table.
pub fn task_columns(rows: &[TaskRow]) -> serde_json::Value {
    let any = |f: fn(&TaskRow) -> &str| rows.iter().any(|r| f(r) != DASH);
    serde_json::json!({
        "region": any(|r| &r.region),
        "russia": any(|r| &r.russia),
    })
}

fn standing_class(s: Option<Standing>) -> String {
    match s {
        Some(Standing::Formed) => "formed",
        Some(Standing::Borderline) => "borderline",
        Some(Standing::Deficit) => "deficit",
        None => "",
    }
    .to_string()
}

/// A skill (planned result) with its completion and standing.
#[derive(Debug, Clone, Serialize)]
pub struct SkillRow {
    pub skill: String,
    pub text: String,
    pub tasks: String,
    pub completion: String,
    pub municipality: String,
    pub standing: String,
    pub standing_label: String,
}

pub fn skill_rows(procedure: &Procedure, group: &Group, municipality: &Group) -> Vec<SkillRow> {
    let hide = group.hidden();
    let unknown_level = |tasks: &[String]| {
        tasks.iter().any(|id| {
            procedure
                .task_index(id)
                .is_some_and(|t| procedure.tasks[t].level.is_none())
        })
    };
    group
        .figures
        .skills
        .iter()
        .zip(&municipality.figures.skills)
        .map(|(s, m)| {
            let standing = if hide { None } else { s.standing };
            let text = procedure.skill_text(&s.skill).to_string();
            SkillRow {
                skill: s.skill.to_string(),
                text,
                tasks: s.tasks.join(", "),
                completion: if hide {
                    DASH.to_string()
                } else {
                    pct(s.completion)
                },
                municipality: if municipality.hidden() {
                    DASH.to_string()
                } else {
                    pct(m.completion)
                },
                standing: standing_class(standing),
                standing_label: match standing {
                    Some(s) => s.label().to_string(),
                    None if !hide && s.completion.is_some() && unknown_level(&s.tasks) => {
                        UNKNOWN_LEVEL.to_string()
                    }
                    None => String::new(),
                },
            }
        })
        .collect()
}

/// Number of deficits among skills (or tasks, when the plan names no skills).
pub fn deficit_count(f: &Indicators) -> usize {
    if f.skills.is_empty() {
        f.tasks
            .iter()
            .filter(|t| t.standing == Some(Standing::Deficit))
            .count()
    } else {
        f.skills
            .iter()
            .filter(|s| s.standing == Some(Standing::Deficit))
            .count()
    }
}
