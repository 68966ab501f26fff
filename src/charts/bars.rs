//! Bar charts: grouped vertical bars, horizontal bars for long labels, and 100 % stacks.

use plotters::prelude::*;

use super::*;

/// Vertical grouped bars over a few categories (marks 2–5, ЕГЭ score bands), 0–100 %.
pub fn grouped_bars(
    id: &str,
    title: &str,
    desc: &str,
    categories: &[String],
    series: &[Series],
) -> Chart {
    let draw = |w: u32| -> String {
        let h = 300u32;
        let (left, right, top, bottom) = (52, w as i32 - 12, 16, h as i32 - 40);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            draw_percent_grid_vertical(&area, left, right, top, bottom);
            let slot = (right - left) as f64 / categories.len().max(1) as f64;
            let bar = (slot * 0.8 / series.len().max(1) as f64).min(46.0);
            for (c, category) in categories.iter().enumerate() {
                let x0 = left as f64 + slot * c as f64 + (slot - bar * series.len() as f64) / 2.0;
                for (s, (serie, colour)) in series.iter().zip(PALETTE.iter().cycle()).enumerate() {
                    let Some(v) = serie.values.get(c).copied().flatten() else {
                        continue;
                    };
                    let xa = (x0 + bar * s as f64) as i32;
                    let xb = (x0 + bar * (s + 1) as f64) as i32 - 2;
                    let y_of = |v: f64| {
                        bottom - ((bottom - top) as f64 * v.clamp(0.0, 100.0) / 100.0) as i32
                    };
                    let y = y_of(v);
                    let _ = area.draw(&Rectangle::new([(xa, y), (xb, bottom)], colour.filled()));
                    let cx = (xa + xb) / 2;
                    let mut label_y = y;
                    if let Some((lo, hi)) = serie.intervals.get(c).copied().flatten() {
                        let (ya, yb) = (y_of(lo), y_of(hi));
                        error_bar(
                            &area,
                            [(cx, ya), (cx, yb)],
                            [(cx - 4, ya), (cx + 4, ya)],
                            [(cx - 4, yb), (cx + 4, yb)],
                        );
                        label_y = label_y.min(yb);
                    }
                    if bar >= 28.0 {
                        let _ = area.draw(&Text::new(
                            pct_label(v),
                            (cx, label_y - 3),
                            text_style(11, HPos::Center, VPos::Bottom),
                        ));
                    }
                }
                let cx = (left as f64 + slot * (c as f64 + 0.5)) as i32;
                let _ = area.draw(&Text::new(
                    category.clone(),
                    (cx, bottom + 8),
                    text_style(14, HPos::Center, VPos::Top),
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
    Chart::drawn(draw, id, title, desc, legend(series))
}

/// Horizontal grouped bars, one row per category (tasks, skills, clusters), 0–100 %.
/// Labels are short (task ids) and sit to the left of the bars.
pub fn horizontal_bars(
    id: &str,
    title: &str,
    desc: &str,
    categories: &[String],
    series: &[Series],
) -> Chart {
    let per_series = 9;
    let row = (per_series * series.len().max(1) + 8) as i32;
    let draw = |w: u32| -> String {
        let top = 26;
        let h = (top + row * categories.len() as i32 + 12) as u32;
        // Room for the longest label: about 7.5 px per character at 13 px (characters, not bytes).
        let longest = categories
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(1) as f64;
        let (left, right) = (
            ((longest * 7.5) as i32 + 14).clamp(44, (w as i32 * 2 / 5).min(260)),
            w as i32 - 44,
        );
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            let bottom = h as i32 - 12;
            for step in 0..=4 {
                let v = step as f64 * 25.0;
                let x = left + ((right - left) as f64 * v / 100.0) as i32;
                let _ = area.draw(&PathElement::new(
                    vec![(x, top), (x, bottom)],
                    GRID.stroke_width(1),
                ));
                let _ = area.draw(&Text::new(
                    format!("{} %", v as i32),
                    (x, top - 6),
                    text_style(12, HPos::Center, VPos::Bottom),
                ));
            }
            for (c, category) in categories.iter().enumerate() {
                let y0 = top + row * c as i32 + 4;
                for (s, (serie, colour)) in series.iter().zip(PALETTE.iter().cycle()).enumerate() {
                    let Some(v) = serie.values.get(c).copied().flatten() else {
                        continue;
                    };
                    let ya = y0 + (per_series * s) as i32;
                    let x_of = |v: f64| {
                        left + ((right - left) as f64 * v.clamp(0.0, 100.0) / 100.0) as i32
                    };
                    let x = x_of(v);
                    let _ = area.draw(&Rectangle::new(
                        [(left, ya), (x.max(left + 1), ya + per_series as i32 - 2)],
                        colour.filled(),
                    ));
                    let mut label_x = x;
                    if let Some((lo, hi)) = serie.intervals.get(c).copied().flatten() {
                        let (xa, xb, cy) = (x_of(lo), x_of(hi), ya + 3);
                        error_bar(
                            &area,
                            [(xa, cy), (xb, cy)],
                            [(xa, cy - 3), (xa, cy + 3)],
                            [(xb, cy - 3), (xb, cy + 3)],
                        );
                        label_x = label_x.max(xb);
                    }
                    if s == 0 {
                        let _ = area.draw(&Text::new(
                            pct_label(v),
                            (label_x + 4, ya + 4),
                            text_style(11, HPos::Left, VPos::Center),
                        ));
                    }
                }
                let cy = y0 + (per_series * series.len()) as i32 / 2;
                let _ = area.draw(&Text::new(
                    category.clone(),
                    (left - 8, cy),
                    text_style(13, HPos::Right, VPos::Center),
                ));
            }
            let _ = area.draw(&PathElement::new(
                vec![(left, top), (left, bottom)],
                INK.stroke_width(1),
            ));
            let _ = area.present();
        }
        svg
    };
    Chart::drawn(draw, id, title, desc, legend(series))
}

/// One horizontal 100 % bar per row, split into parts (e.g. lowered / confirmed / raised).
pub fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    rows: &[(String, Vec<f64>)],
    parts: &[&str],
) -> Chart {
    let row_h = 30;
    let draw = |w: u32| -> String {
        let top = 8;
        let h = (top + row_h * rows.len() as i32 + 8) as u32;
        let (left, right) = (150, w as i32 - 12);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            for (r, (label, values)) in rows.iter().enumerate() {
                let y = top + row_h * r as i32;
                let mut x = left as f64;
                for (v, colour) in values.iter().zip(PALETTE.iter().cycle()) {
                    let width = (right - left) as f64 * v.clamp(0.0, 100.0) / 100.0;
                    let (xa, xb) = (x as i32, (x + width) as i32);
                    let _ = area.draw(&Rectangle::new(
                        [(xa, y), (xb.max(xa), y + row_h - 8)],
                        colour.filled(),
                    ));
                    if width >= 42.0 {
                        let _ = area.draw(&Text::new(
                            format!("{} %", pct_label(*v)),
                            ((xa + xb) / 2, y + (row_h - 8) / 2),
                            text_style(12, HPos::Center, VPos::Center).color(&WHITE),
                        ));
                    }
                    x += width;
                }
                let _ = area.draw(&Text::new(
                    label.clone(),
                    (left - 8, y + (row_h - 8) / 2),
                    text_style(13, HPos::Right, VPos::Center),
                ));
            }
            let _ = area.present();
        }
        svg
    };
    let legend = parts
        .iter()
        .zip(PALETTE.iter().cycle())
        .map(|(l, c)| LegendItem {
            label: (*l).to_string(),
            colour: hex(*c),
        })
        .collect();
    Chart::drawn(draw, id, title, desc, legend)
}

/// A 95 % interval as a line with a cap at each end, drawn as one polyline that runs back
/// along half of each cap: a page draws dozens of intervals, and one element instead of
/// three is what plotters formats (its colour, opacity and points) and the page carries.
fn error_bar(area: &Area, line: [(i32, i32); 2], cap_a: [(i32, i32); 2], cap_b: [(i32, i32); 2]) {
    let points = vec![cap_a[0], cap_a[1], line[0], line[1], cap_b[0], cap_b[1]];
    let _ = area.draw(&PathElement::new(points, INK.stroke_width(1)));
}
