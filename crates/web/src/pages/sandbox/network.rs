//! The Sandbox page's VPCs and subnets of the region.

use std::net::Ipv4Addr;

use apig_core::account::{Subnet, Vpc};
use leptos::prelude::*;

use super::{edit_region, parse_net, region_id, tx};
use crate::components::controls::{ErrorLine, SignalSelect, TextInput};
use crate::i18n::use_t;
use crate::state::{fresh_uuid, use_store};

/// A row of the subnets table; the key of its `<For>`, so a row re-renders when it changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct SubnetRow {
    id: String,
    vpc: String,
    name: String,
    cidr: String,
    used: u64,
    free: u64,
}

#[component]
pub(super) fn NetworkPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let vpcs = move || {
        let r = region_id(store);
        store
            .account
            .with(|a| a.region(&r).map(|r| r.vpcs.clone()).unwrap_or_default())
    };
    let vpc_name = RwSignal::new(String::new());
    let vpc_cidr = RwSignal::new(String::new());
    let sub_vpc = RwSignal::new(String::new());
    let sub_name = RwSignal::new(String::new());
    let sub_cidr = RwSignal::new(String::new());
    let mark_subnet = RwSignal::new(String::new());
    let mark_addr = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let add_vpc = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = vpc_name.get_untracked().trim().to_owned();
        let cidr = match parse_net(store.lang.get_untracked(), &vpc_cidr.get_untracked()) {
            Ok(c) => c,
            Err(e) => return error.set(e),
        };
        let added = edit_region(store, error, |region| {
            region.vpcs.push(Vpc {
                id: fresh_uuid(),
                name: name.clone(),
                cidr,
                subnets: Vec::new(),
            });
        });
        if added {
            vpc_name.set(String::new());
            vpc_cidr.set(String::new());
            store.announce((tx(store).vpc_added)(&name));
        }
    };
    let add_subnet = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = sub_name.get_untracked().trim().to_owned();
        let cidr = match parse_net(store.lang.get_untracked(), &sub_cidr.get_untracked()) {
            Ok(c) => c,
            Err(e) => return error.set(e),
        };
        let vpc_id = sub_vpc.get_untracked();
        if !vpcs().iter().any(|v| v.id == vpc_id) {
            return error.set(tx(store).choose_subnet_vpc.into());
        }
        let added = edit_region(store, error, |region| {
            if let Some(v) = region.vpcs.iter_mut().find(|v| v.id == vpc_id) {
                v.subnets.push(Subnet {
                    id: fresh_uuid(),
                    name: name.clone(),
                    cidr,
                    used: Vec::new(),
                });
            }
        });
        if added {
            sub_name.set(String::new());
            sub_cidr.set(String::new());
            store.announce((tx(store).subnet_added)(&name));
        }
    };
    let mark = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let subnet_id = mark_subnet.get_untracked();
        let Some(subnet) = vpcs()
            .into_iter()
            .flat_map(|v| v.subnets)
            .find(|s| s.id == subnet_id)
        else {
            return error.set(tx(store).choose_mark_subnet.into());
        };
        let raw = mark_addr.get_untracked();
        let ip = if raw.trim().is_empty() {
            match subnet.lowest_free(1).and_then(|v| v.first().copied()) {
                Some(ip) => ip,
                None => return error.set((tx(store).no_free_address)(&subnet.name)),
            }
        } else {
            match raw.trim().parse::<Ipv4Addr>() {
                Ok(ip) => ip,
                Err(_) => return error.set((tx(store).not_ipv4)(&raw)),
            }
        };
        let marked = edit_region(store, error, |region| {
            if let Some(s) = region.subnet_mut(&subnet_id) {
                s.used.push(ip);
            }
        });
        if marked {
            mark_addr.set(String::new());
            store.announce((tx(store).marked_used)(&ip.to_string(), &subnet.name));
        }
    };
    let subnet_options = move || {
        vpcs()
            .into_iter()
            .flat_map(|v| {
                v.subnets.into_iter().map(move |s| {
                    (
                        s.id.clone(),
                        format!("{} / {} ({})", v.name, s.name, s.cidr),
                    )
                })
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel" aria-labelledby="network-title">
            <h2 id="network-title">
                {move || (t().sandbox.vpcs_in)(&region_id(store))}
            </h2>
            <p class="hint">{move || t().sandbox.region_hint}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().sandbox.subnets>
                <table class="gateways" id="subnets">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().buy.vpc}</th>
                            <th scope="col">{move || t().sandbox.subnet}</th>
                            <th scope="col">"CIDR"</th>
                            <th scope="col">{move || t().sandbox.used}</th>
                            <th scope="col">{move || t().sandbox.free}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                vpcs()
                                    .into_iter()
                                    .flat_map(|v| {
                                        let vpc = format!("{} ({})", v.name, v.cidr);
                                        v.subnets.into_iter().map(move |s| SubnetRow {
                                            id: s.id.clone(),
                                            vpc: vpc.clone(),
                                            name: s.name.clone(),
                                            cidr: s.cidr.to_string(),
                                            used: s.used_count(),
                                            free: s.free_count(),
                                        })
                                    })
                                    .collect::<Vec<_>>()
                            }
                            key=Clone::clone
                            children=|s| {
                                view! {
                                    <tr data-subnet=s.id>
                                        <td>{s.vpc}</td>
                                        <td>{s.name}</td>
                                        <td>{s.cidr}</td>
                                        <td>{s.used}</td>
                                        <td class="free">{s.free}</td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <ErrorLine id="network-error" error=error />
            <div class="form-grid">
                <form class="field-stack" on:submit=mark aria-labelledby="mark-title">
                    <h3 id="mark-title">{move || t().sandbox.mark_title}</h3>
                    <SignalSelect
                        id="mark-subnet"
                        label=|t| t.sandbox.subnet
                        value=mark_subnet
                        placeholder=|t| t.sandbox.select_subnet
                        options=Signal::derive(subnet_options)
                    />
                    <TextInput
                        id="mark-address"
                        label=|t| t.sandbox.address_lowest
                        value=mark_addr
                        inputmode="decimal"
                    />
                    <button type="submit" class="btn" id="mark-used">
                        {move || t().sandbox.mark_used}
                    </button>
                </form>
                <form class="field-stack" on:submit=add_subnet aria-labelledby="subnet-add-title">
                    <h3 id="subnet-add-title">{move || t().sandbox.add_subnet_title}</h3>
                    <SignalSelect
                        id="subnet-vpc"
                        label=|t| t.buy.vpc
                        value=sub_vpc
                        placeholder=|t| t.sandbox.select_vpc
                        options=Signal::derive(move || {
                            vpcs()
                                .into_iter()
                                .map(|v| (v.id, format!("{} ({})", v.name, v.cidr)))
                                .collect()
                        })
                    />
                    <TextInput id="subnet-name" label=|t| t.sandbox.name value=sub_name />
                    <TextInput id="subnet-cidr" label=|_| "CIDR" value=sub_cidr placeholder="192.168.9.0/24" />
                    <button type="submit" class="btn" id="subnet-add">
                        {move || t().sandbox.add_subnet}
                    </button>
                </form>
                <form class="field-stack" on:submit=add_vpc aria-labelledby="vpc-add-title">
                    <h3 id="vpc-add-title">{move || t().sandbox.add_vpc_title}</h3>
                    <TextInput id="vpc-name" label=|t| t.sandbox.name value=vpc_name />
                    <TextInput id="vpc-cidr" label=|_| "CIDR" value=vpc_cidr placeholder="10.20.0.0/16" />
                    <button type="submit" class="btn" id="vpc-add">
                        {move || t().sandbox.add_vpc}
                    </button>
                </form>
            </div>
        </section>
    }
}
