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
use lexicon::Lexicon;
use truce_document::{DateRange, Document, Event, EventPlace, EventType, Party, PlaceKind, Sector, Span, Status};

pub use frames::Claim;

/// Fill `doc.ann.events` from the lexicon and the actor mentions.
pub fn annotate(lexicon: &Lexicon, gazetteer: &Gazetteer, mentions: &[Mention], doc: &mut Document) {
    let ctx = roles::Context::new(gazetteer, mentions, doc);
    let mut events: Vec<Event> = Vec::new();
    let mut last_speaker: Option<Mention> = None;
    for (si, sentence) in doc.ann.sentences.iter().enumerate() {
        let hits = lexicon.find(&doc.text, *sentence);
        let claim = frames::find_claim(&ctx, *sentence, &mut last_speaker);
        let before = events.len();
        roles::sentence_events(&ctx, lexicon, si, *sentence, &hits, claim.as_ref(), &mut events);
        // A denial in this sentence answers a claim made here or shortly before.
        roles::apply_denials(&ctx, lexicon, *sentence, &hits, before, &mut events);
    }
    add_allegations(&mut events);
    mark_ceasefire_violations(&ctx, &mut events);
    dedupe(&mut events);
    doc.ann.events = events;
}

/// A party's claim that its adversary attacked is also an ACCUSE (mode allege).
fn add_allegations(events: &mut Vec<Event>) {
    let mut extra = Vec::new();
    for e in events.iter() {
        if e.event_type != EventType::Assault {
            continue;
        }
        let (Some(claimant), Some(source)) = (&e.claimed_by, &e.source) else { continue };
        let party = matches!(claimant.sector, Some(Sector::Gov | Sector::Mil | Sector::Reb));
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
            matches!(e.event_type, EventType::Agree | EventType::Retreat) && e.mode.as_deref() == Some("ceasefire")
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

fn same_event(a: &Event, b: &Event) -> bool {
    if a.event_type != b.event_type || country(&a.source) != country(&b.source) || country(&a.target) != country(&b.target)
    {
        return false;
    }
    if !overlaps(a.date, b.date) {
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
pub(crate) fn event_place(doc: &Document, span: Span, prefer_after: Option<usize>) -> Option<EventPlace> {
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
                (Some((_, at)), Some(t)) => (m.start >= t && at < t) || (m.start >= t) == (at >= t) && m.start < at,
                (Some((_, at)), None) => m.start < at,
            };
            if better {
                best = Some((p, m.start));
            }
        }
    }
    best.map(|(p, _)| EventPlace { name: p.name.clone(), country: p.country.clone(), lat: p.lat, lon: p.lon })
}
