//! The figure vocabulary (`data/lexicon/figures.tsv`), compiled once into
//! phrase tables keyed by first (and last) word.

use crate::numbers::Lexed;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keys are short words, where SipHash's setup cost dominates.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const FIGURES_TSV: &str = include_str!("../../../../data/lexicon/figures.tsv");

/// What a counted noun is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    /// People who can be killed, wounded, displaced...
    Person,
    /// People held: hostages, prisoners (captured unless released).
    Hostage,
    /// The dead themselves: martyrs, fatalities, bodies (killed).
    Dead,
    /// Things that can be destroyed.
    Thing,
    /// Rockets, shells, drones (fired = other; or destroyed).
    Projectile,
    /// Counted violations, attacks, explosions.
    Violation,
    /// Time, distance, money, percentages: never a figure.
    Measure,
}

/// A counted noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Plural display form ("multiple rocket launchers").
    pub display: String,
    /// Class.
    pub class: UnitClass,
    /// Civilians (true), combatants (false) or unknown.
    pub civilian: Option<bool>,
}

/// What a verb or noun near a number says happened to what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Killed, died, dead.
    Killed,
    /// Wounded, injured, hurt.
    Wounded,
    /// Missing.
    Missing,
    /// Captured, detained, held, surrendered.
    Captured,
    /// Displaced, evacuated, fled.
    Displaced,
    /// Destroyed, burned, shot down.
    Destroyed,
    /// Violated, breached ("violated the truce 444 times").
    Violated,
    /// Released, freed, exchanged (an "other" figure).
    Released,
    /// Fired, launched (projectiles: an "other" figure).
    Fired,
    /// Lost ("the army lost 14 men"): killed for people, destroyed for things.
    Lost,
}

/// Phrases (sequences of lower-case words) with a value, indexed by their
/// first word for forward matching and their last word for backward matching.
#[derive(Debug)]
pub struct PhraseTable<V> {
    by_first: FastMap<String, Vec<(Vec<String>, V)>>,
    by_last: FastMap<String, Vec<(Vec<String>, V)>>,
}

impl<V: Clone> PhraseTable<V> {
    fn new() -> Self {
        PhraseTable {
            by_first: FastMap::default(),
            by_last: FastMap::default(),
        }
    }

    fn insert(&mut self, phrase: &str, value: V) {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        let (Some(first), Some(last)) = (words.first().cloned(), words.last().cloned()) else {
            return;
        };
        for (key, map) in [(first, &mut self.by_first), (last, &mut self.by_last)] {
            let list = map.entry(key).or_default();
            if !list.iter().any(|(w, _)| *w == words) {
                list.push((words.clone(), value.clone()));
                // Longest phrase first, so matching is greedy.
                list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
        }
    }

    /// True when some phrase starts with the word at token `i`.
    pub fn may_start(&self, t: &Lexed, i: usize) -> bool {
        self.by_first.contains_key(t.lower(i)) || self.by_first.contains_key(t.stem(i))
    }

    /// The longest phrase starting at token `i` and ending before `end`:
    /// its value and the index after it.
    pub fn match_at(&self, t: &Lexed, i: usize, end: usize) -> Option<(&V, usize)> {
        let lower = t.lower(i);
        let stem = t.stem(i);
        let find = |key: &str| {
            self.by_first.get(key)?.iter().find_map(|(words, v)| {
                let stop = i + words.len();
                (stop <= end
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| t.lower(i + k) == w || t.stem(i + k) == w))
                .then_some((v, stop))
            })
        };
        let a = find(lower);
        if stem == lower {
            return a;
        }
        match (a, find(stem)) {
            (Some(x), Some(y)) => Some(if y.1 > x.1 { y } else { x }),
            (x, y) => x.or(y),
        }
    }

    /// The longest phrase ending at token `j` (inclusive) and starting at or
    /// after `start`: its value and its first token index.
    pub fn match_ending_at(&self, t: &Lexed, j: usize, start: usize) -> Option<(&V, usize)> {
        let list = self.by_last.get(t.lower(j))?;
        list.iter().find_map(|(words, v)| {
            let n = words.len();
            if j + 1 < n || j + 1 - n < start {
                return None;
            }
            let first = j + 1 - n;
            words
                .iter()
                .enumerate()
                .all(|(k, w)| t.lower(first + k) == w)
                .then_some((v, first))
        })
    }
}

/// The compiled figure vocabulary.
#[derive(Debug)]
pub struct Lexicon {
    /// Counted nouns (value: index into `unit_list`).
    pub units: PhraseTable<usize>,
    /// Unit entries.
    pub unit_list: Vec<Unit>,
    /// Words after the counted noun.
    pub post: PhraseTable<Trigger>,
    /// Words before the number.
    pub pre: PhraseTable<Trigger>,
    /// Words that may stand between a noun and a post word.
    pub pass: PhraseTable<()>,
    /// Markers of a part of the previous figure.
    pub sub: PhraseTable<()>,
    /// Markers of the same measure again.
    pub compare: PhraseTable<()>,
    /// Words after a number that hide no noun.
    pub clear: HashSet<String, BuildHasherDefault<Fnv>>,
    /// Lines that could not be read (`line: message`); empty for the shipped file.
    pub errors: Vec<String>,
}

impl Lexicon {
    /// The unit with this index.
    pub fn unit(&self, i: usize) -> Option<&Unit> {
        self.unit_list.get(i)
    }
}

/// The compiled vocabulary, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(FIGURES_TSV));

fn parse_trigger(s: &str) -> Option<Trigger> {
    Some(match s {
        "killed" => Trigger::Killed,
        "wounded" => Trigger::Wounded,
        "missing" => Trigger::Missing,
        "captured" => Trigger::Captured,
        "displaced" => Trigger::Displaced,
        "destroyed" => Trigger::Destroyed,
        "violated" => Trigger::Violated,
        "released" => Trigger::Released,
        "fired" => Trigger::Fired,
        "lost" => Trigger::Lost,
        _ => return None,
    })
}

fn parse_class(s: &str) -> Option<UnitClass> {
    Some(match s {
        "person" => UnitClass::Person,
        "hostage" => UnitClass::Hostage,
        "dead" => UnitClass::Dead,
        "thing" => UnitClass::Thing,
        "projectile" => UnitClass::Projectile,
        "violation" => UnitClass::Violation,
        "measure" => UnitClass::Measure,
        _ => return None,
    })
}

/// Parse the TSV text; unreadable lines are reported in `errors`.
pub fn parse(text: &str) -> Lexicon {
    let mut lex = Lexicon {
        units: PhraseTable::new(),
        unit_list: Vec::new(),
        post: PhraseTable::new(),
        pre: PhraseTable::new(),
        pass: PhraseTable::new(),
        sub: PhraseTable::new(),
        compare: PhraseTable::new(),
        clear: HashSet::default(),
        errors: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let phrases: Vec<&str> = cols
            .get(1)
            .map(|c| {
                c.split('|')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if phrases.is_empty() {
            lex.errors.push(format!("line {}: no phrase", n + 1));
            continue;
        }
        match (cols[0], cols.get(2).copied(), cols.get(3).copied()) {
            ("unit", Some(class), Some(civ)) => {
                let Some(class) = parse_class(class) else {
                    lex.errors
                        .push(format!("line {}: unknown class {class:?}", n + 1));
                    continue;
                };
                let civilian = match civ {
                    "true" => Some(true),
                    "false" => Some(false),
                    "-" => None,
                    other => {
                        lex.errors.push(format!(
                            "line {}: civilian must be true, false or -, not {other:?}",
                            n + 1
                        ));
                        continue;
                    }
                };
                let idx = lex.unit_list.len();
                lex.unit_list.push(Unit {
                    display: phrases[0].to_string(),
                    class,
                    civilian,
                });
                for p in &phrases {
                    lex.units.insert(p, idx);
                }
            }
            ("post" | "pre", Some(kind), None) => {
                let Some(trigger) = parse_trigger(kind) else {
                    lex.errors
                        .push(format!("line {}: unknown kind {kind:?}", n + 1));
                    continue;
                };
                let table = if cols[0] == "post" {
                    &mut lex.post
                } else {
                    &mut lex.pre
                };
                for p in &phrases {
                    table.insert(p, trigger);
                }
            }
            ("pass", None, None) => phrases.iter().for_each(|p| lex.pass.insert(p, ())),
            ("sub", None, None) => phrases.iter().for_each(|p| lex.sub.insert(p, ())),
            ("compare", None, None) => phrases.iter().for_each(|p| lex.compare.insert(p, ())),
            ("clear", None, None) => lex
                .clear
                .extend(phrases.iter().map(|p| p.to_ascii_lowercase())),
            (section, ..) => lex
                .errors
                .push(format!("line {}: malformed {section:?} line", n + 1)),
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_vocabulary_parses_cleanly() {
        assert!(LEXICON.errors.is_empty(), "{:?}", LEXICON.errors);
        assert!(LEXICON.unit_list.len() > 50);
    }

    #[test]
    fn bad_lines_are_reported() {
        let lex = parse("unit\tfoo\tweird\t-\npost\tkilled\tkilled\nnonsense\tx\n");
        assert_eq!(lex.errors.len(), 2);
        assert_eq!(lex.post.by_first.len(), 1);
    }

    #[test]
    fn longest_phrase_wins_both_ways() {
        let t = Lexed::new("three Grad multiple rocket launchers were shot down");
        let (unit, end) = LEXICON.units.match_at(&t, 2, t.len()).expect("unit");
        assert_eq!(
            LEXICON.unit_list[*unit].display,
            "multiple rocket launchers"
        );
        assert_eq!(end, 5);
        let (trig, first) = LEXICON.pre.match_ending_at(&t, 7, 0).expect("pre");
        assert_eq!((*trig, first), (Trigger::Destroyed, 6));
    }
}
