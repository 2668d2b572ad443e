//! APIG Console: a Leptos single-page app for trying, teaching and testing the purchase of a
//! Huawei Cloud APIG dedicated gateway against a sandbox account.
//!
//! `main.rs` only mounts [`App`]; everything testable lives here.

// A page's `view!` markup is one expression; splitting it only to satisfy a line count would
// scatter the page's structure across functions.
#![allow(clippy::too_many_lines)]

pub mod backend;
pub mod base;
pub mod components;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod state_file;
pub mod storage;
pub mod trace;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::announcer::Announcer;
use crate::components::banners::Banners;
use crate::components::header::Header;
use crate::components::nav::Nav;
use crate::components::toast::Toasts;
use crate::components::trace_drawer::TraceDrawer;
use crate::components::update_notice::UpdateNotice;
use crate::pages::buy::BuyGatewayPage;
use crate::pages::confirm::ConfirmPage;
use crate::pages::gateway::GatewayPage;
use crate::pages::gateways::GatewaysPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::sandbox::SandboxPage;
use crate::pages::settings::SettingsPage;

/// The whole console: header, navigation and the routed page, under the public base path
/// ([`base`]).
#[component]
pub fn App() -> impl IntoView {
    let store = state::provide_store();
    trace::provide_trace();
    Effect::new(move || i18n::apply_to_document(store.lang.get()));
    view! {
        <Router base=base::base()>
            <div class="shell">
                <Header />
                <Nav />
                <main id="main" class="content" tabindex="-1">
                    <Banners />
                    <UpdateNotice />
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=|| view! { <Redirect path="/gateways" /> } />
                        <Route path=path!("/gateways") view=GatewaysPage />
                        <Route path=path!("/gateways/buy") view=BuyGatewayPage />
                        <Route path=path!("/gateways/buy/confirm") view=ConfirmPage />
                        <Route path=path!("/gateways/:id") view=GatewayPage />
                        <Route path=path!("/sandbox") view=SandboxPage />
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </main>
                <TraceDrawer />
                <Announcer />
                <Toasts />
            </div>
        </Router>
    }
}
