//! `/gateways/buy`: the Buy Gateway form (the parameter table) with the live check panel.
//!
//! Every rule comes from `apig-core`: the page only shows what `validate` and `run_prechecks`
//! say about the draft, recomputed on every change. The draft is autosaved.

use std::collections::HashSet;

use apig_core::account::{AccountType, Direction, Region};
use apig_core::precheck::fix::{Fix, fixes};
use apig_core::precheck::{Check, CheckKind, Outcome, run_prechecks};
use apig_core::region::InboundMode;
use apig_core::validate::{Draft, Field, Problem, validate};
use apig_core::values::{Edition, MaintenanceWindow};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::base::href;
use crate::components::check_panel::CheckPanel;
use crate::components::summary_rail::SummaryRail;
use crate::components::tags_editor::{TagEdit, TagsEditor};
use crate::i18n::{Lang, Tr, problem_text, use_t};
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
                .map(|p| problem_text(lang, p))
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
                    .map(|message| view! { <p>{message}</p> })
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
                            .map(|p| problem_text(lang, p))
                            .collect::<Vec<_>>()
                    })
                    .into_iter()
                    .map(|m| view! { <p class="field-error">{m}</p> })
                    .collect::<Vec<_>>()
            }}
        </div>
    }
}

#[component]
fn Row(label: Tr, #[prop(into)] for_id: String, children: Children) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="param-row">
            <label class="param-label" for=for_id>
                {move || label(t())}
            </label>
            <div class="param-control">{children()}</div>
        </div>
    }
}

#[component]
fn GroupRow(label: Tr, #[prop(into)] legend_id: String, children: Children) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="param-row">
            <span class="param-label" id=legend_id>
                {move || label(t())}
            </span>
            <div class="param-control">{children()}</div>
        </div>
    }
}

#[component]
fn RegionRow(form: Form) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let field = Field::Region;
    view! {
        <Row label=|t| t.buy.region for_id=field.id()>
            <FieldSelect
                form=form
                field=field
                hint=true
                value=form.text(|d| &d.region)
                on_change=move |v: String| store.region.set(v)
            >
                {move || {
                    let own_name = t().shell.region_name;
                    store
                        .account
                        .with(|a| {
                            a.regions
                                .iter()
                                .map(|r| {
                                    let selected = form.draft.with_untracked(|d| d.region == r.id);
                                    let name = own_name(&r.id).unwrap_or(&r.name);
                                    view! {
                                        <option value=r.id.clone() selected=selected>
                                            {format!("{name} ({})", r.id)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </FieldSelect>
            <p class="hint" id="region-hint">
                {move || {
                    store
                        .current_region()
                        .map(|r| match r.inbound_mode {
                            InboundMode::Lvs => t().buy.region_lvs,
                            InboundMode::Elb => t().buy.region_elb,
                        })
                }}
            </p>
            <FieldError form=form field=field />
        </Row>
    }
}

#[component]
fn AzRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
    let field = Field::AvailableZones;
    let t = use_t();
    let edition = form.pick(|d| Edition::parse(&d.spec_id).ok());
    view! {
        <GroupRow label=|t| t.buy.az legend_id="az-label">
            <fieldset
                id=field.id()
                class="choice-list"
                aria-labelledby="az-label"
                aria-describedby=describedby(field, true)
            >
                {move || {
                    region
                        .get()
                        .map(|r| {
                            r.azs
                                .into_iter()
                                .map(|az| {
                                    let code = az.code.clone();
                                    let code_for_check = code.clone();
                                    let checked = move || {
                                        form.draft
                                            .with(|d| d.available_zone_ids.contains(&code_for_check))
                                    };
                                    let unsupported = edition
                                        .get()
                                        .filter(|e| !az.sells(*e))
                                        .map(|e| (t().buy.az_does_not_sell)((t().shell.edition)(e)));
                                    let input_id = format!("az-{code}");
                                    let label_for = input_id.clone();
                                    let label = format!("{} ({})", az.name, az.code);
                                    let class = if unsupported.is_some() {
                                        "choice az-unsupported"
                                    } else {
                                        "choice"
                                    };
                                    view! {
                                        <label class=class for=label_for>
                                            <input
                                                type="checkbox"
                                                id=input_id
                                                value=code.clone()
                                                prop:checked=checked
                                                aria-invalid=move || form.invalid(field)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let code = code.clone();
                                                    form.edit(|d| {
                                                        d.available_zone_ids.retain(|c| *c != code);
                                                        if on {
                                                            d.available_zone_ids.push(code);
                                                        }
                                                    });
                                                }
                                                on:blur=move |ev| form.left(&ev, field)
                                            />
                                            {label}
                                            {unsupported.map(|u| view! { <span class="muted">{u}</span> })}
                                        </label>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </fieldset>
            <p class="hint" id="available_zone_ids-hint">
                {move || t().buy.az_hint}
            </p>
            <FieldError form=form field=field />
        </GroupRow>
    }
}

#[component]
fn NameRow(form: Form) -> impl IntoView {
    let field = Field::InstanceName;
    let t = use_t();
    view! {
        <Row label=|t| t.buy.name for_id=field.id()>
            <input
                id=field.id()
                type="text"
                autocomplete="off"
                aria-describedby=describedby(field, true)
                aria-invalid=move || form.invalid(field)
                prop:value=move || form.draft.with(|d| d.instance_name.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.edit(|d| d.instance_name = v);
                }
                on:blur=move |ev| form.left(&ev, field)
            />
            <p class="hint" id="instance_name-hint">
                {move || t().buy.name_hint}
            </p>
            <FieldError form=form field=field />
        </Row>
    }
}

fn edition_facts(lang: Lang, edition: Edition) -> String {
    (lang.texts().buy.edition_facts)(edition)
}

#[component]
fn EditionRow(form: Form) -> impl IntoView {
    let field = Field::Edition;
    let t = use_t();
    let selected = form.pick(|d| d.spec_id.clone());
    let other_editions: Vec<Edition> = Edition::ALL
        .iter()
        .copied()
        .filter(|e| !Edition::BASE.contains(e))
        .collect();
    view! {
        <GroupRow label=|t| t.buy.edition legend_id="edition-label">
            <fieldset
                id=field.id()
                class="edition-cards"
                aria-labelledby="edition-label"
                aria-describedby=describedby(field, false)
            >
                {Edition::BASE
                    .iter()
                    .map(|edition| {
                        let edition = *edition;
                        let spec = edition.as_str();
                        let input_id = format!("spec-{spec}");
                        let label_for = input_id.clone();
                        view! {
                            <label
                                class="edition-card"
                                class:selected=move || selected.with(|s| s == spec)
                                for=label_for
                            >
                                <input
                                    type="radio"
                                    name="spec_id"
                                    id=input_id
                                    value=spec
                                    prop:checked=move || selected.with(|s| s == spec)
                                    aria-invalid=move || form.invalid(field)
                                    on:change=move |_| form.edit(|d| spec.clone_into(&mut d.spec_id))
                                    on:blur=move |ev| form.left(&ev, field)
                                />
                                <span class="edition-name">{move || (t().shell.edition)(edition)}</span>
                                <span class="edition-facts">{move || edition_facts(form.lang.get(), edition)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <label class="inline" for="spec-other">
                {move || t().buy.other_editions}
                <select
                    id="spec-other"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.is_empty() {
                            form.edit(|d| d.spec_id = v);
                        }
                    }
                    prop:value=move || {
                        let s = selected.get();
                        if Edition::BASE.iter().any(|e| e.as_str() == s) { String::new() } else { s }
                    }
                >
                    <option value="">"—"</option>
                    {other_editions
                        .into_iter()
                        .map(|e| {
                            view! {
                                <option value=e.as_str()>
                                    {move || (t().buy.other_edition_option)((t().shell.edition)(e), e.private_ips_needed())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <FieldError form=form field=field />
        </GroupRow>
    }
}

#[component]
fn WindowRow(form: Form) -> impl IntoView {
    let field = Field::MaintainBegin;
    let t = use_t();
    view! {
        <Row label=|t| t.buy.window for_id=field.id()>
            <FieldSelect
                form=form
                field=field
                hint=true
                value=form.text(|d| &d.maintain_begin)
                on_change=move |begin: String| {
                    let window = MaintenanceWindow::ALL.iter().find(|w| w.begin() == begin).copied();
                    form.edit(|d| {
                        if let Some(w) = window {
                            d.maintain_begin = w.begin();
                            d.maintain_end = w.end();
                        }
                    });
                }
            >
                {MaintenanceWindow::ALL
                    .iter()
                    .map(|w| {
                        let begin = w.begin();
                        let selected = form.draft.with_untracked(|d| d.maintain_begin == begin);
                        view! {
                            <option value=begin selected=selected>
                                {w.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </FieldSelect>
            <p class="hint" id="maintain_begin-hint">
                {move || t().buy.window_hint}
            </p>
            <FieldError form=form field=field />
        </Row>
    }
}

#[component]
fn EnterpriseRow(form: Form) -> impl IntoView {
    let store = use_store();
    let field = Field::EnterpriseProject;
    let enterprise = move || {
        store
            .account
            .with(|a| a.account_type == AccountType::Enterprise)
    };
    view! {
        <Show when=enterprise>
            <Row label=|t| t.buy.enterprise_project for_id=field.id()>
                <FieldSelect
                    form=form
                    field=field
                    placeholder=|t| t.buy.select_enterprise_project
                    value=form.text(|d| &d.enterprise_project_id)
                    on_change=form.setter(|d, v| d.enterprise_project_id = v)
                >
                    {move || {
                        store
                            .account
                            .with(|a| {
                                a.enterprise_projects
                                    .iter()
                                    .map(|p| {
                                        let selected = form
                                            .draft
                                            .with_untracked(|d| d.enterprise_project_id == p.id);
                                        view! {
                                            <option value=p.id.clone() selected=selected>
                                                {p.name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </FieldSelect>
                <FieldError form=form field=field />
            </Row>
        </Show>
    }
}

/// A checkbox with its label around it.
#[component]
fn Toggle(
    id: &'static str,
    text: Tr,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <label class="inline" for=id>
            <input
                type="checkbox"
                id=id
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            {move || text(t())}
        </label>
    }
}

/// The labelled number input of a bandwidth `field` in Mbit/s, from `min` (to `max` when given).
#[component]
fn BandwidthInput(
    form: Form,
    field: Field,
    label: Tr,
    min: &'static str,
    #[prop(optional)] max: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <label for=field.id()>{move || label(t())}</label>
        <input
            id=field.id()
            type="number"
            min=min
            max=max
            inputmode="numeric"
            aria-describedby=describedby(field, false)
            aria-invalid=move || form.invalid(field)
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
            on:blur=move |ev| form.left(&ev, field)
        />
    }
}

#[component]
fn InboundRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
    let mode = move || region.with(|r| r.as_ref().map(|r| r.inbound_mode));
    let enabled = form.pick(|d| d.public_inbound);
    let t = use_t();
    view! {
        <GroupRow label=|t| t.buy.inbound legend_id="inbound-label">
            <Toggle
                id="public_inbound"
                text=|t| t.buy.inbound_toggle
                checked=enabled
                on_change=move |on: bool| form.edit(|d| d.public_inbound = on)
            />
            <Show when=move || enabled.get() && mode() == Some(InboundMode::Lvs)>
                <div class="sub-control">
                    <label for="eip_id">{move || t().buy.eip}</label>
                    <FieldSelect
                        form=form
                        field=Field::Eip
                        placeholder=|t| t.buy.select_eip
                        value=form.text(|d| &d.eip_id)
                        on_change=form.setter(|d, v| d.eip_id = v)
                    >
                        {move || {
                            region
                                .get()
                                .map(|r| {
                                    r.eips
                                        .into_iter()
                                        .map(|eip| {
                                            let free = eip.is_free();
                                            let label = if free {
                                                (t().buy.eip_free)(&eip.address.to_string(), eip.bandwidth_mbps)
                                            } else {
                                                format!("{} ({})", eip.address, eip.status.as_str())
                                            };
                                            let selected = form.draft.with_untracked(|d| d.eip_id == eip.id);
                                            view! {
                                                <option value=eip.id disabled=!free selected=selected>
                                                    {label}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </FieldSelect>
                    <FieldError form=form field=Field::Eip />
                </div>
            </Show>
            <Show when=move || enabled.get() && mode() == Some(InboundMode::Elb)>
                <div class="sub-control">
                    <BandwidthInput
                        form=form
                        field=Field::IngressBandwidth
                        label=|t| t.buy.inbound_bandwidth
                        min="5"
                        value=form.text(|d| &d.ingress_bandwidth)
                        on_input=form.setter(|d, v| d.ingress_bandwidth = v)
                    />
                    <p class="hint">{move || t().buy.inbound_bandwidth_hint}</p>
                    <FieldError form=form field=Field::IngressBandwidth />
                </div>
            </Show>
        </GroupRow>
    }
}

#[component]
fn OutboundRow(form: Form) -> impl IntoView {
    let field = Field::OutboundBandwidth;
    let enabled = form.pick(|d| d.public_outbound);
    view! {
        <GroupRow label=|t| t.buy.outbound legend_id="outbound-label">
            <Toggle
                id="public_outbound"
                text=|t| t.buy.outbound_toggle
                checked=enabled
                on_change=move |on: bool| form.edit(|d| d.public_outbound = on)
            />
            <Show when=move || enabled.get()>
                <div class="sub-control">
                    <BandwidthInput
                        form=form
                        field=field
                        label=|t| t.buy.outbound_bandwidth
                        min="1"
                        max="2000"
                        value=form.text(|d| &d.outbound_bandwidth)
                        on_input=form.setter(|d, v| d.outbound_bandwidth = v)
                    />
                    <FieldError form=form field=field />
                </div>
            </Show>
        </GroupRow>
    }
}

fn fitting_editions(lang: Lang, free: u64) -> String {
    let t = lang.texts();
    let fits: Vec<&str> = Edition::BASE
        .iter()
        .filter(|e| u64::from(e.private_ips_needed()) <= free)
        .map(|e| (t.shell.edition)(*e))
        .collect();
    (t.buy.subnet_free)(free, &fits.join(t.buy.list_separator))
}

#[component]
fn NetworkRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
    let vpc_id = form.pick(|d| d.vpc_id.clone());
    let t = use_t();
    view! {
        <GroupRow label=|t| t.buy.network legend_id="network-label">
            <div class="sub-control">
                <label for="vpc_id">{move || t().buy.vpc}</label>
                <FieldSelect
                    form=form
                    field=Field::Vpc
                    placeholder=|t| t.buy.select_vpc
                    value=vpc_id
                    on_change=move |v: String| {
                        let first = region
                            .with_untracked(|r| {
                                r.as_ref()
                                    .and_then(|r| r.vpc(&v))
                                    .map(|vpc| {
                                        (
                                            vpc.subnets
                                                .iter()
                                                .max_by_key(|s| s.free_count())
                                                .map(|s| s.id.clone())
                                                .unwrap_or_default(),
                                            r.as_ref()
                                                .and_then(|r| {
                                                    r.security_groups.iter().find(|g| g.vpc_id == vpc.id)
                                                })
                                                .map(|g| g.id.clone())
                                                .unwrap_or_default(),
                                        )
                                    })
                            })
                            .unwrap_or_default();
                        form.edit(|d| {
                            d.vpc_id = v;
                            d.subnet_id = first.0;
                            d.security_group_id = first.1;
                        });
                    }
                >
                    {move || {
                        region
                            .get()
                            .map(|r| {
                                r.vpcs
                                    .into_iter()
                                    .map(|v| {
                                        let selected = form.draft.with_untracked(|d| d.vpc_id == v.id);
                                        view! {
                                            <option value=v.id selected=selected>
                                                {format!("{} ({})", v.name, v.cidr)}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </FieldSelect>
                <FieldError form=form field=Field::Vpc />
            </div>
            <div class="sub-control">
                <label for="subnet_id">{move || t().buy.subnet}</label>
                <FieldSelect
                    form=form
                    field=Field::Subnet
                    placeholder=|t| t.buy.select_subnet
                    value=form.text(|d| &d.subnet_id)
                    on_change=form.setter(|d, v| d.subnet_id = v)
                >
                    {move || {
                        let vpc = vpc_id.get();
                        let lang = form.lang.get();
                        region
                            .get()
                            .and_then(|r| r.vpc(&vpc).cloned())
                            .map(|v| {
                                v.subnets
                                    .into_iter()
                                    .map(|s| {
                                        let free = s.free_count();
                                        let label = format!(
                                            "{} ({}) — {}",
                                            s.name,
                                            s.cidr,
                                            fitting_editions(lang, free)
                                        );
                                        let selected = form.draft.with_untracked(|d| d.subnet_id == s.id);
                                        view! {
                                            <option value=s.id selected=selected>
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </FieldSelect>
                <FieldError form=form field=Field::Subnet />
            </div>
        </GroupRow>
    }
}

#[component]
fn SecurityGroupRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
    let field = Field::SecurityGroup;
    let group_id = form.pick(|d| d.security_group_id.clone());
    let vpc_id = form.pick(|d| d.vpc_id.clone());
    let group = Memo::new(move |_| {
        group_id.with(|id| region.with(|r| r.as_ref().and_then(|r| r.security_group(id).cloned())))
    });
    let t = use_t();
    view! {
        <Row label=|t| t.buy.security_group for_id=field.id()>
            <FieldSelect
                form=form
                field=field
                hint=true
                placeholder=|t| t.buy.select_security_group
                value=group_id
                on_change=form.setter(|d, v| d.security_group_id = v)
            >
                {move || {
                    let vpc = vpc_id.get();
                    let another_vpc = t().buy.another_vpc;
                    region
                        .get()
                        .map(|r| {
                            r.security_groups
                                .into_iter()
                                .map(|g| {
                                    let other_vpc = g.vpc_id != vpc;
                                    let label = if other_vpc {
                                        format!("{}{another_vpc}", g.name)
                                    } else {
                                        g.name.clone()
                                    };
                                    let selected = form
                                        .draft
                                        .with_untracked(|d| d.security_group_id == g.id);
                                    view! {
                                        <option value=g.id selected=selected>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </FieldSelect>
            <div class="hint" id="security_group_id-hint">
                {move || {
                    let line = t().buy.rule_line;
                    group
                        .get()
                        .map(|g| {
                            view! {
                                <ul class="rules">
                                    <li>{line(0, g.allows_internet_tcp(Direction::Ingress, 80))}</li>
                                    <li>{line(1, g.allows_internet_tcp(Direction::Ingress, 443))}</li>
                                    <li>{line(2, g.allows_internet_tcp(Direction::Egress, 443))}</li>
                                </ul>
                            }
                        })
                }}
            </div>
            <FieldError form=form field=field />
        </Row>
    }
}

#[component]
fn DescriptionRow(form: Form) -> impl IntoView {
    let field = Field::Description;
    let count = move || form.draft.with(|d| d.description.chars().count());
    view! {
        <Row label=|t| t.buy.description for_id=field.id()>
            <textarea
                id=field.id()
                rows="3"
                aria-describedby=describedby(field, true)
                aria-invalid=move || form.invalid(field)
                prop:value=move || form.draft.with(|d| d.description.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    form.edit(|d| d.description = v);
                }
                on:blur=move |ev| form.left(&ev, field)
            ></textarea>
            <p class="hint counter" id="description-hint" class:over=move || 255 < count()>
                {move || format!("{}/255", count())}
            </p>
            <FieldError form=form field=field />
        </Row>
    }
}

#[component]
fn TagsRow(form: Form) -> impl IntoView {
    let t = use_t();
    let field = Field::Tags;
    let tags = form.pick(|d| d.tags.clone());
    let checked = Signal::derive(move || form.invalid(field) == "true");
    view! {
        <GroupRow label=|t| t.buy.tags legend_id="tags-label">
            <fieldset id=field.id() aria-labelledby="tags-label" aria-describedby=describedby(field, true)>
                <TagsEditor
                    prefix="tags"
                    tags=tags
                    on_edit=move |edit: TagEdit| form.edit(|d| edit.apply(&mut d.tags))
                    describedby=describedby(field, true)
                    checked=checked
                    on_leave=move |ev: web_sys::FocusEvent| form.left(&ev, field)
                />
            </fieldset>
            <p class="hint" id="tags-hint">
                {move || t().buy.tags_hint}
            </p>
            <FieldError form=form field=field />
        </GroupRow>
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
