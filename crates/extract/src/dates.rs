//! Time expressions resolved against the publication date.
//!
//! Explicit dates in the usual forms ("12 October 2020", "October 12,
//! 2020", "Oct. 12", "2020-10-12", "12/10/2020"), months and years ("in
//! March", "October 2020", "in 2019", "the 1990s", "early October"),
//! weekdays ("Monday" is the most recent on or before publication, "last
//! Tuesday" the Tuesday of the previous week), relative days and periods
//! ("yesterday", "overnight", "last week", "this week", "last month", "last
//! weekend", "two weeks ago", "the past two weeks"), "since X" (X to the
//! publication date), ranges ("between July and December") and days
//! relative to the last one named ("the previous day"). Without a
//! publication date only expressions that carry their own year resolve.

mod calendar;
mod scan;

use crate::numbers::Lexed;
use chrono::NaiveDate;
use truce_document::{DateRange, Document, Span, TimeExpression};

/// Fill `doc.ann.times`.
pub fn annotate(doc: &mut Document) {
    doc.ann.times = scan(&doc.text, doc.meta.published);
}

/// Every time expression in `text`, resolved against `published`.
pub fn scan(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpression> {
    scan_lexed(&Lexed::new(text), published)
}

/// [`scan`] over an already lexed text (shared with the figure scanner).
pub fn scan_lexed(t: &Lexed, published: Option<NaiveDate>) -> Vec<TimeExpression> {
    scan::Scanner::new(t, published).run()
}

/// Resolve one phrase ("last Tuesday", "12 Oct 2020"): the first expression in it.
pub fn resolve_date(phrase: &str, published: Option<NaiveDate>) -> Option<DateRange> {
    scan(phrase, published).first().map(|t| t.range)
}

/// The time expressions inside `span`, in order.
pub fn times_in(doc: &Document, span: Span) -> impl Iterator<Item = &TimeExpression> {
    doc.ann.times.iter().filter(move |t| span.contains(t.span))
}

/// The first time expression inside `span` (a sentence or clause).
pub fn time_in(doc: &Document, span: Span) -> Option<&TimeExpression> {
    times_in(doc, span).next()
}

/// The time expression inside `span` nearest to byte `at` (e.g. an event's verb).
pub fn time_near(doc: &Document, span: Span, at: usize) -> Option<&TimeExpression> {
    times_in(doc, span).min_by_key(|t| {
        if t.span.end <= at {
            at - t.span.end
        } else {
            t.span.start.saturating_sub(at)
        }
    })
}

/// The paragraph around `span`: from `doc.ann.paragraphs`, else between blank lines.
fn paragraph_of(doc: &Document, span: Span) -> Span {
    if let Some(p) = doc
        .ann
        .paragraphs
        .iter()
        .find(|p| p.start <= span.start && span.start < p.end)
    {
        return *p;
    }
    let text = doc.text.as_bytes();
    let mut a = span.start.min(text.len());
    while a > 1 && !(text[a - 1] == b'\n' && text[a - 2] == b'\n') {
        a -= 1;
    }
    Span::new(if a <= 1 { 0 } else { a }, span.end)
}

/// The time the passage before `span` sets: the nearest time expression
/// earlier in the same paragraph that is not a "since" range.
pub fn passage_time(doc: &Document, span: Span) -> Option<&TimeExpression> {
    let para = paragraph_of(doc, span);
    doc.ann
        .times
        .iter()
        .rev()
        .find(|t| t.span.start >= para.start && t.span.end <= span.start && !t.since)
}

/// The date of something said in `span` (a sentence or clause): its own time
/// expression (preferring one that is not a "since" range), else the time its
/// passage sets, else the publication day.
pub fn date_for(doc: &Document, span: Span) -> Option<DateRange> {
    let own: Vec<&TimeExpression> = times_in(doc, span).collect();
    if let Some(t) = own.iter().find(|t| !t.since).or(own.first()) {
        return Some(t.range);
    }
    if let Some(t) = passage_time(doc, span) {
        return Some(t.range);
    }
    doc.meta.published.map(DateRange::day)
}

#[cfg(test)]
mod tests;
