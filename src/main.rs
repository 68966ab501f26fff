use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    oko::cli::run(oko::cli::Cli::parse())
}
