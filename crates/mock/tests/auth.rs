//! The front door: signature failures → 401 `APIGW.0301`, project mismatches → 403, bodies over
//! 12 MB → 413, and an `X-Request-Id` on every answer.

mod common;

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{AK, Harness, OTHER_AK, OTHER_SK, PROJECT, Signer, create_body, instances_uri};

/// Rebuilds a signed request with one header replaced or removed.
fn tamper(headers: &[(String, String)], name: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    if let Some(v) = value {
        out.push((name.to_owned(), v.to_owned()));
    }
    out
}

fn build(method: &str, uri: &str, headers: &[(String, String)], body: &[u8]) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    for (n, v) in headers {
        builder = builder.header(n, v);
    }
    builder.body(Body::from(body.to_vec())).unwrap()
}

/// (what, headers, body) of one attempt.
type Attempt = (&'static str, Vec<(String, String)>, Vec<u8>);

// One table of every signature failure; splitting it would scatter the cases.
#[allow(clippy::too_many_lines)]
#[tokio::test]
async fn signature_failures_are_401_apigw_0301_with_request_id() {
    let h = Harness::new(CreationSpeed::Instant);
    let uri = instances_uri();
    let body = create_body("gw-auth").to_string().into_bytes();
    let signer = Signer::default().at(h.now_ms());
    let good = signer.headers("POST", &uri, &body);
    let auth = good
        .iter()
        .find(|(n, _)| n == "Authorization")
        .unwrap()
        .1
        .clone();

    let wrong_sk = Signer {
        sk: "not-the-secret".into(),
        ..signer.clone()
    };
    let unknown_ak = Signer {
        ak: "AKNOBODY".into(),
        ..signer.clone()
    };
    let old = signer.clone().at(h.now_ms() - 16 * 60 * 1000);
    let future = signer.clone().at(h.now_ms() + 16 * 60 * 1000);
    let cases: Vec<Attempt> = vec![
        (
            "no Authorization",
            tamper(&good, "Authorization", None),
            body.clone(),
        ),
        (
            "wrong SK",
            wrong_sk.headers("POST", &uri, &body),
            body.clone(),
        ),
        (
            "unknown AK",
            unknown_ak.headers("POST", &uri, &body),
            body.clone(),
        ),
        ("tampered body", good.clone(), {
            let mut b = body.clone();
            b[20] ^= 1;
            b
        }),
        (
            "body added",
            signer.headers("POST", &uri, b""),
            body.clone(),
        ),
        (
            "date changed",
            tamper(&good, "X-Sdk-Date", Some("20240101T000001Z")),
            body.clone(),
        ),
        ("no date", tamper(&good, "X-Sdk-Date", None), body.clone()),
        (
            "garbled date",
            tamper(&good, "X-Sdk-Date", Some("yesterday")),
            body.clone(),
        ),
        ("16 min old", old.headers("POST", &uri, &body), body.clone()),
        (
            "16 min ahead",
            future.headers("POST", &uri, &body),
            body.clone(),
        ),
        (
            "host changed",
            tamper(&good, "Host", Some("evil:1")),
            body.clone(),
        ),
        (
            "signed header missing",
            tamper(&good, "Content-Type", None),
            body.clone(),
        ),
        (
            "host not signed",
            tamper(
                &good,
                "Authorization",
                Some(&auth.replace("content-type;host;", "content-type;")),
            ),
            body.clone(),
        ),
        (
            "other algorithm",
            tamper(
                &good,
                "Authorization",
                Some(&auth.replace("SDK-HMAC-SHA256", "SDK-HMAC-SM3")),
            ),
            body.clone(),
        ),
        (
            "garbage Authorization",
            tamper(&good, "Authorization", Some("Bearer x")),
            body.clone(),
        ),
        (
            "signature changed",
            tamper(
                &good,
                "Authorization",
                Some(&format!("{}0", &auth[..auth.len() - 1])),
            ),
            body.clone(),
        ),
    ];
    for (what, headers, body) in cases {
        let answer = h.call(build("POST", &uri, &headers, &body)).await;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{what}: {}",
            answer.body
        );
        assert_eq!(answer.code(), "APIGW.0301", "{what}");
        let id = answer.headers["x-request-id"].to_str().unwrap();
        assert_eq!(answer.body["request_id"], id, "{what}");
    }
    let unknown = h.call(unknown_ak.request("POST", &uri, &body)).await;
    assert_eq!(
        unknown.body["error_msg"],
        "Incorrect IAM authentication information: ak AKNOBODY not exist"
    );
    // Within ±15 minutes the same request passes; nothing refused above was created.
    let near = signer.clone().at(h.now_ms() - 14 * 60 * 1000);
    let answer = h.call(near.request("POST", &uri, &body)).await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
    let list = h.send("GET", &uri, None).await;
    assert_eq!(list.body["total"], 1);
}

#[tokio::test]
async fn sdk_style_json_with_spaces_and_charset_verifies_against_raw_bytes() {
    let h = Harness::new(CreationSpeed::Instant);
    let body = format!(
        "{{\"instance_name\": \"gw-py\", \"spec_id\": \"BASIC\", \"vpc_id\": \"{}\", \"subnet_id\": \"{}\", \"security_group_id\": \"{}\", \"available_zone_ids\": [\"cn-north-4a\"]}}",
        ids::CN4_VPC_MAIN,
        ids::CN4_SUBNET_ROOMY,
        ids::CN4_SG_WEB
    );
    let signer = Signer {
        content_type: Some("application/json;charset=utf-8".into()),
        ..Signer::default()
    }
    .at(h.now_ms());
    let answer = h
        .call(signer.request("POST", &instances_uri(), body.as_bytes()))
        .await;
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{}", answer.body);
}

#[tokio::test]
async fn the_path_project_must_be_the_header_and_the_callers() {
    let h = Harness::new(CreationSpeed::Instant);
    let now = h.now_ms();
    // Header differs from the path.
    let mismatch = Signer {
        project: Some(ids::CN1_PROJECT.into()),
        ..Signer::default()
    }
    .at(now);
    let answer = h.call(mismatch.request("GET", &instances_uri(), b"")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.code(), "APIC.7130");
    // No header at all.
    let absent = Signer {
        project: None,
        ..Signer::default()
    }
    .at(now);
    let answer = h.call(absent.request("GET", &instances_uri(), b"")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // Another credential's project, consistently in path and header.
    let foreign = Signer {
        project: Some(common::OTHER_PROJECT.into()),
        ..Signer::default()
    }
    .at(now);
    let uri = format!("/v2/{}/apigw/instances", common::OTHER_PROJECT);
    let answer = h.call(foreign.request("GET", &uri, b"")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.code(), "APIC.7130");
    // The owner of that project sees an empty, separate account.
    h.create_ok("gw-mine").await;
    let owner = Signer {
        ak: OTHER_AK.into(),
        sk: OTHER_SK.into(),
        project: Some(common::OTHER_PROJECT.into()),
        ..Signer::default()
    }
    .at(now);
    let answer = h.call(owner.request("GET", &uri, b"")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["total"], 0);
    // And cannot read ours.
    let answer = h.call(owner.request("GET", &instances_uri(), b"")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(AK.len(), 16);
}

#[tokio::test]
async fn bodies_over_12_mb_are_413_with_an_error_body() {
    let h = Harness::new(CreationSpeed::Instant);
    let mut big = b"{\"description\": \"".to_vec();
    big.resize(12 * 1024 * 1024 + 10, b'a');
    big.extend_from_slice(b"\"}");
    let answer = h.call(h.signed("POST", &instances_uri(), &big)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.code(), "APIGW.0201");
    assert!(answer.headers.contains_key("x-request-id"));
    // Without a Content-Length (streamed), the limit still holds.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.chunks(1 << 20).map(|c| Ok(c.to_vec())).collect();
    let mut request = h.signed("POST", &instances_uri(), &big);
    *request.body_mut() = Body::from_stream(Chunks(chunks.into_iter()));
    request.headers_mut().remove("content-length");
    let answer = h.call(request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the limit is read (and then refused for its content, not its size).
    let mut fits = b"{\"instance_name\": \"".to_vec();
    fits.resize(12 * 1024 * 1024 - 10, b'a');
    fits.extend_from_slice(b"\"}");
    let answer = h.call(h.signed("POST", &instances_uri(), &fits)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.code().starts_with("APIC.72"), "{}", answer.body);
}

/// A body stream without a known length.
struct Chunks(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Vec<u8>, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn every_answer_has_a_request_id() {
    let h = Harness::new(CreationSpeed::Instant);
    let id = h.create_ok("gw-rid").await;
    let mut seen = std::collections::HashSet::new();
    for (method, uri) in [
        ("GET", instances_uri()),
        ("GET", common::instance_uri(&id)),
        ("GET", common::instance_uri("nope")),
        ("GET", format!("/v2/{PROJECT}/apigw/available-zones")),
        ("DELETE", common::instance_uri(&id)),
        ("GET", "/missing".to_owned()),
    ] {
        let answer = h.call(h.signed(method, &uri, b"")).await;
        let rid = answer.headers["x-request-id"].to_str().unwrap().to_owned();
        assert_eq!(rid.len(), 32, "{method} {uri}");
        assert!(seen.insert(rid), "request IDs are unique");
    }
}
