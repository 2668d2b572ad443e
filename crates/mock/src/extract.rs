//! Extractors whose rejections are the service's own error bodies.

use apig_core::api::decode_json;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::auth::read_body;
use crate::error::AppError;

/// A JSON body read with the core's decoder: malformed JSON, a non-object, a value of the
/// wrong type or an unknown enum value → 400 `APIC.7211` naming the field.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = read_body(&parts.headers, body).await?;
        decode_json::<T>(&bytes)
            .map(ApiJson)
            .map_err(|error| AppError::decode(&error))
    }
}

/// Path parameters; a parameter that cannot be read → 400 `APIC.7211`.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| ApiPath(value))
            .map_err(|rejection| {
                let code = apig_core::values::ErrorCode::InvalidParameter;
                AppError::code(
                    code,
                    format!("{}: {}", code.meaning(), rejection.body_text()),
                )
            })
    }
}
