//! Numbers in digits and words, and approximate quantities as intervals.
//!
//! "three" [3,3]; "1,200"; "2.5 million"; "twenty-five"; "a hundred";
//! "a dozen" [12,12]; "about N" [floor(0.9N), ceil(1.1N)]; "nearly N"
//! [floor(0.9N), N-1]; "more than N" [N+1, open]; "at least N" [N, open];
//! "up to N" [1, N]; "between A and B" [A, B]; "several" [3,9]; "a few"
//! [2,5]; "dozens" [24,99]; "hundreds" [200,999]; "thousands"
//! [2000,9999]; "tens of thousands" [20000,99999]; "hundreds of
//! thousands" [200000,999999] (the annotation conventions).

mod lex;

pub use lex::{Lexed, Tok, TokKind};

/// A quantity found in a token stream: tokens `first..end` and its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// First token (the modifier, if any).
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Lower bound.
    pub min: u64,
    /// Upper bound; `None` is open-ended.
    pub max: Option<u64>,
    /// The core number was a vague word ("dozens", "several").
    pub vague: bool,
    /// The core was one four-digit number without separators (maybe a year).
    pub year_like: bool,
}

/// How a modifier shapes the interval around an exact number N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    Exact,
    About,
    Nearly,
    MoreThan,
    AtLeast,
    UpTo,
    FewerThan,
    Between,
}

/// Multi-word modifiers, longest first within each leading word.
const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["more", "than"], Modifier::MoreThan),
    (&["well", "over"], Modifier::MoreThan),
    (&["well", "above"], Modifier::MoreThan),
    (&["just", "over"], Modifier::MoreThan),
    (&["over"], Modifier::MoreThan),
    (&["upwards", "of"], Modifier::MoreThan),
    (&["in", "excess", "of"], Modifier::MoreThan),
    (&["at", "least"], Modifier::AtLeast),
    (&["no", "fewer", "than"], Modifier::AtLeast),
    (&["no", "less", "than"], Modifier::AtLeast),
    (&["not", "less", "than"], Modifier::AtLeast),
    (&["a", "minimum", "of"], Modifier::AtLeast),
    (&["nearly"], Modifier::Nearly),
    (&["almost"], Modifier::Nearly),
    (&["close", "to"], Modifier::Nearly),
    (&["just", "under"], Modifier::Nearly),
    (&["just", "short", "of"], Modifier::Nearly),
    (&["about"], Modifier::About),
    (&["around"], Modifier::About),
    (&["some"], Modifier::About),
    (&["roughly"], Modifier::About),
    (&["approximately"], Modifier::About),
    (&["approx"], Modifier::About),
    (&["an", "estimated"], Modifier::About),
    (&["estimated"], Modifier::About),
    (&["an", "approximate"], Modifier::About),
    (&["circa"], Modifier::About),
    (&["up", "to"], Modifier::UpTo),
    (&["as", "many", "as"], Modifier::UpTo),
    (&["at", "most"], Modifier::UpTo),
    (&["fewer", "than"], Modifier::FewerThan),
    (&["less", "than"], Modifier::FewerThan),
    (&["under"], Modifier::FewerThan),
    (&["between"], Modifier::Between),
    (&["a", "total", "of"], Modifier::Exact),
    (&["a", "further"], Modifier::Exact),
    (&["another"], Modifier::Exact),
    (&["only"], Modifier::Exact),
    (&["exactly"], Modifier::Exact),
];

/// Cardinal number words below one hundred (compounds are built from them).
fn small_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of a number word below one hundred, hyphenated compounds included
/// ("seven", "twenty-five").
pub fn word_value(w: &str) -> Option<u64> {
    // Every number word starts with one of these letters.
    if !matches!(
        w.as_bytes().first(),
        Some(b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'z')
    ) {
        return None;
    }
    if let Some(v) = small_word(w) {
        return Some(v);
    }
    if w.len() > 20 || !w.bytes().any(|b| b == b'-' || b >= 0x80) {
        return None;
    }
    let (tens, units) = w.split_once(['-', '\u{2010}', '\u{2011}'])?;
    let t = small_word(tens)?;
    let u = small_word(units)?;
    (t >= 20 && t % 10 == 0 && (1..10).contains(&u)).then_some(t + u)
}

/// A power-of-ten scale word.
fn scale_word(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mln" => 1_000_000,
        "billion" | "bn" => 1_000_000_000,
        _ => return None,
    })
}

/// The value of a digits token: "1,200" → 1200, "10+" → (10, open);
/// decimals only when a scale word follows (handled by the caller).
fn digits_value(s: &str) -> Option<(u64, bool)> {
    let (s, plus) = match s.strip_suffix('+') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    let mut v: u64 = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    Some((v, plus))
}

/// A decimal token times a scale: ("2.5", 1_000_000) → 2_500_000.
fn decimal_times(s: &str, scale: u64) -> Option<u64> {
    let (int, frac) = s.split_once('.')?;
    if int.is_empty() || frac.is_empty() || frac.len() > 6 {
        return None;
    }
    let (i, _) = digits_value(int)?;
    let f: u64 = frac.parse().ok()?;
    let denom = 10u64.checked_pow(u32::try_from(frac.len()).ok()?)?;
    i.checked_mul(scale)?
        .checked_add(f.checked_mul(scale)? / denom)
}

/// The core number at token `i`: (min, max, end, vague, year_like).
type Core = (u64, Option<u64>, usize, bool, bool);

fn parse_core(t: &Lexed, i: usize) -> Option<Core> {
    let i = t.skip_quotes(i);
    let w = t.lower(i);
    match t.kind(i)? {
        TokKind::Number => parse_digits_core(t, i),
        TokKind::Word => parse_word_core(t, i, w),
        _ => None,
    }
}

fn parse_digits_core(t: &Lexed, i: usize) -> Option<Core> {
    let s = t.lower(i);
    let scale = scale_word(t.lower(i + 1));
    if s.contains('.') {
        let v = decimal_times(s, scale?)?;
        return Some((v, Some(v), i + 2, false, false));
    }
    if let Some((a, b)) = s.split_once('-') {
        // "10-12": a range of counts (dates like 2020-10-12 have two dashes).
        let (lo, _) = digits_value(a)?;
        let (hi, _) = digits_value(b)?;
        return (lo < hi && !b.contains('-')).then_some((lo, Some(hi), i + 1, false, false));
    }
    let (v, plus) = digits_value(s)?;
    let year_like = s.len() == 4 && !plus && scale.is_none();
    match scale {
        Some(k) => {
            let v = v.checked_mul(k)?;
            Some((v, if plus { None } else { Some(v) }, i + 2, false, false))
        }
        None => Some((
            v,
            if plus { None } else { Some(v) },
            i + 1,
            false,
            year_like,
        )),
    }
}

fn parse_word_core(t: &Lexed, i: usize, w: &str) -> Option<Core> {
    // "1.5m", "300k", "2bn": digits with a scale letter.
    if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        let (digits, scale) = if let Some(d) = w.strip_suffix("bn") {
            (d, 1_000_000_000)
        } else if let Some(d) = w.strip_suffix('m') {
            (d, 1_000_000)
        } else if let Some(d) = w.strip_suffix('k') {
            (d, 1_000)
        } else {
            return None;
        };
        let v = if digits.contains('.') {
            decimal_times(digits, scale)?
        } else {
            digits_value(digits)?.0.checked_mul(scale)?
        };
        return Some((v, Some(v), i + 1, false, false));
    }
    // Vague quantities first.
    match w {
        "dozens" => return Some((24, Some(99), skip_of_more(t, i + 1), true, false)),
        "scores" => return Some((20, Some(99), skip_of_more(t, i + 1), true, false)),
        "hundreds" | "thousands" | "millions" | "tens" => return vague_scale(t, i),
        "several" | "few" | "handful" | "couple" => {}
        _ => {}
    }
    if w == "several" {
        return vague_times(t, i + 1, 3, 9);
    }
    if w == "a" || w == "an" {
        let next = t.lower(i + 1);
        match next {
            "few" => return vague_times(t, i + 2, 2, 5),
            "handful" if t.is(i + 2, "of") => return Some((2, Some(5), i + 3, true, false)),
            "couple" => {
                let end = if t.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((2, Some(2), end, false, false));
            }
            "dozen" | "hundred" | "thousand" | "million" => return parse_compound(t, i + 1, 1),
            _ => return None,
        }
    }
    if w == "half" && t.is(i + 1, "a") && t.is(i + 2, "dozen") {
        return Some((6, Some(6), i + 3, false, false));
    }
    let v = word_value(w)?;
    parse_compound(t, i + 1, v)
}

/// Continue a number-word compound after a first value: "two hundred and
/// fifty", "three thousand", "twenty five", "two dozen".
fn parse_compound(t: &Lexed, mut i: usize, first: u64) -> Option<Core> {
    let mut total: u64 = 0;
    let mut current = first;
    // "a dozen" / "a hundred" arrive with current = 1 and i at the scale word.
    loop {
        let w = t.lower(i);
        if w == "dozen" {
            current = current.checked_mul(12)?;
            i += 1;
            break;
        } else if w == "hundred" {
            current = current.checked_mul(100)?;
            i += 1;
            // "a hundred and twenty"
            if t.is(i, "and") {
                if let Some(v) = word_value(t.lower(i + 1)) {
                    current += v;
                    i += 2;
                }
            } else if let Some(v) = word_value(t.lower(i)) {
                current += v;
                i += 1;
            }
        } else if let Some(k) = scale_word(w) {
            total = total.checked_add(current.checked_mul(k)?)?;
            current = 0;
            i += 1;
            if let Some(v) = word_value(t.lower(i)) {
                current = v;
                i += 1;
            } else if t.is(i, "and") {
                if let Some(v) = word_value(t.lower(i + 1)) {
                    current = v;
                    i += 2;
                }
            }
        } else if current % 10 == 0 && (20..100).contains(&current) {
            // "twenty five" written as two words.
            match small_word(w) {
                Some(v) if (1..10).contains(&v) => {
                    current += v;
                    i += 1;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    let v = total + current;
    Some((v, Some(v), i, false, false))
}

/// "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "millions".
fn vague_scale(t: &Lexed, i: usize) -> Option<Core> {
    let unit = |w: &str| -> Option<u64> {
        match w {
            "hundreds" => Some(100),
            "thousands" => Some(1_000),
            "millions" => Some(1_000_000),
            _ => None,
        }
    };
    let w = t.lower(i);
    let (mut lo, mut hi, mut end) = match w {
        "tens" => {
            // "tens of thousands"
            let k = unit(t.lower(i + 2)).filter(|_| t.is(i + 1, "of"))?;
            (20 * k, 100 * k - 1, i + 3)
        }
        _ => {
            let k = unit(w)?;
            (2 * k, 10 * k - 1, i + 1)
        }
    };
    // "hundreds of thousands", "tens of millions"
    if t.is(end, "of") {
        if let Some(k) = unit(t.lower(end + 1)) {
            if k > 100 || hi < 100 {
                lo = lo.checked_mul(k)?;
                hi = (hi + 1).checked_mul(k)? - 1;
                end += 2;
            }
        }
    }
    Some((lo, Some(hi), skip_of_more(t, end), true, false))
}

/// "several" / "a few" optionally scaled: "several hundred", "a few dozen".
fn vague_times(t: &Lexed, i: usize, lo: u64, hi: u64) -> Option<Core> {
    let w = t.lower(i);
    let k = match w {
        "dozen" => 12,
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        _ => return Some((lo, Some(hi), i, true, false)),
    };
    Some((lo * k, Some(hi * k), i + 1, true, false))
}

/// Vague words are followed by "of" before the noun; the noun parser wants
/// to see the "of", so nothing is skipped here (kept as a hook for "more").
fn skip_of_more(_t: &Lexed, i: usize) -> usize {
    i
}

fn apply(modifier: Modifier, n: u64) -> (u64, Option<u64>) {
    match modifier {
        Modifier::Exact | Modifier::Between => (n, Some(n)),
        Modifier::About => (n * 9 / 10, Some((n * 11).div_ceil(10))),
        Modifier::Nearly => (n * 9 / 10, Some(n.saturating_sub(1).max(n * 9 / 10))),
        Modifier::MoreThan => (n + 1, None),
        Modifier::AtLeast => (n, None),
        Modifier::UpTo => (1.min(n), Some(n)),
        Modifier::FewerThan => (1.min(n), Some(n.saturating_sub(1).max(1.min(n)))),
    }
}

fn match_modifier(t: &Lexed, i: usize) -> Option<(Modifier, usize)> {
    let first = t.lower(i);
    for (words, m) in MODIFIERS {
        if words[0] != first {
            continue;
        }
        let mut j = i;
        let mut ok = true;
        for w in *words {
            j = t.skip_quotes(j);
            if !t.is(j, w) {
                ok = false;
                break;
            }
            j += 1;
        }
        if ok {
            return Some((*m, j));
        }
    }
    None
}

/// Parse a quantity starting exactly at token `i` (a modifier or the number).
pub fn parse_quantity(t: &Lexed, i: usize) -> Option<Quantity> {
    let i = t.skip_quotes(i);
    let (modifier, j) = match match_modifier(t, i) {
        Some((m, j)) => (m, j),
        None => (Modifier::Exact, i),
    };
    let (lo, hi, end, vague, year_like) = parse_core(t, j)?;
    if modifier == Modifier::Between || (modifier == Modifier::Exact && !vague) {
        // "between A and B", "A to B", "A or B"
        let joiner = t.lower(end);
        if (modifier == Modifier::Between && joiner == "and")
            || (modifier == Modifier::Exact && matches!(joiner, "to" | "or"))
        {
            if let Some((lo2, hi2, end2, false, _)) = parse_core(t, end + 1) {
                if lo2 > lo {
                    return Some(Quantity {
                        first: i,
                        end: end2,
                        min: lo,
                        max: hi2.or(Some(lo2)),
                        vague: false,
                        year_like: false,
                    });
                }
            }
        }
    }
    if modifier == Modifier::Between {
        return None;
    }
    let (mut min, mut max) = if vague {
        match modifier {
            Modifier::MoreThan | Modifier::AtLeast => (lo, None),
            _ => (lo, hi),
        }
    } else if hi == Some(lo) {
        apply(modifier, lo)
    } else {
        (lo, hi)
    };
    let mut end = end;
    // Postposed: "20 or more", "100 or so", "270 at least", "ten-plus".
    match (t.lower(end), t.lower(end + 1)) {
        ("or", "more") if !vague => {
            max = None;
            end += 2;
        }
        ("or", "so") if !vague && modifier == Modifier::Exact => {
            (min, max) = apply(Modifier::About, lo);
            end += 2;
        }
        ("at", "least") if !vague && modifier == Modifier::Exact => {
            max = None;
            end += 2;
        }
        ("plus", _) if !vague => {
            max = None;
            end += 1;
        }
        _ => {}
    }
    Some(Quantity {
        first: i,
        end,
        min,
        max,
        vague,
        year_like: year_like && modifier == Modifier::Exact,
    })
}

/// A cheap test: can a quantity start at token `i`?
fn may_start_quantity(t: &Lexed, i: usize) -> bool {
    match t.kind(i) {
        Some(TokKind::Number) => true,
        Some(TokKind::Quote) => true,
        Some(TokKind::Word) => {
            let w = t.lower(i);
            match w {
                // Vague quantities and the first words of MODIFIERS.
                "dozens" | "scores" | "hundreds" | "thousands" | "millions" | "tens"
                | "several" | "a" | "an" | "half" | "more" | "well" | "just" | "over"
                | "upwards" | "in" | "at" | "no" | "not" | "nearly" | "almost" | "close"
                | "about" | "around" | "some" | "roughly" | "approximately" | "approx"
                | "estimated" | "circa" | "up" | "as" | "fewer" | "less" | "under" | "between"
                | "another" | "only" | "exactly" => true,
                _ => {
                    w.as_bytes().first().is_some_and(u8::is_ascii_digit) || word_value(w).is_some()
                }
            }
        }
        _ => false,
    }
}

/// Every quantity in the token range `from..to`, left to right, not overlapping.
pub fn quantities(t: &Lexed, from: usize, to: usize) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !may_start_quantity(t, i) {
            i += 1;
            continue;
        }
        if let Some(q) = parse_quantity(t, i) {
            if q.end > i {
                i = q.end;
                out.push(q);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Parse a whole phrase as one quantity ("nearly 500" → (450, Some(499))).
pub fn parse_phrase(phrase: &str) -> Option<(u64, Option<u64>)> {
    let t = Lexed::new(phrase);
    let q = parse_quantity(&t, 0)?;
    (q.end == t.len()).then_some((q.min, q.max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(u64, Option<u64>)> {
        parse_phrase(s)
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(p("three"), Some((3, Some(3))));
        assert_eq!(p("Twenty-five"), Some((25, Some(25))));
        assert_eq!(p("twenty five"), Some((25, Some(25))));
        assert_eq!(p("1,200"), Some((1200, Some(1200))));
        assert_eq!(p("2.5 million"), Some((2_500_000, Some(2_500_000))));
        assert_eq!(p("a hundred"), Some((100, Some(100))));
        assert_eq!(p("two hundred and fifty"), Some((250, Some(250))));
        assert_eq!(p("three thousand"), Some((3000, Some(3000))));
        assert_eq!(p("a dozen"), Some((12, Some(12))));
        assert_eq!(p("two dozen"), Some((24, Some(24))));
        assert_eq!(p("half a dozen"), Some((6, Some(6))));
        assert_eq!(p("10+"), Some((10, None)));
        assert_eq!(p("1.5m"), Some((1_500_000, Some(1_500_000))));
        assert_eq!(p("about 300k"), Some((270_000, Some(330_000))));
        assert_eq!(p("5km"), None);
        assert_eq!(p("2.5"), None);
        assert_eq!(p("a"), None);
    }

    #[test]
    fn convention_intervals() {
        assert_eq!(p("nearly 500"), Some((450, Some(499))));
        assert_eq!(p("almost 20"), Some((18, Some(19))));
        assert_eq!(p("more than 60"), Some((61, None)));
        assert_eq!(p("over 40"), Some((41, None)));
        assert_eq!(p("about 30,000"), Some((27000, Some(33000))));
        assert_eq!(p("about 1,100"), Some((990, Some(1210))));
        assert_eq!(p("some 377,000"), Some((339_300, Some(414_700))));
        assert_eq!(p("about a hundred"), Some((90, Some(110))));
        assert_eq!(p("an estimated 7"), Some((6, Some(8))));
        assert_eq!(p("at least 3"), Some((3, None)));
        assert_eq!(p("up to 40"), Some((1, Some(40))));
        assert_eq!(p("between 2,500 and 6,000"), Some((2500, Some(6000))));
        assert_eq!(p("more than a dozen"), Some((13, None)));
        assert_eq!(p("several"), Some((3, Some(9))));
        assert_eq!(p("a few"), Some((2, Some(5))));
        assert_eq!(p("dozens"), Some((24, Some(99))));
        assert_eq!(p("hundreds"), Some((200, Some(999))));
        assert_eq!(p("thousands"), Some((2000, Some(9999))));
        assert_eq!(p("tens of thousands"), Some((20_000, Some(99_999))));
        assert_eq!(p("hundreds of thousands"), Some((200_000, Some(999_999))));
        assert_eq!(p("several hundred"), Some((300, Some(900))));
        assert_eq!(p("two or three"), Some((2, Some(3))));
        assert_eq!(p("10 to 15"), Some((10, Some(15))));
        assert_eq!(p("20 or more"), Some((20, None)));
        assert_eq!(p("fewer than 10"), Some((1, Some(9))));
        assert_eq!(p("“at least” six"), Some((6, None)));
    }

    #[test]
    fn every_modifier_passes_the_prefilter() {
        for (words, _) in MODIFIERS {
            let t = Lexed::new(words[0]);
            assert!(may_start_quantity(&t, 0), "{:?}", words);
        }
    }

    #[test]
    fn year_like_numbers_are_flagged() {
        let t = Lexed::new("in 2014 and 1,994");
        let qs = quantities(&t, 0, t.len());
        assert_eq!(qs.len(), 2);
        assert!(qs[0].year_like);
        assert!(!qs[1].year_like);
    }
}
