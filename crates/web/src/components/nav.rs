//! The left navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::i18n::use_t;

/// Links to the console's sections; the current one is marked with `aria-current="page"`.
#[component]
pub fn Nav() -> impl IntoView {
    let t = use_t();
    view! {
        <nav class="sidenav" aria-label=move || t().shell.sections>
            <ul>
                <li>
                    <A href=href("/gateways")>{move || t().shell.nav_gateways}</A>
                </li>
                <li>
                    <A href=href("/sandbox")>{move || t().shell.nav_sandbox}</A>
                </li>
                <li>
                    <A href=href("/settings")>{move || t().shell.nav_settings}</A>
                </li>
            </ul>
        </nav>
    }
}
