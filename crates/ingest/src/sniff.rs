//! Telling what an input is from its content: binary or text, and which format.

use truce_document::Format;

/// How many leading bytes the binary check looks at.
const SNIFF_LEN: usize = 64 * 1024;

/// Recognised binary formats by their magic bytes, with a name for messages.
const MAGIC: &[(&[u8], &str)] = &[
    (
        b"%PDF-",
        "a PDF document: extract its text first, e.g. with pdftotext",
    ),
    (
        b"PK\x03\x04",
        "a zip archive, or a .docx/.xlsx/.odt document",
    ),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh", "a bzip2 archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office document",
    ),
    (b"SQLite format 3\x00", "an SQLite database"),
];

/// Byte-order marks; text that starts with one is never binary-checked on raw bytes.
const BOMS: &[&[u8]] = &[b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"];

/// `Some(description)` when the bytes are not text. NUL bytes or more than
/// 10% control characters in the first 64 KiB mean binary; UTF-16 (with a
/// BOM, or recognisable by its zero bytes) is text.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<Option<&'static str>> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(Some(what));
        }
    }
    if BOMS.iter().any(|b| bytes.starts_with(b)) || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if memchr::memchr(0, sample).is_some() {
        return Some(None);
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b))
        .count();
    if controls * 10 > sample.len() {
        return Some(None);
    }
    None
}

/// Recognise BOM-less UTF-16 by the zero high bytes of ASCII characters:
/// `Some(true)` little-endian, `Some(false)` big-endian.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0, 0);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 && pair[1] != 0 {
            even_zero += 1;
        }
        if pair[1] == 0 && pair[0] != 0 {
            odd_zero += 1;
        }
    }
    // Nearly every character ASCII-range, and zeros only on one side.
    if odd_zero * 10 >= pairs * 9 && even_zero == 0 {
        Some(true)
    } else if even_zero * 10 >= pairs * 9 && odd_zero == 0 {
        Some(false)
    } else {
        None
    }
}

/// What the decoded content is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detected {
    /// One of the readable formats.
    Format(Format),
    /// XML whose root is not a feed (the root's name).
    OtherXml(String),
}

/// Detect the format from the decoded text; `ext` (lower-case extension,
/// after any `.gz`) only decides between text and an HTML fragment.
pub(crate) fn detect_format(text: &str, ext: &str) -> Detected {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.starts_with('<') {
        let prolog = read_prolog(t);
        return match prolog.root.as_deref() {
            Some("rss") | Some("rdf:rdf") | Some("rdf") => Detected::Format(Format::Rss),
            Some("feed") => Detected::Format(Format::Atom),
            Some(root) if prolog.html_doctype || is_html_tag(root) => {
                Detected::Format(Format::Html)
            }
            Some(root) if prolog.xml_decl => Detected::OtherXml(root.to_string()),
            _ if looks_like_html(prefix(t, 64 * 1024)) => Detected::Format(Format::Html),
            _ => Detected::Format(Format::Text),
        };
    }
    if t.starts_with('{') || t.starts_with('[') {
        let first_line = t.lines().next().unwrap_or("");
        let is_record = |s: &str| {
            serde_json::from_str::<serde_json::Value>(s)
                .map(|v| v.is_object() || v.is_array())
                .unwrap_or(false)
        };
        if is_record(first_line) || is_record(t) {
            return Detected::Format(Format::Jsonl);
        }
    }
    let head = prefix(t, 2048).to_ascii_lowercase();
    if head.contains("<!doctype html") || head.contains("<html") {
        return Detected::Format(Format::Html);
    }
    if matches!(ext, "html" | "htm" | "xhtml" | "shtml") && looks_like_html(prefix(t, 64 * 1024)) {
        return Detected::Format(Format::Html);
    }
    Detected::Format(Format::Text)
}

/// The first `n` bytes of `s`, cut back to a char boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[derive(Debug, Default)]
struct Prolog {
    xml_decl: bool,
    html_doctype: bool,
    root: Option<String>,
}

/// Skip the XML declaration, comments, processing instructions and the
/// doctype to find the root element's (lower-case, qualified) name.
fn read_prolog(text: &str) -> Prolog {
    let mut p = Prolog::default();
    let mut rest = text;
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            if r.starts_with("xml ") || r.starts_with("xml\t") || r.starts_with("xml?") {
                p.xml_decl = true;
            }
            rest = r.find("?>").map(|i| &r[i + 2..]).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map(|i| &r[i + 3..]).unwrap_or("");
        } else if rest
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case("<!doctype"))
        {
            let r = rest.get(9..).unwrap_or("");
            // An internal subset (`[ <!ENTITY ...> ]`) has `>` of its own.
            let end = match (r.find('['), r.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    r.find("]>").map_or(r.len(), |i| i + 1)
                }
                (_, close) => close.unwrap_or(r.len()),
            };
            p.html_doctype = r[..end]
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("html");
            rest = r.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix('<') {
            let name: String = r
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            if !name.is_empty() {
                p.root = Some(name.to_ascii_lowercase());
            }
            break;
        } else {
            break;
        }
    }
    p
}

/// Element names that only occur in HTML (not in feeds or other XML).
const HTML_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "p",
    "br",
    "div",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "table",
    "tr",
    "td",
    "blockquote",
    "figure",
    "figcaption",
    "article",
    "section",
    "header",
    "footer",
    "nav",
    "main",
    "meta",
    "title",
    "script",
    "style",
    "iframe",
    "hr",
    "pre",
    "small",
    "sup",
    "sub",
    "u",
    "cite",
    "q",
];

fn is_html_tag(name: &str) -> bool {
    HTML_TAGS.contains(&name)
}

/// True when the text contains HTML tags (`<p>`, `</a>`, `<br/>`...), not
/// just angle brackets ("fewer than <10 casualties").
pub(crate) fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[from..]) {
        let at = from + i + 1;
        from = at;
        let rest = &bytes[at..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || name_len > 10 {
            continue;
        }
        let next = rest.get(name_len).copied();
        if !matches!(
            next,
            Some(b'>') | Some(b' ') | Some(b'/') | Some(b'\n') | Some(b'\t') | Some(b'\r')
        ) {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        if is_html_tag(&name) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_recognised() {
        assert_eq!(binary_kind(b"hello\0world"), Some(None));
        assert!(matches!(binary_kind(b"%PDF-1.7\n..."), Some(Some(w)) if w.contains("PDF")));
        let noisy: Vec<u8> = (0..1000u32).map(|i| (i % 31) as u8 + 1).collect();
        assert_eq!(binary_kind(&noisy), Some(None));
    }

    #[test]
    fn text_with_form_feeds_and_utf16_is_not_binary() {
        assert_eq!(binary_kind(b"page one\x0cpage two\r\n"), None);
        let utf16: Vec<u8> = "ceasefire holds"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(binary_kind(&utf16), None);
        assert_eq!(utf16_without_bom(&utf16), Some(true));
        let be: Vec<u8> = "ceasefire holds"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(utf16_without_bom(&be), Some(false));
    }

    #[test]
    fn formats_are_detected_from_content_not_extension() {
        let f = |s: &str, ext: &str| detect_format(s, ext);
        assert_eq!(
            f(
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
                "txt"
            ),
            Detected::Format(Format::Rss)
        );
        assert_eq!(
            f(
                "<?xml version='1.0'?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
                ""
            ),
            Detected::Format(Format::Atom)
        );
        assert_eq!(
            f("<rdf:RDF xmlns:rdf=\"x\"><channel/></rdf:RDF>", "xml"),
            Detected::Format(Format::Rss)
        );
        assert_eq!(
            f("<!DOCTYPE html>\n<html><body>x</body></html>", "xml"),
            Detected::Format(Format::Html)
        );
        assert_eq!(
            f("<?xml version=\"1.0\"?><!DOCTYPE html><html/>", ""),
            Detected::Format(Format::Html)
        );
        assert_eq!(
            f(
                "<?xml version=\"1.0\"?><!DOCTYPE rss [ <!ENTITY nbsp \"&#160;\"> ]><rss/>",
                ""
            ),
            Detected::Format(Format::Rss)
        );
        assert_eq!(f("<p>fragment</p>", "txt"), Detected::Format(Format::Html));
        assert_eq!(
            f("{\"text\": \"a\"}\n{\"text\": \"b\"}\n", "txt"),
            Detected::Format(Format::Jsonl)
        );
        assert_eq!(
            f("KYIV - Shelling resumed.\n", "html"),
            Detected::Format(Format::Text)
        );
        assert_eq!(
            f("Shelling <b>resumed</b>.\n", "html"),
            Detected::Format(Format::Html)
        );
        assert_eq!(
            f("Shelling <b>resumed</b>.\n", "txt"),
            Detected::Format(Format::Text)
        );
        assert_eq!(
            f("<?xml version=\"1.0\"?><kml><x/></kml>", "xml"),
            Detected::OtherXml("kml".into())
        );
        assert_eq!(f("{not json at all", "txt"), Detected::Format(Format::Text));
        assert_eq!(
            f("<<< URGENT >>> truce broken", "txt"),
            Detected::Format(Format::Text)
        );
    }

    #[test]
    fn html_needs_real_tags() {
        assert!(looks_like_html("a <p>b</p>"));
        assert!(looks_like_html("line<br/>next"));
        assert!(looks_like_html("<A HREF=\"x\">"));
        assert!(!looks_like_html("fewer than <10 dead, >5 hurt"));
        assert!(!looks_like_html("a <truce> held"));
    }
}
