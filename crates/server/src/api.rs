//! The JSON API handlers. Ledger calls block (SQLite), so they run on the blocking pool.

use crate::auth::{ReadAccess, WriteAccess};
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::pipeline;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use truce_document::EventType;
use truce_ledger::{EventFilter, Ledger, LedgerError, LedgerEvent, Near, Page, TallyFilter};

/// Most events one page may hold.
pub const MAX_LIMIT: usize = 1000;
/// Events per page when the client does not say.
pub const DEFAULT_LIMIT: usize = 100;

/// Run a ledger call on the blocking pool and map its errors.
async fn with_ledger<T, F>(state: &AppState, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Ledger) -> Result<T, LedgerError> + Send + 'static,
{
    let _permit = state
        .read_permits
        .acquire()
        .await
        .map_err(|_| ApiError::internal("the server is shutting down"))?;
    let ledger = Arc::clone(&state.ledger);
    tokio::task::spawn_blocking(move || f(&ledger))
        .await
        .map_err(|_| ApiError::internal("the ledger task failed"))?
        .map_err(ledger_error)
}

/// Ledger errors: caller mistakes are 400, the rest 500 (logged, not detailed to clients).
fn ledger_error(e: LedgerError) -> ApiError {
    match e {
        LedgerError::Invalid(msg) => ApiError::bad_request(msg),
        LedgerError::Sqlite(ref err) if is_query_syntax(&err.to_string()) => {
            ApiError::bad_request(format!("bad full-text query: {err}"))
        }
        other => {
            eprintln!("truce serve: ledger error: {other}");
            ApiError::internal(format!("ledger error: {other}"))
        }
    }
}

/// An FTS5 syntax error comes from the client's `text` parameter, not from the server.
fn is_query_syntax(msg: &str) -> bool {
    msg.contains("fts5") || msg.contains("syntax error") || msg.contains("unterminated string")
}

/// Query parameters of `GET /api/events` (the filters of `truce events`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsQuery {
    /// ISO alpha-2 or alpha-3 country.
    pub country: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// YYYY-MM-DD.
    pub since: Option<String>,
    /// YYYY-MM-DD.
    pub until: Option<String>,
    /// LAT,LON,KM.
    pub near: Option<String>,
    /// Full-text query over the evidence.
    pub text: Option<String>,
    /// asserted | denied | observed | reported.
    pub status: Option<String>,
    /// Only ceasefire violations (true) or only others (false).
    pub violation: Option<bool>,
    /// Page size (1..=1000).
    pub limit: Option<usize>,
    /// Events to skip.
    pub offset: Option<usize>,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_day(name: &str, value: Option<&str>) -> ApiResult<Option<NaiveDate>> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(format!("{name}: expected YYYY-MM-DD, got {v:?}"))
            })
        })
        .transpose()
}

/// Parse `near=LAT,LON,KM`.
pub fn parse_near(v: &str) -> ApiResult<Near> {
    let bad = || {
        ApiError::bad_request(format!(
            "near: expected LAT,LON,KM (e.g. 48.0,37.8,50), got {v:?}"
        ))
    };
    let parts: Vec<f64> = v
        .split(',')
        .map(|p| p.trim().parse::<f64>().map_err(|_| bad()))
        .collect::<ApiResult<_>>()?;
    let [lat, lon, km] = parts[..] else {
        return Err(bad());
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(ApiError::bad_request(format!(
            "near: {lat},{lon} is not a latitude,longitude"
        )));
    }
    if !(km.is_finite() && km > 0.0) {
        return Err(ApiError::bad_request(format!(
            "near: radius must be a positive number of km, got {km}"
        )));
    }
    Ok(Near { lat, lon, km })
}

const STATUSES: [&str; 4] = ["asserted", "denied", "observed", "reported"];

impl EventsQuery {
    /// The ledger filter and page, or a 400 naming the bad parameter.
    pub fn to_filter(&self) -> ApiResult<(EventFilter, Page)> {
        let event_type = non_empty(&self.event_type)
            .map(|t| {
                EventType::parse(t)
                    .map(|t| t.as_str().to_string())
                    .ok_or_else(|| {
                        ApiError::bad_request(format!("type: {t:?} is not a PLOVER event type"))
                    })
            })
            .transpose()?;
        let status = non_empty(&self.status)
            .map(|s| {
                let s = s.to_ascii_lowercase();
                if STATUSES.contains(&s.as_str()) {
                    Ok(s)
                } else {
                    Err(ApiError::bad_request(format!(
                        "status: {s:?} is not one of {}",
                        STATUSES.join(", ")
                    )))
                }
            })
            .transpose()?;
        let country = non_empty(&self.country)
            .map(|c| {
                let ok = (2..=8).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphabetic());
                if ok {
                    Ok(c.to_ascii_uppercase())
                } else {
                    Err(ApiError::bad_request(format!(
                        "country: {c:?} is not an ISO 3166 code"
                    )))
                }
            })
            .transpose()?;
        let since = parse_day("since", non_empty(&self.since))?;
        let until = parse_day("until", non_empty(&self.until))?;
        if let (Some(a), Some(b)) = (since, until) {
            if a > b {
                return Err(ApiError::bad_request(format!(
                    "since ({a}) is after until ({b})"
                )));
            }
        }
        let near = non_empty(&self.near).map(parse_near).transpose()?;
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit: must be 1..={MAX_LIMIT}, got {limit}"
            )));
        }
        let filter = EventFilter {
            country,
            event_type,
            since,
            until,
            near,
            text: non_empty(&self.text).map(str::to_string),
            status,
            ceasefire_violation: self.violation,
        };
        Ok((
            filter,
            Page {
                offset: self.offset.unwrap_or(0),
                limit,
            },
        ))
    }
}

/// A page of events.
#[derive(Debug, Serialize)]
pub struct EventsPage {
    /// Events matching the filters, over all pages.
    pub total: u64,
    /// Events skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// The next page's address, when there is one.
    pub next: Option<String>,
    /// This page.
    pub events: Vec<LedgerEvent>,
}

/// `GET /api/events`.
pub async fn events(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
    raw: axum::extract::RawQuery,
) -> ApiResult<Json<EventsPage>> {
    let Query(q) = query?;
    let (filter, page) = q.to_filter()?;
    let (total, events) = with_ledger(&state, move |l| {
        let events = l.events(&filter, page)?;
        let total = l.count_events(&filter)?;
        Ok((total, events))
    })
    .await?;
    let end = page.offset.saturating_add(events.len());
    let next =
        ((end as u64) < total && !events.is_empty()).then(|| next_url(raw.0.as_deref(), end));
    Ok(Json(EventsPage {
        total,
        offset: page.offset,
        limit: page.limit,
        next,
        events,
    }))
}

/// The same query with `offset` moved on.
fn next_url(query: Option<&str>, offset: usize) -> String {
    let mut parts: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("offset="))
        .collect();
    let off = format!("offset={offset}");
    parts.push(&off);
    format!("/api/events?{}", parts.join("&"))
}

fn parse_id(path: Result<Path<String>, PathRejection>, what: &str) -> ApiResult<i64> {
    let Path(raw) = path?;
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        ApiError::bad_request(format!("{what} id must be a positive integer, got {raw:?}"))
    })
}

/// `GET /api/events/{id}`: the event with its reports, claims, denials and evidence spans.
pub async fn event(
    _: ReadAccess,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let id = parse_id(path, "event")?;
    let detail = with_ledger(&state, move |l| {
        let Some(mut detail) = l.event(id)? else {
            return Ok(None);
        };
        let mut failed = None;
        convert::event_detail_spans(&mut detail, |doc| match l.document(doc) {
            Ok(d) => d.map(|d| d.text),
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        match failed {
            Some(e) => Err(e),
            None => Ok(Some(detail)),
        }
    })
    .await?;
    match detail {
        Some(d) => Ok(Json(convert::ApiEventDetail::new(d)).into_response()),
        None => Err(ApiError::not_found(format!("no event {id}"))),
    }
}

/// `GET /api/documents/{id}`: cleaned text and annotations with char offsets.
pub async fn document(
    _: ReadAccess,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<convert::ApiDocument>> {
    let id = parse_id(path, "document")?;
    match with_ledger(&state, move |l| l.document(id)).await? {
        Some(doc) => Ok(Json(convert::document(doc))),
        None => Err(ApiError::not_found(format!("no document {id}"))),
    }
}

/// Query of `GET /api/documents`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsQuery {
    /// Full-text query over title and body.
    pub text: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// `GET /api/documents`: stored documents, newest first.
pub async fn documents(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<DocumentsQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit: must be 1..={MAX_LIMIT}, got {limit}"
        )));
    }
    let page = Page {
        offset: q.offset.unwrap_or(0),
        limit,
    };
    let text = non_empty(&q.text).map(str::to_string);
    let docs = with_ledger(&state, move |l| l.documents(text.as_deref(), page)).await?;
    Ok(
        Json(serde_json::json!({ "offset": page.offset, "limit": limit, "documents": docs }))
            .into_response(),
    )
}

/// `GET /api/ceasefires`.
pub async fn ceasefires(_: ReadAccess, State(state): State<AppState>) -> ApiResult<Response> {
    let list = with_ledger(&state, |l| l.ceasefires()).await?;
    Ok(Json(serde_json::json!({ "ceasefires": list })).into_response())
}

/// `GET /api/ceasefires/{id}/days`.
pub async fn ceasefire_days(
    _: ReadAccess,
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let id = parse_id(path, "ceasefire")?;
    match with_ledger(&state, move |l| l.ceasefire_days(id)).await? {
        Some(report) => Ok(Json(report).into_response()),
        None => Err(ApiError::not_found(format!("no ceasefire {id}"))),
    }
}

/// Query of `GET /api/tally`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyQuery {
    /// ISO alpha-2 or alpha-3.
    pub country: Option<String>,
    /// YYYY-MM-DD.
    pub since: Option<String>,
    /// YYYY-MM-DD.
    pub until: Option<String>,
}

/// `GET /api/tally`: killed and wounded, by source and by side.
pub async fn tally(
    _: ReadAccess,
    State(state): State<AppState>,
    query: Result<Query<TallyQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query?;
    let filter = TallyFilter {
        country: non_empty(&q.country).map(str::to_ascii_uppercase),
        since: parse_day("since", non_empty(&q.since))?,
        until: parse_day("until", non_empty(&q.until))?,
    };
    let t = with_ledger(&state, move |l| l.tally(&filter)).await?;
    Ok(Json(t).into_response())
}

/// `GET /api/stats`: counts of what the ledger holds.
pub async fn stats(_: ReadAccess, State(state): State<AppState>) -> ApiResult<Response> {
    let s = with_ledger(&state, |l| l.stats()).await?;
    Ok(Json(s).into_response())
}

/// Query of `POST /api/documents`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestQuery {
    /// File name the body is read as (its stem becomes the document id).
    pub name: Option<String>,
}

/// `POST /api/documents`: ingest → clean → extract the body, store it, tell live listeners.
pub async fn ingest(
    _: WriteAccess,
    State(state): State<AppState>,
    query: Result<Query<IngestQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let Query(q) = query?;
    let body = body?;
    let name = match non_empty(&q.name) {
        Some(n) => pipeline::check_name(n)
            .map_err(|e| ApiError::bad_request(e.to_string()))?
            .to_string(),
        None => default_name(&headers),
    };
    let _permit = state
        .ingest_permits
        .acquire()
        .await
        .map_err(|_| ApiError::internal("the server is shutting down"))?;
    let extractor = state.extractor.clone();
    let ledger = Arc::clone(&state.ledger);
    let origin = format!("POST /api/documents ({name})");
    let (summary, warnings) = tokio::task::spawn_blocking(move || -> ApiResult<_> {
        let ex = extractor
            .get()
            .map_err(|e| ApiError::internal(format!("extractor: {e}")))?;
        let got = pipeline::documents_from_body(ex, &name, &origin, &body)
            .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
        let summary = ledger.ingest_documents(&got.docs).map_err(ledger_error)?;
        Ok((summary, got.warnings))
    })
    .await
    .map_err(|_| ApiError::internal("the ingest task failed"))??;
    let stored = summary.added + summary.replaced;
    if stored > 0 {
        state.hub.publish("ingest", stored);
    }
    let status = if stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(IngestResponse { summary, warnings })).into_response())
}

/// Response of `POST /api/documents`.
#[derive(Debug, Serialize)]
pub struct IngestResponse {
    /// What the ledger did with each document.
    #[serde(flatten)]
    pub summary: truce_ledger::IngestSummary,
    /// Problems with the body that did not stop it (a partly bad feed).
    pub warnings: Vec<String>,
}

/// A document name from the Content-Type, so ingest reads the body as what it claims to be.
fn default_name(headers: &HeaderMap) -> String {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let ext = if ct.contains("html") {
        "html"
    } else if ct.contains("xml") || ct.contains("rss") || ct.contains("atom") {
        "xml"
    } else if ct.contains("json") {
        "jsonl"
    } else {
        "txt"
    };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f");
    format!("posted-{stamp}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_is_parsed_and_checked() {
        let n = parse_near("48.0, 37.8,50").expect("near");
        assert_eq!((n.lat, n.lon, n.km), (48.0, 37.8, 50.0));
        assert!(parse_near("48,37").is_err());
        assert!(parse_near("91,0,10").is_err());
        assert!(parse_near("10,0,-1").is_err());
        assert!(parse_near("10,0,NaN").is_err());
        assert!(parse_near("a,b,c").is_err());
    }

    #[test]
    fn filters_are_validated() {
        let q = EventsQuery {
            event_type: Some("assault".into()),
            status: Some("Denied".into()),
            country: Some("ua".into()),
            since: Some("2020-07-01".into()),
            ..Default::default()
        };
        let (f, p) = q.to_filter().expect("valid");
        assert_eq!(f.event_type.as_deref(), Some("ASSAULT"));
        assert_eq!(f.status.as_deref(), Some("denied"));
        assert_eq!(f.country.as_deref(), Some("UA"));
        assert_eq!(p.limit, DEFAULT_LIMIT);
        for bad in [
            EventsQuery {
                event_type: Some("BOMBARD".into()),
                ..Default::default()
            },
            EventsQuery {
                status: Some("rumoured".into()),
                ..Default::default()
            },
            EventsQuery {
                since: Some("July 1".into()),
                ..Default::default()
            },
            EventsQuery {
                limit: Some(0),
                ..Default::default()
            },
            EventsQuery {
                limit: Some(MAX_LIMIT + 1),
                ..Default::default()
            },
            EventsQuery {
                country: Some("U1".into()),
                ..Default::default()
            },
            EventsQuery {
                since: Some("2020-08-01".into()),
                until: Some("2020-07-01".into()),
                ..Default::default()
            },
        ] {
            let err = bad.to_filter().expect_err("invalid");
            assert_eq!(err.status, StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn next_page_keeps_the_filters() {
        assert_eq!(
            next_url(Some("type=ASSAULT&offset=0&limit=2"), 2),
            "/api/events?type=ASSAULT&limit=2&offset=2"
        );
        assert_eq!(next_url(None, 100), "/api/events?offset=100");
    }
}
