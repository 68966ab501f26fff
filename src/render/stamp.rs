//! The build date in every page's footer (#18: every page shows the date of its data and
//! of its build). On most pages it is the only thing that changes from one day to the next,
//! so it is kept out of rendering: templates get [`MARK`], the date is written over it
//! afterwards, and the cache keeps where it stands — a page whose inputs are unchanged is
//! re-dated on a later day, not rendered again.

use chrono::NaiveDate;
use memchr::memmem;

/// What templates receive as `built_on`: a word between private-use characters, which
/// HTML escaping leaves alone and no text of a project holds. It is as long as a date, so
/// a page is dated in the buffer it was rendered into, not copied.
pub const MARK: &str = "\u{E000}date\u{E000}";
const _: () = assert!(MARK.len() == "01.11.2025".len());

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
    pub fn stamp(&self, mut page: Vec<u8>) -> (Vec<u8>, Vec<u64>) {
        let date = self.0.as_bytes();
        let marks: Vec<usize> = memmem::find_iter(&page, MARK.as_bytes()).collect();
        if date.len() == MARK.len() {
            for &start in &marks {
                page[start..start + date.len()].copy_from_slice(date);
            }
            return (page, marks.into_iter().map(|m| m as u64).collect());
        }
        // A date of another length (a year past 9999) is written into a copy.
        let mut out = Vec::with_capacity(page.len());
        let mut at = Vec::with_capacity(marks.len());
        let mut rest = 0;
        for start in marks {
            out.extend_from_slice(&page[rest..start]);
            at.push(out.len() as u64);
            out.extend_from_slice(date);
            rest = start + MARK.len();
        }
        out.extend_from_slice(&page[rest..]);
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
        let (page, at) = day(2025, 11, 1).stamp(html.into_bytes());
        assert_eq!(
            page,
            "<p>Сайт собран 01.11.2025.</p><i>01.11.2025</i>".as_bytes()
        );
        assert_eq!(at.len(), 2);
        for &o in &at {
            assert_eq!(&page[o as usize..o as usize + 10], b"01.11.2025");
        }
        assert_eq!(
            day(2025, 11, 1).stamp("без даты".into()),
            ("без даты".into(), vec![])
        );
        // A five-digit year does not fit a mark's place: the page is written anew.
        let far = day(10000, 1, 2);
        let (page, at) = far.stamp(format!("<i>{MARK}</i>{MARK}").into_bytes());
        let date = far.as_str();
        assert_eq!(
            String::from_utf8(page).expect("utf-8"),
            format!("<i>{date}</i>{date}")
        );
        assert_eq!(at, [3, 3 + date.len() as u64 + 4]);
    }

    #[test]
    fn a_later_day_rewrites_the_same_bytes_as_stamping_anew() {
        let html = format!("<p>Сайт собран {MARK}. Ещё {MARK}</p>");
        let (mut bytes, at) = day(2025, 11, 1).stamp(html.clone().into_bytes());
        assert!(day(2026, 3, 9).restamp(&mut bytes, &at));
        assert_eq!(bytes, day(2026, 3, 9).stamp(html.into_bytes()).0);
    }

    #[test]
    fn a_page_that_is_not_what_its_record_says_is_not_touched() {
        let (page, at) = day(2025, 11, 1).stamp(format!("<p>{MARK}</p><p>{MARK}</p>").into_bytes());
        // Shifted by a byte: no place holds a date.
        let mut shifted = [b"x".as_slice(), &page].concat();
        let before = shifted.clone();
        assert!(!day(2026, 1, 2).restamp(&mut shifted, &at));
        assert_eq!(shifted, before);
        // Cut after the first date: the second place is missing, the first stays as it was.
        let mut short = page[..at[0] as usize + 12].to_vec();
        let before = short.clone();
        assert!(!day(2026, 1, 2).restamp(&mut short, &at));
        assert_eq!(short, before);
    }
}
