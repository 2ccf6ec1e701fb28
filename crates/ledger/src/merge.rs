//! Merging reports of the same real event, linking denials to claims, and
//! the aggregates of a ledger event (who asserts, denies, observes it; how
//! many independent sources).
//!
//! Two reports are of the same event when they have the same type, the
//! same source and target (by country, else by name), dates within a day
//! of each other (same range for week/month/year precision), and places
//! within 25 km, of the same name, or one inside the other's named region.
//! A new report joins the first ledger event whose anchor (its first
//! report) it matches; events are never chained through later reports, so
//! a run of daily shellings does not collapse into one event.

use crate::geo::haversine_km;
use crate::tally::{estimate, SourceValue};
use crate::types::{Estimate, LedgerPlace};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeSet, HashSet};
use truce_document::{Party, Sector};

/// Places closer than this are the same place.
const SAME_PLACE_KM: f64 = 25.0;
/// A place within this distance of a named region's point may lie in it.
const REGION_KM: f64 = 150.0;
/// Day-precise ranges longer than this ("since 27 September") are not
/// merged with reports starting after them.
const LONGEST_DAY_RANGE_DAYS: i64 = 31;
/// A denial is looked for among claims dated this many days before it...
const DENIAL_LOOKBACK_DAYS: i64 = 3;
/// ...or this many after (the claim may be dated later than the denial's day).
const DENIAL_LOOKAHEAD_DAYS: i64 = 1;

/// The merge key of a party: its country code, else its lower-cased name.
pub fn party_key(p: Option<&Party>) -> Option<String> {
    let p = p?;
    match &p.country {
        Some(c) if !c.trim().is_empty() => Some(c.trim().to_ascii_uppercase()),
        _ => {
            let n = p.name.trim().to_lowercase();
            (!n.is_empty()).then(|| format!("n:{n}"))
        }
    }
}

/// Whether two places can be the same place of one event.
pub fn places_compatible(a: Option<&LedgerPlace>, b: Option<&LedgerPlace>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.name.trim().eq_ignore_ascii_case(b.name.trim()) {
        return true;
    }
    let is = |p: &LedgerPlace, k: &str| p.kind.as_deref() == Some(k);
    let same_country = a.country.eq_ignore_ascii_case(&b.country);
    if (is(a, "country") || is(b, "country")) && same_country {
        return true;
    }
    if let (Some(la), Some(oa), Some(lb), Some(ob)) = (a.lat, a.lon, b.lat, b.lon) {
        let d = haversine_km(la, oa, lb, ob);
        if d <= SAME_PLACE_KM {
            return true;
        }
        if (is(a, "region") || is(b, "region")) && same_country && d <= REGION_KM {
            return true;
        }
    }
    false
}

/// A date range with its precision, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateKey {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// True for day precision.
    pub day: bool,
}

/// Whether two dates can be the date of one event: day-precise ranges
/// overlapping within a day, or identical coarser ranges.
pub fn dates_compatible(a: DateKey, b: DateKey) -> bool {
    if a.day && b.day {
        a.start <= b.end + Duration::days(1) && b.start <= a.end + Duration::days(1)
    } else {
        a == b
    }
}

/// What one report contributes to its ledger event's aggregates.
#[derive(Debug, Clone)]
pub struct AggReport {
    /// Stored document.
    pub document: i64,
    /// Wire-copy group of the document.
    pub wire_group: i64,
    /// Outlet name (or the document id when unknown).
    pub outlet: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Who acts.
    pub source: Option<Party>,
    /// Who is acted upon.
    pub target: Option<Party>,
    /// Dates.
    pub date_start: Option<NaiveDate>,
    /// Last day.
    pub date_end: Option<NaiveDate>,
    /// Precision name.
    pub precision: Option<String>,
    /// Place.
    pub place: Option<LedgerPlace>,
    /// Claimant.
    pub claimant: Option<Party>,
    /// asserted | denied | observed | reported.
    pub status: String,
    /// Marked as a ceasefire violation.
    pub ceasefire_violation: bool,
}

/// The independent source a report counts as. A party counts once however
/// many of its officials or outlets relay it; an observer that is an
/// organisation (monitors, NGOs) counts once; a journalist, a resident or
/// the outlet's own voice counts once per wire-copy group, so a wire copy
/// never adds a source.
pub fn source_key(status: &str, claimant: Option<&Party>, wire_group: i64) -> String {
    match (status, claimant) {
        ("asserted" | "denied", Some(c)) => {
            format!("party:{}", party_key(Some(c)).unwrap_or_default())
        }
        ("observed", Some(c)) => {
            let org = matches!(c.sector, Some(Sector::Igo) | Some(Sector::Ngo));
            let name = c.name.trim().to_lowercase();
            if org {
                format!("org:{name}")
            } else {
                format!("witness:{wire_group}:{name}")
            }
        }
        _ => format!("outlet:{wire_group}"),
    }
}

/// The aggregates of one ledger event.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// Source party (first report naming one).
    pub source: Option<Party>,
    /// Target party.
    pub target: Option<Party>,
    /// First mode given.
    pub mode: Option<String>,
    /// Union of the dates.
    pub date_start: Option<NaiveDate>,
    /// Union of the dates.
    pub date_end: Option<NaiveDate>,
    /// First report's precision.
    pub precision: Option<String>,
    /// First located report's place.
    pub place: Option<LedgerPlace>,
    /// Strongest status.
    pub status: String,
    /// Any report marks a violation.
    pub ceasefire_violation: bool,
    /// Distinct independent sources.
    pub corroboration: u32,
    /// Asserting parties.
    pub asserted_by: Vec<Party>,
    /// Denying parties.
    pub denied_by: Vec<Party>,
    /// Observers.
    pub observed_by: Vec<Party>,
    /// Outlets speaking in their own voice.
    pub reported_by: Vec<String>,
    /// Reports.
    pub n_reports: u32,
    /// Documents.
    pub n_documents: u32,
}

fn push_party(list: &mut Vec<Party>, p: &Party) {
    let key = (party_key(Some(p)), p.name.to_lowercase());
    if !list
        .iter()
        .any(|q| (party_key(Some(q)), q.name.to_lowercase()) == key)
    {
        list.push(p.clone());
    }
}

/// Aggregate the reports (in id order) and the deniers of one event.
pub fn aggregate(reports: &[AggReport], deniers: &[Party]) -> Aggregate {
    let mut asserted_by = Vec::new();
    let mut observed_by = Vec::new();
    let mut reported_by: Vec<String> = Vec::new();
    let mut denied_by = Vec::new();
    let mut keys = HashSet::new();
    let mut docs = HashSet::new();
    let mut any_denied_status = false;
    // A story that attributes the event to someone is relaying that claim:
    // its own-voice sentences about the event add no source of their own.
    let attributed: HashSet<i64> = reports
        .iter()
        .filter(|r| r.claimant.is_some() && r.status != "reported")
        .map(|r| r.wire_group)
        .collect();
    for r in reports {
        let own_voice = r.claimant.is_none() || r.status == "reported";
        if !(own_voice && attributed.contains(&r.wire_group)) {
            keys.insert(source_key(&r.status, r.claimant.as_ref(), r.wire_group));
        }
        docs.insert(r.document);
        match (r.status.as_str(), &r.claimant) {
            ("asserted" | "denied", Some(c)) => push_party(&mut asserted_by, c),
            ("observed", Some(c)) => push_party(&mut observed_by, c),
            ("observed", None) => push_party(
                &mut observed_by,
                &Party {
                    name: r.outlet.clone(),
                    country: None,
                    sector: Some(Sector::Med),
                },
            ),
            _ => {
                if !reported_by.contains(&r.outlet) {
                    reported_by.push(r.outlet.clone());
                }
            }
        }
        any_denied_status |= r.status == "denied";
    }
    for d in deniers {
        push_party(&mut denied_by, d);
    }
    let source = reports.iter().find_map(|r| r.source.clone());
    if denied_by.is_empty() && any_denied_status {
        // The text says the claim was denied without a REJECT we could
        // link: the accused side is the one that denies.
        if let Some(s) = &source {
            push_party(&mut denied_by, s);
        }
    }
    let status = if !observed_by.is_empty() {
        "observed"
    } else if !denied_by.is_empty() {
        "denied"
    } else if !asserted_by.is_empty() {
        "asserted"
    } else {
        "reported"
    };
    Aggregate {
        source,
        target: reports.iter().find_map(|r| r.target.clone()),
        mode: reports.iter().find_map(|r| r.mode.clone()),
        date_start: reports.iter().filter_map(|r| r.date_start).min(),
        date_end: reports.iter().filter_map(|r| r.date_end).max(),
        precision: reports.first().and_then(|r| r.precision.clone()),
        place: reports.iter().find_map(|r| r.place.clone()),
        status: status.to_string(),
        ceasefire_violation: reports.iter().any(|r| r.ceasefire_violation),
        corroboration: keys.len() as u32,
        asserted_by,
        denied_by,
        observed_by,
        reported_by,
        n_reports: reports.len() as u32,
        n_documents: docs.len() as u32,
    }
}

// ---- database glue -------------------------------------------------------

/// Parse a stored YYYY-MM-DD.
pub fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

/// Format a date for storage.
pub fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn party_from(
    name: Option<String>,
    country: Option<String>,
    sector: Option<String>,
) -> Option<Party> {
    name.map(|name| Party {
        name,
        country,
        sector: sector.as_deref().and_then(Sector::parse),
    })
}

/// The fields of a new report that merging needs.
#[derive(Debug, Clone)]
pub struct MergeKey<'a> {
    /// PLOVER type.
    pub event_type: &'a str,
    /// Source key.
    pub source_key: Option<&'a str>,
    /// Target key.
    pub target_key: Option<&'a str>,
    /// Date, if any.
    pub date: Option<DateKey>,
    /// Place, if any.
    pub place: Option<&'a LedgerPlace>,
}

/// The ledger event a new report belongs to, creating it when none matches.
pub fn assign(tx: &Transaction<'_>, key: &MergeKey<'_>, precision: Option<&str>) -> Result<i64> {
    if let Some(date) = key.date {
        // Day-precise anchors: overlap within a day (bounded below so the
        // index range stays short). Coarser ones: the very same range.
        let (from, hi, lo) = if date.day {
            (
                fmt_date(date.start - Duration::days(LONGEST_DAY_RANGE_DAYS + 1)),
                fmt_date(date.end + Duration::days(1)),
                fmt_date(date.start - Duration::days(1)),
            )
        } else {
            (
                fmt_date(date.start),
                fmt_date(date.start),
                fmt_date(date.end),
            )
        };
        let mut stmt = tx.prepare_cached(
            "SELECT id, anchor_start, anchor_end, precision, anchor_place, anchor_country,
                    anchor_kind, anchor_lat, anchor_lon
             FROM ledger_events
             WHERE event_type = ?1 AND source_key IS ?2 AND target_key IS ?3
               AND anchor_start BETWEEN ?6 AND ?4 AND anchor_end >= ?5
             ORDER BY id",
        )?;
        let rows = stmt.query_map(
            params![key.event_type, key.source_key, key.target_key, hi, lo, from],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<f64>>(7)?,
                    r.get::<_, Option<f64>>(8)?,
                ))
            },
        )?;
        let mut best: Option<(u8, i64)> = None;
        for row in rows {
            let (id, s, e, prec, pname, pcountry, pkind, lat, lon) = row?;
            let (Some(s), Some(e)) = (parse_date(s), parse_date(e)) else {
                continue;
            };
            let anchor = DateKey {
                start: s,
                end: e,
                day: prec.as_deref() == Some("day"),
            };
            if !dates_compatible(anchor, date) {
                continue;
            }
            let place = pname.map(|name| LedgerPlace {
                name,
                country: pcountry.unwrap_or_default(),
                kind: pkind,
                lat,
                lon,
            });
            if !places_compatible(place.as_ref(), key.place) {
                continue;
            }
            // Prefer the same named place, then any located match.
            let rank = match (&place, key.place) {
                (Some(a), Some(b)) if a.name.eq_ignore_ascii_case(&b.name) => 0,
                (Some(_), Some(_)) => 1,
                _ => 2,
            };
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, id));
            }
        }
        if let Some((_, id)) = best {
            return Ok(id);
        }
    }
    tx.execute(
        "INSERT INTO ledger_events (event_type, source_key, target_key, anchor_start, anchor_end,
                                    precision, anchor_place, anchor_country, anchor_kind,
                                    anchor_lat, anchor_lon, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'reported')",
        params![
            key.event_type,
            key.source_key,
            key.target_key,
            key.date.map(|d| fmt_date(d.start)),
            key.date.map(|d| fmt_date(d.end)),
            precision,
            key.place.map(|p| &p.name),
            key.place.map(|p| &p.country),
            key.place.and_then(|p| p.kind.as_ref()),
            key.place.and_then(|p| p.lat),
            key.place.and_then(|p| p.lon),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Load the reports of a ledger event for aggregation.
pub fn load_agg_reports(tx: &rusqlite::Connection, event: i64) -> Result<Vec<AggReport>> {
    let mut stmt = tx.prepare_cached(
        "SELECT r.id, r.document, d.wire_group, COALESCE(d.outlet, d.doc_id), r.mode,
                r.source_name, r.source_country, r.source_sector,
                r.target_name, r.target_country, r.target_sector,
                r.date_start, r.date_end, r.precision,
                r.place_name, r.place_country, r.place_kind, r.lat, r.lon,
                r.claimant_name, r.claimant_country, r.claimant_sector,
                r.status, r.ceasefire_violation
         FROM reports r JOIN documents d ON d.id = r.document
         WHERE r.ledger_event = ?1 ORDER BY r.id",
    )?;
    let rows = stmt.query_map([event], |r| {
        Ok(AggReport {
            document: r.get(1)?,
            wire_group: r.get(2)?,
            outlet: r.get(3)?,
            mode: r.get(4)?,
            source: party_from(r.get(5)?, r.get(6)?, r.get(7)?),
            target: party_from(r.get(8)?, r.get(9)?, r.get(10)?),
            date_start: parse_date(r.get(11)?),
            date_end: parse_date(r.get(12)?),
            precision: r.get(13)?,
            place: r.get::<_, Option<String>>(14)?.map(|name| LedgerPlace {
                name,
                country: r
                    .get::<_, Option<String>>(15)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                kind: r.get(16).ok().flatten(),
                lat: r.get(17).ok().flatten(),
                lon: r.get(18).ok().flatten(),
            }),
            claimant: party_from(r.get(19)?, r.get(20)?, r.get(21)?),
            status: r.get(22)?,
            ceasefire_violation: r.get(23)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recompute a ledger event's aggregates; delete it if it has no reports.
pub fn refresh(tx: &Transaction<'_>, event: i64) -> Result<()> {
    let reports = load_agg_reports(tx, event)?;
    if reports.is_empty() {
        tx.execute("DELETE FROM denials WHERE event = ?1", [event])?;
        tx.execute("DELETE FROM ledger_events WHERE id = ?1", [event])?;
        return Ok(());
    }
    let deniers: Vec<Party> = {
        let mut stmt = tx.prepare_cached(
            "SELECT r.source_name, r.source_country, r.source_sector
             FROM denials x JOIN reports r ON r.id = x.reject_report
             WHERE x.event = ?1 ORDER BY r.id",
        )?;
        let rows = stmt.query_map([event], |r| Ok(party_from(r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?
    };
    let agg = aggregate(&reports, &deniers);
    let killed = event_killed(tx, event)?;
    let first = &reports[0];
    let anchor_start = first.date_start.map(fmt_date);
    let anchor_end = first.date_end.map(fmt_date);
    let json = |v: &Vec<Party>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let place = agg.place.as_ref();
    let ap = first.place.as_ref();
    let s = agg.source.as_ref();
    let t = agg.target.as_ref();
    tx.prepare_cached(
        "UPDATE ledger_events SET
            mode = ?2, source_name = ?3, source_country = ?4, source_sector = ?5,
            target_name = ?6, target_country = ?7, target_sector = ?8,
            anchor_start = ?9, anchor_end = ?10, date_start = ?11, date_end = ?12, precision = ?13,
            place_name = ?14, place_country = ?15, place_kind = ?16, lat = ?17, lon = ?18,
            status = ?19, ceasefire_violation = ?20, corroboration = ?21,
            asserted_by = ?22, denied_by = ?23, observed_by = ?24, reported_by = ?25,
            n_reports = ?26, n_documents = ?27,
            killed_low = ?28, killed_best = ?29, killed_high = ?30, killed_open = ?31,
            anchor_place = ?32, anchor_country = ?33, anchor_kind = ?34,
            anchor_lat = ?35, anchor_lon = ?36,
            truce = (event_type IN ('AGREE', 'RETREAT') AND ?37)
         WHERE id = ?1",
    )?
    .execute(params![
        event,
        agg.mode,
        s.map(|p| &p.name),
        s.and_then(|p| p.country.as_ref()),
        s.and_then(|p| p.sector).map(|x| x.as_str()),
        t.map(|p| &p.name),
        t.and_then(|p| p.country.as_ref()),
        t.and_then(|p| p.sector).map(|x| x.as_str()),
        anchor_start,
        anchor_end,
        agg.date_start.map(fmt_date),
        agg.date_end.map(fmt_date),
        agg.precision,
        place.map(|p| &p.name),
        place.map(|p| &p.country),
        place.and_then(|p| p.kind.as_ref()),
        place.and_then(|p| p.lat),
        place.and_then(|p| p.lon),
        agg.status,
        agg.ceasefire_violation,
        agg.corroboration,
        json(&agg.asserted_by),
        json(&agg.denied_by),
        json(&agg.observed_by),
        serde_json::to_string(&agg.reported_by).unwrap_or_else(|_| "[]".into()),
        agg.n_reports,
        agg.n_documents,
        killed.map(|k| k.low as i64),
        killed.map(|k| k.best as i64),
        killed.map(|k| k.high as i64),
        killed.map(|k| k.open),
        ap.map(|p| &p.name),
        ap.map(|p| &p.country),
        ap.and_then(|p| p.kind.as_ref()),
        ap.and_then(|p| p.lat),
        ap.and_then(|p| p.lon),
        reports
            .iter()
            .any(|r| r.mode.as_deref() == Some("ceasefire")),
    ])?;
    Ok(())
}

/// Killed figures given in the sentences of an event's reports (CROSS JOIN:
/// from the event's few reports to their figures, never a scan of figures).
fn event_killed(tx: &Transaction<'_>, event: i64) -> Result<Option<Estimate>> {
    let mut stmt = tx.prepare_cached(
        "SELECT f.min, f.max, f.claimant, f.claimant_country, d.wire_group
         FROM reports r CROSS JOIN figures f ON f.report = r.id
              JOIN documents d ON d.id = f.document
         WHERE r.ledger_event = ?1 AND f.what = 'killed'",
    )?;
    let rows = stmt.query_map([event], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    // One value per source: the largest figure it gives.
    let mut by_source: std::collections::BTreeMap<String, SourceValue> = Default::default();
    for row in rows {
        let (min, max, claimant, country, group) = row?;
        let key = match (claimant, country) {
            (_, Some(c)) => format!("party:{c}"),
            (Some(n), None) => format!("party:n:{}", n.to_lowercase()),
            (None, None) => format!("outlet:{group}"),
        };
        let v = SourceValue {
            min: min.max(0) as u64,
            max: max.map(|m| m.max(0) as u64),
        };
        by_source
            .entry(key)
            .and_modify(|cur| {
                if v.min > cur.min {
                    *cur = v;
                }
            })
            .or_insert(v);
    }
    let values: Vec<SourceValue> = by_source.into_values().collect();
    Ok(estimate(&values))
}

/// A REJECT report to link to the claims it denies.
struct Reject {
    id: i64,
    document: i64,
    denier: Option<String>,
    claimant: Option<String>,
    date: Option<NaiveDate>,
}

/// Recompute the denial links of the given REJECT reports; returns the
/// ledger events whose links changed.
pub fn relink_denials(tx: &Transaction<'_>, rejects: &BTreeSet<i64>) -> Result<BTreeSet<i64>> {
    let mut touched = BTreeSet::new();
    for &id in rejects {
        let row = tx
            .query_row(
                "SELECT document, source_key, target_key, date_start, mode FROM reports
                 WHERE id = ?1 AND event_type = 'REJECT'",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()?;
        let old: Vec<i64> = {
            let mut stmt =
                tx.prepare_cached("SELECT event FROM denials WHERE reject_report = ?1")?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute("DELETE FROM denials WHERE reject_report = ?1", [id])?;
        touched.extend(old.iter().copied());
        let Some((document, denier, claimant, date, mode)) = row else {
            continue;
        };
        let reject = Reject {
            id,
            document,
            denier,
            claimant,
            date: parse_date(date),
        };
        let new = denial_targets(tx, &reject, mode.as_deref() == Some("deny"))?;
        for ev in new {
            tx.execute(
                "INSERT OR IGNORE INTO denials (reject_report, event) VALUES (?1, ?2)",
                params![reject.id, ev],
            )?;
            touched.insert(ev);
        }
    }
    Ok(touched)
}

/// The ledger events a REJECT denies, best evidence first: claims in the
/// same document marked denied; claims in the same document by the party
/// the denier answers; then claims by that party against the denier in other
/// documents, dated close to the denial; finally the accusation itself.
fn denial_targets(tx: &Transaction<'_>, r: &Reject, is_deny: bool) -> Result<Vec<i64>> {
    const CLAIM_TYPES: &str = "event_type NOT IN ('REJECT', 'ACCUSE', 'AGREE', 'REQUEST', \
         'SUPPORT', 'CONSULT', 'COOPERATE', 'AID', 'CONCEDE')";
    let same_doc_denied: Vec<i64> = collect(
        tx,
        &format!(
            "SELECT DISTINCT ledger_event FROM reports
             WHERE document = ?1 AND status = 'denied' AND {CLAIM_TYPES}
               AND (?2 IS NULL OR claimant_key IS NULL OR claimant_key = ?2)
             ORDER BY ledger_event"
        ),
        params![r.document, r.claimant],
    )?;
    if !same_doc_denied.is_empty() {
        return Ok(same_doc_denied);
    }
    if !is_deny {
        // A REJECT of a proposal or demand, not of a claim.
        return Ok(Vec::new());
    }
    let (Some(claimant), Some(denier)) = (&r.claimant, &r.denier) else {
        return Ok(Vec::new());
    };
    if claimant == denier {
        return Ok(Vec::new());
    }
    let same_doc: Vec<i64> = collect(
        tx,
        &format!(
            "SELECT DISTINCT ledger_event FROM reports
             WHERE document = ?1 AND claimant_key = ?2 AND source_key = ?3 AND {CLAIM_TYPES}
             ORDER BY ledger_event"
        ),
        params![r.document, claimant, denier],
    )?;
    if !same_doc.is_empty() {
        return Ok(same_doc);
    }
    if let Some(date) = r.date {
        let lo = fmt_date(date - Duration::days(DENIAL_LOOKBACK_DAYS));
        let hi = fmt_date(date + Duration::days(DENIAL_LOOKAHEAD_DAYS));
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT ledger_event, date_start FROM reports
             WHERE claimant_key = ?1 AND source_key = ?2 AND date_start BETWEEN ?3 AND ?4
               AND status IN ('asserted', 'denied') AND {CLAIM_TYPES}
             ORDER BY ledger_event"
        ))?;
        let rows = stmt.query_map(params![claimant, denier, lo, hi], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut found: Vec<(i64, i64)> = Vec::new();
        for row in rows {
            let (ev, d) = row?;
            if let Some(d) = parse_date(d) {
                found.push(((d - date).num_days().abs(), ev));
            }
        }
        if let Some(closest) = found.iter().map(|(d, _)| *d).min() {
            let mut evs: Vec<i64> = found
                .into_iter()
                .filter(|(d, _)| *d == closest)
                .map(|(_, e)| e)
                .collect();
            evs.sort_unstable();
            evs.dedup();
            return Ok(evs);
        }
    }
    collect(
        tx,
        "SELECT DISTINCT ledger_event FROM reports
         WHERE document = ?1 AND event_type = 'ACCUSE' AND source_key = ?2 AND target_key = ?3
         ORDER BY ledger_event",
        params![r.document, claimant, denier],
    )
}

fn collect(tx: &Transaction<'_>, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| r.get::<_, Option<i64>>(0))?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(v) = r? {
            out.push(v);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(name: &str, country: &str, sector: Sector) -> Party {
        Party {
            name: name.into(),
            country: Some(country.into()),
            sector: Some(sector),
        }
    }

    fn place(name: &str, kind: &str, lat: f64, lon: f64) -> LedgerPlace {
        LedgerPlace {
            name: name.into(),
            country: "AZ".into(),
            kind: Some(kind.into()),
            lat: Some(lat),
            lon: Some(lon),
        }
    }

    fn day(s: &str) -> DateKey {
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        DateKey {
            start: d,
            end: d,
            day: true,
        }
    }

    fn report(id: i64, group: i64, status: &str, claimant: Option<Party>) -> AggReport {
        AggReport {
            document: id,
            wire_group: group,
            outlet: format!("outlet{group}"),
            mode: None,
            source: Some(party("Azerbaijani forces", "AZE", Sector::Mil)),
            target: Some(party("Armenia", "ARM", Sector::Gov)),
            date_start: None,
            date_end: None,
            precision: None,
            place: None,
            claimant,
            status: status.into(),
            ceasefire_violation: true,
        }
    }

    #[test]
    fn places_match_by_distance_name_and_region() {
        let stepanakert = place("Stepanakert", "city", 39.8177, 46.7528);
        let shusha = place("Shusha", "city", 39.7600, 46.7500);
        let martuni = place("Martuni", "city", 39.7950, 47.1150);
        let karabakh = place("Nagorno-Karabakh", "region", 39.9, 46.7);
        assert!(places_compatible(Some(&stepanakert), Some(&shusha)));
        assert!(!places_compatible(Some(&shusha), Some(&martuni)));
        assert!(places_compatible(Some(&karabakh), Some(&martuni)));
        assert!(places_compatible(None, Some(&martuni)));
        let mut other_martuni = martuni.clone();
        other_martuni.lat = None;
        assert!(places_compatible(Some(&other_martuni), Some(&martuni)));
    }

    #[test]
    fn dates_overlap_within_a_day() {
        assert!(dates_compatible(day("2020-10-12"), day("2020-10-13")));
        assert!(!dates_compatible(day("2020-10-12"), day("2020-10-14")));
        let month = DateKey {
            start: day("2020-10-01").start,
            end: day("2020-10-31").start,
            day: false,
        };
        assert!(!dates_compatible(month, day("2020-10-12")));
        assert!(dates_compatible(month, month));
    }

    #[test]
    fn a_wire_copy_does_not_add_a_source() {
        let journalist = Party {
            name: "a correspondent".into(),
            country: None,
            sector: Some(Sector::Med),
        };
        let one = aggregate(&[report(1, 1, "observed", Some(journalist.clone()))], &[]);
        let copies = aggregate(
            &[
                report(1, 1, "observed", Some(journalist.clone())),
                report(2, 1, "observed", Some(journalist.clone())),
            ],
            &[],
        );
        assert_eq!(one.corroboration, 1);
        assert_eq!(copies.corroboration, 1);
        let independent = aggregate(
            &[
                report(1, 1, "observed", Some(journalist.clone())),
                report(3, 3, "observed", Some(journalist)),
            ],
            &[],
        );
        assert_eq!(independent.corroboration, 2);
    }

    #[test]
    fn a_party_counts_once_however_many_outlets_relay_it() {
        let mod_ = party("Armenian defence ministry", "ARM", Sector::Mil);
        let gov = party("Armenian government", "ARM", Sector::Gov);
        let agg = aggregate(
            &[
                report(1, 1, "asserted", Some(mod_.clone())),
                report(2, 2, "asserted", Some(mod_)),
                report(3, 3, "asserted", Some(gov)),
            ],
            &[],
        );
        assert_eq!(agg.corroboration, 1);
        assert_eq!(agg.asserted_by.len(), 2);
        assert_eq!(agg.status, "asserted");
        let osce = party("OSCE monitors", "OSCE", Sector::Igo);
        let mut rs = vec![report(
            1,
            1,
            "asserted",
            Some(party("MoD", "ARM", Sector::Mil)),
        )];
        rs.push(report(2, 2, "observed", Some(osce)));
        let agg = aggregate(&rs, &[]);
        assert_eq!(agg.corroboration, 2);
        assert_eq!(agg.status, "observed");
    }

    #[test]
    fn an_outlet_relaying_a_claim_adds_no_source_of_its_own() {
        let mod_ = party("Armenian defence ministry", "ARM", Sector::Mil);
        let agg = aggregate(
            &[
                report(1, 1, "asserted", Some(mod_)),
                report(2, 1, "reported", None),
            ],
            &[],
        );
        assert_eq!(agg.corroboration, 1);
        let other_outlet = aggregate(
            &[
                report(1, 1, "asserted", Some(party("MoD", "ARM", Sector::Mil))),
                report(2, 2, "reported", None),
            ],
            &[],
        );
        assert_eq!(other_outlet.corroboration, 2);
    }

    #[test]
    fn denial_makes_the_event_denied_and_names_the_denier() {
        let claimant = party("Armenian defence ministry", "ARM", Sector::Mil);
        let denier = party("Azerbaijani defence ministry", "AZE", Sector::Mil);
        let agg = aggregate(
            &[
                report(1, 1, "asserted", Some(claimant.clone())),
                report(2, 2, "denied", Some(claimant)),
            ],
            std::slice::from_ref(&denier),
        );
        assert_eq!(agg.status, "denied");
        assert_eq!(agg.denied_by, vec![denier]);
        assert_eq!(agg.corroboration, 1);
        // Status "denied" with no linked REJECT: the accused denies.
        let agg = aggregate(
            &[report(
                2,
                2,
                "denied",
                Some(party("MoD", "ARM", Sector::Mil)),
            )],
            &[],
        );
        assert_eq!(agg.denied_by[0].country.as_deref(), Some("AZE"));
    }

    #[test]
    fn party_keys_prefer_countries() {
        assert_eq!(
            party_key(Some(&party("Armenian army", "arm", Sector::Mil))).as_deref(),
            Some("ARM")
        );
        let unnamed = Party {
            name: "Gunmen".into(),
            country: None,
            sector: None,
        };
        assert_eq!(party_key(Some(&unnamed)).as_deref(), Some("n:gunmen"));
        assert_eq!(party_key(None), None);
    }
}
