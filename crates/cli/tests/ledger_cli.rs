//! End-to-end tests of the ledger commands with the `truce` binary:
//! `ingest`, `events`, `ceasefire`, `tally`, `export`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use truce_ledger::{Ledger, LedgerStats};

fn truce() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_truce"));
    c.env_remove("TRUCE_DB");
    c
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ledger")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

fn run(args: &[&str], db: &Path) -> Output {
    let out = truce()
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run truce");
    assert!(
        out.status.success(),
        "truce {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn ingest(db: &Path, paths: &[PathBuf]) -> String {
    let out = truce()
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(paths)
        .output()
        .expect("run truce ingest");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn json(args: &[&str], db: &Path) -> serde_json::Value {
    let out = run(args, db);
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn stats(db: &Path) -> LedgerStats {
    let mut s = Ledger::open(db).unwrap().stats().unwrap();
    s.change = 0;
    s
}

fn countries(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p["country"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn reingesting_the_same_files_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let first = ingest(&db, &[fixtures()]);
    assert!(first.contains("6 documents added"), "{first}");
    let before = stats(&db);
    let events_before = json(&["events", "--json"], &db);
    let second = ingest(&db, &[fixtures()]);
    assert!(second.contains("0 documents added"), "{second}");
    assert!(second.contains("6 already stored"), "{second}");
    assert_eq!(stats(&db), before);
    assert_eq!(json(&["events", "--json"], &db), events_before);
    assert_eq!(Ledger::open(&db).unwrap().integrity_check().unwrap(), "ok");
}

#[test]
fn the_db_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    let out = truce()
        .arg("ingest")
        .arg(fixture("01-moscow-truce.txt"))
        .env("TRUCE_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
    // Queries on a missing ledger fail clearly rather than create one.
    let missing = dir.path().join("missing.db");
    let out = truce()
        .args(["events", "--db"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.db"));
    assert!(!missing.exists());
}

#[test]
fn a_wire_copy_is_linked_and_does_not_raise_corroboration() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    ingest(&db, &[fixture("05-wire-story.txt")]);
    let before = json(&["events", "--json"], &db);
    let out = ingest(&db, &[fixture("06-wire-story-copy.txt")]);
    assert!(out.contains("1 wire copies"), "{out}");
    assert!(out.contains("2 documents (1 independent stories)"), "{out}");
    let after = json(&["events", "--json"], &db);
    let corroboration = |v: &serde_json::Value| -> Vec<(String, u64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["event_type"].as_str().unwrap_or("").to_string(),
                    e["corroboration"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    assert_eq!(corroboration(&before), corroboration(&after));
}

#[test]
fn a_claim_and_its_denial_in_two_outlets_become_one_event_with_both() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    ingest(
        &db,
        &[
            fixture("02-stepanakert-claim.txt"),
            fixture("03-stepanakert-denial.txt"),
        ],
    );
    let events = json(
        &["events", "--json", "--type", "ASSAULT", "--country", "ARM"],
        &db,
    );
    let merged: Vec<&serde_json::Value> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source"]["country"] == "AZE" && e["documents"].as_u64().unwrap_or(0) >= 2)
        .collect();
    assert_eq!(
        merged.len(),
        1,
        "one AZE->ARM shelling reported by both documents: {events:#}"
    );
    let e = merged[0];
    assert!(
        countries(&e["asserted_by"]).contains(&"ARM".to_string()),
        "{e:#}"
    );
    assert!(
        countries(&e["denied_by"]).contains(&"AZE".to_string()),
        "{e:#}"
    );
    assert_eq!(e["status"], "denied");
    assert_eq!(e["corroboration"], 1, "Armenia's claim counts once: {e:#}");
    let id = e["id"].as_i64().unwrap().to_string();
    let detail = json(&["events", "--json", "--id", &id], &db);
    assert!(
        !detail["denials"].as_array().unwrap().is_empty(),
        "{detail:#}"
    );
}

#[test]
fn the_ceasefire_report_shows_each_sides_claims_on_the_right_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    ingest(&db, &[fixtures()]);
    let list = json(&["ceasefire", "list", "--json"], &db);
    let truce = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["start_date"] == "2020-10-10" && c["parties"] == serde_json::json!(["ARM", "AZE"])
        })
        .unwrap_or_else(|| panic!("the Moscow truce is found: {list:#}"));
    let id = truce["id"].as_i64().unwrap().to_string();
    let report = json(&["ceasefire", "report", "--json", &id], &db);
    let days = report[0]["days"].as_array().unwrap();
    let d12 = days
        .iter()
        .find(|d| d["date"] == "2020-10-12")
        .unwrap_or_else(|| panic!("12 October is in the report: {report:#}"));
    let by = |p: &str| {
        d12["asserted"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["party"] == p)
            .and_then(|a| a["count"].as_u64())
            .unwrap_or(0)
    };
    assert!(by("ARM") >= 1, "Armenia's claim on the 12th: {d12:#}");
    assert!(by("AZE") >= 1, "Azerbaijan's claim on the 12th: {d12:#}");
    assert!(d12["denied"].as_u64().unwrap_or(0) >= 1, "{d12:#}");
    let d10 = days.iter().find(|d| d["date"] == "2020-10-10").unwrap();
    assert_eq!(d10["asserted"][0]["count"], 0);
    // The table and CSV forms.
    let table = String::from_utf8(run(&["ceasefire", "report", &id], &db).stdout).unwrap();
    assert!(table.contains("2020-10-12"), "{table}");
    let csv = String::from_utf8(run(&["ceasefire", "report", "--csv", &id], &db).stdout).unwrap();
    assert!(csv.starts_with("ceasefire,date,asserted_by_ARM,asserted_by_AZE,observed,denied"));
}

#[test]
fn a_ceasefire_declared_by_hand_is_listed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    ingest(&db, &[fixture("04-tartar-claim.txt")]);
    let out = run(
        &[
            "ceasefire",
            "add",
            "--parties",
            "ARM,AZE",
            "--start",
            "2020-10-10T12:00",
            "--area",
            "Nagorno-Karabakh",
        ],
        &db,
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ARM-AZE"));
    let list = json(&["ceasefire", "list", "--json"], &db);
    let manual = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["origin"] == "manual")
        .unwrap();
    assert_eq!(manual["start"], "2020-10-10T12:00");
    assert_eq!(manual["area"], "Nagorno-Karabakh");
    let id = manual["id"].as_i64().unwrap().to_string();
    let report = json(&["ceasefire", "report", "--json", &id], &db);
    assert_eq!(report[0]["from"], "2020-10-10");
    let bad = truce()
        .args([
            "ceasefire",
            "add",
            "--parties",
            "ARM,AZE",
            "--start",
            "yesterday",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("yesterday"));
}

#[test]
fn exports_and_queries_are_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    ingest(&db, &[fixtures()]);
    let n_events = stats(&db).events as usize;
    let geo = json(&["export", "--format", "geojson"], &db);
    check_geojson(&geo);
    let csv = String::from_utf8(run(&["export", "--format", "csv"], &db).stdout).unwrap();
    let header = csv.lines().next().unwrap();
    for col in [
        "event_date",
        "precision",
        "type",
        "mode",
        "actor1",
        "actor2",
        "country",
        "location",
        "latitude",
        "longitude",
        "source",
        "claimed_by",
        "status",
        "fatalities_best",
        "fatalities_low",
        "fatalities_high",
        "notes",
    ] {
        assert!(header.split(',').any(|h| h == col), "{col} in {header}");
    }
    let jsonl = String::from_utf8(run(&["export", "--format", "jsonl"], &db).stdout).unwrap();
    assert_eq!(jsonl.lines().count(), n_events);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["event"].is_string() && v["id"].is_string());
    }
    let out_file = dir.path().join("events.geojson");
    run(
        &[
            "export",
            "--format",
            "geojson",
            "-o",
            out_file.to_str().unwrap(),
        ],
        &db,
    );
    assert!(out_file.exists());
    // Filters parse and narrow.
    let all = json(&["events", "--json"], &db).as_array().unwrap().len();
    let since = json(&["events", "--json", "--since", "2020-10-11"], &db);
    assert!(since.as_array().unwrap().len() <= all);
    for e in since.as_array().unwrap() {
        assert!(e["date_end"].as_str().unwrap_or("9999") >= "2020-10-11");
    }
    let near = json(&["events", "--json", "--near", "39.8177,46.7528,1"], &db);
    for e in near.as_array().unwrap() {
        assert_eq!(e["place"]["name"], "Stepanakert");
    }
    let table = String::from_utf8(run(&["events"], &db).stdout).unwrap();
    assert!(table.starts_with("    id"), "{table}");
    let bad = truce()
        .args(["events", "--near", "1,2", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let tally = json(&["tally", "--json", "--country", "AZE"], &db);
    assert!(tally["killed"]["by_party"].is_array());
    run(&["tally"], &db);
    let bad = truce()
        .args(["export", "--format", "xml", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("xml"));
}

fn check_geojson(geo: &serde_json::Value) {
    assert_eq!(geo["type"], "FeatureCollection");
    for f in geo["features"].as_array().expect("features") {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert!(f["properties"].is_object());
    }
}

/// Small varied articles for the kill test (not from any real source).
fn write_articles(dir: &Path, n: usize) {
    let towns = [
        ("Stepanakert", "Armenia", "Azerbaijani"),
        ("Tartar", "Azerbaijan", "Armenian"),
        ("Martuni", "Armenia", "Azerbaijani"),
        ("Hadrut", "Armenia", "Azerbaijani"),
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday"];
    for i in 0..n {
        let (town, accuser, accused) = towns[i % towns.len()];
        let day = days[(i / 4) % days.len()];
        let date = 12 + (i % 5);
        let text = format!(
            "Shelling reported near {town}, report {i}\n\nBy Staff\n{date} October 2020\n\n\
             {accuser}'s defence ministry said {accused} forces shelled {town} on {day}, \
             in what it called report number {i}.\n\nThe ministry said {k} civilians were \
             killed and {w} were wounded. Officials said the truce agreed in Moscow was not \
             being respected, and item {i} was filed at {h} hours.\n",
            k = 1 + i % 4,
            w = 2 + i % 3,
            h = 100 + i * 7,
        );
        std::fs::write(dir.join(format!("article-{i:04}.txt")), text).unwrap();
    }
}

/// A small deterministic generator for the kill points.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn an_ingest_killed_at_random_points_then_rerun_gives_the_same_ledger() {
    const ARTICLES: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    write_articles(&inputs, ARTICLES);
    let ingest_cmd = |db: &Path| {
        let mut c = truce();
        c.args(["ingest", "--quiet", "--batch", "2", "--db"])
            .arg(db)
            .arg(&inputs);
        c
    };
    let reference = dir.path().join("reference.db");
    let out = ingest_cmd(&reference).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = stats(&reference);
    assert_eq!(want.documents, ARTICLES as u64);
    let mut rng = Lcg(0x5eed);
    let mut killed_midway = 0;
    for trial in 0..10 {
        let db = dir.path().join(format!("trial-{trial}.db"));
        let mut child = ingest_cmd(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill once a random number of documents is committed (the writer
        // keeps going between the poll and the kill: the point is random).
        let target = 1 + rng.next() % (ARTICLES as u64 - 2);
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut watcher: Option<Ledger> = None;
        loop {
            if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                break;
            }
            if watcher.is_none() && db.exists() {
                watcher = Ledger::open(&db).ok();
            }
            if let Some(l) = &watcher {
                if l.stats().map(|s| s.documents >= target).unwrap_or(false) {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(1 + rng.next() % 3));
        }
        drop(watcher);
        // SIGKILL: no chance to clean up.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            killed_midway += 1;
        }
        let l = Ledger::open(&db).unwrap();
        assert_eq!(
            l.integrity_check().unwrap(),
            "ok",
            "after the kill, trial {trial}"
        );
        let partial = l.stats().unwrap().documents;
        drop(l);
        let out = ingest_cmd(&db).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let l = Ledger::open(&db).unwrap();
        assert_eq!(l.integrity_check().unwrap(), "ok", "trial {trial}");
        assert_eq!(
            stats(&db),
            want,
            "trial {trial} (killed at {partial} of {ARTICLES} documents)"
        );
    }
    assert!(killed_midway >= 5, "trials killed midway: {killed_midway}");
}

#[test]
fn the_devset_gives_the_moscow_truce_and_valid_geojson() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/devset");
    if !shared.is_dir() {
        eprintln!("SKIP: {} is absent", shared.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("devset.db");
    // The devset may hold files the ingest refuses; the rest is stored.
    let out = truce()
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .arg(&shared)
        .output()
        .unwrap();
    assert!(db.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = json(&["ceasefire", "list", "--json"], &db);
    let truce = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["start_date"] == "2020-10-10" && c["parties"] == serde_json::json!(["ARM", "AZE"])
        })
        .unwrap_or_else(|| panic!("the Moscow truce of 2020-10-10 is listed: {list:#}"));
    let id = truce["id"].as_i64().unwrap().to_string();
    let report = json(&["ceasefire", "report", "--json", &id], &db);
    let d12 = report[0]["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == "2020-10-12")
        .cloned()
        .unwrap_or_else(|| panic!("12 October is in the report: {report:#}"));
    for party in ["ARM", "AZE"] {
        let n = d12["asserted"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["party"] == party)
            .and_then(|a| a["count"].as_u64())
            .unwrap_or(0);
        assert!(
            n >= 1,
            "violations claimed by {party} on 2020-10-12: {d12:#}"
        );
    }
    let geo = json(&["export", "--format", "geojson"], &db);
    check_geojson(&geo);
    let located = json(&["events", "--json"], &db)
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["place"]["lat"].is_number() && e["place"]["lon"].is_number())
        .count();
    assert_eq!(geo["features"].as_array().unwrap().len(), located);
    assert!(located > 0);
}
