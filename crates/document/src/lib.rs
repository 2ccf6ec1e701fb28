//! The one document type of truce.
//!
//! Borrowed from spaCy: a [`Document`] holds the cleaned text plus an
//! [`OffsetMap`] back to the raw input, and every annotation is a [`Span`]
//! (byte offsets into the cleaned text). Pipeline stages add annotations;
//! they never re-parse the raw input.

mod annotations;
mod contract;
mod offsets;
mod span;

pub use annotations::*;
pub use contract::{ContractDocument, ContractEvent, ContractFigure, ContractParty, ContractPlace};
pub use offsets::{OffsetMap, TextBuilder};
pub use span::Span;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, including PDF- or print-extracted text.
    Text,
    /// An HTML page.
    Html,
    /// One item of an RSS 2.0 feed.
    Rss,
    /// One entry of an Atom feed.
    Atom,
    /// One line of a JSON Lines file.
    Jsonl,
}

impl Format {
    /// The lower-case name used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Metadata read from the document: headline, date, outlet, address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Publication date of the article.
    pub published: Option<NaiveDate>,
    /// Canonical or original URL.
    pub url: Option<String>,
    /// Outlet name, e.g. "The Moscow Times".
    pub outlet: Option<String>,
}

/// One document after ingest (raw body known) and clean (text + map).
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// File stem, or the id given in the input; feed items get `stem#N`.
    pub doc_id: String,
    /// Where it came from (path or "-"), for messages.
    pub origin: String,
    /// Format the document was read as.
    pub format: Option<Format>,
    /// Metadata (filled by clean; extract may refine `published`).
    pub meta: Metadata,
    /// The cleaned body text.
    pub text: String,
    /// Byte offsets of `text` mapped back to byte offsets of the raw input.
    pub offsets: OffsetMap,
    /// Annotations added by the extraction stages.
    pub ann: Annotations,
}

impl Document {
    /// The cleaned text under a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The contract record (`truce extract --json`) for this document.
    pub fn to_contract(&self) -> ContractDocument {
        contract::to_contract(self)
    }
}
