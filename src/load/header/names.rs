//! How headers are spelt in the forms oko reads: the field each known header names, task
//! ids across spellings, the maximum a protocol header carries.

use super::Role;

/// Lower case, single spaces, ё as е: how headers are compared.
pub fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

/// A task id as headers spell it: no spaces, `(1)` as `.1`, Latin K as Cyrillic К.
pub fn normalise_task_id(s: &str) -> String {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(compact.len());
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => {
                let inner: String = chars.by_ref().take_while(|&c| c != ')').collect();
                out.push('.');
                out.push_str(&inner);
            }
            'K' | 'k' | 'к' => out.push('К'),
            _ => out.push(c),
        }
    }
    out.to_lowercase()
}

/// The role a normalised header names, if it is one oko knows.
pub(crate) fn role_of(name: &str) -> Option<Role> {
    let role = match name {
        "school"
        | "код оо"
        | "оо"
        | "логин школы"
        | "логин"
        | "пользователь"
        | "логин оо"
        | "user" => Role::School,
        "class" | "класс" | "наименование класса" | "литера класса" | "klass" => {
            Role::Class
        }
        "participant" | "код участника" | "код обучающегося" | "код" | "участник" | "code" => {
            Role::Participant
        }
        "pupil" | "сквозной код" | "сквозной код ученика" | "id ученика" => {
            Role::Pupil
        }
        "variant" | "вариант" | "var-1" => Role::Variant,
        "total"
        | "всего баллов"
        | "итого баллов"
        | "первичный балл"
        | "primary"
        | "сумма баллов"
        | "sum" => Role::Total,
        "mark" | "отметка" | "отметка за работу" => Role::Mark,
        "journal_mark" | "отметка за предыдущий период" | "отметка по журналу" | "otc" => {
            Role::JournalMark
        }
        "test_score" | "тестовый балл" => Role::TestScore,
        "задания с кратким ответом" => Role::ShortAnswers,
        "задания с развернутым ответом" => Role::LongAnswers,
        "municipality" | "регион" | "муниципалитет" | "муниципальное образование" => {
            Role::Municipality
        }
        "medal" | "медаль" => Role::Medal,
        "фио" | "ф.и.о." | "name" | "фамилия" | "имя" | "отчество" | "фамилия, имя, отчество" => {
            Role::Name
        }
        "sex"
        | "пол"
        | "код региона"
        | "код мсу"
        | "код ппэ"
        | "аудитория"
        | "groups"
        | "id"
        | "gender"
        | "var-2"
        | "школа"
        | "дата загрузки"
        | "номер обучающегося"
        | "учебник"
        | "др.уч. автор"
        | "др.уч. название"
        | "основной учебник по предмету" => Role::Ignored,
        _ if name.starts_with("отметка за предыдущ") => Role::JournalMark,
        _ => return None,
    };
    Some(role)
}

/// The column naming each row's municipality: «Муниципалитет» of the school protocol form,
/// else «регион» of the regional export (which holds the municipality, e.g. «город Барнаул»).
pub(crate) fn municipality_column(headers: impl Iterator<Item = String>) -> Option<usize> {
    let headers: Vec<String> = headers.collect();
    let find = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    find(&["municipality", "муниципалитет", "муниципальное образование"])
        .or_else(|| find(&["регион"]))
}

/// Splits a protocol header `6 (2б)` into the task part `6` and the maximum `2`.
pub(super) fn split_max(header: &str) -> (String, Option<u8>) {
    let trimmed = header.trim();
    if let Some(open) = trimmed.rfind('(') {
        let inner = trimmed[open + 1..].trim_end_matches(')').trim();
        if let Some(digits) = inner.strip_suffix('б')
            && let Ok(max) = digits.trim().parse::<u8>()
        {
            return (trimmed[..open].trim().to_string(), Some(max));
        }
    }
    (trimmed.to_string(), None)
}

/// Whether an unrecognised header names a task: then it must be in the plan.
pub(super) fn looks_like_task(name: &str) -> bool {
    name.starts_with("балл за") || name.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The result column N of the raw ФИС ОКО export (2020 and earlier): `a-N-grade`.
pub(super) fn raw_task_number(name: &str) -> Option<usize> {
    name.strip_prefix("a-")?
        .strip_suffix("-grade")?
        .parse()
        .ok()
}

/// The fields a procedure's `columns:` may map, with their roles.
pub const FIELDS: [(&str, Role); 12] = [
    ("school", Role::School),
    ("class", Role::Class),
    ("participant", Role::Participant),
    ("pupil", Role::Pupil),
    ("variant", Role::Variant),
    ("total", Role::Total),
    ("mark", Role::Mark),
    ("journal_mark", Role::JournalMark),
    ("test_score", Role::TestScore),
    ("medal", Role::Medal),
    ("sex", Role::Ignored),
    ("municipality", Role::Municipality),
];
