//! RSS (0.9x, 1.0, 2.0) and Atom feeds: one document per item or entry.
//!
//! Parsed with quick-xml over the decoded text. Every body keeps a map to
//! the decoded text (the caller composes it with the decoding map): text
//! and CDATA are copied verbatim, entity references are synthetic pieces
//! anchored at their `&`.

use crate::dates::parse_date;
use crate::outlet::{outlet_from_feed_title, outlet_in_credit};
use crate::sniff::looks_like_html;
use crate::BodyKind;
use chrono::NaiveDate;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use truce_document::{Format, OffsetMap, TextBuilder};

/// One item or entry.
#[derive(Debug)]
pub(crate) struct FeedItem {
    /// Headline.
    pub title: Option<String>,
    /// Link to the article.
    pub url: Option<String>,
    /// Publication date (published/pubDate, else updated).
    pub published: Option<NaiveDate>,
    /// The outlet: item source, an author credit naming one, or the feed's.
    pub outlet: Option<String>,
    /// Full content if given, else the summary/description.
    pub body: String,
    /// `body` offsets to offsets of the decoded feed text.
    pub body_map: OffsetMap,
    /// Whether `body` is HTML.
    pub body_kind: BodyKind,
}

/// Why parsing stopped early.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FeedFault {
    /// The text ended with elements still open.
    Truncated(String),
    /// Not well-formed XML at this offset of the decoded text.
    Malformed {
        /// Offset in the decoded text.
        offset: usize,
        /// The parser's message.
        detail: String,
    },
}

/// A parsed feed: the complete items, and why parsing stopped early, if it did.
#[derive(Debug)]
pub(crate) struct Feed {
    /// Items in document order.
    pub items: Vec<FeedItem>,
    /// Set when the feed was truncated or malformed.
    pub fault: Option<FeedFault>,
}

/// Parse a feed; `format` says whether items are `<item>` or `<entry>`.
pub(crate) fn parse_feed(text: &str, format: Format) -> Feed {
    let mut parser = Parser::new(text, format);
    let fault = parser.run();
    let outlet = parser.channel_outlet();
    let items = parser
        .items
        .into_iter()
        .map(|p| p.finish(outlet.as_deref()))
        .collect();
    Feed { items, fault }
}

/// What a captured element holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Guid,
    Published,
    Updated,
    Summary,
    Content,
    Source,
    Author,
    Skip,
}

impl Field {
    fn of(local: &str) -> Field {
        match local {
            "title" => Field::Title,
            "link" => Field::Link,
            "guid" | "id" => Field::Guid,
            "pubdate" | "published" | "issued" | "date" | "created" => Field::Published,
            "updated" | "modified" => Field::Updated,
            "description" | "summary" => Field::Summary,
            "encoded" | "content" => Field::Content,
            "source" => Field::Source,
            "author" | "creator" => Field::Author,
            _ => Field::Skip,
        }
    }

    fn is_body(self) -> bool {
        matches!(self, Field::Summary | Field::Content)
    }
}

/// The element whose text is being collected.
#[derive(Debug)]
struct Capture {
    field: Field,
    /// Stack depth of the element itself.
    depth: usize,
    /// Offset just after its start tag.
    inner_start: usize,
    /// Declared Atom content type: "html", "xhtml", "text".
    content_type: Option<String>,
    /// Child elements were seen (inline markup).
    nested: bool,
    text: TextBuilder,
}

/// Fields gathered for one item.
#[derive(Debug, Default)]
struct PartialItem {
    depth: usize,
    title: Option<String>,
    link: Option<String>,
    guid: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    summary: Option<Body>,
    content: Option<Body>,
    source: Option<String>,
    authors: Vec<String>,
}

#[derive(Debug)]
struct Body {
    text: String,
    map: OffsetMap,
    kind: BodyKind,
}

impl PartialItem {
    fn finish(self, channel_outlet: Option<&str>) -> FeedItem {
        let body = match (self.content, self.summary) {
            (Some(c), _) if !c.text.trim().is_empty() => Some(c),
            (_, s) => s,
        };
        let body = body.unwrap_or(Body {
            text: String::new(),
            map: OffsetMap::default(),
            kind: BodyKind::Text,
        });
        let url = self.link.or_else(|| {
            self.guid
                .filter(|g| g.starts_with("http://") || g.starts_with("https://"))
        });
        let published = self
            .published
            .as_deref()
            .and_then(parse_date)
            .or_else(|| self.updated.as_deref().and_then(parse_date));
        let outlet = self
            .source
            .filter(|s| !s.is_empty())
            .or_else(|| self.authors.iter().find_map(|a| outlet_in_credit(a)))
            .or_else(|| channel_outlet.map(str::to_string));
        FeedItem {
            title: self.title.filter(|t| !t.is_empty()),
            url,
            published,
            outlet,
            body: body.text,
            body_map: body.map,
            body_kind: body.kind,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    item_name: &'static str,
    /// Lower-case local names of the open elements.
    stack: Vec<String>,
    item: Option<PartialItem>,
    capture: Option<Capture>,
    items: Vec<PartialItem>,
    channel_title: Option<String>,
    channel_link: Option<String>,
    /// Author credits seen in items, to recognise the outlet in the title.
    credits: Vec<String>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, format: Format) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.allow_dangling_amp = true;
        Parser {
            text,
            reader,
            item_name: if format == Format::Atom {
                "entry"
            } else {
                "item"
            },
            stack: Vec::new(),
            item: None,
            capture: None,
            items: Vec::new(),
            channel_title: None,
            channel_link: None,
            credits: Vec::new(),
        }
    }

    fn channel_outlet(&self) -> Option<String> {
        let title = self.channel_title.as_deref()?;
        let credits: Vec<&str> = self.credits.iter().map(String::as_str).collect();
        outlet_from_feed_title(title, self.channel_link.as_deref(), &credits)
    }

    /// Offset of a slice borrowed from the input text.
    fn offset_of(&self, part: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        (p >= base && p + part.len() <= base + self.text.len()).then(|| p - base)
    }

    fn run(&mut self) -> Option<FeedFault> {
        loop {
            let before = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => return Some(self.fault(e)),
            };
            match event {
                Event::Start(e) => self.start(&e, false),
                Event::Empty(e) => self.start(&e, true),
                Event::End(_) => self.end(before),
                Event::Text(t) => {
                    let raw = t.into_inner();
                    let at = self.offset_of(&raw);
                    self.push_text(&raw, at, before);
                }
                Event::CData(c) => {
                    let raw = c.into_inner();
                    let at = self.offset_of(&raw);
                    self.push_text(&raw, at, before + 9);
                }
                Event::GeneralRef(r) => {
                    let name = r.into_inner();
                    let amp = self
                        .offset_of(&name)
                        .map_or(before, |o| o.saturating_sub(1));
                    self.push_entity(&name, amp);
                }
                Event::Eof => {
                    if self.stack.is_empty() {
                        return None;
                    }
                    let detail = match &self.item {
                        Some(_) => {
                            format!("ends inside {} {}", self.item_name, self.items.len() + 1)
                        }
                        None => format!(
                            "ends before the closing </{}> tag",
                            self.stack.first().map_or("", String::as_str)
                        ),
                    };
                    return Some(FeedFault::Truncated(detail));
                }
                _ => {}
            }
        }
    }

    fn fault(&self, e: XmlError) -> FeedFault {
        let at_end = matches!(
            e,
            XmlError::Syntax(
                SyntaxError::UnclosedCData
                    | SyntaxError::UnclosedTag
                    | SyntaxError::UnclosedComment
                    | SyntaxError::UnclosedPI
                    | SyntaxError::UnclosedDoctype
                    | SyntaxError::UnclosedXmlDecl
                    | SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue
            )
        );
        if at_end {
            let inside = match &self.item {
                Some(_) => format!(" inside {} {}", self.item_name, self.items.len() + 1),
                None => String::new(),
            };
            return FeedFault::Truncated(format!("ends{inside} ({e})"));
        }
        FeedFault::Malformed {
            offset: self.reader.error_position() as usize,
            detail: e.to_string(),
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let local = e.local_name().as_ref().to_ascii_lowercase();
        let qualified = e.name().as_ref().to_ascii_lowercase();
        let parent = self.stack.last().cloned();
        self.stack.push(local.clone());
        let depth = self.stack.len();
        let inner_start = self.reader.buffer_position() as usize;

        if let Some(cap) = &mut self.capture {
            cap.nested = true;
            if empty {
                self.stack.pop();
            }
            return;
        }
        if self.item.is_none() && local == self.item_name {
            self.item = Some(PartialItem {
                depth,
                ..PartialItem::default()
            });
            if empty {
                self.end(inner_start);
            }
            return;
        }
        let href = attribute(e, "href");
        let rel = attribute(e, "rel");
        let alternate = rel
            .as_deref()
            .is_none_or(|r| r.eq_ignore_ascii_case("alternate"));
        match &mut self.item {
            Some(item) if depth == item.depth + 1 => {
                let field = Field::of(&local);
                // The RSS `content` module's `<content:encoded>` is the full text;
                // `<media:content>` and similar are not text at all.
                let field = if field == Field::Content
                    && local == "content"
                    && qualified.contains(':')
                    && !qualified.starts_with("atom:")
                {
                    Field::Skip
                } else {
                    field
                };
                if field == Field::Link {
                    if let (Some(h), true) = (&href, alternate) {
                        item.link.get_or_insert_with(|| h.trim().to_string());
                    }
                }
                let content_type = attribute(e, "type").map(|t| t.to_ascii_lowercase());
                let out_of_line = field.is_body() && attribute(e, "src").is_some();
                if field != Field::Skip && !empty && !out_of_line {
                    self.capture = Some(Capture {
                        field,
                        depth,
                        inner_start,
                        content_type,
                        nested: false,
                        text: TextBuilder::new(),
                    });
                }
            }
            Some(_) => {}
            None => {
                let is_channel_child = match parent.as_deref() {
                    Some("channel") => true,
                    Some("feed") => depth == 2,
                    _ => false,
                };
                if is_channel_child && (local == "title" || local == "link") {
                    if local == "link" && alternate && !qualified.starts_with("atom:") {
                        if let Some(h) = &href {
                            self.channel_link
                                .get_or_insert_with(|| h.trim().to_string());
                        }
                    }
                    if !empty {
                        self.capture = Some(Capture {
                            field: Field::of(&local),
                            depth,
                            inner_start,
                            content_type: None,
                            nested: false,
                            text: TextBuilder::new(),
                        });
                    }
                }
            }
        }
        if empty {
            self.stack.pop();
        }
    }

    fn end(&mut self, tag_start: usize) {
        let depth = self.stack.len();
        if self.capture.as_ref().is_some_and(|c| c.depth == depth) {
            if let Some(cap) = self.capture.take() {
                self.finish_capture(cap, tag_start);
            }
        }
        if self.item.as_ref().is_some_and(|i| i.depth == depth) {
            if let Some(item) = self.item.take() {
                self.credits.extend(item.authors.iter().cloned());
                self.items.push(item);
            }
        }
        self.stack.pop();
    }

    /// Whether text at the current position belongs to the capture: its
    /// own text, or an Atom person's `<name>` / source's `<title>`.
    fn accepts_text(&self) -> bool {
        let Some(cap) = &self.capture else {
            return false;
        };
        if self.stack.len() == cap.depth {
            return true;
        }
        let current = self.stack.last().map_or("", String::as_str);
        match cap.field {
            Field::Author => current == "name",
            Field::Source => current == "title",
            _ => false,
        }
    }

    fn push_text(&mut self, raw: &str, at: Option<usize>, fallback: usize) {
        if !self.accepts_text() {
            return;
        }
        let Some(cap) = &mut self.capture else {
            return;
        };
        // Skip the whitespace before the first content.
        let piece = if cap.text.is_empty() {
            raw.trim_start()
        } else {
            raw
        };
        let skipped = raw.len() - piece.len();
        match at {
            Some(o) => cap.text.push_raw(piece, o + skipped),
            None => cap.text.push_synthetic(piece, fallback),
        }
    }

    fn push_entity(&mut self, name: &str, amp: usize) {
        if !self.accepts_text() {
            return;
        }
        let Some(cap) = &mut self.capture else {
            return;
        };
        match crate::entities::resolve(name) {
            Some(s) => cap.text.push_synthetic(&s, amp),
            // Unknown entities stay as written; HTML cleaning may know them.
            None => match self.text.get(amp..amp + name.len() + 2) {
                Some(orig) => cap.text.push_raw(orig, amp),
                None => cap.text.push_synthetic(&format!("&{name};"), amp),
            },
        }
    }

    fn finish_capture(&mut self, mut cap: Capture, tag_start: usize) {
        let in_item = self.item.is_some();
        if cap.field.is_body() {
            let body = if cap.nested {
                // Inline (X)HTML markup: take the element's inner source verbatim.
                let inner = self.text.get(cap.inner_start..tag_start).unwrap_or("");
                let trimmed = inner.trim();
                let lead = inner.len() - inner.trim_start().len();
                let mut b = TextBuilder::with_capacity(trimmed.len());
                b.push_raw(trimmed, cap.inner_start + lead);
                let (text, map) = b.finish();
                Body {
                    text,
                    map,
                    kind: BodyKind::Html,
                }
            } else {
                cap.text.trim_end();
                let (text, map) = cap.text.finish();
                let kind = match cap.content_type.as_deref() {
                    Some("html") | Some("xhtml") | Some("text/html") => BodyKind::Html,
                    _ if looks_like_html(&text) => BodyKind::Html,
                    _ => BodyKind::Text,
                };
                Body { text, map, kind }
            };
            if let Some(item) = &mut self.item {
                match cap.field {
                    Field::Content => item.content = Some(body),
                    _ => item.summary = Some(body),
                }
            }
            return;
        }
        let value = collapse_whitespace(cap.text.as_str());
        if !in_item {
            match cap.field {
                Field::Title => {
                    self.channel_title.get_or_insert(value);
                }
                Field::Link if !value.is_empty() => {
                    self.channel_link.get_or_insert(value);
                }
                _ => {}
            }
            return;
        }
        let Some(item) = &mut self.item else {
            return;
        };
        match cap.field {
            Field::Title => {
                let plain = if looks_like_html(&value) {
                    collapse_whitespace(&strip_tags(&value))
                } else {
                    value
                };
                item.title.get_or_insert(plain);
            }
            Field::Link if !value.is_empty() => {
                item.link.get_or_insert(value);
            }
            Field::Guid => {
                item.guid.get_or_insert(value);
            }
            Field::Published => {
                item.published.get_or_insert(value);
            }
            Field::Updated => {
                item.updated.get_or_insert(value);
            }
            Field::Source => {
                item.source.get_or_insert(value);
            }
            Field::Author if !value.is_empty() => item.authors.push(value),
            _ => {}
        }
    }
}

/// An attribute's unescaped value, by local name.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        if a.key.local_name().as_ref().eq_ignore_ascii_case(name) {
            Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.clone().into_owned()),
            )
        } else {
            None
        }
    })
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drop tags from a short HTML string (titles only; bodies go to the HTML cleaner).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Sahel Courier - Security</title>
  <link>https://sahelcourier.example/security</link>
  <item>
    <title>Truce &amp; talks in Gao</title>
    <link>https://sahelcourier.example/a1</link>
    <pubDate>Mon, 03 Mar 2025 08:00:00 +0000</pubDate>
    <description><![CDATA[<p>GAO - Fighting <b>stopped</b>.</p>]]></description>
  </item>
  <item>
    <title>Second</title>
    <guid>https://sahelcourier.example/a2</guid>
    <dc:date>2025-03-04T10:00:00Z</dc:date>
    <source url="https://wire.example/">West Africa Wire</source>
    <description>Plain text &#8212; with &lt;p&gt;escaped&lt;/p&gt; markup &amp; an &nbsp; entity.</description>
    <content:encoded><![CDATA[<p>Full text of the second item.</p>]]></content:encoded>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_become_documents_with_metadata() {
        let feed = parse_feed(RSS, Format::Rss);
        assert_eq!(feed.fault, None);
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.title.as_deref(), Some("Truce & talks in Gao"));
        assert_eq!(a.url.as_deref(), Some("https://sahelcourier.example/a1"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2025, 3, 3));
        assert_eq!(a.outlet.as_deref(), Some("Sahel Courier"));
        assert_eq!(a.body, "<p>GAO - Fighting <b>stopped</b>.</p>");
        assert_eq!(a.body_kind, BodyKind::Html);
        // CDATA content maps byte for byte into the feed text.
        let at = a.body_map.to_raw(0);
        assert_eq!(&RSS[at..at + a.body.len()], a.body);
        let b = &feed.items[1];
        assert_eq!(b.url.as_deref(), Some("https://sahelcourier.example/a2"));
        assert_eq!(b.outlet.as_deref(), Some("West Africa Wire"));
        assert_eq!(b.published, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(b.body, "<p>Full text of the second item.</p>");
    }

    #[test]
    fn escaped_descriptions_are_entity_decoded_and_mapped() {
        let rss = RSS.replace(
            "<content:encoded><![CDATA[<p>Full text of the second item.</p>]]></content:encoded>",
            "",
        );
        let feed = parse_feed(&rss, Format::Rss);
        let b = &feed.items[1];
        assert_eq!(
            b.body,
            "Plain text \u{2014} with <p>escaped</p> markup & an \u{a0} entity."
        );
        assert_eq!(b.body_kind, BodyKind::Html);
        let desc = rss.find("Plain text").unwrap();
        assert_eq!(b.body_map.to_raw(0), desc);
        let dash = b.body.find('\u{2014}').unwrap();
        assert_eq!(&rss[b.body_map.to_raw(dash)..][..7], "&#8212;");
        let w = b.body.find("with").unwrap();
        assert_eq!(&rss[b.body_map.to_raw(w)..][..4], "with");
    }

    #[test]
    fn atom_entries_with_html_and_xhtml_content() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Caucasus Dispatch</title>
  <link rel="self" href="https://cd.example/feed.atom"/>
  <link href="https://cd.example/"/>
  <entry>
    <title>Border clash</title>
    <link rel="alternate" href="https://cd.example/clash"/>
    <id>tag:cd.example,2022:1</id>
    <updated>2022-09-14T09:00:00+04:00</updated>
    <published>2022-09-13T23:30:00+04:00</published>
    <author><name>Ani Petrosyan</name></author>
    <content type="html">&lt;p&gt;YEREVAN - Shelling resumed.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="html">&lt;b&gt;Truce&lt;/b&gt; holds</title>
    <updated>2022-09-15T09:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Calm <em>returned</em>.</p></div></content>
  </entry>
</feed>"#;
        let feed = parse_feed(atom, Format::Atom);
        assert_eq!(feed.fault, None);
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.url.as_deref(), Some("https://cd.example/clash"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 9, 13));
        assert_eq!(a.outlet.as_deref(), Some("Caucasus Dispatch"));
        assert_eq!(a.body, "<p>YEREVAN - Shelling resumed.</p>");
        assert_eq!(a.body_kind, BodyKind::Html);
        let b = &feed.items[1];
        assert_eq!(b.title.as_deref(), Some("Truce holds"));
        assert_eq!(b.published, NaiveDate::from_ymd_opt(2022, 9, 15));
        assert!(b.body.starts_with("<div"));
        assert!(b.body.contains("<p>Calm <em>returned</em>.</p>"));
        let at = b.body_map.to_raw(0);
        assert_eq!(&atom[at..at + b.body.len()], b.body);
    }

    #[test]
    fn truncated_feeds_keep_complete_items() {
        let cut = &RSS[..RSS.find("<dc:date>").unwrap()];
        let feed = parse_feed(cut, Format::Rss);
        assert_eq!(feed.items.len(), 1);
        assert_eq!(
            feed.fault,
            Some(FeedFault::Truncated("ends inside item 2".into()))
        );
        let mid_cdata = &RSS[..RSS.find("Fighting").unwrap()];
        let feed = parse_feed(mid_cdata, Format::Rss);
        assert!(feed.items.is_empty());
        assert!(matches!(feed.fault, Some(FeedFault::Truncated(ref d)) if d.contains("item 1")));
        let no_close = &RSS[..RSS.find("</channel>").unwrap()];
        let feed = parse_feed(no_close, Format::Rss);
        assert_eq!(feed.items.len(), 2);
        assert!(matches!(feed.fault, Some(FeedFault::Truncated(ref d)) if d.contains("</rss>")));
    }

    #[test]
    fn malformed_feeds_report_where() {
        let bad = RSS.replace("<title>Second</title>", "<title>Second</titel>");
        let feed = parse_feed(&bad, Format::Rss);
        assert_eq!(feed.items.len(), 1);
        match feed.fault {
            Some(FeedFault::Malformed { offset, .. }) => {
                assert!(offset >= bad.find("<title>Second").unwrap());
            }
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn author_credits_that_name_outlets_win_over_the_channel() {
        let rss = r#"<rss><channel><title>Aggregator</title>
<item><title>x</title><dc:creator>Kyiv Observer</dc:creator><description>t</description></item>
<item><title>y</title><author>ed@example.org (Jane Doe)</author><description>t</description></item>
</channel></rss>"#;
        let feed = parse_feed(rss, Format::Rss);
        assert_eq!(feed.items[0].outlet.as_deref(), Some("Kyiv Observer"));
        assert_eq!(feed.items[1].outlet.as_deref(), Some("Aggregator"));
    }
}
