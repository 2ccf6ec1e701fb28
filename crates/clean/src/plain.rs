//! Text that is already clean (JSON Lines records): each line is a
//! paragraph; whitespace is normalised and nothing is dropped.

use crate::emit::push_normalised;
use crate::lines::split_lines;
use truce_document::{OffsetMap, TextBuilder};

/// Normalise whitespace: one paragraph per non-blank line, single spaces,
/// paragraphs separated by a blank line.
pub(crate) fn normalise(body: &str) -> (String, OffsetMap) {
    let mut out = TextBuilder::with_capacity(body.len());
    let mut prev_end = None;
    for line in split_lines(body).into_iter().filter(|l| !l.is_blank()) {
        if let Some(end) = prev_end {
            out.push_synthetic("\n\n", end);
        }
        push_normalised(&mut out, body, line.start, line.end);
        out.trim_end();
        prev_end = Some(line.end);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_with_single_spaces() {
        let body = "  First  para.\r\n\n\nSecond\tpara. \n";
        let (text, map) = normalise(body);
        assert_eq!(text, "First para.\n\nSecond para.");
        let at = text.find("Second").unwrap();
        assert_eq!(&body[map.to_raw(at)..map.to_raw(at) + 6], "Second");
    }

    #[test]
    fn empty_input_gives_empty_text() {
        assert_eq!(normalise(" \n \n").0, "");
    }
}
