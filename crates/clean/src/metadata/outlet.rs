//! Outlet names from web hosts and mastheads.
//!
//! A host is first looked up in a small reviewed table (`data/outlets.tsv`)
//! of outlets whose name cannot be read off the host ("bbc.co.uk" → "BBC").
//! Otherwise the name is derived: the registrable label ("cityobserver")
//! is matched against a capitalised phrase in the document ("City
//! Observer"), or split into words the document or a list of common
//! outlet-name words knows, and title-cased.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static TABLE: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/outlets.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(h, n)| (h.trim(), n.trim()))
        .collect()
});

static OUTLET_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/outlet_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Second-level labels under which country domains register names (co.uk).
const SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "gov", "ac", "edu", "news"];

/// Subdomains that say nothing about the outlet.
const GENERIC_SUBDOMAINS: &[&str] = &["www", "m", "amp", "mobile", "edition", "en", "english"];

/// Top-level domains that are words of the outlet's name ("….news").
const NAME_TLDS: &[&str] = &[
    "news", "media", "tv", "radio", "press", "today", "times", "post",
];

/// Hosts of social networks and link services: never the outlet.
const NOT_OUTLETS: &[&str] = &[
    "facebook.com",
    "twitter.com",
    "x.com",
    "t.co",
    "t.me",
    "instagram.com",
    "youtube.com",
    "youtu.be",
    "linkedin.com",
    "whatsapp.com",
    "telegram.org",
    "google.com",
    "bit.ly",
    "wikipedia.org",
    "tiktok.com",
    "reddit.com",
];

/// Small words kept lower case inside a name.
const SMALL_WORDS: &[&str] = &["of", "and", "the", "a", "de", "la", "le", "el", "al"];

/// The lower-case host of a URL, without port or "www.".
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let h = authority
        .split(':')
        .next()
        .unwrap_or(authority)
        .to_ascii_lowercase();
    let h = h.trim_start_matches("www.").trim_end_matches('.');
    if h.contains('.')
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        Some(h.to_string())
    } else {
        None
    }
}

/// True for hosts that belong to social networks and link services.
pub(crate) fn is_social_host(host: &str) -> bool {
    NOT_OUTLETS.iter().any(|s| {
        host == *s
            || host.len() > s.len()
                && host.ends_with(s)
                && host.as_bytes()[host.len() - s.len() - 1] == b'.'
    })
}

/// The outlet named by a host: from the table, else derived with the help of `doc`.
pub(crate) fn outlet_for_host(host: &str, doc: &str) -> Option<String> {
    if is_social_host(host) {
        return None;
    }
    let mut h = host;
    loop {
        if let Some(name) = TABLE.get(h) {
            return Some((*name).to_string());
        }
        match h.split_once('.') {
            Some((_, rest)) if rest.contains('.') => h = rest,
            _ => break,
        }
    }
    derive_name(host, &edges(doc))
}

/// The head and tail of a long document: where mastheads, credits and
/// footers name the outlet. Bounds the work for documents of any size.
fn edges(doc: &str) -> std::borrow::Cow<'_, str> {
    const HEAD: usize = 16 * 1024;
    const TAIL: usize = 8 * 1024;
    if doc.len() <= HEAD + TAIL {
        return doc.into();
    }
    let mut h = HEAD;
    while !doc.is_char_boundary(h) {
        h -= 1;
    }
    let mut t = doc.len() - TAIL;
    while !doc.is_char_boundary(t) {
        t += 1;
    }
    format!("{}\n\n{}", &doc[..h], &doc[t..]).into()
}

/// The label under which a host is registered, and its top-level domain:
/// ("example", "com") for "news.example.com", ("example", "uk") for "example.co.uk".
fn registrable_label(host: &str) -> Option<(&str, &str)> {
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    if n < 2 {
        return None;
    }
    let tld = labels[n - 1];
    let mut idx = n - 2;
    if n >= 3 && tld.len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]) {
        idx = n - 3;
    }
    let label = labels[idx];
    if label.is_empty() || GENERIC_SUBDOMAINS.contains(&label) {
        return None;
    }
    Some((label, tld))
}

/// Read a name off the host: "themoscowtimes.com" → "The Moscow Times".
fn derive_name(host: &str, doc: &str) -> Option<String> {
    let (label, tld) = registrable_label(host)?;
    let spans = word_spans(doc);
    let mut words: Vec<String> = Vec::new();
    match phrase_in(doc, &spans, &label.replace('-', "")) {
        Some(phrase) => words.push(phrase),
        None => {
            for part in label.split('-').filter(|p| !p.is_empty()) {
                match phrase_in(doc, &spans, part) {
                    Some(phrase) => words.push(phrase),
                    None => words.extend(split_words(part, doc, &spans)),
                }
            }
        }
    }
    if words.is_empty() {
        return None;
    }
    let mut name = words.join(" ");
    if NAME_TLDS.contains(&tld) && !name.to_lowercase().ends_with(tld) {
        name.push(' ');
        name.push_str(&cased_word(tld, true));
    }
    Some(name)
}

/// A run of capitalised words in `doc` whose letters spell `label`
/// ("Central Asia Monitor" for "centralasiamonitor").
fn phrase_in(doc: &str, words: &[(usize, usize)], label: &str) -> Option<String> {
    let label = label.as_bytes();
    if label.len() < 4 {
        return None;
    }
    for i in 0..words.len() {
        let (s, e) = words[i];
        if !doc.as_bytes()[s].is_ascii_uppercase() {
            continue;
        }
        // How much of the label the words from i on spell, case-insensitively.
        let mut spelled = 0;
        let mut last_end = e;
        for (j, &(ws, we)) in words.iter().enumerate().skip(i) {
            if j > i && !doc[last_end..ws].chars().all(char::is_whitespace) {
                break;
            }
            let w = &doc.as_bytes()[ws..we];
            let fits = spelled + w.len() <= label.len()
                && label[spelled..spelled + w.len()].eq_ignore_ascii_case(w);
            if !fits {
                break;
            }
            spelled += w.len();
            last_end = we;
            if spelled == label.len() {
                if j == i {
                    break; // one word: no better than title-casing the label
                }
                let phrase = doc[s..last_end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(tidy_caps(&phrase));
            }
        }
    }
    None
}

/// Which ASCII letters and digits a word uses, as bits (case-insensitive).
fn letter_mask(w: &str) -> u64 {
    w.bytes().fold(0, |m, b| match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => m | 1 << (c - b'a'),
        c @ b'0'..=b'9' => m | 1 << (26 + c - b'0'),
        _ => m | 1 << 63,
    })
}

/// Byte spans of the alphabetic words of `doc`.
fn word_spans(doc: &str) -> Vec<(usize, usize)> {
    let bytes = doc.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (word_char, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = doc[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if word_char {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, doc.len()));
    }
    out
}

/// Split a run-together label into words the document (keeping its
/// capitalisation) or the outlet-word list knows; where no split into
/// known words exists, leave as few letters as possible in unknown chunks.
fn split_words(label: &str, doc: &str, spans: &[(usize, usize)]) -> Vec<String> {
    let label = label.to_ascii_lowercase();
    let n = label.len();
    // Spellings the document uses for words that occur inside the label.
    let mut doc_forms: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    let letters_in_label = letter_mask(&label);
    for &(s, e) in spans {
        let w = &doc[s..e];
        // The label itself occurs in the document's links: no evidence.
        if w.len() < 3 || w.len() >= n || !w.is_ascii() || letter_mask(w) & !letters_in_label != 0 {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        if label.contains(&lower) {
            *doc_forms.entry(lower).or_default().entry(w).or_default() += 1;
        }
    }
    let known = |w: &str| OUTLET_WORDS.contains(w) || doc_forms.contains_key(w);
    // First try known words only; failing that, allow unknown chunks but
    // only words of three letters or more, so "le" cannot cut "example".
    let cuts = segment(&label, &known, &doc_forms, false)
        .or_else(|| segment(&label, &known, &doc_forms, true));
    let Some(mut cuts) = cuts else {
        return vec![cased_word(&label, true)];
    };
    cuts.reverse();
    cuts.iter()
        .enumerate()
        .map(|(k, &(s, e))| {
            let w = &label[s..e];
            let doc_form = doc_forms.get(w).and_then(preferred_form);
            match doc_form {
                Some(f) if !(k > 0 && SMALL_WORDS.contains(&w)) => tidy_caps(f),
                _ => cased_word(w, k == 0),
            }
        })
        .collect()
}

/// Letters in unknown chunks, words, words not from the document: lower is better.
type SplitCost = (usize, usize, usize);

/// Split `label` into words; cost = (letters in unknown chunks, words,
/// words not from the document). Returns the word ranges, last first.
fn segment(
    label: &str,
    known: &dyn Fn(&str) -> bool,
    doc_forms: &HashMap<String, HashMap<&str, usize>>,
    allow_unknown: bool,
) -> Option<Vec<(usize, usize)>> {
    let n = label.len();
    // best[i]: the cost of the best split of label[..i], and where its last word starts.
    let mut best: Vec<Option<(SplitCost, usize)>> = vec![None; n + 1];
    best[0] = Some(((0, 0, 0), 0));
    for end in 1..=n {
        for start in 0..end {
            let Some(((unknown, words, foreign), _)) = best[start] else {
                continue;
            };
            let w = &label[start..end];
            let cost = if known(w) && (!allow_unknown || w.len() >= 3) {
                let from_doc = doc_forms.contains_key(w);
                (unknown, words + 1, foreign + usize::from(!from_doc))
            } else if allow_unknown && w.len() >= 3 {
                (unknown + w.len(), words + 1, foreign + 1)
            } else {
                continue;
            };
            if best[end].is_none_or(|(c, _)| cost < c) {
                best[end] = Some((cost, start));
            }
        }
    }
    let mut cuts = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        cuts.push((start, end));
        end = start;
    }
    Some(cuts)
}

/// The spelling to use among a word's spellings in the document: title
/// case before all capitals (datelines shout), then the most frequent.
fn preferred_form<'a>(forms: &HashMap<&'a str, usize>) -> Option<&'a str> {
    let rank = |w: &str| {
        let first_upper = w.starts_with(|c: char| c.is_uppercase());
        let rest_lower = w.chars().skip(1).all(|c| !c.is_uppercase());
        let all_upper = w.chars().all(|c| !c.is_lowercase());
        if first_upper && rest_lower {
            2
        } else if all_upper {
            1
        } else {
            0
        }
    };
    let (w, _) = forms
        .iter()
        .max_by_key(|(w, n)| (rank(w), **n, std::cmp::Reverse(**w)))?;
    // A word the document only writes in lower case tells nothing about casing.
    (rank(w) > 0).then_some(*w)
}

/// Title-case one word; short words without vowels are acronyms ("tv" → "TV").
fn cased_word(w: &str, first: bool) -> String {
    if !first && SMALL_WORDS.contains(&w) {
        return w.to_string();
    }
    if w.len() <= 4 && !w.chars().any(|c| "aeiouy".contains(c.to_ascii_lowercase())) {
        return w.to_uppercase();
    }
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Title-case a name written in capitals ("CAUCASUS DISPATCH" → "Caucasus
/// Dispatch"), keeping acronyms; names in mixed case are kept as written.
pub(crate) fn tidy_caps(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if !lower.chars().any(|c| "aeiouy".contains(c)) || w.contains('.') {
                w.to_string()
            } else {
                cased_word(&lower, i == 0)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The letters of a name or host label, lower-cased, for comparing the two.
pub(crate) fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does `name` spell the registrable label of `host` ("Caucasus Dispatch" / caucasusdispatch.com)?
pub(crate) fn name_matches_host(name: &str, host: &str) -> bool {
    HostNames::new([host]).spelled_by(name)
}

/// The labels of a set of hosts, spelled as outlet names would spell them,
/// for checking many lines against many hosts in constant time each.
#[derive(Debug, Default)]
pub(crate) struct HostNames {
    spellings: HashSet<String>,
}

impl HostNames {
    /// Collect the labels of `hosts`.
    pub fn new<'h>(hosts: impl IntoIterator<Item = &'h str>) -> Self {
        let spellings = hosts
            .into_iter()
            .filter_map(|h| registrable_label(h).map(|(label, _)| spelling(label)))
            .filter(|l| l.len() >= 3)
            .collect();
        HostNames { spellings }
    }

    /// True when no host is known.
    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }

    /// Does `name` spell one of the host labels?
    pub fn spelled_by(&self, name: &str) -> bool {
        !self.spellings.is_empty() && self.spellings.contains(&spelling(name))
    }
}

/// Letters of a name or label without a leading "the".
fn spelling(s: &str) -> String {
    let l = letters(s);
    match l.strip_prefix("the") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Example.com:8080/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://news.example.co.uk").as_deref(),
            Some("news.example.co.uk")
        );
        assert_eq!(host("not a url"), None);
    }

    #[test]
    fn table_hosts_and_their_subdomains() {
        assert_eq!(outlet_for_host("bbc.co.uk", "").as_deref(), Some("BBC"));
        assert_eq!(
            outlet_for_host("edition.cnn.com", "").as_deref(),
            Some("CNN")
        );
        assert_eq!(outlet_for_host("facebook.com", ""), None);
    }

    #[test]
    fn names_split_with_document_and_outlet_words() {
        let doc = "Troops left Northvale on Monday. In NORTHVALE, residents said.";
        assert_eq!(
            outlet_for_host("thenorthvaletimes.com", doc).as_deref(),
            Some("The Northvale Times")
        );
        assert_eq!(
            outlet_for_host("northvaleobserver.net", doc).as_deref(),
            Some("Northvale Observer")
        );
    }

    #[test]
    fn names_spelled_out_in_the_document_are_taken_as_written() {
        let doc = "Photo: Jan Novak / Lake District Courier\n\nText.";
        assert_eq!(
            outlet_for_host("lakedistrictcourier.org", doc).as_deref(),
            Some("Lake District Courier")
        );
    }

    #[test]
    fn unknown_labels_are_title_cased_and_word_tlds_kept() {
        assert_eq!(
            outlet_for_host("zqxwire.com", "").as_deref(),
            Some("ZQX Wire")
        );
        assert_eq!(
            outlet_for_host("example.com", "").as_deref(),
            Some("Example")
        );
        assert_eq!(
            outlet_for_host("asiafrontline.news", "").as_deref(),
            Some("Asia Frontline News")
        );
        assert_eq!(
            outlet_for_host("oc-media.org", "").as_deref(),
            Some("OC Media")
        );
        assert_eq!(
            outlet_for_host("city-herald.co.uk", "").as_deref(),
            Some("City Herald")
        );
    }

    #[test]
    fn capitals_are_tidied() {
        assert_eq!(tidy_caps("CAUCASUS DISPATCH"), "Caucasus Dispatch");
        assert_eq!(tidy_caps("BBC NEWS"), "BBC News");
        assert_eq!(tidy_caps("Kyiv Post"), "Kyiv Post");
    }

    #[test]
    fn names_match_hosts() {
        assert!(name_matches_host(
            "Caucasus Dispatch",
            "caucasusdispatch.com"
        ));
        assert!(name_matches_host("The Moscow Times", "themoscowtimes.com"));
        assert!(!name_matches_host("Business desk", "example.com"));
        assert!(!name_matches_host("Com", "example.com"));
        assert!(name_matches_host("Example", "news.example.co.uk"));
    }
}
