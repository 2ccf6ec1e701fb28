//! Main-content extraction and metadata for HTML pages.
//!
//! The page is tokenized without copying ([`tokenizer`]), built into a flat
//! element tree with the HTML rules that matter for text ([`dom`]), scored
//! to find the article body ([`extract`]) and rendered as text whose every
//! byte maps back to the page ([`text`]). Metadata comes from the same tree
//! ([`meta`]).

mod classes;
mod dom;
mod entities;
mod extract;
mod meta;
mod tags;
mod text;
mod tokenizer;

use dom::{Tree, NONE};
use truce_document::{Metadata, OffsetMap};

/// The article body of an HTML page and what its markup says about it.
#[derive(Debug, Clone, Default)]
pub struct CleanedHtml {
    /// Article body: paragraphs separated by a blank line.
    pub text: String,
    /// Byte offsets of `text` back to byte offsets of the HTML string.
    pub map: OffsetMap,
    /// Title, date, URL and outlet from `<title>`, `og:*`, JSON-LD, `<time>`, canonical link.
    pub meta: Metadata,
}

/// Extract the main content and metadata of an HTML page.
///
/// Never fails: a page without an article body gives empty text.
pub fn clean_html(html: &str) -> CleanedHtml {
    let tree = Tree::parse(html);
    let meta = meta::read(&tree);
    let mut built = None;
    for prune in [true, false] {
        let analysis = extract::analyse(&tree, prune);
        if analysis.root == NONE {
            continue;
        }
        let out = text::render(&tree, &analysis, &[]);
        if !out.is_empty() {
            built = Some(out);
            break;
        }
    }
    let (text, map) = built.map(|b| b.finish()).unwrap_or_default();
    CleanedHtml { text, map, meta }
}
