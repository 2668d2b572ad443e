//! A gateway's status with its creation progress.

use apig_core::gateway::Gateway;
use apig_core::lifecycle::Status;
use leptos::prelude::*;

use crate::i18n::use_t;
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
///
/// One memo of (status, progress) per badge, and the badge re-rendered when it changes: the
/// gateways list holds a badge per gateway, and with 1,000 of them every reactive node a badge
/// owns (memos, `<Show>`s, attribute effects) was created 1,000 times on each visit of the list.
#[component]
pub fn StatusBadge(gateway: Gateway) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let state = Memo::new(move |_| {
        let now = store.now.get();
        (gateway.status(now), gateway.progress(now))
    });
    move || {
        let (status, progress) = state.get();
        let creating = (status == Status::Creating).then(|| {
            view! {
                <progress max="100" value=progress.percent aria-label=t().shell.creation_progress></progress>
                <span class="percent">{format!("{}%", progress.percent)}</span>
            }
        });
        let failed = (status == Status::CreateFail).then(|| {
            view! {
                <span class="fail-code">
                    {progress.error_code.map(apig_core::values::ErrorCode::as_str).unwrap_or_default()}
                </span>
            }
        });
        view! {
            <span class="status" data-status=status.as_str()>
                <span class=format!("dot dot-{}", tone(status)) aria-hidden="true"></span>
                <span class="status-text">{(t().shell.status)(status)}</span>
                {creating}
                {failed}
            </span>
        }
    }
}
