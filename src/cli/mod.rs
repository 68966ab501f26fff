//! The command line: `oko init`, `import`, `build`, `check`, `serve` and `bench`.
//!
//! Exit codes: 0 success, 1 errors in the data (all of them listed), 2 usage or
//! environment errors (bad flags, unwritable folder, broken theme).

mod run;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::config::Audience;

pub use run::run;

#[derive(Debug, Parser)]
#[command(
    name = "oko",
    version,
    about = "Открытые отчёты о результатах оценочных процедур: генератор статического сайта"
)]
/// The command line.
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How diagnostics are printed: the format, and whether every skipped row is listed.
#[derive(Debug, Clone, Copy)]
struct Messages {
    format: MessageFormat,
    verbose: bool,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// Lines for a person, in Russian, on standard error.
    #[default]
    #[value(help = "строки для человека на русском языке, в поток ошибок")]
    Human,
    /// One JSON object per line on standard output (file, sheet, row, column, code, message).
    #[value(
        help = "по объекту JSON в строке в стандартный вывод (file, sheet, row, column, code, message)"
    )]
    Json,
}

/// The commands of oko.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Создать новый проект сайта, который сразу собирается
    Init {
        /// Папка нового проекта (создаётся, если её нет)
        dir: PathBuf,
        /// Проект региона: data/region.yaml и муниципалитеты в data/municipalities/
        #[arg(long)]
        region: bool,
    },
    /// Взять файлы ФИС ОКО и ФИОКО (результаты, план работы, анкету школ) в проект
    Import(ImportArgs),
    /// Дорожные карты: new — заготовка по результатам процедуры
    Roadmap {
        /// Что сделать
        #[command(subcommand)]
        action: RoadmapAction,
    },
    /// Собрать сайт (по умолчанию — в папку public/ проекта)
    Build {
        /// Папка проекта сайта (с oko.yaml и data/), по умолчанию — текущая
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Куда записать сайт (по умолчанию public/ или internal/ в папке проекта)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Для кого сайт: public — открытый, internal — для школ и управления, не публикуется
        #[arg(long, value_enum)]
        audience: Option<Audience>,
        /// Число потоков (по умолчанию — по числу ядер)
        #[arg(long)]
        jobs: Option<usize>,
        /// Дата «по состоянию на» для сроков дорожных карт, ГГГГ-ММ-ДД (по умолчанию SOURCE_DATE_EPOCH или сегодня)
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Формат сообщений: human (по умолчанию) — для человека, json — по объекту JSON в строке (для CI)
        #[arg(long, value_enum, default_value_t)]
        message_format: MessageFormat,
        /// Собрать всё заново, не читая и не обновляя кэш сборки .oko/cache
        #[arg(long)]
        no_cache: bool,
        /// Собрать сайт одного муниципалитета проекта региона (id из data/municipalities/) с показателями региона для сравнения
        #[arg(long)]
        municipality: Option<String>,
        /// Перечислить каждую пропущенную строку, а не сводку по файлу
        #[arg(long)]
        verbose: bool,
    },
    /// Показать сайт на своём компьютере: пересборка при изменении файлов, страницы обновляются сами
    Serve {
        /// Папка проекта сайта, по умолчанию — текущая
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Порт на 127.0.0.1 (по умолчанию 8000; 0 — любой свободный)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Для кого сайт: public — открытый, internal — для школ и управления
        #[arg(long, value_enum)]
        audience: Option<Audience>,
        /// Дата «по состоянию на», ГГГГ-ММ-ДД
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Замерить скорость: чтение таблиц, check, чистая сборка, пересборка через неделю после добавления процедуры
    Bench {
        /// Папка проекта сайта, по умолчанию — текущая (копируется во временную папку; сам проект не меняется)
        #[arg(default_value = ".")]
        root: PathBuf,
    },
    /// Один этап замера (запускается из `oko bench` отдельным процессом)
    #[command(hide = true)]
    BenchPhase {
        /// Which phase.
        phase: crate::bench::Phase,
        /// The project.
        #[arg(long)]
        root: PathBuf,
        /// Where to build.
        #[arg(long)]
        out: PathBuf,
        /// The «as of» date.
        #[arg(long)]
        date: NaiveDate,
    },
    /// Проверить данные, ссылки и шаблоны проекта, ничего не записывая
    Check {
        /// Папка проекта сайта, по умолчанию — текущая
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Для кого проверять сайт: public или internal (по умолчанию — из oko.yaml)
        #[arg(long, value_enum)]
        audience: Option<Audience>,
        /// Формат сообщений: human (по умолчанию) — для человека, json — по объекту JSON в строке
        #[arg(long, value_enum, default_value_t)]
        message_format: MessageFormat,
        /// Перечислить каждую пропущенную строку, а не сводку по файлу
        #[arg(long)]
        verbose: bool,
    },
}

/// The help layout with Russian headings (clap's own are English).
/// What `oko roadmap` does.
#[derive(Debug, Subcommand)]
pub enum RoadmapAction {
    /// Записать заготовку дорожной карты: мероприятия владельца со стандартными сроками и дефициты процедуры
    New {
        /// Папка проекта сайта, по умолчанию — текущая
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Процедура, по результатам которой составляется карта (id)
        #[arg(long)]
        procedure: String,
        /// Чья карта: municipality (region), id муниципалитета региона или id школы
        #[arg(long, default_value = "municipality")]
        owner: String,
        /// Заменить файл, который правили вручную
        #[arg(long)]
        force: bool,
    },
}

/// `oko import`: the files and what their names may not say.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Папка проекта сайта, по умолчанию — текущая
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Вид процедуры (ВПР, ОГЭ, ЕГЭ, ГВЭ, НИКО, РДР), если его нет в именах файлов
    #[arg(long)]
    pub kind: Option<String>,
    /// Предмет, если его нет в именах файлов
    #[arg(long)]
    pub subject: Option<String>,
    /// Класс, если его нет в именах файлов
    #[arg(long)]
    pub grade: Option<u8>,
    /// Год проведения, если его нет в именах файлов
    #[arg(long)]
    pub year: Option<i32>,
    /// Дата проведения работы, ГГГГ-ММ-ДД
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Муниципалитет проекта, как его называет столбец «регион» региональной выгрузки
    #[arg(long)]
    pub municipality: Option<String>,
    /// Заменить и файлы, которые правили вручную
    #[arg(long)]
    pub force: bool,
    /// Файлы: результаты (xlsx, xls, ods, csv), план ФИОКО (…_ALL.xlsx), анкета школ
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

const HELP: &str = "{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";

/// The command line with every text of `--help` in Russian.
pub fn command() -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let localise = |c: clap::Command| {
        c.help_template(HELP)
            .next_help_heading("Параметры")
            .subcommand_help_heading("Команды")
            .subcommand_value_name("КОМАНДА")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Показать эту справку"),
            )
    };
    let mut cli = localise(Cli::command())
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию"),
        )
        .arg_required_else_help(true);
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let usage = match name.as_str() {
            "bench" => "oko bench [ПАПКА]".to_string(),
            "init" => "oko init [--region] ПАПКА".to_string(),
            "import" => "oko import [ПАРАМЕТРЫ] ФАЙЛ…".to_string(),
            "roadmap" => {
                "oko roadmap new --procedure ID [--owner ВЛАДЕЛЕЦ] [--root ПАПКА]".to_string()
            }
            other => format!("oko {other} [ПАРАМЕТРЫ]"),
        };
        cli = cli.mut_subcommand(&name, |c| {
            localise(c).override_usage(usage).mut_args(|a| {
                let value = match a.get_id().as_str() {
                    "root" | "out" => Some("ПАПКА"),
                    "audience" => Some("public|internal"),
                    "message_format" => Some("human|json"),
                    "jobs" => Some("ЧИСЛО"),
                    "date" => Some("ГГГГ-ММ-ДД"),
                    "port" => Some("ПОРТ"),
                    "kind" => Some("ВИД"),
                    "subject" => Some("ПРЕДМЕТ"),
                    "grade" => Some("КЛАСС"),
                    "year" => Some("ГОД"),
                    "municipality" => Some("МУНИЦИПАЛИТЕТ"),
                    "files" => Some("ФАЙЛ"),
                    "dir" => Some("ПАПКА"),
                    "procedure" => Some("ID"),
                    "owner" => Some("ВЛАДЕЛЕЦ"),
                    _ => None,
                };
                let a = a.help_heading("Параметры");
                match value {
                    Some(v) => a
                        .value_name(v)
                        .hide_possible_values(true)
                        .hide_default_value(true),
                    None => a,
                }
            })
        });
    }
    cli
}

/// Parses the process's arguments with the Russian `--help`.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
