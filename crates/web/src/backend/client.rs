//! The apig-mock calls the console makes, each typed with `apig_core::api` wire types.

use apig_core::account::Account;
use apig_core::api::{
    CreateInstanceV2Request, EipBindRequest, IngressEipRequest, ListInstancesResponse,
    NatEipRequest, ResizeRequest, Tag, TagActionRequest, UpdateInstanceRequest,
};
use apig_core::gateway::Gateway;
use apig_core::network_change::{InboundChange, OutboundChange};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiError, Connection, Method, call};

fn decode<T: DeserializeOwned>(
    connection: &Connection,
    path: &str,
    text: &str,
) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Decode {
        url: format!("{}{path}", connection.endpoint),
        message: e.to_string(),
    })
}

fn json<T: Serialize>(value: &T) -> Option<String> {
    // The wire types always serialise.
    serde_json::to_string(value).ok()
}

fn instances_path(connection: &Connection) -> String {
    format!("/v2/{}/apigw/instances", connection.project_id)
}

fn instance_path(connection: &Connection, id: &str) -> String {
    format!("{}/{id}", instances_path(connection))
}

/// `GET /v2/{project}/apigw/instances` (first 500).
pub async fn list_instances(connection: &Connection) -> Result<ListInstancesResponse, ApiError> {
    let path = instances_path(connection);
    let (_, text) = call(
        connection,
        Method::GET,
        &path,
        &[("limit", "500"), ("offset", "0")],
        None,
    )
    .await?;
    decode(connection, &path, &text)
}

/// The project's sandbox account (`GET /_mock/{project}/account`).
pub async fn fetch_account(connection: &Connection) -> Result<Account, ApiError> {
    let path = format!("/_mock/{}/account", connection.project_id);
    let (_, text) = call(connection, Method::GET, &path, &[], None).await?;
    decode(connection, &path, &text)
}

/// Replaces the project's sandbox account (`PUT /_mock/{project}/account`).
pub async fn put_account(connection: &Connection, account: &Account) -> Result<Account, ApiError> {
    let path = format!("/_mock/{}/account", connection.project_id);
    let (_, text) = call(connection, Method::PUT, &path, &[], json(account)).await?;
    decode(connection, &path, &text)
}

/// Resets the project's sandbox (`DELETE /_mock/{project}/account`).
pub async fn reset_account(connection: &Connection) -> Result<(), ApiError> {
    let path = format!("/_mock/{}/account", connection.project_id);
    call(connection, Method::DELETE, &path, &[], None)
        .await
        .map(|_| ())
}

/// Sets the project's creation speed (`PUT /_mock/{project}/speed`).
pub async fn put_speed(
    connection: &Connection,
    speed: apig_core::lifecycle::CreationSpeed,
) -> Result<(), ApiError> {
    let path = format!("/_mock/{}/speed", connection.project_id);
    let body = serde_json::json!({ "speed": speed });
    call(connection, Method::PUT, &path, &[], json(&body))
        .await
        .map(|_| ())
}

/// The creation speed in effect for the project (`GET /_mock/{project}/speed`): its own, or
/// the server's `--speed` when it has none.
pub async fn fetch_speed(
    connection: &Connection,
) -> Result<apig_core::lifecycle::CreationSpeed, ApiError> {
    #[derive(serde::Deserialize)]
    struct Answer {
        effective: apig_core::lifecycle::CreationSpeed,
    }
    let path = format!("/_mock/{}/speed", connection.project_id);
    let (_, text) = call(connection, Method::GET, &path, &[], None).await?;
    decode::<Answer>(connection, &path, &text).map(|a| a.effective)
}

/// Makes the next creation fail (`POST /_mock/{project}/faults`), or clears every injected
/// fault (`DELETE`).
pub async fn set_create_failure(
    connection: &Connection,
    failure: Option<apig_core::lifecycle::InjectedFailure>,
) -> Result<(), ApiError> {
    let path = format!("/_mock/{}/faults", connection.project_id);
    match failure {
        Some(failure) => {
            let body = serde_json::json!({ "create_failure": failure });
            call(connection, Method::POST, &path, &[], json(&body))
                .await
                .map(|_| ())
        }
        None => call(connection, Method::DELETE, &path, &[], None)
            .await
            .map(|_| ()),
    }
}

/// The project's stored gateway records (`GET /_mock/{project}/gateways`), which the
/// console's pre-checks and pages read.
pub async fn fetch_gateways(connection: &Connection) -> Result<Vec<Gateway>, ApiError> {
    let path = format!("/_mock/{}/gateways", connection.project_id);
    let (_, text) = call(connection, Method::GET, &path, &[], None).await?;
    decode(connection, &path, &text)
}

/// `POST /v2/{project}/apigw/instances` (202).
pub async fn create_instance(
    connection: &Connection,
    request: &CreateInstanceV2Request,
) -> Result<(), ApiError> {
    call(
        connection,
        Method::POST,
        &instances_path(connection),
        &[],
        json(request),
    )
    .await
    .map(|_| ())
}

/// `PUT /v2/{project}/apigw/instances/{id}`.
pub async fn update_instance(
    connection: &Connection,
    id: &str,
    request: &UpdateInstanceRequest,
) -> Result<(), ApiError> {
    call(
        connection,
        Method::PUT,
        &instance_path(connection, id),
        &[],
        json(request),
    )
    .await
    .map(|_| ())
}

/// `DELETE /v2/{project}/apigw/instances/{id}` (204).
pub async fn delete_instance(connection: &Connection, id: &str) -> Result<(), ApiError> {
    call(
        connection,
        Method::DELETE,
        &instance_path(connection, id),
        &[],
        None,
    )
    .await
    .map(|_| ())
}

/// `POST …/instance-tags/action` (204): `action` is `create` or `delete`, for `tags`.
pub async fn tags_action(
    connection: &Connection,
    id: &str,
    action: &str,
    tags: &[apig_core::validate::DraftTag],
) -> Result<(), ApiError> {
    let path = format!("{}/instance-tags/action", instance_path(connection, id));
    let body = TagActionRequest {
        action: action.to_owned(),
        tags: tags
            .iter()
            .map(|t| Tag {
                key: t.key.clone(),
                value: t.value.clone(),
            })
            .collect(),
    };
    call(connection, Method::POST, &path, &[], json(&body))
        .await
        .map(|_| ())
}

/// `POST …/postpaid-resize` (202): the edition change.
pub async fn resize_instance(
    connection: &Connection,
    id: &str,
    spec_id: &str,
) -> Result<(), ApiError> {
    let path = format!("{}/postpaid-resize", instance_path(connection, id));
    let body = ResizeRequest {
        spec_id: spec_id.to_owned(),
    };
    call(connection, Method::POST, &path, &[], json(&body))
        .await
        .map(|_| ())
}

/// Bandwidth as typed; the core already checked it, so a value that does not parse is sent
/// as 0 and refused by the server with its own code.
fn mbps(text: &str) -> u32 {
    text.trim().parse().unwrap_or(0)
}

/// The inbound endpoints: `PUT|DELETE …/eip` (LVS), `POST|PUT|DELETE …/ingress-eip` (ELB).
pub async fn change_inbound(
    connection: &Connection,
    id: &str,
    change: &InboundChange,
) -> Result<(), ApiError> {
    let base = instance_path(connection, id);
    let ingress = |bandwidth: &str| {
        json(&IngressEipRequest {
            bandwidth_size: mbps(bandwidth),
            bandwidth_charging_mode: Some("bandwidth".to_owned()),
        })
    };
    let (method, path, body) = match change {
        InboundChange::BindEip { eip_id } => (
            Method::PUT,
            format!("{base}/eip"),
            json(&EipBindRequest {
                eip_id: eip_id.clone(),
            }),
        ),
        InboundChange::UnbindEip => (Method::DELETE, format!("{base}/eip"), None),
        InboundChange::EnableIngress { bandwidth } => (
            Method::POST,
            format!("{base}/ingress-eip"),
            ingress(bandwidth),
        ),
        InboundChange::UpdateIngress { bandwidth } => (
            Method::PUT,
            format!("{base}/ingress-eip"),
            ingress(bandwidth),
        ),
        InboundChange::DisableIngress => (Method::DELETE, format!("{base}/ingress-eip"), None),
    };
    call(connection, method, &path, &[], body).await.map(|_| ())
}

/// The outbound endpoints: `POST|PUT|DELETE …/nat-eip`.
pub async fn change_outbound(
    connection: &Connection,
    id: &str,
    change: &OutboundChange,
) -> Result<(), ApiError> {
    let path = format!("{}/nat-eip", instance_path(connection, id));
    let nat = |bandwidth: &str| {
        json(&NatEipRequest {
            bandwidth_size: mbps(bandwidth),
            bandwidth_charging_mode: Some("bandwidth".to_owned()),
        })
    };
    let (method, body) = match change {
        OutboundChange::Enable { bandwidth } => (Method::POST, nat(bandwidth)),
        OutboundChange::Update { bandwidth } => (Method::PUT, nat(bandwidth)),
        OutboundChange::Disable => (Method::DELETE, None),
    };
    call(connection, method, &path, &[], body).await.map(|_| ())
}

/// Whether `origin` is an apig-mock (its unsigned `GET /health` answers `"status": "ok"`);
/// used to prefill the endpoint when the console is served by apig-mock.
pub async fn is_mock(origin: &str) -> bool {
    let Ok(response) = gloo_net::http::Request::get(&format!("{origin}/health"))
        .send()
        .await
    else {
        return false;
    };
    if !response.ok() {
        return false;
    }
    response
        .text()
        .await
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|v| v["status"] == "ok" && v.get("version").is_some())
}
