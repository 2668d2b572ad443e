//! The storage module against the real `localStorage` of headless Chromium.

use apig_web::storage::{self, Backend, Loaded, Slot, StorageError};
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

wasm_bindgen_test_configure!(run_in_browser);

/// Version 2 renamed `title` to `name`; version 1 wrapped bare lists in the envelope.
fn migrate_test(from: u32, data: Value) -> Option<Value> {
    match from {
        0 => Some(data),
        1 => {
            let items = data.as_array()?;
            Some(Value::Array(
                items
                    .iter()
                    .map(|item| Some(json!({ "name": item.get("title")?.clone() })))
                    .collect::<Option<Vec<_>>>()?,
            ))
        }
        _ => None,
    }
}

const SLOT: Slot = Slot {
    name: "test-items",
    version: 2,
    migrate: migrate_test,
};

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Item {
    name: String,
}

fn local() -> Backend {
    let (backend, problem) = Backend::open();
    assert!(
        problem.is_none(),
        "headless Chromium has localStorage: {problem:?}"
    );
    assert!(backend.is_persistent());
    backend
}

fn raw_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn round_trip_writes_a_versioned_envelope() {
    raw_storage().clear().unwrap();
    let backend = local();
    let items = vec![Item {
        name: "gw-1".into(),
    }];
    storage::save(&backend, &SLOT, &items).unwrap();
    let raw = raw_storage()
        .get_item("apig-console.test-items")
        .unwrap()
        .unwrap();
    assert_eq!(raw, r#"{"version":2,"data":[{"name":"gw-1"}]}"#);
    assert_eq!(
        storage::load::<Vec<Item>>(&backend, &SLOT, 1).unwrap(),
        Loaded::Value(items)
    );
}

#[wasm_bindgen_test]
fn absent_key_loads_as_absent() {
    raw_storage().clear().unwrap();
    assert_eq!(
        storage::load::<Vec<Item>>(&local(), &SLOT, 1).unwrap(),
        Loaded::Absent
    );
}

#[wasm_bindgen_test]
fn older_versions_are_migrated_on_load() {
    raw_storage().clear().unwrap();
    let backend = local();
    // Version 0: a bare list from before envelopes existed, with the old field name.
    raw_storage()
        .set_item("apig-console.test-items", r#"[{"title":"old"}]"#)
        .unwrap();
    assert_eq!(
        storage::load::<Vec<Item>>(&backend, &SLOT, 1).unwrap(),
        Loaded::Value(vec![Item { name: "old".into() }])
    );
    raw_storage()
        .set_item(
            "apig-console.test-items",
            r#"{"version":1,"data":[{"title":"v1"}]}"#,
        )
        .unwrap();
    assert_eq!(
        storage::load::<Vec<Item>>(&backend, &SLOT, 1).unwrap(),
        Loaded::Value(vec![Item { name: "v1".into() }])
    );
}

#[wasm_bindgen_test]
fn corrupt_value_is_backed_up_byte_for_byte_and_reported() {
    raw_storage().clear().unwrap();
    let backend = local();
    let original = "{\"version\":2,\"data\":[{\"name\": 42}] garbage ✗";
    raw_storage()
        .set_item("apig-console.test-items", original)
        .unwrap();
    let loaded = storage::load::<Vec<Item>>(&backend, &SLOT, 1_700_000_000_000).unwrap();
    let Loaded::Corrupt(StorageError::Corrupt {
        key,
        backup_key,
        reason,
    }) = loaded
    else {
        panic!("expected Corrupt, got {loaded:?}");
    };
    assert_eq!(key, "apig-console.test-items");
    assert_eq!(backup_key, "apig-console.test-items.backup-1700000000000");
    assert!(reason.contains("not JSON"), "{reason}");
    assert_eq!(
        raw_storage().get_item(&backup_key).unwrap().as_deref(),
        Some(original)
    );
    // The original key is untouched until the console writes a new value itself.
    assert_eq!(
        raw_storage()
            .get_item("apig-console.test-items")
            .unwrap()
            .as_deref(),
        Some(original)
    );
}

#[wasm_bindgen_test]
fn value_from_a_newer_console_is_not_overwritten_silently() {
    raw_storage().clear().unwrap();
    raw_storage()
        .set_item("apig-console.test-items", r#"{"version":9,"data":[]}"#)
        .unwrap();
    let loaded = storage::load::<Vec<Item>>(&local(), &SLOT, 5).unwrap();
    assert!(
        matches!(&loaded, Loaded::Corrupt(StorageError::Corrupt { reason, .. }) if reason.contains("newer console")),
        "{loaded:?}"
    );
}

#[wasm_bindgen_test]
fn full_quota_is_reported_not_dropped() {
    raw_storage().clear().unwrap();
    let backend = local();
    // Chromium allows about 5 million UTF-16 code units per origin.
    let huge = vec![Item {
        name: "x".repeat(6_000_000),
    }];
    let result = storage::save(&backend, &SLOT, &huge);
    assert_eq!(
        result,
        Err(StorageError::QuotaExceeded {
            key: "apig-console.test-items".into()
        })
    );
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("Browser storage is full")
    );
    raw_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn unavailable_local_storage_falls_back_to_memory_and_says_so() {
    js_sys::eval(
        "window.__savedStorage = Object.getOwnPropertyDescriptor(window, 'localStorage') \
         ?? Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
         get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    )
    .unwrap();
    let (backend, problem) = Backend::open();
    js_sys::eval("Object.defineProperty(window, 'localStorage', window.__savedStorage);").unwrap();
    assert!(!backend.is_persistent());
    let problem = problem.expect("the fallback is reported");
    assert!(
        matches!(problem, StorageError::Unavailable(_)),
        "{problem:?}"
    );
    assert!(
        problem.to_string().contains("kept in memory only"),
        "{problem}"
    );
    // The memory backend still works for the rest of the session.
    storage::save(&backend, &SLOT, &vec![Item { name: "mem".into() }]).unwrap();
    assert_eq!(
        storage::load::<Vec<Item>>(&backend, &SLOT, 1).unwrap(),
        Loaded::Value(vec![Item { name: "mem".into() }])
    );
    // And the real storage is back for the other tests.
    assert!(Backend::open().1.is_none());
}

/// Every key of localStorage that holds a backup.
fn backup_keys() -> Vec<String> {
    let storage = raw_storage();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.contains(".backup-"))
        .collect()
}

#[wasm_bindgen_test]
fn the_same_corrupt_bytes_are_backed_up_once() {
    raw_storage().clear().unwrap();
    let backend = local();
    raw_storage()
        .set_item("apig-console.test-items", "not json")
        .unwrap();
    let first = storage::load::<Vec<Item>>(&backend, &SLOT, 1_000).unwrap();
    let again = storage::load::<Vec<Item>>(&backend, &SLOT, 2_000).unwrap();
    let backup = |loaded: &Loaded<Vec<Item>>| match loaded {
        Loaded::Corrupt(StorageError::Corrupt { backup_key, .. }) => backup_key.clone(),
        other => panic!("expected Corrupt, got {other:?}"),
    };
    assert_eq!(backup(&first), "apig-console.test-items.backup-1000");
    assert_eq!(
        backup(&again),
        backup(&first),
        "the second load names the first backup"
    );
    assert_eq!(backup_keys(), vec![backup(&first)]);
    // Other bytes are other data: they get a backup of their own.
    raw_storage()
        .set_item("apig-console.test-items", "other garbage")
        .unwrap();
    let other = storage::load::<Vec<Item>>(&backend, &SLOT, 3_000).unwrap();
    assert_eq!(backup(&other), "apig-console.test-items.backup-3000");
    assert_eq!(backup_keys().len(), 2);
    raw_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn one_corrupt_value_then_twenty_changes_leave_one_backup_key() {
    raw_storage().clear().unwrap();
    // The settings are re-read before every change and not written by an account edit, so
    // each of the changes below finds the same corrupt bytes again.
    raw_storage()
        .set_item("apig-console.settings", "{\"version\":1,\"data\": broken")
        .unwrap();
    let page = common::mount("/sandbox").await;
    assert!(
        common::text(&page.host, ".banners").contains("apig-console.settings.backup-"),
        "the corrupt value is reported"
    );
    let quota_form: web_sys::HtmlFormElement = common::find(&page.host, "#gateway-quota")
        .closest("form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    for change in 0..20 {
        // A few milliseconds apart, so backups made by separate changes would get separate
        // keys (the key names the time).
        gloo_timers::future::sleep(std::time::Duration::from_millis(3)).await;
        common::type_into(&page.host, "#gateway-quota", &(10 + change).to_string()).await;
        quota_form.request_submit().unwrap();
        common::settle().await;
    }
    let stored = raw_storage()
        .get_item("apig-console.account")
        .unwrap()
        .unwrap();
    assert!(
        stored.contains("\"gateway_quota\":29"),
        "the 20 changes were saved: {stored}"
    );
    let backups = backup_keys();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(
        raw_storage().get_item(&backups[0]).unwrap().as_deref(),
        Some("{\"version\":1,\"data\": broken")
    );
    drop(page);
    raw_storage().clear().unwrap();
}
