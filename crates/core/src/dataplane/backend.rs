//! What the gateway does with a routed call: a MOCK backend's answer, or the plan of the
//! request an HTTP backend gets (docs/reference.md, Data plane; docs/mock.md, Data plane).
//!
//! The backend request: the backend's method (`ANY`: the call's), `{protocol}://{url_domain}`
//! and the backend `req_uri` with its `{name}` filled from the backend's PATH parameters or,
//! failing those, the call's path parameters of the same name; after a prefix (`SWA`) match the
//! rest of the call's path is appended. The call's query and headers are passed on, without
//! the hop-by-hop headers, `Host` (the backend's) and the call's `Authorization`; then the
//! backend parameters are added at their location: a CONSTANT's value, a REQUEST parameter's
//! value taken from the call (path parameter, then query, then header of that name), a
//! SYSTEM parameter's `$context.*` value.

use super::answer::{Answer, GatewayError};
use super::path::{Template, encode_path};
use crate::sign::encode_component;

/// Where a backend parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` of the backend path.
    Path,
    /// A query parameter.
    Query,
    /// A header.
    Header,
}

/// Where a backend parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A parameter of the call, named by the value.
    Request,
    /// The value itself.
    Constant,
    /// A gateway variable, `$context.name`.
    System,
}

/// One backend parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendParam {
    /// Its name at the backend.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Where its value comes from.
    pub origin: Origin,
    /// The value, the call's parameter name or `$context.name`.
    pub value: String,
}

/// The `$context` variables the gateway fills.
pub const CONTEXT_VARIABLES: [&str; 12] = [
    "sourceIp",
    "stage",
    "apiId",
    "apiName",
    "appId",
    "appName",
    "requestId",
    "requestTime",
    "httpMethod",
    "serverAddr",
    "serverName",
    "handleTime",
];

/// The values of the `$context` variables for one call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The caller's address.
    pub source_ip: String,
    /// The environment's name.
    pub stage: String,
    /// The API's ID.
    pub api_id: String,
    /// The API's name.
    pub api_name: String,
    /// The calling app's ID (APP auth), else empty.
    pub app_id: String,
    /// The calling app's name (APP auth), else empty.
    pub app_name: String,
    /// The call's request ID.
    pub request_id: String,
    /// When the call came, epoch ms.
    pub request_time_ms: u64,
    /// The call's method.
    pub http_method: String,
    /// The gateway's address (its VPC access address).
    pub server_addr: String,
    /// The gateway's name.
    pub server_name: String,
}

impl Context {
    /// The value of `$context.name` (or of `name`); `None` for an unknown variable.
    pub fn value(&self, variable: &str) -> Option<String> {
        let name = variable.trim().trim_start_matches("$context.");
        Some(match name {
            "sourceIp" => self.source_ip.clone(),
            "stage" => self.stage.clone(),
            "apiId" => self.api_id.clone(),
            "apiName" => self.api_name.clone(),
            "appId" => self.app_id.clone(),
            "appName" => self.app_name.clone(),
            "requestId" => self.request_id.clone(),
            "requestTime" => self.request_time_ms.to_string(),
            "httpMethod" => self.http_method.clone(),
            "serverAddr" => self.server_addr.clone(),
            "serverName" => self.server_name.clone(),
            "handleTime" => crate::sign::format_sdk_date(
                i64::try_from(self.request_time_ms / 1000).unwrap_or(i64::MAX),
            )
            .unwrap_or_default(),
            _ => return None,
        })
    }
}

/// An HTTP backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpBackend {
    /// `HTTP` or `HTTPS`.
    pub protocol: String,
    /// The method, or `ANY` for the call's.
    pub method: String,
    /// `host[:port]`.
    pub url_domain: String,
    /// The backend path template.
    pub req_uri: String,
    /// How long the gateway waits for the answer, in ms.
    pub timeout_ms: u64,
    /// The backend parameters.
    pub params: Vec<BackendParam>,
}

/// The request the gateway sends to an HTTP backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendPlan {
    /// The method.
    pub method: String,
    /// `http` or `https`.
    pub scheme: String,
    /// `host[:port]` (also the `Host` header).
    pub authority: String,
    /// The path and query (`/a/b?x=1`).
    pub path_and_query: String,
    /// Headers to send (without `Host` and the length).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The timeout in ms; past it the answer is 504 `APIG.0203`.
    pub timeout_ms: u64,
}

impl BackendPlan {
    /// The whole URL.
    pub fn url(&self) -> String {
        format!(
            "{}://{}{}",
            self.scheme, self.authority, self.path_and_query
        )
    }
}

/// The call as the backend stage sees it.
#[derive(Debug, Clone, Copy)]
pub struct Forwarded<'a> {
    /// The call's method.
    pub method: &'a str,
    /// The call's path parameters.
    pub path_params: &'a [(String, String)],
    /// After a prefix match, the rest of the path (no leading `/`).
    pub remainder: &'a str,
    /// The call's raw query.
    pub query: &'a str,
    /// The call's headers.
    pub headers: &'a [(String, String)],
    /// The call's body.
    pub body: &'a [u8],
}

/// Headers never passed on (hop-by-hop, the gateway's own, the call's credentials).
const DROPPED: [&str; 11] = [
    "host",
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "te",
    "trailer",
    "content-length",
    "authorization",
    "x-stage",
];

/// Whether a header is passed between the call and the backend.
pub fn passes(name: &str) -> bool {
    !DROPPED.iter().any(|d| d.eq_ignore_ascii_case(name))
}

/// The backend request of a call. A backend `req_uri` that is not a template is refused as
/// 502 (the management API does not store one).
pub fn plan(
    backend: &HttpBackend,
    call: &Forwarded<'_>,
    context: &Context,
) -> Result<BackendPlan, GatewayError> {
    let template = Template::parse_backend(&backend.req_uri)
        .map_err(|e| GatewayError::BackendUnavailable(format!("backend path: {e}")))?;
    let request_value = |name: &str| -> String {
        call.path_params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                crate::sign::parse_query_pairs(call.query)
                    .into_iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v)
            })
            .or_else(|| {
                call.headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_default()
    };
    let mut path_values: Vec<(String, String)> = Vec::new();
    let mut query = call.query.to_owned();
    let mut headers: Vec<(String, String)> = call
        .headers
        .iter()
        .filter(|(n, _)| passes(n))
        .cloned()
        .collect();
    for param in &backend.params {
        let value = match param.origin {
            Origin::Constant => param.value.clone(),
            Origin::Request => request_value(&param.value),
            Origin::System => context.value(&param.value).unwrap_or_default(),
        };
        match param.location {
            Location::Path => path_values.push((param.name.clone(), value)),
            Location::Query => {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&encode_component(&param.name));
                query.push('=');
                query.push_str(&encode_component(&value));
            }
            Location::Header => {
                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&param.name));
                headers.push((param.name.clone(), value));
            }
        }
    }
    for (name, value) in call.path_params {
        if !path_values.iter().any(|(n, _)| n == name) {
            path_values.push((name.clone(), value.clone()));
        }
    }
    let mut path = template.fill(&path_values);
    if !call.remainder.is_empty() {
        if !path.ends_with('/') {
            path.push('/');
        }
        path.push_str(&encode_path(call.remainder));
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query);
    }
    let method = if backend.method.eq_ignore_ascii_case("ANY") {
        call.method.to_ascii_uppercase()
    } else {
        backend.method.to_ascii_uppercase()
    };
    Ok(BackendPlan {
        method,
        scheme: backend.protocol.to_ascii_lowercase(),
        authority: backend.url_domain.clone(),
        path_and_query: path,
        headers,
        body: call.body.to_vec(),
        timeout_ms: backend.timeout_ms.max(1),
    })
}

/// What came back from a backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendResult {
    /// An answer.
    Answered {
        /// Its status.
        status: u16,
        /// Its headers.
        headers: Vec<(String, String)>,
        /// Its body.
        body: Vec<u8>,
    },
    /// No answer within the timeout.
    TimedOut,
    /// No connection, or a broken answer (the reason).
    Failed(String),
}

/// The gateway's answer for a backend's result: the backend's answer passed on (without
/// hop-by-hop headers) with the gateway's headers, 504 `APIG.0203` after the timeout, 502
/// `APIG.0202` when the backend could not be reached.
pub fn answer(result: BackendResult, timeout_ms: u64, request_id: &str) -> Answer {
    match result {
        BackendResult::Answered {
            status,
            headers,
            body,
        } => {
            let mut answer = Answer::new(status, request_id, body);
            for (name, value) in headers {
                let own = ["x-request-id", "server"]
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(&name));
                if passes(&name) && !own {
                    answer.headers.push((name, value));
                }
            }
            answer
        }
        BackendResult::TimedOut => GatewayError::BackendTimeout(timeout_ms).answer(request_id),
        BackendResult::Failed(reason) => {
            GatewayError::BackendUnavailable(reason).answer(request_id)
        }
    }
}

/// A MOCK backend's answer: its content with its status (200 when none is set).
pub fn mock_answer(status: Option<u16>, content: &str, request_id: &str) -> Answer {
    let body = content.as_bytes().to_vec();
    let trimmed = content.trim_start();
    let content_type = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    Answer::new(status.unwrap_or(200), request_id, body).with_header("Content-Type", content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_path_params_prefix_rest_and_context() {
        let backend = HttpBackend {
            protocol: "HTTP".into(),
            method: "ANY".into(),
            url_domain: "127.0.0.1:9000".into(),
            req_uri: "/test2/{id}".into(),
            timeout_ms: 5000,
            params: vec![
                BackendParam {
                    name: "X-Source".into(),
                    location: Location::Header,
                    origin: Origin::System,
                    value: "$context.sourceIp".into(),
                },
                BackendParam {
                    name: "env".into(),
                    location: Location::Query,
                    origin: Origin::System,
                    value: "$context.stage".into(),
                },
                BackendParam {
                    name: "fixed".into(),
                    location: Location::Header,
                    origin: Origin::Constant,
                    value: "1".into(),
                },
            ],
        };
        let params = [("id".to_owned(), "a b".to_owned())];
        let headers = [
            ("Host".to_owned(), "g.example".to_owned()),
            ("Authorization".to_owned(), "secret".to_owned()),
            ("Accept".to_owned(), "*/*".to_owned()),
        ];
        let call = Forwarded {
            method: "post",
            path_params: &params,
            remainder: "AA/CC",
            query: "q=1",
            headers: &headers,
            body: b"hi",
        };
        let context = Context {
            source_ip: "127.0.0.1".into(),
            stage: "RELEASE".into(),
            ..Context::default()
        };
        let plan = plan(&backend, &call, &context).expect("plan");
        assert_eq!(plan.method, "POST");
        assert_eq!(
            plan.url(),
            "http://127.0.0.1:9000/test2/a%20b/AA/CC?q=1&env=RELEASE"
        );
        assert_eq!(
            plan.headers,
            [
                ("Accept".to_owned(), "*/*".to_owned()),
                ("X-Source".to_owned(), "127.0.0.1".to_owned()),
                ("fixed".to_owned(), "1".to_owned()),
            ]
        );
        assert_eq!(plan.body, b"hi");
    }

    #[test]
    fn answers_timeouts_failures_and_mocks() {
        assert_eq!(answer(BackendResult::TimedOut, 100, "r").status, 504);
        assert_eq!(
            answer(BackendResult::Failed("refused".into()), 100, "r").status,
            502
        );
        let passed = answer(
            BackendResult::Answered {
                status: 201,
                headers: vec![
                    ("Connection".into(), "close".into()),
                    ("X-Own".into(), "1".into()),
                ],
                body: b"ok".to_vec(),
            },
            100,
            "r",
        );
        assert_eq!((passed.status, passed.header("x-own")), (201, Some("1")));
        assert_eq!(passed.header("connection"), None);
        let mock = mock_answer(Some(202), "{\"a\":1}", "r");
        assert_eq!(mock.status, 202);
        assert_eq!(mock.header("content-type"), Some("application/json"));
        assert_eq!(Context::default().value("$context.nope"), None);
    }
}
