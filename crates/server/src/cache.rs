//! A cache of whole API responses, keyed by request path and query and valid for one
//! state of the ledger. The dashboard and API clients ask the same questions again and
//! again between changes; answering those from memory keeps latency flat under load.
//!
//! Validity: every entry records the [`Hub`] sequence number read *before* its handler ran.
//! The sequence moves on every change (a POST here at once, a write by another process
//! within the watcher's poll interval), so an entry is only served while no change has
//! been seen since it was computed.

use crate::auth::AccessPolicy;
use crate::Hub;
use axum::body::{to_bytes, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Responses larger than this are not kept.
const MAX_ENTRY: usize = 2 << 20;
/// When the entries add up to more than this, the cache starts over.
const MAX_TOTAL: usize = 32 << 20;

#[derive(Debug)]
struct Entry {
    seq: u64,
    content_type: HeaderValue,
    etag: HeaderValue,
    body: Bytes,
}

/// A cached answer: content type, entity tag and body.
type Hit = (HeaderValue, HeaderValue, Bytes);

/// A strong entity tag from the body's bytes (64-bit FNV-1a): the same
/// answer gets the same tag across restarts, so a client's copy stays valid
/// for as long as the data does.
fn etag_of(body: &[u8]) -> HeaderValue {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in body {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    HeaderValue::from_str(&format!("\"{h:016x}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// Whether an `If-None-Match` header value names `etag` (or is `*`); weak
/// tags compare by their opaque part, as RFC 9110 asks for GET.
fn none_match(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = header.to_str() else {
        return false;
    };
    let Ok(tag) = etag.to_str() else {
        return false;
    };
    list.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

/// The answer with its validators; `304 Not Modified` when the client's copy is current.
fn answer(
    content_type: HeaderValue,
    etag: HeaderValue,
    body: Bytes,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    // Clients may keep answers but must ask again: the ledger changes under them.
    let no_cache = HeaderValue::from_static("no-cache");
    if if_none_match.is_some_and(|h| none_match(h, &etag)) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, no_cache)],
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, no_cache),
        ],
        body,
    )
        .into_response()
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    bytes: usize,
}

/// The response cache (cheap to clone; shared).
#[derive(Debug, Clone, Default)]
pub struct ResponseCache {
    inner: Arc<Mutex<Inner>>,
    disabled: bool,
}

impl ResponseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache that never keeps anything (for measuring the uncached path).
    pub fn disabled() -> Self {
        ResponseCache {
            disabled: true,
            ..Self::default()
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Entries are inserted whole, so a poisoned lock holds consistent data.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, key: &str, seq: u64) -> Option<Hit> {
        let inner = self.lock();
        let e = inner.entries.get(key)?;
        (e.seq == seq).then(|| (e.content_type.clone(), e.etag.clone(), e.body.clone()))
    }

    fn put(
        &self,
        key: String,
        seq: u64,
        content_type: HeaderValue,
        etag: HeaderValue,
        body: Bytes,
    ) {
        if self.disabled || body.len() > MAX_ENTRY {
            return;
        }
        let mut inner = self.lock();
        if inner.bytes + body.len() > MAX_TOTAL {
            inner.entries.clear();
            inner.bytes = 0;
        }
        inner.bytes += body.len();
        if let Some(old) = inner.entries.insert(
            key,
            Entry {
                seq,
                content_type,
                etag,
                body,
            },
        ) {
            inner.bytes = inner.bytes.saturating_sub(old.body.len());
        }
    }

    /// Number of entries (for tests).
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// State of the caching middleware.
#[derive(Debug, Clone)]
pub struct CacheState {
    /// The cache.
    pub cache: ResponseCache,
    /// Source of the ledger's change sequence.
    pub hub: Hub,
    /// Access policy: a cached answer is only given to whoever may read.
    pub policy: AccessPolicy,
}

/// Middleware: answer GETs of cacheable API paths from the cache, or run the handler and
/// keep its successful JSON answer.
pub async fn cached(State(st): State<CacheState>, req: Request, next: Next) -> Response {
    let cacheable = req.method() == Method::GET
        && !st.cache.disabled
        && !matches!(req.uri().path(), "/stream" | "/openapi.json");
    if !cacheable {
        return next.run(req).await;
    }
    // The access check comes first: the cache must not bypass private mode.
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes());
    if let Err(e) = st.policy.check(&Method::GET, auth) {
        return e.into_response();
    }
    let key = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let seq = st.hub.seq();
    if let Some((ct, etag, body)) = st.cache.get(&key, seq) {
        return answer(ct, etag, body, if_none_match.as_ref());
    }
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let ct = parts.headers.get(header::CONTENT_TYPE).cloned();
    let small = body
        .size_hint()
        .upper()
        .is_some_and(|n| n <= MAX_ENTRY as u64);
    let (Some(ct), true) = (ct, small) else {
        return Response::from_parts(parts, body);
    };
    match to_bytes(body, MAX_ENTRY).await {
        Ok(bytes) => {
            let etag = etag_of(&bytes);
            st.cache
                .put(key, seq, ct.clone(), etag.clone(), bytes.clone());
            let mut resp = answer(ct, etag, bytes, if_none_match.as_ref());
            // Keep what the handler said besides the body (security headers come later).
            if resp.status() == StatusCode::OK {
                for (name, value) in parts.headers.iter() {
                    resp.headers_mut()
                        .entry(name)
                        .or_insert_with(|| value.clone());
                }
            }
            resp
        }
        // The size was checked, so only a failing body gets here; it has nothing to send.
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_valid_for_one_sequence_number() {
        let c = ResponseCache::new();
        let ct = HeaderValue::from_static("application/json");
        let tag = etag_of(b"[1]");
        c.put(
            "/events".into(),
            3,
            ct.clone(),
            tag.clone(),
            Bytes::from_static(b"[1]"),
        );
        assert_eq!(
            c.get("/events", 3).map(|(_, _, b)| b),
            Some(Bytes::from_static(b"[1]"))
        );
        assert!(c.get("/events", 4).is_none(), "a change invalidates");
        assert!(c.get("/events?type=AID", 3).is_none());
        c.put("/events".into(), 4, ct, tag, Bytes::from_static(b"[1,2]"));
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn entity_tags_follow_the_bytes_and_match_if_none_match_lists() {
        let a = etag_of(b"[1]");
        assert_eq!(a, etag_of(b"[1]"));
        assert_ne!(a, etag_of(b"[1,2]"));
        let tag = a.to_str().unwrap().to_string();
        for header in [
            tag.clone(),
            format!("W/{tag}"),
            format!("\"x\", {tag}"),
            "*".into(),
        ] {
            assert!(
                none_match(&HeaderValue::from_str(&header).unwrap(), &a),
                "{header}"
            );
        }
        assert!(!none_match(&HeaderValue::from_static("\"x\""), &a));
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let c = ResponseCache::disabled();
        c.put(
            "/x".into(),
            1,
            HeaderValue::from_static("a/b"),
            etag_of(b"x"),
            Bytes::from_static(b"x"),
        );
        assert!(c.is_empty());
    }

    #[test]
    fn the_cache_is_bounded() {
        let c = ResponseCache::new();
        let ct = HeaderValue::from_static("application/json");
        let big = Bytes::from(vec![b'x'; MAX_ENTRY]);
        for i in 0..(MAX_TOTAL / MAX_ENTRY + 3) {
            c.put(format!("/e{i}"), 1, ct.clone(), etag_of(&big), big.clone());
        }
        assert!(c.lock().bytes <= MAX_TOTAL);
        c.put(
            "/huge".into(),
            1,
            ct,
            etag_of(b"x"),
            Bytes::from(vec![b'x'; MAX_ENTRY + 1]),
        );
        assert!(c.get("/huge", 1).is_none());
    }
}
