//! The JSON contract of `truce extract --json` (shared/spec/extraction-output.md).
//!
//! Internal spans are byte offsets; the contract counts Unicode scalar
//! values, so every span is converted on the way out.

use crate::{Actor, Document, EventPlace, Party, PlaceKind, Sector, Span, Status};
use serde::{Deserialize, Serialize};

/// One document as printed by `truce extract --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractDocument {
    /// File stem or given id.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// YYYY-MM-DD.
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Cleaned body.
    pub text: String,
    /// Places.
    pub places: Vec<ContractPlace>,
    /// Actors.
    pub actors: Vec<ContractActor>,
    /// Figures.
    pub figures: Vec<ContractFigure>,
    /// Events.
    pub events: Vec<ContractEvent>,
}

/// A place in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractPlace {
    /// Name.
    pub name: String,
    /// ISO alpha-2.
    pub country: String,
    /// city | region | country | water | other.
    pub kind: PlaceKind,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Char offsets.
    pub mentions: Vec<[usize; 2]>,
}

/// An actor in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractActor {
    /// Name.
    pub name: String,
    /// ISO alpha-3 or IGO code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<Sector>,
    /// Char offsets.
    pub mentions: Vec<[usize; 2]>,
}

/// A figure in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractFigure {
    /// What is counted.
    pub what: String,
    /// Lower bound.
    pub min: u64,
    /// Upper bound or null.
    pub max: Option<u64>,
    /// Plural noun.
    pub unit: String,
    /// Civilian or not.
    pub civilian: Option<bool>,
    /// Who gives it.
    pub claimed_by: Option<String>,
    /// Char offsets.
    pub span: [usize; 2],
}

/// A party (source, target, claimant) in the contract.
pub type ContractParty = Party;

/// An event date in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractDate {
    /// YYYY-MM-DD.
    pub start: String,
    /// YYYY-MM-DD.
    pub end: String,
    /// day | week | month | year.
    pub precision: String,
}

/// An event in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractEvent {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Mode.
    pub mode: Option<String>,
    /// Source.
    pub source: Option<Party>,
    /// Target.
    pub target: Option<Party>,
    /// Date.
    pub date: Option<ContractDate>,
    /// Place.
    pub place: Option<EventPlace>,
    /// Claimant.
    pub claimed_by: Option<Party>,
    /// Status.
    pub status: Status,
    /// Breaks a ceasefire.
    pub ceasefire_violation: bool,
    /// Char offsets of the sentence.
    pub span: [usize; 2],
}

/// Converts byte offsets of one text to char offsets.
struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            ascii: text.is_ascii(),
        }
    }

    fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.text.len());
        }
        let byte = byte.min(self.text.len());
        let mut b = byte;
        while b > 0 && !self.text.is_char_boundary(b) {
            b -= 1;
        }
        self.text[..b].chars().count()
    }

    fn span(&self, s: Span) -> [usize; 2] {
        [self.char_offset(s.start), self.char_offset(s.end)]
    }
}

fn actor_out(a: &Actor, ix: &CharIndex) -> ContractActor {
    ContractActor {
        name: a.name.clone(),
        country: a.country.clone(),
        sector: a.sector,
        mentions: a.mentions.iter().map(|m| ix.span(*m)).collect(),
    }
}

pub(crate) fn to_contract(doc: &Document) -> ContractDocument {
    let ix = CharIndex::new(&doc.text);
    let ann = &doc.ann;
    ContractDocument {
        doc_id: doc.doc_id.clone(),
        title: doc.meta.title.clone(),
        published: doc.meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
        url: doc.meta.url.clone(),
        outlet: doc.meta.outlet.clone(),
        text: doc.text.clone(),
        places: ann
            .places
            .iter()
            .map(|p| ContractPlace {
                name: p.name.clone(),
                country: p.country.clone(),
                kind: p.kind,
                lat: p.lat,
                lon: p.lon,
                mentions: p.mentions.iter().map(|m| ix.span(*m)).collect(),
            })
            .collect(),
        actors: ann.actors.iter().map(|a| actor_out(a, &ix)).collect(),
        figures: ann
            .figures
            .iter()
            .map(|f| ContractFigure {
                what: f.what.as_str().to_string(),
                min: f.min,
                max: f.max,
                unit: f.unit.clone(),
                civilian: f.civilian,
                claimed_by: f.claimed_by.clone(),
                span: ix.span(f.span),
            })
            .collect(),
        events: ann
            .events
            .iter()
            .map(|e| ContractEvent {
                event_type: e.event_type.as_str().to_string(),
                mode: e.mode.clone(),
                source: e.source.clone(),
                target: e.target.clone(),
                date: e.date.map(|d| ContractDate {
                    start: d.start.format("%Y-%m-%d").to_string(),
                    end: d.end.format("%Y-%m-%d").to_string(),
                    precision: serde_json::to_value(d.precision)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_else(|| "day".to_string()),
                }),
                place: e.place.clone(),
                claimed_by: e.claimed_by.clone(),
                status: e.status,
                ceasefire_violation: e.ceasefire_violation,
                span: ix.span(e.span),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Place};

    #[test]
    fn spans_are_counted_in_chars() {
        let mut doc = Document {
            doc_id: "d".into(),
            text: "Ýerevan — Baku".into(),
            ..Default::default()
        };
        let start = doc.text.find("Baku").unwrap();
        doc.ann.places.push(Place {
            name: "Baku".into(),
            country: "AZ".into(),
            kind: PlaceKind::City,
            lat: Some(40.4),
            lon: Some(49.9),
            mentions: vec![Span::new(start, start + 4)],
        });
        let c = doc.to_contract();
        assert_eq!(c.places[0].mentions, vec![[10, 14]]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["places"][0]["kind"], "city");
        assert!(json["published"].is_null());
        assert_eq!(json["events"], serde_json::json!([]));
    }
}
