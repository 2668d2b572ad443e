//! Any API call as the service receives it (`ApiCall`), and its curl and `KooCLI` copies: the
//! console's API trace shows these, and sends the same calls to apig-mock.

use apig_core::api::{Tag, TagActionRequest, UpdateInstanceRequest};
use apig_core::authority::Operation;
use apig_core::export::{ApiCall, ExportContext, curl_call, curl_sent, koocli_call};
use apig_core::network_change::{InboundChange, OutboundChange};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const ID: &str = "8c4f2a1e9b7d4c3a8e5f6a7b8c9d0e1f";

fn context() -> ExportContext {
    ExportContext::new("cn-north-4", PROJECT)
}

#[test]
fn update_is_a_put_on_the_instance_with_its_body() {
    let request = UpdateInstanceRequest {
        instance_name: Some("apig-renamed".to_owned()),
        description: Some("it's new".to_owned()),
        ..UpdateInstanceRequest::default()
    };
    let call = ApiCall::update_instance(PROJECT, ID, &request);
    assert_eq!(call.method, "PUT");
    assert_eq!(call.path, format!("/v2/{PROJECT}/apigw/instances/{ID}"));
    assert_eq!(call.operation, Some(Operation::Update));
    assert_eq!(call.success_status(), 200);
    let koocli = koocli_call(&call, &context()).unwrap();
    assert_eq!(
        koocli,
        format!(
            "hcloud APIG UpdateInstanceV2 \\\n  --cli-region=cn-north-4 \\\n  --project_id={PROJECT} \\\n  --instance_id={ID} \\\n  --instance_name=apig-renamed \\\n  --description='it'\\''s new'\n"
        )
    );
    let curl = curl_call(&call, &context());
    assert!(curl.starts_with("# sign with SDK-HMAC-SHA256"), "{curl}");
    assert!(
        curl.contains(&format!(
            "curl -X PUT https://apig.cn-north-4.myhuaweicloud.com/v2/{PROJECT}/apigw/instances/{ID}"
        )),
        "{curl}"
    );
    assert!(
        curl.contains(
            r#"--data-raw '{"instance_name":"apig-renamed","description":"it'\''s new"}'"#
        ),
        "{curl}"
    );
}

#[test]
fn network_changes_pick_the_endpoint_method_and_sdk_name() {
    let cases = [
        (
            ApiCall::inbound(
                PROJECT,
                ID,
                &InboundChange::BindEip {
                    eip_id: "eip-1".into(),
                },
            ),
            (
                "AddEipV2",
                "PUT",
                "/eip",
                Some(r#"{"eip_id":"eip-1"}"#),
                200,
            ),
        ),
        (
            ApiCall::inbound(PROJECT, ID, &InboundChange::UnbindEip),
            ("RemoveEipV2", "DELETE", "/eip", None, 200),
        ),
        (
            ApiCall::inbound(
                PROJECT,
                ID,
                &InboundChange::EnableIngress {
                    bandwidth: "10".into(),
                },
            ),
            (
                "AddIngressEipV2",
                "POST",
                "/ingress-eip",
                Some(r#"{"bandwidth_size":10,"bandwidth_charging_mode":"bandwidth"}"#),
                202,
            ),
        ),
        (
            ApiCall::inbound(PROJECT, ID, &InboundChange::DisableIngress),
            ("RemoveIngressEipV2", "DELETE", "/ingress-eip", None, 204),
        ),
        (
            ApiCall::outbound(
                PROJECT,
                ID,
                &OutboundChange::Update {
                    bandwidth: " x ".into(),
                },
            ),
            (
                "UpdateEngressEipV2",
                "PUT",
                "/nat-eip",
                Some(r#"{"bandwidth_size":"0","bandwidth_charging_mode":"bandwidth"}"#),
                200,
            ),
        ),
        (
            ApiCall::resize(PROJECT, ID, "PROFESSIONAL"),
            (
                "CreatePostPayResizeOrder",
                "POST",
                "/postpaid-resize",
                Some(r#"{"spec_id":"PROFESSIONAL"}"#),
                202,
            ),
        ),
        (
            ApiCall::delete_instance(PROJECT, ID),
            ("DeleteInstancesV2", "DELETE", "", None, 204),
        ),
    ];
    for (call, (name, method, tail, body, status)) in cases {
        assert_eq!(call.name, Some(name));
        assert_eq!(call.method, method, "{name}");
        assert_eq!(
            call.path,
            format!("/v2/{PROJECT}/apigw/instances/{ID}{tail}"),
            "{name}"
        );
        assert_eq!(call.body.as_deref(), body, "{name}");
        assert_eq!(call.success_status(), status, "{name}");
    }
}

#[test]
fn tags_flatten_to_numbered_options_in_field_order() {
    let request = TagActionRequest {
        action: "create".to_owned(),
        tags: vec![
            Tag {
                key: "env".into(),
                value: "prod".into(),
            },
            Tag {
                key: "team".into(),
                value: "a b".into(),
            },
        ],
    };
    let call = ApiCall::tags_action(PROJECT, ID, &request);
    assert_eq!(call.operation, Some(Operation::CreateTags));
    let koocli = koocli_call(&call, &context()).unwrap();
    let options: Vec<&str> = koocli.lines().skip(3).map(str::trim).collect();
    assert_eq!(
        options,
        [
            format!("--instance_id={ID} \\").as_str(),
            "--action=create \\",
            "--tags.1.key=env \\",
            "--tags.1.value=prod \\",
            "--tags.2.key=team \\",
            "--tags.2.value='a b'",
        ]
    );
    let delete = TagActionRequest {
        action: "delete".into(),
        ..request
    };
    assert_eq!(
        ApiCall::tags_action(PROJECT, ID, &delete).operation,
        Some(Operation::DeleteTags)
    );
}

#[test]
fn list_carries_its_query_everywhere() {
    let call = ApiCall::list_instances(PROJECT, 500, 0);
    assert_eq!(
        call.path_and_query(),
        format!("/v2/{PROJECT}/apigw/instances?limit=500&offset=0")
    );
    let koocli = koocli_call(&call, &context()).unwrap();
    assert!(
        koocli.contains("--limit=500 \\\n  --offset=0\n"),
        "{koocli}"
    );
    assert!(curl_call(&call, &context()).contains("instances?limit=500&offset=0'"));
    assert!(!curl_call(&call, &context()).contains("--data-raw"));
}

#[test]
fn the_emulators_own_calls_have_no_koocli_copy() {
    let call = ApiCall::emulator(
        "PUT",
        format!("/_mock/{PROJECT}/speed"),
        Some(r#"{"speed":"instant"}"#.into()),
    );
    assert_eq!(koocli_call(&call, &context()), None);
    assert_eq!(call.success_status(), 200);
}

#[test]
fn a_sent_call_repeats_its_signed_headers_but_not_host() {
    let call = ApiCall::delete_instance(PROJECT, ID);
    let headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("Host".to_owned(), "127.0.0.1:8090".to_owned()),
        ("X-Sdk-Date".to_owned(), "20261203T070000Z".to_owned()),
        (
            "Authorization".to_owned(),
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=ab"
                .to_owned(),
        ),
    ];
    let curl = curl_sent(&call, "http://127.0.0.1:8090", &headers);
    assert_eq!(
        curl,
        format!(
            "curl -X DELETE http://127.0.0.1:8090/v2/{PROJECT}/apigw/instances/{ID} \\\n  -H 'Content-Type: application/json' \\\n  -H 'X-Sdk-Date: 20261203T070000Z' \\\n  -H 'Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature=ab'\n"
        )
    );
}
