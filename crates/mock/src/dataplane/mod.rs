//! The data plane on apig-mock's own listener: a request whose `Host` is a group's debugging
//! domain (`{group_id}.apic.{region}.huaweicloudapis.com`, optionally with `.localhost`) or a
//! domain bound to a group is a call of that gateway's published APIs, served by the core's
//! [`apig_core::dataplane`] before the management API's signature check; every other request
//! goes on to the management API.
//!
//! Which account holds the group is found among the credentials' accounts and remembered per
//! host (checked again on every call). The throttling counters live in memory
//! ([`DataPlane`]); an HTTP backend is called by [`proxy`] within the API's timeout.

pub mod debug;
pub mod proxy;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

use apig_core::dataplane::gateway::{Incoming, Served, group_for_host, handle};
use apig_core::dataplane::host::{HostTarget, host_name, parse_host};
use apig_core::dataplane::{Answer, Outcome, Throttle, catalogue};
use apig_core::gateway::Gateway;
use apig_core::sign::{SignableRequest, header_value_text};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::HOST;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::read_body;
use crate::ids;
use crate::state::{AppState, seed_account};

/// Sweep the throttling windows after this many calls.
const SWEEP_EVERY: u64 = 4096;

/// The data plane's memory: throttling counters and which account serves a host.
#[derive(Debug, Default)]
pub struct DataPlane {
    throttle: Mutex<(Throttle, u64)>,
    hosts: Mutex<HashMap<String, String>>,
}

impl DataPlane {
    /// Runs `f` on the throttling counters (swept now and then).
    pub fn with_throttle<T>(&self, now_ms: u64, f: impl FnOnce(&mut Throttle) -> T) -> T {
        let mut guard = self
            .throttle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (throttle, calls) = &mut *guard;
        *calls += 1;
        if *calls % SWEEP_EVERY == 0 {
            throttle.sweep(now_ms);
        }
        f(throttle)
    }

    fn remembered(&self, host: &str) -> Option<String> {
        self.hosts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(host)
            .cloned()
    }

    fn remember(&self, host: &str, account_key: &str) {
        self.hosts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(host.to_owned(), account_key.to_owned());
    }
}

/// Whether a host name can only be the emulator itself (an address or `localhost`): such
/// requests never look for a bound domain.
fn is_local(name: &str) -> bool {
    name == "localhost" || name.parse::<std::net::IpAddr>().is_ok()
}

/// Middleware, outermost: calls for a group's domain are served here, the rest goes on.
pub async fn dispatch(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(HOST)
        .map(|v| header_value_text(v.as_bytes()))
        .or_else(|| request.uri().authority().map(ToString::to_string))
        .unwrap_or_default();
    let name = host_name(&host);
    let debug = matches!(parse_host(&host), HostTarget::DebugDomain { .. });
    if !debug && is_local(&name) {
        return next.run(request).await;
    }
    let now_ms = state.now_ms();
    let Some(account_key) = locate(&state, &host, now_ms).await else {
        if debug {
            return gateway_answer(&not_found());
        }
        return next.run(request).await;
    };
    serve(&state, &account_key, &host, request, now_ms).await
}

fn not_found() -> Answer {
    apig_core::dataplane::GatewayError::ApiNotFound.answer(&ids::random_hex32())
}

/// Runs `f` on the gateway of `account_key` whose catalogue serves `host`, if any.
fn with_served<T>(
    state: &AppState,
    account_key: &str,
    host: &str,
    now_ms: u64,
    f: impl FnOnce(&Gateway, &dyn Served, String, bool) -> T,
) -> Option<T> {
    let cached = state.store().try_cached(account_key)?;
    cached.read(now_ms, |snapshot| {
        snapshot
            .gateways
            .iter()
            .find_map(|gateway| {
                let served = catalogue::served(gateway)?;
                group_for_host(gateway, served, host)
                    .map(|(group, debug)| (gateway, served, group, debug))
            })
            .map(|(gateway, served, group, debug)| f(gateway, served, group, debug))
    })
}

/// The account whose gateway serves `host`: the remembered one if it still does, else the
/// first of the credentials' accounts that does.
async fn locate(state: &AppState, host: &str, now_ms: u64) -> Option<String> {
    let name = host_name(host);
    if let Some(key) = state.dataplane().remembered(&name)
        && with_served(state, &key, host, now_ms, |_, _, _, _| ()).is_some()
    {
        return Some(key);
    }
    let mut keys: Vec<String> = state
        .credentials()
        .all()
        .iter()
        .map(|c| c.project_id.clone())
        .collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if state.store().try_cached(&key).is_none() {
            // Load it into the cache (an account never written stays the seed: no APIs).
            let (loader, account) = (state.clone(), key.clone());
            let _ = crate::state::blocking(move || {
                loader.store().read::<(), crate::AppError>(
                    &account,
                    || seed_account(&account),
                    now_ms,
                    |_| Ok(()),
                )
            })
            .await;
        }
        if with_served(state, &key, host, now_ms, |_, _, _, _| ()).is_some() {
            state.dataplane().remember(&name, &key);
            return Some(key);
        }
    }
    None
}

/// Serves one call for the account's gateway.
async fn serve(
    state: &AppState,
    account_key: &str,
    host: &str,
    request: Request,
    now_ms: u64,
) -> Response {
    let request_id = ids::random_hex32();
    let source_ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "127.0.0.1".to_owned(), |c| c.0.ip().to_string());
    let (parts, body) = request.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(bytes) => bytes,
        Err(error) => return error.into_response(),
    };
    let signable = SignableRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), header_value_text(v.as_bytes())))
            .collect(),
        body: bytes.to_vec(),
    };
    let incoming = Incoming {
        request: &signable,
        source_ip: &source_ip,
        request_id: &request_id,
        now_ms,
    };
    let outcome = with_served(
        state,
        account_key,
        host,
        now_ms,
        |gateway, served, group, debug| {
            state.dataplane().with_throttle(now_ms, |throttle| {
                handle(gateway, served, &group, debug, &incoming, throttle)
            })
        },
    );
    let answer = match outcome {
        None => not_found(),
        Some(Outcome::Answer(answer)) => answer,
        Some(Outcome::Proxy(pending)) => {
            let result = proxy::send(&pending.plan).await;
            pending.finish(result)
        }
    };
    tracing::info!(
        id = %request_id,
        host = %host,
        method = %parts.method,
        path = %parts.uri.path(),
        status = answer.status,
        "gateway call"
    );
    gateway_answer(&answer)
}

/// The core's answer as an HTTP response.
pub fn gateway_answer(answer: &Answer) -> Response {
    let mut response = Response::new(Body::from(answer.body.clone()));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let headers = response.headers_mut();
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    response
}
