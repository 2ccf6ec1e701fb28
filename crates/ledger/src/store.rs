//! Storing documents: identity, replacement, wire copies, reports, figures.

use crate::dedup::{self, Signature};
use crate::merge::{self, fmt_date, party_key, DateKey, MergeKey};
use crate::types::{DocumentOutcome, IngestOutcome, IngestSummary, LedgerPlace, NewDocument};
use crate::{ceasefire, countries, Result};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use truce_document::{Document, EventType, Party, Precision, Span};

/// Longest evidence sentence kept, in bytes.
const MAX_EVIDENCE: usize = 2000;

/// One event of a document, ready to store.
#[derive(Debug, Clone)]
pub struct ReportIn {
    idx: usize,
    event_type: &'static str,
    mode: Option<String>,
    source: Option<Party>,
    target: Option<Party>,
    date: Option<(NaiveDate, NaiveDate, &'static str)>,
    place: Option<LedgerPlace>,
    claimant: Option<Party>,
    status: &'static str,
    ceasefire_violation: bool,
    span: Span,
    evidence: String,
}

/// One figure of a document, ready to store.
#[derive(Debug, Clone)]
pub struct FigureIn {
    idx: usize,
    what: &'static str,
    min: u64,
    max: Option<u64>,
    unit: String,
    civilian: Option<bool>,
    claimant: Option<String>,
    claimant_country: Option<String>,
    party: Option<String>,
    date: Option<NaiveDate>,
    countries: String,
    span: Span,
    event_idx: Option<usize>,
}

/// A document with everything computed that needs no database.
#[derive(Debug)]
pub struct Prepared<'a> {
    new: &'a NewDocument,
    signature: Option<Signature>,
    annotations: String,
    reports: Vec<ReportIn>,
    figures: Vec<FigureIn>,
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

fn status_name(s: truce_document::Status) -> &'static str {
    s.as_str()
}

fn clip(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// The sentence around a span (or the span itself when sentences are unknown).
fn sentence_of(doc: &Document, span: Span) -> Span {
    doc.ann
        .sentences
        .iter()
        .find(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
        .copied()
        .unwrap_or(span)
}

/// Compute the rows of a document (pure; runs before the write lock).
pub fn prepare(new: &NewDocument) -> Prepared<'_> {
    let doc = &new.doc;
    let published = doc.meta.published;
    let place_kind = |name: &str| {
        doc.ann
            .places
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .and_then(|p| serde_json::to_value(p.kind).ok())
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let reports: Vec<ReportIn> = doc
        .ann
        .events
        .iter()
        .enumerate()
        .map(|(idx, e)| {
            let date = e
                .date
                .map(|d| (d.start, d.end.max(d.start), precision_name(d.precision)))
                .or_else(|| published.map(|p| (p, p, "day")));
            ReportIn {
                idx,
                event_type: e.event_type.as_str(),
                mode: e.mode.clone(),
                source: e.source.clone(),
                target: e.target.clone(),
                date,
                place: e.place.as_ref().map(|p| LedgerPlace {
                    name: p.name.clone(),
                    country: p.country.clone(),
                    kind: place_kind(&p.name),
                    lat: p.lat,
                    lon: p.lon,
                }),
                claimant: e.claimed_by.clone(),
                status: status_name(e.status),
                ceasefire_violation: e.ceasefire_violation,
                span: e.span,
                evidence: clip(doc.slice(e.span).trim(), MAX_EVIDENCE),
            }
        })
        .collect();
    let figures = doc
        .ann
        .figures
        .iter()
        .enumerate()
        .map(|(idx, f)| figure_in(doc, idx, f))
        .collect();
    Prepared {
        new,
        signature: dedup::signature(&doc.text),
        annotations: serde_json::to_string(&doc.ann).unwrap_or_else(|_| "{}".into()),
        reports,
        figures,
    }
}

/// Attribute a figure: the event it belongs to, its day, whose losses it counts.
fn figure_in(doc: &Document, idx: usize, f: &truce_document::Figure) -> FigureIn {
    let sentence = sentence_of(doc, f.span);
    let events = &doc.ann.events;
    let is_assault = |i: &usize| events[*i].event_type == EventType::Assault;
    let containing: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].span.contains(f.span))
        .collect();
    let overlapping: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].span.overlaps(sentence))
        .collect();
    let event_idx = containing
        .iter()
        .copied()
        .find(is_assault)
        .or_else(|| containing.first().copied())
        .or_else(|| overlapping.iter().copied().find(is_assault))
        .or_else(|| overlapping.first().copied());
    let event = event_idx.map(|i| &events[i]);
    let date = event
        .and_then(|e| e.date.map(|d| d.start))
        .or_else(|| {
            doc.ann
                .times
                .iter()
                .find(|t| sentence.contains(t.span))
                .map(|t| t.range.start)
        })
        .or(doc.meta.published);
    let claimant_country = f.claimed_by.as_ref().and_then(|name| {
        doc.ann
            .actors
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .and_then(|a| a.country.clone())
    });
    let phrase = doc.slice(f.span).to_lowercase();
    let own_losses =
        phrase.contains(" its ") || phrase.contains(" our ") || phrase.contains("their own");
    let near_actor = doc
        .ann
        .actors
        .iter()
        .filter_map(|a| {
            let m = a
                .mentions
                .iter()
                .filter(|m| {
                    m.start >= f.span.start && m.start <= f.span.end + 40 && sentence.contains(**m)
                })
                .map(|m| m.start)
                .min()?;
            Some((m, a.country.clone()?))
        })
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, c)| c);
    let party = if own_losses && claimant_country.is_some() {
        claimant_country.clone()
    } else {
        near_actor.or_else(|| {
            event
                .filter(|e| e.event_type == EventType::Assault)
                .and_then(|e| e.target.as_ref())
                .and_then(|t| t.country.clone())
        })
    };
    let mut codes: BTreeSet<String> = BTreeSet::new();
    codes.extend(party.iter().cloned());
    codes.extend(claimant_country.iter().cloned());
    for p in &doc.ann.places {
        if p.mentions.iter().any(|m| sentence.contains(*m)) {
            codes.insert(p.country.to_ascii_uppercase());
            if let Some(a3) = countries::alpha2_to_alpha3(&p.country) {
                codes.insert(a3.to_string());
            }
        }
    }
    for a in &doc.ann.actors {
        if a.mentions.iter().any(|m| sentence.contains(*m)) {
            codes.extend(a.country.iter().map(|c| c.to_ascii_uppercase()));
        }
    }
    let countries = format!(" {} ", codes.into_iter().collect::<Vec<_>>().join(" "));
    FigureIn {
        idx,
        what: f.what.as_str(),
        min: f.min,
        max: f.max,
        unit: f.unit.clone(),
        civilian: f.civilian,
        claimant: f.claimed_by.clone(),
        claimant_country,
        party,
        date,
        countries,
        span: f.span,
        event_idx,
    }
}

/// Most candidates compared in full with a new document.
const MAX_COPY_CANDIDATES: usize = 12;

/// The wire-copy group of a new document: the group of its most similar
/// stored document above the threshold, if any. Candidates share LSH
/// buckets with it; those sharing the most are compared first.
fn wire_group_of(tx: &Transaction<'_>, sig: &Signature) -> Result<Option<i64>> {
    let mut shared: BTreeMap<i64, usize> = BTreeMap::new();
    {
        // Copies follow their original closely: the most recent documents
        // of a bucket are enough, and boilerplate-heavy buckets stay cheap.
        let mut stmt = tx.prepare_cached(
            "SELECT document FROM doc_lsh WHERE bucket = ?1 ORDER BY document DESC LIMIT 64",
        )?;
        for b in sig.buckets() {
            for d in stmt.query_map([b], |r| r.get::<_, i64>(0))? {
                *shared.entry(d?).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, i64)> = shared.into_iter().map(|(d, n)| (n, d)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let mut best: Option<(f64, i64)> = None;
    let mut stmt = tx.prepare_cached(
        "SELECT s.minhash, d.wire_group FROM document_signatures s
         JOIN documents d ON d.id = s.document WHERE s.document = ?1",
    )?;
    for (_, id) in ranked.into_iter().take(MAX_COPY_CANDIDATES) {
        let row = stmt
            .query_row([id], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?)))
            .optional()?;
        let Some((bytes, group)) = row else {
            continue;
        };
        let Some(other) = Signature::from_bytes(&bytes) else {
            continue;
        };
        let sim = sig.similarity(&other);
        if sim >= dedup::COPY_THRESHOLD && best.is_none_or(|(s, _)| sim > s) {
            best = Some((sim, group));
        }
    }
    Ok(best.map(|(_, g)| g))
}

/// Store a batch of prepared documents (the caller holds the transaction).
pub fn ingest(tx: &Transaction<'_>, batch: &[Prepared<'_>]) -> Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    let mut rejects: BTreeSet<i64> = BTreeSet::new();
    // Claimant key -> days of new claims: denials stored earlier may now
    // find the claim they answer.
    let mut claims: BTreeMap<String, BTreeSet<NaiveDate>> = BTreeMap::new();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for p in batch {
        let doc = &p.new.doc;
        let existing: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, wire_group FROM documents WHERE raw_hash = ?1")?
            .query_row([&p.new.raw_hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, group)) = existing {
            summary.unchanged += 1;
            summary.outcomes.push(DocumentOutcome {
                doc_id: doc.doc_id.clone(),
                document_id: id,
                outcome: IngestOutcome::Unchanged,
                wire_group: group,
            });
            continue;
        }
        let mut replaced = false;
        if let Some(url) = doc.meta.url.as_deref().filter(|u| !u.trim().is_empty()) {
            let olds: Vec<i64> = {
                let mut stmt = tx.prepare_cached("SELECT id FROM documents WHERE url = ?1")?;
                let rows = stmt.query_map([url], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for old in olds {
                let (events, linked_rejects) = remove(tx, old)?;
                touched.extend(events);
                rejects.extend(linked_rejects);
                replaced = true;
            }
        }
        let group = match &p.signature {
            Some(sig) => wire_group_of(tx, sig)?,
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO documents (doc_id, origin, format, url, raw_hash, title, published, outlet,
                                    wire_group, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9)",
        )?
        .execute(params![
            doc.doc_id,
            doc.origin,
            doc.format.map(|f| f.as_str()),
            doc.meta.url,
            p.new.raw_hash,
            doc.meta.title,
            doc.meta.published.map(fmt_date),
            doc.meta.outlet,
            now,
        ])?;
        let doc_row = tx.last_insert_rowid();
        tx.prepare_cached(
            "INSERT INTO document_texts (document, text, annotations) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![doc_row, doc.text, p.annotations])?;
        if let Some(sig) = &p.signature {
            tx.prepare_cached(
                "INSERT INTO document_signatures (document, minhash) VALUES (?1, ?2)",
            )?
            .execute(params![doc_row, sig.to_bytes()])?;
        }
        let group = group.unwrap_or(doc_row);
        tx.execute(
            "UPDATE documents SET wire_group = ?2 WHERE id = ?1",
            params![doc_row, group],
        )?;
        if group != doc_row {
            summary.wire_copies += 1;
        }
        if let Some(sig) = &p.signature {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO doc_lsh (bucket, document) VALUES (?1, ?2)",
            )?;
            for b in sig.buckets() {
                stmt.execute(params![b, doc_row])?;
            }
        }
        let mut report_ids: Vec<i64> = Vec::with_capacity(p.reports.len());
        for r in &p.reports {
            let (id, event) = insert_report(tx, doc_row, r)?;
            report_ids.push(id);
            touched.insert(event);
            if r.event_type == "REJECT" {
                rejects.insert(id);
            } else if let (Some(k), Some((s, _, _))) = (party_key(r.claimant.as_ref()), r.date) {
                claims.entry(k).or_default().insert(s);
            }
        }
        let mut fig_stmt = tx.prepare_cached(
            "INSERT INTO figures (document, idx, report, what, min, max, unit, civilian, claimant,
                                  claimant_country, party, date, countries, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for f in &p.figures {
            fig_stmt.execute(params![
                doc_row,
                f.idx as i64,
                f.event_idx.and_then(|i| report_ids.get(i).copied()),
                f.what,
                f.min.min(i64::MAX as u64) as i64,
                f.max.map(|m| m.min(i64::MAX as u64) as i64),
                f.unit,
                f.civilian,
                f.claimant,
                f.claimant_country,
                f.party,
                f.date.map(fmt_date),
                f.countries,
                f.span.start as i64,
                f.span.end as i64,
            ])?;
        }
        summary.reports += p.reports.len();
        if replaced {
            summary.replaced += 1;
        } else {
            summary.added += 1;
        }
        summary.outcomes.push(DocumentOutcome {
            doc_id: doc.doc_id.clone(),
            document_id: doc_row,
            outcome: if replaced {
                IngestOutcome::Replaced
            } else {
                IngestOutcome::Added
            },
            wire_group: group,
        });
    }
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM reports WHERE event_type = 'REJECT' AND target_key = ?1
               AND date_start BETWEEN ?2 AND ?3",
        )?;
        for (key, days) in &claims {
            for (lo, hi) in windows(days) {
                let lo = fmt_date(lo - Duration::days(1));
                let hi = fmt_date(hi + Duration::days(3));
                for id in stmt.query_map(params![key, lo, hi], |r| r.get::<_, i64>(0))? {
                    rejects.insert(id?);
                }
            }
        }
    }
    touched.extend(merge::relink_denials(tx, &rejects)?);
    let truces = ceasefire::truce_snapshot(tx, &touched)?;
    for ev in &touched {
        merge::refresh(tx, *ev)?;
    }
    ceasefire::derive(tx, &ceasefire::changed_pairs(tx, &truces)?)?;
    Ok(summary)
}

/// Sorted days coalesced into ranges (gaps of up to a few days are joined).
fn windows(days: &BTreeSet<NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &d in days {
        match out.last_mut() {
            Some((_, hi)) if (d - *hi).num_days() <= 4 => *hi = d,
            _ => out.push((d, d)),
        }
    }
    out
}

fn insert_report(tx: &Transaction<'_>, doc_row: i64, r: &ReportIn) -> Result<(i64, i64)> {
    let source_key = party_key(r.source.as_ref());
    let target_key = party_key(r.target.as_ref());
    let claimant_key = party_key(r.claimant.as_ref());
    let key = MergeKey {
        event_type: r.event_type,
        source_key: source_key.as_deref(),
        target_key: target_key.as_deref(),
        date: r.date.map(|(s, e, p)| DateKey {
            start: s,
            end: e,
            day: p == "day",
        }),
        place: r.place.as_ref(),
    };
    let event = merge::assign(tx, &key, r.date.map(|d| d.2))?;
    let s = r.source.as_ref();
    let t = r.target.as_ref();
    let c = r.claimant.as_ref();
    let pl = r.place.as_ref();
    tx.prepare_cached(
        "INSERT INTO reports (document, idx, ledger_event, event_type, mode, source_key, target_key,
            claimant_key, source_name, source_country, source_sector, target_name, target_country,
            target_sector, date_start, date_end, precision, place_name, place_country, place_kind,
            lat, lon, claimant_name, claimant_country, claimant_sector, status,
            ceasefire_violation, span_start, span_end, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?
    .execute(params![
        doc_row,
        r.idx as i64,
        event,
        r.event_type,
        r.mode,
        source_key,
        target_key,
        claimant_key,
        s.map(|p| &p.name),
        s.and_then(|p| p.country.as_ref()),
        s.and_then(|p| p.sector).map(|x| x.as_str()),
        t.map(|p| &p.name),
        t.and_then(|p| p.country.as_ref()),
        t.and_then(|p| p.sector).map(|x| x.as_str()),
        r.date.map(|d| fmt_date(d.0)),
        r.date.map(|d| fmt_date(d.1)),
        r.date.map(|d| d.2),
        pl.map(|p| &p.name),
        pl.map(|p| &p.country),
        pl.and_then(|p| p.kind.as_ref()),
        pl.and_then(|p| p.lat),
        pl.and_then(|p| p.lon),
        c.map(|p| &p.name),
        c.and_then(|p| p.country.as_ref()),
        c.and_then(|p| p.sector).map(|x| x.as_str()),
        r.status,
        r.ceasefire_violation,
        r.span.start as i64,
        r.span.end as i64,
        r.evidence,
    ])?;
    Ok((tx.last_insert_rowid(), event))
}

/// Delete a document's rows; returns the ledger events that lost reports
/// and the REJECT reports elsewhere whose links pointed at them.
fn remove(tx: &Transaction<'_>, id: i64) -> Result<(BTreeSet<i64>, BTreeSet<i64>)> {
    let mut events = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT ledger_event FROM reports WHERE document = ?1 AND ledger_event IS NOT NULL
             UNION SELECT x.event FROM denials x JOIN reports r ON r.id = x.reject_report
                   WHERE r.document = ?1",
        )?;
        for e in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
            events.insert(e?);
        }
    }
    let mut rejects = BTreeSet::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT x.reject_report FROM denials x JOIN reports r ON r.ledger_event = x.event
             WHERE r.document = ?1
               AND x.reject_report NOT IN (SELECT id FROM reports WHERE document = ?1)",
        )?;
        for e in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
            rejects.insert(e?);
        }
    }
    tx.execute(
        "DELETE FROM denials WHERE reject_report IN (SELECT id FROM reports WHERE document = ?1)",
        [id],
    )?;
    tx.execute("DELETE FROM figures WHERE document = ?1", [id])?;
    tx.execute("DELETE FROM reports WHERE document = ?1", [id])?;
    tx.execute("DELETE FROM doc_lsh WHERE document = ?1", [id])?;
    tx.execute("DELETE FROM document_signatures WHERE document = ?1", [id])?;
    tx.execute("DELETE FROM document_texts WHERE document = ?1", [id])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    Ok((events, rejects))
}

/// Delete one document and bring the ledger up to date.
pub fn delete_document(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM documents WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(false);
    }
    let (mut events, rejects) = remove(tx, id)?;
    events.extend(merge::relink_denials(tx, &rejects)?);
    let truces = ceasefire::truce_snapshot(tx, &events)?;
    for ev in &events {
        merge::refresh(tx, *ev)?;
    }
    ceasefire::derive(tx, &ceasefire::changed_pairs(tx, &truces)?)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_days_coalesce_into_short_windows() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days: BTreeSet<NaiveDate> = ["2020-10-01", "2020-10-03", "2021-05-01"]
            .iter()
            .map(|s| d(s))
            .collect();
        assert_eq!(
            windows(&days),
            vec![
                (d("2020-10-01"), d("2020-10-03")),
                (d("2021-05-01"), d("2021-05-01"))
            ]
        );
    }
}
