//! What an element's `class`, `id` and `role` say about it: page furniture
//! (navigation, share bars, comments, cookie banners...) or article body.

use std::collections::HashMap;

/// The verdict on one element's names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NameHints {
    /// Names of page furniture: drop unless it holds most of the page.
    pub furniture: bool,
    /// Names of an article body or main content.
    pub content: bool,
    /// Names that only an article body has (`article-body`, `entry-content`...).
    pub body: bool,
}

/// Squashed names (separators removed) that mark an article body.
const BODY_NAMES: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "articleinner",
    "storybody",
    "storycontent",
    "storytext",
    "entrycontent",
    "entrybody",
    "entrytext",
    "postcontent",
    "postbody",
    "posttext",
    "postentry",
    "newsbody",
    "newscontent",
    "newstext",
    "bodytext",
    "contentbody",
    "textcontent",
    "richtext",
    "blogpost",
    "singlepost",
];

/// Whole words (split on non-alphanumerics) that mark furniture.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "adslot",
    "adunit",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "agegate",
    "alert",
    "author",
    "authors",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "bylines",
    "caption",
    "complementary",
    "contentinfo",
    "credit",
    "credits",
    "dateline",
    "disclaimer",
    "dfp",
    "follow",
    "footer",
    "footnotes",
    "gallery",
    "hidden",
    "hide",
    "infobox",
    "kicker",
    "login",
    "masthead",
    "menu",
    "meta",
    "modal",
    "more",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "overlay",
    "pagination",
    "pager",
    "popular",
    "popup",
    "print",
    "promo",
    "promotion",
    "rating",
    "recirc",
    "recirculation",
    "recommendations",
    "recommended",
    "register",
    "related",
    "reply",
    "rss",
    "search",
    "signup",
    "skip",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "tags",
    "taglist",
    "teaser",
    "teasers",
    "timestamp",
    "toolbar",
    "tools",
    "tooltip",
    "topics",
    "trending",
    "widget",
    "widgets",
];

/// Fragments that mark furniture anywhere inside a name (compound names
/// such as `socialShare`, `relatedposts`, `cookiebanner`).
const FURNITURE_FRAGMENTS: &[&str] = &[
    "adsbygoogle",
    "advertis",
    "breadcrumb",
    "comment",
    "consent",
    "cookie",
    "disqus",
    "facebook",
    "gdpr",
    "linkedin",
    "newsletter",
    "outbrain",
    "pinterest",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsor",
    "subscri",
    "taboola",
    "whatsapp",
    "youmaylike",
    "readmore",
    "mostread",
    "mostpopular",
    "navbar",
    "menu",
    "footer",
    "header",
    "signup",
    "promo",
    "widget",
    "recommend",
    "byline",
    "copyright",
    "caption",
];

/// Words after which the rest of a name describes a variant, not the element.
const MODIFIER_WORDS: &[&str] = &[
    "with", "has", "no", "without", "show", "is", "enable", "enabled",
];

/// Words that mark the article body or main content.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "prose",
    "embed",
    "tweet",
];

/// What one class or id value says (before combining with the others).
#[derive(Debug, Clone, Copy, Default)]
struct ValueVerdict {
    furniture: bool,
    content: bool,
    body: bool,
}

/// What one word of a class name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Nothing,
    Modifier,
    Content,
    Furniture,
}

fn judge_word(word: &str) -> Word {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        Word::Nothing
    } else if MODIFIER_WORDS.contains(&word) {
        Word::Modifier
    } else if CONTENT_WORDS.contains(&word) {
        Word::Content
    } else if FURNITURE_WORDS.contains(&word)
        || FURNITURE_FRAGMENTS.iter().any(|f| word.contains(f))
    {
        Word::Furniture
    } else {
        Word::Nothing
    }
}

/// Whether a class name names an article body (`article-body`, `entryContent`).
fn is_body_name(name: &str) -> bool {
    if !["body", "content", "text", "post", "entry", "inner"]
        .iter()
        .any(|w| name.contains(w))
    {
        return false;
    }
    let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    BODY_NAMES.iter().any(|b| squashed.contains(b))
}

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
    "toolbar",
    "tablist",
];

/// What one class name (or id) says.
fn judge_name(name: &str) -> ValueVerdict {
    let mut v = ValueVerdict::default();
    if name.contains("comment") {
        v.furniture = true;
        return v;
    }
    v.body = is_body_name(name);
    let mut verdict = Word::Nothing;
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        match judge_word(word) {
            // "content-with-sidebar", "has-comments": what follows only modifies.
            Word::Modifier => break,
            Word::Nothing => {}
            w => verdict = w,
        }
    }
    match verdict {
        Word::Content => v.content = true,
        Word::Furniture => v.furniture = true,
        _ => {}
    }
    v
}

/// Verdicts memoised per page: pages repeat the same class strings and
/// names on hundreds of elements.
#[derive(Default)]
pub(crate) struct HintCache<'a> {
    values: HashMap<&'a str, ValueVerdict>,
    names: HashMap<String, ValueVerdict>,
}

impl<'a> HintCache<'a> {
    fn verdict(&mut self, value: &'a str) -> ValueVerdict {
        if value.is_empty() {
            return ValueVerdict::default();
        }
        if let Some(v) = self.values.get(value) {
            return *v;
        }
        let v = self.value_verdict(value);
        self.values.insert(value, v);
        v
    }

    /// Judge one class or id value. Each class name is split into words; the
    /// last word that means something decides for that name, as in
    /// `article-body` (content) versus `article-meta` (furniture).
    fn value_verdict(&mut self, value: &str) -> ValueVerdict {
        let mut v = ValueVerdict::default();
        let lower;
        let value = if value.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = value.to_ascii_lowercase();
            lower.as_str()
        } else {
            value
        };
        for name in value.split_ascii_whitespace() {
            let n = match self.names.get(name) {
                Some(n) => *n,
                None => {
                    let n = judge_name(name);
                    self.names.insert(name.to_string(), n);
                    n
                }
            };
            v.furniture |= n.furniture;
            v.content |= n.content;
            v.body |= n.body;
        }
        v
    }

    /// The hints of one element from its class, id and role values. The
    /// element is furniture when some name says furniture and none says
    /// content; an article-body name always wins.
    pub fn hints(&mut self, class: &'a str, id: &'a str, role: &str) -> NameHints {
        let mut h = NameHints::default();
        let role = role.trim();
        if !role.is_empty() {
            h.furniture = FURNITURE_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r));
            h.content = role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article");
        }
        let (c, i) = (self.verdict(class), self.verdict(id));
        h.content |= c.content || i.content;
        h.body = c.body || i.body;
        if (c.furniture || i.furniture) && !h.content {
            h.furniture = true;
        }
        if h.body {
            h.content = true;
            h.furniture = false;
        }
        h
    }
}

/// The hints of one element (uncached).
#[cfg(test)]
fn hints(class: &str, id: &str, role: &str) -> NameHints {
    HintCache::default().hints(class, id, role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_names() {
        assert!(hints("site-nav", "", "").furniture);
        assert!(hints("socialShareBar", "", "").furniture);
        assert!(hints("", "cookie-notice", "").furniture);
        assert!(hints("", "", "navigation").furniture);
        assert!(hints("ad-slot", "", "").furniture);
        assert!(hints("article-comments", "", "").furniture);
    }

    #[test]
    fn the_last_meaningful_word_decides() {
        let h = hints("article-body", "", "");
        assert!(h.content && !h.furniture);
        assert!(!hints("main-content with-header", "", "").furniture);
        assert!(hints("article-comments", "", "").furniture);
        assert!(hints("article-meta", "", "").furniture);
        assert!(!hints("", "story-body", "").furniture);
        assert!(hints("", "story-body", "").body);
        assert!(hints("comment-body", "", "").furniture);
        assert!(!hints("content-with-sidebar-wrp", "", "").furniture);
        assert!(!hints("has-sidebar", "", "").furniture);
    }

    #[test]
    fn ordinary_words_are_not_furniture() {
        for c in [
            "headline-wrapper",
            "loaded",
            "shadowed",
            "address",
            "layout",
        ] {
            assert!(!hints(c, "", "").furniture, "{c}");
        }
    }
}
