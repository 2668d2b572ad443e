//! The information page's delete dialog and what deleting releases.

use crate::components::apis_section::ApisGoing;
use leptos::prelude::*;

use super::{
    Gateway, Inbound, Lang, Outbound, html, manage_error_text, use_navigate, use_store, use_t,
};

#[component]
pub(super) fn DeleteDialog(
    gw: Memo<Option<Gateway>>,
    dialog: NodeRef<html::Dialog>,
    id: String,
) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let name = move || gw.with(|g| g.as_ref().map(|g| g.name.to_string()).unwrap_or_default());
    let matches = move || {
        let n = name();
        !n.is_empty() && typed.get() == n
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
        typed.set(String::new());
        error.set(String::new());
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !matches() {
            return;
        }
        let n = name();
        let ips = gw.with_untracked(|g| g.as_ref().map_or(0, |g| g.private_ips.len()));
        match store.begin_delete(&id) {
            Ok(()) => {
                // "Deleting …" now; "… deleted, N private IPs released" once it is gone.
                store.note_deletion(&id, &n, ips);
                store.toast((t().gateway.deleting)(&n), None);
                close();
                navigate("/gateways", leptos_router::NavigateOptions::default());
            }
            Err(e) => error.set(manage_error_text(store.lang.get_untracked(), &e)),
        }
    };
    view! {
        <dialog
            node_ref=dialog
            id="delete-dialog"
            class="dialog"
            aria-labelledby="delete-title"
            aria-describedby="delete-what"
            on:close=move |_| {
                typed.set(String::new());
                error.set(String::new());
            }
        >
            <form on:submit=confirm>
                <h2 id="delete-title">{move || (t().gateway.delete_title)(&name())}</h2>
                <div id="delete-what">
                    <p>{move || t().gateway.releases}</p>
                    <ul id="delete-released">
                        <For
                            each=move || {
                                let lang = store.lang.get();
                                gw.with(|g| g.as_ref().map(|g| released(lang, g)).unwrap_or_default())
                            }
                            key=Clone::clone
                            children=|item| view! { <li>{item}</li> }
                        />
                    </ul>
                    <ApisGoing gw=gw />
                    <p>{move || t().gateway.cannot_undo}</p>
                </div>
                <label for="delete-confirm-name">
                    {move || (t().gateway.type_name)(&name())}
                </label>
                <input
                    id="delete-confirm-name"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p class="field-error" role="alert" id="delete-error">
                    {move || crate::components::coded::coded(&error.get())}
                </p>
                <div class="form-actions">
                    <button type="button" class="btn" id="delete-cancel" on:click=move |_| close()>
                        {move || t().gateway.cancel}
                    </button>
                    <button
                        type="submit"
                        class="btn btn-danger"
                        id="delete-confirm"
                        disabled=move || !matches()
                    >
                        {move || t().gateway.delete}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// What deleting the gateway releases, one sentence each, in `lang`.
pub(super) fn released(lang: Lang, g: &Gateway) -> Vec<String> {
    let t = &lang.texts().gateway;
    let ips = g
        .private_ips
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut items = vec![(t.released_ips)(&ips)];
    match &g.inbound {
        Inbound::Off => {}
        Inbound::Eip { address, .. } => items.push((t.released_eip)(&address.to_string())),
        Inbound::Elb {
            address, bandwidth, ..
        } => items.push((t.released_inbound)(
            &address.to_string(),
            &bandwidth.to_string(),
        )),
    }
    if let Outbound::Nat {
        address, bandwidth, ..
    } = &g.outbound
    {
        items.push((t.released_outbound)(
            &address.to_string(),
            &bandwidth.to_string(),
        ));
    }
    items
}
