//! The dashboard's static files, embedded in the binary at build time.
//!
//! Files are looked up by exact path in a fixed table, so no request path can reach the
//! file system (no path traversal), and the dashboard works with no network.

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// One embedded file.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// URL path it is served at.
    pub path: &'static str,
    /// Content-Type header value.
    pub content_type: &'static str,
    /// The bytes.
    pub body: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $ct:expr, $file:literal) => {
        Asset {
            path: $path,
            content_type: $ct,
            body: include_bytes!($file),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file the dashboard needs.
pub static ASSETS: &[Asset] = &[
    asset!("/", "text/html; charset=utf-8", "../assets/index.html"),
    asset!(
        "/assets/style.css",
        "text/css; charset=utf-8",
        "../assets/style.css"
    ),
    asset!("/assets/app.js", JS, "../assets/app.js"),
    asset!("/assets/api.js", JS, "../assets/api.js"),
    asset!("/assets/dom.js", JS, "../assets/dom.js"),
    asset!("/assets/map.js", JS, "../assets/map.js"),
    asset!("/assets/timeline.js", JS, "../assets/timeline.js"),
    asset!("/assets/tables.js", JS, "../assets/tables.js"),
    asset!("/assets/article.js", JS, "../assets/article.js"),
    asset!(
        "/assets/favicon.svg",
        "image/svg+xml",
        "../assets/favicon.svg"
    ),
    asset!(
        "/assets/countries-110m.json",
        "application/json",
        "../../../data/naturalearth/countries-110m.json"
    ),
];

/// The embedded file served at `path`, if any.
pub fn find(path: &str) -> Option<&'static Asset> {
    let path = if path == "/index.html" { "/" } else { path };
    ASSETS.iter().find(|a| a.path == path)
}

/// Content-Security-Policy for the dashboard: only same-origin scripts, styles and
/// connections; no inline script, no plugins, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'";

/// Handler for every non-API GET: an embedded file or a 404.
pub async fn serve(uri: Uri) -> Response {
    match find(uri.path()) {
        Some(asset) => {
            let mut resp = asset.body.into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            );
            // The files change only with the binary; revalidation is cheap on localhost.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            resp
        }
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found\n",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_paths_are_found() {
        assert!(find("/").is_some());
        assert!(find("/index.html").is_some());
        assert!(find("/assets/app.js").is_some());
        assert!(find("/assets/../Cargo.toml").is_none());
        assert!(find("/../../etc/passwd").is_none());
        assert!(find("/assets/%2e%2e/lib.rs").is_none());
    }

    #[test]
    fn assets_are_not_empty_and_paths_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in ASSETS {
            assert!(!a.body.is_empty(), "{} is empty", a.path);
            assert!(seen.insert(a.path), "{} listed twice", a.path);
        }
    }

    #[test]
    fn country_outlines_are_valid_json() {
        let a = find("/assets/countries-110m.json").expect("outlines embedded");
        let v: serde_json::Value = serde_json::from_slice(a.body).expect("json");
        assert!(v["countries"].as_array().is_some_and(|c| c.len() > 100));
    }

    #[test]
    fn dashboard_never_assigns_html_from_data() {
        // Article text must reach the page through textContent / DOM APIs only.
        for a in ASSETS.iter().filter(|a| a.path.ends_with(".js")) {
            let src = std::str::from_utf8(a.body).expect("utf-8 js");
            for banned in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
            ] {
                assert!(!src.contains(banned), "{} uses {banned}", a.path);
            }
        }
    }
}
