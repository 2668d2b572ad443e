//! The routes: APIG instances, VPC / EIP reads, admin, and the injected-fault middleware.

pub mod admin;
pub mod apig;
pub mod extras;
pub mod management;
pub mod vpc;

use std::time::Duration;

use apig_core::api::ErrorBody;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::AppError;
use crate::state::{AppState, Caller};

/// Middleware (after authentication): adds the account's injected latency and answers the
/// next injected error of the route instead of running it.
pub async fn inject_faults(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let Some(caller) = request.extensions().get::<Caller>().cloned() else {
        return Ok(next.run(request).await);
    };
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let (latency_ms, error) = state.with_faults(&caller.account_key, |faults| {
        let position = faults.next_errors.iter().position(|e| {
            e.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(&method))
                && (route.as_deref() == Some(e.route.as_str()) || e.route == path)
        });
        (
            faults.latency_ms,
            position.map(|i| faults.next_errors.remove(i)),
        )
    });
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    if let Some(error) = error {
        return Err(AppError::api(
            error.status,
            ErrorBody::new(error.error_code, error.error_msg),
        ));
    }
    Ok(next.run(request).await)
}

/// A known path called with a method it does not have: the front door publishes an API per
/// method and path, so it answers as for an unknown path, 404 `APIGW.0101` with the JSON body.
pub async fn no_such_api() -> AppError {
    AppError::api_not_found()
}
