//! Russian alphabetical order: ё sorts with е, numbers by value («№ 9» before «№ 10»).
//!
//! Schools are only ever listed this way; nothing in oko sorts schools by a result.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let mut prefs = CollatorPreferences::default();
        prefs.numeric_ordering = Some(CollationNumericOrdering::True);
        // The root collation orders Cyrillic as Russian does; compiled data cannot be missing.
        Collator::try_new(prefs, Default::default()).expect("compiled collation data is built in")
    })
}

/// Compares two names in Russian alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b).then_with(|| a.cmp(b))
}

/// Compares two values of a school attribute: ranges by their bounds («менее 1 тыс.»,
/// «1–5 тыс.», «5–10 тыс.», …, «более 680 тыс.»), everything else alphabetically.
pub fn compare_values(a: &str, b: &str) -> Ordering {
    match (bound(a), bound(b)) {
        (Some(x), Some(y)) => {
            x.0.total_cmp(&y.0)
                .then(x.1.cmp(&y.1))
                .then_with(|| compare(a, b))
        }
        _ => compare(a, b),
    }
}

/// Where a range-like value starts: its first number, and −1 for «менее/до N»
/// (just below N), +1 for «более/свыше N» (above it), 0 for «N–M».
fn bound(value: &str) -> Option<(f64, i8)> {
    let lower = value.trim().to_lowercase();
    let side = if ["менее", "меньше", "до "]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        -1
    } else if ["более", "больше", "свыше", "от "]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        1
    } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
        0
    } else {
        return None;
    };
    let start = lower.find(|c: char| c.is_ascii_digit())?;
    let number: String = lower[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let n = number
        .trim_end_matches(['.', ','])
        .replace(',', ".")
        .parse()
        .ok()?;
    Some((n, side))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_sort_by_their_bounds() {
        let mut v = vec![
            "100–450 тыс. человек",
            "10–50 тыс. человек",
            "1–5 тыс. человек",
            "450–680 тыс. человек",
            "50–100 тыс. человек",
            "5–10 тыс. человек",
            "более 680 тыс. человек",
            "менее 1 тыс. человек",
        ];
        v.sort_by(|a, b| compare_values(a, b));
        assert_eq!(
            v,
            [
                "менее 1 тыс. человек",
                "1–5 тыс. человек",
                "5–10 тыс. человек",
                "10–50 тыс. человек",
                "50–100 тыс. человек",
                "100–450 тыс. человек",
                "450–680 тыс. человек",
                "более 680 тыс. человек",
            ]
        );
        let mut words = vec!["село", "город", "посёлок городского типа"];
        words.sort_by(|a, b| compare_values(a, b));
        assert_eq!(words, ["город", "посёлок городского типа", "село"]);
    }

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(vec!["СОШ № 10", "СОШ № 9", "СОШ № 1"]),
            vec!["СОШ № 1", "СОШ № 9", "СОШ № 10"]
        );
    }

    #[test]
    fn yo_sorts_with_ye() {
        // «Ёлк…» is compared as «Елк…», so it comes before «Ело…».
        assert_eq!(
            sorted(vec!["Жуковская СОШ", "Еловская СОШ", "Ёлкинская ООШ"]),
            vec!["Ёлкинская ООШ", "Еловская СОШ", "Жуковская СОШ"]
        );
        assert_eq!(sorted(vec!["Ёж", "Ель", "Ежи"]), vec!["Ёж", "Ежи", "Ель"]);
        // Only where the words are otherwise equal does ё come after е.
        assert_eq!(sorted(vec!["Ёж", "Еж"]), vec!["Еж", "Ёж"]);
    }

    #[test]
    fn cyrillic_alphabet_order() {
        assert_eq!(
            sorted(vec!["Яр", "Аб", "Юг", "Ба"]),
            vec!["Аб", "Ба", "Юг", "Яр"]
        );
    }
}
