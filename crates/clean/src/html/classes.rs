//! What an element's `class`, `id` and `role` say about it: page furniture
//! (navigation, share bars, comments, cookie banners...) or article body.

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
];

/// Read the hints of one element from its class, id and role values.
///
/// Each class name (and the id) is split into words; the last word that
/// means something decides for that name, as in `article-body` (content)
/// versus `article-meta` (furniture). The element is furniture when some
/// name says furniture and none says content.
pub(crate) fn hints(class: &str, id: &str, role: &str) -> NameHints {
    let mut h = NameHints::default();
    let role = role.trim();
    if [
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
    ]
    .iter()
    .any(|r| role.eq_ignore_ascii_case(r))
    {
        h.furniture = true;
    }
    if role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article") {
        h.content = true;
    }
    let mut furniture_name = false;
    for value in [class, id] {
        if value.is_empty() {
            continue;
        }
        let lower = value.to_ascii_lowercase();
        for name in lower.split_ascii_whitespace() {
            if name.contains("comment") {
                furniture_name = true;
                continue;
            }
            let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
            if BODY_NAMES.iter().any(|b| squashed.contains(b)) {
                h.body = true;
            }
            let mut verdict = None;
            for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.is_empty() {
                    continue;
                }
                // "content-with-sidebar", "has-comments": what follows only modifies.
                if MODIFIER_WORDS.contains(&word) {
                    break;
                }
                if CONTENT_WORDS.contains(&word) {
                    verdict = Some(true);
                } else if FURNITURE_WORDS.contains(&word)
                    || FURNITURE_FRAGMENTS.iter().any(|f| word.contains(f))
                {
                    verdict = Some(false);
                }
            }
            match verdict {
                Some(true) => h.content = true,
                Some(false) => furniture_name = true,
                None => {}
            }
        }
    }
    if furniture_name && !h.content {
        h.furniture = true;
    }
    if h.body {
        h.content = true;
        h.furniture = false;
    }
    h
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
