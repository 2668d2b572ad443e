//! One modification of a gateway: closed until its Edit control (or its heading) opens it,
//! then its controls, "Review change" showing old → new as the core computes it, and Save.
//! Any edit after the review hides it again, so what is saved is always what was shown.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Tr, use_t};

/// One value that a change replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// What changes, e.g. "Gateway Name".
    pub what: String,
    /// The value now.
    pub old: String,
    /// The value after saving.
    pub new: String,
}

/// The page's editors by key, so an Edit control elsewhere on the page can open one (provided
/// by the page as context; each [`ChangeForm`] registers itself).
#[derive(Clone, Copy)]
pub struct Editors(StoredValue<Vec<(&'static str, RwSignal<bool>)>>);

impl Editors {
    /// Provides an empty registry to the components below.
    pub fn provide() -> Self {
        let editors = Self(StoredValue::new(Vec::new()));
        provide_context(editors);
        editors
    }

    fn register(self, key: &'static str, open: RwSignal<bool>) {
        self.0.update_value(|v| v.push((key, open)));
    }

    /// Opens the editor `key` (if the page has it).
    pub fn open(self, key: &str) {
        let found = self
            .0
            .with_value(|v| v.iter().find(|(k, _)| *k == key).map(|(_, s)| *s));
        if let Some(open) = found {
            open.set(true);
        }
    }
}

/// Moves keyboard focus to the element with `id`, if it exists and can take focus.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A modification form. `preview` returns the diffs (or the refusal with its code); `save`
/// returns the sentence to announce (or the refusal).
#[component]
pub fn ChangeForm(
    /// Prefix of the IDs inside (`{key}-review`, `{key}-preview`, `{key}-save`, `{key}-error`).
    key: &'static str,
    /// The heading, from the catalogue.
    title: Tr,
    /// While true the controls are disabled (the gateway is busy).
    #[prop(into)]
    blocked: Signal<bool>,
    preview: Callback<(), Result<Vec<Diff>, String>>,
    save: Callback<(), Result<String, String>>,
    /// Whether the editor is open (closed at first); the page reads it to batch changes.
    #[prop(optional)]
    open: Option<RwSignal<bool>>,
    /// Said under the review when it holds more than one change (they are saved together).
    #[prop(optional)]
    batched: Option<Tr>,
    children: Children,
) -> impl IntoView {
    let t = use_t();
    let open = open.unwrap_or_else(|| RwSignal::new(false));
    if let Some(editors) = use_context::<Editors>() {
        editors.register(key, open);
    }
    let toggled = move |ev: leptos::ev::Event| {
        if let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            open.set(details.has_attribute("open"));
        }
    };
    let review = RwSignal::new(None::<Vec<Diff>>);
    let error = RwSignal::new(String::new());
    let heading = format!("{key}-title");
    let labelledby = heading.clone();
    let on_review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match preview.run(()) {
            Ok(diffs) if diffs.is_empty() => {
                review.set(None);
                error.set(t().gateway.nothing_changes.into());
            }
            Ok(diffs) => {
                error.set(String::new());
                review.set(Some(diffs));
                request_animation_frame(move || focus_id(&format!("{key}-save")));
            }
            Err(e) => {
                review.set(None);
                error.set(e);
            }
        }
    };
    let on_save = move |_| match save.run(()) {
        Ok(_) => {
            review.set(None);
            error.set(String::new());
            request_animation_frame(move || focus_id(&format!("{key}-review")));
        }
        Err(e) => {
            review.set(None);
            error.set(e);
        }
    };
    let cancel = move |_| {
        review.set(None);
        request_animation_frame(move || focus_id(&format!("{key}-review")));
    };
    let stale = move |_| {
        if review.with_untracked(Option::is_some) {
            review.set(None);
        }
    };
    // A button among the controls (Add tag, Remove) edits the value too.
    let clicked = move |ev: leptos::ev::MouseEvent| {
        let edits = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest(".change-controls button").ok().flatten())
            .is_some();
        if edits && review.with_untracked(Option::is_some) {
            review.set(None);
        }
    };
    view! {
        <details
            class="change-form"
            id=format!("editor-{key}")
            prop:open=move || open.get()
            on:toggle=toggled
        >
            <summary>
                <h3 id=heading>{move || title(t())}</h3>
            </summary>
        <form
            id=format!("change-{key}")
            novalidate=true
            aria-labelledby=labelledby
            on:submit=on_review
            on:input=stale
            on:change=stale
            on:click=clicked
        >
            <fieldset disabled=move || blocked.get()>
                <div class="change-controls">{children()}</div>
                <button type="submit" class="btn" id=format!("{key}-review")>
                    {move || t().gateway.review_change}
                </button>
            </fieldset>
            <p class="field-error" role="alert" id=format!("{key}-error")>
                {move || crate::components::coded::coded(&error.get())}
            </p>
            {move || {
                review
                    .get()
                    .map(|diffs| {
                        let together = (diffs.len() > 1)
                            .then_some(batched)
                            .flatten()
                            .map(|note| view! { <p class="hint" id=format!("{key}-batched")>{note(t())}</p> });
                        view! {
                            <div class="change-preview" id=format!("{key}-preview")>
                                <p class="preview-title">{t().gateway.review_before_saving}</p>
                                {together}
                                <ul class="diff-list">
                                    {diffs
                                        .into_iter()
                                        .map(|d| {
                                            view! {
                                                <li>
                                                    <span class="diff-what">{d.what}</span>
                                                    ": "
                                                    <span class="diff-old">{d.old}</span>
                                                    <span aria-hidden="true">" → "</span>
                                                    <span class="sr-only">{t().gateway.becomes}</span>
                                                    <span class="diff-new">{d.new}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <div class="form-actions">
                                    <button
                                        type="button"
                                        class="btn"
                                        id=format!("{key}-cancel")
                                        on:click=cancel
                                    >
                                        {t().gateway.cancel}
                                    </button>
                                    <button
                                        type="button"
                                        class="btn btn-primary"
                                        id=format!("{key}-save")
                                        on:click=on_save
                                    >
                                        {t().gateway.save}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </form>
        </details>
    }
}
