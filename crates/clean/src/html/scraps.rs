//! Pieces of text inside the article body that are not article text: the
//! headline repeated above the body, ad labels, share prompts, "comments".

use super::dom::Tree;
use super::tags::Tag;
use super::text::Segment;
use regex::Regex;
use std::sync::OnceLock;

/// Whole-block texts (normalised: lower case, words only) that are page
/// furniture wherever they appear.
const FURNITURE_TEXTS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "anzeige",
    "werbung",
    "publicité",
    "publicite",
    "publicidad",
    "publicidade",
    "pubblicità",
    "реклама",
    "sponsored",
    "sponsored content",
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "like this",
    "like this story share it with a friend",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "read more",
    "continue reading",
    "see also",
    "loading",
    "this slideshow requires javascript",
    "click here",
    "print",
    "email",
    "subscribe",
    "sign up",
    "tags",
    "topics",
    "skip to content",
    "skip advertisement",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "tell us what you think",
    "you may also like",
    "you might also like",
    "related news",
    "more stories",
    "recommended",
    "trending",
    "most read",
    "most popular",
    "follow us",
    "newsletter",
];

/// A short line that is only a date stamp (with "Published", "Updated"...)
/// or a gallery counter. (Copyright lines stay: news bodies often end
/// with the agency's notice.)
fn is_stamp(piece: &str) -> bool {
    static STAMP: OnceLock<Option<Regex>> = OnceLock::new();
    let re = STAMP.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)^(?:(?:published|updated|posted|last updated|first published|publicado|publié)\b.{0,20}?)?",
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?",
            r"(?:",
            r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}",
            r"|\d{4}-\d{2}-\d{2}",
            r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
            r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}",
            r")",
            r"(?:[\s,|at-]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?\W*",
            r"(?:\s*[-|]\s*(?:publicado|published|by|posted|por)\b.*)?$",
        ))
        .ok()
    });
    if piece.len() > 160 {
        return false;
    }
    let lower = piece.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("image ")
        .or_else(|| lower.strip_prefix("photo "))
    {
        let parts: Vec<&str> = rest.split_whitespace().collect();
        if parts.len() == 3 && parts[1] == "of" && parts[0].parse::<u32>().is_ok() {
            return true;
        }
    }
    re.as_ref().is_some_and(|re| re.is_match(piece.trim()))
}

/// Lower-case words of `s` joined by single spaces.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Which segments of a rendered body to keep; `None` keeps them all.
pub(crate) fn choose(
    tree: &Tree<'_>,
    text: &str,
    segments: &[Segment],
    title: Option<&str>,
) -> Option<Vec<bool>> {
    let title = title.map(normalise).filter(|t| !t.is_empty());
    let mut keep = vec![true; segments.len()];
    let mut changed = false;
    for (k, seg) in segments.iter().enumerate() {
        let piece = text.get(seg.range.clone()).unwrap_or("").trim();
        if piece.is_empty() || piece.len() > 200 {
            continue;
        }
        let tag = tree.node(seg.block).tag;
        let norm = normalise(piece);
        let drop = FURNITURE_TEXTS.contains(&norm.as_str())
            || is_stamp(piece)
            || tag == Tag::H1
            || (tag.is_heading() && title.as_deref().is_some_and(|t| same_headline(t, &norm)));
        if drop {
            keep[k] = false;
            changed = true;
        }
    }
    changed.then_some(keep)
}

/// Whether a heading repeats the page title (the title may carry the outlet).
fn same_headline(title: &str, heading: &str) -> bool {
    !heading.is_empty()
        && (title == heading || title.starts_with(heading) && heading.len() * 2 > title.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_texts() {
        assert_eq!(
            normalise("  Like this story? Share it with a friend! "),
            "like this story share it with a friend"
        );
        assert_eq!(normalise("РЕКЛАМА"), "реклама");
    }

    #[test]
    fn stamps() {
        for s in [
            "October 12, 2017",
            "Published November 20th, 2019 - 07:50 GMT",
            "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde",
            "First Published on Nov 20, 2019 01:38 pm",
            "Tuesday November 19, 2019",
            "Image 3 of 5",
            "2019-11-19 10:42",
        ] {
            assert!(is_stamp(s), "{s}");
        }
        for s in [
            "On October 12, 2017 the talks collapsed after a night of shelling.",
            "The bottom line ...",
            "Image of the day",
        ] {
            assert!(!is_stamp(s), "{s}");
        }
    }

    #[test]
    fn headline_matches_title_with_outlet() {
        assert!(same_headline(
            "truce holds in the north daily post",
            "truce holds in the north"
        ));
        assert!(!same_headline("truce holds in the north", "truce"));
    }
}
