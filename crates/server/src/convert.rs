//! Ledger records → API JSON. The ledger keeps byte offsets into the cleaned text; the API
//! counts Unicode scalar values (as the extraction contract and `Array.from(text)` do).

use serde::Serialize;
use truce_document::Party;
use truce_document::{
    ContractEvent, ContractFigure, ContractPlace, Document, Metadata, Sector, Span,
};
use truce_ledger::{LedgerEventDetail, Report, StoredDocument};

/// Byte offsets → char offsets for one text; O(1) per lookup after O(n) set-up.
pub struct CharIndex {
    /// `table[b]` = chars before byte `b`; empty when the text is ASCII (identity).
    table: Vec<u32>,
    len: usize,
}

impl CharIndex {
    /// Index a text.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                table: Vec::new(),
                len: text.len(),
            };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        for (b, c) in text.char_indices() {
            // Bytes inside a char map to the char that contains them.
            for slot in &mut table[b..b + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        table[text.len()] = chars;
        CharIndex {
            table,
            len: text.len(),
        }
    }

    /// The char offset of a byte offset (clamped to the text).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        if self.table.is_empty() {
            byte
        } else {
            self.table[byte] as usize
        }
    }

    /// A byte span as char offsets.
    pub fn span(&self, s: [usize; 2]) -> [usize; 2] {
        [self.char_offset(s[0]), self.char_offset(s[1])]
    }
}

/// An actor of a document, as in the extraction contract.
#[derive(Debug, Clone, Serialize)]
pub struct ApiActor {
    /// Name.
    pub name: String,
    /// ISO alpha-3 or IGO code.
    pub country: Option<String>,
    /// PLOVER sector.
    pub sector: Option<Sector>,
    /// Char offsets of every mention.
    pub mentions: Vec<[usize; 2]>,
}

/// A resolved time expression in a document.
#[derive(Debug, Clone, Serialize)]
pub struct ApiTime {
    /// Char offsets.
    pub span: [usize; 2],
    /// First day (YYYY-MM-DD).
    pub start: String,
    /// Last day.
    pub end: String,
    /// day | week | month | year.
    pub precision: truce_document::Precision,
    /// "since X" expressions run to the publication date.
    pub since: bool,
}

/// An event annotation of a document, with the ledger event it was merged into.
#[derive(Debug, Clone, Serialize)]
pub struct ApiDocEvent {
    /// The annotation, as in the extraction contract.
    #[serde(flatten)]
    pub event: ContractEvent,
    /// The ledger event id (`/api/events/{id}`), if it was merged into one.
    pub ledger_event: Option<i64>,
}

/// `GET /api/documents/{id}`: the cleaned text and its annotations (char offsets).
#[derive(Debug, Clone, Serialize)]
pub struct ApiDocument {
    /// Ledger row id.
    pub id: i64,
    /// The document's own id (file stem, feed item id).
    pub doc_id: String,
    /// Where it was read from.
    pub origin: String,
    /// Input format.
    pub format: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<chrono::NaiveDate>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Wire-copy group.
    pub wire_group: i64,
    /// Other documents of the same wire-copy group.
    pub wire_copies: Vec<i64>,
    /// When it was stored.
    pub ingested_at: String,
    /// How offsets count: always "chars" (Unicode scalar values).
    pub offsets: &'static str,
    /// Cleaned text.
    pub text: String,
    /// Places with their mentions.
    pub places: Vec<ContractPlace>,
    /// Actors with their mentions.
    pub actors: Vec<ApiActor>,
    /// Time expressions.
    pub times: Vec<ApiTime>,
    /// Figures.
    pub figures: Vec<ContractFigure>,
    /// Events, each with its ledger event.
    pub events: Vec<ApiDocEvent>,
}

/// Convert a stored document for the API.
pub fn document(stored: StoredDocument) -> ApiDocument {
    let StoredDocument {
        id,
        doc_id,
        origin,
        format,
        title,
        published,
        url,
        outlet,
        wire_group,
        wire_copies,
        ingested_at,
        text,
        annotations,
        event_ids,
        ..
    } = stored;
    let ix = CharIndex::new(&text);
    let times = annotations
        .times
        .iter()
        .map(|t| ApiTime {
            span: ix.span(span_pair(t.span)),
            start: t.range.start.format("%Y-%m-%d").to_string(),
            end: t.range.end.format("%Y-%m-%d").to_string(),
            precision: t.range.precision,
            since: t.since,
        })
        .collect();
    let actors = annotations
        .actors
        .iter()
        .map(|a| ApiActor {
            name: a.name.clone(),
            country: a.country.clone(),
            sector: a.sector,
            mentions: a.mentions.iter().map(|m| ix.span(span_pair(*m))).collect(),
        })
        .collect();
    let doc = Document {
        doc_id: doc_id.clone(),
        origin: origin.clone(),
        meta: Metadata {
            title: title.clone(),
            published,
            url: url.clone(),
            outlet: outlet.clone(),
        },
        text,
        ann: annotations,
        ..Default::default()
    };
    let contract = doc.to_contract();
    let events = contract
        .events
        .into_iter()
        .enumerate()
        .map(|(i, event)| ApiDocEvent {
            event,
            ledger_event: event_ids.get(i).copied().flatten(),
        })
        .collect();
    ApiDocument {
        id,
        doc_id,
        origin,
        format,
        title,
        published,
        url,
        outlet,
        wire_group,
        wire_copies,
        ingested_at,
        offsets: "chars",
        text: contract.text,
        places: contract.places,
        actors,
        times,
        figures: contract.figures,
        events,
    }
}

fn span_pair(s: Span) -> [usize; 2] {
    [s.start, s.end]
}

/// One party's claim about an event: a report that rests on someone's word.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Who claims it.
    pub by: Party,
    /// asserted or denied (the report's status).
    pub status: String,
    /// The report it comes from.
    pub report_id: i64,
    /// The document it is in.
    pub document_id: i64,
    /// Char offsets of the evidence sentence.
    pub span: [usize; 2],
    /// The evidence sentence.
    pub evidence: String,
}

/// `GET /api/events/{id}`: the ledger's detail plus the claims spelled out.
#[derive(Debug, Clone, Serialize)]
pub struct ApiEventDetail {
    /// Event, reports, denials, figures (spans in chars).
    #[serde(flatten)]
    pub detail: LedgerEventDetail,
    /// Reports that rest on a party's word (not an observer's or the outlet's).
    pub claims: Vec<Claim>,
}

impl ApiEventDetail {
    /// Wrap a detail whose spans are already in chars.
    pub fn new(detail: LedgerEventDetail) -> Self {
        let claims = detail
            .reports
            .iter()
            .filter(|r| r.status == "asserted" || r.status == "denied")
            .filter_map(|r| {
                Some(Claim {
                    by: r.claimed_by.clone()?,
                    status: r.status.clone(),
                    report_id: r.id,
                    document_id: r.document_id,
                    span: r.span,
                    evidence: r.evidence.clone(),
                })
            })
            .collect();
        ApiEventDetail { detail, claims }
    }
}

/// Rewrite the byte spans of an event's reports, denials and figures as char spans,
/// reading each document's text through `text_of` (once per document).
pub fn event_detail_spans(
    detail: &mut LedgerEventDetail,
    mut text_of: impl FnMut(i64) -> Option<String>,
) {
    let mut cache: std::collections::HashMap<i64, Option<CharIndex>> = Default::default();
    let mut fix = |document_id: i64, span: &mut [usize; 2]| {
        let ix = cache
            .entry(document_id)
            .or_insert_with(|| text_of(document_id).map(|t| CharIndex::new(&t)));
        if let Some(ix) = ix {
            *span = ix.span(*span);
        }
    };
    let fix_report = |r: &mut Report, fix: &mut dyn FnMut(i64, &mut [usize; 2])| {
        fix(r.document_id, &mut r.span);
    };
    for r in &mut detail.reports {
        fix_report(r, &mut fix);
    }
    for d in &mut detail.denials {
        fix_report(&mut d.report, &mut fix);
    }
    for f in &mut detail.figures {
        fix(f.document_id, &mut f.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let ix = CharIndex::new("hello world");
        assert_eq!(ix.span([6, 11]), [6, 11]);
        assert_eq!(ix.char_offset(99), 11);
    }

    #[test]
    fn multibyte_offsets_count_chars() {
        let text = "Ýerevan — Baku";
        let ix = CharIndex::new(text);
        let b = text.find("Baku").expect("Baku");
        assert_eq!(ix.char_offset(b), 10);
        assert_eq!(ix.span([b, b + 4]), [10, 14]);
        assert_eq!(ix.char_offset(text.len()), text.chars().count());
        // A byte inside a multibyte char maps to that char.
        assert_eq!(ix.char_offset(1), 0);
        assert_eq!(ix.char_offset(2), 1);
    }
}
