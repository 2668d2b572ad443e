//! `/sandbox`: the sandbox account and the console's settings — creation speed, fault
//! injection, account type, enterprise projects, permissions, quota, networks, security
//! groups, EIPs — and export, import and reset of the whole state.
//!
//! Every edit goes through [`crate::state::Store::edit_account`], which re-reads storage first
//! and applies the core's account rules (the same as `PUT /_mock/{project}/account`); a refused
//! edit shows the core's first problem and saves nothing. The buy form's checks follow at once
//! because they read the same signals.

use std::net::Ipv4Addr;

use apig_core::account::check::MAX_GATEWAY_QUOTA;
use apig_core::account::{
    AccountType, CustomPolicy, Direction, Effect, Eip, EipStatus, EnterpriseProject, EtherType,
    Protocol, SecurityGroup, SecurityGroupRule, Statement, Subnet, SystemPolicy, Vpc,
};
use apig_core::lifecycle::{CreationSpeed, InjectedFailure, PROGRESS_STEPS};
use apig_core::validate::Problem;
use apig_core::values::ErrorCode;
use ipnet::{IpNet, Ipv4Net};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::change_form::focus_id;
use crate::components::controls::{ErrorLine, RemoveButton, SignalSelect, TextInput};
use crate::i18n::{Lang, problem_text, rule_text, use_t};
use crate::state::{Settings, Store, fresh_uuid, use_store};
use crate::state_file::{STATE_FILE_NAME, parse_state_file};

/// The page's messages in the language of the moment (for handlers: untracked).
fn tx(store: Store) -> &'static crate::i18n::SandboxTexts {
    &store.lang.get_untracked().texts().sandbox
}

fn speed_id(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "instant",
        CreationSpeed::Fast => "fast",
        CreationSpeed::Realistic => "realistic",
    }
}

/// Shows the outcome of an edit: empties `error`, or shows the core's first problem. Returns
/// whether the edit was saved.
fn show_outcome(store: Store, error: RwSignal<String>, outcome: Result<(), Vec<Problem>>) -> bool {
    match outcome {
        Ok(()) => {
            error.set(String::new());
            true
        }
        Err(problems) => {
            error.set(
                problems
                    .first()
                    .map(|p| match store.lang.get_untracked() {
                        // The core's sentence as it is (apig-mock answers the same).
                        Lang::En => p.message.clone(),
                        lang @ Lang::Zh => problem_text(lang, p),
                    })
                    .unwrap_or_default(),
            );
            false
        }
    }
}

/// The sandbox page.
#[component]
pub fn SandboxPage() -> impl IntoView {
    let title_t = crate::i18n::use_t();
    crate::components::title::page_title(move || title_t().sandbox.title.to_owned());
    let store = use_store();
    let t = use_t();
    // A link such as `/sandbox#sg-<id>` (from the buy form's check panel) lands on that
    // group's one-click fix.
    request_animation_frame(|| {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if let Some(id) = hash.strip_prefix('#').filter(|h| !h.is_empty()) {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
            {
                el.scroll_into_view();
            }
            focus_id(&format!("open-web-{}", id.trim_start_matches("sg-")));
        }
    });
    view! {
        <section class="page" aria-labelledby="sandbox-title">
            <h1 id="sandbox-title">{move || t().sandbox.title}</h1>
            <p class="muted">
                {move || match store.connection() {
                    None => t().sandbox.scope_browser.to_owned(),
                    Some(c) => (t().sandbox.scope_mock)(&c.project_id, &c.endpoint),
                }}
            </p>
            <div class="sandbox-grid">
                <SpeedPanel />
                <FaultPanel />
                <AccountPanel />
                <PermissionsPanel />
            </div>
            <NetworkPanel />
            <SecurityGroupsPanel />
            <EipPanel />
            <StatePanel />
        </section>
    }
}

#[component]
fn SpeedPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.creation_speed}</h2>
            <label for="creation-speed">{move || t().sandbox.created_in}</label>
            " "
            <select
                id="creation-speed"
                prop:value=move || speed_id(store.settings.get().speed)
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(speed) = CreationSpeed::ALL.iter().find(|s| speed_id(**s) == v) {
                        let settings = store.settings.get_untracked();
                        store.set_settings(Settings { speed: *speed, ..settings });
                    }
                }
            >
                {CreationSpeed::ALL
                    .iter()
                    .map(|s| {
                        let s = *s;
                        let selected = store.settings.get_untracked().speed == s;
                        view! {
                            <option value=speed_id(s) selected=selected>
                                {move || (t().sandbox.speed)(s)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn FaultPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let failure = move || store.settings.with(|s| s.next_failure);
    let code_id = ErrorCode::as_str;
    let set = move |failure: Option<InjectedFailure>| {
        let settings = store.settings.get_untracked();
        store.set_settings(Settings {
            next_failure: failure,
            ..settings
        });
    };
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.fault_injection}</h2>
            <div class="field-stack">
                <label for="fault-step">{move || t().sandbox.next_fails}</label>
                <select
                    id="fault-step"
                    prop:value=move || failure().map_or_else(String::new, |f| f.at_step.to_string())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match v.parse::<u8>() {
                            Ok(step) => {
                                let code = failure().map_or(ErrorCode::CreateFailed, |f| f.code);
                                set(Some(InjectedFailure { at_step: step, code }));
                            }
                            Err(_) => set(None),
                        }
                    }
                >
                    <option value="" selected=move || failure().is_none()>
                        {move || t().sandbox.never}
                    </option>
                    {PROGRESS_STEPS
                        .iter()
                        .zip(1u8..)
                        .map(|(&percent, step)| {
                            view! {
                                <option
                                    value=step.to_string()
                                    selected=move || failure().is_some_and(|f| f.at_step == step)
                                >
                                    {move || (t().sandbox.at_step)(step, percent)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="fault-code">{move || t().sandbox.with_code}</label>
                <select
                    id="fault-code"
                    disabled=move || failure().is_none()
                    prop:value=move || failure().map_or(code_id(ErrorCode::CreateFailed), |f| code_id(f.code))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let (Some(f), Some(code)) = (
                            failure(),
                            ErrorCode::CREATION_FAILURES.into_iter().find(|c| code_id(*c) == v),
                        ) {
                            set(Some(InjectedFailure { code, ..f }));
                        }
                    }
                >
                    {ErrorCode::CREATION_FAILURES
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=code_id(c) selected=move || failure().is_some_and(|f| f.code == c)>
                                    {move || format!("{} — {}", c.as_str(), (t().sandbox.failure_reason)(c))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="hint" id="fault-status" aria-live="polite">
                {move || match failure() {
                    Some(f) => (t().sandbox.armed)(code_id(f.code), f.at_step),
                    None => t().sandbox.not_armed.to_owned(),
                }}
            </p>
        </div>
    }
}

#[component]
fn AccountPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let quota = RwSignal::new(
        store
            .account
            .with_untracked(|a| a.gateway_quota.to_string()),
    );
    let quota_error = RwSignal::new(String::new());
    leptos::prelude::Effect::new(move |_| {
        quota.set(store.account.with(|a| a.gateway_quota.to_string()));
    });
    let ep_name = RwSignal::new(String::new());
    let ep_error = RwSignal::new(String::new());
    let apply_quota = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match quota.get_untracked().trim().parse::<u32>() {
            Ok(n) => {
                if show_outcome(
                    store,
                    quota_error,
                    store.edit_account(|a| a.gateway_quota = n),
                ) {
                    store.announce((tx(store).quota_set)(n));
                }
            }
            Err(_) => quota_error.set((tx(store).quota_invalid)(MAX_GATEWAY_QUOTA)),
        }
    };
    let add_ep = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = ep_name.get_untracked().trim().to_owned();
        let added = store.edit_account(|a| {
            a.enterprise_projects.push(EnterpriseProject {
                id: fresh_uuid(),
                name: name.clone(),
            });
        });
        if show_outcome(store, ep_error, added) {
            ep_name.set(String::new());
            store.announce((tx(store).project_added)(&name));
        }
    };
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.account}</h2>
            <div class="field-stack">
                <label for="account-type">{move || t().sandbox.account_type}</label>
                <select
                    id="account-type"
                    aria-describedby="account-type-hint"
                    prop:value=move || {
                        store
                            .account
                            .with(|a| match a.account_type {
                                AccountType::Personal => "personal",
                                AccountType::Enterprise => "enterprise",
                            })
                    }
                    on:change=move |ev| {
                        let t = if event_target_value(&ev) == "enterprise" {
                            AccountType::Enterprise
                        } else {
                            AccountType::Personal
                        };
                        show_outcome(store, ep_error, store.edit_account(|a| a.account_type = t));
                    }
                >
                    <option value="personal">{move || t().sandbox.personal}</option>
                    <option value="enterprise">{move || t().sandbox.enterprise}</option>
                </select>
                <p class="hint" id="account-type-hint">
                    {move || t().sandbox.account_type_hint}
                </p>
            </div>
            <form class="field-stack" novalidate=true on:submit=apply_quota>
                <label for="gateway-quota">{move || t().sandbox.quota}</label>
                <div class="inline-row">
                    <input
                        id="gateway-quota"
                        type="number"
                        min="0"
                        max="1000"
                        inputmode="numeric"
                        aria-describedby="gateway-quota-error"
                        prop:value=move || quota.get()
                        on:input=move |ev| quota.set(event_target_value(&ev))
                    />
                    <button type="submit" class="btn" id="gateway-quota-save">
                        {move || t().sandbox.set_quota}
                    </button>
                </div>
                <ErrorLine id="gateway-quota-error" error=quota_error />
            </form>
            <h3>{move || t().sandbox.enterprise_projects}</h3>
            <ul class="plain-list" id="enterprise-projects">
                <For
                    each=move || {
                        store
                            .account
                            .with(|a| {
                                a.enterprise_projects
                                    .iter()
                                    .map(|p| format!("{} ({})", p.name, p.id))
                                    .collect::<Vec<_>>()
                            })
                    }
                    key=Clone::clone
                    children=|text| view! { <li>{text}</li> }
                />
            </ul>
            <form class="inline-row" on:submit=add_ep>
                <TextInput id="ep-name" label=|t| t.sandbox.new_project value=ep_name describedby="ep-error" />
                <button type="submit" class="btn" id="ep-add">
                    {move || t().sandbox.add_project}
                </button>
            </form>
            <ErrorLine id="ep-error" error=ep_error />
        </div>
    }
}

fn policy_slug(p: SystemPolicy) -> String {
    p.name().to_lowercase().replace(' ', "-")
}

#[component]
fn PermissionsPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let name = RwSignal::new(String::new());
    let effect = RwSignal::new("Deny".to_owned());
    let actions = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        let list: Vec<String> = actions
            .get_untracked()
            .split([',', '\n', ' '])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        let eff = if effect.get_untracked() == "Allow" {
            Effect::Allow
        } else {
            Effect::Deny
        };
        let saved = store.edit_account(|a| {
            if let Some(p) = a.principal.custom_policies.iter_mut().find(|p| p.name == n) {
                p.statements.push(Statement {
                    effect: eff,
                    actions: list.clone(),
                });
            } else {
                a.principal.custom_policies.push(CustomPolicy {
                    name: n.clone(),
                    statements: vec![Statement {
                        effect: eff,
                        actions: list.clone(),
                    }],
                });
            }
        });
        if show_outcome(store, error, saved) {
            actions.set(String::new());
            store.announce((tx(store).policy_saved)(&n));
        }
    };
    view! {
        <div class="panel">
            <h2>{move || t().sandbox.permissions}</h2>
            <fieldset>
                <legend>
                    {move || store.account.with(|a| (t().sandbox.roles_of)(&a.principal.user_name))}
                </legend>
                {SystemPolicy::ALL
                    .into_iter()
                    .map(|p| {
                        let id = format!("policy-{}", policy_slug(p));
                        let for_id = id.clone();
                        view! {
                            <label class="choice" for=for_id>
                                <input
                                    type="checkbox"
                                    id=id
                                    prop:checked=move || store.account.with(|a| a.principal.has(p))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let saved = store
                                            .edit_account(|a| {
                                                a.principal.system_policies.retain(|x| *x != p);
                                                if on {
                                                    a.principal.system_policies.push(p);
                                                }
                                            });
                                        show_outcome(store, error, saved);
                                    }
                                />
                                {p.name()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <h3>{move || t().sandbox.custom_policies}</h3>
            <ul class="plain-list" id="custom-policies">
                <For
                    each=move || {
                        store
                            .account
                            .with(|a| {
                                a.principal
                                    .custom_policies
                                    .iter()
                                    .map(|p| {
                                        let text = p
                                            .statements
                                            .iter()
                                            .map(|s| {
                                                let effect = match s.effect {
                                                    Effect::Allow => t().sandbox.allow,
                                                    Effect::Deny => t().sandbox.deny,
                                                };
                                                format!("{effect} {}", s.actions.join(", "))
                                            })
                                            .collect::<Vec<_>>()
                                            .join("; ");
                                        (p.name.clone(), text)
                                    })
                                    .collect::<Vec<_>>()
                            })
                    }
                    key=Clone::clone
                    children=move |(name, text)| {
                                    let data_name = name.clone();
                                    let shown = name.clone();
                                    let label = (tx(store).remove_policy)(&name);
                                    view! {
                                        <li data-policy=data_name>
                                            <strong>{shown}</strong>
                                            ": "
                                            {text}
                                            " "
                                            <RemoveButton
                                                label=label
                                                on_remove=move || {
                                                    let n = name.clone();
                                                    let saved = store.edit_account(|a| a.principal.custom_policies.retain(|p| p.name != n));
                                                    show_outcome(store, error, saved);
                                                }
                                            />
                                        </li>
                                    }
                    }
                />
            </ul>
            <form class="field-stack" on:submit=add aria-labelledby="cp-title">
                <h4 id="cp-title">{move || t().sandbox.add_statement}</h4>
                <TextInput id="cp-name" label=|t| t.sandbox.policy_name value=name />
                <label for="cp-effect">{move || t().sandbox.effect}</label>
                <select
                    id="cp-effect"
                    prop:value=move || effect.get()
                    on:change=move |ev| effect.set(event_target_value(&ev))
                >
                    <option value="Allow">{move || t().sandbox.allow}</option>
                    <option value="Deny" selected=true>
                        {move || t().sandbox.deny_wins}
                    </option>
                </select>
                <TextInput
                    id="cp-actions"
                    label=|t| t.sandbox.actions_label
                    value=actions
                    placeholder="apig:instances:create"
                    describedby="cp-error"
                />
                <button type="submit" class="btn" id="cp-add">
                    {move || t().sandbox.add_statement}
                </button>
                <ErrorLine id="cp-error" error=error />
            </form>
        </div>
    }
}

/// The region the Sandbox page edits: the one chosen in the header.
fn region_id(store: Store) -> String {
    store.region.get()
}

/// Changes the region the page edits with `edit` (through [`Store::edit_account`], so the
/// core's account rules apply) and shows the outcome in `error`; nothing happens when the
/// account does not hold that region. Returns whether the edit was saved.
fn edit_region(
    store: Store,
    error: RwSignal<String>,
    edit: impl FnOnce(&mut apig_core::account::Region),
) -> bool {
    let r = region_id(store);
    let outcome = store.edit_account(|a| {
        if let Some(region) = a.region_mut(&r) {
            edit(region);
        }
    });
    show_outcome(store, error, outcome)
}

fn parse_net(lang: Lang, s: &str) -> Result<Ipv4Net, String> {
    s.trim()
        .parse::<Ipv4Net>()
        .map(|n| n.trunc())
        .map_err(|_| (lang.texts().sandbox.not_cidr)(s))
}

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
fn NetworkPanel() -> impl IntoView {
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
fn SecurityGroupsPanel() -> impl IntoView {
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

/// A row of the EIP table; the key of its `<For>`, so a row re-renders when it changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct EipRow {
    id: String,
    address: String,
    status: &'static str,
    bound_to: String,
    bandwidth_mbps: u32,
    free: bool,
}

#[component]
fn EipPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let eips = move || {
        let r = region_id(store);
        store
            .account
            .with(|a| a.region(&r).map(|r| r.eips.clone()).unwrap_or_default())
    };
    let error = RwSignal::new(String::new());
    let add = move |_| {
        let r = region_id(store);
        let address = store.account.with_untracked(|a| {
            a.region(&r)
                .and_then(apig_core::account::Region::next_public_address)
        });
        let Some(address) = address else {
            return error.set(tx(store).pool_empty.into());
        };
        let added = edit_region(store, error, |region| {
            region.eips.push(Eip {
                id: fresh_uuid(),
                address,
                status: EipStatus::Down,
                bound_to: None,
                bandwidth_mbps: 5,
            });
        });
        if added {
            store.announce((tx(store).eip_added)(&address.to_string()));
        }
    };
    view! {
        <section class="panel" aria-labelledby="eip-title">
            <h2 id="eip-title">{move || (t().sandbox.eips_in)(&region_id(store))}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().sandbox.eips>
                <table class="gateways" id="eips">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().sandbox.address}</th>
                            <th scope="col">{move || t().sandbox.status}</th>
                            <th scope="col">{move || t().sandbox.bound_to}</th>
                            <th scope="col">{move || t().sandbox.bandwidth}</th>
                            <th scope="col">
                                <span class="sr-only">{move || t().sandbox.actions}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                eips()
                                    .into_iter()
                                    .map(|e| EipRow {
                                        free: e.is_free(),
                                        id: e.id,
                                        address: e.address.to_string(),
                                        status: e.status.as_str(),
                                        bound_to: e.bound_to.unwrap_or_else(|| "—".into()),
                                        bandwidth_mbps: e.bandwidth_mbps,
                                    })
                                    .collect::<Vec<_>>()
                            }
                            key=Clone::clone
                            children=move |e| {
                                let id = e.id.clone();
                                let label = (tx(store).remove_eip)(&e.address);
                                let address = e.address.clone();
                                view! {
                                    <tr data-eip=address>
                                        <td>{e.address}</td>
                                        <td>{e.status}</td>
                                        <td>{e.bound_to}</td>
                                        <td>{format!("{} Mbit/s", e.bandwidth_mbps)}</td>
                                        <td>
                                            {e
                                                .free
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            label=label
                                                            on_remove=move || {
                                                                let id = id.clone();
                                                                let r = region_id(store);
                                                                let removed = store.edit_account(move |a| {
                                                                    if let Some(region) = a.region_mut(&r) {
                                                                        region.eips.retain(|x| x.id != id);
                                                                    }
                                                                });
                                                                show_outcome(store, error, removed);
                                                            }
                                                        />
                                                    }
                                                })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <ErrorLine id="eip-error" error=error />
            <button type="button" class="btn" id="eip-add" on:click=add>
                {move || t().sandbox.add_eip}
            </button>
        </section>
    }
}

/// Offers `text` as a file download named `name`.
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "The browser could not build the file.".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "The browser could not offer the file.".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "No document.".to_owned())?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "No link element.".to_owned())?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
fn StatePanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let export = move |_| {
        let file = store.export_state();
        match file.to_text() {
            Ok(text) => match download(STATE_FILE_NAME, &text) {
                Ok(()) => {
                    error.set(String::new());
                    message.set((tx(store).exported)(file.gateways.len()));
                }
                Err(e) => error.set(e),
            },
            Err(e) => error.set(e),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        leptos::task::spawn_local(async move {
            let Ok(value) = wasm_bindgen_futures::JsFuture::from(file.text()).await else {
                message.set(String::new());
                error.set((tx(store).unreadable)(&name));
                return;
            };
            let text = value.as_string().unwrap_or_default();
            match parse_state_file(&text) {
                Ok(state) => {
                    let n = state.gateways.len();
                    store.import_state(state);
                    error.set(String::new());
                    let text = (tx(store).imported)(&name, n);
                    store.announce(text.clone());
                    message.set(text);
                }
                Err(e) => {
                    message.set(String::new());
                    error.set((tx(store).import_refused)(&name, &e.to_string()));
                }
            }
        });
    };
    let reset = move |_| {
        store.reset();
        confirming.set(false);
        error.set(String::new());
        let text = tx(store).reset_done.to_owned();
        store.announce(text.clone());
        message.set(text);
        request_animation_frame(|| focus_id("reset"));
    };
    view! {
        <section class="panel" aria-labelledby="state-title">
            <h2 id="state-title">{move || t().sandbox.state_title}</h2>
            <p class="hint">
                {move || t().sandbox.state_hint}
            </p>
            <div class="inline-row">
                <button type="button" class="btn" id="export" on:click=export>
                    {move || t().sandbox.export}
                </button>
                <label class="btn file-label" for="import-file">
                    {move || t().sandbox.import}
                </label>
                <input
                    id="import-file"
                    class="file-input"
                    type="file"
                    accept="application/json,.json"
                    aria-describedby="state-error"
                    on:change=import
                />
                <button
                    type="button"
                    class="btn btn-danger"
                    id="reset"
                    aria-expanded=move || confirming.get().to_string()
                    aria-controls="reset-confirmation"
                    on:click=move |_| {
                        confirming.set(true);
                        request_animation_frame(|| focus_id("reset-cancel"));
                    }
                >
                    {move || t().sandbox.reset}
                </button>
            </div>
            <div id="reset-confirmation" class="notice notice-fail" hidden=move || !confirming.get()>
                <p>
                    {move || t().sandbox.reset_warning}
                </p>
                <div class="inline-row">
                    <button
                        type="button"
                        class="btn"
                        id="reset-cancel"
                        on:click=move |_| {
                            confirming.set(false);
                            request_animation_frame(|| focus_id("reset"));
                        }
                    >
                        {move || t().sandbox.cancel}
                    </button>
                    <button type="button" class="btn btn-danger" id="reset-confirm" on:click=reset>
                        {move || t().sandbox.reset_everything}
                    </button>
                </div>
            </div>
            <ErrorLine id="state-error" error=error />
            <p class="hint" id="state-message" role="status">
                {move || message.get()}
            </p>
        </section>
    }
}
