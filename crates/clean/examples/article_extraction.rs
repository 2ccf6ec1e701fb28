//! Benchmark runner: extract the article body of every page in a folder.
//!
//! Usage: `article_extraction HTML_DIR PREDICTIONS.json [TIMING.json]`
//!
//! Pages (`<id>.html` or `<id>.html.gz`) are all read and decompressed into
//! memory first; only the `clean_html` calls are timed, on this one thread;
//! the figure is the median of 3 runs. Predictions are written as
//! `{id: text}` for `shared/eval/article_extraction_score.py`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

const RUNS: usize = 3;

fn load_pages(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.contains(".html") {
            continue;
        }
        let id = name.split('.').next().unwrap_or(name).to_string();
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let bytes = if name.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            out
        } else {
            raw
        };
        pages.push((id, String::from_utf8_lossy(&bytes).into_owned()));
    }
    pages.sort();
    Ok(pages)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: article_extraction HTML_DIR PREDICTIONS.json [TIMING.json]");
        std::process::exit(2);
    }
    let pages = match load_pages(Path::new(&args[0])) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let html_bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let mut seconds = Vec::with_capacity(RUNS);
    let mut preds = BTreeMap::new();
    for _ in 0..RUNS {
        let mut elapsed = 0.0;
        for (id, html) in &pages {
            let start = Instant::now();
            let cleaned = truce_clean::html::clean_html(html);
            elapsed += start.elapsed().as_secs_f64();
            preds.insert(id.clone(), cleaned.text);
        }
        seconds.push(elapsed);
    }
    let mut sorted = seconds.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[RUNS / 2];
    let pages_per_sec = pages.len() as f64 / median;
    let mb_per_sec = html_bytes as f64 / 1e6 / median;
    let json = serde_json::to_string(&preds).unwrap_or_default();
    if let Err(e) = std::fs::write(&args[1], json) {
        eprintln!("error: {}: {e}", args[1]);
        std::process::exit(1);
    }
    let timing = serde_json::json!({
        "tool": "truce clean_html",
        "pages": pages.len(),
        "html_bytes": html_bytes,
        "runs_seconds": seconds,
        "median_seconds": median,
        "pages_per_sec": pages_per_sec,
        "mb_per_sec": mb_per_sec,
    });
    if let Some(path) = args.get(2) {
        if let Err(e) = std::fs::write(path, timing.to_string()) {
            eprintln!("error: {path}: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "truce clean_html: {} pages, {pages_per_sec:.1} pages/s, {mb_per_sec:.1} MB/s",
        pages.len()
    );
}
