//! Finding publication dates: date lines ("Published: 14 September 2022"),
//! datelines ("KYIV, July 28 (Reuters) -") and URL paths (`/2020/10/12/`).

use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::LazyLock;

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// Full or partial dates written out: "14 September 2022", "Oct. 12, 2020",
/// "2020-10-12", "July 28", "6 Feb".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let iso = r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?";
    let dmy = format!(
        r"(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{MONTH})\.?(?:,?\s+(?P<dy>(?:19|20)\d{{2}}))?"
    );
    let mdy = format!(
        r"(?P<mm>{MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<my>(?:19|20)\d{{2}}))?"
    );
    let numeric = r"(?P<nd>\d{1,2})[./](?P<nm>\d{1,2})[./](?P<ny>(?:19|20)\d{2})";
    Regex::new(&format!(r"(?i)\b(?:{iso}|{dmy}|{mdy}|{numeric})\b")).expect("date pattern")
});

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)/(?P<y>(?:19|20)\d{{2}})(?:[/-](?P<m>\d{{1,2}})[/-](?P<d>\d{{1,2}})|(?P<m2>\d{{2}})(?P<d2>\d{{2}})|/(?P<mn>{MONTH})/(?P<d3>\d{{1,2}}))(?:[/\-_.?#]|$)"
    ))
    .expect("url date pattern")
});

/// "KYIV, July 28 (Reuters) -", "GOMA, Feb 6 -", "YEREVAN/BAKU -".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{Lu}\p{Lu}.'’ -]*(?:/\p{Lu}[\p{Lu}.'’ -]*)*?|\p{Lu}\p{Ll}+(?:[ /]\p{Lu}\p{Ll}+){0,3})(?:,\s*(?P<rest>[^-–—(:]{1,40}?))?\s*(?:\((?P<agency>[\p{L}][\p{L}0-9 .&'-]{0,30})\))?\s*(?:-{1,2}|–|—)\s",
    )
    .expect("dateline pattern")
});

/// A written date, with the year when the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// Year, when written.
    pub year: Option<i32>,
    /// Month 1-12.
    pub month: u32,
    /// Day of month.
    pub day: u32,
    /// Byte range of the mention in the searched text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

impl DateMention {
    /// The calendar date, if the year is known and the day exists.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// The calendar date in `year` when the text gave none.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.unwrap_or(year), self.month, self.day)
    }
}

/// Month number of an English month name or abbreviation.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let n = match lower.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn mention(c: &Captures) -> Option<DateMention> {
    let whole = c.get(0)?;
    let (year, month, day, month_word) = if let Some(y) = c.name("iy") {
        (y.as_str().parse().ok(), num(c, "im")?, num(c, "id")?, None)
    } else if let Some(m) = c.name("dm") {
        let y = c.name("dy").and_then(|y| y.as_str().parse().ok());
        (
            y,
            month_number(m.as_str())?,
            num(c, "dd")?,
            Some(m.as_str()),
        )
    } else if let Some(m) = c.name("mm") {
        let y = c.name("my").and_then(|y| y.as_str().parse().ok());
        (
            y,
            month_number(m.as_str())?,
            num(c, "md")?,
            Some(m.as_str()),
        )
    } else {
        // Day first, as most of the world writes it; month first when the
        // "month" cannot be one (10/28/2020).
        let y = c.name("ny").and_then(|y| y.as_str().parse().ok());
        let (d, m) = (num(c, "nd")?, num(c, "nm")?);
        if m > 12 && d <= 12 {
            (y, d, m, None)
        } else {
            (y, m, d, None)
        }
    };
    // "may 5" or "march 3" in lower case are a verb and a number, not dates.
    if year.is_none() && month_word.is_some_and(|w| w.starts_with(|ch: char| ch.is_lowercase())) {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(DateMention {
        year,
        month,
        day,
        start: whole.start(),
        end: whole.end(),
    })
}

/// Every written date in `text`, in order.
pub(crate) fn find_dates(text: &str) -> impl Iterator<Item = DateMention> + '_ {
    DATE.captures_iter(text).filter_map(|c| mention(&c))
}

/// The date in a URL path (`/2020/10/12/`, `/20201012/`, `/2020/oct/12/`).
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    let path_start = url.find("://").map(|i| i + 3).unwrap_or(0);
    let path = &url[path_start..];
    let path = &path[path.find('/')?..];
    for c in URL_DATE.captures_iter(path) {
        let y: i32 = c.name("y")?.as_str().parse().ok()?;
        let (m, d) = if let Some(mn) = c.name("mn") {
            (month_number(mn.as_str())?, num(&c, "d3")?)
        } else if c.name("m2").is_some() {
            (num(&c, "m2")?, num(&c, "d2")?)
        } else {
            (num(&c, "m")?, num(&c, "d")?)
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(date);
        }
    }
    None
}

/// How a date line labels its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DateLabel {
    /// "Published", "Posted", "First published".
    Published,
    /// No label.
    Plain,
    /// "Updated", "Modified": not the publication date.
    Updated,
}

/// A line that states a date and little else ("Published 1 May 2021, 19:20 |
/// Updated ...", "4 August 2023", "CAUCASUS DISPATCH | World | 14 September 2022").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateLine<'a> {
    /// The date the line gives for publication.
    pub date: NaiveDate,
    /// The parts of the line that are not dates (mastheads, sections, desks).
    pub others: Vec<&'a str>,
}

/// Words allowed around a date on a date line.
fn is_date_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.is_empty() {
        return true;
    }
    // Times: 19:20, 9.30, 10:42:00, 7pm.
    if lower
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        && lower.bytes().any(|b| b == b':' || b == b'.')
    {
        return true;
    }
    let stripped = lower.trim_end_matches("am").trim_end_matches("pm");
    if !stripped.is_empty()
        && stripped.len() < lower.len()
        && stripped
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
    {
        return true;
    }
    matches!(
        lower,
        "published"
            | "updated"
            | "posted"
            | "first"
            | "last"
            | "modified"
            | "on"
            | "at"
            | "date"
            | "dated"
            | "filed"
            | "issued"
            | "uploaded"
            | "created"
            | "edited"
            | "a.m"
            | "p.m"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "pst"
            | "pdt"
            | "msk"
            | "ist"
            | "ast"
            | "local"
            | "time"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

fn label_of(segment: &str) -> DateLabel {
    let lower = segment.to_ascii_lowercase();
    if lower.contains("updated") || lower.contains("modified") || lower.contains("edited") {
        DateLabel::Updated
    } else if lower.contains("published") || lower.contains("posted") || lower.contains("filed") {
        DateLabel::Published
    } else {
        DateLabel::Plain
    }
}

/// The date of one segment of a date line, if the segment is a date and
/// nothing else (allowing labels, weekdays and times).
fn segment_date(segment: &str) -> Option<NaiveDate> {
    let m = find_dates(segment).find(|m| m.year.is_some())?;
    let rest_ok = [&segment[..m.start], &segment[m.end..]].iter().all(|part| {
        part.split(|c: char| c.is_whitespace() || ",;()[]-–—/".contains(c))
            .all(|w| is_date_word(w.trim_end_matches(':')))
    });
    if rest_ok {
        m.date()
    } else {
        None
    }
}

/// Does `t` hold a four-digit number from 1900 to 2099 (every date line has a year)?
fn has_year(t: &str) -> bool {
    let b = t.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        (w[..2] == *b"19" || w[..2] == *b"20")
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Read a date line; `None` when the line says more than a date.
pub(crate) fn date_line(t: &str) -> Option<DateLine<'_>> {
    if t.len() > 140 || !has_year(t) {
        return None;
    }
    let mut best: Option<(DateLabel, NaiveDate)> = None;
    let mut others = Vec::new();
    let segments = t
        .split(['|', '•', '·', '∙'])
        .flat_map(|s| s.split("   "))
        .flat_map(|s| s.split(" - "))
        .flat_map(|s| s.split(" – "));
    for seg in segments {
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        match segment_date(seg) {
            Some(d) => {
                let label = label_of(seg);
                if best.is_none_or(|(l, _)| label < l) {
                    best = Some((label, d));
                }
            }
            None => {
                // Other parts must be short labels, not sentences.
                if seg.split_whitespace().count() > 6 || seg.ends_with('.') {
                    return None;
                }
                others.push(seg);
            }
        }
    }
    let (_, date) = best?;
    Some(DateLine { date, others })
}

/// What a dateline at the head of a paragraph says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The date after the place, if any ("July 28").
    pub date: Option<DateMention>,
    /// The agency in parentheses ("Reuters").
    pub agency: Option<String>,
}

/// Read the dateline that opens a paragraph ("KYIV, July 28 (Reuters) - ...").
pub(crate) fn dateline(t: &str) -> Option<Dateline> {
    let head = &t[..floor_boundary(t, t.len().min(100))];
    // Most paragraphs open with no dateline: the lazy DFA answers that
    // without the captures engine, whose per-search set-up dominated here.
    if !DATELINE.is_match(head) {
        return None;
    }
    let c = DATELINE.captures(head)?;
    let place = c.name("place")?.as_str();
    let all_caps = !place.chars().any(|ch| ch.is_lowercase());
    let date = c.name("rest").and_then(|r| find_dates(r.as_str()).next());
    // A title-case "place" is only a dateline when a date follows it.
    if !all_caps && date.is_none() {
        return None;
    }
    if place.trim().chars().filter(|ch| ch.is_alphabetic()).count() < 2 {
        return None;
    }
    Some(Dateline {
        date,
        agency: c.name("agency").map(|a| a.as_str().trim().to_string()),
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn written_dates() {
        let found: Vec<_> = find_dates(
            "on 3 March 2019, then Oct. 12, 2020 and 2021-06-07T10:00:00+02:00, then July 28",
        )
        .collect();
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].date(), Some(d(2019, 3, 3)));
        assert_eq!(found[1].date(), Some(d(2020, 10, 12)));
        assert_eq!(found[2].date(), Some(d(2021, 6, 7)));
        assert_eq!(found[3].year, None);
        assert_eq!(found[3].date_in(2020), Some(d(2020, 7, 28)));
    }

    #[test]
    fn lower_case_month_words_are_not_dates() {
        assert_eq!(find_dates("they may 5 times").count(), 0);
        assert_eq!(find_dates("a march 3 days long").count(), 0);
    }

    #[test]
    fn url_paths() {
        assert_eq!(
            url_date("https://news.example.com/world/2020/10/12/some-story-a1"),
            Some(d(2020, 10, 12))
        );
        assert_eq!(
            url_date("https://example.com/2019/oct/07/x"),
            Some(d(2019, 10, 7))
        );
        assert_eq!(
            url_date("https://example.com/a/20210304/x"),
            Some(d(2021, 3, 4))
        );
        assert_eq!(url_date("https://example.com/2020/13/40/x"), None);
        assert_eq!(url_date("https://example.com/story-2020"), None);
        assert_eq!(url_date("https://2020.example.com/"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("4 August 2023").map(|l| l.date),
            Some(d(2023, 8, 4))
        );
        assert_eq!(
            date_line("Published: 6 February 2025").map(|l| l.date),
            Some(d(2025, 2, 6))
        );
        assert_eq!(
            date_line("Updated 2 May 2021, 10:05 | Published 1 May 2021, 19:20").map(|l| l.date),
            Some(d(2021, 5, 1))
        );
        let masthead = date_line("THE DAILY EXAMPLE   |   Europe   |   9 June 2019").unwrap();
        assert_eq!(masthead.date, d(2019, 6, 9));
        assert_eq!(masthead.others, vec!["THE DAILY EXAMPLE", "Europe"]);
        assert_eq!(
            date_line("Monday, March 2, 2020 at 9:30 a.m. GMT").map(|l| l.date),
            Some(d(2020, 3, 2))
        );
        assert!(date_line("Fighting resumed on 4 August 2023 near the border").is_none());
        assert_eq!(
            date_line("Example Times - 10/28/2020, 10:15").map(|l| l.date),
            Some(d(2020, 10, 28))
        );
        assert_eq!(
            date_line("12.10.2020").map(|l| l.date),
            Some(d(2020, 10, 12))
        );
        assert!(date_line("The 2020 war").is_none());
    }

    #[test]
    fn datelines() {
        let dl = dateline("NORTHTOWN, July 28 (Reuters) - Troops said").unwrap();
        assert_eq!(dl.agency.as_deref(), Some("Reuters"));
        assert_eq!(dl.date.map(|m| (m.month, m.day)), Some((7, 28)));
        let dl = dateline("EASTPORT/WESTPORT - Both sides said").unwrap();
        assert_eq!(dl.date, None);
        assert!(dateline("Officials said - not a dateline - today").is_none());
        let dl = dateline("Eastport, 3 May 2021 - The army").unwrap();
        assert_eq!(dl.date.and_then(|m| m.date()), Some(d(2021, 5, 3)));
    }
}
