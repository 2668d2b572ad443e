//! The front door: `SDK-HMAC-SHA256` signature check, project check and body size limit.
//!
//! Everything that does not need the body is checked before the body is read (the
//! `Authorization` shape, the access key, the date window, repeated headers, the project
//! header, repeated query keys), so a client without a valid access key cannot make the
//! server hold its body. Then the body is read once (at most 12 MB), verified against its raw
//! bytes and handed on unchanged. The project ID in the path (`/v1/{project_id}/…`,
//! `/v2/{project_id}/…`, `/_mock/{project_id}/…`) must equal `X-Project-Id`; that it belongs to
//! the caller's account is checked by the handlers, which read the account anyway.

use apig_core::api::ErrorBody;
use apig_core::sign::{
    SignError, SignableRequest, header_value_text, repeated_query_key, verify_body, verify_head,
};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tower_http::timeout::TimeoutError;

use crate::error::{AppError, BODY_LIMIT_BYTES};
use crate::state::{AppState, Caller};

/// The header carrying the project ID.
pub const HEADER_PROJECT_ID: &str = apig_core::sign::HEADER_PROJECT_ID;

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
        Err(error) if caused_by::<TimeoutError>(&*error) => Err(AppError::body_timeout()),
        Err(error) => Err(AppError::code(
            apig_core::code::ErrorCode::InvalidParameter,
            format!("The request body could not be read: {error}"),
        )),
    }
}

/// Whether `error` or one of its sources is an `E` (the body's own errors arrive wrapped).
fn caused_by<E: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(error), |e| e.source()).any(<dyn std::error::Error>::is::<E>)
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

/// The request's head as the signer sees it (method, raw path and query, headers), no body.
pub fn signable_head(parts: &axum::http::request::Parts) -> SignableRequest {
    SignableRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    header_value_text(value.as_bytes()),
                )
            })
            .collect(),
        body: Vec::new(),
    }
}

/// Middleware: verifies the signature over the raw body and puts the [`Caller`] into the
/// request's extensions. The body is read only once the head has passed.
pub async fn authenticate(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let (mut parts, body) = request.into_parts();
    let mut signable = signable_head(&parts);
    let credentials = state.credentials();
    let head = verify_head(
        &signable,
        |access_key| credentials.get(access_key).map(|c| c.secret_key.clone()),
        epoch_seconds(state.now_ms()),
    )
    .map_err(|error| refused(&error))?;
    let Some(credential) = credentials.get(head.access_key()) else {
        return Err(refused(&SignError::UnknownAccessKey(
            head.access_key().to_owned(),
        )));
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
    if let Some(key) = repeated_query_key(&signable.query) {
        let mut body = ErrorBody::invalid_parameter(&key);
        body.error_msg = format!(
            "{}: the query parameter {key} is given more than once; give it once",
            body.error_msg
        );
        return Err(AppError::api(400, body));
    }
    let bytes = read_body(&parts.headers, body).await?;
    signable.body = bytes.to_vec();
    // Every route of the API takes JSON, so a body the signature does not cover is refused.
    verify_body(&head, &signable)
        .and_then(|verified| verified.require_signed_body())
        .map_err(|error| refused(&error))?;
    parts.extensions.insert(Caller {
        access_key: credential.access_key.clone(),
        account_key: credential.project_id.clone(),
    });
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

/// 401 for a request whose signature did not verify (logged with the reason).
fn refused(error: &SignError) -> AppError {
    tracing::info!(%error, "signature refused");
    AppError::unauthenticated(error)
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
