//! The real binary's socket limits: a connection that sends no complete headers, a body that
//! stops arriving and a request that takes too long are cut off, connections beyond the limit
//! wait, and a listen address other hosts can reach gets a warning.

mod common;

use std::fmt::Write as _;
use std::io::Read;
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{PROJECT, Signer, instances_uri, signed_http, system_now_ms};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A running `apig-mock`, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `apig-mock` with the harness credential and `flags`; stderr is kept in the child.
fn start(flags: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let credentials = common::credentials_file(dir.path());
    let mut args = vec![
        "--data",
        ":memory:",
        "--speed",
        "instant",
        "--credentials",
        credentials.to_str().unwrap(),
    ];
    args.extend_from_slice(flags);
    let (child, address) = common::spawn_apig_mock(&args, Stdio::piped());
    Server {
        child,
        address,
        _dir: dir,
    }
}

/// Reads until the server closes the connection, for at most `limit`; `None` if it stayed open.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Vec<u8>> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(seen),
            Ok(Ok(n)) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn idle_connections_and_partial_headers_are_closed() {
    let server = start(&["--listen", "127.0.0.1:0", "--header-timeout", "1"]);
    let mut idle = TcpStream::connect(server.address).await.unwrap();
    let mut partial = TcpStream::connect(server.address).await.unwrap();
    partial
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(5))
            .await
            .is_some(),
        "an idle connection is closed"
    );
    assert!(
        closed_within(&mut partial, Duration::from_secs(5))
            .await
            .is_some(),
        "a connection with unfinished headers is closed"
    );
    // A connection kept alive after an answer is closed once idle, too.
    let mut kept = TcpStream::connect(server.address).await.unwrap();
    kept.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 1024];
    let n = kept.read(&mut answer).await.unwrap();
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"));
    assert!(
        closed_within(&mut kept, Duration::from_secs(5))
            .await
            .is_some()
    );
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408() {
    let server = start(&["--listen", "127.0.0.1:0", "--body-timeout", "1"]);
    let body = json!({"speed": "instant"}).to_string().into_bytes();
    let uri = format!("/_mock/{PROJECT}/speed");
    let signer = Signer {
        host: server.address.to_string(),
        ..Signer::default().at(system_now_ms())
    };
    let mut head = format!("PUT {uri} HTTP/1.1\r\n");
    for (name, value) in signer.headers("PUT", &uri, &body) {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {}\r\n\r\n", body.len());
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..5]).await.unwrap();
    let mut answer = [0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("answered")
        .unwrap();
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_408() {
    let server = start(&["--listen", "127.0.0.1:0", "--request-timeout", "1"]);
    let signer = Signer::default().at(system_now_ms());
    let (status, _, body) = signed_http(
        server.address,
        &signer,
        "POST",
        &format!("/_mock/{PROJECT}/faults"),
        json!({"latency_ms": 5000}).to_string().as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let started = Instant::now();
    let (status, _, _) = signed_http(server.address, &signer, "GET", &instances_uri(), b"").await;
    assert_eq!(status, 408);
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_for_a_free_one() {
    let server = start(&["--listen", "127.0.0.1:0", "--max-connections", "2"]);
    let first = TcpStream::connect(server.address).await.unwrap();
    let _second = TcpStream::connect(server.address).await.unwrap();
    // Let the server take both before the third arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut third = TcpStream::connect(server.address).await.unwrap();
    third
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 1024];
    let early = tokio::time::timeout(Duration::from_secs(1), third.read(&mut answer)).await;
    assert!(
        early.is_err(),
        "the third connection is not served while two are open"
    );
    drop(first);
    let n = tokio::time::timeout(Duration::from_secs(5), third.read(&mut answer))
        .await
        .expect("served once a connection closed")
        .unwrap();
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"));
}

#[test]
fn a_listen_address_beyond_loopback_is_warned_about() {
    let mut quiet = start(&["--listen", "127.0.0.1:0"]);
    let mut exposed = start(&["--listen", "0.0.0.0:0"]);
    let stderr_of = |server: &mut Server| {
        let _ = server.child.kill();
        let _ = server.child.wait();
        let mut text = String::new();
        server
            .child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let exposed_stderr = stderr_of(&mut exposed);
    assert!(
        exposed_stderr.contains("0.0.0.0") && exposed_stderr.contains("not a loopback address"),
        "{exposed_stderr}"
    );
    let quiet_stderr = stderr_of(&mut quiet);
    assert!(!quiet_stderr.contains("loopback"), "{quiet_stderr}");
}
