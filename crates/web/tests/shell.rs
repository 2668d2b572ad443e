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

/// How many intervals and window `storage` listeners started since [`count_live`] are live.
fn live() -> (u32, u32) {
    let read = |what: &str| {
        js_sys::eval(&format!("String({what})"))
            .unwrap()
            .as_string()
            .and_then(|n| n.parse().ok())
            .unwrap_or(u32::MAX)
    };
    (
        read("window.__live.intervals.size"),
        read("window.__live.storage"),
    )
}

/// Counts `setInterval` / `clearInterval` and window `storage` listeners from now on.
fn count_live() {
    js_sys::eval(
        "window.__live = { intervals: new Set(), storage: 0, undo: [] };
         for (const [set, clear] of [['setInterval', 'clearInterval']]) {
           const s = window[set], c = window[clear];
           window.__live.undo.push(() => { window[set] = s; window[clear] = c; });
           window[set] = (f, t, ...a) => { const id = s.call(window, f, t, ...a); window.__live.intervals.add(id); return id; };
           window[clear] = (id) => { window.__live.intervals.delete(id); c.call(window, id); };
         }
         const add = window.addEventListener, remove = window.removeEventListener;
         window.__live.undo.push(() => { delete window.addEventListener; delete window.removeEventListener; });
         window.addEventListener = function (type, f, o) { if (type === 'storage') window.__live.storage += 1; return add.call(window, type, f, o); };
         window.removeEventListener = function (type, f, o) { if (type === 'storage') window.__live.storage -= 1; return remove.call(window, type, f, o); };",
    )
    .unwrap();
}

#[wasm_bindgen_test]
async fn unmounting_removes_the_clock_and_the_storage_listener() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    count_live();
    // The console mounted under an owner of the test's, so that unmounting cleans up the
    // console's owner: dropping the handle alone leaves that to Leptos, which keeps the root
    // owner alive while its effects refer to it.
    let owner = leptos::prelude::Owner::new();
    let (host, handle) = owner.with(mount);
    settle().await;
    let (intervals, listeners) = live();
    assert!(intervals >= 1, "the clock runs while mounted");
    assert_eq!(listeners, 1, "one storage listener while mounted");
    drop(handle);
    owner.cleanup();
    host.remove();
    settle().await;
    assert_eq!(live(), (0, 0), "nothing keeps running after unmounting");
    js_sys::eval("window.__live.undo.forEach((undo) => undo());").unwrap();
}
