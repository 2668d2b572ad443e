//! API management through `app(state)`: a group, an API, an environment, publication and
//! versions, an app and its authorization, as the SDK and Terraform call them; the refusals
//! with their `APIG` codes; the permission each operation asks; and the catalogue kept in the
//! store across a restart.

mod common;

use apig_core::lifecycle::CreationSpeed;
use apig_mock::Store;
use axum::http::StatusCode;
use common::{Answer, Harness, PROJECT, instance_uri};
use serde_json::{Value, json};

const RELEASE: &str = "DEFAULT_ENVIRONMENT_RELEASE_ID";

/// A running gateway (instant creation) and the URI of its management calls.
async fn gateway(h: &Harness, name: &str) -> String {
    let id = h.create_ok(name).await;
    instance_uri(&id)
}

async fn ok(h: &Harness, method: &str, uri: &str, body: Option<&Value>, want: StatusCode) -> Value {
    let answer = h.send(method, uri, body).await;
    assert_eq!(answer.status, want, "{method} {uri}: {:?}", answer.body);
    answer.body
}

fn refused(answer: &Answer, status: StatusCode, code: &str) {
    assert_eq!(
        (answer.status, answer.code()),
        (status, code),
        "{:?}",
        answer.body
    );
    assert!(
        answer.body["error_msg"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
}

fn mock_api(group_id: &str, name: &str, uri: &str) -> Value {
    json!({
        "group_id": group_id, "name": name, "type": 1, "req_protocol": "HTTPS",
        "req_method": "GET", "req_uri": uri, "auth_type": "APP",
        "auth_opt": {"app_code_auth_type": "DISABLE"}, "backend_type": "MOCK",
        "mock_info": {"result_content": "{\"ok\":true}", "status_code": 200},
    })
}

async fn group(h: &Harness, gw: &str, name: &str) -> String {
    let body = ok(
        h,
        "POST",
        &format!("{gw}/api-groups"),
        Some(&json!({"name": name})),
        StatusCode::CREATED,
    )
    .await;
    body["id"].as_str().expect("id").to_owned()
}

/// Publishes API `api_id` of gateway `gw` in `env_id`: the record.
async fn online(h: &Harness, gw: &str, api_id: &str, env_id: &str, remark: &str) -> Value {
    let body = json!({"action": "online", "env_id": env_id, "api_id": api_id, "remark": remark});
    let uri = format!("{gw}/apis/action");
    ok(h, "POST", &uri, Some(&body), StatusCode::CREATED).await
}

#[tokio::test]
async fn a_group_and_an_api_published_in_two_environments() {
    let h = Harness::new(CreationSpeed::Instant);
    let gw = gateway(&h, "gw-manage").await;
    let group_id = group(&h, &gw, "shop").await;
    let shown = ok(
        &h,
        "GET",
        &format!("{gw}/api-groups/{group_id}"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        shown["sl_domain"],
        format!("{group_id}.apic.cn-north-4.huaweicloudapis.com")
    );
    assert_eq!(shown["sl_domain_access_enabled"], true);

    let api = ok(
        &h,
        "POST",
        &format!("{gw}/apis"),
        Some(&mock_api(&group_id, "hello", "/hello")),
        StatusCode::CREATED,
    )
    .await;
    let api_id = api["id"].as_str().unwrap().to_owned();
    assert_eq!(api["group_name"], "shop");
    assert_eq!(api["run_env_id"], Value::Null);
    assert_eq!(api["mock_info"]["status_code"], 200);

    let env = ok(
        &h,
        "POST",
        &format!("{gw}/envs"),
        Some(&json!({"name": "test"})),
        StatusCode::CREATED,
    )
    .await;
    let env_id = env["id"].as_str().unwrap().to_owned();
    let listed = ok(&h, "GET", &format!("{gw}/envs"), None, StatusCode::OK).await;
    assert_eq!(listed["total"], 2);
    assert_eq!(listed["envs"][0]["id"], RELEASE);

    let first = online(&h, &gw, &api_id, RELEASE, "v1").await;
    h.advance(1000);
    let second = online(&h, &gw, &api_id, RELEASE, "v2").await;
    online(&h, &gw, &api_id, &env_id, "").await;
    let shown = ok(
        &h,
        "GET",
        &format!("{gw}/apis/{api_id}"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(shown["run_env_id"], format!("{RELEASE}|{env_id}"));
    assert_eq!(shown["run_env_name"], "RELEASE|test");
    let publish_ids: Vec<&str> = shown["publish_id"].as_str().unwrap().split('|').collect();
    assert_eq!(publish_ids[0], second["publish_id"]);

    let versions = ok(
        &h,
        "GET",
        &format!("{gw}/apis/publish/{api_id}?env_id={RELEASE}"),
        None,
        StatusCode::OK,
    )
    .await;
    let statuses: Vec<(Value, Value)> = versions["api_versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version_id"].clone(), v["status"].clone()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (second["version_id"].clone(), json!(1)),
            (first["version_id"].clone(), json!(2))
        ]
    );

    let refusal = h
        .send("DELETE", &format!("{gw}/api-groups/{group_id}"), None)
        .await;
    refused(&refusal, StatusCode::FORBIDDEN, "APIG.3415");
    let refusal = h.send("DELETE", &format!("{gw}/envs/{env_id}"), None).await;
    refused(&refusal, StatusCode::FORBIDDEN, "APIG.3418");
}

/// A gateway with group `shop` and the MOCK API `hello` published to RELEASE: (gateway URI,
/// group ID, API ID, publication record ID).
async fn published(h: &Harness, name: &str) -> (String, String, String, String) {
    let gw = gateway(h, name).await;
    let group_id = group(h, &gw, "shop").await;
    let api = ok(
        h,
        "POST",
        &format!("{gw}/apis"),
        Some(&mock_api(&group_id, "hello", "/hello")),
        StatusCode::CREATED,
    )
    .await;
    let api_id = api["id"].as_str().unwrap().to_owned();
    let record = online(h, &gw, &api_id, RELEASE, "").await;
    let publish_id = record["publish_id"].as_str().unwrap().to_owned();
    (gw, group_id, api_id, publish_id)
}

#[tokio::test]
async fn an_app_authorized_for_a_published_api() {
    let h = Harness::new(CreationSpeed::Instant);
    let (gw, _, api_id, publish_id) = published(&h, "gw-apps").await;
    let app = ok(
        &h,
        "POST",
        &format!("{gw}/apps"),
        Some(&json!({"name": "caller"})),
        StatusCode::CREATED,
    )
    .await;
    let caller = app["id"].as_str().unwrap().to_owned();
    assert_eq!(app["app_key"].as_str().map(str::len), Some(32));
    let auths = ok(
        &h,
        "POST",
        &format!("{gw}/app-auths"),
        Some(&json!({"env_id": RELEASE, "app_ids": [caller], "api_ids": [api_id]})),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(auths["auths"][0]["auth_result"]["status"], "SUCCESS");
    let bound = ok(
        &h,
        "GET",
        &format!("{gw}/app-auths/binded-apis?app_id={caller}"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(bound["total"], 1);
    assert_eq!(bound["auths"][0]["api_name"], "hello");
    assert_eq!(bound["auths"][0]["publish_id"], publish_id);
    let apps = ok(&h, "GET", &format!("{gw}/apps"), None, StatusCode::OK).await;
    assert_eq!(apps["apps"][0]["bind_num"], 1);
}

#[tokio::test]
async fn refusals_name_the_parameter_with_apig_codes() {
    let h = Harness::new(CreationSpeed::Instant);
    let gw = gateway(&h, "gw-refusals").await;
    let group_id = group(&h, &gw, "shop").await;

    let bad_type = h
        .send(
            "POST",
            &format!("{gw}/apis"),
            Some(&json!({"name": "x", "type": "one"})),
        )
        .await;
    refused(&bad_type, StatusCode::BAD_REQUEST, "APIG.2011");
    assert!(
        bad_type.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("type")
    );

    let undefined = h
        .send(
            "POST",
            &format!("{gw}/apis"),
            Some(&mock_api(&group_id, "users", "/users/{id}")),
        )
        .await;
    refused(&undefined, StatusCode::BAD_REQUEST, "APIG.2026");

    let mut bad_param = mock_api(&group_id, "params", "/p");
    bad_param["req_params"] = json!([{"name": "ok", "type": "STRING", "location": "QUERY"},
                                     {"name": "9bad", "type": "STRING", "location": "QUERY"}]);
    let answer = h
        .send("POST", &format!("{gw}/apis"), Some(&bad_param))
        .await;
    refused(&answer, StatusCode::BAD_REQUEST, "APIG.2011");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("req_params[1].name"),
        "{:?}",
        answer.body
    );

    let mut iam = mock_api(&group_id, "iam", "/iam");
    iam["auth_type"] = json!("IAM");
    let answer = h.send("POST", &format!("{gw}/apis"), Some(&iam)).await;
    refused(&answer, StatusCode::BAD_REQUEST, "APIG.2011");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("not available here")
    );

    ok(
        &h,
        "POST",
        &format!("{gw}/apis"),
        Some(&mock_api(&group_id, "hello", "/hello")),
        StatusCode::CREATED,
    )
    .await;
    let same = h
        .send(
            "POST",
            &format!("{gw}/apis"),
            Some(&mock_api(&group_id, "hello2", "/hello")),
        )
        .await;
    refused(&same, StatusCode::BAD_REQUEST, "APIG.3301");
}

#[tokio::test]
async fn refusals_of_settings_publication_and_missing_objects() {
    let h = Harness::new(CreationSpeed::Instant);
    let gw = gateway(&h, "gw-refusals-2").await;
    let group_id = group(&h, &gw, "shop").await;
    let setting = h
        .send(
            "PUT",
            &format!("{gw}/api-groups/{group_id}/sl-domain-access-settings"),
            Some(&json!({})),
        )
        .await;
    refused(&setting, StatusCode::BAD_REQUEST, "APIG.2011");
    assert!(
        setting.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("sl_domain_access_enabled")
    );

    let action = h
        .send(
            "POST",
            &format!("{gw}/apis/publish?action=publish"),
            Some(&json!({"apis": [], "env_id": RELEASE})),
        )
        .await;
    refused(&action, StatusCode::BAD_REQUEST, "APIG.2011");

    let missing = "0".repeat(32);
    let answer = h.send("GET", &format!("{gw}/apis/{missing}"), None).await;
    refused(&answer, StatusCode::NOT_FOUND, "APIG.3002");
    let answer = h
        .send("DELETE", &format!("{gw}/app-auths/{missing}"), None)
        .await;
    refused(&answer, StatusCode::NOT_FOUND, "APIG.3009");
    let answer = h
        .send(
            "GET",
            &format!("{}/api-groups", instance_uri(&missing)),
            None,
        )
        .await;
    refused(&answer, StatusCode::NOT_FOUND, "APIG.3030");

    // A known path with a method it does not have: the front door's 404.
    let answer = h.send("PATCH", &format!("{gw}/api-groups"), None).await;
    refused(&answer, StatusCode::NOT_FOUND, "APIGW.0101");
}

#[tokio::test]
async fn every_operation_asks_its_permission() {
    let h = Harness::new(CreationSpeed::Instant);
    let gw = gateway(&h, "gw-guarded").await;
    let group_id = group(&h, &gw, "shop").await;
    let mut account = h
        .send("GET", &format!("/_mock/{PROJECT}/account"), None)
        .await
        .body;
    account["principal"]["custom_policies"] = json!([{
        "name": "no-api-writes",
        "statements": [{"effect": "Deny", "actions": ["apig:apis:create", "apig:apps:create"]}],
    }]);
    ok(
        &h,
        "PUT",
        &format!("/_mock/{PROJECT}/account"),
        Some(&account),
        StatusCode::OK,
    )
    .await;
    let answer = h
        .send(
            "POST",
            &format!("{gw}/apis"),
            Some(&mock_api(&group_id, "hello", "/hello")),
        )
        .await;
    refused(&answer, StatusCode::FORBIDDEN, "APIC.7106");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("no-api-writes")
    );
    let answer = h
        .send(
            "POST",
            &format!("{gw}/apps"),
            Some(&json!({"name": "caller"})),
        )
        .await;
    refused(&answer, StatusCode::FORBIDDEN, "APIC.7106");
    // Reading is still allowed, and nothing was created.
    let listed = ok(&h, "GET", &format!("{gw}/apis"), None, StatusCode::OK).await;
    assert_eq!(listed["total"], 0);
}

#[tokio::test]
async fn the_catalogue_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("apig.db");
    let path = path.to_str().expect("utf-8");
    let (gw, group_id) = {
        let h = Harness::with_store(Store::open(path).expect("store"), CreationSpeed::Instant);
        let gw = gateway(&h, "gw-kept").await;
        let group_id = group(&h, &gw, "kept").await;
        ok(
            &h,
            "POST",
            &format!("{gw}/apis"),
            Some(&mock_api(&group_id, "hello", "/hello")),
            StatusCode::CREATED,
        )
        .await;
        (gw, group_id)
    };
    let h = Harness::with_store(Store::open(path).expect("reopen"), CreationSpeed::Instant);
    let listed = ok(
        &h,
        "GET",
        &format!("{gw}/apis?group_id={group_id}"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["apis"][0]["name"], "hello");
}
