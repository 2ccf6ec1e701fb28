//! Ingest: bytes in, raw documents out.
//!
//! Reads paths (files, directories recursively, `-` for stdin, `.gz`),
//! detects each input's format from its content, decodes it to UTF-8 and
//! splits feeds and JSON Lines into one [`RawDocument`] per item. Nothing
//! here cleans text or extracts anything.
//!
//! Every `body_map` maps body bytes to bytes of the raw input (the
//! decompressed bytes for gzip), exactly for text copied verbatim and to
//! the starting byte for decoded pieces (legacy charsets, entities, JSON
//! escapes).

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

mod charset;
mod dates;
mod entities;
mod error;
mod feed;
mod jsonl;
mod outlet;
mod read;
mod sniff;
mod source;
mod walk;

pub use dates::parse_date;
pub use error::{parse_byte_size, ByteSize, IngestError, Problem};
pub use read::{
    ingest_bytes, read_input, read_input_with, Ingested, ReadOptions, DEFAULT_MAX_BYTES,
};
pub use walk::{walk_inputs, InputSource, Walk};
