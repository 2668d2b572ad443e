//! The core's decisions as the console's pages show them, in a real browser: the Sandbox page
//! refuses an overlapping subnet with the core's message (the one `PUT /_mock/{project}/account`
//! answers), and a Deny on `apig:instances:delete` refuses Delete on the information page with
//! APIC.7106 and the core's message (the one apig-mock answers).

use apig_core::account::{Account, CustomPolicy, Effect, Statement, ids};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlFormElement, HtmlSelectElement};

mod common;

use common::{find, fire, mount, running_gateway, settle, store_envelope, stored, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn clear_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
}

async fn submit(host: &HtmlElement, selector: &str) {
    let form: HtmlFormElement = find(host, selector).unchecked_into();
    form.request_submit().unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_sandbox_page_refuses_an_overlapping_subnet_with_the_cores_message() {
    clear_storage();
    store_envelope("account", &Account::default_seed());
    let m = mount("/sandbox").await;
    let vpc: HtmlSelectElement = find(&m.host, "#subnet-vpc").unchecked_into();
    vpc.set_value(ids::CN4_VPC_MAIN);
    fire(&vpc, "change");
    type_into(&m.host, "#subnet-name", "inner").await;
    type_into(&m.host, "#subnet-cidr", "192.168.0.128/25").await;
    submit(&m.host, "form[aria-labelledby=\"subnet-add-title\"]").await;
    assert_eq!(
        text(&m.host, "#network-error"),
        "Subnet inner (192.168.0.128/25) overlaps subnet-roomy (192.168.0.0/24) in vpc-default. Choose a CIDR outside it. APIC.7211"
    );
    assert_eq!(text(&m.host, "#network-error .code-tag"), "APIC.7211");
    let rows = text(&m.host, "#subnets");
    assert!(!rows.contains("inner"), "nothing was saved: {rows}");
    assert!(
        !stored("account").contains("192.168.0.128/25"),
        "nothing was stored"
    );

    // A subnet that fits is saved.
    type_into(&m.host, "#subnet-cidr", "192.168.9.0/24").await;
    submit(&m.host, "form[aria-labelledby=\"subnet-add-title\"]").await;
    assert_eq!(text(&m.host, "#network-error"), "");
    assert!(text(&m.host, "#subnets").contains("192.168.9.0/24"));
}

#[wasm_bindgen_test]
async fn a_deny_on_delete_refuses_delete_on_the_information_page() {
    clear_storage();
    let mut account = Account::default_seed();
    let gateway = running_gateway(&mut account, "guarded-gw");
    account.principal.custom_policies.push(CustomPolicy {
        name: "keep".into(),
        statements: vec![Statement {
            effect: Effect::Deny,
            actions: vec!["apig:instances:delete".into()],
        }],
    });
    let id = gateway.id.to_string();
    store_envelope("account", &account);
    store_envelope("gateways", &vec![gateway]);
    let m = mount(&format!("/gateways/{id}")).await;
    let before = stored("gateways");
    type_into(&m.host, "#delete-confirm-name", "guarded-gw").await;
    submit(&m.host, "#delete-dialog form").await;
    assert_eq!(
        text(&m.host, "#delete-error"),
        "No permission to delete the gateway: custom policy keep denies apig:instances:delete, and a Deny wins over every Allow. Remove the Deny. APIC.7106"
    );
    assert_eq!(stored("gateways"), before, "nothing changed");
    assert!(text(&m.host, "#gateway-title").contains("guarded-gw"));
}
