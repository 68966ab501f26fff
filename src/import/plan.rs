//! The ФИОКО plan tables → a task plan: `…_ALL.xlsx` has a row per task and skill
//! («№ по КИМу», «№» = result column, level, «Код КЭС», «Код КТ», maximum), `…_KT.xlsx`
//! the wording of each skill code.

use std::collections::BTreeMap;
use std::path::Path;

use super::table::Table;
use crate::diag::Diagnostic;

/// One task of the plan, one per result column.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanTask {
    /// Task id as the plan writes it (`11.2`, `1K1`).
    pub id: String,
    /// Maximum score.
    pub max: u8,
    /// Level as the plan writes it (Б, П, В).
    pub level: String,
    /// Skill codes («Код КТ»), in the order of the plan, without repeats.
    pub skills: Vec<String>,
    /// The checked requirement.
    pub text: String,
}

/// A plan: its tasks in result-column order and the wording of its skills.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The tasks.
    pub tasks: Vec<PlanTask>,
    /// Skill code → wording.
    pub skills: BTreeMap<String, String>,
    /// The year its file names, when that is another year than the work's (a plan ФИОКО
    /// left unchanged is used again).
    pub year: Option<i32>,
}

/// Whether a header row is that of a ФИОКО plan table.
pub fn is_plan(headers: &[String]) -> bool {
    task_column(headers).is_some() && find(headers, "максимальный балл").is_some()
}

/// Whether a header row is that of a code table (`Код`, «Проверяемые требования …»).
pub fn is_skill_table(headers: &[String]) -> bool {
    headers.first().is_some_and(|h| h == "код")
        && headers
            .get(1)
            .is_some_and(|h| h.starts_with("проверяемые требования"))
}

/// Whether a header row is that of the content-element table («Проверяемые элементы содержания»).
pub fn is_content_table(headers: &[String]) -> bool {
    headers.first().is_some_and(|h| h == "код")
        && headers
            .get(1)
            .is_some_and(|h| h.starts_with("проверяемые элементы"))
}

fn find(headers: &[String], prefix: &str) -> Option<usize> {
    headers.iter().position(|h| h.starts_with(prefix))
}

fn task_column(headers: &[String]) -> Option<usize> {
    headers
        .iter()
        .position(|h| h == "№ по киму" || h == "№ ким" || h == "номер задания в ким")
}

/// Reads the ALL table into tasks, one per result column («№»), rows of one task merged.
pub fn read_plan(table: &Table) -> Result<Vec<PlanTask>, Box<Diagnostic>> {
    let h = &table.headers;
    let column = |prefix: &str| {
        find(h, prefix).ok_or_else(|| {
            table.error(None, format!("нет столбца «{prefix}…» таблицы плана ФИОКО"))
        })
    };
    let id_col =
        task_column(h).ok_or_else(|| table.error(None, "нет столбца «№ по КИМу»".into()))?;
    let number_col = h.iter().position(|x| x == "№").unwrap_or(id_col);
    let (level_col, skill_col, max_col) = (
        column("уровень сложности")?,
        column("код кт")?,
        column("максимальный балл")?,
    );
    let text_col = find(h, "блоки пооп")
        .or_else(|| find(h, "проверяемые требования"))
        .or_else(|| find(h, "умения"));
    let mut tasks: Vec<(String, PlanTask)> = Vec::new();
    for (row, cells) in &table.rows {
        let number = cells.get(number_col).cloned().unwrap_or_default();
        if number.is_empty() {
            continue;
        }
        let max: u8 = cells
            .get(max_col)
            .and_then(|m| m.parse().ok())
            .filter(|&m| m > 0)
            .ok_or_else(|| {
                table.error(
                    Some(*row),
                    format!(
                        "максимальный балл «{}» — не целое число больше 0",
                        cells.get(max_col).map_or("", String::as_str)
                    ),
                )
            })?;
        let skill = cells.get(skill_col).cloned().unwrap_or_default();
        match tasks.iter_mut().find(|(n, _)| *n == number) {
            Some((_, task)) => {
                if task.max != max {
                    return Err(table.error(
                        Some(*row),
                        format!(
                            "у задания {} в разных строках разный максимальный балл: {} и {max}",
                            task.id, task.max
                        ),
                    ));
                }
                if !skill.is_empty() && !task.skills.contains(&skill) {
                    task.skills.push(skill);
                }
            }
            None => tasks.push((
                number,
                PlanTask {
                    id: cells.get(id_col).cloned().unwrap_or_default(),
                    max,
                    level: cells.get(level_col).cloned().unwrap_or_default(),
                    skills: if skill.is_empty() {
                        Vec::new()
                    } else {
                        vec![skill]
                    },
                    text: text_col
                        .and_then(|c| cells.get(c))
                        .map(|t| clean(t))
                        .unwrap_or_default(),
                },
            )),
        }
    }
    if tasks.is_empty() {
        return Err(table.error(None, "в таблице плана нет ни одного задания".into()));
    }
    Ok(tasks.into_iter().map(|(_, t)| t).collect())
}

/// Code → wording of a KT (or KS) table.
pub fn read_codes(table: &Table) -> BTreeMap<String, String> {
    table
        .rows
        .iter()
        .filter_map(|(_, cells)| {
            let code = cells.first()?.clone();
            let text = clean(cells.get(1)?);
            (!code.is_empty() && !text.is_empty()).then_some((code, text))
        })
        .collect()
}

/// The plan's wording in single spaces, without the hyphenation the PDFs left
/// («по- нятием» → «понятием»; a dash between words stays).
fn clean(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        let broken = w.len() > 1
            && w.ends_with('-')
            && w.chars().rev().nth(1).is_some_and(char::is_alphabetic);
        if broken {
            out.pop();
        } else if i + 1 < words.len() {
            out.push(' ');
        }
    }
    out
}

/// The KT table beside an ALL table (`plan_2021_ma5_ALL.xlsx` → `plan_2021_ma5_KT.xlsx`).
pub fn sibling_skill_table(all: &Path) -> Option<std::path::PathBuf> {
    let name = all.file_name()?.to_str()?;
    let (stem, ext) = name.rsplit_once('.')?;
    let base = stem
        .strip_suffix("ALL")
        .or_else(|| stem.strip_suffix("all"))?;
    ["KT", "kt"]
        .iter()
        .map(|kt| all.with_file_name(format!("{base}{kt}.{ext}")))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation_of_the_pdfs_is_undone_and_dashes_stay() {
        assert_eq!(
            clean("Оперировать  по- нятием «число»"),
            "Оперировать понятием «число»"
        );
        assert_eq!(clean("таблицы - диаграммы"), "таблицы - диаграммы");
    }

    #[test]
    fn rows_of_one_task_merge_their_skills() {
        let row = |id: &str, n: &str, kt: &str| {
            vec![
                id.to_string(),
                n.into(),
                "Б".into(),
                kt.into(),
                "2".into(),
                "Текст".into(),
            ]
        };
        let table = Table {
            path: "plan_ALL.xlsx".into(),
            sheet: None,
            title: None,
            stray: None,
            raw_headers: Vec::new(),
            headers: [
                "№ по киму",
                "№",
                "уровень сложности",
                "код кт",
                "максимальный балл за выполнение задания",
                "блоки пооп",
            ]
            .map(String::from)
            .to_vec(),
            rows: vec![
                (2, row("11.1", "11", "4")),
                (3, row("11.1", "11", "5")),
                (4, row("11.2", "12", "4")),
            ],
        };
        let tasks = read_plan(&table).expect("plan");
        assert_eq!(tasks.len(), 2);
        assert_eq!((tasks[0].id.as_str(), tasks[0].max), ("11.1", 2));
        assert_eq!(tasks[0].skills, ["4", "5"]);
        let mut bad = table.clone();
        bad.rows[1].1[4] = "1".into();
        let err = read_plan(&bad).expect_err("two maxima");
        assert_eq!(err.location.row, Some(3));
        assert!(
            err.message.contains("разный максимальный балл: 2 и 1"),
            "{}",
            err.message
        );
    }
}
