//! Clean: a [`RawDocument`] becomes a [`Document`] with cleaned text, an
//! offset map back to the raw input, and metadata (title, date, outlet, URL).

pub mod html;

use truce_document::{Document, OffsetMap};
use truce_ingest::{BodyKind, RawDocument};

/// Clean one raw document.
pub fn clean(raw: RawDocument) -> Document {
    // Placeholder until the text and HTML cleaners land: identity.
    let _ = BodyKind::Text;
    let len = raw.body.len();
    Document {
        doc_id: raw.doc_id,
        origin: raw.origin,
        format: Some(raw.format),
        meta: raw.meta,
        text: raw.body,
        offsets: OffsetMap::identity(len).then(&raw.body_map),
        ann: Default::default(),
    }
}
