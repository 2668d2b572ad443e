//! `/gateways/buy`: the Buy Gateway form (the parameter table) with the live check panel.
//!
//! Every rule comes from `apig-core`: the page only shows what `validate` and `run_prechecks`
//! say about the draft, recomputed on every change. The draft is autosaved.

mod network_rows;
mod rows;

use network_rows::{
    DescriptionRow, InboundRow, NetworkRow, OutboundRow, SecurityGroupRow, TagsRow,
};
use rows::{AzRow, EditionRow, EnterpriseRow, NameRow, RegionRow, WindowRow};

use std::collections::HashSet;

use apig_core::account::Region;
use apig_core::precheck::fix::{Fix, fixes};
use apig_core::precheck::{Check, CheckKind, Outcome, run_prechecks};
use apig_core::validate::{Draft, Field, Problem, validate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::base::href;
use crate::components::check_panel::CheckPanel;
use crate::components::coded::coded;
use crate::components::summary_rail::SummaryRail;
use crate::i18n::{Lang, Tr, problem_coded, use_t};
use crate::state::{SavedDraft, Store, fresh_nonce, fresh_uuid, use_store};

/// The control that shows a field's errors (several API fields share one control).
fn control_of(field: Field) -> Field {
    match field {
        Field::MaintainEnd => Field::MaintainBegin,
        other => other,
    }
}

/// Moves keyboard focus to a field's control (the first input of a fieldset).
fn focus_field(field: Field) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(element) = document.get_element_by_id(control_of(field).id()) else {
        return;
    };
    let target = if element.tag_name().eq_ignore_ascii_case("fieldset") {
        element
            .query_selector("input")
            .ok()
            .flatten()
            .unwrap_or(element)
    } else {
        element
    };
    if let Ok(html) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// Moves keyboard focus to a failing check: its first fix, else the check itself.
fn focus_check(kind: CheckKind) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let id = crate::components::check_panel::kind_id(kind);
    let target = document
        .query_selector(&format!("[data-check=\"{id}\"] .check-fix"))
        .ok()
        .flatten()
        .or_else(|| {
            document
                .query_selector(&format!("[data-check=\"{id}\"]"))
                .ok()
                .flatten()
        });
    if let Some(html) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = html.focus();
    }
}

/// A fresh draft for `region`, keeping what does not depend on the region.
fn draft_for_region(store: Store, region: &Region, keep: Option<&Draft>) -> Draft {
    let mut draft = store.account.with_untracked(|a| {
        store
            .gateways
            .with_untracked(|g| Draft::prefilled(a, region, g))
    });
    if let Some(old) = keep {
        draft.instance_name.clone_from(&old.instance_name);
        draft.spec_id.clone_from(&old.spec_id);
        draft.maintain_begin.clone_from(&old.maintain_begin);
        draft.maintain_end.clone_from(&old.maintain_end);
        draft.description.clone_from(&old.description);
        draft.public_outbound = old.public_outbound;
        draft.outbound_bandwidth.clone_from(&old.outbound_bandwidth);
        draft.tags.clone_from(&old.tags);
    }
    draft
}

/// The form's state shared by its sections.
#[derive(Clone, Copy)]
struct Form {
    draft: RwSignal<Draft>,
    touched: RwSignal<HashSet<Field>>,
    submitted: RwSignal<bool>,
    problems: Memo<Vec<Problem>>,
    lang: RwSignal<Lang>,
}

impl Form {
    fn edit(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(change);
    }

    /// A part of the draft that notifies only when that part changes: what renders from it is
    /// not rebuilt on every keystroke in another field.
    fn pick<T>(self, get: impl Fn(&Draft) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        Memo::new(move |_| self.draft.with(&get))
    }

    /// A text value of the draft, as a signal for a control's `prop:value`.
    fn text(self, get: fn(&Draft) -> &String) -> Signal<String> {
        self.pick(move |d| get(d).clone()).into()
    }

    /// The callback that writes a control's new text into the draft with `set`.
    fn setter(self, set: fn(&mut Draft, String)) -> Callback<String> {
        Callback::new(move |v| self.edit(|d| set(d, v)))
    }

    /// A control lost focus: from now on its errors show. Not when focus went to Next: the
    /// submit shows every error anyway, and inserting messages between the button's
    /// mousedown and mouseup would move it away from the pointer and swallow the click.
    fn left(&self, ev: &web_sys::FocusEvent, field: Field) {
        let to_next = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.id() == "next");
        if !to_next {
            self.touch(field);
        }
    }

    fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// The messages to show for the control of `field`, once it was left or Next was pressed.
    fn errors(&self, field: Field) -> Vec<String> {
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&field));
        if !shown {
            return Vec::new();
        }
        let lang = self.lang.get();
        self.problems.with(|p| {
            p.iter()
                .filter(|p| control_of(p.field) == field)
                .map(|p| problem_coded(lang, p))
                .collect()
        })
    }

    fn invalid(&self, field: Field) -> &'static str {
        if self.errors(field).is_empty() {
            "false"
        } else {
            "true"
        }
    }
}

/// The error list under a control; its ID is what the control's `aria-describedby` names.
#[component]
fn FieldError(form: Form, field: Field) -> impl IntoView {
    let id = format!("{}-error", field.id());
    view! {
        <div class="field-error" id=id>
            {move || {
                form.errors(field)
                    .into_iter()
                    .map(|message| view! { <p>{coded(&message)}</p> })
                    .collect_view()
            }}
        </div>
    }
}

fn describedby(field: Field, hint: bool) -> String {
    if hint {
        format!("{0}-hint {0}-error", field.id())
    } else {
        format!("{}-error", field.id())
    }
}

/// The `<select>` of `field`: described by its error list (and its hint when `hint`), marked
/// invalid while it has errors, errors shown once it is left. `children` are the options after
/// the empty `placeholder` option (when given).
#[component]
fn FieldSelect(
    form: Form,
    field: Field,
    #[prop(optional)] hint: bool,
    #[prop(optional)] placeholder: Option<Tr>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    children: Children,
) -> impl IntoView {
    let t = use_t();
    view! {
        <select
            id=field.id()
            aria-describedby=describedby(field, hint)
            aria-invalid=move || form.invalid(field)
            prop:value=move || value.get()
            on:change=move |ev| on_change.run(event_target_value(&ev))
            on:blur=move |ev| form.left(&ev, field)
        >
            {placeholder.map(|text| view! { <option value="">{move || text(t())}</option> })}
            {children()}
        </select>
    }
}

/// Why Next did not go on (rendered in the current language).
#[derive(Clone)]
enum Refusal {
    /// This many problems to fix, in these fields (in the form's order).
    Problems(usize, Vec<Field>),
    /// These checks fail.
    Checks(Vec<CheckKind>),
}

impl Refusal {
    fn text(&self, t: &crate::i18n::Texts) -> String {
        match self {
            Refusal::Problems(n, fields) => format!(
                "{} {}",
                (t.buy.problems_to_fix)(*n),
                (t.rail.left)(
                    &fields
                        .iter()
                        .map(|f| (t.problems.field)(*f))
                        .collect::<Vec<_>>()
                        .join(t.buy.list_separator)
                )
            ),
            Refusal::Checks(kinds) => {
                let titles = kinds
                    .iter()
                    .map(|k| (t.buy.check_title)(*k))
                    .collect::<Vec<_>>()
                    .join(t.buy.list_separator);
                format!(
                    "{} {}",
                    (t.buy.check_fails)(&titles),
                    (t.rail.left)(&titles)
                )
            }
        }
    }
}

/// The Buy Gateway page.
#[component]
pub fn BuyGatewayPage() -> impl IntoView {
    let title_t = crate::i18n::use_t();
    crate::components::title::page_title(move || title_t().buy.title.to_owned());
    let store = use_store();
    let navigate = use_navigate();
    let initial = store.draft.get_untracked().filter(|saved| {
        store
            .account
            .with_untracked(|a| a.region(&saved.draft.region).is_some())
    });
    let nonce = initial.as_ref().map_or_else(fresh_nonce, |s| s.nonce);
    let draft = RwSignal::new(match initial {
        Some(saved) => {
            store.region.set(saved.draft.region.clone());
            saved.draft
        }
        None => store
            .current_region()
            .map(|r| draft_for_region(store, &r, None))
            .unwrap_or_default(),
    });
    let problems = Memo::new(move |_| {
        let d = draft.get();
        store.account.with(|a| {
            store
                .gateways
                .with(|g| validate(&d, a, g, nonce).err().unwrap_or_default())
        })
    });
    let checks: Memo<(u32, Vec<Check>)> = Memo::new(move |previous: Option<&(u32, Vec<Check>)>| {
        let revision = previous.map_or(0, |p| p.0.wrapping_add(1));
        let d = draft.get();
        let checks = store
            .account
            .with(|a| store.gateways.with(|g| run_prechecks(&d, a, g)));
        (revision, checks)
    });
    let form = Form {
        draft,
        touched: RwSignal::new(HashSet::new()),
        submitted: RwSignal::new(false),
        problems,
        lang: store.lang,
    };

    // Autosave: every change of the draft is written at once. Not the draft the page opened
    // with: it is stored already, or it is the untouched pre-filled form (Next stores it).
    Effect::new(move |opened: Option<()>| {
        let d = draft.get();
        if opened.is_some() {
            store.save_draft(SavedDraft { draft: d, nonce });
        }
    });
    // The header's region selector and the form's Region control are one setting.
    Effect::new(move |_| {
        let region_id = store.region.get();
        if draft.with_untracked(|d| d.region != region_id)
            && let Some(region) = store.current_region()
        {
            let old = draft.get_untracked();
            let new = draft_for_region(store, &region, Some(&old));
            if old.public_inbound && !new.public_inbound && !old.region.is_empty() {
                let t = store.lang.get_untracked().texts();
                let kept = old.clone();
                let undo = Callback::new(move |()| {
                    draft.set(kept.clone());
                    store.region.set(kept.region.clone());
                });
                store.toast((t.rail.inbound_cleared)(&region.id), Some(undo));
            }
            draft.set(new);
        }
    });

    let region = Memo::new(move |_| {
        let id = draft.with(|d| d.region.clone());
        store.account.with(|a| a.region(&id).cloned())
    });
    let refusal = RwSignal::new(None::<Refusal>);
    let t = use_t();
    let on_next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submitted.set(true);
        let failing_any =
            checks.with_untracked(|(_, c)| c.iter().any(|c| c.outcome == Outcome::Fail));
        // Problems of the account are the failing checks' own: their fixes come first.
        let first = problems.with_untracked(|p| {
            Field::ALL
                .iter()
                .copied()
                .filter(|f| !(failing_any && *f == Field::Account))
                .find(|f| p.iter().any(|p| p.field == *f))
        });
        let failing: Vec<CheckKind> = checks.with_untracked(|(_, c)| {
            c.iter()
                .filter(|c| c.outcome == Outcome::Fail)
                .map(|c| c.kind)
                .collect()
        });
        if let Some(field) = first {
            let count = problems.with_untracked(Vec::len);
            let fields = problems.with_untracked(|p| {
                Field::ALL
                    .iter()
                    .copied()
                    .filter(|f| p.iter().any(|p| p.field == *f))
                    .collect()
            });
            refusal.set(Some(Refusal::Problems(count, fields)));
            // After the error messages rendered: an empty container cannot take focus.
            set_timeout(move || focus_field(field), std::time::Duration::ZERO);
        } else if !failing.is_empty() {
            let first = failing[0];
            refusal.set(Some(Refusal::Checks(failing)));
            set_timeout(move || focus_check(first), std::time::Duration::ZERO);
        } else {
            refusal.set(None);
            store.save_draft(SavedDraft {
                draft: draft.get_untracked(),
                nonce,
            });
            navigate(
                "/gateways/buy/confirm",
                leptos_router::NavigateOptions::default(),
            );
        }
    };
    let discard = move |_| {
        let kept = (draft.get_untracked(), store.draft.get_untracked());
        let undo = Callback::new(move |()| {
            let (old, saved) = kept.clone();
            draft.set(old);
            if let Some(saved) = saved {
                store.save_draft(saved);
            }
        });
        store.toast(t().rail.draft_discarded.to_owned(), Some(undo));
        store.discard_draft();
        if let Some(r) = store.current_region() {
            draft.set(draft_for_region(store, &r, None));
        }
        form.touched.set(HashSet::new());
        form.submitted.set(false);
        refusal.set(None);
    };

    let (form_errors, headline, fixes, on_fix) = fix_in_place(store, form, checks);

    view! {
        <section class="page page-wide" aria-labelledby="buy-title">
            <nav class="breadcrumb" aria-label=move || t().buy.breadcrumb>
                <A href=href("/gateways")>{move || t().shell.nav_gateways}</A>
                {move || format!(" / {}", t().buy.title)}
            </nav>
            <div class="page-head">
                <h1 id="buy-title">{move || t().buy.title}</h1>
                <button type="button" class="btn" id="discard-draft" on:click=discard>
                    {move || t().buy.discard}
                </button>
            </div>
            <div class="buy-layout">
                <form
                    id="buy-form"
                    class="param-table"
                    novalidate=true
                    data-interactive="true"
                    on:submit=on_next
                >
                    <AccountErrors form=form />
                    <RegionRow form=form />
                    <AzRow form=form region=region />
                    <NameRow form=form />
                    <EditionRow form=form />
                    <WindowRow form=form />
                    <EnterpriseRow form=form />
                    <InboundRow form=form region=region />
                    <OutboundRow form=form />
                    <NetworkRow form=form region=region />
                    <SecurityGroupRow form=form region=region />
                    <DescriptionRow form=form />
                    <TagsRow form=form />
                </form>
                <div class="buy-rail">
                    <SummaryRail draft=draft region=region />
                    <CheckPanel
                        checks=checks
                        security_group_id=Signal::derive(move || draft.with(|d| d.security_group_id.clone()))
                        form_errors=form_errors
                        fixes=fixes
                        on_fix=on_fix
                    />
                    <div class="form-actions rail-actions" id="rail-actions">
                        <p class="rail-headline" aria-hidden="true">{headline}</p>
                        <p class="refusal" role="alert" id="next-refusal">
                            {move || refusal.with(|r| r.as_ref().map(|r| r.text(t())))}
                        </p>
                        <div class="rail-buttons">
                            <A href=href("/gateways") attr:class="btn">
                                {move || t().buy.cancel}
                            </A>
                            <button type="submit" form="buy-form" class="btn btn-primary" id="next">
                                {move || t().buy.next}
                            </button>
                        </div>
                    </div>
                </div>
            </div>
        </section>
    }
}

/// Problems of the account itself (quota, permissions): no control to attach them to.
#[component]
fn AccountErrors(form: Form) -> impl IntoView {
    view! {
        <div class="account-errors" id="account" tabindex="-1">
            {move || {
                if !form.submitted.get() {
                    return Vec::new();
                }
                let lang = form.lang.get();
                form.problems
                    .with(|p| {
                        p.iter()
                            .filter(|p| p.field == Field::Account)
                            .map(|p| problem_coded(lang, p))
                            .collect::<Vec<_>>()
                    })
                    .into_iter()
                    .map(|m| view! { <p class="field-error">{coded(&m)}</p> })
                    .collect::<Vec<_>>()
            }}
        </div>
    }
}

/// The rail's headline and the fixes in place: each fix is applied to the sandbox account
/// through the store (and so the core's account rules) or to the draft, announced in a toast
/// with Undo.
#[allow(clippy::type_complexity)]
fn fix_in_place(
    store: Store,
    form: Form,
    checks: Memo<(u32, Vec<Check>)>,
) -> (
    Signal<usize>,
    Signal<String>,
    Callback<Check, Vec<Fix>>,
    Callback<Fix>,
) {
    let draft = form.draft;
    // Undo callbacks belong to the page, not to the check row whose button made them: the row
    // is rebuilt (and its children disposed) as soon as the fix changes the check.
    let page = Owner::current().unwrap_or_default();
    // Problems of the account itself are the failing checks' own: counted once, there.
    let form_errors = Memo::new(move |_| {
        form.problems
            .with(|p| p.iter().filter(|p| p.field != Field::Account).count())
    });
    let outcomes = Memo::new(move |_| {
        checks.with(|(_, c)| {
            let n = |o: Outcome| c.iter().filter(|c| c.outcome == o).count();
            (n(Outcome::Fail), n(Outcome::Warn), n(Outcome::Pending))
        })
    });
    let headline = Signal::derive(move || {
        let (fail, warn, pending) = outcomes.get();
        (store.lang.get().texts().rail.headline)(form_errors.get() + fail, warn, pending)
    });
    let offered = Callback::new(move |check: Check| {
        let d = draft.get_untracked();
        store
            .account
            .with_untracked(|a| store.gateways.with_untracked(|g| fixes(&check, &d, a, g)))
    });
    let on_fix = Callback::new(move |fix: Fix| {
        let t = store.lang.get_untracked().texts();
        let label = (t.rail.fix)(&fix);
        if fix.edits_account() {
            let before = store.account.get_untracked();
            let region = draft.with_untracked(|d| d.region.clone());
            let applied = store.edit_account(|a| {
                fix.apply_to_account(a, &region, &mut fresh_uuid);
            });
            match applied {
                Ok(()) => {
                    let undo = page.with(|| {
                        Callback::new(move |()| {
                            let before = before.clone();
                            if let Err(problems) = store.edit_account(move |a| *a = before) {
                                let t = store.lang.get_untracked().texts();
                                let why = crate::i18n::problems_text(
                                    store.lang.get_untracked(),
                                    &problems,
                                );
                                store.toast((t.rail.fix_refused)(&why), None);
                            }
                        })
                    });
                    store.toast((t.rail.fixed)(&label), Some(undo));
                }
                Err(problems) => {
                    let why = crate::i18n::problems_text(store.lang.get_untracked(), &problems);
                    store.toast((t.rail.fix_refused)(&why), None);
                }
            }
        } else {
            let before = draft.get_untracked();
            draft.update(|d| fix.apply_to_draft(d));
            let undo = page.with(|| Callback::new(move |()| draft.set(before.clone())));
            store.toast((t.rail.fixed)(&label), Some(undo));
        }
    });
    (form_errors.into(), headline, offered, on_fix)
}
