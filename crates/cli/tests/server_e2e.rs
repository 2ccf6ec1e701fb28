//! The dashboard in a real headless Chromium (driven through chromedriver): over a ledger
//! built from the fixture articles, the map draws one point per located event, the
//! timeline one bar segment per dated event, an article shows its highlighted spans with
//! their events on hover, a page with `<script>` in it does not run it, and documents
//! posted while the page is open show up without a reload.
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (scripts/test.sh installs
//! them). Without them the test prints a notice and skips, unless TRUCE_E2E_REQUIRED=1.

#[path = "../../../tests/e2e/server.rs"]
mod server;
#[path = "../../../tests/e2e/webdriver.rs"]
mod webdriver;

use serde_json::Value;
use server::{get, post, TestServer};
use std::path::PathBuf;
use std::time::Duration;
use webdriver::{find_browser, Browser};

const TOKEN: &str = "e2e-token-51c0";
const WAIT: Duration = Duration::from_secs(30);

fn browser_or_skip() -> Option<(PathBuf, PathBuf)> {
    if let Some(found) = find_browser() {
        return Some(found);
    }
    if std::env::var("TRUCE_E2E_REQUIRED").as_deref() == Ok("1") {
        panic!("TRUCE_E2E_REQUIRED=1 but chromium / chromedriver were not found");
    }
    eprintln!(
        "SKIP server_e2e: chromium and chromedriver not found \
         (apt-get install -y chromium chromium-driver, or set CHROME and CHROMEDRIVER)"
    );
    None
}

fn api_events(s: &TestServer, query: &str) -> (u64, Vec<Value>) {
    let v = get(s, &format!("/api/events?limit=1000&{query}"), None).json();
    let events = v["events"].as_array().cloned().unwrap_or_default();
    (v["total"].as_u64().unwrap_or(0), events)
}

fn count(b: &Browser, script: &str) -> u64 {
    b.eval(script)
        .as_u64()
        .unwrap_or_else(|| panic!("not a count: {script}"))
}

fn no_script_errors(b: &Browser) {
    let errors = b.console_errors();
    assert!(errors.is_empty(), "script errors in the page: {errors:?}");
}

#[test]
fn dashboard_in_a_real_browser() {
    let Some((chrome, driver)) = browser_or_skip() else {
        return;
    };
    let s = TestServer::on_fixtures(&["--token", TOKEN]);
    let (total, events) = api_events(&s, "");
    assert!(total > 0, "the fixtures give events");
    let located = events
        .iter()
        .filter(|e| e["place"]["lat"].is_number() && e["place"]["lon"].is_number())
        .count() as u64;
    let dated = events
        .iter()
        .filter(|e| e["date_start"].is_string())
        .count() as u64;

    let b = Browser::start(&chrome, &driver, 1400, 1000);
    b.goto(&s.url("/"));
    b.wait_for(
        "the dashboard",
        "return document.body.dataset.ready === 'true';",
        WAIT,
    );
    no_script_errors(&b);

    // Map: country outlines, and one point per located event (a cluster counts its events).
    assert!(
        count(
            &b,
            "return document.querySelectorAll('#map path.country').length;"
        ) > 100
    );
    let points = count(
        &b,
        "return [...document.querySelectorAll('#map .map-point')]
            .reduce((n, el) => n + Number(el.dataset.count), 0);",
    );
    assert_eq!(points, located, "map points == events with coordinates");
    if located > 0 {
        assert!(
            count(
                &b,
                "return document.querySelectorAll('#map .map-point').length;"
            ) > 0
        );
    }

    // Timeline: bar segments add up to the dated events.
    let bars = count(
        &b,
        "return [...document.querySelectorAll('#timeline .tl-bar')]
            .reduce((n, el) => n + Number(el.dataset.count), 0);",
    );
    assert_eq!(bars, dated, "timeline bars == dated events");
    let (_, cfs) = {
        let v = get(&s, "/api/ceasefires", None).json();
        (0, v["ceasefires"].as_array().cloned().unwrap_or_default())
    };
    assert_eq!(
        count(
            &b,
            "return document.querySelectorAll('#ceasefires .ceasefire-row').length;"
        ),
        cfs.len() as u64
    );

    // Tables: the claims table has a row per accused party, the event list a row per event
    // on its first page.
    assert!(
        count(
            &b,
            "return document.querySelectorAll('#claims .claims-row').length;"
        ) > 0
    );
    assert_eq!(
        count(
            &b,
            "return document.querySelectorAll('#events .event-row').length;"
        ),
        total.min(50)
    );
    assert_eq!(
        b.eval("return document.getElementById('summary').dataset.total;"),
        Value::String(total.to_string())
    );

    if let Ok(path) = std::env::var("TRUCE_SCREENSHOT") {
        std::fs::write(&path, b.screenshot()).expect("write the screenshot");
    }

    // Filters: choosing a type shows exactly the API's events of that type.
    let first_type = events[0]["event_type"].as_str().expect("type").to_string();
    let (type_total, _) = api_events(&s, &format!("type={first_type}"));
    b.eval(&format!(
        "const sel = document.querySelector('#filters [name=type]');
         sel.value = '{first_type}'; sel.dispatchEvent(new Event('change')); return true;"
    ));
    b.wait_for(
        "the type filter",
        &format!(
            "return document.getElementById('summary').dataset.total === '{type_total}'
                  && location.hash.includes('type={first_type}');"
        ),
        WAIT,
    );
    assert_eq!(
        count(
            &b,
            "return document.querySelectorAll('#events .event-row').length;"
        ),
        type_total.min(50)
    );
    b.goto(&s.url("/#/"));
    b.wait_for(
        "the unfiltered dashboard",
        &format!(
            "return document.body.dataset.ready === 'true'
                  && document.getElementById('summary').dataset.total === '{total}';"
        ),
        WAIT,
    );

    // Event details, then its article with every extracted span highlighted.
    let rows = b.find_all("#events .event-row");
    b.click(&rows[0]);
    b.wait_for("the event panel", "return !document.getElementById('detail').hidden && document.querySelectorAll('#detail .article-link').length > 0;", WAIT);
    let links = b.find_all("#detail .article-link");
    b.click(&links[0]);
    b.wait_for("the article", "return !document.getElementById('article').hidden && document.querySelectorAll('#article-text mark.hl').length > 0;", WAIT);
    let doc_id = b
        .eval("return document.getElementById('article-text').dataset.documentId;")
        .as_str()
        .expect("document id")
        .to_string();
    let doc = get(&s, &format!("/api/documents/{doc_id}"), None).json();
    let ann_spans: usize = ["places", "actors"]
        .iter()
        .map(|k| {
            doc[k]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| x["mentions"].as_array().map_or(0, Vec::len))
                        .sum::<usize>()
                })
                .unwrap_or(0)
        })
        .sum::<usize>()
        + ["times", "figures", "events"]
            .iter()
            .map(|k| doc[k].as_array().map_or(0, Vec::len))
            .sum::<usize>();
    assert!(ann_spans > 0, "the document has annotations");
    // The page's text is exactly the document's text: highlighting adds no characters.
    assert_eq!(
        b.eval("return document.getElementById('article-text').textContent;"),
        doc["text"]
    );
    // Every event of the document that is in the ledger is highlighted.
    let marked: Vec<i64> = b
        .eval(
            "return [...document.querySelectorAll('#article-text mark[data-events]')]
                 .flatMap(m => m.dataset.events.split(' ').map(Number));",
        )
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    for ev in doc["events"].as_array().cloned().unwrap_or_default() {
        if let Some(id) = ev["ledger_event"].as_i64() {
            assert!(
                marked.contains(&id),
                "event {id} of the document is highlighted"
            );
        }
    }
    let focused = count(
        &b,
        "return document.querySelectorAll('#article-text mark.focus').length;",
    );
    assert!(
        focused > 0,
        "the event the article was opened from is marked"
    );
    // Hovering an event's highlight shows that event.
    let event_marks = b.find_all("#article-text mark.hl-event");
    assert!(!event_marks.is_empty(), "event sentences are highlighted");
    b.hover(&event_marks[0]);
    let tip = b.wait_for(
        "the tooltip",
        "const t = document.getElementById('tooltip'); return !t.hidden && t.textContent;",
        WAIT,
    );
    assert!(
        tip.as_str().is_some_and(|t| t.contains("Event:")),
        "tooltip shows the event: {tip}"
    );
    no_script_errors(&b);

    // The page with <script> in it: shown as text, never run.
    let docs = get(&s, "/api/documents?limit=100", None).json();
    let script_doc = docs["documents"]
        .as_array()
        .and_then(|d| d.iter().find(|x| x["doc_id"] == "script-injection"))
        .expect("the script fixture is stored")["id"]
        .clone();
    b.goto(&s.url(&format!("/#/doc/{script_doc}")));
    b.wait_for(
        "the script article",
        &format!("return document.getElementById('article-text')?.dataset.documentId === '{script_doc}';"),
        WAIT,
    );
    let text = b.eval("return document.getElementById('article-text').textContent;");
    assert!(
        text.as_str().is_some_and(|t| t.contains("<script>")),
        "markup shown as text: {text}"
    );
    assert_eq!(
        b.eval("return typeof window.__truce_pwned;"),
        Value::String("undefined".into())
    );
    assert_eq!(count(&b, "return document.querySelectorAll('#article-text script, #article-text img, #article-body script').length;"), 0);
    assert_ne!(
        b.eval("return document.title;"),
        Value::String("pwned".into())
    );

    // Live: a document posted while the page is open reaches it without a reload.
    b.goto(&s.url("/#/"));
    b.wait_for("the dashboard", "return document.body.dataset.ready === 'true' && document.getElementById('live').classList.contains('on');", WAIT);
    b.eval("window.__sameDocument = true; return true;");
    let r = post(
        &s,
        "/api/documents?name=live-report.txt",
        Some(TOKEN),
        "text/plain",
        b"ADEN - Government forces said Houthi fighters shelled their positions near Taiz \
          on Thursday, 27 December 2018. The Houthis denied the claim.",
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let (new_total, _) = api_events(&s, "");
    b.wait_for(
        "the live update",
        &format!(
            "return Number(document.body.dataset.liveReloads || 0) > 0
                  && document.getElementById('summary').dataset.total === '{new_total}';"
        ),
        WAIT,
    );
    assert_eq!(
        b.eval("return window.__sameDocument === true;"),
        Value::Bool(true),
        "no reload"
    );
    no_script_errors(&b);
}

#[test]
fn a_private_dashboard_asks_for_the_token() {
    let Some((chrome, driver)) = browser_or_skip() else {
        return;
    };
    let s = TestServer::on_fixtures(&["--token", TOKEN, "--private"]);
    let total = get(&s, "/api/events?limit=1", Some(TOKEN)).json()["total"]
        .as_u64()
        .expect("total");
    let b = Browser::start(&chrome, &driver, 1200, 900);
    b.goto(&s.url("/"));
    b.wait_for(
        "the token form",
        "return !document.getElementById('auth').hidden;",
        WAIT,
    );
    assert_eq!(
        count(
            &b,
            "return document.querySelectorAll('#events .event-row').length;"
        ),
        0,
        "no data without the token"
    );
    b.eval(&format!(
        "const f = document.getElementById('auth-form');
         f.elements.token.value = '{TOKEN}'; f.requestSubmit(); return true;"
    ));
    b.wait_for(
        "the data",
        &format!(
            "return document.getElementById('summary').dataset.total === '{total}'
                && document.getElementById('auth').hidden;"
        ),
        WAIT,
    );
    // The live stream carries the token too.
    b.wait_for(
        "the live stream",
        "return document.getElementById('live').classList.contains('on');",
        WAIT,
    );
    no_script_errors(&b);
}

/// Refresh docs/dashboard.png from the sample articles:
/// `cargo test -p truce --test server_e2e -- --ignored`.
#[test]
#[ignore]
fn screenshot_for_the_docs() {
    let Some((chrome, driver)) = browser_or_skip() else {
        return;
    };
    let s = TestServer::start(&["--demo"]);
    let b = Browser::start(&chrome, &driver, 1440, 1000);
    b.goto(&s.url("/"));
    b.wait_for(
        "the dashboard",
        "return document.body.dataset.ready === 'true';",
        WAIT,
    );
    std::thread::sleep(Duration::from_millis(300));
    let out = server::repo_root().join("docs/dashboard.png");
    std::fs::write(&out, b.screenshot()).expect("write docs/dashboard.png");
    eprintln!("wrote {}", out.display());
}
