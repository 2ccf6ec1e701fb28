//! `truce tally`: killed and wounded by source and by party.

use super::{parse_day, DbArgs};
use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use truce_ledger::{HarmTally, TallyFilter};

/// Arguments of `truce tally`.
#[derive(Debug, Args)]
pub struct TallyArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Country: ISO alpha-3 or alpha-2 (the side, the source, or a place named with the figure).
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// Figures dated on or after this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    since: Option<NaiveDate>,
    /// Figures dated on or before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    until: Option<NaiveDate>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn interval(min: u64, max: Option<u64>) -> String {
    match max {
        Some(m) if m == min => min.to_string(),
        Some(m) => format!("{min}-{m}"),
        None => format!("{min}+"),
    }
}

fn section(
    out: &mut impl Write,
    what: &str,
    t: &HarmTally,
    names: &BTreeMap<i64, String>,
) -> Result<()> {
    let docs = |ids: &[i64]| {
        ids.iter()
            .map(|i| names.get(i).cloned().unwrap_or_else(|| i.to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "{what}")?;
    if t.by_party.is_empty() {
        writeln!(out, "  no figures")?;
        return Ok(());
    }
    writeln!(
        out,
        "  {:<12} {:>8} {:>8} {:>9}  {:>7}  documents",
        "side", "low", "best", "high", "sources"
    )?;
    for p in &t.by_party {
        let e = p.estimate;
        writeln!(
            out,
            "  {:<12} {:>8} {:>8} {:>9}  {:>7}  {}",
            p.party.as_deref().unwrap_or("unattributed"),
            e.low,
            e.best,
            format!("{}{}", e.high, if e.open { "+" } else { "" }),
            p.sources,
            docs(&p.documents)
        )?;
    }
    let e = t.total;
    writeln!(
        out,
        "  {:<12} {:>8} {:>8} {:>9}",
        "total",
        e.low,
        e.best,
        format!("{}{}", e.high, if e.open { "+" } else { "" })
    )?;
    writeln!(out, "  by source:")?;
    for s in &t.by_source {
        writeln!(
            out,
            "    {:<40} on {:<12} {:>10}  {}",
            format!(
                "{}{}",
                s.source,
                s.source_country
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
            s.party.as_deref().unwrap_or("unattributed"),
            interval(s.min, s.max),
            docs(&s.documents)
        )?;
    }
    Ok(())
}

/// Run the command.
pub fn run(args: TallyArgs) -> Result<ExitCode> {
    let ledger = args.db.open_existing()?;
    let tally = ledger.tally(&TallyFilter {
        country: args.country,
        since: args.since,
        until: args.until,
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &tally)?;
        writeln!(out)?;
    } else {
        let mut ids: Vec<i64> = tally.killed.documents.clone();
        ids.extend(tally.wounded.documents.iter().copied());
        let names = ledger.document_names(&ids)?;
        section(&mut out, "killed", &tally.killed, &names)?;
        section(&mut out, "wounded", &tally.wounded, &names)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
