//! One signed HTTP call to apig-mock through the browser's `fetch` (`gloo-net`).

use apig_core::api::ErrorBody;
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

/// Sends a signed request and returns the status and body text of a 2xx answer; anything
/// else becomes an [`ApiError`] carrying the API's `error_code` and `error_msg`. `query` is
/// signed as `name=value` pairs joined by `&`, so its names and values must be unreserved
/// characters (letters, digits, `-._~`), which need no encoding either way.
pub async fn call(
    connection: &Connection,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<String>,
) -> Result<(u16, String), ApiError> {
    let body = body.unwrap_or_default();
    let raw_query = query
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    let now = crate::state::now_ms();
    let signed = connection
        .signed(method.as_str(), path, &raw_query, &body, now)
        .map_err(ApiError::Sign)?;
    let url = if raw_query.is_empty() {
        format!("{}{path}", connection.endpoint)
    } else {
        format!("{}{path}?{raw_query}", connection.endpoint)
    };
    let network = |error: gloo_net::Error| ApiError::Network {
        url: url.clone(),
        message: match error {
            gloo_net::Error::JsError(js) => js.message,
            other => other.to_string(),
        },
    };
    let mut request = RequestBuilder::new(&format!("{}{path}", connection.endpoint))
        .method(method)
        .query(query.iter().copied());
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
    let response = request.send().await.map_err(network)?;
    let status = response.status();
    let text = response.text().await.map_err(network)?;
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
