//! ISO 3166-1 codes: events name parties by alpha-3, places by alpha-2.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/countries.tsv");

struct Countries {
    by_alpha2: HashMap<&'static str, (&'static str, &'static str)>,
    by_alpha3: HashMap<&'static str, &'static str>,
}

fn table() -> &'static Countries {
    static T: OnceLock<Countries> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_alpha2 = HashMap::new();
        let mut by_alpha3 = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            if let (Some(a2), Some(a3), Some(name)) = (cols.next(), cols.next(), cols.next()) {
                by_alpha2.insert(a2, (a3, name));
                by_alpha3.insert(a3, a2);
            }
        }
        Countries {
            by_alpha2,
            by_alpha3,
        }
    })
}

/// The alpha-3 code of an alpha-2 code ("AM" -> "ARM").
pub fn alpha2_to_alpha3(a2: &str) -> Option<&'static str> {
    table()
        .by_alpha2
        .get(a2.to_ascii_uppercase().as_str())
        .map(|(a3, _)| *a3)
}

/// The alpha-2 code of an alpha-3 code ("AZE" -> "AZ").
pub fn alpha3_to_alpha2(a3: &str) -> Option<&'static str> {
    table()
        .by_alpha3
        .get(a3.to_ascii_uppercase().as_str())
        .copied()
}

/// The English name of a country given by its alpha-2 or alpha-3 code.
pub fn country_name(code: &str) -> Option<&'static str> {
    let upper = code.to_ascii_uppercase();
    let a2 = if upper.len() == 3 {
        alpha3_to_alpha2(&upper)?
    } else {
        table().by_alpha2.get_key_value(upper.as_str())?.0
    };
    table().by_alpha2.get(a2).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_convert_both_ways() {
        assert_eq!(alpha2_to_alpha3("am"), Some("ARM"));
        assert_eq!(alpha3_to_alpha2("AZE"), Some("AZ"));
        assert_eq!(alpha2_to_alpha3("PS"), Some("PSE"));
        assert_eq!(country_name("UKR"), Some("Ukraine"));
        assert_eq!(alpha2_to_alpha3("ZZ"), None);
    }
}
