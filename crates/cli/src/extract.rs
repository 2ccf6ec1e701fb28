//! `truce extract`: ingest → clean → extract, printed as JSON Lines or a summary.

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Once;
use std::time::Instant;
use truce_document::{Document, Figure, Party};
use truce_extract::Extractor;
use truce_ingest::{
    parse_byte_size, read_input_with, walk_inputs, IngestError, InputSource, Problem, ReadOptions,
};

const LONG_HELP: &str = "\
INPUTS
  Each PATH is a file, a directory (read recursively in sorted order;
  entries whose names start with '.' are skipped), or '-' for standard
  input. Gzip-compressed input is recognised by its magic bytes (whatever
  its name) and decompressed.

FORMATS (detected from the content; the extension only breaks ties)
  text        plain or PDF-extracted text: one document, id = file stem
  HTML        a web page (or an HTML fragment in a .html file): one document
  RSS 2.0     (also RSS 0.9x/1.0) one document per <item>, id = stem#N
              counting items from 1; title, link, pubDate, <source> or an
              author credit naming an outlet, else the channel title
              (section part removed) give title/url/published/outlet; the
              body is <content:encoded>, else <description>
  Atom        one document per <entry>, id = stem#N; <content> (text, html
              or xhtml), else <summary>; published, else updated
  JSON Lines  one object per line: \"text\" (required), \"id\", \"title\",
              \"published\" (YYYY-MM-DD or RFC 3339), \"url\", \"outlet\";
              id = \"id\", else stem#LINE. A JSON array of such objects
              also works (stem#N). Bad lines are reported, good ones kept.
  The stem of 'x.html.gz' is 'x'; standard input's stem is 'stdin'.

CHARACTER ENCODINGS
  A byte-order mark (UTF-8, UTF-16) wins; then the charset an XML
  declaration or an HTML <meta charset> / <meta http-equiv=Content-Type>
  declares (any WHATWG label: windows-1251, windows-1256, ISO-8859-x,
  KOI8-R, Shift_JIS, GBK...); else UTF-8. Input that is not valid UTF-8
  and declares nothing is read as windows-1252, with a warning; if it is
  mostly UTF-8 with a few broken bytes, those become U+FFFD instead.
  A page that declares a legacy charset but is valid UTF-8 is read as
  UTF-8, with a warning.

LIMITS AND ERRORS
  Inputs larger than --max-bytes (default 64 MiB) are refused without
  being read; gzip input is also refused when it expands past the limit.
  Binary files (NUL bytes or many control characters; PDFs, images,
  archives), empty files and XML that is not a feed are refused. A
  truncated or malformed feed keeps the items completed before the fault
  and is reported. Each problem is one line on standard error,
  'truce: PATH: PROBLEM'; the other inputs are still processed. Warnings
  (a guessed charset, an unreadable date) use 'truce: PATH: warning: ...'.

OUTPUT
  --json prints one object per document per line, in input order, as in
  shared/spec/extraction-output.md. Without it, a readable summary of
  each document, then a one-line total.

EXIT STATUS
  0  every input was read
  1  at least one input failed, in whole or in part (its error is printed)
  2  usage error (unknown option, missing PATH)";

/// Arguments of `truce extract`.
#[derive(Debug, Args)]
#[command(
    after_help = "Formats, encodings, limits and exit codes: truce extract --help",
    after_long_help = LONG_HELP
)]
pub struct ExtractArgs {
    /// Print one JSON object per document per line (the extraction contract).
    #[arg(long)]
    json: bool,
    /// Refuse inputs larger than this, on disk or decompressed (e.g. 500K, 64M, 1G).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_byte_size)]
    max_bytes: u64,
    /// Do not print warnings (guessed charsets, unreadable dates); errors are still printed.
    #[arg(long, short)]
    quiet: bool,
    /// Files, directories (read recursively), `-` for standard input; gzip is decompressed.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// How many inputs are read and processed in parallel at once; bounds memory.
const BATCH: usize = 256;

/// Bytes on disk after which a batch is closed early, so that a run of
/// large files does not sit in memory together.
const BATCH_BYTES: u64 = 256 << 20;

/// What happened to one input.
struct Outcome {
    origin: String,
    docs: Vec<Document>,
    warnings: Vec<String>,
    error: Option<String>,
}

/// Totals for the closing line.
#[derive(Default)]
struct Totals {
    inputs: usize,
    docs: usize,
    failed: usize,
    warnings: usize,
}

/// Run the command; exit code 1 when any input failed.
pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    install_panic_hook();
    let extractor = Extractor::new()?;
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut totals = Totals::default();
    let mut inputs = walk_inputs(&args.paths);
    let mut batch: Vec<Result<InputSource, IngestError>> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        let mut batch_bytes = 0u64;
        for item in inputs.by_ref() {
            if let Ok(src) = &item {
                batch_bytes += src.size_hint().unwrap_or(0);
            }
            batch.push(item);
            if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|item| process(&extractor, item, &opts))
            .collect();
        for outcome in outcomes {
            match report(&mut out, &outcome, &args, &mut totals) {
                Ok(()) => {}
                // The reader went away (`| head`): stop quietly.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let mut finish = || -> io::Result<()> {
        if !args.json && totals.inputs > 0 {
            print_totals(&mut out, &totals, started.elapsed().as_secs_f64())?;
        }
        out.flush()
    };
    match finish() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    if totals.inputs == 0 {
        eprintln!("truce: no input files found");
        return Ok(ExitCode::from(1));
    }
    Ok(if totals.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Read, clean and annotate one input; never panics on input.
fn process(
    extractor: &Extractor,
    item: &Result<InputSource, IngestError>,
    opts: &ReadOptions,
) -> Outcome {
    let src = match item {
        Ok(src) => src,
        Err(e) => {
            return Outcome {
                origin: String::new(),
                docs: Vec::new(),
                warnings: Vec::new(),
                error: Some(e.to_string()),
            }
        }
    };
    let origin = src.display();
    let ingested = read_input_with(src, opts);
    let mut error = ingested.error.as_ref().map(describe);
    // Items of one feed or JSON Lines file are processed in parallel too;
    // `collect` keeps their order.
    let results: Vec<Result<Document, String>> = ingested
        .docs
        .into_par_iter()
        .map(|raw| {
            let doc_id = raw.doc_id.clone();
            // A bug in a later stage must not take the other documents down with it.
            guarded(|| {
                let mut doc = truce_clean::clean(raw);
                extractor.annotate(&mut doc);
                doc
            })
            .map_err(|what| {
                format!(
                    "{origin}: internal error while processing {doc_id}: {what} (please report this)"
                )
            })
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    Outcome {
        origin,
        docs,
        warnings: ingested.warnings,
        error,
    }
}

thread_local! {
    /// Set while a guarded stage runs on this thread: its panics are reported as one line.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic happened.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Route panics inside [`guarded`] to a one-line report; others print as usual.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into its message and location.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        match PANIC_AT.with(|p| p.borrow_mut().take()) {
            Some(at) => format!("{what} at {at}"),
            None => what,
        }
    })
}

/// The error line, with a hint where a flag would help.
fn describe(e: &IngestError) -> String {
    match e.problem() {
        Some(Problem::TooLarge { .. } | Problem::DecompressedTooLarge { .. }) => {
            format!("{e} (raise it with --max-bytes)")
        }
        _ => e.to_string(),
    }
}

/// Print one input's documents, warnings and error, in that order.
fn report(
    out: &mut impl Write,
    outcome: &Outcome,
    args: &ExtractArgs,
    totals: &mut Totals,
) -> io::Result<()> {
    totals.inputs += 1;
    if !args.quiet && !outcome.warnings.is_empty() {
        out.flush()?;
        for w in &outcome.warnings {
            eprintln!("truce: {}: warning: {w}", outcome.origin);
        }
    }
    totals.warnings += outcome.warnings.len();
    for doc in &outcome.docs {
        if args.json {
            serde_json::to_writer(&mut *out, &doc.to_contract())?;
            writeln!(out)?;
        } else {
            print_summary(out, doc)?;
        }
    }
    totals.docs += outcome.docs.len();
    if let Some(e) = &outcome.error {
        out.flush()?;
        eprintln!("truce: {e}");
        totals.failed += 1;
    }
    Ok(())
}

fn print_totals(out: &mut impl Write, t: &Totals, seconds: f64) -> io::Result<()> {
    let plural = |n: usize, one: &str, many: &str| {
        format!("{} {}", group(n as u64), if n == 1 { one } else { many })
    };
    let mut line = format!(
        "{} from {} in {seconds:.2} s",
        plural(t.docs, "document", "documents"),
        plural(t.inputs, "input", "inputs"),
    );
    if t.failed > 0 {
        line.push_str(&format!(
            "; {} failed (see the errors above)",
            plural(t.failed, "input", "inputs")
        ));
    }
    if t.warnings > 0 {
        line.push_str(&format!("; {}", plural(t.warnings, "warning", "warnings")));
    }
    writeln!(out, "{line}")
}

/// How many list entries a summary shows before "+N more".
const LIST_MAX: usize = 8;

/// How many event lines a summary shows before "+N more".
const EVENTS_MAX: usize = 12;

fn print_summary(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let format = doc.format.map(|f| f.as_str()).unwrap_or("?");
    writeln!(out, "{}  [{format}]  {}", doc.doc_id, doc.origin)?;
    if let Some(t) = &doc.meta.title {
        writeln!(out, "  {t}")?;
    }
    let mut about = vec![doc
        .meta
        .outlet
        .clone()
        .unwrap_or_else(|| "outlet unknown".into())];
    about.push(
        doc.meta
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "date unknown".into()),
    );
    if let Some(u) = &doc.meta.url {
        about.push(u.clone());
    }
    writeln!(out, "  {}", about.join(" · "))?;
    let ann = &doc.ann;
    let count = |n: usize, one: &str, many: &str| {
        format!("{} {}", group(n as u64), if n == 1 { one } else { many })
    };
    writeln!(
        out,
        "  {} · {} · {} · {} · {}",
        count(doc.text.split_whitespace().count(), "word", "words"),
        count(ann.places.len(), "place", "places"),
        count(ann.actors.len(), "actor", "actors"),
        count(ann.figures.len(), "figure", "figures"),
        count(ann.events.len(), "event", "events"),
    )?;
    let places: Vec<String> = ann
        .places
        .iter()
        .map(|p| format!("{} ({})", p.name, p.country))
        .collect();
    print_list(out, "places", &places)?;
    let actors: Vec<String> = ann
        .actors
        .iter()
        .map(|a| {
            let code = [a.country.as_deref(), a.sector.map(|s| s.as_str())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            if code.is_empty() {
                a.name.clone()
            } else {
                format!("{} ({code})", a.name)
            }
        })
        .collect();
    print_list(out, "actors", &actors)?;
    for (i, f) in ann.figures.iter().enumerate() {
        let label = if i == 0 { "figures" } else { "" };
        writeln!(out, "  {label:<8} {}", figure_line(f))?;
    }
    for (i, e) in ann.events.iter().enumerate().take(EVENTS_MAX) {
        let label = if i == 0 { "events" } else { "" };
        let date = e
            .date
            .map(|d| d.start.to_string())
            .unwrap_or_else(|| "----------".into());
        let mut line = format!(
            "{date}  {:<9} {} → {}  [{}",
            e.event_type.as_str(),
            party(&e.source),
            party(&e.target),
            e.status.as_str()
        );
        if e.ceasefire_violation {
            line.push_str(", ceasefire violation");
        }
        line.push(']');
        if let Some(c) = &e.claimed_by {
            line.push_str(&format!(" according to {}", c.name));
        }
        if let Some(p) = &e.place {
            line.push_str(&format!(" in {}", p.name));
        }
        writeln!(out, "  {label:<8} {line}")?;
    }
    if ann.events.len() > EVENTS_MAX {
        writeln!(out, "  {:<8} +{} more", "", ann.events.len() - EVENTS_MAX)?;
    }
    writeln!(out)
}

fn party(p: &Option<Party>) -> &str {
    p.as_ref().map_or("?", |p| p.name.as_str())
}

fn figure_line(f: &Figure) -> String {
    let amount = match f.max {
        Some(max) if max == f.min => group(f.min),
        Some(max) => format!("{}–{}", group(f.min), group(max)),
        None => format!("{}+", group(f.min)),
    };
    let mut line = format!("{} {amount} {}", f.what.as_str(), f.unit);
    if let Some(by) = &f.claimed_by {
        line.push_str(&format!(" (per {by})"));
    }
    line
}

fn print_list(out: &mut impl Write, label: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut shown = items
        .iter()
        .take(LIST_MAX)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LIST_MAX {
        shown.push_str(&format!(", +{} more", items.len() - LIST_MAX));
    }
    writeln!(out, "  {label:<8} {shown}")
}

/// 1234567 → "1,234,567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(377000), "377,000");
        assert_eq!(group(1234567), "1,234,567");
    }
}
