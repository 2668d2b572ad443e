//! `/gateways/buy`: the Buy Gateway form.

use leptos::prelude::*;
use leptos_router::components::A;

/// The purchase form. It is not built yet, and the page says so instead of pretending.
#[component]
pub fn BuyGatewayPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="buy-title">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <A href="/gateways">"Gateways"</A>
                " / Buy Gateway"
            </nav>
            <h1 id="buy-title">"Buy Gateway"</h1>
            <div class="notice" role="status" id="buy-not-ready">
                <p>
                    <strong>"The purchase form is not available yet."</strong>
                    " It will show the parameter table with live checks of quota, permissions, subnet capacity and security-group rules."
                </p>
            </div>
        </section>
    }
}
