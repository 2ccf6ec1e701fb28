//! The stop-gap for HTML when the main-content extractor (`html`) returns
//! nothing: the page's visible text, block elements as paragraphs. It keeps
//! navigation and footers; it exists so an HTML input never comes out empty.

use crate::lines::is_blank_char;
use truce_document::{OffsetMap, TextBuilder};

/// Elements whose content is never visible text.
const HIDDEN: &[&str] = &[
    "script", "style", "head", "noscript", "template", "svg", "iframe",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "main",
    "form",
    "hr",
    "dd",
    "dt",
    "pre",
    "address",
    "time",
];

/// Text of an HTML page or fragment: paragraphs separated by a blank line.
pub(crate) fn visible_text(html: &str) -> (String, OffsetMap) {
    let bytes = html.as_bytes();
    let mut out = TextBuilder::with_capacity(html.len() / 2);
    let mut pos = 0;
    let mut need_break = false;
    let mut need_space = false;
    while pos < bytes.len() {
        if bytes[pos] == b'<' {
            if html[pos..].starts_with("<!--") {
                pos = html[pos..].find("-->").map_or(bytes.len(), |k| pos + k + 3);
                continue;
            }
            let close = memchr::memchr(b'>', &bytes[pos..]).map_or(bytes.len(), |k| pos + k + 1);
            let tag = &html[pos + 1..close.saturating_sub(1).max(pos + 1)];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .flat_map(|c| c.to_lowercase())
                .collect();
            let opening = !tag.starts_with('/') && !tag.ends_with('/');
            if opening && HIDDEN.contains(&name.as_str()) {
                let end_tag = format!("</{name}");
                let rest = &html[close..];
                pos = find_ci(rest, &end_tag).map_or(bytes.len(), |k| {
                    let after = close + k;
                    memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |m| after + m + 1)
                });
                continue;
            }
            if BLOCKS.contains(&name.as_str()) {
                need_break = true;
            }
            pos = close;
            continue;
        }
        let next = memchr::memchr(b'<', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        push_text(&mut out, html, pos, next, &mut need_break, &mut need_space);
        pos = next;
    }
    out.trim_end();
    out.finish()
}

/// Copy a stretch of character data, decoding entities and folding blanks.
fn push_text(
    out: &mut TextBuilder,
    html: &str,
    start: usize,
    end: usize,
    need_break: &mut bool,
    need_space: &mut bool,
) {
    let s = &html[start..end];
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if is_blank_char(c) {
            *need_space = true;
            i += len;
            continue;
        }
        let (piece, used, verbatim) = if c == '&' {
            match decode_entity(&s[i..]) {
                Some((decoded, used)) => (decoded, used, false),
                None => ("&".to_string(), 1, true),
            }
        } else {
            (c.to_string(), len, true)
        };
        if piece.chars().all(is_blank_char) {
            *need_space = true;
            i += used;
            continue;
        }
        if !out.is_empty() {
            if *need_break {
                out.trim_end();
                out.push_synthetic("\n\n", start + i);
            } else if *need_space {
                out.push_synthetic(" ", start + i);
            }
        }
        *need_break = false;
        *need_space = false;
        if verbatim {
            out.push_raw(&s[i..i + used], start + i);
        } else {
            out.push_synthetic(&piece, start + i);
        }
        i += used;
    }
}

/// Decode the entity at the start of `s`; returns the text and bytes used.
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..semi];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => " ",
            "mdash" => "—",
            "ndash" => "–",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "hellip" => "…",
            "middot" => "·",
            "bull" => "•",
            "rsaquo" => "›",
            "lsaquo" => "‹",
            "raquo" => "»",
            "laquo" => "«",
            "copy" => "©",
            "eacute" => "é",
            _ => return None,
        }
        .to_string()
    };
    Some((text, semi + 1))
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_keeps_blocks_apart_and_hides_scripts() {
        let html = "<html><head><title>T</title></head><body><script>var x=1;</script>\
                    <p>One &amp; two</p><p>Three<br>four &#8212; five</p></body></html>";
        let (text, map) = visible_text(html);
        assert_eq!(text, "One & two\n\nThree\n\nfour — five");
        let at = text.find("Three").unwrap();
        assert_eq!(&html[map.to_raw(at)..map.to_raw(at) + 5], "Three");
    }

    #[test]
    fn comments_and_unknown_entities_pass() {
        let (text, _) = visible_text("<!-- x --><p>a &bogus; b</p>");
        assert_eq!(text, "a &bogus; b");
    }
}
