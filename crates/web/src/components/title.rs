//! The document title: every page names itself, `{page} · {console}`, in the reader's language.

use leptos::prelude::*;

use crate::i18n::use_t;

/// Names the document after the page that calls it: `page()` (tracked, so a rename or a
/// language switch follows) then the console's title.
pub fn page_title(page: impl Fn() -> String + Send + Sync + 'static) {
    let t = use_t();
    Effect::new(move || {
        let text = format!("{} · {}", page(), t().shell.title);
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&text);
        }
    });
}
