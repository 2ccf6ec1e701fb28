//! Clean: a [`RawDocument`] becomes a [`Document`] with cleaned text, an
//! offset map back to the raw input, and metadata (title, date, outlet, URL).
//!
//! Text (including print and PDF captures) is re-flowed and stripped of
//! furniture in `text`; HTML goes through the main-content extractor in
//! `html`; JSON Lines bodies are already clean and only normalised. In every
//! case metadata the source states (feed fields, JSONL fields) wins over
//! what the page's markup says, which wins over what is guessed from the
//! text and the URL.

mod dehyphenate;
mod emit;
mod furniture;
pub mod html;
mod html_fallback;
mod lines;
mod metadata;
mod plain;
mod text;

use truce_document::{Document, Format, Metadata, OffsetMap};
use truce_ingest::{BodyKind, RawDocument};

/// Clean one raw document.
pub fn clean(raw: RawDocument) -> Document {
    let RawDocument {
        doc_id,
        origin,
        format,
        body_kind,
        body,
        body_map,
        meta: stated,
    } = raw;
    let (text, map, markup, guessed) = match (format, body_kind) {
        (_, BodyKind::Html) => clean_html_body(&body, stated.url.as_deref()),
        (Format::Jsonl, BodyKind::Text) => {
            let (text, map) = plain::normalise(&body);
            let guessed = guess_from_text(&text, stated.url.as_deref());
            (text, map, Metadata::default(), guessed)
        }
        (_, BodyKind::Text) => {
            let cleaned = text::clean_text(&body);
            let mut guessed = cleaned.meta;
            fill_from_url(&mut guessed, stated.url.as_deref(), &body);
            (cleaned.text, cleaned.map, Metadata::default(), guessed)
        }
    };
    let meta = metadata::merge(stated, markup, guessed);
    Document {
        doc_id,
        origin,
        format: Some(format),
        meta,
        offsets: map.then(&body_map),
        text,
        ann: Default::default(),
    }
}

/// HTML: the main-content extractor's text and metadata, with guesses from
/// the text and URL where its metadata is silent.
fn clean_html_body(
    body: &str,
    stated_url: Option<&str>,
) -> (String, OffsetMap, Metadata, Metadata) {
    let extracted = html::clean_html(body);
    let (text, map) = if extracted.text.trim().is_empty() {
        html_fallback::visible_text(body)
    } else {
        (extracted.text, extracted.map)
    };
    let markup = extracted.meta;
    let url = stated_url.or(markup.url.as_deref());
    let needs_guess =
        markup.published.is_none() || markup.outlet.is_none() || markup.title.is_none();
    let mut guessed = if needs_guess {
        guess_from_text(&text, url)
    } else {
        Metadata::default()
    };
    // Last resort for the date: a date line anywhere on the page (a byline
    // or a date bar the main-content extractor left out).
    if markup.published.is_none() && guessed.published.is_none() {
        let (visible, _) = html_fallback::visible_text(body);
        guessed.published = text::clean_text(&visible).meta.published;
    }
    (text, map, markup, guessed)
}

/// Metadata read off already-extracted text (date lines, datelines,
/// mastheads) and a URL (its date path and host).
fn guess_from_text(text: &str, url: Option<&str>) -> Metadata {
    let mut meta = text::guess_metadata(text);
    fill_from_url(&mut meta, url, text);
    meta
}

/// Fill the date and outlet from a URL the source gave, where still unknown.
fn fill_from_url(meta: &mut Metadata, url: Option<&str>, doc: &str) {
    let Some(url) = url else {
        return;
    };
    if meta.published.is_none() {
        meta.published = metadata::dates::url_date(url);
    }
    if meta.outlet.is_none() {
        meta.outlet =
            metadata::outlet::host(url).and_then(|h| metadata::outlet::outlet_for_host(&h, doc));
    }
}

#[cfg(test)]
mod tests;
