//! Environments: create, list (RELEASE first), update, delete. There is no show.

use apig_core::api::management::{EnvInfo, EnvList, EnvRequest, env_info, env_input};
use apig_core::apis;
use apig_core::authority::Operation;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Extension, Json, Router};

use super::{Body, at, filter_matches, gateway, gateway_mut, new_id, page, page_query, refused};
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::state::{AppState, Caller};

type EnvPath = ApiPath<(String, String, String)>;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/envs"), get(list).post(create))
        .route(&at("/envs/{env_id}"), put(update).delete(remove))
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<EnvRequest>,
) -> Result<(StatusCode, Json<EnvInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(
                snap,
                &project_id,
                &instance_id,
                Operation::CreateEnvironment,
            )?;
            let input = env_input(&body).map_err(|r| refused(&r))?;
            let created = gw.created_at_ms;
            let env =
                apis::create_environment(gw, input, new_id(), now).map_err(|r| refused(&r))?;
            Ok(env_info(env, created))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<EnvList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ListEnvironments)?;
            let all: Vec<EnvInfo> = gw
                .apis
                .environments()
                .filter(|e| filter_matches(&query, "name", e.name.as_str()))
                .map(|e| env_info(e, gw.created_at_ms))
                .collect();
            let (size, total, envs) = page(all, &query);
            Ok(EnvList { size, total, envs })
        })
        .await?;
    Ok(Json(answer))
}

async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, env_id)): EnvPath,
    Body(body): Body<EnvRequest>,
) -> Result<Json<EnvInfo>, AppError> {
    let answer = state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(
                snap,
                &project_id,
                &instance_id,
                Operation::UpdateEnvironment,
            )?;
            let input = env_input(&body).map_err(|r| refused(&r))?;
            let created = gw.created_at_ms;
            let env = apis::update_environment(gw, &env_id, input).map_err(|r| refused(&r))?;
            Ok(env_info(env, created))
        })
        .await?;
    Ok(Json(answer))
}

async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, env_id)): EnvPath,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(
                snap,
                &project_id,
                &instance_id,
                Operation::DeleteEnvironment,
            )?;
            apis::delete_environment(gw, &env_id).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
