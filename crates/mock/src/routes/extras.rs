//! The instance endpoints beyond the purchase lifecycle (docs/reference.md, Endpoints): tags
//! (one gateway's, the project's, and the by-tag listing and count), custom inbound ports,
//! features, the network restriction and the edition change; and the answers for the
//! operations the sandbox does not emulate (extra load balancers, enterprise-project
//! migration). Every rule comes from the core (`tags`, `ingress_ports`, `features`, `resize`,
//! `restriction`), which the console calls too.

use apig_core::api::{
    CountByTagsResponse, FeatureInfo, FeatureToggleRequest, FeaturesResponse, IngressPortInfo,
    IngressPortRequest, IngressPortsResponse, InstanceFeaturesResponse, InstanceTagsResponse,
    JobResponse, PageQuery, PortDomainsResponse, ProjectTagsResponse, ResizeRequest,
    ResourcesByTagsResponse, RestrictionResponse, TagActionRequest, TagQueryRequest,
};
use apig_core::authority::Operation;
use apig_core::convert::{
    feature_info, ingress_port_info, instance_tags, project_tags, restriction_response,
    tag_resource,
};
use apig_core::features::{INSTANCE_CAPABILITIES, feature_states, set_feature};
use apig_core::ingress_ports;
use apig_core::resize::resize;
use apig_core::tags::{TagAction, TagFilter, apply_action};
use apig_core::validate::DraftTag;
use apig_core::values::ErrorCode;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Extension, Json, Router};

use super::apig::{admit, region_of, require};
use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::state::{AppState, Caller};

const INSTANCE: &str = "/v2/{project_id}/apigw/instances/{instance_id}";

fn at(tail: &str) -> String {
    format!("{INSTANCE}{tail}")
}

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(&at("/instance-tags"), get(list_tags))
        .route(&at("/instance-tags/action"), post(tag_action))
        .route(
            "/v2/{project_id}/apigw/instance-tags",
            get(list_project_tags),
        )
        .route(
            "/v2/{project_id}/apigw/resource-instances/filter",
            post(list_by_tags),
        )
        .route(
            "/v2/{project_id}/apigw/resource-instances/count",
            post(count_by_tags),
        )
        .route(&at("/custom-ingress-ports"), get(list_ports).post(add_port))
        .route(
            &at("/custom-ingress-ports/{ingress_port_id}"),
            delete(remove_port),
        )
        .route(
            &at("/custom-ingress-ports/{ingress_port_id}/domains"),
            get(list_port_domains),
        )
        .route(&at("/features"), get(list_features).post(set_feature_route))
        .route(&at("/instance-features"), get(list_instance_features))
        .route(&at("/restriction"), get(show_restriction))
        .route(&at("/postpaid-resize"), post(postpaid_resize))
        .route(
            &at("/extra-elbs"),
            get(extra_elbs).post(extra_elbs).delete(extra_elbs),
        )
        .route(
            "/v1.0/enterprise-projects/{enterprise_project_id}/resources-migrate",
            post(enterprise_projects),
        )
        .route(
            "/v1.0/enterprise-projects/{enterprise_project_id}/resources/filter",
            post(enterprise_projects),
        )
        .method_not_allowed_fallback(super::no_such_api)
}

fn page_query(raw: Option<&str>) -> Result<PageQuery, AppError> {
    PageQuery::from_query_string(raw.unwrap_or_default()).map_err(|e| AppError::decode(&e))
}

/// The items of `all` in the query's window, with `size` and `total`.
fn page<T>(all: Vec<T>, query: &PageQuery) -> (u64, u64, Vec<T>) {
    let (offset, limit) = query.window();
    let total = all.len() as u64;
    let items: Vec<T> = all.into_iter().skip(offset).take(limit).collect();
    (items.len() as u64, total, items)
}

async fn list_tags(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<Json<InstanceTagsResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            let index = admit(snap, &project_id, &instance_id, Operation::ListTags)?;
            Ok(instance_tags(&snap.gateways[index]))
        })
        .await?;
    Ok(Json(answer))
}

async fn tag_action(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<TagActionRequest>,
) -> Result<StatusCode, AppError> {
    let action = TagAction::parse(&body.action).map_err(|p| AppError::problem(&p))?;
    let operation = match action {
        TagAction::Create => Operation::CreateTags,
        TagAction::Delete => Operation::DeleteTags,
    };
    let tags: Vec<DraftTag> = body.tags.iter().map(DraftTag::from).collect();
    state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, operation)?;
            apply_action(&mut snap.gateways[index], action, &tags, now)
                .map_err(|p| AppError::problems(&p))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_project_tags(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<ProjectTagsResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            region_of(snap, &project_id)?;
            require(snap, Operation::ListProjectTags)?;
            Ok(project_tags(
                snap.gateways.iter().filter(|g| g.project_id == project_id),
            ))
        })
        .await?;
    Ok(Json(answer))
}

/// The project's gateways that pass the query's filter, oldest first.
async fn by_tags(
    state: &AppState,
    caller: &Caller,
    project_id: String,
    body: TagQueryRequest,
    operation: Operation,
) -> Result<Vec<apig_core::api::TagResource>, AppError> {
    let filter = TagFilter::from(&body);
    filter.check().map_err(|p| AppError::problem(&p))?;
    state
        .read(caller, move |snap, _| {
            region_of(snap, &project_id)?;
            require(snap, operation)?;
            let mut found: Vec<&apig_core::gateway::Gateway> = snap
                .gateways
                .iter()
                .filter(|g| g.project_id == project_id && filter.matches(g))
                .collect();
            found.sort_by(|a, b| a.created_at_ms.cmp(&b.created_at_ms).then(a.id.cmp(&b.id)));
            Ok(found.into_iter().map(tag_resource).collect())
        })
        .await
}

async fn list_by_tags(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
    ApiJson(body): ApiJson<TagQueryRequest>,
) -> Result<Json<ResourcesByTagsResponse>, AppError> {
    let query = page_query(raw.as_deref())?;
    let all = by_tags(&state, &caller, project_id, body, Operation::ListByTags).await?;
    let (_, total, resources) = page(all, &query);
    Ok(Json(ResourcesByTagsResponse {
        resources,
        total_count: total,
    }))
}

async fn count_by_tags(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(body): ApiJson<TagQueryRequest>,
) -> Result<Json<CountByTagsResponse>, AppError> {
    let all = by_tags(&state, &caller, project_id, body, Operation::CountByTags).await?;
    Ok(Json(CountByTagsResponse {
        total_count: all.len() as u64,
    }))
}

async fn list_ports(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<IngressPortsResponse>, AppError> {
    let query = page_query(raw.as_deref())?;
    let protocol = query.filter("protocol").map(str::to_owned);
    let port = query
        .filter("ingress_port")
        .map(|p| p.trim().parse::<i64>())
        .transpose()
        .map_err(|_| AppError::invalid_parameter("ingress_port"))?;
    let answer = state
        .read(&caller, move |snap, _| {
            let index = admit(snap, &project_id, &instance_id, Operation::ListIngressPorts)?;
            let all: Vec<IngressPortInfo> = snap.gateways[index]
                .ingress_ports
                .iter()
                .filter(|p| protocol.as_deref().is_none_or(|x| p.protocol.as_str() == x))
                .filter(|p| port.is_none_or(|x| i64::from(p.port) == x))
                .map(ingress_port_info)
                .collect();
            let (size, total, ingress_port_infos) = page(all, &query);
            Ok(IngressPortsResponse {
                size,
                total,
                ingress_port_infos,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn add_port(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<IngressPortRequest>,
) -> Result<(StatusCode, Json<IngressPortInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::AddIngressPort)?;
            let port = ingress_ports::add(
                &mut snap.gateways[index],
                &body.protocol,
                body.ingress_port,
                now,
            )
            .map_err(|p| AppError::problem(&p))?;
            Ok(ingress_port_info(&port))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn remove_port(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, port_id)): ApiPath<(String, String, String)>,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, now| {
            let index = admit(
                snap,
                &project_id,
                &instance_id,
                Operation::DeleteIngressPort,
            )?;
            ingress_ports::remove(&mut snap.gateways[index], &port_id, now)
                .map_err(|p| AppError::problem(&p))?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The domains bound to a port: API groups and their domains are not emulated, so the list is
/// empty; the port must exist.
async fn list_port_domains(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id, port_id)): ApiPath<(String, String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<PortDomainsResponse>, AppError> {
    page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let index = admit(snap, &project_id, &instance_id, Operation::ListIngressPorts)?;
            if !snap.gateways[index]
                .ingress_ports
                .iter()
                .any(|p| p.id == port_id)
            {
                // The same refusal as removing a port that is not there.
                return Err(AppError::problem(&ingress_ports::not_found(&port_id)));
            }
            Ok(PortDomainsResponse::default())
        })
        .await?;
    Ok(Json(answer))
}

async fn list_features(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<FeaturesResponse>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            let index = admit(snap, &project_id, &instance_id, Operation::ListFeatures)?;
            let gateway = &snap.gateways[index];
            let all: Vec<FeatureInfo> = feature_states(gateway)
                .iter()
                .map(|s| feature_info(gateway, s))
                .collect();
            let (size, total, features) = page(all, &query);
            Ok(FeaturesResponse {
                size,
                total,
                features,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn set_feature_route(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<FeatureToggleRequest>,
) -> Result<(StatusCode, Json<FeatureInfo>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::SetFeature)?;
            let gateway = &mut snap.gateways[index];
            let set = set_feature(gateway, &body.name, body.enable, &body.config, now)
                .map_err(|p| AppError::problem(&p))?;
            Ok(feature_info(gateway, &set))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

async fn list_instance_features(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Json<InstanceFeaturesResponse>, AppError> {
    let query = page_query(raw.as_deref())?;
    let answer = state
        .read(&caller, move |snap, _| {
            admit(snap, &project_id, &instance_id, Operation::ListFeatures)?;
            let all: Vec<String> = INSTANCE_CAPABILITIES
                .iter()
                .map(|f| (*f).to_owned())
                .collect();
            let (size, total, features) = page(all, &query);
            Ok(InstanceFeaturesResponse {
                size,
                total,
                features,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn show_restriction(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<Json<RestrictionResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            let index = admit(snap, &project_id, &instance_id, Operation::ShowRestriction)?;
            Ok(restriction_response(&snap.account, &snap.gateways[index]))
        })
        .await?;
    Ok(Json(answer))
}

async fn postpaid_resize(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<ResizeRequest>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::Resize)?;
            resize(
                &mut snap.account,
                &mut snap.gateways[index],
                &body.spec_id,
                now,
            )
            .map_err(|p| AppError::problem(&p))?;
            Ok(JobResponse::resize(&instance_id, &ids::job_id()))
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// Extra load balancers belong to the gateways of the load-balancer (NLB) editions, which the
/// sandbox does not sell: after the usual admission (project, permission, gateway), every call
/// is refused as the service refuses a gateway without that mode, `APIC.7242`.
async fn extra_elbs(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    state
        .read(&caller, move |snap, _| {
            admit(snap, &project_id, &instance_id, Operation::Show)?;
            Err::<(), _>(AppError::code(
                ErrorCode::WrongMode,
                format!(
                    "{}: gateway {instance_id} is not of a load-balancer edition, so it has no extra ELBs. The sandbox does not emulate these editions.",
                    ErrorCode::WrongMode.meaning()
                ),
            ))
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Enterprise-project migration is the Enterprise Project Management service, not APIG: the
/// sandbox's account may not use it, so it is refused with `APIC.7106` whatever the body.
async fn enterprise_projects() -> AppError {
    AppError::code(
        ErrorCode::NoPermission,
        format!(
            "{}: enterprise-project migration belongs to the Enterprise Project Management service, which this account cannot use in the sandbox.",
            ErrorCode::NoPermission.meaning()
        ),
    )
}
