//! APIs: create, list, show, update, delete.

use apig_core::api::management::{self, ApiInfo, ApiList, ApiRequest, api_answer, api_definition};
use apig_core::apis::{self, Missing};
use apig_core::authority::Operation;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};

use super::{Body, at, filter_matches, gateway, gateway_mut, new_id, page, page_query, refused};
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::state::{AppState, Caller};

type ApiIdPath = ApiPath<(String, String, String)>;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/apis"), get(list).post(create))
        .route(&at("/apis/{api_id}"), get(show).put(update).delete(remove))
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<ApiRequest>,
) -> Result<(StatusCode, Json<ApiInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::CreateApi)?;
            management::create_api(gw, &body, new_id(), now).map_err(|r| refused(&r))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ApiList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let listed = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ListApis)?;
            let catalogue = &gw.apis;
            let all: Vec<ApiInfo> = catalogue
                .apis
                .iter()
                .filter(|a| {
                    let d = &a.definition;
                    filter_matches(&query, "id", a.id.as_str())
                        && filter_matches(&query, "name", d.name.as_str())
                        && filter_matches(&query, "group_id", d.group_id.as_str())
                        && filter_matches(&query, "req_uri", d.req_uri.as_str())
                        && filter_matches(&query, "req_method", d.req_method.as_str())
                        && filter_matches(&query, "auth_type", d.auth_type.as_str())
                        && query
                            .filter("env_id")
                            .is_none_or(|e| catalogue.publication(a.id.as_str(), e).is_some())
                })
                .map(|a| api_answer(catalogue, a))
                .collect();
            let (size, total, apis) = page(all, &query);
            Ok(ApiList { size, total, apis })
        })
        .await?;
    Ok(Json(listed))
}

async fn show(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiIdPath,
) -> Result<Json<ApiInfo>, AppError> {
    let shown = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ShowApi)?;
            gw.apis
                .api(&api_id)
                .map(|api| api_answer(&gw.apis, api))
                .ok_or_else(|| refused(&Missing::Api.refusal("api_id", &api_id)))
        })
        .await?;
    Ok(Json(shown))
}

async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiIdPath,
    Body(body): Body<ApiRequest>,
) -> Result<Json<ApiInfo>, AppError> {
    let updated = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::UpdateApi)?;
            if gw.apis.api(&api_id).is_none() {
                return Err(refused(&Missing::Api.refusal("api_id", &api_id)));
            }
            let definition = api_definition(&body).map_err(|r| refused(&r))?;
            apis::update_api(gw, &api_id, definition, now).map_err(|r| refused(&r))?;
            let api = gw.apis.api(&api_id).expect("just updated");
            Ok(api_answer(&gw.apis, api))
        })
        .await?;
    Ok(Json(updated))
}

async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiIdPath,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::DeleteApi)?;
            apis::delete_api(gw, &api_id).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
