//! `truce events`: query the ledger's events.

use super::{cell, party_label, DbArgs, FilterArgs};
use anyhow::{bail, Result};
use clap::Args;
use std::io::Write;
use std::process::ExitCode;
use truce_ledger::{ExportFormat, LedgerEvent, LedgerEventDetail, Page};

/// Arguments of `truce events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Show one event in full: its reports, claims, denials and figures.
    #[arg(long, value_name = "ID")]
    id: Option<i64>,
    /// Print JSON (an array of events, or the event in full with --id).
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV (the columns of `truce export --format csv`).
    #[arg(long)]
    csv: bool,
    /// Most events to list in the table (0: all).
    #[arg(long, default_value_t = 200, value_name = "N")]
    limit: usize,
    /// Events to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
}

/// Parties by country code (or name), each once, for a table cell.
fn parties(ps: &[truce_document::Party]) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in ps {
        let label = p.country.clone().unwrap_or_else(|| p.name.clone());
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out.join(",")
}

fn print_table(out: &mut impl Write, events: &[LedgerEvent]) -> Result<()> {
    writeln!(
        out,
        "{:>6}  {:<10}  {:<9}  {:<36}  {:<18}  {:<9}  {:>3}  {:<12} {:<12} {:<12}  killed",
        "id",
        "date",
        "type",
        "source -> target",
        "place",
        "status",
        "src",
        "asserted",
        "denied",
        "observed"
    )?;
    for e in events {
        let st = e
            .source
            .as_ref()
            .map(|p| p.country.clone().unwrap_or(p.name.clone()));
        let tg = e
            .target
            .as_ref()
            .map(|p| p.country.clone().unwrap_or(p.name.clone()));
        let dyad = format!(
            "{} -> {}",
            st.unwrap_or_else(|| "?".into()),
            tg.unwrap_or_else(|| "?".into())
        );
        let killed = e
            .killed
            .map(|k| format!("{}-{}{}", k.low, k.high, if k.open { "+" } else { "" }))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>6}  {:<10}  {:<9}  {:<36}  {:<18}  {:<9}  {:>3}  {:<12} {:<12} {:<12}  {}",
            e.id,
            e.date_start.map(|d| d.to_string()).unwrap_or_default(),
            e.event_type,
            cell(&dyad, 36),
            cell(
                &e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                18
            ),
            e.status,
            e.corroboration,
            cell(&parties(&e.asserted_by), 12),
            cell(&parties(&e.denied_by), 12),
            cell(&parties(&e.observed_by), 12),
            killed
        )?;
    }
    Ok(())
}

fn print_detail(out: &mut impl Write, d: &LedgerEventDetail) -> Result<()> {
    let e = &d.event;
    writeln!(
        out,
        "event {}: {} {} {} -> {}",
        e.id,
        e.event_type,
        e.mode.as_deref().unwrap_or(""),
        party_label(e.source.as_ref()),
        party_label(e.target.as_ref())
    )?;
    let dates = match (e.date_start, e.date_end) {
        (Some(a), Some(b)) if a != b => format!("{a} .. {b}"),
        (Some(a), _) => a.to_string(),
        _ => "unknown".into(),
    };
    writeln!(out, "  date:          {dates}")?;
    if let Some(p) = &e.place {
        writeln!(
            out,
            "  place:         {} ({}) {}",
            p.name,
            p.country,
            match (p.lat, p.lon) {
                (Some(a), Some(b)) => format!("{a:.4},{b:.4}"),
                _ => String::new(),
            }
        )?;
    }
    writeln!(
        out,
        "  status:        {}{}",
        e.status,
        if e.ceasefire_violation {
            " (ceasefire violation)"
        } else {
            ""
        }
    )?;
    writeln!(out, "  independent sources: {}", e.corroboration)?;
    let names = |ps: &[truce_document::Party]| {
        ps.iter()
            .map(|p| party_label(Some(p)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    writeln!(out, "  asserted by:   {}", names(&e.asserted_by))?;
    writeln!(out, "  denied by:     {}", names(&e.denied_by))?;
    writeln!(out, "  observed by:   {}", names(&e.observed_by))?;
    writeln!(out, "  reported by:   {}", e.reported_by.join("; "))?;
    writeln!(out, "  reports:")?;
    for r in &d.reports {
        writeln!(
            out,
            "    #{} {} ({}, wire group {}) [{}] claimed by {}: {}",
            r.id,
            r.doc_id,
            r.outlet.as_deref().unwrap_or("?"),
            r.wire_group,
            r.status,
            party_label(r.claimed_by.as_ref()),
            cell(&r.evidence, 160)
        )?;
    }
    if !d.denials.is_empty() {
        writeln!(out, "  denials:")?;
        for x in &d.denials {
            writeln!(
                out,
                "    {} in {} (event {}): {}",
                party_label(x.denier.as_ref()),
                x.report.doc_id,
                x.reject_event_id,
                cell(&x.report.evidence, 160)
            )?;
        }
    }
    if !d.denies.is_empty() {
        let ids: Vec<String> = d.denies.iter().map(|i| i.to_string()).collect();
        writeln!(out, "  denies events: {}", ids.join(", "))?;
    }
    for f in &d.figures {
        writeln!(
            out,
            "  figure: {} {}-{} {} ({}, {}): {}",
            f.what,
            f.min,
            f.max.map(|m| m.to_string()).unwrap_or_else(|| "".into()),
            f.unit,
            f.claimed_by.as_deref().unwrap_or("outlet"),
            f.doc_id,
            f.evidence
        )?;
    }
    Ok(())
}

/// Run the command.
pub fn run(args: EventsArgs) -> Result<ExitCode> {
    let ledger = args.db.open_existing()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(id) = args.id {
        let Some(detail) = ledger.event(id)? else {
            bail!("no event {id} in the ledger");
        };
        if args.json {
            serde_json::to_writer_pretty(&mut out, &detail)?;
            writeln!(out)?;
        } else {
            print_detail(&mut out, &detail)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let filter = args.filter.filter();
    if args.csv {
        ledger.export(ExportFormat::Csv, &filter, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let limit = if args.limit == 0 || args.json {
        usize::MAX
    } else {
        args.limit
    };
    let page = Page {
        offset: args.offset,
        limit,
    };
    let events = ledger.events(&filter, page)?;
    if args.json {
        serde_json::to_writer_pretty(&mut out, &events)?;
        writeln!(out)?;
    } else {
        print_table(&mut out, &events)?;
        let total = ledger.count_events(&filter)? as usize;
        if total > args.offset + events.len() {
            writeln!(
                out,
                "... {} more (use --limit 0 for all, or --offset)",
                total - args.offset - events.len()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
