//! `truce export`: the ledger's events as CSV, JSON Lines or GeoJSON.

use super::{DbArgs, FilterArgs};
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use truce_ledger::ExportFormat;

/// Arguments of `truce export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// csv (ACLED-like columns), jsonl (PLOVER records) or geojson (points).
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Run the command.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    let ledger = args.db.open_existing()?;
    let filter = args.filter.filter();
    let n = match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create the export", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let n = ledger.export(format, &filter, &mut out)?;
            out.flush()
                .with_context(|| format!("{}: cannot write the export", path.display()))?;
            eprintln!("truce: wrote {n} events to {}", path.display());
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            ledger.export(format, &filter, &mut out)?
        }
    };
    let _ = n;
    Ok(ExitCode::SUCCESS)
}
