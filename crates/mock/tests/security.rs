//! What a client must not be able to do: alter a signed request, switch projects with a
//! second header, reorder a repeated query key, make the server hold a body it has not
//! authenticated, flood the faults, learn of another account's gateway IDs, read files outside
//! the served console, or read the development secret key from another user account.

mod common;

use std::time::Duration;

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use apig_core::sign::{self, SignableRequest, format_sdk_date, sign};
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use common::{
    AK, Answer, Harness, OTHER_AK, OTHER_PROJECT, OTHER_SK, PROJECT, SK, START_MS, Signer,
    create_body, instance_uri, instances_uri,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The headers of a request signed like the SDK, with `extra` headers signed too.
fn signed_with(
    extra: &[(&str, &str)],
    method: &str,
    uri: &str,
    body: &[u8],
) -> Vec<(String, String)> {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut request = SignableRequest::new(method, path)
        .with_query(query)
        .with_header("Host", "127.0.0.1:8090")
        .with_header("X-Project-Id", PROJECT)
        .with_body(body.to_vec());
    for (name, value) in extra {
        request = request.with_header(*name, *value);
    }
    let date = format_sdk_date(i64::try_from(START_MS / 1000).unwrap()).unwrap();
    sign(&mut request, AK, SK, &date).unwrap();
    request.headers
}

fn build(method: &str, uri: &str, headers: &[(String, String)], body: &[u8]) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(Body::from(body.to_vec())).unwrap()
}

/// Hex SHA-256 of a non-empty body, to declare it as the payload hash.
fn sha256_hex(bytes: &[u8]) -> String {
    sign::payload_hash(&SignableRequest::new("POST", "/").with_body(bytes.to_vec()))
}

fn assert_refused(answer: &Answer, why: &str) {
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "{why}: {}",
        answer.body
    );
    assert_eq!(answer.code(), "APIGW.0301", "{why}");
}

async fn gateway_names(h: &Harness) -> Vec<String> {
    let list = h.send("GET", &instances_uri(), None).await;
    list.body["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["instance_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_signed_body_cannot_be_replaced() {
    let h = Harness::new(CreationSpeed::Instant);
    let uri = instances_uri();
    let signed_body = create_body("gw-signed").to_string().into_bytes();
    let other_body = create_body("gw-attacker").to_string().into_bytes();

    // Signed for one body, resent with another plus an unsigned hash of the signed one.
    let mut headers = Signer::default().headers("POST", &uri, &signed_body);
    headers.push(("X-Sdk-Content-Sha256".into(), sha256_hex(&signed_body)));
    let answer = h.call(build("POST", &uri, &headers, &other_body)).await;
    assert_refused(&answer, "unsigned declared hash");

    // A signed declared hash that is not the body's.
    let zeros = "0".repeat(64);
    let headers = signed_with(
        &[
            ("Content-Type", "application/json"),
            ("X-Sdk-Content-Sha256", &zeros),
        ],
        "POST",
        &uri,
        &other_body,
    );
    let answer = h.call(build("POST", &uri, &headers, &other_body)).await;
    assert_refused(&answer, "declared hash of zeros");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("SHA-256")
    );

    // Signed as UNSIGNED-PAYLOAD text, then given a JSON body: a JSON route refuses it.
    let headers = signed_with(
        &[
            ("Content-Type", "text/plain"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
        ],
        "POST",
        &uri,
        b"text",
    );
    let answer = h.call(build("POST", &uri, &headers, &other_body)).await;
    assert_refused(&answer, "UNSIGNED-PAYLOAD");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("UNSIGNED-PAYLOAD")
    );

    assert!(gateway_names(&h).await.is_empty(), "nothing was created");
    // The body's own hash, declared and signed (as the SDK may), is accepted.
    let headers = signed_with(
        &[
            ("Content-Type", "application/json"),
            ("X-Sdk-Content-Sha256", &sha256_hex(&signed_body)),
        ],
        "POST",
        &uri,
        &signed_body,
    );
    let answer = h.call(build("POST", &uri, &headers, &signed_body)).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
}

#[tokio::test]
async fn a_second_copy_of_a_header_is_refused() {
    let h = Harness::new(CreationSpeed::Instant);
    // Signed with X-Project-Id = the credential's project for another project's path: 403.
    // An unsigned X-Project-Id of the path's project placed first must not make it pass.
    let uri = format!("/v2/{}/apigw/instances", ids::CN1_PROJECT);
    let signed = Signer::default().headers("GET", &uri, b"");
    let alone = h.call(build("GET", &uri, &signed, b"")).await;
    assert_eq!(alone.status, StatusCode::FORBIDDEN, "{}", alone.body);
    let mut headers = vec![("X-Project-Id".to_owned(), ids::CN1_PROJECT.to_owned())];
    headers.extend(signed);
    let answer = h.call(build("GET", &uri, &headers, b"")).await;
    assert_refused(&answer, "second X-Project-Id");
    assert!(
        answer.body["error_msg"]
            .as_str()
            .unwrap()
            .contains("x-project-id` is sent more than once"),
        "{}",
        answer.body
    );

    let uri = instances_uri();
    let signed = Signer::default().headers("GET", &uri, b"");
    for (name, value) in [
        ("Host", "evil.example:1".to_owned()),
        (
            "Authorization",
            signed
                .iter()
                .find(|(n, _)| n == "Authorization")
                .unwrap()
                .1
                .clone(),
        ),
    ] {
        let mut headers = vec![(name.to_owned(), value)];
        headers.extend(signed.clone());
        let answer = h.call(build("GET", &uri, &headers, b"")).await;
        assert_refused(&answer, name);
    }
    let answer = h.call(build("GET", &uri, &signed, b"")).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn a_repeated_query_key_is_refused() {
    let h = Harness::new(CreationSpeed::Instant);
    h.create_ok("gw-one").await;
    h.create_ok("gw-two").await;
    for query in [
        "limit=1&limit=2",
        "limit=2&limit=1",
        "offset=0&limit=1&offset=1",
    ] {
        let uri = format!("{}?{query}", instances_uri());
        let answer = h.send("GET", &uri, None).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            answer.body
        );
        assert_eq!(answer.code(), "APIC.7211", "{query}");
        assert!(
            answer.body["error_msg"]
                .as_str()
                .unwrap()
                .contains("more than once")
        );
    }
    let answer = h
        .send(
            "GET",
            &format!("{}?limit=1&offset=1", instances_uri()),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn an_unauthenticated_body_is_not_read() {
    let h = Harness::new(CreationSpeed::Instant);
    let address = common::serve(h.app.clone()).await;
    // An unsigned POST announcing 12 MB − 1 and sending none of it: refused at once.
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        instances_uri(),
        12 * 1024 * 1024 - 1
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("answered before any of the body was sent")
        .unwrap();
    let text = String::from_utf8_lossy(&answer[..read]);
    assert!(text.starts_with("HTTP/1.1 401"), "{text}");
    assert!(text.contains("APIGW.0301"), "{text}");
}

#[tokio::test]
async fn faults_are_capped_and_answered_with_counts() {
    let h = Harness::new(CreationSpeed::Instant);
    let faults = format!("/_mock/{PROJECT}/faults");
    let error = json!({"route": "/v2/{project_id}/apigw/instances", "status": 503,
                       "error_code": "APIC.9999", "error_msg": "injected"});
    let added = h
        .send(
            "POST",
            &faults,
            Some(&json!({"next_errors": vec![error.clone(); 60]})),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(
        added.body["next_errors"], 60,
        "a count, not the list: {}",
        added.body
    );
    let refused = [
        ("latency_ms", json!({"latency_ms": u64::MAX})),
        ("latency_ms", json!({"latency_ms": 30_001})),
        (
            "next_errors",
            json!({"next_errors": vec![error.clone(); 41]}),
        ),
        (
            "error_msg",
            json!({"next_error": {"route": "/x", "status": 500, "error_code": "E",
                                  "error_msg": "m".repeat(1025)}}),
        ),
    ];
    for (field, body) in refused {
        let answer = h.send("POST", &faults, Some(&body)).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{field}: {}",
            answer.body
        );
        assert_eq!(answer.code(), "APIC.7211");
        assert!(
            answer.body["error_msg"].as_str().unwrap().contains(field),
            "{}",
            answer.body
        );
    }
    let stored = h.send("GET", &faults, None).await;
    assert_eq!(stored.body["next_errors"].as_array().unwrap().len(), 60);
    assert_eq!(
        stored.body["latency_ms"], 0,
        "a refused post changes nothing"
    );
    let added = h
        .send(
            "POST",
            &faults,
            Some(&json!({"next_errors": vec![error; 40], "latency_ms": 30_000})),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(
        added.body,
        json!({"create_failure": null, "next_errors": 100, "latency_ms": 30_000})
    );
}

#[tokio::test]
async fn two_accounts_may_hold_the_same_gateway_id() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = "00112233445566778899aabbccddeeff";
    let mut body = create_body("gw-mine");
    body["instance_id"] = json!(id);
    let mine = h.send("POST", &instances_uri(), Some(&body)).await;
    assert_eq!(mine.status, StatusCode::ACCEPTED, "{}", mine.body);

    let other = Signer {
        ak: OTHER_AK.into(),
        sk: OTHER_SK.into(),
        project: Some(OTHER_PROJECT.into()),
        ..Signer::default()
    };
    let other_call = |method: &str, uri: String, body: Option<&Value>| {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        h.call(other.request(method, &uri, &bytes))
    };
    let other_uri = format!("/v2/{OTHER_PROJECT}/apigw/instances");
    body["instance_name"] = json!("gw-theirs");
    let theirs = other_call("POST", other_uri.clone(), Some(&body)).await;
    assert_eq!(
        theirs.status,
        StatusCode::ACCEPTED,
        "another account's ID is not taken: {}",
        theirs.body
    );
    body["instance_name"] = json!("gw-theirs-too");
    let again = other_call("POST", other_uri.clone(), Some(&body)).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert_eq!(
        again.code(),
        "APIC.7505",
        "the same ID twice in one account"
    );

    let deleted = other_call("DELETE", format!("{other_uri}/{id}"), None).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    h.advance(60_000);
    let gone = other_call("GET", format!("{other_uri}/{id}"), None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let kept = h.send("GET", &instance_uri(id), None).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    assert_eq!(kept.body["instance_name"], "gw-mine");
}

#[tokio::test]
async fn every_answer_says_nosniff() {
    let h = Harness::new(CreationSpeed::Instant);
    let health = h
        .call(Request::get("/health").body(Body::empty()).unwrap())
        .await;
    let unsigned = h
        .call(Request::get(instances_uri()).body(Body::empty()).unwrap())
        .await;
    let signed = h.send("GET", &instances_uri(), None).await;
    let unknown = h
        .call(Request::get("/nowhere").body(Body::empty()).unwrap())
        .await;
    for answer in [health, unsigned, signed, unknown] {
        assert_eq!(
            answer
                .headers
                .get("x-content-type-options")
                .map(HeaderValue::as_bytes),
            Some(&b"nosniff"[..]),
            "{}",
            answer.status
        );
    }
}

#[tokio::test]
async fn a_header_value_that_is_not_ascii_is_verified_from_its_bytes() {
    let h = Harness::new(CreationSpeed::Instant);
    let uri = instances_uri();
    // Signed over a text, sent as bytes: "café" as Python's HTTP client sends it (the
    // ISO-8859-1 byte E9), and UTF-8.
    let cases: [(&str, &[u8]); 2] = [("café", b"caf\xe9"), ("网关", "网关".as_bytes())];
    for (text, wire) in cases {
        let headers: Vec<(String, String)> = signed_with(&[("X-Note", text)], "GET", &uri, b"")
            .into_iter()
            .filter(|(name, _)| name != "X-Note")
            .collect();
        let mut request = build("GET", &uri, &headers, b"");
        request
            .headers_mut()
            .insert("x-note", HeaderValue::from_bytes(wire).unwrap());
        let answer = h.call(request).await;
        assert_eq!(answer.status, StatusCode::OK, "{text}: {}", answer.body);
    }
}

#[cfg(unix)]
#[test]
fn development_credentials_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (_, source) = apig_mock::config::Credentials::development(dir.path()).unwrap();
    let apig_mock::config::CredentialSource::Development { path, .. } = source else {
        panic!("not the development file");
    };
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[cfg(unix)]
#[tokio::test]
async fn the_console_serves_nothing_outside_its_folder_and_cannot_be_framed() {
    use std::os::unix::fs::symlink;
    use tower::ServiceExt;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "outside secret").unwrap();
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!DOCTYPE html><title>c</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "js").unwrap();
    symlink(
        outside.path().join("secret.txt"),
        dist.path().join("leak.txt"),
    )
    .unwrap();
    symlink(outside.path(), dist.path().join("assets")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        dist.path().join("app.js.br"),
    )
    .unwrap();
    let state = apig_mock::AppState::build(
        apig_mock::Store::open(":memory:").unwrap(),
        common::credentials(),
        CreationSpeed::Instant,
        std::sync::Arc::new(|| START_MS),
        Some(dist.path().to_path_buf()),
    );
    let app = apig_mock::app(state);
    let get = |uri: &str| {
        let request = Request::get(uri)
            .header("accept-encoding", "br")
            .body(Body::empty())
            .unwrap();
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await.unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let body = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, headers, String::from_utf8_lossy(&body).into_owned())
        }
    };
    for uri in ["/leak.txt", "/assets/secret.txt", "/app.js"] {
        let (status, _, body) = get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert!(!body.contains("outside secret"), "{uri}");
    }
    for uri in ["/", "/index.html", "/gateways/buy"] {
        let (status, headers, body) = get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains("<title>c</title>"), "{uri}");
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert!(
            header("content-security-policy").contains("frame-ancestors 'none'"),
            "{uri}"
        );
        assert_eq!(header("referrer-policy"), "no-referrer", "{uri}");
    }
}
