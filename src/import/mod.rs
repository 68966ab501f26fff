//! `oko import`: from the files an office has — ФИС ОКО results exports, the ФИОКО plan
//! tables, the ФИС ОКО school questionnaire — to the project's YAML, for the user to review.
//!
//! Reads every file first, decides everything, then writes all or nothing (see `files`).

mod area;
mod benchmark;
mod files;
mod identity;
pub mod init;
mod plan;
pub mod roadmap;
mod roadmap_template;
mod school_files;
mod schools;
mod table;
mod works;
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diag::{Diagnostics, OkoError};
use files::{Fate, Planned};
use table::Table;

/// What the user asked import to do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The project.
    pub root: PathBuf,
    /// The files to take in.
    pub files: Vec<PathBuf>,
    /// Kind (flag), where file names do not say it.
    pub kind: Option<String>,
    /// Subject (flag).
    pub subject: Option<String>,
    /// Grade (flag).
    pub grade: Option<u8>,
    /// Year (flag).
    pub year: Option<i32>,
    /// Date the work was written (flag).
    pub date: Option<NaiveDate>,
    /// The municipality whose rows a regional export gives this project.
    pub municipality: Option<String>,
    /// Replace files the user edited.
    pub force: bool,
}

/// What each input file turned out to be.
enum Input {
    Results(Table),
    Plan(Table),
    Skills(Table),
    Content,
    Context(Table),
}

fn classify(table: Table) -> Result<Input, Box<crate::diag::Diagnostic>> {
    let h = &table.headers;
    Ok(if plan::is_plan(h) {
        Input::Plan(table)
    } else if plan::is_skill_table(h) {
        Input::Skills(table)
    } else if plan::is_content_table(h) {
        Input::Content
    } else if schools::is_context(h) {
        Input::Context(table)
    } else if schools::logins(&table).schools.is_empty() {
        let headers = table.raw_headers.join("», «");
        return Err(table.error(None, format!(
            "не похоже ни на результаты (нет столбца с логином школы), ни на план ФИОКО, ни на анкету школ; заголовки: «{headers}»"
        )));
    } else {
        Input::Results(table)
    })
}

/// The inputs sorted by what they are.
#[derive(Default)]
struct Inputs {
    results: Vec<Table>,
    plans: Vec<Table>,
    skills: Vec<Table>,
    context: Vec<Table>,
}

fn read_inputs(files: &[PathBuf]) -> Result<Inputs, OkoError> {
    let mut diags = Diagnostics::default();
    let mut inputs = Inputs::default();
    for path in files {
        match Table::read(path).and_then(classify) {
            Ok(Input::Results(t)) => inputs.results.push(t),
            Ok(Input::Plan(t)) => {
                if let Some(kt) = plan::sibling_skill_table(path)
                    && !files.contains(&kt)
                {
                    inputs
                        .skills
                        .push(Table::read(&kt).map_err(|d| OkoError::Data((*d).into()))?);
                }
                inputs.plans.push(t);
            }
            Ok(Input::Skills(t)) => inputs.skills.push(t),
            Ok(Input::Content) => {}
            Ok(Input::Context(t)) => inputs.context.push(t),
            Err(d) => diags.push(*d),
        }
    }
    if diags.has_errors() {
        return Err(OkoError::Data(diags));
    }
    Ok(inputs)
}

/// Imports the files: plans the writes, writes them all (or none), returns what it did.
pub fn run(req: &Request) -> Result<Vec<String>, OkoError> {
    if !req.root.join("oko.yaml").is_file() {
        return Err(OkoError::Usage(format!(
            "{}: здесь нет проекта oko (oko.yaml): создайте его командой oko init {0}",
            req.root.display()
        )));
    }
    let inputs = read_inputs(&req.files)?;
    let mut notes: Vec<String> = [
        &inputs.results,
        &inputs.plans,
        &inputs.skills,
        &inputs.context,
    ]
    .into_iter()
    .flatten()
    .filter_map(Table::stray_note)
    .collect();
    let mut planned = Vec::new();
    let mut works = Vec::new();
    for files in works::group(req, &inputs)? {
        works.push((
            procedure_files(req, &files, &mut planned, &mut notes)?,
            files,
        ));
    }
    let scope = area::scope(req, &inputs, &mut planned, &mut notes)?;
    school_files::plan(req, &inputs, &scope, &mut planned)?;
    for ((work, year), files) in &works {
        for t in &files.results {
            let name = t.path.file_name().unwrap_or_default();
            let rel = Path::new("data/results")
                .join(year.to_string())
                .join(work)
                .join(name);
            let bytes = std::fs::read(&t.path).map_err(|e| OkoError::io(&t.path, e))?;
            planned.push(files::plan(&req.root, rel, bytes, req.force));
        }
    }
    files::write_all(&req.root, &planned)?;
    Ok(report(&planned, notes))
}

/// One work's procedure file (from its plan) and where its results go: `(id, year)`.
fn procedure_files(
    req: &Request,
    work_files: &works::WorkFiles,
    planned: &mut Vec<Planned>,
    notes: &mut Vec<String>,
) -> Result<(String, i32), OkoError> {
    let Some(work) = yaml::Work::of(&work_files.id) else {
        return Err(OkoError::Usage(format!(
            "неизвестно, какая это работа: имена файлов этого не говорят; укажите {}",
            work_files.id.missing().join(", ")
        )));
    };
    let rel = PathBuf::from(format!("data/procedures/{}/{}.yaml", work.year, work.id()));
    match work_files.plans.as_slice() {
        [] if req.root.join(&rel).is_file() => {}
        [] => {
            return Err(OkoError::Usage(format!(
                "для {} нет плана работы: добавьте таблицу плана ФИОКО (…_ALL.xlsx) к файлам import или опишите {}",
                work.id(),
                rel.display()
            )));
        }
        [table] => {
            let tasks = plan::read_plan(table).map_err(|d| OkoError::Data((*d).into()))?;
            let skills = work_files
                .skills
                .iter()
                .flat_map(|t| plan::read_codes(t))
                .collect();
            let plan = plan::Plan {
                tasks,
                skills,
                year: work_files.plan_year,
            };
            if let Some(year) = work_files.plan_year {
                notes.push(format!(
                    "для {} взят план {year} года ({}): плана {} года среди файлов нет; сборка сверит его задания со столбцами выгрузки",
                    work.id(),
                    table.path.display(),
                    work.year
                ));
            }
            scale_note(&work, &plan, &rel, notes);
            let blank = plan
                .tasks
                .iter()
                .filter(|t| t.level.trim().is_empty())
                .count();
            if blank > 0 {
                notes.push(format!(
                    "в плане {} не указан уровень сложности {blank} {}: впишите level: в {} (пока дефицит по уровню для них не определяется)",
                    table.path.display(),
                    crate::text::plural(blank as u64, "задания", "заданий", "заданий"),
                    rel.display()
                ));
            }
            let date = match (req.date, uploaded_on(&work_files.results)) {
                (Some(d), _) => yaml::WorkDate::Given(d),
                (None, Some(d)) => yaml::WorkDate::Uploaded(d),
                (None, None) => yaml::WorkDate::Unknown,
            };
            let mut body = yaml::procedure(&work, &plan, date).map_err(|mut d| {
                d.location.file = table.path.clone();
                OkoError::Data((*d).into())
            })?;
            if !req.root.join("data/region.yaml").is_file() {
                body += &region_benchmark(&body, &work_files.results);
            }
            let planned_file = files::plan(
                &req.root,
                rel.clone(),
                files::yaml_with_mark(&body),
                req.force,
            );
            if date == yaml::WorkDate::Unknown && planned_file.fate != Fate::Unchanged {
                notes.push(format!(
                    "дата проведения в файлах не указана: записана обычная, страницы пишут «дата не уточнена» — \
                     впишите настоящую в date: в {} и уберите date_unconfirmed (или повторите import с --date)",
                    rel.display()
                ));
            }
            planned.push(planned_file);
        }
        [..] => {
            return Err(OkoError::Usage(format!(
                "для {} передано несколько планов работы: оставьте одну таблицу …_ALL",
                work.id()
            )));
        }
    }
    Ok((work.id(), work.year))
}

/// A work whose marks need a scale oko cannot give: said at import, not first at the build.
fn scale_note(work: &yaml::Work, plan: &plan::Plan, rel: &Path, notes: &mut Vec<String>) {
    let kind = work.kind;
    let needs_scale = !kind.uses_test_scores()
        && !kind.is_pass_fail()
        && kind != crate::model::ProcedureKind::Internal;
    let what = match yaml::choose_scale(work, plan) {
        yaml::ScaleChoice::Missing => format!(
            "официальной шкалы {} {} {} {} класс в oko нет",
            kind.label(),
            work.year,
            work.subject,
            work.grade
        ),
        yaml::ScaleChoice::Ambiguous(s) => {
            format!("официальная шкала неоднозначна ({})", s.ambiguity)
        }
        _ => return,
    };
    if needs_scale {
        notes.push(format!(
            "{what}: впишите scale: в {} по описанию работы — без шкалы сборка остановится",
            rel.display()
        ));
    }
}

/// The earliest day a ФИС ОКО form says its results were loaded («Дата загрузки»,
/// `17.03.2022 05:09:18`), if the results have that column.
fn uploaded_on(results: &[&Table]) -> Option<NaiveDate> {
    results
        .iter()
        .filter_map(|t| Some((t, t.column(&["дата загрузки"])?)))
        .flat_map(|(t, col)| {
            t.rows.iter().filter_map(move |(_, cells)| {
                let text = Table::cell(cells, Some(col)).trim();
                NaiveDate::parse_from_str(text.get(..10)?, "%d.%m.%Y").ok()
            })
        })
        .min()
}

/// The region's figures when the results are a regional export (several municipalities).
fn region_benchmark(procedure_yaml: &str, results: &[&Table]) -> String {
    let regional: Vec<&Table> = results
        .iter()
        .copied()
        .filter(|t| schools::logins(t).municipalities.len() > 1)
        .collect();
    if regional.is_empty() {
        return String::new();
    }
    let logins: Vec<String> = regional
        .iter()
        .flat_map(|t| schools::logins(t).schools.into_keys())
        .collect();
    let paths: Vec<&Path> = regional.iter().map(|t| t.path.as_path()).collect();
    benchmark::region_block(procedure_yaml, &paths, &logins).unwrap_or_default()
}

/// Lines saying what was written, grouped so 635 school files are one line.
fn report(planned: &[Planned], notes: Vec<String>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut schools: BTreeMap<&str, u32> = BTreeMap::new();
    let mut municipalities: BTreeMap<&str, u32> = BTreeMap::new();
    for p in planned {
        let verb = match p.fate {
            Fate::Created => "записан",
            Fate::Updated => "обновлён",
            Fate::Replaced => "заменён (--force)",
            Fate::Unchanged => "без изменений",
            Fate::Refused(_) => continue,
        };
        if p.rel.starts_with("data/schools") {
            *schools.entry(verb).or_default() += 1;
        } else if p.rel.starts_with("data/municipalities") {
            *municipalities.entry(verb).or_default() += 1;
        } else {
            lines.push(format!("{verb}: {}", p.rel.display()));
        }
    }
    for (verb, n) in municipalities {
        lines.push(format!(
            "{verb}: {n} {} (data/municipalities/)",
            crate::text::plural(
                u64::from(n),
                "файл муниципалитета",
                "файла муниципалитетов",
                "файлов муниципалитетов"
            )
        ));
    }
    for (verb, n) in schools {
        lines.push(format!(
            "{verb}: {n} {} (data/schools/)",
            crate::text::plural(u64::from(n), "файл школы", "файла школ", "файлов школ")
        ));
    }
    lines.extend(notes.into_iter().map(|n| format!("проверьте: {n}")));
    lines
}
