//! Request IDs: every response carries `X-Request-Id`, every log line of a request its ID, and
//! front-door error bodies the same ID as `request_id`.

use std::time::Instant;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::ids;

/// The response header carrying the ID (the SDK reads it as `request_id`).
pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The ID of the request being answered, if called while answering one.
pub fn current() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Middleware: gives the request a fresh 32-hex ID, runs it inside a tracing span and the
/// task-local scope, sets `X-Request-Id` on the response and logs one line per request.
pub async fn layer(request: Request, next: Next) -> Response {
    let id = ids::random_hex32();
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path()
    );
    let started = Instant::now();
    let mut response = REQUEST_ID
        .scope(id.clone(), next.run(request).instrument(span.clone()))
        .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
            "answered"
        );
    });
    response
}
