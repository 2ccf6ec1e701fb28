//! Place recognition on files or standard input, with timings.
//!
//! `cargo run --release -p truce-extract --example places -- [--explain] [FILE...]`
//! prints the gazetteer load time, then each document's places (or, with
//! `--explain`, every name occurrence with its resolution), then the
//! matching speed in MB/s over all inputs.

use std::io::Read;
use std::time::Instant;
use truce_extract::gazetteer::Gazetteer;
use truce_extract::places;

fn main() {
    let mut explain = false;
    let mut repeat = 1usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--explain" => explain = true,
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => files.push(a),
        }
    }
    let t0 = Instant::now();
    let g = match Gazetteer::load() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("places: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "gazetteer: {} entries loaded in {:.1} ms",
        g.len(),
        t0.elapsed().as_secs_f64() * 1e3
    );
    let mut texts = Vec::new();
    if files.is_empty() {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_ok() {
            texts.push(("stdin".to_string(), s));
        }
    }
    for f in files {
        match std::fs::read(&f) {
            Ok(b) => texts.push((f, String::from_utf8_lossy(&b).into_owned())),
            Err(e) => eprintln!("places: {f}: {e}"),
        }
    }
    let bytes: usize = texts.iter().map(|t| t.1.len()).sum::<usize>() * repeat;
    let t1 = Instant::now();
    let mut found = 0usize;
    for r in 0..repeat {
        for (name, text) in &texts {
            if explain && r == 0 {
                println!("== {name}");
                for line in places::explain(&g, text) {
                    println!("  {line}");
                }
            } else {
                let ps = places::find_places(&g, text);
                found += ps.len();
                if r == 0 && !explain {
                    println!("== {name}");
                    for p in &ps {
                        println!(
                            "  {} {} {:?} {:?},{:?} x{}",
                            p.name,
                            p.country,
                            p.kind,
                            p.lat,
                            p.lon,
                            p.mentions.len()
                        );
                    }
                }
            }
        }
    }
    let secs = t1.elapsed().as_secs_f64();
    eprintln!(
        "matched {bytes} bytes in {:.1} ms: {:.1} MB/s ({found} places)",
        secs * 1e3,
        bytes as f64 / secs / 1e6
    );
}
