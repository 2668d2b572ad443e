//! The Sandbox page's security groups and their rules, with the one-click internet rules.

use apig_core::account::{Direction, EtherType, Protocol, SecurityGroup, SecurityGroupRule};
use ipnet::{IpNet, Ipv4Net};
use leptos::prelude::*;

use super::{edit_region, region_id, tx};
use crate::components::controls::{ErrorLine, RemoveButton, SignalSelect, TextInput};
use crate::i18n::{rule_text, use_t};
use crate::state::{fresh_uuid, use_store};

fn internet_tcp(
    id: String,
    direction: Direction,
    port: u16,
    description: &str,
) -> SecurityGroupRule {
    SecurityGroupRule {
        id,
        direction,
        ethertype: EtherType::IPv4,
        protocol: Some(Protocol::Tcp),
        port_range_min: Some(port),
        port_range_max: Some(port),
        remote_ip_prefix: Some(IpNet::V4(Ipv4Net::default())),
        remote_group_id: None,
        description: description.to_owned(),
    }
}

/// A security group as its panel shows it; the key of its `<For>`, so a group re-renders
/// (with its rules) when anything shown changes, and the others stay.
#[derive(Clone, PartialEq, Eq, Hash)]
struct GroupRow {
    id: String,
    name: String,
    vpc: String,
    open: bool,
    /// Each rule's ID and text.
    rules: Vec<(String, String)>,
}

#[component]
pub(super) fn SecurityGroupsPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let groups = move || {
        let r = region_id(store);
        store.account.with(|a| {
            a.region(&r)
                .map(|r| (r.security_groups.clone(), r.vpcs.clone()))
                .unwrap_or_default()
        })
    };
    let error = RwSignal::new(String::new());
    let edit_group = move |sg: String, f: Box<dyn FnOnce(&mut SecurityGroup)>| {
        edit_region(store, error, move |region| {
            if let Some(g) = region.security_groups.iter_mut().find(|g| g.id == sg) {
                f(g);
            }
        })
    };
    let sg_name = RwSignal::new(String::new());
    let sg_vpc = RwSignal::new(String::new());
    let rule_sg = RwSignal::new(String::new());
    let rule_dir = RwSignal::new("ingress".to_owned());
    let rule_port = RwSignal::new(String::new());
    let rule_remote = RwSignal::new("0.0.0.0/0".to_owned());
    let add_group = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = sg_name.get_untracked().trim().to_owned();
        let vpc = sg_vpc.get_untracked();
        let added = edit_region(store, error, |region| {
            let id = fresh_uuid();
            region.security_groups.push(SecurityGroup {
                id: id.clone(),
                name: name.clone(),
                vpc_id: vpc,
                rules: vec![SecurityGroupRule {
                    id: fresh_uuid(),
                    direction: Direction::Egress,
                    ethertype: EtherType::IPv4,
                    protocol: None,
                    port_range_min: None,
                    port_range_max: None,
                    remote_ip_prefix: Some(IpNet::V4(Ipv4Net::default())),
                    remote_group_id: None,
                    description: "All outbound IPv4".into(),
                }],
            });
        });
        if added {
            sg_name.set(String::new());
            store.announce((tx(store).group_added)(&name));
        }
    };
    let add_rule = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let sg = rule_sg.get_untracked();
        if sg.is_empty() {
            return error.set(tx(store).choose_rule_group.into());
        }
        let port_raw = rule_port.get_untracked();
        let (lo, hi) = if port_raw.trim().is_empty() {
            (None, None)
        } else {
            let parts: Vec<&str> = port_raw.split('-').map(str::trim).collect();
            let parsed: Result<Vec<u16>, _> = parts.iter().map(|p| p.parse::<u16>()).collect();
            // Only the reading of the text here; which ports a rule may have is the core's rule.
            match parsed.as_deref() {
                Ok([p]) => (Some(*p), Some(*p)),
                Ok([a, b]) => (Some(*a), Some(*b)),
                _ => {
                    return error.set(format!(
                        "{port_raw} is not a port (1–65535) or range such as 8000-8080."
                    ));
                }
            }
        };
        let remote = match rule_remote.get_untracked().trim().parse::<IpNet>() {
            Ok(n) => n.trunc(),
            Err(_) => return error.set(tx(store).remote_not_cidr.into()),
        };
        let direction = if rule_dir.get_untracked() == "egress" {
            Direction::Egress
        } else {
            Direction::Ingress
        };
        let ethertype = if matches!(remote, IpNet::V6(_)) {
            EtherType::IPv6
        } else {
            EtherType::IPv4
        };
        let rule = SecurityGroupRule {
            id: fresh_uuid(),
            direction,
            ethertype,
            protocol: Some(Protocol::Tcp),
            port_range_min: lo,
            port_range_max: hi,
            remote_ip_prefix: Some(remote),
            remote_group_id: None,
            description: String::new(),
        };
        if edit_group(sg, Box::new(move |g| g.rules.push(rule))) {
            rule_port.set(String::new());
            store.announce(tx(store).rule_added.into());
        }
    };
    view! {
        <section class="panel" aria-labelledby="sg-title">
            <h2 id="sg-title">{move || (t().sandbox.groups_in)(&region_id(store))}</h2>
            <For
                each=move || {
                    let lang = store.lang.get();
                    let (groups, vpcs) = groups();
                    groups
                        .iter()
                        .map(|g| GroupRow {
                            id: g.id.clone(),
                            name: g.name.clone(),
                            vpc: vpcs
                                .iter()
                                .find(|v| v.id == g.vpc_id)
                                .map_or_else(|| g.vpc_id.clone(), |v| v.name.clone()),
                            open: g.allows_internet_tcp(Direction::Ingress, 80)
                                && g.allows_internet_tcp(Direction::Ingress, 443),
                            rules: g
                                .rules
                                .iter()
                                .map(|r| (r.id.clone(), rule_text(lang, r, &groups)))
                                .collect(),
                        })
                        .collect::<Vec<_>>()
                }
                key=Clone::clone
                children=move |g| {
                    let id = g.id.clone();
                    let fix_id = id.clone();
                    let heading = format!("sg-{id}-title");
                    let labelledby = heading.clone();
                    let anchor = format!("sg-{id}");
                    let data_sg = g.name.clone();
                    let vpc = g.vpc.clone();
                    view! {
                        <div class="sg" id=anchor data-sg=data_sg aria-labelledby=labelledby>
                            <h3 id=heading>{format!("{} (VPC {vpc})", g.name)}</h3>
                            <ul class="plain-list rules-list">
                                {g
                                    .rules
                                    .into_iter()
                                    .map(|(rid, text)| {
                                        let sg = id.clone();
                                        let label = (tx(store).remove_rule)(&text);
                                        view! {
                                            <li>
                                                {text}
                                                " "
                                                <RemoveButton
                                                    label=label
                                                    on_remove=move || {
                                                        let rid = rid.clone();
                                                        if edit_group(sg.clone(), Box::new(move |g| g.rules.retain(|r| r.id != rid))) {
                                                            store.announce(tx(store).rule_removed.into());
                                                        }
                                                    }
                                                />
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {if g.open {
                                view! { <p class="hint">{move || t().sandbox.opens_web}</p> }.into_any()
                            } else {
                                let name = g.name.clone();
                                view! {
                                    <button
                                        type="button"
                                        class="btn btn-primary"
                                        id=format!("open-web-{fix_id}")
                                        on:click=move |_| {
                                            let opened = edit_group(
                                                fix_id.clone(),
                                                Box::new(|g| {
                                                    for port in [80, 443] {
                                                        if !g.allows_internet_tcp(Direction::Ingress, port) {
                                                            g.rules.push(internet_tcp(fresh_uuid(), Direction::Ingress, port, "Opened from the Sandbox page"));
                                                        }
                                                    }
                                                }),
                                            );
                                            if opened {
                                                store.announce((tx(store).web_opened)(&name));
                                            }
                                        }
                                    >
                                        {move || t().sandbox.open_web}
                                    </button>
                                }
                                    .into_any()
                            }}
                        </div>
                    }
                }
            />
            <ErrorLine id="sg-error" error=error />
            <div class="form-grid">
                <form class="field-stack" on:submit=add_rule aria-labelledby="rule-add-title">
                    <h3 id="rule-add-title">{move || t().sandbox.add_rule_title}</h3>
                    <SignalSelect
                        id="rule-sg"
                        label=|t| t.sandbox.group
                        value=rule_sg
                        placeholder=|t| t.sandbox.select_group
                        options=Signal::derive(move || {
                            groups().0.into_iter().map(|g| (g.id, g.name)).collect()
                        })
                    />
                    <label for="rule-direction">{move || t().sandbox.direction}</label>
                    <select
                        id="rule-direction"
                        prop:value=move || rule_dir.get()
                        on:change=move |ev| rule_dir.set(event_target_value(&ev))
                    >
                        <option value="ingress">{move || t().sandbox.inbound}</option>
                        <option value="egress">{move || t().sandbox.outbound}</option>
                    </select>
                    <TextInput
                        id="rule-port"
                        label=|t| t.sandbox.port_range
                        value=rule_port
                        placeholder="443"
                    />
                    <TextInput id="rule-remote" label=|t| t.sandbox.remote_cidr value=rule_remote />
                    <button type="submit" class="btn" id="rule-add">
                        {move || t().sandbox.add_rule}
                    </button>
                </form>
                <form class="field-stack" on:submit=add_group aria-labelledby="sg-add-title">
                    <h3 id="sg-add-title">{move || t().sandbox.add_group_title}</h3>
                    <TextInput id="sg-name" label=|t| t.sandbox.name value=sg_name />
                    <SignalSelect
                        id="sg-vpc"
                        label=|t| t.buy.vpc
                        value=sg_vpc
                        placeholder=|t| t.sandbox.select_vpc
                        options=Signal::derive(move || {
                            groups().1.into_iter().map(|v| (v.id, v.name)).collect()
                        })
                    />
                    <button type="submit" class="btn" id="sg-add">
                        {move || t().sandbox.add_group}
                    </button>
                </form>
            </div>
        </section>
    }
}
