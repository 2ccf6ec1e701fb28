//! Recognising lines that are not article text: page numbers, bare links,
//! "Related article" teasers, photo credits, bylines, share and print
//! buttons, advertisements.
//!
//! Each test looks at one trimmed line; what the line means in its
//! context (a caption above a credit, a URL wrapped over two lines) is
//! decided in `text.rs`. Regexes are compiled once.

use regex::Regex;
use std::sync::LazyLock;

/// Lines longer than this are never furniture: furniture is short.
const SHORT: usize = 160;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:page|p\.|pg\.?|seite|stránka)\s*\d{1,4}(?:\s*(?:/|of|von|sur)\s*\d{1,4})?
          | \d{1,4}\s*(?:/|of)\s*\d{1,4}
          | \d{1,4}\s*\|\s*(?:p\s?a\s?g\s?e)
          | (?:page)\s*\|\s*\d{1,4}
          | [-–—=~*\s]*\[?\(?\d{1,4}\)?\]?[-–—=~*\s]*
        )$",
    )
    .expect("page number pattern")
});

static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^<?(?:https?://|www\.)[^\s<>]+>?$").expect("url line pattern")
});

static URL_CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9\-._~%/?#=&+;,@!$*]+$").expect("url continuation pattern")
});

static ORIGINAL_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:original\s+(?:url|link|article|story)|source\s+(?:url|link)|canonical(?:\s+url)?
            |article\s+(?:url|link)|permalink|url|link|read\s+(?:it\s+)?online(?:\s+at)?
            |(?:this\s+article\s+)?(?:is\s+)?available\s+(?:online\s+)?at|retrieved\s+from|source)
            \s*:\s*(?P<rest>\S*)$",
    )
    .expect("original url pattern")
});

static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:related(?:\s+(?:article|articles|story|stories|content|coverage|reading|news|links?))?
            |read\s+(?:more|also|next)|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?
            |recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|further\s+reading|more\s+from|watch|listen)
            \s*[:|»>–—-]",
    )
    .expect("related pattern")
});

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            advertisement|advertising|sponsored(?:\s+content)?|ad|story\s+continues\s+(?:below|after\s+advertisement)
          | (?:share|print|email|e-mail|tweet|save|comment|comments|copy\s+link|listen)
              (?:\s+(?:this|the))?(?:\s+(?:article|story|page|link))?
              (?:\s+(?:on|via)\s+\w+)?
          | (?:share|follow\s+us)\s+(?:on\s+)?(?:facebook|twitter|x|whatsapp|telegram|linkedin|email)(?:[\s,|/]+\w+)*
          | (?:facebook|twitter|whatsapp|telegram|linkedin|reddit|email|print)(?:\s*[|/·•]\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|print))+
          | subscribe(?:\s+now|\s+to\s+.{0,60})?
          | sign\s+up(?:\s+(?:for|to)\s+.{0,80})?
          | click\s+here\b.{0,80}
          | (?:©|\(c\)|copyright\b).{0,120}
          | all\s+rights\s+reserved\.?
          | (?:\d+\s+)?comments?
          | (?:\d+\s+min(?:ute)?s?\s+read)
          | (?:back\s+to\s+top|top\s+of\s+page|continue\s+reading|read\s+the\s+full\s+(?:article|story))
          | (?:this\s+article\s+(?:was|has\s+been)\s+(?:printed|downloaded|saved)\s+from.{0,120})
          | (?:printed|downloaded|saved)\s+(?:from|on)\s.{0,120}
        )[.:!]?$",
    )
    .expect("boilerplate pattern")
});

static PHOTO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\(?(?:photo(?:graph)?s?|image|images|picture|pic|credit|photo\s+credit|foto|illustration|video|graphic)
            (?:\s+(?:by|courtesy\s+of)\s+\p{Lu}|(?:\s+(?:credit|courtesy))?\s*[:|/©-]\s*\S)",
    )
    .expect("photo label pattern")
});

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[Bb]y|BY)\s+\p{Lu}").expect("byline pattern"));

static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)(?:\s+by|:)\s.{0,200}
            (?:editing|writing|reporting)\s+by\s.{0,200})$",
    )
    .expect("trailer pattern")
});

/// Words that may stand lower-case inside a name ("Handout via Reuters").
const NAME_LINKS: &[&str] = &[
    "via", "of", "the", "and", "for", "de", "da", "di", "del", "der", "van", "von", "al", "el",
    "bin", "la", "le", "du", "y", "&", "for", "from", "courtesy",
];

/// Photo agencies and picture desks that sign credits on their own.
const PICTURE_DESKS: &[&str] = &[
    "afp",
    "ap",
    "ap photo",
    "reuters",
    "getty images",
    "afp/getty images",
    "epa",
    "epa-efe",
    "tass",
    "xinhua",
    "anadolu",
    "anadolu agency",
    "shutterstock",
    "alamy",
    "handout",
    "pool",
    "ria novosti",
    "sputnik",
    "dpa",
    "pa",
    "pa images",
    "pa wire",
];

/// A page number or page counter ("Page 1 of 2", "- 3 -", "12").
pub(crate) fn is_page_number(t: &str) -> bool {
    t.len() <= 40 && t.bytes().any(|b| b.is_ascii_digit()) && PAGE_NUMBER.is_match(t)
}

/// A line that is nothing but a link.
pub(crate) fn is_url_line(t: &str) -> bool {
    t.len() >= 8
        && matches!(t.as_bytes()[0], b'h' | b'H' | b'w' | b'W' | b'<')
        && URL_LINE.is_match(t)
}

/// A browser's print footer: the page's URL and a page counter
/// ("https://example.org/story 1/3"); yields the URL.
pub(crate) fn url_footer(t: &str) -> Option<&str> {
    let (url, counter) = t.rsplit_once(char::is_whitespace)?;
    let url = url.trim_end();
    (is_url_line(url) && is_page_number(counter)).then_some(url)
}

/// Could this line be the tail of a URL broken over two lines?
pub(crate) fn is_url_continuation(t: &str) -> bool {
    if t.is_empty() || t.len() > 300 || URL_LINE.is_match(t) {
        return false;
    }
    // A plain capitalised word is more likely text than the rest of a link.
    let url_punct = t.bytes().any(|b| b"-._/?#=&%".contains(&b));
    let lower_alnum = t
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (url_punct || lower_alnum) && URL_CONTINUATION.is_match(t)
}

/// An "Original url:" label; yields the URL when it follows on the same line.
pub(crate) fn original_url_label(t: &str) -> Option<&str> {
    // The label ends in a colon close to the start of the line.
    if t.len() > SHORT || !t.as_bytes()[..t.len().min(48)].contains(&b':') {
        return None;
    }
    let caps = ORIGINAL_URL.captures(t)?;
    let rest = caps.name("rest").map(|m| m.as_str()).unwrap_or("");
    let plain_source = t.len() >= 6 && t[..6].eq_ignore_ascii_case("source");
    // "Source: Reuters" names an agency, not a link.
    if plain_source && !(rest.is_empty() || is_url_line(rest)) {
        return None;
    }
    if !rest.is_empty() && !is_url_line(rest) {
        return None;
    }
    Some(rest)
}

/// A "Related article: ..." teaser or similar link to another story.
pub(crate) fn is_related(t: &str) -> bool {
    t.len() <= 2 * SHORT && RELATED.is_match(t)
}

/// Share and print buttons, advertisements, copyright lines, sign-up prompts.
pub(crate) fn is_boilerplate(t: &str) -> bool {
    t.len() <= SHORT && BOILERPLATE.is_match(t)
}

/// "Reporting by ...; Editing by ..." at the foot of wire copy.
pub(crate) fn is_trailer(t: &str) -> bool {
    t.len() <= 2 * SHORT && TRAILER.is_match(t)
}

/// "By Jane Doe" or "By Jane Doe and John Roe, Reuters".
pub(crate) fn is_byline(t: &str) -> bool {
    if t.len() > 120 || !BYLINE.is_match(t) || ends_sentence(t) && !t.ends_with("Jr.") {
        return false;
    }
    let rest = t
        .split_once(char::is_whitespace)
        .map(|(_, r)| r)
        .unwrap_or("");
    // Past the names may come a date or an outlet ("| 4 August 2023").
    let names = rest.split(['|', '·', '•', '—', '–']).next().unwrap_or(rest);
    names_only(names.split(',').flat_map(|p| p.split(" and ")))
}

static PAREN_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:(?:photo(?:graph)?|image|picture|credit)s?\b[^()]{0,60}|[^()]{0,40}/[^()]{0,40})\)$")
        .expect("parenthesised credit pattern")
});

/// A caption line that ends in its credit: "... in Rafah. (Photo: Jane Roe)"
/// or "... in Rafah. Jane Roe / AFP".
pub(crate) fn ends_with_credit(t: &str) -> bool {
    if t.len() > 400 {
        return false;
    }
    if t.ends_with(')') {
        if PAREN_CREDIT.is_match(t) {
            return true;
        }
        if let Some(m) = PAREN_TAIL.find(t) {
            let inner = t[m.start()..].trim_matches(['(', ')', ' ']);
            if is_picture_desk(inner) {
                return true;
            }
        }
    }
    // A credit after the caption's last sentence.
    let Some((end, mark)) = t
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | '"' | '”'))
    else {
        return false;
    };
    let tail = t[end + mark.len_utf8()..].trim();
    !tail.is_empty() && tail.contains('/') && is_credit(tail)
}

static PAREN_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]{1,30}\)$").expect("parenthesised tail pattern"));

/// A photo credit ("Jane Doe / AFP", "Photo: Jane Doe", "AFP/Getty Images").
pub(crate) fn is_credit(t: &str) -> bool {
    if t.len() > 120 || t.ends_with('.') && !t.ends_with("Inc.") {
        return false;
    }
    if PHOTO_LABEL.is_match(t) {
        return true;
    }
    if t.len() <= 24 && is_picture_desk(t.trim_matches(['(', ')'])) {
        return true;
    }
    // "Jane Roe for Example Agency", "AFP via Getty Images": names ending in a picture desk.
    if let Some((_, last)) = t.rsplit_once([' ', '/']) {
        let tail2 = t.rsplitn(3, ' ').take(2).collect::<Vec<_>>();
        let desk_end = is_picture_desk(last)
            || tail2.len() == 2 && is_picture_desk(&format!("{} {}", tail2[1], tail2[0]));
        if desk_end && t.split_whitespace().count() <= 8 && names_only(std::iter::once(t)) {
            return true;
        }
    }
    if !t.contains('/') {
        return false;
    }
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    // Names carry no lists or labels: "Path A: Iceland, Norway/Serbia" is not a credit.
    if parts.len() > 4
        || parts
            .iter()
            .any(|p| p.is_empty() || p.contains([',', ':', '*', ';']))
    {
        return false;
    }
    // Every part is a short capitalised name; at least one has a space or
    // is a picture desk (so "YEREVAN/BAKU" alone is not a credit).
    let spaced = parts.iter().any(|p| p.contains(' ')) || parts.iter().any(|p| is_picture_desk(p));
    spaced
        && parts
            .iter()
            .all(|p| p.split_whitespace().count() <= 6 && names_only(std::iter::once(*p)))
}

fn is_picture_desk(t: &str) -> bool {
    PICTURE_DESKS.iter().any(|d| d.eq_ignore_ascii_case(t))
}

/// True when every word of every part is capitalised (or a linking word
/// such as "via", "of"), with no digits: the shape of names.
fn names_only<'a>(parts: impl Iterator<Item = &'a str>) -> bool {
    let mut words = 0;
    for part in parts {
        for w in part.split_whitespace() {
            let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '"' | '\'' | ':'));
            if w.is_empty() {
                continue;
            }
            words += 1;
            if NAME_LINKS.contains(&w.to_lowercase().as_str()) {
                continue;
            }
            let first = w.chars().next().unwrap_or(' ');
            if !first.is_uppercase() || w.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
        }
    }
    words > 0
}

/// Does the line end a sentence (., !, ?, or those inside closing quotes)?
pub(crate) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Does the line end in a way that closes a paragraph (sentence end, colon,
/// or a closing quote)?
pub(crate) fn ends_paragraph(t: &str) -> bool {
    ends_sentence(t) || t.ends_with([':', '"', '”', '’', '»'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "Page 1 of 2",
            "Page 1/2",
            "-- 2 --",
            "3",
            "- 14 -",
            "p. 4",
            "2/3",
            "[5]",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["Page one", "2020 was a year", "T-72", "1990s"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn url_lines_and_continuations() {
        assert!(is_url_line("https://example.org/2021/03/04/some-story"));
        assert!(is_url_line("www.example.org/x"));
        assert!(!is_url_line("https://example.org/x and more"));
        assert!(is_url_continuation("ory-a1234"));
        assert!(is_url_continuation("abc123"));
        assert!(!is_url_continuation("Dispute"));
        assert!(!is_url_continuation("two words"));
        assert_eq!(
            url_footer("https://example.org/2020/01/02/story 1/3"),
            Some("https://example.org/2020/01/02/story")
        );
        assert_eq!(url_footer("https://example.org/x and more"), None);
    }

    #[test]
    fn original_url_labels() {
        assert_eq!(original_url_label("Original url:"), Some(""));
        assert_eq!(
            original_url_label("Source: https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(original_url_label("Source: Reuters"), None);
        assert_eq!(original_url_label("The url: is odd"), None);
    }

    #[test]
    fn related_teasers() {
        assert!(is_related("Related article: Talks Resume in Geneva"));
        assert!(is_related("READ MORE: Why the talks failed"));
        assert!(is_related("See also - The long road to peace"));
        assert!(!is_related("Related talks were held on Monday."));
    }

    #[test]
    fn boilerplate_lines() {
        for t in [
            "Advertisement",
            "ADVERTISEMENT",
            "Share this article",
            "Print",
            "Share on Facebook",
            "Facebook | Twitter | Email",
            "© 2021 Example Media. All rights reserved.",
            "Sign up for our newsletter",
            "4 min read",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
        for t in [
            "Share prices fell sharply on Monday.",
            "Printing presses stopped.",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
    }

    #[test]
    fn credits() {
        for t in [
            "Jane Roe / AFP",
            "Photo: Jan Novak / Daily Example",
            "Defence Ministry / Handout via Reuters",
            "AFP/Getty Images",
            "Reuters",
            "Picture: Ann Lee",
            "Photo by Ann Lee/Example Agency",
            "AFP via Getty Images",
            "Jan Novak for Reuters",
        ] {
            assert!(is_credit(t), "{t}");
        }
        for t in [
            "NORTHTOWN/SOUTHTOWN - Two towns said on Monday that",
            "The talks/negotiations went on.",
            "He said the 24/7 patrols would go on",
            "NORTHTOWN/SOUTHTOWN",
            "Photographs of the dead were shown on television",
            "Talks with Reuters",
            "Group A: Northland, Eastland/Westland",
        ] {
            assert!(!is_credit(t), "{t}");
        }
    }

    #[test]
    fn captions_ending_in_their_credit() {
        for t in [
            "Smoke rises over the ridge on Monday. (Photo: Jane Roe)",
            "Smoke rises over the ridge on Monday. (Jane Roe/Example Agency)",
            "Smoke rises over the ridge on Monday. (AFP)",
            "Smoke rises over the ridge on Monday. Jane Roe / Example Agency",
            "“Smoke rises over the ridge,” she said. Jane Roe / Example Agency",
        ] {
            assert!(ends_with_credit(t), "{t}");
        }
        for t in [
            "The ministry said 40 people were hurt (of whom 12 seriously)",
            "Talks resumed on Monday. They will go on.",
            "Both sides said 24/7 patrols would go on.",
            "“Vote on the 5th for your Governor, @Example!” the post said",
        ] {
            assert!(!ends_with_credit(t), "{t}");
        }
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Jane Roe"));
        assert!(is_byline("By Jane Roe and John Doe, Reuters"));
        assert!(is_byline("By Ana de la Cruz | 4 May 2021"));
        assert!(!is_byline("By the end of the day the guns fell silent."));
        assert!(!is_byline(
            "By Monday fighting had resumed in several villages"
        ));
    }

    #[test]
    fn trailers() {
        assert!(is_trailer("Reporting by Jane Roe; Editing by John Doe"));
        assert!(!is_trailer(
            "Reporting by local media suggested the toll was higher."
        ));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("he said."));
        assert!(ends_sentence("\"now.\""));
        assert!(!ends_sentence("a regional conflict with"));
        assert!(ends_paragraph("as follows:"));
    }
}
