//! The APIG v2 instance endpoints under `/v2/{project_id}/apigw` (docs/reference.md, Endpoints).

use apig_core::account::{EipStatus, Region};
use apig_core::api::{
    AvailableZonesResponse, CreateInstanceV2Request, EipBindRequest, EipBindResponse,
    IngressEipRequest, InstanceConfigsResponse, InstanceDetail, JobResponse, ListInstancesResponse,
    ListQuery, NatEipRequest, ProgressResponse, UpdateInstanceRequest,
};
use apig_core::authority::{Operation, authorize, gateway_not_found};
use apig_core::convert::{
    available_zones, instance_configs, instance_detail, instance_summary, progress_response,
};
use apig_core::gateway::{Gateway, Inbound};
use apig_core::lifecycle::{self, Status};
use apig_core::network_change::{
    InboundChange, NetworkError, OutboundChange, change_inbound, change_outbound,
};
use apig_core::plan::{apply_plan, release};
use apig_core::validate::{Draft, UpdateDraft, validate, validate_update};
use apig_core::values::ErrorCode;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;

use axum::routing::{get, put};
use axum::{Extension, Json, Router};

use crate::error::AppError;
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::state::{AppState, Caller};
use crate::store::Snapshot;

/// The instance routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v2/{project_id}/apigw/instances",
            get(list_instances).post(create_instance),
        )
        .route(
            "/v2/{project_id}/apigw/instances/{instance_id}",
            get(show_instance)
                .put(update_instance)
                .delete(delete_instance),
        )
        .route(
            "/v2/{project_id}/apigw/instances/{instance_id}/progress",
            get(show_progress),
        )
        .route(
            "/v2/{project_id}/apigw/instances/{instance_id}/eip",
            put(bind_eip).delete(unbind_eip),
        )
        .route(
            "/v2/{project_id}/apigw/instances/{instance_id}/ingress-eip",
            put(change_ingress_eip)
                .post(enable_ingress_eip)
                .delete(disable_ingress_eip),
        )
        .route(
            "/v2/{project_id}/apigw/instances/{instance_id}/nat-eip",
            put(change_nat_eip)
                .post(enable_nat_eip)
                .delete(disable_nat_eip),
        )
        .route(
            "/v2/{project_id}/apigw/available-zones",
            get(list_available_zones),
        )
        .route(
            "/v2/{project_id}/apigw/instance/configs",
            get(list_instance_configs),
        )
        .method_not_allowed_fallback(super::no_such_api)
}

/// The region whose project the path names; 403 when the caller's account has no such project.
pub fn region_of<'a>(snapshot: &'a Snapshot, project_id: &str) -> Result<&'a Region, AppError> {
    snapshot
        .account
        .region_of_project(project_id)
        .ok_or_else(|| {
            AppError::foreign_project(format!(
                "Project {project_id} does not belong to the account of this access key"
            ))
        })
}

/// Refuses with 403 `APIC.7106` unless the account's principal may perform `operation` (the
/// core's [`authorize`], which the console asks too).
pub(crate) fn require(snapshot: &Snapshot, operation: Operation) -> Result<(), AppError> {
    authorize(&snapshot.account.principal, operation).map_err(|p| AppError::problem(&p))
}

/// The index of a gateway of the project, or 404 `APIC.7302`.
fn find(snapshot: &Snapshot, project_id: &str, instance_id: &str) -> Result<usize, AppError> {
    snapshot
        .gateways
        .iter()
        .position(|g| g.project_id == project_id && g.id.as_str() == instance_id)
        .ok_or_else(|| AppError::problem(&gateway_not_found(instance_id)))
}

/// The project's region, the permission for `operation`, then the gateway: the order in which
/// every operation on an existing gateway is admitted (the console's store asks the same).
pub(crate) fn admit(
    snapshot: &Snapshot,
    project_id: &str,
    instance_id: &str,
    operation: Operation,
) -> Result<usize, AppError> {
    region_of(snapshot, project_id)?;
    require(snapshot, operation)?;
    find(snapshot, project_id, instance_id)
}

fn conflict(error: &apig_core::lifecycle::StatusConflict) -> AppError {
    AppError::problem(&error.problem())
}

async fn create_instance(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    ApiJson(body): ApiJson<CreateInstanceV2Request>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let faults = state.clone();
    let default_speed = state.default_speed();
    let key = caller.account_key.clone();
    let answer = state
        .write(&caller, move |snap, now| {
            let region_id = region_of(snap, &project_id)?.id.clone();
            let draft = Draft::from_request(&body, &region_id);
            let plan = validate(&draft, &snap.account, &snap.gateways, ids::random_u64())
                .map_err(|problems| AppError::problems(&problems))?;
            apply_plan(&mut snap.account, &plan).map_err(|e| AppError::problem(&e.problem()))?;
            let failure = faults.with_faults(&key, |f| f.create_failure.take());
            let speed = snap.speed.unwrap_or(default_speed);
            let gateway = plan.to_gateway(now, speed, failure);
            let answer = JobResponse::provisioning(gateway.id.as_str(), &ids::job_id());
            snap.gateways.push(gateway);
            Ok(answer)
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

async fn list_instances(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListInstancesResponse>, AppError> {
    let query = ListQuery::from_query_string(raw.as_deref().unwrap_or_default())
        .map_err(|e| AppError::decode(&e))?;
    let status = query
        .status
        .as_deref()
        .map(Status::parse)
        .transpose()
        .map_err(|_| AppError::invalid_parameter("status"))?;
    let answer = state
        .read(&caller, move |snap, now| {
            region_of(snap, &project_id)?;
            require(snap, Operation::List)?;
            let mut items: Vec<_> = snap
                .gateways
                .iter()
                .filter(|g| g.project_id == project_id)
                .filter(|g| {
                    query
                        .instance_id
                        .as_deref()
                        .is_none_or(|id| g.id.as_str() == id)
                })
                .filter(|g| {
                    query
                        .instance_name
                        .as_deref()
                        .is_none_or(|name| g.name.as_str().contains(name))
                })
                .filter(|g| status.is_none_or(|s| g.status(now) == s))
                .map(|g| instance_summary(g, &snap.account, now))
                .collect();
            // Newest first, like the console.
            items.sort_by(|a, b| b.create_time.cmp(&a.create_time).then(a.id.cmp(&b.id)));
            let total = items.len() as u64;
            let offset = usize::try_from(query.offset()).unwrap_or(usize::MAX);
            let limit = usize::try_from(query.limit()).unwrap_or(usize::MAX);
            let instances: Vec<_> = items.into_iter().skip(offset).take(limit).collect();
            Ok(ListInstancesResponse {
                total,
                size: instances.len() as u64,
                instances,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn show_instance(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<Json<InstanceDetail>, AppError> {
    let answer = state
        .read(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::Show)?;
            Ok(instance_detail(&snap.gateways[index], &snap.account, now))
        })
        .await?;
    Ok(Json(answer))
}

async fn show_progress(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<Json<ProgressResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::Show)?;
            Ok(progress_response(&snap.gateways[index], now))
        })
        .await?;
    Ok(Json(answer))
}

async fn update_instance(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<UpdateInstanceRequest>,
) -> Result<Json<InstanceDetail>, AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::Update)?;
            let draft = UpdateDraft::from(&body);
            let update = validate_update(
                &draft,
                &snap.gateways[index],
                &snap.account,
                &snap.gateways,
                now,
            )
            .map_err(|problems| AppError::problems(&problems))?;
            update.apply(&mut snap.gateways[index], now);
            Ok(instance_detail(&snap.gateways[index], &snap.account, now))
        })
        .await?;
    Ok(Json(answer))
}

async fn delete_instance(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, Operation::Delete)?;
            snap.gateways[index]
                .begin(lifecycle::Operation::Delete, now)
                .map_err(|e| conflict(&e))?;
            if snap.gateways[index].is_deleted(now) {
                let gone = snap.gateways.remove(index);
                release(&mut snap.account, &gone);
            }
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A change of public access as one of the `eip` / `ingress-eip` / `nat-eip` routes asks for it.
enum NetworkChange {
    Inbound(InboundChange),
    Outbound(OutboundChange),
}

impl NetworkChange {
    /// The operation it is, for the permission.
    const fn operation(&self) -> Operation {
        match self {
            Self::Inbound(c) => Operation::of_inbound(c),
            Self::Outbound(c) => Operation::of_outbound(c),
        }
    }
}

/// Applies a public-access change through the core's [`change_inbound`] / [`change_outbound`]
/// (the console's checks and codes): the path's project and gateway, the permission, then the
/// change. Answers the changed gateway.
async fn change_network(
    state: &AppState,
    caller: &Caller,
    (project_id, instance_id): (String, String),
    change: NetworkChange,
) -> Result<Gateway, AppError> {
    state
        .write(caller, move |snap, now| {
            let index = admit(snap, &project_id, &instance_id, change.operation())?;
            let gateway = &mut snap.gateways[index];
            let result = match &change {
                NetworkChange::Inbound(c) => change_inbound(&mut snap.account, gateway, c, now),
                NetworkChange::Outbound(c) => change_outbound(&mut snap.account, gateway, c, now),
            };
            result.map_err(|e| network_error(&e))?;
            Ok(snap.gateways[index].clone())
        })
        .await
}

/// The API error of a refused network change (the core's problem; `APIC.7211` names the
/// parameter).
fn network_error(error: &NetworkError) -> AppError {
    AppError::problem(error)
}

async fn bind_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<EipBindRequest>,
) -> Result<Json<EipBindResponse>, AppError> {
    let change = InboundChange::BindEip {
        eip_id: body.eip_id,
    };
    let gateway = change_network(&state, &caller, path, NetworkChange::Inbound(change)).await?;
    let Inbound::Eip { eip_id, address } = gateway.inbound else {
        return Err(AppError::Internal(
            "the bound EIP is not on the gateway".into(),
        ));
    };
    Ok(Json(EipBindResponse {
        eip_id,
        eip_address: Some(address.to_string()),
        eip_status: EipStatus::Active.as_str().to_owned(),
        eip_ipv6_address: None,
    }))
}

async fn unbind_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    let change = NetworkChange::Inbound(InboundChange::UnbindEip);
    change_network(&state, &caller, path, change).await?;
    Ok(StatusCode::OK)
}

/// `POST` (enable) or `PUT` (change) `ingress-eip`: 202 with the update job.
async fn ingress_eip(
    state: &AppState,
    caller: &Caller,
    path: (String, String),
    change: InboundChange,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let gateway = change_network(state, caller, path, NetworkChange::Inbound(change)).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(JobResponse::update(gateway.id.as_str(), &ids::job_id())),
    ))
}

async fn enable_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<IngressEipRequest>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let bandwidth = body.bandwidth_size.to_string();
    ingress_eip(
        &state,
        &caller,
        path,
        InboundChange::EnableIngress { bandwidth },
    )
    .await
}

async fn change_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<IngressEipRequest>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let bandwidth = body.bandwidth_size.to_string();
    ingress_eip(
        &state,
        &caller,
        path,
        InboundChange::UpdateIngress { bandwidth },
    )
    .await
}

async fn disable_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    let change = NetworkChange::Inbound(InboundChange::DisableIngress);
    change_network(&state, &caller, path, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn enable_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<NatEipRequest>,
) -> Result<StatusCode, AppError> {
    let bandwidth = body.bandwidth_size.to_string();
    let change = NetworkChange::Outbound(OutboundChange::Enable { bandwidth });
    change_network(&state, &caller, path, change).await?;
    Ok(StatusCode::OK)
}

async fn change_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<NatEipRequest>,
) -> Result<StatusCode, AppError> {
    let bandwidth = body.bandwidth_size.to_string();
    let change = NetworkChange::Outbound(OutboundChange::Update { bandwidth });
    change_network(&state, &caller, path, change).await?;
    Ok(StatusCode::OK)
}

async fn disable_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(path): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    let change = NetworkChange::Outbound(OutboundChange::Disable);
    change_network(&state, &caller, path, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_available_zones(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<AvailableZonesResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            let region = region_of(snap, &project_id)?;
            if region.azs.is_empty() {
                return Err(AppError::code(
                    ErrorCode::NoAvailableZones,
                    ErrorCode::NoAvailableZones.meaning(),
                ));
            }
            Ok(available_zones(region))
        })
        .await?;
    Ok(Json(answer))
}

async fn list_instance_configs(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
) -> Result<Json<InstanceConfigsResponse>, AppError> {
    let answer = state
        .read(&caller, move |snap, _| {
            region_of(snap, &project_id)?;
            Ok(instance_configs(&snap.account))
        })
        .await?;
    Ok(Json(answer))
}
