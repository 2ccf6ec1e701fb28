//! Metadata: publication dates, outlets and URLs, and how the sources of
//! each are ranked when they disagree.

pub(crate) mod dates;
pub(crate) mod outlet;

use truce_document::Metadata;

/// Tidy a URL read from text: strip wrapping brackets and trailing
/// punctuation, add a scheme to "www." links.
pub(crate) fn normalise_url(url: &str) -> Option<String> {
    let u = url
        .trim()
        .trim_start_matches(['<', '(', '['])
        .trim_end_matches(['>', ')', ']', '.', ',', ';', '"', '\'']);
    if u.len() < 8 || u.contains(char::is_whitespace) {
        return None;
    }
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        outlet::host(u)?;
        Some(u.to_string())
    } else if lower.starts_with("www.") {
        outlet::host(u)?;
        Some(format!("https://{u}"))
    } else {
        None
    }
}

/// Tidy an outlet name stated by a source: a feed title such as "Example
/// Wire - Ceasefires" names the outlet in one part; the part that spells
/// the URL's host wins, else the first.
pub(crate) fn tidy_outlet(name: &str, url: Option<&str>) -> Option<String> {
    let name = crate::emit::squash_spaces(name);
    if name.is_empty() {
        return None;
    }
    let mut marked = name.clone();
    for sep in [" - ", " | ", " – ", " — ", ": "] {
        marked = marked.replace(sep, "\u{1f}");
    }
    let parts: Vec<&str> = marked
        .split('\u{1f}')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return Some(outlet::tidy_caps(&name));
    }
    let host = url.and_then(outlet::host);
    let pick = host
        .as_deref()
        .and_then(|h| parts.iter().find(|p| outlet::name_matches_host(p, h)))
        .unwrap_or(&parts[0]);
    Some(outlet::tidy_caps(pick))
}

/// Field-by-field merge: what the source states wins over what the page's
/// markup says, which wins over what clean guessed from the text.
pub(crate) fn merge(stated: Metadata, markup: Metadata, guessed: Metadata) -> Metadata {
    let title = stated.title.or(markup.title).or(guessed.title);
    let url = stated.url.or(markup.url).or(guessed.url);
    let outlet = stated
        .outlet
        .or(markup.outlet)
        .or(guessed.outlet)
        .and_then(|o| tidy_outlet(&o, url.as_deref()));
    Metadata {
        title: title
            .map(|t| crate::emit::squash_spaces(&t))
            .filter(|t| !t.is_empty()),
        published: stated.published.or(markup.published).or(guessed.published),
        url,
        outlet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn urls_are_tidied() {
        assert_eq!(
            normalise_url("<https://example.org/a-b>.").as_deref(),
            Some("https://example.org/a-b")
        );
        assert_eq!(
            normalise_url("www.example.org/x").as_deref(),
            Some("https://www.example.org/x")
        );
        assert_eq!(normalise_url("example"), None);
        assert_eq!(normalise_url("https://not a url"), None);
    }

    #[test]
    fn feed_titles_give_the_outlet_part() {
        assert_eq!(
            tidy_outlet(
                "Northern Wire - Ceasefires",
                Some("https://northernwire.org/x")
            )
            .as_deref(),
            Some("Northern Wire")
        );
        assert_eq!(
            tidy_outlet(
                "Ceasefires | Northern Wire",
                Some("https://northernwire.org/x")
            )
            .as_deref(),
            Some("Northern Wire")
        );
        assert_eq!(tidy_outlet("  ", None), None);
    }

    #[test]
    fn stated_metadata_wins() {
        let day = |d| NaiveDate::from_ymd_opt(2021, 5, d);
        let stated = Metadata {
            published: day(1),
            ..Default::default()
        };
        let markup = Metadata {
            published: day(2),
            title: Some("From  markup".into()),
            ..Default::default()
        };
        let guessed = Metadata {
            published: day(3),
            title: Some("Guessed".into()),
            outlet: Some("GUESSED OUTLET".into()),
            ..Default::default()
        };
        let m = merge(stated, markup, guessed);
        assert_eq!(m.published, day(1));
        assert_eq!(m.title.as_deref(), Some("From markup"));
        assert_eq!(m.outlet.as_deref(), Some("Guessed Outlet"));
    }
}
