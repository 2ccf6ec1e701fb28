//! The gazetteer: countries, regions and populated places (GeoNames, CC BY 4.0)
//! plus reviewed conflict regions, compiled once into a name index.

use crate::ExtractError;

/// A country with its codes, capital and demonyms.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    /// Usual English name.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub alpha2: String,
    /// ISO 3166-1 alpha-3.
    pub alpha3: String,
    /// Capital city name.
    pub capital: Option<String>,
    /// Demonyms and adjectives ("Armenian", "Armenians").
    pub demonyms: Vec<String>,
}

/// The compiled gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Load the embedded data files.
    pub fn load() -> Result<Self, ExtractError> {
        Ok(Gazetteer {})
    }

    /// The country with this ISO alpha-2 code.
    pub fn country(&self, alpha2: &str) -> Option<&CountryInfo> {
        let _ = alpha2;
        None
    }

    /// The country with this ISO alpha-3 code.
    pub fn country_by_alpha3(&self, alpha3: &str) -> Option<&CountryInfo> {
        let _ = alpha3;
        None
    }

    /// The country a demonym or adjective ("Azerbaijani", "Turkish") refers to.
    pub fn country_by_demonym(&self, word: &str) -> Option<&CountryInfo> {
        let _ = word;
        None
    }
}
