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
async fn open_editors_of_one_update_are_reviewed_and_saved_together() {
    let state = seeded_state();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    click(&m.host, "#open-name").await;
    click(&m.host, "#open-description").await;
    type_into(&m.host, "#edit-name", "not-sent").await;
    // A closed editor takes no part in the update: closed by its heading, as a person does
    // (the browser says so with a `toggle` event a moment later).
    click(&m.host, "#editor-name > summary").await;
    assert!(!find(&m.host, "#editor-name").has_attribute("open"));
    gloo_timers::future::TimeoutFuture::new(50).await;
    settle().await;
    type_into(&m.host, "#edit-description", "Two changes, one review").await;
    submit(&m.host, "#change-description").await;
    let preview = text(&m.host, "#description-preview");
    assert!(!preview.contains("not-sent"), "{preview}");
    assert!(preview.contains("Two changes, one review"), "{preview}");
    // Opened again, the name editor starts from the gateway's name.
    click(&m.host, "#open-name").await;
    assert_eq!(
        find(&m.host, "#edit-name")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "browser-gw"
    );
    type_into(&m.host, "#edit-name", "batched-gw").await;
    // The review in either editor shows both changes; one Save applies both.
    submit(&m.host, "#change-name").await;
    let preview = text(&m.host, "#name-preview");
    assert!(
        preview.contains("batched-gw") && preview.contains("Two changes, one review"),
        "{preview}"
    );
    assert!(
        text(&m.host, "#name-batched").contains("saved together"),
        "{preview}"
    );
    click(&m.host, "#name-save").await;
    assert_eq!(text(&m.host, "#gateway-title"), "batched-gw");
    let history = text(&m.host, "#history");
    assert!(
        history.contains("batched-gw") && history.contains("Two changes, one review"),
        "{history}"
    );
    let toasts = text(&m.host, ".toasts");
    assert!(
        toasts.contains("Gateway Name, Description saved"),
        "{toasts}"
    );
}

#[wasm_bindgen_test]
async fn a_rename_is_previewed_saved_and_recorded() {
    let state = seeded_state();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    assert_eq!(text(&m.host, "#gateway-title"), "browser-gw");
    // Editors are closed until their Edit control opens them.
    let editor = find(&m.host, "#editor-name");
    assert!(!editor.has_attribute("open"));
    click(&m.host, "#open-name").await;
    assert!(editor.has_attribute("open"));
    assert_eq!(
        find(&m.host, "#edit-name")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "browser-gw"
    );
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
    assert_eq!(
        text(&m.host, "#outbound-error"),
        "Public Outbound Access is 2001; enter a whole number from 1 to 2000. APIC.7211"
    );
    assert_eq!(text(&m.host, "#outbound-error .code-tag"), "APIC.7211");
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

/// `count` running Basic gateways bought one after another on the default seed (each with the
/// prefilled form, so each takes the next free addresses), named `page-gw-01`…, the quota
/// raised to 30.
fn many_gateways(count: usize) -> StateFile {
    let mut account = Account::default_seed();
    account.gateway_quota = 30;
    let mut gateways: Vec<apig_core::gateway::Gateway> = Vec::new();
    for i in 0..count {
        let region = account.region("cn-north-4").unwrap().clone();
        let draft = apig_core::validate::Draft {
            instance_name: format!("page-gw-{:02}", i + 1),
            spec_id: "BASIC".into(),
            ..apig_core::validate::Draft::prefilled(&account, &region, &gateways)
        };
        let plan = apig_core::validate::validate(&draft, &account, &gateways, 100 + i as u64)
            .unwrap_or_else(|p| panic!("gateway {i}: {p:?}"));
        apig_core::plan::apply_plan(&mut account, &plan).unwrap();
        gateways.push(plan.to_gateway(
            i as u64 * 60_000,
            apig_core::lifecycle::CreationSpeed::Instant,
            None,
        ));
    }
    StateFile {
        format: STATE_FILE_FORMAT.into(),
        schema_version: 1,
        account,
        gateways,
        settings: Settings::default(),
    }
}

/// The names of the list's rows, in order.
fn row_names(host: &HtmlElement) -> Vec<String> {
    let rows = host
        .query_selector_all("#gateways-table tbody tr[data-gateway] td:first-child")
        .unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn names(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|n| format!("page-gw-{n:02}")).collect()
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

#[wasm_bindgen_test]
async fn the_list_shows_a_page_at_a_time_and_the_address_keeps_the_page() {
    let state = many_gateways(25);
    let m = mount_at("/gateways", &state).await;
    // Page 1 of 3 at the default 10 per page; the count and the quota are over all 25.
    assert_eq!(row_names(&m.host), names(1..=10));
    assert_eq!(
        find(&m.host, "#gateways-total").get_attribute("data-total"),
        Some("25".into())
    );
    assert_eq!(text(&m.host, "#gateways-total"), "Total records: 25");
    assert_eq!(text(&m.host, "#quota-usage"), "Quota: 25 of 30 used");
    // Previous leads nowhere on the first page (a link without a target).
    assert!(!find(&m.host, "#gateways-previous").has_attribute("href"));
    assert_eq!(
        find(&m.host, "#gateways-pager a[aria-current=\"page\"]").text_content(),
        Some("1".into())
    );
    // Next: the second ten, and the address says so.
    click(&m.host, "#gateways-next").await;
    assert_eq!(row_names(&m.host), names(11..=20));
    assert_eq!(search(), "?page=2&size=10");
    // The last page by its number: the rest, and no Next.
    click(&m.host, "#gateways-pager a[aria-label=\"Page 3\"]").await;
    assert_eq!(row_names(&m.host), names(21..=25));
    assert!(!find(&m.host, "#gateways-next").has_attribute("href"));
    assert_eq!(search(), "?page=3&size=10");
    drop(m);

    // A reload (the console opened anew at this address) shows the same page.
    let m = mount_at("/gateways?page=3&size=10", &state).await;
    assert_eq!(row_names(&m.host), names(21..=25));
    // 20 per page: back to page 1 with twenty rows; page 2 holds the last five.
    let select: web_sys::HtmlSelectElement = find(&m.host, "#gateways-page-size").unchecked_into();
    select.set_value("20");
    common::fire(&select, "change");
    settle().await;
    assert_eq!(search(), "?page=1&size=20");
    assert_eq!(row_names(&m.host), names(1..=20));
    assert!(
        find(&m.host, "#gateways-next")
            .get_attribute("href")
            .is_some_and(|h| h.ends_with("/gateways?page=2&size=20"))
    );
    // (A link is not clicked in this second mount: the router of the first one, dropped,
    // still hears clicks on links in this test page, which a real page never holds twice.)
    drop(m);
    let m = mount_at("/gateways?page=2&size=20", &state).await;
    assert_eq!(row_names(&m.host), names(21..=25));
    let select: web_sys::HtmlSelectElement = find(&m.host, "#gateways-page-size").unchecked_into();
    assert_eq!(select.value(), "20");
    // A page past the end (the list got shorter since the address was written) is the last.
    drop(m);
    let m = mount_at("/gateways?page=9&size=10", &state).await;
    assert_eq!(row_names(&m.host), names(21..=25));
}

/// A running gateway with public inbound and outbound access at 10 Mbit/s each.
fn state_with_public_access() -> StateFile {
    let mut account = Account::default_seed();
    let region = account.region("cn-north-4").unwrap().clone();
    let draft = apig_core::validate::Draft {
        instance_name: "public-gw".into(),
        public_inbound: true,
        ingress_bandwidth: "10".into(),
        public_outbound: true,
        outbound_bandwidth: "10".into(),
        ..apig_core::validate::Draft::prefilled(&account, &region, &[])
    };
    let plan = apig_core::validate::validate(&draft, &account, &[], 7).unwrap();
    apig_core::plan::apply_plan(&mut account, &plan).unwrap();
    let gateway = plan.to_gateway(0, apig_core::lifecycle::CreationSpeed::Instant, None);
    StateFile {
        format: STATE_FILE_FORMAT.into(),
        schema_version: 1,
        account,
        gateways: vec![gateway],
        settings: Settings::default(),
    }
}

/// The value an `<input>` holds now.
fn input_value(host: &HtmlElement, selector: &str) -> String {
    find(host, selector)
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[wasm_bindgen_test]
async fn bandwidth_editors_start_from_the_gateways_bandwidth() {
    let state = state_with_public_access();
    let id = state.gateways[0].id.to_string();
    let m = mount_at(&format!("/gateways/{id}"), &state).await;
    // After a reload the editors hold what the gateway has, so an untouched review proposes no
    // 10 → 5 change.
    assert_eq!(input_value(&m.host, "#inbound-bandwidth"), "10");
    assert_eq!(input_value(&m.host, "#outbound-bandwidth"), "10");
}
