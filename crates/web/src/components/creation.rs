//! The creation timeline of a gateway: the named steps behind 30 → 50 → 80 → 90 → 100 %, the
//! time elapsed and an estimate at the gateway's creation speed; after a failure, the step and
//! code, what the gateway still holds, and "Delete and buy again with the same settings".

use apig_core::gateway::Gateway;
use apig_core::lifecycle::{PROGRESS_STEPS, Status};
use apig_core::validate::Draft;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{manage_error_text, use_t};
use crate::state::{SavedDraft, fresh_nonce, use_store};

/// A step's state: index into `step_state` of the catalogue and the CSS state.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StepState {
    Done = 0,
    Current = 1,
    Waiting = 2,
    Failed = 3,
}

impl StepState {
    const fn css(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Current => "current",
            Self::Waiting => "waiting",
            Self::Failed => "failed",
        }
    }
    const fn mark(self) -> &'static str {
        match self {
            Self::Done => "✓",
            Self::Current => "●",
            Self::Waiting => "○",
            Self::Failed => "✕",
        }
    }
}

/// `ms` as `m:ss`.
fn minutes(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The timeline, shown while the gateway is being created or once its creation failed;
/// `released` lists what the failed gateway still holds, in the reader's language.
#[component]
pub fn CreationTimeline(
    gw: Memo<Option<Gateway>>,
    released: fn(crate::i18n::Lang, &Gateway) -> Vec<String>,
) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let navigate = use_navigate();
    let error = RwSignal::new(String::new());
    let state = Memo::new(move |_| {
        let now = store.now.get();
        gw.with(|g| {
            g.as_ref().and_then(|g| {
                let status = g.status(now);
                matches!(status, Status::Creating | Status::CreateFail).then(|| {
                    let progress = g.progress(now);
                    let total = g.speed.total_ms();
                    let elapsed = now.saturating_sub(g.created_at_ms).min(total);
                    // The step under way: step k spans [total·k/4, total·(k+1)/4).
                    let current = (elapsed * 4)
                        .checked_div(total)
                        .and_then(|k| usize::try_from(k).ok())
                        .map_or(3, |k| k.min(3));
                    let failed = g
                        .failure
                        .filter(|_| status == Status::CreateFail)
                        .map(|f| (usize::from(f.at_step.clamp(1, 4)) - 1, progress.error_code));
                    (status, current, failed, elapsed, total, g.speed)
                })
            })
        })
    });
    let again = move |_| {
        let Some(g) = gw.get_untracked() else { return };
        match store.begin_delete(g.id.as_str()) {
            Ok(()) => {
                store.save_draft(SavedDraft {
                    draft: Draft::same_as(&g),
                    nonce: fresh_nonce(),
                });
                store.note_deletion(g.id.as_str(), g.name.as_str(), g.private_ips.len());
                store.toast((t().manage.buying_again)(g.name.as_str()), None);
                navigate("/gateways/buy", leptos_router::NavigateOptions::default());
            }
            Err(e) => error.set(manage_error_text(store.lang.get_untracked(), &e)),
        }
    };
    move || {
        let (status, current, failed, elapsed, total, speed) = state.get()?;
        let m = &t().manage;
        let steps = (0..4)
            .map(|k| {
                let s = match failed {
                    Some((at, _)) if k == at => StepState::Failed,
                    Some((at, _)) if k > at => StepState::Waiting,
                    Some(_) => StepState::Done,
                    None if k < current => StepState::Done,
                    None if k == current => StepState::Current,
                    None => StepState::Waiting,
                };
                view! {
                    <li class=format!("step step-{}", s.css()) data-state=s.css() aria-current=(s == StepState::Current).then_some("step")>
                        <span class="step-mark" aria-hidden="true">{s.mark()}</span>
                        <span class="step-name">{m.steps[k]}</span>
                        <span class="step-percent">{format!("{} %", PROGRESS_STEPS[k])}</span>
                        <span class="sr-only">{format!(" ({})", m.step_state[s as usize])}</span>
                    </li>
                }
            })
            .collect_view();
        let timing = (status == Status::Creating).then(|| {
            let speed_label = (t().sandbox.speed)(speed);
            view! {
                <p class="timing" id="creation-timing">
                    <span id="creation-elapsed">{(m.elapsed)(&minutes(elapsed))}</span>
                    " · "
                    <span id="creation-estimate">{(m.estimate)(&minutes(total - elapsed), speed_label)}</span>
                </p>
            }
        });
        let failure = failed.map(|(at, code)| {
            let code = code.map(apig_core::values::ErrorCode::as_str).unwrap_or_default();
            let holds = gw.with_untracked(|g| {
                g.as_ref().map(|g| released(store.lang.get_untracked(), g)).unwrap_or_default()
            });
            view! {
                <div class="notice notice-fail" id="creation-failed">
                    <p>
                        <strong>{(m.failed_at)(u8::try_from(at + 1).unwrap_or(4), m.steps[at], code)}</strong>
                    </p>
                    <p>{m.still_holds}</p>
                    <ul id="creation-holds">
                        {holds.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}
                    </ul>
                    <p>
                        <button type="button" class="btn btn-primary" id="buy-again" on:click=again.clone()>
                            {m.buy_again}
                        </button>
                    </p>
                    <p class="field-error" role="alert">
                        {move || crate::components::coded::coded(&error.get())}
                    </p>
                </div>
            }
        });
        Some(view! {
            <section class="panel" id="creation" aria-labelledby="creation-title">
                <h2 id="creation-title">{m.creation}</h2>
                <ol class="timeline">
                    {steps}
                    <li class="step step-waiting" data-state="waiting">
                        <span class="step-mark" aria-hidden="true">"○"</span>
                        <span class="step-name">{m.step_done}</span>
                        <span class="step-percent">"100 %"</span>
                    </li>
                </ol>
                {timing}
                {failure}
            </section>
        })
    }
}
