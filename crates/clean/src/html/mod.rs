//! Main-content extraction and metadata for HTML pages.

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
pub fn clean_html(html: &str) -> CleanedHtml {
    let _ = html;
    CleanedHtml::default()
}
