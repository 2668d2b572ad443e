//! API groups: create, list, show, update, delete, the debugging domain's switch, independent
//! domains, and the (empty) environment variables Terraform reads with a group.

use apig_core::api::management::{
    self, DomainRequest, DomainResponse, GroupInfo, GroupList, GroupRequest, SlDomainAccessSetting,
    domain_response, group_info, group_input,
};
use apig_core::apis::{self, DomainName, Invalid, Missing, Refusal};
use apig_core::authority::Operation;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, put};
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use super::{Body, at, filter_matches, gateway, gateway_mut, new_id, page, page_query, refused};
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::state::{AppState, Caller};

type GroupPath = ApiPath<(String, String, String)>;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/api-groups"), get(list).post(create))
        .route(
            &at("/api-groups/{group_id}"),
            get(show).put(update).delete(remove),
        )
        .route(
            &at("/api-groups/{group_id}/sl-domain-access-settings"),
            put(debug_domain),
        )
        .route(
            &at("/api-groups/{group_id}/domains"),
            axum::routing::post(bind),
        )
        .route(
            &at("/api-groups/{group_id}/domains/{domain_id}"),
            delete(unbind),
        )
        .route(&at("/env-variables"), get(variables))
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<GroupRequest>,
) -> Result<(StatusCode, Json<GroupInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::CreateApiGroup)?;
            management::create_group(gw, &body, new_id(), now).map_err(|r| refused(&r))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<GroupList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ListApiGroups)?;
            let all: Vec<GroupInfo> = gw
                .apis
                .groups
                .iter()
                .filter(|g| {
                    filter_matches(&query, "id", g.id.as_str())
                        && filter_matches(&query, "name", g.name.as_str())
                })
                .map(group_info)
                .collect();
            let (size, total, groups) = page(all, &query);
            Ok(GroupList {
                size,
                total,
                groups,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn show(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id)): GroupPath,
) -> Result<Json<GroupInfo>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ShowApiGroup)?;
            gw.apis
                .group(&group_id)
                .map(group_info)
                .ok_or_else(|| refused(&Missing::Group.refusal("group_id", &group_id)))
        })
        .await?;
    Ok(Json(answer))
}

async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id)): GroupPath,
    Body(body): Body<GroupRequest>,
) -> Result<Json<GroupInfo>, AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::UpdateApiGroup)?;
            let input = group_input(&body).map_err(|r| refused(&r))?;
            let group = apis::update_group(gw, &group_id, input, now).map_err(|r| refused(&r))?;
            Ok(group_info(group))
        })
        .await?;
    Ok(Json(answer))
}

async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id)): GroupPath,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::DeleteApiGroup)?;
            apis::delete_group(gw, &group_id).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn debug_domain(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id)): GroupPath,
    Body(body): Body<SlDomainAccessSetting>,
) -> Result<StatusCode, AppError> {
    let enabled = body.sl_domain_access_enabled.ok_or_else(|| {
        refused(&Refusal::invalid(
            "sl_domain_access_enabled",
            &Invalid::Missing,
        ))
    })?;
    state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(
                snap,
                &project_id,
                &instance_id,
                Operation::SetDebugDomainAccess,
            )?;
            apis::set_debug_domain_access(gw, &group_id, enabled, now).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn bind(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id)): GroupPath,
    Body(body): Body<DomainRequest>,
) -> Result<(StatusCode, Json<DomainResponse>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::BindDomain)?;
            let domain = DomainName::parse(&body.url_domain)
                .map_err(|why| refused(&Refusal::invalid("url_domain", &why)))?;
            let bound =
                apis::bind_domain(gw, &group_id, domain, new_id(), now).map_err(|r| refused(&r))?;
            Ok(domain_response(bound))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn unbind(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, group_id, domain_id)): ApiPath<(
        String,
        String,
        String,
        String,
    )>,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::UnbindDomain)?;
            apis::unbind_domain(gw, &group_id, &domain_id, now).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET …/env-variables?group_id=`: environment variables are not emulated, so a group has
/// none; the group must exist (Terraform reads this with every group).
async fn variables(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let query = page_query(raw.as_deref())?;
    state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ShowApiGroup)?;
            let group_id = query.filter("group_id").unwrap_or_default();
            if gw.apis.group(group_id).is_none() {
                return Err(refused(&Missing::Group.refusal("group_id", group_id)));
            }
            Ok(())
        })
        .await?;
    Ok(Json(json!({"size": 0, "total": 0, "variables": []})))
}
