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

#[test]
fn smoke() {
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
