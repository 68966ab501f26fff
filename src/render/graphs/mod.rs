//! Which charts a page shows, built from the analysis figures of its groups.
//! Hidden (suppressed) groups never reach a chart.

use crate::charts::{self, Chart, Series};
use crate::model::{Benchmark, Procedure};
use crate::privacy::{Group, Interval};
use crate::text::Fixed;

mod funnel;

pub use funnel::{centre, funnel, funnel_file, school_funnel};

fn value(f: Option<Fixed>) -> Option<f64> {
    f.map(Fixed::as_f64)
}

/// An interval as the chart draws it, in per cent.
fn bounds(i: Option<Interval>) -> Option<(f64, f64)> {
    i.map(|i| (i.low.as_f64(), i.high.as_f64()))
}

/// The categories of the result distribution: marks, or ЕГЭ score bands.
fn distribution(procedure: &Procedure, group: &Group) -> Vec<Option<f64>> {
    let f = &group.figures;
    if procedure.kind.uses_test_scores() {
        let t = f.test;
        vec![
            value(t.and_then(|t| t.below_min)),
            value(t.and_then(|t| t.up_to_60)),
            value(t.and_then(|t| t.from_61_to_80)),
            value(t.and_then(|t| t.from_81)),
        ]
    } else {
        f.marks.iter().map(|m| value(*m)).collect()
    }
}

/// Mark distribution (or ЕГЭ bands) of the page's groups beside region and Russia.
pub fn marks(id: &str, procedure: &Procedure, groups: &[(String, &Group)]) -> Option<Chart> {
    // A зачёт/незачёт work has no marks to distribute; its table says the share passed.
    if crate::render::view::figures_mode(procedure) == "pass" {
        return None;
    }
    let mut series: Vec<Series> = groups
        .iter()
        .filter(|(_, g)| !g.hidden())
        .map(|(label, g)| Series {
            label: label.clone(),
            values: distribution(procedure, g),
            intervals: if procedure.kind.uses_test_scores() {
                Vec::new()
            } else {
                g.figures
                    .intervals
                    .marks
                    .iter()
                    .map(|i| bounds(*i))
                    .collect()
            },
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let ege = procedure.kind.uses_test_scores();
    if !ege {
        let bench = |label: &str, b: &Option<Benchmark>| {
            b.as_ref().map(|b| Series {
                label: label.into(),
                values: (2..=5).map(|m| b.marks.get(&m).copied()).collect(),
                ..Default::default()
            })
        };
        series.extend(bench("Регион", &procedure.benchmarks.region));
        series.extend(bench("Россия", &procedure.benchmarks.russia));
    }
    let categories: Vec<String> = if ege {
        let min = procedure.min_score.unwrap_or(0);
        vec![
            format!("ниже {min}"),
            format!("{min}–60"),
            "61–80".into(),
            "81–100".into(),
        ]
    } else {
        ["«2»", "«3»", "«4»", "«5»"].map(String::from).to_vec()
    };
    let what = if ege {
        "участников по тестовому баллу"
    } else {
        "отметок"
    };
    let names: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    Some(charts::grouped_bars(
        id,
        &format!("Распределение {what}, %"),
        &format!(
            "Столбцы: доли {what} для групп: {}. Те же числа — в таблице «Основные показатели».",
            names.join(", ")
        ),
        &categories,
        &series,
    ))
}

/// Task completion of the group beside the municipality (and the region, where known).
pub fn tasks(
    id: &str,
    procedure: &Procedure,
    own: Option<(&str, &Group)>,
    (reference_label, municipality): (&str, &Group),
) -> Option<Chart> {
    let completion = |g: &Group| {
        g.figures
            .tasks
            .iter()
            .map(|t| value(t.completion))
            .collect::<Vec<_>>()
    };
    let mut series = Vec::new();
    if let Some((label, g)) = own {
        if g.hidden() {
            return None;
        }
        series.push(Series {
            label: label.to_string(),
            values: completion(g),
            intervals: g.figures.tasks.iter().map(|t| bounds(t.interval)).collect(),
        });
    }
    if !municipality.hidden() {
        // The page's own group gets error bars; the municipality only on its own page.
        let intervals = match own {
            Some(_) => Vec::new(),
            None => municipality
                .figures
                .tasks
                .iter()
                .map(|t| bounds(t.interval))
                .collect(),
        };
        series.push(Series {
            label: reference_label.into(),
            values: completion(municipality),
            intervals,
        });
    }
    if let Some(b) = &procedure.benchmarks.region {
        series.push(Series {
            label: "Регион".into(),
            values: procedure
                .tasks
                .iter()
                .map(|t| b.tasks.get(&t.id).copied())
                .collect(),
            ..Default::default()
        });
    }
    if series.is_empty() {
        return None;
    }
    let categories: Vec<String> = procedure.tasks.iter().map(|t| t.id.clone()).collect();
    Some(charts::horizontal_bars(
        id,
        "Выполнение заданий, % от максимального балла",
        "Полосы: процент выполнения каждого задания. Те же числа — в таблице «Выполнение заданий».",
        &categories,
        &series,
    ))
}

/// Task completion in each mark group: where the groups «3» and «4» part ways.
pub fn by_mark(id: &str, procedure: &Procedure, group: &Group) -> Option<Chart> {
    if group.hidden() || !procedure.has_marks() {
        return None;
    }
    let series: Vec<Series> = (0..4)
        .map(|m| Series {
            label: format!("Группа «{}»", m + 2),
            values: group
                .figures
                .tasks
                .iter()
                .map(|t| value(t.by_mark[m]))
                .collect(),
            ..Default::default()
        })
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    if series.is_empty() {
        return None;
    }
    let categories: Vec<String> = procedure.tasks.iter().map(|t| t.id.clone()).collect();
    Some(charts::lines(
        id,
        "Выполнение заданий по группам отметок, %",
        "Линии: процент выполнения каждого задания участниками с отметками «2», «3», «4» и «5». Те же числа — в таблице «Выполнение заданий».",
        &categories,
        &series,
    ))
}

/// Primary-score distribution with the scale's thresholds.
pub fn histogram(id: &str, procedure: &Procedure, group: &Group) -> Option<Chart> {
    if group.hidden() || group.counters.participants < crate::render::view::HISTOGRAM_MIN {
        return None;
    }
    let thresholds: Vec<(u32, String)> = procedure
        .scale
        .iter()
        .map(|(m, s)| (*s, m.to_string()))
        .collect();
    Some(charts::histogram(
        id,
        "Распределение первичных баллов",
        "Столбцы: число участников с каждым первичным баллом; вертикальные линии — пороги отметок. Те же числа — в таблице под графиком.",
        &group.counters.primary_histogram,
        &thresholds,
    ))
}

/// Lowered / confirmed / raised marks against the journal.
pub fn confirmation(id: &str, groups: &[(String, &Group)]) -> Option<Chart> {
    let rows: Vec<(String, Vec<f64>)> = groups
        .iter()
        .filter(|(_, g)| !g.hidden())
        .filter_map(|(label, g)| {
            let c = g.figures.confirmation?;
            Some((
                label.clone(),
                vec![c.lowered.as_f64(), c.confirmed.as_f64(), c.raised.as_f64()],
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(charts::stacked_bars(
        id,
        "Соответствие отметок за работу отметкам по журналу",
        "Полосы делятся на доли участников, понизивших, подтвердивших и повысивших отметку по журналу. Те же числа — в таблице.",
        &rows,
        &["Понизили", "Подтвердили", "Повысили"],
    ))
}

/// Success and quality (or ЕГЭ mean score and share below the minimum) per cluster.
pub fn clusters(id: &str, procedure: &Procedure, rows: &[(String, &Group)]) -> Option<Chart> {
    compare(
        id,
        &format!(
            "{}, {}: сравнение кластеров",
            procedure.title, procedure.school_year
        ),
        procedure,
        rows,
    )
}

/// The same figures over the years (same kind, subject and grade).
pub fn dynamics(id: &str, procedure: &Procedure, rows: &[(String, &Group)]) -> Option<Chart> {
    compare(
        id,
        &format!("Динамика: {}", procedure.title),
        procedure,
        rows,
    )
}

/// The same grade a year earlier beside this year.
pub fn cohort(id: &str, procedure: &Procedure, rows: &[(String, &Group)]) -> Option<Chart> {
    compare(
        id,
        &format!("Та же параллель годом раньше: {}", procedure.title),
        procedure,
        rows,
    )
}

/// Success and quality (ЕГЭ: mean score and share below the minimum) per labelled group.
fn compare(
    id: &str,
    title: &str,
    procedure: &Procedure,
    rows: &[(String, &Group)],
) -> Option<Chart> {
    let rows: Vec<&(String, &Group)> = rows.iter().filter(|(_, g)| !g.hidden()).collect();
    if rows.is_empty() {
        return None;
    }
    let categories: Vec<String> = rows.iter().map(|(l, _)| l.clone()).collect();
    let ege = procedure.kind.uses_test_scores();
    let series = if ege {
        vec![
            Series {
                label: "Средний тестовый балл".into(),
                values: rows
                    .iter()
                    .map(|(_, g)| value(g.figures.test.and_then(|t| t.mean)))
                    .collect(),
                ..Default::default()
            },
            Series {
                label: "Ниже минимума, %".into(),
                values: rows
                    .iter()
                    .map(|(_, g)| value(g.figures.test.and_then(|t| t.below_min)))
                    .collect(),
                ..Default::default()
            },
        ]
    } else {
        vec![
            Series {
                label: "Успеваемость, %".into(),
                values: rows.iter().map(|(_, g)| value(g.figures.success)).collect(),
                intervals: rows
                    .iter()
                    .map(|(_, g)| bounds(g.figures.intervals.success))
                    .collect(),
            },
            Series {
                label: "Качество, %".into(),
                values: rows.iter().map(|(_, g)| value(g.figures.quality)).collect(),
                intervals: rows
                    .iter()
                    .map(|(_, g)| bounds(g.figures.intervals.quality))
                    .collect(),
            },
        ]
    };
    Some(charts::horizontal_bars(
        id,
        title,
        "Полосы: показатели каждой группы, «усы» — 95-процентные интервалы. Те же числа — в таблице рядом.",
        &categories,
        &series,
    ))
}
