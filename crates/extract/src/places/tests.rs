//! Place recognition tests on sentences written for them.

use super::*;
use crate::gazetteer::tests::gaz;

fn places(text: &str) -> Vec<Place> {
    find_places(gaz(), text)
}

fn names(text: &str) -> Vec<(String, String)> {
    places(text)
        .into_iter()
        .map(|p| (p.name, p.country))
        .collect()
}

fn has(text: &str, name: &str, country: &str) -> bool {
    names(text).iter().any(|(n, c)| n == name && c == country)
}

fn countries_of(text: &str, name: &str) -> Vec<String> {
    names(text)
        .into_iter()
        .filter(|(n, _)| n == name)
        .map(|(_, c)| c)
        .collect()
}

#[test]
fn demonym_and_feature_word_pick_the_country() {
    let got =
        names("Shelling hit the Azerbaijani town of Barda on Monday, officials in Baku said.");
    assert_eq!(
        got,
        vec![
            ("Barda".to_string(), "AZ".to_string()),
            ("Baku".to_string(), "AZ".to_string())
        ]
    );
}

#[test]
fn context_country_resolves_ambiguous_names() {
    // Tripoli is Libya's capital, but in a Lebanon story it is Lebanon's city.
    let lebanon = "Lebanese troops deployed in Tripoli after clashes, and the army said calm had returned to Beirut.";
    assert_eq!(countries_of(lebanon, "Tripoli"), vec!["LB"]);
    let libya = "Militias clashed in Tripoli overnight, Libyan officials said.";
    assert_eq!(countries_of(libya, "Tripoli"), vec!["LY"]);
    // Georgia next to Atlanta is the US state, alone it is the country.
    let us = "Protesters marched in Atlanta, Georgia, on Saturday.";
    assert!(places(us).iter().any(|p| p.name.starts_with("Georgia")
        && p.country == "US"
        && p.kind == PlaceKind::Region));
    assert_eq!(
        countries_of(
            "Russia and Georgia traded accusations over the border.",
            "Georgia"
        ),
        vec!["GE"]
    );
}

#[test]
fn organisation_and_time_zone_names_are_not_places() {
    let text = "Talks under the OSCE Minsk Group stalled, the Normandy format met in Berlin, \
                and the truce began at 9 a.m. Moscow time.";
    let got = names(text);
    assert_eq!(got, vec![("Berlin".to_string(), "DE".to_string())]);
    assert!(names("The Moscow Times reported the strike.").is_empty());
}

#[test]
fn demonyms_are_not_places_but_compounds_of_country_names_are() {
    let got = names("Armenian and Azerbaijani officials met; Russia-backed fighters and pro-Ankara groups were not invited.");
    assert_eq!(
        got,
        vec![
            ("Russia".to_string(), "RU".to_string()),
            ("Ankara".to_string(), "TR".to_string())
        ]
    );
}

#[test]
fn alternate_names_meet_one_place() {
    let text =
        "Fighting reached Stepanakert, which Azerbaijan calls Khankendi, and Kiev condemned it.";
    let got = places(text);
    let stepanakert: Vec<&Place> = got
        .iter()
        .filter(|p| p.country == "AZ" && p.kind == PlaceKind::City)
        .collect();
    assert_eq!(stepanakert.len(), 1, "{got:?}");
    assert_eq!(stepanakert[0].mentions.len(), 2);
    assert!(has(text, "Kiev", "UA"));
    assert!(has(
        "Ships docked in Hodeidah and flights left Sanaa.",
        "Hodeidah",
        "YE"
    ));
}

#[test]
fn multi_country_regions_seas_and_former_states_are_not_places() {
    let text = "Tension in Kashmir and the Caucasus rose, ships crossed the Red Sea, \
                and veterans recalled the Soviet Union.";
    assert!(names(text).is_empty(), "{:?}", names(text));
    assert!(has(
        "Shelling hit Pakistan-administered Kashmir.",
        "Azad Kashmir",
        "PK"
    ));
}

#[test]
fn people_are_not_places() {
    let text = "Foreign Minister Sergei Lavrov met Vladimir Putin in Moscow. Lavrov said later that Putin was satisfied.";
    assert_eq!(names(text), vec![("Moscow".to_string(), "RU".to_string())]);
    // A surname that is also a town: only the person here.
    let text = "Colombia's attorney general Francisco Barbosa spoke in Bogota. Barbosa said the plan was real.";
    assert!(
        !names(text).iter().any(|(n, _)| n == "Barbosa"),
        "{:?}",
        names(text)
    );
}

#[test]
fn all_caps_and_title_case_headlines() {
    assert!(has(
        "RUSSIAN TROOPS SHELL KHARKIV AS TALKS STALL",
        "Kharkiv",
        "UA"
    ));
    assert!(has(
        "Syrian Army Says It Killed 20 Militants In Idlib Countryside",
        "Idlib",
        "SY"
    ));
    // Capitalised common words carry no signal in a title-case headline.
    let got = names("Hope Fades As Rescue Teams Search Rubble After Quake");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn regions_with_type_words_and_cities_are_distinct() {
    let text = "Shells fell on Donetsk, and the Donetsk and Luhansk regions saw heavy fighting near the village of Opytne.";
    let got = places(text);
    let donetsk: Vec<&Place> = got
        .iter()
        .filter(|p| p.name.starts_with("Donetsk"))
        .collect();
    assert_eq!(donetsk.len(), 2, "{got:?}");
    assert!(got
        .iter()
        .any(|p| p.name.starts_with("Luhansk") && p.kind == PlaceKind::Region));
    assert!(got.iter().any(|p| p.name == "Opytne" && p.country == "UA"));
}

#[test]
fn unknown_village_after_a_cue_takes_the_cue_country() {
    let got = places("Troops advanced on the Kyrgyz village of Zzyzzvakh before dawn.");
    let p = got
        .iter()
        .find(|p| p.name == "Zzyzzvakh")
        .expect("cue gives a place");
    assert_eq!(p.country, "KG");
    assert_eq!(p.lat, None);
}

#[test]
fn headline_with_only_a_demonym_gives_the_country() {
    assert_eq!(
        names("Nine Taliban killed in clashes with Afghan forces"),
        vec![("Afghanistan".to_string(), "AF".to_string())]
    );
    // Not when the text names a place.
    assert_eq!(
        names("Afghan forces retook Kunduz"),
        vec![("Kunduz".to_string(), "AF".to_string())]
    );
}

#[test]
fn mentions_are_byte_spans_of_the_text() {
    let text = "Ukraine’s army held Kyiv. Later, Kyiv was calm.";
    for p in places(text) {
        for m in &p.mentions {
            let s = &text[m.start..m.end];
            assert!(s == "Ukraine" || s == "Kyiv", "{s:?}");
        }
    }
    let kyiv = places(text)
        .into_iter()
        .find(|p| p.name == "Kyiv")
        .expect("Kyiv");
    assert_eq!(kyiv.mentions.len(), 2);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "#",
        "’s",
        "-\n-",
        "A.B.C.",
        "\u{feff}Ukraine",
        "al-",
        "\"Kyiv\"",
        "KYIV -",
    ] {
        let _ = places(text);
    }
}
