use super::*;
use truce_document::Precision;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Resolve the single expression in `text` against `published`.
fn one(text: &str, published: &str) -> (String, String, Precision, bool) {
    let times = scan(text, Some(d(published)));
    assert_eq!(times.len(), 1, "{text:?} gave {times:?}");
    let t = &times[0];
    (
        t.range.start.to_string(),
        t.range.end.to_string(),
        t.range.precision,
        t.since,
    )
}

fn day(text: &str, published: &str) -> String {
    let (s, e, p, _) = one(text, published);
    assert_eq!(s, e, "{text:?} is not a single day");
    assert_eq!(p, Precision::Day, "{text:?}");
    s
}

fn span(text: &str, published: &str) -> (String, String, Precision) {
    let (s, e, p, _) = one(text, published);
    (s, e, p)
}

// 2020-10-12 is a Monday.
const MON: &str = "2020-10-12";

#[test]
fn weekdays_resolve_to_the_most_recent() {
    assert_eq!(day("Officials spoke on Monday.", MON), "2020-10-12");
    assert_eq!(
        day("They agreed early Saturday to a pause.", MON),
        "2020-10-10"
    );
    assert_eq!(day("Shelling resumed on Sunday.", MON), "2020-10-11");
    assert_eq!(
        day("The envoy arrived late on Wednesday.", MON),
        "2020-10-07"
    );
    assert_eq!(day("Friday's statement was brief.", MON), "2020-10-09");
    assert_eq!(day("It happened on Tuesday evening.", MON), "2020-10-06");
    assert_eq!(day("Talks collapsed last Tuesday.", MON), "2020-10-06");
    assert_eq!(day("Talks collapsed last Monday.", MON), "2020-10-05");
    // Thursday 2021-04-29: "last Tuesday" is the Tuesday of the previous week.
    assert_eq!(
        day("The border closed last Tuesday.", "2021-04-29"),
        "2021-04-20"
    );
}

#[test]
fn weekdays_in_future_clauses_look_ahead() {
    assert_eq!(
        day("The ministers will meet again on Thursday.", MON),
        "2020-10-15"
    );
    assert_eq!(
        day(
            "Leaders are expected to attend a summit in the capital on Saturday.",
            MON
        ),
        "2020-10-17"
    );
    assert_eq!(
        day("He said on Thursday that talks will resume.", MON),
        "2020-10-08"
    );
    assert_eq!(
        day(
            "The group said the truce would start on Tuesday.",
            "2020-10-15"
        ),
        "2020-10-13"
    );
}

#[test]
fn relative_days() {
    assert_eq!(
        day("Two rockets hit the port yesterday.", MON),
        "2020-10-11"
    );
    assert_eq!(day("Markets reopened today.", MON), "2020-10-12");
    assert_eq!(day("Sirens sounded last night.", MON), "2020-10-11");
    assert_eq!(day("The statement came this morning.", MON), "2020-10-12");
    assert_eq!(
        span("Drones struck overnight.", MON),
        ("2020-10-11".into(), "2020-10-12".into(), Precision::Day)
    );
}

#[test]
fn weeks_months_weekends() {
    let week = Precision::Week;
    assert_eq!(
        span("Fighting flared last week.", MON),
        ("2020-10-05".into(), "2020-10-11".into(), week)
    );
    assert_eq!(
        span("Fighting flared this week.", "2020-10-14"),
        ("2020-10-12".into(), "2020-10-14".into(), week)
    );
    assert_eq!(
        span("Casualties rose last month.", MON),
        ("2020-09-01".into(), "2020-09-30".into(), Precision::Month)
    );
    assert_eq!(
        span("There were more clashes earlier this month.", MON),
        ("2020-10-01".into(), "2020-10-12".into(), Precision::Month)
    );
    assert_eq!(
        span("Clashes broke out last weekend.", MON),
        ("2020-10-10".into(), "2020-10-11".into(), Precision::Day)
    );
    assert_eq!(
        span("Clashes broke out over the weekend.", MON),
        ("2020-10-10".into(), "2020-10-11".into(), Precision::Day)
    );
    // Published on a Saturday: "last weekend" is the one before.
    assert_eq!(
        span("Clashes broke out last weekend.", "2020-10-17"),
        ("2020-10-10".into(), "2020-10-11".into(), Precision::Day)
    );
    assert_eq!(
        span("It rained last year.", MON),
        ("2019-01-01".into(), "2019-12-31".into(), Precision::Year)
    );
    assert_eq!(
        span("Prices rose this year.", MON),
        ("2020-01-01".into(), "2020-10-12".into(), Precision::Year)
    );
}

#[test]
fn counted_periods() {
    assert_eq!(
        span(
            "The armies have for the last two weeks engaged in clashes.",
            MON
        ),
        ("2020-09-28".into(), "2020-10-12".into(), Precision::Week)
    );
    assert_eq!(
        span("Over the past three days the town was shelled.", MON),
        ("2020-10-09".into(), "2020-10-12".into(), Precision::Day)
    );
    assert_eq!(
        span(
            "The ministry counted nine violations over the previous 24 hours.",
            MON
        ),
        ("2020-10-11".into(), "2020-10-12".into(), Precision::Day)
    );
    assert_eq!(
        span("The truce was signed two weeks ago.", MON),
        ("2020-09-28".into(), "2020-10-04".into(), Precision::Week)
    );
    assert_eq!(day("The village fell three days ago.", MON), "2020-10-09");
    assert_eq!(
        span("The post changed hands a month ago.", MON),
        ("2020-09-01".into(), "2020-09-30".into(), Precision::Month)
    );
    assert_eq!(
        span("Aid convoys have stalled in recent weeks.", MON),
        ("2020-09-21".into(), "2020-10-12".into(), Precision::Week)
    );
}

#[test]
fn explicit_dates() {
    assert_eq!(
        day("It was signed on 12 October 2020.", "2021-01-01"),
        "2020-10-12"
    );
    assert_eq!(
        day("It was signed on October 12, 2020.", "2021-01-01"),
        "2020-10-12"
    );
    assert_eq!(
        day("It was signed on Sunday, October 11, 2020.", "2021-01-01"),
        "2020-10-11"
    );
    assert_eq!(day("It was signed on Oct. 9 in Geneva.", MON), "2020-10-09");
    assert_eq!(day("It was signed on 2020-10-09.", MON), "2020-10-09");
    assert_eq!(day("It was signed on 09/10/2020.", MON), "2020-10-09");
    assert_eq!(
        day("It was signed on 10/25/2020.", "2020-11-01"),
        "2020-10-25"
    );
    assert_eq!(
        day("It was signed on the 3rd of October.", MON),
        "2020-10-03"
    );
    assert_eq!(day("Fighting broke out on July 27.", MON), "2020-07-27");
    // Not after publication: December is last year's.
    assert_eq!(day("Fighting broke out on Dec. 25.", MON), "2019-12-25");
    assert_eq!(
        day("BOGOTA, Aug 4 - The truce began.", "2023-08-04"),
        "2023-08-04"
    );
}

#[test]
fn months_years_decades() {
    let m = Precision::Month;
    assert_eq!(
        span("In March, rebels attacked a base.", MON),
        ("2020-03-01".into(), "2020-03-31".into(), m)
    );
    assert_eq!(
        span("The offensive began in November.", MON),
        ("2019-11-01".into(), "2019-11-30".into(), m)
    );
    assert_eq!(
        span("The offensive began in March 2019.", MON),
        ("2019-03-01".into(), "2019-03-31".into(), m)
    );
    assert_eq!(
        span("It broke down in December.", "2024-01-13"),
        ("2023-12-01".into(), "2023-12-31".into(), m)
    );
    assert_eq!(
        span("Elections were held in 2019.", MON),
        ("2019-01-01".into(), "2019-12-31".into(), Precision::Year)
    );
    assert_eq!(
        span("It was controlled by Armenians after a 1990s war.", MON),
        ("1990-01-01".into(), "1999-12-31".into(), Precision::Year)
    );
    assert_eq!(
        span("Late October saw heavy rain.", "2023-11-20"),
        ("2023-10-21".into(), "2023-10-31".into(), m)
    );
    assert_eq!(
        span("It peaked in mid-October.", "2023-11-20"),
        ("2023-10-11".into(), "2023-10-20".into(), m)
    );
    assert_eq!(
        span("They fought a war in the autumn of 2020.", MON),
        ("2020-09-01".into(), "2020-11-30".into(), m)
    );
    assert_eq!(
        span("Prices fell between July and December.", "2024-03-12"),
        ("2023-07-01".into(), "2023-12-31".into(), m)
    );
    assert_eq!(
        span("Some 450,000 died between 1985 and 2018.", MON),
        ("1985-01-01".into(), "2018-12-31".into(), Precision::Year)
    );
}

#[test]
fn since_runs_to_publication() {
    assert_eq!(
        one("The worst fighting since 1994 continued.", MON),
        (
            "1994-01-01".into(),
            "2020-10-12".into(),
            Precision::Year,
            true
        )
    );
    assert_eq!(
        one("Hundreds have died since last month.", MON),
        (
            "2020-09-01".into(),
            "2020-10-12".into(),
            Precision::Month,
            true
        )
    );
    assert_eq!(
        one("The alliance has advanced since October 27.", "2024-01-13"),
        (
            "2023-10-27".into(),
            "2024-01-13".into(),
            Precision::Day,
            true
        )
    );
    assert_eq!(
        one("Thousands fled since the start of the year.", "2025-02-06"),
        (
            "2025-01-01".into(),
            "2025-02-06".into(),
            Precision::Month,
            true
        )
    );
}

#[test]
fn days_relative_to_the_last_one_named() {
    let times = scan(
        "The deal was struck on Saturday. The previous day, talks nearly failed.",
        Some(d(MON)),
    );
    assert_eq!(times.len(), 2);
    assert_eq!(times[1].range.start, d("2020-10-09"));
    let times = scan(
        "Putin declared the truce on Saturday; it ended two days later.",
        Some(d(MON)),
    );
    assert_eq!(times[1].range.start, d("2020-10-12"));
    let times = scan(
        "A truce that Moscow declared the day before held on Sunday.",
        Some(d(MON)),
    );
    assert_eq!(times[0].range.start, d("2020-10-11"));
    let times = scan(
        "On the night of Monday to Tuesday, drones attacked.",
        Some(d("2020-10-14")),
    );
    assert_eq!(
        (times[0].range.start, times[0].range.end),
        (d("2020-10-12"), d("2020-10-13"))
    );
}

#[test]
fn without_a_publication_date_only_absolute_dates() {
    assert!(scan("It happened on Monday, last week.", None).is_empty());
    let times = scan("It happened on 3 May 2021 and in 2019.", None);
    assert_eq!(times.len(), 2);
    assert_eq!(times[0].range, DateRange::day(d("2021-05-03")));
}

#[test]
fn things_that_are_not_dates() {
    assert!(scan(
        "Prime Minister Theresa May said the march would go ahead.",
        Some(d(MON))
    )
    .is_empty());
    assert!(scan(
        "About 2000 troops and 24 hours of talks at 9 a.m.",
        Some(d(MON))
    )
    .is_empty());
    assert!(scan(
        "A 30-hour truce, 970-kilometre border, 1,994 people.",
        Some(d(MON))
    )
    .is_empty());
    assert!(scan("Shares may fall.", Some(d(MON))).is_empty());
}

#[test]
fn date_for_uses_sentence_then_passage_then_publication() {
    let mut doc = Document {
        text: "On 27 February the army shelled a town.\nAnkara blamed Damascus.\n\nTalks resumed."
            .into(),
        ..Document::default()
    };
    doc.meta.published = Some(d("2020-03-02"));
    annotate(&mut doc);
    let second = Span::new(40, 63);
    assert_eq!(doc.slice(second), "Ankara blamed Damascus.");
    assert_eq!(
        date_for(&doc, second).map(|r| r.start),
        Some(d("2020-02-27"))
    );
    let third = Span::new(65, 79);
    assert_eq!(doc.slice(third), "Talks resumed.");
    assert_eq!(
        date_for(&doc, third).map(|r| r.start),
        Some(d("2020-03-02"))
    );
    assert_eq!(
        time_in(&doc, Span::new(0, 39)).map(|t| t.range.start),
        Some(d("2020-02-27"))
    );
}

#[test]
fn month_with_relative_year_and_urls() {
    assert_eq!(
        span("They fought an 11-day war in May last year.", "2022-08-08"),
        ("2021-05-01".into(), "2021-05-31".into(), Precision::Month)
    );
    assert!(scan("see https://example.org/2020/07/22/story", Some(d(MON))).is_empty());
    assert_eq!(
        span("More than a dozen a day earlier this month.", MON),
        ("2020-10-01".into(), "2020-10-12".into(), Precision::Month)
    );
}

#[test]
fn day_and_year_spans() {
    assert_eq!(
        span("Talks were held on 26-27 July.", MON),
        ("2020-07-26".into(), "2020-07-27".into(), Precision::Day)
    );
    assert_eq!(
        span("Talks were held July 26-27.", MON),
        ("2020-07-26".into(), "2020-07-27".into(), Precision::Day)
    );
    assert_eq!(
        span("The 2014-2016 offensive failed.", MON),
        ("2014-01-01".into(), "2016-12-31".into(), Precision::Year)
    );
    let times = scan(
        "The town fell on 3 October. A week later it was retaken.",
        Some(d(MON)),
    );
    assert_eq!(times[1].range.start, d("2020-10-10"));
}

#[test]
fn more_relative_forms() {
    // 2024-03-10 is a Sunday.
    let sun = "2024-03-10";
    assert_eq!(
        day("The blast happened on Sunday morning.", sun),
        "2024-03-10"
    );
    assert_eq!(day("The blast happened on Monday.", sun), "2024-03-04");
    assert_eq!(day("Talks collapsed last Friday.", sun), "2024-03-01");
    assert_eq!(day("Talks resume next Tuesday.", sun), "2024-03-12");
    assert_eq!(
        span("Envoys meet next week.", sun),
        ("2024-03-11".into(), "2024-03-17".into(), Precision::Week)
    );
    assert_eq!(
        span("Envoys meet later this month.", sun),
        ("2024-03-10".into(), "2024-03-31".into(), Precision::Month)
    );
    assert_eq!(
        span("The offensive began in early March.", sun),
        ("2024-03-01".into(), "2024-03-10".into(), Precision::Month)
    );
    assert_eq!(
        span("The truce collapsed at the end of last year.", sun),
        ("2023-09-01".into(), "2023-12-31".into(), Precision::Month)
    );
    assert_eq!(
        span("They clashed late last month.", sun),
        ("2024-02-20".into(), "2024-02-29".into(), Precision::Month)
    );
    let times = scan(
        "Rebels attacked on 2 March. The day after, the army struck back.",
        Some(d(sun)),
    );
    assert_eq!(times[1].range.start, d("2024-03-03"));
    let times = scan("On 4 March a truce began at 6 p.m. that day.", Some(d(sun)));
    assert_eq!(times.len(), 2);
    assert_eq!(times[1].range.start, d("2024-03-04"));
}
