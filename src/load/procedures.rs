//! Procedure files: the task plan, the scale (or the official ВПР scale when `scale:` is
//! omitted) and the ЕГЭ settings, each checked against the others.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::{check_id, file_stem, header, yaml, yaml_files};
use crate::diag::{Diagnostics, Location, relative};
use crate::model::{Procedure, ProcedureKind};

/// Every procedure file under `data/procedures/<year>/`, checked, sorted by date.
pub(super) fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Procedure> {
    let dir = root.join("data/procedures");
    let mut years: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    years.sort();
    let mut procedures: Vec<Procedure> = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for year in years {
        for path in yaml_files(&year) {
            let rel = relative(root, &path);
            let mut procedure = match yaml::read::<Procedure>(root, &path) {
                Ok(p) => p,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            if !check_id(root, &path, &procedure.id, "процедуры", diags) {
                continue;
            }
            if let Some(first) = seen.insert(procedure.id.clone(), rel.clone()) {
                diags.error(
                    Location::file(&rel),
                    "duplicate-id",
                    format!(
                        "процедура «{}» уже описана в {}",
                        procedure.id,
                        first.display()
                    ),
                );
                continue;
            }
            procedure.year = file_stem(&year);
            official_scale(&mut procedure, &rel, diags);
            validate(&procedure, &rel, diags);
            if procedure.date_unconfirmed {
                diags.warning(
                    Location::file(&rel),
                    "date-unconfirmed",
                    format!(
                        "дата работы не уточнена: {} — обычная дата, записанная oko import; \
                         впишите в date: день, когда писали работу, и уберите date_unconfirmed: true \
                         (пока страницы пишут «дата не уточнена»)",
                        procedure.date.format("%d.%m.%Y")
                    ),
                );
            }
            procedures.push(procedure);
        }
    }
    procedures.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    procedures
}

/// Checks the task plan, the scale and the ЕГЭ settings against each other.
fn validate(p: &Procedure, rel: &Path, diags: &mut Diagnostics) {
    let at = || Location::file(rel);
    check_pass_and_levels(p, rel, diags);
    if p.tasks.is_empty() {
        diags.error(
            at(),
            "no-tasks",
            "в плане процедуры нет ни одного задания (tasks:)",
        );
    }
    unknown_levels(p, rel, diags);
    if let Some(pupils) = p.pupils_grade
        && !(1..=11).contains(&pupils)
    {
        diags.error(
            at(),
            "bad-pupils-grade",
            format!(
                "pupils_grade: {pupils} — класс учеников, писавших работу, от 1 до 11 \
                 (осенью 2020 года работы 4–8 классов писали 5–9 классы)"
            ),
        );
    }
    let mut ids = HashSet::new();
    for t in &p.tasks {
        if !ids.insert(header::normalise_task_id(&t.id)) {
            diags.error(
                at(),
                "duplicate-task",
                format!("задание «{}» встречается в плане дважды", t.id),
            );
        }
        if t.max == 0 {
            diags.error(
                at(),
                "bad-task",
                format!("у задания «{}» максимальный балл 0", t.id),
            );
        }
    }
    for key in p.columns.keys() {
        if p.task_index(key).is_none() && !header::FIELDS.iter().any(|(f, _)| f == key) {
            let fields: Vec<&str> = header::FIELDS.iter().map(|(f, _)| *f).collect();
            diags.error(
                at(),
                "unknown-column-key",
                format!(
                    "в columns: «{key}» — нет ни такого задания в плане, ни такого поля (поля: {})",
                    fields.join(", ")
                ),
            );
        }
    }
    let max = p.max_primary();
    let mut previous = 0;
    for (&mark, &lowest) in &p.scale {
        if !(3..=5).contains(&mark) {
            diags.error(
                at(),
                "bad-scale",
                format!("в шкале отметка {mark}: ожидаются только 3, 4 и 5 (ниже порога «3» — отметка 2)"),
            );
        }
        if lowest > max {
            diags.error(
                at(),
                "bad-scale",
                format!(
                    "порог отметки {mark} ({lowest}) больше максимального первичного балла {max}"
                ),
            );
        }
        if lowest <= previous && previous > 0 {
            diags.error(at(), "bad-scale", format!("порог отметки {mark} ({lowest}) не больше порога предыдущей отметки ({previous}): шкала должна расти"));
        }
        previous = lowest;
    }
    if p.kind == ProcedureKind::Ege {
        if p.min_score.is_none() {
            diags.error(
                at(),
                "ege-min-score",
                "для ЕГЭ укажите min_score — минимальный тестовый балл",
            );
        }
        if !p.conversion.is_empty() && p.conversion.len() != max as usize + 1 {
            diags.error(
                at(),
                "ege-conversion",
                format!(
                    "таблица перевода conversion должна содержать {} значений (первичные баллы 0…{max}), а содержит {}",
                    max + 1,
                    p.conversion.len()
                ),
            );
        }
    } else if p.kind.is_pass_fail() {
        if p.pass.is_none() {
            diags.error(
                at(),
                "no-pass-rule",
                "для работы «зачёт/незачёт» укажите правило pass: — например, pass: { min_score: 10 } \
                 (собеседование) или pass: { required: [К1, К2], min_other: 1 } (сочинение)",
            );
        }
    } else if p.scale.is_empty() && p.kind != ProcedureKind::Internal {
        diags.error(
            at(),
            "no-scale",
            format!(
                "нет шкалы перевода (scale:) первичных баллов в отметки, и официальной шкалы \
                 {} {} {} {} класс в oko нет: укажите scale: по описанию работы",
                p.kind.label(),
                p.date.year(),
                p.subject,
                p.grade
            ),
        );
    }
}

/// Tasks whose level the plan left blank: one warning naming them and where to write it.
fn unknown_levels(p: &Procedure, rel: &Path, diags: &mut Diagnostics) {
    let blank: Vec<&str> = p
        .tasks
        .iter()
        .filter(|t| t.level.is_none())
        .map(|t| t.id.as_str())
        .collect();
    if blank.is_empty() {
        return;
    }
    diags.warning(
        Location::file(rel),
        "task-level-unknown",
        format!(
            "у {} {} не указан уровень (level:): впишите базовый, повышенный или высокий по описанию работы; \
             пока дефицит по уровню для них не определяется, и страницы говорят почему",
            crate::text::plural(blank.len() as u64, "задания", "заданий", "заданий"),
            blank.join(", ")
        ),
    );
}

/// A ВПР without `scale:` takes the official ФИОКО scale of its year, subject and grade;
/// an ambiguous official table or one for another maximum is refused with the reason.
fn official_scale(p: &mut Procedure, rel: &Path, diags: &mut Diagnostics) {
    if let Err(reason) = p.apply_official_scale() {
        diags.error(Location::file(rel), "official-scale-unusable", reason);
    }
}

/// In a region project the region is the site itself: a `benchmarks.region` of a procedure
/// would be a second, possibly different, copy of its figures, so it is left out (warned).
pub(super) fn without_region_benchmarks(procedures: &mut [Procedure], diags: &mut Diagnostics) {
    for p in procedures {
        if p.benchmarks.region.take().is_some() {
            diags.warning(
                Location::file(format!("data/procedures/{}/{}.yaml", p.year, p.id)),
                "region-benchmark-in-region",
                "в проекте региона benchmarks.region не используется: показатели региона oko считает сам",
            );
        }
    }
}

/// Every school an `observers:` record names must be a school of the project.
pub(super) fn check_observers(
    procedures: &[Procedure],
    schools: &[crate::model::School],
    diags: &mut Diagnostics,
) {
    for p in procedures {
        for o in &p.observers {
            if !schools.iter().any(|s| s.id == o.school) {
                diags.error(
                    Location::file(format!("data/procedures/{}/{}.yaml", p.year, p.id)),
                    "unknown-school",
                    format!(
                        "observers: школа «{}» не найдена в data/schools/ — проверьте id",
                        o.school
                    ),
                );
            }
        }
    }
}

/// A pass rule names tasks of the plan and a reachable score; levels rise within the maximum.
fn check_pass_and_levels(p: &Procedure, rel: &Path, diags: &mut Diagnostics) {
    let max = p.max_primary();
    let mut error = |code: &'static str, message: String| {
        diags.error(Location::file(rel), code, message);
    };
    if let Some(rule) = &p.pass {
        for id in &rule.required {
            if p.task_index(id).is_none() {
                error(
                    "bad-pass-rule",
                    format!("pass.required: в плане нет задания «{id}»"),
                );
            }
        }
        if rule.min_score > max {
            error(
                "bad-pass-rule",
                format!(
                    "pass.min_score {} больше максимального балла {max}",
                    rule.min_score
                ),
            );
        }
        if rule.required.len() + rule.min_other > p.tasks.len() {
            error(
                "bad-pass-rule",
                format!(
                    "pass: обязательных заданий {} и ещё {} из остальных — больше, чем заданий в плане ({})",
                    rule.required.len(),
                    rule.min_other,
                    p.tasks.len()
                ),
            );
        }
    }
    if let Some(l) = p.levels
        && !(0 < l.basic && l.basic < l.advanced && l.advanced <= max)
    {
        error(
            "bad-levels",
            format!(
                "levels: порог «базовый» ({}) должен быть больше 0 и меньше порога «повышенный» ({}), а тот — не больше максимального балла {max}",
                l.basic, l.advanced
            ),
        );
    }
}
