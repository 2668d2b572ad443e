//! "Try it" (the information page's APIs section): a MOCK API described in a few fields is
//! created — with a group when the gateway has none —, published to `RELEASE` and called
//! through its group's debugging domain. The requests are the core's
//! ([`apig_core::api::management::TryIt`]) in both homes:
//!
//! - in this browser, each management call runs the functions apig-mock answers it with
//!   ([`apig_core::api::management`]: `create_group`, `create_api`, `ApiAction`), the result
//!   is kept only when every step passed, and the call is served by the core's data plane
//!   ([`apig_core::dataplane::gateway::handle`]), the router apig-mock serves with;
//! - with apig-mock, the calls are sent signed (each answer gives the next call its IDs) and
//!   the API is called through apig-mock's data plane at `http://{debugging domain}.localhost:{port}`
//!   (the API has CORS on, so the console's page may read the answer).
//!
//! Every management call shows in the API trace.

use std::cell::RefCell;

use apig_core::account::Account;
use apig_core::api::ErrorBody;
use apig_core::api::management::{
    self, ApiAction, ApiInfo, GroupInfo, PublishResp, TryField, TryIt,
};
use apig_core::apis::{PublishIds, Refusal, ResourceId};
use apig_core::authority::{authorize, gateway_not_found};
use apig_core::dataplane::backend::BackendResult;
use apig_core::dataplane::gateway::{Incoming, group_for_host, handle};
use apig_core::dataplane::{Answer, GatewayError, Outcome, Throttle, catalogue};
use apig_core::export::{ApiCall, ExportContext};
use apig_core::gateway::Gateway;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::{GATEWAYS_SLOT, Store, fresh_uuid};
use crate::backend::{self as api, ApiError, Connection};
use crate::trace;

/// Which management call a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryStepKind {
    /// `CreateApiGroupV2` (only when the gateway had no group).
    Group,
    /// `CreateApiV2`.
    Api,
    /// `CreateOrDeletePublishRecordForApiV2` to `RELEASE`.
    Publish,
}

/// A management call that passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryStep {
    pub kind: TryStepKind,
    /// `METHOD path`.
    pub request: String,
    /// The answer's status.
    pub status: u16,
}

/// The call of the API and the gateway's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryCall {
    pub method: String,
    pub url: String,
    /// The request's headers (`Host` first).
    pub headers: Vec<(String, String)>,
    pub status: u16,
    /// The answer's headers a page can read, by name.
    pub answer_headers: Vec<(String, String)>,
    pub body: String,
}

/// What "Try it" did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryOutcome {
    pub steps: Vec<TryStep>,
    pub call: TryCall,
}

/// Why "Try it" stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TryError {
    /// A field breaks a rule of `CreateApiV2` (nothing was sent).
    Field {
        field: TryField,
        code: String,
        message: String,
    },
    /// A management call was refused (the steps before it passed).
    Refused {
        steps: Vec<TryStep>,
        kind: TryStepKind,
        code: String,
        message: String,
    },
    /// apig-mock could not be reached, or its answer not read.
    Failed {
        steps: Vec<TryStep>,
        message: String,
    },
}

impl TryError {
    fn field(refusal: &Refusal) -> Option<Self> {
        TryField::of(&refusal.parameter).map(|field| Self::Field {
            field,
            code: refusal.code.as_str().to_owned(),
            message: refusal.message.clone(),
        })
    }
}

thread_local! {
    /// The throttling counters of the calls served in this browser.
    static THROTTLE: RefCell<Throttle> = RefCell::new(Throttle::new());
}

/// 32 fresh hexadecimal digits, as the service's IDs and request IDs are.
fn fresh_hex32() -> String {
    fresh_uuid().replace('-', "")
}

/// A fresh ID for a new object.
fn new_id() -> ResourceId {
    ResourceId::parse(&fresh_hex32()).expect("32 hex digits are an ID")
}

fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

fn step(kind: TryStepKind, call: &ApiCall) -> TryStep {
    TryStep {
        kind,
        request: format!("{} {}", call.method, call.path),
        status: call.success_status(),
    }
}

impl Store {
    /// Creates, publishes and calls the API `input` describes on gateway `gateway_id`.
    pub async fn try_api(self, gateway_id: String, input: TryIt) -> Result<TryOutcome, TryError> {
        if let Err(refusal) = input.check() {
            // Every field's rule is checked before anything is sent.
            if let Some(error) = TryError::field(&refusal) {
                return Err(error);
            }
        }
        match self.home.get_untracked().connection().cloned() {
            None => self.try_here(&gateway_id, &input),
            Some(connection) => self.try_on_mock(&connection, &gateway_id, &input).await,
        }
    }

    /// In this browser: the management calls on a copy of the gateway, kept when all passed,
    /// and the call served by the core's data plane.
    fn try_here(self, gateway_id: &str, input: &TryIt) -> Result<TryOutcome, TryError> {
        self.home.get_untracked().refresh(&self);
        let now = self.catch_up_clock();
        let account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let Some(index) = gateways.iter().position(|g| g.id.as_str() == gateway_id) else {
            let problem = gateway_not_found(gateway_id);
            return Err(TryError::Refused {
                steps: Vec::new(),
                kind: TryStepKind::Api,
                code: problem.code.as_str().to_owned(),
                message: problem.message,
            });
        };
        let mut gateway = gateways[index].clone();
        let context = trace_context(&account, &gateway);
        let project = context.project_id.clone();
        let mut steps = Vec::new();
        if gateway.apis.groups.is_empty() {
            let request = TryIt::group_request();
            let call = ApiCall::create_api_group(&project, gateway_id, &request);
            run_here(
                &account,
                &context,
                &mut gateway,
                TryStepKind::Group,
                call,
                &mut steps,
                &mut |gw| {
                    management::create_group(gw, &request, new_id(), now).map(|info| json(&info))
                },
            )?;
        }
        let (group_id, domain) = first_group(&gateway);
        let request = input
            .api_request(&group_id)
            .map_err(|r| refusal_of(&steps, TryStepKind::Api, &r))?;
        let call = ApiCall::create_api(&project, gateway_id, &request);
        let mut api_id = String::new();
        run_here(
            &account,
            &context,
            &mut gateway,
            TryStepKind::Api,
            call,
            &mut steps,
            &mut |gw| {
                let info = management::create_api(gw, &request, new_id(), now)?;
                api_id.clone_from(&info.id);
                Ok(json(&info))
            },
        )?;
        let publish = TryIt::publish_request(&api_id);
        let call = ApiCall::api_action(&project, gateway_id, &publish);
        run_here(
            &account,
            &context,
            &mut gateway,
            TryStepKind::Publish,
            call,
            &mut steps,
            &mut |gw| {
                let ids = || PublishIds {
                    publish_id: new_id(),
                    version_id: new_id(),
                };
                ApiAction::parse(&publish)?
                    .apply(gw, ids, now)
                    .map(|record| json(&record))
            },
        )?;
        let served = serve_here(&gateway, input, &domain, now);
        gateways[index] = gateway;
        self.write(&GATEWAYS_SLOT, &gateways);
        self.gateways.set(gateways);
        Ok(TryOutcome {
            steps,
            call: served,
        })
    }

    /// With apig-mock: the signed calls one after another, then the call through its data
    /// plane; the state is read back afterwards.
    async fn try_on_mock(
        self,
        connection: &Connection,
        gateway_id: &str,
        input: &TryIt,
    ) -> Result<TryOutcome, TryError> {
        let project = connection.project_id.clone();
        let groups = self.gateways.with_untracked(|g| {
            g.iter()
                .find(|gw| gw.id.as_str() == gateway_id)
                .map(first_group_if_any)
        });
        let mut steps = Vec::new();
        let outcome = async {
            let (group_id, domain) = if let Some(group) = groups.flatten() {
                group
            } else {
                let call = ApiCall::create_api_group(&project, gateway_id, &TryIt::group_request());
                let info: GroupInfo =
                    sent(connection, TryStepKind::Group, &call, &mut steps).await?;
                (info.id, info.sl_domain)
            };
            let request = input
                .api_request(&group_id)
                .map_err(|r| refusal_of(&steps, TryStepKind::Api, &r))?;
            let call = ApiCall::create_api(&project, gateway_id, &request);
            let info: ApiInfo = sent(connection, TryStepKind::Api, &call, &mut steps).await?;
            let call = ApiCall::api_action(&project, gateway_id, &TryIt::publish_request(&info.id));
            let _: PublishResp = sent(connection, TryStepKind::Publish, &call, &mut steps).await?;
            let served = call_on_mock(connection, input, &domain)
                .await
                .map_err(|message| TryError::Failed {
                    steps: steps.clone(),
                    message,
                })?;
            Ok(TryOutcome {
                steps: steps.clone(),
                call: served,
            })
        }
        .await;
        if self.is_alive() {
            self.sync();
        }
        outcome
    }
}

/// One management call in this browser: the principal's permission, then the core's
/// operation `apply` on `gateway`; traced either way.
fn run_here(
    account: &Account,
    context: &ExportContext,
    gateway: &mut Gateway,
    kind: TryStepKind,
    call: ApiCall,
    steps: &mut Vec<TryStep>,
    apply: &mut dyn FnMut(&mut Gateway) -> Result<Option<String>, Refusal>,
) -> Result<(), TryError> {
    let operation = call.operation.expect("a management call has its operation");
    let outcome = authorize(&account.principal, operation)
        .map_err(|p| Refusal::new(p.code, "", p.message))
        .and_then(|()| apply(gateway));
    match outcome {
        Ok(answer) => {
            steps.push(step(kind, &call));
            trace::record_local(call, context.clone(), answer.as_deref());
            Ok(())
        }
        Err(refusal) => {
            let body = ErrorBody::from(&refusal);
            trace::record_error(call, context.clone(), refusal.code.http_status(), &body);
            Err(refusal_of(steps, kind, &refusal))
        }
    }
}

fn refusal_of(steps: &[TryStep], kind: TryStepKind, refusal: &Refusal) -> TryError {
    TryError::Refused {
        steps: steps.to_vec(),
        kind,
        code: refusal.code.as_str().to_owned(),
        message: refusal.message.clone(),
    }
}

/// Sends `call` and reads its answer; a refusal names the step.
async fn sent<T: DeserializeOwned>(
    connection: &Connection,
    kind: TryStepKind,
    call: &ApiCall,
    steps: &mut Vec<TryStep>,
) -> Result<T, TryError> {
    match api::send(connection, call).await {
        Ok((status, text)) => {
            let value = serde_json::from_str(&text).map_err(|e| TryError::Failed {
                steps: steps.clone(),
                message: e.to_string(),
            })?;
            steps.push(TryStep {
                status,
                ..step(kind, call)
            });
            Ok(value)
        }
        Err(ApiError::Api { body, .. }) => Err(TryError::Refused {
            steps: steps.clone(),
            kind,
            code: body.error_code,
            message: body.error_msg,
        }),
        Err(other) => Err(TryError::Failed {
            steps: steps.clone(),
            message: other.to_string(),
        }),
    }
}

/// The region and project of `gateway`.
fn trace_context(account: &Account, gateway: &Gateway) -> ExportContext {
    let project = account
        .region(&gateway.region)
        .map(|r| r.project_id.clone())
        .unwrap_or_default();
    ExportContext::new(gateway.region.clone(), project)
}

/// The first group of `gateway` (ID and debugging domain), if it has one.
fn first_group_if_any(gateway: &Gateway) -> Option<(String, String)> {
    gateway
        .apis
        .groups
        .first()
        .map(|g| (g.id.to_string(), g.sl_domain.clone()))
}

/// The same, once the gateway has a group.
fn first_group(gateway: &Gateway) -> (String, String) {
    first_group_if_any(gateway).expect("a group was created")
}

/// The call served in this browser by the core's data plane, as the gateway would.
fn serve_here(gateway: &Gateway, input: &TryIt, domain: &str, now: u64) -> TryCall {
    let request = input.call(domain);
    let request_id = fresh_hex32();
    let answer = catalogue::served(gateway)
        .and_then(|served| {
            let (group_id, debug) = group_for_host(gateway, served, domain)?;
            let incoming = Incoming {
                request: &request,
                source_ip: "127.0.0.1",
                request_id: &request_id,
                now_ms: now,
            };
            let outcome = THROTTLE.with(|throttle| {
                handle(
                    gateway,
                    served,
                    &group_id,
                    debug,
                    &incoming,
                    &mut throttle.borrow_mut(),
                )
            });
            match outcome {
                Outcome::Answer(answer) => Some(answer),
                // An HTTP backend of another API on the same path is not called from a page.
                Outcome::Proxy(pending) => Some(pending.finish(BackendResult::Failed(
                    "HTTP backends are called by apig-mock, not from this browser".into(),
                ))),
            }
        })
        .unwrap_or_else(|| GatewayError::ApiNotFound.answer(&request_id));
    TryCall {
        method: request.method.clone(),
        url: format!("http://{domain}{}", request.path),
        headers: request.headers.clone(),
        status: answer.status,
        answer_headers: readable_headers(&answer),
        body: String::from_utf8_lossy(&answer.body).into_owned(),
    }
}

/// The answer's headers a page could read of the same answer from apig-mock (the CORS ones
/// and `Content-Type`).
fn readable_headers(answer: &Answer) -> Vec<(String, String)> {
    let exposed: Vec<&str> = apig_core::dataplane::cors::EXPOSE_HEADERS
        .split(", ")
        .chain(["Content-Type"])
        .collect();
    answer
        .headers
        .iter()
        .filter(|(name, _)| exposed.iter().any(|e| e.eq_ignore_ascii_case(name)))
        .cloned()
        .collect()
}

/// The data plane's URL of `domain` on the apig-mock of `connection`: the debugging domain
/// under `.localhost` (which a browser resolves to this machine) at apig-mock's port.
pub fn mock_dataplane_origin(connection: &Connection, domain: &str) -> String {
    let port = connection
        .host
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map(|(_, port)| format!(":{port}"))
        .unwrap_or_default();
    format!("http://{domain}.localhost{port}")
}

/// Calls the API through apig-mock's data plane.
async fn call_on_mock(
    connection: &Connection,
    input: &TryIt,
    domain: &str,
) -> Result<TryCall, String> {
    let request = input.call(domain);
    let origin = mock_dataplane_origin(connection, domain);
    let url = format!("{origin}{}", request.path);
    let method = gloo_net::http::Method::from_bytes(request.method.as_bytes())
        .unwrap_or(gloo_net::http::Method::GET);
    let response = gloo_net::http::RequestBuilder::new(&url)
        .method(method)
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) => format!("{url}: {}", js.message),
            other => format!("{url}: {other}"),
        })?;
    let status = response.status();
    let mut answer_headers: Vec<(String, String)> = response.headers().entries().collect();
    answer_headers.sort();
    let body = response.text().await.map_err(|e| e.to_string())?;
    Ok(TryCall {
        method: request.method.clone(),
        url,
        headers: vec![(
            "Host".to_owned(),
            origin.trim_start_matches("http://").to_owned(),
        )],
        status,
        answer_headers,
        body,
    })
}
