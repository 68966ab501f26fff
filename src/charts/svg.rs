//! What plotters' SVG backend writes, made into a chart to inline in a page: a root tag
//! that scales and speaks to screen readers, without the attributes SVG assumes anyway.

use crate::text::escape_html;

/// Makes the SVG scale with the page and speak to screen readers: plotters' root tag (and
/// any XML prolog before it) gives way to one with a view box, a role, a title and a
/// description, and the rest is compacted on the way.
pub(super) fn finish(svg: String, id: &str, title: &str, desc: &str, class: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let Some((start, end)) = svg
        .find("<svg ")
        .and_then(|start| Some((start, start + svg[start..].find('>')?)))
    else {
        compact_into(&mut out, svg.find("<svg").map_or(&svg[..], |i| &svg[i..]));
        return out;
    };
    let view_box = svg[start..end]
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0 0 640 300");
    // No font family here either: the chart takes the page's font (see `compact_into`).
    for part in [
        "<svg class=\"",
        class,
        "\" viewBox=\"",
        view_box,
        "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"",
        id,
        "-t ",
        id,
        "-d\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"",
        id,
        "-t\">",
        &escape_html(title),
        "</title><desc id=\"",
        id,
        "-d\">",
        &escape_html(desc),
        "</desc",
    ] {
        out.push_str(part);
    }
    compact_into(&mut out, &svg[end..]);
    out
}

/// Appends `svg` without what plotters writes on every shape but SVG assumes anyway —
/// `opacity="1"`, `stroke="none"` (and a width for that absent stroke), the font family
/// (an inlined chart takes the page's) — and with font sizes rounded
/// (`13.000000000000002`): a chart of the region's schools is a third smaller, on every
/// page that shows it. One pass over the spaces, copying the runs between them whole: a
/// clean build of 600 schools draws ≈130 000 charts.
fn compact_into(out: &mut String, svg: &str) {
    const POINTS_END: &str = " \"/>";
    let bytes = svg.as_bytes();
    // `copied`: how much of `svg` is in `out`; `from`: where to look for the next space.
    let (mut copied, mut from) = (0, 0);
    let mut last_size: Option<(&str, String)> = None;
    while let Some(at) = memchr::memchr(b' ', &bytes[from..]).map(|i| from + i) {
        let rest = &svg[at..];
        let candidates: &[&str] = match bytes.get(at + 1) {
            Some(b'o') => &[" opacity=\"1\""],
            Some(b's') => &[" stroke=\"none\" stroke-width=\"1\"", " stroke=\"none\""],
            Some(b'f') => &[" font-family=\"sans-serif\""],
            Some(b'"') => &[POINTS_END],
            _ => &[],
        };
        if let Some(drop) = candidates.iter().find(|d| rest.starts_with(**d)) {
            out.push_str(&svg[copied..at]);
            // The points list's trailing space goes; its closing quote and slash stay.
            copied = if *drop == POINTS_END {
                at + 1
            } else {
                at + drop.len()
            };
            from = at + drop.len();
        } else if let Some(size) = rest.strip_prefix(" font-size=\"") {
            let end = size.find('"').unwrap_or(size.len());
            let value = &size[..end];
            if last_size.as_ref().is_none_or(|(v, _)| *v != value) {
                let rounded = value
                    .parse::<f64>()
                    .map(|v| format!("{}", (v * 10.0).round() / 10.0))
                    .unwrap_or_else(|_| value.to_string());
                last_size = Some((value, rounded));
            }
            out.push_str(&svg[copied..at]);
            out.push_str(" font-size=\"");
            if let Some((_, rounded)) = &last_size {
                out.push_str(rounded);
            }
            copied = at + " font-size=\"".len() + end;
            from = copied;
        } else {
            from = at + 1;
        }
    }
    out.push_str(&svg[copied..]);
}
