//! Small form controls that several pages share: a labelled text input and a select bound to a
//! string signal, the line that shows a form's error, and a small Remove button. One definition
//! each keeps the pages' markup consistent and the wasm smaller than a copy per place.

use leptos::prelude::*;

use crate::i18n::{Tr, use_t};

/// A `<label>` and an `<input>` (text unless `kind` says otherwise) whose value is `value`.
#[component]
pub fn TextInput(
    /// The input's ID (the label points at it).
    id: &'static str,
    /// The label's text, chosen from the catalogue (e.g. `|t| t.shell.region`).
    label: Tr,
    /// The value, written on every keystroke.
    value: RwSignal<String>,
    /// The input's `type`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The least number allowed (`min`, for `kind="number"`).
    #[prop(optional)]
    min: Option<&'static str>,
    /// The greatest number allowed (`max`, for `kind="number"`).
    #[prop(optional)]
    max: Option<&'static str>,
    /// An example shown while the input is empty.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The virtual keyboard to offer (`inputmode`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The ID of the element that describes the input (`aria-describedby`).
    #[prop(optional)]
    describedby: Option<&'static str>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <label for=id>{move || label(t())}</label>
        <input
            id=id
            type=kind
            min=min
            max=max
            placeholder=placeholder
            inputmode=inputmode
            aria-describedby=describedby
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

/// A `<label>` and a `<select>` whose value is `value`: an empty first option saying
/// `placeholder` (when given), then `options` as (value, label).
#[component]
pub fn SignalSelect(
    /// The select's ID (the label points at it).
    id: &'static str,
    /// The label's text, chosen from the catalogue (e.g. `|t| t.shell.region`).
    label: Tr,
    /// The chosen value.
    value: RwSignal<String>,
    /// The text of the empty first option.
    #[prop(optional)]
    placeholder: Option<Tr>,
    /// The ID(s) of the elements that describe the select (`aria-describedby`).
    #[prop(optional)]
    describedby: Option<&'static str>,
    /// The choices as (value, label); re-read whenever the signals it reads change.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <label for=id>{move || label(t())}</label>
        <select
            id=id
            aria-describedby=describedby
            prop:value=move || value.get()
            on:change=move |ev| value.set(event_target_value(&ev))
        >
            {placeholder.map(|text| view! { <option value="">{move || text(t())}</option> })}
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(id, label)| {
                        let selected = value.with_untracked(|v| *v == id);
                        view! {
                            <option value=id selected=selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// The error line of a form, announced when it changes (`role="alert"`).
#[component]
pub fn ErrorLine(
    /// Its ID (controls name it in `aria-describedby`).
    id: &'static str,
    /// The message; empty when there is none.
    error: RwSignal<String>,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert">
            {move || crate::components::coded::coded(&error.get())}
        </p>
    }
}

/// A small "Remove" button; `label` says what it removes (its accessible name).
#[component]
pub fn RemoveButton(
    /// The accessible name, e.g. "Remove EIP 203.0.113.7".
    label: String,
    /// What removing does.
    on_remove: impl Fn() + 'static,
) -> impl IntoView {
    let t = use_t();
    view! {
        <button type="button" class="btn btn-small" aria-label=label on:click=move |_| on_remove()>
            {move || t().shell.remove}
        </button>
    }
}
