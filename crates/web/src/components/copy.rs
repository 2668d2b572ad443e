//! Copying to the clipboard ([`copy_text`], used by every copy control) and a copy button
//! that says whether it worked.

use leptos::prelude::*;

use crate::i18n::{Tr, use_t};

/// How a copy to the clipboard went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The text is on the clipboard.
    Done,
    /// The browser refused (no permission, page not focused).
    Refused,
    /// This browser has no clipboard API.
    Unavailable,
}

/// Writes `text` to the clipboard, then calls `done` with how it went.
pub fn copy_text(text: &str, done: impl FnOnce(Copied) + 'static) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        done(Copied::Unavailable);
        return;
    };
    let promise = clipboard.write_text(text);
    leptos::task::spawn_local(async move {
        done(match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => Copied::Done,
            Err(_) => Copied::Refused,
        });
    });
}

/// The confirmation's words for how a copy went.
pub fn copied_text(lang_texts: &crate::i18n::Texts, copied: Copied) -> &'static str {
    let texts = &lang_texts.confirm;
    match copied {
        Copied::Done => texts.copied,
        Copied::Refused => texts.copy_refused,
        Copied::Unavailable => texts.copy_unavailable,
    }
}

/// A small button copying `text`; `what` names the value for its accessible name
/// ("Copy Gateway ID"). The outcome is said in a status next to it.
#[component]
pub fn CopyButton(id: String, text: String, what: Tr) -> impl IntoView {
    let t = use_t();
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        copy_text(&text, move |copied| {
            status.set(copied_text(t(), copied).into());
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
