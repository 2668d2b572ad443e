//! One signed HTTP call to apig-mock through the browser's `fetch`.

use apig_core::api::ErrorBody;
use apig_core::sign::SignError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Sends a signed request and returns the status and body text of a 2xx answer; anything
/// else becomes an [`ApiError`] carrying the API's `error_code` and `error_msg`.
pub async fn call(
    connection: &Connection,
    method: &str,
    path: &str,
    raw_query: &str,
    body: Option<String>,
) -> Result<(u16, String), ApiError> {
    let body = body.unwrap_or_default();
    let now = crate::state::now_ms();
    let signed = connection
        .signed(method, path, raw_query, &body, now)
        .map_err(ApiError::Sign)?;
    let url = if raw_query.is_empty() {
        format!("{}{path}", connection.endpoint)
    } else {
        format!("{}{path}?{raw_query}", connection.endpoint)
    };
    let network = |message: String| ApiError::Network {
        url: url.clone(),
        message,
    };
    let headers = web_sys::Headers::new().map_err(|e| network(describe(&e)))?;
    for (name, value) in &signed.headers {
        // The browser sets Host itself (from the URL, the value that was signed).
        if !name.eq_ignore_ascii_case("host") {
            headers
                .append(name, value)
                .map_err(|e| network(describe(&e)))?;
        }
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&headers);
    if !body.is_empty() {
        init.set_body(&JsValue::from_str(&body));
    }
    let window = web_sys::window().ok_or_else(|| network("no window".into()))?;
    let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|e| network(describe(&e)))?;
    let response: web_sys::Response = answer
        .dyn_into()
        .map_err(|_| network("not a Response".into()))?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|e| network(describe(&e)))?
            .as_string()
            .unwrap_or_default(),
        Err(e) => return Err(network(describe(&e))),
    };
    if (200..300).contains(&status) {
        return Ok((status, text));
    }
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => Err(ApiError::Api { status, body }),
        Err(_) => Err(ApiError::Http {
            status,
            url,
            text: text.chars().take(200).collect(),
        }),
    }
}
