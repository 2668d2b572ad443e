//! "Try it" in the information page's APIs section: a MOCK API in a few fields, created,
//! published to `RELEASE` and called through its group's debugging domain by
//! [`crate::state::Store::try_api`]; shows each management call made, the request and the
//! gateway's answer (status, headers with `X-Request-Id`, body). A field that breaks a rule is
//! named before anything is sent.

use apig_core::api::management::{TryField, TryIt};
use apig_core::gateway::Gateway;
use leptos::prelude::*;

use crate::i18n::{Texts, use_t};
use crate::state::{
    TryCall, TryError, TryOutcome, TryStep, TryStepKind, reaches_by_name, use_store,
};

/// The methods offered.
const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY",
];

fn step_name(t: &Texts, kind: TryStepKind) -> &'static str {
    match kind {
        TryStepKind::Group => t.apis.step_group,
        TryStepKind::Api => t.apis.step_api,
        TryStepKind::Publish => t.apis.step_publish,
        TryStepKind::Debug => t.apis.step_debug,
    }
}

fn field_id(field: TryField) -> &'static str {
    match field {
        TryField::Name => "try-name",
        TryField::Method => "try-method",
        TryField::Path => "try-path",
        TryField::Status => "try-status",
        TryField::Body => "try-body",
    }
}

/// The panel, for the gateway `gw` shows.
#[component]
pub fn TryItPanel(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let t = use_t();
    let store = use_store();
    let fields = RwSignal::new(TryIt::default());
    let running = RwSignal::new(false);
    let result: RwSignal<Option<Result<TryOutcome, TryError>>> = RwSignal::new(None);
    let field_error = move |field: TryField| {
        result.with(|r| match r {
            Some(Err(TryError::Field {
                field: f,
                code,
                message,
            })) if *f == field => Some((code.clone(), message.clone())),
            _ => None,
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        let Some(id) = gw.with_untracked(|g| g.as_ref().map(|g| g.id.to_string())) else {
            return;
        };
        running.set(true);
        result.set(None);
        let input = fields.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = store.try_api(id, input).await;
            if running.is_disposed() {
                return;
            }
            let focus = match &outcome {
                Err(TryError::Field { field, .. }) => field_id(*field),
                _ => "try-result-title",
            };
            running.set(false);
            result.set(Some(outcome));
            // Once the fieldset is enabled again and the outcome rendered.
            request_animation_frame(move || {
                if let Some(element) = document().get_element_by_id(focus)
                    && let Ok(element) =
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
                {
                    let _ = element.focus();
                }
            });
        });
    };
    let text_field = move |field: TryField,
                           label: fn(&Texts) -> &'static str,
                           hint: Option<fn(&Texts) -> &'static str>,
                           get: fn(&TryIt) -> String,
                           set: fn(&mut TryIt, String)| {
        let id = field_id(field);
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described = {
            let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
            move || {
                let error = field_error(field).map(|_| error_id.clone());
                let hint = hint.map(|_| hint_id.clone());
                let ids: Vec<String> = error.into_iter().chain(hint).collect();
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="field-stack try-field">
                <label for=id>{move || label(t())}</label>
                <input
                    type="text"
                    id=id
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || fields.with(get)
                    on:input=move |ev| fields.update(|f| set(f, event_target_value(&ev)))
                    aria-invalid=move || field_error(field).is_some().then_some("true")
                    aria-describedby=described
                />
                {hint.map(|hint| view! { <p class="hint" id=hint_id>{move || hint(t())}</p> })}
                <FieldError id=error_id error=Signal::derive(move || field_error(field)) />
            </div>
        }
    };
    let where_text = move || match store.connection() {
        None => t().apis.try_here,
        Some(connection) if reaches_by_name(&connection) => t().apis.try_mock,
        Some(_) => t().apis.try_mock_debug,
    };
    view! {
        <div class="try-it" id="try-it" role="region" aria-labelledby="try-it-title">
            <h3 id="try-it-title">{move || t().apis.try_title}</h3>
            <p class="muted">{move || t().apis.try_intro}</p>
            <p class="muted" id="try-where">
                {where_text}
            </p>
            <form id="try-it-form" novalidate=true on:submit=on_submit>
                <fieldset class="try-fields" disabled=move || running.get()>
                    {text_field(TryField::Name, |t| t.apis.try_name, None, |f| f.name.clone(), |f, v| f.name = v)}
                    <div class="field-stack try-field">
                        <label for="try-method">{move || t().apis.try_method}</label>
                        <select
                            id="try-method"
                            prop:value=move || fields.with(|f| f.method.clone())
                            on:change=move |ev| fields.update(|f| f.method = event_target_value(&ev))
                        >
                            {METHODS
                                .iter()
                                .map(|m| view! { <option value=*m>{*m}</option> })
                                .collect_view()}
                        </select>
                        <FieldError
                            id="try-method-error".to_owned()
                            error=Signal::derive(move || field_error(TryField::Method))
                        />
                    </div>
                    {text_field(TryField::Path, |t| t.apis.try_path, Some(|t| t.apis.try_path_hint), |f| f.path.clone(), |f, v| f.path = v)}
                    {text_field(TryField::Status, |t| t.apis.try_status, None, |f| f.status.clone(), |f, v| f.status = v)}
                    <div class="field-stack try-field try-body">
                        <label for="try-body">{move || t().apis.try_body}</label>
                        <textarea
                            id="try-body"
                            rows="3"
                            spellcheck="false"
                            prop:value=move || fields.with(|f| f.body.clone())
                            on:input=move |ev| fields.update(|f| f.body = event_target_value(&ev))
                            aria-invalid=move || field_error(TryField::Body).is_some().then_some("true")
                            aria-describedby=move || {
                                field_error(TryField::Body).map(|_| "try-body-error")
                            }
                        ></textarea>
                        <FieldError
                            id="try-body-error".to_owned()
                            error=Signal::derive(move || field_error(TryField::Body))
                        />
                    </div>
                </fieldset>
                <button type="submit" class="btn btn-primary" id="try-run" disabled=move || running.get()>
                    {move || if running.get() { t().apis.try_running } else { t().apis.try_run }}
                </button>
            </form>
            <div id="try-result" aria-live="polite">
                {move || result.get().and_then(|r| match r {
                    Err(TryError::Field { .. }) => None,
                    other => Some(view! { <TryResult result=other /> }),
                })}
            </div>
        </div>
    }
}

/// A field's error: the sentence and the code as a tag.
#[component]
fn FieldError(id: String, error: Signal<Option<(String, String)>>) -> impl IntoView {
    let t = use_t();
    move || {
        error.get().map(|(code, message)| {
            view! {
                <p class="field-error" id=id.clone()>
                    <span class="sr-only">{t().apis.try_fix} " "</span>
                    {message}
                    " "
                    <span class="code-tag">{code}</span>
                </p>
            }
        })
    }
}

/// What a run did: the calls made, then the request and the gateway's answer, or why it
/// stopped.
#[component]
fn TryResult(result: Result<TryOutcome, TryError>) -> impl IntoView {
    let t = use_t();
    let (steps, stop, call) = match result {
        Ok(outcome) => (outcome.steps, None, Some(outcome.call)),
        Err(TryError::Refused {
            steps,
            kind,
            code,
            message,
        }) => (steps, Some((Some(kind), code, message)), None),
        Err(TryError::Failed { steps, message }) => {
            (steps, Some((None, String::new(), message)), None)
        }
        Err(TryError::Field { .. }) => (Vec::new(), None, None),
    };
    view! {
        <h4 id="try-result-title" tabindex="-1">{move || t().apis.try_steps}</h4>
        <ol class="try-steps">
            {steps.into_iter().map(|s| view! { <StepLine step=s /> }).collect_view()}
            {stop.map(|(kind, code, message)| {
                let tag = (!code.is_empty()).then(|| view! { " " <span class="code-tag">{code.clone()}</span> });
                view! {
                    <li class="try-step try-step-refused" data-code=code>
                        <span class="try-step-name">
                            {move || match kind {
                                Some(kind) => (t().apis.step_refused)(step_name(t(), kind)),
                                None => t().apis.try_failed.to_owned(),
                            }}
                        </span>
                        " "
                        <span class="try-step-message">{message}</span>
                        {tag}
                    </li>
                }
            })}
        </ol>
        {call.map(|call| view! { <CallView call=call /> })}
    }
}

#[component]
fn StepLine(step: TryStep) -> impl IntoView {
    let t = use_t();
    view! {
        <li class="try-step" data-status=step.status.to_string()>
            <span class="try-step-name">{move || step_name(t(), step.kind)}</span>
            " "
            <code class="try-step-request">{step.request}</code>
            " → "
            <span class="try-step-status">{step.status}</span>
        </li>
    }
}

#[component]
fn CallView(call: TryCall) -> impl IntoView {
    let t = use_t();
    view! {
        <div
            class="try-call"
            data-status=call.status.to_string()
            data-request-id=call.request_id
        >
            <h4>{move || t().apis.try_request}</h4>
            <pre class="try-request" tabindex="0">{call.request}</pre>
            <h4>{move || t().apis.try_answer}</h4>
            <pre class="try-answer" tabindex="0">{call.answer}</pre>
        </div>
    }
}
