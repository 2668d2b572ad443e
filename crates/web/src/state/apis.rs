//! API management calls on a gateway, in both homes: create an API group, create an API,
//! publish an API or take it offline. Each is the API call the core builds
//! ([`ApiCall::create_api_group`], …) and answers:
//!
//! - in this browser, the principal's permission (the core's `authorize`), the gateway
//!   (unknown: 404 `APIG.3030`), then the same whole operation apig-mock answers the call with
//!   ([`apig_core::api::management`]: `create_group`, `create_api`, `ApiAction`), kept when it
//!   passes; the call and the answer go into the API trace;
//! - with apig-mock, the call is sent signed and its answer read (the next sync shows the
//!   gateway's catalogue).

use apig_core::account::Account;
use apig_core::api::ErrorBody;
use apig_core::api::management::{self, ApiAction, ApiActionRequest, ApiRequest, GroupRequest};
use apig_core::apis::{PublishIds, Refusal, ResourceId};
use apig_core::authority::authorize;
use apig_core::export::{ApiCall, ExportContext};
use apig_core::gateway::Gateway;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{GATEWAYS_SLOT, Store, fresh_uuid};
use crate::backend::{self as api, ApiError, Connection};
use crate::trace;

/// Why a management call did not pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// Refused, with the answer's status, code and message; `field` is the core field a
    /// permission refusal concerns, `parameter` the wire parameter a rule names (known in this
    /// browser).
    Refused {
        status: u16,
        code: String,
        message: String,
        field: Option<String>,
        parameter: Option<String>,
    },
    /// apig-mock could not be reached, or its answer not read.
    Failed(String),
}

impl CallError {
    fn of_refusal(refusal: &Refusal) -> Self {
        Self::Refused {
            status: refusal.code.http_status(),
            code: refusal.code.as_str().to_owned(),
            message: refusal.message.clone(),
            field: None,
            parameter: Some(refusal.parameter.clone()).filter(|p| !p.is_empty()),
        }
    }
}

/// What the console reads of a created object in a management call's answer: its `id` and,
/// for a group, its debugging domain. (Reading only these keeps the full answers' decoders
/// out of the `.wasm`; the trace shows the whole answer.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Created {
    pub id: String,
    pub sl_domain: String,
}

/// A management call's answer, with the request it answered (`METHOD path`) and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered<T> {
    pub value: T,
    pub request: String,
    pub status: u16,
}

/// 32 fresh hexadecimal digits, as the service's IDs and request IDs are.
pub(super) fn fresh_hex32() -> String {
    fresh_uuid().replace('-', "")
}

/// A fresh ID for a new object.
fn new_id() -> ResourceId {
    ResourceId::parse(&fresh_hex32()).expect("32 hex digits are an ID")
}

/// The region and project of `gateway`, or of the console's region when there is none.
fn trace_context(store: &Store, account: &Account, gateway: Option<&Gateway>) -> ExportContext {
    let region = gateway.map_or_else(|| store.region.get_untracked(), |g| g.region.clone());
    let project = account
        .region(&region)
        .map(|r| r.project_id.clone())
        .unwrap_or_default();
    ExportContext::new(region, project)
}

impl Store {
    /// `CreateApiGroupV2` on gateway `gateway_id`.
    pub async fn create_api_group(
        self,
        gateway_id: &str,
        body: &GroupRequest,
    ) -> Result<Answered<Created>, CallError> {
        self.manage(
            |project| ApiCall::create_api_group(project, gateway_id, body),
            gateway_id,
            |gw, now| management::create_group(gw, body, new_id(), now),
        )
        .await
    }

    /// `CreateApiV2` on gateway `gateway_id`.
    pub async fn create_api(
        self,
        gateway_id: &str,
        body: &ApiRequest,
    ) -> Result<Answered<Created>, CallError> {
        self.manage(
            |project| ApiCall::create_api(project, gateway_id, body),
            gateway_id,
            |gw, now| management::create_api(gw, body, new_id(), now),
        )
        .await
    }

    /// `CreateOrDeletePublishRecordForApiV2` on gateway `gateway_id`: publish or take
    /// offline one API in one environment.
    pub async fn api_action(
        self,
        gateway_id: &str,
        body: &ApiActionRequest,
    ) -> Result<Answered<Created>, CallError> {
        self.manage(
            |project| ApiCall::api_action(project, gateway_id, body),
            gateway_id,
            |gw, now| {
                let ids = || PublishIds {
                    publish_id: new_id(),
                    version_id: new_id(),
                };
                ApiAction::parse(body)?.apply(gw, ids, now)
            },
        )
        .await
    }

    /// Runs the call `call` builds for the project: here with `apply`, or on apig-mock.
    async fn manage<T: Serialize>(
        self,
        call: impl FnOnce(&str) -> ApiCall,
        gateway_id: &str,
        apply: impl FnOnce(&mut Gateway, u64) -> Result<T, Refusal>,
    ) -> Result<Answered<Created>, CallError> {
        let connection = self.home.with_untracked(|h| h.connection().cloned());
        match connection {
            None => self.manage_here(call, gateway_id, apply),
            Some(connection) => {
                let call = call(&connection.project_id);
                let answer = fetch(&connection, &call).await;
                if self.is_alive() {
                    self.sync();
                }
                answer
            }
        }
    }

    /// In this browser, admitted in apig-mock's order: permission, then the gateway, then
    /// the core's operation on a copy, kept when it passes.
    fn manage_here<T: Serialize>(
        self,
        call: impl FnOnce(&str) -> ApiCall,
        gateway_id: &str,
        apply: impl FnOnce(&mut Gateway, u64) -> Result<T, Refusal>,
    ) -> Result<Answered<Created>, CallError> {
        self.home.get_untracked().refresh(&self);
        let now = self.catch_up_clock();
        let account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let index = gateways.iter().position(|g| g.id.as_str() == gateway_id);
        let context = trace_context(&self, &account, index.map(|i| &gateways[i]));
        let call = call(&context.project_id);
        let request = format!("{} {}", call.method, call.path);
        let status = call.success_status();
        let operation = call.operation.expect("a management call has its operation");
        let outcome = match authorize(&account.principal, operation) {
            Err(problem) => Err(CallError::Refused {
                status: problem.code.http_status(),
                code: problem.code.as_str().to_owned(),
                message: problem.wire_message(),
                field: Some(problem.field.id().to_owned()),
                parameter: None,
            }),
            Ok(()) => index
                .ok_or_else(|| Refusal::gateway_missing(gateway_id))
                .and_then(|index| {
                    let mut gateway = gateways[index].clone();
                    let answer = apply(&mut gateway, now)?;
                    gateways[index] = gateway;
                    Ok(answer)
                })
                .map_err(|refusal| CallError::of_refusal(&refusal)),
        };
        let outcome = outcome.map(|answer| serde_json::to_string(&answer).unwrap_or_default());
        match &outcome {
            Ok(body) => {
                trace::record_local(call, context, Some(body));
                self.write(&GATEWAYS_SLOT, &gateways);
                self.gateways.set(gateways);
            }
            Err(CallError::Refused {
                status,
                code,
                message,
                ..
            }) => {
                let body = ErrorBody::new(code.clone(), message.clone());
                trace::record_error(call, context, *status, &body);
            }
            Err(CallError::Failed(_)) => {}
        }
        outcome.map(|body| Answered {
            value: serde_json::from_str(&body).unwrap_or_default(),
            request,
            status,
        })
    }
}

/// Sends `call` to apig-mock and reads its answer.
pub(super) async fn fetch<T: DeserializeOwned>(
    connection: &Connection,
    call: &ApiCall,
) -> Result<Answered<T>, CallError> {
    match api::send(connection, call).await {
        Ok((status, text)) => serde_json::from_str(&text)
            .map(|value| Answered {
                value,
                request: format!("{} {}", call.method, call.path),
                status,
            })
            .map_err(|e| CallError::Failed(e.to_string())),
        Err(ApiError::Api { status, body }) => Err(CallError::Refused {
            status,
            code: body.error_code,
            message: body.error_msg,
            field: None,
            parameter: None,
        }),
        Err(other) => Err(CallError::Failed(other.to_string())),
    }
}
