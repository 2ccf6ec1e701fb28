//! The article-extraction benchmark (shared/data/article-extraction, 181 real
//! news pages) must score F1 >= 0.96 with the benchmark's metric, both for
//! `clean_html` alone and through ingest + clean (the `truce extract` path),
//! and every word of the text must map back to the same word in the page.
//! Skips with a notice when ../shared is absent.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const BAR: f64 = 0.96;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/article-extraction")
}

/// Runs of Unicode word characters, as the scorer's `\w+`.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Multiset of 4-token shingles (one shorter shingle for 1-3 tokens).
fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, i64> {
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        out.insert(toks.to_vec(), 1);
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// (tp, fp, fn) of one item.
fn counts(truth: &str, pred: &str) -> (i64, i64, i64) {
    let (t, p) = (tokens(truth), tokens(pred));
    let (t, p) = (shingles(&t), shingles(&p));
    let tp: i64 = p
        .iter()
        .map(|(k, &n)| n.min(t.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<i64>() - tp;
    let fn_ = t.values().sum::<i64>() - tp;
    (tp, fp, fn_)
}

/// Macro precision, recall and F1 as the benchmark defines them.
fn score(rows: &[(i64, i64, i64)]) -> (f64, f64, f64) {
    let ratio = |num: i64, den: i64, fp: i64, fn_: i64| {
        if fp == 0 && fn_ == 0 {
            1.0
        } else if den == 0 {
            0.0
        } else {
            num as f64 / den as f64
        }
    };
    let ps: Vec<f64> = rows
        .iter()
        .filter(|r| r.0 + r.1 > 0)
        .map(|&(tp, fp, fn_)| ratio(tp, tp + fp, fp, fn_))
        .collect();
    let rs: Vec<f64> = rows
        .iter()
        .filter(|r| r.0 + r.2 > 0)
        .map(|&(tp, fp, fn_)| ratio(tp, tp + fn_, fp, fn_))
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// `s` with `<...>` tags removed.
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words of the text (without character references) whose mapped page bytes differ.
fn misplaced_words(html: &str, text: &str, map: &truce_document::OffsetMap) -> usize {
    let mut bad = 0;
    let mut at = 0;
    for word in text.split_whitespace() {
        let start = text[at..].find(word).map_or(at, |i| at + i);
        at = start + word.len();
        let (s, e) = map.span_to_raw(start, start + word.len());
        let raw = html.get(s..e).unwrap_or("");
        // A word with a decoded reference maps onto the reference, not onto
        // itself; a word split by inline markup maps onto the markup too.
        if without_tags(raw) != word && !raw.contains('&') {
            if bad < 3 {
                eprintln!("misplaced {word:?} -> {raw:?}");
            }
            bad += 1;
        }
    }
    bad
}

#[test]
fn metric_matches_hand_counts() {
    assert_eq!(counts("a b c d e", "a b c d"), (1, 0, 1));
    assert_eq!(counts("x y", "x y"), (1, 0, 0));
    assert_eq!(counts("one two three four", ""), (0, 0, 1));
    let (p, r, f1) = score(&[(1, 0, 1), (0, 0, 1)]);
    assert_eq!((p, r), (1.0, 0.25));
    assert!((f1 - 0.4).abs() < 1e-9);
}

#[test]
fn benchmark_f1_meets_the_bar() {
    let dir = data_dir();
    let truth_path = dir.join("ground-truth.json");
    let Ok(truth_json) = std::fs::read_to_string(&truth_path) else {
        println!(
            "SKIP: {} not found; the article-extraction benchmark needs ../shared",
            truth_path.display()
        );
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&truth_json).expect("ground-truth.json");
    let truth = truth.as_object().expect("ground truth is an object");
    let mut direct = Vec::new();
    let mut pipeline = Vec::new();
    let (mut offset_failures, mut words_checked) = (0usize, 0usize);
    let mut pipeline_offset_failures = 0usize;
    for (id, item) in truth {
        let body = item["articleBody"].as_str().unwrap_or("");
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path).expect("benchmark page");
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut html)
            .expect("gzip page");
        let html = String::from_utf8_lossy(&html);
        let out = truce_clean::html::clean_html(&html);
        direct.push(counts(body, &out.text));
        offset_failures += misplaced_words(&html, &out.text, &out.map);
        words_checked += out.text.split_whitespace().count();

        let ingested = truce_ingest::ingest_bytes(&gz, &path, &Default::default());
        let doc = ingested.docs.into_iter().next().map(truce_clean::clean);
        let text = doc.as_ref().map(|d| d.text.as_str()).unwrap_or("");
        pipeline.push(counts(body, text));
        if let Some(doc) = &doc {
            pipeline_offset_failures += misplaced_words(&html, &doc.text, &doc.offsets);
        }
    }
    assert_eq!(direct.len(), 181, "benchmark pages");
    let (p, r, f1) = score(&direct);
    println!("clean_html: F1 {f1:.4} (P {p:.4}, R {r:.4})");
    let (pp, pr, pf1) = score(&pipeline);
    println!("ingest + clean: F1 {pf1:.4} (P {pp:.4}, R {pr:.4})");
    println!("offsets: {offset_failures} of {words_checked} words misplaced");
    println!("ingest + clean offsets: {pipeline_offset_failures} words misplaced");
    assert_eq!(
        offset_failures, 0,
        "words whose offsets do not point at them"
    );
    assert_eq!(
        pipeline_offset_failures, 0,
        "document words whose offsets do not point at them"
    );
    assert!(f1 >= BAR, "clean_html F1 {f1:.4} < {BAR}");
    assert!(pf1 >= BAR, "ingest + clean F1 {pf1:.4} < {BAR}");
}
