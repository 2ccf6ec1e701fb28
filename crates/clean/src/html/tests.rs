//! End-to-end tests of `clean_html` on small pages written for them.

use super::*;
use chrono::NaiveDate;

/// A paragraph long enough to read as article text.
fn para(topic: &str) -> String {
    format!(
        "<p>The ceasefire around {topic} held through the night, officials said, \
         although both sides reported sporadic shelling near the front line.</p>"
    )
}

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

/// Every byte of a verbatim stretch of the text maps back to the same bytes in the page.
fn assert_maps_back(html: &str, out: &CleanedHtml, needle: &str) {
    let at = out.text.find(needle).expect("needle in text");
    let (s, e) = out.map.span_to_raw(at, at + needle.len());
    assert_eq!(&html[s..e], needle);
}

#[test]
fn navigation_menus_and_footer_are_dropped() {
    let html = page(
        "<title>Truce</title>",
        &format!(
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>\
             <div class=\"main-menu\"><a href=/a>Politics</a> <a href=/b>Sport</a></div>\
             <article>{}{}</article><footer><p>Copyright 2024 Example Media. All rights reserved worldwide.</p></footer>",
            para("Kharkiv"),
            para("Izium")
        ),
    );
    let out = clean_html(&html);
    assert!(
        out.text.starts_with("The ceasefire around Kharkiv"),
        "{}",
        out.text
    );
    assert!(out.text.contains("Izium"));
    for junk in ["Home", "Politics", "Copyright"] {
        assert!(!out.text.contains(junk), "{junk} in {}", out.text);
    }
    assert_maps_back(&html, &out, "held through the night");
}

#[test]
fn cookie_banner_share_bar_and_related_box_are_dropped() {
    let html = page(
        "",
        &format!(
            "<div id=\"cookie-consent\"><p>We use cookies to improve your experience on our site. \
             By continuing to browse you agree to our use of cookies and similar technologies.</p></div>\
             <div class=\"story\">{}<div class=\"share-bar\"><a href=#>Share on Facebook</a> \
             <a href=#>Tweet</a></div>{}\
             <div class=\"related-links\"><h3>Related</h3><ul><li><a href=/x>Talks stall again as envoys leave the capital</a></li></ul></div></div>",
            para("Gaza"),
            para("Rafah")
        ),
    );
    let out = clean_html(&html);
    assert!(
        out.text.contains("Gaza") && out.text.contains("Rafah"),
        "{}",
        out.text
    );
    for junk in ["cookies", "Facebook", "Tweet", "Related", "envoys"] {
        assert!(!out.text.contains(junk), "{junk} in {}", out.text);
    }
}

#[test]
fn comments_are_dropped_and_subheadings_kept() {
    let html = page(
        "",
        &format!(
            "<main><div class=\"article-body\">{}<h2>Humanitarian corridor</h2>{}</div>\
             <section id=\"comments\"><h3>12 comments</h3><div class=\"comment\"><p>This is a long reader \
             comment that argues with the article at length and should never be part of the text.</p></div></section></main>",
            para("Mariupol"),
            para("Berdiansk")
        ),
    );
    let out = clean_html(&html);
    assert!(
        out.text.contains("\n\nHumanitarian corridor\n\n"),
        "{}",
        out.text
    );
    assert!(!out.text.contains("reader"), "{}", out.text);
}

#[test]
fn paragraphs_are_separated_by_a_blank_line() {
    let html = page(
        "",
        &format!("<div>{}{}</div>", para("Aleppo"), para("Idlib")),
    );
    let out = clean_html(&html);
    let paras: Vec<&str> = out.text.split("\n\n").collect();
    assert_eq!(paras.len(), 2, "{}", out.text);
    assert!(paras[1].starts_with("The ceasefire around Idlib"));
}

#[test]
fn script_and_style_content_never_reaches_the_text() {
    let html = page(
        "<style>p { color: red }</style>",
        &format!(
            "<div>{}<script>var msg = \"</p>ceasefire violated</p>\"; if (a < b) {{}}</script>\
             <noscript><p>Enable JavaScript to read the ceasefire report in full on this website.</p></noscript>{}</div>",
            para("Donetsk"),
            para("Luhansk")
        ),
    );
    let out = clean_html(&html);
    for junk in ["var msg", "violated", "color", "JavaScript"] {
        assert!(!out.text.contains(junk), "{junk} in {}", out.text);
    }
    assert!(out.text.contains("Luhansk"));
}

#[test]
fn character_references_are_decoded_and_map_to_the_reference() {
    let body = "<div><p>Officials in Kyiv &amp; Moscow said &#8220;no truce&#x201D; was agreed, \
                though caf&eacute; owners near the line reported calm&nbsp;nights for a week.</p></div>";
    let html = page("", body);
    let out = clean_html(&html);
    assert!(
        out.text
            .contains("Kyiv & Moscow said “no truce” was agreed, though café owners"),
        "{}",
        out.text
    );
    assert!(out.text.contains("calm nights"));
    let amp = out.text.find('&').expect("decoded ampersand");
    let raw = out.map.to_raw(amp);
    assert_eq!(&html[raw..raw + 5], "&amp;");
    assert_maps_back(&html, &out, "Officials in Kyiv");
}

#[test]
fn json_ld_and_open_graph_metadata() {
    let head = r#"<title>Ceasefire talks | The Ledger</title>
        <meta property="og:site_name" content="The Ledger">
        <link rel="canonical" href="https://ledger.example/talks">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Ceasefire talks resume in Doha","datePublished":"2024-02-11T09:30:00Z",
          "publisher":{"@type":"Organization","name":"The Ledger"}}</script>"#;
    let html = page(
        head,
        &format!(
            "<article><h1>Ceasefire talks resume in Doha</h1>{}</article>",
            para("Doha")
        ),
    );
    let out = clean_html(&html);
    assert_eq!(
        out.meta.title.as_deref(),
        Some("Ceasefire talks resume in Doha")
    );
    assert_eq!(out.meta.outlet.as_deref(), Some("The Ledger"));
    assert_eq!(
        out.meta.url.as_deref(),
        Some("https://ledger.example/talks")
    );
    assert_eq!(out.meta.published, NaiveDate::from_ymd_opt(2024, 2, 11));
    // The headline is metadata, not body text.
    assert!(
        out.text.starts_with("The ceasefire around Doha"),
        "{}",
        out.text
    );
}

#[test]
fn charset_meta_and_time_element() {
    let html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
                <meta name=\"date\" content=\"2023-07-01\"></head><body><p>Posted \
                <time datetime=\"2023-06-30T22:00:00-04:00\">June 30</time></p>"
            .to_string()
            + &para("Sudan") + "</body></html>";
    let out = clean_html(&html);
    assert_eq!(out.meta.published, NaiveDate::from_ymd_opt(2023, 7, 1));
    assert!(!out.text.contains("charset"));
    assert!(out.text.contains("Sudan"));
}

#[test]
fn broken_and_empty_pages_never_panic() {
    let long = "<div>".repeat(50_000) + &para("Tigray") + "<p>unclosed <b>bold <i>italic";
    let cases = [
        "",
        "   ",
        "plain text without any markup at all",
        "<html><head><title>Only a title</title></head></html>",
        "<p>unclosed paragraph <a href='x",
        "<!-- never closed comment <p>hidden</p>",
        "<script>document.write('<p>x</p>')",
        "</div></p></body></html>",
        "<p>\u{00e9}\u{4e2d}\u{6587}&#xD800;&#99999999;&bogus;</p>",
        long.as_str(),
    ];
    for html in cases {
        let out = clean_html(html);
        assert_eq!(out.map.clean_len(), out.text.len());
    }
    assert!(clean_html("").text.is_empty());
    assert!(
        clean_html("<html><head><title>Only a title</title></head></html>")
            .text
            .is_empty()
    );
    assert!(clean_html(&long).text.contains("Tigray"));
}

#[test]
fn page_without_body_element_still_yields_text() {
    let html = para("Hodeidah") + &para("Taiz");
    let out = clean_html(&html);
    assert!(
        out.text.contains("Hodeidah") && out.text.contains("Taiz"),
        "{}",
        out.text
    );
}

#[test]
fn offsets_of_every_word_point_at_the_same_word() {
    let html = page("", &format!("<div class=\"post-content\">{}<p>Second   paragraph,\n with <em>emphasis</em> and a <a href=\"/x\">link</a> inside it for good measure.</p></div>", para("Sirte")));
    let out = clean_html(&html);
    for word in out
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let at = out.text.find(word).expect("word");
        let (s, e) = out.map.span_to_raw(at, at + word.len());
        assert_eq!(&html[s..e], word);
    }
}

#[test]
fn huge_page_is_handled_in_one_pass() {
    let mut body = String::from("<nav>");
    for i in 0..5_000 {
        body.push_str(&format!("<a href=\"/s/{i}\">Section {i}</a>"));
    }
    body.push_str("</nav><div class=\"story-body\">");
    for i in 0..20_000 {
        body.push_str(&format!(
            "<p>Paragraph {i}: {}</p>",
            "monitors recorded no violations overnight; ".repeat(3)
        ));
    }
    body.push_str("</div>");
    let html = page("<title>Long</title>", &body);
    assert!(html.len() > 2_500_000);
    let out = clean_html(&html);
    assert!(out.text.starts_with("Paragraph 0:"), "{}", &out.text[..80]);
    assert!(out.text.contains("Paragraph 19999:"));
    assert!(!out.text.contains("Section 12"));
}
