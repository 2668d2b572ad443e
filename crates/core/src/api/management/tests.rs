use super::*;
use crate::api::decode_json;

#[test]
fn terraform_api_body_reads_with_mock_status_code_and_string_retry_count() {
    let body = br#"{"name":"hello","type":1,"req_protocol":"HTTPS","req_method":"GET",
        "req_uri":"/hello/{who}","auth_type":"APP","auth_opt":{"app_code_auth_type":"DISABLE"},
        "match_mode":"NORMAL","backend_type":"MOCK","group_id":"g",
        "mock_info":{"result_content":"hi","status_code":201},
        "req_params":[{"name":"who","type":"STRING","location":"PATH","required":1}],
        "backend_api":{"req_protocol":"HTTP","req_method":"GET","req_uri":"/x","timeout":5000,
        "retry_count":"-1","vpc_channel_status":2},"unknown":true}"#;
    let api: ApiRequest = decode_json(body).unwrap();
    assert_eq!(api.kind, Some(1));
    assert_eq!(api.mock_info.unwrap().status_code, Some(201));
    assert_eq!(api.req_params[0].kind, "STRING");
    let backend = api.backend_api.unwrap();
    assert_eq!(backend.retry_count.as_deref(), Some("-1"));
    assert_eq!(backend.timeout, Some(5000));
}

#[test]
fn a_wrong_type_names_the_field() {
    let error = decode_json::<ApiRequest>(br#"{"name":"x","type":"public"}"#).unwrap_err();
    assert!(error.to_string().contains("type"), "{error}");
    let error = decode_json::<AuthRequest>(br#"{"env_id":"e","app_ids":"a"}"#).unwrap_err();
    assert!(error.to_string().contains("app_ids"), "{error}");
}

#[test]
fn null_lists_read_as_empty_and_answers_keep_the_sdk_names() {
    let list: GroupList = decode_json(br#"{"size":0,"total":0,"groups":null}"#).unwrap();
    assert!(list.groups.is_empty());
    let json = serde_json::to_value(ApiInfo {
        kind: 1,
        ..ApiInfo::default()
    })
    .unwrap();
    assert_eq!(json["type"], 1);
    assert!(json.get("run_env_id").is_some());
    let auth = serde_json::to_value(AuthResponse::default()).unwrap();
    assert_eq!(auth, serde_json::json!({"auths": []}));
    let setting: SlDomainAccessSetting = decode_json(b"{}").unwrap();
    assert_eq!(setting.sl_domain_access_enabled, None);
}
