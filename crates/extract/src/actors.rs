//! Actors: governments, forces, officials, groups, IGOs, media.

use crate::gazetteer::Gazetteer;
use truce_document::Document;

/// Fill `doc.ann.actors`.
pub fn annotate(gazetteer: &Gazetteer, doc: &mut Document) {
    let _ = (gazetteer, doc);
}
