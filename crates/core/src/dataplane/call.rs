//! One call of a routed API, after routing: CORS preflight, APP authentication and
//! authorization, throttling, then the MOCK answer or the HTTP backend's plan.
//!
//! The order (docs/mock.md, Data plane): a preflight of a CORS API is answered first (a browser
//! never signs one, and it is not counted); then the signature and the authorization, so an
//! unauthenticated flood cannot use up an API's limits; then the limits; then the backend.

use crate::sign::SignableRequest;

use super::answer::{Answer, GatewayError};
use super::auth::{AppKeys, check_authorized, verify_app};
use super::backend::{self, BackendPlan, BackendResult, Context, Forwarded, HttpBackend};
use super::cors;
use super::path::PathMatch;
use super::throttle::{Limit, Remaining, Throttle};

/// The header that asks for the gateway's debugging headers.
pub const HEADER_APIG_MODE: &str = "X-Apig-Mode";

/// How an API authenticates its callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    /// Anyone may call.
    None,
    /// An app signs the call with its key and secret.
    App,
}

/// What answers an API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A fixed answer.
    Mock {
        /// Its status (200 when none).
        status: Option<u16>,
        /// Its body.
        content: String,
    },
    /// An HTTP service.
    Http(HttpBackend),
}

/// The API a call was routed to, as the call needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutedApi {
    /// Its ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its authentication.
    pub auth: AuthKind,
    /// Whether it allows calls from other origins.
    pub cors: bool,
    /// What answers it.
    pub backend: Backend,
}

/// The call.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    /// The request as received (raw path and query, headers, body).
    pub request: &'a SignableRequest,
    /// The caller's address.
    pub source_ip: &'a str,
    /// The request ID the gateway gave the call.
    pub request_id: &'a str,
    /// Now, epoch ms.
    pub now_ms: u64,
    /// The environment's name.
    pub stage: &'a str,
    /// The gateway's address and name (`$context.serverAddr`, `serverName`).
    pub server: (&'a str, &'a str),
}

/// What the gateway knows about apps, for an APP-auth call.
pub trait Apps {
    /// The app with this app key.
    fn find(&self, app_key: &str) -> Option<AppKeys>;
    /// The app's name.
    fn name(&self, app_id: &str) -> String;
    /// Whether the app is authorized for the API in the call's environment.
    fn authorized(&self, app_id: &str, api_id: &str) -> bool;
}

/// What to do with a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answer this.
    Answer(Answer),
    /// Send this to the backend, then answer with [`Pending::finish`].
    Proxy(Pending),
}

/// A call waiting for its backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The backend request.
    pub plan: BackendPlan,
    request_id: String,
    cors: bool,
    extra: Vec<(String, String)>,
}

impl Pending {
    /// The answer for the backend's result.
    pub fn finish(self, result: BackendResult) -> Answer {
        let mut answer = backend::answer(result, self.plan.timeout_ms, &self.request_id);
        decorate(&mut answer, self.cors, self.extra);
        answer
    }
}

fn decorate(answer: &mut Answer, cors_enabled: bool, extra: Vec<(String, String)>) {
    answer.headers.extend(extra);
    if cors_enabled {
        cors::decorate(answer);
    }
}

/// Serves a call routed to `api` with `matched`: `limits` are the limits it falls under
/// (counted in `throttle` only once it is authenticated).
pub fn serve(
    api: &RoutedApi,
    matched: &PathMatch,
    call: &Call<'_>,
    apps: &dyn Apps,
    limits: &[Limit],
    throttle: &mut Throttle,
) -> Outcome {
    let request = call.request;
    if api.cors && cors::preflight_method(request).is_some() {
        return Outcome::Answer(cors::preflight_answer(request, call.request_id));
    }
    let fail = |error: GatewayError| {
        let mut answer = error.answer(call.request_id);
        decorate(&mut answer, api.cors, Vec::new());
        Outcome::Answer(answer)
    };
    let mut context = Context {
        source_ip: call.source_ip.to_owned(),
        stage: call.stage.to_owned(),
        api_id: api.id.clone(),
        api_name: api.name.clone(),
        request_id: call.request_id.to_owned(),
        request_time_ms: call.now_ms,
        http_method: request.method.to_ascii_uppercase(),
        server_addr: call.server.0.to_owned(),
        server_name: call.server.1.to_owned(),
        ..Context::default()
    };
    if api.auth == AuthKind::App {
        let now_seconds = i64::try_from(call.now_ms / 1000).unwrap_or(i64::MAX);
        let app_id = match verify_app(request, |key| apps.find(key), now_seconds) {
            Ok(app_id) => app_id,
            Err(error) => return fail(error),
        };
        if let Err(error) = check_authorized(apps.authorized(&app_id, &api.id)) {
            return fail(error);
        }
        context.app_name = apps.name(&app_id);
        context.app_id = app_id;
    }
    let remaining = match throttle.admit(limits, call.now_ms) {
        Ok(remaining) => remaining,
        Err(throttled) => return fail(GatewayError::Throttled(throttled)),
    };
    let extra = debug_headers(request, &remaining);
    match &api.backend {
        Backend::Mock { status, content } => {
            let mut answer = backend::mock_answer(*status, content, call.request_id);
            decorate(&mut answer, api.cors, extra);
            Outcome::Answer(answer)
        }
        Backend::Http(http) => {
            let forwarded = Forwarded {
                method: &request.method,
                path_params: &matched.params,
                remainder: &matched.remainder,
                query: &request.query,
                headers: &request.headers,
                body: &request.body,
            };
            match backend::plan(http, &forwarded, &context) {
                Ok(plan) => Outcome::Proxy(Pending {
                    plan,
                    request_id: call.request_id.to_owned(),
                    cors: api.cors,
                    extra,
                }),
                Err(error) => fail(error),
            }
        }
    }
}

/// With `X-Apig-Mode: debug`, the per-API limit's state (`X-Apig-RateLimit-api-allenv`).
fn debug_headers(request: &SignableRequest, remaining: &[Remaining]) -> Vec<(String, String)> {
    if !request
        .header(HEADER_APIG_MODE)
        .is_some_and(|mode| mode.trim().eq_ignore_ascii_case("debug"))
    {
        return Vec::new();
    }
    remaining
        .iter()
        .filter(|r| r.limit.scope.policy() == "api")
        .map(|r| ("X-Apig-RateLimit-api-allenv".to_owned(), r.header_value()))
        .collect()
}
