//! The whole call path over a small catalogue: routing by host, stage, method and path; MOCK
//! and HTTP backends; APP auth; throttling; CORS.

use super::backend::HttpBackend;
use super::call::{AuthKind, Backend, Outcome, RoutedApi};
use super::gateway::{ApiDef, AppDef, Incoming, Served, group_for_host, handle};
use super::path::MatchMode;
use super::throttle::Throttle;
use super::{Answer, debug_domain};
use crate::gateway::Gateway;
use crate::sign::{SignableRequest, format_sdk_date, sign};

const GROUP: &str = "0123456789abcdef0123456789abcdef";
const T0: u64 = 1_704_067_200_000;

struct Fake {
    apis: Vec<(String, ApiDef)>,
    debug_open: bool,
}

impl Served for Fake {
    fn debug_domain_open(&self, group_id: &str) -> Option<bool> {
        (group_id == GROUP).then_some(self.debug_open)
    }
    fn group_of_domain(&self, domain: &str) -> Option<String> {
        (domain == "api.example.com").then(|| GROUP.to_owned())
    }
    fn env_id(&self, name: &str) -> Option<String> {
        match name {
            "RELEASE" => Some("DEFAULT_ENVIRONMENT_RELEASE_ID".into()),
            "TEST" => Some("env-test".into()),
            _ => None,
        }
    }
    fn published(&self, _group_id: &str, env_id: &str) -> Vec<ApiDef> {
        self.apis
            .iter()
            .filter(|(env, _)| env == env_id)
            .map(|(_, def)| def.clone())
            .collect()
    }
    fn definition(&self, api_id: &str) -> Option<(ApiDef, String)> {
        self.apis
            .iter()
            .find(|(_, def)| def.api.id == api_id)
            .map(|(_, def)| (def.clone(), GROUP.to_owned()))
    }
    fn app_by_key(&self, key: &str) -> Option<AppDef> {
        (key == "appkey0001").then(|| self.app("app-1")).flatten()
    }
    fn app(&self, app_id: &str) -> Option<AppDef> {
        (app_id == "app-1").then(|| AppDef {
            id: "app-1".into(),
            name: "shop".into(),
            key: "appkey0001".into(),
            secret: "appsecret0001".into(),
        })
    }
    fn authorized(&self, app: &str, api: &str, env_id: &str) -> bool {
        app == "app-1" && api == "signed" && env_id == "DEFAULT_ENVIRONMENT_RELEASE_ID"
    }
}

fn def(
    id: &str,
    method: &str,
    uri: &str,
    mode: MatchMode,
    auth: AuthKind,
    backend: Backend,
) -> ApiDef {
    ApiDef {
        api: RoutedApi {
            id: id.into(),
            name: id.into(),
            auth,
            cors: id == "open",
            backend,
        },
        method: method.into(),
        req_uri: uri.into(),
        mode,
    }
}

fn mock(body: &str) -> Backend {
    Backend::Mock {
        status: None,
        content: body.into(),
    }
}

fn fake() -> Fake {
    let release = "DEFAULT_ENVIRONMENT_RELEASE_ID".to_owned();
    Fake {
        debug_open: true,
        apis: vec![
            (
                release.clone(),
                def(
                    "open",
                    "GET",
                    "/open",
                    MatchMode::Exact,
                    AuthKind::None,
                    mock("open"),
                ),
            ),
            (
                release.clone(),
                def(
                    "signed",
                    "ANY",
                    "/signed",
                    MatchMode::Exact,
                    AuthKind::App,
                    mock("signed"),
                ),
            ),
            (
                release.clone(),
                def(
                    "other",
                    "GET",
                    "/other",
                    MatchMode::Exact,
                    AuthKind::App,
                    mock("x"),
                ),
            ),
            (
                "env-test".into(),
                def(
                    "staged",
                    "GET",
                    "/staged",
                    MatchMode::Exact,
                    AuthKind::None,
                    mock("staged"),
                ),
            ),
            (
                release,
                def(
                    "proxy",
                    "GET",
                    "/files/{name}",
                    MatchMode::Prefix,
                    AuthKind::None,
                    Backend::Http(HttpBackend {
                        protocol: "HTTP".into(),
                        method: "GET".into(),
                        url_domain: "127.0.0.1:9".into(),
                        req_uri: "/store/{name}".into(),
                        timeout_ms: 250,
                        params: Vec::new(),
                    }),
                ),
            ),
        ],
    }
}

fn gateway() -> Gateway {
    crate::seed_gateway(T0 - 1000)
}

fn call(fake: &Fake, throttle: &mut Throttle, request: &SignableRequest, now_ms: u64) -> Outcome {
    let gateway = gateway();
    let host = request.header("host").unwrap_or_default();
    let Some((group, debug)) = group_for_host(&gateway, fake, host) else {
        return Outcome::Answer(super::GatewayError::ApiNotFound.answer("r"));
    };
    let incoming = Incoming {
        request,
        source_ip: "127.0.0.1",
        request_id: "r",
        now_ms,
    };
    handle(&gateway, fake, &group, debug, &incoming, throttle)
}

fn answered(outcome: Outcome) -> Answer {
    match outcome {
        Outcome::Answer(answer) => answer,
        Outcome::Proxy(p) => panic!("expected an answer, got a proxy to {}", p.plan.url()),
    }
}

fn code(answer: &Answer) -> String {
    serde_json::from_slice::<serde_json::Value>(&answer.body)
        .ok()
        .and_then(|v| v["error_code"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn get(path: &str) -> SignableRequest {
    let host = format!("{}.localhost:8090", debug_domain(GROUP, &gateway().region));
    SignableRequest::new("GET", path).with_header("Host", host)
}

#[test]
fn routes_by_host_stage_and_path() {
    let fake = fake();
    let mut throttle = Throttle::new();
    let answer = answered(call(&fake, &mut throttle, &get("/open"), T0));
    assert_eq!((answer.status, answer.body.as_slice()), (200, &b"open"[..]));
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        code(&answered(call(&fake, &mut throttle, &get("/staged"), T0))),
        "APIG.0101"
    );
    let staged = get("/staged").with_header("X-Stage", "TEST");
    assert_eq!(
        answered(call(&fake, &mut throttle, &staged, T0)).status,
        200
    );
    let unknown_stage = get("/open").with_header("X-Stage", "NOPE");
    assert_eq!(
        code(&answered(call(&fake, &mut throttle, &unknown_stage, T0))),
        "APIG.0101"
    );
    let mut post = get("/open");
    post.method = "POST".into();
    assert_eq!(
        code(&answered(call(&fake, &mut throttle, &post, T0))),
        "APIG.0101"
    );
    let bound = SignableRequest::new("GET", "/open").with_header("Host", "api.example.com");
    assert_eq!(answered(call(&fake, &mut throttle, &bound, T0)).status, 200);
    let elsewhere =
        SignableRequest::new("GET", "/open").with_header("Host", debug_domain(GROUP, "af-south-1"));
    assert_eq!(
        code(&answered(call(&fake, &mut throttle, &elsewhere, T0))),
        "APIG.0101"
    );
    let closed = Fake {
        debug_open: false,
        ..fake
    };
    assert_eq!(
        code(&answered(call(&closed, &mut throttle, &get("/open"), T0))),
        "APIG.0101"
    );
}

#[test]
fn prefix_api_plans_the_backend_request() {
    let fake = fake();
    let mut throttle = Throttle::new();
    match call(&fake, &mut throttle, &get("/files/a/b/c"), T0) {
        Outcome::Proxy(pending) => {
            assert_eq!(pending.plan.url(), "http://127.0.0.1:9/store/a/b/c");
            assert_eq!(pending.plan.timeout_ms, 250);
            let answer = pending.finish(super::backend::BackendResult::TimedOut);
            assert_eq!((answer.status, code(&answer)), (504, "APIG.0203".into()));
        }
        Outcome::Answer(a) => panic!("expected a proxy, got {}", a.status),
    }
}

#[test]
fn app_auth_verifies_and_checks_the_authorization() {
    let fake = fake();
    let mut throttle = Throttle::new();
    let unsigned = answered(call(&fake, &mut throttle, &get("/signed"), T0));
    assert_eq!(
        (unsigned.status, code(&unsigned)),
        (401, "APIG.0303".into())
    );
    let date = format_sdk_date(i64::try_from(T0 / 1000).expect("s")).expect("date");
    let mut signed = get("/signed");
    sign(&mut signed, "appkey0001", "appsecret0001", &date).expect("sign");
    let ok = answered(call(&fake, &mut throttle, &signed, T0 + 5000));
    assert_eq!((ok.status, ok.body.as_slice()), (200, &b"signed"[..]));
    let mut wrong = get("/signed");
    sign(&mut wrong, "appkey0001", "not-the-secret", &date).expect("sign");
    assert_eq!(
        code(&answered(call(&fake, &mut throttle, &wrong, T0))),
        "APIG.0303"
    );
    let mut other = get("/other");
    sign(&mut other, "appkey0001", "appsecret0001", &date).expect("sign");
    let refused = answered(call(&fake, &mut throttle, &other, T0));
    assert_eq!((refused.status, code(&refused)), (403, "APIG.0304".into()));
}

#[test]
fn the_api_limit_and_the_daily_cap_throttle() {
    let fake = fake();
    let mut throttle = Throttle::new();
    let mut admitted = 0;
    while answered(call(&fake, &mut throttle, &get("/open"), T0 + 10)).status == 200 {
        admitted += 1;
    }
    assert_eq!(admitted, 200, "the default per-API limit");
    let refused = answered(call(&fake, &mut throttle, &get("/open"), T0 + 20));
    assert_eq!((refused.status, code(&refused)), (429, "APIG.0308".into()));
    // Over the day, the debugging domain stops at 1000 calls; a bound domain does not.
    let mut day = 200;
    let mut second = 1;
    while answered(call(
        &fake,
        &mut throttle,
        &get("/open"),
        T0 + second * 1000,
    ))
    .status
        == 200
    {
        day += 1;
        if day % 200 == 0 {
            second += 1;
        }
    }
    assert_eq!(day, 1000);
    let bound = SignableRequest::new("GET", "/open").with_header("Host", "api.example.com");
    assert_eq!(
        answered(call(&fake, &mut throttle, &bound, T0 + 60_000)).status,
        200
    );
}

#[test]
fn cors_preflight_is_answered_by_the_gateway() {
    let fake = fake();
    let mut throttle = Throttle::new();
    let mut preflight = get("/open")
        .with_header("Origin", "http://127.0.0.1:8088")
        .with_header("Access-Control-Request-Method", "GET");
    preflight.method = "OPTIONS".into();
    let answer = answered(call(&fake, &mut throttle, &preflight, T0));
    assert_eq!(answer.status, 200);
    assert!(answer.header("access-control-allow-methods").is_some());
}
