//! A small word tokenizer: runs of letters/digits are words, every other
//! non-space character is its own token. Spans are byte offsets.

use truce_document::Span;

/// One token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token text.
    pub text: &'a str,
    /// Byte span in the document text.
    pub span: Span,
}

impl<'a> Token<'a> {
    /// True for a word (letters or digits).
    pub fn is_word(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(crate::chars::is_alphanumeric)
    }

    /// True when the first character is upper case.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// True when the token is all upper case letters (acronyms, shouting headlines).
    pub fn is_all_caps(&self) -> bool {
        self.text.chars().any(crate::chars::is_alphabetic)
            && !self.text.chars().any(|c| c.is_lowercase())
    }
}

/// Tokenize `text[span]`, offsets relative to the whole text.
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let piece = &text[span.start..span.end];
    let mut out = Vec::with_capacity(piece.len() / 4);
    let mut word_start: Option<usize> = None;
    for (i, c) in piece.char_indices() {
        let is_word_char = crate::chars::is_alphanumeric(c);
        match (is_word_char, word_start) {
            (true, None) => word_start = Some(i),
            (true, Some(_)) => {}
            (false, Some(s)) => {
                out.push(make(text, span.start + s, span.start + i));
                word_start = None;
            }
            (false, None) => {}
        }
        if !is_word_char && !c.is_whitespace() {
            out.push(make(text, span.start + i, span.start + i + c.len_utf8()));
        }
    }
    if let Some(s) = word_start {
        out.push(make(text, span.start + s, span.end));
    }
    out
}

/// The tokens of `toks` (in text order) that lie inside `span`: a
/// document is tokenised once and stages read their sentences from it.
pub fn within<'t, 'a>(toks: &'t [Token<'a>], span: Span) -> &'t [Token<'a>] {
    let a = toks.partition_point(|t| t.span.start < span.start);
    let b = a + toks[a..].partition_point(|t| t.span.end <= span.end);
    &toks[a..b]
}

fn make(text: &str, start: usize, end: usize) -> Token<'_> {
    Token {
        text: &text[start..end],
        span: Span::new(start, end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation() {
        let text = "Russia's pro-Ankara T-72, 1,200.";
        let toks: Vec<&str> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            vec![
                "Russia", "'", "s", "pro", "-", "Ankara", "T", "-", "72", ",", "1", ",", "200", "."
            ]
        );
    }
}
