//! The `SDK-HMAC-SHA256` AK/SK signer and verifier of the Huawei Cloud SDKs (docs/reference.md,
//! Signing).
//!
//! Framework-free: a request is a [`SignableRequest`] (method, raw path, raw query, headers, body
//! bytes), so the console (wasm, `fetch`) and the emulator (axum) share one implementation. There
//! is no clock here: the signer takes the `X-Sdk-Date` text and the verifier takes "now" in epoch
//! seconds.
//!
//! The algorithm, step by step (docs/reference.md, Signing):
//! 1. `X-Sdk-Date` = UTC time as `YYYYMMDDTHHMMSSZ`;
//! 2. signed headers = every header name without `_`, lower-cased, sorted, joined by `;`;
//! 3. canonical request = method, [`canonical_uri`], [`canonical_query`], canonical headers,
//!    signed headers and [`payload_hash`], joined by newlines;
//! 4. string to sign = `SDK-HMAC-SHA256`, the date and the hex SHA-256 of the canonical request;
//! 5. signature = hex HMAC-SHA256 keyed with the SK bytes (no key derivation).
//!
//! The verifier rebuilds the canonical request from the header list the client *says* it signed
//! (never a fixed list: the SDK signs a `User-Agent` that varies), insists that `host` and
//! `x-sdk-date` are among them, enforces a ±15 minute window around the server clock and compares
//! signatures in constant time. What the signature covers must be what the server reads, so it
//! also refuses a request that sends a signed header, `Authorization` or `X-Project-Id` more than
//! once (the signature covers one copy, a reader might take another), trusts a declared payload
//! hash only when `x-sdk-content-sha256` is itself signed, and checks a declared hash against the
//! body. It works in two steps, so that a server can refuse a request before reading its body:
//! [`verify_head`] (everything but the body) and [`verify_body`].

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::api::ErrorBody;

/// The algorithm name at the start of the `Authorization` value and of the string to sign.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// Header carrying the signing time, `YYYYMMDDTHHMMSSZ`.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";
/// Header that, when present on a request with a body, replaces the payload hash
/// (the SDK sets it to `UNSIGNED-PAYLOAD` for content types other than JSON).
pub const HEADER_CONTENT_SHA256: &str = "X-Sdk-Content-Sha256";
/// Header carrying the signature.
pub const HEADER_AUTHORIZATION: &str = "Authorization";
/// Header carrying the project ID (docs/reference.md, Signing); a request may carry it once.
pub const HEADER_PROJECT_ID: &str = "X-Project-Id";
/// The declared payload hash of a body that is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// Hex SHA-256 of the empty body.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// Largest accepted distance between `X-Sdk-Date` and the verifier's clock: 15 minutes.
pub const MAX_CLOCK_SKEW_SECONDS: u64 = 15 * 60;

/// Headers that the verifier requires to be covered by the signature.
const REQUIRED_SIGNED_HEADERS: [&str; 2] = ["host", "x-sdk-date"];

type HmacSha256 = Hmac<Sha256>;

/// Why a request could not be signed or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The request has no `Authorization` header (or an empty one).
    #[error("the request has no Authorization header")]
    MissingAuthorization,
    /// The `Authorization` value names another algorithm (`SDK-HMAC-SM3`, `V11-HMAC-SHA256`, …).
    #[error("unsupported signing algorithm `{0}`; only SDK-HMAC-SHA256 is accepted")]
    UnsupportedAlgorithm(String),
    /// The `Authorization` value is not `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
    #[error("malformed Authorization header: {0}")]
    MalformedAuthorization(String),
    /// No secret key is known for the access key.
    #[error("access key `{0}` does not exist")]
    UnknownAccessKey(String),
    /// A header that must be signed (`host`, `x-sdk-date`) is not in `SignedHeaders`.
    #[error("header `{0}` must be listed in SignedHeaders")]
    MissingSignedHeader(String),
    /// A header listed in `SignedHeaders` is not on the request.
    #[error("header `{0}` is listed in SignedHeaders but was not sent")]
    SignedHeaderAbsent(String),
    /// The request has no `X-Sdk-Date` header.
    #[error("the request has no X-Sdk-Date header")]
    MissingDate,
    /// `X-Sdk-Date` is not a valid `YYYYMMDDTHHMMSSZ` UTC time.
    #[error("X-Sdk-Date `{0}` is not a valid YYYYMMDDTHHMMSSZ time")]
    BadDate(String),
    /// `X-Sdk-Date` is more than 15 minutes away from the verifier's clock.
    #[error(
        "signature expired: X-Sdk-Date is {skew_seconds} s away from the server clock (allowed ±900 s)"
    )]
    ClockSkew {
        /// `X-Sdk-Date` minus now, in seconds (negative: the date lies in the past).
        skew_seconds: i64,
    },
    /// The signature does not match the request.
    #[error("the signature does not match the request")]
    SignatureMismatch,
    /// A signed header, `Authorization` or `X-Project-Id` comes more than once: the signature
    /// covers one copy, and a reader might take another.
    #[error(
        "header `{0}` is sent more than once; send each signed header, Authorization and X-Project-Id once"
    )]
    RepeatedHeader(String),
    /// A signed `X-Sdk-Content-Sha256` is neither the body's SHA-256 nor `UNSIGNED-PAYLOAD`.
    #[error("X-Sdk-Content-Sha256 is not the SHA-256 of the body")]
    PayloadHashMismatch,
    /// The body is declared `UNSIGNED-PAYLOAD` where a signed body is required (JSON requests).
    #[error(
        "the body must be signed: X-Sdk-Content-Sha256 UNSIGNED-PAYLOAD is refused for a JSON request"
    )]
    UnsignedPayload,
    /// Signing: the access key is empty or contains whitespace, `,` or `=`.
    #[error("the access key must be non-empty and contain no whitespace, ',' or '='")]
    InvalidAccessKey,
    /// Signing: the secret key is empty.
    #[error("the secret key must not be empty")]
    EmptySecretKey,
    /// Signing: a header name that would be signed is not an HTTP token.
    #[error("header name `{0}` is not a valid HTTP header name")]
    InvalidHeaderName(String),
}

impl SignError {
    /// The HTTP status the cloud front door answers with: 401 for every signature problem.
    pub fn http_status(&self) -> u16 {
        401
    }

    /// The front-door error body (`APIGW.0301`, docs/reference.md, Errors) for this failure.
    pub fn error_body(&self) -> ErrorBody {
        match self {
            Self::UnknownAccessKey(access_key) => ErrorBody::unknown_access_key(access_key),
            Self::SignatureMismatch => ErrorBody::signature_rejected(),
            other => {
                let code = crate::code::ErrorCode::SignatureRejected;
                ErrorBody::new(code.as_str(), format!("{}: {other}", code.meaning()))
            }
        }
    }
}

/// An HTTP request as the signer sees it.
///
/// `path` is the raw (possibly percent-encoded) path without the query; `query` is the raw query
/// string without `?`. Header names keep their case; lookups ignore it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignableRequest {
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Raw path, e.g. `/v2/{project}/apigw/instances`.
    pub path: String,
    /// Raw query string, e.g. `limit=20&offset=0` (empty for none).
    pub query: String,
    /// Headers as (name, value) pairs.
    pub headers: Vec<(String, String)>,
    /// Body bytes exactly as sent.
    pub body: Vec<u8>,
}

impl SignableRequest {
    /// A request with a method and a raw path, no query, headers or body.
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            method: method.into(),
            path: path.into(),
            ..Self::default()
        }
    }

    /// Sets the raw query string (without `?`).
    #[must_use]
    pub fn with_query(mut self, raw_query: impl Into<String>) -> Self {
        self.query = raw_query.into();
        self
    }

    /// Sets the query from unencoded pairs, written the way the SDK sends it (sorted and encoded,
    /// i.e. the canonical query).
    #[must_use]
    pub fn with_query_pairs<K: AsRef<str>, V: AsRef<str>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.query = encode_query_pairs(pairs);
        self
    }

    /// Adds a header (keeping any existing one of the same name).
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body bytes.
    #[must_use]
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Replaces every header of this name (case-insensitive) by one with the given value.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.remove_header(name);
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Removes every header of this name (case-insensitive).
    pub fn remove_header(&mut self, name: &str) {
        self.headers
            .retain(|(key, _)| !key.eq_ignore_ascii_case(name));
    }

    /// The value used in the canonical headers: the *last* header of this lower-case name,
    /// trimmed (the SDK builds a dictionary, so a later duplicate wins).
    fn canonical_header_value(&self, lower_name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(key, _)| key.to_lowercase() == lower_name)
            .map(|(_, value)| value.trim())
    }
}

/// The `Authorization` value, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuth {
    /// `Access=` — the access key (AK).
    pub access_key: String,
    /// `SignedHeaders=` — lower-cased header names, in the order given.
    pub signed_headers: Vec<String>,
    /// `Signature=` — hex HMAC-SHA256.
    pub signature: String,
}

/// What a successful [`verify`] established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The access key that signed the request.
    pub access_key: String,
    /// The headers the signature covers.
    pub signed_headers: Vec<String>,
    /// The signing time, epoch seconds.
    pub signed_at_epoch_seconds: i64,
    /// Whether the signature covers the body.
    pub payload: Payload,
}

/// Whether a verified signature covers the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// The body (or the empty body) is covered: by its SHA-256, or by a signed declared hash
    /// that equals it.
    Signed,
    /// A signed `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` over a non-empty body: the body is
    /// not covered (the SDK does this for content types other than JSON).
    Unsigned,
}

impl Verified {
    /// Refuses a body the signature does not cover, for a request whose body is JSON: such a
    /// body could be replaced without breaking the signature.
    pub fn require_signed_body(&self) -> Result<(), SignError> {
        match self.payload {
            Payload::Signed => Ok(()),
            Payload::Unsigned => Err(SignError::UnsignedPayload),
        }
    }
}

/// What [`verify_head`] established: the signature's parts, the secret key and the signing
/// time, to be checked against the body by [`verify_body`].
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedHead {
    parsed: ParsedAuth,
    secret_key: String,
    sdk_date: String,
    signed_at: i64,
}

impl VerifiedHead {
    /// The access key that signed the request (it exists).
    pub fn access_key(&self) -> &str {
        &self.parsed.access_key
    }
}

impl std::fmt::Debug for VerifiedHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret key stays out of logs.
        f.debug_struct("VerifiedHead")
            .field("parsed", &self.parsed)
            .field("sdk_date", &self.sdk_date)
            .finish_non_exhaustive()
    }
}

/// Percent-encodes one path segment or query component, keeping only `A-Z a-z 0-9 - _ . ~`
/// (Python's `quote(s, safe='~')`): space → `%20`, `/` → `%2F`, UTF-8 bytes → `%XX` upper-case.
pub fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    encoded
}

/// Decodes `%XX` escapes (Python's `unquote`): malformed escapes stay as they are, `+` stays `+`,
/// and byte sequences that are not UTF-8 become U+FFFD.
pub fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte == b'%' {
            let high = bytes.get(index + 1).copied().and_then(hex_value);
            let low = bytes.get(index + 2).copied().and_then(hex_value);
            if let (Some(high), Some(low)) = (high, low) {
                decoded.push(high << 4 | low);
                index += 3;
                continue;
            }
        }
        decoded.push(byte);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The text of a header value as the signer saw it: the bytes as UTF-8 when they are UTF-8,
/// else each byte as one ISO-8859-1 character (Python's HTTP client sends a `str` header value
/// that way, and the SDK signs the `str`). Every byte counts; nothing is dropped.
pub fn header_value_text(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(text) => text.to_owned(),
        Err(_) => raw.iter().map(|&byte| char::from(byte)).collect(),
    }
}

/// The canonical URI: decode the path, split on `/`, encode each segment with
/// [`encode_component`], re-join, and append `/` unless it already ends with one.
///
/// `/v2/p/apigw/instances` → `/v2/p/apigw/instances/`.
pub fn canonical_uri(raw_path: &str) -> String {
    let decoded = decode_component(raw_path);
    let mut uri = decoded
        .split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Splits a raw query string into decoded (key, value) pairs in wire order. Empty items are
/// skipped; an item without `=` has an empty value.
pub fn parse_query_pairs(raw_query: &str) -> Vec<(String, String)> {
    raw_query
        .split('&')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            (decode_component(key), decode_component(value))
        })
        .collect()
}

/// The first query key that appears more than once, if any.
///
/// The canonical query sorts the pairs, so the signature does not cover the order of a
/// repeated key (`limit=1&limit=2` and `limit=2&limit=1` sign alike) while a reader that takes
/// the first or the last value would see a difference. Every parameter of the API is a single
/// value, so a server refuses a repeated key (400) instead of choosing one.
pub fn repeated_query_key(raw_query: &str) -> Option<String> {
    let pairs = parse_query_pairs(raw_query);
    pairs
        .iter()
        .enumerate()
        .find(|(index, (key, _))| pairs[..*index].iter().any(|(seen, _)| seen == key))
        .map(|(_, (key, _))| key.clone())
}

/// Writes unencoded pairs as the canonical query: sorted by key then value, both encoded with
/// [`encode_component`], joined as `k=v&k=v`.
pub fn encode_query_pairs<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> String {
    let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
    pairs.sort_by(|(key_a, value_a), (key_b, value_b)| {
        (key_a.as_ref(), value_a.as_ref()).cmp(&(key_b.as_ref(), value_b.as_ref()))
    });
    pairs
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                encode_component(key.as_ref()),
                encode_component(value.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The canonical query of a raw query string: [`parse_query_pairs`] then [`encode_query_pairs`].
/// For a query the SDK wrote, this is the query itself.
pub fn canonical_query(raw_query: &str) -> String {
    encode_query_pairs(parse_query_pairs(raw_query))
}

/// The names the signer signs: every header name without `_`, lower-cased, sorted, without
/// duplicates.
pub fn signed_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, _)| name.to_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The canonical headers block: `name:trimmed value\n` for each signed name in the given order
/// (so the block ends with a newline).
pub fn canonical_headers(
    request: &SignableRequest,
    signed_headers: &[String],
) -> Result<String, SignError> {
    let mut block = String::new();
    for name in signed_headers {
        let value = request
            .canonical_header_value(name)
            .ok_or_else(|| SignError::SignedHeaderAbsent(name.clone()))?;
        block.push_str(name);
        block.push(':');
        block.push_str(value);
        block.push('\n');
    }
    Ok(block)
}

/// The payload hash: [`EMPTY_PAYLOAD_SHA256`] for an empty body; otherwise the value of a
/// non-empty `X-Sdk-Content-Sha256` header when present; otherwise the hex SHA-256 of the body.
pub fn payload_hash(request: &SignableRequest) -> String {
    if request.body.is_empty() {
        return EMPTY_PAYLOAD_SHA256.to_owned();
    }
    match request.header(HEADER_CONTENT_SHA256) {
        Some(declared) if !declared.is_empty() => declared.to_owned(),
        _ => hex(&Sha256::digest(&request.body)),
    }
}

/// The payload hash a verifier may trust, and whether it covers the body: a declared
/// `X-Sdk-Content-Sha256` counts only when that header is signed, and then must be the body's
/// SHA-256 or `UNSIGNED-PAYLOAD`; otherwise the body's own SHA-256.
fn verified_payload_hash(
    request: &SignableRequest,
    signed_headers: &[String],
) -> Result<(String, Payload), SignError> {
    if request.body.is_empty() {
        return Ok((EMPTY_PAYLOAD_SHA256.to_owned(), Payload::Signed));
    }
    let body_hash = hex(&Sha256::digest(&request.body));
    let declared_is_signed = signed_headers
        .iter()
        .any(|name| name.eq_ignore_ascii_case(HEADER_CONTENT_SHA256));
    match request.header(HEADER_CONTENT_SHA256) {
        Some(declared) if declared_is_signed && !declared.is_empty() => {
            if declared == UNSIGNED_PAYLOAD {
                Ok((declared.to_owned(), Payload::Unsigned))
            } else if declared.eq_ignore_ascii_case(&body_hash) {
                Ok((declared.to_owned(), Payload::Signed))
            } else {
                Err(SignError::PayloadHashMismatch)
            }
        }
        _ => Ok((body_hash, Payload::Signed)),
    }
}

/// The canonical request over the given signed header names (lower-case), with the payload
/// hash the signer uses ([`payload_hash`]).
pub fn canonical_request(
    request: &SignableRequest,
    signed_headers: &[String],
) -> Result<String, SignError> {
    canonical_request_with(request, signed_headers, &payload_hash(request))
}

fn canonical_request_with(
    request: &SignableRequest,
    signed_headers: &[String],
    payload_hash: &str,
) -> Result<String, SignError> {
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}\n{payload_hash}",
        request.method.to_uppercase(),
        canonical_uri(&request.path),
        canonical_query(&request.query),
        canonical_headers(request, signed_headers)?,
        signed_headers.join(";"),
    ))
}

/// The string to sign: `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`.
pub fn string_to_sign(canonical_request: &str, sdk_date: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    )
}

/// The signature: hex HMAC-SHA256 of the string to sign, keyed with the SK bytes.
pub fn signature(secret_key: &str, string_to_sign: &str) -> String {
    // HMAC takes keys of any length (long ones are hashed first), so `new_from_slice` cannot
    // fail; the empty fallback keeps this function total and can never equal a real signature.
    match HmacSha256::new_from_slice(secret_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(string_to_sign.as_bytes());
            hex(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// The `Authorization` value:
/// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>`.
pub fn authorization_value(access_key: &str, signed_headers: &[String], signature: &str) -> String {
    format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={signature}",
        signed_headers.join(";")
    )
}

/// Signs a request the way the SDK does.
///
/// Sets `X-Sdk-Date` to `sdk_date` (replacing any value), drops a stale `Authorization`, signs
/// every header whose name has no `_`, sets the `Authorization` header and returns its value.
/// The request must carry a `Host` header, so that the result can verify.
pub fn sign(
    request: &mut SignableRequest,
    access_key: &str,
    secret_key: &str,
    sdk_date: &str,
) -> Result<String, SignError> {
    if access_key.is_empty()
        || access_key
            .chars()
            .any(|ch| ch.is_whitespace() || ch == ',' || ch == '=')
    {
        return Err(SignError::InvalidAccessKey);
    }
    if secret_key.is_empty() {
        return Err(SignError::EmptySecretKey);
    }
    parse_sdk_date(sdk_date)?;
    request.remove_header(HEADER_AUTHORIZATION);
    request.set_header(HEADER_SDK_DATE, sdk_date);
    if request.header("host").is_none() {
        return Err(SignError::SignedHeaderAbsent("host".to_owned()));
    }
    let signed_headers = signed_header_names(&request.headers);
    if let Some(bad) = signed_headers.iter().find(|name| !is_token(name)) {
        return Err(SignError::InvalidHeaderName(bad.clone()));
    }
    let canonical = canonical_request(request, &signed_headers)?;
    let signature = signature(secret_key, &string_to_sign(&canonical, sdk_date));
    let value = authorization_value(access_key, &signed_headers, &signature);
    request.set_header(HEADER_AUTHORIZATION, &value);
    Ok(value)
}

/// RFC 9110 token: what a header name may consist of.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

/// Takes an `Authorization` value apart.
///
/// Accepts `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>` with the three
/// parts in any order and any spacing around the commas. Another algorithm gives
/// [`SignError::UnsupportedAlgorithm`]; anything else out of shape gives
/// [`SignError::MalformedAuthorization`].
pub fn parse_authorization(value: &str) -> Result<ParsedAuth, SignError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(SignError::MissingAuthorization);
    }
    let (algorithm, rest) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    if algorithm != ALGORITHM {
        return Err(SignError::UnsupportedAlgorithm(algorithm.to_owned()));
    }
    let malformed = |reason: &str| SignError::MalformedAuthorization(reason.to_owned());
    let mut access_key = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let part = part.trim();
        let (name, field) = part
            .split_once('=')
            .ok_or_else(|| malformed("every part must be Name=value"))?;
        let slot = match name {
            "Access" => &mut access_key,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => {
                return Err(malformed(
                    "unknown part; expected Access, SignedHeaders, Signature",
                ));
            }
        };
        if slot.replace(field).is_some() {
            return Err(malformed("a part is repeated"));
        }
    }
    let access_key = access_key.ok_or_else(|| malformed("Access is missing"))?;
    let signed_headers = signed_headers.ok_or_else(|| malformed("SignedHeaders is missing"))?;
    let signature = signature.ok_or_else(|| malformed("Signature is missing"))?;
    if access_key.is_empty() || access_key.contains(char::is_whitespace) {
        return Err(malformed("Access must be a non-empty access key"));
    }
    if signature.is_empty() || !signature.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(malformed("Signature must be hexadecimal"));
    }
    let mut names: Vec<String> = Vec::new();
    for name in signed_headers.split(';') {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            return Err(malformed("SignedHeaders has an empty name"));
        }
        if names.contains(&name) {
            return Err(malformed("SignedHeaders repeats a name"));
        }
        names.push(name);
    }
    Ok(ParsedAuth {
        access_key: access_key.to_owned(),
        signed_headers: names,
        signature: signature.to_owned(),
    })
}

/// Verifies a signed request: [`verify_head`], then [`verify_body`].
pub fn verify(
    request: &SignableRequest,
    lookup_secret_key: impl Fn(&str) -> Option<String>,
    now_epoch_seconds: i64,
) -> Result<Verified, SignError> {
    let head = verify_head(request, lookup_secret_key, now_epoch_seconds)?;
    verify_body(&head, request)
}

/// Checks everything that does not need the body, so that a server can refuse a request before
/// reading it.
///
/// Checks, in this order: one `Authorization` header in the `SDK-HMAC-SHA256` shape; `host` and
/// `x-sdk-date` among its signed headers; no signed header and no `X-Project-Id` sent twice; an
/// `X-Sdk-Date` that parses and lies within ±15 minutes of `now_epoch_seconds`; a secret key for
/// the access key (`lookup_secret_key`); every signed header present. The request's body is not
/// looked at.
pub fn verify_head(
    request: &SignableRequest,
    lookup_secret_key: impl Fn(&str) -> Option<String>,
    now_epoch_seconds: i64,
) -> Result<VerifiedHead, SignError> {
    refuse_repeated(request, "authorization")?;
    let authorization = request
        .header(HEADER_AUTHORIZATION)
        .ok_or(SignError::MissingAuthorization)?;
    let parsed = parse_authorization(authorization)?;
    for required in REQUIRED_SIGNED_HEADERS {
        if !parsed.signed_headers.iter().any(|name| name == required) {
            return Err(SignError::MissingSignedHeader(required.to_owned()));
        }
    }
    refuse_repeated(request, "x-project-id")?;
    for name in &parsed.signed_headers {
        refuse_repeated(request, name)?;
    }
    let sdk_date = request
        .canonical_header_value("x-sdk-date")
        .ok_or(SignError::MissingDate)?;
    let signed_at = parse_sdk_date(sdk_date)?;
    let skew_seconds = signed_at.saturating_sub(now_epoch_seconds);
    if skew_seconds.unsigned_abs() > MAX_CLOCK_SKEW_SECONDS {
        return Err(SignError::ClockSkew { skew_seconds });
    }
    let secret_key = lookup_secret_key(&parsed.access_key)
        .ok_or_else(|| SignError::UnknownAccessKey(parsed.access_key.clone()))?;
    if let Some(absent) = parsed
        .signed_headers
        .iter()
        .find(|name| request.canonical_header_value(name).is_none())
    {
        return Err(SignError::SignedHeaderAbsent(absent.clone()));
    }
    Ok(VerifiedHead {
        sdk_date: sdk_date.to_owned(),
        parsed,
        secret_key,
        signed_at,
    })
}

/// Finishes [`verify_head`] with the body: the payload hash ([`Payload`]), then the signature,
/// rebuilt from the signed-header list of the request and compared in constant time. Headers
/// that were not signed are ignored.
pub fn verify_body(head: &VerifiedHead, request: &SignableRequest) -> Result<Verified, SignError> {
    let (payload_hash, payload) = verified_payload_hash(request, &head.parsed.signed_headers)?;
    let canonical = canonical_request_with(request, &head.parsed.signed_headers, &payload_hash)?;
    let expected = signature(
        &head.secret_key,
        &string_to_sign(&canonical, &head.sdk_date),
    );
    if !constant_time_eq(expected.as_bytes(), head.parsed.signature.as_bytes()) {
        return Err(SignError::SignatureMismatch);
    }
    Ok(Verified {
        access_key: head.parsed.access_key.clone(),
        signed_headers: head.parsed.signed_headers.clone(),
        signed_at_epoch_seconds: head.signed_at,
        payload,
    })
}

/// [`SignError::RepeatedHeader`] when the request carries the header `lower_name` more than once.
fn refuse_repeated(request: &SignableRequest, lower_name: &str) -> Result<(), SignError> {
    let copies = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(lower_name))
        .count();
    if copies > 1 {
        return Err(SignError::RepeatedHeader(lower_name.to_owned()));
    }
    Ok(())
}

/// Compares two byte strings in time that depends only on their lengths, not on where they differ.
pub fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let difference = left
        .iter()
        .zip(right)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(difference) == 0
}

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

mod date;
pub use date::{format_sdk_date, parse_sdk_date};

#[cfg(test)]
mod tests;
