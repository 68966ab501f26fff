//! The «обновлено» date in every page's footer (#34): the build date on which the page's
//! content last changed, not the date of the build that wrote it. A data drop then
//! changes only the pages it changes, and an upload sends only those.
//!
//! Templates get [`MARK`]; a rendered page is compared, still marked, with what the last
//! build made of it (by digest, [`content_key`]): the same content keeps the date the
//! cache recorded, other content gets today's. The date is written over the mark last.

use chrono::NaiveDate;
use memchr::memmem;

use crate::cache::{Key, KeyBuilder};

/// What templates receive as `updated_on`: a word between private-use characters, which
/// HTML escaping leaves alone and no text of a project holds. It is as long as a date, so
/// a page is dated in the buffer it was rendered into, not copied.
pub const MARK: &str = "\u{E000}date\u{E000}";
const _: () = assert!(MARK.len() == "01.11.2025".len());

/// The words before the date in a page's footer: how a comparison of two sites finds it.
pub const UPDATED: &str = "Страница обновлена ";

/// A date as pages show it, `ДД.ММ.ГГГГ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDate {
    text: String,
    date: NaiveDate,
}

impl PageDate {
    /// The date `date` as pages show it.
    pub fn new(date: NaiveDate) -> PageDate {
        PageDate {
            text: date.format("%d.%m.%Y").to_string(),
            date,
        }
    }

    /// The date a page's record keeps, `ДД.ММ.ГГГГ`; `None` if it is not one.
    pub fn parse(text: &str) -> Option<PageDate> {
        let date = NaiveDate::parse_from_str(text, "%d.%m.%Y").ok()?;
        let page = PageDate::new(date);
        (page.text == text).then_some(page)
    }

    /// `ДД.ММ.ГГГГ`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The calendar date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The page with every mark replaced by the date.
    pub fn stamp(&self, mut page: Vec<u8>) -> Vec<u8> {
        let date = self.text.as_bytes();
        let marks: Vec<usize> = memmem::find_iter(&page, MARK.as_bytes()).collect();
        if date.len() == MARK.len() {
            for &start in &marks {
                page[start..start + date.len()].copy_from_slice(date);
            }
            return page;
        }
        // A date of another length (a year past 9999) is written into a copy.
        let mut out = Vec::with_capacity(page.len());
        let mut rest = 0;
        for start in marks {
            out.extend_from_slice(&page[rest..start]);
            out.extend_from_slice(date);
            rest = start + MARK.len();
        }
        out.extend_from_slice(&page[rest..]);
        out
    }
}

/// The «обновлено» date a published page carries, if it has one.
pub fn date_in(page: &[u8]) -> Option<PageDate> {
    let at = memmem::find(page, UPDATED.as_bytes())? + UPDATED.len();
    let text = std::str::from_utf8(page.get(at..at + 10)?).ok()?;
    PageDate::parse(text)
}

/// The digest of a rendered page before it is dated: equal digests, equal content.
pub fn content_key(marked: &[u8]) -> Key {
    KeyBuilder::new("content").bytes(marked).finish()
}

/// A page's bytes with its «обновлено» date blanked: two builds of one project on
/// different days give equal bytes here exactly when the pages differ in that date alone.
/// The sitemap's `<lastmod>` dates are blanked the same way.
pub fn without_update_dates(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for words in [UPDATED.as_bytes(), b"<lastmod>"] {
        let found: Vec<usize> = memmem::find_iter(bytes, words).collect();
        for at in found {
            let start = at + words.len();
            let end = (start + 10).min(out.len());
            for b in &mut out[start..end] {
                if b.is_ascii_digit() {
                    *b = b'0';
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> PageDate {
        PageDate::new(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    #[test]
    fn stamping_replaces_every_mark_and_keeps_the_rest() {
        let html = format!("<p>Страница обновлена {MARK}.</p><i>{MARK}</i>");
        let page = day(2025, 11, 1).stamp(html.into_bytes());
        assert_eq!(
            page,
            "<p>Страница обновлена 01.11.2025.</p><i>01.11.2025</i>".as_bytes()
        );
        assert_eq!(
            day(2025, 11, 1).stamp("без даты".into()),
            "без даты".as_bytes()
        );
        // A five-digit year does not fit a mark's place: the page is written anew.
        let far = day(10000, 1, 2);
        let page = far.stamp(format!("<i>{MARK}</i>{MARK}").into_bytes());
        let date = far.as_str();
        assert_eq!(
            String::from_utf8(page).expect("utf-8"),
            format!("<i>{date}</i>{date}")
        );
    }

    #[test]
    fn a_recorded_date_reads_back_and_anything_else_does_not() {
        assert_eq!(PageDate::parse("09.03.2026"), Some(day(2026, 3, 9)));
        for bad in ["", "2026-03-09", "31.02.2026", "9.3.26"] {
            assert_eq!(PageDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_published_page_tells_its_date() {
        let page = day(2025, 11, 1).stamp(format!("<p>{UPDATED}{MARK}.</p>").into_bytes());
        assert_eq!(date_in(&page), Some(day(2025, 11, 1)));
        assert_eq!(date_in(b"<p>no date</p>"), None);
        assert_eq!(date_in(format!("<p>{UPDATED}01.11.</p>").as_bytes()), None);
    }

    #[test]
    fn content_is_compared_before_the_date_is_written() {
        let page = format!("<p>{UPDATED}{MARK}</p>");
        assert_eq!(content_key(page.as_bytes()), content_key(page.as_bytes()));
        assert_ne!(
            content_key(page.as_bytes()),
            content_key(format!("<p>{UPDATED}{MARK}.</p>").as_bytes())
        );
    }

    #[test]
    fn pages_that_differ_only_in_their_update_date_compare_equal() {
        let page = |d: &PageDate, text: &str| {
            d.stamp(format!("<p>{text}</p><footer>{UPDATED}{MARK}.</footer>").into_bytes())
        };
        let (a, b) = (day(2025, 11, 1), day(2026, 3, 9));
        assert_eq!(
            without_update_dates(&page(&a, "5")),
            without_update_dates(&page(&b, "5"))
        );
        assert_ne!(
            without_update_dates(&page(&a, "5")),
            without_update_dates(&page(&b, "6"))
        );
        // A date elsewhere on the page is content.
        assert_ne!(
            without_update_dates(&page(&a, "01.11.2025")),
            without_update_dates(&page(&a, "09.03.2026"))
        );
        let map = |d: &str| format!("<url><loc>x</loc><lastmod>{d}</lastmod></url>");
        assert_eq!(
            without_update_dates(map("2025-11-01").as_bytes()),
            without_update_dates(map("2026-03-09").as_bytes())
        );
    }
}
