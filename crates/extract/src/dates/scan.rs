//! Recognising time expressions in a token stream and resolving them.

use super::calendar::{
    ambiguous_month, monday_of, month, month_number, range, season, shift, shift_months, third,
    weekday, weekday_on_or_after, weekday_on_or_before, year, ymd,
};
use crate::numbers::{word_value, Lexed, TokKind};
use chrono::{Datelike, NaiveDate};
use truce_document::{DateRange, Precision, TimeExpression};

/// A recognised expression: its range and the token after it.
#[derive(Debug, Clone, Copy)]
struct Hit {
    range: DateRange,
    end: usize,
}

/// Words before a bare month name that make it a month ("in March", not "a march").
const MONTH_CONTEXT: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "from",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "of",
    "before",
    "after",
    "throughout",
    "between",
    "and",
    "to",
    "through",
    "on",
    "for",
    "whole",
    "entire",
];

/// Plural nouns after a four-digit number that make it a count, not a year.
fn counted_after_year(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !matches!(
            w,
            "elections"
                | "talks"
                | "protests"
                | "accords"
                | "attacks"
                | "clashes"
                | "hostilities"
                | "games"
                | "olympics"
                | "riots"
                | "polls"
                | "negotiations"
                | "sanctions"
                | "events"
                | "its"
                | "was"
        )
}

/// The scanner over one text.
pub struct Scanner<'a, 'b> {
    t: &'a Lexed<'b>,
    published: Option<NaiveDate>,
    /// The last day-precision date found, for "the previous day".
    anchor: Option<NaiveDate>,
}

impl<'a, 'b> Scanner<'a, 'b> {
    /// A scanner resolving against `published`.
    pub fn new(t: &'a Lexed<'b>, published: Option<NaiveDate>) -> Self {
        Scanner {
            t,
            published,
            anchor: None,
        }
    }

    /// Every time expression, in text order.
    pub fn run(mut self) -> Vec<TimeExpression> {
        let t = self.t;
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if let Some((hit, since)) = self.at(i) {
                let last = hit.end.saturating_sub(1).max(i);
                if hit.range.precision == Precision::Day && hit.range.start == hit.range.end {
                    self.anchor = Some(hit.range.start);
                }
                out.push(TimeExpression {
                    span: t.span(i, last),
                    range: hit.range,
                    since,
                });
                i = hit.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        out
    }

    /// An expression starting at token `i`, with "since" and ranges
    /// ("between X and Y", "from X to Y") folded in.
    fn at(&self, i: usize) -> Option<(Hit, bool)> {
        let t = self.t;
        let w = t.lower(i);
        if w == "since" {
            let x = self.simple(i + 1)?;
            let end = match self.published {
                Some(p) if p >= x.range.start => p,
                _ => x.range.end,
            };
            let r = range(x.range.start, end, x.range.precision);
            return Some((
                Hit {
                    range: r,
                    end: x.end,
                },
                true,
            ));
        }
        if matches!(w, "between" | "from") {
            let x = self.simple(i + 1)?;
            let joiner = t.lower(x.end);
            let ok = if w == "between" {
                joiner == "and"
            } else {
                matches!(
                    joiner,
                    "to" | "until" | "till" | "through" | "-" | "\u{2013}"
                )
            };
            if ok {
                if let Some(y) = self.simple(x.end + 1) {
                    if y.range.end >= x.range.start {
                        let precision = coarser(x.range.precision, y.range.precision);
                        let r = range(x.range.start, y.range.end, precision);
                        return Some((
                            Hit {
                                range: r,
                                end: y.end,
                            },
                            false,
                        ));
                    }
                }
            }
            return Some((x, false));
        }
        self.simple(i).map(|h| (h, false))
    }

    /// One expression starting exactly at token `i`, dispatched on its first word.
    fn simple(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let i = t.skip_quotes(i);
        match t.kind(i)? {
            TokKind::Number => self
                .numeric_date(i)
                .or_else(|| self.day_month(i))
                .or_else(|| self.ago(i))
                .or_else(|| self.anchored(i))
                .or_else(|| self.bare_year(i)),
            TokKind::Word => match t.lower(i) {
                "the" => self
                    .day_month(i)
                    .or_else(|| self.part_of(i))
                    .or_else(|| self.night_of(i))
                    .or_else(|| self.relative_day(i))
                    .or_else(|| self.relative_period(i))
                    .or_else(|| self.past_n(i))
                    .or_else(|| self.anchored(i))
                    .or_else(|| self.season_expr(i))
                    .or_else(|| self.decade(i)),
                "last" | "this" | "next" | "past" | "previous" => self
                    .weekday_led(i)
                    .or_else(|| self.relative_day(i))
                    .or_else(|| self.relative_period(i))
                    .or_else(|| self.season_expr(i)),
                "early" | "late" | "mid" => self.weekday_led(i).or_else(|| self.part_of(i)),
                "over" | "for" | "in" | "during" | "within" => {
                    self.relative_period(i).or_else(|| self.past_n(i))
                }
                "recent" => self.past_n(i),
                "today" | "tonight" | "yesterday" | "tomorrow" | "overnight" => {
                    self.relative_day(i)
                }
                "earlier" | "later" => self.relative_period(i).or_else(|| self.anchored(i)),
                "that" => self.anchored(i),
                "end" | "start" | "beginning" | "middle" => self.part_of(i),
                "night" => self.night_of(i),
                "spring" | "summer" | "autumn" | "fall" | "winter" => self.season_expr(i),
                w => {
                    let stem = t.stem(i);
                    if weekday(stem).is_some() {
                        self.weekday_led(i)
                    } else if month_number(stem).is_some() {
                        self.month_led(i)
                    } else if w.starts_with("mid-") {
                        self.part_of(i)
                    } else if w.ends_with('s')
                        && w.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    {
                        self.decade(i)
                    } else if self.day_at(i).is_some() {
                        self.day_month(i)
                    } else if self.count_at(i).is_some() {
                        self.ago(i).or_else(|| self.anchored(i))
                    } else {
                        None
                    }
                }
            },
            _ => None,
        }
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.t;
        if t.kind(i) != Some(TokKind::Number) {
            return None;
        }
        let s = t.lower(i);
        if s.len() != 4 {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }

    fn day_at(&self, i: usize) -> Option<u32> {
        let t = self.t;
        let s = t.lower(i);
        let digits = match t.kind(i)? {
            TokKind::Number => s,
            TokKind::Word => ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suf| s.strip_suffix(suf))?,
            _ => return None,
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// Days at token `i`: one ("12", "12th") or a range ("26-27").
    fn days_at(&self, i: usize) -> Option<(u32, u32)> {
        if let Some(d) = self.day_at(i) {
            return Some((d, d));
        }
        let t = self.t;
        if t.kind(i) != Some(TokKind::Number) {
            return None;
        }
        let (a, b) = t.lower(i).split_once('-')?;
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        ((1..=31).contains(&a) && a < b && b <= 31).then_some((a, b))
    }

    /// A month name at `i` (capitalised); returns (month, index after an abbreviation dot).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        if t.kind(i) != Some(TokKind::Word) || !t.is_capitalised(i) {
            return None;
        }
        let w = t.stem(i);
        let m = month_number(w)?;
        let raw = t.raw(i);
        if raw.len() > 2 && raw.chars().all(|c| c.is_ascii_uppercase()) && ambiguous_month(w) {
            return None;
        }
        let mut next = i + 1;
        if w.len() <= 4 && t.raw(next) == "." && w != "may" && w != "june" && w != "july" {
            next += 1;
        }
        Some((m, next))
    }

    /// The year for a month (and day) given without one: the most recent not
    /// after publication, or the next one when the clause speaks of the future.
    fn infer_year(&self, m: u32, d: u32, at: usize) -> Option<i32> {
        let p = self.published?;
        let this = ymd(p.year(), m, d.min(28))?;
        let future = self.future_clause(at);
        Some(if future {
            if this < shift(p, -2) {
                p.year() + 1
            } else {
                p.year()
            }
        } else if this > shift(p, 2) {
            p.year() - 1
        } else {
            p.year()
        })
    }

    /// Does the clause before token `at` speak of the future ("will meet on Monday")?
    fn future_clause(&self, at: usize) -> bool {
        let t = self.t;
        let mut j = at;
        for _ in 0..30 {
            if j == 0 {
                return false;
            }
            j -= 1;
            if t.is_hard_stop(j) {
                return false;
            }
            let w = t.lower(j);
            match w {
                "will" | "shall" | "'ll" | "tomorrow" | "upcoming" => return true,
                "due" | "expected" | "scheduled" | "set" | "slated" | "planned" | "poised" => {
                    let prev = if j > 0 { t.lower(j - 1) } else { "" };
                    if matches!(prev, "is" | "are" | "am" | "'s" | "'re" | "be") {
                        return true;
                    }
                }
                "said" | "says" | "told" | "announced" | "was" | "were" | "had" | "did"
                | "would" | "reported" => return false,
                _ => {}
            }
        }
        false
    }

    /// "2020-10-12", "12/10/2020", "12.10.2020".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        if t.kind(i) != Some(TokKind::Number) {
            return None;
        }
        // Not inside a URL path: ".../2020/07/22/...".
        let touches = |k: Option<usize>| {
            k.is_some_and(|k| {
                t.raw(k) == "/"
                    && (t.toks[k].span.end == t.toks[i].span.start
                        || t.toks[k].span.start == t.toks[i].span.end)
            })
        };
        if touches(i.checked_sub(1)) || touches(Some(i + 1).filter(|&k| k < t.len())) {
            return None;
        }
        let s = t.lower(i);
        // "2014-2016": a span of years.
        if let Some((a, b)) = s.split_once('-') {
            if a.len() == 4 && b.len() == 4 {
                let (ya, yb) = (a.parse::<i32>().ok()?, b.parse::<i32>().ok()?);
                if (1900..=2100).contains(&ya) && ya < yb && yb <= 2100 {
                    return Some(Hit {
                        range: range(year(ya)?.start, year(yb)?.end, Precision::Year),
                        end: i + 1,
                    });
                }
            }
        }
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if nums.len() != 3 {
            return None;
        }
        let date = if parts[0].len() == 4 {
            ymd(i32::try_from(nums[0]).ok()?, nums[1], nums[2])?
        } else {
            let y = match parts[2].len() {
                4 => i32::try_from(nums[2]).ok()?,
                2 => 2000 + i32::try_from(nums[2]).ok()?,
                _ => return None,
            };
            self.day_month_order(nums[0], nums[1], y)?
        };
        Some(Hit {
            range: DateRange::day(date),
            end: i + 1,
        })
    }

    /// "a/b/y": day first unless impossible, or unless that lands after
    /// publication while month-first does not.
    fn day_month_order(&self, a: u32, b: u32, y: i32) -> Option<NaiveDate> {
        let dm = ymd(y, b, a);
        let md = ymd(y, a, b);
        match (dm, md) {
            (Some(x), Some(z)) => match self.published {
                Some(p) if x > p && z <= p => Some(z),
                _ => Some(x),
            },
            (x, z) => x.or(z),
        }
    }

    /// "Sunday, October 12", "Monday 12 October 2020", or a weekday alone.
    fn weekday_led(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (prefix, wi) = match t.lower(i) {
            "last" | "this" | "next" | "early" | "late" | "past" => (Some(t.lower(i)), i + 1),
            _ => (None, i),
        };
        let wd = weekday(t.stem(wi))?;
        // An explicit date right after the weekday wins.
        let mut k = wi + 1;
        if t.raw(k) == "," {
            k += 1;
        }
        if matches!(prefix, None | Some("early" | "late")) {
            if let Some(h) = self.day_month(k).or_else(|| self.month_led(k)) {
                if h.range.precision == Precision::Day {
                    return Some(h);
                }
            }
        }
        let mut end = wi + 1;
        if matches!(
            t.lower(end),
            "morning" | "afternoon" | "evening" | "night" | "midday" | "noon"
        ) {
            end += 1;
        }
        let p = self.published?;
        let date = match prefix {
            Some("last") | Some("past") => {
                shift(monday_of(p), -7 + i64::from(wd.num_days_from_monday()))
            }
            Some("this") => shift(monday_of(p), i64::from(wd.num_days_from_monday())),
            Some("next") => shift(monday_of(p), 7 + i64::from(wd.num_days_from_monday())),
            _ if self.future_clause(i) => weekday_on_or_after(p, wd),
            _ => weekday_on_or_before(p, wd),
        };
        Some(Hit {
            range: DateRange::day(date),
            end,
        })
    }

    /// "12 October 2020", "12th October", "the 12th of October".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let ((d, d2), mi) = if t.is(i, "the") {
            let d = self.day_at(i + 1)?;
            if !t.is(i + 2, "of") {
                return None;
            }
            ((d, d), i + 3)
        } else {
            (self.days_at(i)?, i + 1)
        };
        let (m, mut end) = self.month_at(mi)?;
        let y = {
            let mut k = end;
            if t.raw(k) == "," {
                k += 1;
            }
            match self.year_at(k) {
                Some(y) => {
                    end = k + 1;
                    y
                }
                None => self.infer_year(m, d, i)?,
            }
        };
        let date = ymd(y, m, d)?;
        Some(Hit {
            range: range(date, ymd(y, m, d2)?, Precision::Day),
            end,
        })
    }

    /// "October 12, 2020", "Oct. 12", "October 2020", "in March".
    fn month_led(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (m, next) = self.month_at(i)?;
        if let Some((d, d2)) = self.days_at(next) {
            // Not "March 5,000 people": days_at only takes one or two digits.
            let mut end = next + 1;
            let mut k = end;
            if t.raw(k) == "," {
                k += 1;
            }
            let y = match self.year_at(k) {
                Some(y) => {
                    end = k + 1;
                    y
                }
                None => self.infer_year(m, d, i)?,
            };
            let date = ymd(y, m, d)?;
            return Some(Hit {
                range: range(date, ymd(y, m, d2)?, Precision::Day),
                end,
            });
        }
        let mut k = next;
        if t.is(k, "of") || t.raw(k) == "," {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some(Hit {
                range: month(y, m)?,
                end: k + 1,
            });
        }
        // A bare month needs context, all the more when it is also a word.
        let prev = i.checked_sub(1).map(|p| t.lower(p)).unwrap_or("");
        if !MONTH_CONTEXT.contains(&prev) && (ambiguous_month(t.stem(i)) || prev.is_empty()) {
            return None;
        }
        if !MONTH_CONTEXT.contains(&prev)
            && t.kind(i.wrapping_sub(1)) == Some(TokKind::Word)
            && !t.is_capitalised(i)
        {
            return None;
        }
        let p = self.published?;
        // "in May last year", "in March this year"
        if matches!(t.lower(next), "last" | "this" | "next") && t.is(next + 1, "year") {
            let y = match t.lower(next) {
                "last" => p.year() - 1,
                "next" => p.year() + 1,
                _ => p.year(),
            };
            return Some(Hit {
                range: month(y, m)?,
                end: next + 2,
            });
        }
        let y = match prev {
            "last" => {
                if m < p.month() {
                    p.year()
                } else {
                    p.year() - 1
                }
            }
            "next" => {
                if m > p.month() {
                    p.year()
                } else {
                    p.year() + 1
                }
            }
            _ => self.infer_year(m, 1, i)?,
        };
        Some(Hit {
            range: month(y, m)?,
            end: next,
        })
    }

    /// "early October", "mid-2021", "late last year", "the end of October",
    /// "the start of the year".
    fn part_of(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let w = t.lower(i);
        // "mid-October" / "mid-2021" are single tokens.
        if let Some(rest) = w.strip_prefix("mid-") {
            if let Some(m) = month_number(rest) {
                let (y, end) = match self.year_at(i + 1) {
                    Some(y) => (y, i + 2),
                    None => (self.infer_year(m, 15, i)?, i + 1),
                };
                return Some(Hit {
                    range: third(month(y, m)?, "mid"),
                    end,
                });
            }
            let y: i32 = rest.parse().ok()?;
            return Some(Hit {
                range: third(year(y)?, "mid"),
                end: i + 1,
            });
        }
        let (part, k) = match w {
            "early" | "late" | "mid" => (w, i + 1),
            "the"
                if matches!(t.lower(i + 1), "end" | "start" | "beginning" | "middle")
                    && t.is(i + 2, "of") =>
            {
                (t.lower(i + 1), i + 3)
            }
            "end" | "start" | "beginning" | "middle" if t.is(i + 1, "of") => (w, i + 2),
            _ => return None,
        };
        let k = if t.raw(k) == "-" { k + 1 } else { k };
        let whole = if let Some(h) = self
            .month_led(k)
            .filter(|h| h.range.precision == Precision::Month)
        {
            h
        } else if let Some(y) = self.year_at(k) {
            Hit {
                range: year(y)?,
                end: k + 1,
            }
        } else if let Some(h) = self
            .relative_period(k)
            .filter(|h| matches!(h.range.precision, Precision::Month | Precision::Year))
        {
            // "late last year", "the end of last month": use the whole period.
            let whole = match h.range.precision {
                Precision::Year => year(h.range.start.year())?,
                _ => month(h.range.start.year(), h.range.start.month())?,
            };
            Hit {
                range: whole,
                end: h.end,
            }
        } else if t.is(k, "the") && matches!(t.lower(k + 1), "year" | "month" | "week") {
            let p = self.published?;
            let r = match t.lower(k + 1) {
                "year" => year(p.year())?,
                "month" => month(p.year(), p.month())?,
                _ => range(monday_of(p), shift(monday_of(p), 6), Precision::Week),
            };
            Hit {
                range: r,
                end: k + 2,
            }
        } else {
            return None;
        };
        Some(Hit {
            range: third(whole.range, part),
            end: whole.end,
        })
    }

    /// "the night of Monday to Tuesday", "on the night of July 26".
    fn night_of(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let k = if t.is(i, "the") { i + 1 } else { i };
        if !(t.is(k, "night") && t.is(k + 1, "of")) {
            return None;
        }
        let x = self
            .weekday_led(k + 2)
            .or_else(|| self.day_month(k + 2))
            .or_else(|| self.month_led(k + 2))?;
        if matches!(t.lower(x.end), "to" | "into") {
            if let Some(y) = self
                .weekday_led(x.end + 1)
                .or_else(|| self.day_month(x.end + 1))
            {
                return Some(Hit {
                    range: range(x.range.start, y.range.end, Precision::Day),
                    end: y.end,
                });
            }
        }
        Some(x)
    }

    /// today, tonight, yesterday, last night, overnight, this morning, tomorrow.
    fn relative_day(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let p = self.published?;
        let w = t.lower(i);
        let one = |d: NaiveDate, end: usize| {
            Some(Hit {
                range: DateRange::day(d),
                end,
            })
        };
        match w {
            "today" | "tonight" => one(p, i + 1),
            "yesterday" => {
                let end = if matches!(t.lower(i + 1), "morning" | "afternoon" | "evening") {
                    i + 2
                } else {
                    i + 1
                };
                one(shift(p, -1), end)
            }
            "tomorrow" => one(shift(p, 1), i + 1),
            "this" if matches!(t.lower(i + 1), "morning" | "afternoon" | "evening") => {
                one(p, i + 2)
            }
            "last" if t.is(i + 1, "night") => one(shift(p, -1), i + 2),
            "the" if t.is(i + 1, "day") && t.is(i + 2, "before") && t.is(i + 3, "yesterday") => {
                one(shift(p, -2), i + 4)
            }
            "overnight" => {
                // "overnight into Sunday" / "overnight on Saturday"
                let k = if matches!(t.lower(i + 1), "on" | "into" | "to") {
                    i + 2
                } else {
                    i + 1
                };
                if let Some(wd) = weekday(t.stem(k)) {
                    let d = if self.future_clause(i) {
                        weekday_on_or_after(p, wd)
                    } else {
                        weekday_on_or_before(p, wd)
                    };
                    let r = if matches!(t.lower(i + 1), "into" | "to") {
                        range(shift(d, -1), d, Precision::Day)
                    } else {
                        range(d, shift(d, 1).min(p.max(d)), Precision::Day)
                    };
                    return Some(Hit {
                        range: r,
                        end: k + 1,
                    });
                }
                Some(Hit {
                    range: range(shift(p, -1), p, Precision::Day),
                    end: i + 1,
                })
            }
            _ => None,
        }
    }

    /// last/this/next week|month|year|weekend, earlier/later this ..., the weekend.
    fn relative_period(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let p = self.published?;
        let (when, k) = match t.lower(i) {
            "earlier" | "later" if t.is(i + 1, "this") => (t.lower(i), i + 2),
            "last" | "this" | "next" | "past" | "previous" => (t.lower(i), i + 1),
            "the" | "over" if matches!(t.lower(i + 1), "weekend") => ("the", i + 1),
            "over" if t.is(i + 1, "the") && t.is(i + 2, "weekend") => ("the", i + 2),
            "the"
                if matches!(t.lower(i + 1), "past" | "previous" | "last")
                    && matches!(t.lower(i + 2), "week" | "month" | "year" | "weekend") =>
            {
                (t.lower(i + 1), i + 2)
            }
            _ => return None,
        };
        let what = t.lower(k);
        let monday = monday_of(p);
        let r = match (when, what) {
            ("last" | "previous", "week") => {
                range(shift(monday, -7), shift(monday, -1), Precision::Week)
            }
            ("past", "week") => range(shift(p, -7), p, Precision::Week),
            ("this" | "earlier", "week") => range(monday, p, Precision::Week),
            ("later", "week") => range(p, shift(monday, 6), Precision::Week),
            ("next", "week") => range(shift(monday, 7), shift(monday, 13), Precision::Week),
            ("last" | "previous", "month") => {
                let prev = shift_months(p, -1);
                month(prev.year(), prev.month())?
            }
            ("past", "month") => range(shift_months(p, -1), p, Precision::Month),
            ("this" | "earlier", "month") => {
                range(ymd(p.year(), p.month(), 1)?, p, Precision::Month)
            }
            ("later", "month") => range(p, month(p.year(), p.month())?.end, Precision::Month),
            ("next", "month") => {
                let next = shift_months(p, 1);
                month(next.year(), next.month())?
            }
            ("last" | "previous", "year") => year(p.year() - 1)?,
            ("past", "year") => range(shift_months(p, -12), p, Precision::Year),
            ("this" | "earlier", "year") => range(ymd(p.year(), 1, 1)?, p, Precision::Year),
            ("later", "year") => range(p, ymd(p.year(), 12, 31)?, Precision::Year),
            ("next", "year") => year(p.year() + 1)?,
            (_, "weekend") => {
                let this_sat = shift(monday, 5);
                let sat = match when {
                    "last" | "previous" | "past" => shift(this_sat, -7),
                    "next" => shift(this_sat, 7),
                    "this" if p < this_sat => this_sat,
                    _ => {
                        if p >= this_sat {
                            this_sat
                        } else {
                            shift(this_sat, -7)
                        }
                    }
                };
                range(sat, shift(sat, 1), Precision::Day)
            }
            _ => return None,
        };
        Some(Hit {
            range: r,
            end: k + 1,
        })
    }

    /// A small count in words or digits ("two", "24", "a", "a few").
    fn count_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t;
        let w = t.lower(i);
        if matches!(w, "a" | "an" | "one") {
            if t.is(i + 1, "few") {
                return Some((3, i + 2));
            }
            if t.is(i + 1, "couple") {
                let k = if t.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((2, k));
            }
            return Some((1, i + 1));
        }
        if matches!(w, "few" | "several") {
            return Some((if w == "few" { 3 } else { 5 }, i + 1));
        }
        if let Some(v) = word_value(w) {
            return Some((u32::try_from(v).ok()?, i + 1));
        }
        if t.kind(i) == Some(TokKind::Number) && w.len() <= 3 {
            return Some((w.parse().ok()?, i + 1));
        }
        None
    }

    /// "two weeks ago", "three days ago", "a month ago".
    fn ago(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let p = self.published?;
        let (n, k) = self.count_at(i)?;
        let unit = t.lower(k);
        if !t.is(k + 1, "ago") {
            return None;
        }
        let n64 = i64::from(n);
        let n32 = i32::try_from(n).ok()?;
        let r = match unit.trim_end_matches('s') {
            "day" => DateRange::day(shift(p, -n64)),
            "week" => {
                let m = monday_of(shift(p, -7 * n64));
                range(m, shift(m, 6), Precision::Week)
            }
            "month" => {
                let d = shift_months(p, -n32);
                month(d.year(), d.month())?
            }
            "year" => year(p.year() - n32)?,
            _ => return None,
        };
        Some(Hit {
            range: r,
            end: k + 2,
        })
    }

    /// "the past two weeks", "for the last 24 hours", "in recent days".
    fn past_n(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let p = self.published?;
        if t.is(i, "recent") || (t.is(i, "in") && t.is(i + 1, "recent")) {
            let k = if t.is(i, "in") { i + 2 } else { i + 1 };
            let r = match t.lower(k) {
                "days" => range(shift(p, -4), p, Precision::Day),
                "weeks" => range(shift(p, -21), p, Precision::Week),
                "months" => range(shift_months(p, -3), p, Precision::Month),
                _ => return None,
            };
            return Some(Hit {
                range: r,
                end: k + 1,
            });
        }
        let mut k = i;
        if matches!(t.lower(k), "for" | "over" | "in" | "during" | "within") && t.is(k + 1, "the") {
            k += 1;
        }
        if !t.is(k, "the") || !matches!(t.lower(k + 1), "past" | "last" | "previous") {
            return None;
        }
        let (n, u) = self.count_at(k + 2)?;
        let n64 = i64::from(n);
        let r = match t.lower(u).trim_end_matches('s') {
            "hour" => range(shift(p, -(n64 + 23) / 24), p, Precision::Day),
            "day" => range(shift(p, -n64), p, Precision::Day),
            "night" => range(shift(p, -n64), p, Precision::Day),
            "week" => range(shift(p, -7 * n64), p, Precision::Week),
            "month" => range(
                shift_months(p, -i32::try_from(n).ok()?),
                p,
                Precision::Month,
            ),
            "year" => range(
                shift_months(p, -12 * i32::try_from(n).ok()?),
                p,
                Precision::Year,
            ),
            _ => return None,
        };
        Some(Hit {
            range: r,
            end: u + 1,
        })
    }

    /// Relative to the last day named: "the previous day", "a day later",
    /// "two days earlier", "that day", "the next day".
    fn anchored(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let base = self.anchor.or(self.published)?;
        let w = t.lower(i);
        let day = |n: i64, end: usize| {
            Some(Hit {
                range: DateRange::day(shift(base, n)),
                end,
            })
        };
        match (w, t.lower(i + 1), t.lower(i + 2)) {
            ("the", "previous" | "preceding", "day") => day(-1, i + 3),
            ("the", "day", "before") => day(-1, i + 3),
            ("the", "day", "after") => day(1, i + 3),
            ("the", "next" | "following", "day") => day(1, i + 3),
            ("the", "same", "day") => day(0, i + 3),
            ("that", "day" | "night" | "morning" | "evening" | "afternoon", _) => day(0, i + 2),
            ("later" | "earlier", "that", "day") => day(0, i + 3),
            _ => {
                let (n, k) = self.count_at(i)?;
                let per = match t.lower(k) {
                    "day" | "days" => 1,
                    "week" | "weeks" => 7,
                    _ => return None,
                };
                if matches!(t.lower(k + 2), "this" | "that") {
                    return None;
                }
                let n = i64::from(n) * per;
                match t.lower(k + 1) {
                    "later" => day(n, k + 2),
                    "earlier" | "before" => day(-n, k + 2),
                    _ => None,
                }
            }
        }
    }

    /// "last summer", "the autumn of 2020", "spring 2019".
    fn season_expr(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let (rel, k) = match t.lower(i) {
            "last" | "this" | "next" => (Some(t.lower(i)), i + 1),
            "the" => (None, i + 1),
            _ => (None, i),
        };
        let name = t.lower(k);
        if !matches!(name, "spring" | "summer" | "autumn" | "fall" | "winter") {
            return None;
        }
        let mut y_at = k + 1;
        if t.is(y_at, "of") {
            y_at += 1;
        }
        if let Some(y) = self.year_at(y_at) {
            return Some(Hit {
                range: season(name, y)?,
                end: y_at + 1,
            });
        }
        // "fall" alone is a verb; only "last fall" / "this fall" count.
        let rel = rel?;
        let p = self.published?;
        let current = season(name, p.year())?;
        let r = match rel {
            "last" => {
                if current.end < p {
                    current
                } else {
                    season(name, p.year() - 1)?
                }
            }
            "next" => {
                if current.start > p {
                    current
                } else {
                    season(name, p.year() + 1)?
                }
            }
            _ => current,
        };
        Some(Hit {
            range: r,
            end: k + 1,
        })
    }

    /// "the 1990s", "1990s".
    fn decade(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let k = if t.is(i, "the") { i + 1 } else { i };
        let w = t.lower(k);
        let digits = w.strip_suffix('s')?;
        if digits.len() != 4 || !digits.ends_with('0') {
            return None;
        }
        let y: i32 = digits.parse().ok()?;
        if !(1900..=2090).contains(&y) {
            return None;
        }
        Some(Hit {
            range: range(ymd(y, 1, 1)?, ymd(y + 9, 12, 31)?, Precision::Year),
            end: k + 1,
        })
    }

    /// A year alone: "in 2019", "a 1994 ceasefire" (not "2000 troops").
    fn bare_year(&self, i: usize) -> Option<Hit> {
        let t = self.t;
        let y = self.year_at(i)?;
        let next = t.lower(i + 1);
        if counted_after_year(next) && t.kind(i + 1) == Some(TokKind::Word) {
            return None;
        }
        if let Some(p) = i.checked_sub(1) {
            if matches!(t.raw(p), "$" | "\u{20ac}" | "\u{a3}" | "#")
                || matches!(
                    t.lower(p),
                    "no" | "number" | "route" | "page" | "resolution" | "room"
                )
            {
                return None;
            }
        }
        Some(Hit {
            range: year(y)?,
            end: i + 1,
        })
    }
}

fn coarser(a: Precision, b: Precision) -> Precision {
    let rank = |p: Precision| match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}
