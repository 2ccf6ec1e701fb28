//! Which outlet published a feed item: the item's `<source>`, an author
//! credit that names an outlet, or the outlet part of the feed's title.

/// Words that mark a name as a news outlet rather than a person.
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "wire",
    "press",
    "agency",
    "media",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "daily",
    "weekly",
    "chronicle",
    "observer",
    "guardian",
    "telegraph",
    "monitor",
    "dispatch",
    "reporter",
    "express",
    "courier",
    "standard",
    "independent",
    "reuters",
    "bulletin",
    "dispatches",
    "insider",
    "network",
];

/// Separators between an outlet and a section in feed titles.
const SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | ", " :: ", " · ", ": ", " / "];

/// Host labels that say nothing about the outlet.
const GENERIC_HOST_LABELS: &[&str] = &[
    "www", "rss", "feeds", "feed", "com", "org", "net", "co", "uk", "int", "info", "gov", "edu",
    "ac",
];

/// True when a credit names an outlet (a name with a newsroom word, or an
/// agency acronym such as AFP) rather than a person.
pub(crate) fn names_outlet(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    if words.len() == 1 {
        let w = words[0];
        if (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase()) {
            return true;
        }
    }
    words
        .iter()
        .any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The outlet named in an author credit ("Jane Doe, Kyiv Observer" → "Kyiv Observer").
pub(crate) fn outlet_in_credit(credit: &str) -> Option<String> {
    let credit = credit.trim();
    let credit = credit
        .strip_prefix("By ")
        .or_else(|| credit.strip_prefix("by "))
        .unwrap_or(credit);
    credit
        .split([',', '|', ';', '/'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" for "))
        .map(strip_staff)
        .find(|p| names_outlet(p))
        .map(str::to_string)
}

/// "Frontline Wire staff" → "Frontline Wire".
fn strip_staff(part: &str) -> &str {
    let part = part.trim();
    for suffix in [
        " staff",
        " desk",
        " team",
        " reporters",
        " correspondents",
        " correspondent",
    ] {
        if part.len() > suffix.len()
            && part
                .get(part.len() - suffix.len()..)
                .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
        {
            return part[..part.len() - suffix.len()].trim_end();
        }
    }
    part
}

/// The outlet part of a feed title ("Frontline Wire - Ceasefires",
/// "World news | The Guardian"), chosen by the feed's home link, by an
/// author credit that matches, or by a newsroom word; else the first part.
pub(crate) fn outlet_from_feed_title(
    title: &str,
    link: Option<&str>,
    credits: &[&str],
) -> Option<String> {
    let mut parts = vec![title.trim()];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.len() {
        0 => return None,
        1 => return Some(parts[0].to_string()),
        _ => {}
    }
    if let Some(p) = parts
        .iter()
        .find(|p| credits.iter().any(|c| c.trim().eq_ignore_ascii_case(p)))
    {
        return Some(p.to_string());
    }
    let labels = link.map(host_labels).unwrap_or_default();
    if let Some(p) = parts.iter().find(|p| {
        let squashed = squash(p);
        squashed.len() >= 2
            && labels
                .iter()
                .any(|l| squashed.contains(l.as_str()) || l.contains(squashed.as_str()))
    }) {
        return Some(p.to_string());
    }
    if let Some(p) = parts.iter().find(|p| names_outlet(p)) {
        return Some(p.to_string());
    }
    Some(parts[0].to_string())
}

/// Lower-case letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The distinctive labels of a URL's host ("https://www.bbc.co.uk/x" → ["bbc"]).
fn host_labels(url: &str) -> Vec<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    labels
        .into_iter()
        .enumerate()
        // The last label is the top-level domain.
        .filter(|(i, l)| *i + 1 < n && l.len() >= 3 && !GENERIC_HOST_LABELS.contains(l))
        .map(|(_, l)| l.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_that_name_outlets() {
        assert!(names_outlet("Frontline Wire"));
        assert!(names_outlet("AFP"));
        assert!(names_outlet("The Moscow Times"));
        assert!(!names_outlet("Jane Doe"));
        assert!(!names_outlet("editor@example.org (Jane Doe)"));
        assert_eq!(
            outlet_in_credit("By Jane Doe, Kyiv Observer").as_deref(),
            Some("Kyiv Observer")
        );
        assert_eq!(
            outlet_in_credit("Caucasus Dispatch staff").as_deref(),
            Some("Caucasus Dispatch")
        );
        assert_eq!(outlet_in_credit("Jane Doe"), None);
    }

    #[test]
    fn feed_titles_lose_their_section() {
        let f = |t: &str, l: Option<&str>| outlet_from_feed_title(t, l, &[]);
        assert_eq!(
            f(
                "Frontline Wire - Ceasefires",
                Some("https://frontlinewire.org/ceasefires")
            )
            .as_deref(),
            Some("Frontline Wire")
        );
        assert_eq!(
            f(
                "World news | The Guardian",
                Some("https://www.theguardian.com/world")
            )
            .as_deref(),
            Some("The Guardian")
        );
        assert_eq!(
            f("Conflicts: Asia Frontline News", None).as_deref(),
            Some("Asia Frontline News")
        );
        assert_eq!(f("Balkan Insight", None).as_deref(), Some("Balkan Insight"));
        assert_eq!(
            outlet_from_feed_title("Ceasefires - Sahel Courier", None, &["Sahel Courier"])
                .as_deref(),
            Some("Sahel Courier")
        );
    }
}
