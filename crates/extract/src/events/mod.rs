//! PLOVER events with source, target, claimant, status and ceasefire flag.
//!
//! A clause-level coder: triggers from the lexicon are found in each
//! sentence; the actor mentions of the clause give source and target by
//! position and a few constructions (passive "by X", "between A and B",
//! "A and B clashed", "urged A and B"); speech frames ("X said", "according
//! to X", "X accused Y of") give the claimant; denials turn the claim they
//! answer into `denied` and add a REJECT. Dates come from the clause's time
//! expression, else the paragraph's, else the publication date.

mod frames;
pub mod lexicon;
mod roles;

use crate::actors::Mention;
use crate::gazetteer::Gazetteer;
use crate::tokens::{tokenize, Token};
use lexicon::Lexicon;
use truce_document::{
    DateRange, Document, Event, EventPlace, EventType, Party, PlaceKind, Sector, Span, Status,
};

pub use frames::Claim;

/// Fill `doc.ann.events` from the lexicon and the actor mentions.
pub fn annotate(
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    mentions: &[Mention],
    doc: &mut Document,
) {
    let words = tokenize(&doc.text, Span::new(0, doc.text.len()));
    let lower = doc.text.to_ascii_lowercase();
    doc.ann.events = code(lexicon, gazetteer, mentions, doc, &words, &lower);
}

/// The events of a document from the lexicon and the actor mentions;
/// `words` are the document's tokens ([`tokenize`] over the whole text) and
/// `lower` its text with ASCII letters lower-cased (same byte offsets).
pub fn code(
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    mentions: &[Mention],
    doc: &Document,
    words: &[Token],
    lower: &str,
) -> Vec<Event> {
    let ctx = roles::Context::new(gazetteer, mentions, doc, words, lower);
    let mut events: Vec<Event> = Vec::new();
    let mut last_speaker: Option<Mention> = None;
    for (si, sentence) in doc.ann.sentences.iter().enumerate() {
        let hits = lexicon.find(&doc.text, *sentence);
        let previous_speaker = last_speaker.clone();
        let claim = frames::find_claim(&ctx, *sentence, &mut last_speaker);
        let before = events.len();
        let speaker = previous_speaker.or_else(|| last_speaker.clone());
        roles::sentence_events(
            &ctx,
            lexicon,
            si,
            *sentence,
            &hits,
            claim.as_ref(),
            speaker.as_ref(),
            &mut events,
        );
        // A denial in this sentence answers a claim made here or shortly before.
        roles::apply_denials(&ctx, lexicon, *sentence, &hits, before, &mut events);
    }
    roles::truce_noun_agreements(&ctx, &mut events);
    // Background that began more than a year before publication is not an event.
    if let Some(published) = doc.meta.published {
        let horizon = published - chrono::Duration::days(365);
        events.retain(|e| e.date.is_none_or(|d| d.end >= horizon));
    }
    add_allegations(&mut events);
    mark_ceasefire_violations(&ctx, &mut events);
    dedupe(&mut events);
    events
}

/// A party's claim that its adversary attacked is also an ACCUSE (mode allege).
fn add_allegations(events: &mut Vec<Event>) {
    let mut extra = Vec::new();
    for e in events.iter() {
        if e.event_type != EventType::Assault {
            continue;
        }
        let (Some(claimant), Some(source)) = (&e.claimed_by, &e.source) else {
            continue;
        };
        let party = matches!(
            claimant.sector,
            Some(Sector::Gov | Sector::Mil | Sector::Reb)
        );
        if !party || claimant.country.is_none() || !roles::adversaries(claimant, source) {
            continue;
        }
        extra.push(Event {
            event_type: EventType::Accuse,
            mode: Some("allege".into()),
            source: Some(claimant.clone()),
            target: Some(source.clone()),
            date: e.date,
            place: None,
            claimed_by: None,
            status: Status::Reported,
            ceasefire_violation: false,
            span: e.span,
        });
    }
    events.extend(extra);
}

/// An ASSAULT on or after the start of a ceasefire agreed in the document breaks it.
fn mark_ceasefire_violations(ctx: &roles::Context, events: &mut [Event]) {
    let truce_start = events
        .iter()
        .filter(|e| {
            matches!(e.event_type, EventType::Agree | EventType::Retreat)
                && e.mode.as_deref() == Some("ceasefire")
        })
        .filter_map(|e| e.date.map(|d| d.start))
        .min();
    for e in events.iter_mut() {
        if e.event_type != EventType::Assault {
            continue;
        }
        let in_force = match (truce_start, e.date) {
            (Some(t), Some(d)) => d.start >= t,
            _ => false,
        };
        e.ceasefire_violation = in_force || ctx.mentions_violation(e.span);
    }
}

/// Repeated mentions of the same event are one event.
fn dedupe(events: &mut Vec<Event>) {
    let mut kept: Vec<Event> = Vec::with_capacity(events.len());
    for e in events.drain(..) {
        let dup = kept.iter_mut().find(|k| same_event(k, &e));
        match dup {
            Some(k) => {
                // A later denial of the same claim wins.
                if e.status == Status::Denied {
                    k.status = Status::Denied;
                }
            }
            None => kept.push(e),
        }
    }
    *events = kept;
}

fn country(p: &Option<Party>) -> Option<&str> {
    p.as_ref().and_then(|p| p.country.as_deref())
}

fn overlaps(a: Option<DateRange>, b: Option<DateRange>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.start <= b.end && b.start <= a.end,
        (None, None) => true,
        _ => false,
    }
}

fn within_a_day(a: Option<DateRange>, b: Option<DateRange>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let day = chrono::Duration::days(1);
            a.start <= b.end + day && b.start <= a.end + day
        }
        _ => false,
    }
}

/// Which side a party is on: its country, and whether it fights the state from within.
fn side(p: &Option<Party>) -> (Option<&str>, bool) {
    (
        country(p),
        p.as_ref()
            .is_some_and(|p| p.sector == Some(truce_document::Sector::Reb)),
    )
}

fn same_event(a: &Event, b: &Event) -> bool {
    if a.event_type != b.event_type
        || side(&a.source) != side(&b.source)
        || side(&a.target) != side(&b.target)
    {
        return false;
    }
    let near = matches!(a.event_type, EventType::Accuse | EventType::Reject)
        && within_a_day(a.date, b.date);
    if !overlaps(a.date, b.date) && !near {
        return false;
    }
    match a.event_type {
        EventType::Assault => {
            country(&a.claimed_by) == country(&b.claimed_by)
                && a.date == b.date
                && match (&a.place, &b.place) {
                    (Some(x), Some(y)) => x.name == y.name,
                    _ => true,
                }
                && a.source.as_ref().map(|p| p.sector) == b.source.as_ref().map(|p| p.sector)
        }
        EventType::Accuse | EventType::Reject => true,
        _ => a.mode == b.mode || a.date == b.date,
    }
}

/// The place an event happened, from the places named in its span.
pub(crate) fn event_place(
    doc: &Document,
    span: Span,
    prefer_after: Option<usize>,
) -> Option<EventPlace> {
    let mut best: Option<(&truce_document::Place, usize)> = None;
    for p in &doc.ann.places {
        if p.kind == PlaceKind::Country {
            continue;
        }
        for m in &p.mentions {
            if !span.contains(*m) {
                continue;
            }
            let better = match (best, prefer_after) {
                (None, _) => true,
                (Some((_, at)), Some(t)) => {
                    (m.start >= t && at < t) || (m.start >= t) == (at >= t) && m.start < at
                }
                (Some((_, at)), None) => m.start < at,
            };
            if better {
                best = Some((p, m.start));
            }
        }
    }
    best.map(|(p, _)| EventPlace {
        name: p.name.clone(),
        country: p.country.clone(),
        lat: p.lat,
        lon: p.lon,
    })
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use chrono::NaiveDate;
    use truce_document::{Document, EventType, Status};

    fn extract(text: &str) -> Document {
        let ex = Extractor::new().expect("extractor");
        let mut doc = Document {
            text: text.to_string(),
            ..Default::default()
        };
        doc.meta.published = NaiveDate::from_ymd_opt(2024, 3, 4);
        ex.annotate(&mut doc);
        doc
    }

    fn summary(doc: &Document) -> Vec<String> {
        doc.ann
            .events
            .iter()
            .map(|e| {
                let c = |p: &Option<truce_document::Party>| {
                    p.as_ref()
                        .and_then(|p| p.country.clone())
                        .unwrap_or_else(|| "-".into())
                };
                format!(
                    "{} {}->{} by {} {}",
                    e.event_type.as_str(),
                    c(&e.source),
                    c(&e.target),
                    c(&e.claimed_by),
                    e.status.as_str()
                )
            })
            .collect()
    }

    #[test]
    fn a_party_claim_of_an_enemy_attack_is_an_assault_and_an_accusation() {
        let doc = extract("The Israel Defense Forces said Hamas fired rockets at Israeli towns.");
        let s = summary(&doc);
        assert!(
            s.contains(&"ASSAULT PSE->ISR by ISR asserted".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"ACCUSE ISR->PSE by - reported".to_string()),
            "{s:?}"
        );
    }

    #[test]
    fn a_denial_marks_the_claim_and_adds_a_reject() {
        let doc = extract(
            "The Israel Defense Forces said Hamas fired rockets at Israeli towns. Hamas denied the claim.",
        );
        let rockets = doc
            .ann
            .events
            .iter()
            .find(|e| e.event_type == EventType::Assault)
            .expect("assault");
        assert_eq!(rockets.status, Status::Denied);
        assert!(
            summary(&doc).contains(&"REJECT PSE->ISR by - reported".to_string()),
            "{:?}",
            summary(&doc)
        );
    }

    #[test]
    fn negated_and_future_acts_are_not_events() {
        let doc = extract(
            "Hamas said it would not attack the Israel Defense Forces. The IDF will strike Hamas.",
        );
        assert!(
            doc.ann
                .events
                .iter()
                .all(|e| e.event_type != EventType::Assault),
            "{:?}",
            summary(&doc)
        );
    }

    #[test]
    fn a_price_war_between_shops_is_no_assault() {
        let doc = extract("Two supermarket chains attacked each other's prices in a bitter price war, then agreed a truce.");
        assert!(doc.ann.events.is_empty(), "{:?}", summary(&doc));
    }
}
