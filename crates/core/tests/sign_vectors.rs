//! The five test vectors A–E of docs/reference.md (Signing), computed with the Python SDK's
//! `Signer`.

use apig_core::sign::{
    self, SignableRequest, canonical_query, canonical_request, signed_header_names, string_to_sign,
};
use std::fmt::Write;

use sha2::{Digest, Sha256};

const AK: &str = "AKEXAMPLE0000000000";
const SK: &str = "SKEXAMPLE0000000000000000000000000000000";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const DATE: &str = "20240101T000000Z";
const HOST: &str = "apig.cn-north-4.myhuaweicloud.com";
const SIGNED: &str = "content-type;host;x-project-id;x-sdk-date";

fn request(method: &str, path_after_apigw: &str) -> SignableRequest {
    SignableRequest::new(method, format!("/v2/{PROJECT}/apigw{path_after_apigw}"))
        .with_header("Content-Type", "application/json")
        .with_header("X-Project-Id", PROJECT)
        .with_header("X-Sdk-Date", DATE)
        .with_header("Host", HOST)
}

fn vector_a() -> SignableRequest {
    request("POST", "/instances").with_body(
        r#"{"instance_name":"apig-demo","spec_id":"BASIC","vpc_id":"vpc-1","subnet_id":"subnet-1","security_group_id":"sg-1","available_zone_ids":["cn-north-4a"]}"#,
    )
}

fn vector_b() -> SignableRequest {
    request("GET", "/instances").with_query("limit=20&offset=0")
}

fn vector_c() -> SignableRequest {
    request("DELETE", "/instances/6a7d71827fd54572b1f31aa9548fcc81")
}

fn vector_d() -> SignableRequest {
    request("GET", "/instances").with_query_pairs([("instance_name", "my gw/1"), ("limit", "10")])
}

fn vector_e() -> SignableRequest {
    request("PUT", "/instances/6a7d71827fd54572b1f31aa9548fcc81")
        .with_body(r#"{"description":"网关"}"#.as_bytes())
}

fn hash_of_canonical_request(request: &SignableRequest) -> String {
    let signed = signed_header_names(&request.headers);
    let canonical = canonical_request(request, &signed).expect("all signed headers are present");
    let to_sign = string_to_sign(&canonical, DATE);
    let hash = to_sign.lines().nth(2).expect("three lines").to_owned();
    assert_eq!(hash, hex_sha256(canonical.as_bytes()));
    hash
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut text, byte| {
            write!(text, "{byte:02x}").unwrap();
            text
        })
}

fn authorization(mut request: SignableRequest) -> String {
    sign::sign(&mut request, AK, SK, DATE).expect("the vector signs")
}

fn expected_authorization(signature: &str) -> String {
    format!("SDK-HMAC-SHA256 Access={AK}, SignedHeaders={SIGNED}, Signature={signature}")
}

#[test]
fn vector_a_canonical_request_is_exact() {
    let request = vector_a();
    let signed = signed_header_names(&request.headers);
    assert_eq!(signed.join(";"), SIGNED);
    let canonical = canonical_request(&request, &signed).unwrap();
    let expected = "POST\n\
/v2/0123456789abcdef0123456789abcdef/apigw/instances/\n\
\n\
content-type:application/json\n\
host:apig.cn-north-4.myhuaweicloud.com\n\
x-project-id:0123456789abcdef0123456789abcdef\n\
x-sdk-date:20240101T000000Z\n\
\n\
content-type;host;x-project-id;x-sdk-date\n\
48aee47406cdfcb2380543ba60036f82e63f42f166428c88677f32960efaaecd";
    assert_eq!(canonical, expected);
}

#[test]
fn vector_a_string_to_sign_is_exact() {
    let request = vector_a();
    let signed = signed_header_names(&request.headers);
    let canonical = canonical_request(&request, &signed).unwrap();
    assert_eq!(
        string_to_sign(&canonical, DATE),
        "SDK-HMAC-SHA256\n20240101T000000Z\nc11ce55a42f339980dfb7eb7d28e2da0aa9e24dbc5d2b96c4578d0fae4de5fe4"
    );
}

#[test]
fn vector_a_authorization() {
    assert_eq!(
        authorization(vector_a()),
        expected_authorization("419230f22ab363ce1a3b731531497d043a73df5080137a361504a6674b851f24")
    );
}

#[test]
fn vector_b_query_hash_and_signature() {
    let request = vector_b();
    assert_eq!(canonical_query(&request.query), "limit=20&offset=0");
    assert_eq!(
        hash_of_canonical_request(&request),
        "5c5adf0aeb657b6ce81d4bd71afc2bd5203ba9b4b0460b8d1696bb24241be146"
    );
    assert_eq!(
        authorization(request),
        expected_authorization("ac841e506da3bc5e3a874086bbc5e34c456e92f2044ceaaa386a3bc9f686096b")
    );
}

#[test]
fn vector_b_query_order_on_the_wire_does_not_matter() {
    let reordered = request("GET", "/instances").with_query("offset=0&limit=20");
    assert_eq!(
        authorization(reordered),
        expected_authorization("ac841e506da3bc5e3a874086bbc5e34c456e92f2044ceaaa386a3bc9f686096b")
    );
}

#[test]
fn vector_c_signature() {
    assert_eq!(
        authorization(vector_c()),
        expected_authorization("fadc6df3d4042e1f624ba5c6c42b4644e95ceb0b6f373f29e86c8ed3e707c5e9")
    );
}

#[test]
fn vector_d_query_encoding_and_signature() {
    let request = vector_d();
    assert_eq!(request.query, "instance_name=my%20gw%2F1&limit=10");
    assert_eq!(canonical_query(&request.query), request.query);
    assert_eq!(
        authorization(request),
        expected_authorization("d85a59083b24351c016a4c03f88fe8fccba19584cb541ae0d04d23a74cee7909")
    );
}

#[test]
fn vector_e_utf8_body_signature() {
    assert_eq!(
        authorization(vector_e()),
        expected_authorization("2d32fcaf29f826a5b155715dae5b5d2e3da04c628091c970c228d6f281fb05ca")
    );
}

#[test]
fn every_vector_verifies_at_its_date() {
    let now = sign::parse_sdk_date(DATE).unwrap();
    for mut request in [vector_a(), vector_b(), vector_c(), vector_d(), vector_e()] {
        sign::sign(&mut request, AK, SK, DATE).unwrap();
        let verified = sign::verify(&request, |ak| (ak == AK).then(|| SK.to_owned()), now)
            .expect("a vector verifies");
        assert_eq!(verified.access_key, AK);
        assert_eq!(verified.signed_headers.join(";"), SIGNED);
    }
}
