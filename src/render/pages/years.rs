//! The summary of a school year: its works with the area's figures and their change, the
//! deficits with their measures, the measures due and the effects judged — printable as
//! the section of the August report.

use serde::Serialize;

use super::*;
use crate::analyse::years::YearSummary;

/// `years/2024-25/index.html`.
pub(super) fn year_href(school_year: &str) -> String {
    format!("years/{}/index.html", school_year.replace('/', "-"))
}

/// The years with works, newest first, as links.
pub(super) fn year_links(site: &Reader) -> Vec<Link> {
    site.years()
        .iter()
        .rev()
        .map(|y| {
            Link::new(
                format!("{} учебный год", y.school_year),
                year_href(&y.school_year),
            )
        })
        .collect()
}

#[derive(Serialize)]
struct MeasureDue {
    measure: Link,
    deadline: String,
    status: String,
    overdue: bool,
}

fn figure_rows(site: &Reader, year: &YearSummary, mode: &str) -> Vec<FigureRow> {
    year.procedures
        .iter()
        .filter(|&&i| view::figures_mode(site.procedure(i)) == mode)
        .map(|&i| {
            let p = site.procedure(i);
            let group = &site.figures(i).municipality;
            FigureRow::new(p.title.clone(), Some(procedure_href(p)), group)
        })
        .collect()
}

fn measures_due(site: &Reader, year: &YearSummary) -> Vec<MeasureDue> {
    year.measures
        .iter()
        .map(|&(ri, mi)| {
            let r = &site.roadmaps()[ri];
            let m = &r.measures[mi];
            let overdue = site.progress(ri).overdue[mi];
            MeasureDue {
                measure: Link::new(
                    format!("{} — {}: {}", r.title, m.id, m.title),
                    format!("roadmaps/{}/index.html", r.id),
                ),
                deadline: m.deadline.format("%d.%m.%Y").to_string(),
                status: if overdue {
                    format!("{}, срок прошёл", m.status.label())
                } else {
                    m.status.label().to_string()
                },
                overdue,
            }
        })
        .collect()
}

fn effect_lines(site: &Reader, year: &YearSummary) -> Vec<String> {
    year.effects
        .iter()
        .map(|&(ri, mi, ei)| {
            let e = &site.progress(ri).effects[mi][ei];
            let r = &site.roadmaps()[ri];
            let p = site.procedure(e.procedure);
            let pct = |v: Option<crate::analyse::effect::SkillShare>| pct(v.map(|s| s.completion));
            format!(
                "Умение {} «{}» ({}, {}): {} → {} через год — {} (мероприятие {} карты «{}»)",
                e.skill,
                p.skill_text(&e.skill),
                p.title,
                p.school_year,
                pct(e.before),
                pct(e.after),
                e.verdict.words(),
                r.measures[mi].id,
                r.title
            )
        })
        .collect()
}

pub(super) fn year_page(site: &Reader, y: usize) -> PageJob {
    let year = &site.years()[y];
    let path = year_href(&year.school_year);
    let title = format!("Итоги {} учебного года", year.school_year);
    let mut c = base(site, &path, &title, &[home_crumb()]);
    c.insert("school_year", &year.school_year);
    c.insert("marks", &figure_rows(site, year, "marks"));
    c.insert("tests", &figure_rows(site, year, "tests"));
    c.insert("passes", &figure_rows(site, year, "pass"));
    let changes: Vec<(Link, String)> = year
        .procedures
        .iter()
        .filter_map(|&i| {
            let p = site.procedure(i);
            let sentence = change_sentence(site, i, None)?;
            Some((Link::new(p.title.clone(), procedure_href(p)), sentence))
        })
        .collect();
    c.insert("changes", &changes);
    c.insert("deficits", &coverage_views(site, &year.deficits));
    c.insert("measures", &measures_due(site, year));
    c.insert("effects", &effect_lines(site, year));
    c.insert("as_of", &site.as_of().format("%d.%m.%Y").to_string());
    PageJob {
        path,
        template: "year.html",
        context: c,
    }
}

/// What each kind of work is, in a parent's words.
fn kind_words(kind: ProcedureKind) -> &'static str {
    match kind {
        ProcedureKind::Vpr => {
            "Всероссийские проверочные работы: контрольная по предмету в школе, по единым заданиям для всей страны. Школа может засчитать её как текущий контроль или промежуточную аттестацию — это решает сама школа в своём положении; главное же в работе — показать, какие умения уже сформированы, а над какими надо поработать."
        }
        ProcedureKind::Oge => {
            "Основной государственный экзамен в 9 классе: по его итогам выдаётся аттестат об основном общем образовании."
        }
        ProcedureKind::Ege => {
            "Единый государственный экзамен в 11 классе: его баллы (тестовые, от 0 до 100) учитываются при поступлении в вузы. Отметок «2»–«5» у ЕГЭ нет, есть минимальный балл."
        }
        ProcedureKind::Gve => {
            "Государственный выпускной экзамен — форма итоговой аттестации для части выпускников (например, с ограниченными возможностями здоровья)."
        }
        ProcedureKind::Niko => {
            "Национальные исследования качества образования: выборочные работы, по которым страна узнаёт, как меняется образование; результаты отдельного ученика на них не влияют."
        }
        ProcedureKind::Rdr => {
            "Региональная диагностическая работа: проверка по заданиям региона, чтобы вовремя увидеть, где ученикам нужна помощь."
        }
        ProcedureKind::Internal => {
            "Внутренняя оценка школы: диагностические работы, которые школа проводит сама."
        }
        ProcedureKind::Interview => {
            "Итоговое собеседование по русскому языку в 9 классе: устная работа (чтение вслух, пересказ, монолог, диалог). Оценивается «зачётом» или «незачётом»; зачёт — условие допуска к ОГЭ."
        }
        ProcedureKind::Essay => {
            "Итоговое сочинение (изложение) в 11 классе: оценивается «зачётом» или «незачётом»; зачёт — условие допуска к ЕГЭ."
        }
    }
}

/// The plain-language page for parents: what each work is, how to read a report, what the
/// school does next.
pub(super) fn parents_page(site: &Reader) -> PageJob {
    let path = "parents/index.html";
    let mut c = base(site, path, "Родителям", &[home_crumb()]);
    let mut kinds: Vec<ProcedureKind> = site.procedures().iter().map(|p| p.kind).collect();
    kinds.sort();
    kinds.dedup();
    let kinds: Vec<(&str, &str)> = kinds
        .into_iter()
        .map(|k| (k.label(), kind_words(k)))
        .collect();
    c.insert("kinds", &kinds);
    c.insert("summaries", &year_links(site));
    PageJob {
        path: path.into(),
        template: "parents.html",
        context: c,
    }
}
