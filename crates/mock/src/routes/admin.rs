//! The emulator's own admin surface under `/_mock/{project_id}` (signed like the API): the
//! sandbox account (read, replace, reset), the project's gateway records (read, replace), the
//! creation speed and injected faults. A replaced account passes the core's account rules
//! ([`check_edit`], as every Sandbox page edit does).

use apig_core::account::Account;
use apig_core::account::check::check_edit;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::{CreationSpeed, InjectedFailure};
use apig_core::validate::Field;
use apig_core::values::ErrorCode;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::state::{AppState, Caller, FaultCounts, Faults, RouteError, seed_account};
use crate::store::{Snapshot, check_schema};

/// The admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/_mock/{project_id}/account",
            get(get_account).put(put_account).delete(reset_account),
        )
        .route(
            "/_mock/{project_id}/gateways",
            get(get_gateways).put(put_gateways),
        )
        .route("/_mock/{project_id}/speed", get(get_speed).put(put_speed))
        .route(
            "/_mock/{project_id}/faults",
            get(get_faults).post(add_faults).delete(clear_faults),
        )
        .method_not_allowed_fallback(super::no_such_api)
}

/// The project of an admin path must be the credential's or one of its account's.
fn own_project(snap: &Snapshot, caller: &Caller, project_id: &str) -> Result<(), AppError> {
    if project_id == caller.account_key || snap.account.region_of_project(project_id).is_some() {
        Ok(())
    } else {
        Err(AppError::foreign_project(format!(
            "Project {project_id} does not belong to the account of this access key"
        )))
    }
}

/// The stored gateway records of the project.
fn project_gateways(snap: &Snapshot, project_id: &str) -> Vec<Gateway> {
    snap.gateways
        .iter()
        .filter(|g| g.project_id == project_id)
        .cloned()
        .collect()
}

async fn get_account(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<Account>, AppError> {
    let who = caller.clone();
    state
        .read(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            Ok(Json(snap.account.clone()))
        })
        .await
}

/// The stored gateway records of the project (the console's backend mode reads them, so its
/// pre-checks see exactly what the server validates against).
async fn get_gateways(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<Vec<Gateway>>, AppError> {
    let who = caller.clone();
    state
        .read(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            Ok(Json(project_gateways(snap, &project_id)))
        })
        .await
}

/// Body of `PUT /_mock/{project_id}/gateways`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewaysBody {
    /// The project's gateway records.
    pub gateways: Vec<Gateway>,
}

/// Replaces the project's gateway records (a scenario's starting gateways): each must belong
/// to the project's region, with IDs and names unique in the project. Other projects' records
/// stay. Answers the project's records.
async fn put_gateways(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(GatewaysBody { gateways }): ApiJson<GatewaysBody>,
) -> Result<Json<Vec<Gateway>>, AppError> {
    let who = caller.clone();
    state
        .write(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            let region = snap
                .account
                .region_of_project(&project_id)
                .map(|r| r.id.clone())
                .unwrap_or_default();
            for (i, g) in gateways.iter().enumerate() {
                let problem = if g.project_id != project_id || g.region != region {
                    Some(format!(
                        "gateway {} belongs to project {} in {}, not to {project_id} in {region}",
                        g.id, g.project_id, g.region
                    ))
                } else if gateways[..i].iter().any(|o| o.id == g.id) {
                    Some(format!("gateway ID {} appears twice", g.id))
                } else if gateways[..i].iter().any(|o| o.name == g.name) {
                    Some(format!("gateway name {} appears twice", g.name))
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let code = ErrorCode::InvalidParameter;
                    return Err(
                        AppError::code(code, format!("{}: {problem}", code.meaning()))
                            .on(Field::InstanceId),
                    );
                }
            }
            snap.gateways.retain(|g| g.project_id != project_id);
            snap.gateways.extend(gateways);
            Ok(Json(project_gateways(snap, &project_id)))
        })
        .await
}

async fn put_account(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(account): ApiJson<Account>,
) -> Result<Json<Account>, AppError> {
    check_schema(&account).map_err(|message| {
        let mut body = apig_core::api::ErrorBody::invalid_parameter("schema_version");
        body.error_msg = format!("{}: {message}", body.error_msg);
        AppError::api(400, body)
    })?;
    let who = caller.clone();
    state
        .write(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            check_edit(&snap.account, &account)
                .map_err(|problems| AppError::problems(&problems))?;
            snap.account = account;
            Ok(Json(snap.account.clone()))
        })
        .await
}

async fn reset_account(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<Account>, AppError> {
    let who = caller.clone();
    let answer = state
        .write(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            snap.account = seed_account(&who.account_key);
            snap.gateways.clear();
            snap.speed = None;
            Ok(Json(snap.account.clone()))
        })
        .await?;
    state.with_faults(&caller.account_key, |f| *f = Faults::default());
    Ok(answer)
}

/// Body and answer of `/_mock/{project_id}/speed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpeedBody {
    /// The account's speed (`null`: the server's default).
    pub speed: Option<CreationSpeed>,
    /// The speed in effect (answers only).
    #[serde(skip_deserializing)]
    pub effective: Option<CreationSpeed>,
}

async fn get_speed(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<SpeedBody>, AppError> {
    let who = caller.clone();
    let default = state.default_speed();
    state
        .read(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            Ok(Json(SpeedBody {
                speed: snap.speed,
                effective: Some(snap.speed.unwrap_or(default)),
            }))
        })
        .await
}

async fn put_speed(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(body): ApiJson<SpeedBody>,
) -> Result<Json<SpeedBody>, AppError> {
    let who = caller.clone();
    let default = state.default_speed();
    state
        .write(&caller, move |snap, _| {
            own_project(snap, &who, &project_id)?;
            snap.speed = body.speed;
            Ok(Json(SpeedBody {
                speed: snap.speed,
                effective: Some(snap.speed.unwrap_or(default)),
            }))
        })
        .await
}

/// Body of `POST /_mock/{project_id}/faults`: each given part is added to the account's faults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultsRequest {
    /// The next create fails at this step (1–4) with this code (`APIC.9206|9218|9219`).
    pub create_failure: Option<InjectedFailure>,
    /// One error for the next call of a route.
    pub next_error: Option<RouteError>,
    /// Several such errors.
    pub next_errors: Vec<RouteError>,
    /// Latency added to every API call (0 turns it off).
    pub latency_ms: Option<u64>,
}

async fn checked(state: &AppState, caller: &Caller, project_id: String) -> Result<(), AppError> {
    let who = caller.clone();
    state
        .read(caller, move |snap, _| own_project(snap, &who, &project_id))
        .await
}

async fn get_faults(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<Faults>, AppError> {
    checked(&state, &caller, project_id).await?;
    Ok(Json(state.with_faults(&caller.account_key, |f| f.clone())))
}

/// Adds faults within the caps of [`Faults::add`]; answers the counts, not the lists.
async fn add_faults(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(body): ApiJson<FaultsRequest>,
) -> Result<Json<FaultCounts>, AppError> {
    checked(&state, &caller, project_id).await?;
    if let Some(failure) = body.create_failure
        && !failure.code.is_creation_failure()
    {
        let codes: Vec<&str> = ErrorCode::CREATION_FAILURES
            .iter()
            .map(|c| c.as_str())
            .collect();
        let mut refusal = apig_core::api::ErrorBody::invalid_parameter("create_failure");
        refusal.error_msg = format!(
            "{}: a creation can only fail with {}",
            refusal.error_msg,
            codes.join(", ")
        );
        return Err(AppError::api(400, refusal));
    }
    let errors: Vec<RouteError> = body
        .next_error
        .into_iter()
        .chain(body.next_errors)
        .collect();
    state
        .with_faults(&caller.account_key, |f| {
            f.add(body.create_failure, errors, body.latency_ms)
                .map(|()| f.counts())
        })
        .map(Json)
        .map_err(|refusal| {
            let mut error = apig_core::api::ErrorBody::invalid_parameter(refusal.field);
            error.error_msg = format!("{}: {} {}", error.error_msg, refusal.field, refusal.message);
            AppError::api(400, error)
        })
}

async fn clear_faults(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    checked(&state, &caller, project_id).await?;
    state.with_faults(&caller.account_key, |f| *f = Faults::default());
    Ok(StatusCode::NO_CONTENT)
}
