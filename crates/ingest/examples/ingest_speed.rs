//! Measures ingest throughput (MB/s) per input kind on generated inputs.
//!
//! `cargo run --release -p truce-ingest --example ingest_speed [PATH...]`:
//! with paths, times reading those files instead.

use std::path::Path;
use std::time::Instant;
use truce_ingest::{ingest_bytes, ReadOptions};

const PARAGRAPH: &str =
    "KYIV - Ukraine and Russia accused each other on Sunday of breaching a 30-hour truce; \
    officials said 26 assaults were recorded between midnight and noon near Pokrovsk.\n\n";

fn text(bytes: usize) -> Vec<u8> {
    PARAGRAPH.repeat(bytes / PARAGRAPH.len() + 1).into_bytes()
}

fn rss(items: usize) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire - World</title>",
    );
    for i in 0..items {
        s.push_str(&format!(
            "<item><title>Item {i}</title><link>https://wire.example/{i}</link>\
             <pubDate>Sun, 20 Apr 2025 19:45:00 GMT</pubDate>\
             <description><![CDATA[<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>]]></description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s.into_bytes()
}

fn escaped_rss(items: usize) -> Vec<u8> {
    let mut s = String::from("<rss><channel><title>Wire</title>");
    for i in 0..items {
        s.push_str(&format!(
            "<item><title>Item {i}</title><description>&lt;p&gt;{PARAGRAPH}&lt;/p&gt; &amp; more &#8212; end</description></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s.into_bytes()
}

fn jsonl(lines: usize) -> Vec<u8> {
    let text = serde_json::to_string(PARAGRAPH).unwrap_or_default();
    (0..lines)
        .map(|i| format!("{{\"id\": \"r{i}\", \"text\": {text}, \"published\": \"2025-04-20\"}}\n"))
        .collect::<String>()
        .into_bytes()
}

fn cyrillic(bytes: usize) -> Vec<u8> {
    let para = "КИЕВ - Новое перемирие вступило в силу в полночь, сообщили в штабе.\n";
    let source = para.repeat(bytes / para.len() + 1);
    let (enc, _, _) = encoding_rs::WINDOWS_1251.encode(&source);
    let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
    page.extend_from_slice(&enc);
    page
}

fn time(label: &str, name: &str, bytes: &[u8]) {
    let opts = ReadOptions::default();
    let runs = 5;
    let start = Instant::now();
    let mut docs = 0;
    for _ in 0..runs {
        let got = ingest_bytes(bytes, Path::new(name), &opts);
        if let Some(e) = got.error {
            eprintln!("{label}: {e}");
        }
        docs = got.docs.len();
    }
    let secs = start.elapsed().as_secs_f64() / runs as f64;
    println!(
        "{label:<28} {:>8.1} MB  {docs:>6} docs  {:>8.1} ms  {:>7.0} MB/s",
        bytes.len() as f64 / 1e6,
        secs * 1e3,
        bytes.len() as f64 / 1e6 / secs
    );
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if !paths.is_empty() {
        for p in paths {
            match std::fs::read(&p) {
                Ok(b) => time(&p, &p, &b),
                Err(e) => eprintln!("{p}: {e}"),
            }
        }
        return;
    }
    time("plain text (UTF-8)", "a.txt", &text(20 << 20));
    time("RSS, CDATA bodies", "f.xml", &rss(20_000));
    time("RSS, escaped bodies", "f.xml", &escaped_rss(20_000));
    time("JSON Lines", "r.jsonl", &jsonl(50_000));
    time("HTML, windows-1251", "p.html", &cyrillic(5 << 20));
    time("HTML, windows-1251 (large)", "p.html", &cyrillic(20 << 20));
}
