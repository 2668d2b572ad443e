//! Test harness: an `app(state)` over an in-memory store with a controllable clock, a signer
//! that signs like the Python SDK, and a minimal HTTP/1.1 client for real-socket tests.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use apig_core::sign::{SignableRequest, format_sdk_date, sign};
use apig_mock::config::{Credential, Credentials};
use apig_mock::{AppState, Store, app};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

pub const AK: &str = "AKTEST0000000000";
pub const SK: &str = "SKTEST00000000000000000000000000000000000";
/// The credential's project: not in the seed, so it takes the place of cn-north-4's project.
pub const PROJECT: &str = "0123456789abcdef0123456789abcdef";
pub const OTHER_AK: &str = "AKOTHER000000000";
pub const OTHER_SK: &str = "SKOTHER0000000000000000000000000000000000";
pub const OTHER_PROJECT: &str = "fedcba9876543210fedcba9876543210";
/// 2024-01-01T00:00:00Z.
pub const START_MS: u64 = 1_704_067_200_000;

pub fn credentials() -> Credentials {
    Credentials::new(vec![
        Credential {
            access_key: AK.into(),
            secret_key: SK.into(),
            project_id: PROJECT.into(),
        },
        Credential {
            access_key: OTHER_AK.into(),
            secret_key: OTHER_SK.into(),
            project_id: OTHER_PROJECT.into(),
        },
    ])
    .expect("credentials")
}

/// What a call answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }
}

/// The app over an in-memory store, with a clock the test moves.
pub struct Harness {
    pub state: AppState,
    pub app: Router,
    pub clock: Arc<AtomicU64>,
}

impl Harness {
    pub fn new(speed: CreationSpeed) -> Self {
        Self::with_store(Store::open(":memory:").expect("store"), speed)
    }

    pub fn with_store(store: Store, speed: CreationSpeed) -> Self {
        let clock = Arc::new(AtomicU64::new(START_MS));
        let reading = Arc::clone(&clock);
        let state = AppState::build(
            store,
            credentials(),
            speed,
            Arc::new(move || reading.load(Ordering::SeqCst)),
            None,
        );
        Self {
            app: app(state.clone()),
            state,
            clock,
        }
    }

    pub fn now_ms(&self) -> u64 {
        self.clock.load(Ordering::SeqCst)
    }

    pub fn advance(&self, ms: u64) {
        self.clock.fetch_add(ms, Ordering::SeqCst);
    }

    /// A request signed like the SDK (Host, Content-Type, X-Project-Id, X-Sdk-Date).
    pub fn signed(&self, method: &str, uri: &str, body: &[u8]) -> Request<Body> {
        Signer::default()
            .at(self.now_ms())
            .request(method, uri, body)
    }

    pub async fn call(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let raw = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            raw,
        }
    }

    /// A signed call with an optional JSON body.
    pub async fn send(&self, method: &str, uri: &str, body: Option<&Value>) -> Answer {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.call(self.signed(method, uri, &bytes)).await
    }

    pub async fn create(&self, name: &str) -> Answer {
        self.send("POST", &instances_uri(), Some(&create_body(name)))
            .await
    }

    /// Creates a gateway and returns its ID (panics unless 202).
    pub async fn create_ok(&self, name: &str) -> String {
        let answer = self.create(name).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{:?}", answer.body);
        answer.body["instance_id"].as_str().expect("id").to_owned()
    }
}

/// How to sign: which credential, project, host and time.
#[derive(Debug, Clone)]
pub struct Signer {
    pub ak: String,
    pub sk: String,
    pub project: Option<String>,
    pub host: String,
    pub now_ms: u64,
    pub content_type: Option<String>,
}

impl Default for Signer {
    fn default() -> Self {
        Self {
            ak: AK.into(),
            sk: SK.into(),
            project: Some(PROJECT.into()),
            host: "127.0.0.1:8090".into(),
            now_ms: START_MS,
            content_type: Some("application/json".into()),
        }
    }
}

impl Signer {
    pub fn at(mut self, now_ms: u64) -> Self {
        self.now_ms = now_ms;
        self
    }

    pub fn with_host(mut self, host: &str) -> Self {
        host.clone_into(&mut self.host);
        self
    }

    /// The signed header list for a request (without the body).
    pub fn headers(&self, method: &str, uri: &str, body: &[u8]) -> Vec<(String, String)> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let mut signable = SignableRequest::new(method, path)
            .with_query(query)
            .with_header("Host", &self.host)
            .with_body(body.to_vec());
        if let Some(ct) = &self.content_type {
            signable = signable.with_header("Content-Type", ct);
        }
        if let Some(project) = &self.project {
            signable = signable.with_header("X-Project-Id", project);
        }
        let seconds = i64::try_from(self.now_ms / 1000).expect("time");
        let date = format_sdk_date(seconds).expect("date");
        sign(&mut signable, &self.ak, &self.sk, &date).expect("sign");
        signable.headers
    }

    pub fn request(&self, method: &str, uri: &str, body: &[u8]) -> Request<Body> {
        let mut builder = Request::builder().method(method).uri(uri);
        for (name, value) in self.headers(method, uri, body) {
            builder = builder.header(name, value);
        }
        builder.body(Body::from(body.to_vec())).expect("request")
    }
}

pub fn instances_uri() -> String {
    format!("/v2/{PROJECT}/apigw/instances")
}

pub fn instance_uri(id: &str) -> String {
    format!("/v2/{PROJECT}/apigw/instances/{id}")
}

/// A valid create body for cn-north-4 (the credential's project).
pub fn create_body(name: &str) -> Value {
    json!({
        "instance_name": name,
        "spec_id": "BASIC",
        "vpc_id": ids::CN4_VPC_MAIN,
        "subnet_id": ids::CN4_SUBNET_ROOMY,
        "security_group_id": ids::CN4_SG_WEB,
        "available_zone_ids": ["cn-north-4a"],
    })
}

/// Serves the app on 127.0.0.1 and returns the address.
pub async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    address
}

/// Like [`http`], but `None` when the connection fails or the answer is cut off.
pub async fn try_http(
    address: SocketAddr,
    method: &str,
    uri: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Option<(u16, Vec<u8>)> {
    let mut stream = tokio::net::TcpStream::connect(address).await.ok()?;
    let mut head = format!("{method} {uri} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).await.ok()?;
    stream.write_all(body).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let status = String::from_utf8_lossy(&raw[..split])
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some((status, raw[split + 4..].to_vec()))
}

/// A minimal HTTP/1.1 exchange over a fresh connection (`Connection: close`).
pub async fn http(
    address: SocketAddr,
    method: &str,
    uri: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connect");
    let mut head = format!("{method} {uri} HTTP/1.1\r\nConnection: close\r\n");
    let has_host = headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host"));
    if !has_host {
        let _ = write!(head, "Host: {address}\r\n");
    }
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).await.expect("write");
    // The server may answer (413) and close before reading the whole body.
    let _ = stream.write_all(body).await;
    let mut raw = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
        }
    }
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("head end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers, raw[split + 4..].to_vec())
}

/// A signed exchange over a socket; the Host header includes the port, like the SDK's.
pub async fn signed_http(
    address: SocketAddr,
    signer: &Signer,
    method: &str,
    uri: &str,
    body: &[u8],
) -> (u16, Vec<(String, String)>, Value) {
    let mut signer = signer.clone();
    signer.host = address.to_string();
    let headers = signer.headers(method, uri, body);
    let (status, headers, raw) = http(address, method, uri, &headers, body).await;
    (
        status,
        headers,
        serde_json::from_slice(&raw).unwrap_or(Value::Null),
    )
}

/// Writes a `--credentials` file in `dir` holding the harness credential ([`AK`] in [`PROJECT`]).
pub fn credentials_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("credentials.json");
    std::fs::write(
        &path,
        json!([{"access_key": AK, "secret_key": SK, "project_id": PROJECT}]).to_string(),
    )
    .expect("write credentials");
    path
}

/// Starts the `apig-mock` binary with `args` (its stderr going to `stderr`) and returns it with
/// the address read from its banner; the rest of its stdout is drained, so that the server
/// never writes into a closed pipe.
pub fn spawn_apig_mock(args: &[&str], stderr: Stdio) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apig-mock"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn apig-mock");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).expect("banner");
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let address = line
        .trim()
        .rsplit("http://")
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, address)
}

pub fn system_now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
