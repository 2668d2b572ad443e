//! The Sandbox page's account: type, enterprise projects and quota, and the principal's
//! permissions (system roles and custom policies).

use apig_core::account::check::MAX_GATEWAY_QUOTA;
use apig_core::account::{
    AccountType, CustomPolicy, Effect, EnterpriseProject, Statement, SystemPolicy,
};
use leptos::prelude::*;

use super::{show_outcome, tx};
use crate::components::controls::{ErrorLine, RemoveButton, TextInput};
use crate::i18n::use_t;
use crate::state::{fresh_uuid, use_store};

#[component]
pub(super) fn AccountPanel() -> impl IntoView {
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
pub(super) fn PermissionsPanel() -> impl IntoView {
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
