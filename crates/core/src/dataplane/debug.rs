//! `DebugApiV2` (`POST …/apis/debug/{api_id}`): the management API's test call of one API
//! (docs/reference.md, API management). The body is checked here, turned into the call the
//! gateway serves — `User-Agent: APIGatewayDebugClient/1.0`, `X-Apig-Mode: debug`, signed with
//! the given app key / app secret when both are given — and the exchange is written back as raw
//! HTTP text.
//!
//! `DEVELOPER` calls the API's current definition, published or not; `CONSUMER` calls what is
//! published in `stage` (default `RELEASE`), as a call through the domain would. Debug calls
//! are not counted against any throttling limit nor the debugging domain's daily calls
//! (docs/mock.md).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::code::ErrorCode;
use crate::sign::{self, SignableRequest};

use super::answer::{Answer, GatewayError};
use super::call::Outcome;
use super::gateway::{DEFAULT_STAGE, Incoming, Served, handle_one};
use super::host::debug_domain;
use crate::gateway::Gateway;

/// Largest debug body, in bytes.
pub const MAX_BODY_BYTES: usize = 2_097_152;
/// Longest path, in characters.
pub const MAX_PATH_CHARS: usize = 1024;
/// Longest header or query name, in bytes.
pub const MAX_NAME_BYTES: usize = 32;
/// Past this many bytes the raw answer is cut and marked `[TRUNCATED]`.
pub const MAX_RAW_ANSWER_BYTES: usize = 2 * 1024 * 1024;
/// The `User-Agent` of debug calls.
pub const USER_AGENT: &str = "APIGatewayDebugClient/1.0";

/// The request body of `DebugApiV2` (the SDK's `ApiDebugInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DebugRequest {
    /// `DEVELOPER` or `CONSUMER`.
    pub mode: String,
    /// `HTTP` or `HTTPS`.
    pub scheme: String,
    /// The method.
    pub method: String,
    /// The path, starting with `/`.
    pub path: String,
    /// Query parameters.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub query: BTreeMap<String, Vec<String>>,
    /// Headers.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub header: BTreeMap<String, Vec<String>>,
    /// The body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// app key of an APP-auth API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_key: Option<String>,
    /// app secret of an APP-auth API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_secret: Option<String>,
    /// The domain to call (default: the group's debugging domain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The environment (`CONSUMER` only; default `RELEASE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

/// The answer of `DebugApiV2`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebugResponse {
    /// The call as raw HTTP text.
    pub request: String,
    /// The answer as raw HTTP text.
    pub response: String,
    /// How long the call took, in ms.
    pub latency: u64,
    /// The gateway's log of the call.
    pub log: String,
}

/// Which definition a debug call uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebugMode {
    /// The current definition.
    Developer,
    /// What is published in the stage.
    Consumer,
}

/// A checked debug request, ready to be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebugCall {
    /// The mode.
    pub mode: DebugMode,
    /// The environment's name (`RELEASE` in `DEVELOPER` mode).
    pub stage: String,
    /// The call.
    pub request: SignableRequest,
}

/// A refusal: 400 `APIG.2030` naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebugRefusal {
    /// The body field.
    pub field: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl DebugRefusal {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }

    /// The code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::DebugBadRequest
    }

    /// The `error_msg`: the code's meaning, the parameter and what to do.
    pub fn error_msg(&self) -> String {
        format!(
            "{},parameterName:{}. {}",
            self.code().meaning(),
            self.field,
            self.message
        )
    }
}

fn name_ok(name: &str) -> bool {
    name.len() <= MAX_NAME_BYTES
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Checks a debug request and builds its call to `default_domain` (the group's debugging
/// domain) at `now_epoch_seconds`.
pub fn prepare(
    body: &DebugRequest,
    default_domain: &str,
    now_epoch_seconds: i64,
) -> Result<DebugCall, DebugRefusal> {
    let mode = match body.mode.as_str() {
        "DEVELOPER" => DebugMode::Developer,
        "CONSUMER" => DebugMode::Consumer,
        _ => return Err(DebugRefusal::new("mode", "Give DEVELOPER or CONSUMER.")),
    };
    if !matches!(body.scheme.as_str(), "HTTP" | "HTTPS") {
        return Err(DebugRefusal::new("scheme", "Give HTTP or HTTPS."));
    }
    let method = body.method.as_str();
    if !matches!(
        method,
        "GET" | "POST" | "PUT" | "DELETE" | "HEAD" | "PATCH" | "OPTIONS"
    ) {
        return Err(DebugRefusal::new(
            "method",
            "Give one of GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS.",
        ));
    }
    if !body.path.starts_with('/') || body.path.chars().count() > MAX_PATH_CHARS {
        return Err(DebugRefusal::new(
            "path",
            format!("Give a path starting with / of at most {MAX_PATH_CHARS} characters."),
        ));
    }
    if body.body.as_ref().is_some_and(|b| b.len() > MAX_BODY_BYTES) {
        return Err(DebugRefusal::new(
            "body",
            format!("The body may have at most {MAX_BODY_BYTES} bytes."),
        ));
    }
    if let Some(name) = body.query.keys().find(|n| !name_ok(n)) {
        return Err(DebugRefusal::new(
            "query",
            format!(
                "The query parameter name `{name}` must start with a letter and have at most {MAX_NAME_BYTES} letters, digits, -, _ or ."
            ),
        ));
    }
    for name in body.header.keys() {
        let lower = name.to_ascii_lowercase();
        if !name_ok(name)
            || lower.starts_with("x-apig-")
            || lower.starts_with("x-sdk-")
            || lower == "x-stage"
        {
            return Err(DebugRefusal::new(
                "header",
                format!(
                    "The header name `{name}` must start with a letter, have at most {MAX_NAME_BYTES} bytes, and not be X-Stage nor start with X-Apig- or X-Sdk-."
                ),
            ));
        }
    }
    let stage = match mode {
        DebugMode::Consumer => body
            .stage
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "RELEASE".to_owned()),
        DebugMode::Developer => "RELEASE".to_owned(),
    };
    let domain = body
        .domain
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| default_domain.to_owned());
    let pairs = body
        .query
        .iter()
        .flat_map(|(k, values)| values.iter().map(move |v| (k.as_str(), v.as_str())));
    let mut request = SignableRequest::new(method, body.path.clone())
        .with_query_pairs(pairs)
        .with_header("Host", domain)
        .with_header("User-Agent", USER_AGENT)
        .with_header("X-Apig-Mode", "debug");
    if mode == DebugMode::Consumer {
        request = request.with_header("X-Stage", stage.clone());
    }
    for (name, values) in &body.header {
        for value in values {
            request = request.with_header(name.clone(), value.clone());
        }
    }
    request.body = body.body.clone().unwrap_or_default().into_bytes();
    if let (Some(key), Some(secret)) = (&body.app_key, &body.app_secret) {
        let date = sign::format_sdk_date(now_epoch_seconds)
            .map_err(|e| DebugRefusal::new("app_key", e.to_string()))?;
        sign::sign(&mut request, key, secret, &date).map_err(|e| {
            DebugRefusal::new("app_key", format!("The call could not be signed: {e}"))
        })?;
    }
    Ok(DebugCall {
        mode,
        stage,
        request,
    })
}

/// Why a debug request is not served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebugError {
    /// The gateway has no such API.
    NoSuchApi,
    /// The body is not valid (400 `APIG.2030`).
    Refused(DebugRefusal),
}

/// Serves `DebugApiV2` for `api_id` of `gateway` at `now_ms`: the call it makes and what the
/// gateway does with it. `CONSUMER` in an environment where the API is not published answers
/// the gateway's 404 `APIG.0101` (in the answer, as a call through the domain would get).
pub fn serve(
    gateway: &Gateway,
    served: &dyn Served,
    api_id: &str,
    body: &DebugRequest,
    now_ms: u64,
    request_id: &str,
) -> Result<(SignableRequest, Outcome), DebugError> {
    let (current, group_id) = served.definition(api_id).ok_or(DebugError::NoSuchApi)?;
    let now_seconds = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
    let call = prepare(body, &debug_domain(&group_id, &gateway.region), now_seconds)
        .map_err(DebugError::Refused)?;
    let not_found = || Outcome::Answer(GatewayError::ApiNotFound.answer(request_id));
    let incoming = Incoming {
        request: &call.request,
        source_ip: "127.0.0.1",
        request_id,
        now_ms,
    };
    let outcome = match call.mode {
        DebugMode::Developer => {
            let env_id = served.env_id(DEFAULT_STAGE).unwrap_or_default();
            handle_one(&current, served, &env_id, DEFAULT_STAGE, &incoming)
        }
        DebugMode::Consumer => match served.env_id(&call.stage) {
            None => not_found(),
            Some(env_id) => match served
                .published(&group_id, &env_id)
                .into_iter()
                .find(|def| def.api.id == api_id)
            {
                None => not_found(),
                Some(def) => handle_one(&def, served, &env_id, &call.stage, &incoming),
            },
        },
    };
    Ok((call.request, outcome))
}

/// The call as raw HTTP/1.1 text.
pub fn raw_request(request: &SignableRequest) -> String {
    let mut text = format!("{} {}", request.method, request.path);
    if !request.query.is_empty() {
        text.push('?');
        text.push_str(&request.query);
    }
    text.push_str(" HTTP/1.1\n");
    for (name, value) in &request.headers {
        let _ = writeln!(text, "{name}: {value}");
    }
    text.push('\n');
    text.push_str(&String::from_utf8_lossy(&request.body));
    text
}

/// The answer as raw HTTP/1.1 text, cut past [`MAX_RAW_ANSWER_BYTES`] with `[TRUNCATED]`.
pub fn raw_answer(answer: &Answer, latency_ms: u64) -> String {
    let mut text = format!("HTTP/1.1 {} {}\n", answer.status, reason(answer.status));
    for (name, value) in &answer.headers {
        let _ = writeln!(text, "{name}: {value}");
    }
    let _ = write!(text, "X-Apig-Latency: {latency_ms}\n\n");
    text.push_str(&String::from_utf8_lossy(&answer.body));
    if text.len() > MAX_RAW_ANSWER_BYTES {
        let mut cut = MAX_RAW_ANSWER_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str("[TRUNCATED]");
    }
    text
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> DebugRequest {
        DebugRequest {
            mode: "CONSUMER".into(),
            scheme: "HTTP".into(),
            method: "GET".into(),
            path: "/test/mock".into(),
            ..DebugRequest::default()
        }
    }

    #[test]
    fn builds_the_call_and_its_text() {
        let mut b = body();
        b.query.insert("q".into(), vec!["a b".into()]);
        let call = prepare(&b, "g.apic.cn-north-4.huaweicloudapis.com", 1_704_067_200).expect("ok");
        assert_eq!(call.stage, "RELEASE");
        assert_eq!(call.request.header("x-stage"), Some("RELEASE"));
        let text = raw_request(&call.request);
        assert!(
            text.starts_with("GET /test/mock?q=a%20b HTTP/1.1\nHost: g.apic."),
            "{text}"
        );
        assert!(text.contains("User-Agent: APIGatewayDebugClient/1.0\nX-Apig-Mode: debug\n"));
        b.app_key = Some("appkey0001".into());
        b.app_secret = Some("secret0001".into());
        let signed = prepare(&b, "g", 1_704_067_200).expect("signed");
        assert!(
            signed
                .request
                .header("authorization")
                .is_some_and(|a| a.contains("Access=appkey0001"))
        );
        let answer = Answer::new(200, "r", b"hi".to_vec());
        let raw = raw_answer(&answer, 3);
        assert!(
            raw.starts_with("HTTP/1.1 200 OK\nX-Request-Id: r\n"),
            "{raw}"
        );
        assert!(raw.ends_with("X-Apig-Latency: 3\n\nhi"));
        let big = Answer::new(200, "r", vec![b'a'; MAX_RAW_ANSWER_BYTES + 10]);
        assert!(raw_answer(&big, 0).ends_with("a[TRUNCATED]"));
    }

    #[test]
    fn refusals_name_the_field() {
        for (change, field) in [
            (
                Box::new(|b: &mut DebugRequest| b.mode = "X".into())
                    as Box<dyn Fn(&mut DebugRequest)>,
                "mode",
            ),
            (
                Box::new(|b: &mut DebugRequest| b.scheme = "FTP".into()),
                "scheme",
            ),
            (
                Box::new(|b: &mut DebugRequest| b.method = "ANY".into()),
                "method",
            ),
            (Box::new(|b: &mut DebugRequest| b.path = "x".into()), "path"),
            (
                Box::new(|b: &mut DebugRequest| {
                    b.header.insert("X-Stage".into(), vec![]);
                }),
                "header",
            ),
            (
                Box::new(|b: &mut DebugRequest| {
                    b.query.insert("1a".into(), vec![]);
                }),
                "query",
            ),
        ] {
            let mut b = body();
            change(&mut b);
            let refusal = prepare(&b, "g", 0).expect_err(field);
            assert_eq!(refusal.field, field);
            assert!(
                refusal
                    .error_msg()
                    .starts_with("Bad request for debugging the API,parameterName:")
            );
        }
    }
}
