//! Annotation types that the extraction stages add to a [`crate::Document`].

use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything the extraction stages found in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    /// Sentence spans, in order, covering the text.
    pub sentences: Vec<Span>,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Places, one entry per distinct place.
    pub places: Vec<Place>,
    /// Actors, one entry per distinct (name, country, sector).
    pub actors: Vec<Actor>,
    /// Resolved time expressions.
    pub times: Vec<TimeExpression>,
    /// Harm and violation figures.
    pub figures: Vec<Figure>,
    /// PLOVER events.
    pub events: Vec<Event>,
}

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A populated place: city, town, village.
    City,
    /// An administrative or conflict region.
    Region,
    /// A sovereign country or territory.
    Country,
    /// A sea, lake, river or gulf.
    Water,
    /// Anything else: crossings, bases, landmarks.
    Other,
}

/// A place named in the text, resolved to one gazetteer entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Normalised English name.
    pub name: String,
    /// ISO 3166-1 alpha-2 of the (de jure) country.
    pub country: String,
    /// Feature kind.
    pub kind: PlaceKind,
    /// Latitude, if known.
    pub lat: Option<f64>,
    /// Longitude, if known.
    pub lon: Option<f64>,
    /// Every mention in the text.
    pub mentions: Vec<Span>,
}

/// PLOVER actor sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Sector {
    /// Governments, heads of state, ministries (not defence), spokespeople.
    Gov,
    /// Armed forces, defence ministries, border guards.
    Mil,
    /// Non-state armed groups, breakaway forces.
    Reb,
    /// Civilians, residents.
    Cvl,
    /// Journalists, media.
    Med,
    /// Intergovernmental organisations.
    Igo,
    /// Non-governmental organisations.
    Ngo,
    /// Parliaments.
    Leg,
    /// Courts, prosecutors.
    Jud,
    /// Political parties.
    Pol,
    /// Companies, clubs, doctors, academics, anyone else.
    Other,
}

impl Sector {
    /// The upper-case code, as in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Gov => "GOV",
            Sector::Mil => "MIL",
            Sector::Reb => "REB",
            Sector::Cvl => "CVL",
            Sector::Med => "MED",
            Sector::Igo => "IGO",
            Sector::Ngo => "NGO",
            Sector::Leg => "LEG",
            Sector::Jud => "JUD",
            Sector::Pol => "POL",
            Sector::Other => "OTHER",
        }
    }

    /// Parse an upper- or lower-case code.
    pub fn parse(s: &str) -> Option<Sector> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "GOV" => Sector::Gov,
            "MIL" => Sector::Mil,
            "REB" => Sector::Reb,
            "CVL" => Sector::Cvl,
            "MED" => Sector::Med,
            "IGO" => Sector::Igo,
            "NGO" => Sector::Ngo,
            "LEG" => Sector::Leg,
            "JUD" => Sector::Jud,
            "POL" => Sector::Pol,
            "OTHER" => Sector::Other,
            _ => return None,
        })
    }
}

/// A person, organisation, government, force or group in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Surface form or canonical name.
    pub name: String,
    /// ISO 3166-1 alpha-3, or an IGO code (UNO, EUR, OSCE, ...).
    pub country: Option<String>,
    /// PLOVER sector.
    pub sector: Option<Sector>,
    /// Every mention in the text.
    pub mentions: Vec<Span>,
}

/// A party to an event (a reference to an actor, copied by value).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Party {
    /// Name as in the actor list.
    pub name: String,
    /// ISO alpha-3 or IGO code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<Sector>,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day or a few days.
    Day,
    /// A calendar week.
    Week,
    /// A calendar month.
    Month,
    /// A year or longer.
    Year,
}

/// An inclusive range of calendar days with a precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Precision.
    pub precision: Precision,
}

impl DateRange {
    /// A single day.
    pub fn day(d: NaiveDate) -> Self {
        DateRange {
            start: d,
            end: d,
            precision: Precision::Day,
        }
    }
}

/// A time expression in the text, resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpression {
    /// Where it is.
    pub span: Span,
    /// What it resolves to.
    pub range: DateRange,
    /// "since X": the range runs from X to the publication date.
    pub since: bool,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// People killed.
    Killed,
    /// People wounded.
    Wounded,
    /// People missing.
    Missing,
    /// People captured, detained, held.
    Captured,
    /// People displaced.
    Displaced,
    /// Things destroyed.
    Destroyed,
    /// Ceasefire violations, counted attacks, shelling incidents.
    Violations,
    /// Released prisoners, projectiles fired, anything else counted.
    Other,
}

impl FigureKind {
    /// The lower-case name, as in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Killed => "killed",
            FigureKind::Wounded => "wounded",
            FigureKind::Missing => "missing",
            FigureKind::Captured => "captured",
            FigureKind::Displaced => "displaced",
            FigureKind::Destroyed => "destroyed",
            FigureKind::Violations => "violations",
            FigureKind::Other => "other",
        }
    }
}

/// A quantity of harm or violations, as an inclusive interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted.
    pub what: FigureKind,
    /// Lower bound.
    pub min: u64,
    /// Upper bound; `None` is open-ended.
    pub max: Option<u64>,
    /// Plural noun of what is counted ("people", "civilians", "tanks").
    pub unit: String,
    /// Civilians (true), combatants (false), unknown (None).
    pub civilian: Option<bool>,
    /// Who gives the figure.
    pub claimed_by: Option<String>,
    /// The phrase the figure comes from.
    pub span: Span,
}

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum EventType {
    Assault,
    Coerce,
    Threaten,
    Accuse,
    Reject,
    Protest,
    Sanction,
    Mobilize,
    Request,
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
}

impl EventType {
    /// The upper-case PLOVER name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Assault => "ASSAULT",
            EventType::Coerce => "COERCE",
            EventType::Threaten => "THREATEN",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Request => "REQUEST",
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
        }
    }

    /// Parse an upper- or lower-case PLOVER name.
    pub fn parse(s: &str) -> Option<EventType> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "ASSAULT" => EventType::Assault,
            "COERCE" => EventType::Coerce,
            "THREATEN" => EventType::Threaten,
            "ACCUSE" => EventType::Accuse,
            "REJECT" => EventType::Reject,
            "PROTEST" => EventType::Protest,
            "SANCTION" => EventType::Sanction,
            "MOBILIZE" => EventType::Mobilize,
            "REQUEST" => EventType::Request,
            "AGREE" => EventType::Agree,
            "CONSULT" => EventType::Consult,
            "SUPPORT" => EventType::Support,
            "CONCEDE" => EventType::Concede,
            "COOPERATE" => EventType::Cooperate,
            "AID" => EventType::Aid,
            "RETREAT" => EventType::Retreat,
            _ => return None,
        })
    }
}

/// Whose word an event rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Claimed by a party.
    Asserted,
    /// Claimed, and denied by the other side.
    Denied,
    /// Seen or heard by a journalist, monitor or witness.
    Observed,
    /// Said by the outlet in its own voice.
    Reported,
}

impl Status {
    /// The lower-case name, as in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Denied => "denied",
            Status::Observed => "observed",
            Status::Reported => "reported",
        }
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// Place name.
    pub name: String,
    /// ISO alpha-2.
    pub country: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A PLOVER event tied to the sentence it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER type.
    pub event_type: EventType,
    /// PLOVER mode, or the extensions "ceasefire" and "deny".
    pub mode: Option<String>,
    /// Who acts.
    pub source: Option<Party>,
    /// Who is acted upon.
    pub target: Option<Party>,
    /// When.
    pub date: Option<DateRange>,
    /// Where.
    pub place: Option<EventPlace>,
    /// Who asserts it; `None` when the outlet reports it in its own voice.
    pub claimed_by: Option<Party>,
    /// Asserted, denied, observed or reported.
    pub status: Status,
    /// Breaks a ceasefire in force.
    pub ceasefire_violation: bool,
    /// The sentence or clause it comes from.
    pub span: Span,
}
