//! `truce extract`: ingest → clean → extract, printed as JSON Lines or a summary.

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use truce_document::Document;
use truce_extract::Extractor;
use truce_ingest::{read_input, walk_inputs, InputSource};

/// Arguments of `truce extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Print one JSON object per document per line (the extraction contract).
    #[arg(long)]
    json: bool,
    /// Files, directories (read recursively), `-` for standard input; `.gz` is decompressed.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// How many inputs are read and processed in parallel at once; bounds memory.
const BATCH: usize = 256;

/// Run the command; exit code 1 when any input failed.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let extractor = Extractor::new()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut batch: Vec<InputSource> = Vec::with_capacity(BATCH);
    let mut inputs = walk_inputs(&args.paths);
    loop {
        batch.clear();
        for item in inputs.by_ref() {
            match item {
                Ok(src) => batch.push(src),
                Err(e) => {
                    eprintln!("truce: {e}");
                    failed += 1;
                }
            }
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<_> = batch
            .par_iter()
            .map(|src| process(&extractor, src))
            .collect();
        for result in results {
            match result {
                Ok(docs) => {
                    for doc in docs {
                        print_doc(&mut out, &doc, args.json)?;
                    }
                }
                Err(e) => {
                    out.flush()?;
                    eprintln!("truce: {e}");
                    failed += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn process(
    extractor: &Extractor,
    src: &InputSource,
) -> Result<Vec<Document>, truce_ingest::IngestError> {
    let raws = read_input(src)?;
    Ok(raws
        .into_iter()
        .map(|raw| {
            let mut doc = truce_clean::clean(raw);
            extractor.annotate(&mut doc);
            doc
        })
        .collect())
}

fn print_doc(out: &mut impl Write, doc: &Document, json: bool) -> Result<()> {
    if json {
        serde_json::to_writer(&mut *out, &doc.to_contract())?;
        writeln!(out)?;
        return Ok(());
    }
    let ann = &doc.ann;
    writeln!(out, "{}  ({})", doc.doc_id, doc.origin)?;
    if let Some(t) = &doc.meta.title {
        writeln!(out, "  title:     {t}")?;
    }
    let published = doc
        .meta
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".into());
    writeln!(
        out,
        "  published: {published}   outlet: {}",
        doc.meta.outlet.as_deref().unwrap_or("unknown")
    )?;
    if let Some(u) = &doc.meta.url {
        writeln!(out, "  url:       {u}")?;
    }
    writeln!(
        out,
        "  {} chars; {} places, {} actors, {} figures, {} events",
        doc.text.chars().count(),
        ann.places.len(),
        ann.actors.len(),
        ann.figures.len(),
        ann.events.len()
    )?;
    for e in &ann.events {
        let party = |p: &Option<truce_document::Party>| {
            p.as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "?".into())
        };
        let date = e.date.map(|d| d.start.to_string()).unwrap_or_default();
        let by = e
            .claimed_by
            .as_ref()
            .map(|c| format!(" according to {}", c.name))
            .unwrap_or_default();
        writeln!(
            out,
            "    {date} {:<9} {} -> {} [{}{}]{}",
            e.event_type.as_str(),
            party(&e.source),
            party(&e.target),
            e.status.as_str(),
            if e.ceasefire_violation {
                ", ceasefire violation"
            } else {
                ""
            },
            by
        )?;
    }
    Ok(())
}
