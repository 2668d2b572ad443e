//! The backend setting: the secret key goes to sessionStorage only; the endpoint gives the
//! `Host` the browser sends; requests are signed so that the core's verifier accepts them.

use apig_core::sign::{SignableRequest, verify};
use apig_web::backend::{
    self, BACKEND_SLOT, BackendConfig, BackendKind, ConfigError, SECRET_KEY_KEY, endpoint_host,
};
use apig_web::storage::Backend;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const SK: &str = "SKsecret-only-in-session-0000000000000000";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

fn config() -> BackendConfig {
    BackendConfig {
        kind: BackendKind::Mock,
        endpoint: "http://127.0.0.1:8090/".into(),
        access_key: "AKTEST0000000000".into(),
        project_id: PROJECT.into(),
    }
}

fn local_values() -> Vec<(String, String)> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|k| {
            let v = storage.get_item(&k).unwrap().unwrap_or_default();
            (k, v)
        })
        .collect()
}

#[wasm_bindgen_test]
fn secret_key_is_in_session_storage_only() {
    let (local, problem) = Backend::open();
    assert!(problem.is_none());
    let (session, problem) = Backend::open_session();
    assert!(problem.is_none());
    backend::save(&local, &session, &config(), Some(SK)).unwrap();

    let window = web_sys::window().unwrap();
    let session_raw = window.session_storage().unwrap().unwrap();
    assert_eq!(
        session_raw.get_item(SECRET_KEY_KEY).unwrap().as_deref(),
        Some(SK)
    );
    let values = local_values();
    assert!(
        values.iter().any(|(k, _)| *k == BACKEND_SLOT.key()),
        "the setting is in localStorage: {values:?}"
    );
    for (key, value) in &values {
        assert!(!value.contains(SK), "{key} holds the secret key");
        assert!(!key.contains(SK));
    }
    let stored = local.get(&BACKEND_SLOT.key()).unwrap().unwrap();
    assert!(stored.contains("AKTEST0000000000") && stored.contains(PROJECT));

    let (loaded, secret) = backend::load(&local, &session, 1).unwrap();
    assert_eq!(loaded, config());
    assert_eq!(secret.as_deref(), Some(SK));

    // Back to this browser: the secret key is forgotten.
    let browser = BackendConfig {
        kind: BackendKind::Browser,
        ..config()
    };
    backend::save(&local, &session, &browser, None).unwrap();
    assert_eq!(session_raw.get_item(SECRET_KEY_KEY).unwrap(), None);
    let (loaded, secret) = backend::load(&local, &session, 1).unwrap();
    assert_eq!(loaded.kind, BackendKind::Browser);
    assert_eq!(secret, None);
    local.remove(&BACKEND_SLOT.key()).unwrap();
}

#[wasm_bindgen_test]
fn endpoint_gives_the_host_the_browser_sends() {
    let ok = |e: &str| endpoint_host(e).unwrap();
    assert_eq!(
        ok("http://127.0.0.1:8090"),
        ("http://127.0.0.1:8090".into(), "127.0.0.1:8090".into())
    );
    assert_eq!(ok("http://127.0.0.1:8090/").1, "127.0.0.1:8090");
    assert_eq!(ok(" http://LOCALHOST:80 ").1, "localhost");
    assert_eq!(ok("https://mock.example:443").1, "mock.example");
    assert_eq!(ok("https://mock.example:8443").1, "mock.example:8443");
    assert_eq!(ok("http://[::1]:8090").1, "[::1]:8090");
    for bad in [
        "",
        "127.0.0.1:8090",
        "ftp://x",
        "http://",
        "http://host:port",
        "http://host:99999",
        "http://host/path",
        "http://user@host",
        "http://host:",
    ] {
        assert!(
            matches!(endpoint_host(bad), Err(ConfigError::Endpoint(_))),
            "{bad:?} accepted"
        );
    }
}

#[wasm_bindgen_test]
fn connection_needs_every_value() {
    assert_eq!(
        config().connection("").unwrap_err(),
        ConfigError::Missing("The secret key (SK)")
    );
    let no_ak = BackendConfig {
        access_key: " ".into(),
        ..config()
    };
    assert_eq!(
        no_ak.connection(SK).unwrap_err(),
        ConfigError::Missing("The access key (AK)")
    );
    let bad_project = BackendConfig {
        project_id: "XYZ".into(),
        ..config()
    };
    assert_eq!(
        bad_project.connection(SK).unwrap_err(),
        ConfigError::ProjectId
    );
    let debug = format!("{:?}", config().connection(SK).unwrap());
    assert!(!debug.contains(SK), "{debug}");
}

#[wasm_bindgen_test]
fn signed_requests_verify_with_the_core() {
    let connection = config().connection(SK).unwrap();
    let now_ms = 1_704_067_200_000_u64;
    let body = r#"{"instance_name":"gw-1"}"#;
    let path = format!("/v2/{PROJECT}/apigw/instances");
    let signed = connection
        .signed("POST", &path, "limit=500&offset=0", body, now_ms)
        .unwrap();
    assert_eq!(signed.header("Host"), Some("127.0.0.1:8090"));
    assert_eq!(signed.header("X-Project-Id"), Some(PROJECT));
    // What the server receives: the same headers (Host from the URL), the same bytes.
    let received = SignableRequest {
        method: "POST".into(),
        path: path.clone(),
        query: "limit=500&offset=0".into(),
        headers: signed.headers.clone(),
        body: body.as_bytes().to_vec(),
    };
    let lookup = |ak: &str| (ak == "AKTEST0000000000").then(|| SK.to_owned());
    assert!(verify(&received, lookup, 1_704_067_200).is_ok());
    // A wrong secret key does not verify.
    let wrong = config().connection("SKwrong").unwrap();
    let forged = wrong
        .signed("POST", &path, "limit=500&offset=0", body, now_ms)
        .unwrap();
    let received = SignableRequest {
        headers: forged.headers,
        ..received
    };
    assert!(verify(&received, lookup, 1_704_067_200).is_err());
}
