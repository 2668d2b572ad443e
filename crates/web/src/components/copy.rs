//! A copy button: writes a text to the clipboard and says whether it worked.

use leptos::prelude::*;

use crate::i18n::{Tr, use_t};

/// A small button copying `text`; `what` names the value for its accessible name
/// ("Copy Gateway ID"). The outcome is said in a status next to it.
#[component]
pub fn CopyButton(id: String, text: String, what: Tr) -> impl IntoView {
    let t = use_t();
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let texts = &t().confirm;
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            status.set(texts.copy_unavailable.into());
            return;
        };
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => status.set(texts.copied.into()),
                Err(_) => status.set(texts.copy_refused.into()),
            }
        });
    };
    view! {
        <button
            type="button"
            class="btn btn-small btn-copy"
            id=id
            aria-label=move || (t().manage.copy_value)(what(t()))
            on:click=copy
        >
            {move || t().confirm.copy}
        </button>
        <span class="copy-status" role="status">
            {move || status.get()}
        </span>
    }
}
