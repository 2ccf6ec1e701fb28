//! `truce serve` API integration tests: the real binary over a ledger built from the
//! fixture articles in tests/fixtures/server through the real pipeline. Assertions are
//! about the API's behaviour (status codes, filters, pagination, tokens, limits), not
//! about what extraction finds.

#[path = "../../../tests/e2e/server.rs"]
mod server;

use serde_json::Value;
use server::{fixtures, get, post, request, TestServer};
use std::collections::HashSet;
use std::sync::OnceLock;

const TOKEN: &str = "test-token-7f3a";

/// One read-only server shared by the tests that do not write.
fn reader() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| TestServer::on_fixtures(&["--token", TOKEN]))
}

fn all_events(s: &TestServer, query: &str) -> Vec<Value> {
    let r = get(s, &format!("/api/events?limit=1000&{query}"), None);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let events = v["events"].as_array().expect("events array").clone();
    assert_eq!(
        v["total"].as_u64(),
        Some(events.len() as u64),
        "one page holds all"
    );
    events
}

#[test]
fn the_fixture_ledger_has_events_and_documents() {
    let s = reader();
    let stats = get(s, "/api/stats", None).json();
    assert!(stats["documents"].as_u64().unwrap_or(0) >= 4, "{stats}");
    let events = all_events(s, "");
    assert!(!events.is_empty(), "the fixtures produce some events");
}

#[test]
fn openapi_describes_every_endpoint() {
    let s = reader();
    let r = get(s, "/api/openapi.json", None);
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("application/json"));
    let v = r.json();
    assert!(v["openapi"].as_str().is_some_and(|o| o.starts_with("3.")));
    for path in [
        "/api/events",
        "/api/events/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/ceasefires",
        "/api/ceasefires/{id}/days",
        "/api/tally",
        "/api/stream",
    ] {
        assert!(
            v["paths"][path].is_object(),
            "{path} missing from openapi.json"
        );
    }
    assert!(v["paths"]["/api/documents"]["post"]["security"].is_array());
}

#[test]
fn dashboard_is_served_from_embedded_assets_only() {
    let s = reader();
    let r = get(s, "/", None);
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/html"));
    assert!(r.body.contains("/assets/app.js"));
    let csp = r.header("content-security-policy").expect("CSP header");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let js = get(s, "/assets/app.js", None);
    assert_eq!(js.status, 200);
    assert!(js.content_type.starts_with("text/javascript"));
    let outlines = get(s, "/assets/countries-110m.json", None);
    assert_eq!(outlines.status, 200);
    assert!(outlines.json()["countries"]
        .as_array()
        .is_some_and(|c| c.len() > 100));
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/etc/passwd",
        "/crates/server/assets/app.js",
    ] {
        let r = get(s, path, None);
        assert_eq!(r.status, 404, "{path} must not be served");
        assert!(
            !r.body.contains("[package]") && !r.body.contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn unknown_endpoints_and_methods_are_json_errors() {
    let s = reader();
    let r = get(s, "/api/nope", None);
    assert_eq!(r.status, 404);
    assert!(r.error_message().contains("/api/nope"));
    let r = request(s, "DELETE", "/api/events");
    assert_eq!(r.status, 405);
    assert!(!r.error_message().is_empty());
    let r = get(s, "/api/events/not-a-number", None);
    assert_eq!(r.status, 400);
    r.error_message();
    let r = get(s, "/api/events/999999999", None);
    assert_eq!(r.status, 404);
    r.error_message();
    let r = get(s, "/api/documents/999999999", None);
    assert_eq!(r.status, 404);
    let r = get(s, "/api/ceasefires/999999999/days", None);
    assert_eq!(r.status, 404);
}

#[test]
fn pagination_walks_every_event_once() {
    let s = reader();
    let all = all_events(s, "");
    let mut seen = Vec::new();
    let mut path = "/api/events?limit=2".to_string();
    let mut pages = 0;
    loop {
        let v = get(s, &path, None).json();
        assert_eq!(v["total"].as_u64(), Some(all.len() as u64));
        assert_eq!(v["limit"].as_u64(), Some(2));
        let page = v["events"].as_array().expect("events");
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|e| e["id"].as_i64().expect("id")));
        pages += 1;
        match v["next"].as_str() {
            Some(next) => {
                assert!(next.contains("limit=2"), "next keeps the query: {next}");
                path = next.to_string();
            }
            None => break,
        }
        assert!(pages <= all.len() + 1, "pagination does not end");
    }
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(seen.len(), all.len(), "every event once");
    assert_eq!(unique.len(), all.len());
    let past = get(s, &format!("/api/events?offset={}", all.len() + 5), None).json();
    assert_eq!(past["events"].as_array().map(Vec::len), Some(0));
    assert!(past["next"].is_null());
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[test]
fn filters_return_only_matching_events() {
    let s = reader();
    let all = all_events(s, "");
    // Every filter value that occurs in the data is tried, so the test does not depend on
    // what extraction found.
    let types: HashSet<String> = all
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(String::from))
        .collect();
    for t in &types {
        let got = all_events(s, &format!("type={t}"));
        assert!(!got.is_empty(), "type={t} finds its events");
        assert!(got.iter().all(|e| e["event_type"] == t.as_str()));
        let expected = all.iter().filter(|e| e["event_type"] == t.as_str()).count();
        assert_eq!(got.len(), expected, "type={t}");
    }
    for status in ["asserted", "denied", "observed", "reported"] {
        let got = all_events(s, &format!("status={status}"));
        assert!(got.iter().all(|e| e["status"] == status), "status={status}");
        let expected = all.iter().filter(|e| e["status"] == status).count();
        assert_eq!(got.len(), expected, "status={status}");
    }
    let days: Vec<&str> = all
        .iter()
        .filter_map(|e| e["date_start"].as_str())
        .collect();
    if let Some(day) = days.iter().min() {
        let got = all_events(s, &format!("since={day}&until={day}"));
        assert!(!got.is_empty(), "since=until={day}");
        for e in &got {
            let start = e["date_start"].as_str().unwrap_or("");
            let end = e["date_end"].as_str().unwrap_or(start);
            assert!(start <= *day && end >= *day, "{e}");
        }
    }
    let located: Vec<&Value> = all.iter().filter(|e| e["place"]["lat"].is_f64()).collect();
    if let Some(e) = located.first() {
        let (lat, lon) = (
            e["place"]["lat"].as_f64().unwrap_or(0.0),
            e["place"]["lon"].as_f64().unwrap_or(0.0),
        );
        let got = all_events(s, &format!("near={lat},{lon},25"));
        assert!(
            got.iter().any(|g| g["id"] == e["id"]),
            "near finds the event at its own place"
        );
        for g in &got {
            let p = (
                g["place"]["lat"].as_f64().unwrap_or(999.0),
                g["place"]["lon"].as_f64().unwrap_or(999.0),
            );
            assert!(
                haversine_km((lat, lon), p) <= 25.5,
                "{g} is not within 25 km"
            );
        }
        let country = e["place"]["country"].as_str().unwrap_or("");
        let got = all_events(s, &format!("country={country}"));
        assert!(got.iter().any(|g| g["id"] == e["id"]), "country={country}");
        assert!(got.len() <= all.len());
    }
    let far = all_events(s, "near=-80,0,1");
    assert!(far.is_empty(), "nothing happened in Antarctica");
    // Full text: a word of an event's own evidence finds it.
    if let Some(first) = all.first() {
        let detail = get(s, &format!("/api/events/{}", first["id"]), None).json();
        let evidence = detail["reports"][0]["evidence"].as_str().unwrap_or("");
        let word = evidence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 6)
            .max_by_key(|w| w.len());
        if let Some(word) = word {
            let got = all_events(s, &format!("text={word}"));
            assert!(got.iter().any(|g| g["id"] == first["id"]), "text={word}");
        }
    }
}

#[test]
fn bad_filters_are_400_with_a_message() {
    let s = reader();
    for q in [
        "type=EXPLODE",
        "status=rumoured",
        "since=yesterday",
        "until=2020-13-45",
        "since=2020-02-01&until=2020-01-01",
        "near=48,37",
        "near=100,0,5",
        "near=10,10,-3",
        "limit=0",
        "limit=100000",
        "limit=ten",
        "offset=-1",
        "country=%3Cscript%3E",
        "colour=red",
        "violation=maybe",
    ] {
        let r = get(s, &format!("/api/events?{q}"), None);
        assert_eq!(r.status, 400, "{q}: {}", r.body);
        assert!(!r.error_message().is_empty(), "{q}");
    }
    let r = get(s, "/api/tally?since=soon", None);
    assert_eq!(r.status, 400);
    let r = get(s, "/api/events?text=%22unbalanced", None);
    assert!(
        r.status == 200 || r.status == 400,
        "a bad full-text query is not a 500: {}",
        r.body
    );
}

#[test]
fn event_detail_spans_point_at_the_evidence() {
    let s = reader();
    let all = all_events(s, "");
    for e in all.iter().take(6) {
        let r = get(s, &format!("/api/events/{}", e["id"]), None);
        assert_eq!(r.status, 200);
        let d = r.json();
        assert_eq!(d["event"]["id"], e["id"]);
        assert!(d["denials"].is_array());
        let reports = d["reports"].as_array().expect("reports");
        assert!(!reports.is_empty(), "an event has reports");
        for c in d["claims"].as_array().expect("claims") {
            let rep = reports
                .iter()
                .find(|r| r["id"] == c["report_id"])
                .expect("a claim is one of the reports");
            assert_eq!(c["by"], rep["claimed_by"]);
            assert_eq!(c["span"], rep["span"]);
            assert!(c["status"] == "asserted" || c["status"] == "denied", "{c}");
        }
        for rep in reports {
            let doc = get(s, &format!("/api/documents/{}", rep["document_id"]), None).json();
            let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
            let (a, b) = (
                rep["span"][0].as_u64().expect("start") as usize,
                rep["span"][1].as_u64().expect("end") as usize,
            );
            assert!(a < b && b <= text.len(), "span {a}..{b} inside the text");
            let quoted: String = text[a..b].iter().collect();
            assert_eq!(
                quoted.trim(),
                rep["evidence"].as_str().unwrap_or("").trim(),
                "span is the evidence"
            );
        }
    }
}

#[test]
fn documents_carry_text_and_annotations_with_char_offsets() {
    let s = reader();
    let list = get(s, "/api/documents?limit=50", None).json();
    let docs = list["documents"].as_array().expect("documents");
    assert!(docs.len() >= 4);
    for d in docs {
        let r = get(s, &format!("/api/documents/{}", d["id"]), None);
        assert_eq!(r.status, 200);
        let doc = r.json();
        assert_eq!(doc["offsets"], "chars");
        let n = doc["text"].as_str().expect("text").chars().count() as u64;
        let mut spans = Vec::new();
        for key in ["places", "actors"] {
            for item in doc[key].as_array().expect(key) {
                spans.extend(
                    item["mentions"]
                        .as_array()
                        .expect("mentions")
                        .iter()
                        .cloned(),
                );
            }
        }
        for key in ["times", "figures", "events"] {
            for item in doc[key].as_array().expect(key) {
                spans.push(item["span"].clone());
            }
        }
        for sp in spans {
            let (a, b) = (
                sp[0].as_u64().unwrap_or(u64::MAX),
                sp[1].as_u64().unwrap_or(0),
            );
            assert!(a <= b && b <= n, "span {sp} within {n} chars");
        }
        for ev in doc["events"].as_array().expect("events") {
            if let Some(id) = ev["ledger_event"].as_i64() {
                assert_eq!(get(s, &format!("/api/events/{id}"), None).status, 200);
            }
        }
    }
}

#[test]
fn the_script_page_is_stored_as_text() {
    let s = reader();
    let list = get(s, "/api/documents?limit=50", None).json();
    let doc = list["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["doc_id"] == "script-injection")
        .expect("the script fixture is stored")
        .clone();
    let r = get(s, &format!("/api/documents/{}", doc["id"]), None);
    assert!(r.content_type.starts_with("application/json"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let text = r.json()["text"].as_str().expect("text").to_string();
    // The real <script> elements are page code, not article text.
    assert!(
        !text.contains("document.title"),
        "script element content leaked into text: {text}"
    );
    // The escaped markup in the article is text and stays text (the dashboard must show it
    // literally; the browser test checks that it does not run).
    assert!(text.contains("<script>"), "{text}");
}

#[test]
fn ceasefires_and_their_days() {
    let s = reader();
    let r = get(s, "/api/ceasefires", None);
    assert_eq!(r.status, 200);
    let list = r.json()["ceasefires"]
        .as_array()
        .expect("ceasefires")
        .clone();
    for c in &list {
        let d = get(s, &format!("/api/ceasefires/{}/days", c["id"]), None);
        assert_eq!(d.status, 200);
        let v = d.json();
        assert_eq!(v["ceasefire"]["id"], c["id"]);
        assert!(v["days"].is_array());
    }
    let r = get(s, "/api/ceasefires/abc/days", None);
    assert_eq!(r.status, 400);
}

#[test]
fn tally_answers() {
    let s = reader();
    let r = get(s, "/api/tally", None);
    assert_eq!(r.status, 200);
    let v = r.json();
    assert!(
        v["killed"]["by_party"].is_array() && v["wounded"]["total"].is_object(),
        "{v}"
    );
    let r = get(
        s,
        "/api/tally?since=2018-12-01&until=2018-12-31&country=YE",
        None,
    );
    assert_eq!(r.status, 200);
}

#[test]
fn writes_need_the_right_token() {
    let s = reader();
    let body = b"Shelling was reported in Hodeidah on Friday, residents said.";
    let r = post(s, "/api/documents", None, "text/plain", body);
    assert_eq!(r.status, 401);
    assert!(r
        .header("www-authenticate")
        .is_some_and(|h| h.starts_with("Bearer")));
    r.error_message();
    for wrong in [
        "nope",
        "test-token-7f3",
        "test-token-7f3ab",
        "TEST-TOKEN-7F3A",
    ] {
        let r = post(s, "/api/documents", Some(wrong), "text/plain", body);
        assert_eq!(r.status, 401, "token {wrong:?}");
    }
    let r = request(s, "PUT", "/api/documents");
    assert!(r.status == 401 || r.status == 405, "{}", r.status);
}

#[test]
fn ingest_stores_once_and_caps_the_body() {
    let s = TestServer::on_fixtures(&["--token", TOKEN, "--max-body", "64K"]);
    let before = get(&s, "/api/stats", None).json()["documents"]
        .as_u64()
        .expect("documents");
    let body = "SANAA - Houthi fighters shelled government positions near Hodeidah \
                on Saturday, the government said. The Houthis denied it.";
    let r = post(
        &s,
        "/api/documents?name=posted-report.txt",
        Some(TOKEN),
        "text/plain",
        body.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!(v["added"], 1);
    let id = v["outcomes"][0]["document_id"]
        .as_i64()
        .expect("document id");
    let doc = get(&s, &format!("/api/documents/{id}"), None).json();
    assert_eq!(doc["doc_id"], "posted-report");
    assert!(doc["text"].as_str().is_some_and(|t| t.contains("Houthi")));
    let after = get(&s, "/api/stats", None).json()["documents"]
        .as_u64()
        .expect("documents");
    assert_eq!(after, before + 1);
    // The same body again changes nothing.
    let r = post(
        &s,
        "/api/documents?name=posted-report.txt",
        Some(TOKEN),
        "text/plain",
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["unchanged"], 1);
    // An HTML page and a feed go through the same pipeline as files.
    let page = std::fs::read(server::fixtures().join("hodeidah-claims.html")).expect("fixture");
    let mut page2 = page.clone();
    page2.extend_from_slice(b"\n<!-- posted copy -->\n");
    let r = post(&s, "/api/documents", Some(TOKEN), "text/html", &page2);
    assert!(r.status == 201 || r.status == 200, "{}", r.body);
    // A feed: one document per item.
    let feed = std::fs::read(server::repo_root().join("samples/04-monitors-feed.xml"))
        .expect("sample feed");
    let r = post(
        &s,
        "/api/documents?name=monitors.xml",
        Some(TOKEN),
        "application/rss+xml",
        &feed,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let outcomes = r.json()["outcomes"].as_array().cloned().unwrap_or_default();
    assert_eq!(outcomes.len(), 2, "two feed items: {}", r.body);
    assert!(outcomes.iter().all(|o| o["doc_id"]
        .as_str()
        .is_some_and(|d| d.starts_with("monitors#"))));
    // Too large: 413 with a JSON message, before anything is stored.
    let big = vec![b'a'; 65 * 1024];
    let r = post(&s, "/api/documents", Some(TOKEN), "text/plain", &big);
    assert_eq!(r.status, 413, "{}", r.body);
    r.error_message();
    // Not a document: 422 naming the problem.
    let r = post(&s, "/api/documents", Some(TOKEN), "text/plain", b"   \n\t ");
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.error_message().contains("empty"), "{}", r.body);
    let r = post(
        &s,
        "/api/documents",
        Some(TOKEN),
        "application/octet-stream",
        b"%PDF-1.7\x00\x00\x01binary",
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let r = post(
        &s,
        "/api/documents?name=../../etc/passwd",
        Some(TOKEN),
        "text/plain",
        b"text",
    );
    assert_eq!(r.status, 400, "{}", r.body);
}

#[test]
fn without_a_token_writes_are_forbidden() {
    let s = TestServer::on_fixtures(&[]);
    let r = post(
        &s,
        "/api/documents",
        Some("anything"),
        "text/plain",
        b"Some text about a truce.",
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.error_message().contains("--token"));
}

#[test]
fn private_mode_guards_reads_but_not_the_page() {
    let s = TestServer::on_fixtures(&["--token", TOKEN, "--private"]);
    for path in [
        "/api/events",
        "/api/ceasefires",
        "/api/tally",
        "/api/documents/1",
        "/api/stream",
    ] {
        let r = get(&s, path, None);
        assert_eq!(r.status, 401, "{path}");
        r.error_message();
        assert_eq!(get(&s, path, Some("wrong")).status, 401, "{path}");
    }
    let r = get(&s, "/api/events", Some(TOKEN));
    assert_eq!(r.status, 200);
    // The dashboard shell holds no data and asks for the token itself.
    assert_eq!(get(&s, "/", None).status, 200);
}

#[test]
fn live_stream_announces_ingests() {
    use std::io::{BufRead, BufReader};
    let s = TestServer::on_fixtures(&["--token", TOKEN]);
    let resp = server::agent()
        .get(s.url("/api/stream"))
        .call()
        .expect("stream");
    assert_eq!(resp.status().as_u16(), 200);
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/event-stream"), "{ct}");
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = resp.into_body().into_reader();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(std::time::Duration::from_millis(200)) {
                if line.contains(needle) {
                    return line;
                }
            }
        }
        panic!("no {needle:?} on the stream");
    };
    wait_for("event: hello");
    let r = post(
        &s,
        "/api/documents?name=live.txt",
        Some(TOKEN),
        "text/plain",
        b"KHOKHA - Fighting broke out near Khokha on Sunday, residents said.",
    );
    assert_eq!(r.status, 201, "{}", r.body);
    wait_for("event: change");
    let data = wait_for("data:");
    assert!(data.contains("\"kind\":\"ingest\""), "{data}");
}

#[test]
fn writes_by_another_process_reach_readers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("ledger.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let ingest = |file: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_truce"))
            .args(["ingest", "--quiet", "--db", db_arg])
            .arg(fixtures().join(file))
            .output()
            .expect("run truce ingest");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ingest("hodeidah-truce.txt");
    let s = TestServer::start(&["--db", db_arg]);
    let docs = |s: &TestServer| get(s, "/api/stats", None).json()["documents"].as_u64();
    assert_eq!(docs(&s), Some(1));
    // Asked twice: the second answer may come from the cache, and must still be right
    // after another process writes.
    assert_eq!(docs(&s), Some(1));
    ingest("hodeidah-claims.html");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while docs(&s) != Some(2) {
        assert!(
            std::time::Instant::now() < deadline,
            "the server never saw the new document"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn raw_get(s: &TestServer, host: &str, path: &str) -> String {
    raw_request(s, host, path, "")
}

/// A GET written by hand (any `Host`, extra header lines), and the whole reply.
fn raw_request(s: &TestServer, host: &str, path: &str, extra: &str) -> String {
    use std::io::{Read, Write};
    let addr = s.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    reply
}

/// The status line and the headers (lower-cased names) of a GET with extra header lines.
fn raw_head(s: &TestServer, path: &str, extra: &str) -> (String, Vec<(String, String)>) {
    let reply = raw_request(s, "localhost", path, extra);
    let head = reply.split("\r\n\r\n").next().unwrap_or("").to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn answers_carry_entity_tags_and_unchanged_ones_are_304() {
    let s = reader();
    let (status, headers) = raw_head(s, "/api/events?limit=5", "");
    assert!(status.contains(" 200 "), "{status}");
    let etag = header(&headers, "etag").expect("an ETag").to_string();
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    // Asked again with that tag: nothing to send (twice, the second from the cache).
    for _ in 0..2 {
        let (status, headers) = raw_head(
            s,
            "/api/events?limit=5",
            &format!("If-None-Match: {etag}\r\n"),
        );
        assert!(status.contains(" 304 "), "{status}");
        assert_eq!(header(&headers, "etag"), Some(etag.as_str()));
    }
    // Another tag, or another question: the full answer.
    let (status, _) = raw_head(s, "/api/events?limit=5", "If-None-Match: \"0\"\r\n");
    assert!(status.contains(" 200 "), "{status}");
    let (status, headers) = raw_head(
        s,
        "/api/events?limit=6",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert!(status.contains(" 200 "), "{status}");
    assert_ne!(header(&headers, "etag"), Some(etag.as_str()));
}

#[test]
fn foreign_host_names_are_refused() {
    // A page on another site that re-points its own name at 127.0.0.1 (DNS rebinding)
    // sends its own name as Host: such requests get nothing.
    let s = reader();
    let port = s.base.rsplit(':').next().expect("port");
    for host in ["evil.example", &format!("evil.example:{port}")] {
        let reply = raw_get(s, host, "/api/events");
        assert!(reply.starts_with("HTTP/1.1 421"), "{host}: {reply}");
        assert!(!reply.contains("\"events\""));
        assert!(raw_get(s, host, "/").starts_with("HTTP/1.1 421"));
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let reply = raw_get(s, &host, "/api/events?limit=1");
        assert!(reply.starts_with("HTTP/1.1 200"), "{host}: {reply}");
    }
}
