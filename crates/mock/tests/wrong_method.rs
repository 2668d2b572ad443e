//! Every error answer carries the API's JSON error body: a known path called with a method it
//! does not have, and an unknown path, both answer 404 `APIGW.0101` with `request_id`, as the
//! front door does for an API that is not published.

mod common;

use apig_core::lifecycle::CreationSpeed;
use axum::http::StatusCode;
use common::{Harness, PROJECT};

/// Each route with the methods it does not have.
fn wrong_calls() -> Vec<(&'static str, String)> {
    let id = "0123456789abcdef0123456789abcdef";
    let apig = |tail: &str| format!("/v2/{PROJECT}/apigw/{tail}");
    vec![
        ("DELETE", apig("instances")),
        ("PUT", apig("instances")),
        ("PATCH", apig("instances")),
        ("POST", apig(&format!("instances/{id}"))),
        ("POST", apig(&format!("instances/{id}/progress"))),
        ("POST", apig(&format!("instances/{id}/eip"))),
        ("GET", apig(&format!("instances/{id}/nat-eip"))),
        ("GET", apig(&format!("instances/{id}/ingress-eip"))),
        ("POST", apig("available-zones")),
        ("DELETE", apig("instance/configs")),
        ("POST", format!("/v1/{PROJECT}/vpcs")),
        ("DELETE", format!("/v1/{PROJECT}/publicips")),
        ("POST", format!("/_mock/{PROJECT}/account")),
        ("DELETE", format!("/_mock/{PROJECT}/gateways")),
        ("PATCH", format!("/_mock/{PROJECT}/speed")),
    ]
}

#[tokio::test]
async fn a_wrong_method_answers_the_json_error_body() {
    let h = Harness::new(CreationSpeed::Instant);
    for (method, uri) in wrong_calls() {
        let answer = h.send(method, &uri, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {uri}");
        assert_eq!(answer.code(), "APIGW.0101", "{method} {uri}");
        assert!(
            answer.body["error_msg"]
                .as_str()
                .is_some_and(|m| m.contains("does not exist")),
            "{method} {uri}: {}",
            answer.body
        );
        assert!(
            answer.body["request_id"]
                .as_str()
                .is_some_and(|r| !r.is_empty()),
            "{method} {uri}: {}",
            answer.body
        );
        assert_eq!(
            answer
                .headers
                .get("content-type")
                .map(axum::http::HeaderValue::as_bytes),
            Some(&b"application/json"[..]),
            "{method} {uri}"
        );
    }
}

#[tokio::test]
async fn an_unknown_path_answers_the_json_error_body() {
    let h = Harness::new(CreationSpeed::Instant);
    for uri in [
        format!("/v2/{PROJECT}/apigw/nothing"),
        format!("/v2/{PROJECT}/apigw/instances/a/b/c"),
        format!("/_mock/{PROJECT}/nothing"),
        "/v9/x".to_owned(),
    ] {
        let answer = h.send("GET", &uri, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(answer.code(), "APIGW.0101", "{uri}");
        assert!(answer.body["request_id"].is_string(), "{uri}");
    }
}

#[tokio::test]
async fn an_account_the_sandbox_page_refuses_is_refused_with_its_message() {
    let h = Harness::new(CreationSpeed::Instant);
    let uri = format!("/_mock/{PROJECT}/account");
    let before = h.send("GET", &uri, None).await;
    let mut account = before.body.clone();
    let vpc = &mut account["regions"][0]["vpcs"][0];
    let mut inner = vpc["subnets"][0].clone();
    inner["id"] = "inner-id".into();
    inner["name"] = "inner".into();
    inner["cidr"] = "192.168.0.128/25".into();
    inner["used"] = serde_json::json!([]);
    vpc["subnets"].as_array_mut().expect("subnets").push(inner);
    let answer = h.send("PUT", &uri, Some(&account)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.code(), "APIC.7211");
    assert_eq!(
        answer.body["error_msg"],
        "Subnet inner (192.168.0.128/25) overlaps subnet-roomy (192.168.0.0/24) in vpc-default. Choose a CIDR outside it. (parameter name[subnetId])"
    );
    assert_eq!(
        answer
            .headers
            .get(apig_mock::error::FIELD_HEADER)
            .map(axum::http::HeaderValue::as_bytes),
        Some(&b"subnet_id"[..])
    );
    let after = h.send("GET", &uri, None).await;
    assert_eq!(after.body, before.body, "nothing was stored");
}
