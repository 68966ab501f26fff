//! Open data: every published table as CSV (UTF-8, comma, header, `.` decimals) and JSON,
//! with a passport (`open-data/index.html` and `meta.json`).
//!
//! The column names are a contract: outside tools read these files. A suppressed row keeps
//! its identifying columns and leaves every figure empty.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::analyse::indicators::Standing;
use crate::analyse::{Analysis, Group};
use crate::config::Audience;
use crate::model::{Procedure, Project};
use crate::text::Fixed;
use crate::write::Output;

const ID_COLUMNS: [&str; 6] = ["procedure", "level", "school", "cluster", "grade", "class"];

/// One dataset: its file stem, title, what it holds, and its columns with their meaning.
pub struct Dataset {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: &'static [(&'static str, &'static str)],
}

const IDS: [(&str, &str); 6] = [
    ("procedure", "id процедуры"),
    (
        "level",
        "уровень: municipality, cluster, school, grade (class — только во внутреннем отчёте)",
    ),
    ("school", "id школы или пусто"),
    (
        "cluster",
        "кластер в виде признак=значение (например, location=село) или пусто",
    ),
    ("grade", "параллель (для уровней grade и class)"),
    ("class", "литера класса (только во внутреннем отчёте)"),
];

pub const DATASETS: [Dataset; 3] = [
    Dataset {
        name: "marks",
        title: "Отметки и основные показатели",
        description: "Число участников, распределение отметок, успеваемость, качество, средние, СОУ и соответствие отметкам по журналу для каждой процедуры и уровня.",
        columns: &[
            ("participants", "число участников"),
            ("mark2", "доля отметок «2», %"),
            ("mark3", "доля отметок «3», %"),
            ("mark4", "доля отметок «4», %"),
            ("mark5", "доля отметок «5», %"),
            ("success", "успеваемость (отметки 3–5), %"),
            ("quality", "качество (отметки 4–5), %"),
            ("mean_mark", "средняя отметка"),
            ("mean_primary", "средний первичный балл"),
            ("sou", "степень обученности (СОУ), %"),
            ("lowered", "понизили отметку по журналу, %"),
            ("confirmed", "подтвердили отметку по журналу, %"),
            ("raised", "повысили отметку по журналу, %"),
            (
                "suppressed",
                "1 — показатели скрыты (малая группа), 0 — опубликованы",
            ),
        ],
    },
    Dataset {
        name: "tasks",
        title: "Выполнение заданий",
        description: "Процент выполнения каждого задания (критерия) в целом и по группам участников с отметками «2»–«5».",
        columns: &[
            ("task", "номер задания или критерия по плану"),
            ("max", "максимальный балл"),
            ("completion", "выполнение, % от максимального балла"),
            ("completion_mark2", "выполнение в группе с отметкой «2», %"),
            ("completion_mark3", "выполнение в группе с отметкой «3», %"),
            ("completion_mark4", "выполнение в группе с отметкой «4», %"),
            ("completion_mark5", "выполнение в группе с отметкой «5», %"),
            (
                "suppressed",
                "1 — показатели скрыты (малая группа), 0 — опубликованы",
            ),
        ],
    },
    Dataset {
        name: "skills",
        title: "Достижение планируемых результатов",
        description: "Достижение каждого проверяемого умения (все задания умения, с весом по максимальному баллу) и признак дефицита.",
        columns: &[
            ("skill", "код умения по плану"),
            ("completion", "достижение, %"),
            ("deficit", "1 — дефицит (ниже порога), 0 — нет"),
            (
                "suppressed",
                "1 — показатели скрыты (малая группа), 0 — опубликованы",
            ),
        ],
    },
];

/// A table being built: header and rows of optional cells.
struct Table {
    columns: Vec<&'static str>,
    rows: Vec<Vec<Option<String>>>,
}

impl Table {
    fn new(dataset: &Dataset) -> Table {
        let mut columns: Vec<&'static str> = ID_COLUMNS.to_vec();
        columns.extend(dataset.columns.iter().map(|(c, _)| *c));
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    fn csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail; the results are checked all the same.
        let _ = w.write_record(&self.columns);
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(|c| c.as_deref().unwrap_or("")));
        }
        w.into_inner().unwrap_or_default()
    }

    fn json(&self) -> Vec<u8> {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let mut obj = Map::new();
                for (name, cell) in self.columns.iter().zip(row) {
                    let value = match cell {
                        None => Value::Null,
                        Some(s) if is_number(name) => s
                            .parse::<f64>()
                            .map(Value::from)
                            .unwrap_or(Value::from(s.as_str())),
                        Some(s) => Value::from(s.as_str()),
                    };
                    obj.insert((*name).to_string(), value);
                }
                Value::Object(obj)
            })
            .collect();
        let mut bytes = serde_json::to_vec(&rows).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

fn is_number(column: &str) -> bool {
    !matches!(
        column,
        "procedure" | "level" | "school" | "cluster" | "class" | "task" | "skill"
    )
}

fn fixed(f: Option<Fixed>) -> Option<String> {
    f.map(Fixed::plain)
}

/// The identifying cells of one group.
struct Ids<'a> {
    procedure: &'a Procedure,
    level: &'static str,
    school: &'a str,
    cluster: String,
    grade: bool,
    class: &'a str,
}

impl Ids<'_> {
    fn cells(&self) -> Vec<Option<String>> {
        vec![
            Some(self.procedure.id.clone()),
            Some(self.level.to_string()),
            Some(self.school.to_string()),
            Some(self.cluster.clone()),
            Some(if self.grade {
                self.procedure.grade.to_string()
            } else {
                String::new()
            }),
            Some(self.class.to_string()),
        ]
    }
}

fn add_group(tables: &mut [Table; 3], ids: &Ids, group: &Group) {
    let hide = group.suppressed;
    let f = &group.figures;
    let flag = Some(if hide { "1" } else { "0" }.to_string());
    let show = |v: Option<String>| if hide { None } else { v };

    let mut row = ids.cells();
    let conf = f.confirmation;
    row.push(show(Some(f.participants.to_string())));
    row.extend(f.marks.iter().map(|m| show(fixed(*m))));
    row.extend([f.success, f.quality, f.mean_mark, f.mean_primary, f.sou].map(|v| show(fixed(v))));
    row.extend(
        [
            conf.map(|c| c.lowered),
            conf.map(|c| c.confirmed),
            conf.map(|c| c.raised),
        ]
        .map(|v| show(fixed(v))),
    );
    row.push(flag.clone());
    tables[0].rows.push(row);

    for (task, t) in ids.procedure.tasks.iter().zip(&f.tasks) {
        let mut row = ids.cells();
        row.push(Some(task.id.clone()));
        row.push(Some(task.max.to_string()));
        row.push(show(fixed(t.completion)));
        row.extend(t.by_mark.iter().map(|m| show(fixed(*m))));
        row.push(flag.clone());
        tables[1].rows.push(row);
    }
    for s in &f.skills {
        let mut row = ids.cells();
        row.push(Some(s.skill.clone()));
        row.push(show(fixed(s.completion)));
        row.push(show(s.standing.map(|st| {
            if st == Standing::Deficit { "1" } else { "0" }.to_string()
        })));
        row.push(flag.clone());
        tables[2].rows.push(row);
    }
}

/// The data files and the values the passport page shows.
pub fn files(project: &Project, analysis: &Analysis, audience: Audience) -> Vec<Output> {
    let mut tables = DATASETS.each_ref().map(Table::new);
    for (p, pa) in project.procedures.iter().zip(&analysis.procedures) {
        let base = Ids {
            procedure: p,
            level: "municipality",
            school: "",
            cluster: String::new(),
            grade: false,
            class: "",
        };
        add_group(&mut tables, &base, &pa.municipality);
        for c in &pa.clusters {
            let ids = Ids {
                level: "cluster",
                cluster: format!("{}={}", c.attribute, c.value),
                ..base
            };
            add_group(&mut tables, &ids, &c.group);
        }
        for s in &pa.schools {
            let id = &project.schools[s.school].id;
            add_group(
                &mut tables,
                &Ids {
                    level: "school",
                    school: id,
                    cluster: String::new(),
                    ..base
                },
                &s.group,
            );
            add_group(
                &mut tables,
                &Ids {
                    level: "grade",
                    school: id,
                    cluster: String::new(),
                    grade: true,
                    ..base
                },
                &s.group,
            );
            if audience == Audience::Internal {
                for (letter, g) in &s.classes {
                    let ids = Ids {
                        level: "class",
                        school: id,
                        cluster: String::new(),
                        grade: true,
                        class: letter,
                        ..base
                    };
                    add_group(&mut tables, &ids, g);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (dataset, table) in DATASETS.iter().zip(&tables) {
        out.push(Output {
            path: format!("open-data/{}.csv", dataset.name),
            bytes: table.csv(),
        });
        out.push(Output {
            path: format!("open-data/{}.json", dataset.name),
            bytes: table.json(),
        });
    }
    out.push(Output {
        path: "open-data/oko-open-data.xlsx".into(),
        bytes: workbook(project, &tables),
    });
    let mut meta = serde_json::to_vec_pretty(&passport(project)).unwrap_or_default();
    meta.push(b'\n');
    out.push(Output {
        path: "open-data/meta.json".into(),
        bytes: meta,
    });
    out
}

/// All three tables as one workbook, a sheet each, numbers as numbers.
/// Its creation date is the data's date, so the same input gives the same bytes.
fn workbook(project: &Project, tables: &[Table; 3]) -> Vec<u8> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let date = project.procedures.iter().map(|p| p.date).max();
    let stamp = date
        .and_then(|d| {
            use chrono::Datelike;
            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
        })
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    let mut props =
        DocProperties::new().set_title("Открытые данные: результаты оценочных процедур");
    if let Some(stamp) = stamp {
        props = props.set_creation_datetime(&stamp);
    }
    wb.set_properties(&props);
    let bold = Format::new().set_bold();
    for (dataset, table) in DATASETS.iter().zip(tables) {
        let ws = wb.add_worksheet();
        let _ = ws.set_name(dataset.name);
        for (c, name) in table.columns.iter().enumerate() {
            let _ = ws.write_string_with_format(0, c as u16, *name, &bold);
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, (cell, name)) in row.iter().zip(&table.columns).enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell.as_deref() {
                    None | Some("") => {}
                    Some(v) if is_number(name) => match v.parse::<f64>() {
                        Ok(n) => {
                            let _ = ws.write_number(r, c, n);
                        }
                        Err(_) => {
                            let _ = ws.write_string(r, c, v);
                        }
                    },
                    Some(v) => {
                        let _ = ws.write_string(r, c, v);
                    }
                }
            }
        }
        let _ = ws.set_freeze_panes(1, 0);
    }
    wb.save_to_buffer().unwrap_or_default()
}

#[derive(Serialize)]
pub struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
}

#[derive(Serialize)]
pub struct Passport {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: Vec<Column>,
    pub files: Vec<String>,
    pub licence: String,
    pub publisher: String,
    pub updated: String,
    pub version: String,
}

/// The passports of all datasets. "Updated" is the date of the latest procedure, so the
/// output depends only on the input.
pub fn passport(project: &Project) -> Vec<Passport> {
    let updated = project
        .procedures
        .iter()
        .map(|p| p.date)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    DATASETS
        .iter()
        .map(|d| Passport {
            name: d.name,
            title: d.title,
            description: d.description,
            columns: IDS
                .iter()
                .chain(d.columns)
                .map(|&(name, meaning)| Column { name, meaning })
                .collect(),
            files: vec![format!("{}.csv", d.name), format!("{}.json", d.name)],
            licence: project.config.licence.clone(),
            publisher: project.municipality.office.clone(),
            updated: updated.clone(),
            version: format!("{}-{}", updated.replace('-', ""), project.procedures.len()),
        })
        .collect()
}
