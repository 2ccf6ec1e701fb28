//! Test support: start `truce serve` as a child process and talk HTTP to it.
//!
//! Included by the integration tests in crates/cli/tests/ with
//! `#[path = "../../../tests/e2e/server.rs"] mod server;`, where
//! `CARGO_BIN_EXE_truce` names the binary under test.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The repository root (tests run with the crate folder as working directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture folder under tests/fixtures/server.
pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/server")
}

/// A running `truce serve`; killed when dropped. It also stops by itself when the test
/// process dies, because it watches its standard input (`--stop-on-stdin-eof`).
pub struct TestServer {
    child: Child,
    stdin: Option<ChildStdin>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl TestServer {
    /// Start `truce serve ARGS --addr 127.0.0.1:0` and wait until it listens.
    pub fn start(args: &[&str]) -> TestServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
            .arg("serve")
            .args(args)
            .args(["--addr", "127.0.0.1:0", "--stop-on-stdin-eof"])
            .current_dir(repo_root())
            .env_remove("TRUCE_TOKEN")
            .env_remove("TRUCE_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start truce serve");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on ").nth(1) {
                    let _ = tx.send(rest.trim().trim_end_matches('/').to_string());
                }
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(180)) {
            Ok(b) => b,
            Err(_) => {
                let _ = child.kill();
                panic!("truce serve {args:?} did not start listening");
            }
        };
        TestServer {
            child,
            stdin: Some(stdin),
            base,
        }
    }

    /// The full URL of a path.
    /// A demo ledger built from the fixture articles, served with `extra` flags.
    pub fn on_fixtures(extra: &[&str]) -> TestServer {
        let dir = fixtures();
        let mut args = vec!["--demo", "--samples", dir.to_str().expect("utf-8 path")];
        args.extend_from_slice(extra);
        TestServer::start(&args)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Closing its standard input stops the server gracefully, so it removes its
        // temporary demo ledger; it is killed only if it does not stop in time.
        drop(self.stdin.take());
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response, read whole.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Content-Type header.
    pub content_type: String,
    /// All headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// Body as text.
    pub body: String,
}

impl Resp {
    /// The body as JSON (panics with the body when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The message of a JSON error body; checks the error shape.
    pub fn error_message(&self) -> String {
        let v = self.json();
        assert_eq!(
            v["error"]["status"].as_u64(),
            Some(u64::from(self.status)),
            "error body repeats the status: {}",
            self.body
        );
        v["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("error has a message: {}", self.body))
            .to_string()
    }
}

/// An HTTP client that returns 4xx/5xx responses instead of failing.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn read(resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>, what: &str) -> Resp {
    let mut resp = resp.unwrap_or_else(|e| panic!("{what}: {e}"));
    let status = resp.status().as_u16();
    let headers: Vec<(String, String)> = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let content_type = headers
        .iter()
        .find(|(k, _)| k == "content-type")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .unwrap_or_else(|e| panic!("{what}: reading the body: {e}"));
    Resp {
        status,
        content_type,
        headers,
        body,
    }
}

/// GET a path, optionally with a bearer token.
pub fn get(server: &TestServer, path: &str, token: Option<&str>) -> Resp {
    let mut req = agent().get(server.url(path));
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    read(req.call(), &format!("GET {path}"))
}

/// POST a body to a path, optionally with a bearer token.
pub fn post(
    server: &TestServer,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> Resp {
    let mut req = agent()
        .post(server.url(path))
        .header("Content-Type", content_type);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    read(req.send(body), &format!("POST {path}"))
}

/// Send any method without a body.
pub fn request(server: &TestServer, method: &str, path: &str) -> Resp {
    let req = ureq::http::Request::builder()
        .method(method)
        .uri(server.url(path))
        .body(())
        .expect("request");
    read(agent().run(req), &format!("{method} {path}"))
}
