//! A small lexer for the date and figure scanners.
//!
//! Words keep internal hyphens and apostrophes ("twenty-five", "S-300",
//! "Ta'ang"), numbers keep thousands separators, decimals, slashes and
//! dashes between digits ("1,200", "2.5", "12/10/2020", "2020-10-12") and a
//! trailing plus ("10+"). Lower-casing is ASCII-only so that byte offsets
//! of the lower-cased copy equal those of the text.

use truce_document::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (possibly with digits, hyphens, apostrophes).
    Word,
    /// Starts with a digit and holds no letters.
    Number,
    /// Quotes, hashes and asterisks: skipped by the matchers.
    Quote,
    /// Any other punctuation character.
    Punct,
    /// A paragraph break (a blank line): a hard boundary.
    Break,
}

/// One token: a byte span and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte span in the text.
    pub span: Span,
    /// Kind.
    pub kind: TokKind,
}

/// A tokenised text with an ASCII-lower-cased copy for matching.
#[derive(Debug, Clone)]
pub struct Lexed<'a> {
    /// The original text.
    pub text: &'a str,
    lower: String,
    /// Tokens in order.
    pub toks: Vec<Tok>,
}

impl<'a> Lexed<'a> {
    /// Tokenise `text`.
    pub fn new(text: &'a str) -> Self {
        Lexed {
            text,
            lower: text.to_ascii_lowercase(),
            toks: lex(text),
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The whole text with ASCII letters lower-cased (same byte offsets).
    pub fn lower_text(&self) -> &str {
        &self.lower
    }

    /// The lower-cased text of token `i` ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.lower.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    /// The original text of token `i` ("" past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    /// The kind of token `i`, `None` past the end.
    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// True when token `i` is a word (or number) equal to `w` (lower case).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.lower(i) == w
    }

    /// The lower-cased word without a possessive "'s" / "’s" or a trailing apostrophe.
    pub fn stem(&self, i: usize) -> &str {
        let w = self.lower(i);
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if let Some(s) = w.strip_suffix(suffix) {
                return s;
            }
        }
        w
    }

    /// True when token `i` starts with an upper-case letter in the original text.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The next token index at or after `i` that is not a quote mark.
    pub fn skip_quotes(&self, mut i: usize) -> usize {
        while self.kind(i) == Some(TokKind::Quote) {
            i += 1;
        }
        i
    }

    /// The previous token index before `i` that is not a quote mark.
    pub fn prev_non_quote(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j > 0 {
            j -= 1;
            if self.kind(j) != Some(TokKind::Quote) {
                return Some(j);
            }
        }
        None
    }

    /// True when token `i` ends a sentence or clause hard: `. ! ? ;`,
    /// a paragraph break, or a vertical bar (headline separators).
    pub fn is_hard_stop(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(TokKind::Break) => true,
            Some(TokKind::Punct) => matches!(self.raw(i), "." | "!" | "?" | ";" | "|"),
            _ => false,
        }
    }

    /// The span from token `a` to token `b` inclusive.
    pub fn span(&self, a: usize, b: usize) -> Span {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => Span::new(x.span.start, y.span.end.max(x.span.start)),
            _ => Span::default(),
        }
    }

    /// The index of the first token starting at or after byte `pos`.
    pub fn index_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < pos)
    }
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{00ab}'
            | '\u{00bb}'
            | '#'
            | '*'
    )
}

fn is_connector(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}')
}

/// The character at byte `i` and its length (ASCII fast path).
#[inline]
fn char_at(text: &str, bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

use crate::chars::{is_alphabetic, is_alphanumeric as is_alnum};

/// Split text into tokens.
fn lex(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut newlines = 0usize;
    let mut newline_at = 0usize;
    while let Some((c, n)) = char_at(text, bytes, i) {
        if c.is_whitespace() {
            if c == '\n' {
                if newlines == 0 {
                    newline_at = i;
                }
                newlines += 1;
                if newlines == 2 {
                    toks.push(Tok {
                        span: Span::new(newline_at, i + 1),
                        kind: TokKind::Break,
                    });
                }
            }
            i += n;
            continue;
        }
        newlines = 0;
        if !is_alnum(c) {
            toks.push(Tok {
                span: Span::new(i, i + n),
                kind: if is_quote(c) {
                    TokKind::Quote
                } else {
                    TokKind::Punct
                },
            });
            i += n;
            continue;
        }
        let start = i;
        let mut end = i + n;
        let mut has_letter = !c.is_ascii_digit();
        let mut prev = c;
        let mut has_dot = false;
        loop {
            // Fast path: a run of ASCII letters and digits.
            while let Some(&b) = bytes.get(end) {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                has_letter |= b.is_ascii_alphabetic();
                end += 1;
            }
            if end > start {
                if let Some(&b) = bytes.get(end - 1) {
                    if b < 0x80 {
                        prev = b as char;
                    }
                }
            }
            let Some((d, dn)) = char_at(text, bytes, end) else {
                break;
            };
            let take = if is_alnum(d) {
                true
            } else {
                let next = char_at(text, bytes, end + dn).map(|x| x.0);
                if is_connector(d) {
                    is_alnum(prev) && next.is_some_and(is_alnum)
                } else if matches!(d, ',' | '.' | '/' | ':') && prev.is_ascii_digit() {
                    // 1,200 / 2.5 / 12/10/2020 / 9:30, but not "5, 6" or "in 2020."
                    next.is_some_and(|x| x.is_ascii_digit())
                        && (d != ',' || thousands_group(bytes, end + 1))
                } else if d == '.' && is_alphabetic(prev) {
                    // "a.m." / "U.S.": single letters separated by dots.
                    next.is_some_and(is_alphabetic) && single_letter_run(text, start, end)
                } else {
                    d == '+' && prev.is_ascii_digit()
                }
            };
            if !take {
                break;
            }
            if d == '.' {
                has_dot = true;
            }
            if !has_letter && !d.is_ascii_digit() && is_alphabetic(d) {
                has_letter = true;
            }
            prev = d;
            end += dn;
        }
        // Absorb the final dot of "a.m." / "U.S.".
        if has_dot
            && has_letter
            && bytes.get(end) == Some(&b'.')
            && single_letter_run(text, start, end)
        {
            end += 1;
        }
        toks.push(Tok {
            span: Span::new(start, end),
            kind: if has_letter {
                TokKind::Word
            } else {
                TokKind::Number
            },
        });
        i = end;
    }
    toks
}

/// True when exactly three digits start at `at` and no fourth follows.
fn thousands_group(bytes: &[u8], at: usize) -> bool {
    bytes.len() >= at + 3
        && bytes[at..at + 3].iter().all(u8::is_ascii_digit)
        && bytes.get(at + 3).is_none_or(|b| !b.is_ascii_digit())
}

/// True when `text[start..end]` is single letters separated by dots ("a.m", "u.s").
fn single_letter_run(text: &str, start: usize, end: usize) -> bool {
    text[start..end]
        .split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let l = Lexed::new(text);
        (0..l.len()).map(|i| l.raw(i).to_string()).collect()
    }

    #[test]
    fn keeps_numbers_and_compounds_whole() {
        assert_eq!(
            words("About 1,200 S-300 launchers, twenty-five men; 2.5 million at 9 a.m. on 12/10/2020."),
            vec![
                "About", "1,200", "S-300", "launchers", ",", "twenty-five", "men", ";", "2.5", "million", "at", "9",
                "a.m.", "on", "12/10/2020", "."
            ]
        );
    }

    #[test]
    fn splits_lists_and_sentence_ends() {
        assert_eq!(
            words("5, 6 and 7 in 2020."),
            vec!["5", ",", "6", "and", "7", "in", "2020", "."]
        );
        assert_eq!(
            words("Kyrgyzstan's 10+ dead"),
            vec!["Kyrgyzstan's", "10+", "dead"]
        );
        assert_eq!(
            words("“at least” six"),
            vec!["“", "at", "least", "”", "six"]
        );
    }

    #[test]
    fn blank_lines_are_breaks() {
        let l = Lexed::new("Bomb kills 12\n\nTwo dead\nthree");
        let kinds: Vec<_> = l.toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == TokKind::Break).count(), 1);
        assert!(l.is_hard_stop(3));
    }

    #[test]
    fn lower_and_stem() {
        let l = Lexed::new("Friday's SEVEN Villagers’");
        assert_eq!(l.stem(0), "friday");
        assert_eq!(l.lower(1), "seven");
        assert_eq!(l.stem(2), "villagers");
        assert!(l.is_capitalised(2));
    }
}
