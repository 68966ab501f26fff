//! A name as an office prints it. Exports carry names typed into forms and passed through
//! CSV quoting: `МБОУ "Лицей ""Сигма"`, `МБОУ " Верх-Ануйская ОСШ"`, a quote left over at
//! the end. Pages show (and lists sort by) the name with «ёлочки» that pair up, no space
//! inside them and single spaces; the school file keeps the text as it came.

/// What a straight quote is, by where it stands.
#[derive(Clone, Copy, PartialEq)]
enum Quote {
    Open,
    Close,
}

/// The printed form of `source`: `МБОУ "Лицей ""Сигма"` → `МБОУ «Лицей «Сигма»»`.
pub fn printed_name(source: &str) -> String {
    // CSV doubles a quote inside a quoted field; a name never means two quotes in a row.
    let text = source.replace("\"\"", "\"");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let quote = match c {
            '«' | '„' => Some(Quote::Open),
            '»' => Some(Quote::Close),
            '"' | '“' | '”' => Some(straight(&chars, i, depth)),
            _ => None,
        };
        match quote {
            None if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with([' ', '«']) {
                    out.push(' ');
                }
            }
            None => {
                if out.ends_with('»') && c.is_alphanumeric() {
                    out.push(' ');
                }
                out.push(c);
            }
            Some(Quote::Open) => {
                if out.ends_with(|p: char| p.is_alphanumeric()) {
                    out.push(' ');
                }
                out.push('«');
                depth += 1;
            }
            // A closing quote nothing opened is a leftover: dropped.
            Some(Quote::Close) if depth == 0 => {}
            Some(Quote::Close) => {
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push('»');
                depth -= 1;
            }
        }
    }
    let mut out = out.trim_end().to_string();
    for _ in 0..depth {
        out.push('»');
    }
    out
}

/// A straight quote opens where a word starts after it and nothing but space or an
/// opening stands before it (or, glued to a word, where nothing is open and a quote
/// follows to close it); otherwise it closes.
fn straight(chars: &[char], i: usize, depth: usize) -> Quote {
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
    let word_follows = after.is_some_and(|c| c.is_alphanumeric() || *c == '№');
    let opening_place = before.is_none_or(|b| b.is_whitespace() || "(«„\"".contains(b));
    // `учреждение"Школа"` opens; `СОШ №2" района` with no quote after it is a leftover.
    let closed_later = || chars[i + 1..].iter().any(|c| matches!(c, '"' | '“' | '”'));
    match (opening_place, word_follows) {
        (true, true) => Quote::Open,
        (false, true) if depth == 0 && closed_later() => Quote::Open,
        _ => Quote::Close,
    }
}

#[cfg(test)]
mod tests {
    use super::printed_name;

    #[test]
    fn quotes_of_real_exports_are_paired_and_trimmed() {
        for (source, printed) in [
            ("МБОУ \"Лицей \"\"Сигма\"", "МБОУ «Лицей «Сигма»»"),
            ("МБОУ \"Лицей №130 \"\"РАЭПШ\"", "МБОУ «Лицей №130 «РАЭПШ»»"),
            ("МБОУ \" Верх-Ануйская ОСШ\"", "МБОУ «Верх-Ануйская ОСШ»"),
            (
                "МБОУ \"Гимназия №27\"\" имени Героя\"",
                "МБОУ «Гимназия №27» имени Героя",
            ),
            (
                "МКОУ \"Приалейская СОШ\" Алейского района\"",
                "МКОУ «Приалейская СОШ» Алейского района",
            ),
            (
                "МБОУ Леньковская СОШ №2\" района",
                "МБОУ Леньковская СОШ №2 района",
            ),
            (
                "МБОУ \"Устьянская СОШ\"Бурлинского района",
                "МБОУ «Устьянская СОШ» Бурлинского района",
            ),
            ("МБОУ  \"Вавилонская СОШ \"", "МБОУ «Вавилонская СОШ»"),
            ("МКОУ «Плотавская СОШ»", "МКОУ «Плотавская СОШ»"),
            ("учреждение\"Школа\"", "учреждение «Школа»"),
            ("СОШ № 3", "СОШ № 3"),
        ] {
            assert_eq!(printed_name(source), printed, "{source}");
        }
    }

    #[test]
    fn a_printed_name_prints_as_itself() {
        for name in [
            "МБОУ «Лицей «Сигма»»",
            "МБОУ «Гимназия №27» имени Героя",
            "Школа",
        ] {
            assert_eq!(printed_name(name), name);
        }
    }
}
