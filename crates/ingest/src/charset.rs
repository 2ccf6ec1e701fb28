//! Finding an input's character encoding and decoding it to UTF-8 with a
//! map from decoded bytes back to raw bytes.
//!
//! Order of evidence: a byte-order mark; BOM-less UTF-16 (zero bytes); a
//! declaration (`<?xml encoding=…?>`, `<meta charset=…>`, `<meta
//! http-equiv="Content-Type" content="…charset=…">`); else UTF-8. Input
//! that is not valid UTF-8 and declares nothing is read as windows-1252
//! (what legacy Western newsroom tools wrote), unless it is mostly valid
//! UTF-8 with a few broken sequences, which are replaced by U+FFFD. Either
//! way a warning says so.

use crate::sniff::utf16_without_bom;
use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use truce_document::{OffsetMap, TextBuilder};

/// How far into the input declarations are looked for.
const PRESCAN_LEN: usize = 8 * 1024;

/// Decoded text with its map back to the raw bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// Byte offsets of `text` to byte offsets of the raw input.
    pub map: OffsetMap,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Set when decoding had to guess or repair.
    pub warning: Option<String>,
}

/// Decode raw bytes.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(enc, &bytes[bom_len..], bom_len, None);
    }
    if let Some(little) = utf16_without_bom(bytes) {
        let enc = if little { UTF_16LE } else { UTF_16BE };
        return decode_as(enc, bytes, 0, None);
    }
    let mut warning = None;
    let declared = match declared_charset(bytes) {
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            // A UTF-16 declaration in ASCII-readable bytes cannot be true.
            Some(e) if e == UTF_16LE || e == UTF_16BE => Some(UTF_8),
            Some(e) if e == REPLACEMENT => {
                warning = Some(format!("charset \"{label}\" is not supported"));
                None
            }
            Some(e) => Some(e),
            None => {
                warning = Some(format!("unknown charset \"{label}\" declared"));
                None
            }
        },
        None => None,
    };
    match declared {
        Some(enc) if enc != UTF_8 => {
            // Mislabelled pages are common; multi-byte UTF-8 does not happen by chance.
            if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                let w = format!("declares {} but is valid UTF-8; read as UTF-8", enc.name());
                return decode_utf8(bytes, 0, Some(w));
            }
            decode_as(enc, bytes, 0, warning)
        }
        _ => decode_utf8(bytes, 0, warning),
    }
}

/// UTF-8 (`bytes` start at raw offset `base`), or the fallback when the bytes are not UTF-8.
fn decode_utf8(bytes: &[u8], base: usize, warning: Option<String>) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let (text, map) = if base == 0 {
            (text.to_string(), OffsetMap::identity(text.len()))
        } else {
            let mut b = TextBuilder::with_capacity(text.len());
            b.push_raw(text, base);
            b.finish()
        };
        return Decoded {
            text,
            map,
            encoding: UTF_8,
            warning,
        };
    }
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_multibyte >= invalid {
        let mut b = TextBuilder::with_capacity(bytes.len());
        let mut pos = base;
        for chunk in bytes.utf8_chunks() {
            b.push_raw(chunk.valid(), pos);
            pos += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                b.push_synthetic("\u{fffd}", pos);
                pos += chunk.invalid().len();
            }
        }
        let (text, map) = b.finish();
        let note = format!(
            "{invalid} invalid UTF-8 sequence{} replaced with U+FFFD",
            if invalid == 1 { "" } else { "s" }
        );
        return Decoded {
            text,
            map,
            encoding: UTF_8,
            warning: Some(join(warning, note)),
        };
    }
    let note = "not valid UTF-8 and no charset declared; read as windows-1252".to_string();
    decode_as(WINDOWS_1252, bytes, base, Some(join(warning, note)))
}

fn join(first: Option<String>, second: String) -> String {
    match first {
        Some(f) => format!("{f}; {second}"),
        None => second,
    }
}

/// Decode `body` (which starts at raw offset `base`) with a known encoding.
fn decode_as(enc: &'static Encoding, body: &[u8], base: usize, warning: Option<String>) -> Decoded {
    if enc == UTF_8 {
        return decode_utf8(body, base, warning);
    }
    let (text, map) = if enc.is_single_byte() {
        decode_single_byte(enc, body, base)
    } else {
        decode_multi_byte(enc, body, base)
    };
    Decoded {
        text,
        map,
        encoding: enc,
        warning,
    }
}

/// ASCII bytes as a str (ASCII is always valid UTF-8).
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Above this many raw bytes, each run of decoded non-ASCII chars gets one
/// map entry (anchored at its first byte) instead of one per char: a map
/// entry costs ~32 bytes, and a 64 MiB Cyrillic file would otherwise need 2 GiB.
const PER_CHAR_MAP_LIMIT: usize = 8 << 20;

/// One decoded char per raw byte: ASCII runs map exactly, other chars to their byte.
fn decode_single_byte(enc: &'static Encoding, body: &[u8], base: usize) -> (String, OffsetMap) {
    let (decoded, _) = enc.decode_without_bom_handling(body);
    let per_char = body.len() <= PER_CHAR_MAP_LIMIT;
    let mut b = TextBuilder::with_capacity(decoded.len());
    let mut raw = 0;
    let mut rest: &str = &decoded;
    while !rest.is_empty() {
        let run = rest.bytes().take_while(u8::is_ascii).count();
        if run > 0 {
            b.push_raw(&rest[..run], base + raw);
            raw += run;
            rest = &rest[run..];
            continue;
        }
        let (len, chars) = if per_char {
            (rest.chars().next().map_or(1, char::len_utf8), 1)
        } else {
            rest.chars()
                .take_while(|c| !c.is_ascii())
                .fold((0, 0), |(l, n), c| (l + c.len_utf8(), n + 1))
        };
        b.push_synthetic(&rest[..len], base + raw);
        raw += chars;
        rest = &rest[len..];
    }
    b.finish()
}

/// Feed the decoder byte by byte outside ASCII runs so that every decoded
/// char is anchored at the raw byte where its sequence starts.
fn decode_multi_byte(enc: &'static Encoding, body: &[u8], base: usize) -> (String, OffsetMap) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let ascii_runs = enc.is_ascii_compatible() && enc != ISO_2022_JP;
    let per_char = body.len() <= PER_CHAR_MAP_LIMIT;
    let mut b = TextBuilder::with_capacity(body.len() * 3 / 2);
    let mut out = String::new();
    // Decoded non-ASCII text not yet in the builder, and its first raw byte.
    let mut run = String::new();
    let mut run_start = 0;
    let mut pending: Option<usize> = None;
    let mut i = 0;
    while i < body.len() {
        if pending.is_none() && ascii_runs && body[i].is_ascii() {
            b.push_synthetic(&run, base + run_start);
            run.clear();
            let n = body[i..].iter().take_while(|x| x.is_ascii()).count();
            b.push_raw(ascii(&body[i..i + n]), base + i);
            i += n;
            continue;
        }
        let start = pending.unwrap_or(i);
        out.clear();
        out.reserve(decoder.max_utf8_buffer_length(1).unwrap_or(16));
        let _ = decoder.decode_to_string(&body[i..i + 1], &mut out, false);
        if out.is_empty() {
            pending = Some(start);
        } else {
            if per_char || run.is_empty() {
                b.push_synthetic(&run, base + run_start);
                run.clear();
                run_start = start;
            }
            run.push_str(&out);
            pending = None;
        }
        i += 1;
    }
    out.clear();
    out.reserve(decoder.max_utf8_buffer_length(0).unwrap_or(16));
    let _ = decoder.decode_to_string(&[], &mut out, true);
    if !out.is_empty() {
        b.push_synthetic(&run, base + run_start);
        run.clear();
        run_start = pending.unwrap_or(body.len().saturating_sub(1));
        run.push_str(&out);
    }
    b.push_synthetic(&run, base + run_start);
    b.finish()
}

/// The charset label an XML declaration or HTML `<meta>` declares near the start.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower.iter().position(|b| !b.is_ascii_whitespace())?;
    if lower[start..].starts_with(b"<?xml") {
        let decl_end = find(&lower[start..], b"?>").map_or(lower.len(), |i| start + i);
        let decl = &lower[start..decl_end];
        if let Some(i) = find(decl, b"encoding") {
            if let Some(v) = attribute_value(&decl[i + 8..]) {
                return Some(v);
            }
        }
    }
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            if let Some(v) = attribute_value(&tag[c + 7..]) {
                return Some(v);
            }
        }
        from = tag_end;
    }
    None
}

/// The value after `=` (quoted or not), stopping at a quote, space, `;` or `>`.
fn attribute_value(after_name: &[u8]) -> Option<String> {
    let rest = trim_ascii_start(after_name);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let value: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| {
            !matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?') && !b.is_ascii_whitespace()
        })
        .collect();
    let value = String::from_utf8(value).ok()?;
    (!value.is_empty()).then_some(value)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|x| x.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_with_an_identity_map() {
        let d = decode("Stepanakert — 12 Oct".as_bytes());
        assert_eq!(d.text, "Stepanakert — 12 Oct");
        assert_eq!(d.map.to_raw(14), 14);
        assert!(d.warning.is_none());
    }

    #[test]
    fn a_utf8_bom_is_stripped_and_offsets_still_point_at_raw_bytes() {
        let mut raw = b"\xef\xbb\xbf".to_vec();
        raw.extend_from_slice(b"truce");
        let d = decode(&raw);
        assert_eq!(d.text, "truce");
        assert_eq!(d.map.to_raw(0), 3);
        assert_eq!(d.map.span_to_raw(0, 5), (3, 8));
    }

    #[test]
    fn meta_charset_windows_1251_is_decoded_and_mapped_per_char() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("Перемирие в Донбассе");
        let mut raw = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
        let body_at = raw.len();
        raw.extend_from_slice(&body);
        raw.extend_from_slice(b"</p></body></html>");
        let d = decode(&raw);
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
        assert!(d.text.contains("Перемирие в Донбассе"));
        let at = d.text.find("Донбассе").unwrap();
        // "Перемирие в " is 12 single-byte chars in windows-1251.
        assert_eq!(d.map.to_raw(at), body_at + 12);
        let end = at + "Донбассе".len();
        assert_eq!(d.map.span_to_raw(at, end), (body_at + 12, body_at + 20));
    }

    #[test]
    fn http_equiv_and_xml_declarations_are_read() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-7\">";
        assert_eq!(declared_charset(page).as_deref(), Some("iso-8859-7"));
        let xml = b"<?xml version=\"1.0\" encoding='windows-1256'?><rss/>";
        assert_eq!(declared_charset(xml).as_deref(), Some("windows-1256"));
        assert_eq!(declared_charset(b"plain text, charset=koi8-r"), None);
    }

    #[test]
    fn arabic_windows_1256_xml_decodes() {
        let (body, _, _) = encoding_rs::WINDOWS_1256.encode("هدنة");
        let mut raw = b"<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><t>".to_vec();
        let at = raw.len();
        raw.extend_from_slice(&body);
        raw.extend_from_slice(b"</t></rss>");
        let d = decode(&raw);
        assert!(d.text.contains("هدنة"));
        let i = d.text.find("هدنة").unwrap();
        assert_eq!(d.map.to_raw(i), at);
        assert_eq!(d.map.to_raw(i + "هد".len()), at + 2);
    }

    #[test]
    fn undeclared_legacy_bytes_fall_back_to_windows_1252_with_a_warning() {
        let d = decode(b"Caf\xe9 owners call a truce \x96 for now");
        assert_eq!(d.text, "Café owners call a truce – for now");
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.warning.unwrap().contains("windows-1252"));
        let i = d.text.find("owners").unwrap();
        assert_eq!(d.map.to_raw(i), 5);
    }

    #[test]
    fn mostly_utf8_with_a_broken_byte_is_repaired() {
        let mut raw = "Zelensky said — ".as_bytes().to_vec();
        raw.push(0xff);
        raw.extend_from_slice("Kyiv’s forces".as_bytes());
        let d = decode(&raw);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains('\u{fffd}'));
        let i = d.text.find("Kyiv").unwrap();
        assert_eq!(&raw[d.map.to_raw(i)..d.map.to_raw(i) + 4], b"Kyiv");
        assert!(d.warning.unwrap().contains("1 invalid UTF-8 sequence"));
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let raw = "<meta charset=\"iso-8859-1\"><p>Ceasefire in Khan Yūnis</p>".as_bytes();
        let d = decode(raw);
        assert!(d.text.contains("Khan Yūnis"));
        assert!(d.warning.unwrap().contains("valid UTF-8"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let words = "Truce holds in Sudan";
        let mut le = vec![0xff, 0xfe];
        le.extend(words.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(&le);
        assert_eq!(d.text, words);
        assert_eq!(d.map.to_raw(6), 2 + 12);
        let be: Vec<u8> = words.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).text, words);
    }

    #[test]
    fn multi_byte_legacy_encodings_map_each_char_to_its_first_byte() {
        let (raw, _, _) = encoding_rs::SHIFT_JIS.encode("停戦 ok 合意");
        let mut page = b"<meta charset=\"shift_jis\">".to_vec();
        let base = page.len();
        page.extend_from_slice(&raw);
        let d = decode(&page);
        assert!(d.text.ends_with("停戦 ok 合意"));
        let ok = d.text.find("ok").unwrap();
        assert_eq!(d.map.to_raw(ok), base + 5);
        let agree = d.text.find("合意").unwrap();
        assert_eq!(d.map.to_raw(agree), base + 8);
    }

    #[test]
    fn large_legacy_inputs_map_per_run() {
        let (word, _, _) = encoding_rs::WINDOWS_1251.encode("мир ");
        let body: Vec<u8> = word
            .iter()
            .copied()
            .cycle()
            .take(PER_CHAR_MAP_LIMIT + 4)
            .collect();
        let (text, map) = decode_single_byte(encoding_rs::WINDOWS_1251, &body, 0);
        assert!(text.starts_with("мир мир "));
        // The second word starts at raw byte 4; its second char maps to the word's start.
        let second = "мир ".len();
        assert_eq!(map.to_raw(second), 4);
        assert_eq!(map.to_raw(second + "м".len()), 4);
        let (small, small_map) = decode_single_byte(encoding_rs::WINDOWS_1251, &body[..8], 0);
        assert_eq!(small, "мир мир ");
        assert_eq!(small_map.to_raw(second + "м".len()), 5);
    }

    #[test]
    fn unknown_labels_warn_and_fall_back() {
        let d = decode(b"<meta charset=\"klingon-8\"><p>plain</p>");
        assert!(d.text.contains("plain"));
        assert!(d.warning.unwrap().contains("unknown charset"));
    }
}
