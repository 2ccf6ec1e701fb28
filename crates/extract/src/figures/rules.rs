//! Deciding what a number counts: the noun after it, the words before it
//! ("killing nine soldiers") and after its noun ("49 servicemen had been
//! killed"), parts of an earlier figure ("including three servicemen") and
//! coordinated counts ("one tank and three launchers").

use super::lexicon::{Lexicon, Trigger, Unit, UnitClass};
use crate::numbers::{parse_quantity, Lexed, Quantity, TokKind};
use truce_document::FigureKind;

/// Words that end a noun phrase after a number.
const NP_STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "near",
    "from",
    "of",
    "to",
    "by",
    "with",
    "during",
    "after",
    "before",
    "since",
    "as",
    "when",
    "while",
    "where",
    "and",
    "or",
    "but",
    "including",
    "among",
    "who",
    "that",
    "which",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "said",
    "says",
    "according",
    "across",
    "around",
    "along",
    "over",
    "into",
    "inside",
    "outside",
    "per",
    "for",
    "than",
    "compared",
    "up",
    "down",
    "within",
    "through",
    "between",
    "against",
    "towards",
    "toward",
    "amid",
    "under",
    "via",
    "it",
    "they",
    "he",
    "she",
    "we",
    "there",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "be",
    "been",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "not",
    "no",
    "times",
    "each",
    "apiece",
    "out",
    "only",
    "just",
    "all",
];

/// Prepositions whose phrase may sit between a noun and its post word
/// ("one resident of Marinka ... had been wounded").
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "near", "from", "of", "during", "across", "inside", "outside", "along",
    "around", "aboard",
];

/// Words allowed between a pre word and the number ("destroyed as well as one tank").
const PRE_GAP: &[&str] = &[
    "the",
    "all",
    "also",
    "as",
    "well",
    "reportedly",
    "a",
    "an",
    "some",
    "both",
    "had",
    "have",
];

/// Words after which a number is not a count.
const NOT_A_COUNT_BEFORE: &[&str] = &[
    "aged",
    "age",
    "ages",
    "no",
    "number",
    "page",
    "article",
    "resolution",
    "route",
    "brigade",
    "battalion",
    "division",
    "regiment",
    "unit",
    "flight",
    "highway",
    "road",
    "km",
    "section",
    "chapter",
    "paragraph",
    "point",
    "grade",
    "level",
    "sector",
    "block",
    "lot",
    "platform",
    "gate",
    "tier",
    "phase",
    "stage",
    "round",
    "category",
    "class",
    "group",
    "lid",
    "lib",
    "kia",
];

/// Superlatives that make "one of the deadliest attacks" a description, not a count.
const SUPERLATIVES: &[&str] = &[
    "deadliest",
    "worst",
    "biggest",
    "largest",
    "heaviest",
    "bloodiest",
    "most",
    "latest",
    "first",
    "last",
];

/// Harm verbs after which "and" may lead to the post word ("tortured and killed").
const HARM_PASS: &[&str] = &[
    "shot",
    "tortured",
    "beaten",
    "stabbed",
    "hacked",
    "raped",
    "mutilated",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The head noun after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// No noun: "360 wounded", "kills 12".
    Elided,
    /// A noun from the vocabulary.
    Known(usize),
    /// A capitalised word not in the vocabulary ("Palestinians", "Kachin").
    Named(usize),
    /// A lower-case noun not in the vocabulary ("products", "stores").
    Unknown,
}

/// The noun phrase after a number.
#[derive(Debug, Clone)]
pub struct NounPhrase {
    /// Head noun.
    pub head: Head,
    /// Token after the phrase.
    pub end: usize,
    /// "N of them" / "N of whom": a part of the previous figure.
    pub partitive: bool,
    /// "N of the ...": a share of something named.
    pub of_the: bool,
    /// A superlative among the modifiers.
    pub superlative: bool,
}

/// A resolved figure (token level).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The number.
    pub q: Quantity,
    /// Its noun phrase.
    pub np: NounPhrase,
    /// What it counts.
    pub kind: FigureKind,
    /// Plural noun.
    pub unit: String,
    /// Civilians?
    pub civilian: Option<bool>,
}

fn is_word(t: &Lexed, i: usize) -> bool {
    matches!(t.kind(i), Some(TokKind::Word))
}

/// Parse the noun phrase that starts at token `i` (right after a number).
pub fn noun_phrase(lex: &Lexicon, t: &Lexed, i: usize, end: usize) -> NounPhrase {
    let mut j = t.skip_quotes(i);
    let mut partitive = false;
    let mut of_the = false;
    if t.is(j, "of") {
        let det = t.lower(t.skip_quotes(j + 1));
        match det {
            "them" | "whom" => {
                partitive = true;
                j = t.skip_quotes(j + 2);
            }
            "the" | "their" | "its" | "his" | "her" | "those" | "these" | "our" | "all" => {
                of_the = det == "the";
                j = t.skip_quotes(j + 2);
                if t.is(j, "own") {
                    j += 1;
                }
                // "12 of the 15 helicopters": the noun is after the second number.
                if let Some(q) = parse_quantity(t, j) {
                    if q.end > j && q.end < end {
                        j = q.end;
                    }
                }
            }
            _ => j += 1,
        }
    }
    let mut head = Head::Elided;
    let mut modifiers = 0usize;
    let mut last_modifier = None;
    let mut superlative = false;
    let mut steps = 0;
    while steps < 7 && j < end {
        steps += 1;
        j = t.skip_quotes(j);
        if j >= end {
            break;
        }
        if let Some((&u, next)) = lex.units.match_at(t, j, end) {
            // Prefer the last of a run of nouns: "women militants", "civilian cars".
            let mut best = (u, next);
            let mut k = t.skip_quotes(next);
            while let Some((&u2, n2)) = lex.units.match_at(t, k, end) {
                best = (u2, n2);
                k = t.skip_quotes(n2);
            }
            head = Head::Known(best.0);
            j = best.1;
            break;
        }
        if !is_word(t, j) {
            break;
        }
        let w = t.lower(j);
        if lex.clear.contains(w) {
            j += 1;
            continue;
        }
        if NP_STOP.contains(&w) || MONTHS.contains(&w) || lex.pass.may_start(t, j) {
            break;
        }
        if lex.post.may_start(t, j) || lex.pre.may_start(t, j) {
            // A participle used as an adjective: "displaced persons", "wounded soldiers".
            if lex.units.match_at(t, t.skip_quotes(j + 1), end).is_some() {
                j += 1;
                continue;
            }
            break;
        }
        if SUPERLATIVES.contains(&w) {
            superlative = true;
        }
        modifiers += 1;
        last_modifier = Some(j);
        j += 1;
    }
    if head == Head::Elided && modifiers > 0 {
        head = match last_modifier {
            Some(m) if t.is_capitalised(m) => Head::Named(m),
            _ => Head::Unknown,
        };
    }
    NounPhrase {
        head,
        end: j,
        partitive,
        of_the,
        superlative,
    }
}

/// Everything a segment's resolver needs.
pub struct Segment<'a, 'b> {
    /// Vocabulary.
    pub lex: &'a Lexicon,
    /// Tokens.
    pub t: &'a Lexed<'b>,
    /// First token of the segment.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl Segment<'_, '_> {
    fn quantity_at(&self, i: usize) -> Option<Quantity> {
        let i = self.t.skip_quotes(i);
        if i >= self.end {
            return None;
        }
        parse_quantity(self.t, i).filter(|q| q.end <= self.end)
    }

    /// Skip "Q NP (and|, Q NP)*" at `i`; the index after, if a counted noun phrase is there.
    fn skip_counted(&self, i: usize) -> Option<usize> {
        let q = self.quantity_at(i)?;
        let np = noun_phrase(self.lex, self.t, q.end, self.end);
        if matches!(np.head, Head::Known(_) | Head::Named(_)) || np.partitive {
            let mut j = np.end;
            if matches!(self.t.lower(j), "and" | ",") {
                if let Some(k) = self.skip_counted(j + 1) {
                    j = k;
                }
            }
            Some(j)
        } else {
            None
        }
    }

    /// The post word after a noun phrase ending at `i`: (trigger, extended).
    /// Extended means it was reached across a coordinated noun, a part
    /// ("including ..."), an apposition or a prepositional phrase.
    pub fn post_trigger(&self, i: usize) -> Option<(Trigger, bool)> {
        let (t, lex) = (self.t, self.lex);
        let mut j = i;
        let mut extended = false;
        let mut after_harm = false;
        let mut steps = 0;
        while steps < 24 {
            steps += 1;
            j = t.skip_quotes(j);
            if j >= self.end || t.is_hard_stop(j) {
                return None;
            }
            if let Some((&trig, _)) = lex.post.match_at(t, j, self.end) {
                return Some((trig, extended));
            }
            let w = t.lower(j);
            if matches!(w, "not" | "never" | "no" | "nobody" | "none") {
                return None;
            }
            if let Some((_, next)) = lex.pass.match_at(t, j, self.end) {
                after_harm = HARM_PASS.contains(&w);
                j = next;
                continue;
            }
            let harm_before = after_harm;
            after_harm = false;
            if let Some((_, next)) = lex.sub.match_at(t, j, self.end) {
                // "including eight children" or "including a child"
                j = match self.skip_counted(next) {
                    Some(k) => k,
                    None => match self.skip_named(next) {
                        Some(k) => k,
                        None => self.skip_to_comma(next)?,
                    },
                };
                extended = true;
                continue;
            }
            match w {
                "and" | "or" | "," | "as" | "plus" => {
                    let mut next = j + 1;
                    if w == "as" {
                        // "as well as"
                        if !(t.is(j + 1, "well") && t.is(j + 2, "as")) {
                            return None;
                        }
                        next = j + 3;
                    }
                    if let Some(k) = self.skip_counted(next) {
                        j = k;
                        extended = true;
                        continue;
                    }
                    if w == "and" && harm_before {
                        j += 1;
                        continue;
                    }
                    if w != "," {
                        // "2,000 soldiers and members of their families surrendered"
                        let mut n = t.skip_quotes(next);
                        if matches!(
                            t.lower(n),
                            "the" | "their" | "its" | "his" | "her" | "other" | "a" | "an"
                        ) {
                            n += 1;
                        }
                        let np = noun_phrase(lex, t, n, self.end);
                        if matches!(np.head, Head::Known(_)) {
                            j = np.end;
                            extended = true;
                            continue;
                        }
                        return None;
                    }
                    // A comma: an aside, or the verb after a part.
                    let k = t.skip_quotes(next);
                    if lex.pass.match_at(t, k, self.end).is_some()
                        || lex.post.match_at(t, k, self.end).is_some()
                        || lex.sub.match_at(t, k, self.end).is_some()
                    {
                        j = k;
                        continue;
                    }
                    if matches!(t.lower(k), "a" | "an" | "the") {
                        j = self.skip_aside(k)?;
                        extended = true;
                        continue;
                    }
                    return None;
                }
                _ => {}
            }
            if PREPOSITIONS.contains(&w) {
                let mut k = j + 1;
                let mut n = 0;
                while n < 6 && k < self.end {
                    let k2 = t.skip_quotes(k);
                    if k2 >= self.end
                        || t.kind(k2) != Some(TokKind::Word)
                        || NP_STOP.contains(&t.lower(k2))
                            && !matches!(
                                t.lower(k2),
                                "the"
                                    | "a"
                                    | "an"
                                    | "their"
                                    | "its"
                                    | "his"
                                    | "her"
                                    | "this"
                                    | "these"
                                    | "those"
                            )
                        || lex.post.match_at(t, k2, self.end).is_some()
                        || lex.pass.match_at(t, k2, self.end).is_some()
                    {
                        k = k2;
                        break;
                    }
                    k = k2 + 1;
                    n += 1;
                }
                if k == j + 1 {
                    return None;
                }
                j = k;
                extended = true;
                continue;
            }
            return None;
        }
        None
    }

    /// Skip "a child", "an Israeli soldier", "two women and a child": a noun
    /// phrase with a known head, after an optional article.
    fn skip_named(&self, k: usize) -> Option<usize> {
        let t = self.t;
        let mut n = t.skip_quotes(k);
        if matches!(t.lower(n), "a" | "an" | "the") {
            n += 1;
        }
        let np = noun_phrase(self.lex, t, n, self.end);
        if !matches!(np.head, Head::Known(_) | Head::Named(_)) {
            return None;
        }
        if t.is(np.end, "and") {
            if let Some(k2) = self
                .skip_counted(np.end + 1)
                .or_else(|| self.skip_named(np.end + 1))
            {
                return Some(k2);
            }
        }
        Some(np.end)
    }

    /// The index of the next comma after `k` (within a few words, with no
    /// post word before it): "including a child, were killed".
    fn skip_to_comma(&self, k: usize) -> Option<usize> {
        let t = self.t;
        for m in k..k + 8 {
            if m >= self.end
                || t.is_hard_stop(m)
                || self.lex.post.match_at(t, m, self.end).is_some()
            {
                return None;
            }
            if t.raw(m) == "," {
                return Some(m);
            }
        }
        None
    }

    /// An apposition "a government-held town just west of Donetsk," from its
    /// article at `k` to after its closing comma.
    fn skip_aside(&self, k: usize) -> Option<usize> {
        let t = self.t;
        let mut m = k;
        for _ in 0..12 {
            m += 1;
            if m >= self.end
                || t.is_hard_stop(m)
                || self.lex.post.match_at(t, m, self.end).is_some()
            {
                return None;
            }
            if t.raw(m) == "," {
                return Some(m + 1);
            }
        }
        None
    }

    /// The pre word before the number starting at `first`.
    pub fn pre_trigger(&self, first: usize) -> Option<Trigger> {
        let (t, lex) = (self.t, self.lex);
        let mut j = first;
        let mut gap = 0;
        loop {
            let p = t.prev_non_quote(j)?;
            if p < self.start {
                return None;
            }
            if let Some((&trig, _)) = lex.pre.match_ending_at(t, p, self.start) {
                return Some(trig);
            }
            if gap < 4 && PRE_GAP.contains(&t.lower(p)) {
                gap += 1;
                j = p;
                continue;
            }
            return None;
        }
    }

    /// "death toll rose to nine", "the toll from the attack has risen to 12",
    /// "put the number of dead at 64", "the number of people killed rose to 23".
    pub fn tally_before(&self, first: usize) -> Option<Trigger> {
        let t = self.t;
        let mut j = first;
        let mut seen: Option<Trigger> = None;
        for _ in 0..9 {
            let p = t.prev_non_quote(j)?;
            if p < self.start || t.kind(p) != Some(TokKind::Word) {
                return None;
            }
            match t.lower(p) {
                "toll" | "tolls" => return Some(seen.unwrap_or(Trigger::Killed)),
                "dead" | "deaths" | "killed" | "fatalities" | "victims" | "bodies" => {
                    seen = Some(Trigger::Killed)
                }
                "wounded" | "injured" | "injuries" => seen = Some(Trigger::Wounded),
                "displaced" | "refugees" => seen = Some(Trigger::Displaced),
                "missing" => seen = Some(Trigger::Missing),
                "detained" | "arrested" | "captured" | "hostages" | "prisoners" => {
                    seen = Some(Trigger::Captured)
                }
                "number" | "tally" | "count" | "total" if seen.is_some() && t.is(p + 1, "of") => {
                    return seen
                }
                _ => {}
            }
            j = p;
        }
        None
    }

    /// "burn four guerrillas alive": a burn/bury word before, "alive" after.
    fn burned_alive(&self, first: usize, np_end: usize) -> bool {
        let t = self.t;
        if !t.is(t.skip_quotes(np_end), "alive") {
            return false;
        }
        let Some(p) = t.prev_non_quote(first) else {
            return false;
        };
        matches!(
            t.lower(p),
            "burn"
                | "burns"
                | "burned"
                | "burnt"
                | "burning"
                | "bury"
                | "buries"
                | "buried"
                | "burying"
        )
    }

    /// A violation word within the eight tokens before `first` ("violated the truce 444 times").
    fn violated_before(&self, first: usize) -> bool {
        let (t, lex) = (self.t, self.lex);
        let lo = first.saturating_sub(8).max(self.start);
        (lo..first).any(|k| {
            matches!(
                lex.pre.match_ending_at(t, k, lo),
                Some((Trigger::Violated, _))
            ) || matches!(t.lower(k), "violations" | "violation" | "breaches")
        })
    }

    /// True when the number at `q` is part of a date, an age, an address,
    /// a sum of money or a code rather than a count.
    fn not_a_count(&self, q: &Quantity) -> bool {
        let t = self.t;
        let prev = t.prev_non_quote(q.first).filter(|&p| p >= self.start);
        let next = t.skip_quotes(q.end);
        if MONTHS.contains(&t.stem(next)) && t.is_capitalised(next) {
            return true;
        }
        if let Some(p) = prev {
            let w = t.lower(p);
            if MONTHS.contains(&w) && t.is_capitalised(p) {
                return true;
            }
            if matches!(
                t.raw(p),
                "$" | "\u{20ac}" | "\u{a3}" | "\u{a5}" | "/" | "-" | "#"
            ) && t.kind(p) == Some(TokKind::Punct)
            {
                return t.raw(p) != "-" || t.toks[p].span.end == t.toks[q.first].span.start;
            }
            if NOT_A_COUNT_BEFORE.contains(&w) && t.kind(q.first) == Some(TokKind::Number) {
                return true;
            }
            // "TNLA 434", "LID 77": a unit number after an acronym (not in an all-caps headline).
            let raw = t.raw(p);
            if t.kind(q.first) == Some(TokKind::Number)
                && raw.len() >= 2
                && raw.chars().all(|c| c.is_ascii_uppercase())
                && !t.prev_non_quote(p).is_some_and(|pp| {
                    let r = t.raw(pp);
                    r.len() >= 2 && r.chars().all(|c| c.is_ascii_uppercase())
                })
                && self.lex.pre.match_ending_at(t, p, self.start).is_none()
            {
                return true;
            }
        }
        matches!(t.raw(next), "%")
    }

    /// Resolve the number `q` given the figures already resolved in this segment.
    pub fn resolve(&self, q: Quantity, prev: &[Resolved]) -> Option<Resolved> {
        let (t, lex) = (self.t, self.lex);
        if self.not_a_count(&q) || q.max == Some(0) {
            return None;
        }
        // "violated the truce 444 times"
        if t.is(t.skip_quotes(q.end), "times") {
            if self.violated_before(q.first) {
                let np = NounPhrase {
                    head: Head::Elided,
                    end: q.end + 1,
                    partitive: false,
                    of_the: false,
                    superlative: false,
                };
                return Some(Resolved {
                    q,
                    np,
                    kind: FigureKind::Violations,
                    unit: "violations".into(),
                    civilian: None,
                });
            }
            return None;
        }
        let np = noun_phrase(lex, t, q.end, self.end);
        let unit: Option<&Unit> = match np.head {
            Head::Known(u) => lex.unit(u),
            _ => None,
        };
        let class = unit.map(|u| u.class);
        if class == Some(UnitClass::Measure) || np.head == Head::Unknown || np.superlative {
            return None;
        }
        if q.year_like && np.head == Head::Elided {
            return None;
        }
        if np.of_the && q.min == 1 && q.max == Some(1) && np.head == Head::Elided {
            // "one of the dead was a child": a member, not a count
            // ("one of the soldiers was killed" is a count of one).
            return None;
        }
        let parent = prev.last();
        let linked = self.linked_to_previous(&q, &np, parent);
        let compared = np.head == Head::Elided && self.compared_to_previous(&q, parent);

        // Signals in order of strength.
        let post = self.post_trigger(np.end);
        let pre = self.pre_trigger(q.first);
        let mut signals: Vec<Trigger> = Vec::with_capacity(4);
        if let Some((trig, false)) = post {
            signals.push(trig);
        }
        if let Some(trig) = pre {
            signals.push(trig);
        }
        if let Some((trig, true)) = post {
            signals.push(trig);
        }
        if self.burned_alive(q.first, np.end) {
            signals.insert(0, Trigger::Killed);
        }
        if let Some(trig) = self.tally_before(q.first) {
            signals.push(trig);
        }

        let kind = match class {
            Some(UnitClass::Violation) => {
                if q.min <= 1 && q.max == Some(1) {
                    return None;
                }
                Some(FigureKind::Violations)
            }
            Some(UnitClass::Dead) => Some(FigureKind::Killed),
            Some(UnitClass::Hostage) => Some(if signals.first() == Some(&Trigger::Released) {
                FigureKind::Other
            } else {
                signals
                    .iter()
                    .find_map(|&s| person_kind(s))
                    .unwrap_or(FigureKind::Captured)
            }),
            Some(UnitClass::Projectile) => signals.iter().find_map(|&s| match s {
                Trigger::Fired => Some(FigureKind::Other),
                Trigger::Destroyed => Some(FigureKind::Destroyed),
                _ => None,
            }),
            Some(UnitClass::Thing) => signals.iter().find_map(|&s| {
                matches!(s, Trigger::Destroyed | Trigger::Lost).then_some(FigureKind::Destroyed)
            }),
            Some(UnitClass::Person) | None => {
                let own = signals.iter().find_map(|&s| match s {
                    Trigger::Destroyed if np.head == Head::Elided => Some(FigureKind::Destroyed),
                    s => person_kind(s),
                });
                own
            }
            Some(UnitClass::Measure) => None,
        };
        let inherited = (linked || compared).then_some(parent).flatten();
        let kind = match (kind, inherited) {
            (Some(k), _) => k,
            (None, Some(p)) => match (class, p.kind) {
                // "lost 14 men and two tanks": things coordinated with people are destroyed.
                (Some(UnitClass::Thing), FigureKind::Killed | FigureKind::Destroyed) => {
                    FigureKind::Destroyed
                }
                (Some(UnitClass::Thing), _) => return None,
                (Some(UnitClass::Person) | None, FigureKind::Destroyed)
                    if np.head != Head::Elided =>
                {
                    return None
                }
                (_, k) => k,
            },
            (None, None) => return None,
        };
        let unit_name = match (&np.head, unit, inherited) {
            (Head::Known(_), Some(u), _) => u.display.clone(),
            (Head::Named(m), ..) => named_unit(t.raw(*m)),
            (_, _, Some(p)) => p.unit.clone(),
            _ => default_unit(kind).to_string(),
        };
        let mut civilian = match (&np.head, unit, inherited) {
            (Head::Known(_), Some(u), _) => u.civilian,
            (Head::Elided, _, Some(p)) => p.civilian,
            _ => None,
        };
        if kind == FigureKind::Displaced && civilian.is_none() {
            civilian = Some(true);
        }
        Some(Resolved {
            q,
            np,
            kind,
            unit: unit_name,
            civilian,
        })
    }

    /// A part of, or a count coordinated with, the previous figure:
    /// "including three servicemen", "15 of them children", "and one police officer".
    fn linked_to_previous(&self, q: &Quantity, np: &NounPhrase, parent: Option<&Resolved>) -> bool {
        let t = self.t;
        let Some(parent) = parent else { return false };
        if np.partitive {
            return true;
        }
        let Some(p) = t.prev_non_quote(q.first) else {
            return false;
        };
        if p < self.start {
            return false;
        }
        if self.lex.sub.match_ending_at(t, p, self.start).is_some() {
            return true;
        }
        // "killed 12 \u{2013} 10 soldiers and two civilians", "killed 12: 10 soldiers ..."
        let joined = matches!(
            t.lower(p),
            "and" | "," | "plus" | ":" | "-" | "\u{2013}" | "\u{2014}" | "("
        ) || (t.is(p, "as") && p >= 2 && t.is(p - 1, "well") && t.is(p - 2, "as"));
        let gap_start = if t.is(p, "as") { p - 2 } else { p };
        joined && parent.np.end == gap_start && !matches!(np.head, Head::Elided)
    }

    /// "compared with more than a dozen": the same measure as the previous figure.
    fn compared_to_previous(&self, q: &Quantity, parent: Option<&Resolved>) -> bool {
        let t = self.t;
        if parent.is_none() {
            return false;
        }
        let Some(p) = t.prev_non_quote(q.first) else {
            return false;
        };
        p >= self.start && self.lex.compare.match_ending_at(t, p, self.start).is_some()
    }
}

/// Plural nouns that do not end in "s".
fn irregular_plural(w: &str) -> bool {
    w.ends_with("men")
        || matches!(
            w,
            "people"
                | "children"
                | "police"
                | "personnel"
                | "staff"
                | "militia"
                | "aircraft"
                | "schoolchildren"
        )
}

impl Segment<'_, '_> {
    /// Headline grammar drops articles: "Teen killed as town protests",
    /// "LeT terrorist killed in raid" state one death. A bare singular
    /// person noun opening the segment (or following a colon or dash),
    /// then a killed or wounded word, is a figure of one. With an article
    /// ("a soldier was killed") it is an implied one and not a figure.
    pub fn bare_singular(&self) -> Option<Resolved> {
        let (t, lex) = (self.t, self.lex);
        let mut starts = vec![self.start];
        for k in self.start..self.end.min(self.start + 12) {
            if matches!(t.raw(k), ":" | "-" | "\u{2013}" | "\u{2014}")
                && t.kind(k) == Some(TokKind::Punct)
            {
                starts.push(k + 1);
            }
        }
        for s in starts {
            let s = t.skip_quotes(s);
            let mut head = None;
            for j in s..s + 5 {
                if j >= self.end || !is_word(t, j) {
                    break;
                }
                if let Some((&u, next)) = lex.units.match_at(t, j, self.end) {
                    let mut best = (u, j, next);
                    while let Some((&u2, n2)) = lex.units.match_at(t, best.2, self.end) {
                        best = (u2, best.2, n2);
                    }
                    head = Some(best);
                    break;
                }
                if NP_STOP.contains(&t.lower(j))
                    || lex.pass.may_start(t, j)
                    || lex.post.may_start(t, j)
                {
                    break;
                }
            }
            let Some((u, h, next)) = head else { continue };
            let unit = lex.unit(u)?;
            let last = t.stem(next - 1);
            if unit.class != UnitClass::Person || last.ends_with('s') || irregular_plural(last) {
                continue;
            }
            let kind = match self.post_trigger(next) {
                Some((Trigger::Killed, false)) => FigureKind::Killed,
                Some((Trigger::Wounded, false)) => FigureKind::Wounded,
                _ => continue,
            };
            let q = Quantity {
                first: h,
                end: h,
                min: 1,
                max: Some(1),
                vague: false,
                year_like: false,
            };
            let np = NounPhrase {
                head: Head::Known(u),
                end: next,
                partitive: false,
                of_the: false,
                superlative: false,
            };
            return Some(Resolved {
                q,
                np,
                kind,
                unit: unit.display.clone(),
                civilian: unit.civilian,
            });
        }
        None
    }
}

/// The figure kind a trigger gives to people.
fn person_kind(t: Trigger) -> Option<FigureKind> {
    Some(match t {
        Trigger::Killed => FigureKind::Killed,
        Trigger::Wounded => FigureKind::Wounded,
        Trigger::Missing => FigureKind::Missing,
        Trigger::Captured => FigureKind::Captured,
        Trigger::Displaced => FigureKind::Displaced,
        Trigger::Released => FigureKind::Other,
        Trigger::Lost => FigureKind::Killed,
        Trigger::Destroyed | Trigger::Violated | Trigger::Fired => return None,
    })
}

fn default_unit(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Destroyed => "items",
        FigureKind::Violations => "violations",
        _ => "people",
    }
}

/// A capitalised noun as a unit: strip a possessive and quotes.
fn named_unit(raw: &str) -> String {
    let s = raw.trim_end_matches(['\'', '\u{2019}']);
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s);
    s.to_string()
}
