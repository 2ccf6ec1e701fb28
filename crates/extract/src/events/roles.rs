//! Who did what to whom: source and target from the clause around a trigger.

use super::frames::Claim;
use super::lexicon::{Hit, Lexicon};
use crate::actors::{Mention, MentionKind};
use crate::gazetteer::Gazetteer;
use crate::tokens::{tokenize, within, Token};
use std::collections::HashMap;
use truce_document::{DateRange, Document, Event, EventType, Party, Sector, Span, Status};

/// Words that make a clause about a ceasefire.
const TRUCE_WORDS: &[&str] = &[
    "ceasefire",
    "cease-fire",
    "truce",
    "armistice",
    "cessation of hostilities",
    "peace deal",
    "peace agreement",
];

/// Words before a trigger that make the act unreal: negated, future, hypothetical.
const UNREAL: &[&str] = &[
    "not",
    "never",
    "no",
    "n't",
    "without",
    "would",
    "will",
    "could",
    "might",
    "may",
    "should",
    "shall",
    "to",
    "if",
    "unless",
    "cannot",
    "can",
    "must",
    "wo",
    "plans",
    "plan",
    "threatening",
    "possible",
    "potential",
    "fears",
    "risk",
    "any",
    "whether",
];

/// Document-wide state the coder reads.
pub struct Context<'a> {
    doc: &'a Document,
    /// The document's tokens.
    words: &'a [Token<'a>],
    gazetteer: &'a Gazetteer,
    mentions: &'a [Mention],
    /// The two main opposing sides (by armed-actor mentions), as parties.
    belligerents: Vec<Party>,
    /// The document is a bare headline or two: events need no named party.
    pub headline: bool,
    /// The document speaks of a ceasefire or truce somewhere.
    pub truce_document: bool,
    /// The text with ASCII letters lower-cased: same byte offsets, so
    /// phrase tests read slices of it instead of lower-casing each clause.
    lower: &'a str,
}

impl<'a> Context<'a> {
    /// Build the context of one document.
    pub fn new(
        gazetteer: &'a Gazetteer,
        mentions: &'a [Mention],
        doc: &'a Document,
        words: &'a [Token<'a>],
        lower: &'a str,
    ) -> Self {
        // Bare headlines (one or a few short lines, as wire digests and event datasets keep them).
        let headline = doc.text.len() < 1500
            && !doc.ann.paragraphs.is_empty()
            && doc.ann.paragraphs.len() <= 8
            && doc.ann.paragraphs.iter().all(|p| p.len() < 250);
        let truce_document = has_truce_word(lower);
        Context {
            doc,
            words,
            gazetteer,
            mentions,
            belligerents: belligerents(mentions),
            headline,
            truce_document,
            lower,
        }
    }

    /// The tokens inside `span`.
    pub fn words_in(&self, span: Span) -> &'a [Token<'a>] {
        within(self.words, span)
    }

    /// The text of `span` with ASCII letters lower-cased.
    pub fn lower(&self, span: Span) -> &str {
        &self.lower[span.start..span.end]
    }

    /// The document text.
    pub fn text(&self) -> &'a str {
        &self.doc.text
    }

    /// Mentions inside a span, in order.
    pub fn mentions_in(&self, span: Span) -> Vec<&'a Mention> {
        // Mentions come in text order: start at the first one that can lie inside.
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions[first..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .filter(|m| span.contains(m.span))
            .collect()
    }

    /// True when the span speaks of breaking a truce.
    pub fn mentions_violation(&self, span: Span) -> bool {
        let s = self.lower(span);
        let truce = TRUCE_WORDS.iter().any(|w| s.contains(w));
        truce
            && [
                "violat",
                "breach",
                "broke",
                "break",
                "did not comply",
                "flout",
            ]
            .iter()
            .any(|w| s.contains(w))
    }

    fn opposite(&self, side: &Party) -> Option<Party> {
        self.belligerents
            .iter()
            .find(|b| adversaries(b, side))
            .cloned()
    }
}

/// Two parties are on opposite sides: different countries, or rebels against the state.
pub fn adversaries(a: &Party, b: &Party) -> bool {
    match (&a.country, &b.country) {
        (Some(x), Some(y)) if x != y => true,
        (Some(_), Some(_)) => is_rebel(a) != is_rebel(b),
        _ => false,
    }
}

fn is_rebel(p: &Party) -> bool {
    p.sector == Some(Sector::Reb)
}

fn party(m: &Mention) -> Party {
    Party {
        name: m.name.clone(),
        country: m.country.clone(),
        sector: m.sector,
    }
}

fn belligerents(mentions: &[Mention]) -> Vec<Party> {
    let mut counts: HashMap<(String, bool), (usize, usize, &Mention)> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let Some(c) = &m.country else { continue };
        let weight = match m.sector {
            Some(Sector::Mil | Sector::Reb) => 3,
            Some(Sector::Gov) => 1,
            _ => continue,
        };
        let e = counts
            .entry((c.clone(), m.sector == Some(Sector::Reb)))
            .or_insert((0, i, m));
        e.0 += weight;
        // Name the side after its state or government where one is named.
        if m.kind == MentionKind::State && e.2.kind != MentionKind::State {
            e.2 = m;
        }
    }
    let mut sides: Vec<_> = counts.into_values().collect();
    sides.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<Party> = Vec::new();
    for (_, _, m) in sides {
        let p = party(m);
        if out.iter().all(|o| adversaries(o, &p)) {
            out.push(p);
        }
        if out.len() == 2 {
            break;
        }
    }
    out
}

/// The date an event in `clause` takes: its own time expression, else the
/// sentence's, else the paragraph's so far, else the publication date.
fn event_date(doc: &Document, clause: Span, sentence: Span, at: usize) -> Option<DateRange> {
    let times = &doc.ann.times;
    // "the worst fighting since 1994" compares; it does not date the fighting.
    let comparison = |t: &&truce_document::TimeExpression| {
        let from = t.span.start.saturating_sub(60);
        let from = (from..=t.span.start)
            .find(|i| doc.text.is_char_boundary(*i))
            .unwrap_or(t.span.start);
        let before = doc.text[from..t.span.start].to_lowercase();
        before.trim_end().ends_with("since")
            && before
                .split_whitespace()
                .any(|w| w.ends_with("est") || w == "first" || w == "worst")
            || before.trim_end().ends_with("since their")
            || before.trim_end().ends_with("since its")
    };
    let nearest = |span: Span| {
        times
            .iter()
            .filter(|t| span.contains(t.span) && !comparison(t))
            .min_by_key(|t| {
                if t.span.start >= at {
                    t.span.start - at
                } else {
                    (at - t.span.end) + 1
                }
            })
            .map(|t| t.range)
    };
    if let Some(r) = nearest(clause).or_else(|| nearest(sentence)) {
        return Some(r);
    }
    let para = doc.ann.paragraphs.iter().find(|p| p.contains(sentence));
    if let Some(p) = para {
        if let Some(t) = times
            .iter()
            .rev()
            .find(|t| t.span.start >= p.start && t.span.end <= sentence.start)
        {
            return Some(t.range);
        }
    }
    doc.meta.published.map(DateRange::day)
}

/// Clause bounds around a position: split at ";", " but ", " while ", dashes.
fn clause_of(text: &str, sentence: Span, at: usize) -> Span {
    let s = &text[sentence.start..sentence.end];
    let rel = at - sentence.start;
    let mut start = 0;
    let mut end = s.len();
    for sep in [
        ";",
        " but ",
        " while ",
        " whereas ",
        " \u{2014} ",
        " - ",
        ", and ",
        ": ",
    ] {
        for (i, _) in s.match_indices(sep) {
            if i + sep.len() <= rel {
                start = start.max(i + sep.len());
            } else if i >= rel {
                end = end.min(i);
            }
        }
    }
    Span::new(sentence.start + start, sentence.start + end.max(start))
}

fn words_before(text: &str, from: usize, at: usize, n: usize) -> Vec<String> {
    // Only the last few words matter: look at a short window, not the whole clause.
    let mut from = from.max(at.saturating_sub(16 * n.max(1)));
    while from < at && !text.is_char_boundary(from) {
        from += 1;
    }
    let toks = tokenize(text, Span::new(from, at));
    toks.iter()
        .rev()
        .filter(|t| t.is_word() || t.text == "'")
        .take(n)
        .map(|t| t.text.to_lowercase())
        .collect()
}

fn is_unreal(text: &str, clause: Span, at: usize) -> bool {
    let before = words_before(text, clause.start, at, 4);
    before.iter().any(|w| UNREAL.contains(&w.as_str()))
}

/// A noun trigger followed by a modal: "further talks would follow".
fn unreal_after(text: &str, clause: Span, end: usize) -> bool {
    let toks = tokenize(text, Span::new(end, clause.end));
    toks.iter().filter(|t| t.is_word()).take(2).any(|t| {
        matches!(
            t.text.to_lowercase().as_str(),
            "would" | "will" | "could" | "might" | "may" | "planned" | "scheduled" | "expected"
        )
    })
}

/// A participle used as an adjective or reduced relative: "the announced ceasefire",
/// "a ceasefire agreed over the region", "a truce brokered by Egypt".
fn attributive(text: &str, clause: Span, hit: Span) -> bool {
    let before = words_before(text, clause.start, hit.start, 1);
    let prev = before.first().map(String::as_str).unwrap_or("");
    if matches!(prev, "the" | "a" | "an" | "its" | "their" | "this" | "that") {
        return true;
    }
    // "talks hosted by Cuba", "a ceasefire announced by Russia": a participle, not the main verb.
    let next = tokenize(text, Span::new(hit.end, clause.end));
    if next.first().is_some_and(|t| t.text == "by") && !is_passive(text, clause, hit.start) {
        return true;
    }
    TRUCE_WORDS
        .iter()
        .any(|w| prev == *w || prev == "deal" || prev == "agreement")
}

/// A noun trigger with a definite article refers back to fighting already told: "the fighting".
fn anaphoric(text: &str, clause: Span, hit: Span) -> bool {
    let after = text[hit.end..clause.end].trim_start().to_lowercase();
    if after.starts_with("between") || after.starts_with("with") {
        return false;
    }
    let before = words_before(text, clause.start, hit.start, 3);
    match before.as_slice() {
        [first, ..] if first == "the" => true,
        [_, second, ..] if second == "the" => true,
        [_, _, third] if third == "the" => before[0] != "of",
        _ => false,
    }
}

/// True when lower-cased text names a truce.
fn has_truce_word(lower: &str) -> bool {
    TRUCE_WORDS.iter().any(|w| lower.contains(w))
}

fn is_passive(text: &str, clause: Span, at: usize) -> bool {
    let before = words_before(text, clause.start, at, 2);
    before.iter().any(|w| {
        matches!(
            w.as_str(),
            "was" | "were" | "been" | "being" | "be" | "is" | "are" | "got"
        )
    })
}

/// The mention right after "by" following `from`, within the clause.
fn by_agent<'m>(text: &str, clause: Span, from: usize, ms: &[&'m Mention]) -> Option<&'m Mention> {
    let rest = &text[from..clause.end];
    let by = rest.find(" by ")?;
    let after = from + by + 4;
    ms.iter()
        .find(|m| m.span.start >= after && text[after..m.span.start].trim().len() <= 4)
        .copied()
}

/// Mentions after `from` joined by "and" / "," ("urged Armenia and Azerbaijan").
fn objects<'m>(text: &str, from: usize, ms: &[&'m Mention]) -> Vec<&'m Mention> {
    let mut out: Vec<&Mention> = Vec::new();
    let mut pos = from;
    for m in ms.iter().filter(|m| m.span.start >= from) {
        let gap = text[pos..m.span.start].trim().to_lowercase();
        let joined = out.is_empty() && gap_ok_first(&gap)
            || !out.is_empty()
                && matches!(
                    gap.as_str(),
                    "and" | "," | ", and" | "and the" | ", the" | "or"
                );
        if !joined {
            break;
        }
        out.push(m);
        pos = m.span.end;
    }
    out
}

fn gap_ok_first(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= 4
        && !gap.contains(',')
        && !words
            .iter()
            .any(|w| matches!(*w, "said" | "says" | "that" | "who" | "which"))
}

/// Subject: the nearest mention before `at` in the clause that is not inside a prepositional phrase.
fn subject<'m>(text: &str, clause: Span, at: usize, ms: &[&'m Mention]) -> Vec<&'m Mention> {
    // "Turkey, which backs Azerbaijan, ..." : the relative clause holds no subject of the main verb.
    let rel = text[clause.start..at]
        .rfind(", which")
        .or_else(|| text[clause.start..at].rfind(", who"))
        .map(|i| clause.start + i);
    let limit = rel.unwrap_or(at);
    let before: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.span.end <= limit && m.span.start >= clause.start)
        .copied()
        .collect();
    let free = |m: &&Mention| {
        let prev = words_before(text, clause.start, m.span.start, 1);
        !prev.first().is_some_and(|w| {
            matches!(
                w.as_str(),
                "of" | "in"
                    | "at"
                    | "from"
                    | "with"
                    | "by"
                    | "to"
                    | "near"
                    | "against"
                    | "on"
                    | "for"
            )
        })
    };
    let Some(head) = before
        .iter()
        .rev()
        .find(|m| free(m))
        .or_else(|| before.last())
        .copied()
    else {
        return Vec::new();
    };
    // Coordinated subjects: "Armenia and Azerbaijan have ... clashed".
    let mut out = vec![head];
    let idx = before
        .iter()
        .position(|m| std::ptr::eq(*m, head))
        .unwrap_or(0);
    if idx > 0 {
        let prev = before[idx - 1];
        let gap = text[prev.span.end..head.span.start].trim().to_lowercase();
        let words: Vec<&str> = gap.split_whitespace().collect();
        // "A and B", "A and an alliance of three ethnic B".
        if words.first() == Some(&"and")
            && words.len() <= 6
            && !gap.contains(',')
            && !words.iter().any(|w| {
                matches!(
                    *w,
                    "said" | "says" | "that" | "who" | "which" | "have" | "has" | "had"
                )
            })
        {
            out.insert(0, prev);
        }
    }
    out
}

/// "between A and B" after `from`.
fn between<'m>(
    text: &str,
    clause: Span,
    from: usize,
    ms: &[&'m Mention],
) -> Option<(&'m Mention, &'m Mention)> {
    let rest = text[from..clause.end].to_lowercase();
    let b = rest.find("between ")?;
    let after = from + b + 8;
    let found: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.span.start >= after)
        .take(2)
        .copied()
        .collect();
    if found.len() == 2 {
        let gap = text[found[0].span.end..found[1].span.start]
            .trim()
            .to_lowercase();
        if gap == "and" || gap == "and the" {
            return Some((found[0], found[1]));
        }
    }
    None
}

/// "both sides", "the two sides", "each other" in the clause.
fn mutual(text: &str, span: Span) -> bool {
    let s = text[span.start..span.end].to_lowercase();
    [
        "both sides",
        "the two sides",
        "each other",
        "both parties",
        "the two parties",
        "the two countries",
        "both countries",
        "the sides",
        "one another",
        "the other",
        "both governments",
        "the two governments",
        "both armies",
        "the warring parties",
        "the warring sides",
        "the two neighbours",
        "the two neighbors",
        "both neighbours",
        "both neighbors",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// What every event coded from one trigger hit shares: its type, date,
/// place, the claim it is reported under, the sentence and the mode.
#[derive(Clone)]
struct Draft<'c> {
    event_type: EventType,
    date: Option<DateRange>,
    place: Option<truce_document::EventPlace>,
    claim: Option<&'c Claim>,
    sentence: Span,
    mode: Option<String>,
}

impl<'c> Draft<'c> {
    /// The same draft without a place or a claim (talk, not an act on the ground).
    fn plain(&self) -> Self {
        Draft {
            place: None,
            claim: None,
            ..self.clone()
        }
    }

    /// Record one event between `source` and `target`; an actor does not act on itself.
    fn record(&self, out: &mut Vec<Event>, source: Option<Party>, target: Option<Party>) {
        if source.is_some() && source == target {
            return;
        }
        if let (Some(s), Some(t)) = (&source, &target) {
            if s.country.is_some()
                && s.country == t.country
                && s.sector == t.sector
                && s.name == t.name
            {
                return;
            }
        }
        let (claimed_by, status) = match self.claim {
            Some(c) if c.observer && self.event_type == EventType::Assault => {
                (Some(party(&c.claimant)), Status::Observed)
            }
            Some(c) => (Some(party(&c.claimant)), Status::Asserted),
            None => (None, Status::Reported),
        };
        out.push(Event {
            event_type: self.event_type,
            mode: self.mode.clone(),
            source,
            target,
            date: self.date,
            place: self.place.clone(),
            claimed_by,
            status,
            ceasefire_violation: false,
            span: self.sentence,
        });
    }

    /// Record a symmetric act both ways ("A and B clashed", "A and B agreed").
    fn record_pair(&self, out: &mut Vec<Event>, a: Party, b: Party) {
        self.record(out, Some(a.clone()), Some(b.clone()));
        self.record(out, Some(b), Some(a));
    }
}

/// Code the events of one sentence.
#[allow(clippy::too_many_arguments)]
pub fn sentence_events(
    ctx: &Context,
    lexicon: &Lexicon,
    _index: usize,
    sentence: Span,
    hits: &[Hit],
    claim: Option<&Claim>,
    last_speaker: Option<&Mention>,
    out: &mut Vec<Event>,
) {
    let text = ctx.text();
    let doc = ctx.doc;
    let all = ctx.mentions_in(sentence);
    let mut consumed: Vec<Span> = Vec::new();
    let political = all.iter().any(|m| {
        matches!(
            m.sector,
            Some(Sector::Gov | Sector::Mil | Sector::Reb | Sector::Igo)
        )
    }) || !ctx.belligerents.is_empty();
    if !political && (!ctx.headline || non_political(text, sentence)) {
        return;
    }
    let before_sentence = out.len();
    for hit in hits {
        let trigger = &lexicon.triggers[hit.trigger];
        if consumed.iter().any(|c| c.overlaps(hit.span)) {
            continue;
        }
        if trigger.flags.headline && !ctx.headline {
            continue;
        }
        if let Some(c) = claim {
            if c.frame.overlaps(hit.span) && !trigger.flags.accuse {
                continue;
            }
        }
        // Mentions that are part of the claim frame are not parties of the claimed act.
        let ms: Vec<&Mention> = all
            .iter()
            .filter(|m| claim.is_none_or(|c| !c.frame.contains(m.span) || trigger.flags.accuse))
            .copied()
            .collect();
        // Triggers inside a mention ("Joint Forces Operation") are names, not acts.
        if all.iter().any(|m| m.span.contains(hit.span)) {
            continue;
        }
        let clause = clause_of(text, sentence, hit.span.start);
        if is_unreal(text, clause, hit.span.start) {
            continue;
        }
        if trigger.flags.noun && unreal_after(text, clause, hit.span.end) {
            continue;
        }
        let lower_trigger = text[hit.span.start..hit.span.end].to_lowercase();
        if lower_trigger.ends_with("ing")
            && text[..hit.span.start].trim_end().ends_with(',')
            && trigger.event_type == EventType::Assault
        {
            continue;
        }
        if !trigger.flags.noun && !trigger.flags.observe && attributive(text, clause, hit.span) {
            // "a pause agreed under Chinese mediation in December": a past agreement with its own date.
            let dated = trigger.event_type == EventType::Agree
                && doc.ann.times.iter().any(|t| {
                    t.span.start >= hit.span.end
                        && t.span.start <= hit.span.end + 40
                        && clause.contains(t.span)
                });
            if !dated {
                continue;
            }
        }
        if trigger.flags.noun
            && trigger.flags.sym
            && trigger.event_type == EventType::Assault
            && anaphoric(text, clause, hit.span)
        {
            continue;
        }
        let lower_clause = text[clause.start..clause.end].to_lowercase();
        let truce_clause = has_truce_word(ctx.lower(clause))
            || has_truce_word(ctx.lower(sentence))
            || ctx.truce_document
                && ["agreement", "deal", "accord", "pause"]
                    .iter()
                    .any(|w| lower_clause.contains(w));
        if trigger.flags.truce && !truce_clause {
            continue;
        }
        let date = event_date(doc, clause, sentence, hit.span.start);
        let place = super::event_place(doc, clause, Some(hit.span.end));
        let mut mode = trigger.mode.clone();
        let mut subj = subject(text, clause, hit.span.start, &ms);
        // "He urged ...": the pronoun stands for the last speaker.
        let pronoun_subject = words_before(text, clause.start, hit.span.start, 2)
            .iter()
            .any(|w| matches!(w.as_str(), "he" | "she" | "it" | "they"));
        if subj.is_empty() && pronoun_subject {
            if let Some(prev) = last_speaker {
                subj = vec![prev];
            }
        }
        let objs = objects(
            text,
            hit.span.end,
            &ms.iter()
                .filter(|m| m.span.start < clause.end)
                .copied()
                .collect::<Vec<_>>(),
        );
        if trigger.flags.deny {
            continue; // handled by apply_denials
        }
        if trigger.flags.observe {
            // "An AFP correspondent heard shelling": the observed act follows.
            let rest = Span::new(hit.span.end, clause.end);
            let act = lexicon
                .find(text, rest)
                .into_iter()
                .find(|h| lexicon.triggers[h.trigger].event_type == EventType::Assault);
            let observer = subj.last().copied().or(claim.map(|c| &c.claimant));
            if let (Some(act), Some(obs)) = (act, observer) {
                consumed.push(act.span);
                let obs_claim = Claim {
                    claimant: obs.clone(),
                    frame: obs.span,
                    content: rest,
                    observer: true,
                };
                let place = super::event_place(doc, sentence, Some(hit.span.end));
                Draft {
                    event_type: EventType::Assault,
                    date,
                    place,
                    claim: Some(&obs_claim),
                    sentence,
                    mode: lexicon.triggers[act.trigger].mode.clone(),
                }
                .record(out, None, None);
            }
            continue;
        }
        // The two parties of a symmetric act ("A and B clashed", "agreed with B").
        let pairs_here = || {
            dyads(
                ctx,
                text,
                clause,
                hit,
                &subj,
                &objs,
                &ms,
                claim,
                trigger.flags.noun,
            )
        };
        let d = Draft {
            event_type: trigger.event_type,
            date,
            place: place.clone(),
            claim,
            sentence,
            mode: mode.clone(),
        };
        match trigger.event_type {
            EventType::Accuse if trigger.flags.accuse => {
                // "X accused Y of ..." / "Y has been accused by A and B of ..." / "both sides accusing the other".
                let (accusers, accused): (Vec<Party>, Vec<Party>) =
                    if is_passive(text, clause, hit.span.start) {
                        let agents = by_agent(text, clause, hit.span.end, &ms)
                            .map(|a| objects(text, a.span.start, &ms))
                            .unwrap_or_default();
                        (
                            agents.iter().map(|m| party(m)).collect(),
                            subj.iter().map(|m| party(m)).collect(),
                        )
                    } else if mutual(text, clause) && ctx.belligerents.len() == 2 {
                        let a = accusers_or_belligerents(ctx, &subj);
                        (a.clone(), a.into_iter().rev().collect())
                    } else {
                        let src: Vec<Party> = if subj.is_empty() {
                            claim.map(|c| vec![party(&c.claimant)]).unwrap_or_default()
                        } else {
                            subj.iter().map(|m| party(m)).collect()
                        };
                        (src, objs.iter().map(|m| party(m)).collect())
                    };
                // Mutual accusations pair each side with the other; otherwise every accuser
                // accuses every accused (or nobody named).
                let pairs: Vec<(Party, Option<Party>)> =
                    if accusers.len() == 2 && accused.len() == 2 && mutual(text, clause) {
                        accusers
                            .iter()
                            .cloned()
                            .zip(accused.iter().cloned().map(Some))
                            .collect()
                    } else if accused.is_empty() {
                        accusers.iter().map(|a| (a.clone(), None)).collect()
                    } else {
                        accusers
                            .iter()
                            .flat_map(|a| accused.iter().map(move |b| (a.clone(), Some(b.clone()))))
                            .collect()
                    };
                for (a, b) in pairs {
                    d.plain().record(out, Some(a), b);
                }
                // The alleged act in the "of" clause is an ASSAULT claimed by the accuser.
                let rest = Span::new(hit.span.end, clause.end);
                for h in lexicon.find(text, rest) {
                    if lexicon.triggers[h.trigger].flags.violation {
                        consumed.push(h.span);
                    }
                }
                if let Some(act) = lexicon.find(text, rest).into_iter().find(|h| {
                    lexicon.triggers[h.trigger].event_type == EventType::Assault
                        && !lexicon.triggers[h.trigger].flags.sym
                }) {
                    consumed.push(act.span);
                    if accusers.len() == 1 && accused.len() == 1 {
                        let acc = Mention {
                            span: hit.span,
                            name: accusers[0].name.clone(),
                            country: accusers[0].country.clone(),
                            sector: accusers[0].sector,
                            kind: MentionKind::Reference,
                        };
                        let c = Claim {
                            claimant: acc,
                            frame: hit.span,
                            content: rest,
                            observer: false,
                        };
                        let target = ctx.opposite(&accused[0]);
                        Draft {
                            event_type: EventType::Assault,
                            claim: Some(&c),
                            mode: lexicon.triggers[act.trigger].mode.clone(),
                            ..d.clone()
                        }
                        .record(out, Some(accused[0].clone()), target);
                    }
                }
            }
            EventType::Accuse if trigger.flags.violation => {
                // "X said the rebels had broken their truce": X accuses the violator.
                let (Some(c), Some(v)) = (claim, subj.last()) else {
                    continue;
                };
                let accuser = party(&c.claimant);
                let violator = party(v);
                if adversaries(&accuser, &violator) {
                    Draft {
                        mode: None,
                        ..d.plain()
                    }
                    .record(out, Some(accuser), Some(violator));
                }
            }
            EventType::Accuse => {
                // Concern, regret, doubt: the speaker accuses; nobody named is null.
                let src = subj
                    .last()
                    .map(|m| party(m))
                    .or_else(|| claim.map(|c| party(&c.claimant)));
                if let Some(s) = src {
                    let tgt = objs
                        .first()
                        .filter(|m| {
                            text[hit.span.end..m.span.start].split_whitespace().count() <= 1
                        })
                        .map(|m| party(m));
                    d.plain().record(out, Some(s), tgt);
                }
            }
            EventType::Request | EventType::Support | EventType::Threaten => {
                let src = subj
                    .last()
                    .map(|m| party(m))
                    .or_else(|| claim.map(|c| party(&c.claimant)));
                let Some(s) = src else { continue };
                if trigger.event_type == EventType::Request {
                    let lower = text[clause.start..clause.end].to_lowercase();
                    mode = if truce_clause {
                        Some("ceasefire".into())
                    } else if lower.contains("talks") || lower.contains("negotiat") {
                        Some("peace_talks".into())
                    } else {
                        mode
                    };
                }
                if trigger.event_type == EventType::Support && !truce_clause {
                    mode = None;
                }
                let d = Draft {
                    mode: mode.clone(),
                    ..d
                };
                let mut targets: Vec<Party> = objs.iter().map(|m| party(m)).collect();
                if trigger.event_type == EventType::Threaten {
                    // "Both sides warned ...": each warns the other; a warning is aimed at the adversary.
                    if subj.is_empty() && mutual(text, sentence) && ctx.belligerents.len() == 2 {
                        let (a, b) = (ctx.belligerents[0].clone(), ctx.belligerents[1].clone());
                        d.plain().record_pair(out, a, b);
                        continue;
                    }
                    if targets.is_empty() {
                        targets.extend(ctx.opposite(&s));
                    }
                }
                if targets.is_empty() && mutual(text, clause) {
                    targets = ctx.belligerents.clone();
                }
                let claim_for = claim.filter(|c| {
                    !subj.is_empty()
                        && !std::ptr::eq(&c.claimant, subj[subj.len() - 1])
                        && c.claimant.span != subj[subj.len() - 1].span
                });
                if targets.is_empty() {
                    if trigger.event_type != EventType::Request {
                        Draft {
                            claim: claim_for,
                            ..d.plain()
                        }
                        .record(out, Some(s), None);
                    }
                } else {
                    for t in targets {
                        Draft {
                            claim: claim_for,
                            ..d.plain()
                        }
                        .record(out, Some(s.clone()), Some(t));
                    }
                }
            }
            EventType::Agree if trigger.flags.mediated => {
                let pair = between(text, clause, hit.span.start, &ms)
                    .map(|(a, b)| (party(a), party(b)))
                    .or_else(|| {
                        (ctx.belligerents.len() == 2)
                            .then(|| (ctx.belligerents[0].clone(), ctx.belligerents[1].clone()))
                    });
                if let Some((a, b)) = pair {
                    Draft { claim, ..d.plain() }.record_pair(out, a, b);
                }
            }
            EventType::Agree | EventType::Consult => {
                let pairs = pairs_here();
                let claim_for = claim.filter(|c| {
                    !pairs
                        .iter()
                        .any(|(a, b)| a.name == c.claimant.name || b.name == c.claimant.name)
                });
                let d = Draft {
                    place: super::event_place(doc, sentence, Some(hit.span.end)),
                    claim: claim_for,
                    ..d
                };
                for (a, b) in pairs {
                    d.record_pair(out, a, b);
                }
            }
            EventType::Retreat => {
                let src = subj
                    .last()
                    .map(|m| party(m))
                    .or_else(|| claim.map(|c| party(&c.claimant)));
                let Some(s) = src else { continue };
                if trigger.flags.truce && !unilateral(text, clause) && trigger.phrase != "declared"
                {
                    continue;
                }
                // A mediator announcing a truce does not retreat; a party declaring one does.
                if trigger.flags.truce
                    && !ctx
                        .belligerents
                        .iter()
                        .any(|b| b.country == s.country && is_rebel(b) == is_rebel(&s))
                {
                    continue;
                }
                let tgt = objs.first().map(|m| party(m)).or_else(|| ctx.opposite(&s));
                d.record(out, Some(s), tgt);
            }
            EventType::Assault => {
                if trigger.flags.sym {
                    let pairs = pairs_here();
                    for (a, b) in pairs {
                        d.record_pair(out, a, b);
                    }
                    continue;
                }
                let passive = is_passive(text, clause, hit.span.start);
                let (mut source, mut target) = if passive {
                    let agent = by_agent(text, clause, hit.span.end, &ms).map(party);
                    let victim = subj.last().map(|m| party(m));
                    let agent = agent.or_else(|| {
                        // "enemy forces had been destroyed" in a party's own statement: the claimant did it.
                        claim
                            .filter(|c| {
                                matches!(
                                    c.claimant.sector,
                                    Some(Sector::Mil | Sector::Gov | Sector::Reb)
                                )
                            })
                            .map(|c| party(&c.claimant))
                            .filter(|c| victim.as_ref().is_none_or(|v| adversaries(c, v)))
                    });
                    if agent.is_none() && !ctx.headline && place.is_none() {
                        // "49 soldiers had been killed": a toll, which figures carry.
                        continue;
                    }
                    (agent, victim)
                } else {
                    let src = subj
                        .last()
                        .map(|m| party(m))
                        .or_else(|| demonym_before(ctx, hit.span.start));
                    (src, objs.first().map(|m| party(m)))
                };
                if let (Some(s), None) = (&source, &target) {
                    // The claimant's own side, or the other belligerent, took the blow.
                    target = claim
                        .filter(|c| {
                            c.claimant.country.is_some() && adversaries(&party(&c.claimant), s)
                        })
                        .map(|c| party(&c.claimant))
                        .or_else(|| ctx.opposite(s));
                }
                if source.is_none() && target.is_some() && passive {
                    source = None;
                }
                if source.is_none() && target.is_none() && !ctx.headline {
                    continue;
                }
                if trigger.flags.noun && source.is_none() && !ctx.headline {
                    continue;
                }
                d.record(out, source, target);
            }
            EventType::Coerce
            | EventType::Mobilize
            | EventType::Sanction
            | EventType::Protest
            | EventType::Aid
            | EventType::Cooperate
            | EventType::Concede
            | EventType::Reject => {
                let src = subj.last().map(|m| party(m));
                let Some(s) = src else { continue };
                let tgt = objs.first().map(|m| party(m));
                d.record(out, Some(s), tgt);
            }
        }
    }
    if ctx.headline
        && !out[before_sentence..]
            .iter()
            .any(|e| e.event_type == EventType::Assault)
    {
        headline_fallback(ctx, lexicon, sentence, hits, out);
    }
}

fn accusers_or_belligerents(ctx: &Context, subj: &[&Mention]) -> Vec<Party> {
    if subj.len() == 2 {
        return subj.iter().map(|m| party(m)).collect();
    }
    ctx.belligerents.clone()
}

fn unilateral(text: &str, clause: Span) -> bool {
    let s = text[clause.start..clause.end].to_lowercase();
    s.contains("unilateral")
        || s.contains("declared")
        || s.contains("announced")
        || s.contains("ordered")
}

const NON_POLITICAL: &str = include_str!("../../../../data/lexicon/non_political.txt");

/// The sentence speaks of commerce or sport (`data/lexicon/non_political.txt`).
fn non_political(text: &str, sentence: Span) -> bool {
    let lower = text[sentence.start..sentence.end].to_lowercase();
    NON_POLITICAL
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|w| {
            lower.match_indices(w).any(|(i, _)| {
                let before = lower[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = lower[i + w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                before && after
            })
        })
}

/// In a bare headline, violence told without named sides is still an ASSAULT.
fn headline_fallback(
    ctx: &Context,
    lexicon: &Lexicon,
    sentence: Span,
    hits: &[Hit],
    out: &mut Vec<Event>,
) {
    let text = ctx.text();
    let violent = hits.iter().find(|h| {
        let t = &lexicon.triggers[h.trigger];
        t.event_type == EventType::Assault && !t.flags.observe && {
            let clause = clause_of(text, sentence, h.span.start);
            !is_unreal(text, clause, h.span.start)
        }
    });
    let Some(hit) = violent else { return };
    let ms = ctx.mentions_in(sentence);
    let armed = |m: &&&Mention| matches!(m.sector, Some(Sector::Mil | Sector::Reb | Sector::Gov));
    let source = ms
        .iter()
        .filter(|m| m.span.end <= hit.span.start)
        .rev()
        .find(armed)
        .map(|m| party(m));
    let target = ms
        .iter()
        .find(|m| m.span.start >= hit.span.end)
        .map(|m| party(m));
    let place = super::event_place(ctx.doc, sentence, Some(hit.span.end));
    let date = event_date(ctx.doc, sentence, sentence, hit.span.start);
    out.push(Event {
        event_type: EventType::Assault,
        mode: lexicon.triggers[hit.trigger].mode.clone(),
        source,
        target,
        date,
        place,
        claimed_by: None,
        status: Status::Reported,
        ceasefire_violation: false,
        span: sentence,
    });
}

/// A demonym right before a noun trigger ("Israeli strikes") names the attacker.
fn demonym_before(ctx: &Context, at: usize) -> Option<Party> {
    let text = ctx.text();
    let before = text[..at].trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let info = ctx.gazetteer.country_by_demonym(word)?;
    Some(Party {
        name: format!("{word} forces"),
        country: Some(info.alpha3.clone()),
        sector: Some(Sector::Mil),
    })
}

/// The two sides of a mutual act.
#[allow(clippy::too_many_arguments)]
fn dyads(
    ctx: &Context,
    text: &str,
    clause: Span,
    hit: &Hit,
    subj: &[&Mention],
    objs: &[&Mention],
    ms: &[&Mention],
    claim: Option<&Claim>,
    noun: bool,
) -> Vec<(Party, Party)> {
    if let Some((a, b)) = between(
        text,
        clause,
        hit.span.start.saturating_sub(0).max(clause.start),
        ms,
    ) {
        return vec![(party(a), party(b))];
    }
    if subj.len() == 2 {
        return vec![(party(subj[0]), party(subj[1]))];
    }
    let with = text[hit.span.end..clause.end].to_lowercase();
    if let (Some(s), Some(o)) = (subj.last(), objs.first()) {
        if with.trim_start().starts_with("with") || !noun {
            return vec![(party(s), party(o))];
        }
    }
    if mutual(text, clause) && ctx.belligerents.len() == 2 {
        return vec![(ctx.belligerents[0].clone(), ctx.belligerents[1].clone())];
    }
    // One party named: the other is the claimant (a call "he" had) or the opposite side.
    // A bare noun ("after days of street fighting") names no sides.
    if noun && subj.is_empty() {
        return Vec::new();
    }
    let one = subj.last().or(objs.first());
    if let Some(m) = one {
        let p = party(m);
        if let Some(c) = claim {
            if c.claimant.name != p.name && c.claimant.country.is_some() {
                return vec![(party(&c.claimant), p)];
            }
        }
        if let Some(o) = ctx.opposite(&p) {
            return vec![(p, o)];
        }
    }
    if ctx.belligerents.len() == 2 && has_truce_word(ctx.lower(clause)) {
        return vec![(ctx.belligerents[0].clone(), ctx.belligerents[1].clone())];
    }
    Vec::new()
}

/// Denials: "X denied ...", "the claim was dismissed as nonsense by X".
pub fn apply_denials(
    ctx: &Context,
    lexicon: &Lexicon,
    sentence: Span,
    hits: &[Hit],
    first_new: usize,
    events: &mut Vec<Event>,
) {
    let text = ctx.text();
    let ms = ctx.mentions_in(sentence);
    for hit in hits {
        let trigger = &lexicon.triggers[hit.trigger];
        if !trigger.flags.deny {
            continue;
        }
        let clause = clause_of(text, sentence, hit.span.start);
        if is_unreal(text, clause, hit.span.start) {
            continue;
        }
        let denier = if is_passive(text, clause, hit.span.start) {
            by_agent(
                text,
                Span::new(hit.span.end, sentence.end),
                hit.span.end,
                &ms,
            )
        } else {
            subject(text, clause, hit.span.start, &ms).last().copied()
        };
        let Some(denier) = denier else { continue };
        let denier_party = party(denier);
        // The claim answered: the latest asserted event by someone else, here or just before.
        let lo = first_new.saturating_sub(12);
        let mut claimant: Option<Party> = None;
        for e in events[lo..].iter_mut().rev() {
            if e.span.start > hit.span.start {
                continue;
            }
            if e.event_type == EventType::Assault && e.status == Status::Asserted {
                if let Some(c) = &e.claimed_by {
                    if c.country != denier_party.country || c.sector != denier_party.sector {
                        claimant = Some(c.clone());
                        e.status = Status::Denied;
                        break;
                    }
                }
            }
            if e.event_type == EventType::Accuse {
                if let Some(s) = &e.source {
                    if s.country != denier_party.country {
                        claimant = Some(s.clone());
                        break;
                    }
                }
            }
        }
        // Other asserted events of the same claimant in the same sentence are denied too.
        if let Some(c) = &claimant {
            for e in events[lo..].iter_mut() {
                if e.event_type == EventType::Assault
                    && e.status == Status::Asserted
                    && e.claimed_by.as_ref() == Some(c)
                    && e.span == sentence
                {
                    e.status = Status::Denied;
                }
            }
        }
        let Some(target) = claimant else { continue };
        let date = event_date(ctx.doc, clause, sentence, hit.span.start);
        events.push(Event {
            event_type: EventType::Reject,
            mode: Some("deny".into()),
            source: Some(denier_party),
            target: Some(target),
            date,
            place: None,
            claimed_by: None,
            status: Status::Reported,
            ceasefire_violation: false,
            span: sentence,
        });
    }
}

/// "A truce between A and B" with no agreement told elsewhere: the truce was agreed.
pub fn truce_noun_agreements(ctx: &Context, events: &mut Vec<Event>) {
    const PHRASES: [&str; 3] = [
        "ceasefire between ",
        "truce between ",
        "cease-fire between ",
    ];
    // Look sentence by sentence only in the rare document that has one.
    if !PHRASES.iter().any(|p| ctx.lower.contains(p)) {
        return;
    }
    let text = ctx.text();
    let mut extra = Vec::new();
    for sentence in &ctx.doc.ann.sentences {
        let lower = ctx.lower(*sentence);
        for word in PHRASES {
            let Some(at) = lower.find(word) else { continue };
            let from = sentence.start + at;
            let ms = ctx.mentions_in(*sentence);
            let Some((a, b)) = between(text, *sentence, from, &ms) else {
                continue;
            };
            let (a, b) = (party(a), party(b));
            let told = events.iter().chain(extra.iter()).any(|e: &Event| {
                e.event_type == EventType::Agree
                    && e.source.as_ref().map(|p| &p.country) == Some(&a.country)
                    && e.target.as_ref().map(|p| &p.country) == Some(&b.country)
            });
            if told || !adversaries(&a, &b) {
                continue;
            }
            let date = event_date(ctx.doc, *sentence, *sentence, from);
            for (s, t) in [(a.clone(), b.clone()), (b.clone(), a.clone())] {
                extra.push(Event {
                    event_type: EventType::Agree,
                    mode: Some("ceasefire".into()),
                    source: Some(s),
                    target: Some(t),
                    date,
                    place: None,
                    claimed_by: None,
                    status: Status::Reported,
                    ceasefire_violation: false,
                    span: *sentence,
                });
            }
        }
    }
    events.extend(extra);
}
