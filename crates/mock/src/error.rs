//! The one error type of the emulator and how it becomes an HTTP answer.
//!
//! Every refusal is an [`AppError::Api`] carrying the status and the service's error body
//! (`{"error_code","error_msg"}`; front-door `APIGW.*` errors also carry `request_id`). Store
//! and internal failures are logged with their details and answered with a bare
//! `APIC.9999`, so internal details never reach the client.

use apig_core::api::{DecodeError, ErrorBody};
use apig_core::sign::SignError;
use apig_core::validate::Problem;
use apig_core::values::ErrorCode;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::request_id;
use crate::store::StoreError;

/// Largest request body accepted: 12 MB, the service's documented limit (facts §5).
pub const BODY_LIMIT_BYTES: usize = 12 * 1024 * 1024;

/// Why a request was not answered with success.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A refusal with the service's status and error body.
    #[error("{status} {}: {}", body.error_code, body.error_msg)]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// The error body.
        body: ErrorBody,
    },
    /// The database failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// Something that should not happen (a worker task died).
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// A refusal with an HTTP status given as a number (an unknown number becomes 500).
    pub fn api(status: u16, body: ErrorBody) -> Self {
        Self::Api {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
        }
    }

    /// A refusal with one of the core's codes and its status.
    pub fn code(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::api(code.http_status(), ErrorBody::new(code.as_str(), message))
    }

    /// The refusal of a validation problem (its code, status and message).
    pub fn problem(problem: &Problem) -> Self {
        Self::api(problem.code.http_status(), ErrorBody::from(problem))
    }

    /// The first of several validation problems (the form shows all; the API answers one).
    pub fn problems(problems: &[Problem]) -> Self {
        problems.first().map_or_else(
            || {
                Self::code(
                    ErrorCode::InvalidParameter,
                    ErrorCode::InvalidParameter.meaning(),
                )
            },
            Self::problem,
        )
    }

    /// `APIC.7211` for a body or query that could not be read.
    pub fn decode(error: &DecodeError) -> Self {
        Self::api(400, error.to_error_body())
    }

    /// `APIC.7211` naming a parameter.
    pub fn invalid_parameter(field: &str) -> Self {
        Self::api(400, ErrorBody::invalid_parameter(field))
    }

    /// `APIC.7302`: no such instance in the project.
    pub fn instance_not_found() -> Self {
        Self::api(404, ErrorBody::instance_not_found())
    }

    /// 401 `APIGW.0301` for a request whose signature did not verify.
    pub fn unauthenticated(error: &SignError) -> Self {
        Self::api(error.http_status(), error.error_body())
    }

    /// 404 `APIGW.0101`: no such API.
    pub fn api_not_found() -> Self {
        Self::api(404, ErrorBody::api_not_found())
    }

    /// 403 `APIC.7130`: the project of the path is not the caller's.
    pub fn foreign_project(message: impl Into<String>) -> Self {
        Self::api(403, ErrorBody::new("APIC.7130", message))
    }

    /// 413 `APIGW.0201`: the body is larger than 12 MB.
    pub fn body_too_large() -> Self {
        Self::api(
            413,
            ErrorBody::new(
                "APIGW.0201",
                format!(
                    "Request entity too large: the body exceeds {} MB",
                    BODY_LIMIT_BYTES / (1024 * 1024)
                ),
            ),
        )
    }

    /// 408 `APIGW.0201` (the front door's code for a request it cannot take): the body did not
    /// arrive in time.
    pub fn body_timeout() -> Self {
        Self::api(
            408,
            ErrorBody::new(
                "APIGW.0201",
                "Request timeout: the request body did not arrive in time",
            ),
        )
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Api { status, .. } => *status,
            Self::Store(StoreError::Duplicate(_)) => StatusCode::BAD_REQUEST,
            Self::Store(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, mut body) = match self {
            Self::Api { status, body } => (status, body),
            Self::Store(StoreError::Duplicate(key)) => {
                tracing::info!(%key, "duplicate key");
                (
                    StatusCode::BAD_REQUEST,
                    ErrorBody::new(
                        ErrorCode::DuplicateId.as_str(),
                        ErrorCode::DuplicateId.meaning(),
                    ),
                )
            }
            Self::Store(error) => {
                tracing::error!(%error, "store failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new("APIC.9999", "System error"),
                )
            }
            Self::Internal(error) => {
                tracing::error!(%error, "internal failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new("APIC.9999", "System error"),
                )
            }
        };
        if body.error_code.starts_with("APIGW.") && body.request_id.is_none() {
            body.request_id = request_id::current();
        }
        if status.is_server_error() {
            tracing::warn!(code = %body.error_code, "answered {status}");
        } else {
            tracing::debug!(code = %body.error_code, msg = %body.error_msg, "refused");
        }
        (status, Json(body)).into_response()
    }
}
