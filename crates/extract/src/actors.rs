//! Actors: governments, forces, officials, groups, IGOs, media.
//!
//! Recognised from four reviewed data files (`data/actors/`): named
//! organisations, role nouns ("defence ministry", "troops", "spokeswoman"),
//! well-known people, and breakaway regions. A country word before a role
//! ("Azerbaijani defense ministry", "Russia's troops") gives the country;
//! a title before capitalised words ("Foreign Minister Sergei Lavrov")
//! gives a person; country names and capitals used as subjects ("Moscow
//! urged") are governments. Later mentions of a person's surname and
//! repeated phrases point at the same actor.

use crate::gazetteer::{Gazetteer, KeyHash, Prehashed};
use crate::tokens::{tokenize, within, Token};
use crate::ExtractError;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use truce_document::{Actor, Document, PlaceKind, Sector, Span};

const ORGANISATIONS: &str = include_str!("../../../data/actors/organisations.tsv");
const ROLES: &str = include_str!("../../../data/actors/roles.tsv");
const PEOPLE: &str = include_str!("../../../data/actors/people.tsv");
const BREAKAWAY: &str = include_str!("../../../data/actors/breakaway.tsv");

/// What kind of thing a role phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// An institution ("defence ministry").
    Org,
    /// People or forces ("troops", "residents").
    Group,
    /// A person's office that may precede a name ("Foreign Minister").
    Title,
    /// A person noun ("correspondent").
    Person,
}

#[derive(Debug, Clone)]
struct Named {
    code: Option<String>,
    sector: Sector,
    canonical: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Role {
    sector: Sector,
    kind: RoleKind,
}

#[derive(Debug, Clone)]
struct Breakaway {
    code: String,
    armed: Sector,
    civil: Sector,
}

/// The compiled actor dictionary.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    /// [`phrase_hash`] of token sequences (case kept) → organisation.
    orgs: HashMap<u64, Named, Prehashed>,
    org_max: usize,
    /// [`phrase_hash`] of lower-cased token sequences → role.
    roles: HashMap<u64, Role, Prehashed>,
    role_max: usize,
    /// [`phrase_hash`] of token sequences → person.
    people: HashMap<u64, Named, Prehashed>,
    people_max: usize,
    breakaway: FxHashMap<String, Breakaway>,
    /// Hashes of the first words of every phrase above: most tokens start
    /// none, and are skipped at once.
    role_first: HashSet<u64, Prehashed>,
    name_first: HashSet<u64, Prehashed>,
}

/// Incremental hash of a token sequence, words joined by one space: the
/// dictionaries are keyed by it, so a lookup allocates nothing.
#[derive(Clone, Copy)]
struct PhraseHash {
    h: KeyHash,
    words: usize,
}

impl PhraseHash {
    fn new() -> Self {
        PhraseHash {
            h: KeyHash::new(),
            words: 0,
        }
    }

    /// Add a word, lower-cased when `fold`.
    fn push(&mut self, word: &str, fold: bool) {
        if self.words > 0 {
            self.h.step(b' ');
        }
        self.words += 1;
        if !fold {
            self.h.write(word.as_bytes());
        } else if word.is_ascii() {
            for b in word.bytes() {
                self.h.step(b.to_ascii_lowercase());
            }
        } else {
            let mut buf = [0u8; 4];
            for c in word.chars().flat_map(char::to_lowercase) {
                self.h.write(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    fn finish(self) -> u64 {
        self.h.finish()
    }
}

/// Longest dictionary phrase, in tokens.
const MAX_PHRASE: usize = 16;

/// [`PhraseHash`] of whole words.
fn phrase_hash<'a>(words: impl IntoIterator<Item = &'a str>, fold: bool) -> u64 {
    let mut h = PhraseHash::new();
    for w in words {
        h.push(w, fold);
    }
    h.finish()
}

fn data_error(file: &'static str, line: usize, message: impl Into<String>) -> ExtractError {
    ExtractError::Data {
        file,
        line,
        message: message.into(),
    }
}

/// A dictionary phrase as the text tokenizer splits it.
fn words(s: &str) -> Vec<&str> {
    tokenize(s, Span::new(0, s.len()))
        .iter()
        .map(|t| t.text)
        .collect()
}

/// The tokens of a dictionary phrase, refused when longer than [`MAX_PHRASE`].
fn phrase_words(
    file: &'static str,
    line: usize,
    phrase: &'static str,
) -> Result<Vec<&'static str>, ExtractError> {
    let key = words(phrase);
    if key.len() > MAX_PHRASE {
        return Err(data_error(
            file,
            line,
            format!("phrase longer than {MAX_PHRASE} tokens"),
        ));
    }
    Ok(key)
}

fn data_lines(src: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

impl ActorDictionary {
    /// Compile the embedded data files.
    pub fn load() -> Result<Self, ExtractError> {
        let mut d = ActorDictionary::default();
        for (line, cols) in data_lines(ORGANISATIONS) {
            if cols.len() < 3 {
                return Err(data_error(
                    "organisations.tsv",
                    line,
                    "expected name, code, sector",
                ));
            }
            let sector = Sector::parse(cols[2]).ok_or_else(|| {
                data_error(
                    "organisations.tsv",
                    line,
                    format!("unknown sector {}", cols[2]),
                )
            })?;
            let key = phrase_words("organisations.tsv", line, cols[0])?;
            d.org_max = d.org_max.max(key.len());
            d.name_first
                .insert(phrase_hash(key.iter().copied().take(1), false));
            let code = (cols[1] != "-").then(|| cols[1].to_string());
            let canonical = cols.get(3).filter(|c| !c.is_empty()).map(|c| c.to_string());
            d.orgs.insert(
                phrase_hash(key, false),
                Named {
                    code,
                    sector,
                    canonical,
                },
            );
        }
        for (line, cols) in data_lines(ROLES) {
            if cols.len() < 3 {
                return Err(data_error(
                    "roles.tsv",
                    line,
                    "expected phrase, sector, kind",
                ));
            }
            let sector = Sector::parse(cols[1]).ok_or_else(|| {
                data_error("roles.tsv", line, format!("unknown sector {}", cols[1]))
            })?;
            let kind = match cols[2] {
                "org" => RoleKind::Org,
                "group" => RoleKind::Group,
                "title" => RoleKind::Title,
                "person" => RoleKind::Person,
                other => {
                    return Err(data_error(
                        "roles.tsv",
                        line,
                        format!("unknown kind {other}"),
                    ))
                }
            };
            let key = phrase_words("roles.tsv", line, cols[0])?;
            d.role_max = d.role_max.max(key.len());
            d.role_first
                .insert(phrase_hash(key.iter().copied().take(1), true));
            d.roles
                .insert(phrase_hash(key, true), Role { sector, kind });
        }
        for (line, cols) in data_lines(PEOPLE) {
            if cols.len() < 3 {
                return Err(data_error(
                    "people.tsv",
                    line,
                    "expected name, code, sector",
                ));
            }
            let sector = Sector::parse(cols[2]).ok_or_else(|| {
                data_error("people.tsv", line, format!("unknown sector {}", cols[2]))
            })?;
            let key = phrase_words("people.tsv", line, cols[0])?;
            d.people_max = d.people_max.max(key.len());
            d.name_first
                .insert(phrase_hash(key.iter().copied().take(1), false));
            d.people.insert(
                phrase_hash(key, false),
                Named {
                    code: Some(cols[1].to_string()),
                    sector,
                    canonical: Some(cols[0].to_string()),
                },
            );
        }
        for (line, cols) in data_lines(BREAKAWAY) {
            if cols.len() < 4 {
                return Err(data_error(
                    "breakaway.tsv",
                    line,
                    "expected region, code, armed sector, civil sector",
                ));
            }
            let parse = |s: &str| {
                Sector::parse(s).ok_or_else(|| data_error("breakaway.tsv", line, "unknown sector"))
            };
            d.breakaway.insert(
                cols[0].to_string(),
                Breakaway {
                    code: cols[1].to_string(),
                    armed: parse(cols[2])?,
                    civil: parse(cols[3])?,
                },
            );
        }
        Ok(d)
    }

    /// The role a lower-case phrase names, if any.
    pub fn role(&self, phrase: &[&str]) -> Option<(Sector, RoleKind)> {
        self.roles
            .get(&phrase_hash(phrase.iter().copied(), true))
            .map(|r| (r.sector, r.kind))
    }
}

/// How an actor mention was recognised; events use it to weigh roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A named person.
    Person,
    /// A named or described organisation.
    Org,
    /// People or forces ("Armenian troops", "residents").
    Group,
    /// A country or capital standing for its government.
    State,
    /// A pronoun or generic reference resolved to an earlier actor.
    Reference,
}

/// One recognised mention, before actors are merged.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// Name to show.
    pub name: String,
    /// Country or IGO code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<Sector>,
    /// How it was recognised.
    pub kind: MentionKind,
}

/// Fill `doc.ann.actors`.
pub fn annotate(dict: &ActorDictionary, gazetteer: &Gazetteer, doc: &mut Document) {
    let words = tokenize(&doc.text, Span::new(0, doc.text.len()));
    let mentions = recognise(dict, gazetteer, doc, &words);
    doc.ann.actors = merge(&mentions);
}

/// Merge mentions into actors: one per name, country and sector.
pub fn merge(mentions: &[Mention]) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::new();
    let mut index: FxHashMap<(String, Option<String>, Option<Sector>), usize> =
        FxHashMap::default();
    for m in mentions {
        if m.kind == MentionKind::Reference {
            continue;
        }
        let key = (m.name.to_lowercase(), m.country.clone(), m.sector);
        let i = *index.entry(key).or_insert_with(|| {
            actors.push(Actor {
                name: m.name.clone(),
                country: m.country.clone(),
                sector: m.sector,
                mentions: Vec::new(),
            });
            actors.len() - 1
        });
        actors[i].mentions.push(m.span);
    }
    actors
}

/// Country words found in a document: demonyms, country names, capitals.
struct CountryWords {
    /// Byte start of a token → (alpha-3 code, token count, is a capital city, is a country name).
    at: FxHashMap<usize, (String, usize, bool, bool)>,
    /// The country most places of the document lie in (alpha-3).
    dominant: Option<String>,
}

fn country_words(gazetteer: &Gazetteer, doc: &Document) -> CountryWords {
    let mut at = FxHashMap::default();
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for place in &doc.ann.places {
        let Some(info) = gazetteer.country(&place.country) else {
            continue;
        };
        let alpha3 = info.alpha3.clone();
        if place.kind != PlaceKind::Country {
            *counts.entry(alpha3.clone()).or_default() += place.mentions.len();
        }
        let is_capital = place.kind == PlaceKind::City
            && info
                .capital
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(&place.name));
        let is_country = place.kind == PlaceKind::Country;
        if is_capital || is_country {
            for m in &place.mentions {
                let n = tokenize(&doc.text, *m).len();
                at.insert(m.start, (alpha3.clone(), n, is_capital, is_country));
            }
        }
    }
    let dominant = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c);
    CountryWords { at, dominant }
}

/// Prepositions after which a capital or country is a location, not an actor.
const LOCATIVE: &[&str] = &[
    "in", "at", "to", "from", "near", "of", "into", "across", "toward", "towards", "outside",
    "inside", "around", "on", "via", "between", "over", "through",
];

/// Recognise every actor mention of a document, in text order; `words` are
/// the document's tokens ([`tokenize`] over the whole text).
pub fn recognise(
    dict: &ActorDictionary,
    gazetteer: &Gazetteer,
    doc: &Document,
    words: &[Token],
) -> Vec<Mention> {
    let cw = country_words(gazetteer, doc);
    let place_at: FxHashMap<usize, (usize, &truce_document::Place)> = doc
        .ann
        .places
        .iter()
        .flat_map(|p| p.mentions.iter().map(move |m| (m.start, (m.end, p))))
        .collect();
    let mut out: Vec<Mention> = Vec::new();
    let mut surnames: FxHashMap<String, Mention> = FxHashMap::default();
    let sentences: Vec<Span> = if doc.ann.sentences.is_empty() {
        vec![Span::new(0, doc.text.len())]
    } else {
        doc.ann.sentences.clone()
    };
    for sentence in sentences {
        let toks = within(words, sentence);
        let mut i = 0;
        while i < toks.len() {
            if let Some((m, next)) = match_at(
                dict, gazetteer, &cw, &place_at, doc, toks, i, &surnames, &out,
            ) {
                if m.kind == MentionKind::Person {
                    let parts: Vec<&str> = m.name.split_whitespace().collect();
                    if parts.len() >= 2 {
                        if let Some(last) = parts.last() {
                            surnames.insert(last.to_string(), m.clone());
                        }
                    }
                }
                out.push(m);
                i = next;
            } else {
                i += 1;
            }
        }
    }
    out
}

fn lower(t: &Token) -> String {
    t.text.to_lowercase()
}

/// Longest role phrase starting at token `i` (lower-cased match).
fn role_at(dict: &ActorDictionary, toks: &[Token], i: usize) -> Option<(Role, usize)> {
    let first = toks.get(i)?;
    if !first.is_word() || !dict.role_first.contains(&phrase_hash([first.text], true)) {
        return None;
    }
    let max = dict.role_max.min(toks.len().saturating_sub(i));
    longest_phrase(&dict.roles, &toks[i..i + max], true).map(|(r, n)| (*r, i + n))
}

/// The longest phrase of `map` that `toks` starts with, and its length in tokens.
fn longest_phrase<'d, V>(
    map: &'d HashMap<u64, V, Prehashed>,
    toks: &[Token],
    fold: bool,
) -> Option<(&'d V, usize)> {
    let mut hashes = [0u64; MAX_PHRASE];
    let mut h = PhraseHash::new();
    for (n, t) in toks.iter().take(hashes.len()).enumerate() {
        h.push(t.text, fold);
        hashes[n] = h.finish();
    }
    let max = toks.len().min(hashes.len());
    (1..=max)
        .rev()
        .find_map(|n| map.get(&hashes[n - 1]).map(|v| (v, n)))
}

fn dict_at<'d>(
    map: &'d HashMap<u64, Named, Prehashed>,
    max: usize,
    toks: &[Token],
    i: usize,
) -> Option<(&'d Named, usize)> {
    let max = max.min(toks.len().saturating_sub(i));
    longest_phrase(map, &toks[i..i + max], false).map(|(v, n)| (v, i + n))
}

/// Capitalised name tokens from `i` (at most four): a person's name after a title.
fn name_after(toks: &[Token], i: usize) -> Option<usize> {
    let mut j = i;
    while j < toks.len() && j - i < 4 {
        let t = &toks[j];
        let particle = matches!(
            t.text,
            "al" | "bin" | "de" | "van" | "von" | "der" | "la" | "el"
        ) && j > i;
        if t.is_word() && (t.is_capitalised() || particle) && !t.is_all_caps()
            || (j > i && t.text == "-" && j + 1 < toks.len() && toks[j + 1].is_capitalised())
        {
            j += 1;
        } else {
            break;
        }
    }
    // Drop a trailing particle or hyphen.
    while j > i
        && matches!(
            toks[j - 1].text,
            "-" | "al" | "bin" | "de" | "van" | "von" | "der" | "la" | "el"
        )
    {
        j -= 1;
    }
    (j - i >= 2 || (j - i == 1 && toks[i].text.len() > 2)).then_some(j)
}

/// The person named right after a title ("Foreign Minister Sergei Lavrov"), with the office's side.
fn person_after(
    text: &str,
    toks: &[Token],
    from: usize,
    country: &Option<String>,
    sector: Sector,
) -> Option<(Mention, usize)> {
    let name_end = name_after(toks, from)?;
    let span = span_of(toks, from, name_end);
    let mention = Mention {
        span,
        name: text[span.start..span.end].to_string(),
        country: country.clone(),
        sector: Some(sector),
        kind: MentionKind::Person,
    };
    Some((mention, name_end))
}

fn span_of(toks: &[Token], from: usize, to: usize) -> Span {
    Span::new(toks[from].span.start, toks[to - 1].span.end)
}

#[allow(clippy::too_many_arguments)]
fn match_at(
    dict: &ActorDictionary,
    gazetteer: &Gazetteer,
    cw: &CountryWords,
    place_at: &FxHashMap<usize, (usize, &truce_document::Place)>,
    doc: &Document,
    toks: &[Token],
    i: usize,
    surnames: &FxHashMap<String, Mention>,
    prior: &[Mention],
) -> Option<(Mention, usize)> {
    let t = &toks[i];
    if !t.is_word() {
        return None;
    }
    let text = &doc.text;
    // 1. Well-known people and named organisations.
    if t.is_capitalised() && dict.name_first.contains(&phrase_hash([t.text], false)) {
        if let Some((p, next)) = dict_at(&dict.people, dict.people_max, toks, i) {
            return Some((
                Mention {
                    span: span_of(toks, i, next),
                    name: p.canonical.clone().unwrap_or_default(),
                    country: p.code.clone(),
                    sector: Some(p.sector),
                    kind: MentionKind::Person,
                },
                next,
            ));
        }
        if let Some((o, next)) = dict_at(&dict.orgs, dict.org_max, toks, i) {
            // "OSCE monitors", "UN verification mission in Colombia": extend over a role noun.
            let (end, kind) = match role_at(dict, toks, next) {
                Some((_, e)) => (e, MentionKind::Org),
                None => (next, MentionKind::Org),
            };
            let span = span_of(toks, i, end);
            return Some((
                Mention {
                    span,
                    name: if end > next {
                        text[span.start..span.end].to_string()
                    } else {
                        o.canonical
                            .clone()
                            .unwrap_or_else(|| text[span.start..span.end].to_string())
                    },
                    country: o.code.clone(),
                    sector: Some(o.sector),
                    kind,
                },
                end,
            ));
        }
    }
    // 2. A country word: demonym, country name (+ 's), capital, or breakaway region.
    let mut country: Option<String> = None;
    let mut breakaway: Option<&Breakaway> = None;
    let mut after = i;
    let mut state_word = None;
    if t.is_capitalised() {
        let dateline =
            t.is_all_caps() && (t.span.start == 0 || text[..t.span.start].ends_with('\n'));
        if dateline {
            return None;
        }
        if let Some((code, n, is_capital, is_country)) = cw.at.get(&t.span.start) {
            country = Some(code.clone());
            after = i + n;
            if *is_capital || *is_country {
                state_word = Some(after);
            }
        } else if let Some(b) = dict.breakaway.get(t.text) {
            breakaway = Some(b);
            after = i + 1;
        } else if let Some((end, _)) = place_at.get(&t.span.start) {
            // Multi-word breakaway region names ("Nagorno-Karabakh", "South Ossetia").
            let name = &text[t.span.start..*end];
            if let Some(b) = dict.breakaway.get(name) {
                breakaway = Some(b);
                after = i + tokenize(text, Span::new(t.span.start, *end)).len();
            }
        }
        if country.is_none() && breakaway.is_none() {
            if let Some(info) = gazetteer.country_by_demonym(t.text) {
                country = Some(info.alpha3.clone());
                after = i + 1;
            }
        }
    }
    if country.is_some() || breakaway.is_some() {
        // Possessive "Russia's".
        if after + 1 < toks.len()
            && matches!(toks[after].text, "'" | "\u{2019}")
            && toks[after + 1].text == "s"
        {
            after += 2;
        }
        // "the Armenian and Azerbaijani foreign ministers": the first side shares the role.
        if after + 1 < toks.len() && toks[after].text == "and" {
            let second = &toks[after + 1];
            let second_is_country = cw.at.contains_key(&second.span.start)
                || gazetteer.country_by_demonym(second.text).is_some();
            if second_is_country && breakaway.is_none() {
                for at in after + 2..(after + 5).min(toks.len()) {
                    if let Some((role, end)) = role_at(dict, toks, at) {
                        let role_words = &text[toks[at].span.start..toks[end - 1].span.end];
                        let kind = if role.kind == RoleKind::Group {
                            MentionKind::Group
                        } else {
                            MentionKind::Org
                        };
                        return Some((
                            Mention {
                                span: t.span,
                                name: format!("{} {}", t.text, role_words),
                                country: country.clone(),
                                sector: Some(role.sector),
                                kind,
                            },
                            after,
                        ));
                    }
                }
            }
        }
        // Up to three modifiers before the role ("armed", "State Committee for").
        for skip in 0..=3 {
            let at = after + skip;
            if at >= toks.len() {
                break;
            }
            if let Some((role, end)) = role_at(dict, toks, at) {
                let backed = (after..at).any(|k| {
                    matches!(
                        toks[k].text,
                        "backed" | "supported" | "sponsored" | "allied" | "aligned"
                    )
                });
                let country = if backed {
                    cw.dominant.clone()
                } else {
                    country.clone()
                };
                let (code, sector) = match (breakaway, &country) {
                    (Some(b), _) => (
                        Some(b.code.clone()),
                        if role.sector == Sector::Mil || role.sector == Sector::Reb {
                            b.armed
                        } else {
                            b.civil
                        },
                    ),
                    (None, c) => (c.clone(), role.sector),
                };
                // "Azerbaijani foreign minister Jeyhun Bayramov": the person, not the office.
                if role.kind == RoleKind::Title {
                    if let Some(found) = person_after(text, toks, end, &code, sector) {
                        return Some(found);
                    }
                }
                // Skipped words must be modifiers: adjectives, name parts, "-led".
                if (after..at).all(|k| {
                    (toks[k].is_word() || toks[k].text == "-") && !is_function_word(toks[k].text)
                }) {
                    let span = span_of(toks, i, end);
                    let kind = match role.kind {
                        RoleKind::Group => MentionKind::Group,
                        RoleKind::Person | RoleKind::Title => MentionKind::Person,
                        RoleKind::Org => MentionKind::Org,
                    };
                    // "Armenian defense ministry spokeswoman Shushan Stepanyan": the speaker.
                    if let Some((r2, end2)) = role_at(dict, toks, end) {
                        if r2.kind == RoleKind::Title {
                            if let Some(found) = person_after(text, toks, end2, &code, sector) {
                                return Some(found);
                            }
                        }
                    }
                    return Some((
                        Mention {
                            span,
                            name: text[span.start..span.end].to_string(),
                            country: code,
                            sector: Some(sector),
                            kind,
                        },
                        end,
                    ));
                }
            }
        }
        // A country or capital on its own stands for its government when it acts.
        if let (Some(end), Some(code)) = (state_word, country) {
            let prev = i.checked_sub(1).map(|k| toks[k].text.to_lowercase());
            // "the Moscow ceasefire deal": a name used as a modifier is no actor.
            let attributive = prev.as_deref() == Some("the")
                && toks.get(end).is_some_and(|n| {
                    n.is_word() && n.text.chars().next().is_some_and(char::is_lowercase)
                });
            // "pro-Ankara", "Russia-backed": a hyphen joined to the name makes a compound.
            let joined_before =
                i > 0 && toks[i - 1].text == "-" && toks[i - 1].span.end == t.span.start;
            let geographic = prev.as_deref().is_some_and(|p| {
                matches!(
                    p,
                    "eastern"
                        | "western"
                        | "northern"
                        | "southern"
                        | "central"
                        | "northeastern"
                        | "northwestern"
                        | "southeastern"
                        | "southwestern"
                )
            });
            let locative = attributive
                || joined_before
                || geographic
                || prev.as_deref().is_some_and(|p| LOCATIVE.contains(&p));
            let compound = toks
                .get(end)
                .is_some_and(|n| n.text == "-" && n.span.start == toks[end - 1].span.end);
            if !locative && !compound {
                let span = span_of(toks, i, end.min(i + 1).max(i + 1));
                let full = span_of(toks, i, state_word.unwrap_or(i + 1));
                let _ = span;
                return Some((
                    Mention {
                        span: full,
                        name: text[full.start..full.end].to_string(),
                        country: Some(code),
                        sector: Some(Sector::Gov),
                        kind: MentionKind::State,
                    },
                    end,
                ));
            }
        }
        return None;
    }
    // 3. A title before a name without a country: "President Vladimir Putin".
    if t.is_capitalised() {
        if let Some((role, end)) = role_at(dict, toks, i) {
            if role.kind == RoleKind::Title {
                if let Some(name_end) = name_after(toks, end) {
                    let span = span_of(toks, end, name_end);
                    let name = &text[span.start..span.end];
                    let known = dict.people.get(&phrase_hash(words(name), false));
                    return Some((
                        Mention {
                            span,
                            name: name.to_string(),
                            country: known
                                .and_then(|k| k.code.clone())
                                .or_else(|| cw.dominant.clone()),
                            sector: Some(known.map(|k| k.sector).unwrap_or(role.sector)),
                            kind: MentionKind::Person,
                        },
                        name_end,
                    ));
                }
            }
        }
        // A surname seen earlier with its full name.
        if let Some(m) = surnames.get(t.text) {
            return Some((
                Mention {
                    span: t.span,
                    kind: MentionKind::Person,
                    ..m.clone()
                },
                i + 1,
            ));
        }
    }
    // 4. Generic groups and institutions: "separatists", "the army", "residents of Marinka".
    if let Some((role, end)) = role_at(dict, toks, i) {
        if role.kind == RoleKind::Title
            || role.kind == RoleKind::Person
                && role.sector != Sector::Med
                && role.sector != Sector::Cvl
        {
            return None;
        }
        // Only standalone generic nouns that commonly denote a party.
        let generic_ok = matches!(
            role.sector,
            Sector::Reb | Sector::Cvl | Sector::Med | Sector::Jud
        ) || matches!(
            lower(t).as_str(),
            "government"
                | "army"
                | "military"
                | "authorities"
                | "negotiators"
                | "mediators"
                | "security"
        );
        let unit_phrase = end - i >= 2
            && matches!(
                lower(t).as_str(),
                "government" | "military" | "army" | "security"
            );
        if !generic_ok {
            return None;
        }
        // Institutions without a country word need a determiner: "the army said", not "military activities".
        let prev_is_det = i > 0
            && matches!(
                lower(&toks[i - 1]).as_str(),
                "the" | "its" | "their" | "his" | "her" | "our"
            );
        let institution = !matches!(
            role.sector,
            Sector::Reb | Sector::Cvl | Sector::Med | Sector::Jud
        );
        if institution && !prev_is_det && !unit_phrase {
            return None;
        }
        let prev_word = if i > 0 {
            lower(&toks[i - 1])
        } else {
            String::new()
        };
        let recent = |pred: &dyn Fn(&Mention) -> bool| {
            prior.iter().rev().take(12).find(|m| pred(m)).cloned()
        };
        // "the ministry said": the ministry named before.
        if prev_word == "the" && institution {
            let head = lower(&toks[end - 1]);
            if let Some(m) = recent(&|m: &Mention| {
                m.kind != MentionKind::Person
                    && m.name.to_lowercase().split_whitespace().last() == Some(head.as_str())
            }) {
                let span = span_of(toks, i, end);
                return Some((Mention { span, ..m }, end));
            }
        }
        // "its units", "their fighters": forces of the organisation or state just named.
        if matches!(prev_word.as_str(), "its" | "their") && matches!(role.kind, RoleKind::Group) {
            if let Some(m) = recent(&|m: &Mention| {
                matches!(
                    m.kind,
                    MentionKind::Org | MentionKind::State | MentionKind::Group
                ) && m.country.is_some()
            }) {
                let span = span_of(toks, i - 1, end);
                let sector = if m.sector == Some(Sector::Reb) {
                    Sector::Reb
                } else {
                    role.sector
                };
                return Some((
                    Mention {
                        span,
                        name: text[span.start..span.end].to_string(),
                        country: m.country.clone(),
                        sector: Some(sector),
                        kind: MentionKind::Group,
                    },
                    end,
                ));
            }
        }
        // "residents of Marinka", "villagers in Namtu township": the place's country.
        let mut code = None;
        let mut stop = end;
        if end + 1 < toks.len() && matches!(toks[end].text, "of" | "in") {
            if let Some((pend, place)) = place_at.get(&toks[end + 1].span.start) {
                code = gazetteer.country(&place.country).map(|c| c.alpha3.clone());
                stop = toks
                    .iter()
                    .position(|x| x.span.start >= *pend)
                    .unwrap_or(toks.len());
            }
        }
        // "Jabalia residents": a place right before.
        let mut start = i;
        if code.is_none() && i > 0 {
            let prev = &toks[i - 1];
            if let Some(p) = doc
                .ann
                .places
                .iter()
                .find(|p| p.mentions.iter().any(|m| m.end == prev.span.end))
            {
                code = gazetteer.country(&p.country).map(|c| c.alpha3.clone());
                if let Some(m) = p.mentions.iter().find(|m| m.end == prev.span.end) {
                    start = toks
                        .iter()
                        .position(|x| x.span.start == m.start)
                        .unwrap_or(i - 1);
                }
            }
        }
        let media_or_person = role.sector == Sector::Med;
        let code = if media_or_person {
            code
        } else {
            code.or_else(|| cw.dominant.clone())
        };
        let span = span_of(toks, start, stop);
        let kind = if role.kind == RoleKind::Org {
            MentionKind::Org
        } else {
            MentionKind::Group
        };
        return Some((
            Mention {
                span,
                name: text[span.start..span.end].to_string(),
                country: code,
                sector: Some(role.sector),
                kind,
            },
            stop,
        ));
    }
    None
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "by"
            | "with"
            | "said"
            | "says"
            | "was"
            | "were"
            | "is"
            | "are"
            | "had"
            | "has"
            | "have"
            | "that"
            | "which"
            | "who"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_compile() {
        let d = ActorDictionary::load().expect("actor data");
        assert!(d.orgs.len() > 100);
        assert_eq!(
            d.role(&["defence", "ministry"]).map(|r| r.0),
            Some(Sector::Mil)
        );
        assert_eq!(
            d.role(&["Foreign", "Minister"]).map(|r| r.1),
            Some(RoleKind::Title)
        );
    }
}
