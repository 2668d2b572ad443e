//! `apig-mock`: a local emulator of the Huawei Cloud APIG v2 REST API.
//!
//! For now it starts and answers a health check; the APIG endpoints come with their issue.

use axum::{Json, Router, routing::get};
use serde::Serialize;

/// The body of `GET /health`.
#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
}

/// The emulator's routes, without a socket, so tests can call it directly.
pub fn app() -> Router {
    Router::new().route("/health", get(health))
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}
