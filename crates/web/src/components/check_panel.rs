//! The check panel beside the purchase form: quota, permissions, subnet capacity, security
//! group and EIP, each pass / warn / fail / pending with its figures and what to do.

use apig_core::precheck::{Check, CheckKind, Outcome};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pending => "Pending",
        Outcome::Pass => "Pass",
        Outcome::Warn => "Warning",
        Outcome::Fail => "Fail",
    }
}

fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pending => "pending",
        Outcome::Pass => "pass",
        Outcome::Warn => "warn",
        Outcome::Fail => "fail",
    }
}

fn outcome_icon(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pending => "…",
        Outcome::Pass => "✓",
        Outcome::Warn => "!",
        Outcome::Fail => "✕",
    }
}

fn kind_id(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Quota => "quota",
        CheckKind::Permission => "permission",
        CheckKind::SubnetCapacity => "subnet",
        CheckKind::SecurityGroup => "security-group",
        CheckKind::Eip => "eip",
    }
}

/// What a check's row shows: a row is rebuilt only when this changes.
type CheckKey = (
    &'static str,
    &'static str,
    String,
    Vec<String>,
    Option<String>,
    Option<&'static str>,
);

fn check_key(check: &Check) -> CheckKey {
    (
        kind_id(check.kind),
        outcome_class(check.outcome),
        check.summary.clone(),
        check.details.clone(),
        check.action.clone(),
        check.code.map(apig_core::values::ErrorCode::as_str),
    )
}

/// The panel. `checks` carries a revision that grows with every recomputation
/// (`data-revision`), so tests and benchmarks can tell when the panel caught up.
/// `security_group_id` is the chosen group: a security-group check that warns or fails links
/// to that group on the Sandbox page, where its rules can be fixed.
#[component]
pub fn CheckPanel(
    checks: Memo<(u32, Vec<Check>)>,
    #[prop(optional, into)] security_group_id: Option<Signal<String>>,
) -> impl IntoView {
    // The list without the revision: it notifies only when a check's content changes, so a
    // keystroke that changes no check rebuilds nothing here.
    let list = Memo::new(move |_| checks.with(|(_, c)| c.clone()));
    let failing = move || list.with(|c| c.iter().filter(|c| c.outcome == Outcome::Fail).count());
    view! {
        <aside
            id="check-panel"
            class="check-panel"
            aria-labelledby="check-panel-title"
            data-revision=move || checks.with(|(rev, _)| *rev)
        >
            <h2 id="check-panel-title">"Pre-checks"</h2>
            <p class="check-summary" aria-live="polite">
                {move || match failing() {
                    0 => "No check fails.".to_owned(),
                    1 => "1 check fails: the purchase would be refused.".to_owned(),
                    n => format!("{n} checks fail: the purchase would be refused."),
                }}
            </p>
            <ul class="checks">
                <For
                    each=move || list.get()
                    key=check_key
                    children=move |check| {
                            let class = format!("check check-{}", outcome_class(check.outcome));
                            view! {
                                <li
                                    class=class
                                    data-check=kind_id(check.kind)
                                    data-outcome=outcome_class(check.outcome)
                                >
                                    <div class="check-head">
                                        <span class="check-icon" aria-hidden="true">
                                            {outcome_icon(check.outcome)}
                                        </span>
                                        <span class="check-title">{check.kind.title()}</span>
                                        <span class="check-outcome">
                                            {outcome_label(check.outcome)}
                                        </span>
                                    </div>
                                    <p class="check-figures">{check.summary}</p>
                                    {(!check.details.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul class="check-details">
                                                    {check
                                                        .details
                                                        .into_iter()
                                                        .map(|d| view! { <li>{d}</li> })
                                                        .collect_view()}
                                                </ul>
                                            }
                                        })}
                                    {check
                                        .action
                                        .map(|a| view! { <p class="check-action">{a}</p> })}
                                    {check
                                        .code
                                        .map(|c| view! { <p class="check-code">{c.as_str()}</p> })}
                                    {(check.kind == CheckKind::SecurityGroup
                                        && matches!(check.outcome, Outcome::Warn | Outcome::Fail))
                                        .then(|| security_group_id.map(|sg| sg.get_untracked()))
                                        .flatten()
                                        .filter(|sg| !sg.is_empty())
                                        .map(|sg| {
                                            view! {
                                                <p class="check-link">
                                                    <A href=href(&format!("/sandbox#sg-{sg}"))>
                                                        "Fix the rules on the Sandbox page"
                                                    </A>
                                                </p>
                                            }
                                        })}
                                </li>
                            }
                    }
                />
            </ul>
        </aside>
    }
}
