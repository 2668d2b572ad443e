//! The API trace in this browser: a refused operation is recorded with the request the real API
//! would receive and the core's refusal (status and code), an accepted one with its success
//! status; the header's button opens and closes the drawer.

use apig_core::account::{Account, CustomPolicy, Effect, Statement};
use apig_core::authority::Operation;
use apig_core::values::ErrorCode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlFormElement};

mod common;

use common::{find, mount, running_gateway, settle, store_envelope, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

async fn click(host: &HtmlElement, selector: &str) {
    let element: HtmlElement = find(host, selector).unchecked_into();
    element.click();
    settle().await;
}

async fn delete(host: &HtmlElement, name: &str) {
    type_into(host, "#delete-confirm-name", name).await;
    let form: HtmlFormElement = find(host, "#delete-dialog form").unchecked_into();
    form.request_submit().unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn a_refused_and_an_accepted_delete_are_traced_with_the_cores_answers() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let mut account = Account::default_seed();
    let gateway = running_gateway(&mut account, "traced-gw");
    account.principal.custom_policies.push(CustomPolicy {
        name: "keep".into(),
        statements: vec![Statement {
            effect: Effect::Deny,
            actions: vec![Operation::Delete.action().into()],
        }],
    });
    let id = gateway.id.to_string();
    let project = account.region("cn-north-4").unwrap().project_id.clone();
    store_envelope("account", &account);
    store_envelope("gateways", &vec![gateway]);
    let m = mount(&format!("/gateways/{id}")).await;

    // Closed at first; the button says so.
    assert!(m.host.query_selector("#trace-drawer").unwrap().is_none());
    let toggle = find(&m.host, "#trace-toggle");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&m.host, "#trace-toggle").await;
    assert!(text(&m.host, "#trace-empty").contains("No requests yet"));

    delete(&m.host, "traced-gw").await;
    let entry = text(&m.host, "#trace-drawer .trace-entry");
    let denied = ErrorCode::NoPermission;
    assert!(
        entry.contains(&format!("DELETE/v2/{project}/apigw/instances/{id}")),
        "{entry}"
    );
    assert!(
        entry.contains(&denied.http_status().to_string()),
        "the refusal's status: {entry}"
    );
    assert!(
        entry.contains(denied.as_str()),
        "the refusal's code: {entry}"
    );
    assert!(
        text(&m.host, "#trace-drawer .trace-answer").contains("custom policy keep denies"),
        "the core's message is the answer"
    );
    assert!(text(&m.host, "#trace-toggle").contains('1'));

    // Without the Deny the same delete is accepted: 204, newest first.
    let mut allowed = account.clone();
    allowed.principal.custom_policies.clear();
    store_envelope("account", &allowed);
    delete(&m.host, "traced-gw").await;
    let first = text(&m.host, "#trace-drawer .trace-entry");
    assert!(first.contains("DELETE") && first.contains("204"), "{first}");
    assert!(!first.contains(denied.as_str()), "{first}");

    click(&m.host, "#trace-close").await;
    assert!(m.host.query_selector("#trace-drawer").unwrap().is_none());
}
