//! What the tests over `../shared/real` share: finding the folder, reading sheets apart
//! from oko's loader, the plans and scales of `vpr_plans.yaml`/`vpr_scales.yaml`, and an
//! independent recount of a regional export by the rules of DESIGN §2–3.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use serde_yaml::Value;

pub fn real() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared/real is missing: CI must run these tests against the real exports");
    }
    eprintln!(
        "skipped: {} not found (runs only where shared/ sits beside the repository)",
        dir.display()
    );
    None
}

pub fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Int(i) => i.to_string(),
        other => other.to_string().trim().to_string(),
    }
}

/// The rows of the first sheet (or of «Протокол»), as text.
pub fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).expect("workbook");
    let names = book.sheet_names().to_vec();
    let name = names
        .iter()
        .find(|n| n.as_str() == "Протокол")
        .unwrap_or(&names[0])
        .clone();
    let range = book.worksheet_range(&name).expect("sheet");
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}

pub fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("read")).expect("yaml")
}

pub fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A plan from `vpr_plans.yaml`: task id, max, level, skill, data column.
pub struct PlanTask {
    pub id: String,
    pub max: u32,
    pub level: String,
    pub skill: String,
    pub text: String,
    pub column: String,
}

pub fn plan(real: &Path, id: &str) -> Vec<PlanTask> {
    let plans = yaml(&real.join("vpr_plans.yaml"));
    let work = plans["works"]
        .as_sequence()
        .expect("works")
        .iter()
        .find(|w| w["id"].as_str() == Some(id))
        .expect("plan");
    work["tasks"]
        .as_sequence()
        .expect("tasks")
        .iter()
        .map(|t| PlanTask {
            id: t["kim_task"].as_str().expect("kim_task").to_string(),
            max: t["max_score"].as_u64().expect("max") as u32,
            level: t["level"].as_str().expect("level").to_string(),
            skill: t["kt_codes"][0].as_str().unwrap_or("1").to_string(),
            text: t["checked_requirement"].as_str().unwrap_or("").to_string(),
            column: t["data_column"].as_str().expect("data_column").to_string(),
        })
        .collect()
}

/// Lowest primary score of marks 3, 4, 5 from `vpr_scales.yaml`.
pub fn scale(real: &Path, subject: &str, grade: u64) -> [u32; 3] {
    let scales = yaml(&real.join("vpr_scales.yaml"));
    let s = scales["scales"]
        .as_sequence()
        .expect("scales")
        .iter()
        .find(|s| {
            s["year"].as_u64() == Some(2021)
                && s["subject"].as_str() == Some(subject)
                && s["grade"].as_u64() == Some(grade)
        })
        .expect("scale");
    ["3", "4", "5"].map(|m| s["bands"][m][0].as_u64().expect("band") as u32)
}

/// Figures worked out straight from the sheet by the rules of DESIGN §2–3,
/// written apart from oko's loader and counters.
#[derive(Debug, Default, PartialEq)]
pub struct Independent {
    pub participants: u64,
    pub absent: u64,
    pub bad: u64,
    /// Spreadsheet row numbers of the bad rows (header = row 1).
    pub bad_rows: Vec<usize>,
    pub marks: [u64; 4],
    pub task_sum: Vec<u64>,
    pub lowered: u64,
    pub confirmed: u64,
    pub raised: u64,
}

/// The recount of a whole export, or of the rows of one municipality (column «регион»).
pub fn independent(
    path: &Path,
    maxes: &[u32],
    scale: [u32; 3],
    municipality: Option<&str>,
) -> Independent {
    let mut by = by_municipality(path, maxes, scale, |m| {
        municipality.is_none_or(|want| m == want)
    });
    let mut all = Independent {
        task_sum: vec![0; maxes.len()],
        ..Default::default()
    };
    for r in by.values_mut() {
        all.participants += r.participants;
        all.absent += r.absent;
        all.bad += r.bad;
        all.bad_rows.append(&mut r.bad_rows);
        for m in 0..4 {
            all.marks[m] += r.marks[m];
        }
        for (t, s) in r.task_sum.iter().enumerate() {
            all.task_sum[t] += s;
        }
        all.lowered += r.lowered;
        all.confirmed += r.confirmed;
        all.raised += r.raised;
    }
    all.bad_rows.sort_unstable();
    all
}

/// The recount of every municipality (value of «регион») that `keep` accepts.
pub fn by_municipality(
    path: &Path,
    maxes: &[u32],
    scale: [u32; 3],
    keep: impl Fn(&str) -> bool,
) -> std::collections::BTreeMap<String, Independent> {
    let mut out: std::collections::BTreeMap<String, Independent> = Default::default();
    let rows = sheet(path);
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let region = col("регион");
    let (variant, total_col, journal) = (
        col("вариант"),
        col("всего баллов"),
        col("отметка за предыдущую четверть/триместр"),
    );
    let first_task = col("балл за 1");
    let max_total: u32 = maxes.iter().sum();
    for (index, row) in rows.iter().enumerate().skip(1) {
        if !keep(&row[region]) {
            continue;
        }
        let r = out
            .entry(row[region].clone())
            .or_insert_with(|| Independent {
                task_sum: vec![0; maxes.len()],
                ..Default::default()
            });
        let cells: Vec<&str> = (0..maxes.len())
            .map(|t| row[first_task + t].as_str())
            .collect();
        if row[variant] == "отсутствовал"
            || (row[total_col].is_empty() && cells.iter().all(|c| c.is_empty()))
        {
            r.absent += 1;
            continue;
        }
        let mut ok = true;
        let mut scores = Vec::new();
        for (c, &max) in cells.iter().zip(maxes) {
            let lower = c.to_lowercase();
            if ["x", "х", "n", "н", "h", "не пройд.", ""].contains(&lower.as_str()) {
                scores.push(0);
            } else {
                match c.parse::<u32>() {
                    Ok(v) if v <= max => scores.push(v),
                    _ => ok = false,
                }
            }
        }
        let sum: u32 = scores.iter().sum();
        // A blank total beside task cells is a bad row (DESIGN §2): the row is not absent.
        match row[total_col].parse::<u32>() {
            Ok(t) if t <= max_total && (!ok || t == sum) => {}
            _ => ok = false,
        }
        // Anything but 2–5 («ж») is no journal mark: the pupil counts, uncompared.
        let jm = match row[journal].as_str() {
            m @ ("2" | "3" | "4" | "5") => m.parse::<u8>().ok(),
            _ => None,
        };
        if !ok {
            r.bad += 1;
            r.bad_rows.push(index + 1);
            continue;
        }
        r.participants += 1;
        let mark = if sum >= scale[2] {
            5
        } else if sum >= scale[1] {
            4
        } else if sum >= scale[0] {
            3
        } else {
            2
        };
        r.marks[mark as usize - 2] += 1;
        for (t, s) in scores.iter().enumerate() {
            r.task_sum[t] += u64::from(*s);
        }
        if let Some(j) = jm {
            match mark.cmp(&j) {
                std::cmp::Ordering::Less => r.lowered += 1,
                std::cmp::Ordering::Equal => r.confirmed += 1,
                std::cmp::Ordering::Greater => r.raised += 1,
            }
        }
    }
    out
}

/// The two regional exports: procedure id, file, subject and grade.
pub const EXPORTS: [(&str, &str, &str, u64); 2] = [
    (
        "vpr-2021-ma5",
        "altai_2021_vpr_ma5_participants.xlsx",
        "Математика",
        5,
    ),
    (
        "vpr-2021-ru4",
        "altai_2021_vpr_ru4_participants.xlsx",
        "Русский язык",
        4,
    ),
];
