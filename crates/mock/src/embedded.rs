//! The console built into the binary (feature `embedded-dist`, built by
//! `cargo xtask dist --with-mock`): the dist folder named by `APIG_MOCK_EMBED_DIST` at compile
//! time is embedded, so one file serves the console and the API. `--serve-dist DIR` still
//! takes precedence (for development).
//!
//! Served like `--serve-dist` does: a file that is there, else the page (SPA fallback); the
//! build's `.br` / `.gz` copy to a browser that accepts it; content-hashed files `immutable`,
//! the rest `no-cache` with an `ETag`, so a revalidation costs a `304`.

use axum::extract::Request;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "$APIG_MOCK_EMBED_DIST"]
struct Dist;

const PAGE: &str = "index.html";

/// The embedded console's answer to `request` (a path outside the API).
pub fn respond(request: &Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = request.uri().path().trim_start_matches('/');
    let name = if !path.is_empty() && Dist::get(path).is_some() {
        path
    } else {
        PAGE
    };
    let Some(file) = Dist::get(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accepts = |coding: &str| {
        request
            .headers()
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|v| v.split(';').next().is_some_and(|c| c.trim() == coding))
    };
    let compressed = [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(coding, _)| accepts(coding))
        .find_map(|(coding, extension)| {
            Dist::get(&format!("{name}.{extension}")).map(|copy| (coding, copy))
        });
    let etag = format!(
        "\"{}{}\"",
        hex(&file.metadata.sha256_hash()[..12]),
        compressed.as_ref().map_or("", |(coding, _)| coding)
    );
    let mut response = if request
        .headers()
        .get(IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = compressed
            .as_ref()
            .map_or_else(|| file.data.clone(), |(_, copy)| copy.data.clone());
        let mut response = body.into_owned().into_response();
        let headers = response.headers_mut();
        if let Ok(kind) = HeaderValue::from_str(file.metadata.mimetype()) {
            headers.insert(CONTENT_TYPE, kind);
        }
        if let Some((coding, _)) = &compressed {
            headers.insert(CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    };
    crate::console_headers(&mut response, name != PAGE && crate::is_hashed_asset(name));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(ETAG, value);
    }
    response
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
