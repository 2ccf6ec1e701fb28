//! Splitting a body into trimmed lines that remember where they are.

/// One line of the body, trimmed, with its byte range in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte offset of the first non-blank character.
    pub start: usize,
    /// Byte offset one past the last non-blank character.
    pub end: usize,
    /// Characters in the trimmed line; wrapped lines cluster near the page width.
    pub chars: usize,
    /// Leading blanks before the text; right-aligned page furniture has many.
    pub indent: usize,
    /// A form feed (page break) came right before this line.
    pub page_break: bool,
}

impl Line {
    /// True when the line holds nothing but blanks.
    pub fn is_blank(&self) -> bool {
        self.start == self.end
    }

    /// The trimmed text of the line.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// Blanks that PDF and web captures leave around text, including the
/// zero-width ones `char::is_whitespace` does not know.
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// Split `body` into lines at `\n` and form feeds (a form feed also starts a page).
pub(crate) fn split_lines(body: &str) -> Vec<Line> {
    let bytes = body.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 60 + 1);
    let mut pos = 0;
    let mut page_break = false;
    while pos <= bytes.len() {
        let rest = &bytes[pos..];
        let cut = memchr::memchr2(b'\n', b'\x0c', rest).map(|i| pos + i);
        let end = cut.unwrap_or(bytes.len());
        let raw = &body[pos..end];
        let trimmed_start = raw.trim_start_matches(is_blank_char);
        let start = end - trimmed_start.len();
        let text = trimmed_start.trim_end_matches(is_blank_char);
        let indent = raw[..start - pos].chars().count();
        lines.push(Line {
            start,
            end: start + text.len(),
            chars: if text.is_ascii() {
                text.len()
            } else {
                text.chars().count()
            },
            indent,
            page_break,
        });
        page_break = false;
        match cut {
            Some(i) => {
                if bytes[i] == b'\x0c' {
                    page_break = true;
                }
                pos = i + 1;
            }
            None => break,
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_positions_and_trim_blanks() {
        let body = "  one two \r\n\nthree\x0cfour";
        let lines = split_lines(body);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].text(body), "one two");
        assert_eq!(lines[0].start, 2);
        assert_eq!(lines[0].indent, 2);
        assert!(lines[1].is_blank());
        assert_eq!(lines[2].text(body), "three");
        assert_eq!(lines[3].text(body), "four");
        assert!(lines[3].page_break);
        assert!(!lines[2].page_break);
    }

    #[test]
    fn zero_width_and_non_breaking_blanks_are_trimmed() {
        let body = "\u{feff}\u{a0}word\u{200b}";
        let lines = split_lines(body);
        assert_eq!(lines[0].text(body), "word");
        assert_eq!(lines[0].chars, 4);
    }
}
