//! The verifier: what passes, what fails and with which error.

use apig_core::sign::{self, SignError, SignableRequest, parse_authorization};

const AK: &str = "AKEXAMPLE0000000000";
const SK: &str = "SKEXAMPLE0000000000000000000000000000000";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const DATE: &str = "20240101T000000Z";
/// `DATE` in epoch seconds.
const SIGNED_AT: i64 = 1_704_067_200;

fn lookup(ak: &str) -> Option<String> {
    (ak == AK).then(|| SK.to_owned())
}

/// A create request signed like the SDK does, with a `User-Agent` as the SDK sends one.
fn signed_create() -> SignableRequest {
    let mut request = SignableRequest::new("POST", format!("/v2/{PROJECT}/apigw/instances"))
        .with_header("User-Agent", "huaweicloud-usdk-python/3.0 (Linux; 6f8a)")
        .with_header("Content-Type", "application/json;charset=utf-8")
        .with_header("X-Project-Id", PROJECT)
        .with_header("Host", "127.0.0.1:8080")
        .with_body(r#"{"instance_name": "apig-demo", "spec_id": "BASIC"}"#);
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    request
}

fn verify(request: &SignableRequest, now: i64) -> Result<sign::Verified, SignError> {
    sign::verify(request, lookup, now)
}

#[test]
fn a_good_request_verifies_with_every_header_it_signed() {
    let verified = verify(&signed_create(), SIGNED_AT).unwrap();
    assert_eq!(verified.access_key, AK);
    assert_eq!(
        verified.signed_headers,
        [
            "content-type",
            "host",
            "user-agent",
            "x-project-id",
            "x-sdk-date"
        ]
    );
    assert_eq!(verified.signed_at_epoch_seconds, SIGNED_AT);
}

#[test]
fn a_tampered_body_fails() {
    let mut request = signed_create();
    request.body = br#"{"instance_name": "apig-demo", "spec_id": "PLATINUM"}"#.to_vec();
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::SignatureMismatch)
    );
}

#[test]
fn a_tampered_path_query_method_or_signed_header_fails() {
    let tamper: [fn(&mut SignableRequest); 5] = [
        |r| r.path.push_str("/other"),
        |r| r.query = "limit=1".to_owned(),
        |r| r.method = "PUT".to_owned(),
        |r| r.set_header("X-Project-Id", "ffffffffffffffffffffffffffffffff"),
        |r| r.set_header("User-Agent", "curl/8"),
    ];
    for change in tamper {
        let mut request = signed_create();
        change(&mut request);
        assert_eq!(
            verify(&request, SIGNED_AT),
            Err(SignError::SignatureMismatch)
        );
    }
}

#[test]
fn whitespace_around_header_values_is_not_significant() {
    let mut request = signed_create();
    request.set_header("X-Project-Id", &format!("  {PROJECT}\t"));
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn a_wrong_secret_key_fails() {
    let request = signed_create();
    let result = sign::verify(&request, |_| Some("another-secret".to_owned()), SIGNED_AT);
    assert_eq!(result, Err(SignError::SignatureMismatch));
}

#[test]
fn an_unknown_access_key_fails() {
    let mut request = signed_create();
    let auth = request
        .header("Authorization")
        .unwrap()
        .replace(AK, "AKUNKNOWN");
    request.set_header("Authorization", &auth);
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::UnknownAccessKey("AKUNKNOWN".to_owned()))
    );
}

#[test]
fn host_and_date_must_be_signed() {
    for (without, missing) in [("host;", "host"), (";x-sdk-date", "x-sdk-date")] {
        let mut request = signed_create();
        let auth = request
            .header("Authorization")
            .unwrap()
            .replace(without, "");
        request.set_header("Authorization", &auth);
        assert_eq!(
            verify(&request, SIGNED_AT),
            Err(SignError::MissingSignedHeader(missing.to_owned())),
            "{auth}"
        );
    }
}

#[test]
fn a_signed_header_that_was_not_sent_fails() {
    let mut request = signed_create();
    request.remove_header("User-Agent");
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::SignedHeaderAbsent("user-agent".to_owned()))
    );
}

#[test]
fn a_missing_or_garbled_date_fails() {
    let mut request = signed_create();
    request.remove_header("X-Sdk-Date");
    assert_eq!(verify(&request, SIGNED_AT), Err(SignError::MissingDate));

    let mut request = signed_create();
    request.set_header("X-Sdk-Date", "2024-01-01T00:00:00Z");
    assert!(matches!(
        verify(&request, SIGNED_AT),
        Err(SignError::BadDate(_))
    ));
}

#[test]
fn the_date_window_is_fifteen_minutes_each_way() {
    let request = signed_create();
    for now in [SIGNED_AT - 900, SIGNED_AT + 900] {
        assert!(verify(&request, now).is_ok(), "{now}");
    }
    assert_eq!(
        verify(&request, SIGNED_AT + 901),
        Err(SignError::ClockSkew { skew_seconds: -901 })
    );
    assert_eq!(
        verify(&request, SIGNED_AT - 901),
        Err(SignError::ClockSkew { skew_seconds: 901 })
    );
    assert!(matches!(
        verify(&request, i64::MIN),
        Err(SignError::ClockSkew { .. })
    ));
    assert!(matches!(
        verify(&request, i64::MAX),
        Err(SignError::ClockSkew { .. })
    ));
}

#[test]
fn unsigned_extra_headers_are_ignored() {
    let mut request = signed_create();
    request
        .headers
        .push(("Accept".to_owned(), "*/*".to_owned()));
    request
        .headers
        .push(("Content-Length".to_owned(), "51".to_owned()));
    request
        .headers
        .push(("Accept-Encoding".to_owned(), "gzip".to_owned()));
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn headers_with_underscores_are_not_signed() {
    let mut request = SignableRequest::new("GET", "/v2/p/apigw/instances")
        .with_header("Host", "h")
        .with_header("X_Custom", "a");
    let auth = sign::sign(&mut request, AK, SK, DATE).unwrap();
    assert!(auth.contains("SignedHeaders=host;x-sdk-date,"), "{auth}");
    request.set_header("X_Custom", "b");
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn the_declared_payload_hash_replaces_the_body_hash() {
    let mut request = SignableRequest::new("POST", "/upload")
        .with_header("Host", "h")
        .with_header("Content-Type", "application/octet-stream")
        .with_header("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
        .with_body(vec![0u8, 1, 2]);
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    request.body = vec![9u8; 10];
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn no_authorization_header_fails() {
    let mut request = signed_create();
    request.remove_header("Authorization");
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::MissingAuthorization)
    );
}

#[test]
fn signing_again_replaces_the_date_and_the_authorization() {
    let mut request = signed_create();
    sign::sign(&mut request, AK, SK, "20240101T001000Z").unwrap();
    let authorizations = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        .count();
    assert_eq!(authorizations, 1);
    assert_eq!(request.header("x-sdk-date"), Some("20240101T001000Z"));
    assert!(verify(&request, SIGNED_AT + 600).is_ok());
}

#[test]
fn signing_rejects_what_could_not_verify() {
    let base = SignableRequest::new("GET", "/").with_header("Host", "h");
    let check = |request: &SignableRequest, ak: &str, sk: &str, date: &str| {
        sign::sign(&mut request.clone(), ak, sk, date).unwrap_err()
    };
    assert_eq!(check(&base, "", SK, DATE), SignError::InvalidAccessKey);
    assert_eq!(check(&base, "A K", SK, DATE), SignError::InvalidAccessKey);
    assert_eq!(check(&base, "A,K", SK, DATE), SignError::InvalidAccessKey);
    assert_eq!(check(&base, AK, "", DATE), SignError::EmptySecretKey);
    assert!(matches!(
        check(&base, AK, SK, "yesterday"),
        SignError::BadDate(_)
    ));
    let no_host = SignableRequest::new("GET", "/");
    assert_eq!(
        check(&no_host, AK, SK, DATE),
        SignError::SignedHeaderAbsent("host".to_owned())
    );
    let bad_name = base.clone().with_header("X Bad", "v");
    assert_eq!(
        check(&bad_name, AK, SK, DATE),
        SignError::InvalidHeaderName("x bad".to_owned())
    );
}

#[test]
fn authorization_values_are_parsed_strictly() {
    let good = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=00ff";
    let parsed = parse_authorization(good).unwrap();
    assert_eq!(parsed.access_key, "AK");
    assert_eq!(parsed.signed_headers, ["host", "x-sdk-date"]);
    assert_eq!(parsed.signature, "00ff");

    let reordered = "SDK-HMAC-SHA256  Signature=00ff,SignedHeaders=Host;X-Sdk-Date ,Access=AK";
    assert_eq!(parse_authorization(reordered).unwrap(), parsed);

    assert_eq!(
        parse_authorization("  "),
        Err(SignError::MissingAuthorization)
    );
    assert_eq!(
        parse_authorization("SDK-HMAC-SM3 Access=AK, SignedHeaders=host, Signature=00"),
        Err(SignError::UnsupportedAlgorithm("SDK-HMAC-SM3".to_owned()))
    );
    assert_eq!(
        parse_authorization(
            "V11-HMAC-SHA256 Credential=AK/20240101/cn-north-4/apig, SignedHeaders=host, Signature=00"
        ),
        Err(SignError::UnsupportedAlgorithm(
            "V11-HMAC-SHA256".to_owned()
        ))
    );
    for malformed in [
        "SDK-HMAC-SHA256",
        "SDK-HMAC-SHA256 Access=AK",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host",
        "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=00",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;date, Signature=00",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;host, Signature=00",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=zz",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=00, Signature=00",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=00, Extra=1",
        "SDK-HMAC-SHA256 Access=AK SignedHeaders=host Signature=00",
    ] {
        assert!(
            matches!(
                parse_authorization(malformed),
                Err(SignError::MalformedAuthorization(_))
            ),
            "{malformed}"
        );
    }
}

#[test]
fn errors_map_to_front_door_bodies() {
    let body = SignError::SignatureMismatch.error_body();
    assert_eq!(body.error_code, "APIGW.0301");
    assert_eq!(
        body.error_msg,
        "Incorrect IAM authentication information: verify aksk signature fail"
    );
    let body = SignError::UnknownAccessKey("AKX".to_owned()).error_body();
    assert_eq!(
        body.error_msg,
        "Incorrect IAM authentication information: ak AKX not exist"
    );
    let skew = SignError::ClockSkew { skew_seconds: -901 };
    assert_eq!(skew.http_status(), 401);
    assert!(skew.error_body().error_msg.contains("signature expired"));
}

#[test]
fn sdk_dates_format_from_epoch_seconds() {
    assert_eq!(sign::format_sdk_date(SIGNED_AT).unwrap(), DATE);
    assert_eq!(sign::parse_sdk_date(DATE), Ok(SIGNED_AT));
}

/// Hex SHA-256 of a non-empty body, to declare it as the payload hash.
fn sha256_hex(bytes: &[u8]) -> String {
    sign::payload_hash(&SignableRequest::new("POST", "/").with_body(bytes.to_vec()))
}

#[test]
fn an_unsigned_declared_hash_does_not_cover_another_body() {
    // Signed over the original body; then the body is replaced and an unsigned
    // X-Sdk-Content-Sha256 of the original is added.
    let mut request = signed_create();
    let original = request.body.clone();
    request.body = br#"{"instance_name": "attacker", "spec_id": "BASIC"}"#.to_vec();
    request
        .headers
        .push(("X-Sdk-Content-Sha256".to_owned(), sha256_hex(&original)));
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::SignatureMismatch)
    );
}

#[test]
fn a_signed_declared_hash_must_be_the_bodys() {
    let zeros = "0".repeat(64);
    let mut request = SignableRequest::new("POST", format!("/v2/{PROJECT}/apigw/instances"))
        .with_header("Host", "h")
        .with_header("Content-Type", "application/json")
        .with_header("X-Sdk-Content-Sha256", &zeros)
        .with_body(r#"{"instance_name": "any"}"#);
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    assert_eq!(
        verify(&request, SIGNED_AT),
        Err(SignError::PayloadHashMismatch)
    );
    // The body's own hash, declared and signed, verifies and covers the body.
    let body = request.body.clone();
    request.set_header("X-Sdk-Content-Sha256", &sha256_hex(&body));
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    let verified = verify(&request, SIGNED_AT).unwrap();
    assert_eq!(verified.payload, sign::Payload::Signed);
    assert_eq!(verified.require_signed_body(), Ok(()));
}

#[test]
fn an_unsigned_payload_verifies_but_is_refused_where_the_body_must_be_signed() {
    let mut request = SignableRequest::new("POST", "/upload")
        .with_header("Host", "h")
        .with_header("Content-Type", "text/plain")
        .with_header("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
        .with_body("text");
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    request.body = br#"{"instance_name": "attacker"}"#.to_vec();
    let verified = verify(&request, SIGNED_AT).unwrap();
    assert_eq!(verified.payload, sign::Payload::Unsigned);
    assert_eq!(
        verified.require_signed_body(),
        Err(SignError::UnsignedPayload)
    );
    let message = SignError::UnsignedPayload.error_body().error_msg;
    assert!(message.contains("UNSIGNED-PAYLOAD"), "{message}");
}

#[test]
fn repeated_signed_headers_authorization_and_project_are_refused() {
    let insert_first = |name: &str, value: &str| {
        let mut request = signed_create();
        request
            .headers
            .insert(0, (name.to_owned(), value.to_owned()));
        verify(&request, SIGNED_AT)
    };
    // An unsigned project header before the signed one (a reader taking the first copy would
    // switch projects).
    assert_eq!(
        insert_first("X-Project-Id", "ffffffffffffffffffffffffffffffff"),
        Err(SignError::RepeatedHeader("x-project-id".to_owned()))
    );
    assert_eq!(
        insert_first("host", "evil:1"),
        Err(SignError::RepeatedHeader("host".to_owned()))
    );
    assert_eq!(
        insert_first("USER-AGENT", "curl/8"),
        Err(SignError::RepeatedHeader("user-agent".to_owned()))
    );
    let authorization = signed_create().header("Authorization").unwrap().to_owned();
    assert_eq!(
        insert_first("Authorization", &authorization),
        Err(SignError::RepeatedHeader("authorization".to_owned()))
    );
    // The same copy twice is refused too: the count matters, not the values.
    assert_eq!(
        insert_first("X-Project-Id", PROJECT),
        Err(SignError::RepeatedHeader("x-project-id".to_owned()))
    );
    let body = SignError::RepeatedHeader("host".to_owned()).error_body();
    assert_eq!(body.error_code, "APIGW.0301");
    assert!(
        body.error_msg.contains("`host` is sent more than once"),
        "{}",
        body.error_msg
    );
    // Repeated headers that are not signed stay allowed (HTTP libraries add such).
    let mut request = signed_create();
    request.headers.push(("Accept".to_owned(), "a".to_owned()));
    request.headers.push(("Accept".to_owned(), "b".to_owned()));
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn repeated_query_keys_are_found() {
    assert_eq!(sign::repeated_query_key(""), None);
    assert_eq!(sign::repeated_query_key("limit=1&offset=2"), None);
    assert_eq!(
        sign::repeated_query_key("limit=1&offset=0&limit=2"),
        Some("limit".to_owned())
    );
    // Keys compare decoded, as the canonical query sees them.
    assert_eq!(
        sign::repeated_query_key("a%62=1&ab=2"),
        Some("ab".to_owned())
    );
    assert_eq!(sign::repeated_query_key("x&x="), Some("x".to_owned()));
}

#[test]
fn header_values_keep_every_byte() {
    assert_eq!(sign::header_value_text(b"plain"), "plain");
    assert_eq!(sign::header_value_text("网关".as_bytes()), "网关");
    // Not UTF-8: each byte is one ISO-8859-1 character, as Python's HTTP client sent it.
    assert_eq!(sign::header_value_text(b"caf\xe9"), "café");
    // A signature over such a value verifies from the bytes on the wire.
    let mut request = signed_create();
    request.set_header("X-Note", "café");
    sign::sign(&mut request, AK, SK, DATE).unwrap();
    request.set_header("X-Note", &sign::header_value_text(b"caf\xe9"));
    assert!(verify(&request, SIGNED_AT).is_ok());
}

#[test]
fn the_head_is_checked_without_the_body() {
    let mut request = signed_create();
    let body = std::mem::take(&mut request.body);
    let head = sign::verify_head(&request, lookup, SIGNED_AT).unwrap();
    assert_eq!(head.access_key(), AK);
    // Its debug form names the key and the date, never the secret key.
    let debug = format!("{head:?}");
    assert!(debug.starts_with("VerifiedHead {"), "{debug}");
    assert!(debug.contains(AK) && debug.contains(DATE), "{debug}");
    assert!(!debug.contains(SK), "{debug}");
    // Without its body the signature does not match; with it, it does.
    assert_eq!(
        sign::verify_body(&head, &request),
        Err(SignError::SignatureMismatch)
    );
    request.body = body;
    assert!(sign::verify_body(&head, &request).is_ok());
    // An unknown key or a stale date fails at the head.
    assert!(matches!(
        sign::verify_head(&request, |_| None, SIGNED_AT),
        Err(SignError::UnknownAccessKey(_))
    ));
    assert!(matches!(
        sign::verify_head(&request, lookup, SIGNED_AT + 3600),
        Err(SignError::ClockSkew { .. })
    ));
}
