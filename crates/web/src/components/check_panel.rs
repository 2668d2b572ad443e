//! The check panel beside the purchase form: quota, permissions, subnet capacity, security
//! group and EIP, each pass / warn / fail / pending with its figures and what to do.

use apig_core::precheck::fix::Fix;
use apig_core::precheck::{Check, CheckKind, Outcome};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::i18n::{Lang, line_text, use_t};
use crate::state::use_store;

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

/// The `data-check` value of a check's row.
pub fn kind_id(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Quota => "quota",
        CheckKind::Permission => "permission",
        CheckKind::SubnetCapacity => "subnet",
        CheckKind::SecurityGroup => "security-group",
        CheckKind::Eip => "eip",
    }
}

/// What a check's row shows, in which language: a row is rebuilt only when this changes.
type CheckKey = (
    Lang,
    &'static str,
    &'static str,
    String,
    Vec<String>,
    Option<String>,
    Option<&'static str>,
);

fn check_key((lang, check): &(Lang, Check)) -> CheckKey {
    (
        *lang,
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
    /// The form's problem count: when given, the headline counts them with the failing checks
    /// ("2 to fix · 1 warning").
    #[prop(optional, into)]
    form_errors: Option<Signal<usize>>,
    /// The fixes in place a check offers (asked when its row is built).
    #[prop(optional)]
    fixes: Option<Callback<Check, Vec<Fix>>>,
    /// Applies a fix.
    #[prop(optional)]
    on_fix: Option<Callback<Fix>>,
) -> impl IntoView {
    // The list without the revision: it notifies only when a check's content changes, so a
    // keystroke that changes no check rebuilds nothing here.
    let list = Memo::new(move |_| checks.with(|(_, c)| c.clone()));
    let t = use_t();
    let lang = use_store().lang;
    let failing = move || list.with(|c| c.iter().filter(|c| c.outcome == Outcome::Fail).count());
    let count = move |o: Outcome| list.with(|c| c.iter().filter(|c| c.outcome == o).count());
    let headline = move || match form_errors {
        Some(errors) => (t().rail.headline)(
            errors.get() + failing(),
            count(Outcome::Warn),
            count(Outcome::Pending),
        ),
        None => (t().buy.failing_checks)(failing()),
    };
    view! {
        <aside
            id="check-panel"
            tabindex="0"
            class="check-panel"
            aria-labelledby="check-panel-title"
            data-revision=move || checks.with(|(rev, _)| *rev)
        >
            <h2 id="check-panel-title">{move || t().buy.prechecks}</h2>
            <p class="check-summary" id="check-headline" aria-live="polite">
                {headline}
            </p>
            <ul class="checks">
                <For
                    each=move || {
                        let lang = lang.get();
                        list.get().into_iter().map(|c| (lang, c)).collect::<Vec<_>>()
                    }
                    key=check_key
                    children=move |(lang, check)| {
                            let texts = lang.texts();
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
                                        <span class="check-title">
                                            {(texts.buy.check_title)(check.kind)}
                                        </span>
                                        <span class="check-outcome">
                                            {(texts.buy.outcome)(check.outcome)}
                                        </span>
                                    </div>
                                    <p class="check-figures">{line_text(lang, &check.summary_line)}</p>
                                    {(!check.detail_lines.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul class="check-details">
                                                    {check
                                                        .detail_lines
                                                        .iter()
                                                        .map(|d| view! { <li>{line_text(lang, d)}</li> })
                                                        .collect_view()}
                                                </ul>
                                            }
                                        })}
                                    {check
                                        .action_line
                                        .as_ref()
                                        .map(|a| view! { <p class="check-action">{line_text(lang, a)}</p> })}
                                    {check
                                        .code
                                        .map(|c| view! { <p class="check-code">{c.as_str()}</p> })}
                                    {fixes
                                        .map(|f| f.run(check.clone()))
                                        .filter(|f| !f.is_empty())
                                        .map(|list| {
                                            view! {
                                                <p class="check-fixes">
                                                    {list
                                                        .into_iter()
                                                        .map(|fix| {
                                                            let label = (texts.rail.fix)(&fix);
                                                            view! {
                                                                <button
                                                                    type="button"
                                                                    class="btn btn-small check-fix"
                                                                    on:click=move |_| {
                                                                        if let Some(apply) = on_fix {
                                                                            apply.run(fix.clone());
                                                                        }
                                                                    }
                                                                >
                                                                    {label}
                                                                </button>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </p>
                                            }
                                        })}
                                    {(check.kind == CheckKind::SecurityGroup
                                        && matches!(check.outcome, Outcome::Warn | Outcome::Fail))
                                        .then(|| security_group_id.map(|sg| sg.get_untracked()))
                                        .flatten()
                                        .filter(|sg| !sg.is_empty())
                                        .map(|sg| {
                                            view! {
                                                <p class="check-link">
                                                    <A href=href(&format!("/sandbox#sg-{sg}"))>
                                                        {texts.buy.fix_rules}
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
