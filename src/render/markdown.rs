//! Markdown → HTML for content pages: tables, footnotes, heading anchors.
//!
//! Raw HTML in Markdown is shown as text, never passed through: content comes from
//! many hands, and the site must not carry scripts it did not write.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown; headings get `id`s made from their text (Cyrillic kept).
/// Links from the site root (`/schools/`) are made relative with `root` (`../`), so that
/// the site works from any sub-path and from disk; a folder link gets its `index.html`.
pub fn to_html(markdown: &str, root: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Event> = Parser::new_ext(markdown, options)
        .map(|e| match e {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: site_link(&dest_url, root).into(),
                title,
                id,
            }),
            other => other,
        })
        .collect();
    let events = add_heading_ids(events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn site_link(url: &str, root: &str) -> String {
    let Some(path) = url.strip_prefix('/').filter(|_| !url.starts_with("//")) else {
        return url.to_string();
    };
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (path, String::new()),
    };
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    format!("{root}{path}{fragment}")
}

fn add_heading_ids(mut events: Vec<Event>) -> Vec<Event> {
    let mut used: Vec<String> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level,
            id: None,
            classes,
            attrs,
        }) = &events[i]
        {
            let (level, classes, attrs): (HeadingLevel, _, _) =
                (*level, classes.clone(), attrs.clone());
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let mut slug = slugify(&text);
            let base = slug.clone();
            let mut n = 1;
            while used.contains(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            used.push(slug.clone());
            events[i] = Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(slug)),
                classes,
                attrs,
            });
        }
        i += 1;
    }
    events
}

/// Lower-case words joined by hyphens; letters of any script are kept.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_lowercase());
    }
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_from_the_site_root_become_relative() {
        let html = to_html(
            "[Школы](/schools/) [О](/about/#a) [Внешняя](https://x.org/) [Рядом](../documents/index.html)",
            "../",
        );
        assert!(html.contains(r#"href="../schools/index.html""#), "{html}");
        assert!(html.contains(r##"href="../about/index.html#a""##), "{html}");
        assert!(html.contains(r#"href="https://x.org/""#));
        assert!(html.contains(r#"href="../documents/index.html""#));
    }

    #[test]
    fn headings_get_anchors() {
        let html = to_html("# О сайте\n\n## Данные\n\n## Данные\n", "");
        assert!(html.contains(r#"<h1 id="о-сайте">О сайте</h1>"#), "{html}");
        assert!(html.contains(r#"<h2 id="данные-2">"#), "{html}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html(
            "Текст <script>alert(1)</script>\n\n<div onclick=x>a</div>\n",
            "",
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn tables_and_footnotes() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст[^1]\n\n[^1]: Сноска\n",
            "",
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
    }
}
