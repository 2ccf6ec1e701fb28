//! Name keys: the one normalisation shared by the index and the matcher, so
//! that "Mar'yinka", "MARYINKA" and "Mar’yinka" meet, and a fast 64-bit hash
//! of such keys (the index stores hashes, not strings, to load quickly).

use std::hash::{BuildHasherDefault, Hasher};
use unicode_normalization::char::decompose_canonical;

/// Append the key form of `s` to `out`: accents removed, lower case,
/// apostrophes dropped, any other non-alphanumeric run turned into one space.
pub fn normalize_into(s: &str, out: &mut String) {
    // Most words of English text are plain ASCII letters and digits.
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(l) = fold_basic_cyrillic(c) {
            out.push(l);
        } else if is_apostrophe(c) {
            // "Mar'yinka" = "Maryinka"
        } else if c.is_ascii() || c.is_whitespace() || !crate::chars::is_alphanumeric(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            fold_char(c, out);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

/// The key form of `s` (see [`normalize_into`]).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// True for the apostrophe-like marks that transliterations carry.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BF}'
            | '\u{02BE}'
            | '`'
            | '\u{00B4}'
    )
}

/// Fold one non-ASCII letter: letters without a decomposition first
/// (ə, ı, ł, ø, ß...), then canonical decomposition minus combining marks.
/// Basic Cyrillic letters have no decomposition (but й/Й): they fold to
/// their lower case without the table lookups, and they are most of the
/// non-Latin text the matcher sees.
#[inline]
fn fold_basic_cyrillic(c: char) -> Option<char> {
    match c as u32 {
        0x430..=0x438 | 0x43A..=0x44F => Some(c),
        u @ (0x410..=0x418 | 0x41A..=0x42F) => char::from_u32(u + 0x20),
        _ => None,
    }
}

fn fold_char(c: char, out: &mut String) {
    let special = match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ə' | 'Ə' | 'ǝ' | 'Ǝ' => "e",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        'ŀ' | 'Ŀ' => "l",
        'ŋ' | 'Ŋ' => "n",
        'ĸ' => "k",
        'ƒ' => "f",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    let mut pushed = false;
    decompose_canonical(c, |d| {
        if d.is_ascii_alphanumeric() {
            out.push(d.to_ascii_lowercase());
            pushed = true;
        } else if !is_combining(d) {
            for l in d.to_lowercase() {
                out.push(l);
            }
            pushed = true;
        }
    });
    if !pushed {
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Streaming FNV-1a over key bytes; [`KeyHash::finish`] mixes the state so
/// the index can use the hash directly as its table hash.
#[derive(Clone, Copy)]
pub struct KeyHash(u64);

impl KeyHash {
    /// A fresh hash.
    pub const fn new() -> Self {
        KeyHash(0xcbf2_9ce4_8422_2325)
    }

    /// Feed bytes.
    pub const fn write(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            self.step(bytes[i]);
            i += 1;
        }
    }

    /// Feed one byte.
    #[inline(always)]
    pub const fn step(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }

    /// The finished, avalanched hash (murmur3 fmix64).
    pub const fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        h
    }
}

impl Default for KeyHash {
    fn default() -> Self {
        Self::new()
    }
}

/// Hash of an already normalised key.
pub const fn key_hash(key: &str) -> u64 {
    let mut h = KeyHash::new();
    h.write(key.as_bytes());
    h.finish()
}

/// `key_hash(&normalize(name))`, without building the key for plain ASCII words.
pub fn name_hash(name: &str) -> u64 {
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut h = KeyHash::new();
        for b in name.bytes() {
            h.step(b.to_ascii_lowercase());
        }
        h.finish()
    } else {
        key_hash(&normalize(name))
    }
}

/// A `Hasher` for keys that are already good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed with this hasher; fold anything else.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `BuildHasher` for maps keyed by [`key_hash`] values.
pub type Prehashed = BuildHasherDefault<PrehashedHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_hash_equals_the_hash_of_the_key() {
        for name in [
            "Azerbaijani",
            "KYIV",
            "Mar'yinka",
            "Bogotá",
            "Nagorno-Karabakh",
            "T-72",
            "",
        ] {
            assert_eq!(name_hash(name), key_hash(&normalize(name)), "{name}");
        }
    }

    #[test]
    fn folds_accents_apostrophes_and_punctuation() {
        assert_eq!(normalize("Mar'yinka"), "maryinka");
        assert_eq!(normalize("Mar’yinka"), "maryinka");
        assert_eq!(normalize("Nagorno-Karabakh"), "nagorno karabakh");
        assert_eq!(normalize("Bogotá"), "bogota");
        assert_eq!(normalize("Xankəndi"), "xankendi");
        assert_eq!(normalize("Новая Каховка"), "новая каховка");
        assert_eq!(normalize("ЙОШКАР-ОЛА"), "иошкар ола");
        assert_eq!(normalize("Jabālyā"), "jabalya");
        assert_eq!(normalize("Ḩarastā"), "harasta");
        assert_eq!(normalize("Düsseldorf"), "dusseldorf");
        assert_eq!(normalize("U.S."), "u s");
        assert_eq!(normalize("  Al-Hudaydah  "), "al hudaydah");
        assert_eq!(normalize("Łódź"), "lodz");
    }

    #[test]
    fn streaming_hash_equals_whole_hash() {
        let mut h = KeyHash::new();
        h.write(b"tel");
        h.write(b" ");
        h.write(b"aviv");
        assert_eq!(h.finish(), key_hash("tel aviv"));
        assert_ne!(key_hash("tel aviv"), key_hash("telaviv"));
    }
}
