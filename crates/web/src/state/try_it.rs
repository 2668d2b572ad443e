//! "Try it" (the information page's APIs section): a MOCK API described in a few fields is
//! created — with the group `try_it` when the gateway has none —, published to `RELEASE` and
//! called through its group's debugging domain. The requests are the core's
//! ([`apig_core::api::management::TryIt`]) and go through the store's management calls
//! ([`super::apis`]) in both homes; then the call:
//!
//! - in this browser, served by the core's data plane
//!   ([`apig_core::dataplane::gateway::handle`]), the router apig-mock serves with;
//! - with apig-mock, sent to its data plane at `http://{debugging domain}.localhost:{port}`
//!   (the API has CORS on, so the console's page may read the answer).

use std::cell::RefCell;

use apig_core::api::management::{TryField, TryIt};
use apig_core::apis::Refusal;
use apig_core::dataplane::backend::BackendResult;
use apig_core::dataplane::debug::DebugResponse;
use apig_core::dataplane::gateway::{Incoming, group_for_host, handle};
use apig_core::dataplane::{Answer, GatewayError, Outcome, Throttle, catalogue};
use apig_core::export::ApiCall;
use apig_core::gateway::Gateway;
use leptos::prelude::*;

use super::Store;
use super::apis::{Answered, CallError, fetch, fresh_hex32};
use crate::backend::Connection;

/// Which management call a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryStepKind {
    /// `CreateApiGroupV2` (only when the gateway had no group).
    Group,
    /// `CreateApiV2`.
    Api,
    /// `CreateOrDeletePublishRecordForApiV2` to `RELEASE`.
    Publish,
    /// `DebugApiV2`: the call made by apig-mock (when its data plane cannot be reached by
    /// name from this browser).
    Debug,
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

/// The call of the API and the gateway's answer, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TryCall {
    /// The answer's status.
    pub status: u16,
    /// Its `X-Request-Id`.
    pub request_id: String,
    /// The request line and headers.
    pub request: String,
    /// The status line, the headers a page can read, and the body.
    pub answer: String,
}

impl TryCall {
    /// The call of `url` with `headers`, answered with `status`, `headers` and `body`.
    fn of(
        method: &str,
        url: &str,
        headers: &[(String, String)],
        status: u16,
        answer_headers: &[(String, String)],
        body: &str,
    ) -> Self {
        let lines = |first: String, headers: &[(String, String)]| {
            std::iter::once(first)
                .chain(headers.iter().map(|(n, v)| format!("{n}: {v}")))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let request_id = answer_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("x-request-id"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        Self {
            status,
            request_id,
            request: lines(format!("{method} {url}"), headers),
            answer: format!(
                "{}\n\n{}",
                lines(format!("HTTP {status}"), answer_headers),
                crate::trace::readable(body)
            ),
        }
    }

    /// The raw texts `DebugApiV2` answers with.
    fn of_debug(debug: DebugResponse) -> Self {
        let status = debug
            .response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default();
        let request_id = debug
            .response
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("x-request-id")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default();
        Self {
            status,
            request_id,
            request: debug.request.trim_end().to_owned(),
            answer: debug.response,
        }
    }
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
    /// A management call was refused (the steps before it passed and are kept).
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
    fn of_call(steps: &[TryStep], kind: TryStepKind, error: CallError) -> Self {
        match error {
            CallError::Refused { code, message, .. } => Self::Refused {
                steps: steps.to_vec(),
                kind,
                code,
                message,
            },
            CallError::Failed(message) => Self::Failed {
                steps: steps.to_vec(),
                message,
            },
        }
    }

    fn of_refusal(steps: &[TryStep], kind: TryStepKind, refusal: &Refusal) -> Self {
        TryField::of(&refusal.parameter).map_or_else(
            || Self::Refused {
                steps: steps.to_vec(),
                kind,
                code: refusal.code.as_str().to_owned(),
                message: refusal.message.clone(),
            },
            |field| Self::Field {
                field,
                code: refusal.code.as_str().to_owned(),
                message: refusal.message.clone(),
            },
        )
    }
}

thread_local! {
    /// The throttling counters of the calls served in this browser.
    static THROTTLE: RefCell<Throttle> = RefCell::new(Throttle::new());
}

/// Adds the step of a passed call to `steps`, and gives its answer.
fn passed<T>(
    steps: &mut Vec<TryStep>,
    kind: TryStepKind,
    answer: Result<Answered<T>, CallError>,
) -> Result<T, TryError> {
    let answered = answer.map_err(|e| TryError::of_call(steps, kind, e))?;
    steps.push(TryStep {
        kind,
        request: answered.request,
        status: answered.status,
    });
    Ok(answered.value)
}

/// The first group of `gateway` (ID and debugging domain), if it has one.
fn first_group(gateway: &Gateway) -> Option<(String, String)> {
    gateway
        .apis
        .groups
        .first()
        .map(|g| (g.id.to_string(), g.sl_domain.clone()))
}

impl Store {
    /// Creates, publishes and calls the API `input` describes on gateway `gateway_id`.
    pub async fn try_api(self, gateway_id: String, input: TryIt) -> Result<TryOutcome, TryError> {
        let mut steps = Vec::new();
        // Every field's rule first: nothing is sent for a field that breaks one.
        if let Err(refusal) = input.check()
            && TryField::of(&refusal.parameter).is_some()
        {
            return Err(TryError::of_refusal(&steps, TryStepKind::Api, &refusal));
        }
        let known = self.gateways.with_untracked(|g| {
            g.iter()
                .find(|gw| gw.id.as_str() == gateway_id)
                .and_then(first_group)
        });
        let (group_id, domain) = if let Some(group) = known {
            group
        } else {
            let answer = self
                .create_api_group(&gateway_id, &TryIt::group_request())
                .await;
            let info = passed(&mut steps, TryStepKind::Group, answer)?;
            (info.id, info.sl_domain)
        };
        let request = input
            .api_request(&group_id)
            .map_err(|r| TryError::of_refusal(&steps, TryStepKind::Api, &r))?;
        let answer = self.create_api(&gateway_id, &request).await;
        let api = passed(&mut steps, TryStepKind::Api, answer)?;
        let answer = self
            .api_action(&gateway_id, &TryIt::publish_request(&api.id))
            .await;
        passed(&mut steps, TryStepKind::Publish, answer)?;
        let connection = self.home.with_untracked(|h| h.connection().cloned());
        let call = match connection {
            None => Ok(self.serve_here(&gateway_id, &input, &domain)),
            Some(connection) if reaches_by_name(&connection) => {
                call_on_mock(&connection, &input, &domain).await
            }
            Some(connection) => {
                let call = ApiCall::debug_api(
                    &connection.project_id,
                    &gateway_id,
                    &api.id,
                    &input.debug_request(),
                );
                let answer = fetch(&connection, &call).await;
                let debug = passed(&mut steps, TryStepKind::Debug, answer)?;
                Ok(TryCall::of_debug(debug))
            }
        };
        call.map(|call| TryOutcome {
            steps: steps.clone(),
            call,
        })
        .map_err(|message| TryError::Failed { steps, message })
    }

    /// The call served in this browser by the core's data plane, as the gateway would.
    fn serve_here(self, gateway_id: &str, input: &TryIt, domain: &str) -> TryCall {
        let now = self.catch_up_clock();
        let request = input.call(domain);
        let request_id = fresh_hex32();
        let answer = self.gateways.with_untracked(|gateways| {
            let gateway = gateways.iter().find(|g| g.id.as_str() == gateway_id)?;
            let served = catalogue::served(gateway)?;
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
            Some(match outcome {
                Outcome::Answer(answer) => answer,
                // An HTTP backend of another API on the same path is not called from a page.
                Outcome::Proxy(pending) => pending.finish(BackendResult::Failed(
                    "HTTP backends are called by apig-mock, not from this browser".into(),
                )),
            })
        });
        let answer = answer.unwrap_or_else(|| GatewayError::ApiNotFound.answer(&request_id));
        TryCall::of(
            &request.method,
            &format!("http://{domain}{}", request.path),
            &request.headers,
            answer.status,
            &readable_headers(&answer),
            &String::from_utf8_lossy(&answer.body),
        )
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

/// The data plane's origin of `domain` on the apig-mock of `connection`: the debugging
/// domain under `.localhost` (which a browser resolves to this machine) at apig-mock's port.
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
    let host = origin.trim_start_matches("http://").to_owned();
    Ok(TryCall::of(
        &request.method,
        &url,
        &[("Host".to_owned(), host)],
        status,
        &answer_headers,
        &body,
    ))
}

/// Whether this browser reaches apig-mock's data plane by name: `{domain}.localhost`
/// resolves to this machine's loopback address, where apig-mock listens when its endpoint is
/// `127.0.0.1`, `localhost` or `[::1]`. Else the call goes through `DebugApiV2`.
pub fn reaches_by_name(connection: &Connection) -> bool {
    let host = connection.host.as_str();
    let name = if host.ends_with(']') {
        host
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}
