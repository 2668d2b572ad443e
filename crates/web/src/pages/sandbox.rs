//! `/sandbox`: the sandbox settings.

use apig_core::lifecycle::CreationSpeed;
use leptos::prelude::*;

use crate::state::{Settings, use_store};

fn speed_id(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "instant",
        CreationSpeed::Fast => "fast",
        CreationSpeed::Realistic => "realistic",
    }
}

fn speed_label(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "Instant",
        CreationSpeed::Fast => "30 seconds (default)",
        CreationSpeed::Realistic => "15 minutes, like the real service",
    }
}

/// The sandbox page: creation speed today; the account editor is not built yet.
#[component]
pub fn SandboxPage() -> impl IntoView {
    let store = use_store();
    view! {
        <section class="page" aria-labelledby="sandbox-title">
            <h1 id="sandbox-title">"Sandbox"</h1>
            <div class="panel">
                <h2>"Creation speed"</h2>
                <label for="creation-speed">"New gateways are created in"</label>
                " "
                <select
                    id="creation-speed"
                    prop:value=move || speed_id(store.settings.get().speed)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(speed) = CreationSpeed::ALL.iter().find(|s| speed_id(**s) == v) {
                            store.set_settings(Settings { speed: *speed });
                        }
                    }
                >
                    {CreationSpeed::ALL
                        .iter()
                        .map(|s| {
                            let selected = store.settings.get_untracked().speed == *s;
                            view! {
                                <option value=speed_id(*s) selected=selected>
                                    {speed_label(*s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="notice" role="status">
                <p>
                    <strong>"Editing the sandbox account is not available yet."</strong>
                    " It will let you change the account type, permissions, quota, networks, security groups and EIPs the checks use."
                </p>
            </div>
        </section>
    }
}
