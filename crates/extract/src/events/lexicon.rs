//! The event trigger lexicon (`data/lexicon/events.tsv`), compiled into one
//! case-insensitive Aho-Corasick automaton.

use crate::ExtractError;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use truce_document::{EventType, Span};

const EVENTS: &str = include_str!("../../../../data/lexicon/events.tsv");

/// Flags on a trigger (see the data file's header).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Mutual act: both directions.
    pub sym: bool,
    /// Needs a ceasefire word in its clause.
    pub truce: bool,
    /// A noun trigger.
    pub noun: bool,
    /// Passive: the target precedes, "by X" is the source.
    pub passive: bool,
    /// Perception verb.
    pub observe: bool,
    /// Denial.
    pub deny: bool,
    /// Accusation.
    pub accuse: bool,
    /// A third party brings the sides together: the subject is not a party.
    pub mediated: bool,
    /// Breaking a truce: what a claimant accuses the subject of.
    pub violation: bool,
    /// Only a trigger in bare headlines ("Two dead in ..."), where the coder is lenient.
    pub headline: bool,
}

/// One trigger entry.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// The phrase.
    pub phrase: String,
    /// PLOVER type.
    pub event_type: EventType,
    /// Mode, if any.
    pub mode: Option<String>,
    /// Flags.
    pub flags: Flags,
}

/// A trigger found in the text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Index into [`Lexicon::triggers`].
    pub trigger: usize,
    /// Where.
    pub span: Span,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Entries, in file order.
    pub triggers: Vec<Trigger>,
    matcher: AhoCorasick,
}

impl Lexicon {
    /// Compile the embedded lexicon.
    pub fn load() -> Result<Self, ExtractError> {
        let mut triggers = Vec::new();
        for (i, line) in EVENTS.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |m: String| ExtractError::Data {
                file: "events.tsv",
                line: i + 1,
                message: m,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(err("expected phrase, type, mode, flags".into()));
            }
            let event_type = EventType::parse(cols[1])
                .ok_or_else(|| err(format!("unknown type {}", cols[1])))?;
            let mut flags = Flags::default();
            for f in cols[3]
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty() && *f != "-")
            {
                match f {
                    "sym" => flags.sym = true,
                    "truce" => flags.truce = true,
                    "noun" => flags.noun = true,
                    "passive" => flags.passive = true,
                    "observe" => flags.observe = true,
                    "deny" => flags.deny = true,
                    "accuse" => flags.accuse = true,
                    "mediated" => flags.mediated = true,
                    "violation" => flags.violation = true,
                    "headline" => flags.headline = true,
                    "report" => {}
                    other => return Err(err(format!("unknown flag {other}"))),
                }
            }
            let mode = (cols[2].trim() != "-").then(|| cols[2].trim().to_string());
            triggers.push(Trigger {
                phrase: cols[0].trim().to_string(),
                event_type,
                mode,
                flags,
            });
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A DFA: every sentence is scanned, and it searches about twice
            // as fast as the default NFA for a build of a few milliseconds.
            .kind(Some(AhoCorasickKind::DFA))
            .build(triggers.iter().map(|t| t.phrase.as_str()))
            .map_err(|e| ExtractError::Data {
                file: "events.tsv",
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Lexicon { triggers, matcher })
    }

    /// Triggers inside `text[span]`, on word boundaries.
    pub fn find(&self, text: &str, span: Span) -> Vec<Hit> {
        let piece = &text[span.start..span.end];
        let bytes = piece.as_bytes();
        let mut out = Vec::new();
        for m in self.matcher.find_iter(piece) {
            let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let after_ok = m.end() >= bytes.len() || !is_word_byte(bytes[m.end()]);
            if before_ok && after_ok {
                out.push(Hit {
                    trigger: m.pattern().as_usize(),
                    span: Span::new(span.start + m.start(), span.start + m.end()),
                });
            }
        }
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_compiles_and_matches_on_word_boundaries() {
        let lex = Lexicon::load().expect("lexicon");
        let text = "Troops shelled the town; reshelled nothing. Air strikes hit.";
        let hits = lex.find(text, Span::new(0, text.len()));
        let found: Vec<&str> = hits
            .iter()
            .map(|h| &text[h.span.start..h.span.end])
            .collect();
        assert_eq!(found, vec!["shelled", "Air strikes", "hit"]);
    }
}
