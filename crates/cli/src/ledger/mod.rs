//! The ledger commands: `ingest`, `events`, `ceasefire`, `tally`, `export`.

pub mod ceasefire;
pub mod events;
pub mod export;
pub mod ingest;
pub mod tally;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;
use truce_ledger::{EventFilter, Ledger, Near};

/// Where the ledger lives: `--db`, else `$TRUCE_DB`, else `./truce.db`.
#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// The ledger database file (default: $TRUCE_DB, else ./truce.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// The database path to use.
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| {
                std::env::var_os("TRUCE_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("truce.db"))
    }

    /// Open the ledger, creating it when missing.
    pub fn open(&self) -> Result<Ledger> {
        let path = self.path();
        Ledger::open(&path).with_context(|| format!("opening the ledger {}", path.display()))
    }

    /// Open an existing ledger (queries should not create an empty file).
    pub fn open_existing(&self) -> Result<Ledger> {
        let path = self.path();
        if !path.exists() {
            bail!(
                "{}: no ledger here yet (run `truce ingest PATH...` first, or pass --db FILE)",
                path.display()
            );
        }
        self.open()
    }
}

/// Event filters shared by `events` and `export`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Country: ISO alpha-3 (source or target) or alpha-2 (also the place).
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// PLOVER event type (ASSAULT, ACCUSE, REJECT, AGREE, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<NaiveDate>,
    /// Events within KM kilometres of LAT,LON.
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near)]
    pub near: Option<Near>,
    /// Full-text search of the evidence sentences (all words must match).
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// observed | denied | asserted | reported.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only ceasefire violations.
    #[arg(long)]
    pub violations: bool,
}

impl FilterArgs {
    /// The library filter.
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            country: self.country.clone(),
            event_type: self.event_type.clone(),
            since: self.since,
            until: self.until,
            near: self.near,
            text: self.text.clone(),
            status: self.status.clone(),
            ceasefire_violation: self.violations.then_some(true),
        }
    }
}

/// Parse YYYY-MM-DD.
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date YYYY-MM-DD"))
}

/// Parse LAT,LON,KM.
pub fn parse_near(s: &str) -> Result<Near, String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let nums: Vec<f64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match nums[..] {
        [lat, lon, km] if parts.len() == 3 => {
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) || km < 0.0 {
                return Err(format!("{s:?}: latitude, longitude or radius out of range"));
            }
            Ok(Near { lat, lon, km })
        }
        _ => Err(format!("{s:?} is not LAT,LON,KM (e.g. 39.82,46.75,25)")),
    }
}

/// A party for display: "name (CODE)".
pub fn party_label(p: Option<&truce_document::Party>) -> String {
    match p {
        Some(p) => match &p.country {
            Some(c) => format!("{} ({c})", p.name),
            None => p.name.clone(),
        },
        None => "?".into(),
    }
}

/// Cut a string to at most `n` characters for a table cell.
pub fn cell(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_parses_and_rejects_nonsense() {
        let n = parse_near("39.82, 46.75, 25").unwrap();
        assert_eq!((n.lat, n.lon, n.km), (39.82, 46.75, 25.0));
        assert!(parse_near("39.82,46.75").is_err());
        assert!(parse_near("99,46,5").is_err());
        assert!(parse_near("a,b,c").is_err());
    }

    #[test]
    fn cells_are_cut() {
        assert_eq!(cell("abcdef", 4), "abc…");
        assert_eq!(cell("abc", 4), "abc");
    }
}
