//! The `truce` command line: a thin shell over the pipeline crates.

mod extract;
mod ledger;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// Extraction allocates many small, short-lived strings and vectors per
// document on every core; mimalloc's thread-local pages serve them faster
// than the system allocator (see docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Store documents and their extractions in the ledger.
    Ingest(ledger::ingest::IngestArgs),
    /// List and filter the ledger's events.
    Events(ledger::events::EventsArgs),
    /// Ceasefires: list, declare by hand, day-by-day report.
    Ceasefire(ledger::ceasefire::CeasefireArgs),
    /// Killed and wounded by source and by party.
    Tally(ledger::tally::TallyArgs),
    /// Export the ledger's events as CSV, JSON Lines or GeoJSON.
    Export(ledger::export::ExportArgs),
    /// Serve the JSON API and the dashboard over a ledger.
    Serve(serve::ServeArgs),
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
        Command::Ingest(args) => ledger::ingest::run(args),
        Command::Events(args) => ledger::events::run(args),
        Command::Ceasefire(args) => ledger::ceasefire::run(args),
        Command::Tally(args) => ledger::tally::run(args),
        Command::Export(args) => ledger::export::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("truce: {e:#}");
            ExitCode::from(1)
        }
    }
}
