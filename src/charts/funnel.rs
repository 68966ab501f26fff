//! The funnel plot: schools as points over their number of participants, the municipal
//! share as a line, and the limits chance alone would keep a school of that size within.
//! Points are not named (no league table); on a school's page its own point is marked.

use plotters::prelude::*;

use super::*;
use crate::text::escape_html;

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

/// Where the funnel's shapes go: a size maps to x, a share to y.
struct Frame {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
    /// The largest size on the limit curves: the right end of the x axis.
    largest: f64,
}

const HEIGHT: u32 = 300;

impl Frame {
    /// The frame of a funnel drawn `width` px wide.
    fn of(limits: &[LimitRow], width: u32) -> Frame {
        Frame {
            left: 52,
            right: width as i32 - 16,
            top: 16,
            bottom: HEIGHT as i32 - 44,
            largest: limits.iter().map(|l| l.0).fold(1.0_f64, f64::max),
        }
    }

    /// Size ticks: four on a desktop, two on a phone, so their labels never touch.
    fn ticks(&self) -> u32 {
        if self.right - self.left > 400 { 4 } else { 2 }
    }

    fn x(&self, n: f64) -> i32 {
        self.left + ((self.right - self.left) as f64 * n / self.largest) as i32
    }

    fn y(&self, v: f64) -> i32 {
        self.bottom - ((self.bottom - self.top) as f64 * v.clamp(0.0, 100.0) / 100.0) as i32
    }
}

const OWN: RGBColor = PALETTE[5];

/// The funnel plot; `reference` is the municipal share in per cent.
pub fn funnel(
    id: &str,
    title: &str,
    desc: &str,
    reference: f64,
    limits: &[LimitRow],
    points: &[Point],
) -> Chart {
    let draw = |width: u32| {
        let frame = Frame::of(limits, width);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (width, HEIGHT)).into_drawing_area();
            draw_frame(&area, &frame, reference, limits, points);
            for p in points.iter().filter(|p| p.own) {
                draw_own(&area, &frame, p);
            }
            let _ = area.present();
        }
        svg
    };
    let own = points.iter().any(|p| p.own);
    Chart::drawn(draw, id, title, desc, funnel_legend(own))
}

/// The background file's name for the funnel drawn `width` px wide: `funnel.svg` for the
/// desktop form, `funnel-narrow.svg` for the phone's (see [`funnel_mark`]).
pub fn funnel_file_name(width: u32) -> &'static str {
    if width == NARROW {
        "funnel-narrow.svg"
    } else {
        "funnel.svg"
    }
}

/// A school's page: the procedure's funnel, drawn once for every school as the images
/// `folder` + [`funnel_file_name`] (a URL relative to the page, one per form), with only the
/// school's own point (if it is on the plot) drawn here.
/// Every school page of a procedure then carries a few hundred bytes instead of a dot per
/// school of the region.
pub fn funnel_mark(
    id: &str,
    title: &str,
    desc: &str,
    folder: &str,
    limits: &[LimitRow],
    own: Option<&Point>,
) -> Chart {
    let draw = |width: u32| {
        let frame = Frame::of(limits, width);
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (width, HEIGHT)).into_drawing_area();
            if let Some(own) = own {
                draw_own(&area, &frame, own);
            }
            let _ = area.present();
        }
        let image = format!(
            "<image xlink:href=\"{}{}\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{HEIGHT}\"/>\n",
            escape_html(folder),
            funnel_file_name(width)
        );
        if let Some(start) = svg.find('>').map(|i| i + 1) {
            svg.insert_str(start, &image);
        }
        svg
    };
    Chart::drawn(draw, id, title, desc, funnel_legend(own.is_some()))
}

/// The grid, the axes, the limits, the reference line and every school as a small dot.
fn draw_frame(area: &Area, frame: &Frame, reference: f64, limits: &[LimitRow], points: &[Point]) {
    let f = frame;
    let (inner, outer, line) = (PALETTE[4], PALETTE[0], PALETTE[1]);
    draw_percent_grid_vertical(area, f.left, f.right, f.top, f.bottom);
    // Ticks at round sizes up to the largest group the limits reach.
    let step = super::round_step(f.largest, f.ticks());
    for k in 0..=(f.largest / step).floor() as u32 {
        let n = step * f64::from(k);
        let _ = area.draw(&Text::new(
            format!("{}", n.round() as i64),
            (f.x(n), f.bottom + 8),
            text_style(12, HPos::Center, VPos::Top),
        ));
    }
    let _ = area.draw(&Text::new(
        "число участников".to_string(),
        ((f.left + f.right) / 2, f.bottom + 26),
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
                    (f.x(l.0), f.y(v))
                })
                .collect();
            let style = colour.stroke_width(if wide { 1 } else { 2 });
            let _ = area.draw(&PathElement::new(path, style));
        }
    }
    let _ = area.draw(&PathElement::new(
        vec![(f.left, f.y(reference)), (f.right, f.y(reference))],
        line.stroke_width(2),
    ));
    for p in points.iter().filter(|p| !p.own) {
        let _ = area.draw(&Circle::new((f.x(p.n), f.y(p.share)), 3, INK.filled()));
    }
    let _ = area.draw(&PathElement::new(
        vec![(f.left, f.bottom), (f.right, f.bottom)],
        INK.stroke_width(1),
    ));
}

fn draw_own(area: &Area, frame: &Frame, p: &Point) {
    let centre = (frame.x(p.n), frame.y(p.share));
    let _ = area.draw(&Circle::new(centre, 7, OWN.filled()));
    let _ = area.draw(&Circle::new(centre, 7, INK.stroke_width(2)));
}

fn funnel_legend(own: bool) -> Vec<LegendItem> {
    let mut legend = vec![
        LegendItem {
            label: "муниципалитет".into(),
            colour: hex(PALETTE[1]),
        },
        LegendItem {
            label: "границы случайного разброса (95 %)".into(),
            colour: hex(PALETTE[4]),
        },
        LegendItem {
            label: "границы «выше/ниже ожидаемого» (99,8 %)".into(),
            colour: hex(PALETTE[0]),
        },
        LegendItem {
            label: "школы".into(),
            colour: hex(INK),
        },
    ];
    if own {
        legend.push(LegendItem {
            label: "эта школа".into(),
            colour: hex(OWN),
        });
    }
    legend
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: [LimitRow; 2] = [
        (10.0, 60.0, 100.0, 40.0, 100.0),
        (200.0, 80.0, 95.0, 75.0, 97.0),
    ];

    #[test]
    fn a_phone_gets_its_own_funnel_and_background() {
        let points = [Point {
            n: 50.0,
            share: 90.0,
            own: false,
        }];
        let full = funnel("f", "t", "d", 88.0, &LIMITS, &points);
        assert!(full.svg.contains("viewBox=\"0 0 640 300\""));
        assert!(full.narrow.contains("viewBox=\"0 0 320 300\""));
        // Size ticks up to 200: every 50 on a desktop, every 100 on a phone.
        let ticks = |svg: &str| svg.matches("y=\"264\"").count();
        assert_eq!((ticks(&full.svg), ticks(&full.narrow)), (5, 3));

        let own = Point {
            n: 50.0,
            share: 90.0,
            own: true,
        };
        let mark = funnel_mark("f", "t", "d", "../../procedures/p/", &LIMITS, Some(&own));
        assert!(mark.svg.contains(
            "xlink:href=\"../../procedures/p/funnel.svg\" x=\"0\" y=\"0\" width=\"640\""
        ));
        assert!(mark.narrow.contains(
            "xlink:href=\"../../procedures/p/funnel-narrow.svg\" x=\"0\" y=\"0\" width=\"320\""
        ));
    }
}
