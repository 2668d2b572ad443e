//! APIG Console: a Leptos single-page app for trying, teaching and testing the purchase of a
//! Huawei Cloud APIG dedicated gateway against a sandbox account.
//!
//! `main.rs` only mounts [`App`]; everything testable lives here.

pub mod components;
pub mod pages;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::pages::buy::BuyGatewayPage;
use crate::pages::gateways::GatewaysPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::sandbox::SandboxPage;

/// The whole console: header, navigation and the routed page.
#[component]
pub fn App() -> impl IntoView {
    state::provide_console_state();
    view! {
        <Router>
            <div class="shell">
                <Header />
                <Nav />
                <main id="main" class="content" tabindex="-1">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=|| view! { <Redirect path="/gateways" /> } />
                        <Route path=path!("/gateways") view=GatewaysPage />
                        <Route path=path!("/gateways/buy") view=BuyGatewayPage />
                        <Route path=path!("/sandbox") view=SandboxPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
