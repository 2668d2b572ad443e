//! `apig-mock`: a local emulator of the Huawei Cloud APIG v2 REST API.
//!
//! [`app`] builds the whole HTTP surface over an [`AppState`], without a socket, so tests call
//! it directly. Requests pass, outermost first: the request ID ([`request_id`]), the front door
//! ([`auth`]: 12 MB body limit, `SDK-HMAC-SHA256` signature, project header), injected faults,
//! and the handlers in [`routes`], which validate through `apig-core` and keep state in the
//! `SQLite` [`store`].

pub mod auth;
pub mod config;
pub mod dataplane;
#[cfg(feature = "embedded-dist")]
pub mod embedded;
pub mod error;
pub mod extract;
pub mod ids;
pub mod request_id;
pub mod routes;
pub mod serve;
pub mod state;
pub mod store;

use axum::extract::{Request, State};
use std::path::Path;

use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, VARY,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tower::ServiceExt;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::AppError;
pub use state::{AppState, Caller};
pub use store::Store;

/// The body of `GET /health`.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `ok`.
    pub status: &'static str,
    /// The emulator's version.
    pub version: &'static str,
}

/// The emulator's routes over `state`.
pub fn app(state: AppState) -> Router {
    let signed = Router::new()
        .merge(routes::apig::router())
        .merge(routes::extras::router())
        .merge(routes::vpc::router())
        .merge(dataplane::debug::router())
        .route_layer(from_fn_with_state(state.clone(), routes::inject_faults))
        .merge(routes::admin::router())
        .route_layer(from_fn_with_state(state.clone(), auth::authenticate));
    Router::new()
        .route("/health", get(health))
        .merge(signed)
        .fallback(fallback)
        .layer(from_fn(request_id::layer))
        .layer(cors())
        // Before the management API's CORS and signature: calls for a group's domain.
        .layer(from_fn_with_state(state.clone(), dataplane::dispatch))
        // Outermost, so that every answer has it, preflights and refusals included: a browser
        // must not guess a type other than the one sent.
        .layer(SetResponseHeaderLayer::if_not_present(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

/// CORS for a console served from another origin (e.g. trunk's dev server on port 8088).
///
/// Preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered here, before the
/// front door, because a browser never signs them; every actual request still goes through
/// the signature check. Any origin may call: without the secret key a page cannot sign, and
/// no cookies are involved.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            AUTHORIZATION,
            CONTENT_TYPE,
            HeaderName::from_static("x-sdk-date"),
            HeaderName::from_static("x-project-id"),
        ])
        .expose_headers([HeaderName::from_static(request_id::HEADER)])
        .max_age(std::time::Duration::from_mins(10))
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// Whether a path belongs to the API namespaces (never answered by the console).
fn is_api_path(path: &str) -> bool {
    ["/v1/", "/v2/", "/v3/", "/_mock/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// The headers of every answer of the console, from `--serve-dist` or embedded: cacheable for
/// good when `immutable` (a file named with trunk's content hash), else revalidated on every
/// load; `Vary: accept-encoding`, since the body may be a brotli or gzip copy and a shared cache
/// must not hand one to a client that did not ask for it; never framed
/// (`frame-ancestors 'none'`, unless the answer has a policy of its own) and no referrer sent.
pub(crate) fn console_headers(response: &mut Response, immutable: bool) {
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static("frame-ancestors 'none'"));
    headers
        .entry(REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("no-referrer"));
}

/// Unknown paths: the built console (with SPA fallback to `index.html`) when served, else
/// 404 `APIGW.0101`.
///
/// The release build stores a brotli and a gzip copy next to each asset (`x.wasm.br`,
/// `x.wasm.gz`); a browser that accepts one gets it, so the `.wasm` travels compressed. Assets
/// whose names carry trunk's content hash never change under that name and may be cached for
/// good; everything else (the page itself) is revalidated on every load, so a new build is
/// picked up at once.
///
/// A path whose file (or one of its compressed copies, or the page) resolves outside the folder
/// through a symlink is refused (404), and the console's answers may not be framed
/// (`frame-ancestors 'none'`) and send no referrer.
async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    if !is_api_path(request.uri().path())
        && let Some(dist) = state.dist()
    {
        let path = request.uri().path();
        if !stays_inside(dist, path) {
            tracing::warn!(path, "refused: resolves outside the served folder");
            return AppError::api_not_found().into_response();
        }
        // Only a file that is there: a missing one gets the page (the SPA fallback).
        let immutable = is_hashed_asset(path)
            && !path.split('/').any(|segment| segment == "..")
            && dist.join(path.trim_start_matches('/')).is_file();
        let service = ServeDir::new(dist)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(dist.join("index.html")));
        let mut response = match service.oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        };
        let immutable = immutable && response.status().is_success();
        console_headers(&mut response, immutable);
        return response;
    }
    #[cfg(feature = "embedded-dist")]
    if !is_api_path(request.uri().path()) {
        return embedded::respond(&request);
    }
    AppError::api_not_found().into_response()
}

/// Whether every file the console's service could send for the request path `path` (the file,
/// its `.br` / `.gz` copies, a directory's `index.html`, the fallback page) stays inside `dist`
/// once symlinks are resolved. Files that do not exist do not count.
fn stays_inside(dist: &Path, path: &str) -> bool {
    let Ok(root) = dist.canonicalize() else {
        return false;
    };
    let decoded = apig_core::sign::decode_component(path);
    let requested = dist.join(decoded.trim_start_matches('/'));
    let mut candidates = vec![dist.join("index.html")];
    for base in [requested.clone(), requested.join("index.html")] {
        for suffix in ["", ".br", ".gz"] {
            let mut name = base.clone().into_os_string();
            name.push(suffix);
            candidates.push(name.into());
        }
    }
    candidates
        .iter()
        .filter(|candidate| candidate.symlink_metadata().is_ok())
        .all(|candidate| {
            candidate
                .canonicalize()
                .is_ok_and(|resolved| resolved.starts_with(&root))
        })
}

/// Whether the last segment of `path` is a file name with trunk's content hash: a `-` and 16
/// hex digits right before the extension, or before `_bg` (`apig-web-0123456789abcdef_bg.wasm`).
pub(crate) fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn knows_trunks_hashed_names() {
        for hashed in [
            "/apig-web-f577eddeec32ef66_bg.wasm",
            "/apig-web-f577eddeec32ef66.js",
            "/main-dc595355e160ff5f.css",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/gateways/buy",
            "/gateways/0123456789abcdef0123456789abcdef",
            "/apig-web_bg.wasm",
            "/main-dc595355e160ff5.css",
            "/main-dc595355e160ff5g.css",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }
}
