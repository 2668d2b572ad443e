//! `/sandbox`: the sandbox account.

use leptos::prelude::*;

/// The sandbox account editor. It is not built yet, and the page says so.
#[component]
pub fn SandboxPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="sandbox-title">
            <h1 id="sandbox-title">"Sandbox"</h1>
            <div class="notice" role="status">
                <p>
                    <strong>"Editing the sandbox account is not available yet."</strong>
                    " It will let you change the account type, permissions, quota, networks, security groups and EIPs the checks use."
                </p>
            </div>
        </section>
    }
}
