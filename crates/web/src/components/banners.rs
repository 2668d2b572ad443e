//! Banners: storage problems and other messages that concern every page.

use leptos::prelude::*;

use crate::state::{BannerKind, use_store};

/// The list of banners, each dismissible, announced to screen readers.
#[component]
pub fn Banners() -> impl IntoView {
    let store = use_store();
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
                            <p>{banner.text}</p>
                            <button
                                type="button"
                                class="btn btn-small"
                                on:click=move |_| store.dismiss(id)
                            >
                                "Dismiss"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
