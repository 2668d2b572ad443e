//! The admin surface under `/_mock/{project_id}`: account, speed, faults.

mod common;

use apig_core::lifecycle::CreationSpeed;
use axum::http::StatusCode;
use common::{Harness, PROJECT, create_body, instance_uri, instances_uri};
use serde_json::json;

fn admin(path: &str) -> String {
    format!("/_mock/{PROJECT}/{path}")
}

#[tokio::test]
async fn account_read_replace_reset() {
    let h = Harness::new(CreationSpeed::Instant);
    let account = h.send("GET", &admin("account"), None).await;
    assert_eq!(account.status, StatusCode::OK);
    assert_eq!(account.body["schema_version"], 1);
    assert_eq!(account.body["regions"][0]["project_id"], PROJECT);
    assert_eq!(account.body["gateway_quota"], 5);

    let mut changed = account.body.clone();
    changed["gateway_quota"] = json!(1);
    let put = h.send("PUT", &admin("account"), Some(&changed)).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    h.create_ok("gw-one").await;
    let second = h.create("gw-two").await;
    assert_eq!(second.code(), "APIC.7400");
    let configs = h
        .send(
            "GET",
            &format!("/v2/{PROJECT}/apigw/instance/configs"),
            None,
        )
        .await;
    assert_eq!(configs.body["configs"][0]["config_value"], "1");

    // Bad accounts are refused with the field named, and change nothing.
    let mut bad = account.body.clone();
    bad["gateway_quota"] = json!("many");
    let answer = h.send("PUT", &admin("account"), Some(&bad)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("gatewayQuota")
    );
    let mut bad = account.body.clone();
    bad["account_type"] = json!("galactic");
    let answer = h.send("PUT", &admin("account"), Some(&bad)).await;
    assert_eq!(answer.code(), "APIC.7211");
    let mut bad = account.body.clone();
    bad["schema_version"] = json!(99);
    let answer = h.send("PUT", &admin("account"), Some(&bad)).await;
    assert_eq!(answer.code(), "APIC.7211");

    // Removing our read permission is honoured by the API.
    let mut read_only = changed.clone();
    read_only["principal"]["system_policies"] = json!([]);
    read_only["principal"]["custom_policies"] = json!([]);
    h.send("PUT", &admin("account"), Some(&read_only)).await;
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    assert_eq!(list.code(), "APIC.7106");

    let reset = h.send("DELETE", &admin("account"), None).await;
    assert_eq!(reset.status, StatusCode::OK);
    assert_eq!(reset.body["gateway_quota"], 5);
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.body["total"], 0, "reset removes the gateways");
}

#[tokio::test]
async fn speed_is_per_account() {
    let h = Harness::new(CreationSpeed::Fast);
    let speed = h.send("GET", &admin("speed"), None).await;
    assert_eq!(speed.body, json!({"speed": null, "effective": "fast"}));
    let set = h
        .send("PUT", &admin("speed"), Some(&json!({"speed": "instant"})))
        .await;
    assert_eq!(set.body["effective"], "instant");
    let id = h.create_ok("gw-instant").await;
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.body["status"], "Running");
    let bad = h
        .send("PUT", &admin("speed"), Some(&json!({"speed": "ludicrous"})))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body["error_msg"].as_str().unwrap().contains("speed"));
}

#[tokio::test]
async fn faults_fail_the_next_create_answer_a_route_and_add_latency() {
    let h = Harness::new(CreationSpeed::Fast);
    let set = h
        .send(
            "POST",
            &admin("faults"),
            Some(&json!({
                "create_failure": {"at_step": 2, "code": "APIC.9219"},
                "next_error": {"method": "GET", "route": "/v2/{project_id}/apigw/instances", "status": 503, "error_code": "APIC.9999", "error_msg": "injected"},
            })),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let failed = h.create_ok("gw-doomed").await;
    let fine = h.create_ok("gw-fine").await;
    h.advance(15_000);
    let progress = h
        .send("GET", &format!("{}/progress", instance_uri(&failed)), None)
        .await;
    assert_eq!(progress.body["status"], "failed");
    assert_eq!(progress.body["progress"], 0);
    assert_eq!(progress.body["error_code"], "APIC.9219");
    let show = h.send("GET", &instance_uri(&failed), None).await;
    assert_eq!(show.body["status"], "CreateFail");
    let other = h
        .send("GET", &format!("{}/progress", instance_uri(&fine)), None)
        .await;
    assert_eq!(other.body["status"], "creating");
    // The injected route error answers once.
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(list.code(), "APIC.9999");
    assert_eq!(list.body["error_msg"], "injected");
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.status, StatusCode::OK);
    // A failed gateway can be deleted.
    let delete = h.send("DELETE", &instance_uri(&failed), None).await;
    assert_eq!(delete.status, StatusCode::NO_CONTENT);

    let faults = h.send("GET", &admin("faults"), None).await;
    assert_eq!(faults.body["create_failure"], json!(null));
    assert_eq!(faults.body["next_errors"], json!([]));
    h.send("POST", &admin("faults"), Some(&json!({"latency_ms": 50})))
        .await;
    let started = std::time::Instant::now();
    h.send("GET", &instances_uri(), None).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(50));
    let clear = h.send("DELETE", &admin("faults"), None).await;
    assert_eq!(clear.status, StatusCode::NO_CONTENT);
    let faults = h.send("GET", &admin("faults"), None).await;
    assert_eq!(faults.body["latency_ms"], 0);
    let bad = h
        .send(
            "POST",
            &admin("faults"),
            Some(&json!({"create_failure": {"at_step": 1, "code": "APIC.0000"}})),
        )
        .await;
    assert_eq!(bad.code(), "APIC.7211");
    assert!(create_body("x").is_object());
}

#[tokio::test]
async fn admin_needs_a_signature_and_the_own_project() {
    let h = Harness::new(CreationSpeed::Instant);
    let unsigned = h
        .call(
            axum::http::Request::get(admin("account"))
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
    let signer = common::Signer {
        project: Some(common::OTHER_PROJECT.into()),
        ..common::Signer::default()
    }
    .at(h.now_ms());
    let foreign = h
        .call(signer.request(
            "GET",
            &format!("/_mock/{}/account", common::OTHER_PROJECT),
            b"",
        ))
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
}
