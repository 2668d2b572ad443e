//! Property tests of the wire types: decoding never panics, and requests round-trip.

use apig_core::api::{
    CreateInstanceV2Request, ListQuery, NatEipRequest, Tag, UpdateInstanceRequest, decode_json,
    format_az_ids, parse_az_ids,
};
use proptest::prelude::*;

fn create_request() -> impl Strategy<Value = CreateInstanceV2Request> {
    let text = any::<String>;
    let maybe_text = || proptest::option::of(any::<String>());
    (
        (text(), text(), text(), text(), text()),
        proptest::collection::vec(text(), 0..4),
        (
            maybe_text(),
            maybe_text(),
            maybe_text(),
            maybe_text(),
            maybe_text(),
        ),
        (
            proptest::option::of(any::<u32>()),
            maybe_text(),
            proptest::option::of(any::<u32>()),
            maybe_text(),
            proptest::option::of(any::<bool>()),
        ),
        (
            maybe_text(),
            proptest::option::of(proptest::collection::vec(
                (text(), text()).prop_map(|(key, value)| Tag { key, value }),
                0..3,
            )),
            maybe_text(),
            maybe_text(),
        ),
    )
        .prop_map(
            |(
                (instance_name, spec_id, vpc_id, subnet_id, security_group_id),
                available_zone_ids,
                (description, maintain_begin, maintain_end, enterprise_project_id, eip_id),
                (
                    bandwidth_size,
                    bandwidth_charging_mode,
                    ingress_bandwidth_size,
                    ingress_bandwidth_charging_mode,
                    ipv6_enable,
                ),
                (loadbalancer_provider, tags, vpcep_service_name, instance_id),
            )| CreateInstanceV2Request {
                instance_name,
                spec_id,
                vpc_id,
                subnet_id,
                security_group_id,
                available_zone_ids,
                description,
                maintain_begin,
                maintain_end,
                enterprise_project_id,
                eip_id,
                bandwidth_size,
                bandwidth_charging_mode,
                ingress_bandwidth_size,
                ingress_bandwidth_charging_mode,
                ipv6_enable,
                loadbalancer_provider,
                tags,
                vpcep_service_name,
                instance_id,
            },
        )
}

/// JSON-looking text built from the create body's own keys, so the decoder's error path runs.
fn jsonish() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "instance_name",
        "spec_id",
        "available_zone_ids",
        "bandwidth_size",
        "ipv6_enable",
        "tags",
        "other",
    ]);
    let value = prop::sample::select(vec![
        "1",
        "-1",
        "1.5",
        "\"x\"",
        "\"5\"",
        "true",
        "null",
        "[]",
        "[\"a\"]",
        "{}",
        "[{\"key\":1}]",
        "[{\"key\":\"k\",\"value\":\"v\"}]",
    ]);
    proptest::collection::vec((key, value), 0..6).prop_map(|pairs| {
        let body = pairs
            .iter()
            .map(|(key, value)| format!("\"{key}\":{value}"))
            .collect::<Vec<_>>()
            .join(",");
        format!("{{{body}}}")
    })
}

proptest! {
    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = decode_json::<CreateInstanceV2Request>(&bytes);
        let _ = decode_json::<UpdateInstanceRequest>(&bytes);
        let _ = decode_json::<NatEipRequest>(&bytes);
    }

    #[test]
    fn decoding_json_shaped_bodies_never_panics_and_errors_name_a_key(body in jsonish()) {
        match decode_json::<CreateInstanceV2Request>(body.as_bytes()) {
            Ok(_) => {}
            Err(error) => {
                let field = error.field().unwrap_or_default().to_owned();
                prop_assert!(body.contains(&format!("\"{field}\"")), "{} blamed {:?}", body, field);
            }
        }
    }

    #[test]
    fn create_requests_round_trip(request in create_request()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        prop_assert_eq!(decode_json::<CreateInstanceV2Request>(&bytes), Ok(request));
    }

    #[test]
    fn list_query_strings_never_panic_and_round_trip(raw in any::<String>()) {
        if let Ok(query) = ListQuery::from_query_string(&raw) {
            prop_assert!(query.limit() >= 1 && query.limit() <= 500);
            prop_assert_eq!(ListQuery::from_query_string(&query.to_query_string()), Ok(query));
        }
    }

    #[test]
    fn az_strings_round_trip(codes in proptest::collection::vec("[a-z0-9-]{1,16}", 0..5)) {
        prop_assert_eq!(parse_az_ids(&format_az_ids(&codes)), codes);
    }

    #[test]
    fn az_parsing_never_panics(text in any::<String>()) {
        let _ = parse_az_ids(&text);
    }
}
