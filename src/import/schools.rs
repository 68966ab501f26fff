//! Schools and municipalities as the files name them: the logins and «регион» values of a
//! results export, and the ФИС ОКО context questionnaire about every school (name, address,
//! settlement type and size — the attributes clusters are built from).

use std::collections::BTreeMap;

use super::table::Table;
use crate::load::cells::coded_name;
use crate::load::header::municipality_column;

/// What the questionnaire (or a protocol form) says about one school.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchoolInfo {
    /// Short name («Название ОО»).
    pub name: String,
    /// Full name by the charter.
    pub full_name: String,
    /// Address.
    pub address: String,
    /// Cluster attributes (`location`, `settlement_size`).
    pub attributes: BTreeMap<String, String>,
}

impl SchoolInfo {
    /// What a school file written earlier (by import or by hand) says of the school: a
    /// later import without the questionnaire must keep it. None when the file holds no
    /// readable YAML mapping.
    pub fn from_file(bytes: &[u8]) -> Option<(SchoolInfo, serde_yaml::Mapping)> {
        let map: serde_yaml::Mapping =
            crate::load::yaml::parse_or_none(std::str::from_utf8(bytes).ok()?)?;
        let text = |key: &str| {
            map.get(key)
                .and_then(serde_yaml::Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let attributes = map
            .get("attributes")
            .and_then(serde_yaml::Value::as_mapping)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), scalar(v)?)))
                    .collect()
            })
            .unwrap_or_default();
        let id = text("id");
        let placeholder = |name: String| if name == id { String::new() } else { name };
        let info = SchoolInfo {
            name: placeholder(text("short_name")),
            full_name: placeholder(text("name")),
            address: text("address"),
            attributes,
        };
        Some((info, map))
    }

    /// This information over `earlier`: what is known now wins, what only the earlier file
    /// knew stays.
    pub fn over(self, earlier: SchoolInfo) -> SchoolInfo {
        let pick = |now: String, then: String| if now.is_empty() { then } else { now };
        let mut attributes = earlier.attributes;
        attributes.extend(self.attributes);
        SchoolInfo {
            name: pick(self.name, earlier.name),
            full_name: pick(self.full_name, earlier.full_name),
            address: pick(self.address, earlier.address),
            attributes,
        }
    }
}

/// A YAML scalar as text (an attribute value may be written as a number).
fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a header row is that of the context questionnaire (2021: «логин», «Название ОО»;
/// 2022: «Пользователь», «1. ПОЛНОЕ наименование ОО (по уставу)»).
pub fn is_context(headers: &[String]) -> bool {
    let login = headers.iter().any(|h| h == "логин" || h == "пользователь");
    login
        && headers
            .iter()
            .any(|h| h == "название оо" || h.contains("полное наименование оо"))
}

/// The questionnaire's answer without its number («4. Населенный пункт сельского типа
/// (село, хутор, деревня и пр.)» → «населенный пункт сельского типа»).
fn answer(text: &str) -> String {
    let text = text.trim();
    // «3. 5–10 тыс. чел» (2021) and «1) менее 1 тыс. человек» (2022).
    let number = |(n, _): &(&str, &str)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit());
    let numbered = [". ", ") "]
        .into_iter()
        .find_map(|sep| text.split_once(sep).filter(number));
    let text = numbered.map_or(text, |(_, rest)| rest);
    let text = text.split(" (").next().unwrap_or(text);
    text.trim().to_lowercase()
}

/// Settlement size as an office prints it: the questionnaire cut one answer short
/// («5–10 тыс. чел»), the others say «тыс. человек».
fn settlement_size(text: &str) -> String {
    let a = answer(text);
    match a.strip_suffix(" чел").or_else(|| a.strip_suffix(" чел.")) {
        Some(head) => format!("{head} человек"),
        None => a,
    }
}

/// Settlement type as an office prints it, keeping the questionnaire's four categories
/// apart: столица субъекта РФ, город, посёлок городского типа, село. A settlement of urban
/// type is not a town: merged into «город», it mixed towns with places of a few thousand.
fn location(text: &str) -> String {
    let a = answer(text);
    if a.contains("сельск") {
        "село".into()
    } else if a.contains("городского типа") || a.contains("поселок") || a.contains("посёлок")
    {
        "посёлок городского типа".into()
    } else if a.contains("столиц") {
        "столица субъекта РФ".into()
    } else if a.contains("город") {
        "город".into()
    } else {
        a
    }
}

/// Login → what the questionnaire says about the school.
pub fn read_context(table: &Table) -> BTreeMap<String, SchoolInfo> {
    // Questions are numbered differently each year («14. Где расположена…»): found by words.
    let has = |words: &str| table.headers.iter().position(|h| h.contains(words));
    let login = table.column(&["логин", "пользователь"]);
    let name = table
        .column(&["название оо"])
        .or_else(|| has("сокращенное наименование оо"));
    let full = has("полное наименование оо");
    let address = has("адрес оо");
    let place = has("где расположена");
    let size = has("размер населенного пункта");
    let mut out = BTreeMap::new();
    for (_, cells) in &table.rows {
        let id = Table::cell(cells, login).trim().to_string();
        if id.is_empty() {
            continue;
        }
        let mut attributes = BTreeMap::new();
        let place_text = Table::cell(cells, place);
        if !place_text.is_empty() {
            attributes.insert("location".to_string(), location(place_text));
        }
        let size_text = Table::cell(cells, size);
        if !size_text.is_empty() {
            attributes.insert("settlement_size".to_string(), settlement_size(size_text));
        }
        let info = SchoolInfo {
            name: Table::cell(cells, name).trim().to_string(),
            full_name: Table::cell(cells, full).trim().to_string(),
            address: Table::cell(cells, address).trim().to_string(),
            attributes,
        };
        out.insert(id, info);
    }
    out
}

/// What a results file says about its schools: every login with the municipality of its
/// rows and, in a protocol form, the school's name.
#[derive(Debug, Clone, Default)]
pub struct Logins {
    /// Municipality (as the export names it; empty without such a column) → its rows.
    pub municipalities: BTreeMap<String, u32>,
    /// Login → (municipality, name from a «Школа» column).
    pub schools: BTreeMap<String, (String, String)>,
}

/// Reads the logins and municipalities of a results file.
pub fn logins(table: &Table) -> Logins {
    let school = table.column(&[
        "логин школы",
        "логин",
        "пользователь",
        "логин оо",
        "код оо",
        "school",
        "user",
    ]);
    let municipality = municipality_column(table.headers.iter().cloned());
    let name = table.column(&["школа"]);
    let mut out = Logins::default();
    for (_, cells) in &table.rows {
        let login = Table::cell(cells, school).trim();
        if login.is_empty() {
            continue;
        }
        let m = coded_name(Table::cell(cells, municipality)).to_string();
        *out.municipalities.entry(m.clone()).or_default() += 1;
        let n = coded_name(Table::cell(cells, name)).to_string();
        out.schools.entry(login.to_string()).or_insert((m, n));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_lose_their_numbers_and_settlements_get_plain_names() {
        assert_eq!(answer("3. 5–10 тыс. чел"), "5–10 тыс. чел");
        assert_eq!(settlement_size("3. 5–10 тыс. чел"), "5–10 тыс. человек");
        assert_eq!(
            settlement_size("1) менее 1 тыс. человек"),
            "менее 1 тыс. человек"
        );
        assert_eq!(
            settlement_size("более 680 тыс. человек"),
            "более 680 тыс. человек"
        );
        assert_eq!(
            location("4. Населенный пункт сельского типа (село, хутор, деревня и пр.)"),
            "село"
        );
        assert_eq!(location("2. Город"), "город");
        assert_eq!(
            location("3. Поселок городского типа"),
            "посёлок городского типа"
        );
        // The 2021 questionnaire's four answers stay four.
        let answers = [
            ("Столица субъекта РФ", "столица субъекта РФ"),
            ("Город", "город"),
            (
                "Населенный пункт городского типа (рабочий поселок, поселок городского типа и пр.)",
                "посёлок городского типа",
            ),
            (
                "Населенный пункт сельского типа (село, хутор, деревня и пр.)",
                "село",
            ),
        ];
        for (answer, label) in answers {
            assert_eq!(location(answer), label, "{answer}");
        }
    }
}
