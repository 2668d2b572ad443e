//! The top bar: product name, backend badge, language switcher and region selector.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::components::controls::SignalSelect;
use crate::components::trace_drawer::TraceButton;
use crate::i18n::{Lang, use_t};
use crate::state::{RemoteState, use_store};

/// The console's header with the product name, the language switcher and the region selector.
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let regions = move || {
        // With apig-mock the console works in the region of the credential's project only.
        let project = store.connection().map(|c| c.project_id);
        let own_name = t().shell.region_name;
        store.account.with(|a| {
            a.regions
                .iter()
                .filter(|r| project.as_ref().is_none_or(|p| *p == r.project_id))
                .map(|r| {
                    let name = own_name(&r.id).unwrap_or(&r.name);
                    (r.id.clone(), format!("{name} ({})", r.id))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <header class="topbar">
            <a class="skip-link" href="#main">{move || t().shell.skip_to_content}</a>
            <span class="brand">
                <span class="brand-mark" aria-hidden="true">"▣"</span>
                {move || t().shell.brand}
            </span>
            <A href=href("/settings") attr:class="backend-badge" attr:id="backend-indicator">
                {move || match store.connection() {
                    None => t().shell.backend_browser.to_owned(),
                    Some(c) => {
                        let failed = matches!(store.remote_state.get(), RemoteState::Failed(_));
                        let waiting = store.in_flight.get() > 0;
                        (t().shell.backend_mock)(&c.host, waiting, failed)
                    }
                }}
            </A>
            <crate::components::sandbox_chips::SandboxChips />
            <TraceButton />
            <LanguageSwitcher />
            <RegionMenu regions=Signal::derive(regions) />
        </header>
    }
}

/// The region selector; on a phone it folds into a menu button naming the current region
/// (the button is hidden on wider screens, where the selector always shows).
#[component]
fn RegionMenu(regions: Signal<Vec<(String, String)>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let open = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="btn btn-small region-menu-button"
            id="region-menu"
            aria-expanded=move || open.get().to_string()
            aria-controls="region-picker"
            aria-label=move || format!("{}: {}", t().shell.region, store.region.get())
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || store.region.get()}
            <span aria-hidden="true">" ▾"</span>
        </button>
        <div class="region-picker" id="region-picker" class:open=move || open.get()>
            <SignalSelect id="region-select" label=|t| t.shell.region value=store.region options=regions />
        </div>
    }
}

/// English / 简体中文: switches the console at once (nothing reloads, nothing else changes)
/// and stores the choice. Each button names its language in that language (`lang`).
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <div class="lang-switcher" role="group" aria-label=move || t().shell.language>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            class="btn btn-small lang-option"
                            lang=lang.tag()
                            data-lang=lang.tag()
                            aria-pressed=move || (store.lang.get() == lang).to_string()
                            on:click=move |_| {
                                if store.lang.get_untracked() != lang {
                                    store.set_language(lang);
                                }
                            }
                        >
                            {lang.own_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
