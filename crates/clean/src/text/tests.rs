use super::*;

const CAPTION_FIRST: &str = include_str!("../../../../tests/fixtures/clean/caption-first.txt");
const HEADLINE_CAPTION: &str =
    include_str!("../../../../tests/fixtures/clean/headline-caption.txt");
const MASTHEAD: &str = include_str!("../../../../tests/fixtures/clean/masthead.txt");
const PUBLISHED_LINE: &str = include_str!("../../../../tests/fixtures/clean/published-line.txt");
const BYLINE_DATE: &str = include_str!("../../../../tests/fixtures/clean/byline-date.txt");
const WIRE_DATELINE: &str = include_str!("../../../../tests/fixtures/clean/wire-dateline.txt");
const RUNNING_HEADS: &str = include_str!("../../../../tests/fixtures/clean/running-heads.txt");

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// Every paragraph is one line, and none is empty.
fn assert_reflowed(text: &str) {
    for p in paragraphs(text) {
        assert!(!p.is_empty(), "empty paragraph in {text:?}");
        assert!(!p.contains('\n'), "paragraph not re-flowed: {p:?}");
        assert_eq!(p, p.trim(), "paragraph with outer blanks: {p:?}");
    }
}

#[test]
fn caption_and_credit_at_the_top_go_and_no_title_is_invented() {
    let c = clean_text(CAPTION_FIRST);
    assert_reflowed(&c.text);
    assert!(c
        .text
        .starts_with("Valdoria on Monday urged Eastmark and Westmark"));
    assert!(!c.text.contains("Shelling over the weekend"));
    assert!(!c.text.contains("Kowalczyk"));
    assert_eq!(c.meta.title, None);
}

#[test]
fn links_teasers_and_the_original_url_block_go() {
    let c = clean_text(CAPTION_FIRST);
    assert!(!c.text.contains("http"));
    assert!(!c.text.contains("Related article"));
    assert!(!c.text.contains("Original url"));
    assert!(!c.text.contains("a1234"));
    assert_eq!(
        c.meta.url.as_deref(),
        Some("https://www.northernledger.example/2021/03/15/valdoria-urges-eastmark-and-westmark-to-hold-fire-a1234")
    );
    assert_eq!(c.meta.published, date(2021, 3, 15));
    assert_eq!(c.meta.outlet.as_deref(), Some("Northern Ledger"));
}

#[test]
fn a_paragraph_cut_by_furniture_is_joined_again() {
    let c = clean_text(CAPTION_FIRST);
    assert!(c.text.contains(
        "has raised fears of a wider war with pro-Valdorian militias on both flanks and the region's ex-Soviet bases on alert."
    ));
}

#[test]
fn broken_words_are_mended_and_real_hyphens_kept() {
    let c = clean_text(CAPTION_FIRST);
    assert!(c.text.contains("Upper-Hollow plateau"), "{}", c.text);
    assert!(c.text.contains("humanitarian ceasefire that"));
    assert!(c.text.contains("The separatists in the hills"));
    assert!(c.text.contains("their T-72 tanks"));
    assert!(c.text.contains("pro-Valdorian"));
    assert!(c.text.contains("ex-Soviet"));
}

#[test]
fn subheadings_stay_their_own_paragraph() {
    let c = clean_text(CAPTION_FIRST);
    assert!(paragraphs(&c.text).contains(&"Mutual blame"));
}

#[test]
fn spans_map_back_to_the_same_words_in_the_raw_text() {
    let c = clean_text(CAPTION_FIRST);
    let raw = CAPTION_FIRST;
    // Plain words, words across a re-flowed line end, and a mended break.
    for word in [
        "Valdoria",
        "disputed Hollow Valley",
        "neighbours put the deal",
        "Mutual blame",
    ] {
        let at = c.text.find(word).unwrap();
        let (s, e) = c.map.span_to_raw(at, at + word.len());
        let raw_words: Vec<&str> = raw[s..e].split_whitespace().collect();
        let clean_words: Vec<&str> = word.split_whitespace().collect();
        assert_eq!(raw_words, clean_words, "{word}");
    }
    // "separatists" is "sepa-\nratists" in the raw text.
    let at = c.text.find("separatists").unwrap();
    let (s, e) = c.map.span_to_raw(at, at + "separatists".len());
    assert_eq!(&raw[s..e], "sepa-\nratists");
    let at = c.text.find("ratists").unwrap();
    assert_eq!(&raw[c.map.to_raw(at)..c.map.to_raw(at) + 7], "ratists");
    // A kept hyphen across a line end.
    let at = c.text.find("Upper-Hollow").unwrap();
    let (s, e) = c.map.span_to_raw(at, at + "Upper-Hollow".len());
    assert_eq!(&raw[s..e], "Upper-\nHollow");
    // Every byte of the cleaned text maps inside the raw text.
    for i in 0..c.text.len() {
        assert!(c.map.to_raw(i) <= raw.len());
    }
}

#[test]
fn headline_above_a_caption_becomes_the_title() {
    let c = clean_text(HEADLINE_CAPTION);
    assert_reflowed(&c.text);
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Rebels broke the new river truce within hours, army says")
    );
    assert!(c
        .text
        .starts_with("NORTHVALE - The army said on Tuesday that Valdoria-backed rebels"));
    assert!(!c.text.contains("dugout"));
    assert!(!c.text.contains("Brenner"));
    assert!(!c.text.contains("Page 1"));
    assert!(c.text.contains("open-ended ceasefire along"));
    assert!(c.text.contains("the separatists had fired"));
    assert_eq!(c.meta.published, date(2020, 7, 28));
    assert_eq!(
        c.meta.url.as_deref(),
        Some(
            "https://www.northvalecourier.example/2020/07/28/rebels-broke-river-truce-within-hours"
        )
    );
    // The outlet's name is written out in the text: "Northvale Courier".
    assert_eq!(c.meta.outlet.as_deref(), Some("Northvale Courier"));
}

#[test]
fn masthead_gives_outlet_and_date_and_page_footers_go() {
    let c = clean_text(MASTHEAD);
    assert_reflowed(&c.text);
    assert_eq!(c.meta.outlet.as_deref(), Some("Lakeside Ledger"));
    assert_eq!(c.meta.published, date(2021, 3, 3));
    assert_eq!(c.meta.url, None);
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Hill villages empty as border shelling defies new truce")
    );
    assert!(c
        .text
        .starts_with("GREYWATER/STONEBRIDGE - Both governments"));
    assert!(c.text.contains("Stonebridge-backed units"));
    assert!(!c.text.contains("Page"));
    assert!(!c.text.contains("LAKESIDE"));
    assert!(!c.text.contains("Handout"));
    assert!(c.text.ends_with("from the border villages."));
}

#[test]
fn published_line_and_a_wrapped_teaser() {
    let c = clean_text(PUBLISHED_LINE);
    assert_reflowed(&c.text);
    assert_eq!(c.meta.published, date(2019, 6, 5));
    assert_eq!(c.meta.outlet.as_deref(), Some("Meadow Valley Monitor"));
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Two neighbours agree \"full truce\" after deadly border clashes")
    );
    assert!(!c.text.contains("Dispute"));
    assert!(!c.text.contains("Published"));
    assert!(!c.text.contains("-- 2 --"));
    assert!(c.text.contains("village of Kettle-Rock, where"));
    assert!(c.text.contains("surveillance cameras"));
    assert!(c.text.starts_with("EASTON - Two neighbouring states"));
}

#[test]
fn byline_and_date_line_go_dateline_stays() {
    let c = clean_text(BYLINE_DATE);
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Rebels and government begin first long truce")
    );
    assert_eq!(c.meta.published, date(2023, 8, 4));
    assert_eq!(c.meta.outlet, None);
    assert!(c.text.starts_with("EASTPORT, Aug 4 - A six-month truce"));
    assert!(!c.text.contains("Ana Ruiz"));
    assert_eq!(paragraphs(&c.text).len(), 2);
}

#[test]
fn wire_dateline_gives_day_and_agency() {
    let c = clean_text(WIRE_DATELINE);
    assert_eq!(c.meta.published, date(2019, 7, 28));
    assert_eq!(
        c.meta.url.as_deref(),
        Some("https://www.examplewire.example/world/2019/07/28/fighting-eases-on-northern-front")
    );
    assert_eq!(c.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(c.meta.title, None);
    assert!(c
        .text
        .starts_with("EASTPORT, July 28 (Example Wire) - Fighting eased"));
    assert!(!c.text.contains("Source"));
}

#[test]
fn running_heads_and_page_breaks() {
    let c = clean_text(RUNNING_HEADS);
    assert_reflowed(&c.text);
    assert!(!c.text.contains("RIVERSIDE"));
    assert!(!c.text.contains("Advertisement"));
    assert!(!c.text.contains("Share"));
    assert_eq!(c.meta.outlet.as_deref(), Some("Riverside Gazette"));
    assert_eq!(
        c.meta.title.as_deref(),
        Some("The valley truce is holding, officials say")
    );
    assert_eq!(c.meta.published, date(2022, 2, 11));
    assert!(c
        .text
        .contains("fired overnight near the old bridge, where fighting"));
}

#[test]
fn unwrapped_lines_are_paragraphs_of_their_own() {
    let long = "word ".repeat(60);
    let body = format!("{long}one.\n{long}two.\n{long}three.\n{long}four.\n");
    let c = clean_text(&body);
    assert_eq!(paragraphs(&c.text).len(), 4);
}

#[test]
fn hard_wrapped_paragraphs_without_blank_lines_split_at_short_lines() {
    let body = "The first paragraph runs over two lines of print and it wraps right about\n\
                here at the margin.\n\
                The second paragraph also runs over two lines of print, wrapping about here\n\
                at the margin too.\n";
    let c = clean_text(body);
    assert_eq!(paragraphs(&c.text).len(), 2, "{}", c.text);
}

#[test]
fn empty_and_blank_bodies() {
    assert_eq!(clean_text("").text, "");
    assert_eq!(clean_text("\n \n\x0c\n").text, "");
    let c = clean_text("Page 1 of 1\n");
    assert_eq!(c.text, "");
}

#[test]
fn dash_at_a_line_end_is_not_a_broken_word() {
    let body = "He said the truce -\nwhich began on Monday - was holding across the whole of the front line\nfor now.\n";
    let c = clean_text(body);
    assert!(c.text.contains("the truce - which began"), "{}", c.text);
}

const BROWSER_PRINT: &str = include_str!("../../../../tests/fixtures/clean/browser-print.txt");

#[test]
fn kicker_headline_standfirst_and_indented_paragraphs() {
    let c = clean_text(BROWSER_PRINT);
    assert_reflowed(&c.text);
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Why The Valley Truce Keeps Failing")
    );
    let paras = paragraphs(&c.text);
    assert!(!c.text.contains("Analysis"), "{}", c.text);
    assert!(paras[0].starts_with("Both sides say they want peace."));
    assert!(paras[1].starts_with("EASTPORT - The truce"));
    assert!(
        paras[2].ends_with("since the talks began on 4 August 2023."),
        "{}",
        paras[2]
    );
    assert_eq!(paras.len(), 4, "{}", c.text);
}

#[test]
fn browser_footer_gives_url_and_date_and_a_date_inside_a_sentence_stays() {
    let c = clean_text(BROWSER_PRINT);
    assert!(!c.text.contains("http"));
    assert_eq!(
        c.meta.url.as_deref(),
        Some("https://www.valleyreview.example/2023/08/10/why-the-valley-truce-keeps-failing")
    );
    assert_eq!(c.meta.published, date(2023, 8, 10));
    assert_eq!(c.meta.outlet.as_deref(), Some("Valley Review"));
}

#[test]
fn the_outlet_name_alone_at_a_page_break_goes() {
    let body =
        "NORTHTOWN - The army said on Monday that the truce had held through the night along the\n\
                whole of the front, though monitors reported sporadic fire near the\n\
                \n\
                Page 1 of 2\n\
                \n\
                Northtown Herald\n\
                \n\
                old crossing, where both sides keep forward posts within sight of each other.\n\
                \n\
                Original url:\n\
                https://www.northtownherald.example/2022/05/09/truce-holds-overnight\n";
    let c = clean_text(body);
    assert_eq!(paragraphs(&c.text).len(), 1, "{}", c.text);
    assert!(c.text.contains("sporadic fire near the old crossing"));
    assert_eq!(c.meta.outlet.as_deref(), Some("Northtown Herald"));
}

#[test]
fn a_photo_block_in_the_middle_goes_with_its_credit() {
    let body = "EASTPORT - The truce held on Monday, officials on both sides of the river said in separate\n\
                statements issued late in the evening.\n\
                \n\
                Residents clear rubble from a street in the old town on Sunday. (Photo: Jane Roe)\n\
                \n\
                Monitors said they had counted no violations since midnight.\n";
    let c = clean_text(body);
    assert!(!c.text.contains("rubble"), "{}", c.text);
    assert_eq!(paragraphs(&c.text).len(), 2);
}

#[test]
fn a_headline_right_above_the_dateline() {
    let body = "Guns fall silent along the river as truce takes hold\n\
                EASTPORT - The guns fell silent along the river on Monday as a truce agreed in the capital\n\
                took hold, residents and officials said.\n";
    let c = clean_text(body);
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Guns fall silent along the river as truce takes hold")
    );
    assert!(c.text.starts_with("EASTPORT - The guns fell silent"));
}

#[test]
fn a_date_line_right_under_the_headline() {
    let body = "Guns fall silent along the river\n\
                Published: 14 September 2022\n\
                \n\
                EASTPORT - The guns fell silent along the river on Monday as a truce agreed in the capital\n\
                took hold, residents and officials said.\n";
    let c = clean_text(body);
    assert_eq!(c.meta.published, date(2022, 9, 14));
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Guns fall silent along the river")
    );
    assert!(c.text.starts_with("EASTPORT"));
}

#[test]
fn a_section_in_capitals_is_not_the_outlet() {
    let body = "WORLD | 12 March 2024\n\nHeadline of a short story here\n\nEASTPORT - The truce held on Monday, officials said.\n";
    let c = clean_text(body);
    assert_eq!(c.meta.outlet, None);
    assert_eq!(c.meta.published, date(2024, 3, 12));
    assert_eq!(
        c.meta.title.as_deref(),
        Some("Headline of a short story here")
    );
}

#[test]
fn repeated_short_lines_without_pages_are_kept() {
    let body = "Schedule for the week\n\nMorning patrol\n\nCheck the river posts.\n\nMorning patrol\n\nCheck the bridge posts.\n";
    let c = clean_text(body);
    assert_eq!(c.text.matches("Morning patrol").count(), 2, "{}", c.text);
}

#[test]
fn a_long_lede_without_a_full_stop_is_not_a_headline() {
    let body = "The two governments have this morning signed the long-awaited agreement that ends three years of fighting along the whole of the disputed northern border region\n\n\
                Officials from both sides attended the ceremony in the capital.\n";
    let c = clean_text(body);
    assert_eq!(c.meta.title, None);
    assert!(c.text.starts_with("The two governments"));
}

#[test]
fn two_sentences_are_not_a_headline() {
    let body = "This post was paid for by a sponsor. All opinions are mine\n\nThe truce held on Monday, officials said.\n";
    let c = clean_text(body);
    assert_eq!(c.meta.title, None);
    assert!(c.text.starts_with("This post was paid for"));
}
