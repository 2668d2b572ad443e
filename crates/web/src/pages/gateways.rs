//! `/gateways`: the gateways of the selected region.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::{region_name, selected_region};

/// The list of gateways. Nothing can be bought yet, so the list is honestly empty.
#[component]
pub fn GatewaysPage() -> impl IntoView {
    let region = selected_region().0;
    view! {
        <section class="page" aria-labelledby="gateways-title">
            <div class="page-head">
                <h1 id="gateways-title">"Gateways"</h1>
                <A href="/gateways/buy" attr:class="btn btn-primary" attr:id="buy-gateway">
                    "Buy Gateway"
                </A>
            </div>
            <div class="empty-state" id="gateways-empty">
                <p class="empty-title">
                    {move || format!("No gateways in {} yet.", region_name(&region.get()))}
                </p>
                <p>"A dedicated gateway you buy here appears in this list with its status."</p>
            </div>
        </section>
    }
}
