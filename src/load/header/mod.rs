//! Recognising the columns of a result sheet: oko's own form, the ФИС ОКО regional
//! export (`балл за N`) and the school protocol form (`6 (2б)`).

use std::collections::HashMap;

use crate::diag::{Diagnostic, Location};
use crate::load::sheet::Cell;
use crate::model::Procedure;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// School id or login.
    School,
    /// Class.
    Class,
    /// Participant code.
    Participant,
    /// Variant (or «отсутствовал»).
    Variant,
    /// Total primary score.
    Total,
    /// Procedure mark.
    Mark,
    /// Journal mark for the previous period.
    JournalMark,
    /// ЕГЭ test score.
    TestScore,
    /// Medal candidate.
    Medal,
    /// A task of the plan, by index.
    Task(usize),
    /// The municipality of the row (the «регион» column of a regional export).
    Municipality,
    /// A name column: accepted and dropped at once, never stored.
    Name,
    /// Known columns oko does not need (sex, region, textbook, …).
    Ignored,
}

/// The meaning of every column of one sheet.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Role of each column.
    pub roles: Vec<Role>,
    /// Header text per column, for messages.
    pub names: Vec<String>,
    /// Column of each task, in plan order.
    pub tasks: Vec<usize>,
    /// School column.
    pub school: Option<usize>,
    /// Class column.
    pub class: Option<usize>,
    /// Participant code column.
    pub participant: usize,
    /// Variant column.
    pub variant: Option<usize>,
    /// Total score column.
    pub total: Option<usize>,
    /// Mark column.
    pub mark: Option<usize>,
    /// Journal mark column.
    pub journal_mark: Option<usize>,
    /// Test score column.
    pub test_score: Option<usize>,
    /// Medal column.
    pub medal: Option<usize>,
    /// Municipality column.
    pub municipality: Option<usize>,
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

/// The role a normalised header names, if it is one oko knows.
pub(crate) fn role_of(name: &str) -> Option<Role> {
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

/// What a header row is read against, and the problems found so far.
struct Recogniser<'a> {
    procedure: &'a Procedure,
    location: &'a Location,
    /// Normalised `columns:` header → task index.
    by_header: HashMap<String, usize>,
    /// Normalised task id → task index.
    by_id: HashMap<String, usize>,
    errors: Vec<Diagnostic>,
}

impl Recogniser<'_> {
    fn error(&mut self, column: &str, code: &'static str, message: String) {
        let at = Location {
            column: Some(column.to_string()),
            ..self.location.clone()
        };
        self.errors.push(Diagnostic::error(at, code, message));
    }

    /// The role of one column from its header text (`raw`) and its normalised form.
    fn role(&mut self, raw: &str, name: &str) -> Role {
        if name.is_empty() {
            Role::Ignored
        } else if let Some(&task) = self.by_header.get(name) {
            Role::Task(task)
        } else if let Some(role) = role_of(name) {
            role
        } else if let Some(n) = name
            .strip_prefix("балл за ")
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            self.task_by_number(raw, n)
        } else {
            self.task_by_id(raw, name)
        }
    }

    /// `балл за N` of the ФИС ОКО export: the N-th task of the plan.
    fn task_by_number(&mut self, raw: &str, n: usize) -> Role {
        let p = self.procedure;
        if (1..=p.tasks.len()).contains(&n) {
            return Role::Task(n - 1);
        }
        let message = format!(
            "лишний столбец задания: в плане процедуры {} {} столбцов с баллами",
            p.id,
            p.tasks.len()
        );
        self.error(raw, "extra-task-column", message);
        Role::Ignored
    }

    /// A task id as a header (`6`, `2К1`, protocol form `6 (2б)` with its maximum).
    fn task_by_id(&mut self, raw: &str, name: &str) -> Role {
        let p = self.procedure;
        let (id, max) = split_max(raw);
        match self.by_id.get(&normalise_task_id(&id)) {
            Some(&task) => {
                let plan_max = p.tasks[task].max;
                if let Some(max) = max.filter(|&m| m != plan_max) {
                    let message = format!(
                        "в заголовке максимум {max}, а в плане процедуры у задания {} максимум {plan_max}",
                        p.tasks[task].id
                    );
                    self.error(raw, "task-max-mismatch", message);
                }
                Role::Task(task)
            }
            None if looks_like_task(name) => {
                let message = format!(
                    "лишний столбец задания: в плане процедуры {} нет задания «{id}» \
                     (добавьте его в план или укажите соответствие в columns:)",
                    p.id
                );
                self.error(raw, "extra-task-column", message);
                Role::Ignored
            }
            None => Role::Ignored,
        }
    }

    /// The role and the name of every column, and the column of every task of the plan.
    fn columns(&mut self, header: &[Cell]) -> (Vec<Role>, Vec<String>, Vec<Option<usize>>) {
        let municipality = municipality_column(header.iter().map(|c| normalise(&c.text())));
        let mut roles = Vec::with_capacity(header.len());
        let mut names: Vec<String> = Vec::with_capacity(header.len());
        let mut task_columns: Vec<Option<usize>> = vec![None; self.procedure.tasks.len()];
        for (col, cell) in header.iter().enumerate() {
            let raw = cell.text();
            let role = match self.role(&raw, &normalise(&raw)) {
                Role::Municipality if Some(col) != municipality => Role::Ignored,
                role => role,
            };
            names.push(if raw.is_empty() {
                format!("№ {}", col + 1)
            } else {
                raw.clone()
            });
            if let Role::Task(task) = role {
                match task_columns[task] {
                    Some(first) => {
                        let message = format!(
                            "задание {} уже есть в столбце «{}»",
                            self.procedure.tasks[task].id, names[first]
                        );
                        self.error(&raw, "duplicate-task-column", message);
                    }
                    None => task_columns[task] = Some(col),
                }
            }
            roles.push(role);
        }
        (roles, names, task_columns)
    }

    /// The one column with `role`; a second one is an error.
    fn single(&mut self, roles: &[Role], names: &[String], role: Role) -> Option<usize> {
        let mut found = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == role)
            .map(|(i, _)| i);
        let first = found.next();
        if let Some(second) = found.next() {
            let message = format!("столбец повторяет «{}»", names[first.unwrap_or(second)]);
            self.error(&names[second], "duplicate-column", message);
        }
        first
    }

    /// Errors without a column: a task of the plan or a required column is missing.
    fn missing(&mut self, tasks: &[Option<usize>], participant: bool, school: bool) {
        let p = self.procedure;
        let mut missing = |code: &'static str, message: String| {
            self.errors
                .push(Diagnostic::error(self.location.clone(), code, message));
        };
        for (task, col) in tasks.iter().enumerate() {
            if col.is_none() {
                let id = &p.tasks[task].id;
                missing(
                    "missing-task-column",
                    format!(
                        "нет столбца задания «{id}» из плана процедуры {} (ожидается заголовок «{id}» или «балл за {}»)",
                        p.id,
                        task + 1
                    ),
                );
            }
        }
        if !participant {
            missing(
                "missing-column",
                "нет столбца с кодом участника (participant, «Код участника», «код обучающегося» или «Код»)".into(),
            );
        }
        if !school {
            missing(
                "missing-column",
                "нет столбца с кодом школы (school, «Код ОО», «логин школы» или «Пользователь»); \
                 либо назовите файл по id школы"
                    .into(),
            );
        }
    }
}

/// Maps a header row to column roles, or lists everything wrong with it.
/// `has_default_school`: the file is named after a school and may omit the column.
pub fn recognise(
    header: &[Cell],
    procedure: &Procedure,
    location: &Location,
    has_default_school: bool,
) -> Result<Columns, Vec<Diagnostic>> {
    let mut r = Recogniser {
        procedure,
        location,
        by_header: procedure
            .columns
            .iter()
            .filter_map(|(task, header)| procedure.task_index(task).map(|i| (normalise(header), i)))
            .collect(),
        by_id: procedure
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (normalise_task_id(&t.id), i))
            .collect(),
        errors: Vec::new(),
    };
    let (roles, names, task_columns) = r.columns(header);
    let mut single = |role| r.single(&roles, &names, role);
    let (school, class, participant) = (
        single(Role::School),
        single(Role::Class),
        single(Role::Participant),
    );
    let (variant, total, mark) = (
        single(Role::Variant),
        single(Role::Total),
        single(Role::Mark),
    );
    let (journal_mark, test_score, medal) = (
        single(Role::JournalMark),
        single(Role::TestScore),
        single(Role::Medal),
    );
    let municipality = single(Role::Municipality);
    r.missing(
        &task_columns,
        participant.is_some(),
        school.is_some() || has_default_school,
    );
    match participant {
        Some(participant) if r.errors.is_empty() => Ok(Columns {
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
            municipality,
        }),
        _ => Err(r.errors),
    }
}

#[cfg(test)]
mod tests;
