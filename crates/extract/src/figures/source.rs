//! Who gives a figure: "according to X", "X said", "..., X told reporters".

use crate::numbers::{Lexed, TokKind};
use truce_document::{Actor, Span};

/// Verbs that attribute a statement to their subject.
const SAY: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "announced",
    "announces",
    "estimated",
    "estimates",
    "counted",
    "claimed",
    "claims",
    "stated",
    "confirmed",
    "added",
    "recorded",
    "tallied",
    "quoted",
];

/// Lower-case nouns that can head an unnamed source ("local officials said").
const SOURCE_NOUNS: &[&str] = &[
    "officials",
    "official",
    "ministry",
    "military",
    "army",
    "police",
    "group",
    "residents",
    "witnesses",
    "monitors",
    "monitor",
    "authorities",
    "sources",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commission",
    "mission",
    "agency",
    "office",
    "service",
    "services",
    "observatory",
    "tally",
    "count",
    "medics",
    "doctors",
];

/// The sentence around `span`: from `sentences` if given, else between hard stops.
fn sentence_of(t: &Lexed, span: Span, sentences: &[Span]) -> Span {
    if let Some(s) = sentences
        .iter()
        .find(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
    {
        return *s;
    }
    let i = t.index_at(span.start);
    let mut a = i;
    while a > 0 && !t.is_hard_stop(a - 1) {
        a -= 1;
    }
    let mut b = i;
    while b < t.len() && !t.is_hard_stop(b) {
        b += 1;
    }
    if b == a {
        return span;
    }
    t.span(a, b.saturating_sub(1).max(a))
}

/// The actor with a mention inside `range`, nearest to `anchor`.
fn actor_in(actors: &[Actor], range: Span, anchor: usize) -> Option<String> {
    actors
        .iter()
        .flat_map(|a| a.mentions.iter().map(move |m| (a, m)))
        .filter(|(_, m)| range.start <= m.start && m.end <= range.end)
        .min_by_key(|(_, m)| m.start.abs_diff(anchor).min(m.end.abs_diff(anchor)))
        .map(|(a, _)| a.name.clone())
}

/// Words before a speech verb at token `v`, as a source name ("Local officials in Tajikistan's Sughd region").
fn raw_subject(t: &Lexed, v: usize, first: usize) -> Option<String> {
    let mut a = v;
    let mut n = 0;
    while a > first && n < 7 {
        let p = a - 1;
        if t.kind(p) != Some(TokKind::Word)
            || matches!(
                t.lower(p),
                "that"
                    | "and"
                    | "but"
                    | "which"
                    | "who"
                    | "while"
                    | "whereas"
                    | "as"
                    | "after"
                    | "when"
                    | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "had"
                    | "has"
                    | "have"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "would"
                    | "will"
                    | "also"
                    | "said"
                    | "says"
            )
        {
            break;
        }
        a = p;
        n += 1;
    }
    if a == v {
        return None;
    }
    let named = (a..v).any(|k| t.is_capitalised(k) || SOURCE_NOUNS.contains(&t.stem(k)));
    if !named {
        return None;
    }
    let mut s = a;
    if t.is(s, "the") {
        s += 1;
    }
    (s < v).then(|| t.text[t.span(s, v - 1).start..t.span(s, v - 1).end].to_string())
}

/// The source of a figure at `span`, if its sentence names one.
pub fn claimant(t: &Lexed, span: Span, sentences: &[Span], actors: &[Actor]) -> Option<String> {
    let sent = sentence_of(t, span, sentences);
    let first = t.index_at(sent.start);
    let last = t.index_at(sent.end);
    // "according to X"
    for i in first..last.saturating_sub(1) {
        if t.is(i, "according") && t.is(i + 1, "to") {
            let after = t.span(i + 2, i + 2).start;
            let mut e = i + 2;
            while e < last && t.kind(e) == Some(TokKind::Word) && e < i + 12 {
                e += 1;
            }
            if e == i + 2 {
                continue;
            }
            let range = Span::new(after, t.span(e - 1, e - 1).end);
            if let Some(name) = actor_in(actors, range, after) {
                return Some(name);
            }
            let mut s = i + 2;
            if t.is(s, "the") {
                s += 1;
            }
            return (s < e)
                .then(|| t.text[t.span(s, e - 1).start..t.span(s, e - 1).end].to_string());
        }
    }
    // "X said ..." / "..., said X": the speech verb nearest the figure, preferring one before it.
    let fig = t.index_at(span.start);
    let verbs: Vec<usize> = (first..last)
        .filter(|&k| SAY.contains(&t.lower(k)))
        // "claimed the lives of", "claimed responsibility": not a statement.
        .filter(|&k| {
            !(t.is(k + 1, "responsibility") || (t.is(k + 1, "the") && t.is(k + 2, "lives")))
        })
        // "a ceasefire announced by Russia": a participle, not the figure's source.
        .filter(|&k| !t.is(k + 1, "by"))
        .collect();
    // Nearest before the figure first, then those after it.
    let order = verbs
        .iter()
        .rev()
        .filter(|&&v| v < fig)
        .chain(verbs.iter().filter(|&&v| v > fig));
    for &verb in order {
        let vspan = t.span(verb, verb);
        let before = Span::new(sent.start.max(vspan.start.saturating_sub(80)), vspan.start);
        if let Some(name) = actor_in(actors, before, vspan.start) {
            return Some(name);
        }
        let after = Span::new(vspan.end, (vspan.end + 60).min(sent.end));
        if let Some(name) = actor_in(actors, after, vspan.end) {
            return Some(name);
        }
        if let Some(name) = raw_subject(t, verb, first) {
            return Some(name);
        }
    }
    None
}
