//! `--serve-dist`: the built console, with its precompressed copies and cache headers.

mod common;

use std::path::Path;
use std::sync::Arc;

use apig_core::lifecycle::CreationSpeed;
use apig_mock::{AppState, Store, app};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tempfile::TempDir;
use tower::ServiceExt;

const WASM: &str = "apig-web-0123456789abcdef_bg.wasm";
const PAGE: &[u8] = b"<!DOCTYPE html><title>APIG Console</title>";

/// A dist with the page, a hashed `.wasm` and its brotli and gzip copies (distinct bytes, so
/// the test sees which one was sent).
fn dist(dir: &Path) {
    std::fs::write(dir.join("index.html"), PAGE).unwrap();
    std::fs::write(dir.join(WASM), b"raw wasm bytes").unwrap();
    std::fs::write(dir.join(format!("{WASM}.br")), b"brotli copy").unwrap();
    std::fs::write(dir.join(format!("{WASM}.gz")), b"gzip copy").unwrap();
}

/// apig-mock serving a fresh [`dist`]; the directory lives as long as the returned guard.
fn console() -> (TempDir, Router) {
    let dir = tempfile::tempdir().unwrap();
    dist(dir.path());
    let state = AppState::build(
        Store::open(":memory:").unwrap(),
        common::credentials(),
        CreationSpeed::Instant,
        Arc::new(|| common::START_MS),
        Some(dir.path().to_path_buf()),
    );
    (dir, app(state))
}

struct Got {
    status: StatusCode,
    encoding: Option<String>,
    cache: String,
    vary: String,
    body: Vec<u8>,
}

async fn get(app: &Router, uri: &str, accept_encoding: Option<&str>) -> Got {
    let mut request = Request::get(uri);
    if let Some(accepted) = accept_encoding {
        request = request.header("accept-encoding", accepted);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    Got {
        status: response.status(),
        encoding: header("content-encoding"),
        cache: header("cache-control").unwrap_or_default(),
        vary: header("vary").unwrap_or_default(),
        body: response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    }
}

#[tokio::test]
async fn the_wasm_travels_compressed_when_the_browser_accepts_it() {
    let (_dist, app) = console();
    let uri = format!("/{WASM}");

    let br = get(&app, &uri, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.encoding.as_deref(), Some("br"));
    assert_eq!(br.body, b"brotli copy");

    let gzip = get(&app, &uri, Some("gzip")).await;
    assert_eq!(gzip.encoding.as_deref(), Some("gzip"));
    assert_eq!(gzip.body, b"gzip copy");

    let plain = get(&app, &uri, None).await;
    assert_eq!(plain.encoding, None);
    assert_eq!(plain.body, b"raw wasm bytes");

    for got in [&br, &gzip, &plain] {
        assert_eq!(got.vary, "accept-encoding");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_good_and_the_page_is_revalidated() {
    let (_dist, app) = console();

    let wasm = get(&app, &format!("/{WASM}"), Some("br")).await;
    assert_eq!(wasm.cache, "public, max-age=31536000, immutable");

    for uri in ["/", "/index.html", "/gateways/buy", "/gateways/0123"] {
        let page = get(&app, uri, Some("br")).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_eq!(page.body, PAGE, "{uri}");
        assert_eq!(page.cache, "no-cache", "{uri}");
    }

    // A hashed name that does not exist (an older build's) falls back to the page, which must
    // not be cached under that name.
    let stale = get(&app, "/apig-web-fedcba9876543210_bg.wasm", None).await;
    assert_eq!(stale.body, PAGE);
    assert_eq!(stale.cache, "no-cache");
}

#[tokio::test]
async fn the_api_namespaces_are_never_the_console() {
    let (_dist, app) = console();
    let answer = get(&app, "/v2/nothing-here", None).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_ne!(answer.body, PAGE);
}
