//! Reading one input into raw documents: bytes, gzip, binary check,
//! decoding, format detection, splitting.

use crate::charset::{decode, Decoded};
use crate::feed::{parse_feed, FeedFault};
use crate::jsonl::parse_records;
use crate::sniff::{binary_kind, detect_format, Detected};
use crate::source::{gunzip_capped, is_gzip, read_capped, ReadFailure};
use crate::{BodyKind, IngestError, InputSource, Problem, RawDocument};
use std::path::{Path, PathBuf};
use truce_document::{Format, Metadata};

/// The default cap on bytes read per input (also after decompression).
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Inputs larger than this (on disk, from stdin, or decompressed) are refused.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What reading one input gave: its documents, and what went wrong.
///
/// A truncated or partly bad input has both documents (the complete ones)
/// and an error.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Documents in input order.
    pub docs: Vec<RawDocument>,
    /// Why the input could not be read, or only partly.
    pub error: Option<IngestError>,
    /// Things the reader guessed or repaired (the charset, a date), for the user.
    pub warnings: Vec<String>,
    /// The character encoding the input was read as (`UTF-8`, `windows-1251`...).
    pub encoding: Option<&'static str>,
}

impl Ingested {
    fn failed(error: IngestError) -> Self {
        Ingested {
            error: Some(error),
            ..Ingested::default()
        }
    }
}

/// Read one input with the default options; any problem is an error
/// (use [`read_input_with`] to keep the good part of a damaged input).
pub fn read_input(src: &InputSource) -> Result<Vec<RawDocument>, IngestError> {
    let got = read_input_with(src, &ReadOptions::default());
    match got.error {
        Some(e) => Err(e),
        None => Ok(got.docs),
    }
}

/// Read one input into its raw documents.
pub fn read_input_with(src: &InputSource, opts: &ReadOptions) -> Ingested {
    let path = src.path();
    let bytes = match read_capped(src, opts.max_bytes) {
        Ok(b) => b,
        Err(ReadFailure::Io(source)) => return Ingested::failed(IngestError::Io { path, source }),
        Err(ReadFailure::Problem(problem)) => {
            return Ingested::failed(IngestError::Input { path, problem })
        }
    };
    ingest_bytes(&bytes, &path, opts)
}

/// Turn the bytes of an input (as read from `path`, `-` for stdin) into
/// raw documents. Offsets in `body_map` are into `bytes`, or into the
/// decompressed bytes for gzip input.
pub fn ingest_bytes(bytes: &[u8], path: &Path, opts: &ReadOptions) -> Ingested {
    let fail = |problem: Problem| {
        Ingested::failed(IngestError::Input {
            path: path.to_path_buf(),
            problem,
        })
    };
    if bytes.is_empty() {
        return fail(Problem::Empty);
    }
    let inflated;
    let bytes = if is_gzip(bytes) {
        inflated = match gunzip_capped(bytes, opts.max_bytes) {
            Ok(b) => b,
            Err(p) => return fail(p),
        };
        if inflated.is_empty() {
            return fail(Problem::Empty);
        }
        &inflated[..]
    } else {
        bytes
    };
    if let Some(what) = binary_kind(bytes) {
        return fail(Problem::Binary { what });
    }
    let decoded = decode(bytes);
    if decoded.text.trim().is_empty() {
        return fail(Problem::Blank);
    }
    let (stem, ext) = stem_and_extension(path);
    let origin = if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    };
    let mut out = Ingested::default();
    out.warnings.extend(decoded.warning.clone());
    out.encoding = Some(decoded.encoding.name());
    let problem = match detect_format(&decoded.text, &ext) {
        Detected::Format(format @ (Format::Text | Format::Html)) => {
            let Decoded { text, map, .. } = decoded;
            out.docs.push(RawDocument {
                doc_id: stem,
                origin,
                format,
                body_kind: if format == Format::Html {
                    BodyKind::Html
                } else {
                    BodyKind::Text
                },
                body: text,
                body_map: map,
                meta: Metadata::default(),
            });
            None
        }
        Detected::Format(format @ (Format::Rss | Format::Atom)) => {
            read_feed(&decoded, format, &stem, &origin, &mut out)
        }
        Detected::Format(Format::Jsonl) => read_jsonl(&decoded, &stem, &origin, &mut out),
        Detected::OtherXml(root) => Some(Problem::UnsupportedXml(root)),
    };
    out.error = problem.map(|problem| IngestError::Input {
        path: path.to_path_buf(),
        problem,
    });
    out
}

fn read_feed(
    decoded: &Decoded,
    format: Format,
    stem: &str,
    origin: &str,
    out: &mut Ingested,
) -> Option<Problem> {
    let feed = parse_feed(&decoded.text, format);
    let kept = feed.items.len();
    for (i, item) in feed.items.into_iter().enumerate() {
        out.docs.push(RawDocument {
            doc_id: format!("{stem}#{}", i + 1),
            origin: origin.to_string(),
            format,
            body_kind: item.body_kind,
            body_map: item.body_map.then(&decoded.map),
            body: item.body,
            meta: Metadata {
                title: item.title,
                published: item.published,
                url: item.url,
                outlet: item.outlet,
            },
        });
    }
    match feed.fault {
        Some(FeedFault::Truncated(detail)) => Some(Problem::TruncatedFeed { detail, kept }),
        Some(FeedFault::Malformed { offset, detail }) => Some(Problem::MalformedFeed {
            offset: decoded.map.to_raw(offset),
            detail,
            kept,
        }),
        None if kept == 0 => Some(Problem::NoItems(if format == Format::Atom {
            "Atom"
        } else {
            "RSS"
        })),
        None => None,
    }
}

fn read_jsonl(decoded: &Decoded, stem: &str, origin: &str, out: &mut Ingested) -> Option<Problem> {
    let records = parse_records(&decoded.text);
    out.warnings.extend(records.warnings);
    let kept = records.records.len();
    for r in records.records {
        out.docs.push(RawDocument {
            doc_id: r.id.unwrap_or_else(|| format!("{stem}#{}", r.position)),
            origin: origin.to_string(),
            format: Format::Jsonl,
            body_kind: r.body_kind,
            body_map: r.body_map.then(&decoded.map),
            body: r.body,
            meta: r.meta,
        });
    }
    let first = records.bad.first()?;
    Some(Problem::BadRecords {
        unit: if records.by_line { "line" } else { "record" },
        position: first.position,
        detail: first.detail.clone(),
        bad: records.bad.len(),
        total: records.bad.len() + kept,
        kept,
    })
}

/// The document id stem and the lower-case format extension of a path:
/// `x.html.gz` → (`x`, `html`); stdin → (`stdin`, ``).
pub(crate) fn stem_and_extension(path: &Path) -> (String, String) {
    if path.as_os_str() == "-" {
        return ("stdin".to_string(), String::new());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let lower = name.to_ascii_lowercase();
    let name = [".gz", ".gzip"]
        .iter()
        .find(|s| lower.ends_with(*s) && lower.len() > s.len())
        .map_or(name.as_str(), |s| &name[..name.len() - s.len()]);
    let p = PathBuf::from(name);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let ext = p
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    (stem, ext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn ingest(name: &str, bytes: &[u8]) -> Ingested {
        ingest_bytes(bytes, Path::new(name), &ReadOptions::default())
    }

    fn problem(got: &Ingested) -> Option<Problem> {
        got.error.as_ref().and_then(|e| e.problem().cloned())
    }

    #[test]
    fn stems_drop_gz_and_one_extension() {
        let s = |p: &str| stem_and_extension(Path::new(p));
        assert_eq!(s("/a/x.html.gz"), ("x".into(), "html".into()));
        assert_eq!(
            s("report.2020.10.12.txt"),
            ("report.2020.10.12".into(), "txt".into())
        );
        assert_eq!(s("-"), ("stdin".into(), "".into()));
        assert_eq!(s("README"), ("README".into(), "".into()));
        assert_eq!(s("feed.XML.GZ"), ("feed".into(), "xml".into()));
    }

    #[test]
    fn text_and_html_are_one_document_each() {
        let got = ingest("dir/07-truce.txt", b"BOGOTA - The ceasefire began.\n");
        assert!(got.error.is_none());
        assert_eq!(got.docs.len(), 1);
        assert_eq!(got.docs[0].doc_id, "07-truce");
        assert_eq!(got.docs[0].format, Format::Text);
        let got = ingest(
            "page.txt",
            b"<!doctype html><html><body><p>x</p></body></html>",
        );
        assert_eq!(got.docs[0].format, Format::Html);
        assert_eq!(got.docs[0].body_kind, BodyKind::Html);
    }

    #[test]
    fn gzip_is_detected_by_magic_even_without_the_extension() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(b"<rss><channel><title>W</title><item><title>a</title><description>b</description></item></channel></rss>").unwrap();
        let z = enc.finish().unwrap();
        let got = ingest("wire.xml", &z);
        assert!(got.error.is_none(), "{:?}", got.error);
        assert_eq!(got.docs[0].doc_id, "wire#1");
        assert_eq!(got.docs[0].format, Format::Rss);
        let got = ingest_bytes(&z, Path::new("wire.xml.gz"), &ReadOptions { max_bytes: 50 });
        assert_eq!(
            problem(&got),
            Some(Problem::DecompressedTooLarge { limit: 50 })
        );
    }

    #[test]
    fn empty_blank_and_binary_inputs_are_refused() {
        assert_eq!(problem(&ingest("e.txt", b"")), Some(Problem::Empty));
        assert_eq!(problem(&ingest("b.txt", b" \n\t\n")), Some(Problem::Blank));
        assert_eq!(
            problem(&ingest("x.bin", b"\x01\x02\x00\x00\x05")),
            Some(Problem::Binary { what: None })
        );
        let msg = ingest("/tmp/x.bin", b"ab\0cd").error.unwrap().to_string();
        assert_eq!(msg, "/tmp/x.bin: binary file, not text");
        let msg = ingest("r.pdf", b"%PDF-1.7\n%\xe2\xe3")
            .error
            .unwrap()
            .to_string();
        assert!(
            msg.starts_with("r.pdf: binary file, not text (a PDF document"),
            "{msg}"
        );
    }

    #[test]
    fn feed_items_map_back_to_raw_bytes_through_decoding() {
        let (title, _, _) = encoding_rs::WINDOWS_1251.encode("Перемирие");
        let mut raw = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>Novosti</title><item><title>".to_vec();
        raw.extend_from_slice(&title);
        raw.extend_from_slice(b"</title><description>");
        let body_at = raw.len();
        raw.extend_from_slice(&title);
        raw.extend_from_slice(b" held</description></item></channel></rss>");
        let got = ingest("ru.xml", &raw);
        assert!(got.error.is_none());
        let d = &got.docs[0];
        assert_eq!(d.meta.title.as_deref(), Some("Перемирие"));
        assert_eq!(d.body, "Перемирие held");
        assert_eq!(d.body_map.to_raw(0), body_at);
        let held = d.body.find("held").unwrap();
        assert_eq!(d.body_map.to_raw(held), body_at + 10);
    }

    #[test]
    fn truncated_feeds_keep_items_and_report() {
        let rss = b"<rss><channel><title>W</title><item><title>a</title><description>one</description></item><item><title>b</title><descr";
        let got = ingest("/f/t.xml", rss);
        assert_eq!(got.docs.len(), 1);
        let msg = got.error.unwrap().to_string();
        assert!(msg.starts_with("/f/t.xml: truncated feed: "), "{msg}");
        assert!(msg.contains("1 complete item kept"), "{msg}");
    }

    #[test]
    fn feeds_without_items_and_other_xml_are_reported() {
        let got = ingest("f.xml", b"<rss><channel><title>W</title></channel></rss>");
        assert_eq!(problem(&got), Some(Problem::NoItems("RSS")));
        let got = ingest("f.xml", b"<?xml version=\"1.0\"?><gpx><trk/></gpx>");
        assert_eq!(problem(&got), Some(Problem::UnsupportedXml("gpx".into())));
    }

    #[test]
    fn jsonl_ids_and_bad_lines() {
        let got = ingest(
            "batch.jsonl",
            b"{\"id\": \"x-1\", \"text\": \"a\"}\n{\"text\": \"b\"}\n{oops\n",
        );
        let ids: Vec<_> = got.docs.iter().map(|d| d.doc_id.as_str()).collect();
        assert_eq!(ids, ["x-1", "batch#2"]);
        let msg = got.error.unwrap().to_string();
        assert!(msg.contains("line 3: invalid JSON"), "{msg}");
        assert!(msg.contains("1 of 3 records unreadable, 2 kept"), "{msg}");
    }

    /// Every prefix and many corruptions of real-looking inputs: never a panic,
    /// and every body_map stays inside the raw input.
    #[test]
    fn damaged_inputs_never_panic() {
        let samples: [&[u8]; 4] = [
            b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>W - X</title><item><title>a &amp; b</title><pubDate>Sat, 02 Apr 2022 10:30:00 GMT</pubDate><description><![CDATA[<p>one \xcf\xe5</p>]]></description></item><item><description>&lt;p&gt;two&#8212;&nbsp;</description></item></channel></rss>",
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title type=\"html\">&lt;b&gt;x</title><content type=\"xhtml\"><div><p>y</p></div></content></entry></feed>",
            b"{\"id\": 1, \"text\": \"a\\u00e9\\n\\ud83d\\ude00\", \"published\": \"2020-01-02\"}\n{\"text\": \"b\"}\n",
            b"\xef\xbb\xbf<html><head><meta charset=\"shift_jis\"></head><body>\x92\xe2\x90\xed</body></html>",
        ];
        let mut seed: u32 = 0x1234_5678;
        for sample in samples {
            let mut cases: Vec<Vec<u8>> =
                (0..=sample.len()).map(|n| sample[..n].to_vec()).collect();
            for _ in 0..300 {
                let mut v = sample.to_vec();
                for _ in 0..3 {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let at = (seed >> 8) as usize % v.len();
                    v[at] = (seed >> 16) as u8;
                }
                cases.push(v);
            }
            for case in cases {
                let got = ingest("x.xml", &case);
                for d in &got.docs {
                    for i in 0..=d.body.len() {
                        assert!(d.body_map.to_raw(i) <= case.len() + 1);
                    }
                }
            }
        }
    }

    #[test]
    fn windows_1252_fallback_warns() {
        let got = ingest("old.txt", b"Caf\xe9 truce");
        assert!(got.error.is_none());
        assert_eq!(got.docs[0].body, "Café truce");
        assert_eq!(got.warnings.len(), 1);
    }
}
