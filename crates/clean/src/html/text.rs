//! Render the kept part of the tree as text: whitespace collapsed, blocks
//! separated by a blank line, `<br>` as a line break, character references
//! decoded, every piece mapped back to its bytes in the page.

use super::dom::{NodeId, Tree, NONE};
use super::entities::decode_at;
use super::extract::Analysis;
use super::tags::Tag;
use std::ops::Range;
use truce_document::TextBuilder;

/// Collects text pieces, deferring separators until more text follows.
struct Writer {
    out: TextBuilder,
    /// 0 = none, 1 = space, 2 = line break, 3 = paragraph break.
    pending: u8,
}

impl Writer {
    fn separate(&mut self, level: u8) {
        self.pending = self.pending.max(level);
    }

    /// Emit the pending separator before text that starts at `raw_pos`.
    fn flush(&mut self, raw_pos: usize) {
        if self.pending > 0 && !self.out.is_empty() {
            let sep = match self.pending {
                1 => " ",
                2 => "\n",
                _ => "\n\n",
            };
            self.out.push_synthetic(sep, raw_pos);
        }
        self.pending = 0;
    }

    /// Append the character data `s` found at `base` in the page.
    fn text(&mut self, s: &str, base: usize) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                self.separate(1);
                i += 1;
                continue;
            }
            if b == b'&' {
                if let Some(d) = decode_at(&bytes[i..], false) {
                    if d.ch.is_whitespace() {
                        self.separate(1);
                    } else if !is_invisible(d.ch) {
                        self.flush(base + i);
                        let mut buf = [0u8; 4];
                        self.out
                            .push_synthetic(d.ch.encode_utf8(&mut buf), base + i);
                    }
                    i += d.len;
                    continue;
                }
            }
            let start = i;
            i += 1;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'&' {
                i += 1;
            }
            // `start..i` ends at ASCII or at the end, so it is a char boundary.
            if let Some(piece) = s.get(start..i) {
                self.flush(base + start);
                self.out.push_raw(piece, base + start);
            }
        }
    }
}

/// Zero-width and soft-hyphen characters that carry no text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// One run of text from a single block, as a byte range of the output.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    /// The block element the text belongs to.
    pub block: NodeId,
    /// Where it landed in the text (separator before it included).
    pub range: Range<usize>,
}

/// Render the article root of `a` as text plus offset map. With `keep`,
/// only the segments (numbered as in an earlier unfiltered render) marked
/// true are written.
pub(crate) fn render(
    tree: &Tree<'_>,
    a: &Analysis,
    keep: Option<&[bool]>,
) -> (TextBuilder, Vec<Segment>) {
    let mut w = Writer {
        out: TextBuilder::with_capacity(4096),
        pending: 0,
    };
    let mut segments: Vec<Segment> = Vec::new();
    let root = a.root;
    let end = tree.node(root).end;
    let mut last_block = NONE;
    let mut writing = true;
    let mut i = root;
    while i < end {
        let node = tree.node(i);
        if a.dead[i as usize] {
            i = node.end.max(i + 1);
            continue;
        }
        match node.tag {
            Tag::Text => {
                let block = a.block_of[i as usize];
                if a.keep_block[block as usize] {
                    if block != last_block {
                        if let Some(last) = segments.last_mut() {
                            last.range.end = w.out.len();
                        }
                        let index = segments.len();
                        writing = keep.is_none_or(|k| k.get(index).copied().unwrap_or(true));
                        if writing {
                            w.separate(3);
                        }
                        segments.push(Segment {
                            block,
                            range: w.out.len()..w.out.len(),
                        });
                        last_block = block;
                    }
                    if writing {
                        w.text(tree.text(i), node.span.start);
                    }
                }
            }
            Tag::Br | Tag::Hr if writing => w.separate(2),
            Tag::Td | Tag::Th if writing => w.separate(1),
            _ => {}
        }
        i += 1;
    }
    if let Some(last) = segments.last_mut() {
        last.range.end = w.out.len();
    }
    w.out.trim_end();
    (w.out, segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(parts: &[(&str, usize)]) -> (String, truce_document::OffsetMap) {
        let mut w = Writer {
            out: TextBuilder::new(),
            pending: 0,
        };
        for (s, base) in parts {
            w.text(s, *base);
        }
        w.out.finish()
    }

    #[test]
    fn whitespace_collapses_and_maps_back() {
        let page = "<p>  Cease\n\t fire </p>";
        let (text, map) = write(&[(&page[3..18], 3)]);
        assert_eq!(text, "Cease fire");
        assert_eq!(&page[map.to_raw(6)..map.to_raw(6) + 4], "fire");
    }

    #[test]
    fn references_are_decoded_as_synthetic_text() {
        let page = "<p>Tom&amp;Jerry&nbsp;&#8217;s</p>";
        let (text, map) = write(&[(&page[3..30], 3)]);
        assert_eq!(text, "Tom&Jerry ’s");
        // The '&' stands for "&amp;" at byte 6.
        assert_eq!(map.to_raw(3), 6);
        assert_eq!(&page[map.to_raw(4)..map.to_raw(4) + 5], "Jerry");
    }
}
