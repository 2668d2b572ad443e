//! The API trace drawer and its header button: every request the console's actions stand for
//! ([`crate::trace`]), newest first, each with its answer and copies as curl and `KooCLI`.
//!
//! The drawer is not modal: the page stays usable while it is open (on a phone it covers the
//! page and Close or Escape returns). Reads — the periodic sync with apig-mock — are folded
//! away unless asked for, so the actions stand out.

use apig_core::export::ExportContext;
use leptos::prelude::*;

use crate::i18n::use_t;
use crate::state::use_store;
use crate::trace::{TraceEntry, Via, readable, use_trace};

/// Moves the focus to the element with `id`, if there is one.
fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = element.focus();
    }
}

/// The header's button that opens and closes the drawer, with the number of requests.
#[component]
pub fn TraceButton() -> impl IntoView {
    let trace = use_trace();
    let t = use_t();
    let count = move || trace.log.with(|l| l.entries.len());
    view! {
        <button
            type="button"
            class="btn btn-small trace-toggle"
            id="trace-toggle"
            aria-controls="trace-drawer"
            aria-expanded=move || trace.open.get().to_string()
            title=move || (t().trace.button_label)(count())
            on:click=move |_| trace.open.update(|open| *open = !*open)
        >
            {move || t().trace.title}
            <span class="trace-count">{count}</span>
        </button>
    }
}

/// The drawer (rendered only while open).
#[component]
pub fn TraceDrawer() -> impl IntoView {
    let trace = use_trace();
    let store = use_store();
    let t = use_t();
    let show_reads = RwSignal::new(false);
    let reads = move || {
        trace
            .log
            .with(|l| l.entries.iter().filter(|e| e.is_read()).count())
    };
    let shown = move || {
        trace.log.with(|l| {
            l.entries
                .iter()
                .rev()
                .filter(|e| show_reads.get() || !e.is_read())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let close = move || {
        trace.open.set(false);
        focus("trace-toggle");
    };
    // Opening moves the focus into the drawer (its title), so a keyboard user lands there.
    Effect::new(move |_| {
        if trace.open.get() {
            request_animation_frame(|| focus("trace-title"));
        }
    });
    let intro = move || match store.connection() {
        None => t().trace.intro_local.to_owned(),
        Some(c) => (t().trace.intro_mock)(&c.host),
    };
    view! {
        <Show when=move || trace.open.get()>
            <aside
                id="trace-drawer"
                class="trace-drawer"
                aria-labelledby="trace-title"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <div class="trace-head">
                    <h2 id="trace-title" tabindex="-1">{move || t().trace.title}</h2>
                    <button
                        type="button"
                        class="btn btn-small"
                        id="trace-clear"
                        on:click=move |_| trace.log.update(|l| l.entries.clear())
                    >
                        {move || t().trace.clear}
                    </button>
                    <button type="button" class="btn btn-small" id="trace-close" on:click=move |_| close()>
                        {move || t().trace.close}
                    </button>
                </div>
                <p class="muted trace-intro">{intro}</p>
                <Show when=move || { reads() > 0 }>
                    <label class="trace-reads">
                        <input
                            type="checkbox"
                            id="trace-show-reads"
                            prop:checked=move || show_reads.get()
                            on:change=move |ev| show_reads.set(event_target_checked(&ev))
                        />
                        {move || (t().trace.show_reads)(reads())}
                    </label>
                </Show>
                <Show
                    when=move || !shown().is_empty()
                    fallback=move || view! { <p class="trace-empty" id="trace-empty">{move || t().trace.empty}</p> }
                >
                    <ol class="trace-list" reversed=true aria-label=move || t().trace.list_label>
                        <For each=shown key=|e| e.id let:entry>
                            <TraceItem entry=entry />
                        </For>
                    </ol>
                </Show>
            </aside>
        </Show>
    }
}

/// The request as text: request line, headers, body.
fn request_text(entry: &TraceEntry) -> String {
    let call = &entry.call;
    let mut text = format!("{} {}\n", call.method, call.path_and_query());
    match &entry.via {
        Via::Local { context } => {
            text.push_str("Host: ");
            text.push_str(&context.endpoint_host);
            text.push_str("\nContent-Type: application/json\nX-Project-Id: ");
            text.push_str(&context.project_id);
            text.push('\n');
        }
        Via::Mock { headers, .. } => {
            for (name, value) in headers {
                text.push_str(name);
                text.push_str(": ");
                text.push_str(value);
                text.push('\n');
            }
        }
    }
    if let Some(body) = &call.body {
        text.push('\n');
        text.push_str(&readable(body));
        text.push('\n');
    }
    text
}

/// One request of the trace: a summary line that opens to the request, the answer and the copies.
#[component]
fn TraceItem(entry: TraceEntry) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let status = RwSignal::new(String::new());
    let context = match &entry.via {
        Via::Local { context } => context.clone(),
        Via::Mock { base_url, .. } => {
            let host = base_url.split("://").nth(1).unwrap_or(base_url).to_owned();
            let project = store
                .connection_untracked()
                .map(|c| c.project_id)
                .unwrap_or_default();
            ExportContext::new(store.region.get_untracked(), project).with_endpoint_host(host)
        }
    };
    let curl = entry.curl();
    let koocli = entry.koocli(&context);
    let copy = move |text: String| {
        crate::components::copy::copy_text(&text, move |copied| {
            let texts = &t().trace;
            status.set(
                if copied == crate::components::copy::Copied::Done {
                    texts.copied
                } else {
                    texts.copy_unavailable
                }
                .into(),
            );
        });
    };
    let outcome = if entry.is_success() {
        "trace-ok"
    } else {
        "trace-fail"
    };
    let status_text = entry.status.map(|s| s.to_string());
    let millis = entry.millis;
    let local = matches!(entry.via, Via::Local { .. });
    let code = entry.code.clone();
    let request = request_text(&entry);
    let answer = entry.answer.clone();
    let method = entry.call.method;
    let path = entry.call.path_and_query();
    let id = entry.id;
    view! {
        <li class="trace-entry" data-method=method data-status=status_text.clone().unwrap_or_default()>
            <details>
                <summary>
                    <span class="trace-method">{method}</span>
                    <code class="trace-path">{path}</code>
                    <span class=format!("trace-status {outcome}")>
                        {let status_text = status_text.clone();
                        move || status_text.clone().unwrap_or_else(|| t().trace.no_answer.to_owned())}
                    </span>
                    {code.map(|c| view! { <span class="code-tag trace-code">{c}</span> })}
                    {millis.map(|ms| view! { <span class="trace-millis">{move || (t().trace.millis)(ms)}</span> })}
                </summary>
                <div class="trace-detail">
                    <h3>{move || t().trace.request}</h3>
                    <pre class="trace-request" tabindex="0"><code>{request}</code></pre>
                    <h3>{move || t().trace.answer}</h3>
                    <pre class="trace-answer" tabindex="0"><code>
                        {status_text.clone().map(|s| format!("HTTP {s}\n"))}
                        {if answer.is_empty() { None } else { Some(format!("\n{answer}")) }}
                    </code></pre>
                    {(answer.is_empty()).then(|| view! { <p class="muted">{move || t().trace.no_body}</p> })}
                    <p class="muted trace-note">
                        {move || if local {
                            format!("{} {}", t().trace.answered_locally, t().trace.unsigned_note)
                        } else {
                            t().trace.signed_note.to_owned()
                        }}
                    </p>
                    <div class="trace-copy">
                        <button
                            type="button"
                            class="btn btn-small"
                            id=format!("trace-curl-{id}")
                            on:click={
                                let curl = curl.clone();
                                move |_| copy(curl.clone())
                            }
                        >
                            {move || t().trace.copy_curl}
                        </button>
                        {match koocli {
                            Some(koocli) => view! {
                                <button
                                    type="button"
                                    class="btn btn-small"
                                    id=format!("trace-koocli-{id}")
                                    on:click=move |_| copy(koocli.clone())
                                >
                                    {move || t().trace.copy_koocli}
                                </button>
                            }.into_any(),
                            None => view! { <span class="muted">{move || t().trace.no_koocli}</span> }.into_any(),
                        }}
                        <span class="copy-status" role="status">{move || status.get()}</span>
                    </div>
                </div>
            </details>
        </li>
    }
}
