//! Publication: one API online / offline (`/apis/action`), a batch (`/apis/publish?action=`),
//! the versions of an API and switching to one.

use apig_core::api::management::{
    ApiAction, ApiActionRequest, ApiVersionList, ApiVersionRequest, BatchFailure,
    BatchPublishRequest, BatchPublishResponse, PublishResp, api_version, online_action,
    publish_resp, resource_ids,
};
use apig_core::apis::{self, BatchAction, Missing, PublishIds, Refusal, Remark};
use apig_core::authority::Operation;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};

use super::{Body, at, gateway, gateway_mut, new_id, page, page_query, refused};
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::state::{AppState, Caller};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/apis/action"), post(action))
        .route(&at("/apis/publish"), post(batch))
        .route(&at("/apis/publish/{api_id}"), get(versions).put(switch))
}

fn remark_of(value: Option<&str>) -> Result<Remark, AppError> {
    Remark::parse(value.unwrap_or_default())
        .map_err(|why| refused(&Refusal::invalid("remark", &why)))
}

async fn action(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<ApiActionRequest>,
) -> Result<(StatusCode, Json<PublishResp>), AppError> {
    let action = ApiAction::parse(&body).map_err(|r| refused(&r))?;
    let operation = if action.online {
        Operation::PublishApi
    } else {
        Operation::OfflineApi
    };
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, operation)?;
            let ids = || PublishIds {
                publish_id: new_id(),
                version_id: new_id(),
            };
            action.apply(gw, ids, now).map_err(|r| refused(&r))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn batch(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
    Body(body): Body<BatchPublishRequest>,
) -> Result<Json<BatchPublishResponse>, AppError> {
    let query = page_query(raw.as_deref())?;
    let online =
        online_action(query.filter("action").unwrap_or_default()).map_err(|r| refused(&r))?;
    let remark = remark_of(body.remark.as_deref())?;
    let listed = resource_ids("apis", &body.apis).map_err(|r| refused(&r))?;
    let (operation, action) = if online {
        (Operation::PublishApi, BatchAction::Online)
    } else {
        (Operation::OfflineApi, BatchAction::Offline)
    };
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, operation)?;
            let api_ids = match (&body.group_id, listed.is_empty()) {
                (Some(group_id), true) => {
                    if gw.apis.group(group_id).is_none() {
                        return Err(refused(&Missing::Group.refusal("group_id", group_id)));
                    }
                    gw.apis
                        .apis_of_group(group_id)
                        .map(|a| a.id.clone())
                        .collect()
                }
                _ => listed,
            };
            let mut ids = || PublishIds {
                publish_id: new_id(),
                version_id: new_id(),
            };
            let outcome =
                apis::publish_batch(gw, action, &api_ids, &body.env_id, &remark, &mut ids, now)
                    .map_err(|r| refused(&r))?;
            let name = |api_id: &str| {
                gw.apis
                    .api(api_id)
                    .map(|a| a.definition.name.as_str().to_owned())
                    .unwrap_or_default()
            };
            Ok(BatchPublishResponse {
                success: outcome
                    .success
                    .iter()
                    .map(|p| publish_resp(p, &name(p.api_id.as_str())))
                    .collect(),
                failure: outcome
                    .failure
                    .into_iter()
                    .map(|(api_id, refusal)| BatchFailure {
                        api_name: name(api_id.as_str()),
                        api_id: api_id.as_str().to_owned(),
                        error_code: refusal.code.as_str().to_owned(),
                        error_msg: refusal.message,
                    })
                    .collect(),
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn versions(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiPath<(String, String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ApiVersionList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ListApiVersions)?;
            let catalogue = &gw.apis;
            if catalogue.api(&api_id).is_none() {
                return Err(refused(&Missing::Api.refusal("api_id", &api_id)));
            }
            let env_id = query.filter("env_id").filter(|e| !e.is_empty());
            let env_name = query.filter("env_name").filter(|e| !e.is_empty());
            let all: Vec<_> = catalogue
                .versions(&api_id, env_id)
                .filter_map(|p| {
                    let env = catalogue.environment(p.env_id.as_str())?;
                    env_name
                        .is_none_or(|n| env.name.as_str() == n)
                        .then(|| api_version(p, env.name.as_str()))
                })
                .collect();
            let (size, total, api_versions) = page(all, &query);
            Ok(ApiVersionList {
                size,
                total,
                api_versions,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn switch(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, api_id)): ApiPath<(String, String, String)>,
    Body(body): Body<ApiVersionRequest>,
) -> Result<Json<PublishResp>, AppError> {
    let answer = state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::ChangeApiVersion)?;
            let record = apis::change_version(gw, &api_id, &body.version_id)
                .map_err(|r| refused(&r))?
                .clone();
            let name = gw
                .apis
                .api(&api_id)
                .map(|a| a.definition.name.as_str().to_owned())
                .unwrap_or_default();
            Ok(publish_resp(&record, &name))
        })
        .await?;
    Ok(Json(answer))
}
