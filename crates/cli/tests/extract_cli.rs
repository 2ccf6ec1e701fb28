//! Runs the `truce extract` binary on the ingest fixtures (tests/fixtures/ingest),
//! on inputs generated in a temp dir (huge files, directories, stdin), and on
//! the shared devset (skipped with a notice when ../shared is absent).

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ingest")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// A fresh directory for one test's generated inputs.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("extract-cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn truce(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("extract")
        .args(args)
        .args(paths)
        .stdin(Stdio::null())
        .output()
        .expect("run truce")
}

fn json_docs(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

fn ids(docs: &[Value]) -> Vec<String> {
    docs.iter()
        .map(|d| d["doc_id"].as_str().unwrap_or("").to_string())
        .collect()
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

#[test]
fn rss_items_are_documents_with_feed_metadata() {
    let out = truce(&["--json"], &[fixture("short-feed.xml")]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(ids(&docs), ["short-feed#1", "short-feed#2"]);
    let first = &docs[0];
    assert_eq!(first["title"], "Herders and farmers agree a truce near Bol");
    assert_eq!(first["published"], "2024-03-11");
    assert_eq!(
        first["url"],
        "https://lakechadcourier.example/2024/03/11/bol-truce"
    );
    assert_eq!(first["outlet"], "Lake Chad Courier");
    assert!(first["text"]
        .as_str()
        .unwrap()
        .contains("Elders from both communities"));
    let second = &docs[1];
    // The item's <source> names the original outlet; the guid is the link.
    assert_eq!(second["outlet"], "Sahel Wire Service");
    assert_eq!(
        second["url"],
        "https://lakechadcourier.example/2024/03/14/bol-truce-broken"
    );
    let text = second["text"].as_str().unwrap();
    assert!(text.contains("BOL \u{2013} Two herders"), "{text}");
    assert!(text.contains("Wednesday & three"), "{text}");
}

#[test]
fn atom_entries_are_documents() {
    let out = truce(&["--json"], &[fixture("atom-feed.atom")]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(ids(&docs), ["atom-feed#1", "atom-feed#2"]);
    assert_eq!(docs[0]["published"], "2023-08-03");
    assert_eq!(docs[0]["outlet"], "Andes Monitor");
    assert_eq!(
        docs[0]["url"],
        "https://andesmonitor.example/2023/08/03/ceasefire"
    );
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("bilateral ceasefire"));
    // No <published>: the <updated> date stands in.
    assert_eq!(docs[1]["published"], "2023-08-10");
    assert!(docs[1]["text"].as_str().unwrap().contains("no violations"));
}

#[test]
fn json_lines_records_keep_their_ids_and_fields() {
    let out = truce(&["--json"], &[fixture("records.jsonl")]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    // Line 2 is blank: the second record is on line 3.
    assert_eq!(ids(&docs), ["dispatch-17", "records#3", "18"]);
    assert_eq!(docs[0]["outlet"], "Kivu Dispatch");
    assert_eq!(docs[0]["published"], "2025-02-06");
    assert_eq!(docs[0]["url"], "https://kivu.example/17");
    assert_eq!(docs[1]["published"], "2023-06-27");
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("About 40 families"));
}

#[test]
fn windows_1251_html_is_decoded() {
    let out = truce(&["--json"], &[fixture("cp1251-page.html")]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(ids(&docs), ["cp1251-page"]);
    let text = docs[0]["text"].as_str().unwrap();
    assert!(text.contains("Новое перемирие вступило в силу"), "{text}");
    assert!(!text.contains('\u{fffd}'));
}

#[test]
fn undeclared_legacy_text_is_read_as_windows_1252_with_a_warning() {
    let path = fixture("latin1-notes.txt");
    let out = truce(&["--json"], std::slice::from_ref(&path));
    assert_eq!(code(&out), 0);
    let docs = json_docs(&out);
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("Café owners in Liège"));
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with(&format!("truce: {}: warning: ", path.display())));
    assert!(err[0].contains("windows-1252"));
    let quiet = truce(&["--json", "--quiet"], &[path]);
    assert!(quiet.stderr.is_empty());
}

#[test]
fn gzip_input_is_decompressed_and_named_by_its_inner_stem() {
    let out = truce(&["--json"], &[fixture("article.txt.gz")]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(ids(&docs), ["article"]);
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("The new truce held"));
    // Detected by magic bytes, not by the name.
    let dir = scratch("gz-renamed");
    let renamed = dir.join("dispatch.txt");
    std::fs::copy(fixture("article.txt.gz"), &renamed).unwrap();
    let docs = json_docs(&truce(&["--json"], &[renamed]));
    assert!(docs[0]["text"]
        .as_str()
        .unwrap()
        .contains("The new truce held"));
}

#[test]
fn a_binary_file_among_good_ones_gives_one_error_line_and_exit_1() {
    let binary = fixture("binary.dat");
    let out = truce(
        &["--json"],
        &[
            fixture("short-feed.xml"),
            binary.clone(),
            fixture("records.jsonl"),
        ],
    );
    assert_eq!(code(&out), 1);
    let docs = json_docs(&out);
    assert_eq!(
        ids(&docs),
        [
            "short-feed#1",
            "short-feed#2",
            "dispatch-17",
            "records#3",
            "18"
        ]
    );
    assert_eq!(
        stderr_lines(&out),
        [format!(
            "truce: {}: binary file, not text",
            binary.display()
        )]
    );
}

#[test]
fn empty_files_and_missing_paths_are_reported_and_the_rest_processed() {
    let empty = fixture("empty.txt");
    let missing = fixture("no-such-file.txt");
    let out = truce(
        &["--json"],
        &[empty.clone(), missing.clone(), fixture("article.txt.gz")],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(ids(&json_docs(&out)), ["article"]);
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 2, "{err:?}");
    assert_eq!(err[0], format!("truce: {}: empty file", empty.display()));
    assert!(
        err[1].starts_with(&format!("truce: {}: cannot read: ", missing.display())),
        "{}",
        err[1]
    );
}

#[test]
fn a_truncated_feed_keeps_its_complete_items_and_fails() {
    let path = fixture("truncated-feed.xml");
    let out = truce(&["--json"], std::slice::from_ref(&path));
    assert_eq!(code(&out), 1);
    assert_eq!(ids(&json_docs(&out)), ["truncated-feed#1"]);
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!("truce: {}: truncated feed: ", path.display())),
        "{}",
        err[0]
    );
    assert!(err[0].contains("1 complete item kept"), "{}", err[0]);
}

#[test]
fn huge_files_are_refused_without_being_read() {
    let dir = scratch("huge");
    // A sparse file: 65 MiB on paper, nothing on disk, over the default limit.
    let huge = dir.join("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(65 << 20).unwrap();
    let small = dir.join("small.txt");
    std::fs::write(&small, "A short dispatch about a truce.\n").unwrap();
    let out = truce(&["--json"], &[huge.clone(), small.clone()]);
    assert_eq!(code(&out), 1);
    assert_eq!(ids(&json_docs(&out)), ["small"]);
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!(
            "truce: {}: file is larger than the 64 MiB limit",
            huge.display()
        )),
        "{}",
        err[0]
    );
    // A lower limit from the command line.
    let medium = dir.join("medium.txt");
    std::fs::write(&medium, "truce ".repeat(400_000)).unwrap();
    let out = truce(
        &["--json", "--max-bytes", "1M"],
        std::slice::from_ref(&medium),
    );
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("file is larger than the 1 MiB limit (2.3 MiB)"));
    let out = truce(&["--json", "--max-bytes", "4M"], &[medium]);
    assert_eq!(code(&out), 0);
}

#[test]
fn gzip_that_expands_past_the_limit_is_refused() {
    let path = fixture("expands.txt.gz");
    let out = truce(
        &["--json", "--max-bytes", "64K"],
        std::slice::from_ref(&path),
    );
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    let err = stderr_lines(&out);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].starts_with(&format!(
            "truce: {}: decompressed size exceeds the 64 KiB limit",
            path.display()
        )),
        "{}",
        err[0]
    );
    // Under the default limit the same file is fine.
    assert_eq!(code(&truce(&["--json"], &[path])), 0);
}

#[test]
fn directories_are_read_recursively_in_sorted_order() {
    let dir = scratch("tree");
    std::fs::create_dir_all(dir.join("b-sub/deeper")).unwrap();
    std::fs::write(dir.join("c.txt"), "Third report.").unwrap();
    std::fs::write(dir.join("a.txt"), "First report.").unwrap();
    std::fs::write(dir.join("b-sub/deeper/z.txt"), "Second report.").unwrap();
    std::fs::write(dir.join(".DS_Store"), [0u8; 16]).unwrap();
    std::fs::copy(fixture("short-feed.xml"), dir.join("b-sub/feed.xml")).unwrap();
    let out = truce(&["--json"], &[dir]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ids(&json_docs(&out)), ["a", "z", "feed#1", "feed#2", "c"]);
}

#[test]
fn a_directory_without_files_is_an_error() {
    let dir = scratch("no-files");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let out = truce(&[], &[dir]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
    assert_eq!(stderr_lines(&out), ["truce: no input files found"]);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["extract", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run truce");
    let feed = std::fs::read(fixture("short-feed.xml")).unwrap();
    child.stdin.take().unwrap().write_all(&feed).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ids(&json_docs(&out)), ["stdin#1", "stdin#2"]);
}

#[test]
fn the_human_summary_names_documents_and_totals() {
    let out = truce(&[], &[fixture("short-feed.xml"), fixture("binary.dat")]);
    assert_eq!(code(&out), 1);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("short-feed#1  [rss]"), "{text}");
    assert!(
        text.contains("Lake Chad Courier · 2024-03-11 · https://"),
        "{text}"
    );
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.starts_with("2 documents from 2 inputs in ") && last.contains("1 input failed"),
        "{last}"
    );
}

#[test]
fn help_documents_formats_limits_and_exit_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["extract", "--help"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--max-bytes",
        "RSS 2.0",
        "Atom",
        "JSON Lines",
        "windows-1252",
        "64 MiB",
        "EXIT STATUS",
        "gzip",
        "stem#N",
    ] {
        assert!(help.contains(needle), "help lacks {needle:?}:\n{help}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&truce(&[], &[])), 2);
    assert_eq!(
        code(&truce(&["--max-bytes", "lots"], &[fixture("empty.txt")])),
        2
    );
    assert_eq!(code(&truce(&["--frobnicate"], &[fixture("empty.txt")])), 2);
}

/// The shared devset, or `None` (with a notice) when ../shared is absent.
fn devset() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/devset");
    if dir.join("gold.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared is absent; skipping the devset doc_id test");
        None
    }
}

#[test]
fn devset_files_produce_the_gold_doc_ids() {
    let Some(dir) = devset() else { return };
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "xml")
            )
        })
        .collect();
    inputs.sort();
    let out = truce(&["--json"], &inputs);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let mut got = ids(&json_docs(&out));
    let gold = std::fs::read_to_string(dir.join("gold.jsonl")).unwrap();
    let mut want: Vec<String> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["doc_id"].as_str().unwrap().to_string()
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Feed items carry the metadata the feed states.
    let docs = json_docs(&out);
    let gold_by_id: std::collections::HashMap<String, Value> = gold
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| (v["doc_id"].as_str().unwrap_or("").to_string(), v))
        .collect();
    for d in docs
        .iter()
        .filter(|d| d["doc_id"].as_str().unwrap_or("").contains('#'))
    {
        let g = &gold_by_id[d["doc_id"].as_str().unwrap()];
        for field in ["title", "published", "url", "outlet"] {
            assert_eq!(d[field], g[field], "{} {field}", d["doc_id"]);
        }
    }
}
