//! The answer strings of a ГИА results protocol (DESIGN §2): short answers one character a
//! task (`+` = 1, `-` = 0, a digit = that score), then long answers as `score(max)` groups
//! (`2(2)0(3)`). The plan gives the order and the maxima; anything else is a bad row.

use crate::model::Task;
use crate::text::plural;

/// The task scores the two strings give, in plan order, or what is wrong with them.
pub fn scores(short: &str, long: &str, tasks: &[Task]) -> Result<Vec<u8>, String> {
    let short: Vec<char> = short.chars().filter(|c| !c.is_whitespace()).collect();
    let groups = long_groups(long)?;
    let (given, planned) = ((short.len() + groups.len()) as u64, tasks.len() as u64);
    if given != planned {
        return Err(format!(
            "в строках ответов {} + {} = {given} {}, а в плане {planned} {}",
            short.len(),
            groups.len(),
            plural(given, "результат", "результата", "результатов"),
            plural(planned, "задание", "задания", "заданий")
        ));
    }
    let mut out = Vec::with_capacity(tasks.len());
    for (c, task) in short.iter().zip(tasks) {
        let score = match c {
            '+' => 1,
            '-' | '−' => 0,
            d if d.is_ascii_digit() => *d as u8 - b'0',
            other => {
                return Err(format!(
                    "«{other}» в ответе на задание {}: ожидается «+», «-» или балл цифрой",
                    task.id
                ));
            }
        };
        if score > task.max {
            return Err(format!(
                "балл {score} за задание {} больше максимума {}",
                task.id, task.max
            ));
        }
        out.push(score);
    }
    for ((score, max), task) in groups.into_iter().zip(&tasks[short.len()..]) {
        if max != task.max {
            return Err(format!(
                "у задания {} в строке развёрнутых ответов максимум {max}, а в плане {}",
                task.id, task.max
            ));
        }
        if score > max {
            return Err(format!(
                "балл {score} за задание {} больше максимума {max}",
                task.id
            ));
        }
        out.push(score);
    }
    Ok(out)
}

/// `2(2)0(3)` → [(2, 2), (0, 3)].
fn long_groups(text: &str) -> Result<Vec<(u8, u8)>, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let mut rest = compact.as_str();
    while !rest.is_empty() {
        let bad = || {
            format!(
                "«{compact}» — не строка развёрнутых ответов: ожидаются группы «балл(максимум)», например 2(2)0(3)"
            )
        };
        let (score, tail) = rest.split_once('(').ok_or_else(bad)?;
        let (max, tail) = tail.split_once(')').ok_or_else(bad)?;
        let score: u8 = score.parse().map_err(|_| bad())?;
        let max: u8 = max.parse().map_err(|_| bad())?;
        out.push((score, max));
        rest = tail;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn plan(maxima: &[u8]) -> Vec<Task> {
        maxima
            .iter()
            .enumerate()
            .map(|(i, &max)| Task {
                id: (i + 1).to_string(),
                max,
                level: Some(Level::Basic),
                skills: Vec::new(),
                text: String::new(),
            })
            .collect()
    }

    #[test]
    fn short_and_long_answers_give_the_scores_in_plan_order() {
        let tasks = plan(&[1, 1, 2, 2, 3]);
        assert_eq!(scores("+-2", "2(2)0(3)", &tasks), Ok(vec![1, 0, 2, 2, 0]));
        assert_eq!(
            scores("+ - 1", " 1(2) 3(3) ", &tasks),
            Ok(vec![1, 0, 1, 1, 3])
        );
        assert_eq!(scores("+-+", "", &plan(&[1, 1, 1])), Ok(vec![1, 0, 1]));
    }

    #[test]
    fn every_wrong_string_is_named() {
        let tasks = plan(&[1, 1, 2, 2, 3]);
        assert_eq!(
            scores("+-", "2(2)0(3)", &tasks).unwrap_err(),
            "в строках ответов 2 + 2 = 4 результата, а в плане 5 заданий"
        );
        assert!(
            scores("+-3", "2(2)0(3)", &tasks)
                .unwrap_err()
                .contains("балл 3 за задание 3 больше максимума 2")
        );
        assert!(
            scores("+a2", "2(2)0(3)", &tasks)
                .unwrap_err()
                .contains("«a» в ответе на задание 2")
        );
        assert!(
            scores("+-2", "2(2)0(2)", &tasks)
                .unwrap_err()
                .contains("у задания 5 в строке развёрнутых ответов максимум 2, а в плане 3")
        );
        assert!(
            scores("+-2", "3(2)0(3)", &tasks)
                .unwrap_err()
                .contains("балл 3 за задание 4 больше максимума 2")
        );
        assert!(
            scores("+-2", "2(2)0", &tasks)
                .unwrap_err()
                .contains("не строка развёрнутых ответов")
        );
    }
}
