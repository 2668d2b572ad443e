//! What the browser tests share: mounting the whole console at a route, letting its effects
//! run, and finding, reading and typing into elements of the mounted page.

#![allow(dead_code)] // Each test crate uses its own subset.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// The console mounted into a `div` of the test page; dropping it removes the `div`.
pub struct Mounted {
    pub host: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// Navigates to `path` and mounts the console there, reading whatever localStorage holds.
pub async fn mount(path: &str) -> Mounted {
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let document = window.document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), || {
        leptos::prelude::IntoAny::into_any(apig_web::App())
    });
    settle().await;
    Mounted {
        host,
        _handle: handle,
    }
}

/// A gateway named `name` bought on `account` with the prefilled form of cn-north-4 (its
/// addresses taken from `account`), created instantly at time 0, so it is `Running`.
pub fn running_gateway(
    account: &mut apig_core::account::Account,
    name: &str,
) -> apig_core::gateway::Gateway {
    let region = account.region("cn-north-4").unwrap().clone();
    let draft = apig_core::validate::Draft {
        instance_name: name.into(),
        ..apig_core::validate::Draft::prefilled(account, &region, &[])
    };
    let plan = apig_core::validate::validate(&draft, account, &[], 7).unwrap();
    apig_core::plan::apply_plan(account, &plan).unwrap();
    plan.to_gateway(0, apig_core::lifecycle::CreationSpeed::Instant, None)
}

/// Stores `data` under the console's key for `key` in a version-1 envelope, as the console
/// itself would.
pub fn store_envelope(key: &str, data: &impl serde::Serialize) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let text = serde_json::json!({ "version": 1, "data": data }).to_string();
    storage
        .set_item(&format!("apig-console.{key}"), &text)
        .unwrap();
}

/// The raw text stored under the console's key for `key` (empty when absent).
pub fn stored(key: &str) -> String {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .get_item(&format!("apig-console.{key}"))
        .unwrap()
        .unwrap_or_default()
}

/// Lets pending effects and tasks run.
pub async fn settle() {
    for _ in 0..8 {
        leptos::task::tick().await;
    }
}

pub fn find(host: &HtmlElement, selector: &str) -> Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn text(host: &HtmlElement, selector: &str) -> String {
    find(host, selector).text_content().unwrap_or_default()
}

/// Dispatches a bubbling `event` on `target`.
pub fn fire(target: &Element, event: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    target
        .dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap())
        .unwrap();
}

/// Sets the input's value and fires `input`, as typing does.
pub async fn type_into(host: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(host, selector).unchecked_into();
    input.set_value(value);
    fire(&input, "input");
    settle().await;
}
