//! Over a real socket: the signed flow with the port in `Host`, 50 concurrent creates against
//! a quota of 5, and persistence across a restart of the store.

mod common;

use std::sync::Arc;

use apig_core::lifecycle::CreationSpeed;
use apig_mock::{AppState, Store, app};
use common::{
    Signer, create_body, credentials, instance_uri, instances_uri, serve, signed_http,
    system_now_ms,
};

fn live_state(store: Store) -> AppState {
    AppState::build(
        store,
        credentials(),
        CreationSpeed::Instant,
        apig_mock::state::system_clock(),
        None,
    )
}

#[tokio::test]
async fn signed_flow_over_a_socket() {
    let address = serve(app(live_state(Store::open(":memory:").unwrap()))).await;
    let signer = Signer::default().at(system_now_ms());
    let body = create_body("gw-socket").to_string();
    let (status, headers, created) =
        signed_http(address, &signer, "POST", &instances_uri(), body.as_bytes()).await;
    assert_eq!(status, 202, "{created}");
    assert!(
        headers
            .iter()
            .any(|(n, v)| n == "x-request-id" && v.len() == 32)
    );
    let id = created["instance_id"].as_str().unwrap();
    let (status, _, show) = signed_http(address, &signer, "GET", &instance_uri(id), b"").await;
    assert_eq!((status, show["status"].as_str()), (200, Some("Running")));
    let (status, _, _) = signed_http(address, &signer, "DELETE", &instance_uri(id), b"").await;
    assert_eq!(status, 204);
    let (status, _, gone) = signed_http(address, &signer, "GET", &instance_uri(id), b"").await;
    assert_eq!(
        (status, gone["error_code"].as_str()),
        (404, Some("APIC.7302"))
    );
    // A wrong SK over the wire.
    let wrong = Signer {
        sk: "x".into(),
        ..signer.clone()
    };
    let (status, _, refused) = signed_http(address, &wrong, "GET", &instances_uri(), b"").await;
    assert_eq!(
        (status, refused["error_code"].as_str()),
        (401, Some("APIGW.0301"))
    );
    // Unknown path and an oversized body.
    let (status, _, raw) = common::http(address, "GET", "/v2/nothing/here", &[], b"").await;
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&raw).contains("APIGW.0101"));
    let big = vec![b'a'; 12 * 1024 * 1024 + 1];
    let headers =
        signer
            .clone()
            .with_host(&address.to_string())
            .headers("POST", &instances_uri(), &big);
    let (status, _, raw) = common::http(address, "POST", &instances_uri(), &headers, &big).await;
    assert_eq!(status, 413);
    assert!(String::from_utf8_lossy(&raw).contains("APIGW.0201"));
    // Unsigned, the same body is refused before it is read.
    let (status, _, raw) = common::http(address, "POST", &instances_uri(), &[], &big).await;
    assert_eq!(status, 401);
    assert!(String::from_utf8_lossy(&raw).contains("APIGW.0301"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_creates_against_a_quota_of_five() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quota.sqlite3");
    let address = serve(app(live_state(
        Store::open(path.to_str().unwrap()).unwrap(),
    )))
    .await;
    let signer = Arc::new(Signer::default().at(system_now_ms()));
    let mut tasks = Vec::new();
    for n in 0..50 {
        let signer = Arc::clone(&signer);
        tasks.push(tokio::spawn(async move {
            let body = create_body(&format!("gw-race-{n:02}")).to_string();
            let (status, _, answer) =
                signed_http(address, &signer, "POST", &instances_uri(), body.as_bytes()).await;
            (
                status,
                answer["error_code"].as_str().unwrap_or_default().to_owned(),
            )
        }));
    }
    let mut accepted = 0;
    let mut quota = 0;
    for task in tasks {
        match task.await.unwrap() {
            (202, _) => accepted += 1,
            (403, code) if code == "APIC.7400" => quota += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!((accepted, quota), (5, 45));
    let (_, _, list) = signed_http(address, &signer, "GET", &instances_uri(), b"").await;
    assert_eq!(list["total"], 5);
    // The same name 10 times at once: exactly one wins.
    let reset = Signer::default().at(system_now_ms());
    let uri = format!("/_mock/{}/account", common::PROJECT);
    let (_, _, account) = signed_http(address, &reset, "GET", &uri, b"").await;
    let mut roomy = account.clone();
    roomy["gateway_quota"] = serde_json::json!(100);
    let (status, _, _) =
        signed_http(address, &reset, "PUT", &uri, roomy.to_string().as_bytes()).await;
    assert_eq!(status, 200);
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let signer = Arc::clone(&signer);
        tasks.push(tokio::spawn(async move {
            let body = create_body("gw-same-name").to_string();
            signed_http(address, &signer, "POST", &instances_uri(), body.as_bytes())
                .await
                .0
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [202, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
}

#[tokio::test]
async fn acknowledged_creates_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("restart.sqlite3");
    let path = path.to_str().unwrap().to_owned();
    let mut ids = Vec::new();
    {
        let address = serve(app(live_state(Store::open(&path).unwrap()))).await;
        let signer = Signer::default().at(system_now_ms());
        for n in 0..3 {
            let body = create_body(&format!("gw-keep-{n}")).to_string();
            let (status, _, created) =
                signed_http(address, &signer, "POST", &instances_uri(), body.as_bytes()).await;
            assert_eq!(status, 202);
            ids.push(created["instance_id"].as_str().unwrap().to_owned());
        }
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let address = serve(app(live_state(store))).await;
    let signer = Signer::default().at(system_now_ms());
    for id in &ids {
        let (status, _, show) = signed_http(address, &signer, "GET", &instance_uri(id), b"").await;
        assert_eq!(status, 200, "{id}");
        assert_eq!(show["status"], "Running");
    }
}
