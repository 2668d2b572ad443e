//! The front door: body size limit, `SDK-HMAC-SHA256` signature check and project check.
//!
//! The body is read once (at most 12 MB), verified against its raw bytes and handed on
//! unchanged. The project ID in the path (`/v1/{project_id}/…`, `/v2/{project_id}/…`,
//! `/_mock/{project_id}/…`) must equal `X-Project-Id`; that it belongs to the caller's account
//! is checked by the handlers, which read the account anyway.

use apig_core::sign::{SignableRequest, verify};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::error::{AppError, BODY_LIMIT_BYTES};
use crate::state::{AppState, Caller};

/// The header carrying the project ID.
pub const HEADER_PROJECT_ID: &str = "X-Project-Id";

/// Reads the whole body, refusing more than [`BODY_LIMIT_BYTES`] with 413.
pub async fn read_body(headers: &axum::http::HeaderMap, body: Body) -> Result<Bytes, AppError> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT_BYTES as u64) {
        return Err(AppError::body_too_large());
    }
    match Limited::new(body, BODY_LIMIT_BYTES).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(AppError::body_too_large())
        }
        Err(error) => Err(AppError::api(
            400,
            apig_core::api::ErrorBody::new(
                "APIC.7211",
                format!("The request body could not be read: {error}"),
            ),
        )),
    }
}

/// Seconds since the epoch of a millisecond clock reading.
fn epoch_seconds(now_ms: u64) -> i64 {
    i64::try_from(now_ms / 1000).unwrap_or(i64::MAX)
}

/// The project ID segment of an API path, if the path has one.
pub fn path_project(path: &str) -> Option<&str> {
    let mut segments = path.trim_start_matches('/').split('/');
    match segments.next() {
        Some("v1" | "v2" | "_mock") => segments.next().filter(|p| !p.is_empty()),
        _ => None,
    }
}

/// Middleware: verifies the signature over the raw body and puts the [`Caller`] into the
/// request's extensions.
pub async fn authenticate(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let (mut parts, body) = request.into_parts();
    let bytes = read_body(&parts.headers, body).await?;
    let signable = SignableRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .filter_map(|(name, value)| {
                value
                    .to_str()
                    .ok()
                    .map(|v| (name.as_str().to_owned(), v.to_owned()))
            })
            .collect(),
        body: bytes.to_vec(),
    };
    let credentials = state.credentials();
    let verified = verify(
        &signable,
        |access_key| credentials.get(access_key).map(|c| c.secret_key.clone()),
        epoch_seconds(state.now_ms()),
    )
    .map_err(|error| {
        tracing::info!(%error, "signature refused");
        AppError::unauthenticated(&error)
    })?;
    let Some(credential) = credentials.get(&verified.access_key) else {
        return Err(AppError::unauthenticated(
            &apig_core::sign::SignError::UnknownAccessKey(verified.access_key),
        ));
    };
    if let Some(project) = path_project(parts.uri.path()) {
        let header = signable.header(HEADER_PROJECT_ID).unwrap_or_default();
        if header != project {
            return Err(AppError::foreign_project(format!(
                "The project ID of the path ({project}) must equal the X-Project-Id header ({})",
                if header.is_empty() { "absent" } else { header }
            )));
        }
    }
    parts.extensions.insert(Caller {
        access_key: credential.access_key.clone(),
        account_key: credential.project_id.clone(),
    });
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_segment() {
        assert_eq!(path_project("/v2/abc/apigw/instances"), Some("abc"));
        assert_eq!(path_project("/v1/abc/vpcs"), Some("abc"));
        assert_eq!(path_project("/_mock/abc/account"), Some("abc"));
        assert_eq!(path_project("/v3/abc"), None);
        assert_eq!(path_project("/v2//x"), None);
        assert_eq!(path_project("/health"), None);
    }
}
