//! Time each extraction stage over a JSON Lines corpus of `{"text": ...}` records.
//!
//! `cargo run --release -p truce-extract --example stage_timing -- corpus.jsonl`
//! Prints the start-up time and, per stage, seconds and MB/s on one core.

use std::time::Instant;
use truce_document::Document;
use truce_extract::{actors, dates, events, figures, places, sentences, tokens, Extractor};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stage_timing CORPUS.jsonl");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| {
            let start = l.find("\"text\": \"")? + 9;
            let end = l[start..].find("\", \"")? + start;
            Some(l[start..end].replace("\\n", "\n").replace("\\\"", "\""))
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = Instant::now();
    let ex = match Extractor::new() {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!(
        "start-up {:.0} ms; {} documents, {:.1} MB",
        t0.elapsed().as_secs_f64() * 1e3,
        texts.len(),
        bytes as f64 / 1e6
    );
    let mut docs: Vec<Document> = texts
        .into_iter()
        .map(|text| Document {
            text,
            meta: truce_document::Metadata {
                published: chrono::NaiveDate::from_ymd_opt(2024, 1, 15),
                ..Default::default()
            },
            ..Default::default()
        })
        .collect();
    let mb = bytes as f64 / 1e6;
    let mut stage = |name: &str, f: &mut dyn FnMut(&mut Document)| {
        let t = Instant::now();
        for d in docs.iter_mut() {
            f(d);
        }
        let s = t.elapsed().as_secs_f64();
        println!("{name:<10} {s:>7.3} s  {:>8.1} MB/s", mb / s);
    };
    stage("sentences", &mut |d| sentences::annotate(d));
    stage("places", &mut |d| places::annotate(ex.gazetteer(), d));
    let mut all_mentions = Vec::new();
    stage("actors", &mut |d| {
        let words = tokens::tokenize(&d.text, truce_document::Span::new(0, d.text.len()));
        let m = actors::recognise(ex.actors(), ex.gazetteer(), d, &words);
        d.ann.actors = actors::merge(&m);
        all_mentions.push(m);
    });
    stage("dates", &mut |d| dates::annotate(d));
    stage("figures", &mut |d| figures::annotate(d));
    let mut i = 0;
    stage("events", &mut |d| {
        events::annotate(ex.lexicon(), ex.gazetteer(), &all_mentions[i], d);
        i += 1;
    });
}
