//! The app shell in a real browser (headless Chromium via wasm-bindgen-test).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> (HtmlElement, impl Drop) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), apig_web::App);
    (host, handle)
}

fn find(host: &HtmlElement, selector: &str) -> Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn shell_shows_header_navigation_and_empty_gateways() {
    let (host, handle) = mount();
    settle().await;
    let select: HtmlSelectElement = find(&host, "#region-select").unchecked_into();
    assert_eq!(select.length(), 3, "one option per sandbox region");
    let links: Vec<String> = (0..host.query_selector_all(".sidenav a").unwrap().length())
        .map(|i| {
            host.query_selector_all(".sidenav a")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(links, ["Gateways", "Sandbox", "Settings"]);
    let empty = find(&host, "#gateways-empty").text_content().unwrap();
    assert!(
        empty.contains("No gateways in CN North-Beijing4 yet."),
        "{empty}"
    );
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_region_updates_the_page() {
    let (host, handle) = mount();
    settle().await;
    let select: HtmlSelectElement = find(&host, "#region-select").unchecked_into();
    select.set_value("cn-north-1");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    settle().await;
    let empty = find(&host, "#gateways-empty").text_content().unwrap();
    assert!(
        empty.contains("No gateways in CN North-Beijing1 yet."),
        "{empty}"
    );
    drop(handle);
    host.remove();
}
