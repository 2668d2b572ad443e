//! The top bar: product name and region selector.

use apig_core::region::SANDBOX_REGIONS;
use leptos::prelude::*;

use crate::state::selected_region;

/// The console's header with the product name and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let region = selected_region().0;
    view! {
        <header class="topbar">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <span class="brand">
                <span class="brand-mark" aria-hidden="true">"▣"</span>
                "APIG Console"
            </span>
            <div class="region-picker">
                <label for="region-select">"Region"</label>
                <select
                    id="region-select"
                    on:change=move |ev| region.set(event_target_value(&ev))
                    prop:value=move || region.get()
                >
                    {SANDBOX_REGIONS
                        .iter()
                        .map(|(id, name)| {
                            view! { <option value=*id>{format!("{name} ({id})")}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        </header>
    }
}
