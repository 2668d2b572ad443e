//! The APIG v2 instance endpoints under `/v2/{project_id}/apigw` (facts §3).

use apig_core::account::{Decision, Eip, EipStatus, Region};
use apig_core::api::{
    AvailableZonesResponse, CreateInstanceV2Request, EipBindRequest, EipBindResponse, ErrorBody,
    IngressEipRequest, InstanceConfigsResponse, InstanceDetail, JobResponse, ListInstancesResponse,
    ListQuery, NatEipRequest, ProgressResponse, UpdateInstanceRequest,
};
use apig_core::convert::{
    available_zones, instance_configs, instance_detail, instance_summary, progress_response,
};
use apig_core::gateway::{Gateway, Inbound, Outbound};
use apig_core::lifecycle::{Operation, Status};
use apig_core::plan::{apply_plan, release};
use apig_core::region::InboundMode;
use apig_core::validate::{Draft, UpdateDraft, validate, validate_update};
use apig_core::values::{Bandwidth, ErrorCode, ValueError};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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

/// Refuses with 403 `APIC.7106` unless the account's principal may perform `action`.
fn require(snapshot: &Snapshot, action: &str) -> Result<(), AppError> {
    match snapshot.account.principal.decide(action) {
        Decision::Allowed(_) => Ok(()),
        Decision::Denied(policy) => Err(AppError::code(
            ErrorCode::NoPermission,
            format!(
                "{}: custom policy {policy} denies {action}",
                ErrorCode::NoPermission.meaning()
            ),
        )),
        Decision::NotGranted => Err(AppError::code(
            ErrorCode::NoPermission,
            format!(
                "{}: nothing grants {action}",
                ErrorCode::NoPermission.meaning()
            ),
        )),
    }
}

/// The index of a gateway of the project, or 404 `APIC.7302`.
fn find(snapshot: &Snapshot, project_id: &str, instance_id: &str) -> Result<usize, AppError> {
    snapshot
        .gateways
        .iter()
        .position(|g| g.project_id == project_id && g.id.as_str() == instance_id)
        .ok_or_else(AppError::instance_not_found)
}

fn conflict(error: &apig_core::lifecycle::StatusConflict) -> AppError {
    AppError::code(error.code(), format!("{}: {error}", error.code().meaning()))
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
            apply_plan(&mut snap.account, &plan).map_err(|e| {
                AppError::code(
                    ErrorCode::CreateFailed,
                    format!("{}: {e}", ErrorCode::CreateFailed.meaning()),
                )
            })?;
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
            require(snap, "apig:instances:list")?;
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
            region_of(snap, &project_id)?;
            require(snap, "apig:instances:get")?;
            let index = find(snap, &project_id, &instance_id)?;
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
            region_of(snap, &project_id)?;
            require(snap, "apig:instances:get")?;
            let index = find(snap, &project_id, &instance_id)?;
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
            region_of(snap, &project_id)?;
            let index = find(snap, &project_id, &instance_id)?;
            require(snap, "apig:instances:update")?;
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
            region_of(snap, &project_id)?;
            let index = find(snap, &project_id, &instance_id)?;
            require(snap, "apig:instances:delete")?;
            snap.gateways[index]
                .begin(Operation::Delete, now)
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

/// Starts an inbound/outbound change on a gateway: permission, status and region mode.
fn begin_change(
    snap: &mut Snapshot,
    project_id: &str,
    instance_id: &str,
    operation: Operation,
    now: u64,
) -> Result<(usize, InboundMode), AppError> {
    let mode = region_of(snap, project_id)?.inbound_mode;
    let index = find(snap, project_id, instance_id)?;
    require(snap, "apig:instances:update")?;
    snap.gateways[index]
        .begin(operation, now)
        .map_err(|e| conflict(&e))?;
    Ok((index, mode))
}

fn region_mut(snap: &mut Snapshot, gateway_index: usize) -> Result<&mut Region, AppError> {
    let region_id = snap.gateways[gateway_index].region.clone();
    snap.account.region_mut(&region_id).ok_or_else(|| {
        AppError::code(
            ErrorCode::InvalidParameter,
            "the gateway's region no longer exists",
        )
    })
}

fn bandwidth_error(field: &str, error: &ValueError) -> AppError {
    let mut body = ErrorBody::invalid_parameter(field);
    body.error_msg = format!("{}: {error}", body.error_msg);
    AppError::api(400, body)
}

fn wrong_mode(mode: InboundMode) -> AppError {
    let (here, use_instead) = match mode {
        InboundMode::Lvs => ("LVS", "PUT .../eip with an EIP of the region"),
        InboundMode::Elb => ("ELB", ".../ingress-eip with an inbound bandwidth"),
    };
    AppError::api(
        400,
        ErrorBody::new(
            "APIC.7242",
            format!("This region gives public inbound access by {here}; use {use_instead}"),
        ),
    )
}

/// Unbinds or removes the gateway's current inbound EIP from the region.
fn drop_inbound(region: &mut Region, gateway: &Gateway) {
    match &gateway.inbound {
        Inbound::Off => {}
        Inbound::Eip { eip_id, .. } => {
            if let Some(eip) = region.eip_mut(eip_id) {
                eip.status = EipStatus::Down;
                eip.bound_to = None;
            }
        }
        Inbound::Elb { eip_id, .. } => region.eips.retain(|e| &e.id != eip_id),
    }
}

async fn bind_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<EipBindRequest>,
) -> Result<Json<EipBindResponse>, AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let (index, mode) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeInbound,
                now,
            )?;
            if mode != InboundMode::Lvs {
                return Err(wrong_mode(mode));
            }
            let gateway = snap.gateways[index].clone();
            let region = region_mut(snap, index)?;
            let already_ours =
                matches!(&gateway.inbound, Inbound::Eip { eip_id, .. } if *eip_id == body.eip_id);
            let address = match region.eip(&body.eip_id) {
                Some(eip) if eip.is_free() || already_ours => eip.address,
                Some(eip) => {
                    let mut error = ErrorBody::invalid_parameter("eip_id");
                    error.error_msg = format!(
                        "{}: EIP {} is {} and bound to {}; choose a free EIP",
                        error.error_msg,
                        eip.id,
                        eip.status.as_str(),
                        eip.bound_to.as_deref().unwrap_or("nothing")
                    );
                    return Err(AppError::api(400, error));
                }
                None => return Err(AppError::invalid_parameter("eip_id")),
            };
            drop_inbound(region, &gateway);
            if let Some(eip) = region.eip_mut(&body.eip_id) {
                eip.status = EipStatus::Active;
                eip.bound_to = Some(gateway.id.to_string());
            }
            snap.gateways[index].inbound = Inbound::Eip {
                eip_id: body.eip_id.clone(),
                address,
            };
            Ok(EipBindResponse {
                eip_id: body.eip_id,
                eip_address: Some(address.to_string()),
                eip_status: EipStatus::Active.as_str().to_owned(),
                eip_ipv6_address: None,
            })
        })
        .await?;
    Ok(Json(answer))
}

async fn unbind_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    state
        .write(&caller, move |snap, now| {
            let (index, mode) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeInbound,
                now,
            )?;
            if mode != InboundMode::Lvs {
                return Err(wrong_mode(mode));
            }
            let gateway = snap.gateways[index].clone();
            if !matches!(gateway.inbound, Inbound::Eip { .. }) {
                return Err(AppError::api(
                    400,
                    ErrorBody::new("APIC.7211", "The gateway has no EIP bound"),
                ));
            }
            drop_inbound(region_mut(snap, index)?, &gateway);
            snap.gateways[index].inbound = Inbound::Off;
            Ok(())
        })
        .await?;
    Ok(StatusCode::OK.into_response())
}

/// A new EIP of the region for the gateway (ELB inbound or NAT outbound).
fn new_eip(
    region: &Region,
    gateway: &Gateway,
    purpose: &str,
    bandwidth: Bandwidth,
    now: u64,
) -> Result<Eip, AppError> {
    let address = region.next_public_address().ok_or_else(|| {
        AppError::api(
            400,
            ErrorBody::new(
                "APIC.9210",
                "Failed to create the EIP: the region's public address pool is exhausted",
            ),
        )
    })?;
    Ok(Eip {
        id: ids::derived_uuid(&[gateway.id.as_str(), purpose, &now.to_string()]),
        address,
        status: EipStatus::Active,
        bound_to: Some(gateway.id.to_string()),
        bandwidth_mbps: bandwidth.mbps(),
    })
}

async fn enable_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<IngressEipRequest>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let bandwidth = Bandwidth::inbound(body.bandwidth_size)
                .map_err(|e| bandwidth_error("bandwidth_size", &e))?;
            let (index, mode) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeInbound,
                now,
            )?;
            if mode != InboundMode::Elb {
                return Err(wrong_mode(mode));
            }
            let gateway = snap.gateways[index].clone();
            if !matches!(gateway.inbound, Inbound::Off) {
                return Err(AppError::api(
                    409,
                    ErrorBody::new("APIC.7711", "Public inbound access is already enabled"),
                ));
            }
            let region = region_mut(snap, index)?;
            let eip = new_eip(region, &gateway, "ingress-eip", bandwidth, now)?;
            let inbound = Inbound::Elb {
                eip_id: eip.id.clone(),
                address: eip.address,
                bandwidth,
            };
            region.eips.push(eip);
            snap.gateways[index].inbound = inbound;
            Ok(JobResponse::update(gateway.id.as_str(), &ids::job_id()))
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

async fn change_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<IngressEipRequest>,
) -> Result<(StatusCode, Json<JobResponse>), AppError> {
    let answer = state
        .write(&caller, move |snap, now| {
            let bandwidth = Bandwidth::inbound(body.bandwidth_size)
                .map_err(|e| bandwidth_error("bandwidth_size", &e))?;
            let (index, mode) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeInbound,
                now,
            )?;
            if mode != InboundMode::Elb {
                return Err(wrong_mode(mode));
            }
            let Inbound::Elb {
                eip_id, address, ..
            } = snap.gateways[index].inbound.clone()
            else {
                return Err(AppError::api(
                    400,
                    ErrorBody::new(
                        "APIC.9211",
                        "Failed to update the bandwidth: public inbound access is off",
                    ),
                ));
            };
            if let Some(eip) = region_mut(snap, index)?.eip_mut(&eip_id) {
                eip.bandwidth_mbps = bandwidth.mbps();
            }
            snap.gateways[index].inbound = Inbound::Elb {
                eip_id,
                address,
                bandwidth,
            };
            Ok(JobResponse::update(&instance_id, &ids::job_id()))
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

async fn disable_ingress_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, now| {
            let (index, mode) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeInbound,
                now,
            )?;
            if mode != InboundMode::Elb {
                return Err(wrong_mode(mode));
            }
            let gateway = snap.gateways[index].clone();
            if !matches!(gateway.inbound, Inbound::Elb { .. }) {
                return Err(AppError::api(
                    400,
                    ErrorBody::new("APIC.7211", "Public inbound access is already off"),
                ));
            }
            drop_inbound(region_mut(snap, index)?, &gateway);
            snap.gateways[index].inbound = Inbound::Off;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn enable_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<NatEipRequest>,
) -> Result<Response, AppError> {
    state
        .write(&caller, move |snap, now| {
            let bandwidth = Bandwidth::outbound(body.bandwidth_size)
                .map_err(|e| bandwidth_error("bandwidth_size", &e))?;
            let (index, _) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeOutbound,
                now,
            )?;
            let gateway = snap.gateways[index].clone();
            if !matches!(gateway.outbound, Outbound::Off) {
                return Err(AppError::api(
                    400,
                    ErrorBody::new(
                        "APIC.9210",
                        "Failed to create the NAT EIP: public outbound access is already enabled",
                    ),
                ));
            }
            let region = region_mut(snap, index)?;
            let eip = new_eip(region, &gateway, "nat-eip", bandwidth, now)?;
            let outbound = Outbound::Nat {
                eip_id: eip.id.clone(),
                address: eip.address,
                bandwidth,
            };
            region.eips.push(eip);
            snap.gateways[index].outbound = outbound;
            Ok(())
        })
        .await?;
    Ok(StatusCode::OK.into_response())
}

async fn change_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<NatEipRequest>,
) -> Result<Response, AppError> {
    state
        .write(&caller, move |snap, now| {
            let bandwidth = Bandwidth::outbound(body.bandwidth_size)
                .map_err(|e| bandwidth_error("bandwidth_size", &e))?;
            let (index, _) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeOutbound,
                now,
            )?;
            let Outbound::Nat {
                eip_id, address, ..
            } = snap.gateways[index].outbound.clone()
            else {
                return Err(AppError::api(
                    400,
                    ErrorBody::new(
                        "APIC.7244",
                        "The bandwidth cannot be updated: public outbound access is off",
                    ),
                ));
            };
            if let Some(eip) = region_mut(snap, index)?.eip_mut(&eip_id) {
                eip.bandwidth_mbps = bandwidth.mbps();
            }
            snap.gateways[index].outbound = Outbound::Nat {
                eip_id,
                address,
                bandwidth,
            };
            Ok(())
        })
        .await?;
    Ok(StatusCode::OK.into_response())
}

async fn disable_nat_eip(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath((project_id, instance_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, AppError> {
    state
        .write(&caller, move |snap, now| {
            let (index, _) = begin_change(
                snap,
                &project_id,
                &instance_id,
                Operation::ChangeOutbound,
                now,
            )?;
            let Outbound::Nat { eip_id, .. } = snap.gateways[index].outbound.clone() else {
                return Err(AppError::api(
                    400,
                    ErrorBody::new(
                        "APIC.9208",
                        "Failed to disable public outbound access: it is already off",
                    ),
                ));
            };
            region_mut(snap, index)?.eips.retain(|e| e.id != eip_id);
            snap.gateways[index].outbound = Outbound::Off;
            Ok(())
        })
        .await?;
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
                return Err(AppError::api(
                    404,
                    ErrorBody::new("APIC.7310", "No available zones found in the region"),
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
