//! Throughput of `truce_clean::clean` alone, on one core.
//!
//! Usage: `cargo run --release -p truce-clean --example clean_speed -- FILE...`
//! Each file is cleaned as a document of its own (plain text unless its
//! content starts with `<`), repeated until about 20 MB have been cleaned;
//! then the text files are concatenated into one ~5 MB document to show
//! that cleaning stays linear in the size of a document.

use std::time::Instant;
use truce_document::{Format, Metadata, OffsetMap};
use truce_ingest::{BodyKind, RawDocument};

fn raw(body: &str) -> RawDocument {
    let html = body.trim_start().starts_with('<');
    RawDocument {
        doc_id: "bench".into(),
        origin: "bench".into(),
        format: if html { Format::Html } else { Format::Text },
        body_kind: if html { BodyKind::Html } else { BodyKind::Text },
        body: body.to_string(),
        body_map: OffsetMap::identity(body.len()),
        meta: Metadata::default(),
    }
}

fn report(label: &str, bytes: usize, secs: f64) {
    println!(
        "{label}: {:.1} MB in {:.3} s = {:.1} MB/s",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
}

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(&p).ok())
        .collect();
    if files.is_empty() {
        eprintln!("usage: clean_speed FILE...");
        std::process::exit(2);
    }
    for (label, docs) in [
        (
            "text",
            files
                .iter()
                .filter(|f| !f.trim_start().starts_with('<'))
                .collect::<Vec<_>>(),
        ),
        (
            "html",
            files
                .iter()
                .filter(|f| f.trim_start().starts_with('<'))
                .collect::<Vec<_>>(),
        ),
    ] {
        let size: usize = docs.iter().map(|d| d.len()).sum();
        if size == 0 {
            continue;
        }
        let rounds = (20_000_000 / size).max(1);
        let inputs: Vec<RawDocument> = (0..rounds)
            .flat_map(|_| docs.iter().map(|d| raw(d)))
            .collect();
        let start = Instant::now();
        let mut out = 0usize;
        for r in inputs {
            out += truce_clean::clean(r).text.len();
        }
        report(
            &format!("{label} documents, one core"),
            size * rounds,
            start.elapsed().as_secs_f64(),
        );
        assert!(out > 0);
    }
    let text: Vec<&String> = files
        .iter()
        .filter(|f| !f.trim_start().starts_with('<'))
        .collect();
    let unit: String = text.iter().map(|s| format!("{s}\n\n")).collect();
    if !unit.is_empty() {
        let big = unit.repeat((5_000_000 / unit.len()).max(1));
        let start = Instant::now();
        let doc = truce_clean::clean(raw(&big));
        report(
            "one 5 MB text document",
            big.len(),
            start.elapsed().as_secs_f64(),
        );
        assert!(!doc.text.is_empty());
    }
}
