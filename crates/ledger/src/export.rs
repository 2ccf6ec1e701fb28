//! Exports: ACLED-like CSV, PLOVER-shaped JSON Lines, GeoJSON points.

use crate::query::for_each_event;
use crate::types::{EventFilter, LedgerEvent};
use crate::{LedgerError, Result};
use rusqlite::Connection;
use serde_json::{json, Value};
use std::io::Write;
use truce_document::Party;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// ACLED-like columns, one row per ledger event.
    Csv,
    /// One PLOVER-shaped JSON record per line.
    Jsonl,
    /// A GeoJSON FeatureCollection of the located events.
    GeoJson,
}

impl std::str::FromStr for ExportFormat {
    type Err = LedgerError;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "json-lines" | "ndjson" => Ok(ExportFormat::Jsonl),
            "geojson" => Ok(ExportFormat::GeoJson),
            other => Err(LedgerError::Invalid(format!(
                "unknown export format {other:?} (csv, jsonl, geojson)"
            ))),
        }
    }
}

/// The CSV header of [`ExportFormat::Csv`].
pub const CSV_COLUMNS: &[&str] = &[
    "event_id",
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
    "actor1_country",
    "actor2_country",
    "denied_by",
    "observed_by",
    "corroboration",
    "ceasefire_violation",
    "reports",
];

/// Quote one CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn names(ps: &[Party]) -> String {
    ps.iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Outlets and the first evidence sentence of an event.
struct Extra {
    outlets: Vec<String>,
    documents: Vec<Value>,
    notes: String,
}

fn extra(c: &Connection, event: i64) -> Result<Extra> {
    let mut stmt = c.prepare_cached(
        "SELECT COALESCE(d.outlet, d.doc_id), d.doc_id, d.url, d.published, r.evidence, r.status,
                r.claimant_name
         FROM reports r JOIN documents d ON d.id = r.document
         WHERE r.ledger_event = ?1 ORDER BY r.id",
    )?;
    let mut outlets: Vec<String> = Vec::new();
    let mut documents = Vec::new();
    let mut notes = String::new();
    let rows = stmt.query_map([event], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (outlet, doc_id, url, published, evidence, status, claimant) = row?;
        if notes.is_empty() {
            notes = evidence.clone();
        }
        if !outlets.contains(&outlet) {
            outlets.push(outlet.clone());
        }
        documents.push(json!({
            "doc_id": doc_id, "outlet": outlet, "url": url, "published": published,
            "status": status, "claimed_by": claimant, "text": evidence,
        }));
    }
    Ok(Extra {
        outlets,
        documents,
        notes,
    })
}

fn country_of(e: &LedgerEvent) -> String {
    e.place
        .as_ref()
        .map(|p| p.country.clone())
        .or_else(|| {
            e.target
                .as_ref()
                .or(e.source.as_ref())
                .and_then(|p| p.country.clone())
                .and_then(|c| crate::countries::alpha3_to_alpha2(&c).map(str::to_string))
        })
        .unwrap_or_default()
}

fn csv_row(e: &LedgerEvent, x: &Extra) -> Vec<String> {
    let party = |p: &Option<Party>| p.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let pc = |p: &Option<Party>| {
        p.as_ref()
            .and_then(|p| p.country.clone())
            .unwrap_or_default()
    };
    let num = |v: Option<f64>| v.map(|v| format!("{v:.5}")).unwrap_or_default();
    let k = e.killed;
    vec![
        e.id.to_string(),
        e.date_start.map(|d| d.to_string()).unwrap_or_default(),
        e.precision.clone().unwrap_or_default(),
        e.event_type.clone(),
        e.mode.clone().unwrap_or_default(),
        party(&e.source),
        party(&e.target),
        country_of(e),
        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        num(e.place.as_ref().and_then(|p| p.lat)),
        num(e.place.as_ref().and_then(|p| p.lon)),
        x.outlets.join("; "),
        names(&e.asserted_by),
        e.status.clone(),
        k.map(|k| k.best.to_string()).unwrap_or_default(),
        k.map(|k| k.low.to_string()).unwrap_or_default(),
        k.map(|k| format!("{}{}", k.high, if k.open { "+" } else { "" }))
            .unwrap_or_default(),
        x.notes.clone(),
        pc(&e.source),
        pc(&e.target),
        names(&e.denied_by),
        names(&e.observed_by),
        e.corroboration.to_string(),
        e.ceasefire_violation.to_string(),
        e.reports.to_string(),
    ]
}

fn plover(e: &LedgerEvent, x: &Extra) -> Value {
    let party = |p: &Option<Party>| p.as_ref().map(|p| p.name.clone());
    let country = |p: &Option<Party>| p.as_ref().and_then(|p| p.country.clone());
    let sector = |p: &Option<Party>| p.as_ref().and_then(|p| p.sector).map(|s| s.as_str());
    json!({
        "id": format!("truce-{}", e.id),
        "date": e.date_start.map(|d| d.to_string()),
        "date_end": e.date_end.map(|d| d.to_string()),
        "date_precision": e.precision,
        "event": e.event_type,
        "mode": e.mode,
        "context": if e.ceasefire_violation { vec!["ceasefire_violation"] } else { Vec::new() },
        "actor": party(&e.source),
        "actor_country": country(&e.source),
        "actor_sector": sector(&e.source),
        "recipient": party(&e.target),
        "recipient_country": country(&e.target),
        "recipient_sector": sector(&e.target),
        "location": e.place.as_ref().map(|p| json!({
            "name": p.name, "country": p.country, "kind": p.kind,
            "lat": p.lat, "lon": p.lon,
        })),
        "status": e.status,
        "claimed_by": e.asserted_by,
        "denied_by": e.denied_by,
        "observed_by": e.observed_by,
        "corroboration": e.corroboration,
        "fatalities": e.killed,
        "sources": x.documents,
    })
}

fn geo_feature(e: &LedgerEvent, x: &Extra) -> Option<Value> {
    let p = e.place.as_ref()?;
    let (lat, lon) = (p.lat?, p.lon?);
    if !(lat.is_finite() && lon.is_finite()) || lat.abs() > 90.0 || lon.abs() > 180.0 {
        return None;
    }
    let row = csv_row(e, x);
    // Flat properties: QGIS shows them as attribute columns.
    let props: serde_json::Map<String, Value> = CSV_COLUMNS
        .iter()
        .zip(row)
        .filter(|(k, _)| !matches!(**k, "latitude" | "longitude"))
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    Some(json!({
        "type": "Feature",
        "id": e.id,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }))
}

/// Write the events matching `filter` in `format`; returns how many were written.
pub fn export(
    c: &Connection,
    format: ExportFormat,
    filter: &EventFilter,
    out: &mut dyn Write,
) -> Result<usize> {
    let mut n = 0usize;
    match format {
        ExportFormat::Csv => {
            writeln!(out, "{}", CSV_COLUMNS.join(","))?;
            for_each_event(c, filter, |e| {
                let x = extra(c, e.id)?;
                let row: Vec<String> = csv_row(&e, &x).iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", row.join(","))?;
                n += 1;
                Ok(true)
            })?;
        }
        ExportFormat::Jsonl => {
            for_each_event(c, filter, |e| {
                let x = extra(c, e.id)?;
                serde_json::to_writer(&mut *out, &plover(&e, &x))
                    .map_err(|err| LedgerError::Io(err.into()))?;
                writeln!(out)?;
                n += 1;
                Ok(true)
            })?;
        }
        ExportFormat::GeoJson => {
            write!(out, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
            for_each_event(c, filter, |e| {
                let x = extra(c, e.id)?;
                if let Some(f) = geo_feature(&e, &x) {
                    if n > 0 {
                        write!(out, ",")?;
                    }
                    writeln!(out)?;
                    serde_json::to_writer(&mut *out, &f)
                        .map_err(|err| LedgerError::Io(err.into()))?;
                    n += 1;
                }
                Ok(true)
            })?;
            writeln!(out, "\n]}}")?;
        }
    }
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formats_parse() {
        assert_eq!("CSV".parse::<ExportFormat>().unwrap(), ExportFormat::Csv);
        assert_eq!(
            "geojson".parse::<ExportFormat>().unwrap(),
            ExportFormat::GeoJson
        );
        assert!("xml".parse::<ExportFormat>().is_err());
    }
}
