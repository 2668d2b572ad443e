//! The instance lifecycle through `app(state)`: create, progress, show, list, update, delete,
//! and every refusal with the status and code the console gives too.

mod common;

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use axum::http::StatusCode;
use common::{Harness, PROJECT, create_body, instance_uri, instances_uri};
use serde_json::{Value, json};

#[tokio::test]
async fn create_runs_through_progress_to_running_at_fast_speed() {
    let h = Harness::new(CreationSpeed::Fast);
    let created = h.create("gw-fast").await;
    assert_eq!(created.status, StatusCode::ACCEPTED);
    let id = created.body["instance_id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    let job = created.body["job_id"].as_str().unwrap();
    assert!(job.starts_with("JOB-") && job.len() == 36, "{job}");
    assert!(
        created.body["message"]
            .as_str()
            .unwrap()
            .starts_with("JOB_ASSIGNED_FOR_PROVISIONING_0003I:")
    );
    let keys: Vec<&String> = created.body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "exactly instance_id, job_id, message");

    let progress_uri = format!("{}/progress", instance_uri(&id));
    let mut seen = Vec::new();
    for _ in 0..5 {
        let p = h.send("GET", &progress_uri, None).await;
        assert_eq!(p.status, StatusCode::OK);
        seen.push(p.body["progress"].as_u64().unwrap());
        let show = h.send("GET", &instance_uri(&id), None).await;
        let status = show.body["status"].as_str().unwrap().to_owned();
        if p.body["progress"] == 100 {
            assert_eq!(p.body["status"], "success");
            assert_eq!(status, "Running");
            assert_eq!(show.body["instance_status"], 6);
        } else {
            assert_eq!(p.body["status"], "creating");
            assert_eq!(status, "Creating");
            assert_eq!(show.body["instance_status"], 1);
            assert!(p.body["end_time"].is_null());
        }
        h.advance(7_500);
    }
    assert_eq!(seen, [30, 50, 80, 90, 100]);
}

#[tokio::test]
async fn show_has_the_full_instance_object() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-show").await;
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.status, StatusCode::OK);
    let b = &show.body;
    assert_eq!(b["id"], id.as_str());
    assert_eq!(b["project_id"], PROJECT);
    assert_eq!(b["instance_name"], "gw-show");
    assert_eq!(b["type"], "apig");
    assert_eq!(b["spec"], "BASIC");
    assert_eq!(b["create_time"], common::START_MS);
    assert_eq!(b["available_zone_ids"], "[cn-north-4a]");
    assert_eq!(b["vpc_id"], ids::CN4_VPC_MAIN);
    assert_eq!(b["subnet_id"], ids::CN4_SUBNET_ROOMY);
    assert_eq!(b["security_group_id"], ids::CN4_SG_WEB);
    assert_eq!(b["loadbalancer_provider"], "elb");
    assert!(b["ingress_ip"].as_str().unwrap().contains('.'));
    assert!(b["eip_address"].is_null());
    assert!(b["maintain_begin"].as_str().unwrap().ends_with(":00:00"));
    assert_eq!(b["privateips"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn list_pages_and_filters() {
    let h = Harness::new(CreationSpeed::Instant);
    for name in ["gw-a", "gw-b", "gw-c", "other-d"] {
        h.create_ok(name).await;
        h.advance(1_000);
    }
    let all = h.send("GET", &instances_uri(), None).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.body["total"], 4);
    assert_eq!(all.body["size"], 4);
    let names: Vec<&str> = all.body["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["instance_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["other-d", "gw-c", "gw-b", "gw-a"], "newest first");
    let item = &all.body["instances"][0];
    assert!(item.get("vpc_id").is_none(), "list items are the summary");
    assert_eq!(item["status"], "Running");

    let check = async |query: &str, total: u64, size: u64| {
        let page = h
            .send("GET", &format!("{}?{query}", instances_uri()), None)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(
            (page.body["total"].as_u64(), page.body["size"].as_u64()),
            (Some(total), Some(size)),
            "{query}"
        );
        page
    };
    check("limit=2&offset=0", 4, 2).await;
    let second = check("limit=2&offset=2", 4, 2).await;
    assert_eq!(second.body["instances"][1]["instance_name"], "gw-a");
    check("limit=2&offset=4", 4, 0).await;
    check("limit=0&offset=-3", 4, 4).await;
    check("limit=9999", 4, 4).await;
    check("instance_name=gw-", 3, 3).await;
    check("instance_name=gw-b", 1, 1).await;
    check("status=Running", 4, 4).await;
    check("status=Creating", 0, 0).await;
    let id = second.body["instances"][0]["id"].as_str().unwrap();
    check(&format!("instance_id={id}"), 1, 1).await;
    check("instance_id=nope", 0, 0).await;

    for (query, field) in [
        ("status=Bogus", "status"),
        ("limit=ten", "limit"),
        ("offset=1.5", "offset"),
    ] {
        let bad = h
            .send("GET", &format!("{}?{query}", instances_uri()), None)
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(bad.code(), "APIC.7211", "{query}");
        assert!(
            bad.body["error_msg"].as_str().unwrap().contains(field),
            "{query}: {}",
            bad.body
        );
    }
}

#[tokio::test]
async fn update_answers_the_full_object_and_checks_every_rule() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-upd").await;
    h.create_ok("gw-taken").await;
    let update = json!({
        "instance_name": "gw-renamed",
        "description": "changed",
        "maintain_begin": "06:00:00",
        "maintain_end": "10:00:00",
        "security_group_id": ids::CN4_SG_DEFAULT,
    });
    let answer = h.send("PUT", &instance_uri(&id), Some(&update)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["instance_name"], "gw-renamed");
    assert_eq!(answer.body["description"], "changed");
    assert_eq!(answer.body["maintain_begin"], "06:00:00");
    assert_eq!(answer.body["maintain_end"], "10:00:00");
    assert_eq!(answer.body["security_group_id"], ids::CN4_SG_DEFAULT);
    assert_eq!(answer.body["vpc_id"], ids::CN4_VPC_MAIN);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.body["instance_name"], "gw-renamed");

    let cases: &[(Value, u16, &str)] = &[
        (json!({"instance_name": "gw-taken"}), 400, "APIC.7500"),
        (json!({"instance_name": "9lives"}), 400, "APIC.7211"),
        (
            json!({"maintain_begin": "03:00:00", "maintain_end": "07:00:00"}),
            400,
            "APIC.7235",
        ),
        (
            json!({"maintain_begin": "02:00:00", "maintain_end": "10:00:00"}),
            400,
            "APIC.7230",
        ),
        (json!({"maintain_begin": "2 am"}), 400, "APIC.7211"),
        (
            json!({"security_group_id": ids::CN4_SG_OTHER}),
            404,
            "APIC.7307",
        ),
        (json!({"description": "<b>"}), 400, "APIC.7211"),
        (json!({"description": 5}), 400, "APIC.7211"),
        (
            json!({"vpcep_service_name": "far-too-long-endpoint-name"}),
            400,
            "APIC.7211",
        ),
    ];
    for (body, status, code) in cases {
        let answer = h.send("PUT", &instance_uri(&id), Some(body)).await;
        assert_eq!(answer.status.as_u16(), *status, "{body}: {}", answer.body);
        assert_eq!(answer.code(), *code, "{body}");
    }
    let missing = h
        .send(
            "PUT",
            &instance_uri("0".repeat(32).as_str()),
            Some(&json!({})),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "APIC.7302");
}

#[tokio::test]
async fn busy_gateways_refuse_changes_with_7701() {
    let h = Harness::new(CreationSpeed::Fast);
    let id = h.create_ok("gw-busy").await;
    let update = h
        .send(
            "PUT",
            &instance_uri(&id),
            Some(&json!({"description": "x"})),
        )
        .await;
    assert_eq!(update.status, StatusCode::CONFLICT);
    assert_eq!(update.code(), "APIC.7701");
    let delete = h.send("DELETE", &instance_uri(&id), None).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);
    assert_eq!(delete.code(), "APIC.7701");
    h.advance(30_000);
    let update = h
        .send(
            "PUT",
            &instance_uri(&id),
            Some(&json!({"description": "x"})),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK);
    assert_eq!(update.body["status"], "Updating");
    h.advance(3_000);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.body["status"], "Running");
}

#[tokio::test]
async fn delete_goes_through_deleting_and_frees_the_name_and_quota() {
    let h = Harness::new(CreationSpeed::Fast);
    let id = h.create_ok("gw-del").await;
    h.advance(30_000);
    let delete = h.send("DELETE", &instance_uri(&id), None).await;
    assert_eq!(delete.status, StatusCode::NO_CONTENT);
    assert!(delete.raw.is_empty());
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.status, StatusCode::OK);
    assert_eq!(show.body["status"], "Deleting");
    assert_eq!(show.body["instance_status"], 23);
    let again = h.send("DELETE", &instance_uri(&id), None).await;
    assert_eq!(again.code(), "APIC.7701");
    h.advance(3_000);
    let gone = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.code(), "APIC.7302");
    assert!(
        gone.body["error_msg"]
            .as_str()
            .is_some_and(|m| m.starts_with("Instance not found")),
        "{}",
        gone.body
    );
    let progress = h
        .send("GET", &format!("{}/progress", instance_uri(&id)), None)
        .await;
    assert_eq!(progress.code(), "APIC.7302");
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.body["total"], 0);
    // The name is free again.
    h.create_ok("gw-del").await;
}

#[tokio::test]
async fn quota_of_five_then_7400_and_deleting_makes_room() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(h.create_ok(&format!("gw-q{n}")).await);
    }
    let sixth = h.create("gw-q5").await;
    assert_eq!(sixth.status, StatusCode::FORBIDDEN);
    assert_eq!(sixth.code(), "APIC.7400");
    let delete = h.send("DELETE", &instance_uri(&ids[0]), None).await;
    assert_eq!(delete.status, StatusCode::NO_CONTENT);
    h.create_ok("gw-q5").await;
    let configs = h
        .send(
            "GET",
            &format!("/v2/{PROJECT}/apigw/instance/configs"),
            None,
        )
        .await;
    assert_eq!(
        configs.body["configs"][0]["config_name"],
        "INSTANCE_NUM_LIMIT"
    );
    assert_eq!(configs.body["configs"][0]["config_value"], "5");
}

/// Every bad create body tried: (what, body, status, code, field named in the message).
// One table of every bad body; splitting it would scatter the cases.
#[allow(clippy::too_many_lines)]
#[tokio::test]
async fn bad_create_bodies_get_the_console_codes() {
    let h = Harness::new(CreationSpeed::Instant);
    h.create_ok("gw-exists").await;
    let with = |key: &str, value: Value| {
        let mut body = create_body("gw-new");
        body[key] = value;
        body
    };
    let cases: Vec<(&str, Value, u16, &str, &str)> = vec![
        (
            "name starts with a digit",
            with("instance_name", json!("1gw")),
            400,
            "APIC.7211",
            "instanceName",
        ),
        (
            "name too short",
            with("instance_name", json!("gw")),
            400,
            "APIC.7211",
            "instanceName",
        ),
        (
            "name with a space",
            with("instance_name", json!("gw x")),
            400,
            "APIC.7211",
            "instanceName",
        ),
        (
            "name taken",
            with("instance_name", json!("gw-exists")),
            400,
            "APIC.7500",
            "",
        ),
        (
            "name is a number",
            with("instance_name", json!(42)),
            400,
            "APIC.7211",
            "instanceName",
        ),
        (
            "unknown edition",
            with("spec_id", json!("GOLD")),
            404,
            "APIC.7301",
            "",
        ),
        (
            "edition is a number",
            with("spec_id", json!(5)),
            400,
            "APIC.7211",
            "specId",
        ),
        (
            "window hour",
            {
                let mut b = with("maintain_begin", json!("03:00:00"));
                b["maintain_end"] = json!("07:00:00");
                b
            },
            400,
            "APIC.7235",
            "",
        ),
        (
            "window length",
            {
                let mut b = with("maintain_begin", json!("02:00:00"));
                b["maintain_end"] = json!("10:00:00");
                b
            },
            400,
            "APIC.7230",
            "",
        ),
        (
            "window format",
            with("maintain_begin", json!("2am")),
            400,
            "APIC.7211",
            "maintainBegin",
        ),
        (
            "no AZ",
            with("available_zone_ids", json!([])),
            400,
            "APIC.7238",
            "",
        ),
        (
            "AZ missing",
            {
                let mut b = create_body("gw-new");
                b.as_object_mut().unwrap().remove("available_zone_ids");
                b
            },
            400,
            "APIC.7238",
            "",
        ),
        (
            "AZ list is a string",
            with("available_zone_ids", json!("cn-north-4a")),
            400,
            "APIC.7211",
            "availableZoneIds",
        ),
        (
            "SG of another VPC",
            with("security_group_id", json!(ids::CN4_SG_OTHER)),
            404,
            "APIC.7307",
            "",
        ),
        (
            "description with <",
            with("description", json!("<script>")),
            400,
            "APIC.7211",
            "description",
        ),
        (
            "bandwidth as text",
            with("bandwidth_size", json!("lots")),
            400,
            "APIC.7211",
            "bandwidthSize",
        ),
        (
            "bandwidth negative",
            with("bandwidth_size", json!(-5)),
            400,
            "APIC.7211",
            "bandwidthSize",
        ),
        (
            "bandwidth too big",
            with("bandwidth_size", json!(5000)),
            400,
            "APIC.7211",
            "",
        ),
        (
            "ipv6_enable not a bool",
            with("ipv6_enable", json!("yes")),
            400,
            "APIC.7211",
            "ipv6Enable",
        ),
        (
            "tags not a list",
            with("tags", json!({"a": 1})),
            400,
            "APIC.7211",
            "tags",
        ),
        (
            "bad instance_id",
            with("instance_id", json!("XYZ")),
            400,
            "APIC.7211",
            "",
        ),
        (
            "vpcep name too long",
            with("vpcep_service_name", json!("x".repeat(40))),
            400,
            "APIC.7211",
            "",
        ),
    ];
    for (what, body, status, code, field) in &cases {
        let answer = h.send("POST", &instances_uri(), Some(body)).await;
        assert_eq!(answer.status.as_u16(), *status, "{what}: {}", answer.body);
        assert_eq!(answer.code(), *code, "{what}: {}", answer.body);
        assert!(
            answer.body["error_msg"].as_str().unwrap().contains(field),
            "{what}: {}",
            answer.body
        );
        assert!(answer.body.get("request_id").is_none(), "{what}");
    }
    for (what, raw) in [
        ("not JSON", &b"{nope"[..]),
        ("a JSON list", b"[1,2]"),
        ("empty body", b""),
        ("truncated", b"{\"instance_name\": \"gw"),
        ("not UTF-8", b"{\"instance_name\": \"\xff\xfe\"}"),
    ] {
        let answer = h.call(h.signed("POST", &instances_uri(), raw)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{what}");
        assert_eq!(answer.code(), "APIC.7211", "{what}");
    }
    // Unknown keys are ignored, as by the service.
    let mut extra = create_body("gw-extra");
    extra["surprise"] = json!({"nested": true});
    let answer = h.send("POST", &instances_uri(), Some(&extra)).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
    // Nothing refused changed anything.
    let list = h.send("GET", &instances_uri(), None).await;
    assert_eq!(list.body["total"], 2);
}

#[tokio::test]
async fn a_subnet_too_small_for_the_edition_is_refused() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut body = create_body("gw-small");
    body["subnet_id"] = json!(ids::CN4_SUBNET_SMALL);
    body["spec_id"] = json!("PROFESSIONAL");
    let answer = h.send("POST", &instances_uri(), Some(&body)).await;
    assert!(answer.status.is_client_error(), "{}", answer.body);
    assert!(answer.code().starts_with("APIC."), "{}", answer.body);
    body["spec_id"] = json!("BASIC");
    let answer = h.send("POST", &instances_uri(), Some(&body)).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
    // The /29 is now full.
    body["instance_name"] = json!("gw-small-2");
    let answer = h.send("POST", &instances_uri(), Some(&body)).await;
    assert!(answer.status.is_client_error(), "{}", answer.body);
}

#[tokio::test]
async fn names_are_unique_per_project_not_per_account() {
    let h = Harness::new(CreationSpeed::Instant);
    h.create_ok("gw-same").await;
    let uri = format!("/v2/{}/apigw/instances", ids::CN1_PROJECT);
    let body = json!({
        "instance_name": "gw-same",
        "spec_id": "BASIC",
        "vpc_id": ids::CN1_VPC_MAIN,
        "subnet_id": ids::CN1_SUBNET_ROOMY,
        "security_group_id": ids::CN1_SG_WEB,
        "available_zone_ids": ["cn-north-1a"],
    });
    let signer = common::Signer {
        project: Some(ids::CN1_PROJECT.into()),
        ..common::Signer::default()
    }
    .at(h.now_ms());
    let answer = h
        .call(signer.request("POST", &uri, body.to_string().as_bytes()))
        .await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
    let list = h.call(signer.request("GET", &uri, b"")).await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["instances"][0]["loadbalancer_provider"], "lvs");
    let mine = h.send("GET", &instances_uri(), None).await;
    assert_eq!(mine.body["total"], 1);
}
