//! The polite live region: saved changes and every gateway status change are announced to
//! screen readers, whichever page is open.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::state::use_store;

/// A visually hidden `aria-live="polite"` region fed by the store's announcements and by a
/// watch on every gateway's derived status.
#[component]
pub fn Announcer() -> impl IntoView {
    let store = use_store();
    let statuses = Memo::new(move |_| {
        let now = store.now.get();
        store.gateways.with(|g| {
            g.iter()
                .map(|gw| {
                    (
                        gw.id.to_string(),
                        (gw.name.to_string(), gw.status(now).as_str()),
                    )
                })
                .collect::<HashMap<_, _>>()
        })
    });
    Effect::new(
        move |previous: Option<HashMap<String, (String, &'static str)>>| {
            let current = statuses.get();
            if let Some(previous) = previous {
                let mut said = Vec::new();
                for (id, (name, status)) in &current {
                    match previous.get(id) {
                        Some((_, old)) if old != status => {
                            said.push(format!("{name} is now {status}."));
                        }
                        None => said.push(format!("{name} is {status}.")),
                        _ => {}
                    }
                }
                for (id, (name, _)) in &previous {
                    if !current.contains_key(id) {
                        said.push(format!("{name} was deleted."));
                    }
                }
                if !said.is_empty() {
                    said.sort();
                    store.announce(said.join(" "));
                }
            }
            current
        },
    );
    view! {
        <div class="sr-only" id="announcer" role="status" aria-live="polite" aria-atomic="true">
            {move || store.announcement.get()}
        </div>
    }
}
