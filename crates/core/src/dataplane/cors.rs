//! CORS of APIs created with `cors: true` (docs/mock.md, Data plane): the gateway answers their
//! preflight itself and adds `Access-Control-Allow-Origin: *` to their answers, so a page of
//! another origin (the console) can call them.

use crate::sign::SignableRequest;

use super::answer::Answer;

/// The methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS";
/// The headers a preflight allows when the browser names none.
pub const ALLOW_HEADERS: &str =
    "Authorization, Content-Type, X-Sdk-Date, X-Sdk-Content-Sha256, X-Stage, X-Apig-Mode";
/// The answer headers a page may read.
pub const EXPOSE_HEADERS: &str =
    "X-Request-Id, X-Apig-Latency, X-Apig-Upstream-Latency, X-Apig-RateLimit-api-allenv";
/// How long a browser may keep a preflight's answer, in seconds.
pub const MAX_AGE_SECONDS: u32 = 172_800;

/// The method a preflight asks for, if the request is a preflight (`OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`).
pub fn preflight_method(request: &SignableRequest) -> Option<String> {
    if !request.method.eq_ignore_ascii_case("OPTIONS") || request.header("Origin").is_none() {
        return None;
    }
    request
        .header("Access-Control-Request-Method")
        .map(|m| m.trim().to_ascii_uppercase())
        .filter(|m| !m.is_empty())
}

/// The gateway's answer to a preflight for a CORS API: 200, no body.
pub fn preflight_answer(request: &SignableRequest, request_id: &str) -> Answer {
    let headers = request
        .header("Access-Control-Request-Headers")
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(ALLOW_HEADERS)
        .to_owned();
    Answer::new(200, request_id, Vec::new())
        .with_header("Access-Control-Allow-Origin", "*")
        .with_header("Access-Control-Allow-Methods", ALLOW_METHODS)
        .with_header("Access-Control-Allow-Headers", headers)
        .with_header("Access-Control-Max-Age", MAX_AGE_SECONDS.to_string())
}

/// Adds the CORS headers of an actual answer.
pub fn decorate(answer: &mut Answer) {
    answer.set_header("Access-Control-Allow-Origin", "*");
    answer.set_header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_a_preflight_and_answers_it() {
        let preflight = SignableRequest::new("OPTIONS", "/x")
            .with_header("Origin", "http://127.0.0.1:8088")
            .with_header("Access-Control-Request-Method", "post")
            .with_header(
                "Access-Control-Request-Headers",
                "x-sdk-date, authorization",
            );
        assert_eq!(preflight_method(&preflight), Some("POST".into()));
        let answer = preflight_answer(&preflight, "r");
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            answer.header("access-control-allow-headers"),
            Some("x-sdk-date, authorization")
        );
        let plain = SignableRequest::new("OPTIONS", "/x").with_header("Origin", "o");
        assert_eq!(preflight_method(&plain), None);
    }
}
