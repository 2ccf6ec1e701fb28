//! Pieces of text inside the article body that are not article text: the
//! headline repeated above the body, ad labels, share prompts, "comments".

use super::dom::Tree;
use super::tags::Tag;
use super::text::Segment;

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
];

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
        let norm = normalise(piece);
        let tag = tree.node(seg.block).tag;
        let drop = FURNITURE_TEXTS.contains(&norm.as_str())
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
    fn headline_matches_title_with_outlet() {
        assert!(same_headline(
            "truce holds in the north daily post",
            "truce holds in the north"
        ));
        assert!(!same_headline("truce holds in the north", "truce"));
    }
}
