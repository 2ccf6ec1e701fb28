//! Ceasefires: found from AGREE/RETREAT events with mode "ceasefire", or
//! declared by hand; and the day-by-day account of each.

use crate::countries;
use crate::merge::{fmt_date, parse_date};
use crate::query::{event_from_row, EVENT_COLUMNS};
use crate::tally::{harm_tally, FigureRow};
use crate::types::*;
use crate::{LedgerError, Result};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use truce_document::{Annotations, PlaceKind};

/// Reports of one truce dated this many days apart are the same truce.
const SAME_TRUCE_DAYS: i64 = 2;
/// Longest period a report covers when the ceasefire has no known end.
const MAX_REPORT_DAYS: i64 = 366;

fn parties_of(s: &str) -> Vec<String> {
    s.split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn start_date(start: &str) -> Option<NaiveDate> {
    start
        .get(..10)
        .and_then(|d| parse_date(Some(d.to_string())))
}

fn row_to_ceasefire(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Ceasefire>> {
    let start: String = r.get(3)?;
    let Some(start_date) = start_date(&start) else {
        return Ok(None);
    };
    Ok(Some(Ceasefire {
        id: r.get(0)?,
        origin: r.get(1)?,
        parties: parties_of(&r.get::<_, String>(2)?),
        start,
        start_date,
        end: parse_date(r.get(4)?),
        area: r.get(5)?,
        event_id: r.get(6)?,
        note: r.get(7)?,
    }))
}

const COLUMNS: &str = "id, origin, parties, start, end_date, area, event, note";

/// Every ceasefire, by start.
pub fn list(c: &Connection) -> Result<Vec<Ceasefire>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ceasefires ORDER BY start, id"
    ))?;
    let rows = stmt.query_map([], row_to_ceasefire)?;
    let mut out = Vec::new();
    for r in rows {
        out.extend(r?);
    }
    Ok(out)
}

/// One ceasefire.
pub fn get(c: &Connection, id: i64) -> Result<Option<Ceasefire>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM ceasefires WHERE id = ?1"),
        [id],
        row_to_ceasefire,
    )
    .optional()?
    .flatten())
}

/// Normalise a start given as a date or a date and time.
pub fn parse_start(s: &str) -> Result<String> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(fmt_date(d));
    }
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(t.format("%Y-%m-%dT%H:%M").to_string());
        }
    }
    Err(LedgerError::Invalid(format!(
        "ceasefire start {s:?} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"
    )))
}

/// Declare a ceasefire by hand.
pub fn add(tx: &Transaction<'_>, new: &NewCeasefire) -> Result<i64> {
    let mut parties: Vec<String> = new
        .parties
        .iter()
        .map(|p| p.trim().to_ascii_uppercase())
        .filter(|p| !p.is_empty())
        .collect();
    parties.sort();
    parties.dedup();
    if parties.is_empty() {
        return Err(LedgerError::Invalid(
            "a ceasefire needs at least one party".into(),
        ));
    }
    if let Some(bad) = parties
        .iter()
        .find(|p| !p.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err(LedgerError::Invalid(format!(
            "party {bad:?} is not a country or group code (e.g. ARM, AZE, UNO)"
        )));
    }
    let start = parse_start(&new.start)?;
    if let (Some(end), Some(s)) = (new.end, start_date(&start)) {
        if end < s {
            return Err(LedgerError::Invalid(format!(
                "ceasefire end {end} is before its start {s}"
            )));
        }
    }
    tx.execute(
        "INSERT INTO ceasefires (origin, parties, start, end_date, area, note)
         VALUES ('manual', ?1, ?2, ?3, ?4, ?5)",
        params![
            parties.join(","),
            start,
            new.end.map(fmt_date),
            new.area.as_deref().map(str::trim).filter(|a| !a.is_empty()),
            new.note
        ],
    )?;
    let id = tx.last_insert_rowid();
    // A hand-declared truce supersedes the same one found in the reporting.
    let mut pairs = BTreeSet::new();
    for (i, x) in parties.iter().enumerate() {
        for y in &parties[i + 1..] {
            pairs.insert(pair(x, y));
        }
    }
    derive(tx, &pairs)?;
    Ok(id)
}

/// The area a truce covers: the agreement's place when it lies in a party's
/// country, else the region of the parties' countries the document names most.
fn area_of(
    tx: &Transaction<'_>,
    event: i64,
    parties: &[&str],
    place: Option<(String, String)>,
) -> Result<Option<String>> {
    let in_parties =
        |a2: &str| countries::alpha2_to_alpha3(a2).is_some_and(|a3| parties.contains(&a3));
    if let Some((name, country)) = &place {
        if in_parties(country) {
            return Ok(Some(name.clone()));
        }
    }
    let ann: Option<String> = tx
        .query_row(
            "SELECT t.annotations FROM reports r JOIN document_texts t ON t.document = r.document
             WHERE r.ledger_event = ?1 ORDER BY r.id LIMIT 1",
            [event],
            |r| r.get(0),
        )
        .optional()?;
    let Some(ann) = ann else {
        return Ok(None);
    };
    let Ok(ann) = serde_json::from_str::<Annotations>(&ann) else {
        return Ok(None);
    };
    Ok(ann
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Region && in_parties(&p.country))
        .max_by_key(|p| {
            (
                p.mentions.len(),
                std::cmp::Reverse(p.mentions.first().map(|m| m.start)),
            )
        })
        .map(|p| p.name.clone()))
}

/// A sorted pair of parties.
pub type Pair = (String, String);

fn pair(a: &str, b: &str) -> Pair {
    let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Truce candidates among touched events, read before they are refreshed
/// or deleted: their pair and the day they stood at.
pub type TruceSnapshot = Vec<(i64, Pair, Option<String>)>;

/// Snapshot the AGREE/RETREAT events among `events` before a refresh.
pub fn truce_snapshot(tx: &Transaction<'_>, events: &BTreeSet<i64>) -> Result<TruceSnapshot> {
    let mut out = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT source_key, target_key, date_start, truce FROM ledger_events
         WHERE id = ?1 AND event_type IN ('AGREE', 'RETREAT')",
    )?;
    for &id in events {
        let row = stmt
            .query_row([id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, bool>(3)?,
                ))
            })
            .optional()?;
        if let Some((Some(a), Some(b), date, truce)) = row {
            if a != b && !a.starts_with("n:") && !b.starts_with("n:") {
                // A flag of `false` reads as "no day": a change to a truce shows.
                out.push((id, pair(&a, &b), date.filter(|_| truce)));
            }
        }
    }
    Ok(out)
}

/// The pairs whose truce candidates changed since the snapshot (a truce
/// event appeared, vanished or moved to another day).
pub fn changed_pairs(tx: &Transaction<'_>, before: &TruceSnapshot) -> Result<BTreeSet<Pair>> {
    let mut out = BTreeSet::new();
    let mut stmt = tx.prepare_cached(
        "SELECT CASE WHEN truce = 1 THEN date_start END FROM ledger_events WHERE id = ?1",
    )?;
    for (id, p, old) in before {
        let now: Option<Option<String>> = stmt.query_row([id], |r| r.get(0)).optional()?;
        if now.flatten() != *old {
            out.insert(p.clone());
        }
    }
    Ok(out)
}

/// Bring the ceasefires found in the reporting between the given pairs up
/// to date with the ledger events, keeping the ids of those that stay.
pub fn derive(tx: &Transaction<'_>, pairs: &BTreeSet<Pair>) -> Result<()> {
    for p in pairs {
        derive_pair(tx, p)?;
    }
    Ok(())
}

/// The first day of a truce found in the reporting, its AGREE/RETREAT event
/// and that event's place (name, alpha-2).
type TruceStart = (NaiveDate, i64, Option<(String, String)>);

fn derive_pair(tx: &Transaction<'_>, (a, b): &Pair) -> Result<()> {
    let key = format!("{a},{b}");
    let mut candidates = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, date_start, place_name, place_country FROM (
                SELECT id, date_start, place_name, place_country FROM ledger_events
                WHERE truce = 1 AND source_key = ?1 AND target_key = ?2
                  AND date_start IS NOT NULL AND n_reports > 0
                UNION ALL
                SELECT id, date_start, place_name, place_country FROM ledger_events
                WHERE truce = 1 AND source_key = ?2 AND target_key = ?1
                  AND date_start IS NOT NULL AND n_reports > 0)
             ORDER BY date_start, id",
        )?;
        let rows = stmt.query_map(params![a, b], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, date, pname, pcountry) = row?;
            if let Some(date) = parse_date(date) {
                candidates.push((id, date, pname.zip(pcountry)));
            }
        }
    }
    // Candidates come by date: one truce per run starting at least
    // SAME_TRUCE_DAYS after the previous truce's first day.
    let mut found: Vec<TruceStart> = Vec::new();
    for (id, date, place) in candidates {
        if found
            .last()
            .is_some_and(|f| (date - f.0).num_days() <= SAME_TRUCE_DAYS)
        {
            continue;
        }
        found.push((date, id, place));
    }
    let existing: Vec<Ceasefire> = {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM ceasefires WHERE parties = ?1 ORDER BY start, id"
        ))?;
        let rows = stmt.query_map([&key], row_to_ceasefire)?;
        let mut out = Vec::new();
        for r in rows {
            out.extend(r?);
        }
        out
    };
    let mut manual: Vec<NaiveDate> = manual_covering(tx, a, b)?;
    manual.extend(
        existing
            .iter()
            .filter(|c| c.origin == "manual")
            .map(|c| c.start_date),
    );
    manual.sort();
    // Extracted truces by first day, to match the new list against in one pass.
    let mut extracted: BTreeMap<NaiveDate, Vec<&Ceasefire>> = BTreeMap::new();
    for c in existing.iter().filter(|c| c.origin == "extracted") {
        extracted.entry(c.start_date).or_default().push(c);
    }
    let near = |d: NaiveDate| {
        (d - chrono::Duration::days(SAME_TRUCE_DAYS))
            ..=(d + chrono::Duration::days(SAME_TRUCE_DAYS))
    };
    let parties = [a.as_str(), b.as_str()];
    let mut kept: BTreeSet<i64> = BTreeSet::new();
    for (start, event, place) in found {
        let r = near(start);
        let lo = manual.partition_point(|d| d < r.start());
        if manual.get(lo).is_some_and(|d| d <= r.end()) {
            continue;
        }
        let same = extracted
            .range(r)
            .flat_map(|(_, cs)| cs.iter())
            .find(|c| !kept.contains(&c.id))
            .copied();
        match same {
            Some(c) if c.event_id == Some(event) && c.start_date == start => {
                kept.insert(c.id);
            }
            Some(c) => {
                let area = area_of(tx, event, &parties, place)?;
                tx.execute(
                    "UPDATE ceasefires SET start = ?2, event = ?3, area = ?4 WHERE id = ?1",
                    params![c.id, fmt_date(start), event, area],
                )?;
                kept.insert(c.id);
            }
            None => {
                let area = area_of(tx, event, &parties, place)?;
                tx.execute(
                    "INSERT INTO ceasefires (origin, parties, start, area, event)
                     VALUES ('extracted', ?1, ?2, ?3, ?4)",
                    params![key, fmt_date(start), area, event],
                )?;
                kept.insert(tx.last_insert_rowid());
            }
        }
    }
    for c in existing.iter().filter(|c| c.origin == "extracted") {
        if !kept.contains(&c.id) {
            tx.execute("DELETE FROM ceasefires WHERE id = ?1", [c.id])?;
        }
    }
    Ok(())
}

/// Start days of hand-declared truces among more than two parties that
/// include both `a` and `b`.
fn manual_covering(tx: &Transaction<'_>, a: &str, b: &str) -> Result<Vec<NaiveDate>> {
    let mut stmt = tx.prepare_cached(
        "SELECT parties, start FROM ceasefires WHERE origin = 'manual' AND parties LIKE ?1",
    )?;
    let rows = stmt.query_map([format!("%{a}%")], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (parties, start) = row?;
        let ps = parties_of(&parties);
        if ps.len() > 2 && ps.iter().any(|p| p == a) && ps.iter().any(|p| p == b) {
            out.extend(start_date(&start));
        }
    }
    Ok(out)
}

/// Whether an ASSAULT is a violation of a truce between `parties`.
fn involves(e: &LedgerEvent, parties: &BTreeSet<String>) -> bool {
    let country = |p: &Option<truce_document::Party>| {
        p.as_ref()
            .and_then(|p| p.country.as_ref())
            .map(|c| c.to_ascii_uppercase())
    };
    let (s, t) = (country(&e.source), country(&e.target));
    let in_s = |c: &Option<String>| c.as_ref().is_some_and(|c| parties.contains(c));
    let place_in = e
        .place
        .as_ref()
        .and_then(|p| countries::alpha2_to_alpha3(&p.country))
        .is_some_and(|c| parties.contains(c));
    match (&s, &t) {
        (Some(a), Some(b)) if a == b => false,
        _ if in_s(&s) && (in_s(&t) || t.is_none()) => true,
        _ if s.is_none() && in_s(&t) => true,
        _ => e.ceasefire_violation && place_in && (s.is_none() || in_s(&s)),
    }
}

/// The day-by-day table of one ceasefire.
pub fn report(c: &Connection, id: i64) -> Result<Option<CeasefireReport>> {
    let Some(cf) = get(c, id)? else {
        return Ok(None);
    };
    let parties: BTreeSet<String> = cf.parties.iter().map(|p| p.to_ascii_uppercase()).collect();
    let from = cf.start_date;
    let next_start: Option<NaiveDate> = list(c)?
        .into_iter()
        .filter(|o| {
            o.id != cf.id
                && o.start_date > from
                && o.parties.iter().collect::<BTreeSet<_>>() == cf.parties.iter().collect()
        })
        .map(|o| o.start_date)
        .min();
    let horizon = cf
        .end
        .or(next_start.map(|d| d - Duration::days(1)))
        .unwrap_or(from + Duration::days(MAX_REPORT_DAYS - 1))
        .max(from);
    // The violations: ASSAULTs between the parties within the horizon.
    let mut violations: Vec<LedgerEvent> = Vec::new();
    {
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM ledger_events e
             WHERE e.event_type = 'ASSAULT' AND e.n_reports > 0
               AND e.date_start BETWEEN ?1 AND ?2
               AND (e.precision IS NULL OR e.precision = 'day')
             ORDER BY e.date_start, e.id"
        ))?;
        let rows = stmt.query_map(params![fmt_date(from), fmt_date(horizon)], event_from_row)?;
        for e in rows {
            let e = e?;
            if involves(&e, &parties) {
                violations.push(e);
            }
        }
    }
    let figures = figures_between(c, from, horizon, &parties)?;
    let last_seen = violations
        .iter()
        .filter_map(|e| e.date_start)
        .chain(figures.keys().map(|(d, _)| *d))
        .max();
    let to = match (cf.end, next_start) {
        (Some(end), _) => end,
        (None, Some(n)) => (n - Duration::days(1)).max(from),
        (None, None) => last_seen.unwrap_or(from).max(from),
    };
    let mut days = Vec::new();
    let mut d = from;
    while d <= to {
        let todays: Vec<&LedgerEvent> = violations
            .iter()
            .filter(|e| e.date_start == Some(d))
            .collect();
        let asserted = parties
            .iter()
            .map(|p| {
                let events: Vec<i64> = todays
                    .iter()
                    .filter(|e| {
                        let by_p = e.asserted_by.iter().any(|a| {
                            a.country
                                .as_deref()
                                .is_some_and(|c| c.eq_ignore_ascii_case(p))
                        });
                        let own = e
                            .source
                            .as_ref()
                            .and_then(|s| s.country.as_deref())
                            .is_some_and(|c| c.eq_ignore_ascii_case(p));
                        by_p && !own
                    })
                    .map(|e| e.id)
                    .collect();
                PartyViolations {
                    party: p.clone(),
                    count: events.len() as u32,
                    events,
                }
            })
            .collect();
        let observed_events: Vec<i64> = todays
            .iter()
            .filter(|e| e.status == "observed" || !e.observed_by.is_empty())
            .map(|e| e.id)
            .collect();
        let denied_events: Vec<i64> = todays
            .iter()
            .filter(|e| !e.denied_by.is_empty() || e.status == "denied")
            .map(|e| e.id)
            .collect();
        let killed_rows = figures.get(&(d, "killed")).cloned().unwrap_or_default();
        let wounded_rows = figures.get(&(d, "wounded")).cloned().unwrap_or_default();
        let killed = harm_tally(&killed_rows);
        let wounded = harm_tally(&wounded_rows);
        let mut figure_documents: BTreeSet<i64> = killed.documents.iter().copied().collect();
        figure_documents.extend(wounded.documents.iter().copied());
        days.push(CeasefireDay {
            date: d,
            asserted,
            observed: observed_events.len() as u32,
            observed_events,
            denied: denied_events.len() as u32,
            denied_events,
            events: todays.iter().map(|e| e.id).collect(),
            killed: (!killed.by_party.is_empty()).then_some(killed.total),
            wounded: (!wounded.by_party.is_empty()).then_some(wounded.total),
            figure_documents: figure_documents.into_iter().collect(),
        });
        d += Duration::days(1);
    }
    Ok(Some(CeasefireReport {
        ceasefire: cf,
        from,
        to,
        days,
    }))
}

/// Killed and wounded figures dated in the period that concern the parties,
/// by (day, kind).
fn figures_between(
    c: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    parties: &BTreeSet<String>,
) -> Result<BTreeMap<(NaiveDate, &'static str), Vec<FigureRow>>> {
    let mut codes: Vec<String> = parties.iter().cloned().collect();
    codes.extend(
        parties
            .iter()
            .filter_map(|p| countries::alpha3_to_alpha2(p).map(str::to_string)),
    );
    let mut stmt = c.prepare_cached(
        "SELECT f.id, f.document, d.wire_group, COALESCE(d.outlet, d.doc_id), f.min, f.max,
                f.claimant, f.claimant_country, f.party, r.ledger_event, f.date, f.countries, f.what
         FROM figures f JOIN documents d ON d.id = f.document
              LEFT JOIN reports r ON r.id = f.report
         WHERE f.what IN ('killed', 'wounded') AND f.date BETWEEN ?1 AND ?2
         ORDER BY f.id",
    )?;
    let rows = stmt.query_map(params![fmt_date(from), fmt_date(to)], |r| {
        Ok((
            FigureRow {
                id: r.get(0)?,
                document: r.get(1)?,
                wire_group: r.get(2)?,
                outlet: r.get(3)?,
                min: r.get::<_, i64>(4)?.max(0) as u64,
                max: r.get::<_, Option<i64>>(5)?.map(|m| m.max(0) as u64),
                claimant: r.get(6)?,
                claimant_country: r.get(7)?,
                party: r.get(8)?,
                event: r.get(9)?,
            },
            r.get::<_, Option<String>>(10)?,
            r.get::<_, String>(11)?,
            r.get::<_, String>(12)?,
        ))
    })?;
    let mut out: BTreeMap<(NaiveDate, &'static str), Vec<FigureRow>> = BTreeMap::new();
    for row in rows {
        let (fig, date, countries, what) = row?;
        let Some(date) = parse_date(date) else {
            continue;
        };
        let concerns = codes
            .iter()
            .any(|code| countries.contains(&format!(" {code} ")));
        if !concerns {
            continue;
        }
        let kind = if what == "killed" {
            "killed"
        } else {
            "wounded"
        };
        out.entry((date, kind)).or_default().push(fig);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_parse_as_dates_or_times() {
        assert_eq!(parse_start("2020-10-10").unwrap(), "2020-10-10");
        assert_eq!(parse_start("2020-10-10T12:00").unwrap(), "2020-10-10T12:00");
        assert_eq!(parse_start("2020-10-10 12:00").unwrap(), "2020-10-10T12:00");
        assert!(parse_start("10/10/2020").is_err());
        assert_eq!(
            start_date("2020-10-10T12:00"),
            NaiveDate::from_ymd_opt(2020, 10, 10)
        );
    }
}
