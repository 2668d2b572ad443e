//! The baseline of `cargo xtask bench dataplane`: the most an axum HTTP/1.1 answer costs on this
//! machine. One route, `GET /`, answering a fixed 2-byte body, served with `axum::serve`.
//!
//! `cargo run --release -p apig-mock --example trivial -- 127.0.0.1:PORT`

use axum::Router;
use axum::routing::get;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8091".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    let app = Router::new()
        .route("/", get(|| async { "ok" }))
        .route("/health", get(|| async { "ok" }));
    axum::serve(listener, app).await
}
