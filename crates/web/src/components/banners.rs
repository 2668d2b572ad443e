//! Banners: storage problems and other messages that concern every page.

use leptos::prelude::*;

use crate::i18n::use_t;
use crate::state::{BannerKind, use_store};

/// The list of banners, each dismissible, announced to screen readers.
#[component]
pub fn Banners() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <div class="banners" role="alert" aria-live="assertive">
            <For
                each=move || store.banners.get()
                key=|banner| banner.id
                children=move |banner| {
                    let class = match banner.kind {
                        BannerKind::Error => "banner banner-error",
                        BannerKind::Warning => "banner banner-warning",
                    };
                    let id = banner.id;
                    view! {
                        <div class=class data-banner=id>
                            <p>
                                {move || {
                                    banner
                                        .storage
                                        .as_ref()
                                        .and_then(|e| (t().shell.storage)(e))
                                        .unwrap_or_else(|| banner.text.clone())
                                }}
                            </p>
                            <button
                                type="button"
                                class="btn btn-small"
                                on:click=move |_| store.dismiss(id)
                            >
                                {move || t().shell.dismiss}
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
