//! Tags, custom inbound ports, features, restriction and the edition change through
//! `app(state)`, with the clock under the test's control: the statuses a change passes
//! through, the permissions of each operation, and what show says afterwards.

mod common;

use apig_core::lifecycle::CreationSpeed;
use axum::http::StatusCode;
use common::{Harness, PROJECT, create_body, instance_uri, instances_uri};
use serde_json::{Value, json};

fn admin(path: &str) -> String {
    format!("/_mock/{PROJECT}/{path}")
}

/// Adds a custom policy denying `actions` to the project's principal.
async fn deny(h: &Harness, actions: &[&str]) {
    let mut account = h.send("GET", &admin("account"), None).await.body;
    account["principal"]["custom_policies"] = json!([{
        "name": "guard",
        "statements": [{"effect": "Deny", "actions": actions}],
    }]);
    let stored = h.send("PUT", &admin("account"), Some(&account)).await;
    assert_eq!(stored.status, StatusCode::OK, "{:?}", stored.body);
}

#[tokio::test]
async fn an_edition_change_passes_through_resizing_and_show_follows() {
    let h = Harness::new(CreationSpeed::Fast);
    let id = h.create_ok("gw-resize").await;
    h.advance(CreationSpeed::Fast.total_ms());
    let before = h.send("GET", &instance_uri(&id), None).await.body;
    assert_eq!(before["status"], "Running");
    assert_eq!(before["privateips"].as_array().map(Vec::len), Some(3));

    let uri = format!("{}/postpaid-resize", instance_uri(&id));
    let job = h
        .send("POST", &uri, Some(&json!({"spec_id": "PROFESSIONAL"})))
        .await;
    assert_eq!(job.status, StatusCode::ACCEPTED, "{:?}", job.body);
    assert_eq!(job.body["instance_id"], id.as_str());
    assert!(
        job.body["message"]
            .as_str()
            .unwrap()
            .starts_with("JOB_ASSIGNED_FOR_RESIZE_0086I:")
    );

    let during = h.send("GET", &instance_uri(&id), None).await.body;
    assert_eq!(
        (
            during["status"].as_str(),
            during["instance_status"].as_i64()
        ),
        (Some("Resizing"), Some(42))
    );
    assert_eq!(during["spec"], "PROFESSIONAL");
    assert_eq!(during["privateips"].as_array().map(Vec::len), Some(5));
    assert_eq!(during["ingress_ip"], before["ingress_ip"]);
    let busy = h
        .send("POST", &uri, Some(&json!({"spec_id": "ENTERPRISE"})))
        .await;
    assert_eq!(
        (busy.status, busy.code()),
        (StatusCode::CONFLICT, "APIC.7701")
    );
    let listed = h
        .send("GET", &format!("{}?status=Resizing", instances_uri()), None)
        .await;
    assert_eq!(listed.body["total"], 1);

    h.advance(CreationSpeed::Fast.operation_ms());
    let after = h.send("GET", &instance_uri(&id), None).await.body;
    assert_eq!(after["status"], "Running");
    let again = h
        .send("POST", &uri, Some(&json!({"spec_id": "PROFESSIONAL"})))
        .await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::CONFLICT, "APIC.7707")
    );
    let down = h
        .send("POST", &uri, Some(&json!({"spec_id": "BASIC"})))
        .await;
    assert_eq!(
        (down.status, down.code()),
        (StatusCode::BAD_REQUEST, "APIC.7243")
    );
    assert_eq!(
        down.headers
            .get("x-apig-mock-field")
            .and_then(|v| v.to_str().ok()),
        Some("spec_id")
    );
}

#[tokio::test]
async fn a_full_subnet_refuses_the_bigger_edition_and_changes_nothing() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut body = create_body("gw-small");
    body["subnet_id"] = json!(apig_core::account::ids::CN4_SUBNET_SMALL);
    let created = h.send("POST", &instances_uri(), Some(&body)).await;
    assert_eq!(created.status, StatusCode::ACCEPTED, "{:?}", created.body);
    let id = created.body["instance_id"].as_str().unwrap().to_owned();
    let uri = format!("{}/postpaid-resize", instance_uri(&id));
    let refused = h
        .send("POST", &uri, Some(&json!({"spec_id": "PROFESSIONAL"})))
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::BAD_REQUEST, "APIC.9215")
    );
    let msg = refused.body["error_msg"].as_str().unwrap();
    assert!(
        msg.contains("0 free addresses, Professional needs 2 more"),
        "{msg}"
    );
    let shown = h.send("GET", &instance_uri(&id), None).await.body;
    assert_eq!(shown["spec"], "BASIC");
    assert_eq!(shown["status"], "Running");
}

#[tokio::test]
async fn tags_ports_and_features_are_stored_and_shown() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut body = create_body("gw-tagged");
    body["tags"] = json!([{"key": "env", "value": "dev"}]);
    let created = h.send("POST", &instances_uri(), Some(&body)).await;
    let id = created.body["instance_id"].as_str().unwrap().to_owned();
    let tags_uri = format!("{}/instance-tags", instance_uri(&id));
    let tags = h.send("GET", &tags_uri, None).await;
    assert_eq!(tags.body, json!({"tags": [{"key": "env", "value": "dev"}]}));
    let action = h
        .send(
            "POST",
            &format!("{tags_uri}/action"),
            Some(&json!({"action": "create", "tags": [{"key": "team", "value": "api"}]})),
        )
        .await;
    assert_eq!(action.status, StatusCode::NO_CONTENT);
    assert!(action.raw.is_empty());
    let project = h
        .send("GET", &format!("/v2/{PROJECT}/apigw/instance-tags"), None)
        .await;
    assert_eq!(
        project.body,
        json!({"tags": [{"key": "env", "values": ["dev"]}, {"key": "team", "values": ["api"]}]})
    );

    let ports_uri = format!("{}/custom-ingress-ports", instance_uri(&id));
    let added = h
        .send(
            "POST",
            &ports_uri,
            Some(&json!({"protocol": "HTTP", "ingress_port": 8080})),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED);
    let wrong_type = h
        .send(
            "POST",
            &ports_uri,
            Some(&json!({"protocol": "HTTP", "ingress_port": "x"})),
        )
        .await;
    assert_eq!(wrong_type.code(), "APIC.7211");
    let listed = h.send("GET", &format!("{ports_uri}?limit=500"), None).await;
    assert_eq!(listed.body["total"], 1);
    assert_eq!(listed.body["ingress_port_infos"][0], added.body);

    let features_uri = format!("{}/features", instance_uri(&id));
    let set = h
        .send(
            "POST",
            &features_uri,
            Some(&json!({"name": "backend_timeout", "enable": true, "config": "{\"max_timeout\": 500}"})),
        )
        .await;
    assert_eq!(set.status, StatusCode::CREATED, "{:?}", set.body);
    let time = set.body["update_time"].as_str().unwrap();
    assert!(time.ends_with('Z') && time.len() == 20, "{time}");
    let shown = h.send("GET", &instance_uri(&id), None).await.body;
    let supported: Vec<&str> = shown["supported_features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(supported.contains(&"backend_timeout") && supported.contains(&"ratelimit"));

    // The history records each change, as the console shows it.
    let account = h.send("GET", &admin("gateways"), None).await;
    let history = &account.body[0]["history"];
    let fields: Vec<&str> = history
        .as_array()
        .map(|h| h.iter().filter_map(|c| c["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields,
        ["tags", "ingress_port", "feature_name"],
        "{history}"
    );
}

#[tokio::test]
async fn each_new_operation_asks_its_permission() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-guarded").await;
    deny(&h, &["apig:instanceTags:*", "apig:instance:listByTags"]).await;
    let tags = h
        .send("GET", &format!("{}/instance-tags", instance_uri(&id)), None)
        .await;
    assert_eq!(
        (tags.status, tags.code()),
        (StatusCode::FORBIDDEN, "APIC.7106")
    );
    assert!(
        tags.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("apig:instanceTags:list")
    );
    let filter = h
        .send(
            "POST",
            &format!("/v2/{PROJECT}/apigw/resource-instances/filter"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(filter.code(), "APIC.7106");
    let count = h
        .send(
            "POST",
            &format!("/v2/{PROJECT}/apigw/resource-instances/count"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(count.status, StatusCode::OK, "getNumByTags is not denied");
    let ports = h
        .send(
            "GET",
            &format!("{}/custom-ingress-ports", instance_uri(&id)),
            None,
        )
        .await;
    assert_eq!(ports.status, StatusCode::OK);

    deny(&h, &["apig:instances:update"]).await;
    for (method, tail, body) in [
        (
            "POST",
            "/postpaid-resize",
            json!({"spec_id": "PROFESSIONAL"}),
        ),
        (
            "POST",
            "/custom-ingress-ports",
            json!({"protocol": "HTTP", "ingress_port": 8080}),
        ),
        (
            "POST",
            "/features",
            json!({"name": "cors", "enable": true, "config": ""}),
        ),
    ] {
        let answer = h
            .send(method, &format!("{}{tail}", instance_uri(&id)), Some(&body))
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (StatusCode::FORBIDDEN, "APIC.7106"),
            "{tail}"
        );
    }
    // The permission is decided before the gateway is looked up.
    let missing = h
        .send(
            "POST",
            &format!("{}/postpaid-resize", instance_uri(&"0".repeat(32))),
            Some(&json!({"spec_id": "PROFESSIONAL"})),
        )
        .await;
    assert_eq!(missing.code(), "APIC.7106");
}

#[tokio::test]
async fn what_the_sandbox_does_not_emulate_is_refused_as_the_service_refuses_it() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-elbs").await;
    let elbs = h
        .send("GET", &format!("{}/extra-elbs", instance_uri(&id)), None)
        .await;
    assert_eq!(
        (elbs.status, elbs.code()),
        (StatusCode::BAD_REQUEST, "APIC.7242")
    );
    let missing = h
        .send(
            "GET",
            &format!("{}/extra-elbs", instance_uri(&"0".repeat(32))),
            None,
        )
        .await;
    assert_eq!(missing.code(), "APIC.7302");
    let migrate = h
        .send(
            "POST",
            "/v1.0/enterprise-projects/0/resources-migrate",
            Some(&json!({"resource_type": "apig"})),
        )
        .await;
    assert_eq!(
        (migrate.status, migrate.code()),
        (StatusCode::FORBIDDEN, "APIC.7106")
    );
    let restriction = h
        .send("GET", &format!("{}/restriction", instance_uri(&id)), None)
        .await;
    assert_eq!(
        restriction.body,
        json!({"restrict_cidrs": ["172.31.32.0/19"], "resource_subnet_cidr": "172.31.32.0/19"})
    );
}
