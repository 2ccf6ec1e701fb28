//! The place matcher's own tokens: words with their key hash, case and the
//! separator before them, so that n-grams can be hashed incrementally and
//! names can run across hyphens ("Nagorno-Karabakh", also when a PDF line
//! break split it: "Nagorno-\nKarabakh") but not across commas or
//! sentence ends.

use crate::chars::{is_alphabetic, is_alphanumeric};
use crate::gazetteer::{is_apostrophe, normalize_into, KeyHash};

/// Letter case of a word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "village", "al"
    Lower,
    /// "Barda", "McAllister"
    Title,
    /// "KYIV", "OSCE"
    Upper,
    /// Digits or other scripts without case.
    Other,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// Start of text.
    Start,
    /// Spaces or tabs only.
    Space,
    /// A hyphen, possibly with a line break after it.
    Hyphen,
    /// A single line break (a new line of the same block).
    Newline,
    /// A blank line or more.
    Blank,
    /// A comma.
    Comma,
    /// A full stop (sentence end or an abbreviation such as "U.S.").
    Period,
    /// A slash ("YEREVAN/BAKU").
    Slash,
    /// Sentence-ending or clause punctuation: ! ? ; : and long dashes.
    Stop,
    /// Quotes, brackets and anything else.
    Other,
}

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte start in the text.
    pub start: usize,
    /// Byte end (a possessive "'s" is not included).
    pub end: usize,
    /// Key range in [`Tokens::keys`].
    pub kstart: u32,
    /// Key range end.
    pub kend: u32,
    /// Hash of the key alone.
    pub hash: u64,
    /// Letter case.
    pub case: Case,
    /// Followed by "'s" / "’s".
    pub possessive: bool,
    /// Separator before the token.
    pub sep: Sep,
    /// Number of letters.
    pub letters: u16,
}

/// The tokens of a text plus their keys.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Tokens in text order.
    pub toks: Vec<Tok>,
    /// Concatenated keys.
    pub keys: String,
}

impl Tokens {
    /// The key (normalised form) of token `i`.
    pub fn key(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.keys[t.kstart as usize..t.kend as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Hash of the n-gram `i..j` (keys joined by single spaces).
    pub fn ngram_hash(&self, i: usize, j: usize) -> u64 {
        let mut h = KeyHash::new();
        for k in i..j {
            if k > i {
                h.write(b" ");
            }
            h.write(self.key(k).as_bytes());
        }
        h.finish()
    }
}

/// Split `text` into word tokens.
pub fn tokenize(text: &str) -> Tokens {
    let mut out = Tokens {
        toks: Vec::with_capacity(text.len() / 5),
        keys: String::with_capacity(text.len()),
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut sep_start = 0;
    while i < text.len() {
        // ASCII punctuation and spaces between words: skip without decoding.
        if bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if !is_alphanumeric(c) {
            i += c.len_utf8();
            continue;
        }
        // A word starts at i: scan it.
        let start = i;
        let mut end = i;
        let mut possessive = false;
        let mut j = i;
        while j < text.len() {
            // ASCII letters and digits continue the word, other ASCII ends
            // it unless it is an apostrophe; anything else is decoded.
            let b = bytes[j];
            if b.is_ascii_alphanumeric() {
                j += 1;
                end = j;
                continue;
            }
            if b < 0x80 && b != b'\'' && b != b'`' {
                break;
            }
            let Some(ch) = text[j..].chars().next() else {
                break;
            };
            if is_alphanumeric(ch) {
                j += ch.len_utf8();
                end = j;
                continue;
            }
            if is_apostrophe(ch) {
                let after = j + ch.len_utf8();
                let next = text[after..].chars().next();
                if let Some(n) = next {
                    if n == 's' || n == 'S' {
                        let after_s = after + 1;
                        let boundary = text[after_s..]
                            .chars()
                            .next()
                            .is_none_or(|x| !is_alphanumeric(x));
                        if boundary {
                            possessive = true;
                            j = after_s;
                            break;
                        }
                    }
                    if is_alphabetic(n) && end > start {
                        j = after;
                        continue;
                    }
                }
            }
            break;
        }
        let sep = classify_sep(&text[sep_start..start], out.toks.is_empty());
        let word = &text[start..end];
        let kstart = out.keys.len() as u32;
        normalize_into(word, &mut out.keys);
        let kend = out.keys.len() as u32;
        let key = &out.keys[kstart as usize..kend as usize];
        let mut h = KeyHash::new();
        h.write(key.as_bytes());
        let (case, letters) = word_case(word);
        out.toks.push(Tok {
            start,
            end,
            kstart,
            kend,
            hash: h.finish(),
            case,
            possessive,
            sep,
            letters,
        });
        sep_start = j.max(end);
        i = j.max(end);
    }
    out
}

fn word_case(word: &str) -> (Case, u16) {
    let mut letters = 0u16;
    let mut upper = 0u16;
    let mut first_upper = None;
    for ch in word.chars() {
        if is_alphabetic(ch) {
            letters = letters.saturating_add(1);
            if ch.is_uppercase() {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(ch.is_uppercase());
            }
        } else if first_upper.is_none() && ch.is_numeric() {
            return (Case::Other, letters);
        }
    }
    let case = match first_upper {
        None => Case::Other,
        Some(false) => {
            if word.chars().next().is_some_and(|c| c.is_lowercase()) {
                Case::Lower
            } else {
                Case::Other
            }
        }
        Some(true) if upper == letters && letters >= 2 => Case::Upper,
        Some(true) => Case::Title,
    };
    (case, letters)
}

fn classify_sep(between: &str, first: bool) -> Sep {
    if first {
        return Sep::Start;
    }
    if between == " " {
        return Sep::Space;
    }
    let newlines = between.matches('\n').count();
    let trimmed: &str = between.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return match newlines {
            0 => Sep::Space,
            1 => Sep::Newline,
            _ => Sep::Blank,
        };
    }
    if newlines >= 2 {
        return Sep::Blank;
    }
    // A hyphen directly between words, or before a line break ("Nagorno-\nKarabakh").
    if (trimmed == "-" || trimmed == "\u{2010}" || trimmed == "\u{2011}")
        && !between.starts_with(' ')
    {
        let after = &between[between.find(trimmed).map_or(0, |p| p + trimmed.len())..];
        if after.is_empty() || after.chars().all(|c| c == '\n' || c == '\r') {
            return Sep::Hyphen;
        }
    }
    if trimmed.chars().all(|c| c == '.') && trimmed.len() == 1 {
        return Sep::Period;
    }
    match trimmed.chars().next() {
        Some(',') => Sep::Comma,
        Some('.') => Sep::Period,
        Some('/') => Sep::Slash,
        Some('!' | '?' | ';' | ':' | '\u{2013}' | '\u{2014}' | '-') => Sep::Stop,
        Some('&') if trimmed == "&" => Sep::Space,
        _ => {
            if trimmed.contains(['.', '!', '?']) {
                Sep::Period
            } else {
                Sep::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokens) -> Vec<String> {
        (0..t.len()).map(|i| t.key(i).to_string()).collect()
    }

    #[test]
    fn possessives_apostrophes_and_hyphens() {
        let t = tokenize("Ukraine's Mar'yinka, Nagorno-\nKarabakh and pro-Ankara");
        assert_eq!(
            words(&t),
            vec!["ukraine", "maryinka", "nagorno", "karabakh", "and", "pro", "ankara"]
        );
        assert!(t.toks[0].possessive);
        assert_eq!(t.toks[1].sep, Sep::Space);
        assert_eq!(t.toks[2].sep, Sep::Comma);
        assert_eq!(t.toks[3].sep, Sep::Hyphen);
        assert_eq!(t.toks[6].sep, Sep::Hyphen);
        assert_eq!(t.toks[0].case, Case::Title);
    }

    #[test]
    fn cases_and_breaks() {
        let t = tokenize("KYIV - Army\n\nU.S. forces");
        assert_eq!(t.toks[0].case, Case::Upper);
        assert_eq!(t.toks[1].sep, Sep::Stop);
        assert_eq!(t.toks[2].sep, Sep::Blank);
        assert_eq!(t.toks[3].sep, Sep::Period);
        assert_eq!(t.toks[4].case, Case::Lower);
        assert_eq!(t.ngram_hash(2, 4), crate::gazetteer::key_hash("u s"));
    }
}
