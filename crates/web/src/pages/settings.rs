//! `/settings`: where the console keeps its gateways — this browser or a running apig-mock.

use leptos::prelude::*;

use crate::backend::{self as remote_api, ApiError, BackendConfig, BackendKind, DEFAULT_ENDPOINT};
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
    let store = use_store();
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
        outcome.set(Some(Outcome::Pending(format!(
            "Calling {} …",
            connection.endpoint
        ))));
        leptos::task::spawn_local(async move {
            let answer = remote_api::list_instances(&connection).await;
            let text = match answer {
                Ok(list) => Outcome::Ok(format!(
                    "Connected: {} answered the signed GET /v2/{}/apigw/instances with {} gateway(s).",
                    connection.endpoint, connection.project_id, list.total
                )),
                Err(e @ ApiError::Api { .. }) => Outcome::Failed(format!("Refused: {e}")),
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
                let message = if mock {
                    "Saved. The console now lists, buys, changes and deletes gateways through apig-mock."
                } else {
                    "Saved. The console now keeps gateways in this browser (localStorage)."
                };
                store.announce(message.to_owned());
                outcome.set(Some(Outcome::Ok(message.to_owned())));
            }
            Err(e) => outcome.set(Some(Outcome::Failed(e))),
        }
    };
    let is_mock = move || kind.get() == BackendKind::Mock;
    let field = move |id: &'static str,
                      label: &'static str,
                      value: RwSignal<String>,
                      input_type: &'static str,
                      hint: &'static str| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field-stack">
                <label for=id>{label}</label>
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
                <span class="muted hint" id=hint_id>{hint}</span>
            </div>
        }
    };
    view! {
        <section class="page" aria-labelledby="settings-title">
            <h1 id="settings-title">"Settings"</h1>
            <form class="panel" id="backend-form" novalidate=true on:submit=save>
                <h2>"Backend"</h2>
                <p class="muted" id="backend-current">
                    {move || current_backend_text(store.connection().map(|c| c.endpoint), &store.remote_state.get())}
                </p>
                <fieldset>
                    <legend>"Where gateways live"</legend>
                    <label class="choice" for="backend-browser">
                        <input
                            type="radio"
                            name="backend-kind"
                            id="backend-browser"
                            prop:checked=move || kind.get() == BackendKind::Browser
                            on:change=move |_| kind.set(BackendKind::Browser)
                        />
                        "This browser (localStorage)"
                    </label>
                    <label class="choice" for="backend-mock">
                        <input
                            type="radio"
                            name="backend-kind"
                            id="backend-mock"
                            prop:checked=is_mock
                            on:change=move |_| kind.set(BackendKind::Mock)
                        />
                        "apig-mock (the APIG v2 API, signed with AK / SK)"
                    </label>
                </fieldset>
                <Show when=is_mock>
                    {field(
                        "backend-endpoint",
                        "Endpoint URL",
                        endpoint,
                        "url",
                        "Where apig-mock listens, e.g. http://127.0.0.1:8090 (cargo xtask serve --mock prints it).",
                    )}
                    {field("backend-ak", "Access key (AK)", access_key, "text", "Printed by apig-mock at start.")}
                    {field(
                        "backend-sk",
                        "Secret key (SK)",
                        secret_key,
                        "password",
                        "Kept only in this tab's sessionStorage, never in localStorage; a new tab asks again.",
                    )}
                    {field(
                        "backend-project",
                        "Project ID",
                        project_id,
                        "text",
                        "32 hexadecimal characters; goes into the path and X-Project-Id.",
                    )}
                </Show>
                <div class="head-actions">
                    <Show when=is_mock>
                        <button type="button" class="btn" id="backend-test" on:click=test>
                            "Test connection"
                        </button>
                    </Show>
                    <button type="submit" class="btn btn-primary" id="backend-save">
                        "Save"
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
pub fn current_backend_text(endpoint: Option<String>, state: &RemoteState) -> String {
    match (endpoint, state) {
        (None, _) => "Now using: this browser (localStorage).".to_owned(),
        (Some(url), RemoteState::Failed(e)) => {
            format!("Now using: apig-mock at {url} — the last call failed: {e}")
        }
        (Some(url), _) => format!("Now using: apig-mock at {url}."),
    }
}
