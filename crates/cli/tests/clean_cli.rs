//! The clean stage seen through the binary: `truce extract --json` on the
//! shared development set (skipped with a notice when `../shared` is absent)
//! and on our own print-capture fixtures in `tests/fixtures/clean/`.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn devset() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/data/devset");
    if dir.join("gold.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared is absent; skipping the devset part of the clean test");
        None
    }
}

/// Run `truce extract --json` on `paths`; one JSON object per document, by doc_id.
fn extract(paths: &[PathBuf]) -> HashMap<String, Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("extract")
        .arg("--json")
        .args(paths)
        .output()
        .expect("run truce");
    assert!(
        out.status.success(),
        "truce failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("one JSON object per line"))
        .map(|v| (v["doc_id"].as_str().unwrap_or_default().to_string(), v))
        .collect()
}

fn str_field<'a>(doc: &'a Value, field: &str) -> Option<&'a str> {
    doc[field].as_str()
}

fn text(doc: &Value) -> &str {
    str_field(doc, "text").expect("text is a string")
}

/// Every paragraph is one line, separated by a blank line.
fn assert_reflowed(doc: &Value) {
    for p in text(doc).split("\n\n") {
        assert!(!p.is_empty() && !p.contains('\n'), "not re-flowed: {p:?}");
    }
}

fn no_furniture(doc: &Value) {
    let t = text(doc);
    for bad in [
        "http://",
        "https://",
        "www.",
        "Related article",
        "Original url",
        "Page 1",
    ] {
        assert!(!t.contains(bad), "{bad:?} left in {}", doc["doc_id"]);
    }
}

#[test]
fn seed_capture_is_cleaned_and_its_metadata_read() {
    let Some(dir) = devset() else {
        return;
    };
    let docs = extract(&[dir.join("seed.txt")]);
    let seed = &docs["seed"];
    assert_eq!(str_field(seed, "published"), Some("2020-10-12"));
    assert_eq!(
        str_field(seed, "url"),
        Some("https://www.themoscowtimes.com/2020/10/12/armenia-azerbaijan-clash-over-karabakh-as-russia-urges-halt-a71717")
    );
    assert_eq!(str_field(seed, "outlet"), Some("The Moscow Times"));
    assert_eq!(seed["title"], Value::Null);
    let t = text(seed);
    let first = t.split("\n\n").next().unwrap_or_default();
    assert!(
        first.starts_with("Russia on Monday urged Armenia and Azerbaijan"),
        "first paragraph: {first:?}"
    );
    assert!(!first.contains('\n'));
    assert_reflowed(seed);
    no_furniture(seed);
    // The photo credit and the caption above it are gone.
    assert!(!t.contains("Sharifulin"));
    assert!(!t.contains("TASS"));
    // Real hyphens survive, the break across a line end is mended.
    assert!(t.contains("over Nagorno-Karabakh, a breakaway region"));
    assert!(t.contains("pro-Ankara"));
    assert!(t.contains("ex-Soviet"));
    assert!(t.contains("T-72"));
}

#[test]
fn every_devset_document_gets_its_gold_publication_date() {
    let Some(dir) = devset() else {
        return;
    };
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read devset")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "xml")
            )
        })
        .collect();
    inputs.sort();
    let docs = extract(&inputs);
    let gold = std::fs::read_to_string(dir.join("gold.jsonl")).expect("read gold");
    let mut checked = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).expect("gold line");
        let id = g["doc_id"].as_str().expect("gold doc_id");
        let doc = docs.get(id).unwrap_or_else(|| panic!("no output for {id}"));
        assert_eq!(doc["published"], g["published"], "published of {id}");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} gold documents");
    // Every document's text is re-flowed into one line per paragraph.
    for doc in docs.values() {
        assert_reflowed(doc);
    }
}

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/clean").join(name)
}

#[test]
fn own_print_captures_are_cleaned() {
    let docs = extract(&[
        fixture("caption-first.txt"),
        fixture("headline-caption.txt"),
        fixture("masthead.txt"),
        fixture("published-line.txt"),
        fixture("byline-date.txt"),
        fixture("running-heads.txt"),
    ]);
    assert_eq!(docs.len(), 6);
    for doc in docs.values() {
        assert_reflowed(doc);
        no_furniture(doc);
    }

    let d = &docs["caption-first"];
    assert_eq!(d["title"], Value::Null);
    assert_eq!(str_field(d, "published"), Some("2021-03-15"));
    assert_eq!(str_field(d, "outlet"), Some("Northern Ledger"));
    assert!(text(d).starts_with("Valdoria on Monday urged"));
    assert!(text(d).contains("a wider war with pro-Valdorian militias"));

    let d = &docs["headline-caption"];
    assert_eq!(
        str_field(d, "title"),
        Some("Rebels broke the new river truce within hours, army says")
    );
    assert_eq!(str_field(d, "published"), Some("2020-07-28"));
    assert_eq!(
        str_field(d, "url"),
        Some(
            "https://www.northvalecourier.example/2020/07/28/rebels-broke-river-truce-within-hours"
        )
    );
    assert!(text(d).starts_with("NORTHVALE - The army said"));

    let d = &docs["masthead"];
    assert_eq!(str_field(d, "outlet"), Some("Lakeside Ledger"));
    assert_eq!(str_field(d, "published"), Some("2021-03-03"));
    assert_eq!(d["url"], Value::Null);

    let d = &docs["published-line"];
    assert_eq!(str_field(d, "published"), Some("2019-06-05"));
    assert_eq!(str_field(d, "outlet"), Some("Meadow Valley Monitor"));
    assert!(text(d).contains("surveillance cameras"));

    let d = &docs["byline-date"];
    assert_eq!(str_field(d, "published"), Some("2023-08-04"));
    assert!(!text(d).contains("Ana Ruiz"));

    let d = &docs["running-heads"];
    assert_eq!(str_field(d, "outlet"), Some("Riverside Gazette"));
    assert!(!text(d).contains("RIVERSIDE"));
}
