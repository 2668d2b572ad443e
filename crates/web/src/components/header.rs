//! The top bar: product name and region selector.

use leptos::prelude::*;

use crate::state::use_store;

/// The console's header with the product name and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let regions = move || {
        store.account.with(|a| {
            a.regions
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
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
                <label for="region-select">"Region"</label>
                <select
                    id="region-select"
                    on:change=move |ev| store.region.set(event_target_value(&ev))
                    prop:value=move || store.region.get()
                >
                    {move || {
                        regions()
                            .into_iter()
                            .map(|(id, name)| {
                                let label = format!("{name} ({id})");
                                let selected = store.region.get_untracked() == id;
                                view! {
                                    <option value=id selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </header>
    }
}
