mod common;

use apig_core::lifecycle::CreationSpeed;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::Harness;

#[tokio::test]
async fn health_answers_ok_without_a_signature() {
    let h = Harness::new(CreationSpeed::Instant);
    let answer = h
        .call(Request::get("/health").body(Body::empty()).unwrap())
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["status"], "ok");
    assert!(answer.headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn unknown_paths_are_apigw_0101_with_a_request_id() {
    let h = Harness::new(CreationSpeed::Instant);
    for uri in ["/nope", "/v2/x/apigw/nothing", "/v3/projects", "/"] {
        let answer = h.call(Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(answer.code(), "APIGW.0101", "{uri}");
        let id = answer.headers["x-request-id"].to_str().unwrap();
        assert_eq!(answer.body["request_id"], id, "{uri}");
        assert_eq!(id.len(), 32);
    }
}
