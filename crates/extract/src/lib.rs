//! Extract: places, actors, dates, figures and PLOVER events.
//!
//! An [`Extractor`] compiles the gazetteer, actor dictionary and event
//! lexicon (data files in the repository's `data/` folder, embedded at
//! build time) into matchers once; [`Extractor::annotate`] then adds
//! annotations to a cleaned [`Document`]. No I/O and no global state.

use truce_document::Document;

/// Errors building the extractor from its data files.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A data file line could not be parsed.
    #[error("{file}:{line}: {message}")]
    Data {
        /// Data file name.
        file: &'static str,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The compiled extraction pipeline.
#[derive(Debug)]
pub struct Extractor {}

impl Extractor {
    /// Compile the embedded data files into matchers.
    pub fn new() -> Result<Self, ExtractError> {
        Ok(Extractor {})
    }

    /// Add every annotation to a cleaned document.
    pub fn annotate(&self, doc: &mut Document) {
        let _ = doc;
    }
}
