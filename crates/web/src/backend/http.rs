//! One signed HTTP call to apig-mock through the browser's `fetch` (`gloo-net`).

use apig_core::api::ErrorBody;
use apig_core::export::ApiCall;
use apig_core::sign::SignError;
pub use gloo_net::http::Method;
use gloo_net::http::RequestBuilder;

use super::Connection;

/// Why a call did not give the answer the console wanted. Its text is what the person sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request could not be signed (e.g. an access key with a space).
    #[error("The request could not be signed: {0}")]
    Sign(SignError),
    /// The server could not be reached (down, wrong URL, CORS refused, offline).
    #[error(
        "apig-mock at {url} could not be reached ({message}). Check that it is running and that the endpoint URL is right."
    )]
    Network {
        /// The URL called.
        url: String,
        /// What the browser said.
        message: String,
    },
    /// The API refused with its error body.
    #[error("{status} {}: {}", .body.error_code, .body.error_msg)]
    Api {
        /// HTTP status.
        status: u16,
        /// `error_code` and `error_msg`.
        body: ErrorBody,
    },
    /// A failure without the API's error body.
    #[error("HTTP {status} from {url}: {text}")]
    Http {
        /// HTTP status.
        status: u16,
        /// The URL called.
        url: String,
        /// The start of the answer.
        text: String,
    },
    /// A success whose body is not what the API documents.
    #[error("Unexpected answer from {url}: {message}")]
    Decode {
        /// The URL called.
        url: String,
        /// The parse error.
        message: String,
    },
}

impl ApiError {
    /// The API error code, when the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => Some(&body.error_code),
            _ => None,
        }
    }
}

/// Sends `api_call` signed and returns the status and body text of a 2xx answer; anything
/// else becomes an [`ApiError`] carrying the API's `error_code` and `error_msg`. The query is
/// signed as `name=value` pairs joined by `&`, so its names and values must be unreserved
/// characters (letters, digits, `-._~`), which need no encoding either way. The request as sent
/// and its answer go into the API trace ([`crate::trace`]).
pub async fn send(connection: &Connection, api_call: &ApiCall) -> Result<(u16, String), ApiError> {
    let body = api_call.body.clone().unwrap_or_default();
    let raw_query = api_call.raw_query();
    let path = api_call.path.as_str();
    let now = crate::state::now_ms();
    let signed = connection
        .signed(api_call.method, path, &raw_query, &body, now)
        .map_err(ApiError::Sign)?;
    let url = format!("{}{}", connection.endpoint, api_call.path_and_query());
    let network = |error: gloo_net::Error| ApiError::Network {
        url: url.clone(),
        message: match error {
            gloo_net::Error::JsError(js) => js.message,
            other => other.to_string(),
        },
    };
    let method = Method::from_bytes(api_call.method.as_bytes()).unwrap_or(Method::GET);
    let mut request = RequestBuilder::new(&format!("{}{path}", connection.endpoint))
        .method(method)
        .query(
            api_call
                .query
                .iter()
                .map(|(name, value)| (*name, value.as_str())),
        );
    for (name, value) in &signed.headers {
        // The browser sets Host itself (from the URL, the value that was signed).
        if !name.eq_ignore_ascii_case("host") {
            request = request.header(name, value);
        }
    }
    let request = if body.is_empty() {
        request.build()
    } else {
        request.body(body)
    }
    .map_err(network)?;
    let started = now_precise();
    let sent = request.send().await;
    let answer = match sent {
        Ok(response) => {
            let status = response.status();
            response.text().await.map(|text| (status, text))
        }
        Err(e) => Err(e),
    };
    let millis = now_precise() - started;
    let outcome = match answer {
        Ok((status, text)) if (200..300).contains(&status) => Ok((status, text)),
        Ok((status, text)) => match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(ApiError::Api { status, body }),
            Err(_) => Err(ApiError::Http {
                status,
                url: url.clone(),
                text: text.chars().take(200).collect(),
            }),
        },
        Err(e) => Err(network(e)),
    };
    trace_sent(connection, api_call, signed.headers, &outcome, millis);
    outcome
}

/// Records a request sent to apig-mock and what came back.
fn trace_sent(
    connection: &Connection,
    api_call: &ApiCall,
    headers: Vec<(String, String)>,
    outcome: &Result<(u16, String), ApiError>,
    millis: f64,
) {
    let (status, code, answer) = match outcome {
        Ok((status, text)) => (Some(*status), None, crate::trace::readable(text)),
        Err(ApiError::Api { status, body }) => (
            Some(*status),
            Some(body.error_code.clone()),
            serde_json::to_string(body)
                .map(|t| crate::trace::readable(&t))
                .unwrap_or_default(),
        ),
        Err(ApiError::Http { status, text, .. }) => (Some(*status), None, text.clone()),
        Err(other) => (None, None, other.to_string()),
    };
    crate::trace::record(crate::trace::TraceEntry {
        id: 0,
        at: crate::state::now_ms(),
        call: api_call.clone(),
        via: crate::trace::Via::Mock {
            base_url: connection.endpoint.clone(),
            headers,
        },
        status,
        code,
        answer,
        millis: Some(millis),
    });
}

/// A clock with sub-millisecond steps for timing (`performance.now()`), else `Date.now()`.
fn now_precise() -> f64 {
    let performance = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"performance".into()).ok())
        .filter(|p| !p.is_undefined());
    performance
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            let now: js_sys::Function = wasm_bindgen::JsCast::dyn_into(now).ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}
