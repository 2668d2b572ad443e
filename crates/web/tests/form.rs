//! The Buy Gateway form's messages in a real browser (headless Chromium).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

mod common;

use common::{Mounted, find, fire, mount, settle, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the console at `/gateways/buy` with empty storage.
async fn mount_buy_form() -> Mounted {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    mount("/gateways/buy").await
}

#[wasm_bindgen_test]
async fn a_field_error_shows_only_after_the_field_is_left() {
    let m = mount_buy_form().await;
    type_into(&m.host, "#instance_name", "9lives").await;
    assert_eq!(text(&m.host, "#instance_name-error"), "");
    let input = find(&m.host, "#instance_name");
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    fire(&input, "blur");
    settle().await;
    // One plain sentence, the code as a tag beside it; no API parameter name, no help text.
    assert_eq!(
        text(&m.host, "#instance_name-error"),
        "Gateway Name starts with “9”; start it with a letter or a Chinese character. APIC.7211"
    );
    assert_eq!(text(&m.host, "#instance_name-error .code-tag"), "APIC.7211");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    assert!(
        described.split(' ').any(|id| id == "instance_name-error"),
        "{described}"
    );
}

#[wasm_bindgen_test]
async fn a_message_names_every_offending_character_once() {
    let m = mount_buy_form().await;
    type_into(&m.host, "#instance_name", "my gw.v2 (test).").await;
    fire(&find(&m.host, "#instance_name"), "blur");
    settle().await;
    assert_eq!(
        text(&m.host, "#instance_name-error"),
        "Gateway Name cannot contain a space, “.”, “(” or “)”; use only letters, digits, \
         Chinese characters, - and _. APIC.7211"
    );
}

#[wasm_bindgen_test]
async fn fixing_the_value_clears_the_message() {
    let m = mount_buy_form().await;
    type_into(&m.host, "#instance_name", "ab").await;
    fire(&find(&m.host, "#instance_name"), "blur");
    settle().await;
    assert!(text(&m.host, "#instance_name-error").contains("APIC.7211"));
    type_into(&m.host, "#instance_name", "abc").await;
    assert_eq!(text(&m.host, "#instance_name-error"), "");
}

#[wasm_bindgen_test]
async fn next_shows_every_error_at_once() {
    let m = mount_buy_form().await;
    type_into(&m.host, "#instance_name", "-bad").await;
    type_into(&m.host, "#description", "no <tags> please").await;
    let form: web_sys::HtmlFormElement = find(&m.host, "#buy-form").unchecked_into();
    form.request_submit().unwrap();
    settle().await;
    assert!(text(&m.host, "#instance_name-error").contains("APIC.7211"));
    let description = text(&m.host, "#description-error");
    assert!(description.contains("APIC.7211"), "{description}");
    assert_eq!(
        text(&m.host, "#next-refusal"),
        "2 problems to fix before you can continue. Not yet: Gateway Name, Description. \
         Focus moved to the first."
    );
    assert_eq!(
        find(&m.host, "#description")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn the_description_counter_counts_characters() {
    let m = mount_buy_form().await;
    type_into(&m.host, "#description", "网关 gateway").await;
    assert_eq!(text(&m.host, "#description-hint"), "10/255");
}

#[wasm_bindgen_test]
async fn the_check_panel_follows_the_edition() {
    let m = mount_buy_form().await;
    let outcome = |host: &HtmlElement| {
        find(host, "[data-check=\"subnet\"]")
            .get_attribute("data-outcome")
            .unwrap()
    };
    assert_eq!(outcome(&m.host), "pass");
    let before: u32 = find(&m.host, "#check-panel")
        .get_attribute("data-revision")
        .unwrap()
        .parse()
        .unwrap();
    let subnet: web_sys::HtmlSelectElement = find(&m.host, "#subnet_id").unchecked_into();
    let small = (0..subnet.length())
        .filter_map(|i| subnet.item(i))
        .find(|o| o.text_content().unwrap_or_default().contains("/29"))
        .and_then(|o| o.get_attribute("value"))
        .unwrap();
    subnet.set_value(&small);
    fire(&subnet, "change");
    settle().await;
    let professional: HtmlInputElement = find(&m.host, "#spec-PROFESSIONAL").unchecked_into();
    professional.set_checked(true);
    fire(&professional, "change");
    settle().await;
    assert_eq!(outcome(&m.host), "fail");
    let after: u32 = find(&m.host, "#check-panel")
        .get_attribute("data-revision")
        .unwrap()
        .parse()
        .unwrap();
    assert!(after > before, "revision {before} -> {after}");
}
