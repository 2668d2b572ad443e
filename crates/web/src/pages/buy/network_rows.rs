//! The buy form's rows of access and network: public inbound and outbound, VPC and subnet,
//! security group, description and tags.

use apig_core::account::{Direction, Region};
use apig_core::region::InboundMode;
use apig_core::validate::Field;
use apig_core::values::Edition;
use leptos::prelude::*;

use super::rows::{GroupRow, Row};
use super::{FieldError, FieldSelect, Form, describedby};
use crate::components::tags_editor::{TagEdit, TagsEditor};
use crate::i18n::{Lang, Tr, use_t};

/// A checkbox with its label around it.
#[component]
pub(super) fn Toggle(
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
pub(super) fn BandwidthInput(
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
pub(super) fn InboundRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
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
pub(super) fn OutboundRow(form: Form) -> impl IntoView {
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

pub(super) fn fitting_editions(lang: Lang, free: u64) -> String {
    let t = lang.texts();
    let fits: Vec<&str> = Edition::BASE
        .iter()
        .filter(|e| u64::from(e.private_ips_needed()) <= free)
        .map(|e| (t.shell.edition)(*e))
        .collect();
    (t.buy.subnet_free)(free, &fits.join(t.buy.list_separator))
}

#[component]
pub(super) fn NetworkRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
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
pub(super) fn SecurityGroupRow(form: Form, region: Memo<Option<Region>>) -> impl IntoView {
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
pub(super) fn DescriptionRow(form: Form) -> impl IntoView {
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
pub(super) fn TagsRow(form: Form) -> impl IntoView {
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
