//! Apps (create, list, show, update, delete, secret reset, their — empty — app codes) and
//! authorizations (create, the APIs of an app, the apps of an API, cancel).

use apig_core::api::management::{
    AppInfo, AppList, AppRequest, AppSecretRequest, AuthContext, AuthInfo, AuthList, AuthRelation,
    AuthRequest, AuthResponse, app_credentials, app_info, app_input, app_secret, auth_failure,
    auth_info, auth_success, resource_ids,
};
use apig_core::apis::{self, Authorization, Catalogue, Missing};
use apig_core::authority::Operation;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use super::{Body, at, filter_matches, gateway, gateway_mut, new_id, page, page_query, refused};
use crate::error::AppError;
use crate::extract::ApiPath;
use crate::ids;
use crate::state::{AppState, Caller};

type AppPath = ApiPath<(String, String, String)>;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/apps"), get(list).post(create))
        .route(&at("/apps/{app_id}"), get(show).put(update).delete(remove))
        .route(&at("/apps/secret/{app_id}"), put(reset_secret))
        .route(&at("/apps/{app_id}/app-codes"), get(app_codes))
        .route(&at("/app-auths"), post(authorize))
        .route(&at("/app-auths/binded-apis"), get(apis_of_app))
        .route(&at("/app-auths/binded-apps"), get(apps_of_api))
        .route(&at("/app-auths/{app_auth_id}"), delete(cancel))
}

fn missing_app(app_id: &str) -> AppError {
    refused(&Missing::App.refusal("app_id", app_id))
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<AppRequest>,
) -> Result<(StatusCode, Json<AppInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::CreateApp)?;
            let input = app_input(&body).map_err(|r| refused(&r))?;
            let credentials = app_credentials(&body, &ids::random_hex32(), &ids::random_hex32())
                .map_err(|r| refused(&r))?;
            let app =
                apis::create_app(gw, input, credentials, new_id(), now).map_err(|r| refused(&r))?;
            Ok(app_info(app, None))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<AppList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ListApps)?;
            let catalogue = &gw.apis;
            let all: Vec<AppInfo> = catalogue
                .apps
                .iter()
                .filter(|a| {
                    filter_matches(&query, "id", a.id.as_str())
                        && filter_matches(&query, "name", a.name.as_str())
                        && filter_matches(&query, "app_key", a.app_key.as_str())
                })
                .map(|a| {
                    let bound = catalogue
                        .authorizations
                        .iter()
                        .filter(|x| x.app_id == a.id)
                        .count();
                    app_info(a, Some(bound as u64))
                })
                .collect();
            let (size, total, apps) = page(all, &query);
            Ok(AppList { size, total, apps })
        })
        .await?;
    Ok(Json(answer))
}

async fn show(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, app_id)): AppPath,
) -> Result<Json<AppInfo>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ShowApp)?;
            gw.apis
                .app(&app_id)
                .map(|a| app_info(a, None))
                .ok_or_else(|| missing_app(&app_id))
        })
        .await?;
    Ok(Json(answer))
}

async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, app_id)): AppPath,
    Body(body): Body<AppRequest>,
) -> Result<Json<AppInfo>, AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::UpdateApp)?;
            if gw.apis.app(&app_id).is_none() {
                return Err(missing_app(&app_id));
            }
            let input = app_input(&body).map_err(|r| refused(&r))?;
            let app = apis::update_app(gw, &app_id, input, now).map_err(|r| refused(&r))?;
            Ok(app_info(app, None))
        })
        .await?;
    Ok(Json(answer))
}

async fn remove(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, app_id)): AppPath,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::DeleteApp)?;
            apis::delete_app(gw, &app_id).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn reset_secret(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, app_id)): AppPath,
    Body(body): Body<AppSecretRequest>,
) -> Result<Json<AppInfo>, AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::ResetAppSecret)?;
            if gw.apis.app(&app_id).is_none() {
                return Err(missing_app(&app_id));
            }
            let secret = app_secret(body.app_secret.as_deref(), &ids::random_hex32())
                .map_err(|r| refused(&r))?;
            let app = apis::reset_app_secret(gw, &app_id, secret, now).map_err(|r| refused(&r))?;
            Ok(app_info(app, None))
        })
        .await?;
    Ok(Json(answer))
}

/// `GET …/apps/{app_id}/app-codes`: app codes are not emulated, so an app has none; the app
/// must exist (Terraform reads this with every application).
async fn app_codes(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, app_id)): AppPath,
) -> Result<Json<Value>, AppError> {
    state
        .read(&caller, move |snap, _| {
            let gw = gateway(snap, &project_id, &instance_id, Operation::ShowApp)?;
            gw.apis
                .app(&app_id)
                .map(|_| ())
                .ok_or_else(|| missing_app(&app_id))
        })
        .await?;
    Ok(Json(json!({"size": 0, "total": 0, "app_codes": []})))
}

async fn authorize(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    Body(body): Body<AuthRequest>,
) -> Result<(StatusCode, Json<AuthResponse>), AppError> {
    let apps = resource_ids("app_ids", &body.app_ids).map_err(|r| refused(&r))?;
    let targets = resource_ids("api_ids", &body.api_ids).map_err(|r| refused(&r))?;
    let answer = state
        .write(&caller, move |snap, now| {
            let gw = gateway_mut(snap, &project_id, &instance_id, Operation::AuthorizeApps)?;
            let outcomes =
                apis::authorize_apps(gw, &body.env_id, &apps, &targets, &mut new_id, now)
                    .map_err(|r| refused(&r))?;
            let catalogue = &gw.apis;
            let names = |api_id: &str, app_id: &str| {
                (
                    catalogue
                        .api(api_id)
                        .map(|a| a.definition.name.as_str().to_owned())
                        .unwrap_or_default(),
                    catalogue
                        .app(app_id)
                        .map(|a| a.name.as_str().to_owned())
                        .unwrap_or_default(),
                )
            };
            let auths: Vec<AuthRelation> = outcomes
                .iter()
                .map(|o| {
                    let pair = names(o.api_id.as_str(), o.app_id.as_str());
                    match &o.result {
                        Ok(auth) => auth_success(auth, (&pair.0, &pair.1)),
                        Err(refusal) => auth_failure(
                            (o.api_id.as_str(), o.app_id.as_str()),
                            (&pair.0, &pair.1),
                            refusal.code.as_str(),
                            &refusal.message,
                        ),
                    }
                })
                .collect();
            Ok(AuthResponse { auths })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// An authorization as listed, when its API, app and environment are still there.
fn listed(catalogue: &Catalogue, auth: &Authorization) -> Option<AuthInfo> {
    let api = catalogue.api(auth.api_id.as_str())?;
    let ctx = AuthContext {
        api,
        group_name: catalogue
            .group(api.definition.group_id.as_str())
            .map_or("", |g| g.name.as_str()),
        env: catalogue.environment(auth.env_id.as_str())?,
        app: catalogue.app(auth.app_id.as_str())?,
        publish_id: catalogue
            .publication(auth.api_id.as_str(), auth.env_id.as_str())
            .map(|p| p.publish_id.as_str()),
    };
    Some(auth_info(auth, &ctx))
}

/// The authorizations that pass the query's filters, paged.
async fn auths(
    state: AppState,
    caller: Caller,
    (project_id, instance_id): (String, String),
    raw: Option<String>,
    required: &'static str,
) -> Result<Json<AuthList>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let gw = gateway(
                snap,
                &project_id,
                &instance_id,
                Operation::ListAuthorizations,
            )?;
            let catalogue = &gw.apis;
            let key = query.filter(required).unwrap_or_default();
            let exists = match required {
                "app_id" => catalogue.app(key).is_some(),
                _ => catalogue.api(key).is_some(),
            };
            if !exists {
                let missing = if required == "app_id" {
                    Missing::App
                } else {
                    Missing::Api
                };
                return Err(refused(&missing.refusal(required, key)));
            }
            let all: Vec<AuthInfo> = catalogue
                .authorizations
                .iter()
                .filter_map(|a| listed(catalogue, a))
                .filter(|a| {
                    filter_matches(&query, "app_id", &a.app_id)
                        && filter_matches(&query, "api_id", &a.api_id)
                        && filter_matches(&query, "env_id", &a.env_id)
                        && filter_matches(&query, "group_id", &a.group_id)
                        && filter_matches(&query, "api_name", &a.api_name)
                        && filter_matches(&query, "app_name", &a.app_name)
                })
                .collect();
            let (size, total, auths) = page(all, &query);
            Ok(AuthList { size, total, auths })
        })
        .await?;
    Ok(Json(answer))
}

async fn apis_of_app(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<AuthList>, AppError> {
    auths(state, caller, path, raw, "app_id").await
}

async fn apps_of_api(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<AuthList>, AppError> {
    auths(state, caller, path, raw, "api_id").await
}

async fn cancel(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, auth_id)): AppPath,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, _| {
            let gw = gateway_mut(
                snap,
                &project_id,
                &instance_id,
                Operation::CancelAuthorization,
            )?;
            apis::cancel_authorization(gw, &auth_id).map_err(|r| refused(&r))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
