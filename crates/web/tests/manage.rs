//! The gateway information page and the import checks in a real browser (headless Chromium).

use apig_core::account::Account;
use apig_web::state::Settings;
use apig_web::state_file::{ImportError, STATE_FILE_FORMAT, StateFile, parse_state_file};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

mod common;

use common::{
    Mounted, find, mount, running_gateway, settle, store_envelope, stored, text, type_into,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A running gateway on the default seed, and the account it was taken from.
fn seeded_state() -> StateFile {
    let mut account = Account::default_seed();
    let gateway = running_gateway(&mut account, "browser-gw");
    StateFile {
        format: STATE_FILE_FORMAT.into(),
        schema_version: 1,
        account,
        gateways: vec![gateway],
        settings: Settings::default(),
    }
}

async fn mount_at(path: &str, state: &StateFile) -> Mounted {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    store_envelope("account", &state.account);
    store_envelope("gateways", &state.gateways);
    store_envelope("settings", &state.settings);
    mount(path).await
}

async fn submit(host: &HtmlElement, selector: &str) {
    let form: web_sys::HtmlFormElement = find(host, selector).unchecked_into();
    form.request_submit().unwrap();
    settle().await;
}

async fn click(host: &HtmlElement, selector: &str) {
    find(host, selector).unchecked_into::<HtmlElement>().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_rename_is_previewed_saved_and_recorded() {
    let state = seeded_state();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    assert_eq!(text(&m.host, "#gateway-title"), "browser-gw");
    type_into(&m.host, "#edit-name", "renamed-in-test").await;
    submit(&m.host, "#change-name").await;
    let preview = text(&m.host, "#name-preview");
    assert!(
        preview.contains("browser-gw") && preview.contains("renamed-in-test"),
        "{preview}"
    );
    // Editing after the review hides it: what is saved is always what was shown.
    type_into(&m.host, "#edit-name", "renamed-again").await;
    assert!(m.host.query_selector("#name-preview").unwrap().is_none());
    submit(&m.host, "#change-name").await;
    click(&m.host, "#name-save").await;
    assert_eq!(text(&m.host, "#gateway-title"), "renamed-again");
    let row = text(&m.host, "#history tr[data-field=\"instance_name\"]");
    assert!(
        row.contains("browser-gw") && row.contains("renamed-again"),
        "{row}"
    );
    let stored = stored("gateways");
    assert!(stored.contains("renamed-again"), "{stored}");
}

#[wasm_bindgen_test]
async fn a_refused_change_shows_its_code_and_saves_nothing() {
    let state = seeded_state();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    let outbound = find(&m.host, "#outbound-action");
    assert_eq!(
        outbound.text_content().unwrap_or_default(),
        "Enable public outbound access"
    );
    type_into(&m.host, "#outbound-bandwidth", "2001").await;
    submit(&m.host, "#change-outbound").await;
    let error = text(&m.host, "#outbound-error");
    assert!(error.contains("APIC.7211"), "{error}");
    assert!(
        m.host
            .query_selector("#outbound-preview")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        text(&m.host, "#history-empty"),
        "No changes since creation."
    );
}

#[wasm_bindgen_test]
async fn delete_stays_disabled_until_the_exact_name_is_typed() {
    let state = seeded_state();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    let confirm = || {
        find(&m.host, "#delete-confirm")
            .unchecked_into::<web_sys::HtmlButtonElement>()
            .disabled()
    };
    assert!(confirm());
    type_into(&m.host, "#delete-confirm-name", "browser-g").await;
    assert!(confirm());
    type_into(&m.host, "#delete-confirm-name", "browser-gw ").await;
    assert!(confirm());
    type_into(&m.host, "#delete-confirm-name", "browser-gw").await;
    assert!(!confirm());
    let released = text(&m.host, "#delete-released");
    assert!(released.contains("192.168.0."), "{released}");
}

#[wasm_bindgen_test]
fn import_files_are_checked_before_anything_is_replaced() {
    let good = seeded_state();
    let text = serde_json::to_string(&good).unwrap();
    assert_eq!(parse_state_file(&text), Ok(good.clone()));
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["schema_version"] = 2.into();
    assert!(matches!(
        parse_state_file(&value.to_string()),
        Err(ImportError::Version { found: 2, .. })
    ));
    value["schema_version"] = 1.into();
    value["account"]["schema_version"] = 9.into();
    assert!(matches!(
        parse_state_file(&value.to_string()),
        Err(ImportError::Version { found: 9, .. })
    ));
    let cases = [
        ("", "not JSON"),
        ("[]", "one JSON object"),
        (r#"{"format":"other"}"#, "\"format\" is \"other\""),
        (
            r#"{"format":"apig-console-state","schema_version":1}"#,
            "missing field `account`",
        ),
    ];
    for (input, expect) in cases {
        let error = parse_state_file(input).unwrap_err().to_string();
        assert!(error.contains(expect), "{input:?}: {error}");
    }
    let mut stray = good;
    stray.gateways[0].region = "xx-nowhere-1".into();
    let error = parse_state_file(&serde_json::to_string(&stray).unwrap()).unwrap_err();
    assert!(matches!(error, ImportError::UnknownRegion(_)), "{error}");
}
