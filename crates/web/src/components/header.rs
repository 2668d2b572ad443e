//! The top bar: product name and region selector.

use leptos::prelude::*;

use crate::components::controls::SignalSelect;
use crate::state::use_store;

/// The console's header with the product name and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let regions = move || {
        store.account.with(|a| {
            a.regions
                .iter()
                .map(|r| (r.id.clone(), format!("{} ({})", r.name, r.id)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <header class="topbar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <span class="brand">
                <span class="brand-mark" aria-hidden="true">"▣"</span>
                "APIG Console"
            </span>
            <div class="region-picker">
                <SignalSelect
                    id="region-select"
                    label="Region"
                    value=store.region
                    options=Signal::derive(regions)
                />
            </div>
        </header>
    }
}
