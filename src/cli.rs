//! The command line: `oko build`, `check`, `serve` and `bench`.
//!
//! Exit codes: 0 success, 1 errors in the data (all of them listed), 2 usage or
//! environment errors (bad flags, unwritable folder, broken theme).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::config::Audience;
use crate::diag::{Diagnostics, OkoError};
use crate::site::{self, BuildOptions};
use crate::text::counted;

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
    /// Замерить скорость: чтение таблиц, check, чистая сборка, пересборка после добавления процедуры
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

/// Whether to draw progress: only for a person at a terminal.
fn interactive() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
}

/// The "as of" date: the flag, else SOURCE_DATE_EPOCH (reproducible builds), else today.
fn as_of(date: Option<NaiveDate>) -> NaiveDate {
    date.or_else(|| {
        let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
            .ok()?
            .trim()
            .parse()
            .ok()?;
        chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
    })
    .unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn print_diagnostics(diags: &Diagnostics, m: Messages) {
    if m.format == MessageFormat::Json {
        for d in diags.iter() {
            println!("{}", d.to_json());
        }
        return;
    }
    for line in crate::diag::warning_lines(diags, m.verbose) {
        eprintln!("предупреждение: {line}");
    }
    for d in diags.errors() {
        eprintln!("ошибка: {d}");
    }
}

fn report_error(e: &OkoError, m: Messages) -> ExitCode {
    match e {
        OkoError::Data(diags) => {
            print_diagnostics(diags, m);
            let n = diags.errors().count() as u64;
            eprintln!(
                "{} {} в данных; сайт не записан. Исправьте файлы и запустите снова.",
                n,
                crate::text::plural(n, "ошибка", "ошибки", "ошибок")
            );
            ExitCode::from(1)
        }
        other => {
            eprintln!("ошибка: {other}");
            ExitCode::from(2)
        }
    }
}

/// Runs the command line; returns the process exit code.
/// Runs one command; the exit code says how it went.
pub fn run(cli: Cli) -> ExitCode {
    let done = |r: Result<(), OkoError>| match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report_error(
            &e,
            Messages {
                format: MessageFormat::Human,
                verbose: false,
            },
        ),
    };
    match cli.command {
        Command::Build {
            root,
            out,
            audience,
            jobs,
            date,
            message_format,
            no_cache,
            verbose,
        } => {
            if let Some(n) = jobs
                && let Err(e) = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
            {
                eprintln!("ошибка: не удалось задать число потоков: {e}");
                return ExitCode::from(2);
            }
            let options = BuildOptions {
                root,
                out,
                audience,
                as_of: as_of(date),
                cache: !no_cache,
            };
            build(
                &options,
                Messages {
                    format: message_format,
                    verbose,
                },
            )
        }
        Command::Serve {
            root,
            port,
            audience,
            date,
        } => done(crate::serve::serve(&root, port, audience, as_of(date))),
        Command::Bench { root } => done(crate::bench::run(&root, as_of(None))),
        Command::BenchPhase {
            phase,
            root,
            out,
            date,
        } => done(crate::bench::phase(phase, &root, &out, date)),
        Command::Check {
            root,
            audience,
            message_format,
            verbose,
        } => check(
            &root,
            audience,
            Messages {
                format: message_format,
                verbose,
            },
        ),
    }
}

/// `oko build`, with a spinner for a person at a terminal.
fn build(options: &BuildOptions, m: Messages) -> ExitCode {
    let bar = interactive().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let progress = |stage: &str| {
        if let Some(b) = &bar {
            b.set_message(stage.to_string());
        }
    };
    let result = site::build(options, &progress);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    match result {
        Ok(report) => {
            print_diagnostics(&report.warnings, m);
            eprintln!(
                "Готово: {}, {} в {}. Откройте {} в браузере.",
                counted(report.pages, "страница", "страницы", "страниц"),
                counted(report.files, "файл", "файла", "файлов"),
                report.out.display(),
                report.out.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e, m),
    }
}

/// `oko check`: everything a build does, nothing written, and a summary of the data.
fn check(root: &std::path::Path, audience: Option<Audience>, m: Messages) -> ExitCode {
    match site::check(root, audience, as_of(None)) {
        Ok(prepared) => {
            print_diagnostics(&prepared.warnings, m);
            let p = &prepared.site.project;
            let participants: usize = p.results.iter().map(|r| r.participants.len()).sum();
            eprintln!(
                "Данные в порядке: {}, {}, {}, {}, {}.",
                counted(p.schools.len(), "школа", "школы", "школ"),
                counted(p.procedures.len(), "процедура", "процедуры", "процедур"),
                counted(
                    participants,
                    "результат участника",
                    "результата участников",
                    "результатов участников"
                ),
                counted(
                    p.roadmaps.len(),
                    "дорожная карта",
                    "дорожные карты",
                    "дорожных карт"
                ),
                counted(p.pages.len(), "страница", "страницы", "страниц")
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e, m),
    }
}
