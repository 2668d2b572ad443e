//! The left navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;

/// Links to the console's sections; the current one is marked with `aria-current="page"`.
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="sidenav" aria-label="Sections">
            <ul>
                <li>
                    <A href=href("/gateways")>"Gateways"</A>
                </li>
                <li>
                    <A href=href("/sandbox")>"Sandbox"</A>
                </li>
                <li>
                    <A href=href("/settings")>"Settings"</A>
                </li>
            </ul>
        </nav>
    }
}
