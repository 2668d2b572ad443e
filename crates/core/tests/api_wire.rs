//! Wire types: snapshots of every type from realistic values, reading the example JSON of
//! docs/reference.md, and errors that name the field.

use std::collections::BTreeMap;

use apig_core::api::{
    AvailableZone, AvailableZonesResponse, CreateInstanceV2Request, CreateInstanceV2Response,
    DecodeError, EipBindRequest, EipBindResponse, EndpointService, ErrorBody, IngressEipRequest,
    InstanceConfig, InstanceConfigsResponse, InstanceDetail, IpDetail, JobResponse,
    ListInstancesResponse, ListQuery, LocalName, NatEipRequest, NodeIps, OperationLock,
    ProgressResponse, ResizeRequest, Tag, UpdateInstanceRequest, decode_json, format_az_ids,
};
use serde_json::json;

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const INSTANCE: &str = "6a7d71827fd54572b1f31aa9548fcc81";
const JOB: &str = "JOB-2c0a8a3d1e4f4b5c9d7e6f8a0b1c2d3e";

fn full_create_request() -> CreateInstanceV2Request {
    CreateInstanceV2Request {
        instance_name: "apig-prod-01".to_owned(),
        spec_id: "PROFESSIONAL".to_owned(),
        vpc_id: "3f5a1c2e-8b9d-4e7f-a6c5-0d1e2f3a4b5c".to_owned(),
        subnet_id: "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f".to_owned(),
        security_group_id: "9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b".to_owned(),
        available_zone_ids: vec!["cn-north-4a".to_owned(), "cn-north-4b".to_owned()],
        description: Some("Production gateway for the order APIs".to_owned()),
        maintain_begin: Some("22:00:00".to_owned()),
        maintain_end: Some("02:00:00".to_owned()),
        enterprise_project_id: Some("0".to_owned()),
        eip_id: None,
        bandwidth_size: Some(5),
        bandwidth_charging_mode: Some("bandwidth".to_owned()),
        ingress_bandwidth_size: Some(10),
        ingress_bandwidth_charging_mode: Some("bandwidth".to_owned()),
        ipv6_enable: Some(false),
        loadbalancer_provider: Some("elb".to_owned()),
        tags: Some(vec![Tag {
            key: "env".to_owned(),
            value: "prod".to_owned(),
        }]),
        vpcep_service_name: Some("orders".to_owned()),
        instance_id: None,
    }
}

fn minimal_create_request() -> CreateInstanceV2Request {
    CreateInstanceV2Request {
        instance_name: "apig-demo".to_owned(),
        spec_id: "BASIC".to_owned(),
        vpc_id: "vpc-1".to_owned(),
        subnet_id: "subnet-1".to_owned(),
        security_group_id: "sg-1".to_owned(),
        available_zone_ids: vec!["cn-north-4a".to_owned()],
        ..CreateInstanceV2Request::default()
    }
}

fn running_instance() -> InstanceDetail {
    InstanceDetail {
        id: INSTANCE.to_owned(),
        project_id: PROJECT.to_owned(),
        instance_name: "apig-prod-01".to_owned(),
        status: "Running".to_owned(),
        instance_status: 6,
        instance_type: "apig".to_owned(),
        spec: "PROFESSIONAL".to_owned(),
        create_time: 1_704_067_200_000,
        enterprise_project_id: Some("0".to_owned()),
        eip_address: Some("100.85.216.10".to_owned()),
        charging_mode: 0,
        cbc_metadata: None,
        loadbalancer_provider: Some("elb".to_owned()),
        cbc_operation_locks: vec![],
        description: Some("Production gateway for the order APIs".to_owned()),
        vpc_id: "3f5a1c2e-8b9d-4e7f-a6c5-0d1e2f3a4b5c".to_owned(),
        subnet_id: "7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f".to_owned(),
        security_group_id: Some("9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b".to_owned()),
        maintain_begin: Some("22:00:00".to_owned()),
        maintain_end: Some("02:00:00".to_owned()),
        ingress_ip: Some("192.168.0.6".to_owned()),
        ingress_ip_v6: None,
        user_id: Some("d4f1b2c3a4e5f6a7b8c9d0e1f2a3b4c5".to_owned()),
        nat_eip_address: Some("100.85.220.7".to_owned()),
        nat_eip_ipv6_cidr: None,
        eip_ipv6_address: None,
        bandwidth_size: Some(5),
        bandwidth_charging_mode: Some("bandwidth".to_owned()),
        available_zone_ids: format_az_ids(&["cn-north-4a", "cn-north-4b"]),
        instance_version: Some("2.6.0".to_owned()),
        virsubnet_id: Some("7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f".to_owned()),
        roma_eip_address: None,
        listeners: Some(json!({"ipv4": [{"port": 80, "protocol": "HTTP"}]})),
        supported_features: vec!["lts".to_owned(), "ratelimit".to_owned(), "route".to_owned()],
        endpoint_service: Some(EndpointService {
            service_name: "cn-north-4.orders.9b2c1d3e".to_owned(),
            created_at: 1_704_067_500_000,
        }),
        endpoint_services: vec![EndpointService {
            service_name: "cn-north-4.orders.9b2c1d3e".to_owned(),
            created_at: 1_704_067_500_000,
        }],
        node_ips: Some(NodeIps {
            livedata: vec!["192.168.0.4".to_owned(), "192.168.0.5".to_owned()],
            shubao: vec!["192.168.0.2".to_owned(), "192.168.0.3".to_owned()],
        }),
        node_ipv6_ips: None,
        public_ipv6_ips: vec![],
        publicips: vec![IpDetail {
            ip_address: Some("100.85.216.10".to_owned()),
            ipv6_address: None,
            bandwidth_size: Some(10),
        }],
        privateips: vec![IpDetail {
            ip_address: Some("192.168.0.6".to_owned()),
            ipv6_address: None,
            bandwidth_size: None,
        }],
        unreliable_ips: vec![],
        enable_fullstack_ipv6: Some(false),
        is_releasable: Some(true),
        ingress_bandwidth_charging_mode: Some("bandwidth".to_owned()),
    }
}

/// A gateway right after create: most optional values still unset.
fn creating_instance() -> InstanceDetail {
    InstanceDetail {
        id: "0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b".to_owned(),
        project_id: PROJECT.to_owned(),
        instance_name: "apig-demo".to_owned(),
        status: "Creating".to_owned(),
        instance_status: 1,
        instance_type: "apig".to_owned(),
        spec: "BASIC".to_owned(),
        create_time: 1_704_067_200_000,
        enterprise_project_id: Some("0".to_owned()),
        loadbalancer_provider: Some("elb".to_owned()),
        vpc_id: "vpc-1".to_owned(),
        subnet_id: "subnet-1".to_owned(),
        security_group_id: Some("sg-1".to_owned()),
        maintain_begin: Some("22:00:00".to_owned()),
        maintain_end: Some("02:00:00".to_owned()),
        available_zone_ids: format_az_ids(&["cn-north-4a"]),
        ..InstanceDetail::default()
    }
}

#[test]
fn snapshot_create_request_full() {
    insta::assert_json_snapshot!(full_create_request());
}

#[test]
fn snapshot_create_request_minimal_skips_unset_optionals() {
    insta::assert_json_snapshot!(minimal_create_request());
}

#[test]
fn snapshot_create_response() {
    insta::assert_json_snapshot!(CreateInstanceV2Response::provisioning(INSTANCE, JOB));
}

#[test]
fn snapshot_ingress_eip_job_response() {
    insta::assert_json_snapshot!(JobResponse::update(INSTANCE, JOB));
}

#[test]
fn snapshot_instance_detail_running() {
    insta::assert_json_snapshot!(running_instance());
}

#[test]
fn snapshot_instance_detail_creating_has_nulls() {
    insta::assert_json_snapshot!(creating_instance());
}

#[test]
fn snapshot_list_response() {
    let mut locked = creating_instance().summary();
    locked.cbc_operation_locks.push(OperationLock {
        lock_scene: "DELETE".to_owned(),
        lock_source_id: "order-1".to_owned(),
    });
    insta::assert_json_snapshot!(ListInstancesResponse {
        total: 7,
        size: 2,
        instances: vec![running_instance().summary(), locked],
    });
}

#[test]
fn snapshot_list_query() {
    insta::assert_json_snapshot!(ListQuery {
        offset: Some(0),
        limit: Some(10),
        instance_id: None,
        instance_name: Some("my gw/1".to_owned()),
        status: Some("Running".to_owned()),
    });
}

#[test]
fn snapshot_progress_creating_and_failed() {
    insta::assert_json_snapshot!(
        "progress_creating",
        ProgressResponse {
            progress: 50,
            status: "creating".to_owned(),
            error_code: None,
            error_msg: None,
            start_time: 1_704_067_200_000,
            end_time: None,
        }
    );
    insta::assert_json_snapshot!(
        "progress_failed",
        ProgressResponse {
            progress: 0,
            status: "failed".to_owned(),
            error_code: Some("APIC.9218".to_owned()),
            error_msg: Some("Failed to create the instance: insufficient quota.".to_owned()),
            start_time: 1_704_067_200_000,
            end_time: Some(1_704_067_290_000),
        }
    );
}

#[test]
fn snapshot_update_request() {
    insta::assert_json_snapshot!(UpdateInstanceRequest {
        instance_name: Some("apig-prod-02".to_owned()),
        description: Some(String::new()),
        maintain_begin: Some("02:00:00".to_owned()),
        maintain_end: Some("06:00:00".to_owned()),
        security_group_id: None,
        vpcep_service_name: None,
    });
}

#[test]
fn snapshot_eip_bodies() {
    insta::assert_json_snapshot!(
        "eip_bind_request",
        EipBindRequest {
            eip_id: "c4b2e1a0-9f8e-4d7c-b6a5-948372615049".to_owned()
        }
    );
    insta::assert_json_snapshot!(
        "eip_bind_response",
        EipBindResponse {
            eip_id: "c4b2e1a0-9f8e-4d7c-b6a5-948372615049".to_owned(),
            eip_address: Some("100.85.216.10".to_owned()),
            eip_status: "ACTIVE".to_owned(),
            eip_ipv6_address: None,
        }
    );
    insta::assert_json_snapshot!(
        "ingress_eip_request",
        IngressEipRequest {
            bandwidth_size: 10,
            bandwidth_charging_mode: Some("bandwidth".to_owned()),
        }
    );
    insta::assert_json_snapshot!(
        "nat_eip_request",
        NatEipRequest {
            bandwidth_size: 5,
            bandwidth_charging_mode: Some("bandwidth".to_owned()),
        }
    );
    insta::assert_json_snapshot!(
        "resize_request",
        ResizeRequest {
            spec_id: "ENTERPRISE".to_owned()
        }
    );
}

#[test]
fn snapshot_available_zones() {
    let specs = |platinum: bool| -> BTreeMap<String, bool> {
        [
            ("BASIC", true),
            ("PROFESSIONAL", true),
            ("ENTERPRISE", true),
            ("PLATINUM", platinum),
        ]
        .into_iter()
        .map(|(spec, sold)| (spec.to_owned(), sold))
        .collect()
    };
    insta::assert_json_snapshot!(AvailableZonesResponse {
        available_zones: vec![
            AvailableZone {
                id: "effdcbc7d4d64a02aa1fa26b42f56533".to_owned(),
                code: "cn-north-4a".to_owned(),
                name: "cn-north-4a".to_owned(),
                port: "8403".to_owned(),
                local_name: LocalName {
                    en_us: "AZ1".to_owned(),
                    zh_cn: "可用区1".to_owned(),
                },
                specs: specs(true),
            },
            AvailableZone {
                id: "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5".to_owned(),
                code: "cn-north-4b".to_owned(),
                name: "cn-north-4b".to_owned(),
                port: "8404".to_owned(),
                local_name: LocalName {
                    en_us: "AZ2".to_owned(),
                    zh_cn: "可用区2".to_owned(),
                },
                specs: specs(false),
            },
        ],
    });
}

#[test]
fn snapshot_instance_configs() {
    insta::assert_json_snapshot!(InstanceConfigsResponse {
        total: 1,
        size: 1,
        configs: vec![InstanceConfig {
            config_id: "1".to_owned(),
            config_name: "INSTANCE_NUM_LIMIT".to_owned(),
            config_value: "5".to_owned(),
            config_time: "2024-01-01T00:00:00Z".to_owned(),
            remark: "Maximum number of gateways in a project".to_owned(),
        }],
    });
}

#[test]
fn snapshot_error_bodies() {
    insta::assert_json_snapshot!("error_not_found", ErrorBody::instance_not_found());
    insta::assert_json_snapshot!(
        "error_invalid_parameter",
        ErrorBody::invalid_parameter("maintain_begin")
    );
    insta::assert_json_snapshot!(
        "error_front_door",
        ErrorBody::signature_rejected().with_request_id("0f3a5c7e9b1d2f4a6c8e0b2d4f6a8c0e")
    );
}

#[test]
fn the_create_message_matches_the_reference() {
    let response = CreateInstanceV2Response::provisioning(INSTANCE, JOB);
    assert_eq!(
        response.message,
        format!(
            "JOB_ASSIGNED_FOR_PROVISIONING_0003I:The job {JOB} has been assigned to the instance {INSTANCE} for running provisioning."
        )
    );
}

#[test]
fn the_reference_create_body_reads() {
    let body = br#"{"instance_name":"apig-demo","spec_id":"BASIC","vpc_id":"vpc-1","subnet_id":"subnet-1","security_group_id":"sg-1","available_zone_ids":["cn-north-4a"]}"#;
    let request: CreateInstanceV2Request = decode_json(body).unwrap();
    assert_eq!(request, minimal_create_request());
    // Written back, the body has the same bytes (field order = docs/reference.md, Create request).
    assert_eq!(serde_json::to_vec(&request).unwrap(), body.to_vec());
}

#[test]
fn a_create_body_with_python_spacing_and_unknown_keys_reads() {
    let body = br#"{"instance_name": "apig-demo", "spec_id": "BASIC", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
        "security_group_id": "sg-1", "available_zone_ids": ["cn-north-4a"], "charging_mode": 0, "az": null,
        "description": null, "tags": [{"key": "env"}]}"#;
    let request: CreateInstanceV2Request = decode_json(body).unwrap();
    assert_eq!(request.description, None);
    assert_eq!(
        request.tags,
        Some(vec![Tag {
            key: "env".to_owned(),
            value: String::new()
        }])
    );
}

#[test]
fn missing_required_keys_read_as_empty_for_validation_to_report() {
    let request: CreateInstanceV2Request = decode_json(b"{}").unwrap();
    assert_eq!(request, CreateInstanceV2Request::default());
    assert!(request.available_zone_ids.is_empty());
}

#[test]
fn wrong_types_name_the_field() {
    let check = |body: serde_json::Value, field: &str| {
        let error =
            decode_json::<CreateInstanceV2Request>(body.to_string().as_bytes()).unwrap_err();
        assert_eq!(error.field(), Some(field), "{body} → {error}");
        let answer = error.to_error_body();
        assert_eq!(answer.error_code, "APIC.7211");
    };
    check(
        json!({"instance_name": "gw", "bandwidth_size": "abc"}),
        "bandwidth_size",
    );
    check(json!({"bandwidth_size": -5}), "bandwidth_size");
    check(
        json!({"available_zone_ids": "cn-north-4a"}),
        "available_zone_ids",
    );
    check(json!({"spec_id": 3, "vpc_id": "v"}), "spec_id");
    check(json!({"ipv6_enable": "yes"}), "ipv6_enable");
    check(json!({"tags": [{"key": 1}]}), "tags");
    check(json!({"maintain_begin": ["22:00:00"]}), "maintain_begin");

    let error = decode_json::<CreateInstanceV2Request>(br#"{"maintain_begin": 22}"#).unwrap_err();
    assert_eq!(
        error.to_error_body().error_msg,
        "Parameter value does not match the rules, parameter name[maintainBegin]"
    );
}

#[test]
fn bodies_that_are_not_json_objects_are_rejected() {
    assert!(matches!(
        decode_json::<CreateInstanceV2Request>(b"{\"instance_name\": "),
        Err(DecodeError::Syntax(_))
    ));
    assert!(matches!(
        decode_json::<CreateInstanceV2Request>(b"\xff\xfe"),
        Err(DecodeError::Syntax(_))
    ));
    assert_eq!(
        decode_json::<CreateInstanceV2Request>(b"[1, 2]"),
        Err(DecodeError::NotAnObject)
    );
    assert_eq!(
        decode_json::<CreateInstanceV2Request>(b"null")
            .unwrap_err()
            .field(),
        None
    );
}

#[test]
fn nat_eip_bandwidth_reads_from_a_string_or_a_number() {
    for body in [
        r#"{"bandwidth_size": "5", "bandwidth_charging_mode": "bandwidth"}"#,
        r#"{"bandwidth_size": 5, "bandwidth_charging_mode": "bandwidth"}"#,
    ] {
        let request: NatEipRequest = decode_json(body.as_bytes()).unwrap();
        assert_eq!(request.bandwidth_size, 5, "{body}");
    }
    for bad in [
        r#"{"bandwidth_size": "five"}"#,
        r#"{"bandwidth_size": -1}"#,
        r#"{"bandwidth_size": 5.5}"#,
        r#"{"bandwidth_size": true}"#,
    ] {
        let error = decode_json::<NatEipRequest>(bad.as_bytes()).unwrap_err();
        assert_eq!(error.field(), Some("bandwidth_size"), "{bad}");
    }
    let written = serde_json::to_string(&NatEipRequest {
        bandwidth_size: 20,
        bandwidth_charging_mode: None,
    })
    .unwrap();
    assert_eq!(written, r#"{"bandwidth_size":"20"}"#);
}

#[test]
fn the_reference_answers_read() {
    let azs: AvailableZonesResponse = serde_json::from_value(json!({"available_zones":[{
        "id": "effdcbc7d4d64a02aa1fa26b42f56533", "code": "cn-north-4a", "name": "AZ1", "port": "8403",
        "local_name": {"en_us": "AZ1", "zh_cn": "可用区1"},
        "specs": {"BASIC": true, "PROFESSIONAL": true, "ENTERPRISE": true, "PLATINUM": true}}]}))
    .unwrap();
    assert_eq!(azs.available_zones[0].specs.get("PLATINUM"), Some(&true));

    let progress: ProgressResponse = serde_json::from_value(json!({"progress": 0, "status": "failed",
        "error_code": "APIC.9219", "error_msg": "insufficient resources", "start_time": 1_635_890_506_328_i64,
        "end_time": 1_635_890_606_328_i64}))
    .unwrap();
    assert_eq!(progress.error_code.as_deref(), Some("APIC.9219"));

    let configs: InstanceConfigsResponse = serde_json::from_value(json!({"total": 1, "size": 1,
        "configs": [{"config_id": "1", "config_name": "INSTANCE_NUM_LIMIT", "config_value": "5",
        "config_time": "2021-11-03T10:15:00Z", "remark": "quota"}]}))
    .unwrap();
    assert_eq!(configs.configs[0].config_value, "5");

    let error: ErrorBody = serde_json::from_value(
        json!({"error_code": "APIC.7302", "error_msg": "Instance not found"}),
    )
    .unwrap();
    assert_eq!(error, ErrorBody::instance_not_found());

    let eip: EipBindResponse =
        serde_json::from_value(json!({"eip_id": "e", "eip_address": "1.2.3.4",
        "eip_status": "ACTIVE", "eip_ipv6_address": null}))
        .unwrap();
    assert_eq!(eip.eip_status, "ACTIVE");
}

#[test]
fn an_instance_with_nulls_everywhere_reads() {
    let detail: InstanceDetail = serde_json::from_value(json!({
        "id": INSTANCE, "status": "Creating", "instance_status": 1, "type": "apig",
        "available_zone_ids": "[cn-north-4a, cn-north-4b]", "publicips": null, "privateips": null,
        "supported_features": null, "endpoint_services": null, "cbc_operation_locks": null,
        "node_ips": {"livedata": null, "shubao": ["10.0.0.2"]}, "listeners": null, "unknown": 1
    }))
    .unwrap();
    assert_eq!(detail.az_codes(), ["cn-north-4a", "cn-north-4b"]);
    assert!(detail.publicips.is_empty());
    assert_eq!(detail.inbound_address(), None);
    assert_eq!(detail.instance_type, "apig");
}

#[test]
fn instance_objects_round_trip_and_list_items_are_subsets() {
    let detail = running_instance();
    let text = serde_json::to_string(&detail).unwrap();
    let back: InstanceDetail = serde_json::from_str(&text).unwrap();
    assert_eq!(back, detail);
    assert_eq!(detail.inbound_address(), Some("100.85.216.10"));

    let summary = serde_json::to_value(detail.summary()).unwrap();
    let full = serde_json::to_value(&detail).unwrap();
    for (key, value) in summary.as_object().unwrap() {
        assert_eq!(full.get(key), Some(value), "{key}");
    }
    assert_eq!(summary.as_object().unwrap().len(), 14);
}

#[test]
fn unset_optionals_are_null_in_answers_and_absent_in_requests() {
    let creating = serde_json::to_value(creating_instance()).unwrap();
    assert_eq!(creating["eip_address"], serde_json::Value::Null);
    assert_eq!(creating["description"], serde_json::Value::Null);
    assert_eq!(creating["publicips"], json!([]));
    let request = serde_json::to_value(minimal_create_request()).unwrap();
    assert_eq!(request.as_object().unwrap().len(), 6);
}

#[test]
fn list_queries_read_and_write_like_the_sdk() {
    let query =
        ListQuery::from_query_string("offset=-3&limit=900&instance_name=my%20gw%2F1&foo=bar")
            .unwrap();
    assert_eq!(query.offset(), 0);
    assert_eq!(query.limit(), 500);
    assert_eq!(query.instance_name.as_deref(), Some("my gw/1"));
    assert_eq!(
        query.to_query_string(),
        "instance_name=my%20gw%2F1&limit=900&offset=-3"
    );
    assert_eq!(ListQuery::default().to_query_string(), "");
    assert_eq!(
        ListQuery::from_query_string("").unwrap(),
        ListQuery::default()
    );

    let error = ListQuery::from_query_string("limit=ten").unwrap_err();
    assert_eq!(error.field(), Some("limit"));
    let error = ListQuery::from_query_string("offset=99999999999999999999").unwrap_err();
    assert_eq!(error.field(), Some("offset"));

    // What the SDK sends for test vector D (docs/reference.md, Signing).
    let vector_d = ListQuery {
        limit: Some(10),
        instance_name: Some("my gw/1".to_owned()),
        ..ListQuery::default()
    };
    assert_eq!(
        vector_d.to_query_string(),
        "instance_name=my%20gw%2F1&limit=10"
    );
}
