//! SVG charts drawn with plotters and inlined in pages.
//!
//! Shapes are placed in pixel coordinates and text is anchored by the SVG itself
//! (`text-anchor`), so no label depends on plotters' font measurement, which counts
//! bytes and would put Cyrillic labels in the wrong place. Every chart gets `role="img"`,
//! `<title>` and `<desc>`; the legend is HTML beside it and the same numbers are in a
//! table, so nothing is told by colour alone.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

mod bars;
mod funnel;
mod svg;

pub use bars::{grouped_bars, horizontal_bars, stacked_bars};
pub use funnel::{LimitRow, Point, funnel, funnel_file_name, funnel_mark};

/// Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // green
    RGBColor(204, 121, 167), // purple
    RGBColor(86, 180, 233),  // sky
    RGBColor(213, 94, 0),    // vermillion
];
const INK: RGBColor = RGBColor(27, 31, 36);
const GRID: RGBColor = RGBColor(213, 218, 225);
const FONT: &str = "sans-serif";

/// One named series of values (`None`: no figure for that category).
#[derive(Debug, Clone, Default)]
pub struct Series {
    /// Its name in the legend.
    pub label: String,
    /// One value per category, in per cent.
    pub values: Vec<Option<f64>>,
    /// 95 % intervals of the values, in per cent, drawn as error bars (empty: none).
    pub intervals: Vec<Option<(f64, f64)>>,
}

/// A legend entry for the HTML beside the chart.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub label: String,
    pub colour: String,
}

/// The width a chart is drawn for on a desktop and on a phone.
pub const WIDE: u32 = 640;
pub const NARROW: u32 = 320;

/// A finished chart: the SVG markup and its legend.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub title: String,
    /// The wide form, for desktops and print.
    pub svg: String,
    /// The narrow form a phone shows instead, drawn for 320 px so its text stays at
    /// 11 px or more.
    pub narrow: String,
    pub legend: Vec<LegendItem>,
}

impl Chart {
    /// A chart drawn twice by `draw(width)`: 640 px wide, and 320 px for a phone (its ids
    /// suffixed, so both can sit in one page).
    fn drawn(
        draw: impl Fn(u32) -> String,
        id: &str,
        title: &str,
        desc: &str,
        legend: Vec<LegendItem>,
    ) -> Chart {
        let narrow_id = format!("{id}-n");
        Chart {
            title: title.to_string(),
            svg: svg::finish(draw(WIDE), id, title, desc, "chart chart-wide"),
            narrow: svg::finish(draw(NARROW), &narrow_id, title, desc, "chart chart-narrow"),
            legend,
        }
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn legend(series: &[Series]) -> Vec<LegendItem> {
    series
        .iter()
        .zip(PALETTE.iter().cycle())
        .map(|(s, c)| LegendItem {
            label: s.label.clone(),
            colour: hex(*c),
        })
        .collect()
}

/// Text of `size` px as drawn: plotters' SVG backend writes font sizes divided by 1.24
/// (points to pixels), so the request is scaled up to keep chart text at 11 px or more.
fn text_style(size: u32, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle::from((FONT, f64::from(size) * 1.24).into_font())
        .color(&INK)
        .pos(Pos::new(h, v))
}

fn pct_label(v: f64) -> String {
    crate::text::fixed(v, 1)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw_percent_grid_vertical(area: &Area, left: i32, right: i32, top: i32, bottom: i32) {
    for step in 0..=4 {
        let v = step as f64 * 25.0;
        let y = bottom - ((bottom - top) as f64 * v / 100.0) as i32;
        let _ = area.draw(&PathElement::new(
            vec![(left, y), (right, y)],
            GRID.stroke_width(1),
        ));
        let _ = area.draw(&Text::new(
            format!("{} %", v as i32),
            (left - 6, y),
            text_style(12, HPos::Right, VPos::Center),
        ));
    }
}

/// A round step for a count axis from 0 to `max`: 1, 2 or 5 times a power of ten, the
/// smallest that needs at most `ticks` steps (3009 → 1000, 229 → 100, 7 → 2), so that
/// its labels read 0, 1000, 2000 … and not 0, 1003, 2006 ….
pub(crate) fn round_step(max: f64, ticks: u32) -> f64 {
    let raw = (max / f64::from(ticks.max(1))).max(1.0);
    let power = 10f64.powi(raw.log10().floor() as i32);
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * power)
}

/// Participants per primary score, with the scale thresholds as dashed lines.
pub fn histogram(
    id: &str,
    title: &str,
    desc: &str,
    counts: &[u64],
    thresholds: &[(u32, String)],
) -> Chart {
    let draw = |w: u32| -> String {
        let h = 260u32;
        let (left, right, top, bottom) = (44, w as i32 - 12, 22, h as i32 - 36);
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            let step = round_step(max as f64, 4) as u64;
            let top_value = max.div_ceil(step) * step;
            for k in 0..=top_value / step {
                let v = step * k;
                let y = bottom - ((bottom - top) as f64 * v as f64 / top_value as f64) as i32;
                let _ = area.draw(&PathElement::new(
                    vec![(left, y), (right, y)],
                    GRID.stroke_width(1),
                ));
                let _ = area.draw(&Text::new(
                    v.to_string(),
                    (left - 6, y),
                    text_style(12, HPos::Right, VPos::Center),
                ));
            }
            let slot = (right - left) as f64 / counts.len().max(1) as f64;
            let label_every =
                ((counts.len() as f64 * 30.0 / (right - left) as f64).ceil() as usize).max(1);
            for (score, &n) in counts.iter().enumerate() {
                let xa = (left as f64 + slot * score as f64) as i32 + 1;
                let xb = (left as f64 + slot * (score + 1) as f64) as i32 - 1;
                let y = bottom - ((bottom - top) as f64 * n as f64 / top_value as f64) as i32;
                let _ = area.draw(&Rectangle::new(
                    [(xa, y), (xb.max(xa + 1), bottom)],
                    PALETTE[0].filled(),
                ));
                if score % label_every == 0 {
                    let _ = area.draw(&Text::new(
                        score.to_string(),
                        ((xa + xb) / 2, bottom + 6),
                        text_style(11, HPos::Center, VPos::Top),
                    ));
                }
            }
            for (score, mark) in thresholds {
                let x = (left as f64 + slot * f64::from(*score)) as i32;
                let _ = area.draw(&PathElement::new(
                    vec![(x, top - 4), (x, bottom)],
                    PALETTE[5].stroke_width(2),
                ));
                let _ = area.draw(&Text::new(
                    format!("«{mark}»"),
                    (x + 3, top - 6),
                    text_style(12, HPos::Left, VPos::Top),
                ));
            }
            let _ = area.draw(&PathElement::new(
                vec![(left, bottom), (right, bottom)],
                INK.stroke_width(1),
            ));
            let _ = area.present();
        }
        svg
    };
    let legend = vec![
        LegendItem {
            label: "Участников с этим баллом".into(),
            colour: hex(PALETTE[0]),
        },
        LegendItem {
            label: "Порог отметки".into(),
            colour: hex(PALETTE[5]),
        },
    ];
    Chart::drawn(draw, id, title, desc, legend)
}

/// Lines over many categories (tasks), 0–100 %: one line per series, a dot per value.
pub fn lines(id: &str, title: &str, desc: &str, categories: &[String], series: &[Series]) -> Chart {
    let draw = |w: u32| -> String {
        let h = 280u32;
        let (left, right, top, bottom) = (52, w as i32 - 12, 16, h as i32 - 40);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            draw_percent_grid_vertical(&area, left, right, top, bottom);
            let slot = (right - left) as f64 / categories.len().max(1) as f64;
            let x_of = |c: usize| (left as f64 + slot * (c as f64 + 0.5)) as i32;
            let y_of =
                |v: f64| bottom - ((bottom - top) as f64 * v.clamp(0.0, 100.0) / 100.0) as i32;
            let label_every =
                ((categories.len() as f64 * 34.0 / (right - left) as f64).ceil() as usize).max(1);
            for (c, category) in categories.iter().enumerate() {
                if c % label_every == 0 {
                    let _ = area.draw(&Text::new(
                        category.clone(),
                        (x_of(c), bottom + 8),
                        text_style(11, HPos::Center, VPos::Top),
                    ));
                }
            }
            for (serie, colour) in series.iter().zip(PALETTE.iter().cycle()) {
                // A gap where a value is missing: the line is drawn in runs.
                let mut run: Vec<(i32, i32)> = Vec::new();
                for (c, v) in serie.values.iter().enumerate() {
                    match v {
                        Some(v) => {
                            let point = (x_of(c), y_of(*v));
                            let _ = area.draw(&Circle::new(point, 3, colour.filled()));
                            run.push(point);
                        }
                        None => {
                            let _ = area.draw(&PathElement::new(
                                std::mem::take(&mut run),
                                colour.stroke_width(2),
                            ));
                        }
                    }
                }
                let _ = area.draw(&PathElement::new(run, colour.stroke_width(2)));
            }
            let _ = area.draw(&PathElement::new(
                vec![(left, bottom), (right, bottom)],
                INK.stroke_width(1),
            ));
            let _ = area.present();
        }
        svg
    };
    Chart::drawn(draw, id, title, desc, legend(series))
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_axes_step_by_round_numbers() {
        assert_eq!(super::round_step(3009.0, 4), 1000.0);
        assert_eq!(super::round_step(229.0, 4), 100.0);
        assert_eq!(super::round_step(400.0, 4), 100.0);
        assert_eq!(super::round_step(7.0, 4), 2.0);
        assert_eq!(super::round_step(1.0, 4), 1.0);
        assert_eq!(super::round_step(0.0, 4), 1.0);
    }

    use super::*;

    #[test]
    fn charts_are_accessible_scalable_svg() {
        let c = grouped_bars(
            "m",
            "Распределение отметок <школа>",
            "Доли отметок 2, 3, 4, 5",
            &["«2»".into(), "«3»".into()],
            &[Series {
                label: "Школа".into(),
                values: vec![Some(12.5), None],
                intervals: vec![Some((5.0, 30.0)), None],
            }],
        );
        assert!(
            c.svg
                .starts_with("<svg class=\"chart chart-wide\" viewBox=\"0 0 640 300\""),
            "{}",
            &c.svg[..120]
        );
        assert!(c.svg.contains("role=\"img\" aria-labelledby=\"m-t m-d\""));
        assert!(
            c.svg
                .contains("<title id=\"m-t\">Распределение отметок &lt;школа&gt;</title>")
        );
        assert!(c.svg.contains("<desc id=\"m-d\">"));
        let head = &c.svg[..c.svg.find('>').expect("tag")];
        assert!(
            !head.contains("width=") && !head.contains("height="),
            "no fixed size: the chart scales to 320 px"
        );
        // The phone's form: drawn 320 px wide, with ids of its own.
        let narrow = &c.narrow;
        assert!(
            narrow.starts_with("<svg class=\"chart chart-narrow\" viewBox=\"0 0 320 300\""),
            "{}",
            &narrow[..120]
        );
        assert!(narrow.contains("aria-labelledby=\"m-n-t m-n-d\""));
        assert!(c.svg.contains("12,5"));
        assert_eq!(c.legend[0].colour, "#0072b2");
        // Five grid lines, the axis, and the error bar of the one interval: its line and
        // both caps in one polyline.
        assert_eq!(c.svg.matches("<polyline").count(), 5 + 1 + 1);
        let bar: Vec<(i32, i32)> = c
            .svg
            .split("points=\"")
            .skip(1)
            .map(|p| p.split('"').next().unwrap_or(""))
            .find(|p| p.split(' ').count() == 6)
            .expect("a six-point error bar")
            .split(' ')
            .map(|xy| {
                let (x, y) = xy.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect();
        // Cap, back to its middle, up the interval, across the other cap.
        let (x, low, high) = (bar[2].0, bar[2].1, bar[3].1);
        assert_eq!(
            bar,
            [
                (x - 4, low),
                (x + 4, low),
                (x, low),
                (x, high),
                (x - 4, high),
                (x + 4, high)
            ]
        );
        assert!(high < low, "the 30 % end is drawn above the 5 % end");
    }

    #[test]
    fn histogram_marks_thresholds() {
        let c = histogram("h", "t", "d", &[1, 2, 8, 3], &[(2, "3".into())]);
        assert!(c.svg.contains("«3»"));
        assert_eq!(c.svg.matches("<rect").count(), 4, "one bar per score");
    }
}
