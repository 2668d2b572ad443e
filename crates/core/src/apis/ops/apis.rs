//! APIs: create, update, delete, and the rules of a definition.

use crate::code::ErrorCode;
use crate::features::feature_states;
use crate::gateway::Gateway;

use super::super::model::{
    Api, ApiDefinition, AuthType, Backend, BackendValue, ParamLocation, ReqParam,
};
use super::super::names::ResourceId;
use super::super::refusal::{Invalid, Missing, Refusal};
use super::super::uri::Segment;
use super::super::{Catalogue, Quotas};
use super::{fresh_id, quota};

/// The largest backend timeout of the gateway, in ms: its `backend_timeout` feature's
/// `max_timeout` (60 000 by default).
pub fn max_backend_timeout_ms(gateway: &Gateway) -> u32 {
    feature_states(gateway)
        .into_iter()
        .find(|f| f.spec.name == "backend_timeout")
        .and_then(|f| {
            let value: serde_json::Value = serde_json::from_str(&f.config).ok()?;
            u32::try_from(value.get("max_timeout")?.as_u64()?).ok()
        })
        .unwrap_or(60_000)
}

/// The shape of a path for "the same API": literal segments, each parameter as a hole.
pub(crate) fn route_shape(segments: &[Segment]) -> Vec<&str> {
    segments
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.as_str(),
            Segment::Param(_) => "{}",
            Segment::Greedy(_) => "{+}",
        })
        .collect()
}

/// Whether two definitions answer the same calls: same group, method, path (parameter names
/// aside) and match mode (`APIG.3301`).
pub(crate) fn same_route(a: &ApiDefinition, b: &ApiDefinition) -> bool {
    a.group_id == b.group_id
        && a.req_method == b.req_method
        && a.match_mode == b.match_mode
        && route_shape(a.req_uri.segments()) == route_shape(b.req_uri.segments())
}

fn check_params(definition: &ApiDefinition, max: usize) -> Result<(), Refusal> {
    for (list, len) in [
        ("req_params", definition.req_params.len()),
        ("backend_params", definition.backend_params.len()),
    ] {
        if len > max {
            return Err(quota(
                ErrorCode::ParameterQuota,
                list,
                &format!("{list} per API"),
                max,
                &format!("Remove {} of the {len}.", len - max),
            ));
        }
    }
    for (i, p) in definition.req_params.iter().enumerate() {
        let twice = definition.req_params[..i]
            .iter()
            .any(|q: &ReqParam| q.location == p.location && q.name == p.name);
        if twice {
            return Err(Refusal::invalid_because(
                format!("req_params[{i}].name"),
                &format!(
                    "The {} parameter {} is defined twice; keep one.",
                    p.location, p.name
                ),
            ));
        }
        if p.location == ParamLocation::Path {
            if !p.required {
                return Err(Refusal::invalid_because(
                    format!("req_params[{i}].required"),
                    &format!("The PATH parameter {} must be required (1).", p.name),
                ));
            }
            if !definition.req_uri.params().any(|n| *n == p.name) {
                return Err(Refusal::invalid_because(
                    format!("req_params[{i}].name"),
                    &format!(
                        "The PATH parameter {} does not appear in req_uri {}; add {{{}}} to the path or make it a QUERY or HEADER parameter.",
                        p.name, definition.req_uri, p.name
                    ),
                ));
            }
        }
    }
    if let Some(name) = definition.req_uri.params().find(|n| {
        !definition
            .req_params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.name == **n)
    }) {
        return Err(Refusal::new(
            ErrorCode::PathParameterUndefined,
            "req_uri",
            format!(
                "The request path parameters are not defined: req_uri {} uses {{{name}}}, but req_params has no PATH parameter {name}. Add it.",
                definition.req_uri
            ),
        ));
    }
    for (i, p) in definition.backend_params.iter().enumerate() {
        let twice = definition.backend_params[..i]
            .iter()
            .any(|q| q.location == p.location && q.name == p.name);
        if twice {
            return Err(Refusal::invalid_because(
                format!("backend_params[{i}].name"),
                &format!(
                    "The {} backend parameter {} is defined twice; keep one.",
                    p.location, p.name
                ),
            ));
        }
        if let BackendValue::Request(from) = &p.value
            && !definition.req_params.iter().any(|r| r.name == *from)
        {
            return Err(Refusal::new(
                ErrorCode::MappedParameterUndefined,
                format!("backend_params[{i}].value"),
                format!(
                    "The mapped request parameter is not defined: backend parameter {} takes request parameter {from}, which req_params does not have. Add it or map another one.",
                    p.name
                ),
            ));
        }
    }
    Ok(())
}

fn check_backend(definition: &ApiDefinition, max_timeout_ms: u32) -> Result<(), Refusal> {
    match &definition.backend {
        Backend::Http(http) => {
            if !(1..=max_timeout_ms).contains(&http.timeout_ms) {
                return Err(Refusal::invalid(
                    "backend_api.timeout",
                    &Invalid::Range {
                        min: 1,
                        max: i64::from(max_timeout_ms),
                        actual: i64::from(http.timeout_ms),
                    },
                ));
            }
            if !(-1..=10).contains(&http.retry_count) {
                return Err(Refusal::invalid(
                    "backend_api.retry_count",
                    &Invalid::Range {
                        min: -1,
                        max: 10,
                        actual: i64::from(http.retry_count),
                    },
                ));
            }
            if let Some(name) = http.req_uri.params().find(|n| {
                !definition
                    .backend_params
                    .iter()
                    .any(|p| p.location == ParamLocation::Path && p.name == **n)
            }) {
                return Err(Refusal::new(
                    ErrorCode::BackendPathParameterUndefined,
                    "backend_api.req_uri",
                    format!(
                        "The backend path parameters are not defined: backend_api.req_uri {} uses {{{name}}}, but backend_params has no PATH parameter {name}. Add one.",
                        http.req_uri
                    ),
                ));
            }
        }
        Backend::Mock(mock) => {
            if !(200..=599).contains(&mock.status_code) {
                return Err(Refusal::invalid(
                    "mock_info.status_code",
                    &Invalid::Range {
                        min: 200,
                        max: 599,
                        actual: i64::from(mock.status_code),
                    },
                ));
            }
        }
    }
    if definition.app_code_header && definition.auth_type != AuthType::App {
        return Err(Refusal::invalid_because(
            "auth_opt.app_code_auth_type",
            "HEADER (simple authentication) needs auth_type APP; use DISABLE or set auth_type to APP.",
        ));
    }
    Ok(())
}

/// Every rule of `definition` in the gateway, for API `except` (an update) or a new API.
fn check_definition(
    gateway: &Gateway,
    definition: &ApiDefinition,
    except: Option<&str>,
) -> Result<(), Refusal> {
    let catalogue: &Catalogue = &gateway.apis;
    let quotas = Quotas::for_edition(gateway.edition);
    let group_id = definition.group_id.as_str();
    if catalogue.group(group_id).is_none() {
        return Err(Missing::Group.refusal("group_id", group_id));
    }
    let others = || {
        catalogue
            .apis
            .iter()
            .filter(move |a| Some(a.id.as_str()) != except)
    };
    let moving = except
        .and_then(|id| catalogue.api(id))
        .is_none_or(|a| a.definition.group_id != definition.group_id);
    if except.is_none() && catalogue.apis.len() >= quotas.apis {
        return Err(quota(
            ErrorCode::ApiQuota,
            "group_id",
            &format!("APIs per gateway of edition {}", gateway.edition),
            quotas.apis,
            "Delete an API you no longer need, or change to a larger edition.",
        ));
    }
    if moving
        && others()
            .filter(|a| a.definition.group_id.as_str() == group_id)
            .count()
            >= quotas.apis_per_group
    {
        return Err(quota(
            ErrorCode::ApisPerGroupQuota,
            "group_id",
            "APIs per group",
            quotas.apis_per_group,
            "Put the API in another group.",
        ));
    }
    if let Some(other) = others().find(|a| {
        a.definition.group_id == definition.group_id && a.definition.name == definition.name
    }) {
        return Err(Refusal::new(
            ErrorCode::ApiNameExists,
            "name",
            format!(
                "The API name already exists: API {} of this group is named {}. Choose another name.",
                other.id, definition.name
            ),
        ));
    }
    if let Some(other) = others().find(|a| same_route(&a.definition, definition)) {
        return Err(Refusal::new(
            ErrorCode::ApiExists,
            "req_uri",
            format!(
                "The API already exists: {} answers {} {} ({}) in this group. Change the method, the path or the match mode.",
                other.definition.name,
                definition.req_method,
                other.definition.req_uri,
                definition.match_mode
            ),
        ));
    }
    let tags = definition.docs.tags.len();
    if tags > quotas.tags_per_api {
        return Err(quota(
            ErrorCode::ApiTagQuota,
            "tags",
            "tags per API",
            quotas.tags_per_api,
            &format!("Remove {} of the {tags}.", tags - quotas.tags_per_api),
        ));
    }
    check_params(definition, quotas.params)?;
    check_backend(definition, max_backend_timeout_ms(gateway))
}

/// Creates API `id` from `definition` at `now_ms`. `APIG.3001` (group), `APIG.3102` /
/// `APIG.3125` (quotas), `APIG.3202` (name in the group), `APIG.3301` (same group, method,
/// path and match mode), `APIG.3111` (parameters), `APIG.2026` / `APIG.2027` / `APIG.2028`
/// (undefined path or mapped parameters), `APIG.2011` (timeout, retries, mock status, simple
/// authentication).
pub fn create_api(
    gateway: &mut Gateway,
    definition: ApiDefinition,
    id: ResourceId,
    now_ms: u64,
) -> Result<&Api, Refusal> {
    check_definition(gateway, &definition, None)?;
    fresh_id(gateway.apis.apis.iter().map(|a| &a.id), &id)?;
    gateway.apis.apis.push(Api {
        id,
        definition,
        register_time_ms: now_ms,
        update_time_ms: now_ms,
    });
    Ok(gateway.apis.apis.last().expect("just pushed"))
}

/// Replaces the definition of API `api_id` (publications keep theirs until the API is
/// published again). `APIG.3002` and the rules of [`create_api`].
pub fn update_api<'a>(
    gateway: &'a mut Gateway,
    api_id: &str,
    definition: ApiDefinition,
    now_ms: u64,
) -> Result<&'a Api, Refusal> {
    if gateway.apis.api(api_id).is_none() {
        return Err(Missing::Api.refusal("api_id", api_id));
    }
    check_definition(gateway, &definition, Some(api_id))?;
    let api = gateway
        .apis
        .apis
        .iter_mut()
        .find(|a| a.id.as_str() == api_id)
        .expect("checked");
    api.definition = definition;
    api.update_time_ms = now_ms;
    Ok(api)
}

/// Deletes API `api_id` with its publication records and authorizations (a published API
/// goes offline everywhere). `APIG.3002`.
pub fn delete_api(gateway: &mut Gateway, api_id: &str) -> Result<Api, Refusal> {
    let at = gateway
        .apis
        .apis
        .iter()
        .position(|a| a.id.as_str() == api_id)
        .ok_or_else(|| Missing::Api.refusal("api_id", api_id))?;
    let catalogue = &mut gateway.apis;
    catalogue
        .publications
        .retain(|p| p.api_id.as_str() != api_id);
    catalogue
        .authorizations
        .retain(|a| a.api_id.as_str() != api_id);
    Ok(catalogue.apis.remove(at))
}
