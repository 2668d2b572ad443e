//! The Sandbox page's creation speed and fault injection.

use apig_core::lifecycle::{CreationSpeed, InjectedFailure, PROGRESS_STEPS};
use apig_core::values::ErrorCode;
use leptos::prelude::*;

use super::speed_id;
use crate::i18n::use_t;
use crate::state::{Settings, use_store};

#[component]
pub(super) fn SpeedPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.creation_speed}</h2>
            <label for="creation-speed">{move || t().sandbox.created_in}</label>
            " "
            <select
                id="creation-speed"
                prop:value=move || speed_id(store.settings.get().speed)
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(speed) = CreationSpeed::ALL.iter().find(|s| speed_id(**s) == v) {
                        let settings = store.settings.get_untracked();
                        store.set_settings(Settings { speed: *speed, ..settings });
                    }
                }
            >
                {CreationSpeed::ALL
                    .iter()
                    .map(|s| {
                        let s = *s;
                        let selected = store.settings.get_untracked().speed == s;
                        view! {
                            <option value=speed_id(s) selected=selected>
                                {move || (t().sandbox.speed)(s)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
pub(super) fn FaultPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let failure = move || store.settings.with(|s| s.next_failure);
    let code_id = ErrorCode::as_str;
    let set = move |failure: Option<InjectedFailure>| {
        let settings = store.settings.get_untracked();
        store.set_settings(Settings {
            next_failure: failure,
            ..settings
        });
    };
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.fault_injection}</h2>
            <div class="field-stack">
                <label for="fault-step">{move || t().sandbox.next_fails}</label>
                <select
                    id="fault-step"
                    prop:value=move || failure().map_or_else(String::new, |f| f.at_step.to_string())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match v.parse::<u8>() {
                            Ok(step) => {
                                let code = failure().map_or(ErrorCode::CreateFailed, |f| f.code);
                                set(Some(InjectedFailure { at_step: step, code }));
                            }
                            Err(_) => set(None),
                        }
                    }
                >
                    <option value="" selected=move || failure().is_none()>
                        {move || t().sandbox.never}
                    </option>
                    {PROGRESS_STEPS
                        .iter()
                        .zip(1u8..)
                        .map(|(&percent, step)| {
                            view! {
                                <option
                                    value=step.to_string()
                                    selected=move || failure().is_some_and(|f| f.at_step == step)
                                >
                                    {move || (t().sandbox.at_step)(step, percent)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="fault-code">{move || t().sandbox.with_code}</label>
                <select
                    id="fault-code"
                    disabled=move || failure().is_none()
                    prop:value=move || failure().map_or(code_id(ErrorCode::CreateFailed), |f| code_id(f.code))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let (Some(f), Some(code)) = (
                            failure(),
                            ErrorCode::CREATION_FAILURES.into_iter().find(|c| code_id(*c) == v),
                        ) {
                            set(Some(InjectedFailure { code, ..f }));
                        }
                    }
                >
                    {ErrorCode::CREATION_FAILURES
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=code_id(c) selected=move || failure().is_some_and(|f| f.code == c)>
                                    {move || format!("{} — {}", c.as_str(), (t().sandbox.failure_reason)(c))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="hint" id="fault-status" aria-live="polite">
                {move || match failure() {
                    Some(f) => (t().sandbox.armed)(code_id(f.code), f.at_step),
                    None => t().sandbox.not_armed.to_owned(),
                }}
            </p>
        </div>
    }
}
