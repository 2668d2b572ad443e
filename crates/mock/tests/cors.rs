//! CORS: a console served from another origin (trunk on port 8088) calls the emulator.
//! Preflights are answered without a signature; actual requests are still verified.

mod common;

use apig_core::lifecycle::CreationSpeed;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Harness, PROJECT, Signer, instances_uri};

const ORIGIN: &str = "http://127.0.0.1:8088";

fn header<'a>(answer: &'a common::Answer, name: &str) -> &'a str {
    answer
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn preflight(uri: &str, method: &str) -> Request<Body> {
    Request::builder()
        .method("OPTIONS")
        .uri(uri)
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", method)
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type,x-project-id,x-sdk-date",
        )
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn preflight_is_answered_without_a_signature() {
    let h = Harness::new(CreationSpeed::Instant);
    for (uri, method) in [
        (instances_uri(), "POST"),
        (format!("{}/abc", instances_uri()), "DELETE"),
        (format!("/_mock/{PROJECT}/account"), "GET"),
        (format!("/_mock/{PROJECT}/gateways"), "GET"),
    ] {
        let answer = h.call(preflight(&uri, method)).await;
        assert!(answer.status.is_success(), "{uri}: {}", answer.status);
        assert_eq!(header(&answer, "access-control-allow-origin"), "*");
        let methods = header(&answer, "access-control-allow-methods").to_ascii_uppercase();
        assert!(methods.contains(method), "{methods}");
        let headers = header(&answer, "access-control-allow-headers").to_ascii_lowercase();
        for needed in [
            "authorization",
            "content-type",
            "x-project-id",
            "x-sdk-date",
        ] {
            assert!(headers.contains(needed), "{needed} not in {headers}");
        }
    }
}

#[tokio::test]
async fn actual_requests_carry_cors_headers_and_expose_the_request_id() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut request = h.signed("GET", &instances_uri(), b"");
    request
        .headers_mut()
        .insert("Origin", ORIGIN.parse().expect("origin"));
    let answer = h.call(request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(header(&answer, "access-control-allow-origin"), "*");
    let exposed = header(&answer, "access-control-expose-headers").to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    assert!(!header(&answer, "x-request-id").is_empty());
}

#[tokio::test]
async fn signature_is_still_required_and_errors_are_readable_cross_origin() {
    let h = Harness::new(CreationSpeed::Instant);
    // Unsigned GET with an Origin: refused, and the browser may read the error body.
    let unsigned = Request::builder()
        .method("GET")
        .uri(instances_uri())
        .header("Origin", ORIGIN)
        .body(Body::empty())
        .expect("request");
    let answer = h.call(unsigned).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.code(), "APIGW.0301");
    assert_eq!(header(&answer, "access-control-allow-origin"), "*");

    // A wrong secret key: 401 APIGW.0301 as without CORS.
    let wrong = Signer {
        sk: "SKWRONG0000000000000000000000000000000000".into(),
        ..Signer::default()
    };
    let mut request = wrong.at(h.now_ms()).request("GET", &instances_uri(), b"");
    request
        .headers_mut()
        .insert("Origin", ORIGIN.parse().expect("origin"));
    let answer = h.call(request).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.code(), "APIGW.0301");

    // Any OPTIONS is answered by the CORS layer itself: an empty body, never a handler's data.
    let plain_options = Request::builder()
        .method("OPTIONS")
        .uri(instances_uri())
        .body(Body::empty())
        .expect("request");
    let answer = h.call(plain_options).await;
    assert!(answer.raw.is_empty(), "{:?}", answer.raw);
    assert!(header(&answer, "x-request-id").is_empty());
}

#[tokio::test]
async fn admin_gateways_lists_the_projects_records() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-cors").await;
    let answer = h
        .send("GET", &format!("/_mock/{PROJECT}/gateways"), None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let list = answer.body.as_array().expect("array");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["name"], "gw-cors");
    let foreign = h
        .send(
            "GET",
            "/_mock/fedcba9876543210fedcba9876543210/gateways",
            None,
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
}
