//! Extract: places, actors, dates, figures and PLOVER events.
//!
//! An [`Extractor`] compiles the gazetteer, actor dictionary and event
//! lexicon (data files in the repository's `data/` folder, embedded at
//! build time) into matchers once; [`Extractor::annotate`] then adds
//! annotations to a cleaned [`Document`]. No I/O and no global state.

pub mod actors;
pub mod chars;
pub mod dates;
pub mod events;
pub mod figures;
pub mod gazetteer;
pub mod numbers;
pub mod places;
pub mod sentences;
pub mod tokens;

use actors::ActorDictionary;
use events::lexicon::Lexicon;
use gazetteer::Gazetteer;
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
pub struct Extractor {
    gazetteer: Gazetteer,
    actors: ActorDictionary,
    lexicon: Lexicon,
}

impl Extractor {
    /// Compile the embedded data files into matchers.
    pub fn new() -> Result<Self, ExtractError> {
        Ok(Extractor {
            gazetteer: Gazetteer::load()?,
            actors: ActorDictionary::load()?,
            lexicon: Lexicon::load()?,
        })
    }

    /// Add every annotation to a cleaned document.
    pub fn annotate(&self, doc: &mut Document) {
        sentences::annotate(doc);
        places::annotate(&self.gazetteer, doc);
        // Actors and events read the same word tokens: tokenise once.
        let words = tokens::tokenize(&doc.text, truce_document::Span::new(0, doc.text.len()));
        let mentions = actors::recognise(&self.actors, &self.gazetteer, doc, &words);
        doc.ann.actors = actors::merge(&mentions);
        // Dates and figures read the same number-aware tokens: lex once.
        let lexed = numbers::Lexed::new(&doc.text);
        doc.ann.times = dates::scan_lexed(&lexed, doc.meta.published);
        doc.ann.figures = figures::scan_lexed(&lexed, &doc.ann.sentences, &doc.ann.actors);
        // The event coder's phrase tests read the lexer's lower-cased copy of the text.
        doc.ann.events = events::code(
            &self.lexicon,
            &self.gazetteer,
            &mentions,
            doc,
            &words,
            lexed.lower_text(),
        );
    }

    /// The actor dictionary.
    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }

    /// The event lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The gazetteer, for callers that resolve place names themselves.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }
}
