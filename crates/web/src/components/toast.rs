//! Toasts: short confirmations of what an action did ("Port 80/443 opened on sg-default"),
//! optionally with an Undo. Any component calls [`Store::toast`]; the [`Toasts`] region shows
//! the latest few, in a polite live region so screen readers hear each one as it appears.
//!
//! A toast stays until it is dismissed, undone or pushed out by newer ones (at most
//! [`MAX_TOASTS`] are shown), so nothing vanishes while it is being read.

use leptos::prelude::*;

use crate::i18n::use_t;
use crate::state::{Store, use_store};

/// How many toasts are shown at once; older ones leave first.
pub const MAX_TOASTS: usize = 3;

/// One toast: its text (already in the reader's language) and what Undo does, if offered.
#[derive(Clone)]
pub struct Toast {
    pub id: u32,
    pub text: String,
    pub undo: Option<Callback<()>>,
}

impl Store {
    /// Shows `text` as a toast, with an Undo button running `undo` when given; returns the
    /// toast's id. The text is also what screen readers hear. `undo` lives in the arena of the
    /// owner it was created under: create it under one that outlives the toast (the page's, not
    /// a list row's that the action rebuilds), else Undo does nothing.
    pub fn toast(&self, text: String, undo: Option<Callback<()>>) -> u32 {
        let mut new_id = 0;
        self.toasts.update(|toasts| {
            new_id = toasts.iter().map(|t| t.id).max().unwrap_or(0) + 1;
            toasts.push(Toast {
                id: new_id,
                text,
                undo,
            });
            let excess = toasts.len().saturating_sub(MAX_TOASTS);
            toasts.drain(..excess);
        });
        new_id
    }

    /// Removes toast `id` (dismissed, or undone).
    pub fn dismiss_toast(&self, id: u32) {
        self.toasts.update(|t| t.retain(|toast| toast.id != id));
    }
}

/// The toast region, fixed at the bottom of the viewport (above the buy page's phone bar).
#[component]
pub fn Toasts() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <section
            class="toasts"
            aria-label=move || t().toast.region
            role="status"
            aria-live="polite"
            aria-relevant="additions text"
        >
            <For
                each=move || store.toasts.get()
                key=|toast| toast.id
                children=move |toast| {
                    let id = toast.id;
                    let undo = toast.undo;
                    view! {
                        <div class="toast" data-toast=id>
                            <p class="toast-text">{toast.text.clone()}</p>
                            {undo
                                .map(|undo| {
                                    view! {
                                        <button
                                            type="button"
                                            class="btn btn-small toast-undo"
                                            on:click=move |_| {
                                                // Undo and its confirmation first: dismissing
                                                // disposes of this button's own scope.
                                                undo.run(());
                                                store.toast(t().toast.undone.to_string(), None);
                                                store.dismiss_toast(id);
                                            }
                                        >
                                            {move || t().toast.undo}
                                        </button>
                                    }
                                })}
                            <button
                                type="button"
                                class="toast-dismiss"
                                aria-label=move || t().toast.dismiss
                                title=move || t().toast.dismiss
                                on:click=move |_| store.dismiss_toast(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </section>
    }
}
