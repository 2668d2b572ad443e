//! The apig-mock calls the console makes, each typed with `apig_core::api` wire types and
//! built as the core's [`ApiCall`] (the call the API trace shows).

use apig_core::account::Account;
use apig_core::api::ListInstancesResponse;
use apig_core::export::ApiCall;
use apig_core::gateway::Gateway;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiError, Connection, send};

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

/// A call of the emulator's own API: `{method} /_mock/{project}/{tail}`.
fn emulator(
    connection: &Connection,
    method: &'static str,
    tail: &str,
    body: Option<String>,
) -> ApiCall {
    ApiCall::emulator(
        method,
        format!("/_mock/{}/{tail}", connection.project_id),
        body,
    )
}

/// Sends `call` and reads its answer as `T`.
async fn fetch<T: DeserializeOwned>(
    connection: &Connection,
    call: &ApiCall,
) -> Result<T, ApiError> {
    let (_, text) = send(connection, call).await?;
    decode(connection, &call.path, &text)
}

/// Sends `call`, whose answer the console does not read (the next sync shows the result).
pub async fn send_call(connection: &Connection, call: &ApiCall) -> Result<(), ApiError> {
    send(connection, call).await.map(|_| ())
}

/// `GET /v2/{project}/apigw/instances` (first 500).
pub async fn list_instances(connection: &Connection) -> Result<ListInstancesResponse, ApiError> {
    fetch(
        connection,
        &ApiCall::list_instances(&connection.project_id, 500, 0),
    )
    .await
}

/// The project's sandbox account (`GET /_mock/{project}/account`).
pub async fn fetch_account(connection: &Connection) -> Result<Account, ApiError> {
    fetch(connection, &emulator(connection, "GET", "account", None)).await
}

/// Replaces the project's sandbox account (`PUT /_mock/{project}/account`).
pub async fn put_account(connection: &Connection, account: &Account) -> Result<Account, ApiError> {
    fetch(connection, &account_call(connection, account)).await
}

/// The call that replaces the project's sandbox account with `account`.
pub fn account_call(connection: &Connection, account: &Account) -> ApiCall {
    emulator(connection, "PUT", "account", json(account))
}

/// Resets the project's sandbox (`DELETE /_mock/{project}/account`).
pub async fn reset_account(connection: &Connection) -> Result<(), ApiError> {
    send_call(connection, &emulator(connection, "DELETE", "account", None)).await
}

/// Sets the project's creation speed (`PUT /_mock/{project}/speed`).
pub async fn put_speed(
    connection: &Connection,
    speed: apig_core::lifecycle::CreationSpeed,
) -> Result<(), ApiError> {
    let body = serde_json::json!({ "speed": speed });
    send_call(
        connection,
        &emulator(connection, "PUT", "speed", json(&body)),
    )
    .await
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
    let answer: Answer = fetch(connection, &emulator(connection, "GET", "speed", None)).await?;
    Ok(answer.effective)
}

/// Makes the next creation fail (`POST /_mock/{project}/faults`), or clears every injected
/// fault (`DELETE`).
pub async fn set_create_failure(
    connection: &Connection,
    failure: Option<apig_core::lifecycle::InjectedFailure>,
) -> Result<(), ApiError> {
    let call = match failure {
        Some(failure) => {
            let body = serde_json::json!({ "create_failure": failure });
            emulator(connection, "POST", "faults", json(&body))
        }
        None => emulator(connection, "DELETE", "faults", None),
    };
    send_call(connection, &call).await
}

/// The project's stored gateway records (`GET /_mock/{project}/gateways`), which the
/// console's pre-checks and pages read.
pub async fn fetch_gateways(connection: &Connection) -> Result<Vec<Gateway>, ApiError> {
    fetch(connection, &emulator(connection, "GET", "gateways", None)).await
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
