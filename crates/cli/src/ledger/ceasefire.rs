//! `truce ceasefire`: list, declare and report ceasefires.

use super::{parse_day, DbArgs};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::io::Write;
use std::process::ExitCode;
use truce_ledger::{Ceasefire, CeasefireReport, Estimate, Ledger, NewCeasefire};

/// Arguments of `truce ceasefire`.
#[derive(Debug, Args)]
pub struct CeasefireArgs {
    #[command(subcommand)]
    command: CeasefireCommand,
}

#[derive(Debug, Subcommand)]
enum CeasefireCommand {
    /// List the ceasefires found in the reporting or declared by hand.
    List {
        #[command(flatten)]
        db: DbArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Declare a ceasefire by hand.
    Add {
        #[command(flatten)]
        db: DbArgs,
        /// Parties, comma-separated ISO alpha-3 or group codes (ARM,AZE).
        #[arg(long, value_delimiter = ',', required = true, value_name = "CODES")]
        parties: Vec<String>,
        /// When it starts: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
        #[arg(long, value_name = "WHEN")]
        start: String,
        /// Last day in force (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        end: Option<NaiveDate>,
        /// Area it covers.
        #[arg(long, value_name = "NAME")]
        area: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a ceasefire declared by hand.
    Remove {
        #[command(flatten)]
        db: DbArgs,
        /// Its id.
        id: i64,
    },
    /// Day-by-day violations asserted, observed and denied, and casualties.
    Report {
        #[command(flatten)]
        db: DbArgs,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
        /// The ceasefire (default: every ceasefire).
        id: Option<i64>,
    },
}

fn describe(c: &Ceasefire) -> String {
    format!(
        "#{} {} from {}{}{} ({}{})",
        c.id,
        c.parties.join("-"),
        c.start,
        c.end.map(|e| format!(" to {e}")).unwrap_or_default(),
        c.area
            .as_ref()
            .map(|a| format!(", {a}"))
            .unwrap_or_default(),
        c.origin,
        c.event_id
            .map(|e| format!(", event {e}"))
            .unwrap_or_default()
    )
}

fn est(e: Option<Estimate>) -> String {
    match e {
        None => "-".into(),
        Some(e) if e.low == e.high && !e.open => e.low.to_string(),
        Some(e) => format!(
            "{}-{}{} (best {})",
            e.low,
            e.high,
            if e.open { "+" } else { "" },
            e.best
        ),
    }
}

fn print_report(out: &mut impl Write, r: &CeasefireReport) -> Result<()> {
    writeln!(out, "Ceasefire {}", describe(&r.ceasefire))?;
    writeln!(out, "period {} .. {}", r.from, r.to)?;
    let parties = &r.ceasefire.parties;
    let mut header = format!("{:<10}", "date");
    for p in parties {
        header.push_str(&format!("  {:>10}", format!("by {p}")));
    }
    header.push_str(&format!(
        "  {:>8}  {:>6}  {:<22}  {:<22}  events",
        "observed", "denied", "killed", "wounded"
    ));
    writeln!(out, "{header}")?;
    for d in &r.days {
        let mut line = format!("{:<10}", d.date.to_string());
        for p in parties {
            let n = d
                .asserted
                .iter()
                .find(|a| &a.party == p)
                .map(|a| a.count)
                .unwrap_or(0);
            line.push_str(&format!("  {n:>10}"));
        }
        let ids: Vec<String> = d.events.iter().map(|i| i.to_string()).collect();
        line.push_str(&format!(
            "  {:>8}  {:>6}  {:<22}  {:<22}  {}",
            d.observed,
            d.denied,
            est(d.killed),
            est(d.wounded),
            ids.join(",")
        ));
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "(\"by X\": violations party X asserts against the other side; events: `truce events --id N`)"
    )?;
    Ok(())
}

fn csv_report(out: &mut impl Write, r: &CeasefireReport, header: bool) -> Result<()> {
    let parties = &r.ceasefire.parties;
    if header {
        let mut cols = vec!["ceasefire".to_string(), "date".to_string()];
        cols.extend(parties.iter().map(|p| format!("asserted_by_{p}")));
        for c in [
            "observed",
            "denied",
            "killed_low",
            "killed_best",
            "killed_high",
            "wounded_low",
            "wounded_best",
            "wounded_high",
            "events",
        ] {
            cols.push(c.into());
        }
        writeln!(out, "{}", cols.join(","))?;
    }
    for d in &r.days {
        let mut row = vec![r.ceasefire.id.to_string(), d.date.to_string()];
        for p in parties {
            row.push(
                d.asserted
                    .iter()
                    .find(|a| &a.party == p)
                    .map(|a| a.count)
                    .unwrap_or(0)
                    .to_string(),
            );
        }
        row.push(d.observed.to_string());
        row.push(d.denied.to_string());
        for e in [d.killed, d.wounded] {
            match e {
                Some(e) => {
                    row.push(e.low.to_string());
                    row.push(e.best.to_string());
                    row.push(format!("{}{}", e.high, if e.open { "+" } else { "" }));
                }
                None => row.extend(["".to_string(), "".to_string(), "".to_string()]),
            }
        }
        let ids: Vec<String> = d.events.iter().map(|i| i.to_string()).collect();
        row.push(ids.join(" "));
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

fn reports(ledger: &Ledger, id: Option<i64>) -> Result<Vec<CeasefireReport>> {
    match id {
        Some(id) => match ledger.ceasefire_days(id)? {
            Some(r) => Ok(vec![r]),
            None => bail!("no ceasefire {id} in the ledger (see `truce ceasefire list`)"),
        },
        None => {
            let mut out = Vec::new();
            for c in ledger.ceasefires()? {
                out.extend(ledger.ceasefire_days(c.id)?);
            }
            Ok(out)
        }
    }
}

/// Run the command.
pub fn run(args: CeasefireArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.command {
        CeasefireCommand::List { db, json } => {
            let ledger = db.open_existing()?;
            let list = ledger.ceasefires()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else if list.is_empty() {
                writeln!(out, "no ceasefires in the ledger")?;
            } else {
                for c in &list {
                    writeln!(out, "{}", describe(c))?;
                }
            }
        }
        CeasefireCommand::Add {
            db,
            parties,
            start,
            end,
            area,
            note,
        } => {
            let ledger = db.open()?;
            let c = ledger.add_ceasefire(&NewCeasefire {
                parties,
                start,
                end,
                area,
                note,
            })?;
            writeln!(out, "added ceasefire {}", describe(&c))?;
        }
        CeasefireCommand::Remove { db, id } => {
            let ledger = db.open_existing()?;
            if !ledger.remove_ceasefire(id)? {
                bail!("no ceasefire {id} declared by hand (found ones go with their reports)");
            }
            writeln!(out, "removed ceasefire {id}")?;
        }
        CeasefireCommand::Report { db, json, csv, id } => {
            let ledger = db.open_existing()?;
            let all = reports(&ledger, id)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &all)?;
                writeln!(out)?;
            } else if csv {
                for (i, r) in all.iter().enumerate() {
                    csv_report(&mut out, r, i == 0)?;
                }
            } else if all.is_empty() {
                writeln!(out, "no ceasefires in the ledger")?;
            } else {
                for (i, r) in all.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    print_report(&mut out, r)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
