//! The polite live region: saved changes and every gateway status change are announced to
//! screen readers, whichever page is open; a deletion started here ends with its toast.

use std::collections::HashMap;

use apig_core::lifecycle::Status;
use leptos::prelude::*;

use crate::i18n::use_t;
use crate::state::use_store;

/// A visually hidden `aria-live="polite"` region fed by the store's announcements and by a
/// watch on every gateway's derived status.
#[component]
pub fn Announcer() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let statuses = Memo::new(move |_| {
        let now = store.now.get();
        store.gateways.with(|g| {
            g.iter()
                .map(|gw| (gw.id.to_string(), (gw.name.to_string(), gw.status(now))))
                .collect::<HashMap<_, _>>()
        })
    });
    Effect::new(move |previous: Option<HashMap<String, (String, Status)>>| {
        let current = statuses.get();
        let shell = &t().shell;
        if let Some(previous) = previous {
            let mut said = Vec::new();
            for (id, (name, status)) in &current {
                match previous.get(id) {
                    Some((_, old)) if old != status => {
                        said.push((shell.now_status)(name, (shell.status)(*status)));
                    }
                    None => said.push((shell.is_status)(name, (shell.status)(*status))),
                    _ => {}
                }
            }
            for (id, (name, _)) in &previous {
                if !current.contains_key(id) {
                    said.push((shell.was_deleted)(name));
                    // A deletion started here ends with its toast, naming what it released.
                    if let Some((name, ips)) = store.finished_deletion(id) {
                        store.toast((t().manage.deleted)(&name, ips), None);
                    }
                }
            }
            if !said.is_empty() {
                said.sort();
                store.announce(said.join(" "));
            }
        }
        current
    });
    view! {
        <div class="sr-only" id="announcer" role="status" aria-live="polite" aria-atomic="true">
            {move || store.announcement.get()}
        </div>
    }
}
