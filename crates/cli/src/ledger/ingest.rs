//! `truce ingest`: read, clean and extract documents, and store them in the ledger.
//!
//! Inputs are processed in parallel (rayon) in batches; one writer thread
//! stores each batch in one transaction, so an ingest killed at any moment
//! leaves a consistent ledger and running it again finishes the job.

use super::DbArgs;
use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use truce_extract::Extractor;
use truce_ingest::{read_input, walk_inputs, InputSource};
use truce_ledger::{hash_hex, IngestSummary, Ledger, NewDocument};

/// Arguments of `truce ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Inputs per transaction.
    #[arg(long, default_value_t = 64, value_name = "N")]
    batch: usize,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
    /// Files, directories (read recursively), `-` for standard input; `.gz` is decompressed.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// What processing one input gave.
struct Processed {
    docs: Vec<NewDocument>,
    known: usize,
    errors: Vec<String>,
}

fn process(extractor: &Extractor, ledger: &Ledger, src: &InputSource) -> Processed {
    let mut out = Processed {
        docs: Vec::new(),
        known: 0,
        errors: Vec::new(),
    };
    let raws = match read_input(src) {
        Ok(r) => r,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    for raw in raws {
        let raw_hash = hash_hex(raw.body.as_bytes());
        match ledger.contains_hash(&raw_hash) {
            Ok(true) => {
                out.known += 1;
                continue;
            }
            Ok(false) => {}
            Err(e) => {
                out.errors.push(format!("{}: {e}", raw.origin));
                continue;
            }
        }
        let label = format!("{} ({})", raw.origin, raw.doc_id);
        // A bug in a later stage must not take the other documents down with it.
        let done = catch_unwind(AssertUnwindSafe(|| {
            let mut doc = truce_clean::clean(raw);
            extractor.annotate(&mut doc);
            doc
        }));
        match done {
            Ok(doc) => out.docs.push(NewDocument { doc, raw_hash }),
            Err(_) => out
                .errors
                .push(format!("{label}: internal error while extracting; skipped")),
        }
    }
    out
}

fn progress(total: u64, quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} inputs ({per_sec}, eta {eta}) {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Run the command; exit code 1 when any input failed.
pub fn run(args: IngestArgs) -> Result<ExitCode> {
    // A bug in extraction is reported on one line per document (`process`
    // names the input), not with a backtrace in the middle of the progress.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("truce: internal error{at}");
    }));
    let ledger = args.db.open()?;
    let extractor = Extractor::new()?;
    let mut failed = 0usize;
    let mut inputs: Vec<InputSource> = Vec::new();
    for item in walk_inputs(&args.paths) {
        match item {
            Ok(src) => inputs.push(src),
            Err(e) => {
                eprintln!("truce: {e}");
                failed += 1;
            }
        }
    }
    let bar = progress(inputs.len() as u64, args.quiet);
    let batch = args.batch.max(1);
    let started = std::time::Instant::now();
    let mut total = IngestSummary::default();
    let mut known = 0usize;
    let write_result: Result<()> = std::thread::scope(|scope| {
        // Bounded: extraction runs at most two batches ahead of the writer.
        let (tx, rx) = mpsc::sync_channel::<Vec<NewDocument>>(2);
        let ledger_ref = &ledger;
        let writer = scope.spawn(move || -> Result<IngestSummary> {
            let mut sum = IngestSummary::default();
            for docs in rx {
                let s = ledger_ref.ingest_documents(&docs)?;
                sum.added += s.added;
                sum.replaced += s.replaced;
                sum.unchanged += s.unchanged;
                sum.wire_copies += s.wire_copies;
                sum.reports += s.reports;
            }
            Ok(sum)
        });
        for chunk in inputs.chunks(batch) {
            let results: Vec<Processed> = chunk
                .par_iter()
                .map(|src| process(&extractor, &ledger, src))
                .collect();
            let mut docs = Vec::new();
            for r in results {
                known += r.known;
                for e in &r.errors {
                    bar.suspend(|| eprintln!("truce: {e}"));
                }
                failed += r.errors.len();
                docs.extend(r.docs);
            }
            if !docs.is_empty() && tx.send(docs).is_err() {
                // The writer stopped on an error; it reports it below.
                break;
            }
            bar.inc(chunk.len() as u64);
        }
        drop(tx);
        match writer.join() {
            Ok(Ok(sum)) => {
                total = sum;
                Ok(())
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(anyhow::anyhow!("the ledger writer thread panicked")),
        }
    });
    bar.finish_and_clear();
    write_result?;
    let secs = started.elapsed().as_secs_f64();
    if !args.quiet {
        let stats = ledger.stats()?;
        println!(
            "{} inputs in {secs:.1}s: {} documents added, {} replaced, {} already stored, \
             {} wire copies; {} event reports",
            inputs.len(),
            total.added,
            total.replaced,
            total.unchanged + known,
            total.wire_copies,
            total.reports,
        );
        println!(
            "ledger {}: {} documents ({} independent stories), {} events, {} denial links, \
             {} ceasefires",
            ledger
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            stats.documents,
            stats.wire_groups,
            stats.events,
            stats.denial_links,
            stats.ceasefires,
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
