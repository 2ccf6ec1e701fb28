//! The public result and filter types of the ledger. All of them serialise
//! to JSON, so the server can return them as they are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use truce_document::{Annotations, Document, Party};

/// A document to store: an annotated [`Document`] and the hash of the raw
/// bytes it was read from (the identity used for idempotent ingest).
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// The cleaned, annotated document.
    pub doc: Document,
    /// Hex SHA-256 of the raw input (see [`NewDocument::from_raw`]).
    pub raw_hash: String,
}

impl NewDocument {
    /// A document whose identity is the hash of the raw bytes it came from.
    pub fn from_raw(doc: Document, raw: &[u8]) -> Self {
        NewDocument {
            doc,
            raw_hash: crate::hash_hex(raw),
        }
    }

    /// A document with no raw bytes at hand: its identity is the hash of its
    /// cleaned text and URL.
    pub fn from_document(doc: Document) -> Self {
        let mut key = doc.text.as_bytes().to_vec();
        if let Some(u) = &doc.meta.url {
            key.extend_from_slice(b"\0");
            key.extend_from_slice(u.as_bytes());
        }
        NewDocument {
            raw_hash: crate::hash_hex(&key),
            doc,
        }
    }
}

/// What happened to one document of an ingest batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IngestOutcome {
    /// Stored for the first time.
    Added,
    /// Replaced an older version with the same URL.
    Replaced,
    /// The same content was already stored: nothing changed.
    Unchanged,
}

/// One document's result in an ingest batch.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentOutcome {
    /// The document's own id (file stem, feed item id).
    pub doc_id: String,
    /// The ledger's row id of the stored document.
    pub document_id: i64,
    /// Added, replaced or unchanged.
    pub outcome: IngestOutcome,
    /// The wire-copy group it belongs to (its own id when it is an original).
    pub wire_group: i64,
}

/// Result of [`crate::Ledger::ingest_documents`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Documents stored for the first time.
    pub added: usize,
    /// Documents that replaced an older version of the same URL.
    pub replaced: usize,
    /// Documents already stored.
    pub unchanged: usize,
    /// Added or replaced documents found to be wire copies of stored ones.
    pub wire_copies: usize,
    /// Event reports stored.
    pub reports: usize,
    /// Per-document results, in input order.
    pub outcomes: Vec<DocumentOutcome>,
}

/// Where a ledger event or report happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerPlace {
    /// Place name.
    pub name: String,
    /// ISO alpha-2 of its country.
    pub country: String,
    /// Gazetteer kind ("city", "region", ...), when the document lists it.
    pub kind: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A casualty estimate: conservative, best and highest figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Estimate {
    /// Most conservative figure.
    pub low: u64,
    /// Best estimate (UCDP-style).
    pub best: u64,
    /// Highest figure.
    pub high: u64,
    /// True when the highest figure is open-ended ("at least", "more than").
    pub open: bool,
}

/// One real-world event of the ledger: the merge of the reports of it from
/// every stored document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerEvent {
    /// Ledger event id.
    pub id: i64,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode (first report's).
    pub mode: Option<String>,
    /// Who acts.
    pub source: Option<Party>,
    /// Who is acted upon.
    pub target: Option<Party>,
    /// First day any report gives.
    pub date_start: Option<NaiveDate>,
    /// Last day any report gives.
    pub date_end: Option<NaiveDate>,
    /// Date precision of the first report.
    pub precision: Option<String>,
    /// Where (the first located report's place).
    pub place: Option<LedgerPlace>,
    /// observed | denied | asserted | reported (strongest evidence first).
    pub status: String,
    /// Any report marks it as breaking a ceasefire in force.
    pub ceasefire_violation: bool,
    /// Number of independent sources: wire copies count once, a party
    /// counts once however many outlets relay it.
    pub corroboration: u32,
    /// Parties that assert it.
    pub asserted_by: Vec<Party>,
    /// Parties that deny it.
    pub denied_by: Vec<Party>,
    /// Journalists, monitors, residents who saw or heard it.
    pub observed_by: Vec<Party>,
    /// Outlets that report it in their own voice.
    pub reported_by: Vec<String>,
    /// Number of reports merged into it.
    pub reports: u32,
    /// Number of documents reporting it.
    pub documents: u32,
    /// People killed, from the figures given in its reports' sentences.
    pub killed: Option<Estimate>,
}

/// One report of an event in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Report id.
    pub id: i64,
    /// Ledger event it is merged into.
    pub event_id: i64,
    /// Stored document row id.
    pub document_id: i64,
    /// The document's own id.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Wire-copy group of the document.
    pub wire_group: i64,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Who acts.
    pub source: Option<Party>,
    /// Who is acted upon.
    pub target: Option<Party>,
    /// First day.
    pub date_start: Option<NaiveDate>,
    /// Last day.
    pub date_end: Option<NaiveDate>,
    /// Date precision.
    pub precision: Option<String>,
    /// Where.
    pub place: Option<LedgerPlace>,
    /// Who asserts it (None: the outlet's own voice).
    pub claimed_by: Option<Party>,
    /// asserted | denied | observed | reported.
    pub status: String,
    /// Marked as breaking a ceasefire.
    pub ceasefire_violation: bool,
    /// Byte offsets of the evidence sentence in the document's cleaned text.
    pub span: [usize; 2],
    /// The evidence sentence.
    pub evidence: String,
    /// The independent source this report counts as.
    pub source_key: String,
}

/// A denial linked to an event: the REJECT report and who denies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Denial {
    /// The REJECT report.
    pub report: Report,
    /// The ledger event (of type REJECT) the report belongs to.
    pub reject_event_id: i64,
    /// Who denies.
    pub denier: Option<Party>,
}

/// A figure as stored, with its document and attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFigure {
    /// Figure id.
    pub id: i64,
    /// Stored document row id.
    pub document_id: i64,
    /// Document's own id.
    pub doc_id: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Wire-copy group.
    pub wire_group: i64,
    /// killed | wounded | ...
    pub what: String,
    /// Lower bound.
    pub min: u64,
    /// Upper bound, None = open.
    pub max: Option<u64>,
    /// What is counted.
    pub unit: String,
    /// Civilians or not.
    pub civilian: Option<bool>,
    /// Who gives it (None: the outlet).
    pub claimed_by: Option<String>,
    /// Country of whoever gives it.
    pub claimant_country: Option<String>,
    /// Country of the side that suffered it, when it can be told.
    pub party: Option<String>,
    /// Day it refers to.
    pub date: Option<NaiveDate>,
    /// Byte offsets in the document's cleaned text.
    pub span: [usize; 2],
    /// The phrase.
    pub evidence: String,
}

/// Everything known about one ledger event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerEventDetail {
    /// The event.
    pub event: LedgerEvent,
    /// Its reports, one per document mention.
    pub reports: Vec<Report>,
    /// Denials of it.
    pub denials: Vec<Denial>,
    /// For a REJECT event: the events it denies.
    pub denies: Vec<i64>,
    /// Figures given in its reports' sentences.
    pub figures: Vec<StoredFigure>,
}

/// A stored document with its cleaned text and annotations (byte offsets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    /// Row id.
    pub id: i64,
    /// The document's own id.
    pub doc_id: String,
    /// Path it was read from.
    pub origin: String,
    /// Input format.
    pub format: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Hex SHA-256 of the raw input.
    pub raw_hash: String,
    /// Wire-copy group (id of the first stored copy).
    pub wire_group: i64,
    /// Other stored documents of the same wire-copy group.
    pub wire_copies: Vec<i64>,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// Cleaned text.
    pub text: String,
    /// Annotations; spans are byte offsets into `text`.
    pub annotations: Annotations,
    /// Ledger events this document reports, in annotation order
    /// (`event_ids[i]` is the ledger event of `annotations.events[i]`).
    pub event_ids: Vec<Option<i64>>,
}

/// A short listing of a stored document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// Row id.
    pub id: i64,
    /// The document's own id.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Wire-copy group.
    pub wire_group: i64,
    /// Number of event reports.
    pub reports: u32,
}

/// Filters of [`crate::Ledger::events`]; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// ISO alpha-3 (matches source or target) or alpha-2 (also the place).
    pub country: Option<String>,
    /// PLOVER type.
    pub event_type: Option<String>,
    /// Events ending on or after this day.
    pub since: Option<NaiveDate>,
    /// Events starting on or before this day.
    pub until: Option<NaiveDate>,
    /// Within `km` of (`lat`, `lon`).
    pub near: Option<Near>,
    /// FTS5 query over the evidence sentences.
    pub text: Option<String>,
    /// observed | denied | asserted | reported.
    pub status: Option<String>,
    /// Only ceasefire violations (true) or only others (false).
    pub ceasefire_violation: Option<bool>,
}

/// A circle on the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Near {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Radius in kilometres.
    pub km: f64,
}

/// A page of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Rows to skip.
    pub offset: usize,
    /// Most rows to return.
    pub limit: usize,
}

impl Page {
    /// Everything.
    pub fn all() -> Self {
        Page {
            offset: 0,
            limit: usize::MAX,
        }
    }
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            limit: 100,
        }
    }
}

/// A ceasefire, found in the reporting or declared by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ceasefire {
    /// Id.
    pub id: i64,
    /// "extracted" or "manual".
    pub origin: String,
    /// Parties (ISO alpha-3 or group codes), sorted.
    pub parties: Vec<String>,
    /// When it starts: YYYY-MM-DD or YYYY-MM-DDTHH:MM.
    pub start: String,
    /// The day it starts.
    pub start_date: NaiveDate,
    /// Last day it is in force, when known.
    pub end: Option<NaiveDate>,
    /// Area it covers.
    pub area: Option<String>,
    /// The AGREE/RETREAT ledger event it was found from.
    pub event_id: Option<i64>,
    /// Free note.
    pub note: Option<String>,
}

/// A ceasefire declared by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCeasefire {
    /// Parties (ISO alpha-3 or group codes).
    pub parties: Vec<String>,
    /// YYYY-MM-DD or YYYY-MM-DDTHH:MM.
    pub start: String,
    /// Last day in force.
    pub end: Option<NaiveDate>,
    /// Area it covers.
    pub area: Option<String>,
    /// Free note.
    pub note: Option<String>,
}

/// Violations one party asserts against another on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyViolations {
    /// The party that makes the claims.
    pub party: String,
    /// Number of distinct violations it asserts.
    pub count: u32,
    /// Ledger events behind the count.
    pub events: Vec<i64>,
}

/// One day of a ceasefire report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeasefireDay {
    /// The day.
    pub date: NaiveDate,
    /// Violations each party asserts against the others.
    pub asserted: Vec<PartyViolations>,
    /// Violations seen by independent sources (journalists, monitors, residents, outlets).
    pub observed: u32,
    /// Their events.
    pub observed_events: Vec<i64>,
    /// Violations that were denied.
    pub denied: u32,
    /// Their events.
    pub denied_events: Vec<i64>,
    /// Every violation event of the day (any status).
    pub events: Vec<i64>,
    /// People killed according to figures reported for the day.
    pub killed: Option<Estimate>,
    /// People wounded according to figures reported for the day.
    pub wounded: Option<Estimate>,
    /// Documents giving those figures.
    pub figure_documents: Vec<i64>,
}

/// The day-by-day account of one ceasefire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CeasefireReport {
    /// The ceasefire.
    pub ceasefire: Ceasefire,
    /// First day of the table.
    pub from: NaiveDate,
    /// Last day of the table.
    pub to: NaiveDate,
    /// One row per day.
    pub days: Vec<CeasefireDay>,
}

/// Filters of [`crate::Ledger::tally`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TallyFilter {
    /// ISO alpha-3 or alpha-2: the suffering party, the claimant, or a place in the sentence.
    pub country: Option<String>,
    /// Figures dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Figures dated on or before this day.
    pub until: Option<NaiveDate>,
}

/// One source's figure for one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceFigure {
    /// Who gives it: a party name, or the outlet speaking in its own voice.
    pub source: String,
    /// Country of the source, when known.
    pub source_country: Option<String>,
    /// Side that suffered it (None: not attributable).
    pub party: Option<String>,
    /// Lower bound.
    pub min: u64,
    /// Upper bound (None: open).
    pub max: Option<u64>,
    /// Stored figures behind it (all wire copies and repetitions).
    pub figures: Vec<i64>,
    /// Documents behind it.
    pub documents: Vec<i64>,
}

/// The tally for one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyTally {
    /// Side that suffered it (None: not attributable).
    pub party: Option<String>,
    /// Conservative, best and highest figure over the sources.
    pub estimate: Estimate,
    /// Number of sources.
    pub sources: u32,
    /// Documents behind it.
    pub documents: Vec<i64>,
}

/// Tally of one kind of harm (killed or wounded).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HarmTally {
    /// Each source's figure per side.
    pub by_source: Vec<SourceFigure>,
    /// Per side.
    pub by_party: Vec<PartyTally>,
    /// Sum over the sides.
    pub total: Estimate,
    /// Documents behind any number.
    pub documents: Vec<i64>,
}

/// Result of [`crate::Ledger::tally`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// People killed.
    pub killed: HarmTally,
    /// People wounded.
    pub wounded: HarmTally,
}

/// Counts of what the ledger holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerStats {
    /// Stored documents.
    pub documents: u64,
    /// Wire-copy groups (independent stories).
    pub wire_groups: u64,
    /// Event reports.
    pub reports: u64,
    /// Ledger events.
    pub events: u64,
    /// Claim–denial links.
    pub denial_links: u64,
    /// Figures.
    pub figures: u64,
    /// Ceasefires.
    pub ceasefires: u64,
    /// Change counter (see [`crate::Ledger::last_change`]).
    pub change: i64,
}
