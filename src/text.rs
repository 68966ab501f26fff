//! Russian number formats and plurals for the pages: `71,4 %`, `12 345`, «5 учеников»;
//! text cleaned of control characters as it is read.

/// A percentage or mean stored exactly as an integer count of hundredths or tenths.
///
/// Figures are computed from integer counters, rounded once, and never pass through
/// floating point, so they are the same whatever the thread count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Fixed {
    /// The value times 10^decimals.
    pub scaled: i64,
    /// Decimal places.
    pub decimals: Places,
}

/// The decimal places of a [`Fixed`]. A closed set rather than a `u8`, so that
/// `Option<Fixed>` needs no room beside the figure for its tag: an internal build keeps
/// dozens of optional figures per task for every class of every school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Places {
    /// Whole numbers.
    Zero,
    /// Tenths: percentages.
    One,
    /// Hundredths: means.
    Two,
}

impl Places {
    /// How many places.
    pub fn count(self) -> u8 {
        self as u8
    }
}

impl serde::Serialize for Places {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.count())
    }
}

impl Fixed {
    /// `num / den` times `factor`, rounded half away from zero to `decimals` places.
    pub fn ratio(num: i64, den: i64, factor: i64, decimals: Places) -> Option<Fixed> {
        if den == 0 {
            return None;
        }
        let scale = 10_i64.pow(u32::from(decimals.count()));
        let n = i128::from(num) * i128::from(factor) * i128::from(scale);
        let d = i128::from(den);
        let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
        let q = if n >= 0 {
            (2 * n + d) / (2 * d)
        } else {
            -((-2 * n + d) / (2 * d))
        };
        Some(Fixed {
            scaled: q as i64,
            decimals,
        })
    }

    /// A percentage with one decimal.
    pub fn percent(num: u64, den: u64) -> Option<Fixed> {
        Fixed::ratio(num as i64, den as i64, 100, Places::One)
    }

    /// A mean with two decimals.
    pub fn mean(sum: u64, count: u64) -> Option<Fixed> {
        Fixed::ratio(sum as i64, count as i64, 1, Places::Two)
    }

    /// Machine format: `71.4` (open data).
    pub fn plain(self) -> String {
        self.format('.')
    }

    /// Page format: `71,4`.
    pub fn russian(self) -> String {
        self.format(',')
    }

    fn format(self, point: char) -> String {
        if self.decimals == Places::Zero {
            return self.scaled.to_string();
        }
        let scale = 10_i64.pow(u32::from(self.decimals.count()));
        let sign = if self.scaled < 0 { "-" } else { "" };
        let abs = self.scaled.abs();
        format!(
            "{sign}{}{point}{:0width$}",
            group_thousands(abs / scale),
            abs % scale,
            width = usize::from(self.decimals.count())
        )
    }

    /// The value as a float (for comparisons, never for display).
    pub fn as_f64(self) -> f64 {
        self.scaled as f64 / 10_f64.powi(i32::from(self.decimals.count()))
    }
}

/// `12345` → `12 345` with a narrow no-break space, as Russian typography asks.
pub fn group_thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    if digits.len() <= 4 {
        return if n < 0 { format!("-{digits}") } else { digits };
    }
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A setting written as a decimal (a cut, a threshold) in Russian: `57.5` → `57,5`, `57` → `57`.
pub fn decimal(v: f64) -> String {
    format!("{v}").replace('.', ",")
}

/// A measured decimal with a fixed number of places in Russian: `fixed(2.456, 1)` → `2,5`.
pub fn fixed(v: f64, places: usize) -> String {
    format!("{v:.places$}").replace('.', ",")
}

/// A size in megabytes (MiB) for a message: one decimal below ten, whole above.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / f64::from(1 << 20);
    if mb < 10.0 {
        format!("{} МБ", fixed(mb, 1))
    } else {
        format!("{} МБ", mb.round())
    }
}

/// A 95 % interval for a page, in whole per cent: `62–96`.
pub fn interval((low, high): (i64, i64)) -> String {
    format!("{low}–{high}")
}

/// `n` with the plural form it takes: `counted(5, "школа", "школы", "школ")` → «5 школ».
pub fn counted(n: usize, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n as u64, one, few, many))
}

/// The Russian plural form for `n`: `plural(5, "ученик", "ученика", "учеников")`.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// An ASCII id for a municipality name: «город Барнаул» → `gorod-barnaul`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(latin);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    parts.join("-")
}

/// Text as a reader hands it on: Excel's `_xHHHH_` escapes of control characters decoded
/// and C0 control characters other than tab and newline dropped — invisible to a reader,
/// invalid in HTML, and a name holding one is not found by search. Text without either is
/// returned as it is.
pub fn clean(text: String) -> String {
    let suspicious = text.bytes().any(|b| b < 0x20 && b != b'\t' && b != b'\n')
        || memchr::memmem::find(text.as_bytes(), b"_x00").is_some();
    if !suspicious {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(code) = control_escape(rest) {
            if code == 0x09 || code == 0x0A {
                out.push(char::from(code));
            }
            rest = &rest[7..];
            continue;
        }
        if u32::from(c) >= 0x20 || c == '\t' || c == '\n' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The control character an `_x00HH_` escape at the start of `s` stands for (HH < 20).
fn control_escape(s: &str) -> Option<u8> {
    let escape = s.get(..7)?;
    let hex = escape.strip_prefix("_x00")?.strip_suffix('_')?;
    let code = u8::from_str_radix(hex, 16).ok()?;
    (code < 0x20).then_some(code)
}

/// HTML escaping of the five characters that matter. Tera's default also escapes `/`,
/// which makes every relative link unreadable (`..&#x2F;index.html`) for no safety gain.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut plain = 0;
    // Every printed value passes here: copy the runs between special bytes whole (they
    // are ASCII, so a run never splits a character).
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_and_their_excel_escapes_leave_the_text() {
        let cleaned = super::clean("ЧОУ СОШ_x0002_ \"Фриона\"_x001F_\u{1}".to_string());
        assert_eq!(cleaned, "ЧОУ СОШ \"Фриона\"");
        assert_eq!(
            super::clean("a_x0009_b\tc\nd\re".to_string()),
            "a\tb\tc\nde"
        );
        // Not an escape of a control character: kept.
        assert_eq!(
            super::clean("_x0041_ и _x00G1_".to_string()),
            "_x0041_ и _x00G1_"
        );
        assert_eq!(super::clean("Гимназия № 1".to_string()), "Гимназия № 1");
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(super::megabytes(0), "0,0 МБ");
        assert_eq!(super::megabytes(1 << 19), "0,5 МБ");
        assert_eq!(super::megabytes(93 << 20), "93 МБ");
    }

    use super::*;

    #[test]
    fn an_optional_figure_takes_no_more_room_than_a_figure() {
        assert_eq!(
            std::mem::size_of::<Option<Fixed>>(),
            std::mem::size_of::<Fixed>()
        );
    }

    #[test]
    fn percent_rounds_half_away_from_zero() {
        // 1/8 = 12.5 % exactly; 1/16 = 6.25 % → 6.3 %; 1/3 = 33.33 % → 33.3 %
        assert_eq!(Fixed::percent(1, 8).unwrap().plain(), "12.5");
        assert_eq!(Fixed::percent(1, 16).unwrap().plain(), "6.3");
        assert_eq!(Fixed::percent(1, 3).unwrap().plain(), "33.3");
        assert_eq!(Fixed::percent(2, 3).unwrap().plain(), "66.7");
        assert_eq!(Fixed::percent(0, 3).unwrap().plain(), "0.0");
        assert_eq!(Fixed::percent(3, 3).unwrap().plain(), "100.0");
        assert_eq!(Fixed::percent(1, 0), None);
        assert_eq!(
            Fixed::ratio(-1, 16, 100, Places::One).unwrap().plain(),
            "-6.3"
        );
    }

    #[test]
    fn means_have_two_decimals() {
        assert_eq!(Fixed::mean(7, 2).unwrap().plain(), "3.50");
        assert_eq!(Fixed::mean(10, 3).unwrap().plain(), "3.33");
        assert_eq!(Fixed::mean(1, 8).unwrap().plain(), "0.13");
        assert_eq!(Fixed::mean(7, 2).unwrap().russian(), "3,50");
    }

    #[test]
    fn thousands_are_grouped_from_five_digits() {
        assert_eq!(group_thousands(1234), "1234");
        assert_eq!(group_thousands(12345), "12\u{202f}345");
        assert_eq!(group_thousands(1234567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn intervals_are_whole_per_cent() {
        assert_eq!(interval((62, 96)), "62–96");
        assert_eq!(interval((0, 100)), "0–100");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(decimal(57.0), "57");
        assert_eq!(decimal(28.5), "28,5");
        assert_eq!(fixed(2.456, 1), "2,5");
        assert_eq!(fixed(40.0, 0), "40");
    }

    #[test]
    fn plurals() {
        let f = |n| plural(n, "ученик", "ученика", "учеников");
        assert_eq!(f(1), "ученик");
        assert_eq!(f(21), "ученик");
        assert_eq!(f(2), "ученика");
        assert_eq!(f(24), "ученика");
        assert_eq!(f(5), "учеников");
        assert_eq!(f(11), "учеников");
        assert_eq!(f(12), "учеников");
        assert_eq!(f(111), "учеников");
        assert_eq!(f(0), "учеников");
        assert_eq!(counted(22, "школа", "школы", "школ"), "22 школы");
    }

    #[test]
    fn municipality_ids_are_ascii_slugs() {
        assert_eq!(slug("город Барнаул"), "gorod-barnaul");
        assert_eq!(
            slug("Краснощёковский муниципальный район"),
            "krasnoshchekovskiy-munitsipalnyy-rayon"
        );
        assert_eq!(slug("ЗАТО Сибирский"), "zato-sibirskiy");
        assert_eq!(
            slug("Алтайский край (региональное подчинение)"),
            "altayskiy-kray-regionalnoe-podchinenie"
        );
    }
}
