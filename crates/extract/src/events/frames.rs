//! Speech frames: who a sentence's content rests on ("X said", "according
//! to X", "said X", "It said" after an earlier speaker).

use super::roles::Context;
use crate::actors::{Mention, MentionKind};
use truce_document::{Sector, Span};

/// The claimant of a sentence and the part of it that is claimed.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Who makes the claim.
    pub claimant: Mention,
    /// The attribution words, claimant included; no event comes from here.
    pub frame: Span,
    /// Where the claimed content lies.
    pub content: Span,
    /// The claimant saw or heard it (journalist, monitor, witness).
    pub observer: bool,
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "claimed",
    "claims",
    "reported",
    "reports",
    "announced",
    "stated",
    "added",
    "alleged",
    "insisted",
    "confirmed",
    "wrote",
    "posted",
    "tweeted",
    "warned",
    "estimated",
];

/// Words that may stand between a speaker and its verb ("the ministry said on Monday").
const GAP_WORDS: &[&str] = &[
    "also",
    "later",
    "earlier",
    "has",
    "had",
    "have",
    "separately",
    "on",
    "then",
    "again",
];

/// Find the claim frame of a sentence; updates the running last speaker for pronouns.
pub fn find_claim(
    ctx: &Context,
    sentence: Span,
    last_speaker: &mut Option<Mention>,
) -> Option<Claim> {
    let text = ctx.text();
    let toks = ctx.words_in(sentence);
    let mentions = ctx.mentions_in(sentence);
    // "according to X"
    for (i, t) in toks.iter().enumerate() {
        if t.text.eq_ignore_ascii_case("according")
            && toks.get(i + 1).is_some_and(|n| n.text == "to")
        {
            let after = toks
                .get(i + 2)
                .map(|n| n.span.start)
                .unwrap_or(sentence.end);
            // "according to its defence ministry": the side spoken of just before.
            let possessive = toks
                .get(i + 2)
                .is_some_and(|n| matches!(n.text, "its" | "their" | "his" | "her"));
            if possessive {
                if let Some(prev) = last_speaker.clone() {
                    let end = toks
                        .get(i + 4)
                        .map(|n| n.span.end)
                        .unwrap_or(sentence.end)
                        .min(sentence.end);
                    let frame = Span::new(t.span.start, end);
                    let content = if t.span.start > sentence.start + (sentence.len() / 3) {
                        Span::new(sentence.start, t.span.start)
                    } else {
                        Span::new(end, sentence.end)
                    };
                    let claimant = Mention {
                        span: Span::new(after, end),
                        kind: MentionKind::Reference,
                        ..prev
                    };
                    return Some(make_claim(claimant, frame, content));
                }
            }
            if let Some(m) = mentions.iter().find(|m| {
                m.span.start >= after && text[after..m.span.start].split_whitespace().count() <= 2
            }) {
                let frame = Span::new(t.span.start, m.span.end);
                let content = if t.span.start > sentence.start + (sentence.len() / 3) {
                    Span::new(sentence.start, t.span.start)
                } else {
                    Span::new(m.span.end, sentence.end)
                };
                let claim = make_claim((*m).clone(), frame, content);
                *last_speaker = Some(claim.claimant.clone());
                return Some(claim);
            }
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if !SPEECH_VERBS.contains(&ctx.lower(t.span)) {
            continue;
        }
        // Speaker before the verb: a mention ending at most a few gap words earlier.
        let mut j = i;
        while j > 0 && (i - j) < 4 {
            let prev = &toks[j - 1];
            let pl = ctx.lower(prev.span);
            if GAP_WORDS.contains(&pl) || is_weekday(pl) {
                j -= 1;
            } else {
                break;
            }
        }
        let verb_start = toks[j].span.start;
        let speaker = mentions
            .iter()
            .rev()
            .find(|m| m.span.end <= verb_start && gap_is_blank(text, m.span.end, verb_start));
        let (claimant, frame_start) = if let Some(m) = speaker {
            ((*m).clone(), m.span.start)
        } else if j > 0 && is_pronoun(toks[j - 1].text) {
            match last_speaker.clone() {
                Some(prev) => (
                    Mention {
                        span: toks[j - 1].span,
                        kind: MentionKind::Reference,
                        ..prev
                    },
                    toks[j - 1].span.start,
                ),
                None => continue,
            }
        } else if let Some(m) = mentions.iter().find(|m| {
            m.span.start >= t.span.end
                && m.span.start <= t.span.end + 5
                && gap_is_article(text, t.span.end, m.span.start)
        }) {
            // Inverted: "..., said Russian Foreign Minister Sergei Lavrov".
            ((*m).clone(), t.span.start)
        } else {
            continue;
        };
        let frame_end = if claimant.span.start > t.span.start {
            claimant.span.end
        } else {
            t.span.end
        };
        let frame = Span::new(frame_start.min(t.span.start), frame_end);
        // The claim lies before a trailing frame (", the ministry said.") and after a leading one.
        let trailing = frame.start > sentence.start + 2
            && (text[sentence.start..frame.start]
                .trim_end()
                .ends_with([',', '"', '\u{201d}'])
                || frame.end >= sentence.end.saturating_sub(25));
        let content = if trailing {
            Span::new(sentence.start, frame.start)
        } else {
            Span::new(frame.end, sentence.end)
        };
        let claim = make_claim(claimant, frame, content);
        *last_speaker = Some(claim.claimant.clone());
        return Some(claim);
    }
    // No frame: the sentence's first organisation or person is the antecedent of a later "It"/"He".
    if let Some(m) = mentions
        .iter()
        .find(|m| matches!(m.kind, MentionKind::Org | MentionKind::Person))
    {
        *last_speaker = Some((*m).clone());
    }
    None
}

fn make_claim(claimant: Mention, frame: Span, content: Span) -> Claim {
    let name = claimant.name.to_lowercase();
    let observer = matches!(claimant.sector, Some(Sector::Med | Sector::Cvl))
        || name.contains("monitor")
        || name.contains("observer")
        || name.contains("witness")
        || name.contains("correspondent")
        || name.contains("reporter")
        || name.contains("observatory");
    Claim {
        claimant,
        frame,
        content,
        observer,
    }
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "It" | "it" | "He" | "he" | "She" | "she" | "They" | "they"
    )
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
    )
}

fn gap_is_blank(text: &str, from: usize, to: usize) -> bool {
    from <= to && text[from..to].trim().is_empty()
}

fn gap_is_article(text: &str, from: usize, to: usize) -> bool {
    let gap = text[from..to].trim();
    gap.is_empty()
        || gap.eq_ignore_ascii_case("the")
        || gap.eq_ignore_ascii_case("an")
        || gap.eq_ignore_ascii_case("a")
}
