//! Property tests of the signer: it never panics, and what it signs verifies.

use apig_core::sign::{self, SignError, SignableRequest};
use proptest::prelude::*;

const AK: &str = "AKPROP";
const SK: &str = "SKPROP";

fn header_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9-]{0,15}"
}

proptest! {
    #[test]
    fn parsing_any_authorization_never_panics(value in any::<String>()) {
        let _ = sign::parse_authorization(&value);
    }

    #[test]
    fn parsing_authorization_shaped_text_never_panics(
        value in "SDK-HMAC-SHA256[ ,;=A-Za-z0-9-]{0,80}"
    ) {
        let _ = sign::parse_authorization(&value);
    }

    #[test]
    fn canonical_parts_never_panic(path in any::<String>(), query in any::<String>(), date in any::<String>()) {
        let _ = sign::canonical_uri(&path);
        let _ = sign::canonical_query(&query);
        let _ = sign::parse_sdk_date(&date);
    }

    #[test]
    fn canonical_uri_always_ends_with_a_slash_and_is_stable(path in any::<String>()) {
        let once = sign::canonical_uri(&path);
        prop_assert!(once.ends_with('/'));
        prop_assert!(once.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%/".contains(&b)));
        // Canonicalising a canonical path changes nothing.
        prop_assert_eq!(sign::canonical_uri(&once), once);
    }

    #[test]
    fn canonical_query_is_stable(query in any::<String>()) {
        let once = sign::canonical_query(&query);
        prop_assert_eq!(sign::canonical_query(&once), once);
    }

    #[test]
    fn verifying_arbitrary_requests_never_panics(
        method in "[A-Za-z]{0,7}",
        path in any::<String>(),
        query in any::<String>(),
        headers in proptest::collection::vec((any::<String>(), any::<String>()), 0..6),
        authorization in any::<String>(),
        body in proptest::collection::vec(any::<u8>(), 0..64),
        now in any::<i64>(),
    ) {
        let mut request = SignableRequest { method, path, query, headers, body };
        request.headers.push(("Authorization".to_owned(), authorization));
        let _ = sign::verify(&request, |_| Some(SK.to_owned()), now);
    }

    #[test]
    fn dates_round_trip(epoch in -62_167_219_200i64..=253_402_300_799) {
        let text = sign::format_sdk_date(epoch).unwrap();
        prop_assert_eq!(sign::parse_sdk_date(&text), Ok(epoch));
    }

    #[test]
    fn what_is_signed_verifies(
        method in prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "patch"]),
        path in any::<String>(),
        pairs in proptest::collection::vec((any::<String>(), any::<String>()), 0..5),
        extra in proptest::collection::vec((header_name(), "[ -~]{0,20}"), 0..4),
        body in proptest::collection::vec(any::<u8>(), 0..256),
        epoch in 0i64..4_102_444_800,
        drift in -900i64..=900,
    ) {
        let mut request = SignableRequest::new(method, path)
            .with_query_pairs(pairs)
            .with_header("Host", "apig.cn-north-4.myhuaweicloud.com")
            .with_body(body);
        // A header sent twice is refused by design (a repeated signed header), so each extra
        // name appears once, case-insensitively, and none is one the signer writes itself.
        for (name, value) in extra {
            let lower = name.to_ascii_lowercase();
            let taken = ["x-sdk-date", "authorization"].contains(&lower.as_str())
                || request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name));
            if !taken {
                request.headers.push((name, value));
            }
        }
        let date = sign::format_sdk_date(epoch).unwrap();
        sign::sign(&mut request, AK, SK, &date).unwrap();
        let verified = sign::verify(&request, |ak| (ak == AK).then(|| SK.to_owned()), epoch + drift);
        prop_assert_eq!(verified.map(|v| v.access_key), Ok(AK.to_owned()));
    }

    #[test]
    fn a_flipped_body_byte_never_verifies(
        body in proptest::collection::vec(any::<u8>(), 1..128),
        index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let mut request = SignableRequest::new("POST", "/v2/p/apigw/instances")
            .with_header("Host", "h")
            .with_body(body);
        sign::sign(&mut request, AK, SK, "20240101T000000Z").unwrap();
        let at = index.index(request.body.len());
        request.body[at] ^= flip;
        let result = sign::verify(&request, |_| Some(SK.to_owned()), 1_704_067_200);
        prop_assert_eq!(result, Err(SignError::SignatureMismatch));
    }
}
