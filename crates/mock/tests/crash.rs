//! `kill -9` of the real binary during a stream of creates, then a restart: every create that
//! got its 202 is there, and the database passes `PRAGMA integrity_check`.

mod common;

use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::time::Duration;

use common::{
    PROJECT, Signer, create_body, instance_uri, instances_uri, signed_http, system_now_ms,
};
use serde_json::json;

/// Starts `apig-mock` on a free port and returns it with its address (read from its banner).
fn start(data: &str, credentials: &str) -> (Child, SocketAddr) {
    common::spawn_apig_mock(
        &[
            "--listen",
            "127.0.0.1:0",
            "--data",
            data,
            "--speed",
            "instant",
            "--credentials",
            credentials,
        ],
        Stdio::null(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_creates_loses_no_acknowledged_gateway() {
    let dir = tempfile::tempdir().unwrap();
    let credentials = common::credentials_file(dir.path());
    let credentials = credentials.to_str().unwrap().to_owned();
    let data = dir
        .path()
        .join("crash.sqlite3")
        .to_str()
        .unwrap()
        .to_owned();

    let (mut child, address) = start(&data, &credentials);
    let signer = Signer {
        host: address.to_string(),
        ..Signer::default()
    }
    .at(system_now_ms());
    let admin = format!("/_mock/{PROJECT}/account");
    let (_, _, mut account) = signed_http(address, &signer, "GET", &admin, b"").await;
    account["gateway_quota"] = json!(1000);
    let (status, _, _) = signed_http(
        address,
        &signer,
        "PUT",
        &admin,
        account.to_string().as_bytes(),
    )
    .await;
    assert_eq!(status, 200);

    let stream = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for n in 0..80 {
            let body = create_body(&format!("gw-crash-{n:02}")).to_string();
            let headers = signer.headers("POST", &instances_uri(), body.as_bytes());
            match common::try_http(address, "POST", &instances_uri(), &headers, body.as_bytes())
                .await
            {
                Some((202, raw)) => {
                    let answer: serde_json::Value = serde_json::from_slice(&raw).unwrap();
                    acknowledged.push(answer["instance_id"].as_str().unwrap().to_owned());
                }
                Some((status, raw)) => {
                    panic!("create {n}: {status} {}", String::from_utf8_lossy(&raw))
                }
                None => break,
            }
        }
        acknowledged
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let acknowledged = stream.await.unwrap();
    assert!(
        !acknowledged.is_empty(),
        "some creates were acknowledged before the kill"
    );

    let store = apig_mock::Store::open(&data).expect("reopen after kill -9");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    let (mut child, address) = start(&data, &credentials);
    let signer = Signer {
        host: address.to_string(),
        ..Signer::default()
    }
    .at(system_now_ms());
    for id in &acknowledged {
        let (status, _, _) = signed_http(address, &signer, "GET", &instance_uri(id), b"").await;
        assert_eq!(status, 200, "acknowledged gateway {id} is missing");
    }
    let (_, _, list) = signed_http(
        address,
        &signer,
        "GET",
        &format!("{}?limit=500", instances_uri()),
        b"",
    )
    .await;
    let total = usize::try_from(list["total"].as_u64().unwrap()).unwrap();
    // At most the one create in flight at the kill may have committed without its answer.
    assert!(
        total >= acknowledged.len() && total <= acknowledged.len() + 1,
        "{total} vs {}",
        acknowledged.len()
    );
    child.kill().unwrap();
    child.wait().unwrap();
    eprintln!("acknowledged before kill -9: {}", acknowledged.len());
}
