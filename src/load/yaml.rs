//! Reading one YAML file into a typed value, with line and column on every error.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, relative};

/// Reads and parses `path`; errors name the file relative to `root`.
/// (Errors are boxed: a diagnostic is large, and most calls succeed.)
pub fn read<T: DeserializeOwned>(root: &Path, path: &Path) -> Result<T, Box<Diagnostic>> {
    let rel = relative(root, path);
    let text = std::fs::read_to_string(path).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::InvalidData {
            "файл не в кодировке UTF-8: сохраните его в UTF-8 (в Блокноте — «Сохранить как», кодировка UTF-8)"
                .to_string()
        } else {
            format!("не удалось прочитать файл: {e}")
        };
        Diagnostic::error(Location::file(&rel), "read-failed", message)
    })?;
    parse(&rel, &text)
}

/// The deepest nesting of `[ ]` and `{ }` a project file may have: serde refuses more
/// than 128 levels anyway, and libyaml's scanner takes time quadratic in the depth
/// (100 000 brackets: a minute) before serde can refuse them.
pub const MAX_FLOW_DEPTH: usize = 100;

/// Where the text's `[ ]`/`{ }` nesting first goes deeper than [`MAX_FLOW_DEPTH`]
/// (line, column, from 1), outside quotes and comments.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        column += 1;
        match (quote, c) {
            // Flow collections and quoted scalars may span lines.
            (_, '\n') => (line, column) = (line + 1, 0),
            (Some('"'), '\\') => {
                chars.next();
                column += 1;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            // A quote opens a scalar only where a scalar starts (`O'Нил` is plain text).
            (None, '"' | '\'') if previous.is_whitespace() || ":,[{".contains(previous) => {
                quote = Some(c)
            }
            (None, '#') if previous.is_whitespace() => {
                for rest in chars.by_ref() {
                    if rest == '\n' {
                        (line, column) = (line + 1, 0);
                        break;
                    }
                }
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, column));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    None
}

/// Parses YAML text that a later step reports on if it is broken (import reading back a
/// project file): none where it does not parse, or nests deeper than a project file has
/// (so that libyaml's quadratic scanner never sees it).
pub fn parse_or_none<T: DeserializeOwned>(text: &str) -> Option<T> {
    if too_deep(text).is_some() {
        return None;
    }
    serde_yaml::from_str(text).ok()
}

/// Parses YAML text; `rel` is only used in messages.
pub fn parse<T: DeserializeOwned>(rel: &Path, text: &str) -> Result<T, Box<Diagnostic>> {
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic::error(
            Location::line(rel, line, column),
            "yaml",
            format!(
                "скобки [ ] и {{ }} вложены глубже {MAX_FLOW_DEPTH} уровней: так файлы проекта не пишут — \
                 проверьте, тот ли это файл, и уберите лишние скобки"
            ),
        )
        .into());
    }
    serde_yaml::from_str(text).map_err(|e| {
        let raw = strip_position(&e.to_string());
        let (message, at_position) = russian(&raw);
        let position = e.location().filter(|_| at_position).map(|l| {
            duplicate_key(&raw)
                .and_then(|key| second_occurrence(text, key, l.line(), l.column()))
                .unwrap_or((l.line(), l.column()))
        });
        let location = match position {
            Some((line, column)) => Location::line(rel, line, column),
            None => Location::file(rel),
        };
        Diagnostic::error(location, "yaml", message).into()
    })
}

/// serde_yaml appends " at line L column C" to its messages; the location already says it.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The key of serde_yaml's "duplicate field `key`" (after an optional path prefix).
fn duplicate_key(message: &str) -> Option<&str> {
    let at = message.find("duplicate field ")?;
    Some(message[at + "duplicate field ".len()..].trim_matches('`'))
}

/// Where `key` is written the second time in the mapping serde_yaml reports at
/// `line`:`column` (its start, 1-based) — the line the user must fix, not the first one.
/// The mapping ends at the first line indented less than its keys.
fn second_occurrence(text: &str, key: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let quoted = format!("\"{key}\"");
    let mut seen = 0;
    for (n, l) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let (lead, rest) = match l.char_indices().nth(indent) {
            Some((i, _)) => l.split_at(i),
            None => (l, ""),
        };
        let first = n + 1 == line;
        let blank = l.trim().is_empty() || l.trim_start().starts_with('#');
        if !first && !blank && !lead.chars().all(|c| c == ' ') {
            break;
        }
        let named = [key, quoted.as_str()].iter().any(|k| {
            rest.strip_prefix(k)
                .is_some_and(|after| after.trim_start().starts_with(':'))
        });
        if named {
            seen += 1;
            if seen == 2 {
                return Some((n + 1, column));
            }
        }
    }
    None
}

/// `` `a`, `b` `` → `a, b`.
fn names(list: &str) -> String {
    list.replace('`', "")
}

/// The message in Russian, and whether the parser's position means anything for it (a
/// missing key of the whole file is reported at its first character).
fn russian(message: &str) -> (String, bool) {
    // Nested values are prefixed with their path: `measures[0].stage: unknown variant …`.
    let (path, rest) = match message.split_once(": ") {
        Some((p, r)) if !p.contains(' ') => (Some(p), r),
        _ => (None, message),
    };
    let within = path.map(|p| format!(" (в «{p}»)")).unwrap_or_default();
    let quoted = |s: &str| s.trim_matches('`').to_string();
    if let Some(key) = rest.strip_prefix("missing field ") {
        let text = format!(
            "нет обязательного ключа «{}»{within}: добавьте его",
            quoted(key)
        );
        return (text, path.is_some());
    }
    for (prefix, what, allowed_what) in [
        ("unknown field ", "неизвестный ключ", "допустимые ключи"),
        (
            "unknown variant ",
            "недопустимое значение",
            "допустимые значения",
        ),
    ] {
        if let Some(tail) = rest.strip_prefix(prefix) {
            let (found, expected) = tail.split_once(", ").unwrap_or((tail, ""));
            let allowed = expected
                .strip_prefix("expected one of ")
                .or_else(|| expected.strip_prefix("expected "))
                .map(|l| format!("; {allowed_what}: {}", names(l)))
                .unwrap_or_default();
            return (format!("{what} «{}»{within}{allowed}", quoted(found)), true);
        }
    }
    if let Some(key) = rest.strip_prefix("duplicate field ") {
        return (
            format!("ключ «{}»{within} указан дважды", quoted(key)),
            true,
        );
    }
    for (prefix, what) in [
        ("invalid type: ", "неверный тип значения"),
        ("invalid value: ", "недопустимое значение"),
        ("invalid length ", "неверное число элементов"),
    ] {
        if let Some(tail) = rest.strip_prefix(prefix) {
            let (got, expected) = tail.split_once(", expected ").unwrap_or((tail, "?"));
            return (
                format!(
                    "{what}{within}: получено {}, ожидалось {}",
                    names(got),
                    names(expected)
                ),
                true,
            );
        }
    }
    (
        format!(
            "синтаксическая ошибка YAML ({message}): проверьте отступы, двоеточия и кавычки в этой строке"
        ),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Office {
        name: String,
        office: String,
        kind: Kind,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Town,
    }

    fn error(text: &str) -> String {
        parse::<Office>(Path::new("m.yaml"), text)
            .expect_err("invalid")
            .to_string()
    }

    #[test]
    fn a_missing_key_is_named_in_russian_without_a_false_position() {
        let e = error("name: a\nkind: town\n");
        assert!(e.contains("нет обязательного ключа «office»"), "{e}");
        assert!(!e.contains("строка 1"), "{e}");
        assert!(!e.contains("missing"), "{e}");
    }

    #[test]
    fn unknown_keys_and_values_list_what_is_allowed() {
        let e = error("name: a\noffice: b\nkind: town\ncolour: red\n");
        assert!(
            e.contains("неизвестный ключ «colour»; допустимые ключи: name, office, kind"),
            "{e}"
        );
        let e = error("name: a\noffice: b\nkind: city\n");
        assert!(
            e.contains("недопустимое значение «city»") && e.contains("town"),
            "{e}"
        );
        assert!(e.contains("строка 3"), "{e}");
    }

    #[test]
    fn a_duplicate_key_points_at_its_second_line() {
        let e = error("# comment\nname: a\noffice: b\n\nkind: town\noffice: c\n");
        assert!(
            e.contains("строка 6, позиция 1: ключ «office» указан дважды"),
            "{e}"
        );
        // Nested: the mapping under a sequence item starts after its dash.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct List {
            items: Vec<Office>,
        }
        let text = "items:\n  - name: a\n    office: b\n    kind: town\n  - name: c\n    office: d\n    \"name\": e\n    kind: town\n";
        let e = parse::<List>(Path::new("l.yaml"), text)
            .expect_err("duplicate")
            .to_string();
        assert!(e.contains("строка 7"), "{e}");
    }

    #[test]
    fn nesting_deeper_than_a_project_file_has_is_refused_before_the_parser() {
        let deep = format!("title: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(too_deep(&deep), Some((1, 8 + MAX_FLOW_DEPTH)));
        assert!(error(&deep).contains("скобки [ ] и { } вложены глубже 100 уровней"));
        let quoted = format!(
            "title: \"{}\"\n# {}\nname: О'Нил{}",
            "[".repeat(500),
            "{".repeat(500),
            "]".repeat(3)
        );
        assert_eq!(
            too_deep(&quoted),
            None,
            "brackets in quotes, comments and after a plain quote"
        );
        let shallow = format!(
            "a: {}{}",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        );
        assert_eq!(too_deep(&shallow), None);
    }

    #[test]
    fn a_syntax_error_points_at_its_line() {
        let e = error("name: a\noffice: b: c\nkind: town\n");
        assert!(e.contains("синтаксическая ошибка YAML"), "{e}");
        assert!(e.contains("строка 2"), "{e}");
    }
}
