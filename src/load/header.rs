//! Recognising the columns of a result sheet: oko's own form, the ФИС ОКО regional
//! export (`балл за N`) and the school protocol form (`6 (2б)`).

use std::collections::HashMap;

use crate::diag::{Diagnostic, Location};
use crate::load::sheet::Cell;
use crate::model::Procedure;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    School,
    Class,
    Participant,
    Variant,
    Total,
    Mark,
    JournalMark,
    TestScore,
    Medal,
    /// A task of the plan, by index.
    Task(usize),
    /// A name column: accepted and dropped at once, never stored.
    Name,
    /// Known columns oko does not need (sex, region, textbook, …).
    Ignored,
}

/// The meaning of every column of one sheet.
#[derive(Debug, Clone)]
pub struct Columns {
    pub roles: Vec<Role>,
    /// Header text per column, for messages.
    pub names: Vec<String>,
    /// Column of each task, in plan order.
    pub tasks: Vec<usize>,
    pub school: Option<usize>,
    pub class: Option<usize>,
    pub participant: usize,
    pub variant: Option<usize>,
    pub total: Option<usize>,
    pub mark: Option<usize>,
    pub journal_mark: Option<usize>,
    pub test_score: Option<usize>,
    pub medal: Option<usize>,
}

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

fn role_of(name: &str) -> Option<Role> {
    let role = match name {
        "school" | "код оо" | "оо" | "логин школы" | "логин" | "пользователь" | "логин оо" => {
            Role::School
        }
        "class" | "класс" | "наименование класса" | "литера класса" => {
            Role::Class
        }
        "participant" | "код участника" | "код обучающегося" | "код" | "участник" => {
            Role::Participant
        }
        "variant" | "вариант" => Role::Variant,
        "total"
        | "всего баллов"
        | "итого баллов"
        | "первичный балл"
        | "primary"
        | "сумма баллов" => Role::Total,
        "mark" | "отметка" | "отметка за работу" => Role::Mark,
        "journal_mark" | "отметка за предыдущий период" | "отметка по журналу" => {
            Role::JournalMark
        }
        "test_score" | "тестовый балл" => Role::TestScore,
        "medal" | "медаль" => Role::Medal,
        "фио" | "ф.и.о." | "name" | "фамилия" | "имя" | "отчество" | "фамилия, имя, отчество" => {
            Role::Name
        }
        "sex"
        | "пол"
        | "регион"
        | "код региона"
        | "муниципалитет"
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

/// Splits a protocol header `6 (2б)` into the task part `6` and the maximum `2`.
fn split_max(header: &str) -> (String, Option<u8>) {
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
fn looks_like_task(name: &str) -> bool {
    name.starts_with("балл за") || name.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Maps a header row to column roles, or lists everything wrong with it.
/// `default_school`: set when the file is named after a school and may omit the column.
pub fn recognise(
    header: &[Cell],
    procedure: &Procedure,
    location: &Location,
    has_default_school: bool,
) -> Result<Columns, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |column: &str| Location {
        column: Some(column.to_string()),
        ..location.clone()
    };
    let by_header: HashMap<String, usize> = procedure
        .columns
        .iter()
        .filter_map(|(task, header)| procedure.task_index(task).map(|i| (normalise(header), i)))
        .collect();
    let by_id: HashMap<String, usize> = procedure
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (normalise_task_id(&t.id), i))
        .collect();

    let mut roles = Vec::with_capacity(header.len());
    let mut names = Vec::with_capacity(header.len());
    let mut task_columns: Vec<Option<usize>> = vec![None; procedure.tasks.len()];
    for (col, cell) in header.iter().enumerate() {
        let raw = cell.text();
        let name = normalise(&raw);
        names.push(if raw.is_empty() {
            format!("№ {}", col + 1)
        } else {
            raw.clone()
        });
        let role = if name.is_empty() {
            Role::Ignored
        } else if let Some(&task) = by_header.get(&name) {
            Role::Task(task)
        } else if let Some(role) = role_of(&name) {
            role
        } else if let Some(n) = name
            .strip_prefix("балл за ")
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            if (1..=procedure.tasks.len()).contains(&n) {
                Role::Task(n - 1)
            } else {
                errors.push(Diagnostic::error(
                    at(&raw),
                    "extra-task-column",
                    format!(
                        "лишний столбец задания: в плане процедуры {} {} столбцов с баллами",
                        procedure.id,
                        procedure.tasks.len()
                    ),
                ));
                Role::Ignored
            }
        } else {
            let (id, max) = split_max(&raw);
            match by_id.get(&normalise_task_id(&id)) {
                Some(&task) => {
                    let plan_max = procedure.tasks[task].max;
                    if let Some(max) = max.filter(|&m| m != plan_max) {
                        errors.push(Diagnostic::error(
                            at(&raw),
                            "task-max-mismatch",
                            format!(
                                "в заголовке максимум {max}, а в плане процедуры у задания {} максимум {plan_max}",
                                procedure.tasks[task].id
                            ),
                        ));
                    }
                    Role::Task(task)
                }
                None if looks_like_task(&name) => {
                    errors.push(Diagnostic::error(
                        at(&raw),
                        "extra-task-column",
                        format!(
                            "лишний столбец задания: в плане процедуры {} нет задания «{id}» \
                             (добавьте его в план или укажите соответствие в columns:)",
                            procedure.id
                        ),
                    ));
                    Role::Ignored
                }
                None => Role::Ignored,
            }
        };
        if let Role::Task(task) = role {
            if let Some(first) = task_columns[task] {
                errors.push(Diagnostic::error(
                    at(&raw),
                    "duplicate-task-column",
                    format!(
                        "задание {} уже есть в столбце «{}»",
                        procedure.tasks[task].id, names[first]
                    ),
                ));
            } else {
                task_columns[task] = Some(col);
            }
        }
        roles.push(role);
    }

    let single = |role: Role, errors: &mut Vec<Diagnostic>| -> Option<usize> {
        let mut found = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == role)
            .map(|(i, _)| i);
        let first = found.next();
        if let Some(second) = found.next() {
            errors.push(Diagnostic::error(
                at(&names[second]),
                "duplicate-column",
                format!("столбец повторяет «{}»", names[first.unwrap_or(second)]),
            ));
        }
        first
    };
    let school = single(Role::School, &mut errors);
    let class = single(Role::Class, &mut errors);
    let participant = single(Role::Participant, &mut errors);
    let variant = single(Role::Variant, &mut errors);
    let total = single(Role::Total, &mut errors);
    let mark = single(Role::Mark, &mut errors);
    let journal_mark = single(Role::JournalMark, &mut errors);
    let test_score = single(Role::TestScore, &mut errors);
    let medal = single(Role::Medal, &mut errors);

    for (task, col) in task_columns.iter().enumerate() {
        if col.is_none() {
            errors.push(Diagnostic::error(
                location.clone(),
                "missing-task-column",
                format!(
                    "нет столбца задания «{}» из плана процедуры {} (ожидается заголовок «{}» или «балл за {}»)",
                    procedure.tasks[task].id,
                    procedure.id,
                    procedure.tasks[task].id,
                    task + 1
                ),
            ));
        }
    }
    if participant.is_none() {
        errors.push(Diagnostic::error(
            location.clone(),
            "missing-column",
            "нет столбца с кодом участника (participant, «Код участника», «код обучающегося» или «Код»)",
        ));
    }
    if school.is_none() && !has_default_school {
        errors.push(Diagnostic::error(
            location.clone(),
            "missing-column",
            "нет столбца с кодом школы (school, «Код ОО», «логин школы» или «Пользователь»); \
             либо назовите файл по id школы",
        ));
    }
    match participant {
        Some(participant) if errors.is_empty() => Ok(Columns {
            roles,
            names,
            tasks: task_columns.into_iter().flatten().collect(),
            school,
            class,
            participant,
            variant,
            total,
            mark,
            journal_mark,
            test_score,
            medal,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_ids_compare_across_spellings() {
        assert_eq!(normalise_task_id("16 (1)"), normalise_task_id("16.1"));
        assert_eq!(normalise_task_id("5(2)"), "5.2");
        assert_eq!(normalise_task_id("2K1"), normalise_task_id("2К1"));
        assert_eq!(normalise_task_id("1k2"), "1к2");
    }

    #[test]
    fn protocol_headers_carry_the_maximum() {
        assert_eq!(split_max("6 (2б)"), ("6".to_string(), Some(2)));
        assert_eq!(split_max("16 (1) (1б)"), ("16 (1)".to_string(), Some(1)));
        assert_eq!(split_max("5(1б)"), ("5".to_string(), Some(1)));
        assert_eq!(split_max("4.2 (2б) "), ("4.2".to_string(), Some(2)));
        assert_eq!(split_max("2К1"), ("2К1".to_string(), None));
    }

    #[test]
    fn journal_mark_headers_of_both_forms() {
        assert_eq!(
            role_of(&normalise("отметка за предыдущую четверть/триместр")),
            Some(Role::JournalMark)
        );
        assert_eq!(
            role_of(&normalise(
                "Отметка за предыдущий триместр/ четверть/полугодие"
            )),
            Some(Role::JournalMark)
        );
    }
}
