//! The funnel plot: schools as points over their number of participants, the municipal
//! share as a line, and the limits chance alone would keep a school of that size within.
//! Points are not named (no league table); on a school's page its own point is marked.

use plotters::prelude::*;

use super::*;

/// One point: group size, share in per cent, and whether it is the page's own school.
pub struct Point {
    /// Participants.
    pub n: f64,
    /// Share, %.
    pub share: f64,
    /// The school the page is about.
    pub own: bool,
}

/// One size on the limit curves, shares in per cent: (n, 95 % low, high, 99.8 % low, high).
pub type LimitRow = (f64, f64, f64, f64, f64);

/// The funnel plot; `reference` is the municipal share in per cent.
pub fn funnel(
    id: &str,
    title: &str,
    desc: &str,
    reference: f64,
    limits: &[LimitRow],
    points: &[Point],
) -> Chart {
    let (w, h) = (640u32, 300u32);
    let (left, right, top, bottom) = (52, w as i32 - 16, 16, h as i32 - 44);
    let largest = limits.iter().map(|l| l.0).fold(1.0_f64, f64::max);
    let x_of = |n: f64| left + ((right - left) as f64 * n / largest) as i32;
    let y_of = |v: f64| bottom - ((bottom - top) as f64 * v.clamp(0.0, 100.0) / 100.0) as i32;
    let (inner, outer, line, own) = (PALETTE[4], PALETTE[0], PALETTE[1], PALETTE[5]);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        draw_percent_grid_vertical(&area, left, right, top, bottom);
        for step in 0..=4 {
            let n = largest * f64::from(step) / 4.0;
            let _ = area.draw(&Text::new(
                format!("{}", n.round() as i64),
                (x_of(n), bottom + 8),
                text_style(12, HPos::Center, VPos::Top),
            ));
        }
        let _ = area.draw(&Text::new(
            "число участников".to_string(),
            ((left + right) / 2, bottom + 26),
            text_style(12, HPos::Center, VPos::Top),
        ));
        for (wide, colour) in [(false, inner), (true, outer)] {
            for upper in [false, true] {
                let path: Vec<(i32, i32)> = limits
                    .iter()
                    .map(|l| {
                        let v = match (wide, upper) {
                            (false, false) => l.1,
                            (false, true) => l.2,
                            (true, false) => l.3,
                            (true, true) => l.4,
                        };
                        (x_of(l.0), y_of(v))
                    })
                    .collect();
                let style = colour.stroke_width(if wide { 1 } else { 2 });
                let _ = area.draw(&PathElement::new(path, style));
            }
        }
        let _ = area.draw(&PathElement::new(
            vec![(left, y_of(reference)), (right, y_of(reference))],
            line.stroke_width(2),
        ));
        for p in points.iter().filter(|p| !p.own) {
            let _ = area.draw(&Circle::new((x_of(p.n), y_of(p.share)), 3, INK.filled()));
        }
        for p in points.iter().filter(|p| p.own) {
            let centre = (x_of(p.n), y_of(p.share));
            let _ = area.draw(&Circle::new(centre, 7, own.filled()));
            let _ = area.draw(&Circle::new(centre, 7, INK.stroke_width(2)));
        }
        let _ = area.draw(&PathElement::new(
            vec![(left, bottom), (right, bottom)],
            INK.stroke_width(1),
        ));
        let _ = area.present();
    }
    let mut legend = vec![
        LegendItem {
            label: "муниципалитет".into(),
            colour: hex(line),
        },
        LegendItem {
            label: "границы случайного разброса (95 %)".into(),
            colour: hex(inner),
        },
        LegendItem {
            label: "границы «выше/ниже ожидаемого» (99,8 %)".into(),
            colour: hex(outer),
        },
        LegendItem {
            label: "школы".into(),
            colour: hex(INK),
        },
    ];
    if points.iter().any(|p| p.own) {
        legend.push(LegendItem {
            label: "эта школа".into(),
            colour: hex(own),
        });
    }
    Chart::new(svg, id, title, desc, legend)
}
