//! The `truce` command line: a thin shell over the pipeline crates.

mod extract;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// truce turns conflict reporting into a verifiable ceasefire ledger.
#[derive(Debug, Parser)]
#[command(name = "truce", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read documents and print what truce extracts from each.
    Extract(extract::ExtractArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("truce: {e:#}");
            ExitCode::from(1)
        }
    }
}
