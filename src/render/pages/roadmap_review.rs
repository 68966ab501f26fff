//! A roadmap's review, as the page shows it: each addressed deficit a year later in the
//! same cohort, the declared indicators beside the computed ones, and the reflection.

use serde::Serialize;

use super::*;
use crate::analyse::effect::{Effect, SkillShare};
use crate::analyse::uncertainty::Interval;
use crate::text::Fixed;

/// A deficit and what became of it in the same cohort.
#[derive(Serialize)]
pub(super) struct EffectView {
    procedure: Link,
    skill: String,
    text: String,
    before: String,
    later: Option<Link>,
    later_skill: String,
    after: String,
    change: String,
    schools: String,
    /// Both sides shown: the sentence names the later work and the change.
    compared: bool,
    /// The schools without such a measure over the same works, if set against them.
    versus: String,
    verdict: String,
}

fn procedure_link(site: &Reader, i: usize) -> Link {
    let p = site.procedure(i);
    Link::new(format!("{}, {}", p.title, p.school_year), procedure_href(p))
}

/// `+29,5 п. п. (95 %: от +25 до +34)`.
fn change_words(e: &Effect) -> String {
    match e.change {
        Some(c) => points(c, e.interval),
        None => view::DASH.to_string(),
    }
}

/// A change in percentage points with its interval in whole points.
fn points(c: Fixed, interval: Option<Interval>) -> String {
    let signed = |v: i64| {
        if v > 0 {
            format!("+{v}")
        } else {
            v.to_string()
        }
    };
    let sign = if c.scaled > 0 { "+" } else { "" };
    let interval = interval.map_or(String::new(), |i| {
        format!(" (95 %: от {} до {})", signed(i.whole.0), signed(i.whole.1))
    });
    format!("{sign}{} п. п.{interval}", c.russian())
}

/// `школы без такого мероприятия (3 школы): 60,0 % → 67,5 %, +7,5 п. п.; разница изменений
/// +12,5 п. п. (95 %: от −3 до +27)`.
fn versus_words(e: &Effect) -> String {
    let Some(c) = &e.comparison else {
        return String::new();
    };
    format!(
        "школы без такого мероприятия ({}): {} → {}, {}; разница изменений {}",
        crate::text::counted(c.schools.len(), "школа", "школы", "школ"),
        pct(Some(c.before.completion)),
        pct(Some(c.after.completion)),
        points(c.change, None),
        points(c.difference, Some(c.interval)),
    )
}

fn share(v: Option<SkillShare>) -> String {
    pct(v.map(|s| s.completion))
}

pub(super) fn effect_views(site: &Reader, ri: usize, mi: usize) -> Vec<EffectView> {
    site.progress(ri).effects[mi]
        .iter()
        .map(|e| {
            let hidden = e.visibility.hidden();
            let shown = |text: String| if hidden { view::DASH.to_string() } else { text };
            let mut verdict = if hidden {
                format!("сравнение не публикуется: {}", e.visibility.note())
            } else {
                e.verdict.words()
            };
            if !hidden && !e.visibility.note().is_empty() {
                verdict = format!("{verdict} ({})", e.visibility.note());
            }
            EffectView {
                procedure: procedure_link(site, e.procedure),
                skill: e.skill.clone(),
                text: site.procedure(e.procedure).skill_text(&e.skill).to_string(),
                before: shown(share(e.before)),
                later: e.later.map(|j| procedure_link(site, j)),
                later_skill: e.later_skill.clone().unwrap_or_default(),
                after: shown(share(e.after)),
                change: shown(change_words(e)),
                schools: crate::text::counted(e.schools, "школа", "школы", "школ"),
                compared: !hidden && e.change.is_some(),
                versus: if hidden {
                    String::new()
                } else {
                    versus_words(e)
                },
                verdict,
            }
        })
        .collect()
}

/// A declared indicator beside what oko computes for it.
#[derive(Serialize)]
pub(super) struct IndicatorView {
    name: String,
    baseline: String,
    target: String,
    actual: String,
    /// Words after the declared baseline / actual: the computed value and whether it agrees.
    baseline_check: String,
    actual_check: String,
    disagrees: bool,
}

fn declared(v: Option<f64>) -> String {
    v.map(|x| crate::text::fixed(x, 1))
        .unwrap_or_else(|| view::DASH.to_string())
}

/// «по расчёту oko — 49,1: не совпадает».
fn check_words(computed: Option<Fixed>, differs: bool, declared: Option<f64>) -> String {
    match (computed, declared) {
        (None, _) => "по расчёту oko — пока нет данных".into(),
        (Some(c), _) if differs => format!("по расчёту oko — {}: не совпадает", c.russian()),
        (Some(c), None) => format!("по расчёту oko — {}", c.russian()),
        (Some(_), Some(_)) => "совпадает с расчётом oko".into(),
    }
}

pub(super) fn indicator_views(site: &Reader, ri: usize, mi: usize) -> Vec<IndicatorView> {
    let measure = &site.roadmaps()[ri].measures[mi];
    let checks = &site.progress(ri).indicators[mi];
    measure
        .indicators
        .iter()
        .zip(checks)
        .map(|(i, check)| {
            let check = check.as_ref().filter(|c| !c.visibility.hidden());
            IndicatorView {
                name: i.name.clone(),
                baseline: declared(i.baseline),
                target: declared(i.target),
                actual: declared(i.actual),
                baseline_check: check.map_or(String::new(), |c| {
                    check_words(c.baseline, c.baseline_differs, i.baseline)
                }),
                actual_check: check.map_or(String::new(), |c| {
                    check_words(c.actual, c.actual_differs, i.actual)
                }),
                disagrees: check.is_some_and(|c| c.baseline_differs || c.actual_differs),
            }
        })
        .collect()
}

/// The material of the reflective stage, in sentences.
#[derive(Serialize)]
pub(super) struct ReflectionView {
    improved: Vec<String>,
    unchanged: Vec<String>,
    worse: Vec<String>,
    open: String,
    without_measure: Vec<String>,
    elsewhere: Vec<String>,
    disagreements: Vec<String>,
}

/// «ВПР. …: умение 6 «…» — 41,0 %».
fn deficit_words(site: &Reader, procedure: usize, skill: &str, completion: Fixed) -> String {
    let p = site.procedure(procedure);
    let text = p.skill_text(skill);
    format!(
        "{}: умение {skill} «{text}» — {}",
        p.title,
        pct(Some(completion))
    )
}

pub(super) fn reflection_view(site: &Reader, ri: usize) -> ReflectionView {
    let progress = site.progress(ri);
    let r = &progress.reflection;
    let roadmap = &site.roadmaps()[ri];
    let effect = |&(mi, ei): &(usize, usize)| {
        let e = &progress.effects[mi][ei];
        let p = site.procedure(e.procedure);
        format!(
            "умение {} «{}» ({}): {} → {} (мероприятие {})",
            e.skill,
            p.skill_text(&e.skill),
            p.title,
            share(e.before),
            share(e.after),
            roadmap.measures[mi].id
        )
    };
    ReflectionView {
        improved: r.improved.iter().map(effect).collect(),
        unchanged: r.unchanged.iter().map(effect).collect(),
        worse: r.worse.iter().map(effect).collect(),
        open: match r.open.len() {
            0 => String::new(),
            n => crate::text::counted(n, "дефицит", "дефицита", "дефицитов"),
        },
        without_measure: r
            .without_measure
            .iter()
            .map(|(i, skill, c)| deficit_words(site, *i, skill, *c))
            .collect(),
        elsewhere: r
            .elsewhere
            .iter()
            .map(|(i, skill, c, measures)| {
                let by: Vec<String> = measures
                    .iter()
                    .map(|&(ri, mi)| {
                        let other = &site.roadmaps()[ri];
                        format!("«{}», мероприятие {}", other.title, other.measures[mi].id)
                    })
                    .collect();
                let deficit = deficit_words(site, *i, skill, *c);
                format!("{deficit} (адресован в карте {})", by.join("; "))
            })
            .collect(),
        disagreements: r
            .disagreements
            .iter()
            .map(|&(mi, ii)| {
                let m = &roadmap.measures[mi];
                format!("мероприятие {}: «{}»", m.id, m.indicators[ii].name)
            })
            .collect(),
    }
}
