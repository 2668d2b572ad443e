//! The page for a path the console does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;

/// Shown for unknown paths, with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="nf-title">
            <h1 id="nf-title">"Page not found"</h1>
            <p>"There is no page at this address. "<A href=href("/gateways")>"Go to Gateways"</A></p>
        </section>
    }
}
