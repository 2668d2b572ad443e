//! The gateway's answers: what a call gets back, and the error answers with their codes
//! (docs/reference.md, Data plane). Every answer carries `X-Request-Id` and
//! `Server: api-gateway`; an error's body is the default gateway-response template
//! `{"error_code","error_msg","request_id"}`.

use crate::api::ErrorBody;
use crate::code::ErrorCode;

use super::throttle::Throttled;

/// The header carrying the call's request ID (32 hex).
pub const HEADER_REQUEST_ID: &str = "X-Request-Id";
/// The `Server` header of the gateway's answers.
pub const SERVER: &str = "api-gateway";

/// An HTTP answer of the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Answer {
    /// An answer with the gateway's own headers (`X-Request-Id`, `Server`).
    pub fn new(status: u16, request_id: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![
                (HEADER_REQUEST_ID.to_owned(), request_id.to_owned()),
                ("Server".to_owned(), SERVER.to_owned()),
            ],
            body,
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets a header, replacing any of this name.
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
    }
}

/// Why the gateway answered a call itself with an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GatewayError {
    /// 404 `APIG.0101`: no API here (unknown domain, path, method, stage, or not published).
    ApiNotFound,
    /// 401 `APIG.0303` with the reason after the code's meaning.
    AppAuth(String),
    /// 403 `APIG.0304`: the app is not authorized for the API in the environment.
    NotAuthorized,
    /// 429 `APIG.0308`: a limit is used up.
    Throttled(Throttled),
    /// 502 `APIG.0202`: the backend could not be reached.
    BackendUnavailable(String),
    /// 504 `APIG.0203`: the backend did not answer in time (the timeout in ms).
    BackendTimeout(u64),
}

impl GatewayError {
    /// The code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::ApiNotFound => ErrorCode::GatewayApiNotFound,
            Self::AppAuth(_) => ErrorCode::AppAuthFailed,
            Self::NotAuthorized => ErrorCode::AppNotAuthorized,
            Self::Throttled(_) => ErrorCode::Throttled,
            Self::BackendUnavailable(_) => ErrorCode::BackendUnavailable,
            Self::BackendTimeout(_) => ErrorCode::BackendTimeout,
        }
    }

    /// The `error_msg`.
    pub fn message(&self) -> String {
        let meaning = self.code().meaning();
        match self {
            Self::ApiNotFound | Self::NotAuthorized => format!("{meaning}."),
            Self::AppAuth(reason) | Self::BackendUnavailable(reason) => {
                format!("{meaning}: {reason}")
            }
            Self::Throttled(t) => format!(
                "{meaning}: policy {} over ratelimit,limit:{},time:{}",
                t.limit.scope.policy(),
                t.limit.max,
                t.limit.scope.unit()
            ),
            Self::BackendTimeout(ms) => {
                format!("{meaning}: the backend did not answer within {ms} ms")
            }
        }
    }

    /// The error body with the request ID.
    pub fn body(&self, request_id: &str) -> ErrorBody {
        ErrorBody::new(self.code().as_str(), self.message()).with_request_id(request_id)
    }

    /// The whole answer: status, the gateway's headers, JSON body.
    pub fn answer(&self, request_id: &str) -> Answer {
        let body = serde_json::to_vec(&self.body(request_id)).unwrap_or_default();
        Answer::new(self.code().http_status(), request_id, body)
            .with_header("Content-Type", "application/json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataplane::throttle::{Limit, Scope};

    #[test]
    fn error_answers_carry_code_status_and_request_id() {
        let answer = GatewayError::ApiNotFound.answer("r1");
        assert_eq!(answer.status, 404);
        assert_eq!(answer.header("x-request-id"), Some("r1"));
        let body: serde_json::Value = serde_json::from_slice(&answer.body).expect("json");
        assert_eq!(body["error_code"], "APIG.0101");
        assert_eq!(body["request_id"], "r1");
        assert_eq!(
            body["error_msg"],
            "The API does not exist or has not been published in the environment."
        );
        let throttled = GatewayError::Throttled(Throttled {
            limit: Limit {
                scope: Scope::DebugDomain("g".into()),
                max: 1000,
            },
            resets_at_ms: 0,
        });
        assert_eq!(throttled.answer("r").status, 429);
        assert!(throttled.message().contains("limit:1000,time:1 day"));
        assert_eq!(GatewayError::BackendTimeout(5).answer("r").status, 504);
        assert_eq!(GatewayError::NotAuthorized.answer("r").status, 403);
        assert_eq!(GatewayError::AppAuth("x".into()).answer("r").status, 401);
        assert_eq!(
            GatewayError::BackendUnavailable("x".into())
                .answer("r")
                .status,
            502
        );
    }
}
