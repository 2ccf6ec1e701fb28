//! Publication dates as feeds and JSON Lines write them.

use chrono::{DateTime, NaiveDate};

/// Parse a publication date: RFC 3339 / ISO 8601 (`2022-04-02`,
/// `2022-04-02T10:30:00+03:00`), RFC 822 (`Sat, 02 Apr 2022 10:30:00 GMT`)
/// or a loose day-month-year (`2 April 2022`, `April 2, 2022`). The date is
/// the one in the writer's own time zone, not converted to UTC.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if let Some(d) = iso_prefix(s) {
        return Some(d);
    }
    loose_date(s)
}

/// `YYYY-MM-DD` (or `YYYY/MM/DD`) at the start of the string.
fn iso_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    if !(b[4] == b'-' && b[7] == b'-' || b[4] == b'/' && b[7] == b'/') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| head.get(r)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// Day, month name and year in any order, as RFC 822 variants and prose write them.
fn loose_date(s: &str) -> Option<NaiveDate> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut two_digit_year = None;
    for token in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if let Some(m) = month_number(token) {
            month.get_or_insert(m);
            continue;
        }
        let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        match digits.len() {
            4 if year.is_none() => year = Some(n as i32),
            1 | 2 if day.is_none() && (1..=31).contains(&n) => day = Some(n),
            2 if month.is_some() && two_digit_year.is_none() => two_digit_year = Some(n),
            _ => {}
        }
    }
    let year =
        year.or_else(|| two_digit_year.map(|y| if y < 70 { 2000 + y } else { 1900 + y } as i32))?;
    NaiveDate::from_ymd_opt(year, month?, day?)
}

fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if token.len() < 3 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    let idx = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "Mar" and "March" but not "marching"; "Sept" is a common abbreviation.
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][idx];
    (lower.len() == 3 || full.starts_with(&lower) || lower == "sept").then_some(idx as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn rfc_822_dates_keep_the_writers_day() {
        assert_eq!(parse_date("Sat, 02 Apr 2022 10:30:00 GMT"), d(2022, 4, 2));
        assert_eq!(
            parse_date("Sun, 20 Apr 2025 23:45:00 -0500"),
            d(2025, 4, 20)
        );
        assert_eq!(parse_date("2 Apr 2022 10:30 +0000"), d(2022, 4, 2));
        assert_eq!(parse_date("Tue, 29 Jul 25 09:10:00 GMT"), d(2025, 7, 29));
    }

    #[test]
    fn rfc_3339_and_iso_prefixes() {
        assert_eq!(parse_date("2023-08-03T22:00:00-05:00"), d(2023, 8, 3));
        assert_eq!(parse_date("2023-08-04"), d(2023, 8, 4));
        assert_eq!(parse_date("2023-08-04T10:00:00"), d(2023, 8, 4));
        assert_eq!(parse_date("2023/08/04 10:00"), d(2023, 8, 4));
    }

    #[test]
    fn prose_dates() {
        assert_eq!(parse_date("April 2, 2022"), d(2022, 4, 2));
        assert_eq!(parse_date("2nd September 2022"), d(2022, 9, 2));
        assert_eq!(parse_date("Sept 14 2022"), d(2022, 9, 14));
    }

    #[test]
    fn nonsense_is_none() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2022-13-45"), None);
        assert_eq!(parse_date("31 Feb 2022"), None);
        assert_eq!(parse_date("marching 2022"), None);
    }
}
