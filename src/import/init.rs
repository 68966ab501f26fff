//! `oko init DIR`: a new site project that builds at once — settings with every key
//! explained, a municipality file to fill in, one content page; the theme is built in.

use std::path::Path;

use crate::diag::OkoError;

const OKO_YAML: &str = r#"# Настройки сайта. У каждого ключа есть значение по умолчанию; здесь они выписаны,
# чтобы было видно, что можно поменять.
title: "Открытые результаты оценочных процедур"
description: "Результаты ВПР, ОГЭ и ЕГЭ школ муниципалитета"
# Адрес, по которому сайт будет опубликован (для карты сайта и ссылок в лентах).
base_url: "https://example.org/oko/"
theme: default
# Наименьшая группа, чьи результаты публикуются; меньшие скрыты (с указанием причины).
min_group: 10
# Пороги дефицита, % от максимального балла (рекомендации ФИОКО).
thresholds:
  basic:    { sufficient: 60, insufficient: 57 }
  advanced: { sufficient: 30, insufficient: 28.5 }
# Строки с ошибками в файлах результатов: error — остановить сборку и перечислить их;
# skip — пропустить с предупреждением (число пропущенных строк видно на страницах).
bad_rows: error
# public — открытый сайт; internal — для школ и управления, с классами (не публикуется).
audience: public
# Школы с низкими результатами (ШНОР, внутренний отчёт): успеваемость ниже low_success %
# более чем в доле in_share процедур года (группы не меньше min_participants); source —
# чьё это правило (например, приказ регионального министерства). Возможный наставник —
# школа со стабильно высокими результатами по предмету не меньше чем в mentor_works работах.
support:
  low_success: 70
  in_share: 0.5
  min_participants: 10
  source: ""
  mentor_works: 2
"#;

const MUNICIPALITY_YAML: &str = r#"# Муниципалитет, о котором сайт. Впишите свои данные.
name: "Муниципалитет"
region: "Регион"
office: "Управление образования"
address: ""
phone: ""
email: ""
website: ""
about: >-
  Муниципальная система оценки качества образования публикует результаты
  оценочных процедур, чтобы родители, педагоги и жители видели, какие результаты
  обучения сформированы, где нужна помощь и что для этого делается.
# Как муниципалитет назван в столбце «регион» выгрузки ФИС ОКО (oko import
# впишет сам, если выгрузка региональная): строки других муниципалитетов не войдут в сайт.
# export_name: "город Барнаул"
"#;

const REGION_YAML: &str = r#"# Регион, о котором сайт: министерство или его центр оценки качества образования.
# Муниципалитеты — в data/municipalities/ (oko import запишет их из столбца «регион»
# выгрузки ФИС ОКО), у каждой школы — municipality: с id её муниципалитета.
name: "Регион"
office: "Министерство образования"
address: ""
phone: ""
email: ""
website: ""
about: >-
  Региональная система оценки качества образования публикует результаты оценочных
  процедур по каждому муниципалитету и каждой школе. Школы и муниципалитеты не ранжируются.
"#;

const ABOUT_MD: &str = r#"---
title: "О сайте"
weight: 10
description: "Зачем публикуются результаты оценочных процедур и как читать этот сайт"
---

Сайт публикует результаты оценочных процедур (ВПР, ОГЭ, ЕГЭ) по школам муниципалитета.
Школы не ранжируются: каждая сравнивается с муниципалитетом в целом и со школами,
работающими в похожих условиях. Результаты малых групп не публикуются.
"#;

/// Writes a new project into `dir` (made if missing) — one municipality, or a region of
/// them; refuses a folder that has a project.
pub fn init(dir: &Path, region: bool) -> Result<Vec<String>, OkoError> {
    if dir.join("oko.yaml").exists() || dir.join("data").exists() {
        return Err(OkoError::Usage(format!(
            "{}: здесь уже есть проект (oko.yaml или data/): init ничего не записал",
            dir.display()
        )));
    }
    let area = if region {
        ("data/region.yaml", REGION_YAML)
    } else {
        ("data/municipality.yaml", MUNICIPALITY_YAML)
    };
    let files = [("oko.yaml", OKO_YAML), area, ("content/about.md", ABOUT_MD)];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| OkoError::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| OkoError::io(&path, e))?;
        written.push(format!("записан: {rel}"));
    }
    for folder in [
        "data/schools",
        "data/procedures",
        "data/results",
        "data/municipalities",
    ]
    .into_iter()
    .filter(|f| region || *f != "data/municipalities")
    {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| OkoError::io(&path, e))?;
    }
    written.push(format!(
        "дальше: oko import --root {} ФАЙЛЫ_ФИС_ОКО…, затем oko build --root {0}",
        dir.display()
    ));
    Ok(written)
}
