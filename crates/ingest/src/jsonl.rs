//! JSON Lines: one object per line with `text` and optional `id`, `title`,
//! `published`, `url`, `outlet`. A JSON array of such objects (or a
//! single object) is read the same way.

use crate::dates::parse_date;
use crate::sniff::looks_like_html;
use crate::BodyKind;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use truce_document::{Metadata, OffsetMap, TextBuilder};

/// One record.
#[derive(Debug)]
pub(crate) struct Record {
    /// `id`, or `None` to use `stem#line`.
    pub id: Option<String>,
    /// 1-based line (or array position) of the record.
    pub position: usize,
    /// Metadata fields.
    pub meta: Metadata,
    /// The unescaped `text`.
    pub body: String,
    /// `body` offsets to offsets of the decoded input.
    pub body_map: OffsetMap,
    /// HTML when `text` holds tags.
    pub body_kind: BodyKind,
}

/// A record that could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadRecord {
    /// 1-based line (or array position).
    pub position: usize,
    /// What is wrong.
    pub detail: String,
}

/// Everything read from one JSON Lines input.
#[derive(Debug, Default)]
pub(crate) struct Records {
    /// Readable records in order.
    pub records: Vec<Record>,
    /// Unreadable ones.
    pub bad: Vec<BadRecord>,
    /// Notes about fields that were ignored.
    pub warnings: Vec<String>,
    /// Whether positions are lines (JSON Lines) or array indexes.
    pub by_line: bool,
}

#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(borrow)]
    text: Option<&'a RawValue>,
    id: Option<Value>,
    title: Option<Value>,
    published: Option<Value>,
    url: Option<Value>,
    outlet: Option<Value>,
}

/// Read all records of a JSON Lines (or JSON array) text.
pub(crate) fn parse_records(text: &str) -> Records {
    let mut out = Records::default();
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    // A document spread over lines (an array, or one pretty-printed object)
    // parses whole; JSON Lines does not.
    if trimmed.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(trimmed) {
            for (i, item) in items.into_iter().enumerate() {
                let at = offset_of(text, item.get()).unwrap_or(lead);
                read_record(item.get(), at, i + 1, &mut out);
            }
            return out;
        }
    }
    if !trimmed.starts_with('[')
        && serde_json::from_str::<&RawValue>(trimmed).is_ok()
        && trimmed.trim_end().contains('\n')
    {
        read_record(trimmed.trim_end(), lead, 1, &mut out);
        return out;
    }
    out.by_line = true;
    let mut line_start = 0;
    for (n, line) in text.split('\n').enumerate() {
        let start = line_start;
        line_start += line.len() + 1;
        let body = line.trim_end_matches('\r');
        if body.trim().is_empty() {
            continue;
        }
        read_record(body, start, n + 1, &mut out);
    }
    out
}

/// Offset of a slice borrowed from `base`.
fn offset_of(base: &str, part: &str) -> Option<usize> {
    let b = base.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    (p >= b && p + part.len() <= b + base.len()).then(|| p - b)
}

fn read_record(json: &str, at: usize, position: usize, out: &mut Records) {
    let fields: Fields = match serde_json::from_str(json) {
        Ok(f) => f,
        Err(e) => {
            let detail = if json.trim_start().starts_with('{') {
                format!("invalid JSON: {e}")
            } else {
                "expected a JSON object with a \"text\" field".to_string()
            };
            out.bad.push(BadRecord { position, detail });
            return;
        }
    };
    let Some(raw_text) = fields.text else {
        out.bad.push(BadRecord {
            position,
            detail: "no \"text\" field".to_string(),
        });
        return;
    };
    let text_at = at + offset_of(json, raw_text.get()).unwrap_or(0);
    let Some((body, body_map)) = unescape_json_string(raw_text.get(), text_at) else {
        out.bad.push(BadRecord {
            position,
            detail: "\"text\" is not a string".to_string(),
        });
        return;
    };
    let string = |v: Option<Value>| match v {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let published_raw = string(fields.published);
    let published = published_raw.as_deref().and_then(parse_date);
    if let (Some(p), None) = (&published_raw, published) {
        out.warnings.push(format!(
            "record {position}: cannot read \"published\": {p:?} (expected YYYY-MM-DD or RFC 3339)"
        ));
    }
    let body_kind = if looks_like_html(&body) {
        BodyKind::Html
    } else {
        BodyKind::Text
    };
    out.records.push(Record {
        id: string(fields.id),
        position,
        meta: Metadata {
            title: string(fields.title),
            published,
            url: string(fields.url),
            outlet: string(fields.outlet),
        },
        body,
        body_map,
        body_kind,
    });
}

/// Unescape a JSON string literal (with its quotes) that starts at offset
/// `at`: plain runs map verbatim, escapes are synthetic pieces at their `\`.
fn unescape_json_string(literal: &str, at: usize) -> Option<(String, OffsetMap)> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let base = at + 1;
    let mut b = TextBuilder::with_capacity(inner.len());
    let bytes = inner.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        b.push_raw(&inner[run_start..i], base + run_start);
        let (decoded, len) = match bytes.get(i + 1)? {
            b'n' => ('\n', 2),
            b't' => ('\t', 2),
            b'r' => ('\r', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'/' => ('/', 2),
            b'\\' => ('\\', 2),
            b'"' => ('"', 2),
            b'u' => {
                let unit = |k: usize| u32::from_str_radix(inner.get(k..k + 4)?, 16).ok();
                let hi = unit(i + 2)?;
                if (0xd800..0xdc00).contains(&hi) && inner.get(i + 6..i + 8) == Some("\\u") {
                    let lo = unit(i + 8)?;
                    let c = 0x10000 + ((hi - 0xd800) << 10) + (lo.wrapping_sub(0xdc00) & 0x3ff);
                    (char::from_u32(c).unwrap_or('\u{fffd}'), 12)
                } else {
                    (char::from_u32(hi).unwrap_or('\u{fffd}'), 6)
                }
            }
            _ => return None,
        };
        b.push_synthetic(decoded.encode_utf8(&mut [0; 4]), base + i);
        i += len;
        run_start = i;
    }
    b.push_raw(&inner[run_start..], base + run_start);
    Some(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn lines_become_records_with_metadata() {
        let input = concat!(
            "{\"id\": \"a1\", \"text\": \"KYIV - Shelling \\\"resumed\\\".\\nMore.\", \"title\": \"T\", \"published\": \"2020-07-28T10:00:00+03:00\", \"outlet\": \"Kyiv Observer\"}\n",
            "\n",
            "{\"text\": \"Second \\u00e9t\\u00e9 \\ud83d\\ude00 x\", \"published\": \"2020-07-29\", \"url\": \"https://k.example/2\"}\r\n",
        );
        let r = parse_records(input);
        assert!(r.bad.is_empty(), "{:?}", r.bad);
        assert_eq!(r.records.len(), 2);
        let a = &r.records[0];
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.body, "KYIV - Shelling \"resumed\".\nMore.");
        assert_eq!(a.meta.published, NaiveDate::from_ymd_opt(2020, 7, 28));
        assert_eq!(a.meta.outlet.as_deref(), Some("Kyiv Observer"));
        let i = a.body.find("Shelling").unwrap();
        assert_eq!(&input[a.body_map.to_raw(i)..][..8], "Shelling");
        let m = a.body.find("More").unwrap();
        assert_eq!(&input[a.body_map.to_raw(m)..][..4], "More");
        let b = &r.records[1];
        assert_eq!(b.id, None);
        assert_eq!(b.position, 3);
        assert_eq!(b.body, "Second été 😀 x");
        assert_eq!(b.meta.url.as_deref(), Some("https://k.example/2"));
        let x = b.body.find(" x").unwrap() + 1;
        assert_eq!(&input[b.body_map.to_raw(x)..][..1], "x");
    }

    #[test]
    fn unescaping_agrees_with_serde() {
        let lit = r#""a\"b\\c\/d\te\u0041\u00e9\ud83d\ude00""#;
        let (ours, _) = unescape_json_string(lit, 0).unwrap();
        let theirs: String = serde_json::from_str(lit).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn bad_lines_are_counted_and_good_ones_kept() {
        let input = "{\"text\": \"ok\"}\nnot json\n{\"title\": \"no text\"}\n{\"text\": 5}\n{\"text\": \"ok2\", \"published\": \"soon\"}\n";
        let r = parse_records(input);
        assert_eq!(r.records.len(), 2);
        assert_eq!(
            r.bad.iter().map(|b| b.position).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert!(r.bad[1].detail.contains("no \"text\""));
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn arrays_and_pretty_objects_are_records_too() {
        let r = parse_records("[\n {\"text\": \"one\", \"id\": 7},\n {\"text\": \"two\"}\n]\n");
        assert!(!r.by_line);
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.records[0].id.as_deref(), Some("7"));
        assert_eq!(r.records[1].position, 2);
        let r = parse_records("{\n  \"text\": \"<p>one</p>\"\n}\n");
        assert_eq!(r.records.len(), 1);
        assert_eq!(r.records[0].body_kind, BodyKind::Html);
    }
}
