//! The open-data contract: datasets, their columns and what they mean, and the passport
//! published beside them. Columns may be added at the end, never renamed.

use serde::Serialize;

use crate::model::Procedure;

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
        "уровень: region (сайт региона), municipality, cluster, school, grade (class — только во внутреннем отчёте)",
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
            (
                "success_low",
                "нижняя граница 95-процентного интервала успеваемости, %",
            ),
            (
                "success_high",
                "верхняя граница 95-процентного интервала успеваемости, %",
            ),
            (
                "quality_low",
                "нижняя граница 95-процентного интервала качества, %",
            ),
            (
                "quality_high",
                "верхняя граница 95-процентного интервала качества, %",
            ),
            (
                "success_vs_municipality",
                "успеваемость школы против её муниципалитета по правилу воронки (99,8 %): above, within или below",
            ),
            (
                "quality_vs_municipality",
                "качество школы против её муниципалитета по правилу воронки (99,8 %): above, within или below",
            ),
            (
                "n2",
                "число отметок «2» (из него и participants доля пересчитывается точно)",
            ),
            ("n3", "число отметок «3»"),
            ("n4", "число отметок «4»"),
            ("n5", "число отметок «5»"),
            (
                "journal_n",
                "число участников с отметкой по журналу (знаменатель lowered, confirmed, raised)",
            ),
            ("lowered_n", "число понизивших отметку по журналу"),
            ("confirmed_n", "число подтвердивших отметку по журналу"),
            ("raised_n", "число повысивших отметку по журналу"),
            (
                "municipality",
                "id муниципалитета (у региона и кластеров региона — пусто)",
            ),
            (
                "passed",
                "итоговое собеседование и сочинение: доля получивших зачёт, %",
            ),
            (
                "passed_low",
                "нижняя граница 95-процентного интервала доли зачёта, %",
            ),
            (
                "passed_high",
                "верхняя граница 95-процентного интервала доли зачёта, %",
            ),
            ("passed_n", "число получивших зачёт"),
            (
                "level_below",
                "доля участников ниже базового уровня, % (где работа задаёт уровни)",
            ),
            ("level_basic", "доля участников на базовом уровне, %"),
            ("level_advanced", "доля участников на повышенном уровне, %"),
            ("level_below_n", "число участников ниже базового уровня"),
            ("level_basic_n", "число участников на базовом уровне"),
            ("level_advanced_n", "число участников на повышенном уровне"),
            (
                "success_vs_region",
                "успеваемость школы против региона по правилу воронки (99,8 %): above, within или below (в проекте одного муниципалитета — пусто)",
            ),
            (
                "quality_vs_region",
                "качество школы против региона по правилу воронки (99,8 %): above, within или below",
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
            (
                "completion_low",
                "нижняя граница 95-процентного интервала выполнения, %",
            ),
            (
                "completion_high",
                "верхняя граница 95-процентного интервала выполнения, %",
            ),
            (
                "points",
                "сумма баллов за задание (completion = points / (n · max) · 100)",
            ),
            (
                "points_mark2",
                "сумма баллов за задание в группе с отметкой «2»",
            ),
            ("points_mark3", "сумма баллов в группе с отметкой «3»"),
            ("points_mark4", "сумма баллов в группе с отметкой «4»"),
            ("points_mark5", "сумма баллов в группе с отметкой «5»"),
            ("n", "число участников"),
            ("n_mark2", "число участников с отметкой «2»"),
            ("n_mark3", "число участников с отметкой «3»"),
            ("n_mark4", "число участников с отметкой «4»"),
            ("n_mark5", "число участников с отметкой «5»"),
            (
                "municipality",
                "id муниципалитета (у региона и кластеров региона — пусто)",
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
            (
                "municipality",
                "id муниципалитета (у региона и кластеров региона — пусто)",
            ),
        ],
    },
];

/// The header of a dataset: the identifying columns, then its own.
pub(super) fn columns(dataset: &Dataset) -> Vec<&'static str> {
    ID_COLUMNS
        .iter()
        .copied()
        .chain(dataset.columns.iter().map(|(c, _)| *c))
        .collect()
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
pub fn passport(licence: &str, publisher: &str, procedures: &[Procedure]) -> Vec<Passport> {
    // A date nobody confirmed is not published as the day the data changed.
    let updated = procedures
        .iter()
        .max_by_key(|p| p.date)
        .map(|p| match p.date_unconfirmed {
            true => format!("{} учебный год (дата не уточнена)", p.school_year),
            false => p.date.to_string(),
        })
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
            licence: licence.to_string(),
            publisher: publisher.to_string(),
            updated: updated.clone(),
            version: format!("{}-{}", updated.replace('-', ""), procedures.len()),
        })
        .collect()
}
