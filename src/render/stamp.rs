//! The build date in every page's footer (#18: every page shows the date of its data and
//! of its build). On most pages it is the only thing that changes from one day to the next,
//! so it is kept out of rendering: templates get [`MARK`], the date is written over it
//! afterwards, and the cache keeps where it stands — a page whose inputs are unchanged is
//! re-dated on a later day, not rendered again.

use chrono::NaiveDate;
use memchr::memmem;

/// What templates receive as `built_on`: a word between private-use characters, which
/// HTML escaping leaves alone and no text of a project holds.
pub const MARK: &str = "\u{E000}built-on\u{E000}";

/// The build date as pages show it, `ДД.ММ.ГГГГ`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildDate(String);

impl BuildDate {
    pub fn new(date: NaiveDate) -> BuildDate {
        BuildDate(date.format("%d.%m.%Y").to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The page with every mark replaced by the date, and the byte offset of each date.
    pub fn stamp(&self, html: &str) -> (String, Vec<u64>) {
        let mut out = String::with_capacity(html.len());
        let mut at = Vec::new();
        let mut rest = 0;
        for start in memmem::find_iter(html.as_bytes(), MARK.as_bytes()) {
            out.push_str(&html[rest..start]);
            at.push(out.len() as u64);
            out.push_str(&self.0);
            rest = start + MARK.len();
        }
        out.push_str(&html[rest..]);
        (out, at)
    }

    /// Writes this date over the dates a stored page was stamped with on another day, at
    /// `at`. `false`, the page untouched, when a place holds no date of the same length:
    /// the stored page is not what its record says, and it must be rendered again.
    pub fn restamp(&self, page: &mut [u8], at: &[u64]) -> bool {
        let date = self.0.as_bytes();
        let slot = |offset: u64| {
            let start = usize::try_from(offset).ok()?;
            Some(start..start.checked_add(date.len())?)
        };
        let slots: Option<Vec<_>> = at.iter().map(|&o| slot(o)).collect();
        let Some(slots) = slots.filter(|slots| {
            slots
                .iter()
                .all(|r| page.get(r.clone()).is_some_and(is_date))
        }) else {
            return false;
        };
        for range in slots {
            page[range].copy_from_slice(date);
        }
        true
    }
}

/// Whether `bytes` are a date as [`BuildDate`] writes it.
fn is_date(bytes: &[u8]) -> bool {
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            2 | 5 => *b == b'.',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> BuildDate {
        BuildDate::new(NaiveDate::from_ymd_opt(y, m, d).expect("date"))
    }

    #[test]
    fn stamping_replaces_every_mark_and_keeps_the_rest() {
        let html = format!("<p>Сайт собран {MARK}.</p><i>{MARK}</i>");
        let (page, at) = day(2025, 11, 1).stamp(&html);
        assert_eq!(page, "<p>Сайт собран 01.11.2025.</p><i>01.11.2025</i>");
        assert_eq!(at.len(), 2);
        for &o in &at {
            assert_eq!(&page[o as usize..o as usize + 10], "01.11.2025");
        }
        assert_eq!(
            day(2025, 11, 1).stamp("без даты"),
            ("без даты".into(), vec![])
        );
    }

    #[test]
    fn a_later_day_rewrites_the_same_bytes_as_stamping_anew() {
        let html = format!("<p>Сайт собран {MARK}. Ещё {MARK}</p>");
        let (page, at) = day(2025, 11, 1).stamp(&html);
        let mut bytes = page.into_bytes();
        assert!(day(2026, 3, 9).restamp(&mut bytes, &at));
        assert_eq!(bytes, day(2026, 3, 9).stamp(&html).0.into_bytes());
    }

    #[test]
    fn a_page_that_is_not_what_its_record_says_is_not_touched() {
        let (page, at) = day(2025, 11, 1).stamp(&format!("<p>{MARK}</p><p>{MARK}</p>"));
        // Shifted by a byte: no place holds a date.
        let mut shifted = format!("x{page}").into_bytes();
        let before = shifted.clone();
        assert!(!day(2026, 1, 2).restamp(&mut shifted, &at));
        assert_eq!(shifted, before);
        // Cut after the first date: the second place is missing, the first stays as it was.
        let mut short = page.as_bytes()[..at[0] as usize + 12].to_vec();
        let before = short.clone();
        assert!(!day(2026, 1, 2).restamp(&mut short, &at));
        assert_eq!(short, before);
    }
}
