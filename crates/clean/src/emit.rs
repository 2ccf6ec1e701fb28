//! Copying a stretch of the body into the cleaned text, character-normalised.
//!
//! Runs of blanks become one space, invisible characters (soft hyphens,
//! zero-width spaces, stray control codes) go, and the typographic
//! ligatures PDF captures leave behind ("ﬁ") are spelled out. Everything
//! else is copied verbatim so the offset map stays exact.

use truce_document::TextBuilder;

/// What a single character turns into in the cleaned text.
enum Replacement {
    /// Kept as it is.
    Keep,
    /// Dropped entirely.
    Drop,
    /// A blank: part of a run that becomes one space.
    Blank,
    /// Spelled out as this text.
    Text(&'static str),
}

fn replacement(c: char) -> Replacement {
    match c {
        ' ' => Replacement::Blank,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
            Replacement::Drop
        }
        '\u{fb00}' => Replacement::Text("ff"),
        '\u{fb01}' => Replacement::Text("fi"),
        '\u{fb02}' => Replacement::Text("fl"),
        '\u{fb03}' => Replacement::Text("ffi"),
        '\u{fb04}' => Replacement::Text("ffl"),
        '\u{fb05}' | '\u{fb06}' => Replacement::Text("st"),
        c if c.is_whitespace() => Replacement::Blank,
        c if c.is_control() => Replacement::Drop,
        _ => Replacement::Keep,
    }
}

/// Append `body[start..end]` to `out`, normalised as described above.
pub(crate) fn push_normalised(out: &mut TextBuilder, body: &str, start: usize, end: usize) {
    let s = &body[start..end];
    if is_plain(s) {
        out.push_raw(s, start);
        return;
    }
    // Start of the verbatim run not yet copied, and of the blank run (if any) after it.
    let mut run_start = start;
    let mut blank_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let pos = start + i;
        match replacement(c) {
            Replacement::Keep => {
                if let Some(b) = blank_start.take() {
                    close_blank_run(out, body, &mut run_start, b, pos);
                }
            }
            Replacement::Blank => {
                blank_start.get_or_insert(pos);
            }
            Replacement::Drop => {
                // Inside a blank run it simply widens the run.
                if blank_start.is_none() {
                    out.push_raw(&body[run_start..pos], run_start);
                    run_start = pos + c.len_utf8();
                }
            }
            Replacement::Text(t) => {
                if let Some(b) = blank_start.take() {
                    close_blank_run(out, body, &mut run_start, b, pos);
                }
                out.push_raw(&body[run_start..pos], run_start);
                out.push_synthetic(t, pos);
                run_start = pos + c.len_utf8();
            }
        }
    }
    // A blank run at the very end is dropped.
    let stop = blank_start.unwrap_or(end);
    out.push_raw(&body[run_start..stop], run_start);
}

/// A blank run `[blank, pos)` ends before a kept character: one plain space
/// stays in the verbatim run, anything else becomes one synthetic space.
fn close_blank_run(
    out: &mut TextBuilder,
    body: &str,
    run_start: &mut usize,
    blank: usize,
    pos: usize,
) {
    // Nothing kept before the blanks on this line: they lead, and go.
    if *run_start == blank && (out.is_empty() || out.as_str().ends_with([' ', '\n'])) {
        *run_start = pos;
        return;
    }
    if &body[blank..pos] == " " {
        return;
    }
    out.push_raw(&body[*run_start..blank], *run_start);
    if !out.is_empty() && !out.as_str().ends_with([' ', '\n']) {
        out.push_synthetic(" ", blank);
    }
    *run_start = pos;
}

/// True when the stretch can be copied as it is: printable ASCII without
/// double spaces.
fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().all(|&c| (0x20..0x7f).contains(&c)) && memchr::memmem::find(b, b"  ").is_none()
}

/// Collapse all whitespace in `s` to single spaces (for titles and names).
pub(crate) fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| crate::lines::is_blank_char(c) || c == '\u{ad}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalise(s: &str) -> (String, truce_document::OffsetMap) {
        let mut b = TextBuilder::new();
        push_normalised(&mut b, s, 0, s.len());
        b.finish()
    }

    #[test]
    fn plain_text_is_copied_verbatim() {
        let (t, map) = normalise("plain words here");
        assert_eq!(t, "plain words here");
        assert_eq!(map.to_raw(6), 6);
    }

    #[test]
    fn blank_runs_collapse_and_keep_offsets() {
        let s = "two  spaces\tand\u{a0}nbsp";
        let (t, map) = normalise(s);
        assert_eq!(t, "two spaces and nbsp");
        let at = t.find("spaces").unwrap();
        assert_eq!(&s[map.to_raw(at)..map.to_raw(at) + 6], "spaces");
        let at = t.find("nbsp").unwrap();
        assert_eq!(&s[map.to_raw(at)..map.to_raw(at) + 4], "nbsp");
    }

    #[test]
    fn ligatures_are_spelled_out_and_invisibles_dropped() {
        let s = "a \u{fb01}re in\u{ad}side o\u{fb03}ce";
        let (t, map) = normalise(s);
        assert_eq!(t, "a fire inside office");
        let at = t.find("side").unwrap();
        assert_eq!(&s[map.to_raw(at)..map.to_raw(at) + 4], "side");
    }

    #[test]
    fn squash_spaces_joins_words_with_one_space() {
        assert_eq!(squash_spaces("  a \n b\u{a0} c "), "a b c");
    }
}
