//! The Sandbox page's export, import and reset of the whole state.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::tx;
use crate::components::change_form::focus_id;
use crate::components::controls::ErrorLine;
use crate::i18n::use_t;
use crate::state::use_store;
use crate::state_file::{STATE_FILE_NAME, parse_state_file};

/// Offers `text` as a file download named `name`.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "The browser could not build the file.".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "The browser could not offer the file.".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "No document.".to_owned())?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "No link element.".to_owned())?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub(super) fn StatePanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let export = move |_| {
        let file = store.export_state();
        match file.to_text() {
            Ok(text) => match download(STATE_FILE_NAME, &text) {
                Ok(()) => {
                    error.set(String::new());
                    message.set((tx(store).exported)(file.gateways.len()));
                }
                Err(e) => error.set(e),
            },
            Err(e) => error.set(e),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let Ok(value) = wasm_bindgen_futures::JsFuture::from(file.text()).await else {
                message.set(String::new());
                error.set((tx(store).unreadable)(&name));
                return;
            };
            let text = value.as_string().unwrap_or_default();
            match parse_state_file(&text) {
                Ok(state) => {
                    let n = state.gateways.len();
                    store.import_state(state);
                    error.set(String::new());
                    let text = (tx(store).imported)(&name, n);
                    store.announce(text.clone());
                    message.set(text);
                }
                Err(e) => {
                    message.set(String::new());
                    error.set((tx(store).import_refused)(&name, &e.to_string()));
                }
            }
        });
    };
    let reset = move |_| {
        store.reset();
        confirming.set(false);
        error.set(String::new());
        let text = tx(store).reset_done.to_owned();
        store.announce(text.clone());
        message.set(text);
        request_animation_frame(|| focus_id("reset"));
    };
    view! {
        <section class="panel" aria-labelledby="state-title">
            <h2 id="state-title">{move || t().sandbox.state_title}</h2>
            <p class="hint">
                {move || t().sandbox.state_hint}
            </p>
            <div class="inline-row">
                <button type="button" class="btn" id="export" on:click=export>
                    {move || t().sandbox.export}
                </button>
                <label class="btn file-label" for="import-file">
                    {move || t().sandbox.import}
                </label>
                <input
                    id="import-file"
                    class="file-input"
                    type="file"
                    accept="application/json,.json"
                    aria-describedby="state-error"
                    on:change=import
                />
                <button
                    type="button"
                    class="btn btn-danger"
                    id="reset"
                    aria-expanded=move || confirming.get().to_string()
                    aria-controls="reset-confirmation"
                    on:click=move |_| {
                        confirming.set(true);
                        request_animation_frame(|| focus_id("reset-cancel"));
                    }
                >
                    {move || t().sandbox.reset}
                </button>
            </div>
            <div id="reset-confirmation" class="notice notice-fail" hidden=move || !confirming.get()>
                <p>
                    {move || t().sandbox.reset_warning}
                </p>
                <div class="inline-row">
                    <button
                        type="button"
                        class="btn"
                        id="reset-cancel"
                        on:click=move |_| {
                            confirming.set(false);
                            request_animation_frame(|| focus_id("reset"));
                        }
                    >
                        {move || t().sandbox.cancel}
                    </button>
                    <button type="button" class="btn btn-danger" id="reset-confirm" on:click=reset>
                        {move || t().sandbox.reset_everything}
                    </button>
                </div>
            </div>
            <ErrorLine id="state-error" error=error />
            <p class="hint" id="state-message" role="status">
                {move || message.get()}
            </p>
        </section>
    }
}
