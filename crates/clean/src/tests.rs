//! `clean` end to end: dispatch by format, metadata merging, offsets back
//! to the raw input through the ingest map.

use super::*;
use chrono::NaiveDate;
use truce_document::TextBuilder;

fn raw(format: Format, body_kind: BodyKind, body: &str) -> RawDocument {
    RawDocument {
        doc_id: "doc".into(),
        origin: "test".into(),
        format,
        body_kind,
        body: body.to_string(),
        body_map: OffsetMap::identity(body.len()),
        meta: Metadata::default(),
    }
}

#[test]
fn text_documents_are_cleaned_with_offsets_into_the_raw_file() {
    let body = include_str!("../../../tests/fixtures/clean/caption-first.txt");
    let doc = clean(raw(Format::Text, BodyKind::Text, body));
    assert_eq!(doc.format, Some(Format::Text));
    assert!(doc.text.starts_with("Valdoria on Monday urged"));
    let at = doc.text.find("separatists").unwrap();
    let (s, e) = doc.offsets.span_to_raw(at, at + "separatists".len());
    assert_eq!(&body[s..e], "sepa-\nratists");
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2021, 3, 15));
}

#[test]
fn offsets_compose_with_the_ingest_map() {
    // Ingest read the body out of a larger file: body byte i is file byte i + 100.
    let body = "Headline of a story here\n\nFirst line of the story that wraps at the\nmargin of the page.\n";
    let mut b = TextBuilder::new();
    b.push_raw(body, 100);
    let (_, body_map) = b.finish();
    let mut r = raw(Format::Text, BodyKind::Text, body);
    r.body_map = body_map;
    let doc = clean(r);
    assert_eq!(doc.meta.title.as_deref(), Some("Headline of a story here"));
    let at = doc.text.find("margin").unwrap();
    assert_eq!(doc.offsets.to_raw(at), 100 + body.find("margin").unwrap());
}

#[test]
fn jsonl_bodies_are_only_normalised_and_keep_their_metadata() {
    let mut r = raw(
        Format::Jsonl,
        BodyKind::Text,
        "First  paragraph here.\nSecond paragraph, short\n",
    );
    r.meta = Metadata {
        title: Some("Given title".into()),
        published: None,
        url: Some("https://www.lakesidetimes.example/2020/05/06/story".into()),
        outlet: None,
    };
    let doc = clean(r);
    assert_eq!(doc.text, "First paragraph here.\n\nSecond paragraph, short");
    assert_eq!(doc.meta.title.as_deref(), Some("Given title"));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2020, 5, 6));
    assert_eq!(doc.meta.outlet.as_deref(), Some("Lakeside Times"));
}

#[test]
fn feed_metadata_wins_over_guesses() {
    let mut r = raw(
        Format::Rss,
        BodyKind::Html,
        "<p>Published: 1 January 2019</p><p>EASTPORT - A truce held on Sunday.</p>",
    );
    r.meta = Metadata {
        title: Some("Feed title".into()),
        published: NaiveDate::from_ymd_opt(2022, 4, 2),
        url: Some("https://northernwire.example/2022/04/02/x".into()),
        outlet: Some("Northern Wire - Truces".into()),
    };
    let doc = clean(r);
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 4, 2));
    assert_eq!(doc.meta.title.as_deref(), Some("Feed title"));
    assert_eq!(doc.meta.outlet.as_deref(), Some("Northern Wire"));
    assert!(doc.text.contains("EASTPORT - A truce held on Sunday."));
}

#[test]
fn html_without_a_date_in_its_markup_falls_back_to_text_and_url() {
    let mut r = raw(
        Format::Rss,
        BodyKind::Html,
        "<p>EASTPORT - Guns fell silent on Sunday.</p><p>Talks go on.</p>",
    );
    r.meta.url = Some("https://www.eastportpost.example/2021/09/12/guns-silent".into());
    let doc = clean(r);
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2021, 9, 12));
    assert!(doc.text.contains("Guns fell silent"));
    assert!(doc.meta.outlet.is_some());
}

#[test]
fn html_pages_never_come_out_empty() {
    let page = "<html><head><title>x</title><script>var a;</script></head>\
                <body><p>Monitors said the truce held.</p></body></html>";
    let doc = clean(raw(Format::Html, BodyKind::Html, page));
    assert!(doc.text.contains("Monitors said the truce held."));
    let at = doc.text.find("truce").unwrap();
    let raw_at = doc.offsets.to_raw(at);
    assert_eq!(&page[raw_at..raw_at + 5], "truce");
}

#[test]
fn a_date_line_the_content_extractor_left_out_still_dates_the_page() {
    let page = "<html><body><div class=\"bar\">Friday, 3 June 2022</div>\
                <article><p>EASTPORT - Monitors said the truce held through the night.</p>\
                <p>Both sides said they would keep to it.</p></article></body></html>";
    let doc = clean(raw(Format::Html, BodyKind::Html, page));
    assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 6, 3));
}

/// A small deterministic generator of hostile inputs: pieces of furniture,
/// hyphens at line ends, multi-byte characters, form feeds, stray markup.
fn hostile_inputs() -> Vec<String> {
    const PIECES: &[&str] = &[
        "word",
        "Word",
        "-",
        "\n",
        "\n\n",
        "\x0c",
        " ",
        "  ",
        "é",
        "—",
        "\u{ad}",
        "\u{fb01}",
        "https://",
        "www.",
        "example.org/2020/10/12/x",
        ":",
        "Original url:",
        "Page 1 of 2",
        "Related article:",
        "Photo: ",
        " / ",
        "AFP",
        "By Jane Roe",
        "12 May 2021",
        "|",
        "KYIV, July 28 (Reuters) - ",
        "<p>",
        "</p>",
        "&amp;",
        "&#",
        "<!--",
        "<script>",
        "T-",
        "72",
        "\u{200b}",
        "\t",
        "\r\n",
        "Ünïcödé",
        "日本語",
        "1/2",
        "(",
        ")",
        "\"",
        "’",
        "”",
        "“",
        ". ",
        "Jane Roe / AFP",
        "(Photo: AFP)",
        "…",
        "–",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..400)
        .map(|_| {
            let n = (next() % 120) as usize;
            (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn hostile_input_never_panics_and_maps_inside_the_body() {
    for body in hostile_inputs() {
        for (format, kind) in [
            (Format::Text, BodyKind::Text),
            (Format::Html, BodyKind::Html),
            (Format::Jsonl, BodyKind::Text),
            (Format::Rss, BodyKind::Html),
        ] {
            let doc = clean(raw(format, kind, &body));
            for (i, _) in doc.text.char_indices() {
                assert!(doc.offsets.to_raw(i) <= body.len(), "{body:?}");
            }
            for p in doc.text.split("\n\n") {
                assert_eq!(p, p.trim_matches(' '), "{body:?}");
            }
        }
    }
}
