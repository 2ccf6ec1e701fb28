//! Great-circle distances.

/// Distance in kilometres between two points given in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
}

/// A latitude/longitude box that holds every point within `km` of a centre
/// (for an index-friendly first cut before the exact distance).
pub fn bounding_box(lat: f64, lon: f64, km: f64) -> (f64, f64, f64, f64) {
    let dlat = km / 111.0;
    let coslat = lat.to_radians().cos().abs().max(0.01);
    let dlon = (km / (111.0 * coslat)).min(180.0);
    (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yerevan_to_stepanakert_is_about_200_km() {
        let d = haversine_km(40.1792, 44.4991, 39.8177, 46.7528);
        assert!((d - 196.0).abs() < 15.0, "{d}");
    }

    #[test]
    fn box_contains_the_circle() {
        let (a, b, c, d) = bounding_box(40.0, 45.0, 25.0);
        assert!(a < 40.0 && b > 40.0 && c < 45.0 && d > 45.0);
        assert!(haversine_km(40.0, 45.0, b, 45.0) >= 24.9);
    }
}
