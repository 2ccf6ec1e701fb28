//! Casualty tallies: killed and wounded by source and by side, as intervals,
//! with a UCDP-style low / best / high.
//!
//! Each source (a party, whoever its spokespeople; an organisation; an
//! outlet speaking in its own voice, once per wire-copy group) gets one
//! interval per side: figures tied to different ledger events are separate
//! incidents and add up, figures tied to no event are running tolls and the
//! largest is kept; the source's value is the larger of the two. Across
//! sources, `low` is the most conservative figure, `high` the highest, and
//! `best` the median of the sources' point estimates.

use crate::countries;
use crate::types::{Estimate, HarmTally, PartyTally, SourceFigure, Tally, TallyFilter};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::{BTreeMap, BTreeSet};

/// One source's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceValue {
    /// Lower bound.
    pub min: u64,
    /// Upper bound; None = open.
    pub max: Option<u64>,
}

impl SourceValue {
    fn point(self) -> u64 {
        match self.max {
            Some(m) => self.min + (m.saturating_sub(self.min)) / 2,
            None => self.min,
        }
    }

    fn top(self) -> u64 {
        self.max.unwrap_or(self.min).max(self.min)
    }
}

/// Low / best / high over the sources' intervals; None when there are none.
pub fn estimate(values: &[SourceValue]) -> Option<Estimate> {
    if values.is_empty() {
        return None;
    }
    let low = values.iter().map(|v| v.min).min().unwrap_or(0);
    let high = values.iter().map(|v| v.top()).max().unwrap_or(0);
    let open = values.iter().any(|v| v.max.is_none() && v.min >= high);
    let mut points: Vec<u64> = values.iter().map(|v| v.point()).collect();
    points.sort_unstable();
    // The lower median: with two sources, the more conservative one.
    let best = points[(points.len() - 1) / 2].clamp(low, high);
    Some(Estimate {
        low,
        best,
        high,
        open,
    })
}

fn add(a: SourceValue, b: SourceValue) -> SourceValue {
    SourceValue {
        min: a.min.saturating_add(b.min),
        max: match (a.max, b.max) {
            (Some(x), Some(y)) => Some(x.saturating_add(y)),
            _ => None,
        },
    }
}

fn larger(a: SourceValue, b: SourceValue) -> SourceValue {
    if (b.min, b.top()) > (a.min, a.top()) {
        b
    } else {
        a
    }
}

/// One stored figure as the tally reads it.
#[derive(Debug, Clone)]
pub(crate) struct FigureRow {
    pub id: i64,
    pub document: i64,
    pub wire_group: i64,
    pub outlet: String,
    pub min: u64,
    pub max: Option<u64>,
    pub claimant: Option<String>,
    pub claimant_country: Option<String>,
    pub party: Option<String>,
    pub event: Option<i64>,
}

impl FigureRow {
    fn source_key(&self) -> String {
        match (&self.claimant_country, &self.claimant) {
            (Some(c), _) => format!("party:{c}"),
            (None, Some(n)) => format!("party:n:{}", n.to_lowercase()),
            (None, None) => format!("outlet:{}", self.wire_group),
        }
    }
}

/// The condition and parameters that select figures of one kind.
pub(crate) fn load_figures(
    c: &Connection,
    what: &str,
    country: Option<&str>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<Vec<FigureRow>> {
    let (a, b) = match country.map(|s| s.trim().to_ascii_uppercase()) {
        Some(code) => {
            let other = if code.len() == 2 {
                countries::alpha2_to_alpha3(&code).map(str::to_string)
            } else {
                countries::alpha3_to_alpha2(&code).map(str::to_string)
            };
            (
                Some(format!("% {code} %")),
                Some(format!("% {} %", other.unwrap_or(code))),
            )
        }
        None => (None, None),
    };
    let mut stmt = c.prepare_cached(
        "SELECT f.id, f.document, d.wire_group, COALESCE(d.outlet, d.doc_id), f.min, f.max,
                f.claimant, f.claimant_country, f.party, r.ledger_event
         FROM figures f JOIN documents d ON d.id = f.document
              LEFT JOIN reports r ON r.id = f.report
         WHERE f.what = ?1
           AND (?2 IS NULL OR f.date >= ?2) AND (?3 IS NULL OR f.date <= ?3)
           AND (?4 IS NULL OR f.countries LIKE ?4 OR f.countries LIKE ?5)
         ORDER BY f.id",
    )?;
    let rows = stmt.query_map(
        params![
            what,
            since.map(crate::merge::fmt_date),
            until.map(crate::merge::fmt_date),
            a,
            b
        ],
        |r| {
            Ok(FigureRow {
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
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Tally figures of one kind.
pub(crate) fn harm_tally(rows: &[FigureRow]) -> HarmTally {
    // (source, party) -> figures
    let mut groups: BTreeMap<(String, Option<String>), Vec<&FigureRow>> = BTreeMap::new();
    for r in rows {
        groups
            .entry((r.source_key(), r.party.clone()))
            .or_default()
            .push(r);
    }
    let mut by_source = Vec::new();
    let mut per_party: BTreeMap<Option<String>, Vec<(SourceValue, BTreeSet<i64>)>> =
        BTreeMap::new();
    for ((_, party), figs) in &groups {
        let mut incidents: BTreeMap<i64, SourceValue> = BTreeMap::new();
        let mut running: Option<SourceValue> = None;
        for f in figs {
            let v = SourceValue {
                min: f.min,
                max: f.max,
            };
            match f.event {
                Some(e) => {
                    let cur = incidents.entry(e).or_insert(v);
                    *cur = larger(*cur, v);
                }
                None => running = Some(running.map_or(v, |r| larger(r, v))),
            }
        }
        let summed = incidents.values().copied().reduce(add);
        let value = match (summed, running) {
            (Some(s), Some(r)) => larger(s, r),
            (Some(s), None) => s,
            (None, Some(r)) => r,
            (None, None) => continue,
        };
        let first = figs[0];
        let documents: BTreeSet<i64> = figs.iter().map(|f| f.document).collect();
        by_source.push(SourceFigure {
            source: first
                .claimant
                .clone()
                .unwrap_or_else(|| first.outlet.clone()),
            source_country: first.claimant_country.clone(),
            party: party.clone(),
            min: value.min,
            max: value.max,
            figures: figs.iter().map(|f| f.id).collect(),
            documents: documents.iter().copied().collect(),
        });
        per_party
            .entry(party.clone())
            .or_default()
            .push((value, documents));
    }
    let mut by_party = Vec::new();
    let mut total = Estimate::default();
    let mut all_docs = BTreeSet::new();
    for (party, values) in per_party {
        let vals: Vec<SourceValue> = values.iter().map(|(v, _)| *v).collect();
        let Some(est) = estimate(&vals) else {
            continue;
        };
        let docs: BTreeSet<i64> = values.iter().flat_map(|(_, d)| d.iter().copied()).collect();
        all_docs.extend(docs.iter().copied());
        total.low += est.low;
        total.best += est.best;
        total.high += est.high;
        total.open |= est.open;
        by_party.push(PartyTally {
            party,
            estimate: est,
            sources: vals.len() as u32,
            documents: docs.into_iter().collect(),
        });
    }
    HarmTally {
        by_source,
        by_party,
        total,
        documents: all_docs.into_iter().collect(),
    }
}

/// Killed and wounded matching the filter.
pub fn tally(c: &Connection, f: &TallyFilter) -> Result<Tally> {
    let killed = load_figures(c, "killed", f.country.as_deref(), f.since, f.until)?;
    let wounded = load_figures(c, "wounded", f.country.as_deref(), f.since, f.until)?;
    Ok(Tally {
        killed: harm_tally(&killed),
        wounded: harm_tally(&wounded),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(min: u64, max: Option<u64>) -> SourceValue {
        SourceValue { min, max }
    }

    #[test]
    fn estimate_takes_the_conservative_and_the_highest() {
        let e = estimate(&[v(3, Some(3)), v(5, Some(7)), v(10, None)]).unwrap();
        assert_eq!(e.low, 3);
        assert_eq!(e.high, 10);
        assert!(e.open);
        assert_eq!(e.best, 6);
        assert_eq!(estimate(&[]), None);
        let two = estimate(&[v(4, Some(4)), v(8, Some(8))]).unwrap();
        assert_eq!((two.low, two.best, two.high, two.open), (4, 4, 8, false));
    }

    fn row(id: i64, group: i64, min: u64, claimant: Option<&str>, event: Option<i64>) -> FigureRow {
        FigureRow {
            id,
            document: id,
            wire_group: group,
            outlet: format!("outlet{group}"),
            min,
            max: Some(min),
            claimant: claimant.map(str::to_string),
            claimant_country: claimant.map(|_| "ARM".to_string()),
            party: Some("ARM".into()),
            event,
        }
    }

    #[test]
    fn incidents_add_up_and_running_tolls_do_not() {
        // The same party: two incidents (3 + 4) and a running toll of 5.
        let rows = vec![
            row(1, 1, 3, Some("Armenian MoD"), Some(10)),
            row(2, 2, 4, Some("Armenian MoD"), Some(11)),
            row(3, 3, 5, Some("Armenian MoD"), None),
            // A wire copy repeating the first incident adds nothing.
            row(4, 1, 3, Some("Armenian MoD"), Some(10)),
        ];
        let t = harm_tally(&rows);
        assert_eq!(t.by_source.len(), 1);
        assert_eq!(t.by_source[0].min, 7);
        assert_eq!(t.by_party[0].estimate.high, 7);
        // An outlet's own figure is a second source.
        let mut rows = rows;
        rows.push(row(5, 5, 2, None, None));
        let t = harm_tally(&rows);
        assert_eq!(t.by_party[0].sources, 2);
        assert_eq!(t.by_party[0].estimate.low, 2);
        assert_eq!(t.by_party[0].estimate.high, 7);
        assert_eq!(t.total.high, 7);
        assert_eq!(t.documents, vec![1, 2, 3, 4, 5]);
    }
}
