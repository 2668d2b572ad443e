//! `/settings`: where the console keeps its gateways — this browser or a running apig-mock.

use leptos::prelude::*;

use crate::backend::{self as remote_api, ApiError, BackendConfig, BackendKind, DEFAULT_ENDPOINT};
use crate::i18n::{Lang, Tr, use_t};
use crate::state::{RemoteState, use_store};

/// The outcome of "Test connection" or "Save".
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Pending(String),
    Ok(String),
    Failed(String),
}

/// The backend setting: kind, endpoint, AK, SK, project; test and save.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let title_t = crate::i18n::use_t();
    crate::components::title::page_title(move || title_t().settings.title.to_owned());
    let store = use_store();
    let t = use_t();
    let saved = store.backend_config.get_untracked();
    let kind = RwSignal::new(saved.kind);
    let endpoint = RwSignal::new(saved.endpoint.clone());
    let access_key = RwSignal::new(saved.access_key.clone());
    let secret_key = RwSignal::new(
        store
            .connection_untracked()
            .map(|c| c.secret_key)
            .unwrap_or_default(),
    );
    let project_id = RwSignal::new(saved.project_id.clone());
    let outcome = RwSignal::new(None::<Outcome>);

    // Prefill the endpoint: the page's own origin when apig-mock serves the console.
    if saved.endpoint.is_empty() {
        endpoint.set(DEFAULT_ENDPOINT.to_owned());
        if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
            leptos::task::spawn_local(async move {
                if remote_api::is_mock(&origin).await
                    && endpoint.get_untracked() == DEFAULT_ENDPOINT
                {
                    endpoint.set(origin);
                }
            });
        }
    }

    let form_config = move || BackendConfig {
        kind: kind.get_untracked(),
        endpoint: endpoint.get_untracked().trim().to_owned(),
        access_key: access_key.get_untracked().trim().to_owned(),
        project_id: project_id.get_untracked().trim().to_owned(),
    };
    let test = move |_| {
        let config = form_config();
        let connection = match config.connection(&secret_key.get_untracked()) {
            Ok(c) => c,
            Err(e) => {
                outcome.set(Some(Outcome::Failed(e.to_string())));
                return;
            }
        };
        let texts = &store.lang.get_untracked().texts().settings;
        outcome.set(Some(Outcome::Pending((texts.calling)(
            &connection.endpoint,
        ))));
        leptos::task::spawn_local(async move {
            let answer = remote_api::list_instances(&connection).await;
            let text = match answer {
                Ok(list) => Outcome::Ok((texts.connected)(
                    &connection.endpoint,
                    &connection.project_id,
                    list.total,
                )),
                Err(e @ ApiError::Api { .. }) => Outcome::Failed((texts.refused)(&e.to_string())),
                Err(e) => Outcome::Failed(e.to_string()),
            };
            store.announce(match &text {
                Outcome::Ok(t) | Outcome::Failed(t) | Outcome::Pending(t) => t.clone(),
            });
            outcome.set(Some(text));
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let config = form_config();
        let secret = secret_key.get_untracked();
        let mock = config.kind == BackendKind::Mock;
        match store.set_backend(config, Some(&secret)) {
            Ok(()) => {
                let texts = &store.lang.get_untracked().texts().settings;
                let message = if mock {
                    texts.saved_mock
                } else {
                    texts.saved_browser
                };
                store.announce(message.to_owned());
                outcome.set(Some(Outcome::Ok(message.to_owned())));
            }
            Err(e) => outcome.set(Some(Outcome::Failed(e))),
        }
    };
    let is_mock = move || kind.get() == BackendKind::Mock;
    let field = move |id: &'static str,
                      label: Tr,
                      value: RwSignal<String>,
                      input_type: &'static str,
                      hint: Tr| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field-stack">
                <label for=id>{move || label(t())}</label>
                <input
                    id=id
                    type=input_type
                    autocomplete="off"
                    spellcheck="false"
                    size="44"
                    aria-describedby=hint_id.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <span class="muted hint" id=hint_id>{move || hint(t())}</span>
            </div>
        }
    };
    view! {
        <section class="page" aria-labelledby="settings-title">
            <h1 id="settings-title">{move || t().settings.title}</h1>
            <form class="panel" id="backend-form" novalidate=true on:submit=save>
                <h2>{move || t().settings.backend}</h2>
                <p class="muted" id="backend-current">
                    {move || current_backend_text(store.lang.get(), store.connection().map(|c| c.endpoint), &store.remote_state.get())}
                </p>
                <fieldset>
                    <legend>{move || t().settings.where_gateways_live}</legend>
                    <label class="choice" for="backend-browser">
                        <input
                            type="radio"
                            name="backend-kind"
                            id="backend-browser"
                            prop:checked=move || kind.get() == BackendKind::Browser
                            on:change=move |_| kind.set(BackendKind::Browser)
                        />
                        {move || t().settings.this_browser}
                    </label>
                    <label class="choice" for="backend-mock">
                        <input
                            type="radio"
                            name="backend-kind"
                            id="backend-mock"
                            prop:checked=is_mock
                            on:change=move |_| kind.set(BackendKind::Mock)
                        />
                        {move || t().settings.mock}
                    </label>
                </fieldset>
                <Show when=is_mock>
                    {field("backend-endpoint", |t| t.settings.endpoint, endpoint, "url", |t| t.settings.endpoint_hint)}
                    {field("backend-ak", |t| t.settings.access_key, access_key, "text", |t| t.settings.access_key_hint)}
                    {field("backend-sk", |t| t.settings.secret_key, secret_key, "password", |t| t.settings.secret_key_hint)}
                    {field("backend-project", |t| t.settings.project_id, project_id, "text", |t| t.settings.project_id_hint)}
                </Show>
                <div class="head-actions">
                    <Show when=is_mock>
                        <button type="button" class="btn" id="backend-test" on:click=test>
                            {move || t().settings.test}
                        </button>
                    </Show>
                    <button type="submit" class="btn btn-primary" id="backend-save">
                        {move || t().settings.save}
                    </button>
                </div>
                <div id="backend-result" role="status">
                    {move || {
                        outcome
                            .get()
                            .map(|o| match o {
                                Outcome::Pending(t) => view! { <p class="muted">{t}</p> }.into_any(),
                                Outcome::Ok(t) => view! { <p class="result-ok">{t}</p> }.into_any(),
                                Outcome::Failed(t) => view! { <p class="field-error">{t}</p> }.into_any(),
                            })
                    }}
                </div>
            </form>
        </section>
    }
}

/// "Now using …" for the settings page and the shell.
pub fn current_backend_text(lang: Lang, endpoint: Option<String>, state: &RemoteState) -> String {
    let t = &lang.texts().settings;
    match (endpoint, state) {
        (None, _) => t.now_browser.to_owned(),
        (Some(url), RemoteState::Failed(e)) => (t.now_mock)(&url, Some(e)),
        (Some(url), _) => (t.now_mock)(&url, None),
    }
}
