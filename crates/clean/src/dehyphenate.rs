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

use aho_corasick::{AhoCorasick, AhoCorasickKind};
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
    /// Occurrences (lower case) of each queried word as a whole word.
    counts: HashMap<String, usize>,
}

impl Usage {
    /// Count, in `body`, the words the breaks ask about; `skip` holds the byte
    /// offsets of the break halves themselves, which are not evidence.
    pub fn count(body: &str, breaks: &[Break], skip: &HashSet<usize>) -> Usage {
        let mut wanted: Vec<String> = Vec::new();
        for b in breaks.iter().filter(|b| decided_by_shape(b).is_none()) {
            let l = b.left.to_lowercase();
            let r = b.right.to_lowercase();
            wanted.push(format!("{l}{r}"));
            wanted.push(format!("{l}-{r}"));
            wanted.push(l);
            wanted.push(r);
        }
        wanted.sort();
        wanted.dedup();
        let mut counts: HashMap<String, usize> = HashMap::new();
        if wanted.is_empty() {
            return Usage { counts };
        }
        // A contiguous NFA builds far faster than a DFA and is quick enough
        // for the handful of words a document asks about.
        let Ok(ac) = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&wanted)
        else {
            return Usage { counts };
        };
        let is_word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut n = vec![0usize; wanted.len()];
        for m in ac.find_overlapping_iter(body) {
            let (s, e) = (m.start(), m.end());
            if skip.contains(&s)
                || is_word_char(body[..s].chars().next_back())
                || is_word_char(body[e..].chars().next())
            {
                continue;
            }
            n[m.pattern().as_usize()] += 1;
        }
        for (w, k) in wanted.into_iter().zip(n) {
            if k > 0 {
                counts.insert(w, k);
            }
        }
        Usage { counts }
    }

    fn n(&self, w: &str) -> usize {
        self.counts.get(&w.to_lowercase()).copied().unwrap_or(0)
    }
}

/// Breaks whose shape settles them: a digit on either side, or a capital
/// after the break, keeps the hyphen ("T-72", "Nagorno-Karabakh").
fn decided_by_shape(b: &Break) -> Option<bool> {
    let (Some(l_last), Some(r_first)) = (b.left.chars().last(), b.right.chars().next()) else {
        return Some(true);
    };
    if l_last.is_ascii_digit() || r_first.is_ascii_digit() || r_first.is_uppercase() {
        return Some(true);
    }
    None
}

/// Keep the hyphen (true) or join the halves (false)?
pub(crate) fn keep_hyphen(b: &Break, usage: &Usage) -> bool {
    if let Some(keep) = decided_by_shape(b) {
        return keep;
    }
    let (left, right) = (b.left.as_str(), b.right.as_str());
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
