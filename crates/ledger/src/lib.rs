//! truce-ledger: the SQLite ledger of reporting about ceasefires.
//!
//! It stores annotated [`truce_document::Document`]s (cleaned text,
//! metadata, annotations), detects wire copies (MinHash over word
//! shingles), merges reports of the same real event from different
//! documents into one [`LedgerEvent`], links claims to their denials,
//! tracks ceasefires (found in the reporting or declared by hand) and
//! tallies casualty figures.
//!
//! The ledger is safe to share between threads: writes go through one
//! connection under a mutex, in short transactions; reads use a small pool
//! of connections. The database is in WAL mode, so a server can read while
//! `truce ingest` writes from another process.
//!
//! ```no_run
//! use truce_ledger::{EventFilter, Ledger, Page};
//! let ledger = Ledger::open("truce.db")?;
//! for e in ledger.events(&EventFilter::default(), Page::default())? {
//!     println!("{} {} corroborated by {}", e.id, e.event_type, e.corroboration);
//! }
//! # Ok::<(), truce_ledger::LedgerError>(())
//! ```

mod ceasefire;
mod countries;
mod dedup;
mod export;
mod geo;
mod merge;
mod query;
mod schema;
mod store;
mod tally;
mod types;

pub use countries::{alpha2_to_alpha3, alpha3_to_alpha2, country_name};
pub use export::ExportFormat;
pub use schema::SCHEMA_VERSION;
pub use types::*;

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex, MutexGuard};

/// Errors of the ledger.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database file could not be opened.
    #[error("{path}: cannot open the ledger: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The database was written by a newer truce.
    #[error("the ledger's schema version {found} is newer than this truce supports ({supported})")]
    SchemaTooNew {
        /// Version in the file.
        found: i64,
        /// Version this build knows.
        supported: i64,
    },
    /// A stored value could not be decoded.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A caller-supplied value is invalid.
    #[error("{0}")]
    Invalid(String),
    /// Writing an export failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Result type of the ledger.
pub type Result<T, E = LedgerError> = std::result::Result<T, E>;

/// Most idle read connections kept open.
const READ_POOL: usize = 4;

/// The ledger: one SQLite database.
pub struct Ledger {
    path: Option<PathBuf>,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    subscribers: Mutex<Vec<mpsc::Sender<i64>>>,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger").field("path", &self.path).finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another thread cannot leave a connection half-used (SQLite
    // rolls back an unfinished transaction when it is dropped), so a
    // poisoned lock is safe to take over.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -32000;",
    )?;
    Ok(())
}

impl Ledger {
    /// Open (creating if needed) the ledger at `path` and migrate its schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Ledger> {
        let path = path.as_ref().to_path_buf();
        let open_err = |source| LedgerError::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(LedgerError::Invalid(format!(
                "{}: the ledger needs WAL mode, got {mode}",
                path.display()
            )));
        }
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Ledger {
            path: Some(path),
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            subscribers: Mutex::new(Vec::new()),
        })
    }

    /// A ledger in memory (tests, one-off runs): reads share the writer.
    pub fn open_in_memory() -> Result<Ledger> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Ledger {
            path: None,
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            subscribers: Mutex::new(Vec::new()),
        })
    }

    /// The database file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Run `f` on a read connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let Some(path) = &self.path else {
            return f(&lock(&self.writer));
        };
        let pooled = lock(&self.readers).pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let c = Connection::open(path).map_err(|source| LedgerError::Open {
                    path: path.clone(),
                    source,
                })?;
                configure(&c)?;
                c
            }
        };
        let out = f(&conn);
        let mut pool = lock(&self.readers);
        if pool.len() < READ_POOL {
            pool.push(conn);
        }
        out
    }

    /// Run `f` in one write transaction; bump the change counter if it
    /// changed anything, and tell subscribers.
    fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<(T, bool)>,
    ) -> Result<T> {
        let change;
        let out;
        {
            let mut conn = lock(&self.writer);
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let (value, changed) = f(&tx)?;
            if changed {
                tx.execute(
                    "UPDATE state SET value = value + 1 WHERE key = 'change'",
                    [],
                )?;
            }
            change = tx.query_row("SELECT value FROM state WHERE key = 'change'", [], |r| {
                r.get::<_, i64>(0)
            })?;
            tx.commit()?;
            out = (value, changed);
        }
        if out.1 {
            lock(&self.subscribers).retain(|s| s.send(change).is_ok());
        }
        Ok(out.0)
    }

    /// Whether a document with this raw hash is stored (lets a caller skip
    /// cleaning and extraction of content it already has).
    pub fn contains_hash(&self, raw_hash: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS(SELECT 1 FROM documents WHERE raw_hash = ?1)",
                [raw_hash],
                |r| r.get(0),
            )?)
        })
    }

    /// Store a batch of annotated documents in one transaction: skip content
    /// already stored, replace an older version of the same URL, detect wire
    /// copies, merge the events into ledger events, link denials, update the
    /// ceasefires found in the reporting.
    pub fn ingest_documents(&self, docs: &[NewDocument]) -> Result<IngestSummary> {
        let prepared: Vec<store::Prepared<'_>> = docs.iter().map(store::prepare).collect();
        self.write(|tx| {
            let summary = store::ingest(tx, &prepared)?;
            let changed = summary.added + summary.replaced > 0;
            Ok((summary, changed))
        })
    }

    /// Remove a stored document and its reports; ledger events left without
    /// reports disappear. Returns false when there was no such document.
    pub fn delete_document(&self, id: i64) -> Result<bool> {
        self.write(|tx| {
            let found = store::delete_document(tx, id)?;
            Ok((found, found))
        })
    }

    /// Ledger events matching `filter`, ordered by date, one page of them.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<Vec<LedgerEvent>> {
        self.read(|c| query::events(c, filter, page))
    }

    /// Number of ledger events matching `filter`.
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        self.read(|c| query::count_events(c, filter))
    }

    /// One ledger event with its reports, denials and figures.
    pub fn event(&self, id: i64) -> Result<Option<LedgerEventDetail>> {
        self.read(|c| query::event_detail(c, id))
    }

    /// One stored document with its cleaned text and annotations.
    pub fn document(&self, id: i64) -> Result<Option<StoredDocument>> {
        self.read(|c| query::document(c, id))
    }

    /// The own ids (file stem, feed item id) of stored documents, by row id.
    pub fn document_names(&self, ids: &[i64]) -> Result<std::collections::BTreeMap<i64, String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT doc_id FROM documents WHERE id = ?1")?;
            let mut out = std::collections::BTreeMap::new();
            for &id in ids {
                if let Some(name) = stmt.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                    out.insert(id, name);
                }
            }
            Ok(out)
        })
    }

    /// Stored documents, newest first; `text` is an FTS5 query over title and body.
    pub fn documents(&self, text: Option<&str>, page: Page) -> Result<Vec<DocumentSummary>> {
        self.read(|c| query::documents(c, text, page))
    }

    /// Every ceasefire, by start date.
    pub fn ceasefires(&self) -> Result<Vec<Ceasefire>> {
        self.read(ceasefire::list)
    }

    /// One ceasefire.
    pub fn ceasefire(&self, id: i64) -> Result<Option<Ceasefire>> {
        self.read(|c| ceasefire::get(c, id))
    }

    /// Declare a ceasefire by hand; returns it with its id.
    pub fn add_ceasefire(&self, new: &NewCeasefire) -> Result<Ceasefire> {
        let id = self.write(|tx| Ok((ceasefire::add(tx, new)?, true)))?;
        self.ceasefire(id)?
            .ok_or_else(|| LedgerError::Corrupt(format!("ceasefire {id} vanished")))
    }

    /// Remove a ceasefire declared by hand; false when there was none.
    pub fn remove_ceasefire(&self, id: i64) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM ceasefires WHERE id = ?1 AND origin = 'manual'",
                [id],
            )?;
            Ok((n > 0, n > 0))
        })
    }

    /// The day-by-day table of a ceasefire: violations asserted by each
    /// party, observed, denied, and casualty figures.
    pub fn ceasefire_days(&self, id: i64) -> Result<Option<CeasefireReport>> {
        self.read(|c| ceasefire::report(c, id))
    }

    /// Killed and wounded by source and by party.
    pub fn tally(&self, filter: &TallyFilter) -> Result<Tally> {
        self.read(|c| tally::tally(c, filter))
    }

    /// Write the events matching `filter` as CSV, JSON Lines or GeoJSON.
    /// Returns the number of events written (for GeoJSON: located ones).
    pub fn export(
        &self,
        format: ExportFormat,
        filter: &EventFilter,
        out: &mut dyn std::io::Write,
    ) -> Result<usize> {
        self.read(|c| export::export(c, format, filter, out))
    }

    /// Counts of what is stored.
    pub fn stats(&self) -> Result<LedgerStats> {
        self.read(query::stats)
    }

    /// A counter that grows with every committed change (from any process):
    /// poll it to know when to refresh.
    pub fn last_change(&self) -> Result<i64> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM state WHERE key = 'change'", [], |r| {
                    r.get(0)
                })?,
            )
        })
    }

    /// Receive the new change counter after every change made through this
    /// `Ledger` value. Changes by other processes are seen by polling
    /// [`Ledger::last_change`].
    pub fn subscribe(&self) -> mpsc::Receiver<i64> {
        let (tx, rx) = mpsc::channel();
        lock(&self.subscribers).push(tx);
        rx
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.read(|c| {
            let rows: Vec<String> = c
                .prepare("PRAGMA integrity_check")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows.join("\n"))
        })
    }
}

/// Hex SHA-256 of bytes: the identity of stored content.
pub fn hash_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
