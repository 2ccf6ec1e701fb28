//! Read queries: ledger events, event detail, documents, counts.

use crate::countries;
use crate::geo::{bounding_box, haversine_km};
use crate::merge::{fmt_date, parse_date, source_key};
use crate::types::*;
use crate::{LedgerError, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use truce_document::{Annotations, Party, Sector};

/// Columns of `ledger_events` read into a [`LedgerEvent`], in order.
pub const EVENT_COLUMNS: &str = "e.id, e.event_type, e.mode, e.source_name, e.source_country,
    e.source_sector, e.target_name, e.target_country, e.target_sector, e.date_start, e.date_end,
    e.precision, e.place_name, e.place_country, e.place_kind, e.lat, e.lon, e.status,
    e.ceasefire_violation, e.corroboration, e.asserted_by, e.denied_by, e.observed_by,
    e.reported_by, e.n_reports, e.n_documents, e.killed_low, e.killed_best, e.killed_high,
    e.killed_open";

fn party(name: Option<String>, country: Option<String>, sector: Option<String>) -> Option<Party> {
    name.map(|name| Party {
        name,
        country,
        sector: sector.as_deref().and_then(Sector::parse),
    })
}

fn json_list<T: serde::de::DeserializeOwned>(s: String) -> Vec<T> {
    serde_json::from_str(&s).unwrap_or_default()
}

/// Read one row selected with [`EVENT_COLUMNS`].
pub fn event_from_row(r: &Row<'_>) -> rusqlite::Result<LedgerEvent> {
    let killed = match (
        r.get::<_, Option<i64>>(26)?,
        r.get::<_, Option<i64>>(27)?,
        r.get::<_, Option<i64>>(28)?,
    ) {
        (Some(low), Some(best), Some(high)) => Some(Estimate {
            low: low.max(0) as u64,
            best: best.max(0) as u64,
            high: high.max(0) as u64,
            open: r.get::<_, Option<bool>>(29)?.unwrap_or(false),
        }),
        _ => None,
    };
    Ok(LedgerEvent {
        id: r.get(0)?,
        event_type: r.get(1)?,
        mode: r.get(2)?,
        source: party(r.get(3)?, r.get(4)?, r.get(5)?),
        target: party(r.get(6)?, r.get(7)?, r.get(8)?),
        date_start: parse_date(r.get(9)?),
        date_end: parse_date(r.get(10)?),
        precision: r.get(11)?,
        place: r.get::<_, Option<String>>(12)?.map(|name| LedgerPlace {
            name,
            country: r
                .get::<_, Option<String>>(13)
                .ok()
                .flatten()
                .unwrap_or_default(),
            kind: r.get(14).ok().flatten(),
            lat: r.get(15).ok().flatten(),
            lon: r.get(16).ok().flatten(),
        }),
        status: r.get(17)?,
        ceasefire_violation: r.get(18)?,
        corroboration: r.get::<_, i64>(19)?.max(0) as u32,
        asserted_by: json_list(r.get(20)?),
        denied_by: json_list(r.get(21)?),
        observed_by: json_list(r.get(22)?),
        reported_by: json_list(r.get(23)?),
        reports: r.get::<_, i64>(24)?.max(0) as u32,
        documents: r.get::<_, i64>(25)?.max(0) as u32,
        killed,
    })
}

/// The WHERE clause and parameters of an event filter.
fn filter_sql(f: &EventFilter) -> Result<(String, Vec<Value>)> {
    let mut clauses = vec!["e.n_reports > 0".to_string()];
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(c) = f
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let code = c.to_ascii_uppercase();
        let (a2, a3) = if code.len() == 2 {
            (
                Some(code.clone()),
                countries::alpha2_to_alpha3(&code).map(str::to_string),
            )
        } else {
            (
                countries::alpha3_to_alpha2(&code).map(str::to_string),
                Some(code.clone()),
            )
        };
        let mut parts = Vec::new();
        if let Some(a3) = a3 {
            let p = arg(Value::Text(a3), &mut args);
            parts.push(format!("e.source_country = {p} OR e.target_country = {p}"));
        }
        if let Some(a2) = a2 {
            let p = arg(Value::Text(a2), &mut args);
            parts.push(format!("e.place_country = {p}"));
        }
        if parts.is_empty() {
            return Err(LedgerError::Invalid(format!("unknown country code {c:?}")));
        }
        clauses.push(format!("({})", parts.join(" OR ")));
    }
    if let Some(t) = &f.event_type {
        let t = truce_document::EventType::parse(t)
            .ok_or_else(|| LedgerError::Invalid(format!("unknown event type {t:?}")))?;
        let p = arg(Value::Text(t.as_str().into()), &mut args);
        clauses.push(format!("e.event_type = {p}"));
    }
    if let Some(d) = f.since {
        let p = arg(Value::Text(fmt_date(d)), &mut args);
        clauses.push(format!("e.date_end >= {p}"));
    }
    if let Some(d) = f.until {
        let p = arg(Value::Text(fmt_date(d)), &mut args);
        clauses.push(format!("e.date_start <= {p}"));
    }
    if let Some(s) = &f.status {
        let s = s.trim().to_ascii_lowercase();
        if !["observed", "denied", "asserted", "reported"].contains(&s.as_str()) {
            return Err(LedgerError::Invalid(format!(
                "unknown status {s:?} (observed, denied, asserted, reported)"
            )));
        }
        let p = arg(Value::Text(s), &mut args);
        clauses.push(format!("e.status = {p}"));
    }
    if let Some(v) = f.ceasefire_violation {
        let p = arg(Value::Integer(i64::from(v)), &mut args);
        clauses.push(format!("e.ceasefire_violation = {p}"));
    }
    if let Some(n) = f.near {
        if !(n.lat.is_finite() && n.lon.is_finite() && n.km.is_finite() && n.km >= 0.0) {
            return Err(LedgerError::Invalid(
                "--near needs LAT,LON,KM numbers".into(),
            ));
        }
        let (a, b, c, d) = bounding_box(n.lat, n.lon, n.km);
        let pa = arg(Value::Real(a), &mut args);
        let pb = arg(Value::Real(b), &mut args);
        let pc = arg(Value::Real(c), &mut args);
        let pd = arg(Value::Real(d), &mut args);
        clauses.push(format!(
            "e.lat BETWEEN {pa} AND {pb} AND e.lon BETWEEN {pc} AND {pd}"
        ));
    }
    if let Some(q) = f.text.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let p = arg(Value::Text(fts_query(q)), &mut args);
        clauses.push(format!(
            "e.id IN (SELECT r.ledger_event FROM reports r
                      WHERE r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH {p}))"
        ));
    }
    Ok((clauses.join(" AND "), args))
}

/// Turn free words into an FTS5 query that cannot be a syntax error:
/// every word is quoted; all must match.
pub fn fts_query(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn within(n: Option<Near>, e: &LedgerEvent) -> bool {
    match (n, e.place.as_ref().and_then(|p| Some((p.lat?, p.lon?)))) {
        (None, _) => true,
        (Some(n), Some((lat, lon))) => haversine_km(n.lat, n.lon, lat, lon) <= n.km,
        (Some(_), None) => false,
    }
}

/// Call `f` on every event matching the filter, in date order.
pub fn for_each_event(
    c: &Connection,
    filter: &EventFilter,
    mut f: impl FnMut(LedgerEvent) -> Result<bool>,
) -> Result<()> {
    let (clause, args) = filter_sql(filter)?;
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM ledger_events e WHERE {clause}
         ORDER BY e.date_start IS NULL, e.date_start, e.id"
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let e = event_from_row(row)?;
        if within(filter.near, &e) && !f(e)? {
            break;
        }
    }
    Ok(())
}

/// One page of events.
pub fn events(c: &Connection, filter: &EventFilter, page: Page) -> Result<Vec<LedgerEvent>> {
    let mut out = Vec::new();
    let mut skipped = 0;
    if page.limit == 0 {
        return Ok(out);
    }
    for_each_event(c, filter, |e| {
        if skipped < page.offset {
            skipped += 1;
            return Ok(true);
        }
        out.push(e);
        Ok(out.len() < page.limit)
    })?;
    Ok(out)
}

/// Number of events matching the filter.
pub fn count_events(c: &Connection, filter: &EventFilter) -> Result<u64> {
    if filter.near.is_some() {
        let mut n = 0u64;
        for_each_event(c, filter, |_| {
            n += 1;
            Ok(true)
        })?;
        return Ok(n);
    }
    let (clause, args) = filter_sql(filter)?;
    let sql = format!("SELECT COUNT(*) FROM ledger_events e WHERE {clause}");
    // The SQL depends only on which filters are set: a cached statement.
    let mut stmt = c.prepare_cached(&sql)?;
    Ok(stmt.query_row(rusqlite::params_from_iter(args), |r| r.get::<_, i64>(0))? as u64)
}

/// One ledger event.
pub fn event(c: &Connection, id: i64) -> Result<Option<LedgerEvent>> {
    Ok(c.query_row(
        &format!("SELECT {EVENT_COLUMNS} FROM ledger_events e WHERE e.id = ?1"),
        [id],
        event_from_row,
    )
    .optional()?)
}

const REPORT_COLUMNS: &str = "r.id, r.ledger_event, r.document, d.doc_id, d.title, d.outlet,
    d.url, d.published, d.wire_group, r.event_type, r.mode, r.source_name, r.source_country,
    r.source_sector, r.target_name, r.target_country, r.target_sector, r.date_start, r.date_end,
    r.precision, r.place_name, r.place_country, r.place_kind, r.lat, r.lon, r.claimant_name,
    r.claimant_country, r.claimant_sector, r.status, r.ceasefire_violation, r.span_start,
    r.span_end, r.evidence";

fn report_from_row(r: &Row<'_>) -> rusqlite::Result<Report> {
    let claimed_by = party(r.get(25)?, r.get(26)?, r.get(27)?);
    let status: String = r.get(28)?;
    let wire_group: i64 = r.get(8)?;
    Ok(Report {
        id: r.get(0)?,
        event_id: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
        document_id: r.get(2)?,
        doc_id: r.get(3)?,
        title: r.get(4)?,
        outlet: r.get(5)?,
        url: r.get(6)?,
        published: parse_date(r.get(7)?),
        wire_group,
        event_type: r.get(9)?,
        mode: r.get(10)?,
        source: party(r.get(11)?, r.get(12)?, r.get(13)?),
        target: party(r.get(14)?, r.get(15)?, r.get(16)?),
        date_start: parse_date(r.get(17)?),
        date_end: parse_date(r.get(18)?),
        precision: r.get(19)?,
        place: r.get::<_, Option<String>>(20)?.map(|name| LedgerPlace {
            name,
            country: r
                .get::<_, Option<String>>(21)
                .ok()
                .flatten()
                .unwrap_or_default(),
            kind: r.get(22).ok().flatten(),
            lat: r.get(23).ok().flatten(),
            lon: r.get(24).ok().flatten(),
        }),
        source_key: source_key(&status, claimed_by.as_ref(), wire_group),
        claimed_by,
        status,
        ceasefire_violation: r.get(29)?,
        span: [
            r.get::<_, i64>(30)?.max(0) as usize,
            r.get::<_, i64>(31)?.max(0) as usize,
        ],
        evidence: r.get(32)?,
    })
}

/// Reports of one event, in id order.
pub fn reports_of(c: &Connection, event: i64) -> Result<Vec<Report>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {REPORT_COLUMNS} FROM reports r JOIN documents d ON d.id = r.document
         WHERE r.ledger_event = ?1 ORDER BY r.id"
    ))?;
    let rows = stmt.query_map([event], report_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn figure_from_row(r: &Row<'_>) -> rusqlite::Result<StoredFigure> {
    let text: String = r.get(17)?;
    let (s, e) = (
        r.get::<_, i64>(15)?.max(0) as usize,
        r.get::<_, i64>(16)?.max(0) as usize,
    );
    Ok(StoredFigure {
        id: r.get(0)?,
        document_id: r.get(1)?,
        doc_id: r.get(2)?,
        outlet: r.get(3)?,
        wire_group: r.get(4)?,
        what: r.get(5)?,
        min: r.get::<_, i64>(6)?.max(0) as u64,
        max: r.get::<_, Option<i64>>(7)?.map(|m| m.max(0) as u64),
        unit: r.get(8)?,
        civilian: r.get(9)?,
        claimed_by: r.get(10)?,
        claimant_country: r.get(11)?,
        party: r.get(12)?,
        date: parse_date(r.get(13)?),
        span: [s, e],
        evidence: text.get(s..e).unwrap_or("").trim().to_string(),
    })
}

/// Figures given in the sentences of one event's reports.
pub fn figures_of(c: &Connection, event: i64) -> Result<Vec<StoredFigure>> {
    let mut stmt = c.prepare_cached(
        "SELECT f.id, f.document, d.doc_id, d.outlet, d.wire_group, f.what, f.min, f.max, f.unit,
                f.civilian, f.claimant, f.claimant_country, f.party, f.date, f.countries,
                f.span_start, f.span_end, t.text
         FROM reports r CROSS JOIN figures f ON f.report = r.id
              JOIN documents d ON d.id = f.document
              JOIN document_texts t ON t.document = f.document
         WHERE r.ledger_event = ?1 ORDER BY f.id",
    )?;
    let rows = stmt.query_map([event], figure_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An event with its reports, denials and figures.
pub fn event_detail(c: &Connection, id: i64) -> Result<Option<LedgerEventDetail>> {
    let Some(ev) = event(c, id)? else {
        return Ok(None);
    };
    let reports = reports_of(c, id)?;
    let mut denials = Vec::new();
    {
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {REPORT_COLUMNS} FROM denials x JOIN reports r ON r.id = x.reject_report
                 JOIN documents d ON d.id = r.document
             WHERE x.event = ?1 ORDER BY r.id"
        ))?;
        for rep in stmt.query_map([id], report_from_row)? {
            let rep = rep?;
            denials.push(Denial {
                reject_event_id: rep.event_id,
                denier: rep.source.clone(),
                report: rep,
            });
        }
    }
    let denies: Vec<i64> = {
        let mut stmt = c.prepare_cached(
            "SELECT DISTINCT x.event FROM denials x JOIN reports r ON r.id = x.reject_report
             WHERE r.ledger_event = ?1 ORDER BY x.event",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    Ok(Some(LedgerEventDetail {
        event: ev,
        reports,
        denials,
        denies,
        figures: figures_of(c, id)?,
    }))
}

/// One stored document.
pub fn document(c: &Connection, id: i64) -> Result<Option<StoredDocument>> {
    let row = c
        .query_row(
            "SELECT d.id, d.doc_id, d.origin, d.format, d.title, d.published, d.url, d.outlet, d.raw_hash,
                    d.wire_group, d.ingested_at, t.text, t.annotations
             FROM documents d JOIN document_texts t ON t.document = d.id WHERE d.id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ),
                    (
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, i64>(9)?,
                        r.get::<_, String>(10)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, String>(12)?,
                    ),
                ))
            },
        )
        .optional()?;
    let Some(((id, doc_id, origin, format, title, published), rest)) = row else {
        return Ok(None);
    };
    let (url, outlet, raw_hash, wire_group, ingested_at, text, ann) = rest;
    let annotations: Annotations = serde_json::from_str(&ann)
        .map_err(|e| LedgerError::Corrupt(format!("annotations of document {id}: {e}")))?;
    let wire_copies: Vec<i64> = {
        let mut stmt = c.prepare_cached(
            "SELECT id FROM documents WHERE wire_group = ?1 AND id != ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![wire_group, id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut event_ids = vec![None; annotations.events.len()];
    {
        let mut stmt =
            c.prepare_cached("SELECT idx, ledger_event FROM reports WHERE document = ?1")?;
        for row in stmt.query_map([id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })? {
            let (idx, ev) = row?;
            if let Some(slot) = usize::try_from(idx).ok().and_then(|i| event_ids.get_mut(i)) {
                *slot = ev;
            }
        }
    }
    Ok(Some(StoredDocument {
        id,
        doc_id,
        origin,
        format,
        title,
        published: parse_date(published),
        url,
        outlet,
        raw_hash,
        wire_group,
        wire_copies,
        ingested_at,
        text,
        annotations,
        event_ids,
    }))
}

/// Stored documents, newest first, optionally matching a full-text query.
pub fn documents(c: &Connection, text: Option<&str>, page: Page) -> Result<Vec<DocumentSummary>> {
    let limit = i64::try_from(page.limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
    let q = text.map(str::trim).filter(|t| !t.is_empty()).map(fts_query);
    let mut stmt = c.prepare_cached(
        "SELECT d.id, d.doc_id, d.title, d.published, d.outlet, d.url, d.wire_group,
                (SELECT COUNT(*) FROM reports r WHERE r.document = d.id)
         FROM documents d
         WHERE ?1 IS NULL OR d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1)
         ORDER BY d.published IS NULL, d.published DESC, d.id DESC
         LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![q, limit, offset], |r| {
        Ok(DocumentSummary {
            id: r.get(0)?,
            doc_id: r.get(1)?,
            title: r.get(2)?,
            published: parse_date(r.get(3)?),
            outlet: r.get(4)?,
            url: r.get(5)?,
            wire_group: r.get(6)?,
            reports: r.get::<_, i64>(7)?.max(0) as u32,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts of the stored rows.
pub fn stats(c: &Connection) -> Result<LedgerStats> {
    let count = |sql: &str| -> Result<u64> {
        Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64)
    };
    Ok(LedgerStats {
        documents: count("SELECT COUNT(*) FROM documents")?,
        wire_groups: count("SELECT COUNT(DISTINCT wire_group) FROM documents")?,
        reports: count("SELECT COUNT(*) FROM reports")?,
        events: count("SELECT COUNT(*) FROM ledger_events")?,
        denial_links: count("SELECT COUNT(*) FROM denials")?,
        figures: count("SELECT COUNT(*) FROM figures")?,
        ceasefires: count("SELECT COUNT(*) FROM ceasefires")?,
        change: c.query_row("SELECT value FROM state WHERE key = 'change'", [], |r| {
            r.get(0)
        })?,
    })
}
