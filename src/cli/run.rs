//! Running a parsed command: building, checking, importing; printing what happened and
//! choosing the exit code.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;

use super::{Cli, Command, MessageFormat, Messages};
use crate::config::Audience;
use crate::diag::{Diagnostics, OkoError};
use crate::site::{self, BuildOptions};
use crate::text::counted;

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

/// What the failed command would have written: the closing line says what did not happen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writes {
    /// `build`: the site (the previous one stays).
    Site,
    /// `check` and the rest: nothing to speak of.
    Nothing,
}

fn report_error(e: &OkoError, m: Messages, writes: Writes) -> ExitCode {
    match e {
        OkoError::Data(diags) => {
            print_diagnostics(diags, m);
            let n = diags.errors().count() as u64;
            let not_written = match writes {
                Writes::Site => "; сайт не записан (прежний сайт остался как был)",
                Writes::Nothing => "",
            };
            eprintln!(
                "{n} {} в данных{not_written}. Исправьте файлы и запустите снова.",
                crate::text::plural(n, "ошибка", "ошибки", "ошибок")
            );
            if diags
                .errors()
                .any(|d| crate::diag::bad_row_kind(&d.code).is_some())
            {
                eprintln!(
                    "Ошибочные строки можно и не исправлять: посмотрите их (oko check --verbose), \
                     затем впишите в oko.yaml «bad_rows: skip» — такие строки будут исключены с \
                     предупреждением, а их число показано на сайте."
                );
            }
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
            Writes::Nothing,
        ),
    };
    match cli.command {
        Command::Init { dir, region } => {
            done(crate::import::init::init(&dir, region).map(print_lines))
        }
        Command::Import(args) => import(args),
        Command::Roadmap {
            action:
                super::RoadmapAction::New {
                    root,
                    procedure,
                    owner,
                    force,
                },
        } => done(
            crate::import::roadmap::new(&root, &procedure, &owner, force, as_of(None))
                .map(print_lines),
        ),
        Command::Build {
            root,
            out,
            audience,
            jobs,
            date,
            message_format,
            no_cache,
            municipality,
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
                municipality,
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
            let reused = match report.reused {
                0 => String::new(),
                n => format!(" (без изменений, из кэша: {n})"),
            };
            eprintln!(
                "Готово: {}{reused}, {} в {}. Откройте {} в браузере.",
                counted(report.pages, "страница", "страницы", "страниц"),
                counted(report.files, "файл", "файла", "файлов"),
                report.out.display(),
                report.out.join("index.html").display()
            );
            let c = &report.changes;
            eprintln!(
                "Страниц изменилось: {} из {}; файлов изменилось {}, удалено {} ({}) — \
                 их список для выгрузки: {}",
                report.changed_pages,
                report.pages,
                c.changed.len(),
                c.removed.len(),
                crate::text::megabytes(c.bytes),
                report.changed_list.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e, m, Writes::Site),
    }
}

/// `oko check`: everything a build does, nothing written, and a summary of the data.
fn check(root: &std::path::Path, audience: Option<Audience>, m: Messages) -> ExitCode {
    match site::check(root, audience, as_of(None)) {
        Ok((prepared, rendered)) => {
            print_diagnostics(&prepared.warnings, m);
            let p = &prepared.site.project;
            let participants: u64 = p.results.iter().map(|r| r.read).sum();
            let participants = participants as usize;
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
            eprintln!(
                "Сайт проверен: {}, из кэша сборки: {}.",
                counted(rendered.pages, "страница", "страницы", "страниц"),
                rendered.reused
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_error(&e, m, Writes::Nothing),
    }
}

fn print_lines(lines: Vec<String>) {
    for line in lines {
        println!("{line}");
    }
}

fn import(args: super::ImportArgs) -> ExitCode {
    let request = crate::import::Request {
        root: args.root,
        files: args.files,
        kind: args.kind,
        subject: args.subject,
        grade: args.grade,
        year: args.year,
        date: args.date,
        municipality: args.municipality,
        force: args.force,
    };
    match crate::import::run(&request) {
        Ok(lines) => {
            print_lines(lines);
            ExitCode::SUCCESS
        }
        Err(OkoError::Data(diags)) => {
            for d in diags.errors() {
                eprintln!("ошибка: {d}");
            }
            eprintln!("import ничего не записал: исправьте файлы и запустите снова.");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("ошибка: {e}");
            ExitCode::from(if matches!(e, OkoError::Usage(_)) {
                1
            } else {
                2
            })
        }
    }
}
