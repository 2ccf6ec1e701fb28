//! Casualty and violation figures as intervals.
//!
//! Every number (digits, words, vague quantities: see [`crate::numbers`])
//! is read with the noun after it ("49 Armenian servicemen") and the words
//! around it: after the noun ("had been killed", "were burned", "fled"),
//! before the number ("killing nine soldiers", "the deaths of about 30,000
//! people", "death toll rises to nine"), or by being part of, coordinated
//! with or compared with the figure before it ("including three
//! servicemen", "one tank and three launchers", "compared with more than a
//! dozen"). Nouns and words come from `data/lexicon/figures.tsv`. Dates,
//! ages, times, distances, money and nouns outside the vocabulary are not
//! figures. The same figure from the same source is kept once.

mod lexicon;
mod rules;
mod source;

use crate::numbers::{quantities, Lexed};
use lexicon::LEXICON;
use rules::{Resolved, Segment};
use truce_document::{Actor, Document, Figure, FigureKind, Span};

/// Fill `doc.ann.figures`.
pub fn annotate(doc: &mut Document) {
    let figures = scan_with_sources(&doc.text, &doc.ann.sentences, &doc.ann.actors);
    doc.ann.figures = figures;
}

/// Figures in a bare text (a headline, a snippet), without sources.
pub fn scan(text: &str) -> Vec<Figure> {
    scan_with_sources(text, &[], &[])
}

/// The `killed` intervals a text (typically a headline) states:
/// "Bomb kills 12 in Kabul" → [(12, Some(12))].
pub fn deaths(text: &str) -> Vec<(u64, Option<u64>)> {
    scan(text)
        .into_iter()
        .filter(|f| f.what == FigureKind::Killed)
        .map(|f| (f.min, f.max))
        .collect()
}

/// Lines of the figure vocabulary that could not be read (empty when the
/// shipped data file is well formed; checked by a unit test).
pub fn vocabulary_errors() -> &'static [String] {
    &LEXICON.errors
}

/// Figures in `text`; `sentences` and `actors` (possibly empty) give each
/// figure's source ("according to X", "X said").
pub fn scan_with_sources(text: &str, sentences: &[Span], actors: &[Actor]) -> Vec<Figure> {
    scan_lexed(&Lexed::new(text), sentences, actors)
}

/// [`scan_with_sources`] over an already lexed text (shared with the date scanner).
pub fn scan_lexed(t: &Lexed, sentences: &[Span], actors: &[Actor]) -> Vec<Figure> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let mut start = 0;
    while start < t.len() {
        let mut end = start;
        while end < t.len() && !t.is_hard_stop(end) {
            end += 1;
        }
        if end > start {
            let seg = Segment { lex, t, start, end };
            let mut resolved: Vec<Resolved> = Vec::new();
            for q in quantities(t, start, end) {
                if let Some(r) = seg.resolve(q, &resolved) {
                    resolved.push(r);
                }
            }
            // Headlines are short; body sentences rarely drop their articles.
            if resolved.is_empty() && end - start <= 30 {
                resolved.extend(seg.bare_singular());
            }
            for r in resolved {
                let last = r.np.end.max(r.q.end).saturating_sub(1).max(r.q.first);
                let span = t.span(r.q.first, last);
                let claimed_by = source::claimant(t, span, sentences, actors);
                let repeated = out.iter().any(|f: &Figure| {
                    f.what == r.kind
                        && f.min == r.q.min
                        && f.max == r.q.max
                        && same_source(f.claimed_by.as_deref(), claimed_by.as_deref())
                });
                if !repeated {
                    out.push(Figure {
                        what: r.kind,
                        min: r.q.min,
                        max: r.q.max,
                        unit: r.unit,
                        civilian: r.civilian,
                        claimed_by,
                        span,
                    });
                }
            }
        }
        start = end + 1;
    }
    out
}

/// Two sources are the same unless both are named and share no word
/// ("the Kyrgyz health ministry" and "Kyrgyzstan's health ministry" are
/// one; "Israel" and "Hamas" are two). A figure in the outlet's own voice
/// repeats an attributed one.
fn same_source(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !matches!(*w, "the" | "The" | "its" | "his" | "her"))
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    wa.is_empty() || wb.is_empty() || wa.iter().any(|w| wb.contains(w))
}

#[cfg(test)]
mod tests;
