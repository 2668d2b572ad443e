//! A gateway's status with its creation progress.

use apig_core::gateway::Gateway;
use apig_core::lifecycle::Status;
use leptos::prelude::*;

use crate::state::use_store;

/// The CSS tone of a status.
fn tone(status: Status) -> &'static str {
    if status == Status::Running {
        "ok"
    } else if status.is_failure() {
        "fail"
    } else {
        "busy"
    }
}

/// Status text, and while creating a progress bar (30 → 50 → 80 → 90 → 100).
#[component]
pub fn StatusBadge(gateway: Gateway) -> impl IntoView {
    let store = use_store();
    let gateway = StoredValue::new(gateway);
    let status = Memo::new(move |_| gateway.with_value(|g| g.status(store.now.get())));
    let progress = Memo::new(move |_| gateway.with_value(|g| g.progress(store.now.get())));
    view! {
        <span class="status" data-status=move || status.get().as_str()>
            <span class=move || format!("dot dot-{}", tone(status.get())) aria-hidden="true"></span>
            <span class="status-text">{move || status.get().as_str()}</span>
            <Show when=move || status.get() == Status::Creating>
                <progress
                    max="100"
                    value=move || progress.get().percent
                    aria-label="Creation progress"
                ></progress>
                <span class="percent">{move || format!("{}%", progress.get().percent)}</span>
            </Show>
            <Show when=move || status.get() == Status::CreateFail>
                <span class="fail-code">
                    {move || progress.get().error_code.map(apig_core::values::ErrorCode::as_str).unwrap_or_default()}
                </span>
            </Show>
        </span>
    }
}
