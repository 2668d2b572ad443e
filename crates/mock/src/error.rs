//! The one error type of the emulator and how it becomes an HTTP answer.
//!
//! Every refusal is an [`AppError::Api`] carrying the status and the service's error body
//! (`{"error_code","error_msg"}`; front-door `APIGW.*` errors also carry `request_id`). Store
//! and internal failures are logged with their details and answered with a bare
//! `APIC.9999`, so internal details never reach the client. A refusal that concerns a field
//! of the request or the account (a core [`Problem`]) names it in the `X-Apig-Mock-Field`
//! header (the field's snake-case ID), which the real API does not send and SDKs ignore.

use apig_core::api::{DecodeError, ErrorBody};
use apig_core::sign::SignError;
use apig_core::validate::{Field, Problem};
use apig_core::values::ErrorCode;
use axum::Json;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::request_id;
use crate::store::StoreError;

/// The header naming the field a refusal concerns.
pub const FIELD_HEADER: &str = "x-apig-mock-field";

/// Largest request body accepted: 12 MB, the service's documented limit (docs/reference.md, Errors).
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
        /// The field of the request or account the refusal concerns, when known.
        field: Option<Field>,
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
            field: None,
        }
    }

    /// A refusal with one of the core's codes and its status.
    pub fn code(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::api(code.http_status(), ErrorBody::new(code.as_str(), message))
    }

    /// The refusal of a core problem (its code, status and message, and its field in
    /// [`FIELD_HEADER`]).
    pub fn problem(problem: &Problem) -> Self {
        Self::api(problem.code.http_status(), ErrorBody::from(problem)).on(problem.field)
    }

    /// The same refusal naming the field it concerns.
    #[must_use]
    pub fn on(self, field: Field) -> Self {
        match self {
            Self::Api { status, body, .. } => Self::Api {
                status,
                body,
                field: Some(field),
            },
            other => other,
        }
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
        Self::code(ErrorCode::ForeignProject, message)
    }

    /// 413 `APIGW.0201`: the body is larger than 12 MB.
    pub fn body_too_large() -> Self {
        let code = ErrorCode::BodyTooLarge;
        Self::code(
            code,
            format!(
                "{}: the body exceeds {} MB",
                code.meaning(),
                BODY_LIMIT_BYTES / (1024 * 1024)
            ),
        )
    }

    /// 408 with `APIGW.0201` (the front door's code for a request it cannot take, here answered
    /// with the timeout status): the body did not arrive in time.
    pub fn body_timeout() -> Self {
        Self::api(
            408,
            ErrorBody::new(
                ErrorCode::BodyTooLarge.as_str(),
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
        let (status, mut body, field) = match self {
            Self::Api {
                status,
                body,
                field,
            } => (status, body, field),
            Self::Store(StoreError::Duplicate(key)) => {
                tracing::info!(%key, "duplicate key");
                (
                    StatusCode::BAD_REQUEST,
                    ErrorBody::of(ErrorCode::DuplicateId),
                    Some(Field::InstanceId),
                )
            }
            Self::Store(error) => {
                tracing::error!(%error, "store failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::of(ErrorCode::SystemError),
                    None,
                )
            }
            Self::Internal(error) => {
                tracing::error!(%error, "internal failure");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::of(ErrorCode::SystemError),
                    None,
                )
            }
        };
        let front_door = body
            .error_code
            .parse::<ErrorCode>()
            .is_ok_and(ErrorCode::is_front_door);
        if front_door && body.request_id.is_none() {
            body.request_id = request_id::current();
        }
        if status.is_server_error() {
            tracing::warn!(code = %body.error_code, "answered {status}");
        } else {
            tracing::debug!(code = %body.error_code, msg = %body.error_msg, "refused");
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(field) = field {
            response.headers_mut().insert(
                HeaderName::from_static(FIELD_HEADER),
                HeaderValue::from_static(field.id()),
            );
        }
        response
    }
}
