//! Word lists the place rules consult (all lower case, as keys).

use crate::gazetteer::key_hash;

/// Feature words after which "of X" names a place: "the town of Hadrut".
/// The flag tells whether the feature is a settlement (true) or an area.
#[rustfmt::skip]
pub const FEATURE_OF: &[(&str, bool)] = &[
    ("town", true), ("towns", true), ("village", true), ("villages", true), ("city", true), ("cities", true),
    ("settlement", true), ("hamlet", true), ("exclave", true), ("enclave", true), ("port", true),
    ("capital", true), ("suburb", true), ("outskirts", true), ("kibbutz", true), ("camp", true),
    ("commune", true), ("locality", true), ("neighbourhood", true), ("neighborhood", true),
    ("stronghold", true), ("hub", true), ("district", false), ("region", false), ("province", false),
    ("oblast", false), ("governorate", false), ("township", false), ("municipality", false),
    ("department", false), ("state", false), ("county", false), ("prefecture", false), ("area", false),
    ("island", false), ("territory", false),
];

/// Type words that, after a name, make it a region: "the Donetsk region".
#[rustfmt::skip]
pub const REGION_SUFFIX: &[&str] = &[
    "region", "province", "oblast", "governorate", "district", "prefecture", "department", "county",
    "territory", "rayon", "raion", "township", "municipality", "division", "state", "emirate", "canton",
    "krai", "republic", "area",
];

/// Type words tried, in order, when a name with a type word is not itself
/// in the gazetteer ("the Batken area" → "Batken Region").
#[rustfmt::skip]
pub const CANONICAL_REGION_WORDS: &[&str] = &[
    "region", "province", "oblast", "district", "state", "governorate", "township", "department", "county",
];

/// Their plurals: "the Donetsk and Luhansk regions".
#[rustfmt::skip]
pub const REGION_SUFFIX_PLURAL: &[&str] = &[
    "regions", "provinces", "oblasts", "governorates", "districts", "prefectures", "departments", "counties",
    "territories", "rayons", "townships", "municipalities", "divisions", "states",
];

/// Words after a name that make it a settlement: "Daraa city", "Kabul City".
pub const CITY_SUFFIX: &[&str] = &["city", "town", "village", "camp", "refugee"];

/// Words after which the name is part of a format, treaty or time zone,
/// whatever their case: "Minsk Group", "Normandy format", "Moscow time".
#[rustfmt::skip]
pub const ORG_AFTER_ANY: &[&str] = &[
    "group", "format", "process", "agreement", "agreements", "accord", "accords", "protocol", "protocols",
    "declaration", "memorandum", "formula", "time", "consensus", "doctrine", "roadmap", "syndrome",
    "standard", "communique", "initiative", "platform",
];

/// Capitalised words after which the name is part of an organisation,
/// outlet or building ("Moscow Times", "Kabul Bank"); lower case they are
/// ordinary nouns ("a Frankfurt bank" is in Frankfurt).
#[rustfmt::skip]
pub const ORG_AFTER: &[&str] = &[
    "times", "post", "herald", "tribune", "gazette", "observer", "journal", "daily", "university", "club",
    "fc", "airlines", "airways", "stock", "institute", "treaty", "pact", "convention", "conventions",
    "insider", "independent", "monitor", "dispatch", "express", "mail", "telegraph", "chronicle", "review",
    "plan", "league", "bank", "company", "corporation", "campaign", "fund", "society", "association",
    "party", "movement", "front", "alliance", "brigade", "brigades", "battalion", "council", "committee",
    "commission", "school", "college", "hospital", "foundation", "federation", "union", "cup", "open",
    "marathon", "derby", "prix", "museum", "zoo", "theatre", "theater", "cathedral", "mosque", "church",
    "stadium", "arena", "palace", "street", "avenue", "road", "highway", "bridge", "square", "gate",
    "tower", "towers", "mall", "market",
];

/// Religious and ethnic adjectives that may follow a place name without
/// making it part of a longer name ("Baghdad Shi'ite districts").
#[rustfmt::skip]
pub const GROUP_ADJECTIVES: &[&str] = &[
    "shiite", "shia", "sunni", "christian", "christians", "muslim", "muslims", "catholic", "catholics",
    "protestant", "protestants", "jewish", "arab", "arabs", "kurdish", "kurds", "alawite", "druze", "yazidi",
    "hindu", "hindus", "buddhist", "islamist", "islamists", "tamil", "tutsi", "hutu", "rohingya", "pashtun",
    "baloch", "uighur", "uyghur", "maronite", "orthodox", "coptic", "copts",
];

/// Nouns that may follow a place in a headline without making it part of a
/// longer name ("Kachin Refugees Flee", "Kabul Attack Kills 12").
#[rustfmt::skip]
pub const HEADLINE_NOUNS: &[&str] = &[
    "refugees", "residents", "villagers", "civilians", "militants", "rebels", "fighters", "officials",
    "soldiers", "troops", "police", "protesters", "students", "workers", "farmers", "authorities",
    "clashes", "violence", "attack", "attacks", "blast", "blasts", "bombing", "bombings", "strike",
    "strikes", "shelling", "fighting", "offensive", "raid", "raids", "ambush", "massacre", "explosion",
    "explosions", "riots", "protests", "unrest", "crisis", "war", "conflict", "ceasefire", "truce",
    "border", "frontline", "siege", "toll", "deaths", "dead", "killings", "victims", "hostages",
    "prisoners", "convoy", "checkpoint", "outskirts", "countryside", "ruling",
];

/// Particles inside personal names: "Erik ten Hag", "Ursula von der Leyen".
pub const NAME_PARTICLES: &[&str] = &[
    "van", "von", "ten", "ter", "der", "den", "de", "del", "della", "da", "di", "dos", "bin",
    "ibn", "le", "la",
];

/// Organisation heads that own a following "of X": "University of Nairobi".
#[rustfmt::skip]
pub const ORG_OF: &[&str] = &[
    "university", "bank", "institute", "college", "organization", "organisation", "council", "commission",
    "committee", "federation", "association", "union", "league", "church", "agency", "foundation", "society",
    "museum", "academy", "school", "court", "patriarch", "archbishop", "order", "friends",
];

/// Government words after a name that keep it a place ("Gaza Health Ministry").
#[rustfmt::skip]
pub const GOV_AFTER: &[&str] = &[
    "government", "ministry", "health", "foreign", "defence", "defense", "interior", "president",
    "presidential", "prime", "embassy", "parliament", "cabinet", "authority", "authorities", "governor",
    "mayor", "police", "officials",
];

/// Armed-force words after a country name that keep it a place ("Burma Army").
#[rustfmt::skip]
pub const ARMED_AFTER: &[&str] = &[
    "army", "forces", "military", "navy", "air", "border", "troops", "national",
];

/// Directions that may precede a name without making it something else.
#[rustfmt::skip]
pub const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
    "lower", "greater", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
    "north-western", "south-eastern", "south-western", "northeast", "northwest", "southeast", "southwest",
    "inner", "outer", "occupied", "rural", "downtown", "coastal", "mid", "n", "s", "e", "w", "nw", "ne", "sw", "se",
];

/// Titles and honorifics: a capitalised word after them is a person.
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "general", "lt", "col", "colonel", "maj", "major", "capt",
    "captain", "sgt", "president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
    "sheikh", "emir", "imam", "pope", "cardinal", "bishop", "rabbi", "father", "sister", "brother", "senator",
    "sen", "rep", "governor", "mayor", "commander", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "ambassador", "envoy", "judge", "justice", "lord", "lady", "sir", "dame", "saint", "st", "marshal",
    "admiral", "brigadier", "lieutenant", "sergeant", "chief", "director", "leader", "deputy", "ayatollah",
    "mullah", "haji",
];

/// Calendar words that GeoNames also has as villages.
#[rustfmt::skip]
pub const CALENDAR: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "easter",
    "christmas", "ramadan", "eid",
];

/// Function words that never start a name and, title-cased in a headline,
/// do not count as capitalised.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from", "as",
    "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "after",
    "before", "over", "into", "near", "amid", "says", "said", "say", "not", "no", "up", "out", "off", "his",
    "her", "their", "he", "she", "they", "we", "has", "have", "had", "will", "would", "than", "more", "less",
    "two", "three", "s", "vs", "via", "per", "about", "against", "under", "since", "during", "while",
    "who", "what", "when",
];

/// Prepositions that put a following name in a place role ("in Salvatierra").
#[rustfmt::skip]
pub const LOCATIVE: &[&str] = &[
    "in", "near", "outside", "inside", "around", "at", "into", "towards", "toward", "across", "from", "on",
    "throughout", "between",
];

/// A word list as sorted key hashes, computed at compile time: whether a
/// token is in it is a binary search on the hash the token already
/// carries, not a string comparison per entry.
pub struct HashedWords<const N: usize>([u64; N]);

impl<const N: usize> HashedWords<N> {
    /// Hash and sort `words` (normalised keys); `N` is `words.len()`.
    pub const fn new(words: &[&str]) -> Self {
        assert!(words.len() == N);
        let mut h = [0u64; N];
        let mut i = 0;
        while i < N {
            h[i] = key_hash(words[i]);
            i += 1;
        }
        let mut i = 1;
        while i < N {
            let mut j = i;
            while j > 0 && h[j - 1] > h[j] {
                let t = h[j];
                h[j] = h[j - 1];
                h[j - 1] = t;
                j -= 1;
            }
            i += 1;
        }
        HashedWords(h)
    }

    /// True when a key with this hash is in the list.
    pub fn contains(&self, hash: u64) -> bool {
        self.0.binary_search(&hash).is_ok()
    }
}

/// [`STOPWORDS`], hashed.
pub static STOPWORD_HASHES: HashedWords<{ STOPWORDS.len() }> = HashedWords::new(STOPWORDS);
/// [`CALENDAR`], hashed.
pub static CALENDAR_HASHES: HashedWords<{ CALENDAR.len() }> = HashedWords::new(CALENDAR);
/// [`REGION_SUFFIX`] and [`CITY_SUFFIX`], hashed.
pub static TYPE_WORD_HASHES: HashedWords<{ REGION_SUFFIX.len() + CITY_SUFFIX.len() }> =
    HashedWords::new(
        &concat_lists::<{ REGION_SUFFIX.len() + CITY_SUFFIX.len() }>(REGION_SUFFIX, CITY_SUFFIX),
    );

const fn concat_lists<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

/// True when `key` is in `list`.
pub fn is_in(list: &[&str], key: &str) -> bool {
    // Compare the length and first byte before the bytes: these lists are
    // checked for nearly every token, and most entries differ right there.
    let first = key.as_bytes().first();
    list.iter()
        .any(|w| w.len() == key.len() && w.as_bytes().first() == first && *w == key)
}

/// The settlement flag of a feature word, if it is one.
pub fn feature_of(key: &str) -> Option<bool> {
    FEATURE_OF.iter().find(|(w, _)| *w == key).map(|&(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::normalize;

    #[test]
    fn hashed_lists_hold_exactly_their_words() {
        for list in [STOPWORDS, CALENDAR, REGION_SUFFIX, CITY_SUFFIX] {
            for w in list {
                // The lists are keys already, so a token's key hash finds them.
                assert_eq!(normalize(w), *w);
            }
        }
        for w in STOPWORDS {
            assert!(STOPWORD_HASHES.contains(key_hash(w)), "{w}");
        }
        for w in REGION_SUFFIX.iter().chain(CITY_SUFFIX) {
            assert!(TYPE_WORD_HASHES.contains(key_hash(w)), "{w}");
        }
        assert!(CALENDAR_HASHES.contains(key_hash("tuesday")));
        assert!(!STOPWORD_HASHES.contains(key_hash("donetsk")));
        assert!(!TYPE_WORD_HASHES.contains(key_hash("the")));
    }
}
