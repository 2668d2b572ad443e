//! The top bar: product name and region selector.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::components::controls::SignalSelect;
use crate::state::{RemoteState, use_store};

/// The console's header with the product name and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let regions = move || {
        // With apig-mock the console works in the region of the credential's project only.
        let project = store.connection().map(|c| c.project_id);
        store.account.with(|a| {
            a.regions
                .iter()
                .filter(|r| project.as_ref().is_none_or(|p| *p == r.project_id))
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
            <A href=href("/settings") attr:class="backend-badge" attr:id="backend-indicator">
                {move || match store.connection() {
                    None => "Backend: this browser".to_owned(),
                    Some(c) => {
                        let failed = matches!(store.remote_state.get(), RemoteState::Failed(_));
                        let waiting = store.in_flight.get() > 0;
                        // The waiting mark before the host: a narrow header cuts the end.
                        format!(
                            "Backend: apig-mock{} {}{}",
                            if waiting { " (waiting…)" } else { "" },
                            c.host,
                            if failed { " (unreachable)" } else { "" },
                        )
                    }
                }}
            </A>
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
