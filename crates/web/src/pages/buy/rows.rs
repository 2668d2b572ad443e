//! The buy form's rows: region, AZs, name, edition, maintenance window, enterprise project,
//! and the row layouts every row uses.

use apig_core::account::{AccountType, Region};
use apig_core::region::InboundMode;
use apig_core::validate::Field;
use apig_core::values::{Edition, MaintenanceWindow};
use leptos::prelude::*;

use super::{FieldError, FieldSelect, Form, describedby};
use crate::i18n::{Lang, Tr, use_t};
use crate::state::use_store;

#[component]
pub(super) fn Row(label: Tr, #[prop(into)] for_id: String, children: Children) -> impl IntoView {
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
pub(super) fn GroupRow(
    label: Tr,
    #[prop(into)] legend_id: String,
    children: Children,
) -> impl IntoView {
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
pub(super) fn RegionRow(form: Form) -> impl IntoView {
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
pub(super) fn AzRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
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
pub(super) fn NameRow(form: Form) -> impl IntoView {
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

pub(super) fn edition_facts(lang: Lang, edition: Edition) -> String {
    (lang.texts().buy.edition_facts)(edition)
}

#[component]
pub(super) fn EditionRow(form: Form) -> impl IntoView {
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
pub(super) fn WindowRow(form: Form) -> impl IntoView {
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
pub(super) fn EnterpriseRow(form: Form) -> impl IntoView {
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
