//! The HTTP exchange with an API's backend: one HTTP/1.1 connection per call, the whole
//! exchange (connect, send, the answer's head and body) within the API's timeout.
//! HTTPS backends are not reached (502 `APIG.0202` saying so): the emulator carries no TLS
//! client.

use std::time::Duration;

use apig_core::dataplane::backend::{BackendPlan, BackendResult};
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Method, Request};
use http_body_util::{BodyExt, Limited};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::error::BODY_LIMIT_BYTES;

/// Sends the plan's request and reads the answer, or says why there is none.
pub async fn send(plan: &BackendPlan) -> BackendResult {
    if plan.scheme != "http" {
        return BackendResult::Failed(format!(
            "the backend's protocol {} is not available here; use HTTP",
            plan.scheme.to_ascii_uppercase()
        ));
    }
    let timeout = Duration::from_millis(plan.timeout_ms.max(1));
    match tokio::time::timeout(timeout, exchange(plan)).await {
        Ok(Ok(result)) => result,
        Ok(Err(reason)) => BackendResult::Failed(reason),
        Err(_) => BackendResult::TimedOut,
    }
}

async fn exchange(plan: &BackendPlan) -> Result<BackendResult, String> {
    let address = if plan.authority.contains(':') {
        plan.authority.clone()
    } else {
        format!("{}:80", plan.authority)
    };
    let stream = TcpStream::connect(&address)
        .await
        .map_err(|e| format!("cannot connect to {address}: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake with {address}: {e}"))?;
    let driver = tokio::spawn(async move {
        let _ = connection.await;
    });
    let method = Method::from_bytes(plan.method.as_bytes())
        .map_err(|_| format!("the method {} cannot be sent", plan.method))?;
    let mut request = Request::builder()
        .method(method)
        .uri(&plan.path_and_query)
        .body(Body::from(plan.body.clone()))
        .map_err(|e| format!("the backend request is not valid: {e}"))?;
    let headers = request.headers_mut();
    if let Ok(host) = HeaderValue::from_str(&plan.authority) {
        headers.insert(axum::http::header::HOST, host);
    }
    for (name, value) in &plan.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("the backend did not answer: {e}"))?;
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                apig_core::sign::header_value_text(v.as_bytes()),
            )
        })
        .collect();
    let body = Limited::new(response.into_body(), BODY_LIMIT_BYTES)
        .collect()
        .await
        .map_err(|e| format!("the backend's answer broke off: {e}"))?
        .to_bytes()
        .to_vec();
    driver.abort();
    Ok(BackendResult::Answered {
        status,
        headers,
        body,
    })
}
