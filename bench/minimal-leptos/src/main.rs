//! The baseline page of `cargo xtask bench`: Leptos CSR mounting one form with one input,
//! built with the same profile and wasm-opt level as the console. The console's load time is
//! reported as a ratio to this page's.
//!
//! It carries the same hook as the console's Buy Gateway form, so one script measures both:
//! `<form id="buy-form" data-interactive="true">` once the form is mounted.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(MinimalForm);
}

/// One form, one controlled text input.
#[component]
fn MinimalForm() -> impl IntoView {
    let (name, set_name) = signal(String::new());
    view! {
        <form id="buy-form" data-interactive="true" on:submit=|ev| ev.prevent_default()>
            <label for="instance_name">"Gateway Name"</label>
            <input
                id="instance_name"
                type="text"
                prop:value=name
                on:input=move |ev| set_name.set(event_target_value(&ev))
            />
        </form>
    }
}
