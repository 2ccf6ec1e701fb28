//! Map from byte offsets in cleaned text back to byte offsets in raw input.

/// One stretch of cleaned text and where it came from in the raw input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    clean_start: usize,
    raw_start: usize,
    len: usize,
    /// Copied byte for byte (offsets inside map 1:1), or synthetic text
    /// (a joining space, a decoded entity) anchored at `raw_start`.
    verbatim: bool,
}

/// Maps byte offsets in a document's cleaned text to byte offsets in the
/// raw input, so every span can be shown in the original file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    clean_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut map = OffsetMap::default();
        if len > 0 {
            map.segments.push(Segment {
                clean_start: 0,
                raw_start: 0,
                len,
                verbatim: true,
            });
        }
        map.clean_len = len;
        map
    }

    /// Raw byte offset of the cleaned byte offset `clean`.
    ///
    /// Offsets inside verbatim stretches map exactly; offsets inside
    /// synthetic text map to the raw position it stands for; the end of the
    /// text maps to one past the last mapped raw byte.
    pub fn to_raw(&self, clean: usize) -> usize {
        self.to_raw_from(clean, &mut 0)
    }

    /// Index of the first segment starting after `pos`, searched forward
    /// from `hint` (then updated): composing maps walks both in order, and
    /// a binary search per segment made that the cost of cleaning JSONL.
    fn locate(&self, pos: usize, hint: &mut usize) -> usize {
        let segs = &self.segments;
        let mut idx = *hint;
        if idx > segs.len() || (idx > 0 && segs[idx - 1].clean_start > pos) {
            idx = segs.partition_point(|s| s.clean_start <= pos);
        } else {
            let mut steps = 0;
            while idx < segs.len() && segs[idx].clean_start <= pos {
                idx += 1;
                steps += 1;
                if steps == 8 {
                    idx += segs[idx..].partition_point(|s| s.clean_start <= pos);
                    break;
                }
            }
        }
        *hint = idx;
        idx
    }

    /// [`OffsetMap::to_raw`] with a search hint (see [`OffsetMap::locate`]).
    fn to_raw_from(&self, clean: usize, hint: &mut usize) -> usize {
        if self.segments.is_empty() {
            return clean;
        }
        let idx = self.locate(clean, hint);
        let seg = if idx == 0 {
            self.segments[0]
        } else {
            self.segments[idx - 1]
        };
        let delta = clean.saturating_sub(seg.clean_start);
        if seg.verbatim {
            seg.raw_start + delta.min(seg.len)
        } else if delta >= seg.len {
            seg.raw_start + 1
        } else {
            seg.raw_start
        }
    }

    /// Raw byte range of a cleaned range.
    pub fn span_to_raw(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_raw(start);
        let e = if end > start {
            self.to_raw(end - 1) + 1
        } else {
            s
        };
        (s, e.max(s))
    }

    /// Compose with the map of an earlier stage: `self` maps clean → mid,
    /// `earlier` maps mid → raw; the result maps clean → raw.
    pub fn then(&self, earlier: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap {
            segments: Vec::with_capacity(self.segments.len()),
            clean_len: self.clean_len,
        };
        let mut hint = 0;
        for seg in &self.segments {
            if !seg.verbatim {
                out.segments.push(Segment {
                    raw_start: earlier.to_raw_from(seg.raw_start, &mut hint),
                    ..*seg
                });
                continue;
            }
            // Split the verbatim stretch where the earlier map's segments break.
            let mut done = 0;
            while done < seg.len {
                let mid = seg.raw_start + done;
                let (run, verbatim) = earlier.run_at(mid, &mut hint);
                let take = run.min(seg.len - done).max(1);
                out.segments.push(Segment {
                    clean_start: seg.clean_start + done,
                    raw_start: earlier.to_raw_from(mid, &mut hint),
                    len: take,
                    verbatim,
                });
                done += take;
            }
        }
        out
    }

    /// How many bytes from `pos` stay inside one segment, and whether it is verbatim.
    fn run_at(&self, pos: usize, hint: &mut usize) -> (usize, bool) {
        if self.segments.is_empty() {
            return (usize::MAX, true);
        }
        let idx = self.locate(pos, hint);
        if idx == 0 {
            return (
                self.segments[0].clean_start.saturating_sub(pos).max(1),
                true,
            );
        }
        let seg = self.segments[idx - 1];
        let end = seg.clean_start + seg.len;
        if pos < end {
            (end - pos, seg.verbatim)
        } else {
            (1, false)
        }
    }

    /// Length of the cleaned text the map covers.
    pub fn clean_len(&self) -> usize {
        self.clean_len
    }
}

/// Builds cleaned text and its [`OffsetMap`] together, piece by piece.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        TextBuilder::default()
    }

    /// An empty builder with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        TextBuilder {
            text: String::with_capacity(cap),
            map: OffsetMap::default(),
        }
    }

    /// Append `s`, which is a verbatim copy of raw bytes starting at `raw_start`.
    pub fn push_raw(&mut self, s: &str, raw_start: usize) {
        if s.is_empty() {
            return;
        }
        let clean_start = self.text.len();
        if let Some(last) = self.map.segments.last_mut() {
            if last.verbatim
                && last.clean_start + last.len == clean_start
                && last.raw_start + last.len == raw_start
            {
                last.len += s.len();
                self.text.push_str(s);
                self.map.clean_len = self.text.len();
                return;
            }
        }
        self.map.segments.push(Segment {
            clean_start,
            raw_start,
            len: s.len(),
            verbatim: true,
        });
        self.text.push_str(s);
        self.map.clean_len = self.text.len();
    }

    /// Append synthetic text (a joining space, a decoded entity) that stands
    /// for the raw input at `raw_pos`.
    pub fn push_synthetic(&mut self, s: &str, raw_pos: usize) {
        if s.is_empty() {
            return;
        }
        let clean_start = self.text.len();
        self.map.segments.push(Segment {
            clean_start,
            raw_start: raw_pos,
            len: s.len(),
            verbatim: false,
        });
        self.text.push_str(s);
        self.map.clean_len = self.text.len();
    }

    /// The text built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Bytes built so far.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when nothing was appended.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Remove trailing whitespace (and its map entries).
    pub fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.truncate(keep);
    }

    /// Cut the text back to `len` bytes (must be a char boundary).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() || !self.text.is_char_boundary(len) {
            return;
        }
        self.text.truncate(len);
        while let Some(last) = self.map.segments.last_mut() {
            if last.clean_start >= len {
                self.map.segments.pop();
            } else {
                last.len = last.len.min(len - last.clean_start);
                break;
            }
        }
        self.map.clean_len = len;
    }

    /// The finished text and its map.
    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_and_synthetic_pieces_map_back() {
        let raw = "cease-\nfire now\n\nnext";
        let mut b = TextBuilder::new();
        b.push_raw("cease", 0);
        b.push_raw("fire now", 7);
        b.push_synthetic("\n\n", 15);
        b.push_raw("next", 17);
        let (text, map) = b.finish();
        assert_eq!(text, "ceasefire now\n\nnext");
        assert_eq!(map.to_raw(0), 0);
        assert_eq!(map.to_raw(5), 7);
        assert_eq!(&raw[map.to_raw(5)..map.to_raw(5) + 4], "fire");
        assert_eq!(map.to_raw(15), 17);
        assert_eq!(map.span_to_raw(5, 9), (7, 11));
    }

    #[test]
    fn adjacent_verbatim_pieces_merge() {
        let mut b = TextBuilder::new();
        b.push_raw("ab", 0);
        b.push_raw("cd", 2);
        let (_, map) = b.finish();
        assert_eq!(map.segments.len(), 1);
    }

    #[test]
    fn composition_follows_both_maps() {
        // earlier: mid "xyz" comes from raw bytes 10..13
        let mut e = TextBuilder::new();
        e.push_raw("xyz", 10);
        let (_, earlier) = e.finish();
        let mut c = TextBuilder::new();
        c.push_raw("yz", 1);
        let (_, later) = c.finish();
        let both = later.then(&earlier);
        assert_eq!(both.to_raw(0), 11);
        assert_eq!(both.to_raw(1), 12);
    }

    #[test]
    fn composition_of_many_pieces_equals_mapping_twice() {
        // A small LCG makes both maps: mid text from raw pieces and synthetic
        // joins, clean text from ordered pieces of mid.
        let mut seed = 7u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        };
        let mut e = TextBuilder::new();
        let mut raw_at = 0;
        for _ in 0..300 {
            raw_at += next(3);
            if next(4) == 0 {
                e.push_synthetic("\n", raw_at);
            } else {
                let len = 1 + next(9);
                e.push_raw(&"abcdefghij"[..len], raw_at);
                raw_at += len;
            }
        }
        let (mid, earlier) = e.finish();
        let mut c = TextBuilder::new();
        let mut at = 0;
        while at < mid.len() {
            at += next(4);
            let len = (1 + next(12)).min(mid.len().saturating_sub(at));
            if len == 0 {
                break;
            }
            if next(5) == 0 {
                c.push_synthetic(" ", at);
            }
            c.push_raw(&mid[at..at + len], at);
            at += len;
        }
        let (clean, later) = c.finish();
        let both = later.then(&earlier);
        for i in 0..clean.len() {
            assert_eq!(both.to_raw(i), earlier.to_raw(later.to_raw(i)), "at {i}");
        }
    }

    #[test]
    fn truncate_drops_map_entries() {
        let mut b = TextBuilder::new();
        b.push_raw("abc", 0);
        b.push_synthetic("  ", 3);
        b.trim_end();
        let (text, map) = b.finish();
        assert_eq!(text, "abc");
        assert_eq!(map.clean_len(), 3);
    }
}
