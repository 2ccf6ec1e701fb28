//! truce-server: the JSON API over the ledger and the embedded, offline dashboard.
//!
//! [`router`] builds the axum application; [`serve`] runs it on a listener until a
//! shutdown signal. Reads are open unless the policy is private; writes need the bearer
//! token. The dashboard's files are compiled into the binary ([`assets`]).

pub mod api;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod convert;
pub mod error;
pub mod live;
pub mod pipeline;

use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use truce_extract::Extractor;
use truce_ledger::Ledger;

pub use auth::AccessPolicy;
pub use error::ApiError;
pub use live::Hub;

/// Largest request body accepted unless configured otherwise (2 MiB).
pub const DEFAULT_MAX_BODY: usize = 2 * 1024 * 1024;

/// Ledger reads running at once (the ledger keeps four idle read connections).
const READ_CONCURRENCY: usize = 4;

/// The extractor, compiled on first use so the server starts at once.
#[derive(Clone, Default)]
pub struct LazyExtractor(Arc<OnceLock<Result<Extractor, String>>>);

impl std::fmt::Debug for LazyExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LazyExtractor")
    }
}

impl LazyExtractor {
    /// The compiled extractor (compiling it the first time).
    pub fn get(&self) -> Result<&Extractor, String> {
        self.0
            .get_or_init(|| Extractor::new().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// Shared state of every handler.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The ledger (thread-safe; calls block).
    pub ledger: Arc<Ledger>,
    /// Who may read and write.
    pub policy: AccessPolicy,
    /// Live-update fan-out.
    pub hub: Hub,
    /// Extraction pipeline for `POST /api/documents`.
    pub extractor: LazyExtractor,
    /// Bounds concurrent ingests: extraction is CPU-bound.
    pub ingest_permits: Arc<tokio::sync::Semaphore>,
    /// Bounds concurrent ledger reads to the ledger's pool of read connections, so
    /// requests queue cheaply instead of each opening a fresh SQLite connection.
    pub read_permits: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// State over a ledger with an access policy.
    pub fn new(ledger: Arc<Ledger>, policy: AccessPolicy) -> Self {
        AppState {
            ledger,
            policy,
            hub: Hub::new(),
            extractor: LazyExtractor::default(),
            ingest_permits: Arc::new(tokio::sync::Semaphore::new(2)),
            read_permits: Arc::new(tokio::sync::Semaphore::new(READ_CONCURRENCY)),
        }
    }
}

/// Options of the application.
#[derive(Debug, Clone, Copy)]
pub struct RouterOptions {
    /// Largest request body in bytes; larger ones get 413.
    pub max_body: usize,
    /// Keep read answers in memory until the ledger changes ([`cache`]).
    pub cache: bool,
    /// Answer only requests whose `Host` names this machine (localhost, 127.0.0.1, [::1]):
    /// for a server on a loopback address, this stops web pages elsewhere from reading
    /// it through DNS rebinding.
    pub local_hosts_only: bool,
}

impl Default for RouterOptions {
    fn default() -> Self {
        RouterOptions {
            max_body: DEFAULT_MAX_BODY,
            cache: true,
            local_hosts_only: true,
        }
    }
}

/// The OpenAPI 3.1 description of the API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// The whole application: API under `/api`, dashboard files elsewhere.
pub fn router(state: AppState, options: RouterOptions) -> Router {
    let cache = cache::CacheState {
        cache: if options.cache {
            cache::ResponseCache::new()
        } else {
            cache::ResponseCache::disabled()
        },
        hub: state.hub.clone(),
        policy: state.policy.clone(),
    };
    let api = Router::new()
        .route("/events", get(api::events))
        .route("/events/{id}", get(api::event))
        .route("/documents", get(api::documents).post(api::ingest))
        .route("/documents/{id}", get(api::document))
        .route("/ceasefires", get(api::ceasefires))
        .route("/ceasefires/{id}/days", get(api::ceasefire_days))
        .route("/tally", get(api::tally))
        .route("/stats", get(api::stats))
        .route("/stream", get(stream))
        .route("/openapi.json", get(openapi))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(options.max_body))
        .layer(middleware::from_fn_with_state(cache, cache::cached))
        .with_state(state);
    let app = Router::new().nest("/api", api).fallback(static_files);
    let app = if options.local_hosts_only {
        app.layer(middleware::from_fn(local_host_only))
    } else {
        app
    };
    app.layer(middleware::from_fn(security_headers))
}

/// Whether a `Host` header value names this machine (any port).
pub fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8080
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _port)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn local_host_only(req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    match host {
        Some(h) if is_local_host(h) => next.run(req).await,
        _ => ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers requests for localhost only (Host header)",
        )
        .into_response(),
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

impl FromRef<AppState> for AccessPolicy {
    fn from_ref(state: &AppState) -> AccessPolicy {
        state.policy.clone()
    }
}

async fn stream(_: auth::ReadAccess, State(state): State<AppState>) -> impl IntoResponse {
    live::stream(&state.hub)
}

async fn api_not_found(req: Request) -> ApiError {
    // Nested under /api, the router sees the path without its prefix.
    ApiError::not_found(format!("no such API endpoint: /api{}", req.uri().path()))
}

async fn method_not_allowed(req: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{} is not allowed on /api{}",
            req.method(),
            req.uri().path()
        ),
    )
}

async fn static_files(req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n").into_response();
    }
    assets::serve(req.uri().clone()).await
}

/// Headers on every response: no MIME sniffing, no framing, no referrer, and a strict
/// Content-Security-Policy so even a successful injection could not run inline script.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(assets::CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    resp
}

/// Publish changes made to the ledger by anyone: writes through this `Ledger` value are
/// seen at once (its subscription), writes by other processes (`truce ingest`) within
/// `poll`. The thread ends when the ledger is dropped.
pub fn watch_ledger(ledger: &Arc<Ledger>, hub: Hub, poll: Duration) {
    let rx = ledger.subscribe();
    let weak = Arc::downgrade(ledger);
    let mut last = ledger.last_change().ok();
    std::thread::Builder::new()
        .name("truce-ledger-watch".into())
        .spawn(move || loop {
            match rx.recv_timeout(poll) {
                Ok(change) => {
                    // Our own POST handler already announced it; record the counter only.
                    last = Some(change);
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let Some(ledger) = weak.upgrade() else { return };
                    if let Ok(now) = ledger.last_change() {
                        if last.is_some_and(|l| l != now) {
                            hub.publish("ledger", 0);
                        }
                        last = Some(now);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
        })
        .map(|_| ())
        .unwrap_or_else(|e| {
            eprintln!("truce serve: live updates from other processes are off: {e}")
        });
}

/// Serve `app` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::is_local_host;

    #[test]
    fn only_loopback_hosts_are_local() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "127.3.4.5",
            "[::1]:80",
            "LOCALHOST",
        ] {
            assert!(is_local_host(h), "{h}");
        }
        for h in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1:8080",
            "localhost.evil.example",
            "[::2]:80",
            "",
        ] {
            assert!(!is_local_host(h), "{h}");
        }
    }
}

#[cfg(test)]
mod openapi_tests {
    use serde_json::Value;

    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("$ref", Value::String(r)) => out.push(r),
                        _ => refs(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_in_the_openapi_document_resolves() {
        let doc: Value = serde_json::from_str(super::OPENAPI).expect("openapi.json is JSON");
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let pointer = r.strip_prefix('#').expect("local reference");
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
    }
}
