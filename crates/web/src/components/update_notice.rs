//! "A new version is ready": the notice the service worker's update flow ends in.
//!
//! The loader (`static/boot.js`) registers the service worker of a `cargo xtask dist` build.
//! When a newer build has been installed next to the running one, it dispatches
//! [`READY_EVENT`] on the window; the notice's button dispatches [`APPLY_EVENT`], on which the
//! loader lets the new worker take over and reloads the page once it has. Until then the page
//! keeps running the files of its own build: the two builds' files never meet in one page.

use leptos::prelude::*;

use crate::i18n::use_t;

/// Dispatched by the loader when a newer build waits to take over.
pub const READY_EVENT: &str = "apig-console:update-ready";
/// Dispatched by the notice when the person asks for the new build.
pub const APPLY_EVENT: &str = "apig-console:update-apply";

/// The notice, shown once a new build is ready; its button reloads into it.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let t = use_t();
    let ready = RwSignal::new(false);
    let listener = window_event_listener_untyped(READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let applying = RwSignal::new(false);
    let apply = move |_| {
        applying.set(true);
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(APPLY_EVENT)) {
            let _ = window.dispatch_event(&event);
        }
    };
    view! {
        <div class="update-notice" role="status">
            <Show when=move || ready.get()>
                <div class="banner banner-update" id="update-notice">
                    <p>{move || t().shell.update_ready}</p>
                    <button
                        type="button"
                        class="btn btn-small btn-primary"
                        id="update-reload"
                        disabled=move || applying.get()
                        on:click=apply
                    >
                        {move || t().shell.update_reload}
                    </button>
                </div>
            </Show>
        </div>
    }
}
