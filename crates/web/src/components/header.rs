//! The top bar: product name and region selector.

use leptos::prelude::*;

use leptos_router::components::A;

use crate::state::{RemoteState, use_store};

/// The console's header with the product name and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let regions = move || {
        // With apig-mock the console works in the region of the credential's project only.
        let project = store
            .remote
            .with(|r| r.as_ref().map(|c| c.project_id.clone()));
        store.account.with(|a| {
            a.regions
                .iter()
                .filter(|r| project.as_ref().is_none_or(|p| *p == r.project_id))
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
            <A href="/settings" attr:class="backend-badge" attr:id="backend-indicator">
                {move || match store.remote.get() {
                    None => "Backend: this browser".to_owned(),
                    Some(c) => {
                        let failed = matches!(store.remote_state.get(), RemoteState::Failed(_));
                        format!(
                            "Backend: apig-mock {}{}",
                            c.host,
                            if failed { " (unreachable)" } else { "" },
                        )
                    }
                }}
            </A>
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
