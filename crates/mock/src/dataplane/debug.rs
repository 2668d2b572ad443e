//! `DebugApiV2`: `POST /v2/{project_id}/apigw/instances/{instance_id}/apis/debug/{api_id}`
//! (signed, as every management call). The core checks the body and serves the call
//! in-process ([`apig_core::dataplane::debug::serve`]); an HTTP backend is called as a call
//! through the domain would call it.

use std::time::Instant;

use apig_core::api::ErrorBody;
use apig_core::dataplane::debug::{
    DebugError, DebugRequest, DebugResponse, raw_answer, raw_request, serve,
};
use apig_core::dataplane::{Outcome, catalogue};
use axum::extract::State;
use axum::routing::post;
use axum::{Extension, Json, Router};

use super::proxy;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::routes::apig::admit;
use crate::state::{AppState, Caller};

/// The route.
pub fn router() -> Router<AppState> {
    Router::new().route(
        "/v2/{project_id}/apigw/instances/{instance_id}/apis/debug/{api_id}",
        post(debug_api),
    )
}

async fn debug_api(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiPath<(String, String, String)>,
    ApiJson(body): ApiJson<DebugRequest>,
) -> Result<Json<DebugResponse>, AppError> {
    let started = Instant::now();
    let request_id = ids::random_hex32();
    let id = request_id.clone();
    let (request, outcome) = state
        .read(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, catalogue::DEBUG_OPERATION)?;
            let gateway = &snap.gateways[index];
            let no_api = || AppError::api(404, catalogue::api_not_found(&api_id));
            let served = catalogue::served(gateway).ok_or_else(no_api)?;
            serve(gateway, served, &api_id, &body, now, &id).map_err(|error| match error {
                DebugError::NoSuchApi => no_api(),
                DebugError::Refused(refusal) => AppError::api(
                    refusal.code().http_status(),
                    ErrorBody::new(refusal.code().as_str(), refusal.error_msg()),
                ),
            })
        })
        .await?;
    let answer = match outcome {
        Outcome::Answer(answer) => answer,
        Outcome::Proxy(pending) => {
            let result = proxy::send(&pending.plan).await;
            pending.finish(result)
        }
    };
    let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(Json(DebugResponse {
        request: raw_request(&request),
        response: raw_answer(&answer, latency),
        latency,
        log: String::new(),
    }))
}
