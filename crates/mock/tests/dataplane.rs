//! The data plane through apig-mock: calls whose `Host` is a group's debugging domain (or a
//! bound domain) reach the gateway's published APIs. The catalogue is set up with the core's
//! operations (as the management routes do); HTTP backends are a loopback axum server.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use apig_core::apis::{
    self, ApiDefinition, AuthType, Backend, BackendProtocol, BackendUri, GroupInput, GroupName,
    HttpBackend, MatchMode, Method, MockBackend, ParamLocation, ParamName, ParamType, PublishIds,
    Remark, ReqParam, ReqProtocol, ReqUri, ResourceId, UrlDomain, Visibility,
};
use apig_core::features::set_feature;
use apig_core::lifecycle::CreationSpeed;
use apig_core::sign::{SignableRequest, format_sdk_date, sign};
use apig_mock::Caller;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::routing::{any, get};
use common::{AK, Harness, PROJECT, serve};
use serde_json::{Value, json};

const GROUP: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const RELEASE: &str = apis::DEFAULT_ENVIRONMENT_RELEASE_ID;
const APP_KEY: &str = "dataplane-app-key-1";
const APP_SECRET: &str = "dataplane-app-secret-1";

fn id(n: u64) -> ResourceId {
    ResourceId::parse(&format!("{n:032x}")).expect("id")
}

fn path_param(name: &str) -> ReqParam {
    ReqParam {
        name: ParamName::parse(name).expect("param"),
        param_type: ParamType::String,
        location: ParamLocation::Path,
        required: true,
        default_value: None,
        pass_through: true,
        remark: Remark::default(),
    }
}

fn definition(
    name: &str,
    method: Method,
    uri: &str,
    mode: MatchMode,
    auth: AuthType,
    backend: Backend,
) -> ApiDefinition {
    let req_uri = ReqUri::parse(uri).expect("uri");
    let req_params = req_uri.params().map(|p| path_param(p.as_str())).collect();
    ApiDefinition {
        group_id: ResourceId::parse(GROUP).expect("group"),
        name: apis::ApiName::parse(name).expect("name"),
        visibility: Visibility::Public,
        req_protocol: ReqProtocol::Http,
        req_method: method,
        req_uri,
        match_mode: mode,
        auth_type: auth,
        app_code_header: false,
        cors: false,
        remark: Remark::default(),
        req_params,
        backend,
        backend_params: Vec::new(),
        docs: apig_core::apis::ApiDocs::default(),
    }
}

/// The definition with PATH backend parameters taking the call's path parameters of the same
/// names.
fn with_path_params(mut definition: ApiDefinition, names: &[&str]) -> ApiDefinition {
    definition.backend_params = names
        .iter()
        .map(|name| apis::BackendParam {
            name: ParamName::parse(name).expect("name"),
            location: ParamLocation::Path,
            value: apis::BackendValue::Request(ParamName::parse(name).expect("name")),
            remark: Remark::default(),
        })
        .collect();
    definition
}

fn mock(content: &str) -> Backend {
    Backend::Mock(MockBackend {
        result_content: content.into(),
        status_code: 200,
    })
}

fn http(backend: SocketAddr, uri: &str, timeout_ms: u32) -> Backend {
    Backend::Http(HttpBackend {
        req_protocol: BackendProtocol::Http,
        req_method: Method::Any,
        req_uri: BackendUri::parse(uri).expect("backend uri"),
        url_domain: UrlDomain::parse(&backend.to_string()).expect("domain"),
        timeout_ms,
        retry_count: 0,
    })
}

/// A loopback backend: `/slow` answers after 5 s, everything else echoes method, path and query.
async fn backend() -> SocketAddr {
    let router = Router::new()
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .fallback(any(|request: Request<Body>| async move {
            axum::Json(json!({
                "method": request.method().as_str(),
                "path": request.uri().path(),
                "query": request.uri().query().unwrap_or_default(),
            }))
        }));
    serve(router).await
}

fn app_input() -> apis::AppInput {
    apis::AppInput {
        name: apis::AppName::parse("dataplane_app").expect("name"),
        remark: Remark::default(),
    }
}

fn credentials() -> apis::AppCredentials {
    apis::AppCredentials {
        app_key: apis::AppKey::parse(APP_KEY).expect("key"),
        app_secret: apis::AppSecret::parse(APP_SECRET).expect("secret"),
    }
}

struct Gateway {
    harness: Harness,
    host: String,
}

impl Gateway {
    /// A gateway with one group and the given APIs, each published in RELEASE unless its
    /// name starts with `draft`; an app authorized for every APP API except `not_authorized`.
    async fn with(apis: Vec<ApiDefinition>, api_limit: Option<u64>) -> Self {
        let harness = Harness::new(CreationSpeed::Instant);
        let gateway_id = harness.create_ok("dataplane").await;
        let caller = Caller {
            access_key: AK.into(),
            account_key: PROJECT.into(),
        };
        let host = harness
            .state
            .write(&caller, move |snap, now| {
                let gateway = snap
                    .gateways
                    .iter_mut()
                    .find(|g| g.id.as_str() == gateway_id)
                    .expect("gateway");
                let input = GroupInput {
                    name: GroupName::parse("dataplane_group").expect("name"),
                    remark: apis::GroupRemark::default(),
                };
                let host =
                    apis::create_group(gateway, input, ResourceId::parse(GROUP).expect("id"), now)
                        .expect("group")
                        .sl_domain
                        .clone();
                let app = apis::create_app(gateway, app_input(), credentials(), id(900), now)
                    .expect("app")
                    .id
                    .clone();
                for (n, definition) in (1u64..).zip(apis) {
                    let name = definition.name.as_str().to_owned();
                    let auth = definition.auth_type;
                    let api = apis::create_api(gateway, definition, id(n), now)
                        .expect("api")
                        .id
                        .clone();
                    if !name.starts_with("draft") {
                        let ids = PublishIds {
                            publish_id: id(100 + n),
                            version_id: id(200 + n),
                        };
                        apis::publish(gateway, api.as_str(), RELEASE, Remark::default(), ids, now)
                            .expect("publish");
                    }
                    if auth == AuthType::App && name != "not_authorized" {
                        let outcomes = apis::authorize_apps(
                            gateway,
                            RELEASE,
                            std::slice::from_ref(&app),
                            std::slice::from_ref(&api),
                            &mut || id(300 + n),
                            now,
                        )
                        .expect("authorize");
                        assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");
                    }
                }
                if let Some(limit) = api_limit {
                    set_feature(
                        gateway,
                        "ratelimit",
                        true,
                        &format!("{{\"api_limits\": {limit}}}"),
                        now,
                    )
                    .expect("ratelimit");
                }
                Ok(host)
            })
            .await
            .expect("set up");
        Self { harness, host }
    }

    fn request(&self, method: &str, uri: &str) -> SignableRequest {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        SignableRequest::new(method, path)
            .with_query(query)
            .with_header("Host", format!("{}.localhost:8090", self.host))
    }

    fn signed(&self, uri: &str, key: &str, secret: &str) -> SignableRequest {
        let mut request = self.request("GET", uri);
        let seconds = i64::try_from(self.harness.now_ms() / 1000).expect("now");
        sign(
            &mut request,
            key,
            secret,
            &format_sdk_date(seconds).expect("date"),
        )
        .expect("sign");
        request
    }

    async fn call(&self, request: &SignableRequest) -> common::Answer {
        let target = if request.query.is_empty() {
            request.path.clone()
        } else {
            format!("{}?{}", request.path, request.query)
        };
        let mut builder = axum::http::Request::builder()
            .method(request.method.as_str())
            .uri(target);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        self.harness
            .call(
                builder
                    .body(Body::from(request.body.clone()))
                    .expect("request"),
            )
            .await
    }

    async fn get(&self, uri: &str) -> common::Answer {
        self.call(&self.request("GET", uri)).await
    }
}

fn text(answer: &common::Answer) -> String {
    String::from_utf8_lossy(&answer.raw).into_owned()
}

fn request_id(answer: &common::Answer) -> String {
    answer
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn none_auth_mock_and_path_params() {
    let echo = backend().await;
    let gw = Gateway::with(
        vec![
            definition(
                "pets",
                Method::Get,
                "/pets/{id}",
                MatchMode::Normal,
                AuthType::None,
                mock("{\"pet\":\"cat\"}"),
            ),
            with_path_params(
                definition(
                    "owner",
                    Method::Any,
                    "/owners/{owner}/pets/{pet}",
                    MatchMode::Normal,
                    AuthType::None,
                    http(echo, "/backend/{pet}/of/{owner}", 5000),
                ),
                &["pet", "owner"],
            ),
        ],
        None,
    )
    .await;
    let answer = gw.get("/pets/7").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", text(&answer));
    assert_eq!(answer.body, json!({"pet": "cat"}));
    assert_eq!(request_id(&answer).len(), 32);
    let proxied = gw
        .call(&gw.request("DELETE", "/owners/ann/pets/7?x=1"))
        .await;
    assert_eq!(proxied.status, StatusCode::OK, "{}", text(&proxied));
    assert_eq!(
        proxied.body,
        json!({"method": "DELETE", "path": "/backend/7/of/ann", "query": "x=1"})
    );
    let missing = gw.get("/pets").await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::NOT_FOUND, "APIG.0101")
    );
    assert_eq!(
        missing.body["request_id"].as_str(),
        Some(request_id(&missing).as_str())
    );
    let wrong_method = gw.call(&gw.request("POST", "/pets/7")).await;
    assert_eq!(wrong_method.code(), "APIG.0101");
}

#[tokio::test]
async fn app_auth_verifies_the_signature_and_the_authorization() {
    let gw = Gateway::with(
        vec![
            definition(
                "signed",
                Method::Get,
                "/signed",
                MatchMode::Normal,
                AuthType::App,
                mock("signed"),
            ),
            definition(
                "not_authorized",
                Method::Get,
                "/other",
                MatchMode::Normal,
                AuthType::App,
                mock("other"),
            ),
        ],
        None,
    )
    .await;
    let unsigned = gw.get("/signed").await;
    assert_eq!(
        (unsigned.status, unsigned.code()),
        (StatusCode::UNAUTHORIZED, "APIG.0303")
    );
    let signed = gw.call(&gw.signed("/signed", APP_KEY, APP_SECRET)).await;
    assert_eq!(
        (signed.status, text(&signed).as_str()),
        (StatusCode::OK, "signed")
    );
    let wrong = gw
        .call(&gw.signed("/signed", APP_KEY, "not-the-secret"))
        .await;
    assert_eq!(wrong.code(), "APIG.0303");
    assert!(
        wrong.body["error_msg"]
            .as_str()
            .unwrap_or_default()
            .contains("verify signature fail")
    );
    let unknown = gw
        .call(&gw.signed("/signed", "unknown-key-1", APP_SECRET))
        .await;
    assert!(
        unknown.body["error_msg"]
            .as_str()
            .unwrap_or_default()
            .contains("app not found")
    );
    let refused = gw.call(&gw.signed("/other", APP_KEY, APP_SECRET)).await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "APIG.0304")
    );
}

#[tokio::test]
async fn prefix_match_passes_the_rest_of_the_path() {
    let echo = backend().await;
    let gw = Gateway::with(
        vec![
            definition(
                "files",
                Method::Get,
                "/files",
                MatchMode::Swa,
                AuthType::None,
                http(echo, "/store", 5000),
            ),
            definition(
                "exact",
                Method::Get,
                "/files/readme",
                MatchMode::Normal,
                AuthType::None,
                mock("readme"),
            ),
        ],
        None,
    )
    .await;
    let rest = gw.get("/files/a/b%20c").await;
    assert_eq!(rest.body["path"], "/store/a/b%20c", "{}", text(&rest));
    assert_eq!(text(&gw.get("/files/readme").await), "readme");
    assert_eq!(gw.get("/filesx").await.code(), "APIG.0101");
}

#[tokio::test]
async fn an_unpublished_api_and_a_wrong_stage_are_not_found() {
    let gw = Gateway::with(
        vec![
            definition(
                "draft_api",
                Method::Get,
                "/draft",
                MatchMode::Normal,
                AuthType::None,
                mock("draft"),
            ),
            definition(
                "live",
                Method::Get,
                "/live",
                MatchMode::Normal,
                AuthType::None,
                mock("live"),
            ),
        ],
        None,
    )
    .await;
    assert_eq!(gw.get("/draft").await.code(), "APIG.0101");
    assert_eq!(text(&gw.get("/live").await), "live");
    let staged = gw.request("GET", "/live").with_header("X-Stage", "TEST");
    let answer = gw.call(&staged).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::NOT_FOUND, "APIG.0101")
    );
    let release = gw.request("GET", "/live").with_header("X-Stage", "RELEASE");
    assert_eq!(gw.call(&release).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_burst_over_the_api_limit_is_throttled() {
    let gw = Gateway::with(
        vec![definition(
            "limited",
            Method::Get,
            "/limited",
            MatchMode::Normal,
            AuthType::None,
            mock("ok"),
        )],
        Some(3),
    )
    .await;
    let debug = gw
        .request("GET", "/limited")
        .with_header("X-Apig-Mode", "debug");
    let first = gw.call(&debug).await;
    assert_eq!(
        first
            .headers
            .get("x-apig-ratelimit-api-allenv")
            .and_then(|v| v.to_str().ok()),
        Some("remain:2,limit:3,time:1 second")
    );
    for _ in 0..2 {
        assert_eq!(gw.get("/limited").await.status, StatusCode::OK);
    }
    let throttled = gw.get("/limited").await;
    assert_eq!(
        (throttled.status, throttled.code()),
        (StatusCode::TOO_MANY_REQUESTS, "APIG.0308")
    );
    gw.harness.advance(1000);
    assert_eq!(gw.get("/limited").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_backend_slower_than_its_timeout_is_504() {
    let echo = backend().await;
    let gw = Gateway::with(
        vec![definition(
            "slow",
            Method::Get,
            "/slow",
            MatchMode::Normal,
            AuthType::None,
            http(echo, "/slow", 200),
        )],
        None,
    )
    .await;
    let answer = gw.get("/slow").await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::GATEWAY_TIMEOUT, "APIG.0203")
    );
    assert_eq!(request_id(&answer).len(), 32);
}

#[tokio::test]
async fn debug_api_v2_calls_one_api() {
    let gw = Gateway::with(
        vec![definition(
            "draft_pets",
            Method::Get,
            "/pets/{id}",
            MatchMode::Normal,
            AuthType::None,
            mock("cat"),
        )],
        None,
    )
    .await;
    let gateway_id = gw
        .harness
        .send("GET", &common::instances_uri(), None)
        .await
        .body["instances"][0]["id"]
        .as_str()
        .expect("gateway")
        .to_owned();
    let uri = format!(
        "{}/apis/debug/{}",
        common::instance_uri(&gateway_id),
        id(1).as_str()
    );
    let body = json!({"mode": "DEVELOPER", "scheme": "HTTP", "method": "GET", "path": "/pets/7"});
    let answer = gw.harness.send("POST", &uri, Some(&body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    let response = answer.body["response"].as_str().unwrap_or_default();
    assert!(
        response.starts_with("HTTP/1.1 200 OK\n") && response.ends_with("\n\ncat"),
        "{response}"
    );
    let consumer =
        json!({"mode": "CONSUMER", "scheme": "HTTP", "method": "GET", "path": "/pets/7"});
    let unpublished = gw.harness.send("POST", &uri, Some(&consumer)).await;
    assert!(
        unpublished.body["response"]
            .as_str()
            .unwrap_or_default()
            .contains("APIG.0101")
    );
    let bad = json!({"mode": "NEITHER", "scheme": "HTTP", "method": "GET", "path": "/pets/7"});
    let refused = gw.harness.send("POST", &uri, Some(&bad)).await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::BAD_REQUEST, "APIG.2030")
    );
    let _: Option<&Value> = None;
}
