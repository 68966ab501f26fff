//! Generates the demo municipality (or a region-size project) as a complete oko site project.
//!
//! `cargo run --example generate -- --out . ` regenerates the committed demo data;
//! `--schools 600 --years 2 --out /tmp/region` makes a region-size data set for benchmarks;
//! `--municipalities 60` lays it out as a region of that many municipalities.
//! Everything comes from one seeded RNG, so the same arguments give the same files.
//!
//! The model: every school has a latent quality (town/village, lyceum, social conditions),
//! every student a latent ability that stays with the cohort from year to year, every task
//! a difficulty by level. A few schools behave like the ones the objectivity checks are for:
//! one inflates scores on hard tasks, one lifts students to the mark threshold.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

type Rng = ChaCha8Rng;

struct Args {
    out: PathBuf,
    schools: usize,
    years: usize,
    seed: u64,
    /// A region of this many municipalities (0: one municipality, the demo's layout).
    municipalities: usize,
}

fn parse_args() -> Args {
    let mut a = Args {
        out: PathBuf::from("."),
        schools: 25,
        years: 2,
        seed: 2025,
        municipalities: 0,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let value = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--out" => a.out = PathBuf::from(value),
            "--schools" => a.schools = value.parse().expect("--schools takes a number"),
            "--years" => a.years = value.parse().expect("--years takes a number"),
            "--seed" => a.seed = value.parse().expect("--seed takes a number"),
            "--municipalities" => {
                a.municipalities = value.parse().expect("--municipalities takes a number")
            }
            other => panic!(
                "unknown argument {other}; use --out DIR --schools N --years N --seed N --municipalities N"
            ),
        }
        i += 2;
    }
    a
}

// ---------------------------------------------------------------- schools

#[derive(Clone)]
struct School {
    id: String,
    name: String,
    short: String,
    town: bool,
    kind: &'static str,
    remote: bool,
    poor: bool,
    quality: f64,
    enrolment: [u32; 12],
    classes: [u32; 12],
    /// Inflates advanced tasks (objectivity sign: hard tasks better than easy ones).
    inflates: bool,
    /// Lifts students to the threshold of a mark (objectivity sign: boundary peak).
    spikes: bool,
}

const VILLAGES: [&str; 17] = [
    "Берёзовская",
    "Большеключинская",
    "Васильевская",
    "Горьковская",
    "Дубровская",
    "Еловская",
    "Ёлкинская",
    "Заречная",
    "Ивановская",
    "Красноярская",
    "Луговская",
    "Никольская",
    "Озёрная",
    "Петровская",
    "Сосновская",
    "Хлебодаровская",
    "Юбилейная",
];
const TOWN_NUMBERS: [u32; 6] = [1, 2, 3, 5, 9, 10];
/// Towns of a region-size data set (genitive, as in a school's name).
const CITIES: [&str; 6] = [
    "Приозёрска",
    "Северогорска",
    "Краснореченска",
    "Лесногорска",
    "Светлогорска",
    "Каменска",
];

fn make_schools(n: usize, rng: &mut Rng) -> Vec<School> {
    let mut schools = Vec::with_capacity(n);
    for i in 0..n {
        let (name, short, town, kind) = match i {
            0 => (
                "МАОУ «Лицей № 4 г. Приозёрска»".to_string(),
                "Лицей № 4".to_string(),
                true,
                "лицей",
            ),
            1 => (
                "МАОУ «Гимназия имени А. С. Пушкина г. Приозёрска»".to_string(),
                "Гимназия им. А. С. Пушкина".to_string(),
                true,
                "гимназия",
            ),
            i if i < 2 + TOWN_NUMBERS.len() => {
                let no = TOWN_NUMBERS[i - 2];
                (
                    format!("МБОУ «Средняя общеобразовательная школа № {no} г. Приозёрска»"),
                    format!("СОШ № {no}"),
                    true,
                    "СОШ",
                )
            }
            // A region-size set: beyond the demo's 25 schools, about 70 % are in towns.
            i if i >= 25 && rng.random::<f64>() < 0.7 => {
                let city = CITIES[i % CITIES.len()];
                let no = i / CITIES.len();
                (
                    format!("МБОУ «Средняя общеобразовательная школа № {no} г. {city}»"),
                    format!("СОШ № {no} г. {city}"),
                    true,
                    "СОШ",
                )
            }
            i => {
                let k = i - 2 - TOWN_NUMBERS.len();
                let village = VILLAGES[k % VILLAGES.len()];
                let round = k / VILLAGES.len();
                let basic = matches!(
                    village,
                    "Большеключинская" | "Горьковская" | "Ивановская" | "Озёрная"
                );
                let suffix = if round == 0 {
                    String::new()
                } else {
                    format!(" № {}", round + 1)
                };
                let (long, abbr) = if basic {
                    ("основная", "ООШ")
                } else {
                    ("средняя", "СОШ")
                };
                let kind = if basic { "ООШ" } else { "СОШ" };
                (
                    format!("МБОУ «{village} {long} общеобразовательная школа{suffix}»"),
                    format!("{village} {abbr}{suffix}"),
                    false,
                    kind,
                )
            }
        };
        let senior = kind != "ООШ";
        let remote = !town && rng.random::<f64>() < 0.45;
        let poor = !town && (remote || rng.random::<f64>() < 0.25) || (town && i == 7);
        let mut quality = normal(rng) * 0.35;
        quality += match kind {
            "лицей" | "гимназия" => 0.7,
            _ if town => 0.15,
            _ => -0.25,
        };
        if poor {
            quality -= 0.35;
        }
        let mut enrolment = [0u32; 12];
        let mut classes = [0u32; 12];
        for g in 1..=11 {
            if g >= 10 && !senior {
                continue;
            }
            let base: f64 = match (town, kind) {
                (true, "лицей") | (true, "гимназия") => 80.0,
                (true, _) if i >= 25 => 140.0,
                (true, _) => 70.0,
                (false, "ООШ") => 6.0,
                (false, _) => 16.0,
            };
            let senior_factor = if g >= 10 { 0.45 } else { 1.0 };
            let n = (base * senior_factor * (0.75 + 0.5 * rng.random::<f64>()))
                .round()
                .max(3.0) as u32;
            enrolment[g] = n;
            classes[g] = n.div_ceil(27).max(1);
        }
        schools.push(School {
            id: format!("sch6401{:02}", i + 1),
            name,
            short,
            town,
            kind,
            remote,
            poor,
            quality,
            enrolment,
            classes,
            inflates: i == 4,
            spikes: i == 6,
        });
    }
    schools
}

// ---------------------------------------------------------------- plans

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Vpr,
    Oge,
    Ege,
    /// Итоговое собеседование: зачёт from 10 points, no marks.
    Interview,
}

struct Task {
    id: String,
    max: u8,
    advanced: bool,
    skill: String,
}

struct Plan {
    key: &'static str,
    kind: Kind,
    subject: &'static str,
    grade: usize,
    month_day: (u32, u32),
    tasks: Vec<Task>,
    skills: Vec<(&'static str, &'static str)>,
    /// Lowest primary score for 3, 4, 5 (ВПР, ОГЭ).
    scale: [u32; 3],
    /// ЕГЭ minimum test score.
    min_score: u32,
    elective: bool,
    /// Share of students who choose the subject (electives).
    share: f64,
}

/// `(id, max, advanced, skill)` rows.
fn tasks(spec: &[(&str, u8, bool, &str)]) -> Vec<Task> {
    spec.iter()
        .map(|&(id, max, advanced, skill)| Task {
            id: id.into(),
            max,
            advanced,
            skill: skill.into(),
        })
        .collect()
}

/// Tasks `1..=n` with the given maxima; the skill is chosen by `skill_of(task number)`.
fn numbered(
    maxima: &[u8],
    advanced_from: usize,
    skill_of: impl Fn(usize) -> &'static str,
) -> Vec<Task> {
    maxima
        .iter()
        .enumerate()
        .map(|(i, &max)| Task {
            id: (i + 1).to_string(),
            max,
            advanced: i + 1 >= advanced_from,
            skill: skill_of(i + 1).into(),
        })
        .collect()
}

fn plans() -> Vec<Plan> {
    vec![
        Plan {
            key: "math-4",
            kind: Kind::Vpr,
            subject: "Математика",
            grade: 4,
            month_day: (4, 15),
            tasks: tasks(&[
                ("1", 1, false, "1.1"),
                ("2", 1, false, "1.1"),
                ("3", 2, false, "3.1"),
                ("4", 1, false, "2.1"),
                ("5.1", 1, false, "4.1"),
                ("5.2", 1, false, "4.2"),
                ("6.1", 1, false, "5.1"),
                ("6.2", 1, false, "5.1"),
                ("7", 1, false, "1.2"),
                ("8", 2, false, "3.2"),
                ("9.1", 1, false, "5.2"),
                ("9.2", 1, true, "5.2"),
                ("10", 2, false, "3.3"),
                ("11", 2, true, "4.3"),
                ("12", 2, true, "6.1"),
            ]),
            skills: vec![
                (
                    "1.1",
                    "Выполнять арифметические действия с числами и числовыми выражениями",
                ),
                (
                    "1.2",
                    "Вычислять значение числового выражения, соблюдая порядок действий",
                ),
                (
                    "2.1",
                    "Использовать единицы измерения величин (время, масса, длина)",
                ),
                ("3.1", "Решать текстовые задачи в одно-два действия"),
                ("3.2", "Решать текстовые задачи в три-четыре действия"),
                (
                    "3.3",
                    "Решать практические задачи, связанные с повседневной жизнью",
                ),
                (
                    "4.1",
                    "Вычислять периметр и площадь прямоугольника и квадрата",
                ),
                ("4.2", "Изображать геометрические фигуры"),
                (
                    "4.3",
                    "Описывать взаимное расположение предметов в пространстве",
                ),
                (
                    "5.1",
                    "Читать и интерпретировать информацию в таблицах и на диаграммах",
                ),
                (
                    "5.2",
                    "Сравнивать и обобщать информацию, представленную в строках и столбцах таблиц",
                ),
                (
                    "6.1",
                    "Решать задачи в три-четыре действия, требующие логического мышления",
                ),
            ],
            scale: [6, 10, 15],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "rus-4",
            kind: Kind::Vpr,
            subject: "Русский язык",
            grade: 4,
            month_day: (4, 17),
            tasks: tasks(&[
                ("1К1", 4, false, "1.1"),
                ("1К2", 3, false, "1.2"),
                ("2", 3, false, "2.1"),
                ("3.1", 1, false, "2.2"),
                ("3.2", 3, false, "2.3"),
                ("4", 2, false, "3.1"),
                ("5", 1, false, "3.2"),
                ("6", 2, false, "4.1"),
                ("7", 3, false, "4.2"),
                ("8", 2, false, "4.3"),
                ("9", 1, false, "5.1"),
                ("10", 1, false, "5.2"),
                ("11", 2, false, "6.1"),
                ("12.1", 1, false, "6.2"),
                ("12.2", 2, false, "6.2"),
                ("13.1", 1, false, "6.3"),
                ("13.2", 2, false, "6.3"),
                ("14", 1, false, "6.4"),
                ("15.1", 2, true, "7.1"),
                ("15.2", 1, true, "7.1"),
            ]),
            skills: vec![
                (
                    "1.1",
                    "Писать текст под диктовку, соблюдая орфографические нормы",
                ),
                ("1.2", "Соблюдать пунктуационные нормы при записи текста"),
                ("2.1", "Выполнять синтаксический и морфологический разбор"),
                ("2.2", "Находить главные члены предложения"),
                ("2.3", "Распознавать части речи в предложении"),
                ("3.1", "Соблюдать орфоэпические нормы, ставить ударение"),
                ("3.2", "Распознавать предложения с однородными членами"),
                ("4.1", "Определять тему и главную мысль текста"),
                ("4.2", "Составлять план прочитанного текста"),
                ("4.3", "Задавать вопросы по содержанию текста"),
                ("5.1", "Распознавать значение слова по контексту"),
                ("5.2", "Подбирать к слову синонимы"),
                (
                    "6.1",
                    "Находить в словах окончание, корень, приставку, суффикс",
                ),
                ("6.2", "Распознавать имена существительные и их признаки"),
                ("6.3", "Распознавать имена прилагательные и их признаки"),
                ("6.4", "Распознавать глаголы в предложении"),
                (
                    "7.1",
                    "Интерпретировать информацию и строить речевое высказывание",
                ),
            ],
            scale: [14, 24, 33],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "math-5",
            kind: Kind::Vpr,
            subject: "Математика",
            grade: 5,
            month_day: (4, 22),
            tasks: tasks(&[
                ("1", 1, false, "1.1"),
                ("2", 1, false, "1.2"),
                ("3", 1, false, "1.2"),
                ("4", 1, false, "1.3"),
                ("5", 1, false, "1.4"),
                ("6", 2, false, "2.1"),
                ("7", 1, false, "1.4"),
                ("8", 1, false, "3.1"),
                ("9", 2, false, "1.5"),
                ("10", 2, false, "3.2"),
                ("11.1", 1, false, "4.1"),
                ("11.2", 1, false, "4.1"),
                ("12.1", 1, false, "4.2"),
                ("12.2", 1, false, "4.2"),
                ("13", 1, true, "4.3"),
                ("14", 2, true, "5.1"),
            ]),
            skills: vec![
                ("1.1", "Оперировать понятием «натуральное число»"),
                (
                    "1.2",
                    "Оперировать понятиями «обыкновенная дробь», «десятичная дробь»",
                ),
                (
                    "1.3",
                    "Решать задачи на нахождение части числа и числа по его части",
                ),
                ("1.4", "Выполнять вычисления с рациональными числами"),
                ("1.5", "Находить значение числового выражения"),
                (
                    "2.1",
                    "Читать информацию, представленную в таблицах и на диаграммах",
                ),
                ("3.1", "Решать текстовые задачи разных типов"),
                ("3.2", "Решать задачи практического содержания"),
                (
                    "4.1",
                    "Оперировать понятиями геометрических фигур, выполнять построения",
                ),
                ("4.2", "Вычислять площади и периметры фигур"),
                ("4.3", "Применять пространственные представления"),
                (
                    "5.1",
                    "Решать простые и сложные задачи, проводить логические обоснования",
                ),
            ],
            scale: [7, 11, 15],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "rus-5",
            kind: Kind::Vpr,
            subject: "Русский язык",
            grade: 5,
            month_day: (4, 24),
            tasks: tasks(&[
                ("1К1", 4, false, "1.1"),
                ("1К2", 3, false, "1.2"),
                ("1К3", 2, false, "1.1"),
                ("2К1", 3, false, "2.1"),
                ("2К2", 3, false, "2.2"),
                ("2К3", 3, false, "2.3"),
                ("2К4", 3, false, "2.4"),
                ("3", 2, false, "3.1"),
                ("4.1", 2, false, "3.2"),
                ("4.2", 1, false, "3.2"),
                ("5", 2, false, "4.1"),
                ("6", 3, false, "4.2"),
                ("7.1", 2, false, "4.3"),
                ("7.2", 1, false, "4.3"),
                ("8", 2, true, "5.1"),
                ("9", 2, true, "5.2"),
                ("10", 2, false, "5.3"),
                ("11", 2, false, "5.4"),
                ("12", 3, true, "5.5"),
            ]),
            skills: vec![
                ("1.1", "Списывать текст, соблюдая орфографические нормы"),
                ("1.2", "Соблюдать пунктуационные нормы"),
                ("2.1", "Проводить фонетический анализ слова"),
                ("2.2", "Проводить морфемный анализ слова"),
                ("2.3", "Проводить морфологический анализ слова"),
                ("2.4", "Проводить синтаксический анализ предложения"),
                ("3.1", "Соблюдать орфоэпические нормы, ставить ударение"),
                ("3.2", "Распознавать самостоятельные и служебные части речи"),
                ("4.1", "Распознавать предложения с прямой речью"),
                (
                    "4.2",
                    "Распознавать сложные предложения, ставить знаки препинания",
                ),
                ("4.3", "Находить обращение, ставить знаки препинания"),
                ("5.1", "Определять основную мысль текста"),
                ("5.2", "Отвечать на вопрос по содержанию текста"),
                ("5.3", "Определять тип речи"),
                ("5.4", "Объяснять лексическое значение слова"),
                ("5.5", "Подбирать синонимы и антонимы"),
            ],
            scale: [18, 29, 39],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "rus-9",
            kind: Kind::Oge,
            subject: "Русский язык",
            grade: 9,
            month_day: (6, 3),
            tasks: tasks(&[
                ("1К1", 2, false, "1"),
                ("1К2", 3, false, "1"),
                ("1К3", 2, false, "1"),
                ("2", 1, false, "2"),
                ("3", 1, false, "3"),
                ("4", 1, false, "4"),
                ("5", 1, false, "4"),
                ("6", 1, false, "5"),
                ("7", 1, false, "2"),
                ("8", 1, false, "5"),
                ("9К1", 3, true, "6"),
                ("9К2", 3, true, "6"),
                ("9К3", 3, true, "6"),
                ("ГК1", 3, false, "7"),
                ("ГК2", 3, false, "7"),
                ("ГК3", 3, false, "7"),
                ("ФК1", 1, false, "8"),
            ]),
            skills: vec![
                ("1", "Писать сжатое изложение"),
                ("2", "Проводить синтаксический анализ предложения"),
                ("3", "Проводить пунктуационный анализ"),
                ("4", "Проводить орфографический анализ"),
                (
                    "5",
                    "Анализировать содержание текста и средства выразительности",
                ),
                ("6", "Писать сочинение-рассуждение"),
                (
                    "7",
                    "Соблюдать орфографические, пунктуационные и грамматические нормы",
                ),
                ("8", "Соблюдать фактологическую точность письменной речи"),
            ],
            scale: [15, 23, 29],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "math-9",
            kind: Kind::Oge,
            subject: "Математика",
            grade: 9,
            month_day: (6, 6),
            tasks: numbered(
                &[
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2,
                ],
                20,
                |t| match t {
                    1..=5 => "1",
                    6..=8 => "2",
                    9..=14 => "3",
                    15..=19 => "4",
                    20 | 21 => "5",
                    22 => "6",
                    _ => "7",
                },
            ),
            skills: vec![
                ("1", "Решать практико-ориентированные задачи"),
                ("2", "Выполнять вычисления и преобразования"),
                ("3", "Решать уравнения, неравенства, работать с функциями"),
                ("4", "Решать планиметрические задачи"),
                ("5", "Решать алгебраические задачи повышенного уровня"),
                ("6", "Строить и читать графики функций"),
                (
                    "7",
                    "Решать геометрические задачи на вычисление и доказательство",
                ),
            ],
            scale: [8, 15, 22],
            min_score: 0,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "inf-9",
            kind: Kind::Oge,
            subject: "Информатика",
            grade: 9,
            month_day: (5, 27),
            tasks: numbered(
                &[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 2, 2],
                13,
                |t| match t {
                    1..=4 => "1",
                    5..=8 => "2",
                    9..=12 => "3",
                    13 => "4",
                    14 => "5",
                    _ => "6",
                },
            ),
            skills: vec![
                ("1", "Оценивать объём информации, кодировать и декодировать"),
                (
                    "2",
                    "Исполнять алгоритмы, анализировать логические выражения",
                ),
                ("3", "Искать информацию, работать с файловой системой"),
                ("4", "Создавать презентацию или текстовый документ"),
                (
                    "5",
                    "Обрабатывать большие массивы данных в электронной таблице",
                ),
                ("6", "Создавать и выполнять программы"),
            ],
            scale: [5, 11, 17],
            min_score: 0,
            elective: true,
            share: 0.45,
        },
        Plan {
            key: "soc-9",
            kind: Kind::Oge,
            subject: "Обществознание",
            grade: 9,
            month_day: (5, 22),
            tasks: numbered(
                &[
                    2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 4, 4,
                ],
                21,
                |t| match t {
                    1..=6 => "1",
                    7..=10 => "2",
                    11..=14 => "3",
                    15..=18 => "4",
                    19 | 20 => "5",
                    _ => "6",
                },
            ),
            skills: vec![
                ("1", "Человек и общество, сфера духовной культуры"),
                ("2", "Экономика"),
                ("3", "Социальные отношения"),
                ("4", "Политика и право"),
                ("5", "Анализировать статистическую информацию"),
                ("6", "Работать с текстом и формулировать аргументы"),
            ],
            scale: [14, 24, 32],
            min_score: 0,
            elective: true,
            share: 0.6,
        },
        Plan {
            key: "bio-9",
            kind: Kind::Oge,
            subject: "Биология",
            grade: 9,
            month_day: (5, 29),
            tasks: numbered(
                &[
                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3,
                ],
                22,
                |t| match t {
                    1..=5 => "1",
                    6..=10 => "2",
                    11..=15 => "3",
                    16..=21 => "4",
                    _ => "5",
                },
            ),
            skills: vec![
                ("1", "Биология как наука, признаки живых организмов"),
                ("2", "Система, многообразие и эволюция живой природы"),
                ("3", "Человек и его здоровье"),
                ("4", "Взаимосвязи организмов и окружающей среды"),
                (
                    "5",
                    "Работать с текстом, таблицей, решать биологические задачи",
                ),
            ],
            scale: [13, 25, 37],
            min_score: 0,
            elective: true,
            share: 0.55,
        },
        Plan {
            key: "rus-11",
            kind: Kind::Ege,
            subject: "Русский язык",
            grade: 11,
            month_day: (5, 30),
            tasks: {
                let mut t = numbered(
                    &[
                        1, 1, 1, 1, 1, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                        1,
                    ],
                    99,
                    |t| match t {
                        1..=3 => "1",
                        4..=8 => "2",
                        9..=15 => "3",
                        16..=21 => "4",
                        _ => "5",
                    },
                );
                for (k, max) in [1u8, 3, 2, 1, 2, 2, 3, 3, 2, 1].iter().enumerate() {
                    t.push(Task {
                        id: format!("27К{}", k + 1),
                        max: *max,
                        advanced: true,
                        skill: "6".into(),
                    });
                }
                t
            },
            skills: vec![
                (
                    "1",
                    "Анализировать текст, определять средства связи предложений",
                ),
                (
                    "2",
                    "Соблюдать орфоэпические, лексические и грамматические нормы",
                ),
                ("3", "Соблюдать орфографические нормы"),
                ("4", "Соблюдать пунктуационные нормы"),
                (
                    "5",
                    "Понимать смысл текста, определять средства выразительности",
                ),
                ("6", "Писать сочинение по прочитанному тексту"),
            ],
            scale: [0, 0, 0],
            min_score: 24,
            elective: false,
            share: 1.0,
        },
        Plan {
            key: "mathp-11",
            kind: Kind::Ege,
            subject: "Математика (профильная)",
            grade: 11,
            month_day: (6, 1),
            tasks: numbered(
                &[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 2, 2, 3, 4, 4],
                13,
                |t| match t {
                    1..=6 => "1",
                    7..=12 => "2",
                    13 | 15 => "3",
                    14 | 17 => "4",
                    16 => "5",
                    _ => "6",
                },
            ),
            skills: vec![
                ("1", "Решать задачи базового уровня по алгебре и геометрии"),
                ("2", "Работать с функциями, производной, вероятностью"),
                ("3", "Решать уравнения и неравенства"),
                ("4", "Решать стереометрические и планиметрические задачи"),
                ("5", "Решать экономические задачи"),
                ("6", "Решать задачи с параметром и нестандартные задачи"),
            ],
            scale: [0, 0, 0],
            min_score: 27,
            elective: true,
            share: 0.5,
        },
        Plan {
            key: "soc-11",
            kind: Kind::Ege,
            subject: "Обществознание",
            grade: 11,
            month_day: (6, 5),
            tasks: numbered(
                &[
                    2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 3, 4, 3,
                ],
                19,
                |t| match t {
                    1..=4 => "1",
                    5..=9 => "2",
                    10..=12 => "3",
                    13..=16 => "4",
                    17 | 18 => "5",
                    _ => "6",
                },
            ),
            skills: vec![
                ("1", "Человек и общество"),
                ("2", "Экономика"),
                ("3", "Социальные отношения"),
                ("4", "Политика"),
                ("5", "Право"),
                (
                    "6",
                    "Работать с текстом, приводить примеры, формулировать аргументы",
                ),
            ],
            scale: [0, 0, 0],
            min_score: 42,
            elective: true,
            share: 0.5,
        },
        Plan {
            key: "phys-11",
            kind: Kind::Ege,
            subject: "Физика",
            grade: 11,
            month_day: (6, 10),
            tasks: numbered(
                &[
                    1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1, 2, 1, 2, 2, 3, 2, 3, 3, 3, 4,
                ],
                21,
                |t| match t {
                    1..=6 => "1",
                    7..=10 => "2",
                    11..=16 => "3",
                    17..=20 => "4",
                    _ => "5",
                },
            ),
            skills: vec![
                ("1", "Механика"),
                ("2", "Молекулярная физика и термодинамика"),
                ("3", "Электродинамика"),
                ("4", "Квантовая физика и методы познания"),
                ("5", "Решать расчётные и качественные задачи"),
            ],
            scale: [0, 0, 0],
            min_score: 36,
            elective: true,
            share: 0.25,
        },
        // Last, so that its draws come after every other plan's and move none of them.
        Plan {
            key: "rus-9",
            kind: Kind::Interview,
            subject: "Русский язык",
            grade: 9,
            month_day: (2, 12),
            tasks: tasks(&[
                ("1", 2, false, "1"),
                ("2", 4, false, "2"),
                ("3", 3, false, "3"),
                ("4", 3, false, "4"),
                ("5", 8, false, "5"),
            ]),
            skills: vec![
                ("1", "Читать текст вслух выразительно"),
                (
                    "2",
                    "Пересказывать текст с привлечением дополнительной информации",
                ),
                ("3", "Строить монологическое высказывание"),
                ("4", "Участвовать в диалоге"),
                (
                    "5",
                    "Соблюдать нормы современного русского литературного языка",
                ),
            ],
            // The pass score, where a lifting school lifts its pupils to.
            scale: [10, 10, 10],
            min_score: 10,
            elective: false,
            share: 1.0,
        },
    ]
}

// ---------------------------------------------------------------- simulation

fn normal(rng: &mut Rng) -> f64 {
    // Box–Muller: two uniforms → one standard normal.
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// One student of a cohort: the ability stays with the student from grade to grade.
#[derive(Clone)]
struct Student {
    ability: f64,
    class: u32,
    code: u32,
    medal: u8,
}

/// A simulated result row.
struct Row {
    school: usize,
    class: String,
    code: String,
    absent: bool,
    /// `None`: not attempted.
    scores: Vec<Option<u8>>,
    journal: Option<u8>,
    mark: Option<u8>,
    test_score: Option<u32>,
    medal: u8,
}

fn class_letter(i: u32) -> String {
    ["А", "Б", "В", "Г", "Д"][i as usize % 5].to_string()
}

/// Difficulty of each task: basic tasks easy, advanced hard, with noise.
fn difficulties(plan: &Plan, rng: &mut Rng) -> Vec<f64> {
    // The interview is meant to be passed: nearly everyone gets its 10 of 20 points.
    let easier = if plan.kind == Kind::Interview {
        2.6
    } else {
        0.0
    };
    plan.tasks
        .iter()
        .map(|t| {
            if t.advanced {
                0.6 + 0.8 * rng.random::<f64>()
            } else {
                -1.5 + 1.7 * rng.random::<f64>()
            }
        })
        .map(|d| d - easier)
        .collect()
}

fn ege_test_score(primary: u32, max: u32) -> u32 {
    let x = f64::from(primary) / f64::from(max);
    (100.0 * (1.0 - (1.0 - x).powf(1.35))).round() as u32
}

fn mark_for(plan: &Plan, primary: u32) -> u8 {
    match plan.scale {
        [_, _, five] if primary >= five => 5,
        [_, four, _] if primary >= four => 4,
        [three, _, _] if primary >= three => 3,
        _ => 2,
    }
}

fn simulate(
    plan: &Plan,
    schools: &[School],
    cohorts: &[Vec<Vec<Student>>],
    cohort_year: usize,
    rng: &mut Rng,
) -> Vec<Row> {
    let diff = difficulties(plan, rng);
    let max: u32 = plan.tasks.iter().map(|t| u32::from(t.max)).sum();
    let mut rows = Vec::new();
    for (si, school) in schools.iter().enumerate() {
        if school.enrolment[plan.grade] == 0 {
            continue;
        }
        let students = &cohorts[si][plan.grade + cohort_year];
        for st in students {
            if plan.share < 1.0
                && rng.random::<f64>() > plan.share * (1.0 + 0.3 * st.ability).clamp(0.2, 1.8)
            {
                continue;
            }
            let absent = plan.kind == Kind::Vpr && rng.random::<f64>() < 0.06;
            let mut scores = Vec::with_capacity(plan.tasks.len());
            let mut primary = 0;
            for (t, task) in plan.tasks.iter().enumerate() {
                // The inflating school checks its own ВПР generously (hard tasks most of all);
                // state exams are checked elsewhere, so there its pupils are as they are.
                let gap = st.ability - diff[t]
                    + match (school.inflates && plan.kind == Kind::Vpr, task.advanced) {
                        (true, true) => 1.8,
                        (true, false) => 0.9,
                        _ => 0.0,
                    };
                if rng.random::<f64>() < sigmoid(-gap - 2.6) {
                    scores.push(None);
                    continue;
                }
                let mut s = 0u8;
                while s < task.max
                    && rng.random::<f64>() < sigmoid(1.6 * (gap - 0.45 * f64::from(s)))
                {
                    s += 1;
                }
                primary += u32::from(s);
                scores.push(Some(s));
            }
            if school.spikes && plan.kind != Kind::Ege {
                // Lift those one or two points short of a mark to its threshold, on an easy task.
                for threshold in plan.scale {
                    if primary + 2 >= threshold && primary < threshold {
                        let mut need = threshold - primary;
                        for (t, task) in plan.tasks.iter().enumerate() {
                            let have = scores[t].unwrap_or(0);
                            let add = (u32::from(task.max - have)).min(need);
                            if add > 0 {
                                scores[t] = Some(have + add as u8);
                                need -= add;
                                primary += add;
                            }
                            if need == 0 {
                                break;
                            }
                        }
                    }
                }
            }
            let journal = if rng.random::<f64>() < 0.04 {
                None
            } else {
                let bias = if school.spikes { 0.5 } else { 0.0 };
                Some(
                    (3.75 + 0.85 * st.ability + bias + 0.45 * normal(rng))
                        .round()
                        .clamp(2.0, 5.0) as u8,
                )
            };
            let (mark, test_score) = match plan.kind {
                Kind::Ege => (None, Some(ege_test_score(primary, max))),
                Kind::Interview => (None, None),
                _ => (Some(mark_for(plan, primary)), None),
            };
            rows.push(Row {
                school: si,
                class: class_letter(st.class),
                code: format!("{}{:04}", plan.grade, st.code),
                absent,
                scores,
                journal,
                mark,
                test_score,
                medal: if plan.kind == Kind::Ege { st.medal } else { 0 },
            });
        }
    }
    rows
}

/// Students of every school and grade for the first year; a cohort moves up a grade each year.
/// `years` school years need grades up to 11 + (years − 1); two years keep the committed demo.
fn make_cohorts(schools: &[School], years: usize, rng: &mut Rng) -> Vec<Vec<Vec<Student>>> {
    schools
        .iter()
        .map(|s| {
            // Index g holds the students who are in grade g in the *last* year (and g-1 the year before).
            (0..=10 + years.max(2))
                .map(|g| {
                    let n = s.enrolment[g.clamp(1, 11)] as usize;
                    let classes = s.classes[g.clamp(1, 11)].max(1);
                    (0..n)
                        .map(|k| {
                            let ability = 0.3 + s.quality + normal(rng);
                            // The school with inflated journal marks also puts forward weaker medal candidates.
                            let bar = if s.spikes { 0.9 } else { 1.9 };
                            let medal = if ability > bar {
                                if rng.random::<f64>() < 0.5 { 1 } else { 2 }
                            } else {
                                0
                            };
                            Student {
                                ability,
                                class: k as u32 % classes,
                                code: k as u32 + 1,
                                medal,
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------- writing

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2025, 6, 30).expect("valid date");
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    wb
}

fn save(mut wb: Workbook, path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    wb.save(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn municipality_id(m: usize) -> String {
    format!("m{:02}", m + 1)
}

/// `data/region.yaml` and `data/municipalities/m01.yaml`…: a region of `n` municipalities.
fn write_region(data: &Path, n: usize) {
    let _ = std::fs::remove_file(data.join("municipality.yaml"));
    let _ = std::fs::remove_dir_all(data.join("municipalities"));
    write(
        &data.join("region.yaml"),
        "name: \"Условная область\"\noffice: \"Министерство образования Условной области\"\n",
    );
    for m in 0..n {
        let stem = VILLAGES[m % VILLAGES.len()].trim_end_matches("ская");
        let round = m / VILLAGES.len();
        let name = if round == 0 {
            format!("{stem}ский муниципальный район")
        } else {
            format!("{stem}ский муниципальный район № {}", round + 1)
        };
        write(
            &data.join(format!("municipalities/{}.yaml", municipality_id(m))),
            &format!("name: {}\n", q(&name)),
        );
    }
}

fn school_yaml(s: &School) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "id: {}", s.id);
    let _ = writeln!(y, "name: {}", q(&s.name));
    let _ = writeln!(y, "short_name: {}", q(&s.short));
    let place = if s.town {
        "г. Приозёрск".to_string()
    } else {
        format!("с. {}", s.short.split(' ').next().unwrap_or(""))
    };
    let _ = writeln!(
        y,
        "address: {}",
        q(&format!("{place}, ул. Школьная, д. {}", 1 + s.id.len() % 7))
    );
    let _ = writeln!(y, "attributes:");
    let _ = writeln!(y, "  location: {}", if s.town { "город" } else { "село" });
    let _ = writeln!(
        y,
        "  transport: {}",
        if s.remote {
            "удалённая"
        } else {
            "доступная"
        }
    );
    let _ = writeln!(
        y,
        "  social_conditions: {}",
        if s.poor {
            "неблагоприятные"
        } else {
            "благоприятные"
        }
    );
    let _ = writeln!(y, "  kind: {}", s.kind);
    let grades: Vec<String> = (1..=11)
        .filter(|&g| s.enrolment[g] > 0)
        .map(|g| format!("{g}: {}", s.enrolment[g]))
        .collect();
    let _ = writeln!(y, "enrolment: {{ {} }}", grades.join(", "));
    // Last year's grade g was this year's grade g + 1: the cohort moves up.
    let earlier: Vec<String> = (1..=11)
        .filter(|&g| s.enrolment[g] > 0)
        .map(|g| {
            format!(
                "{g}: {}",
                if s.enrolment[(g + 1).min(11)] > 0 {
                    s.enrolment[(g + 1).min(11)]
                } else {
                    s.enrolment[g]
                }
            )
        })
        .collect();
    let _ = writeln!(
        y,
        "enrolment_by_year:\n  \"2023/24\": {{ {} }}",
        earlier.join(", ")
    );
    y
}

fn procedure_id(plan: &Plan, year: u32) -> String {
    let kind = match plan.kind {
        Kind::Vpr => "vpr",
        Kind::Oge => "oge",
        Kind::Ege => "ege",
        Kind::Interview => "is",
    };
    format!("{kind}-{year}-{}", plan.key)
}

fn procedure_yaml(plan: &Plan, year: u32, rows: &[Row], rng: &mut Rng) -> String {
    let (kind, title_kind) = match plan.kind {
        Kind::Vpr => ("ВПР", "ВПР"),
        Kind::Oge => ("ОГЭ", "ОГЭ"),
        Kind::Ege => ("ЕГЭ", "ЕГЭ"),
        Kind::Interview => ("ИС", "Итоговое собеседование"),
    };
    let mut y = String::new();
    let _ = writeln!(y, "id: {}", procedure_id(plan, year));
    let _ = writeln!(y, "kind: {kind}");
    let _ = writeln!(
        y,
        "title: {}",
        q(&format!(
            "{title_kind}. {}. {} класс",
            plan.subject, plan.grade
        ))
    );
    let _ = writeln!(y, "school_year: \"{}/{}\"", year - 1, year % 100);
    let _ = writeln!(
        y,
        "date: {year}-{:02}-{:02}",
        plan.month_day.0, plan.month_day.1
    );
    let _ = writeln!(y, "subject: {}", q(plan.subject));
    let _ = writeln!(y, "grade: {}", plan.grade);
    if plan.elective {
        let _ = writeln!(y, "elective: true");
    }
    let _ = writeln!(y, "tasks:");
    for t in &plan.tasks {
        let text = plan
            .skills
            .iter()
            .find(|(k, _)| *k == t.skill)
            .map(|(_, v)| *v)
            .unwrap_or("");
        let level = if t.advanced {
            "повышенный"
        } else {
            "базовый"
        };
        let _ = writeln!(
            y,
            "  - {{ id: {}, max: {}, level: {level}, skill: {}, text: {} }}",
            q(&t.id),
            t.max,
            q(&t.skill),
            q(text)
        );
    }
    let max: u32 = plan.tasks.iter().map(|t| u32::from(t.max)).sum();
    if plan.kind == Kind::Interview {
        let _ = writeln!(y, "pass: {{ min_score: {} }}", plan.min_score);
    } else if plan.kind == Kind::Ege {
        let _ = writeln!(y, "min_score: {}", plan.min_score);
        let table: Vec<String> = (0..=max)
            .map(|p| ege_test_score(p, max).to_string())
            .collect();
        let _ = writeln!(y, "conversion: [{}]", table.join(", "));
    } else {
        let _ = writeln!(
            y,
            "scale: {{ 3: {}, 4: {}, 5: {} }}",
            plan.scale[0], plan.scale[1], plan.scale[2]
        );
    }
    // Reference figures of the kind official reports publish, near the municipality's own.
    // ВПР draw from the main stream (as the committed demo always has); ОГЭ and ЕГЭ from a
    // stream of their own, so adding them left every other generated figure as it was.
    let mut own = Rng::seed_from_u64(
        procedure_id(plan, year)
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))),
    );
    let rng = if plan.kind == Kind::Vpr {
        rng
    } else {
        &mut own
    };
    benchmarks(&mut y, plan, rows, rng);
    y
}

/// Who watched the last year's ВПР, by a fixed pattern (no random draw, so no other figure
/// moves): every third school had an independent observer, the next one video, the third
/// neither — the office's record the risk list reads.
fn observers_yaml(rows: &[Row], schools: &[School]) -> String {
    let mut present: Vec<usize> = rows.iter().map(|r| r.school).collect();
    present.sort_unstable();
    present.dedup();
    let mut y = String::from("observers:\n");
    for si in present {
        let line = match si % 3 {
            0 => "independent: 1",
            1 => "video: true",
            _ => continue,
        };
        let _ = writeln!(y, "  - {{ school: {}, {line} }}", schools[si].id);
    }
    y
}

/// Region and Russia figures near the municipality's own: marks (not for ЕГЭ) and tasks.
fn benchmarks(y: &mut String, plan: &Plan, rows: &[Row], rng: &mut Rng) {
    let present: Vec<&Row> = rows.iter().filter(|r| !r.absent).collect();
    let n = present.len().max(1) as f64;
    let _ = writeln!(y, "benchmarks:");
    for (name, shift) in [("region", 1.5), ("russia", 3.0)] {
        let mut marks = [0f64; 4];
        for r in &present {
            marks[usize::from(r.mark.unwrap_or(2) - 2)] += 1.0;
        }
        let mut pct: Vec<f64> = marks.iter().map(|m| 100.0 * m / n).collect();
        pct[0] = (pct[0] - shift + rng.random::<f64>()).max(1.0);
        pct[3] += shift;
        let total: f64 = pct.iter().sum();
        let pct: Vec<f64> = pct
            .iter()
            .map(|p| (p * 1000.0 / total).round() / 10.0)
            .collect();
        let _ = writeln!(y, "  {name}:");
        if !matches!(plan.kind, Kind::Ege | Kind::Interview) {
            let _ = writeln!(
                y,
                "    marks: {{ 2: {:.1}, 3: {:.1}, 4: {:.1}, 5: {:.1} }}",
                pct[0], pct[1], pct[2], pct[3]
            );
        }
        let tasks: Vec<String> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(t, task)| {
                let sum: f64 = present
                    .iter()
                    .map(|r| f64::from(r.scores[t].unwrap_or(0)))
                    .sum();
                let c = (100.0 * sum / (n * f64::from(task.max))
                    + shift
                    + 4.0 * (rng.random::<f64>() - 0.5))
                    .clamp(1.0, 99.0);
                format!("{}: {:.1}", q(&task.id), c)
            })
            .collect();
        let _ = writeln!(y, "    tasks: {{ {} }}", tasks.join(", "));
    }
}

fn not_attempted(rng: &mut Rng) -> &'static str {
    ["X", "X", "X", "x", "Н", "не пройд."][rng.random_range(0..6)]
}

/// ФИС ОКО regional export: one sheet, `балл за N`, class letters in any case, `нет`.
fn write_regional_export(
    path: &Path,
    plan: &Plan,
    rows: &[Row],
    schools: &[School],
    rng: &mut Rng,
) {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    let mut header = vec![
        "логин школы".to_string(),
        "регион".into(),
        "номер обучающегося".into(),
        "код обучающегося".into(),
        "отметка за предыдущую четверть/триместр".into(),
        "пол".into(),
        "класс".into(),
        "вариант".into(),
        "всего баллов".into(),
    ];
    header.extend((1..=plan.tasks.len()).map(|i| format!("балл за {i}")));
    header.push("Учебник".into());
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("write");
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let s = &schools[r.school];
        ws.write_string(row, 0, &s.id).expect("write");
        ws.write_string(row, 1, "Условная область").expect("write");
        ws.write_string(row, 2, (i + 1).to_string()).expect("write");
        ws.write_string(row, 3, &r.code).expect("write");
        if r.absent {
            ws.write_string(row, 7, "отсутствовал").expect("write");
            continue;
        }
        let journal = r
            .journal
            .map(|j| j.to_string())
            .unwrap_or_else(|| "нет отметки".into());
        ws.write_string(row, 4, journal).expect("write");
        ws.write_string(
            row,
            5,
            if rng.random::<f64>() < 0.5 {
                "м"
            } else {
                "ж"
            },
        )
        .expect("write");
        let class = if s.classes[plan.grade] <= 1 {
            "нет".to_string()
        } else {
            r.class.to_lowercase()
        };
        ws.write_string(row, 6, class).expect("write");
        ws.write_string(row, 7, rng.random_range(1..=2).to_string())
            .expect("write");
        let total: u32 = r.scores.iter().map(|s| u32::from(s.unwrap_or(0))).sum();
        ws.write_string(row, 8, total.to_string()).expect("write");
        for (t, score) in r.scores.iter().enumerate() {
            let text = score
                .map(|s| s.to_string())
                .unwrap_or_else(|| not_attempted(rng).to_string());
            ws.write_string(row, 9 + t as u16, text).expect("write");
        }
        ws.write_string(
            row,
            9 + r.scores.len() as u16,
            "Учебник из федерального перечня",
        )
        .expect("write");
    }
    save(wb, path);
}

/// ФИС ОКО school protocol form: sheets «Классы» and «Протокол», headers `6 (2б)`.
fn write_protocol(path: &Path, plan: &Plan, rows: &[Row], schools: &[School], rng: &mut Rng) {
    let mut wb = workbook();
    let classes = wb.add_worksheet();
    classes.set_name("Классы").expect("name");
    classes.write_string(0, 0, "Пользователь").expect("write");
    classes
        .write_string(
            0,
            1,
            "Буква (цифра) класса. Введите \"нет\" - если отсутствует",
        )
        .expect("write");
    let ws = wb.add_worksheet();
    ws.set_name("Протокол").expect("name");
    let mut header = vec![
        "Пользователь".to_string(),
        "Код региона".into(),
        "Школа".into(),
        "Код".into(),
        "Вариант".into(),
    ];
    header.extend(plan.tasks.iter().map(|t| {
        let id = match t.id.split_once('.') {
            Some((a, b)) => format!("{a}({b})"),
            None => t.id.clone(),
        };
        format!("{id} ({}б)", t.max)
    }));
    header.extend([
        "Наименование класса".into(),
        "Пол".into(),
        "Отметка за предыдущий триместр/ четверть/полугодие".into(),
        "Итого баллов".into(),
    ]);
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("write");
    }
    let nt = plan.tasks.len() as u16;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let s = &schools[r.school];
        ws.write_string(row, 0, &s.id).expect("write");
        ws.write_number(row, 1, 64.0).expect("write");
        ws.write_string(row, 2, format!("{} | {}", s.id, s.short))
            .expect("write");
        ws.write_number(row, 3, r.code.parse::<f64>().unwrap_or(0.0))
            .expect("write");
        if r.absent {
            ws.write_string(row, 4, "отсутствовал").expect("write");
            ws.write_number(row, 9 + nt, 0.0).expect("write");
            continue;
        }
        ws.write_number(row, 4, f64::from(rng.random_range(1..=2u8)))
            .expect("write");
        for (t, score) in r.scores.iter().enumerate() {
            match score {
                Some(v) => ws
                    .write_number(row, 5 + t as u16, f64::from(*v))
                    .expect("write"),
                None => ws.write_string(row, 5 + t as u16, "X").expect("write"),
            };
        }
        let class = if s.classes[plan.grade] <= 1 {
            "нет".to_string()
        } else {
            format!("{}{}", plan.grade, r.class)
        };
        ws.write_string(row, 5 + nt, class).expect("write");
        ws.write_string(
            row,
            6 + nt,
            if rng.random::<f64>() < 0.5 {
                "м"
            } else {
                "ж"
            },
        )
        .expect("write");
        match r.journal {
            Some(j) => ws.write_number(row, 7 + nt, f64::from(j)).expect("write"),
            None => ws.write_string(row, 7 + nt, "нет отметки").expect("write"),
        };
        let total: u32 = r.scores.iter().map(|s| u32::from(s.unwrap_or(0))).sum();
        ws.write_number(row, 8 + nt, f64::from(total))
            .expect("write");
    }
    save(wb, path);
}

const SURNAMES: [&str; 12] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
];

/// oko's own simple form with Russian headers; carries a name column that oko must drop.
fn simple_header(plan: &Plan, with_name: bool) -> Vec<String> {
    let mut h = vec!["Код ОО".to_string(), "Класс".into(), "Код участника".into()];
    if with_name {
        h.push("ФИО".into());
    }
    h.push("Вариант".into());
    h.extend(plan.tasks.iter().map(|t| t.id.clone()));
    match plan.kind {
        Kind::Ege => h.extend(["Тестовый балл".into(), "Медаль".into()]),
        Kind::Interview => {}
        _ => h.extend(["Отметка".into(), "Отметка за предыдущий период".into()]),
    }
    h
}

fn simple_cells(plan: &Plan, r: &Row, s: &School, with_name: bool, rng: &mut Rng) -> Vec<String> {
    let mut c = vec![
        s.id.clone(),
        format!("{}{}", plan.grade, r.class),
        r.code.clone(),
    ];
    if with_name {
        let surname = SURNAMES[rng.random_range(0..SURNAMES.len())];
        let initials = [
            "А", "Б", "В", "Г", "Д", "Е", "И", "К", "Л", "М", "Н", "О", "П", "С", "Т",
        ];
        c.push(format!(
            "{surname} {}. {}.",
            initials[rng.random_range(0..15)],
            initials[rng.random_range(0..15)]
        ));
    }
    c.push(rng.random_range(1..=4u8).to_string());
    c.extend(
        r.scores
            .iter()
            .map(|s| s.map(|v| v.to_string()).unwrap_or_else(|| "Н".into())),
    );
    match plan.kind {
        Kind::Interview => {}
        Kind::Ege => {
            c.push(r.test_score.map(|t| t.to_string()).unwrap_or_default());
            c.push(match r.medal {
                1 => "1".into(),
                2 => "2".into(),
                _ => String::new(),
            });
        }
        _ => {
            c.push(r.mark.map(|m| m.to_string()).unwrap_or_default());
            c.push(r.journal.map(|m| m.to_string()).unwrap_or_default());
        }
    }
    c
}

fn write_simple_xlsx(
    path: &Path,
    plan: &Plan,
    rows: &[&Row],
    schools: &[School],
    with_name: bool,
    rng: &mut Rng,
) {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Результаты").expect("name");
    for (c, h) in simple_header(plan, with_name).iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("write");
    }
    for (i, r) in rows.iter().filter(|r| !r.absent).enumerate() {
        for (c, v) in simple_cells(plan, r, &schools[r.school], with_name, rng)
            .iter()
            .enumerate()
        {
            match v.parse::<f64>() {
                Ok(n) if !v.is_empty() && c != 2 => {
                    ws.write_number(i as u32 + 1, c as u16, n).expect("write")
                }
                _ => ws.write_string(i as u32 + 1, c as u16, v).expect("write"),
            };
        }
    }
    save(wb, path);
}

/// A school's file sent as CSV from an old office program: `;`-separated, Windows-1251.
fn write_simple_csv_1251(
    path: &Path,
    plan: &Plan,
    rows: &[&Row],
    schools: &[School],
    rng: &mut Rng,
) {
    let mut text = simple_header(plan, false).join(";") + "\r\n";
    for r in rows.iter().filter(|r| !r.absent) {
        text += &simple_cells(plan, r, &schools[r.school], false, rng).join(";");
        text += "\r\n";
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, bytes).expect("write csv");
}

fn main() {
    let args = parse_args();
    let mut rng = Rng::seed_from_u64(args.seed);
    let schools = make_schools(args.schools, &mut rng);
    let cohorts = make_cohorts(&schools, args.years, &mut rng);
    let out = &args.out;
    let data = out.join("data");
    for sub in ["schools", "procedures", "results"] {
        let _ = std::fs::remove_dir_all(data.join(sub));
    }
    let demo = args.schools == 25;
    if !out.join("oko.yaml").exists() {
        write(
            &out.join("oko.yaml"),
            "title: \"Открытые результаты оценочных процедур\"\nbase_url: \"https://example.org/oko/\"\n",
        );
    }
    if args.municipalities > 0 {
        write_region(&data, args.municipalities);
    } else if !data.join("municipality.yaml").exists() {
        write(
            &data.join("municipality.yaml"),
            "name: \"Приозёрный муниципальный округ\"\nregion: \"Условная область\"\noffice: \"Управление образования администрации Приозёрного муниципального округа\"\n",
        );
    }
    for (i, s) in schools.iter().enumerate() {
        let mut y = school_yaml(s);
        if args.municipalities > 0 {
            // Round robin: no draw from the generator, so the figures stay those of the same seed.
            let _ = writeln!(
                y,
                "municipality: {}",
                municipality_id(i % args.municipalities)
            );
        }
        write(&data.join("schools").join(format!("{}.yaml", s.id)), &y);
    }
    let last_year = 2025u32;
    let first_year = last_year + 1 - args.years as u32;
    for year in first_year..=last_year {
        // Students of the last year's grade g were in grade g-1 the year before.
        let cohort_year = (last_year - year) as usize;
        for plan in plans() {
            // ВПР every year; ОГЭ and ЕГЭ the last year only in the demo, every year in a region.
            if plan.kind != Kind::Vpr && year != last_year && demo {
                continue;
            }
            let rows = simulate(&plan, &schools, &cohorts, cohort_year, &mut rng);
            let id = procedure_id(&plan, year);
            let mut yaml = procedure_yaml(&plan, year, &rows, &mut rng);
            if plan.kind == Kind::Vpr && year == last_year {
                yaml.push_str(&observers_yaml(&rows, &schools));
            }
            write(&data.join(format!("procedures/{year}/{id}.yaml")), &yaml);
            let dir = data.join(format!("results/{year}/{id}"));
            match (plan.kind, year == last_year) {
                (Kind::Vpr, false) => write_regional_export(
                    &dir.join(format!("{id}.xlsx")),
                    &plan,
                    &rows,
                    &schools,
                    &mut rng,
                ),
                (Kind::Vpr, true) if plan.key == "math-5" && demo => {
                    // Sent school by school: one CSV in Windows-1251, the rest as workbooks named by school id.
                    for (si, s) in schools.iter().enumerate() {
                        let mine: Vec<&Row> = rows.iter().filter(|r| r.school == si).collect();
                        if mine.is_empty() {
                            continue;
                        }
                        if si == 9 {
                            write_simple_csv_1251(
                                &dir.join(format!("{}.csv", s.id)),
                                &plan,
                                &mine,
                                &schools,
                                &mut rng,
                            );
                        } else {
                            write_simple_xlsx(
                                &dir.join(format!("{}.xlsx", s.id)),
                                &plan,
                                &mine,
                                &schools,
                                false,
                                &mut rng,
                            );
                        }
                    }
                }
                (Kind::Vpr, true) => write_protocol(
                    &dir.join(format!("{id}.xlsx")),
                    &plan,
                    &rows,
                    &schools,
                    &mut rng,
                ),
                _ => {
                    let all: Vec<&Row> = rows.iter().collect();
                    write_simple_xlsx(
                        &dir.join(format!("{id}.xlsx")),
                        &plan,
                        &all,
                        &schools,
                        plan.kind == Kind::Oge,
                        &mut rng,
                    );
                }
            }
        }
    }
    eprintln!(
        "written: {} schools, years {first_year}–{last_year}, into {}",
        schools.len(),
        out.display()
    );
}
