//! Page metadata: title, publication date, canonical URL and outlet, read
//! from `<title>`, Open Graph and other `<meta>` tags, the canonical link,
//! JSON-LD (`NewsArticle` and kin) and `<time datetime>`.

use super::dom::{NodeId, Tree};
use super::entities::decode_str;
use super::tags::Tag;
use chrono::{DateTime, NaiveDate};
use serde_json::Value;
use truce_document::Metadata;

/// Candidates seen on the page, strongest source first within each field.
#[derive(Default)]
struct Found {
    og_title: Option<String>,
    twitter_title: Option<String>,
    html_title: Option<String>,
    ld_headline: Option<String>,
    og_site: Option<String>,
    ld_publisher: Option<String>,
    app_name: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    ld_url: Option<String>,
    article_published: Option<NaiveDate>,
    ld_published: Option<NaiveDate>,
    meta_date: Option<NaiveDate>,
    time_date: Option<NaiveDate>,
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Trimmed, whitespace-collapsed, reference-decoded text; `None` when empty.
fn clean_value(raw: &str) -> Option<String> {
    let decoded = decode_str(raw, true);
    let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// The date part of a date or date-time string in the formats pages use.
pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    // "2019-11-19", "2019-11-19T10:00", "2019-11-19 10:00:00 +0000", "2019/11/19".
    if let Some(head) = s.get(..10) {
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return Some(d);
            }
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return Some(d);
        }
    }
    for fmt in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// Article types of schema.org whose fields describe the page's article.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    matches!(
        t,
        "NewsArticle"
            | "Article"
            | "ReportageNews"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "BlogPosting"
            | "LiveBlogPosting"
            | "ScholarlyArticle"
            | "Report"
            | "SocialMediaPosting"
            | "TechArticle"
    )
}

fn has_article_type(obj: &serde_json::Map<String, Value>) -> bool {
    match obj.get("@type") {
        Some(Value::String(t)) => is_article_type(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    }
}

fn json_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_value(s),
        Value::Array(items) => items.iter().find_map(|i| json_text(Some(i))),
        Value::Object(o) => json_text(o.get("name").or_else(|| o.get("@id"))),
        _ => None,
    }
}

/// Read article fields from one JSON-LD value (object, array or `@graph`).
fn read_json_ld(v: &Value, found: &mut Found, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                read_json_ld(item, found, depth + 1);
            }
        }
        Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                read_json_ld(graph, found, depth + 1);
            }
            if !has_article_type(obj) {
                return;
            }
            set(&mut found.ld_headline, json_text(obj.get("headline")));
            set(
                &mut found.ld_published,
                obj.get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(parse_date),
            );
            let publisher = obj.get("publisher").and_then(|p| match p {
                Value::Object(po) => json_text(po.get("name")),
                Value::Array(ps) => ps.iter().find_map(|p| json_text(p.get("name"))),
                _ => None,
            });
            set(&mut found.ld_publisher, publisher);
            let url = json_text(obj.get("url")).or_else(|| match obj.get("mainEntityOfPage") {
                Some(Value::String(s)) => clean_value(s),
                Some(Value::Object(o)) => json_text(o.get("@id").or_else(|| o.get("url"))),
                _ => None,
            });
            set(&mut found.ld_url, url.filter(|u| u.starts_with("http")));
        }
        _ => {}
    }
}

fn parse_json_ld(raw: &str, found: &mut Found) {
    let mut s = raw.trim();
    // Some pages wrap the JSON in an HTML comment or CDATA markers.
    for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>")] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    if let Ok(v) = serde_json::from_str::<Value>(s) {
        read_json_ld(&v, found, 0);
    }
}

fn meta_tag(tree: &Tree<'_>, id: NodeId, found: &mut Found) {
    let key = tree
        .attr(id, "property")
        .or_else(|| tree.attr(id, "name"))
        .or_else(|| tree.attr(id, "itemprop"))
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if key.is_empty() {
        return;
    }
    let Some(content) = tree.attr(id, "content") else {
        return;
    };
    let value = || clean_value(content);
    match key.as_str() {
        "og:title" => set(&mut found.og_title, value()),
        "twitter:title" => set(&mut found.twitter_title, value()),
        "og:site_name" => set(&mut found.og_site, value()),
        "application-name" => set(&mut found.app_name, value()),
        "og:url" => set(&mut found.og_url, value()),
        "article:published_time" | "og:article:published_time" => set(
            &mut found.article_published,
            value().as_deref().and_then(parse_date),
        ),
        "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "pub_date"
        | "dc.date"
        | "dc.date.issued"
        | "dc.date.created"
        | "dcterms.date"
        | "dcterms.issued"
        | "dcterms.created"
        | "sailthru.date"
        | "parsely-pub-date"
        | "datepublished"
        | "article.published"
        | "published_time"
        | "original-publish-date"
        | "citation_date"
        | "citation_publication_date"
        | "release_date" => set(
            &mut found.meta_date,
            value().as_deref().and_then(parse_date),
        ),
        _ => {}
    }
}

/// Read the page's metadata.
pub(crate) fn read(tree: &Tree<'_>) -> Metadata {
    let mut found = Found::default();
    for i in 1..tree.nodes.len() as NodeId {
        let node = tree.node(i);
        match node.tag {
            Tag::Meta => meta_tag(tree, i, &mut found),
            Tag::Title if found.html_title.is_none() => {
                found.html_title = clean_value(&tree.raw_text_of(i));
            }
            Tag::Link => {
                let rel = tree.attr(i, "rel").unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    set(
                        &mut found.canonical,
                        tree.attr(i, "href").and_then(clean_value),
                    );
                }
            }
            Tag::Script => {
                let is_ld = tree
                    .attr(i, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    parse_json_ld(&tree.raw_text_of(i), &mut found);
                }
            }
            Tag::Time if found.time_date.is_none() => {
                found.time_date = tree.attr(i, "datetime").and_then(parse_date);
            }
            _ => {}
        }
    }
    let outlet = [found.og_site, found.ld_publisher, found.app_name]
        .into_iter()
        .flatten()
        .find(|o| !o.contains("://") && !o.starts_with("www."));
    let strip = |t: String| strip_outlet_suffix(&t, outlet.as_deref());
    found.og_title = found.og_title.map(strip);
    found.twitter_title = found.twitter_title.map(strip);
    let html_title = found.html_title.map(strip);
    Metadata {
        title: found
            .og_title
            .or(found.ld_headline)
            .or(found.twitter_title)
            .or(html_title),
        published: found
            .article_published
            .or(found.ld_published)
            .or(found.meta_date)
            .or(found.time_date),
        url: found
            .og_url
            .filter(|u| u.starts_with("http"))
            .or(found.canonical)
            .or(found.ld_url),
        outlet,
    }
}

/// "Headline | Outlet" -> "Headline" when the suffix is the outlet's name.
fn strip_outlet_suffix(title: &str, outlet: Option<&str>) -> String {
    if let Some(outlet) = outlet {
        for sep in [" | ", " - ", " — ", " – ", " :: "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if tail.trim().eq_ignore_ascii_case(outlet.trim()) && !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        read(&Tree::parse(html))
    }

    #[test]
    fn open_graph_and_canonical() {
        let m = meta_of(
            r#"<html><head><title>Truce holds | Daily Post</title>
            <meta property="og:title" content="Truce holds in the north &amp; east">
            <meta property="og:site_name" content="Daily Post">
            <link rel="canonical" href="https://example.org/truce">
            <meta property="article:published_time" content="2024-03-05T08:00:00+02:00">
            </head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Truce holds in the north & east"));
        assert_eq!(m.outlet.as_deref(), Some("Daily Post"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/truce"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 3, 5));
    }

    #[test]
    fn json_ld_news_article_in_a_graph() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"Talks resume","datePublished":"2023-11-02",
               "publisher":{"@type":"Organization","name":"The Ledger"},
               "url":"https://example.com/talks"}]}</script><p>x</p>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Talks resume"));
        assert_eq!(m.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/talks"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2023, 11, 2));
    }

    #[test]
    fn title_time_and_meta_date_fallbacks() {
        let m = meta_of(
            "<title>Shelling &#8211; day 3 - Gazette</title><meta name=\"application-name\" content=\"Gazette\">\
             <meta name=\"date\" content=\"2022/01/09\"><time datetime=\"2021-05-06\">May</time>",
        );
        assert_eq!(m.title.as_deref(), Some("Shelling – day 3"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2022, 1, 9));
        let m = meta_of("<p>Posted <time datetime=\"2021-05-06T10:00Z\">May 6</time></p>");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2021, 5, 6));
    }

    #[test]
    fn outlet_that_is_a_url_is_skipped() {
        let m = meta_of(
            r#"<meta property="og:site_name" content="https://www.example.in">
            <meta property="og:title" content="Fact check: an oxygen bar - Example News">
            <meta name="application-name" content="Example News">"#,
        );
        assert_eq!(m.outlet.as_deref(), Some("Example News"));
        assert_eq!(m.title.as_deref(), Some("Fact check: an oxygen bar"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta_of(r#"<script type="application/ld+json">{"@type":"NewsArticle",</script>"#);
        assert_eq!(m, Metadata::default());
    }

    #[test]
    fn date_formats() {
        for s in [
            "2019-11-19",
            "2019-11-19T10:00:00Z",
            "2019-11-19 10:00:00 +0000",
            "Tue, 19 Nov 2019 10:00:00 GMT",
            "20191119",
            "November 19, 2019",
        ] {
            assert_eq!(parse_date(s), NaiveDate::from_ymd_opt(2019, 11, 19), "{s}");
        }
        assert_eq!(parse_date("yesterday"), None);
    }
}
