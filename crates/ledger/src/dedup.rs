//! Wire copies: MinHash signatures over word 3-shingles, with LSH banding
//! so a new document is compared only with likely copies.
//!
//! The same agency story in two outlets, lightly edited (a changed
//! headline, a dropped or added paragraph, a few words) keeps most of its
//! word 3-shingles, so its estimated Jaccard similarity stays high, while
//! two different stories on the same topic share few.

/// Hash functions in a signature.
pub const HASHES: usize = 64;
/// LSH bands; `HASHES / BANDS` rows each.
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Estimated Jaccard similarity from which two documents are wire copies.
pub const COPY_THRESHOLD: f64 = 0.5;
/// Documents with fewer shingles are too short to tell copies apart.
const MIN_SHINGLES: usize = 12;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the word 3-shingles of a text (case- and punctuation-blind).
fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut out: Vec<u64> = words
        .windows(3)
        .map(|w| {
            let mut h = FNV_OFFSET;
            for word in w {
                h = fnv1a(word.as_bytes(), h);
                h = fnv1a(b" ", h);
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a text, or None when it is too short.
pub fn signature(text: &str) -> Option<Signature> {
    let sh = shingles(text);
    if sh.len() < MIN_SHINGLES {
        return None;
    }
    let mut mins = [u64::MAX; HASHES];
    for &s in &sh {
        for (i, m) in mins.iter_mut().enumerate() {
            let h = splitmix(s ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
            if h < *m {
                *m = h;
            }
        }
    }
    let mut sig = [0u32; HASHES];
    for (s, m) in sig.iter_mut().zip(mins) {
        *s = (m >> 32) as u32;
    }
    Some(Signature(sig))
}

impl Signature {
    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// LSH bucket keys, one per band.
    pub fn buckets(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = fnv1a(&(band as u64).to_le_bytes(), FNV_OFFSET);
                for r in rows {
                    h = fnv1a(&r.to_le_bytes(), h);
                }
                h as i64
            })
            .collect()
    }

    /// Little-endian bytes, as stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Read stored bytes back; None when they are not a signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut sig = [0u32; HASHES];
        for (s, chunk) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
            *s = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(sig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Armenia's defence ministry said Azerbaijani forces shelled the \
        village of Martuni on Monday, hours after a ceasefire brokered in Moscow took effect. \
        Azerbaijan's defence ministry dismissed the claim as nonsense and said Armenian units \
        had fired on its positions near the town of Terter. Two civilians were wounded, \
        local officials said. Russia's foreign minister urged both sides to respect the truce \
        agreed after ten hours of talks.";

    #[test]
    fn a_lightly_edited_copy_is_similar() {
        let copy = STORY
            .replace("dismissed the claim as nonsense", "rejected the claim")
            .replace("Two civilians", "Two local civilians")
            + " The truce has been violated repeatedly since.";
        let a = signature(STORY).unwrap();
        let b = signature(&copy).unwrap();
        assert!(a.similarity(&b) >= COPY_THRESHOLD, "{}", a.similarity(&b));
        assert!(a.buckets().iter().zip(b.buckets()).any(|(x, y)| *x == y));
    }

    #[test]
    fn a_different_story_on_the_same_topic_is_not() {
        let other = "Azerbaijan said Armenian forces attacked its positions in the \
            Aghdam district overnight, and that it had responded. Armenia's defence ministry \
            denied the report. The foreign ministers of both countries are due to meet in \
            Geneva next week, officials said, while Russia called for restraint.";
        let a = signature(STORY).unwrap();
        let b = signature(other).unwrap();
        assert!(a.similarity(&b) < COPY_THRESHOLD, "{}", a.similarity(&b));
    }

    #[test]
    fn signatures_round_trip_and_short_texts_have_none() {
        let a = signature(STORY).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert!(signature("Too short to judge.").is_none());
        assert!(Signature::from_bytes(&[1, 2, 3]).is_none());
    }
}
