//! Cleaning plain and print/PDF-captured text.
//!
//! The body is read as lines grouped into blocks (runs of non-blank
//! lines). Furniture lines are dropped (page numbers, bare links, teasers,
//! credits with the captions above them, bylines, date lines); a headline
//! at the top becomes the title; the remaining lines are re-flowed into
//! paragraphs (one line each, separated by a blank line), paragraphs broken
//! by a page end are joined again, and words broken at line ends are mended.
//! Everything is linear in the size of the body.

use crate::dehyphenate::{keep_hyphen, Break, Usage};
use crate::emit::{push_normalised, squash_spaces};
use crate::furniture::{self, ends_paragraph, ends_sentence};
use crate::lines::{split_lines, Line};
use crate::metadata::dates::{self, date_line, dateline};
use crate::metadata::{normalise_url, outlet};
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use truce_document::{Metadata, OffsetMap, TextBuilder};

/// Cleaned text, its map back to the body, and what the text says about itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct CleanedText {
    /// Paragraphs, one line each, separated by a blank line.
    pub text: String,
    /// Cleaned byte offsets to body byte offsets.
    pub map: OffsetMap,
    /// Title, date, URL and outlet found in the text.
    pub meta: Metadata,
}

/// What a line is in the finished document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Article text.
    Body,
    /// Furniture: not kept.
    Drop,
    /// A photo caption (a credit follows it): not kept.
    Caption,
    /// The headline: kept as the title, not in the body.
    Headline,
}

/// How two consecutive lines of a paragraph are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// With a space.
    Space,
    /// Directly, dropping the line-end hyphen of `len` bytes.
    Mend(usize),
    /// Directly, keeping the line-end hyphen (or a soft hyphen that vanishes).
    Direct,
}

/// Words of a headline must mostly be capitalised for a single full-width
/// line to count as a title rather than a paragraph cut by a page break.
fn title_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    caps * 2 > words.len()
}

/// Could this line be a headline by its shape alone?
fn headline_shape(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (2..=20).contains(&words)
        && t.len() <= 180
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘".contains(c))
        && !t.ends_with(['.', ',', ';', ':', '-'])
        && !furniture::is_url_line(t)
        && !two_sentences(t)
        && dateline(t).is_none()
}

/// Does the line hold a sentence end followed by another sentence
/// ("... all opinions are mine. Read on")? Headlines are one sentence.
fn two_sentences(t: &str) -> bool {
    let b = t.as_bytes();
    b.windows(4).any(|w| {
        w[0].is_ascii_lowercase()
            && matches!(w[1], b'.' | b'!' | b'?')
            && w[2] == b' '
            && w[3].is_ascii_uppercase()
    })
}

/// The working state of one cleaning run.
struct Analysis<'a> {
    body: &'a str,
    lines: Vec<Line>,
    blocks: Vec<Range<usize>>,
    roles: Vec<Role>,
    /// Typical width of a wrapped line, in characters.
    wrap: usize,
    /// Lines are whole paragraphs (the text is not hard-wrapped).
    unwrapped: bool,
    original_url: Option<String>,
    body_hosts: Vec<String>,
    /// Date lines: (line index, date).
    date_lines: Vec<(usize, NaiveDate)>,
    masthead: Option<String>,
    /// The parts of a date line on the first line ("EXAMPLE TIMES", "World").
    first_line_parts: Vec<String>,
    /// The page URL from a browser's print footer.
    footer_url: Option<String>,
    title: Option<String>,
    /// Index of the first non-blank line.
    first_line: Option<usize>,
    /// The text shows pages: a form feed or a page number.
    has_pages: bool,
}

impl<'a> Analysis<'a> {
    fn new(body: &'a str) -> Self {
        let lines = split_lines(body);
        let mut blocks = Vec::new();
        let mut start = None;
        for (i, l) in lines.iter().enumerate() {
            if l.is_blank() || l.page_break {
                if let Some(s) = start.take() {
                    blocks.push(s..i);
                }
            }
            if !l.is_blank() {
                start.get_or_insert(i);
            }
        }
        if let Some(s) = start {
            blocks.push(s..lines.len());
        }
        let (wrap, unwrapped) = estimate_wrap(&lines, &blocks);
        let roles = vec![Role::Body; lines.len()];
        let first_line = lines.iter().position(|l| !l.is_blank());
        let has_pages = lines.iter().any(|l| l.page_break);
        Analysis {
            has_pages,
            first_line,
            body,
            lines,
            blocks,
            roles,
            wrap,
            unwrapped,
            original_url: None,
            body_hosts: Vec::new(),
            date_lines: Vec::new(),
            masthead: None,
            first_line_parts: Vec::new(),
            footer_url: None,
            title: None,
        }
    }

    fn text(&self, i: usize) -> &'a str {
        self.lines[i].text(self.body)
    }

    /// Is line `i` (nearly) as wide as the page, i.e. did the wrap cut it?
    fn is_full(&self, i: usize) -> bool {
        !self.unwrapped && self.lines[i].chars * 4 >= self.wrap * 3
    }

    /// Drop furniture line by line, marking captions above credits.
    fn drop_furniture(&mut self) {
        for bi in 0..self.blocks.len() {
            let block = self.blocks[bi].clone();
            let mut i = block.start;
            while i < block.end {
                if self.roles[i] != Role::Body {
                    i += 1;
                    continue;
                }
                let t = self.text(i);
                if let Some(rest) = furniture::original_url_label(t) {
                    i = self.take_original_url(bi, i, rest);
                    continue;
                }
                if furniture::is_url_line(t) {
                    self.roles[i] = Role::Drop;
                    let mut url = t.trim_matches(['<', '>']).to_string();
                    let mut j = i + 1;
                    while j < block.end
                        && self.is_full(j - 1)
                        && furniture::is_url_continuation(self.text(j))
                    {
                        url.push_str(self.text(j));
                        self.roles[j] = Role::Drop;
                        j += 1;
                    }
                    if let Some(h) = outlet::host(&url) {
                        self.body_hosts.push(h);
                    }
                    i = j;
                    continue;
                }
                if furniture::is_related(t) {
                    self.roles[i] = Role::Drop;
                    let mut j = i + 1;
                    // A teaser headline that wrapped goes on while the line
                    // before was full and did not end a sentence.
                    while j < block.end && self.is_full(j - 1) && !ends_paragraph(self.text(j - 1))
                    {
                        self.roles[j] = Role::Drop;
                        j += 1;
                    }
                    i = j;
                    continue;
                }
                if furniture::is_page_number(t) {
                    self.roles[i] = Role::Drop;
                    self.has_pages = true;
                } else if furniture::is_boilerplate(t)
                    || furniture::is_trailer(t)
                    || furniture::is_byline(t)
                {
                    self.roles[i] = Role::Drop;
                } else if let Some(dl) = date_line(t).filter(|_| !self.mid_sentence(block.start, i))
                {
                    self.roles[i] = Role::Drop;
                    self.date_lines.push((i, dl.date));
                    if self.is_first_line(i) {
                        self.first_line_parts = dl.others.iter().map(|o| o.to_string()).collect();
                    }
                } else if let Some(url) = furniture::url_footer(t) {
                    self.roles[i] = Role::Drop;
                    if let Some(h) = outlet::host(url) {
                        self.body_hosts.push(h);
                    }
                    if self.footer_url.is_none() {
                        self.footer_url = normalise_url(url);
                    }
                } else if furniture::is_credit(t) {
                    self.roles[i] = Role::Drop;
                    self.mark_caption(block.start, i);
                } else if block.len() <= 5 && furniture::ends_with_credit(t) {
                    self.mark_caption(block.start, i + 1);
                }
                i += 1;
            }
        }
    }

    /// Does line `i` continue a sentence that the wrap cut on the line above?
    fn mid_sentence(&self, block_start: usize, i: usize) -> bool {
        self.text(i).starts_with(char::is_lowercase)
            || i > block_start
                && self.roles[i - 1] == Role::Body
                && self.is_full(i - 1)
                && !ends_paragraph(self.text(i - 1))
    }

    /// Read the URL after an "Original url:" label at line `i` of block
    /// `bi` (on the same line, the next lines, or the next block); returns
    /// the first line after it.
    fn take_original_url(&mut self, bi: usize, i: usize, inline: &str) -> usize {
        self.roles[i] = Role::Drop;
        let mut url = inline.trim_matches(['<', '>']).to_string();
        let mut block = self.blocks[bi].clone();
        let mut j = i + 1;
        if j == block.end && url.is_empty() && bi + 1 < self.blocks.len() {
            block = self.blocks[bi + 1].clone();
            j = block.start;
        }
        while j < block.end {
            let t = self.text(j);
            if url.is_empty() && furniture::is_url_line(t) {
                url = t.trim_matches(['<', '>']).to_string();
            } else if !url.is_empty() && furniture::is_url_continuation(t) {
                url.push_str(t);
            } else {
                break;
            }
            self.roles[j] = Role::Drop;
            j += 1;
        }
        if self.original_url.is_none() {
            self.original_url = normalise_url(&url);
        }
        if j > self.blocks[bi].end {
            self.blocks[bi].end
        } else {
            j
        }
    }

    /// The lines of the block before a credit at `credit` are its caption,
    /// unless they are too long to be one.
    fn mark_caption(&mut self, block_start: usize, credit: usize) {
        // Captions are short: look back no further than one line past the limit.
        let mut first = credit;
        while first > block_start && credit - first <= 5 && self.roles[first - 1] == Role::Body {
            first -= 1;
        }
        let chars: usize = (first..credit).map(|k| self.lines[k].chars).sum();
        if credit - first <= 5 && chars <= 600 {
            for k in first..credit {
                self.roles[k] = Role::Caption;
            }
        }
    }

    /// Is line `i` the first non-blank line of the document?
    fn is_first_line(&self, i: usize) -> bool {
        self.first_line == Some(i)
    }

    /// The hosts of the links the document gives, by how names spell them.
    fn hosts(&self) -> outlet::HostNames {
        let own: Vec<String> = [&self.original_url, &self.footer_url]
            .iter()
            .filter_map(|u| u.as_deref().and_then(outlet::host))
            .collect();
        let unique: HashSet<&str> = own
            .iter()
            .chain(self.body_hosts.iter())
            .map(String::as_str)
            .collect();
        outlet::HostNames::new(unique)
    }

    /// The masthead: on the first line, a name in capitals beside the date
    /// ("EXAMPLE TIMES | World | 3 May 2021"), or a name that spells a host
    /// the document links to, alone or beside the date.
    fn take_masthead_line(&mut self) {
        let hosts = self.hosts();
        let spells_host = |name: &str| hosts.spelled_by(name);
        let parts = std::mem::take(&mut self.first_line_parts);
        self.masthead = parts
            .iter()
            .find(|p| spells_host(p))
            .or_else(|| parts.iter().find(|p| is_masthead_name(p)))
            .cloned();
        if self.masthead.is_some() {
            return;
        }
        let Some(first) = self.first_line else {
            return;
        };
        if self.roles[first] != Role::Body {
            return;
        }
        let t = self.text(first);
        if t.split_whitespace().count() <= 6 && dateline(t).is_none() && spells_host(t) {
            self.masthead = Some(t.to_string());
            self.roles[first] = Role::Drop;
        }
    }

    /// The outlet's name alone on a line (a running header, a masthead
    /// repeated at a page break) is furniture.
    fn drop_outlet_lines(&mut self) {
        let hosts = self.hosts();
        if hosts.is_empty() {
            return;
        }
        for b in &self.blocks {
            for i in [b.start, b.end - 1] {
                let t = self.lines[i].text(self.body);
                let alone = b.len() == 1
                    || self.lines[i].page_break
                    || self.lines.get(i + 1).is_some_and(|l| l.page_break);
                if alone
                    && self.roles[i] == Role::Body
                    && t.split_whitespace().count() <= 6
                    && hosts.spelled_by(t)
                {
                    self.roles[i] = Role::Drop;
                }
            }
        }
    }

    /// A line repeated at the edges of several pages (alone in its block,
    /// or first or last on a page) is a running header or footer. Only in
    /// documents that show pages (form feeds, page numbers): elsewhere a
    /// repeated short line is more likely a table row.
    fn drop_running_heads(&mut self) {
        if !self.has_pages {
            return;
        }
        let key = |t: &str| -> String {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
        let n = self.lines.len();
        let mut edges: Vec<usize> = Vec::new();
        for b in &self.blocks {
            let on_page_edge = |i: usize| {
                self.lines[i].page_break
                    || (i + 1 < n && self.lines[i + 1].page_break)
                    || self.is_first_line(i)
            };
            if b.len() == 1 {
                edges.push(b.start);
            } else {
                edges.extend(
                    [b.start, b.end - 1]
                        .into_iter()
                        .filter(|&i| on_page_edge(i)),
                );
            }
        }
        edges.retain(|&i| {
            self.roles[i] == Role::Body
                && self.lines[i].chars <= 100
                && !ends_sentence(self.text(i))
        });
        let mut counts: HashMap<String, usize> = HashMap::new();
        for &i in &edges {
            *counts.entry(key(self.text(i))).or_default() += 1;
        }
        for &i in &edges {
            if counts.get(&key(self.text(i))).copied().unwrap_or(0) >= 2 {
                self.roles[i] = Role::Drop;
            }
        }
    }

    /// The first remaining line is the headline when it looks like one and
    /// stands apart from the text (alone in its block, or above a caption).
    fn take_headline(&mut self) {
        let Some(h) = self.first_content(0) else {
            return;
        };
        // A section kicker ("World", "Analysis") may stand above the headline.
        if self.is_kicker(h) {
            if let Some(lines) = self.first_content(h + 1).and_then(|k| self.headline_at(k)) {
                self.roles[h] = Role::Drop;
                self.set_title(&lines);
                return;
            }
        }
        if let Some(lines) = self.headline_at(h) {
            self.set_title(&lines);
        }
    }

    /// The first line from `from` on that is text or caption.
    fn first_content(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| {
            matches!(self.roles[i], Role::Body | Role::Caption) && !self.lines[i].is_blank()
        })
    }

    /// A short label alone in its block, with no sentence in it.
    fn is_kicker(&self, i: usize) -> bool {
        let t = self.text(i);
        self.roles[i] == Role::Body
            && self.blocks.iter().any(|b| b.start == i && b.len() == 1)
            && t.split_whitespace().count() <= 3
            && t.chars().count() <= 30
            && !ends_paragraph(t)
    }

    /// The headline lines starting at `h`, if `h` opens a headline.
    fn headline_at(&self, h: usize) -> Option<Vec<usize>> {
        let t = self.text(h);
        if !headline_shape(t) {
            return None;
        }
        let block = self.blocks.iter().find(|b| b.contains(&h)).cloned()?;
        let rest: Vec<usize> = (h + 1..block.end)
            .filter(|&k| self.roles[k] != Role::Drop)
            .collect();
        let body_follows = (block.end..self.lines.len())
            .any(|k| self.roles[k] == Role::Body && !self.lines[k].is_blank());
        let starts_sentence = |k: usize| {
            self.text(k).starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || "\"'“‘".contains(c)
            })
        };
        let mut lines = vec![h];
        let is_headline = match self.roles[h] {
            // Above a caption: the caption starts a new sentence.
            Role::Caption => rest
                .first()
                .is_some_and(|&k| self.roles[k] == Role::Caption && starts_sentence(k)),
            _ if !body_follows && rest.is_empty() => false,
            _ if rest.is_empty() => true,
            // A headline wrapped over two lines.
            _ if rest.len() == 1
                && rest[0] == h + 1
                && self.is_full(h)
                && !ends_paragraph(self.text(h + 1))
                && t.len() + self.text(h + 1).len() <= 250 =>
            {
                lines.push(h + 1);
                true
            }
            // A title-case headline right above the text: far too short to
            // have been wrapped.
            // Right above the dateline that opens the text.
            _ if rest[0] == h + 1
                && dateline(self.text(h + 1)).is_some()
                && self.next_word_fits(h, h + 1) =>
            {
                true
            }
            _ => {
                rest[0] == h + 1
                    && title_like(t)
                    && !self.is_full(h)
                    && starts_sentence(h + 1)
                    && self.next_word_fits(h, h + 1)
            }
        };
        is_headline.then_some(lines)
    }

    fn set_title(&mut self, lines: &[usize]) {
        let title = lines
            .iter()
            .map(|&k| self.text(k))
            .collect::<Vec<_>>()
            .join(" ");
        self.title = Some(squash_spaces(&title));
        for &k in lines {
            self.roles[k] = Role::Headline;
        }
    }

    /// Group the kept lines into paragraphs.
    fn paragraphs(&self) -> Vec<Vec<usize>> {
        let mut paras: Vec<Vec<usize>> = Vec::new();
        for block in &self.blocks {
            let mut current: Vec<usize> = Vec::new();
            for i in block.clone() {
                if self.roles[i] != Role::Body {
                    continue;
                }
                if let Some(&prev) = current.last() {
                    if self.hard_break(prev, i) {
                        paras.push(std::mem::take(&mut current));
                    }
                }
                current.push(i);
            }
            if !current.is_empty() {
                paras.push(current);
            }
        }
        // Join paragraphs that a page end (or furniture) cut in two.
        let mut merged: Vec<Vec<usize>> = Vec::with_capacity(paras.len());
        for p in paras {
            if let Some(prev) = merged.last_mut() {
                if self.continues(prev, &p) {
                    prev.extend(p);
                    continue;
                }
            }
            merged.push(p);
        }
        merged
    }

    /// Does a paragraph end between lines `a` and `b` of one block? Yes in
    /// unwrapped text; in wrapped text when `a` ends a sentence and the first
    /// word of `b` would have fitted on it.
    fn hard_break(&self, a: usize, b: usize) -> bool {
        if self.unwrapped {
            return true;
        }
        // An indented first line starts a paragraph.
        if self.lines[b].indent >= 2 && self.lines[b].indent > self.lines[a].indent + 1 {
            return true;
        }
        let ta = self.text(a);
        let tb = self.text(b);
        if !ends_sentence(ta) || !tb.starts_with(|c: char| c.is_uppercase() || "\"“".contains(c))
        {
            return false;
        }
        self.next_word_fits(a, b)
    }

    /// Would the first word of line `b` have fitted at the end of line `a`?
    /// Then the break after `a` was made by the writer, not by the wrap.
    fn next_word_fits(&self, a: usize, b: usize) -> bool {
        let first_word = self
            .text(b)
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        (self.lines[a].chars + 1 + first_word) * 100 < self.wrap * 85
    }

    /// Does paragraph `next` continue `prev` (cut by a page end)?
    fn continues(&self, prev: &[usize], next: &[usize]) -> bool {
        let (Some(&last), Some(&first)) = (prev.last(), next.first()) else {
            return false;
        };
        let tl = self.text(last);
        if self.unwrapped || ends_paragraph(tl) || !self.is_full(last) {
            return false;
        }
        let next_lower = self.text(first).starts_with(|c: char| c.is_lowercase());
        let mid_sentence = tl.ends_with(|c: char| c.is_lowercase() || c == ',' || c == '-');
        prev.len() >= 2 || next_lower || mid_sentence && !title_like(tl)
    }

    /// How each line joins the next within its paragraph.
    fn joints(&self, paras: &[Vec<usize>]) -> HashMap<usize, Joint> {
        let mut joints = HashMap::new();
        let mut breaks: Vec<(usize, Break, usize)> = Vec::new();
        let mut skip = HashSet::new();
        for p in paras {
            for w in p.windows(2) {
                let (a, b) = (w[0], w[1]);
                let ta = self.text(a);
                let tb = self.text(b);
                let joint = if ta.ends_with('\u{ad}') {
                    Joint::Direct
                } else if let Some(hyphen) = ["-", "\u{2010}"].into_iter().find(|h| ta.ends_with(h))
                {
                    let before = &ta[..ta.len() - hyphen.len()];
                    let left_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |k| {
                        k + before[k..].chars().next().map_or(1, char::len_utf8)
                    });
                    let left = &before[left_start..];
                    let right: String = tb.chars().take_while(|c| c.is_alphanumeric()).collect();
                    if left.is_empty() {
                        // A dash ("fighting -" or "--"), not a broken word.
                        Joint::Space
                    } else if right.is_empty() {
                        Joint::Direct
                    } else {
                        // The token holding the left half starts after the last blank.
                        skip.insert(self.lines[a].start + left_start);
                        skip.insert(self.lines[b].start);
                        breaks.push((
                            a,
                            Break {
                                left: left.to_string(),
                                right,
                            },
                            hyphen.len(),
                        ));
                        continue;
                    }
                } else {
                    Joint::Space
                };
                joints.insert(a, joint);
            }
        }
        if !breaks.is_empty() {
            let all: Vec<Break> = breaks.iter().map(|(_, b, _)| b.clone()).collect();
            let usage = Usage::count(self.body, &all, &skip);
            for (a, b, len) in breaks {
                let joint = if keep_hyphen(&b, &usage) {
                    Joint::Direct
                } else {
                    Joint::Mend(len)
                };
                joints.insert(a, joint);
            }
        }
        joints
    }

    /// Write the paragraphs into cleaned text.
    fn emit(&self, paras: &[Vec<usize>]) -> (String, OffsetMap) {
        let joints = self.joints(paras);
        let mut out = TextBuilder::with_capacity(self.body.len());
        let mut prev_end: Option<usize> = None;
        for p in paras {
            if let Some(end) = prev_end {
                out.trim_end();
                if !out.is_empty() {
                    out.push_synthetic("\n\n", end);
                }
            }
            for (k, &i) in p.iter().enumerate() {
                if k > 0 {
                    let prev = p[k - 1];
                    match joints.get(&prev).copied().unwrap_or(Joint::Space) {
                        Joint::Space => {
                            if !out.is_empty() && !out.as_str().ends_with(' ') {
                                out.push_synthetic(" ", self.lines[prev].end);
                            }
                        }
                        Joint::Mend(len) => {
                            if out.as_str().ends_with(['-', '\u{2010}']) {
                                out.truncate(out.len() - len);
                            }
                        }
                        Joint::Direct => {}
                    }
                }
                push_normalised(&mut out, self.body, self.lines[i].start, self.lines[i].end);
            }
            prev_end = p.last().map(|&i| self.lines[i].end);
        }
        out.trim_end();
        out.finish()
    }

    /// The first line of the first paragraph, for its dateline.
    fn first_body_line(&self, paras: &[Vec<usize>]) -> Option<usize> {
        paras.first().and_then(|p| p.first().copied())
    }

    /// Title, date, URL and outlet from what the analysis found.
    fn metadata(&self, paras: &[Vec<usize>]) -> Metadata {
        let first_body = self.first_body_line(paras);
        let url = self
            .original_url
            .clone()
            .or_else(|| self.footer_url.clone());
        let url_date = url.as_deref().and_then(dates::url_date);
        let header_date = self
            .date_lines
            .iter()
            .find(|(i, _)| first_body.is_none_or(|f| *i < f))
            .map(|(_, d)| *d);
        let any_date_line = self.date_lines.first().map(|(_, d)| *d);
        let dl = first_body.and_then(|f| dateline(self.text(f)));
        let dateline_date = dl.as_ref().and_then(|d| d.date).and_then(|m| {
            let year = m
                .year
                .or(url_date.map(|d| d.year()))
                .or(any_date_line.map(|d| d.year()))?;
            m.date_in(year)
        });
        let published = header_date.or(dateline_date).or(url_date).or(any_date_line);
        let outlet_name = self
            .masthead
            .as_deref()
            .map(outlet::tidy_caps)
            .or_else(|| {
                let host = url.as_deref().and_then(outlet::host)?;
                outlet::outlet_for_host(&host, self.body)
            })
            .or_else(|| {
                let host = dominant_host(&self.body_hosts)?;
                outlet::outlet_for_host(&host, self.body)
            })
            .or_else(|| {
                dl.and_then(|d| d.agency)
                    .filter(|a| a.chars().next().is_some_and(char::is_uppercase))
            });
        Metadata {
            title: self.title.clone(),
            published,
            url,
            outlet: outlet_name,
        }
    }
}

/// Is a part of a masthead line an outlet's name (rather than a section
/// such as "World" or a desk such as "Business desk")? Names in capitals are.
fn is_masthead_name(part: &str) -> bool {
    let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).collect();
    let lower = part.to_lowercase();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && !lower.starts_with("by ")
        && !SECTIONS.contains(&lower.trim())
}

/// Section names that stand in capitals beside the date on a masthead line.
const SECTIONS: &[&str] = &[
    "world",
    "news",
    "latest",
    "breaking",
    "breaking news",
    "politics",
    "business",
    "economy",
    "europe",
    "asia",
    "africa",
    "americas",
    "middle east",
    "opinion",
    "analysis",
    "comment",
    "sport",
    "sports",
    "culture",
    "region",
    "regions",
    "national",
    "international",
    "local",
    "exclusive",
    "features",
    "feature",
    "science",
    "technology",
    "health",
    "environment",
    "conflict",
    "war",
    "security",
    "home",
    "top stories",
    "report",
    "interview",
    "explainer",
];

/// The host most bare links in the text point to, social networks aside.
fn dominant_host(hosts: &[String]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for h in hosts {
        if !outlet::is_social_host(h) {
            *counts.entry(h.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(h, n)| (*n, std::cmp::Reverse(*h)))
        .map(|(h, _)| h.to_string())
}

/// Typical width of wrapped lines: the median width of lines that another
/// line follows in the same block. Text whose lines are far wider than a
/// page is not hard-wrapped: each line is a paragraph.
fn estimate_wrap(lines: &[Line], blocks: &[Range<usize>]) -> (usize, bool) {
    let mut widths: Vec<usize> = blocks
        .iter()
        .flat_map(|b| b.start..b.end.saturating_sub(1))
        .map(|i| lines[i].chars)
        .collect();
    if widths.len() < 3 {
        let widest = lines.iter().map(|l| l.chars).max().unwrap_or(0);
        return (widest.max(1), widest > 200);
    }
    let mid = widths.len() / 2;
    let (_, median, _) = widths.select_nth_unstable(mid);
    let median = (*median).max(1);
    (median, median > 200)
}

/// Clean plain or PDF-captured text.
pub(crate) fn clean_text(body: &str) -> CleanedText {
    let a = analyse(body);
    let paras = a.paragraphs();
    let (text, map) = a.emit(&paras);
    let meta = a.metadata(&paras);
    CleanedText { text, map, meta }
}

/// What [`clean_text`] would read as metadata (title, date, outlet, URL),
/// without building the cleaned text: for bodies that are clean already.
pub(crate) fn guess_metadata(body: &str) -> Metadata {
    let a = analyse(body);
    let paras = a.paragraphs();
    a.metadata(&paras)
}

fn analyse(body: &str) -> Analysis<'_> {
    let mut a = Analysis::new(body);
    a.drop_furniture();
    a.take_masthead_line();
    a.drop_outlet_lines();
    a.drop_running_heads();
    a.take_headline();
    a
}

#[cfg(test)]
mod tests;
