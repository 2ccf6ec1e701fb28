//! Place recognition and toponym resolution.
//!
//! 1. Tokens carry a key hash; every capitalised token (every token of an
//!    all-caps or title-case headline) starts an n-gram lookup, longest
//!    first, against the gazetteer's hash index. Type words after a name
//!    ("the Donetsk region", "Kalbajar and Lachin districts", "Daraa city")
//!    say whether a region or a settlement is meant.
//! 2. Filters drop what the conventions say is not a place: names inside
//!    organisation names and time zones ("Minsk Group", "Normandy format",
//!    "Moscow time"), demonyms, multi-country regions and former states
//!    (`blocked.tsv`), names inside a longer capitalised run that is a
//!    person or an organisation ("Sergei Lavrov", "Arakan Army"), later
//!    bare surnames of such runs ("Barbosa said"), capitalised common words
//!    at a sentence start, acronyms.
//! 3. Each distinct name is resolved once per document (one sense per
//!    discourse) by scoring its candidate entries: prominence (countries,
//!    regions, capitals, population), countries named or implied by
//!    demonyms in the document, closeness to the document's other places,
//!    cues ("the Azerbaijani town of Barda", "Kyrgyzstan's Batken region",
//!    "Atlanta, Georgia") and the type word. Small places are kept only
//!    with support (a context country, a cue, a nearby place).
//! 4. "the village of X" with X unknown to the gazetteer still gives a
//!    place, in the country the cue or the context names, without
//!    coordinates.

mod tokens;
mod words;

#[cfg(test)]
mod tests;

use crate::gazetteer::{key_hash, Entry, Gazetteer, KeyHash, Origin, Posting};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tokens::{tokenize, Case, Sep, Tokens};
use truce_document::{Document, Place, PlaceKind, Span};
use words::*;

/// Longest name, in tokens.
const MAX_NGRAM: usize = 6;

/// Fill `doc.ann.places`.
pub fn annotate(gazetteer: &Gazetteer, doc: &mut Document) {
    doc.ann.places = find_places(gazetteer, &doc.text);
}

/// The places named in `text`, one per distinct place, in order of first mention.
pub fn find_places(g: &Gazetteer, text: &str) -> Vec<Place> {
    resolved(g, text, |mut m| {
        m.unknown_places();
        m.into_places()
    })
}

/// Tokenise `text`, find, filter and resolve its names, and hand the matcher to `then`.
fn resolved<R: Default>(g: &Gazetteer, text: &str, then: impl FnOnce(Matcher) -> R) -> R {
    let toks = tokenize(text);
    if toks.is_empty() {
        return R::default();
    }
    let mut m = Matcher::new(g, text, &toks);
    m.find_candidates();
    m.apply_filters();
    m.resolve_all();
    then(m)
}

/// One line per name occurrence with its resolution or the reason it was
/// dropped: for debugging the rules (`examples/places.rs --explain`).
pub fn explain(g: &Gazetteer, text: &str) -> Vec<String> {
    resolved(g, text, |m| explain_candidates(g, text, &m))
}

fn explain_candidates(g: &Gazetteer, text: &str, m: &Matcher) -> Vec<String> {
    m.cands
        .iter()
        .map(|c| {
            let surface = &text[m.t.toks[c.i].start..m.t.toks[c.end - 1].end];
            let best = c.best.map(|(id, s)| {
                let e = g.entry(id);
                format!("{} {} {:?} {:?} pop={} score={s:.2}", e.name, e.country, e.kind, e.origin, e.population)
            });
            format!(
                "{surface:?} intent={:?} cue={}/{:?} rejected={:?} accepted={} candidates={} best={}",
                c.intent,
                c.feature_cue,
                c.cue_country,
                c.rejected,
                c.accepted,
                m.ents(c.ekey).len(),
                best.unwrap_or_default()
            )
        })
        .collect()
}

/// What a type word or cue says the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Any,
    Settlement,
    Region,
}

/// One name occurrence.
#[derive(Debug, Clone)]
struct Cand {
    /// First token of the mention (an Arabic article included).
    i: usize,
    /// First token of the name.
    ni: usize,
    /// One past the last token of the name.
    j: usize,
    /// One past the last token of the mention (with an absorbed type word).
    end: usize,
    /// Key hash (of the name, or name + singular type word).
    hash: u64,
    /// Key of the entry cache: the hash, salted when the text is not in
    /// capitals (then upper-case codes such as "CAR" are left out).
    ekey: u64,
    intent: Intent,
    /// After "in", "near", "outside"...
    locative: bool,
    /// A "town of" / ", a town" cue.
    feature_cue: bool,
    /// Country a cue names (demonym, possessive place, apposition).
    cue_country: Option<&'static str>,
    /// Apposition partner ("Atlanta, Georgia"): the candidate index.
    partner: Option<usize>,
    /// Why it was dropped, if it was.
    rejected: Option<&'static str>,
    /// Name is a capitalised common English word.
    common: bool,
    /// Resolution: entry index and score.
    best: Option<(u32, f32)>,
    accepted: bool,
}

/// Per-document country evidence.
#[derive(Default)]
struct Context {
    /// alpha-2 → bonus.
    bonus: HashMap<&'static str, f32>,
    /// Reference points of places resolved with confidence: (lat, lon, group).
    anchors: Vec<(f32, f32, u64)>,
    /// Countries of those places, with their group: (alpha-2, group).
    strong: Vec<(&'static str, u64)>,
}

impl Context {
    /// Bonus for a country: named or implied by a demonym, or holding a
    /// place resolved with confidence other than the group `own` itself
    /// (a name must not vouch for its own reading).
    fn country_bonus(&self, cc: &str, own: u64) -> f32 {
        let named = self.bonus.get(cc).copied().unwrap_or(0.0);
        let placed = if self.strong.iter().any(|&(c, g)| c == cc && g != own) {
            1.5
        } else {
            0.0
        };
        named.max(placed)
    }

    fn raise(&mut self, cc: &'static str, v: f32) {
        let e = self.bonus.entry(cc).or_insert(0.0);
        if *e < v {
            *e = v;
        }
    }

    /// Distance to the nearest anchor of another group, by the
    /// equirectangular approximation (good to a few percent at the 150 and
    /// 400 km steps it is used for).
    fn nearest_km(&self, lat: f32, lon: f32, own: u64) -> Option<f32> {
        let k = lat.to_radians().cos();
        self.anchors
            .iter()
            .filter(|a| a.2 != own)
            .map(|a| {
                let dy = a.0 - lat;
                let mut dx = (a.1 - lon).abs();
                if dx > 180.0 {
                    dx = 360.0 - dx;
                }
                let dx = dx * k;
                111.2 * (dx * dx + dy * dy).sqrt()
            })
            .min_by(|a, b| a.total_cmp(b))
    }
}

struct Matcher<'g, 't> {
    g: &'g Gazetteer,
    text: &'t str,
    t: &'t Tokens,
    /// Token lies in an all-caps or title-case line.
    nocase: Vec<bool>,
    /// Token starts a sentence.
    sent_start: Vec<bool>,
    /// Token is part of a dateline ("GAZA CITY/TEL AVIV —").
    dateline: Vec<bool>,
    cands: Vec<Cand>,
    /// Candidate index by first token.
    cand_at: HashMap<usize, usize>,
    /// Candidate index by mention end and by name end.
    cand_end_at: HashMap<usize, usize>,
    cand_name_end_at: HashMap<usize, usize>,
    /// Candidates whose apposition partner is the key ("Atlanta" for "Georgia").
    partner_of: HashMap<usize, Vec<usize>>,
    /// Tokens covered by a candidate or a blocked name.
    covered: Vec<bool>,
    surnames: HashSet<u64>,
    /// Entries of each candidate name, parsed once.
    ents: HashMap<u64, Vec<(Posting, Entry)>>,
    ctx: Context,
    unknown: Vec<(usize, usize, &'static str)>,
}

impl<'g, 't> Matcher<'g, 't> {
    fn new(g: &'g Gazetteer, text: &'t str, t: &'t Tokens) -> Self {
        let n = t.len();
        let mut m = Matcher {
            g,
            text,
            t,
            nocase: vec![false; n],
            sent_start: vec![false; n],
            dateline: vec![false; n],
            cands: Vec::new(),
            cand_at: HashMap::default(),
            cand_end_at: HashMap::default(),
            cand_name_end_at: HashMap::default(),
            partner_of: HashMap::default(),
            covered: vec![false; n],
            surnames: HashSet::default(),
            ents: HashMap::default(),
            ctx: Context::default(),
            unknown: Vec::new(),
        };
        m.mark_lines();
        m
    }

    fn key(&self, i: usize) -> &str {
        self.t.key(i)
    }

    fn case(&self, i: usize) -> Case {
        self.t.toks[i].case
    }

    fn sep(&self, i: usize) -> Sep {
        self.t.toks[i].sep
    }

    fn is_common(&self, i: usize) -> bool {
        self.g.is_common_hash(self.t.toks[i].hash) || self.is_stopword(i)
    }

    fn is_stopword(&self, i: usize) -> bool {
        STOPWORD_HASHES.contains(self.t.toks[i].hash)
    }

    fn is_demonym(&self, i: usize) -> bool {
        self.g
            .country_by_demonym_hash(self.t.toks[i].hash)
            .is_some()
    }

    /// Line modes, sentence starts and datelines.
    fn mark_lines(&mut self) {
        let n = self.t.len();
        let mut line_start = 0;
        for i in 0..=n {
            let new_line =
                i == n || matches!(self.sep(i), Sep::Newline | Sep::Blank | Sep::Start) && i > 0;
            if new_line {
                self.mark_line(line_start, i);
                line_start = i;
            }
        }
        for i in 0..n {
            self.sent_start[i] = match self.sep(i) {
                Sep::Start | Sep::Blank | Sep::Stop => true,
                Sep::Newline => i == 0 || self.line_ends_sentence(i),
                Sep::Period => !(i > 0 && self.t.toks[i - 1].letters == 1),
                Sep::Other => {
                    let between = &self.text[self.t.toks[i - 1].end..self.t.toks[i].start];
                    between.contains(['.', '!', '?', ':'])
                        || between.contains('"')
                            && between.trim_start().starts_with(['"', '\u{201c}'])
                }
                _ => false,
            };
        }
    }

    fn line_ends_sentence(&self, i: usize) -> bool {
        let prev_end = self.t.toks[i - 1].end;
        let between = &self.text[prev_end..self.t.toks[i].start];
        between
            .trim_start()
            .starts_with(['.', '!', '?', ':', '"', '\u{201d}'])
            || self.t.toks[i - 1].case == Case::Upper
    }

    fn mark_line(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let (mut letters, mut upper, mut significant, mut capitalised) = (0, 0, 0, 0);
        for i in a..b {
            let tk = &self.t.toks[i];
            if tk.letters < 2 {
                continue;
            }
            letters += 1;
            if tk.case == Case::Upper {
                upper += 1;
            }
            if !self.is_stopword(i) {
                significant += 1;
                if matches!(tk.case, Case::Title | Case::Upper) {
                    capitalised += 1;
                }
            }
        }
        let nocase = (letters >= 3 && upper * 10 >= letters * 8)
            || (significant >= 4 && capitalised * 10 >= significant * 9);
        for i in a..b {
            self.nocase[i] = nocase;
        }
        // Dateline: upper-case words at the line start up to a dash or comma.
        if !nocase {
            let mut i = a;
            while i < b
                && self.case(i) == Case::Upper
                && (i == a || matches!(self.sep(i), Sep::Space | Sep::Slash | Sep::Hyphen))
            {
                i += 1;
            }
            if i > a && (i == b || matches!(self.sep(i), Sep::Stop | Sep::Comma)) {
                for k in a..i {
                    self.dateline[k] = true;
                }
            }
        }
    }

    /// May token `k` continue an n-gram started before it?
    fn joinable(&self, k: usize) -> bool {
        match self.sep(k) {
            Sep::Space | Sep::Hyphen | Sep::Newline => true,
            Sep::Period => self.t.toks[k].letters == 1 && self.t.toks[k - 1].letters == 1,
            _ => false,
        }
    }

    fn can_start(&self, i: usize) -> bool {
        let tk = &self.t.toks[i];
        if tk.letters == 0 {
            return false;
        }
        if self.nocase[i] {
            return !self.is_stopword(i) || is_article(self.key(i));
        }
        match tk.case {
            Case::Title | Case::Upper => true,
            Case::Lower => {
                is_article(self.key(i)) && i + 1 < self.t.len() && self.case(i + 1) == Case::Title
            }
            Case::Other => false,
        }
    }

    fn can_end(&self, k: usize, len: usize) -> bool {
        let tk = &self.t.toks[k];
        if tk.letters == 0 {
            return false;
        }
        if self.nocase[k] {
            return !self.is_stopword(k);
        }
        match tk.case {
            Case::Title | Case::Upper => true,
            Case::Lower => len >= 2 && TYPE_WORD_HASHES.contains(self.t.toks[k].hash),
            Case::Other => false,
        }
    }

    fn find_candidates(&mut self) {
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            if !self.can_start(i) {
                i += 1;
                continue;
            }
            // "al-Raqqah": the name with its article, else without it.
            let article = is_article(self.key(i))
                && i + 1 < n
                && (self.sep(i + 1) == Sep::Hyphen
                    || (self.sep(i + 1) == Sep::Space && matches!(self.key(i), "al" | "el")))
                && self.t.toks[i + 1].letters > 0;
            let mut found = self.match_at(i);
            let mut ni = i;
            if article && found.is_none_or(|(len, _)| len == 1) {
                if let Some(m) = self.match_at(i + 1) {
                    found = Some(m);
                    ni = i + 1;
                }
            }
            match found {
                None => i += 1,
                Some((len, None)) => {
                    // A blocked name: not a place, and no shorter name inside it.
                    for k in ni..ni + len {
                        self.covered[k] = true;
                    }
                    i = ni + len;
                }
                Some((len, Some(hh))) => {
                    let upper = (ni..ni + len)
                        .all(|k| self.case(k) == Case::Upper || self.t.toks[k].letters <= 1);
                    let ekey = if upper {
                        hh
                    } else {
                        hh ^ 0x9e37_79b9_7f4a_7c15
                    };
                    self.load_ents(hh, ekey, upper);
                    if self.ents(ekey).is_empty() {
                        i += 1;
                        continue;
                    }
                    let locative = i > 0
                        && matches!(self.sep(i), Sep::Space)
                        && is_in(LOCATIVE, self.key(i - 1));
                    let idx = self.cands.len();
                    self.cands.push(Cand {
                        i,
                        ni,
                        j: ni + len,
                        end: ni + len,
                        hash: hh,
                        ekey,
                        intent: Intent::Any,
                        locative,
                        feature_cue: false,
                        cue_country: None,
                        partner: None,
                        rejected: None,
                        common: false,
                        best: None,
                        accepted: false,
                    });
                    self.cand_at.insert(i, idx);
                    for k in i..ni + len {
                        self.covered[k] = true;
                    }
                    self.absorb_type_word(idx);
                    i = self.cands[idx].end;
                }
            }
        }
    }

    /// The longest name starting at token `i`: its length and key hash, or
    /// its length and `None` when it is a blocked name.
    fn match_at(&self, i: usize) -> Option<(usize, Option<u64>)> {
        let n = self.t.len();
        if CALENDAR_HASHES.contains(self.t.toks[i].hash) && self.t.toks[i].letters > 2 {
            return None;
        }
        let mut hashes = [0u64; MAX_NGRAM];
        let mut h = KeyHash::new();
        let mut lim = 0;
        for k in i..n.min(i + MAX_NGRAM) {
            if k > i {
                if !self.joinable(k) {
                    break;
                }
                h.write(b" ");
            }
            h.write(self.key(k).as_bytes());
            hashes[k - i] = h.finish();
            lim = k - i + 1;
        }
        for len in (1..=lim).rev() {
            let last = i + len - 1;
            if !self.can_end(last, len) {
                continue;
            }
            if len == 1 && (self.is_demonym(i) || is_article(self.key(i))) {
                return None;
            }
            let hh = hashes[len - 1];
            if self.g.is_blocked_hash(hh) && !self.followed_by_region_word(i + len) {
                return Some((len, None));
            }
            if self.g.has_hash(hh) {
                let upper = (i..i + len)
                    .all(|k| self.case(k) == Case::Upper || self.t.toks[k].letters <= 1);
                // Upper-case codes ("CAR", "US") only match text in capitals.
                if upper || self.g.postings_by_hash(hh).any(|p| !p.acronym) {
                    return Some((len, Some(hh)));
                }
            }
        }
        None
    }

    fn followed_by_region_word(&self, e: usize) -> bool {
        e < self.t.len() && self.sep(e) == Sep::Space && is_in(REGION_SUFFIX, self.key(e))
    }

    /// "X region", "X city", "X and Y districts" after a name.
    fn absorb_type_word(&mut self, idx: usize) {
        let e = self.cands[idx].j;
        let n = self.t.len();
        if e >= n || self.sep(e) != Sep::Space {
            return;
        }
        let w = self.key(e).to_string();
        let upper_run = self.case(e) != Case::Lower
            && e + 1 < n
            && self.sep(e + 1) == Sep::Space
            && self.case(e + 1) == Case::Title;
        if is_in(REGION_SUFFIX, &w) && !upper_run {
            self.set_region(idx, &w, e + 1);
        } else if is_in(REGION_SUFFIX_PLURAL, &w) {
            let singular = singular(&w);
            self.set_region(idx, &singular, e + 1);
            // "the Donetsk and Luhansk regions": the name before "and" too.
            if idx > 0 {
                let prev = idx - 1;
                let pj = self.cands[prev].j;
                let between: Vec<&str> = (pj..self.cands[idx].i).map(|k| self.key(k)).collect();
                if between.iter().all(|k| *k == "and" || *k == "or")
                    && between.len() <= 1
                    && self.cands[prev].end == pj
                {
                    let pe = self.cands[prev].j;
                    self.set_region(prev, &singular, pe);
                }
            }
        } else if is_in(CITY_SUFFIX, &w) && !upper_run {
            let c = &mut self.cands[idx];
            c.intent = Intent::Settlement;
            c.feature_cue = true;
            c.end = e + 1;
            if w == "refugee" && e + 1 < n && self.key(e + 1) == "camp" {
                self.cands[idx].end = e + 2;
            }
        }
    }

    fn set_region(&mut self, idx: usize, word: &str, end: usize) {
        let (i, j) = (self.cands[idx].ni, self.cands[idx].j);
        let mut h = KeyHash::new();
        for k in i..j {
            if k > i {
                h.write(b" ");
            }
            h.write(self.key(k).as_bytes());
        }
        // "the Batken area" is the entry named "Batken Region".
        let mut found = None;
        for w in std::iter::once(word).chain(CANONICAL_REGION_WORDS.iter().copied()) {
            let mut hw = h;
            hw.write(b" ");
            hw.write(w.as_bytes());
            let with_word = hw.finish();
            if self.g.has_hash(with_word) {
                found = Some(with_word);
                break;
            }
        }
        if let Some(with_word) = found {
            self.load_ents(with_word, with_word, true);
            self.cands[idx].hash = with_word;
            self.cands[idx].ekey = with_word;
        }
        let c = &mut self.cands[idx];
        c.intent = Intent::Region;
        c.feature_cue = true;
        c.end = end;
    }

    fn apply_filters(&mut self) {
        for (idx, c) in self.cands.iter().enumerate() {
            self.cand_end_at.insert(c.end, idx);
            self.cand_name_end_at.insert(c.j, idx);
        }
        self.collect_surnames();
        for idx in 0..self.cands.len() {
            let reason = self.reject_reason(idx);
            self.cands[idx].rejected = reason;
            if reason.is_none() {
                self.find_cues(idx);
            }
        }
    }

    /// Last words of capitalised runs that are people or organisations:
    /// "Francisco Barbosa" makes a later bare "Barbosa" a person.
    fn collect_surnames(&mut self) {
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            if self.nocase[i] || self.case(i) != Case::Title {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n
                && !self.t.toks[j - 1].possessive
                && self.sep(j) == Sep::Space
                && self.case(j) == Case::Title
                && !self.is_stopword(j)
            {
                j += 1;
            }
            let mut a = i;
            while a < j
                && (self.sent_start[a] && self.is_common(a) || is_in(DIRECTIONS, self.key(a)))
            {
                a += 1;
            }
            if j - a >= 2 {
                let last = j - 1;
                let whole = self.t.ngram_hash(a, j);
                let lk = self.key(last);
                let known = self.g.has_hash(whole)
                    || self.cand_at.get(&a).is_some_and(|&c| self.cands[c].j == j)
                    || is_in(REGION_SUFFIX, lk)
                    || is_in(CITY_SUFFIX, lk)
                    || is_in(ORG_AFTER, lk)
                    || is_in(ORG_AFTER_ANY, lk)
                    || is_in(GOV_AFTER, lk)
                    || is_in(ARMED_AFTER, lk)
                    || matches!(
                        self.key(a),
                        "mount"
                            | "lake"
                            | "cape"
                            | "port"
                            | "fort"
                            | "camp"
                            | "gulf"
                            | "river"
                            | "sea"
                    );
                if !known {
                    self.surnames.insert(self.t.toks[last].hash);
                }
            }
            i = j;
        }
    }

    fn reject_reason(&self, idx: usize) -> Option<&'static str> {
        let c = &self.cands[idx];
        let (start, i, j, e) = (c.i, c.ni, c.j, c.end);
        let n = self.t.len();
        let has_country = self
            .ents(c.ekey)
            .iter()
            .any(|(_, e)| e.origin == Origin::Country);
        let single = j - i == 1;
        let mixed = !self.nocase[i];
        let country_at = |k: usize| {
            self.cand_at.get(&k).is_some_and(|&o| {
                self.ents(self.cands[o].ekey)
                    .iter()
                    .any(|(_, e)| e.origin == Origin::Country)
            })
        };
        // "Bangladesh Dhaka": a country next to a place it contains.
        let countries: Vec<&str> = self
            .ents(c.ekey)
            .iter()
            .filter(|(_, e)| e.origin == Origin::Country)
            .map(|(_, e)| e.country)
            .collect();
        let contains_next = |k: usize| {
            self.cand_at.get(&k).is_some_and(|&o| {
                self.ents(self.cands[o].ekey)
                    .iter()
                    .any(|(_, e)| countries.contains(&e.country))
            })
        };
        // Acronyms in running text: only country codes (US, UK, UAE, DRC).
        if mixed
            && (i..j).any(|k| self.case(k) == Case::Upper && !self.dateline[k])
            && (i..j).all(|k| self.t.toks[k].letters <= 5)
            && !has_country
        {
            return Some("acronym");
        }
        if mixed && single && self.case(i) == Case::Upper && !self.dateline[i] && !has_country {
            return Some("acronym");
        }
        // "Minsk Group", "Normandy format", "Moscow time".
        if e < n
            && matches!(self.sep(e), Sep::Space)
            && (is_in(ORG_AFTER_ANY, self.key(e))
                || (is_in(ORG_AFTER, self.key(e)) && self.case(e) != Case::Lower))
            && !self.t.toks[e - 1].possessive
        {
            return Some("organisation or time zone");
        }
        // "University of Nairobi".
        if i >= 2
            && self.key(i - 1) == "of"
            && self.case(i - 2) == Case::Title
            && is_in(ORG_OF, self.key(i - 2))
        {
            return Some("inside an organisation name");
        }
        if mixed {
            // Capitalised word right before: person or organisation name.
            if start > 0
                && self.sep(start) == Sep::Space
                && matches!(self.case(start - 1), Case::Title | Case::Upper)
                && !self.t.toks[start - 1].possessive
            {
                let lk = self.key(start - 1);
                let left = self.cand_end_at.get(&start).copied();
                let ok = is_in(DIRECTIONS, lk)
                    || self.is_demonym(start - 1)
                    || (self.sent_start[start - 1] && self.is_common(start - 1))
                    || self.dateline[start - 1] && self.dateline[start]
                    || (left.is_some()
                        && (has_country || left.is_some_and(|o| country_at(self.cands[o].i))));
                if !ok || is_in(TITLES, lk) {
                    return Some("inside a longer name");
                }
            }
            // Capitalised word right after.
            if e < n
                && self.sep(e) == Sep::Space
                && matches!(self.case(e), Case::Title | Case::Upper)
                && !self.t.toks[e - 1].possessive
            {
                let rk = self.key(e);
                // "Belfast Catholic.", "Kachin Refugees are": a common
                // word ending the capitalised run.
                let run_ends = e + 1 >= n
                    || self.sep(e + 1) != Sep::Space
                    || !matches!(self.case(e + 1), Case::Title | Case::Upper);
                let ok = is_in(GOV_AFTER, rk)
                    || is_in(GROUP_ADJECTIVES, rk)
                    || is_in(CALENDAR, rk)
                    || (has_country && (is_in(ARMED_AFTER, rk) || is_in(TITLES, rk)))
                    || self.dateline[e]
                    || self.is_demonym(e)
                    || country_at(e)
                    || contains_next(e)
                    || (is_in(HEADLINE_NOUNS, rk) && run_ends);
                if !ok {
                    return Some("inside a longer name");
                }
            }
        }
        // "Erik ten Hag": a name particle and a capitalised word after it.
        if mixed
            && e + 1 < n
            && self.sep(e) == Sep::Space
            && is_in(NAME_PARTICLES, self.key(e))
            && self.case(e) == Case::Lower
            && self.sep(e + 1) == Sep::Space
            && self.case(e + 1) == Case::Title
        {
            return Some("person name");
        }
        // A bare surname of a person named earlier or later.
        if single && !has_country && self.surnames.contains(&self.t.toks[i].hash) {
            return Some("surname");
        }
        // Capitalised common words: at a sentence start or in a headline they
        // carry no signal ("Hope", "Mobile"); elsewhere they need support.
        let all_common = (i..j).all(|k| self.is_common(k));
        if all_common && !has_country {
            if single && (self.sent_start[i] || !mixed) {
                return Some("common word");
            }
            if !mixed
                && self
                    .ents(c.ekey)
                    .iter()
                    .all(|(_, e)| e.origin == Origin::GeoNames)
            {
                return Some("common words");
            }
        }
        None
    }

    /// Cues around a kept candidate: "the Azerbaijani town of Barda",
    /// "Samraong, a Cambodian town", "Kyrgyzstan's Batken region",
    /// "Dar es Salaam, Tanzania".
    fn find_cues(&mut self, idx: usize) {
        let (i, end) = (self.cands[idx].i, self.cands[idx].end);
        let n = self.t.len();
        let all_common = (self.cands[idx].i..self.cands[idx].j).all(|k| self.is_common(k));
        self.cands[idx].common = all_common;
        // Left: [demonym|place's] [adjectives] FEATURE of NAME
        if i >= 2 && self.key(i - 1) == "of" {
            if let Some(settlement) = feature_of(self.key(i - 2)) {
                let c = &mut self.cands[idx];
                c.feature_cue = true;
                c.intent = if settlement {
                    Intent::Settlement
                } else {
                    Intent::Region
                };
                let country = self.country_before(i - 2);
                self.cands[idx].cue_country = country;
            }
        }
        // Left: a possessive place right before ("Congo's South Kivu").
        if i >= 1 && self.t.toks[i - 1].possessive && self.sep(i) == Sep::Space {
            if let Some(country) = self.country_of_place_ending(i) {
                self.cands[idx].cue_country.get_or_insert(country);
            }
        }
        // Right: ", a/the [adj] [demonym] FEATURE"
        if end < n && self.sep(end) == Sep::Comma {
            let mut k = end;
            if matches!(self.key(k), "a" | "an" | "the") {
                k += 1;
                let mut demonym = None;
                let mut steps = 0;
                while k < n && steps < 4 && matches!(self.sep(k), Sep::Space | Sep::Hyphen) {
                    if let Some(s) = feature_of(self.key(k)) {
                        let c = &mut self.cands[idx];
                        c.feature_cue = true;
                        if c.intent == Intent::Any {
                            c.intent = if s {
                                Intent::Settlement
                            } else {
                                Intent::Region
                            };
                        }
                        if c.cue_country.is_none() {
                            c.cue_country = demonym;
                        }
                        break;
                    }
                    if let Some(ci) = self.g.country_by_demonym_hash(self.t.toks[k].hash) {
                        demonym = self.g.country_entry(&ci.alpha2).map(|(_, e)| e.country);
                    }
                    k += 1;
                    steps += 1;
                }
            } else if let Some(&p) = self.cand_at.get(&end) {
                // "Atlanta, Georgia": the next name after a comma.
                self.cands[idx].partner = Some(p);
                self.partner_of.entry(p).or_default().push(idx);
            }
        }
    }

    /// The country a demonym or a possessive place names in the few tokens
    /// before a feature word: "the Azerbaijani town", "Karabakh's main city".
    fn country_before(&self, feature: usize) -> Option<&'static str> {
        let mut k = feature;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            if let Some(ci) = self.g.country_by_demonym_hash(self.t.toks[k].hash) {
                return self.g.country_entry(&ci.alpha2).map(|(_, e)| e.country);
            }
            if self.t.toks[k].possessive {
                return self.country_of_place_ending(k + 1);
            }
            if !matches!(self.case(k), Case::Lower)
                || matches!(self.key(k), "the" | "a" | "an" | "of" | "in")
            {
                return None;
            }
        }
        None
    }

    /// Country of the most prominent entry of the candidate ending at token `end`.
    fn country_of_place_ending(&self, end: usize) -> Option<&'static str> {
        let c = &self.cands[*self
            .cand_end_at
            .get(&end)
            .or_else(|| self.cand_name_end_at.get(&end))?];
        self.ents(c.ekey)
            .iter()
            .map(|(_, e)| e)
            .max_by(|a, b| a.prominence().total_cmp(&b.prominence()))
            .map(|e| e.country)
    }

    fn resolve_all(&mut self) {
        // Countries named in the document, and those its demonyms imply.
        for k in 0..self.t.len() {
            if matches!(self.case(k), Case::Title | Case::Upper) || self.nocase[k] {
                if let Some(ci) = self.g.country_by_demonym_hash(self.t.toks[k].hash) {
                    if let Some((_, e)) = self.g.country_entry(&ci.alpha2) {
                        self.ctx.raise(e.country, 2.0);
                    }
                }
            }
        }
        for c in &self.cands {
            if c.rejected.is_none() {
                if let Some((_, e)) = self
                    .ents(c.ekey)
                    .iter()
                    .find(|(_, e)| e.origin == Origin::Country)
                {
                    self.ctx.raise(e.country, 3.0);
                }
            }
        }
        self.resolve_pass();
        // Second pass: the places resolved with confidence anchor the rest.
        let mut anchors = Vec::new();
        let mut strong = Vec::new();
        for c in &self.cands {
            let (Some((id, _)), true) = (c.best, c.accepted) else {
                continue;
            };
            let e = self.g.entry(id);
            if e.kind == PlaceKind::Country {
                continue;
            }
            if e.kind == PlaceKind::Region
                || e.prominence() >= 5.0
                || c.feature_cue
                || e.origin == Origin::Curated
            {
                anchors.push((e.lat, e.lon, c.hash));
                strong.push((e.country, c.hash));
            }
        }
        anchors.sort_by(|a, b| {
            (a.2, a.0.to_bits(), a.1.to_bits()).cmp(&(b.2, b.0.to_bits(), b.1.to_bits()))
        });
        anchors.dedup();
        self.ctx.anchors = anchors;
        self.ctx.strong = strong;
        self.resolve_pass();
    }

    fn resolve_pass(&mut self) {
        let mut groups: HashMap<(u64, u8), Vec<usize>> = HashMap::default();
        for (idx, c) in self.cands.iter().enumerate() {
            if c.rejected.is_none() {
                groups
                    .entry((c.ekey, c.intent as u8))
                    .or_default()
                    .push(idx);
            }
        }
        for members in groups.values() {
            let (best, accept) = self.resolve_group(members);
            for &m in members {
                self.cands[m].best = best;
                self.cands[m].accepted = accept;
            }
        }
    }

    /// Pick the entry a group of same-name occurrences denotes, and decide
    /// whether the evidence is enough to keep it.
    fn resolve_group(&self, members: &[usize]) -> (Option<(u32, f32)>, bool) {
        let first = &self.cands[members[0]];
        let intent = first.intent;
        let feature_cue = members.iter().any(|&m| self.cands[m].feature_cue);
        let cue_countries: Vec<&str> = members
            .iter()
            .filter_map(|&m| self.cands[m].cue_country)
            .collect();
        let partners: Vec<usize> = members
            .iter()
            .filter_map(|&m| self.cands[m].partner)
            .collect();
        let nocase = members.iter().all(|&m| self.nocase[self.cands[m].i]);
        let common = members.iter().all(|&m| self.cands[m].common);
        let ents = self.ents(first.ekey);
        let mut best: Option<(u32, f32, bool)> = None;
        for &(p, e) in ents {
            let mut s = e.prominence();
            if p.bare {
                let big_city = ents.iter().any(|(_, o)| {
                    o.kind == PlaceKind::City && o.country == e.country && o.population >= 10_000
                });
                s -= if big_city && intent != Intent::Region {
                    4.0
                } else {
                    0.5
                };
            }
            if p.alt && matches!(e.origin, Origin::GeoNames | Origin::Admin1) {
                s -= 1.0;
            }
            s += self.ctx.country_bonus(e.country, first.hash);
            match (intent, e.kind) {
                (Intent::Region, PlaceKind::Region) => s += 5.0,
                (Intent::Region, _) if e.kind != PlaceKind::Country => s -= 1.0,
                (Intent::Settlement, PlaceKind::City | PlaceKind::Other) => s += 3.0,
                (Intent::Settlement, PlaceKind::Region) => s -= 2.0,
                _ => {}
            }
            if cue_countries.contains(&e.country) {
                s += 6.0;
            }
            for &pi in &partners {
                if self.partner_contains(pi, &e) {
                    s += 5.0;
                }
            }
            // "Atlanta, Georgia" seen from Georgia's side.
            if self.is_partner_of_member(members, p.entry, &e) {
                s += 5.0;
            }
            if e.kind != PlaceKind::Country {
                if let Some(d) = self.ctx.nearest_km(e.lat, e.lon, first.hash) {
                    if d < 150.0 {
                        s += 2.0;
                    } else if d < 400.0 {
                        s += 1.0;
                    }
                }
            }
            let better = match best {
                None => true,
                Some((b, bs, _)) => {
                    s > bs || (s == bs && e.population > self.g.entry(b).population)
                }
            };
            if better {
                best = Some((p.entry, s, p.alt));
            }
        }
        let Some((id, score, alt)) = best else {
            return (None, false);
        };
        let e = self.g.entry(id);
        let bonus = self.ctx.country_bonus(e.country, first.hash);
        let cued = feature_cue
            || cue_countries.contains(&e.country)
            || partners.iter().any(|&pi| self.partner_contains(pi, &e));
        let near = e.kind != PlaceKind::Country
            && self
                .ctx
                .nearest_km(e.lat, e.lon, first.hash)
                .is_some_and(|d| d < 150.0);
        let supported = cued || bonus > 0.0 || near;
        // "in Salvatierra": a preposition before a mid-sized town.
        let locative = members.iter().any(|&m| self.cands[m].locative) && e.prominence() >= 4.0;
        // A town abroad in a text whose countries are known must be large
        // ("Fano" in a story about Ethiopia is a militia, not Italy's town).
        let foreign = !self.ctx.bonus.is_empty() && bonus == 0.0;
        let prominent = e.capital || e.prominence() >= if foreign { 5.5 } else { 4.7 };
        let accept = match e.origin {
            Origin::Country => true,
            _ if common => {
                cued || (bonus > 0.0 && e.prominence() >= 4.5) || (near && e.prominence() >= 4.0)
            }
            Origin::Admin1 | Origin::Curated => true,
            // An alternate name needs support unless it is a spelling of the
            // main one ("Daraa" for "Dar'a"; not "Stalin" for Donetsk).
            Origin::GeoNames if alt => {
                supported
                    || e.capital
                    || (similar_names(&self.surface(first.ni, first.j), e.name)
                        && (prominent || locative))
            }
            Origin::GeoNames if nocase => {
                prominent || cued || locative || (bonus >= 2.0 && e.prominence() >= 3.7) || near
            }
            Origin::GeoNames => prominent || supported || locative,
        };
        (Some((id, score)), accept)
    }

    /// Does the apposition partner (a candidate) contain entry `e`: same
    /// country for a country partner, same region for a region partner?
    fn partner_contains(&self, partner: usize, e: &Entry) -> bool {
        self.ents(self.cands[partner].ekey)
            .iter()
            .any(|(q, pe)| match pe.origin {
                Origin::Country => pe.country == e.country && e.origin != Origin::Country,
                Origin::Admin1 => e.admin1 == Some(q.entry),
                _ => false,
            })
    }

    /// Is some candidate followed by ", <member>" and lies inside entry `id`?
    fn is_partner_of_member(&self, members: &[usize], id: u32, e: &Entry) -> bool {
        if !matches!(e.origin, Origin::Country | Origin::Admin1) {
            return false;
        }
        members
            .iter()
            .filter_map(|m| self.partner_of.get(m))
            .flatten()
            .any(|&ci| {
                let c = &self.cands[ci];
                self.ents(c.ekey).iter().any(|(_, ce)| {
                    ce.origin != Origin::Country
                        && ce.country == e.country
                        && (e.origin == Origin::Country || ce.admin1 == Some(id))
                })
            })
    }

    /// Parse the entries of a name once per document.
    fn load_ents(&mut self, h: u64, ekey: u64, upper: bool) {
        if !self.ents.contains_key(&ekey) {
            let v: Vec<(Posting, Entry)> = self
                .g
                .postings_by_hash(h)
                .filter(|p| upper || !p.acronym)
                .map(|p| (p, self.g.entry(p.entry)))
                .collect();
            self.ents.insert(ekey, v);
        }
    }

    /// The entries a candidate's name denotes.
    fn ents(&self, h: u64) -> &[(Posting, Entry)] {
        self.ents.get(&h).map(Vec::as_slice).unwrap_or(&[])
    }

    /// "the village of X" where X is not in the gazetteer.
    fn unknown_places(&mut self) {
        let n = self.t.len();
        for k in 2..n {
            if self.key(k - 1) != "of"
                || self.case(k) != Case::Title
                || self.covered[k]
                || self.nocase[k]
            {
                continue;
            }
            let Some(true) = feature_of(self.key(k - 2)) else {
                continue;
            };
            if self.case(k - 2) != Case::Lower
                || self.is_demonym(k)
                || self.surnames.contains(&self.t.toks[k].hash)
            {
                continue;
            }
            let mut j = k + 1;
            while j < n
                && j - k < 3
                && matches!(self.sep(j), Sep::Space | Sep::Hyphen)
                && self.case(j) == Case::Title
                && !self.covered[j]
            {
                j += 1;
            }
            if j < n && self.sep(j) == Sep::Space && self.case(j) == Case::Title {
                continue; // runs on into a longer name
            }
            if j - k == 1 && self.is_common(k) {
                continue;
            }
            let country = self
                .country_before(k - 2)
                .or_else(|| self.context_country_near(k));
            if let Some(cc) = country {
                self.unknown.push((k, j, cc));
            }
        }
    }

    /// The country of the nearest kept place before token `k` in the same
    /// line, else the document's most mentioned country.
    fn context_country_near(&self, k: usize) -> Option<&'static str> {
        let mut counts: HashMap<&'static str, usize> = HashMap::default();
        let mut nearest: Option<(usize, &'static str)> = None;
        for c in &self.cands {
            let (Some((id, _)), true) = (c.best, c.accepted) else {
                continue;
            };
            let e = self.g.entry(id);
            *counts.entry(e.country).or_default() +=
                if e.kind == PlaceKind::Country { 1 } else { 2 };
            if c.end <= k
                && e.kind != PlaceKind::Country
                && (0..k)
                    .rev()
                    .take_while(|&x| x >= c.end)
                    .all(|x| !matches!(self.sep(x + 1), Sep::Blank | Sep::Newline))
            {
                nearest = Some((c.end, e.country));
            }
        }
        nearest.map(|n| n.1).or_else(|| {
            counts
                .into_iter()
                .max_by_key(|&(cc, v)| (v, std::cmp::Reverse(cc)))
                .map(|(cc, _)| cc)
        })
    }

    fn surface(&self, a: usize, b: usize) -> String {
        let raw = &self.text[self.t.toks[a].start..self.t.toks[b - 1].end];
        let mut s = String::with_capacity(raw.len());
        let mut space = false;
        for ch in raw.chars() {
            if ch == '\n' || ch == '\r' {
                continue;
            }
            if ch.is_whitespace() {
                space = true;
                continue;
            }
            if space && !s.is_empty() && !s.ends_with('-') {
                s.push(' ');
            }
            space = false;
            s.push(ch);
        }
        s
    }

    fn into_places(self) -> Vec<Place> {
        struct Acc {
            entry: Option<u32>,
            place: Place,
            first: usize,
            /// Name keys of its mentions.
            hashes: Vec<u64>,
        }
        let mut out: Vec<Acc> = Vec::new();
        let mut by_entry: HashMap<u32, usize> = HashMap::default();
        for c in &self.cands {
            let (Some((id, _)), true, None) = (c.best, c.accepted, c.rejected) else {
                continue;
            };
            let e = self.g.entry(id);
            let span = Span::new(self.t.toks[c.i].start, self.t.toks[c.end - 1].end);
            if let Some(&k) = by_entry.get(&id) {
                out[k].place.mentions.push(span);
                if !out[k].hashes.contains(&c.hash) {
                    out[k].hashes.push(c.hash);
                }
                continue;
            }
            let name = match e.origin {
                Origin::Country | Origin::Curated => e.name.to_string(),
                Origin::Admin1 => {
                    let suffix = if c.end > c.j {
                        self.surface(c.j, c.end)
                    } else {
                        String::new()
                    };
                    if suffix.is_empty() {
                        e.name.to_string()
                    } else {
                        format!(
                            "{} {}",
                            e.name,
                            title_case(&singular(&suffix.to_lowercase()))
                        )
                    }
                }
                Origin::GeoNames => {
                    let surface = strip_article(&self.surface(c.i, c.j));
                    // "KHARTOUM -": the gazetteer's spelling, not the shout.
                    if surface.chars().any(char::is_lowercase) {
                        surface
                    } else {
                        e.name.to_string()
                    }
                }
            };
            by_entry.insert(id, out.len());
            out.push(Acc {
                entry: Some(id),
                place: Place {
                    name,
                    country: e.country.to_string(),
                    kind: e.kind,
                    lat: Some(round4(e.lat)),
                    lon: Some(round4(e.lon)),
                    mentions: vec![span],
                },
                first: span.start,
                hashes: vec![c.hash],
            });
        }
        for &(a, b, cc) in &self.unknown {
            let span = Span::new(self.t.toks[a].start, self.t.toks[b - 1].end);
            let name = self.surface(a, b);
            if let Some(acc) = out.iter_mut().find(|x| {
                x.entry.is_none()
                    && key_hash(&crate::gazetteer::normalize(&x.place.name))
                        == key_hash(&crate::gazetteer::normalize(&name))
            }) {
                acc.place.mentions.push(span);
                continue;
            }
            out.push(Acc {
                entry: None,
                place: Place {
                    name,
                    country: cc.to_string(),
                    kind: PlaceKind::City,
                    lat: None,
                    lon: None,
                    mentions: vec![span],
                },
                first: span.start,
                hashes: Vec::new(),
            });
        }
        // The same place under two entries (GeoNames' and the reviewed
        // list's): close together, and one's name also denotes the other.
        let denotes = |hashes: &[u64], id: Option<u32>| {
            id.is_some_and(|id| {
                hashes
                    .iter()
                    .any(|&h| self.g.postings_by_hash(h).any(|p| p.entry == id))
            })
        };
        let mut merged: Vec<Acc> = Vec::new();
        'outer: for acc in out {
            for m in merged.iter_mut() {
                let same = m.place.country == acc.place.country
                    && (denotes(&acc.hashes, m.entry) || denotes(&m.hashes, acc.entry))
                    && m.place.kind == acc.place.kind
                    && acc.place.kind != PlaceKind::Country
                    && match (m.place.lat, m.place.lon, acc.place.lat, acc.place.lon) {
                        (Some(a), Some(b), Some(c), Some(d)) => {
                            haversine_km(a as f32, b as f32, c as f32, d as f32) < 8.0
                        }
                        _ => false,
                    };
                if same {
                    let keep_new_name = acc
                        .entry
                        .is_some_and(|id| self.g.entry(id).origin == Origin::Curated);
                    if keep_new_name {
                        m.place.name = acc.place.name.clone();
                    }
                    m.place.mentions.extend(acc.place.mentions);
                    m.hashes.extend(acc.hashes);
                    m.first = m.first.min(acc.first);
                    continue 'outer;
                }
            }
            merged.push(acc);
        }
        merged.sort_by_key(|a| a.first);
        if merged.is_empty() {
            return self.demonym_countries();
        }
        merged
            .into_iter()
            .map(|mut a| {
                a.place.mentions.sort();
                a.place
            })
            .collect()
    }

    /// A text that names no place at all but says "Afghan", "Syrians" or
    /// "Turkish" (typically a headline) is about that country: its
    /// countries, each with the demonyms as mentions. Demonyms are not
    /// places in a text that names places.
    fn demonym_countries(&self) -> Vec<Place> {
        let mut out: Vec<Place> = Vec::new();
        for (k, tk) in self.t.toks.iter().enumerate() {
            if !(matches!(tk.case, Case::Title | Case::Upper) || self.nocase[k]) {
                continue;
            }
            let Some(ci) = self.g.country_by_demonym_hash(tk.hash) else {
                continue;
            };
            let Some((_, e)) = self.g.country_entry(&ci.alpha2) else {
                continue;
            };
            let span = Span::new(tk.start, tk.end);
            match out.iter_mut().find(|p| p.country == e.country) {
                Some(p) => p.mentions.push(span),
                None => out.push(Place {
                    name: e.name.to_string(),
                    country: e.country.to_string(),
                    kind: PlaceKind::Country,
                    lat: Some(round4(e.lat)),
                    lon: Some(round4(e.lon)),
                    mentions: vec![span],
                }),
            }
        }
        out
    }
}

/// Two spellings of one name: same start, or most letter pairs shared
/// ("Daraa" / "Dar'a", "Raqqah" / "Ar Raqqah"; not "Stalin" / "Donetsk").
fn similar_names(a: &str, b: &str) -> bool {
    let (a, b) = (
        crate::gazetteer::normalize(a),
        crate::gazetteer::normalize(b),
    );
    let strip = |s: &str| -> String {
        let s = [
            "al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ",
        ]
        .iter()
        .find_map(|art| s.strip_prefix(art))
        .unwrap_or(s);
        s.replace(' ', "")
    };
    let (a, b) = (strip(&a), strip(&b));
    if a.len() < 3 || b.len() < 3 {
        return a == b;
    }
    if a.as_bytes()[..3] == b.as_bytes()[..3] {
        return true;
    }
    let pairs =
        |s: &str| -> Vec<(u8, u8)> { s.as_bytes().windows(2).map(|w| (w[0], w[1])).collect() };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let shared = pa.iter().filter(|p| pb.contains(p)).count();
    2 * shared * 10 >= 6 * (pa.len() + pb.len())
}

fn is_article(key: &str) -> bool {
    matches!(
        key,
        "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an"
    )
}

fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn strip_article(s: &str) -> String {
    for a in ["the ", "The "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest.to_string();
        }
    }
    s.to_string()
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f32, lon1: f32, lat2: f32, lon2: f32) -> f32 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}
