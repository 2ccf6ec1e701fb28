//! PLOVER events with source, target, claimant, status and ceasefire flag.

use truce_document::Document;

/// Fill `doc.ann.events`.
pub fn annotate(doc: &mut Document) {
    let _ = doc;
}
