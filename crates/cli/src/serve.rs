//! `truce serve`: the JSON API and the dashboard over a ledger.

use anyhow::{bail, Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use truce_extract::Extractor;
use truce_ingest::walk_inputs;
use truce_ledger::Ledger;
use truce_server::{pipeline, AccessPolicy, AppState, RouterOptions};

/// Arguments of `truce serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The ledger database file (default: $TRUCE_DB, else ./truce.db).
    #[arg(long, value_name = "FILE", conflicts_with = "demo")]
    db: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    /// Bearer token that writes (POST /api/documents) must carry; default $TRUCE_TOKEN.
    /// Without one, the API is read-only.
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Reads need the token too (the dashboard asks for it).
    #[arg(long)]
    private: bool,
    /// Largest request body accepted (e.g. 512K, 2M).
    #[arg(long, default_value = "2M", value_name = "SIZE", value_parser = parse_size)]
    max_body: usize,
    /// Answer every read from the database, without the in-memory cache of answers
    /// (for measuring; the cache is dropped whenever the ledger changes anyway).
    #[arg(long)]
    no_cache: bool,
    /// Serve a throw-away ledger built from the sample articles (see --samples).
    #[arg(long)]
    demo: bool,
    /// Folder of articles for --demo.
    #[arg(long, default_value = "samples", value_name = "DIR", requires = "demo")]
    samples: PathBuf,
    /// Also stop when standard input closes: lets a test harness that dies without
    /// cleaning up take its server with it.
    #[arg(long, hide = true)]
    stop_on_stdin_eof: bool,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let n = truce_ingest::parse_byte_size(s)?;
    usize::try_from(n).map_err(|_| format!("`{s}` is too large"))
}

fn db_path(arg: &Option<PathBuf>) -> PathBuf {
    arg.clone()
        .or_else(|| {
            std::env::var_os("TRUCE_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from("truce.db"))
}

/// Ingest every file under `dir` into `ledger`; returns (documents stored, inputs failed).
fn build_demo_ledger(ledger: &Ledger, dir: &Path) -> Result<(usize, usize)> {
    if !dir.is_dir() {
        bail!(
            "{}: no sample folder here (run from the repository root, or pass --samples DIR)",
            dir.display()
        );
    }
    let extractor = Extractor::new()?;
    let mut docs = Vec::new();
    let mut failed = 0;
    for item in walk_inputs(&[dir.to_path_buf()]) {
        let src = match item {
            Ok(src) => src,
            Err(e) => {
                eprintln!("truce: {e}");
                failed += 1;
                continue;
            }
        };
        match pipeline::documents_from_input(&extractor, &src) {
            Ok(got) => {
                for w in got.warnings {
                    eprintln!("truce: {}: {w}", src.display());
                }
                docs.extend(got.docs);
            }
            Err(e) => {
                eprintln!("truce: {e}");
                failed += 1;
            }
        }
    }
    if docs.is_empty() {
        bail!(
            "{}: no readable articles to build the demo from",
            dir.display()
        );
    }
    let summary = ledger.ingest_documents(&docs)?;
    Ok((summary.added + summary.replaced, failed))
}

/// Resolves when standard input reaches end of file (or fails).
async fn stdin_closed() {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut sink);
        let _ = tx.send(());
    });
    let _ = rx.await;
}

async fn shutdown_signal(watch_stdin: bool) {
    let stdin = async {
        if watch_stdin {
            stdin_closed().await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
        _ = stdin => {},
    }
}

/// Run the command until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("TRUCE_TOKEN").ok().filter(|t| !t.is_empty()));
    let policy = AccessPolicy::new(token, args.private)?;

    // The demo ledger lives in a temporary folder removed when the server stops.
    let demo_dir = if args.demo {
        Some(
            tempfile::Builder::new()
                .prefix("truce-demo-")
                .tempdir()
                .context("creating a folder for the demo ledger")?,
        )
    } else {
        None
    };
    let path = match &demo_dir {
        Some(dir) => dir.path().join("demo.db"),
        None => db_path(&args.db),
    };
    let ledger =
        Ledger::open(&path).with_context(|| format!("opening the ledger {}", path.display()))?;
    if args.demo {
        let (stored, failed) = build_demo_ledger(&ledger, &args.samples)?;
        let stats = ledger.stats()?;
        eprintln!(
            "truce: demo ledger from {}: {stored} documents, {} events, {} ceasefires{}",
            args.samples.display(),
            stats.events,
            stats.ceasefires,
            if failed > 0 {
                format!(" ({failed} inputs unreadable)")
            } else {
                String::new()
            }
        );
    }
    let ledger = Arc::new(ledger);
    let state = AppState::new(Arc::clone(&ledger), policy.clone());
    truce_server::watch_ledger(&ledger, state.hub.clone(), Duration::from_secs(1));
    let hub = state.hub.clone();
    let app = truce_server::router(
        state,
        RouterOptions {
            max_body: args.max_body,
            cache: !args.no_cache,
            // On a loopback address only local names are expected; on a public address
            // the machine's own names are not known here, so any Host is accepted.
            local_hosts_only: args.addr.ip().is_loopback(),
        },
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("truce-serve")
        .build()
        .context("starting the async runtime")?;
    let watch_stdin = args.stop_on_stdin_eof;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        let host = if local.ip().is_unspecified() {
            format!("127.0.0.1:{}", local.port())
        } else {
            local.to_string()
        };
        println!("truce serve: listening on http://{host}/");
        eprintln!(
            "truce serve: ledger {}; reads {}; writes {}",
            path.display(),
            if policy.is_private() {
                "need the token"
            } else {
                "open"
            },
            if policy.has_token() {
                "need the token"
            } else {
                "disabled (no --token)"
            },
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let shutdown = async move {
            shutdown_signal(watch_stdin).await;
            eprintln!("truce serve: shutting down");
            hub.close();
        };
        truce_server::serve(listener, app, shutdown)
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    drop(demo_dir);
    Ok(ExitCode::SUCCESS)
}
