//! Header chips that keep the sandbox's settings in sight: a fault armed for the next creation
//! and a creation speed other than the default. Each links to the Settings page.

use apig_core::lifecycle::CreationSpeed;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::i18n::use_t;
use crate::state::use_store;

/// The chips; nothing when the sandbox is as it starts.
#[component]
pub fn SandboxChips() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let fault = Memo::new(move |_| store.settings.with(|s| s.next_failure));
    let speed = Memo::new(move |_| store.settings.with(|s| s.speed));
    view! {
        {move || {
            fault
                .get()
                .map(|f| {
                    view! {
                        <A href=href("/settings") attr:class="chip chip-fault" attr:id="chip-fault">
                            {move || (t().rail.fault_chip)(f.at_step, f.code.as_str())}
                        </A>
                    }
                })
        }}
        {move || {
            let s = speed.get();
            (s != CreationSpeed::default())
                .then(|| {
                    view! {
                        <A href=href("/settings") attr:class="chip chip-speed" attr:id="chip-speed">
                            {move || (t().rail.speed_chip)(s)}
                        </A>
                    }
                })
        }}
    }
}
