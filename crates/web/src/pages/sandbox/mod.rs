//! `/sandbox`: the sandbox account and the console's settings — creation speed, fault
//! injection, account type, enterprise projects, permissions, quota, networks, security
//! groups, EIPs — and export, import and reset of the whole state.
//!
//! Every edit goes through [`crate::state::Store::edit_account`], which re-reads storage first
//! and applies the core's account rules (the same as `PUT /_mock/{project}/account`); a refused
//! edit shows the core's first problem and saves nothing. The buy form's checks follow at once
//! because they read the same signals.

mod account;
mod eips;
mod export;
mod lifecycle;
mod network;
mod security_groups;

use account::{AccountPanel, PermissionsPanel};
use eips::EipPanel;
use export::StatePanel;
use lifecycle::{FaultPanel, SpeedPanel};
use network::NetworkPanel;
use security_groups::SecurityGroupsPanel;

use apig_core::lifecycle::CreationSpeed;
use apig_core::validate::Problem;
use ipnet::Ipv4Net;
use leptos::prelude::*;

use crate::components::change_form::focus_id;
use crate::i18n::{Lang, problem_coded, use_t};
use crate::state::{Store, use_store};

/// The page's messages in the language of the moment (for handlers: untracked).
fn tx(store: Store) -> &'static crate::i18n::SandboxTexts {
    &store.lang.get_untracked().texts().sandbox
}

fn speed_id(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "instant",
        CreationSpeed::Fast => "fast",
        CreationSpeed::Realistic => "realistic",
    }
}

/// Shows the outcome of an edit: empties `error`, or shows the core's first problem. Returns
/// whether the edit was saved.
fn show_outcome(store: Store, error: RwSignal<String>, outcome: Result<(), Vec<Problem>>) -> bool {
    match outcome {
        Ok(()) => {
            error.set(String::new());
            true
        }
        Err(problems) => {
            error.set(
                problems
                    .first()
                    .map(|p| problem_coded(store.lang.get_untracked(), p))
                    .unwrap_or_default(),
            );
            false
        }
    }
}

/// The sandbox page.
#[component]
pub fn SandboxPage() -> impl IntoView {
    let title_t = crate::i18n::use_t();
    crate::components::title::page_title(move || title_t().sandbox.title.to_owned());
    let store = use_store();
    let t = use_t();
    // A link such as `/sandbox#sg-<id>` (from the buy form's check panel) lands on that
    // group's one-click fix.
    request_animation_frame(|| {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if let Some(id) = hash.strip_prefix('#').filter(|h| !h.is_empty()) {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
            {
                el.scroll_into_view();
            }
            focus_id(&format!("open-web-{}", id.trim_start_matches("sg-")));
        }
    });
    view! {
        <section class="page" aria-labelledby="sandbox-title">
            <h1 id="sandbox-title">{move || t().sandbox.title}</h1>
            <p class="muted">
                {move || match store.connection() {
                    None => t().sandbox.scope_browser.to_owned(),
                    Some(c) => (t().sandbox.scope_mock)(&c.project_id, &c.endpoint),
                }}
            </p>
            <div class="sandbox-grid">
                <SpeedPanel />
                <FaultPanel />
                <AccountPanel />
                <PermissionsPanel />
            </div>
            <NetworkPanel />
            <SecurityGroupsPanel />
            <EipPanel />
            <StatePanel />
        </section>
    }
}

/// The region the Sandbox page edits: the one chosen in the header.
fn region_id(store: Store) -> String {
    store.region.get()
}

/// Changes the region the page edits with `edit` (through [`Store::edit_account`], so the
/// core's account rules apply) and shows the outcome in `error`; nothing happens when the
/// account does not hold that region. Returns whether the edit was saved.
fn edit_region(
    store: Store,
    error: RwSignal<String>,
    edit: impl FnOnce(&mut apig_core::account::Region),
) -> bool {
    let r = region_id(store);
    let outcome = store.edit_account(|a| {
        if let Some(region) = a.region_mut(&r) {
            edit(region);
        }
    });
    show_outcome(store, error, outcome)
}

fn parse_net(lang: Lang, s: &str) -> Result<Ipv4Net, String> {
    s.trim()
        .parse::<Ipv4Net>()
        .map(|n| n.trunc())
        .map_err(|_| (lang.texts().sandbox.not_cidr)(s))
}
