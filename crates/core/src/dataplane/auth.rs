//! APP authentication of a call: the `SDK-HMAC-SHA256` signature made with an app's key and
//! secret, verified by the core's verifier ([`crate::sign`]), then the app's authorization for
//! the API in the environment (docs/reference.md, Data plane).
//!
//! The answers follow the service's wording after `Incorrect app authentication information:`
//! — `app not found, appkey …`, `verify signature fail, canonicalRequest:…` (newlines shown as
//! `|`), `signature expired, signature time:…,server time:…` — and, for a call without a
//! signature, `Authorization not found` followed by what to send.

use crate::sign::{self, SignError, SignableRequest};

use super::answer::GatewayError;

/// An app as the verifier needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppKeys {
    /// The app's ID.
    pub app_id: String,
    /// Its app secret.
    pub secret: String,
}

/// Verifies the call's signature with the app whose app key signed it (`find_app` looks the key
/// up among the gateway's apps); answers the app's ID. The body may be unsigned
/// (`X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`), as the SDK sends a body that is not JSON.
pub fn verify_app(
    request: &SignableRequest,
    find_app: impl Fn(&str) -> Option<AppKeys>,
    now_epoch_seconds: i64,
) -> Result<String, GatewayError> {
    let head = sign::verify_head(
        request,
        |key| find_app(key).map(|app| app.secret),
        now_epoch_seconds,
    )
    .map_err(|error| refusal(request, &error, now_epoch_seconds))?;
    sign::verify_body(&head, request)
        .map_err(|error| refusal(request, &error, now_epoch_seconds))?;
    find_app(head.access_key())
        .map(|app| app.app_id)
        .ok_or_else(|| {
            GatewayError::AppAuth(format!("app not found, appkey {}", head.access_key()))
        })
}

/// The `APIG.0303` answer of a signature that did not verify.
fn refusal(request: &SignableRequest, error: &SignError, now: i64) -> GatewayError {
    let reason = match error {
        SignError::MissingAuthorization => "Authorization not found; sign the call with the \
             app's AppKey and AppSecret (SDK-HMAC-SHA256)"
            .to_owned(),
        SignError::UnknownAccessKey(key) => format!("app not found, appkey {key}"),
        SignError::SignatureMismatch => {
            let canonical = request
                .header(sign::HEADER_AUTHORIZATION)
                .and_then(|value| sign::parse_authorization(value).ok())
                .and_then(|parsed| sign::canonical_request(request, &parsed.signed_headers).ok())
                .unwrap_or_default();
            format!(
                "verify signature fail, canonicalRequest:{}",
                canonical.replace('\n', "|")
            )
        }
        SignError::ClockSkew { .. } => format!(
            "signature expired, signature time:{},server time:{}",
            request.header(sign::HEADER_SDK_DATE).unwrap_or_default(),
            sign::format_sdk_date(now).unwrap_or_default()
        ),
        other => other.to_string(),
    };
    GatewayError::AppAuth(reason)
}

/// Whether the app may call the API in the environment; else 403 `APIG.0304`.
pub fn check_authorized(authorized: bool) -> Result<(), GatewayError> {
    if authorized {
        Ok(())
    } else {
        Err(GatewayError::NotAuthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "appkey0001";
    const SECRET: &str = "appsecret0001";
    const NOW: i64 = 1_704_067_200;

    fn apps(key: &str) -> Option<AppKeys> {
        (key == KEY).then(|| AppKeys {
            app_id: "app-1".into(),
            secret: SECRET.into(),
        })
    }

    fn signed(key: &str, secret: &str, at: i64) -> SignableRequest {
        let mut request = SignableRequest::new("GET", "/pets/1")
            .with_query("a=1")
            .with_header("Host", "g.apic.cn-north-4.huaweicloudapis.com");
        let date = sign::format_sdk_date(at).expect("date");
        sign::sign(&mut request, key, secret, &date).expect("sign");
        request
    }

    fn reason(result: Result<String, GatewayError>) -> String {
        match result {
            Err(GatewayError::AppAuth(reason)) => reason,
            other => panic!("expected APIG.0303, got {other:?}"),
        }
    }

    #[test]
    fn verifies_with_the_apps_secret() {
        assert_eq!(
            verify_app(&signed(KEY, SECRET, NOW), apps, NOW + 60),
            Ok("app-1".into())
        );
        assert!(
            reason(verify_app(&signed("other0001", SECRET, NOW), apps, NOW))
                .starts_with("app not found, appkey other0001")
        );
        let wrong = reason(verify_app(&signed(KEY, "wrongsecret", NOW), apps, NOW));
        assert!(
            wrong.starts_with("verify signature fail, canonicalRequest:GET|/pets/1/|a=1|host:"),
            "{wrong}"
        );
        let late = reason(verify_app(&signed(KEY, SECRET, NOW), apps, NOW + 901));
        assert_eq!(
            late,
            "signature expired, signature time:20240101T000000Z,server time:20240101T001501Z"
        );
        let bare = SignableRequest::new("GET", "/pets/1").with_header("Host", "h");
        assert!(reason(verify_app(&bare, apps, NOW)).starts_with("Authorization not found"));
        assert_eq!(check_authorized(false), Err(GatewayError::NotAuthorized));
    }
}
