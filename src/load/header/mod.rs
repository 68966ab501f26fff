//! Recognising the columns of a result sheet: oko's own form, the ФИС ОКО regional
//! export (`балл за N`) and the school protocol form (`6 (2б)`).

use std::collections::HashMap;

mod mapped;
use mapped::mapped_headers;
mod names;

pub use names::FIELDS;
use names::{looks_like_task, raw_task_number, split_max};
pub(crate) use names::{municipality_column, role_of};
pub use names::{normalise, normalise_task_id};

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
    /// A pupil id that stays the same from year to year (the office's own data): lets the
    /// internal build follow a pupil's deficits.
    Pupil,
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
    /// ГИА protocol: short answers of every short-answer task in one string (`+-+2`).
    ShortAnswers,
    /// ГИА protocol: `score(max)` groups of the long-answer tasks (`2(2)0(3)`).
    LongAnswers,
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
    /// Participant code column; none in a ГИА protocol, whose rows are numbered instead.
    pub participant: Option<usize>,
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
    /// Persistent pupil id column.
    pub pupil: Option<usize>,
    /// ГИА protocol: the answer strings that stand for the task columns.
    pub answers: Option<Answers>,
}

/// The answer-string columns of a ГИА protocol.
#[derive(Debug, Clone, Copy)]
pub struct Answers {
    /// «Задания с кратким ответом».
    pub short: usize,
    /// «Задания с развёрнутым ответом» (absent in some subjects).
    pub long: Option<usize>,
}

/// What a header row is read against, and the problems found so far.
struct Recogniser<'a> {
    procedure: &'a Procedure,
    location: &'a Location,
    /// Normalised `columns:` header → the task or field it holds.
    by_header: HashMap<String, Role>,
    /// Normalised task id → task index.
    by_id: HashMap<String, usize>,
    /// The sheet is a ГИА protocol (its tasks are in answer strings).
    answers: bool,
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
        } else if let Some(&role) = self.by_header.get(name) {
            role
        } else if let Some(n) = raw_task_number(name) {
            // The raw export runs past the plan's last result column: those are not tasks.
            if (1..=self.procedure.tasks.len()).contains(&n) {
                Role::Task(n - 1)
            } else {
                Role::Ignored
            }
        } else if name == "балл" {
            // The ГИА protocol's «Балл»: the mark of ОГЭ, the test score of ЕГЭ.
            if self.procedure.kind.uses_test_scores() {
                Role::TestScore
            } else {
                Role::Mark
            }
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
        // A ГИА protocol holds the tasks in its answer strings and numbers its rows.
        let (tasks, participant) = if self.answers {
            (&[][..], true)
        } else {
            (tasks, participant)
        };
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
        by_header: mapped_headers(procedure),
        by_id: procedure
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (normalise_task_id(&t.id), i))
            .collect(),
        answers: false,
        errors: Vec::new(),
    };
    r.check_mapped(header);
    let (roles, names, task_columns) = r.columns(header);
    let short = r.single(&roles, &names, Role::ShortAnswers);
    let long = r.single(&roles, &names, Role::LongAnswers);
    r.answers = short.is_some();
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
    let pupil = single(Role::Pupil);
    r.missing(
        &task_columns,
        participant.is_some(),
        school.is_some() || has_default_school,
    );
    let answers = short.map(|short| Answers { short, long });
    match participant.is_some() || answers.is_some() {
        true if r.errors.is_empty() => Ok(Columns {
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
            pupil,
            answers,
        }),
        _ => Err(r.errors),
    }
}

#[cfg(test)]
mod tests;
