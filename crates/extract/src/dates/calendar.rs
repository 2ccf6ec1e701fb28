//! Calendar arithmetic and month, weekday and season names.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use truce_document::{DateRange, Precision};

/// A date from year, month, day; `None` if it does not exist.
pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `d` plus `n` days (negative goes back); `d` itself on overflow.
pub fn shift(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs())).unwrap_or(d)
    }
}

/// `d` plus `n` months (negative goes back), clamped to the month's end.
pub fn shift_months(d: NaiveDate, n: i32) -> NaiveDate {
    if n >= 0 {
        d.checked_add_months(Months::new(n.unsigned_abs()))
            .unwrap_or(d)
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// The Monday of the ISO week containing `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    shift(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// A range with a precision; start and end are put in order.
pub fn range(a: NaiveDate, b: NaiveDate, precision: Precision) -> DateRange {
    let (start, end) = if a <= b { (a, b) } else { (b, a) };
    DateRange {
        start,
        end,
        precision,
    }
}

/// The whole calendar month.
pub fn month(y: i32, m: u32) -> Option<DateRange> {
    let start = ymd(y, m, 1)?;
    let end = shift(shift_months(start, 1), -1);
    Some(range(start, end, Precision::Month))
}

/// The whole calendar year.
pub fn year(y: i32) -> Option<DateRange> {
    Some(range(ymd(y, 1, 1)?, ymd(y, 12, 31)?, Precision::Year))
}

/// A month number from an English month name or abbreviation (lower case).
pub fn month_number(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True for months whose name is also a common word ("march", "may").
pub fn ambiguous_month(w: &str) -> bool {
    matches!(w, "march" | "may" | "mar" | "jan" | "dec" | "sep")
}

/// A weekday from its English name (lower case, possessive stripped).
pub fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" | "tues" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" | "thurs" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The most recent `wd` on or before `d`.
pub fn weekday_on_or_before(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    shift(d, -i64::from(back))
}

/// The first `wd` on or after `d`.
pub fn weekday_on_or_after(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead = (7 + wd.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
    shift(d, i64::from(ahead))
}

/// The months of a northern-hemisphere season starting in year `y`
/// (winter runs December `y` to February `y+1`).
pub fn season(name: &str, y: i32) -> Option<DateRange> {
    let (m1, y2, m2) = match name {
        "spring" => (3, y, 5),
        "summer" => (6, y, 8),
        "autumn" | "fall" => (9, y, 11),
        "winter" => (12, y + 1, 2),
        _ => return None,
    };
    let start = ymd(y, m1, 1)?;
    let end = month(y2, m2)?.end;
    Some(range(start, end, Precision::Month))
}

/// The first, middle or last third of a range ("early", "mid", "late").
pub fn third(r: DateRange, part: &str) -> DateRange {
    let days = (r.end - r.start).num_days() + 1;
    let (a, b) = match part {
        "early" | "start" | "beginning" => (0, days / 3 - 1),
        "mid" | "middle" => (days / 3, 2 * days / 3 - 1),
        _ => (2 * days / 3, days - 1),
    };
    let precision = match r.precision {
        Precision::Year => Precision::Month,
        p => p,
    };
    range(shift(r.start, a), shift(r.start, b.max(a)), precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn weekdays_and_weeks() {
        // 2020-10-12 is a Monday.
        assert_eq!(monday_of(d("2020-10-14")), d("2020-10-12"));
        assert_eq!(
            weekday_on_or_before(d("2020-10-12"), Weekday::Sat),
            d("2020-10-10")
        );
        assert_eq!(
            weekday_on_or_before(d("2020-10-12"), Weekday::Mon),
            d("2020-10-12")
        );
        assert_eq!(
            weekday_on_or_after(d("2020-10-12"), Weekday::Sun),
            d("2020-10-18")
        );
    }

    #[test]
    fn months_seasons_thirds() {
        let feb = month(2024, 2).expect("month");
        assert_eq!((feb.start, feb.end), (d("2024-02-01"), d("2024-02-29")));
        let w = season("winter", 2020).expect("season");
        assert_eq!((w.start, w.end), (d("2020-12-01"), d("2021-02-28")));
        let oct = month(2023, 10).expect("month");
        let late = third(oct, "late");
        assert_eq!((late.start, late.end), (d("2023-10-21"), d("2023-10-31")));
        let early = third(oct, "early");
        assert_eq!((early.start, early.end), (d("2023-10-01"), d("2023-10-10")));
        assert_eq!(shift_months(d("2024-03-31"), -1), d("2024-02-29"));
    }
}
