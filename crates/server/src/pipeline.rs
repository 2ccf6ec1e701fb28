//! `POST /api/documents`: a posted body goes through the same ingest → clean → extract
//! pipeline as `truce extract`, so feeds are split and HTML is cleaned exactly as from files.

use std::path::Path;
use truce_extract::Extractor;
use truce_ingest::{ingest_bytes, read_input_with, Ingested, InputSource, ReadOptions};
use truce_ledger::{hash_hex, NewDocument};

/// Why a posted body could not be turned into documents.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The name given for the document is not usable.
    #[error("bad document name {0:?}: use letters, digits, '.', '-' or '_' (at most 100)")]
    BadName(String),
    /// Ingest rejected the body (empty, binary, malformed feed, ...).
    #[error("{0}")]
    Ingest(#[from] truce_ingest::IngestError),
    /// Ingest found no document in the body.
    #[error("no document found in the body")]
    NoDocuments,
}

/// Documents from a body, plus what ingest warned about (a partly bad feed keeps its
/// good items and says what was dropped).
#[derive(Debug)]
pub struct Extracted {
    /// Cleaned, annotated documents, each identified (as `truce ingest` does) by the
    /// hash of its raw body, so the same article posted twice or also ingested from a
    /// file is stored once.
    pub docs: Vec<NewDocument>,
    /// Problems that did not stop the read.
    pub warnings: Vec<String>,
}

/// Check a client-given document name: it names the input in messages and its stem
/// becomes the document id.
pub fn check_name(name: &str) -> Result<&str, PipelineError> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if ok {
        Ok(name)
    } else {
        Err(PipelineError::BadName(name.to_string()))
    }
}

/// Run one posted body through ingest → clean → extract. `name` (checked here) is the
/// file name it is read as (its extension is a format hint, its stem the document id);
/// `origin` is what the documents say they came from.
pub fn documents_from_body(
    extractor: &Extractor,
    name: &str,
    origin: &str,
    body: &[u8],
) -> Result<Extracted, PipelineError> {
    let name = check_name(name)?;
    let got = ingest_bytes(body, Path::new(name), &ReadOptions::default());
    annotate(extractor, got, Some(origin))
}

/// Run one file (or standard input) through ingest → clean → extract, as `truce ingest`.
pub fn documents_from_input(
    extractor: &Extractor,
    src: &InputSource,
) -> Result<Extracted, PipelineError> {
    annotate(
        extractor,
        read_input_with(src, &ReadOptions::default()),
        None,
    )
}

fn annotate(
    extractor: &Extractor,
    got: Ingested,
    origin: Option<&str>,
) -> Result<Extracted, PipelineError> {
    let mut warnings = got.warnings;
    if let Some(err) = got.error {
        if got.docs.is_empty() {
            return Err(err.into());
        }
        warnings.push(err.to_string());
    }
    if got.docs.is_empty() {
        return Err(PipelineError::NoDocuments);
    }
    let docs = got
        .docs
        .into_iter()
        .map(|mut raw| {
            if let Some(origin) = origin {
                raw.origin = origin.to_string();
            }
            let raw_hash = hash_hex(raw.body.as_bytes());
            let mut doc = truce_clean::clean(raw);
            extractor.annotate(&mut doc);
            NewDocument { doc, raw_hash }
        })
        .collect();
    Ok(Extracted { docs, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(check_name("report-1.html").is_ok());
        assert!(check_name("../etc/passwd").is_err());
        assert!(check_name("a/b").is_err());
        assert!(check_name(".hidden").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(101)).is_err());
    }

    #[test]
    fn a_text_body_becomes_a_document() {
        let ex = Extractor::new().expect("extractor");
        let got = documents_from_body(
            &ex,
            "note.txt",
            "POST /api/documents",
            b"Shelling was reported near the town overnight, officials said.",
        )
        .expect("documents");
        assert_eq!(got.docs.len(), 1);
        let doc = &got.docs[0].doc;
        assert_eq!(doc.doc_id, "note");
        assert_eq!(doc.origin, "POST /api/documents");
        assert!(doc.text.contains("Shelling"));
        assert_eq!(got.docs[0].raw_hash.len(), 64);
    }

    #[test]
    fn empty_and_binary_bodies_are_errors_naming_the_input() {
        let ex = Extractor::new().expect("extractor");
        let err = documents_from_body(&ex, "a.txt", "POST", b"  \n").expect_err("blank");
        assert!(err.to_string().contains("a.txt"), "{err}");
        assert!(documents_from_body(&ex, "b.txt", "POST", b"").is_err());
        assert!(
            documents_from_body(&ex, "c.pdf", "POST", b"%PDF-1.4\n\x00\x01\x02binary").is_err()
        );
    }
}
