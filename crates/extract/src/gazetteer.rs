//! The gazetteer: countries, first-level regions and populated places from
//! GeoNames (CC BY 4.0, via `scripts/gen_gazetteer.py`) plus a reviewed,
//! hand-written list of conflict regions, districts, crossings, towns and
//! water bodies (`data/gazetteer/curated.tsv`), compiled once into a name
//! index.
//!
//! The index maps the 64-bit hash of a normalised name ([`normalize`]) to
//! the entries that carry that name; it holds no strings, so loading the
//! ~250,000 entries and ~600,000 names takes a few tens of milliseconds.
//! All entry strings borrow from the embedded data files.
//!
//! For other modules:
//! - [`Gazetteer::lookup`] — every entry a name can denote, most prominent
//!   first ("Tripoli" → Libya's capital, then Lebanon's city, ...).
//! - [`Gazetteer::capital_of`] — the country whose capital a name is
//!   ("Moscow" → Russia), for "Moscow urged" → the Russian government.
//! - [`Gazetteer::country`], [`Gazetteer::country_by_alpha3`],
//!   [`Gazetteer::country_by_demonym`], [`Gazetteer::country_by_name`].

mod normalize;

pub use normalize::{
    is_apostrophe, key_hash, name_hash, normalize, normalize_into, KeyHash, Prehashed,
};

use crate::ExtractError;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use truce_document::PlaceKind;

const COUNTRIES_TSV: &str = include_str!("../../../data/gazetteer/countries.tsv");
const ADMIN1_TSV: &str = include_str!("../../../data/gazetteer/admin1.tsv");
const PLACES_TSV: &str = include_str!("../../../data/gazetteer/places.tsv");
const CURATED_TSV: &str = include_str!("../../../data/gazetteer/curated.tsv");
const BLOCKED_TSV: &str = include_str!("../../../data/gazetteer/blocked.tsv");
const COMMON_WORDS: &str = include_str!("../../../data/gazetteer/common_words.txt");

/// Countries whose place names carry the Arabic article ("Al Hudaydah" is
/// also written "Hudaydah"; "El Carmen" in Colombia is never "Carmen").
const ARABIC_ARTICLE_COUNTRIES: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
    "SO", "SD", "SY", "TN", "AE", "YE", "EH", "TD", "IL",
];
const ARTICLES: &[&str] = &[
    "al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ad ", "adh ", "ath ", "ed ",
    "es ", "et ", "er ",
];

/// A country with its codes, capital and demonyms.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    /// Usual English name.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub alpha2: String,
    /// ISO 3166-1 alpha-3.
    pub alpha3: String,
    /// Capital city name.
    pub capital: Option<String>,
    /// Demonyms and adjectives ("Armenian", "Armenians").
    pub demonyms: Vec<String>,
    /// Reference point latitude.
    pub lat: Option<f64>,
    /// Reference point longitude.
    pub lon: Option<f64>,
    /// Other names ("Burma", "DRC", "UK").
    pub aliases: Vec<String>,
}

/// Where an entry comes from; decides how much a bare mention is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A sovereign country or territory.
    Country,
    /// A GeoNames first-level administrative division.
    Admin1,
    /// The reviewed conflict list.
    Curated,
    /// A GeoNames populated place.
    GeoNames,
}

/// One gazetteer entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Display name (GeoNames' or the reviewed English name).
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 of the de jure country.
    pub country: &'static str,
    /// Feature kind.
    pub kind: PlaceKind,
    /// Latitude.
    pub lat: f32,
    /// Longitude.
    pub lon: f32,
    /// Inhabitants (0 when unknown; regions: sum of their places).
    pub population: u32,
    /// The first-level region the place lies in, as an entry index.
    pub admin1: Option<u32>,
    /// Source of the entry.
    pub origin: Origin,
    /// The country's capital.
    pub capital: bool,
}

impl Entry {
    /// How well-known the entry is, on a log-population scale: countries
    /// highest, then regions and reviewed places, then towns by size.
    pub fn prominence(&self) -> f32 {
        let pop = (self.population.max(300) as f32).log10();
        let base = match (self.origin, self.kind) {
            (Origin::Country, _) => 9.0,
            (Origin::Admin1, _) => 7.0,
            (Origin::Curated, PlaceKind::Region | PlaceKind::Country) => 7.5,
            (Origin::Curated, PlaceKind::Water) => 7.0,
            (Origin::Curated, PlaceKind::Other) => 5.5,
            (Origin::Curated, PlaceKind::City) => pop.max(4.0) + 0.3,
            _ => pop,
        };
        if self.capital {
            base.max(6.0) + 2.0
        } else {
            base
        }
    }
}

/// A name → entry link in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Entry index.
    pub entry: u32,
    /// The name is a weak form: a region's name without its type word
    /// ("Donetsk" for Donetsk Oblast) or without its article ("Hudaydah").
    pub bare: bool,
    /// The name is one of the entry's alternate names, not its main one
    /// (GeoNames' alternates include old and foreign names: "Pokrovsk" is
    /// also an old name of Engels).
    pub alt: bool,
    /// The name is an upper-case code ("US", "UAE", "CAR"): it only
    /// matches text in capitals.
    pub acronym: bool,
}

const BARE_BIT: u32 = 1 << 31;
const ALT_BIT: u32 = 1 << 30;
const ACRONYM_BIT: u32 = 1 << 29;
const ENTRY_MASK: u32 = (1 << 29) - 1;

impl Posting {
    fn pack(self) -> u32 {
        self.entry
            | if self.bare { BARE_BIT } else { 0 }
            | if self.alt { ALT_BIT } else { 0 }
            | if self.acronym { ACRONYM_BIT } else { 0 }
    }

    fn unpack(v: u32) -> Self {
        Posting {
            entry: v & ENTRY_MASK,
            bare: v & BARE_BIT != 0,
            alt: v & ALT_BIT != 0,
            acronym: v & ACRONYM_BIT != 0,
        }
    }
}

/// An upper-case code of two to five letters ("US", "U.S.", "DRC").
fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters) && !name.chars().any(char::is_lowercase)
}

/// The compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    countries: Vec<CountryInfo>,
    country_entries: Vec<u32>,
    /// Country index by [`cc_index`] of the alpha-2 code, or `u16::MAX`.
    by_alpha2: Vec<u16>,
    by_alpha3: FxHashMap<&'static str, usize>,
    by_demonym: HashMap<u64, usize, Prehashed>,
    /// Countries, regions and reviewed entries, parsed at load.
    fixed: Vec<Entry>,
    /// GeoNames populated places: byte offsets of their TSV lines, parsed on access.
    place_lines: Vec<u32>,
    admin_codes: FxHashMap<(&'static str, &'static str), u32>,
    /// (key hash, packed posting), sorted by key.
    pairs: Vec<(u64, u32)>,
    /// Open-addressing table over `keys`, slot = top bits of the key:
    /// index of a run start + 1, or 0.
    slots: Vec<u32>,
    slot_shift: u32,
    common: HashSet<u64, Prehashed>,
    blocked: HashSet<u64, Prehashed>,
    capitals: FxHashSet<u32>,
}

fn data_err(file: &'static str, line: usize, message: impl Into<String>) -> ExtractError {
    ExtractError::Data {
        file,
        line,
        message: message.into(),
    }
}

/// Non-comment, non-empty lines with their 1-based numbers.
fn data_lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn parse_coord(file: &'static str, line: usize, s: &str) -> Result<f32, ExtractError> {
    s.trim()
        .parse::<f32>()
        .map_err(|_| data_err(file, line, format!("bad coordinate {s:?}")))
}

fn parse_kind(file: &'static str, line: usize, s: &str) -> Result<PlaceKind, ExtractError> {
    Ok(match s.trim() {
        "city" => PlaceKind::City,
        "region" => PlaceKind::Region,
        "country" => PlaceKind::Country,
        "water" => PlaceKind::Water,
        "other" => PlaceKind::Other,
        k => return Err(data_err(file, line, format!("unknown kind {k:?}"))),
    })
}

/// Collects (key hash, posting) pairs while the data files are read.
struct IndexBuilder {
    pairs: Vec<(u64, u32)>,
    buf: String,
}

impl IndexBuilder {
    /// Index `data[a..b]` (a name from a data file). ASCII names are
    /// normalised and hashed in one pass over their bytes.
    fn add_bytes(
        &mut self,
        data: &'static [u8],
        a: usize,
        b: usize,
        entry: u32,
        alt: bool,
        arabic: bool,
    ) {
        let bytes = &data[a..b];
        if !bytes.is_ascii() {
            if let Ok(s) = std::str::from_utf8(bytes) {
                self.add(s, entry, false, alt, arabic);
            }
            return;
        }
        let Some((h, first_word)) = hash_ascii(bytes) else {
            return;
        };
        let acronym = bytes.len() <= 10
            && !bytes.iter().any(u8::is_ascii_lowercase)
            && is_acronym(std::str::from_utf8(bytes).unwrap_or(""));
        self.pairs.push((
            h,
            Posting {
                entry,
                bare: false,
                alt,
                acronym,
            }
            .pack(),
        ));
        if arabic {
            if let Some(fw) = first_word {
                let word: Vec<u8> = bytes[..fw].iter().map(u8::to_ascii_lowercase).collect();
                if word.len() <= 3
                    && ARTICLES
                        .iter()
                        .any(|a| a.as_bytes().strip_suffix(b" ") == Some(&word[..]))
                {
                    if let Some((rest, _)) = hash_ascii(&bytes[fw..]) {
                        let mut k = String::new();
                        normalize_ascii_into(&bytes[fw..], &mut k);
                        if k.len() >= 3 {
                            self.pairs.push((
                                rest,
                                Posting {
                                    entry,
                                    bare: true,
                                    alt,
                                    acronym: false,
                                }
                                .pack(),
                            ));
                        }
                    }
                }
            }
        }
    }

    fn add(&mut self, name: &str, entry: u32, bare: bool, alt: bool, arabic: bool) {
        self.buf.clear();
        if name.is_ascii() {
            normalize_ascii_into(name.as_bytes(), &mut self.buf);
        } else {
            normalize_into(name, &mut self.buf);
        }
        if self.buf.is_empty() {
            return;
        }
        let acronym = is_acronym(name);
        self.pairs.push((
            key_hash(&self.buf),
            Posting {
                entry,
                bare,
                alt,
                acronym,
            }
            .pack(),
        ));
        if arabic {
            for art in ARTICLES {
                if let Some(rest) = self.buf.strip_prefix(art) {
                    if rest.len() >= 3 {
                        self.pairs.push((
                            key_hash(rest),
                            Posting {
                                entry,
                                bare: true,
                                alt,
                                acronym: false,
                            }
                            .pack(),
                        ));
                    }
                    break;
                }
            }
        }
    }
}

/// End of a name field: the first tab, '|', newline or end of data at or
/// after `start`, and the byte found there (0 at the end).
fn scan_name(data: &[u8], start: usize) -> (usize, u8) {
    let mut p = start;
    while p < data.len() {
        let b = data[p];
        if b == b'\t' || b == b'|' || b == b'\n' {
            return (p, b);
        }
        p += 1;
    }
    (p, 0)
}

/// Byte classes for [`hash_ascii`]: 0 drop (apostrophes), 1 separator,
/// else the lower-case byte.
const NORM: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    t[b'\'' as usize] = 0;
    t[b'`' as usize] = 0;
    t
};

/// The key hash of an ASCII name (as [`key_hash`] of [`normalize`]), and
/// the byte offset where its first word ends if it has several words.
fn hash_ascii(bytes: &[u8]) -> Option<(u64, Option<usize>)> {
    let mut h = KeyHash::new();
    let mut pending = false;
    let mut written = false;
    let mut first_word = None;
    for (i, &c) in bytes.iter().enumerate() {
        let m = NORM[c as usize];
        if m > 1 {
            if pending && written {
                h.step(b' ');
                if first_word.is_none() {
                    first_word = Some(i);
                }
            }
            pending = false;
            written = true;
            h.step(m);
        } else if m == 1 {
            pending = true;
        }
    }
    written.then(|| (h.finish(), first_word))
}

/// [`normalize_into`] for ASCII input, without decoding characters.
fn normalize_ascii_into(bytes: &[u8], out: &mut String) {
    let mut pending = false;
    for &b in bytes {
        if b.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(b.to_ascii_lowercase() as char);
        } else if b == b'\'' || b == b'`' {
            // apostrophes vanish
        } else {
            pending = true;
        }
    }
}

impl Gazetteer {
    /// Load the embedded data files.
    pub fn load() -> Result<Self, ExtractError> {
        let mut g = Gazetteer::default();
        // The populated places are most of the work: two threads index the
        // two halves of the file while this one reads the small files.
        let data = PLACES_TSV.as_bytes();
        let mid = memchr::memchr(b'\n', &data[data.len() / 2..])
            .map_or(data.len(), |i| data.len() / 2 + i + 1);
        let (first, second, small) = std::thread::scope(|scope| {
            let h1 = scope.spawn(|| index_places(0, mid));
            let h2 = scope.spawn(|| index_places(mid, data.len()));
            let small = g.load_small();
            let join = |h: std::thread::ScopedJoinHandle<'_, Result<PlaceIndex, ExtractError>>| {
                h.join().unwrap_or_else(|_| {
                    Err(data_err(
                        "data/gazetteer/places.tsv",
                        0,
                        "indexing thread failed",
                    ))
                })
            };
            (join(h1), join(h2), small)
        });
        let mut ib = small?;
        let (first, second) = (first?, second?);
        let base = g.fixed.len() as u32;
        let second_base = base + first.lines.len() as u32;
        ib.pairs.reserve(first.pairs.len() + second.pairs.len());
        ib.pairs
            .extend(first.pairs.iter().map(|&(k, p)| (k, p + base)));
        ib.pairs
            .extend(second.pairs.iter().map(|&(k, p)| (k, p + second_base)));
        g.place_lines = first.lines;
        g.place_lines.extend(second.lines);
        g.build_index(ib);
        g.mark_capitals();
        Ok(g)
    }

    /// Countries, regions, the reviewed list, common words, blocked names.
    fn load_small(&mut self) -> Result<IndexBuilder, ExtractError> {
        let mut ib = IndexBuilder {
            pairs: Vec::with_capacity(20_000),
            buf: String::with_capacity(64),
        };
        self.load_countries(&mut ib)?;
        self.load_admin1(&mut ib)?;
        self.load_curated(&mut ib)?;
        self.common.reserve(70_000);
        for line in COMMON_WORDS.split('\n') {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                self.common.insert(key_hash(w));
            }
        }
        for (_, line) in data_lines(BLOCKED_TSV) {
            let name = line.split('\t').next().unwrap_or("");
            let key = normalize(name);
            if !key.is_empty() {
                self.blocked.insert(key_hash(&key));
            }
        }
        Ok(ib)
    }

    fn push_fixed(&mut self, e: Entry) -> u32 {
        self.fixed.push(e);
        (self.fixed.len() - 1) as u32
    }

    fn load_countries(&mut self, ib: &mut IndexBuilder) -> Result<(), ExtractError> {
        self.by_alpha2 = vec![u16::MAX; 26 * 26];
        const F: &str = "data/gazetteer/countries.tsv";
        for (n, line) in data_lines(COUNTRIES_TSV) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 9 {
                return Err(data_err(F, n, "expected 9 tab-separated fields"));
            }
            let (a2, a3, name) = (f[0], f[1], f[2]);
            if a2.len() != 2 || a3.len() != 3 {
                return Err(data_err(F, n, format!("bad codes {a2:?} {a3:?}")));
            }
            let lat = f[3].trim().parse::<f64>().ok();
            let lon = f[4].trim().parse::<f64>().ok();
            let aliases: Vec<&'static str> = f[7].split('|').filter(|s| !s.is_empty()).collect();
            let demonyms: Vec<String> = f[8]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let ci = self.countries.len();
            let id = self.push_fixed(Entry {
                name,
                country: a2,
                kind: PlaceKind::Country,
                lat: lat.unwrap_or(0.0) as f32,
                lon: lon.unwrap_or(0.0) as f32,
                population: f[5].parse().unwrap_or(0),
                admin1: None,
                origin: Origin::Country,
                capital: false,
            });
            ib.add(name, id, false, false, false);
            for a in &aliases {
                ib.add(a, id, false, false, false);
            }
            for d in &demonyms {
                for form in demonym_forms(d) {
                    self.by_demonym
                        .entry(key_hash(&normalize(&form)))
                        .or_insert(ci);
                }
            }
            if let Some(k) = cc_index(a2.as_bytes()) {
                self.by_alpha2[k] = ci as u16;
            }
            self.by_alpha3.insert(a3, ci);
            self.country_entries.push(id);
            self.countries.push(CountryInfo {
                name: name.to_string(),
                alpha2: a2.to_string(),
                alpha3: a3.to_string(),
                capital: Some(f[6].trim().to_string()).filter(|s| !s.is_empty()),
                demonyms,
                lat,
                lon,
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
            });
        }
        Ok(())
    }

    fn load_admin1(&mut self, ib: &mut IndexBuilder) -> Result<(), ExtractError> {
        const F: &str = "data/gazetteer/admin1.tsv";
        let rows: Vec<(usize, Vec<&'static str>)> = data_lines(ADMIN1_TSV)
            .map(|(n, l)| (n, l.split('\t').collect()))
            .collect();
        // Names shared by two codes of one country are stale (GeoNames'
        // names predate a reform): keep the codes, drop the names.
        let mut seen: HashMap<(&str, String), usize> = HashMap::new();
        for (_, f) in &rows {
            if f.len() >= 3 {
                *seen.entry((f[0], normalize(f[2]))).or_default() += 1;
            }
        }
        for (n, f) in rows {
            if f.len() < 7 {
                return Err(data_err(F, n, "expected 7 tab-separated fields"));
            }
            let cc = f[0];
            let id = self.push_fixed(Entry {
                name: f[2],
                country: cc,
                kind: PlaceKind::Region,
                lat: parse_coord(F, n, f[4])?,
                lon: parse_coord(F, n, f[5])?,
                population: f[6].trim().parse().unwrap_or(0),
                admin1: None,
                origin: Origin::Admin1,
                capital: false,
            });
            self.admin_codes.insert((cc, f[1]), id);
            if seen.get(&(cc, normalize(f[2]))).copied().unwrap_or(0) > 1 {
                continue;
            }
            let arabic = ARABIC_ARTICLE_COUNTRIES.contains(&cc);
            ib.add(f[2], id, true, false, arabic);
            for a in f[3].split('|').filter(|s| !s.is_empty()) {
                ib.add(a, id, false, true, arabic);
            }
        }
        Ok(())
    }

    fn load_curated(&mut self, ib: &mut IndexBuilder) -> Result<(), ExtractError> {
        const F: &str = "data/gazetteer/curated.tsv";
        for (n, line) in data_lines(CURATED_TSV) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 7 {
                return Err(data_err(F, n, "expected at least 7 tab-separated fields"));
            }
            let cc = f[2].trim();
            if self.country_index(cc).is_none() {
                return Err(data_err(F, n, format!("unknown country {cc:?}")));
            }
            let id = self.push_fixed(Entry {
                name: f[0].trim(),
                country: cc,
                kind: parse_kind(F, n, f[3])?,
                lat: parse_coord(F, n, f[4])?,
                lon: parse_coord(F, n, f[5])?,
                population: f[6]
                    .trim()
                    .parse()
                    .map_err(|_| data_err(F, n, "bad population"))?,
                admin1: None,
                origin: Origin::Curated,
                capital: false,
            });
            let arabic = ARABIC_ARTICLE_COUNTRIES.contains(&cc);
            ib.add(f[0], id, false, false, arabic);
            for a in f[1].split('|').filter(|s| !s.trim().is_empty()) {
                ib.add(a, id, false, true, arabic);
            }
        }
        Ok(())
    }

    fn build_index(&mut self, ib: IndexBuilder) {
        // Sort the (key, posting) pairs, then put the run starts in an
        // open-addressing table whose slot is the key's top bits: the keys
        // are hashes already, and sorted keys fill the table in order.
        let mut pairs = ib.pairs;
        sort_pairs(&mut pairs);
        // Same name twice for one entry: keep the strongest link (no flags).
        pairs.dedup_by(|b, a| a.0 == b.0 && (a.1 & ENTRY_MASK) == (b.1 & ENTRY_MASK));
        let runs = pairs.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
        let bits = (runs + runs / 2)
            .next_power_of_two()
            .max(16)
            .trailing_zeros();
        self.slot_shift = 64 - bits;
        self.slots = vec![0; (1usize << bits) + 64];
        for i in 0..pairs.len() {
            let k = pairs[i].0;
            if i == 0 || pairs[i - 1].0 != k {
                let mut s = (k >> self.slot_shift) as usize;
                while self.slots[s] != 0 {
                    s += 1;
                    if s == self.slots.len() {
                        self.slots.push(0);
                    }
                }
                self.slots[s] = i as u32 + 1;
            }
        }
        self.pairs = pairs;
    }

    /// Flag each country's capital: its most populous place of that name.
    fn mark_capitals(&mut self) {
        for ci in 0..self.countries.len() {
            let Some(cap) = self.countries[ci].capital.clone() else {
                continue;
            };
            let cc = self.countries[ci].alpha2.clone();
            let best = self
                .postings_for(&normalize(&cap))
                .filter(|p| {
                    let e = self.entry(p.entry);
                    e.country == cc && e.kind == PlaceKind::City
                })
                .max_by_key(|p| self.entry(p.entry).population);
            if let Some(p) = best {
                self.capitals.insert(p.entry);
            }
        }
    }

    /// Postings of a normalised key.
    pub fn postings_for(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        self.postings_by_hash(key_hash(key))
    }

    /// Postings of a key hash ([`key_hash`] / [`KeyHash`]).
    pub fn postings_by_hash(&self, h: u64) -> impl Iterator<Item = Posting> + '_ {
        let start = self.run_start(h).unwrap_or(self.pairs.len());
        self.pairs[start..]
            .iter()
            .take_while(move |(k, _)| *k == h)
            .map(|&(_, p)| Posting::unpack(p))
    }

    /// True when some entry has this key hash.
    pub fn has_hash(&self, h: u64) -> bool {
        self.run_start(h).is_some()
    }

    fn run_start(&self, h: u64) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut s = (h >> self.slot_shift) as usize;
        while let Some(&v) = self.slots.get(s) {
            if v == 0 {
                return None;
            }
            let i = (v - 1) as usize;
            if self.pairs[i].0 == h {
                return Some(i);
            }
            s += 1;
        }
        None
    }

    /// An entry by index (populated places are parsed from their line).
    pub fn entry(&self, id: u32) -> Entry {
        let i = id as usize;
        if i < self.fixed.len() {
            return self.fixed[i];
        }
        let start = self
            .place_lines
            .get(i - self.fixed.len())
            .map_or(PLACES_TSV.len(), |&o| o as usize);
        // The seven fields come first; the alternate names after them can
        // run to kilobytes, so the line's end is not looked for.
        let rest = &PLACES_TSV[start..];
        let mut f = rest.split(['\t', '\n']);
        let _geonameid = f.next();
        let name = f.next().unwrap_or("");
        let country = f.next().unwrap_or("");
        let admin = f.next().unwrap_or("");
        let lat = f.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
        let lon = f.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
        let population = f.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        Entry {
            name,
            country,
            kind: PlaceKind::City,
            lat,
            lon,
            population,
            admin1: self.admin_codes.get(&(country, admin)).copied(),
            origin: Origin::GeoNames,
            capital: self.capitals.contains(&id),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.fixed.len() + self.place_lines.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of indexed names (name → entry links).
    pub fn names(&self) -> usize {
        self.pairs.len()
    }

    /// Every entry a name can denote, most prominent first.
    pub fn lookup(&self, name: &str) -> Vec<Entry> {
        let key = normalize(name);
        let mut out: Vec<(f32, Entry)> = self
            .postings_for(&key)
            .map(|p| {
                let e = self.entry(p.entry);
                (
                    e.prominence() - if p.bare { 1.0 } else { 0.0 } - if p.alt { 0.5 } else { 0.0 },
                    e,
                )
            })
            .collect();
        out.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.population.cmp(&a.1.population))
        });
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// The country whose capital `name` is ("Moscow" → Russia, "Kiev" → Ukraine).
    pub fn capital_of(&self, name: &str) -> Option<&CountryInfo> {
        let key = normalize(name);
        self.postings_for(&key)
            .find(|p| self.capitals.contains(&p.entry))
            .and_then(|p| self.country(self.entry(p.entry).country))
    }

    /// The country a name denotes ("Burma", "DR Congo", "Britain").
    pub fn country_by_name(&self, name: &str) -> Option<&CountryInfo> {
        let key = normalize(name);
        self.postings_for(&key)
            .map(|p| self.entry(p.entry))
            .find(|e| e.origin == Origin::Country)
            .and_then(|e| self.country(e.country))
    }

    fn country_index(&self, alpha2: &str) -> Option<usize> {
        let i = *self.by_alpha2.get(cc_index(alpha2.as_bytes())?)?;
        (i != u16::MAX).then_some(usize::from(i))
    }

    /// The country with this ISO alpha-2 code.
    pub fn country(&self, alpha2: &str) -> Option<&CountryInfo> {
        self.country_index(alpha2).map(|i| &self.countries[i])
    }

    /// The gazetteer entry of a country (its reference point).
    pub fn country_entry(&self, alpha2: &str) -> Option<(u32, Entry)> {
        self.country_index(alpha2).map(|i| {
            let id = self.country_entries[i];
            (id, self.entry(id))
        })
    }

    /// The country with this ISO alpha-3 code.
    pub fn country_by_alpha3(&self, alpha3: &str) -> Option<&CountryInfo> {
        self.by_alpha3.get(alpha3).map(|&i| &self.countries[i])
    }

    /// The country a demonym or adjective ("Azerbaijani", "Turkish") refers to.
    pub fn country_by_demonym(&self, word: &str) -> Option<&CountryInfo> {
        self.country_by_demonym_hash(name_hash(word))
    }

    /// [`Gazetteer::country_by_demonym`] for an already hashed key.
    pub fn country_by_demonym_hash(&self, h: u64) -> Option<&CountryInfo> {
        self.by_demonym.get(&h).map(|&i| &self.countries[i])
    }

    /// True when the lower-case word is a common English word ("hope", "muse").
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.common.contains(&key_hash(lower))
    }

    /// [`Gazetteer::is_common_word`] for an already hashed key.
    pub fn is_common_hash(&self, h: u64) -> bool {
        self.common.contains(&h)
    }

    /// True when a normalised name is never a place under the annotation
    /// conventions (multi-country regions and seas, former states, buildings).
    pub fn is_blocked_hash(&self, h: u64) -> bool {
        self.blocked.contains(&h)
    }

    /// All countries.
    pub fn countries(&self) -> &[CountryInfo] {
        &self.countries
    }
}

/// Index the populated places of `PLACES_TSV[from..to]` (whole lines); their other fields are parsed on access.
///
/// One pass over the file's bytes: the name and the alternates are
/// normalised and hashed as they are read (ASCII names, the vast
/// majority, without building a string; others through
/// [`normalize_into`]), the other fields are skipped.
fn index_places(from: usize, to: usize) -> Result<PlaceIndex, ExtractError> {
    const F: &str = "data/gazetteer/places.tsv";
    let mut out = PlaceIndex {
        lines: Vec::with_capacity(120_000),
        pairs: Vec::new(),
    };
    let mut ib = IndexBuilder {
        pairs: Vec::with_capacity(300_000),
        buf: String::with_capacity(64),
    };
    let mut arabic_cc = [false; 26 * 26];
    for cc in ARABIC_ARTICLE_COUNTRIES {
        if let Some(i) = cc_index(cc.as_bytes()) {
            arabic_cc[i] = true;
        }
    }
    let data = &PLACES_TSV.as_bytes()[..to];
    let mut pos = from;
    // Line numbers for messages: counted only when there is one to give.
    let line_at = |p: usize| memchr::memchr_iter(b'\n', &PLACES_TSV.as_bytes()[..p]).count() + 1;
    while pos < data.len() {
        let line_start = pos;
        if data[pos] == b'#' || data[pos] == b'\n' {
            pos = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |i| pos + i + 1);
            continue;
        }
        // Field 0 (geonameid), then the name.
        let Some(t0) = memchr::memchr(b'\t', &data[pos..]).map(|i| pos + i) else {
            return Err(data_err(F, line_at(pos), "expected 8 tab-separated fields"));
        };
        let id = out.lines.len() as u32;
        out.lines.push(line_start as u32);
        let name_start = t0 + 1;
        let (name_end, _) = scan_name(data, name_start);
        // Country code.
        let cc_start = name_end + 1;
        if data.get(cc_start + 2) != Some(&b'\t') {
            return Err(data_err(F, line_at(pos), "bad country code"));
        }
        let Some(cci) = cc_index(&data[cc_start..cc_start + 2]) else {
            return Err(data_err(F, line_at(pos), "bad country code"));
        };
        let arabic = arabic_cc[cci];
        ib.add_bytes(data, name_start, name_end, id, false, arabic);
        // Skip admin1, lat, lon, population.
        let mut p = cc_start + 3;
        let mut tabs = 0;
        while p < data.len() && data[p] != b'\n' {
            if data[p] == b'\t' {
                tabs += 1;
                if tabs == 4 {
                    break;
                }
            }
            p += 1;
        }
        if tabs < 3 {
            return Err(data_err(F, line_at(pos), "expected 8 tab-separated fields"));
        }
        // Alternates, '|'-separated, up to the end of the line.
        if tabs == 4 {
            p += 1;
            loop {
                let (end, stop) = scan_name(data, p);
                if end > p {
                    ib.add_bytes(data, p, end, id, true, arabic);
                }
                p = end + 1;
                if stop != b'|' {
                    break;
                }
            }
            pos = p;
        } else {
            pos = p + 1;
        }
    }
    out.pairs = ib.pairs;
    Ok(out)
}

/// Populated places of part of the file: line offsets and (key, posting)
/// pairs with entry ids counted from the part's first line.
struct PlaceIndex {
    lines: Vec<u32>,
    pairs: Vec<(u64, u32)>,
}

/// Index of an upper-case ISO alpha-2 code in a 26×26 table.
fn cc_index(cc: &[u8]) -> Option<usize> {
    match cc {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// Sort (key, value) pairs: one counting pass scatters them into 2048
/// buckets by the key's top 11 bits (few enough write streams to stay in
/// cache), then each bucket, a few hundred pairs, is sorted in cache.
fn sort_pairs(v: &mut Vec<(u64, u32)>) {
    const BITS: u32 = 11;
    const B: usize = 1 << BITS;
    let digit = |k: u64| (k >> (64 - BITS)) as usize;
    let mut starts = vec![0usize; B + 1];
    for p in v.iter() {
        starts[digit(p.0) + 1] += 1;
    }
    for b in 0..B {
        starts[b + 1] += starts[b];
    }
    let mut next = starts.clone();
    let mut out = vec![(0u64, 0u32); v.len()];
    for &p in v.iter() {
        let d = digit(p.0);
        out[next[d]] = p;
        next[d] += 1;
    }
    for b in 0..B {
        let bucket = &mut out[starts[b]..starts[b + 1]];
        if bucket.len() > 1 {
            bucket.sort_unstable();
        }
    }
    *v = out;
}

/// A demonym and its plural ("Afghan" → "Afghans"; "Chinese" stays).
fn demonym_forms(d: &str) -> Vec<String> {
    let mut v = vec![d.to_string()];
    let lower = d.to_ascii_lowercase();
    if !(lower.ends_with('s')
        || lower.ends_with('h')
        || lower.ends_with('z')
        || lower.ends_with('x')
        || lower.ends_with("ese"))
    {
        v.push(format!("{d}s"));
    }
    v
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// One gazetteer for all tests of the crate (loading is the slow part).
    pub(crate) fn gaz() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::load().expect("embedded gazetteer loads"))
    }

    #[test]
    fn countries_by_code_demonym_and_name() {
        let g = gaz();
        assert_eq!(g.country("AZ").map(|c| c.alpha3.as_str()), Some("AZE"));
        assert_eq!(
            g.country_by_alpha3("UKR").map(|c| c.name.as_str()),
            Some("Ukraine")
        );
        assert_eq!(
            g.country_by_demonym("Azerbaijani")
                .map(|c| c.alpha2.as_str()),
            Some("AZ")
        );
        assert_eq!(
            g.country_by_demonym("Armenians").map(|c| c.alpha2.as_str()),
            Some("AM")
        );
        assert_eq!(
            g.country_by_demonym("Congolese").map(|c| c.alpha2.as_str()),
            Some("CD")
        );
        assert_eq!(
            g.country_by_name("Burma").map(|c| c.alpha2.as_str()),
            Some("MM")
        );
        assert_eq!(
            g.country_by_name("DR Congo").map(|c| c.alpha2.as_str()),
            Some("CD")
        );
        assert!(g.country_by_demonym("Moscow").is_none());
    }

    #[test]
    fn capitals_resolve_to_their_country() {
        let g = gaz();
        assert_eq!(
            g.capital_of("Moscow").map(|c| c.alpha2.as_str()),
            Some("RU")
        );
        assert_eq!(g.capital_of("Kiev").map(|c| c.alpha2.as_str()), Some("UA"));
        assert_eq!(
            g.capital_of("Yerevan").map(|c| c.alpha2.as_str()),
            Some("AM")
        );
        assert!(g.capital_of("Barda").is_none());
    }

    #[test]
    fn alternate_names_meet_their_place() {
        let g = gaz();
        let kyiv = g.lookup("Kiev");
        assert_eq!(kyiv.first().map(|e| e.country), Some("UA"));
        let s = g.lookup("Khankendi");
        assert!(
            s.iter().any(|e| e.country == "AZ"),
            "Khankendi is Stepanakert"
        );
        let h = g.lookup("Hodeidah");
        assert_eq!(h.first().map(|e| e.country), Some("YE"));
        let shushi = g.lookup("Shushi");
        assert_eq!(shushi.first().map(|e| e.country), Some("AZ"));
    }

    #[test]
    fn common_words_and_blocked_names() {
        let g = gaz();
        assert!(g.is_common_word("hope"));
        assert!(!g.is_common_word("goris"));
        assert!(g.is_blocked_hash(key_hash("caucasus")));
        assert!(g.is_blocked_hash(key_hash("soviet union")));
    }
}
