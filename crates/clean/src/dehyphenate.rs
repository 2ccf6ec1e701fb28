//! Deciding what a hyphen at the end of a line is: a word broken by the
//! line wrap ("sepa-\nratists" → "separatists") or a real hyphen that
//! happened to fall there ("Nagorno-\nKarabakh", "Russia-\nbacked", "T-\n72").
//!
//! The evidence, strongest first: digits or a capital after the break; how
//! the document itself writes the word elsewhere (joined or hyphenated);
//! a capitalised first part that is a word of its own ("Russia"); prefixes
//! and second parts that form hyphenated compounds ("anti-", "-backed");
//! both halves being words the document uses. Without evidence the break is
//! a wrap and the halves are joined.

use std::collections::{HashMap, HashSet};

/// Prefixes that keep their hyphen before a lower-case word ("anti-tank").
/// Syllables that also begin ordinary words ("pro", "ex", "re", "co") are left
/// out: for those the document's own usage decides.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "non", "self", "semi", "quasi", "vice", "half", "mid", "neo", "ultra", "far", "all",
    "well", "cross", "full", "much", "once", "long", "short", "close", "open", "hard", "ill",
    "left", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "first", "last", "third", "year", "month", "hour", "large",
    "small", "little",
];

/// Second parts of hyphenated compounds ("Moscow-led", "state-run", "six-week").
const COMPOUND_SECONDS: &[&str] = &[
    "backed",
    "based",
    "led",
    "held",
    "run",
    "owned",
    "controlled",
    "brokered",
    "linked",
    "aligned",
    "affiliated",
    "allied",
    "funded",
    "sponsored",
    "supported",
    "made",
    "related",
    "style",
    "appointed",
    "declared",
    "mediated",
    "negotiated",
    "installed",
    "occupied",
    "administered",
    "majority",
    "minded",
    "hit",
    "torn",
    "ravaged",
    "stricken",
    "affected",
    "hearted",
    "sized",
    "strong",
    "party",
];

/// Word endings that never start the second half of a compound ("tion", "ing"):
/// a break before them is a wrap.
const SUFFIXES: &[&str] = &[
    "ing", "ings", "ed", "er", "ers", "est", "ly", "tion", "tions", "sion", "sions", "ment",
    "ments", "ness", "ity", "ities", "ous", "ive", "ives", "ant", "ants", "ance", "ence", "ent",
    "ents", "able", "ible", "al", "ally", "ial", "ic", "ics", "ical", "ism", "ist", "ists", "ize",
    "ized", "ise", "ised", "teen", "ty", "ties", "ward", "wards", "ful", "less", "ship", "ure",
    "ures", "ary", "ory", "ery", "ies", "ian", "ians", "ages", "age", "ate", "ated", "ates",
    "ator", "ators", "dom", "hood", "ling", "let", "some", "dle", "der",
];

/// First halves that run into the second without a hyphen ("with-out",
/// "some-thing", "there-fore"): never kept apart.
const CLOSED_COMPOUND_FIRSTS: &[&str] = &[
    "with", "some", "every", "any", "no", "there", "where", "here", "him", "her", "them", "your",
    "our", "it", "my", "thank", "when", "what", "who", "how", "never", "none", "else", "through",
    "after", "be", "can", "in", "to", "for", "out", "over", "under", "up", "down", "back", "hand",
    "head", "home", "news", "life", "air", "fire", "water", "break", "book", "battle", "mean",
    "may", "further", "more",
];

/// One line-end hyphen to decide: `left` is the word before the hyphen (from
/// its last hyphen on, "Russia" of "pro-Russia-"), `right` the word that
/// opens the next line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Break {
    /// The word before the hyphen.
    pub left: String,
    /// The word after the line break.
    pub right: String,
}

/// How the document writes words, counted once over the whole body.
#[derive(Debug, Default)]
pub(crate) struct Usage {
    /// Occurrences (lower case) of each queried word, on one line.
    counts: HashMap<String, usize>,
}

impl Usage {
    /// Count, in `body`, the words the breaks ask about; `skip` holds the byte
    /// offsets of the break halves themselves, which are not evidence.
    pub fn count(body: &str, breaks: &[Break], skip: &HashSet<usize>) -> Usage {
        let mut wanted: HashSet<String> = HashSet::new();
        for b in breaks {
            let l = b.left.to_lowercase();
            let r = b.right.to_lowercase();
            wanted.insert(format!("{l}{r}"));
            wanted.insert(format!("{l}-{r}"));
            wanted.insert(l);
            wanted.insert(r);
        }
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut lower = String::new();
        let mut record = |w: &str, lower: &mut String| {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(k) = wanted.get(lower.as_str()) {
                *counts.entry(k.clone()).or_default() += 1;
            }
        };
        // Tokens are runs of letters and digits joined by inner hyphens;
        // each hyphenated token also counts its parts.
        let mut start: Option<usize> = None;
        let flush =
            |s: usize, e: usize, record: &mut dyn FnMut(&str, &mut String), lower: &mut String| {
                let tok = body[s..e].trim_end_matches('-');
                if tok.is_empty() || skip.contains(&s) {
                    return;
                }
                record(tok, lower);
                if tok.contains('-') {
                    let mut off = s;
                    for part in tok.split('-') {
                        if !part.is_empty() && !skip.contains(&off) {
                            record(part, lower);
                        }
                        off += part.len() + 1;
                    }
                }
            };
        for (i, c) in body.char_indices() {
            let inner_hyphen = c == '-' && start.is_some();
            if c.is_alphanumeric() || inner_hyphen {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                flush(s, i, &mut record, &mut lower);
            }
        }
        if let Some(s) = start {
            flush(s, body.len(), &mut record, &mut lower);
        }
        Usage { counts }
    }

    fn n(&self, w: &str) -> usize {
        self.counts.get(&w.to_lowercase()).copied().unwrap_or(0)
    }
}

/// Keep the hyphen (true) or join the halves (false)?
pub(crate) fn keep_hyphen(b: &Break, usage: &Usage) -> bool {
    let (left, right) = (b.left.as_str(), b.right.as_str());
    let (Some(l_last), Some(r_first)) = (left.chars().last(), right.chars().next()) else {
        return true;
    };
    if l_last.is_ascii_digit() || r_first.is_ascii_digit() || r_first.is_uppercase() {
        return true;
    }
    let l = left.to_lowercase();
    let r = right.to_lowercase();
    let joined = usage.n(&format!("{l}{r}"));
    let hyphenated = usage.n(&format!("{l}-{r}"));
    if joined != hyphenated {
        return hyphenated > joined;
    }
    if SUFFIXES.contains(&r.as_str()) || CLOSED_COMPOUND_FIRSTS.contains(&l.as_str()) {
        return false;
    }
    let left_capital = left.starts_with(|c: char| c.is_uppercase());
    if left_capital && usage.n(&l) > 0 {
        return true;
    }
    if HYPHEN_PREFIXES.contains(&l.as_str()) && r.chars().count() >= 4 {
        return true;
    }
    if COMPOUND_SECONDS.contains(&r.as_str()) && (left_capital || l.chars().count() >= 4) {
        return true;
    }
    l.chars().count() >= 3 && r.chars().count() >= 4 && usage.n(&l) > 0 && usage.n(&r) > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(body: &str, left: &str, right: &str) -> bool {
        let b = Break {
            left: left.into(),
            right: right.into(),
        };
        let usage = Usage::count(body, std::slice::from_ref(&b), &HashSet::new());
        keep_hyphen(&b, &usage)
    }

    #[test]
    fn wrapped_words_are_joined() {
        assert!(!decide("", "sepa", "ratists"));
        assert!(!decide("", "cease", "fire"));
        assert!(!decide("", "surveil", "lance"));
        assert!(!decide("", "Azerbai", "jani"));
        assert!(!decide("", "with", "out"));
        assert!(!decide("", "ten", "sion"));
    }

    #[test]
    fn real_hyphens_stay() {
        assert!(decide("", "Nagorno", "Karabakh"));
        assert!(decide("", "pro", "Ankara"));
        assert!(decide("", "T", "72"));
        assert!(decide("", "anti", "tank"));
        assert!(decide("", "six", "week"));
        assert!(decide("", "state", "run"));
        assert!(decide("", "Britain", "based"));
    }

    #[test]
    fn a_capitalised_word_of_its_own_keeps_its_hyphen() {
        assert!(decide(
            "Eastland said. Eastland-backed",
            "Eastland",
            "aligned"
        ));
        assert!(!decide("no such word here", "Eastla", "ndic"));
    }

    #[test]
    fn the_document_decides_where_it_can() {
        assert!(!decide("a ceasefire held", "cease", "fire"));
        assert!(decide("a cease-fire held", "cease", "fire"));
        assert!(!decide("they cooperate", "co", "operate"));
        assert!(decide("they co-operate", "co", "operate"));
        assert!(decide(
            "government troops held the town",
            "government",
            "held"
        ));
    }
}
