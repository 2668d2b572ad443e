//! API management on a gateway (docs/reference.md, API management): groups with their
//! debugging-domain setting and independent domains, APIs, environments, publication and
//! versions, apps with their secrets, authorizations. Every operation is admitted like the
//! instance operations (project, the core's `authorize`, the gateway — unknown: 404
//! `APIG.3030`) and every rule is the
//! core's (`apig_core::apis`); refusals answer `{"error_code":"APIG.xxxx","error_msg"}`.

mod apis;
mod apps;
mod envs;
mod groups;
mod publish;

use apig_core::api::{PageQuery, decode_json};
use apig_core::apis::Refusal;
use apig_core::authority::Operation;
use apig_core::gateway::Gateway;
use axum::Router;
use axum::extract::{FromRequest, Request};

use super::apig::{region_of, require};
use crate::auth::read_body;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::Snapshot;

const INSTANCE: &str = "/v2/{project_id}/apigw/instances/{instance_id}";

fn at(tail: &str) -> String {
    format!("{INSTANCE}{tail}")
}

/// The routes of API management.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(groups::router())
        .merge(apis::router())
        .merge(envs::router())
        .merge(publish::router())
        .merge(apps::router())
        .method_not_allowed_fallback(super::no_such_api)
}

/// A fresh ID for a new object (32 hex digits).
fn new_id() -> apig_core::apis::ResourceId {
    apig_core::apis::ResourceId::parse(&crate::ids::random_hex32())
        .expect("32 hex digits are an ID")
}

/// A core refusal as the answer: its code's status, `error_code` and `error_msg`.
pub(crate) fn refused(refusal: &Refusal) -> AppError {
    AppError::code(refusal.code, refusal.message.clone())
}

/// A JSON body of a management call: what does not read is `APIG.2011` naming the field.
#[derive(Debug, Clone)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = read_body(&parts.headers, body).await?;
        decode_json::<T>(&bytes).map(Body).map_err(|error| {
            let field = error.field().unwrap_or("body");
            refused(&Refusal::invalid_because(field, &error.to_string()))
        })
    }
}

/// The query of a paged list; a non-integer offset or limit is `APIG.2011` naming it.
fn page_query(raw: Option<&str>) -> Result<PageQuery, AppError> {
    PageQuery::from_query_string(raw.unwrap_or_default()).map_err(|error| {
        let field = error.field().unwrap_or("query");
        refused(&Refusal::invalid_because(field, &error.to_string()))
    })
}

/// The items of `all` in the query's window, with `size` and `total`.
fn page<T>(all: Vec<T>, query: &PageQuery) -> (u64, u64, Vec<T>) {
    let (offset, limit) = query.window();
    let total = all.len() as u64;
    let items: Vec<T> = all.into_iter().skip(offset).take(limit).collect();
    (items.len() as u64, total, items)
}

/// The index of the gateway of the path, admitted for `operation` in the order of the
/// instance calls (project, permission, gateway); an unknown gateway is 404 `APIG.3030`, the
/// management calls' code.
fn admit(
    snap: &Snapshot,
    project_id: &str,
    instance_id: &str,
    operation: Operation,
) -> Result<usize, AppError> {
    region_of(snap, project_id)?;
    require(snap, operation)?;
    snap.gateways
        .iter()
        .position(|g| g.project_id == project_id && g.id.as_str() == instance_id)
        .ok_or_else(|| refused(&Refusal::gateway_missing(instance_id)))
}

/// The gateway of the path, admitted for `operation`.
fn gateway<'a>(
    snap: &'a Snapshot,
    project_id: &str,
    instance_id: &str,
    operation: Operation,
) -> Result<&'a Gateway, AppError> {
    let index = admit(snap, project_id, instance_id, operation)?;
    Ok(&snap.gateways[index])
}

/// The same, to change.
fn gateway_mut<'a>(
    snap: &'a mut Snapshot,
    project_id: &str,
    instance_id: &str,
    operation: Operation,
) -> Result<&'a mut Gateway, AppError> {
    let index = admit(snap, project_id, instance_id, operation)?;
    Ok(&mut snap.gateways[index])
}

/// Whether a filter of the query, when given, equals `value` (`name` filters match a part of
/// the name unless `precise_search` names the field).
fn filter_matches(query: &PageQuery, key: &str, value: &str) -> bool {
    match query.filter(key) {
        None | Some("") => true,
        Some(wanted)
            if key == "name"
                && !query
                    .filter("precise_search")
                    .is_some_and(|p| p.contains("name")) =>
        {
            value.contains(wanted)
        }
        Some(wanted) => wanted == value,
    }
}
