//! The page for a path the console does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::i18n::use_t;

/// Shown for unknown paths, with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_t();
    crate::components::title::page_title(move || t().shell.not_found_title.to_owned());
    view! {
        <section class="page" aria-labelledby="nf-title">
            <h1 id="nf-title">{move || t().shell.not_found_title}</h1>
            <p>
                {move || t().shell.not_found_text}
                <A href=href("/gateways")>{move || t().shell.not_found_link}</A>
            </p>
        </section>
    }
}
