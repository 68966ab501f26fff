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

#[cfg(test)]
mod tests {
    use super::*;

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
