//! Sentence and paragraph segmentation.
//!
//! Rule-based: a sentence ends at `.`, `!` or `?` (optionally followed by
//! closing quotes or brackets) when whitespace and an upper-case letter,
//! digit or opening quote follow, unless the word before the stop is a
//! known abbreviation or a single initial. Paragraphs are blank-line
//! separated; a sentence never crosses a paragraph.

use truce_document::{Document, Span};

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
    "gov", "sen", "rep", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "approx", "dept", "est", "fig", "pres",
    "rev", "hon", "messrs",
];

/// Fill `doc.ann.paragraphs` and `doc.ann.sentences`.
pub fn annotate(doc: &mut Document) {
    let paragraphs = split_paragraphs(&doc.text);
    let mut sentences = Vec::new();
    for p in &paragraphs {
        split_sentences(&doc.text, *p, &mut sentences);
    }
    doc.ann.paragraphs = paragraphs;
    doc.ann.sentences = sentences;
}

/// Paragraph spans: runs of text separated by blank lines (or single
/// newlines, since cleaned text keeps one paragraph per line).
pub fn split_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in line_spans(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = i + lead;
        let e = s + trimmed.len();
        out.push(Span::new(s, e));
        start = Some(e);
    }
    let _ = start;
    out
}

fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |line| {
        let at = pos;
        pos += line.len() + 1;
        (at, line)
    })
}

/// Split one paragraph into sentence spans, appended to `out`.
pub fn split_sentences(text: &str, para: Span, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = para.start;
    let mut i = para.start;
    while i < para.end {
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence.
            while j < para.end {
                if let Some(q) = closing_len(&text[j..para.end]) {
                    j += q;
                } else {
                    break;
                }
            }
            if j >= para.end {
                break;
            }
            if bytes[j] == b' '
                && starts_sentence(&text[j..para.end])
                && !(c == b'.' && is_abbreviation(&text[start..i]))
            {
                push_trimmed(text, start, j, out);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, para.end, out);
}

fn closing_len(s: &str) -> Option<usize> {
    let c = s.chars().next()?;
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
    )
    .then(|| c.len_utf8())
}

fn starts_sentence(rest: &str) -> bool {
    let rest = rest.trim_start();
    match rest.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\u{201c}' | '\'' | '(' | '\u{2018}')
        }
        None => false,
    }
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if lower.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "John F. Kennedy"
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let mut doc = Document {
            text: text.to_string(),
            ..Default::default()
        };
        annotate(&mut doc);
        doc.ann
            .sentences
            .iter()
            .map(|s| doc.slice(*s).to_string())
            .collect()
    }

    #[test]
    fn splits_on_stops_and_keeps_quotes() {
        let s = sentences(
            "\"We will hold,\" he said. Gen. Ivanov left at 9 a.m. on Monday. Was it over? No.",
        );
        assert_eq!(
            s,
            vec![
                "\"We will hold,\" he said.",
                "Gen. Ivanov left at 9 a.m. on Monday.",
                "Was it over?",
                "No."
            ]
        );
    }

    #[test]
    fn paragraphs_bound_sentences() {
        let s = sentences("First line without stop\n\nSecond one. Third one.");
        assert_eq!(
            s,
            vec!["First line without stop", "Second one.", "Third one."]
        );
    }

    #[test]
    fn quoted_sentence_end() {
        let s = sentences("He said it was \"nonsense.\" The army denied it.");
        assert_eq!(
            s,
            vec!["He said it was \"nonsense.\"", "The army denied it."]
        );
    }

    #[test]
    fn initials_and_us() {
        let s = sentences("The U.S. envoy met John F. Kennedy. Then he left.");
        assert_eq!(
            s,
            vec!["The U.S. envoy met John F. Kennedy.", "Then he left."]
        );
    }
}
