//! Public inbound / outbound access, AZs, and the VPC / EIP read endpoints.

mod common;

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use axum::http::StatusCode;
use common::{Harness, PROJECT, Signer, instance_uri};
use serde_json::json;

#[tokio::test]
async fn elb_inbound_and_nat_outbound_on_change_off() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-net").await;
    let ingress = format!("{}/ingress-eip", instance_uri(&id));
    let nat = format!("{}/nat-eip", instance_uri(&id));

    let on = h
        .send(
            "POST",
            &ingress,
            Some(&json!({"bandwidth_size": 10, "bandwidth_charging_mode": "bandwidth"})),
        )
        .await;
    assert_eq!(on.status, StatusCode::ACCEPTED, "{}", on.body);
    assert!(
        on.body["message"]
            .as_str()
            .unwrap()
            .starts_with("JOB_ASSIGNED_FOR_UPDATE_0077I:")
    );
    let again = h
        .send("POST", &ingress, Some(&json!({"bandwidth_size": 10})))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "APIC.7711");
    let show = h.send("GET", &instance_uri(&id), None).await;
    let address = show.body["publicips"][0]["ip_address"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(show.body["publicips"][0]["bandwidth_size"], 10);
    assert_eq!(show.body["eip_address"], address.as_str());
    let change = h
        .send("PUT", &ingress, Some(&json!({"bandwidth_size": 20})))
        .await;
    assert_eq!(change.status, StatusCode::ACCEPTED);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.body["publicips"][0]["bandwidth_size"], 20);
    let too_small = h
        .send("PUT", &ingress, Some(&json!({"bandwidth_size": 1})))
        .await;
    assert_eq!(too_small.code(), "APIC.7211");

    // nat-eip takes the bandwidth as a string (SDK) or a number (Terraform).
    let on = h
        .send("POST", &nat, Some(&json!({"bandwidth_size": "5"})))
        .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert!(show.body["nat_eip_address"].is_string());
    assert_eq!(show.body["bandwidth_size"], 5);
    let change = h
        .send("PUT", &nat, Some(&json!({"bandwidth_size": 50})))
        .await;
    assert_eq!(change.status, StatusCode::OK);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert_eq!(show.body["bandwidth_size"], 50);
    let bad = h
        .send("PUT", &nat, Some(&json!({"bandwidth_size": "fast"})))
        .await;
    assert_eq!(bad.code(), "APIC.7211");
    assert!(
        bad.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("bandwidthSize")
    );

    // The VPC API shows the gateway's EIPs as bound.
    let eips = h
        .send("GET", &format!("/v1/{PROJECT}/publicips"), None)
        .await;
    let bound: Vec<_> = eips.body["publicips"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["alias"] == id.as_str())
        .collect();
    assert_eq!(bound.len(), 2);

    let off = h.send("DELETE", &nat, None).await;
    assert_eq!(off.status, StatusCode::NO_CONTENT);
    let off_again = h.send("DELETE", &nat, None).await;
    assert_eq!(off_again.code(), "APIC.9208");
    let change_off = h
        .send("PUT", &nat, Some(&json!({"bandwidth_size": 5})))
        .await;
    assert_eq!(change_off.code(), "APIC.7244");
    let off = h.send("DELETE", &ingress, None).await;
    assert_eq!(off.status, StatusCode::NO_CONTENT);
    let show = h.send("GET", &instance_uri(&id), None).await;
    assert!(show.body["nat_eip_address"].is_null());
    assert_eq!(show.body["publicips"], json!([]));
    // LVS binding is refused in an ELB region.
    let lvs = h
        .send(
            "PUT",
            &format!("{}/eip", instance_uri(&id)),
            Some(&json!({"eip_id": ids::CN4_EIP_FREE_1})),
        )
        .await;
    assert_eq!(lvs.status, StatusCode::BAD_REQUEST);
    assert_eq!(lvs.code(), "APIC.7242");
}

#[tokio::test]
async fn lvs_eip_bind_replace_unbind() {
    let h = Harness::new(CreationSpeed::Instant);
    let signer = Signer {
        project: Some(ids::CN1_PROJECT.into()),
        ..Signer::default()
    }
    .at(h.now_ms());
    let base = format!("/v2/{}/apigw/instances", ids::CN1_PROJECT);
    let body = json!({
        "instance_name": "gw-lvs",
        "spec_id": "BASIC",
        "vpc_id": ids::CN1_VPC_MAIN,
        "subnet_id": ids::CN1_SUBNET_ROOMY,
        "security_group_id": ids::CN1_SG_WEB,
        "available_zone_ids": ["cn-north-1a"],
        "eip_id": ids::CN1_EIP_FREE_1,
    });
    let created = h
        .call(signer.request("POST", &base, body.to_string().as_bytes()))
        .await;
    assert_eq!(created.status, StatusCode::ACCEPTED, "{}", created.body);
    let id = created.body["instance_id"].as_str().unwrap().to_owned();
    let uri = format!("{base}/{id}");
    let show = h.call(signer.request("GET", &uri, b"")).await;
    assert!(show.body["eip_address"].is_string());
    // Replace with the second free EIP; the first becomes free again.
    let bind = json!({"eip_id": ids::CN1_EIP_FREE_2}).to_string();
    let answer = h
        .call(signer.request("PUT", &format!("{uri}/eip"), bind.as_bytes()))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["eip_status"], "ACTIVE");
    assert_eq!(answer.body["eip_id"], ids::CN1_EIP_FREE_2);
    let eips = h
        .call(signer.request("GET", &format!("/v1/{}/publicips", ids::CN1_PROJECT), b""))
        .await;
    let status_of = |eip: &str| {
        eips.body["publicips"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == eip)
            .map(|e| e["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(status_of(ids::CN1_EIP_FREE_1).as_deref(), Some("DOWN"));
    assert_eq!(status_of(ids::CN1_EIP_FREE_2).as_deref(), Some("ACTIVE"));
    // A bound or broken EIP cannot be bound.
    for eip in [ids::CN1_EIP_BOUND, ids::CN1_EIP_ERROR, "no-such-eip"] {
        let bind = json!({"eip_id": eip}).to_string();
        let answer = h
            .call(signer.request("PUT", &format!("{uri}/eip"), bind.as_bytes()))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{eip}");
        assert_eq!(answer.code(), "APIC.7211", "{eip}");
    }
    let unbind = h
        .call(signer.request("DELETE", &format!("{uri}/eip"), b""))
        .await;
    assert_eq!(unbind.status, StatusCode::OK);
    let show = h.call(signer.request("GET", &uri, b"")).await;
    assert!(show.body["eip_address"].is_null());
    let unbind = h
        .call(signer.request("DELETE", &format!("{uri}/eip"), b""))
        .await;
    assert_eq!(unbind.status, StatusCode::BAD_REQUEST);
    // ingress-eip is refused in an LVS region.
    let elb = h
        .call(signer.request(
            "POST",
            &format!("{uri}/ingress-eip"),
            br#"{"bandwidth_size": 5}"#,
        ))
        .await;
    assert_eq!(elb.code(), "APIC.7242");
}

#[tokio::test]
async fn network_changes_on_a_creating_gateway_are_7701() {
    let h = Harness::new(CreationSpeed::Fast);
    let id = h.create_ok("gw-wait").await;
    for (method, suffix, body) in [
        ("POST", "ingress-eip", json!({"bandwidth_size": 5})),
        ("POST", "nat-eip", json!({"bandwidth_size": "5"})),
        ("DELETE", "nat-eip", json!(null)),
    ] {
        let uri = format!("{}/{suffix}", instance_uri(&id));
        let body = if body.is_null() { None } else { Some(&body) };
        let answer = h.send(method, &uri, body).await;
        assert_eq!(answer.status, StatusCode::CONFLICT, "{method} {suffix}");
        assert_eq!(answer.code(), "APIC.7701");
    }
    let missing = h
        .send(
            "POST",
            &format!("{}/nat-eip", instance_uri("ffff")),
            Some(&json!({"bandwidth_size": 5})),
        )
        .await;
    assert_eq!(missing.code(), "APIC.7302");
}

#[tokio::test]
async fn available_zones_have_codes_and_specs() {
    let h = Harness::new(CreationSpeed::Instant);
    let answer = h
        .send("GET", &format!("/v2/{PROJECT}/apigw/available-zones"), None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let zones = answer.body["available_zones"].as_array().unwrap();
    assert!(!zones.is_empty());
    assert_eq!(zones[0]["code"], "cn-north-4a");
    assert_eq!(zones[0]["local_name"]["en_us"], "AZ1");
    assert_eq!(zones[0]["specs"]["BASIC"], true);
}

#[tokio::test]
async fn vpc_reads_in_the_vpc_v1_shapes() {
    let h = Harness::new(CreationSpeed::Instant);
    let vpcs = h.send("GET", &format!("/v1/{PROJECT}/vpcs"), None).await;
    assert_eq!(vpcs.status, StatusCode::OK);
    let list = vpcs.body["vpcs"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], ids::CN4_VPC_MAIN);
    assert_eq!(list[0]["status"], "OK");

    let subnets_uri = format!("/v1/{PROJECT}/subnets?vpc_id={}", ids::CN4_VPC_MAIN);
    let subnets = h.send("GET", &subnets_uri, None).await;
    let free_of = |body: &serde_json::Value, id: &str| {
        body["subnets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["available_ip_address_count"].as_u64().unwrap())
    };
    let before = free_of(&subnets.body, ids::CN4_SUBNET_ROOMY).unwrap();
    assert_eq!(free_of(&subnets.body, ids::CN4_SUBNET_SMALL), Some(3));
    assert_eq!(free_of(&subnets.body, ids::CN4_SUBNET_FULL), Some(0));
    assert!(
        subnets.body["subnets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["vpc_id"] == ids::CN4_VPC_MAIN)
    );
    let id = h.create_ok("gw-ips").await;
    let subnets = h.send("GET", &subnets_uri, None).await;
    assert_eq!(
        free_of(&subnets.body, ids::CN4_SUBNET_ROOMY),
        Some(before - 3)
    );
    h.send("DELETE", &instance_uri(&id), None).await;
    let subnets = h.send("GET", &subnets_uri, None).await;
    assert_eq!(
        free_of(&subnets.body, ids::CN4_SUBNET_ROOMY),
        Some(before),
        "IPs released"
    );

    let paged = h
        .send(
            "GET",
            &format!("{subnets_uri}&limit=1&marker={}", ids::CN4_SUBNET_ROOMY),
            None,
        )
        .await;
    assert_eq!(paged.body["subnets"].as_array().unwrap().len(), 1);
    assert_ne!(paged.body["subnets"][0]["id"], ids::CN4_SUBNET_ROOMY);

    let groups = h
        .send(
            "GET",
            &format!("/v1/{PROJECT}/security-groups?vpc_id={}", ids::CN4_VPC_MAIN),
            None,
        )
        .await;
    let web = groups.body["security_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == ids::CN4_SG_WEB)
        .unwrap();
    let rules = web["security_group_rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["direction"] == "ingress"
        && r["port_range_min"] == 443
        && r["remote_ip_prefix"] == "0.0.0.0/0"));
    assert!(
        rules
            .iter()
            .all(|r| r["security_group_id"] == ids::CN4_SG_WEB)
    );
    let bad = h
        .send("GET", &format!("/v1/{PROJECT}/vpcs?limit=many"), None)
        .await;
    assert_eq!(bad.code(), "APIC.7211");
}
