//! Ingest: bytes in, raw documents out.
//!
//! Reads paths (files, directories recursively, `-` for stdin, `.gz`),
//! detects each input's format from its content, decodes it to UTF-8 and
//! splits feeds and JSON Lines into one [`RawDocument`] per item. Nothing
//! here cleans text or extracts anything.

use truce_document::{Format, Metadata, OffsetMap};

/// What kind of markup a raw body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// Plain (possibly PDF-extracted) text.
    Text,
    /// HTML (a page, or a feed item's HTML description).
    Html,
}

/// One document as read from its source, before cleaning.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// File stem, given id, or `stem#N` for the N-th feed item (from 1).
    pub doc_id: String,
    /// The path (or "-") it was read from.
    pub origin: String,
    /// The input format.
    pub format: Format,
    /// Whether `body` is text or HTML.
    pub body_kind: BodyKind,
    /// The decoded body.
    pub body: String,
    /// Byte offsets of `body` back to byte offsets of the raw input file.
    pub body_map: OffsetMap,
    /// Metadata the source states outright (feed item title, JSONL fields).
    pub meta: Metadata,
}

mod error;
mod read;

pub use error::IngestError;
pub use read::{read_input, walk_inputs, InputSource};
