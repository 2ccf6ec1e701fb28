//! A forgiving HTML tokenizer that reports byte ranges into the source.
//!
//! It does not allocate per token: names, attribute values and text are
//! ranges of the input, so later stages can map cleaned text back to the
//! page byte for byte. Raw-text elements (`<script>`, `<style>`, ...) are
//! skipped to their matching end tag as one token.

use memchr::{memchr, memmem};
use std::ops::Range;

/// One attribute of a start tag, as ranges of the source.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// The attribute name (not lower-cased).
    pub name: Range<usize>,
    /// The raw value (character references not decoded); empty when absent.
    pub value: Range<usize>,
}

/// A token of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// `<name ...>`: attributes are `attrs[attrs_start..]` of the tokenizer's buffer.
    Start {
        /// Tag name range.
        name: Range<usize>,
        /// Whether the tag ended with `/>`.
        self_closing: bool,
        /// The whole tag, `<` to `>`.
        span: Range<usize>,
    },
    /// `</name>`.
    End {
        /// Tag name range.
        name: Range<usize>,
        /// The whole tag, `<` to `>`.
        span: Range<usize>,
    },
    /// Character data (references not decoded).
    Text(Range<usize>),
    /// The content of a raw-text element (`<script>`, `<style>`, `<title>`, ...).
    RawText(Range<usize>),
    /// A comment, doctype, processing instruction or CDATA section.
    Other,
}

/// Elements whose content is not markup.
pub(crate) fn is_raw_text_element(lower_name: &[u8]) -> bool {
    matches!(
        lower_name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"template"
    )
}

/// Tokenizer state over one source string.
pub(crate) struct Tokenizer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Attributes of the last start tag.
    pub attrs: Vec<Attr>,
    /// Set after a raw-text start tag: the end tag to look for.
    pending_raw: Option<Range<usize>>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `src`.
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src: src.as_bytes(),
            pos: 0,
            attrs: Vec::with_capacity(16),
            pending_raw: None,
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Token> {
        if let Some(name) = self.pending_raw.take() {
            return Some(self.raw_text(name));
        }
        let src = self.src;
        if self.pos >= src.len() {
            return None;
        }
        if src[self.pos] != b'<' {
            let start = self.pos;
            let end = memchr(b'<', &src[start..]).map_or(src.len(), |i| start + i);
            self.pos = end;
            return Some(Token::Text(start..end));
        }
        let start = self.pos;
        match src.get(start + 1).copied() {
            Some(b'!') => {
                self.markup_declaration(start);
                Some(Token::Other)
            }
            Some(b'?') => {
                self.skip_past(b'>', start + 2);
                Some(Token::Other)
            }
            Some(b'/') => match src.get(start + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => Some(self.end_tag(start)),
                Some(b'>') => {
                    self.pos = start + 3;
                    Some(Token::Other)
                }
                None => {
                    self.pos = src.len();
                    Some(Token::Text(start..src.len()))
                }
                _ => {
                    self.skip_past(b'>', start + 2);
                    Some(Token::Other)
                }
            },
            Some(c) if c.is_ascii_alphabetic() => Some(self.start_tag(start)),
            _ => {
                // A lone '<' is text; take it and the text after it.
                let end = memchr(b'<', &src[start + 1..]).map_or(src.len(), |i| start + 1 + i);
                self.pos = end;
                Some(Token::Text(start..end))
            }
        }
    }

    fn skip_past(&mut self, byte: u8, from: usize) {
        let from = from.min(self.src.len());
        self.pos = memchr(byte, &self.src[from..]).map_or(self.src.len(), |i| from + i + 1);
    }

    fn markup_declaration(&mut self, start: usize) {
        let rest = &self.src[start..];
        if rest.starts_with(b"<!--") {
            let body = start + 4;
            // "<!-->" and "<!--->" are complete (empty) comments.
            if self.src[body..].starts_with(b">") {
                self.pos = body + 1;
            } else if self.src[body..].starts_with(b"->") {
                self.pos = body + 2;
            } else {
                self.pos = memmem::find(&self.src[body..], b"-->")
                    .map_or(self.src.len(), |i| body + i + 3);
            }
        } else if rest.starts_with(b"<![CDATA[") {
            let body = start + 9;
            self.pos =
                memmem::find(&self.src[body..], b"]]>").map_or(self.src.len(), |i| body + i + 3);
        } else {
            self.skip_past(b'>', start + 2);
        }
    }

    fn name_end(&self, from: usize) -> usize {
        let mut i = from;
        while i < self.src.len() {
            let b = self.src[i];
            if is_space(b) || b == b'/' || b == b'>' {
                break;
            }
            i += 1;
        }
        i
    }

    fn end_tag(&mut self, start: usize) -> Token {
        let name_start = start + 2;
        let name_end = self.name_end(name_start);
        self.skip_past(b'>', name_end);
        Token::End {
            name: name_start..name_end,
            span: start..self.pos,
        }
    }

    fn start_tag(&mut self, start: usize) -> Token {
        let src = self.src;
        let name_start = start + 1;
        let name_end = self.name_end(name_start);
        self.attrs.clear();
        let mut i = name_end;
        let mut self_closing = false;
        loop {
            while i < src.len() && is_space(src[i]) {
                i += 1;
            }
            if i >= src.len() {
                break;
            }
            match src[i] {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if src.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // Attribute name: up to space, '/', '>' or '=' (a leading '=' belongs to the name).
            let an_start = i;
            i += 1;
            while i < src.len() {
                let b = src[i];
                if is_space(b) || b == b'/' || b == b'>' || b == b'=' {
                    break;
                }
                i += 1;
            }
            let an_end = i;
            let mut j = i;
            while j < src.len() && is_space(src[j]) {
                j += 1;
            }
            let mut value = i..i;
            if j < src.len() && src[j] == b'=' {
                j += 1;
                while j < src.len() && is_space(src[j]) {
                    j += 1;
                }
                match src.get(j).copied() {
                    Some(q @ (b'"' | b'\'')) => {
                        let vs = j + 1;
                        match memchr(q, &src[vs..]) {
                            Some(k) => {
                                value = vs..vs + k;
                                i = vs + k + 1;
                            }
                            None => {
                                // Unterminated quote: the tag runs to the end.
                                value = vs..src.len();
                                i = src.len();
                            }
                        }
                    }
                    Some(_) => {
                        let vs = j;
                        let mut k = j;
                        while k < src.len() && !is_space(src[k]) && src[k] != b'>' {
                            k += 1;
                        }
                        value = vs..k;
                        i = k;
                    }
                    None => i = j,
                }
            }
            self.attrs.push(Attr {
                name: an_start..an_end,
                value,
            });
        }
        self.pos = i;
        let name = name_start..name_end;
        let mut lower = [0u8; 10];
        let n = &src[name.clone()];
        if n.len() <= lower.len() {
            for (d, s) in lower.iter_mut().zip(n) {
                *d = s.to_ascii_lowercase();
            }
            if is_raw_text_element(&lower[..n.len()]) && !self_closing {
                self.pending_raw = Some(name.clone());
            }
        }
        Token::Start {
            name,
            self_closing,
            span: start..i,
        }
    }

    /// Content of a raw-text element up to `</name`; the end tag is left for the next call.
    fn raw_text(&mut self, name: Range<usize>) -> Token {
        let src = self.src;
        let name = &src[name];
        let start = self.pos;
        let mut i = start;
        while let Some(k) = memchr(b'<', &src[i..]) {
            let lt = i + k;
            let after = lt + 2;
            if src.get(lt + 1) == Some(&b'/')
                && src.len() >= after + name.len()
                && src[after..after + name.len()].eq_ignore_ascii_case(name)
                && src
                    .get(after + name.len())
                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                self.pos = lt;
                return Token::RawText(start..lt);
            }
            i = lt + 1;
        }
        self.pos = src.len();
        Token::RawText(start..src.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<(String, String)> {
        let mut t = Tokenizer::new(src);
        let mut out = Vec::new();
        while let Some(tok) = t.next_token() {
            out.push(match tok {
                Token::Start { name, .. } => {
                    let attrs: Vec<String> = t
                        .attrs
                        .iter()
                        .map(|a| format!("{}={}", &src[a.name.clone()], &src[a.value.clone()]))
                        .collect();
                    (
                        "start".into(),
                        format!("{} {}", &src[name], attrs.join(",")),
                    )
                }
                Token::End { name, .. } => ("end".into(), src[name].to_string()),
                Token::Text(r) => ("text".into(), src[r].to_string()),
                Token::RawText(r) => ("raw".into(), src[r].to_string()),
                Token::Other => ("other".into(), String::new()),
            });
        }
        out
    }

    #[test]
    fn tags_attributes_and_text() {
        let toks = tokens(r#"<p class="a b" id=x data-k='v' hidden>Hi &amp; bye</P>"#);
        assert_eq!(toks[0].1, "p class=a b,id=x,data-k=v,hidden=");
        assert_eq!(toks[1], ("text".into(), "Hi &amp; bye".into()));
        assert_eq!(toks[2], ("end".into(), "P".into()));
    }

    #[test]
    fn script_content_is_one_raw_token() {
        let toks = tokens("<script>if (a < b) { x = '</div>'; }</script><p>t</p>");
        assert_eq!(toks[1].0, "raw");
        assert_eq!(toks[1].1, "if (a < b) { x = '</div>'; }");
        assert_eq!(toks[2], ("end".into(), "script".into()));
        assert_eq!(toks[4], ("text".into(), "t".into()));
    }

    #[test]
    fn comments_and_doctype_are_skipped() {
        let toks = tokens("<!DOCTYPE html><!-- <p>no</p> --><p>yes</p><!--->x");
        let texts: Vec<&str> = toks
            .iter()
            .filter(|t| t.0 == "text")
            .map(|t| t.1.as_str())
            .collect();
        assert_eq!(texts, vec!["yes", "x"]);
    }

    #[test]
    fn broken_markup_never_panics() {
        for src in [
            "<",
            "</",
            "<a href=\"x",
            "<p a='",
            "<!--",
            "<script>never closed",
            "a < b",
            "<p/ /x>",
            "</ p>",
            "<![CDATA[",
            "<é>",
        ] {
            let _ = tokens(src);
        }
        assert_eq!(tokens("a < b")[0].1, "a ");
        assert_eq!(tokens("a < b")[1].1, "< b");
    }
}
