//! The funnel plot of a procedure: drawn once with every school, and on a school's page as
//! that drawing with the school's own point marked.

use crate::charts::{self, Chart};
use crate::model::Procedure;
use crate::privacy::Funnel;

/// Who a funnel's line stands for: its whole area, a region's or a municipality's.
pub fn centre(region: bool) -> &'static str {
    if region {
        "регион"
    } else {
        "муниципалитет"
    }
}

/// The funnel plot of a procedure's success rate, every school a dot around the line of
/// `centre` (see [`centre`]).
pub fn funnel(id: &str, procedure: &Procedure, f: &Funnel, centre: &str) -> Option<Chart> {
    let frame = FunnelText::of(procedure, f, centre)?;
    let points: Vec<charts::Point> = f
        .points
        .iter()
        .map(|p| charts::Point {
            n: p.n as f64,
            share: pct(p.share),
            own: false,
        })
        .collect();
    Some(charts::funnel(
        id,
        &frame.title,
        &frame.desc,
        pct(f.reference),
        &frame.limits,
        &points,
    ))
}

/// Where a procedure's funnel drawn `width` px wide is published once for all its school
/// pages.
pub fn funnel_file(procedure: &Procedure, width: u32) -> String {
    format!(
        "{}{}",
        funnel_folder(procedure),
        charts::funnel_file_name(width)
    )
}

fn funnel_folder(procedure: &Procedure) -> String {
    format!("procedures/{}/", procedure.id)
}

/// The funnel on a school's page: the procedure's shared drawing (`root` leads from the page
/// to the site root) with the school's own point marked, when it is on it.
pub fn school_funnel(
    id: &str,
    procedure: &Procedure,
    f: &Funnel,
    (school, centre): (usize, &str),
    root: &str,
) -> Option<Chart> {
    let frame = FunnelText::of(procedure, f, centre)?;
    let own = f
        .points
        .iter()
        .find(|p| p.school == school)
        .map(|p| charts::Point {
            n: p.n as f64,
            share: pct(p.share),
            own: true,
        });
    let folder = format!("{root}{}", funnel_folder(procedure));
    Some(charts::funnel_mark(
        id,
        &frame.title,
        &frame.desc,
        &folder,
        &frame.limits,
        own.as_ref(),
    ))
}

fn pct(v: f64) -> f64 {
    v * 100.0
}

/// What every drawing of one procedure's funnel shares: its words and its limit curves.
struct FunnelText {
    title: String,
    desc: String,
    limits: Vec<charts::LimitRow>,
}

impl FunnelText {
    fn of(procedure: &Procedure, f: &Funnel, centre: &str) -> Option<FunnelText> {
        if f.points.is_empty() {
            return None;
        }
        let limits = f
            .limits
            .iter()
            .map(|l| {
                (
                    l.n as f64,
                    pct(l.inner.0),
                    pct(l.inner.1),
                    pct(l.outer.0),
                    pct(l.outer.1),
                )
            })
            .collect();
        let what = if procedure.has_marks() {
            "Успеваемость"
        } else {
            "Доля набравших не меньше минимального балла"
        };
        let desc = format!(
            "{what} школ в работе «{}» в зависимости от числа участников: каждая точка — школа, линия — {centre} ({}), воронка — границы, в которых результат школы такого размера может оказаться случайно.",
            procedure.title,
            crate::text::fixed(pct(f.reference), 1) + " %"
        );
        Some(FunnelText {
            title: format!("{what}: школы и случайный разброс"),
            desc,
            limits,
        })
    }
}
