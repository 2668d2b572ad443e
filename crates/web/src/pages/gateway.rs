//! `/gateways/{id}`: one gateway's details, network and configuration; modifications (name,
//! description, maintenance window, security group, public inbound and outbound access), the
//! change history and deletion.
//!
//! Every rule comes from `apig-core`: the review of a change runs the same validation on a
//! copy that saving runs on the stored state.

use apig_core::account::Account;
use apig_core::gateway::{Change, Gateway, Inbound, Outbound};
use apig_core::lifecycle::{Operation, check_transition};
use apig_core::network_change::{
    InboundChange, NetworkError, OutboundChange, inbound_label, outbound_label, preview_inbound,
    preview_outbound,
};
use apig_core::region::InboundMode;
use apig_core::resize::upgrade_targets;
use apig_core::tags::{tags_label, to_draft};
use apig_core::validate::{DraftTag, Field, UpdateDraft, validate_update};
use apig_core::values::{Edition, ErrorCode, MaintenanceWindow};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::base::href;
use crate::components::change_form::{ChangeForm, Diff, focus_id};
use crate::components::controls::{SignalSelect, TextInput};
use crate::components::status::StatusBadge;
use crate::components::tags_editor::{TagEdit, TagsEditor};
use crate::format::{format_time, problems_text, released};
use crate::state::{ManageError, Store, now_ms, use_store};

/// The gateway information page.
#[component]
pub fn GatewayPage() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    // The principal may be refused the view (the same decision apig-mock takes).
    let shown = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        store.show_gateway(&id)
    });
    let gateway = Memo::new(move |_| shown.with(|s| s.as_ref().ok().cloned()));
    let exists = Memo::new(move |_| gateway.with(Option::is_some));
    let refused = move || {
        shown.with(|s| {
            s.as_ref()
                .err()
                .filter(|p| p.code == ErrorCode::NoPermission)
                .map(|p| format!("{} ({})", p.message, p.code))
        })
    };
    view! {
        <section class="page" aria-labelledby="gateway-title">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <A href=href("/gateways")>"Gateways"</A>
                " / Gateway"
            </nav>
            {move || {
                if exists.get() {
                    view! { <Details gw=gateway /> }.into_any()
                } else if let Some(text) = refused() {
                    view! {
                        <h1 id="gateway-title">"Gateway not shown"</h1>
                        <p class="notice" id="gateway-refused" role="alert">{text}</p>
                    }
                        .into_any()
                } else {
                    view! {
                        <h1 id="gateway-title">"Gateway not found"</h1>
                        <p>
                            "No gateway has this ID in this browser. "
                            <A href=href("/gateways")>"Go to Gateways"</A>
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn pair(k: &'static str, v: String) -> impl IntoView {
    view! {
        <dt>{k}</dt>
        <dd>{v}</dd>
    }
}

/// The display name of a security group ID (the ID itself when unknown).
fn group_name(account: &Account, region: &str, id: &str) -> String {
    account
        .region(region)
        .and_then(|r| r.security_group(id))
        .map_or_else(|| id.to_owned(), |g| g.name.clone())
}

/// The label of a history entry's field ID.
fn field_label(id: &str) -> &'static str {
    Field::ALL
        .iter()
        .find(|f| f.id() == id)
        .map_or("Other", |f| f.label())
}

/// Diffs of a field update as the core would record them.
fn update_diffs(
    store: Store,
    gateway: &Gateway,
    update: &UpdateDraft,
) -> Result<Vec<Diff>, String> {
    let now = now_ms();
    store.account.with_untracked(|account| {
        store.gateways.with_untracked(|gateways| {
            let valid = validate_update(update, gateway, account, gateways, now)
                .map_err(|p| problems_text(&p))?;
            let mut copy = gateway.clone();
            let before = copy.history.len();
            valid.apply(&mut copy, now);
            Ok(copy.history[before..]
                .iter()
                .map(|c| {
                    let show = |v: &str| {
                        if c.field == Field::SecurityGroup.id() {
                            group_name(account, &gateway.region, v)
                        } else if v.is_empty() {
                            "(empty)".to_owned()
                        } else {
                            v.to_owned()
                        }
                    };
                    Diff {
                        what: field_label(&c.field).to_owned(),
                        old: show(&c.old),
                        new: show(&c.new),
                    }
                })
                .collect())
        })
    })
}

fn one_diff(c: &apig_core::gateway::Change) -> Vec<Diff> {
    vec![Diff {
        what: field_label(&c.field).to_owned(),
        old: c.old.clone(),
        new: c.new.clone(),
    }]
}

/// Announces a change that `result` made: `describe` gives its subject and the sentence
/// once it is saved; the store says which applies (where the answer is still to come, that
/// the change was sent).
fn saved<T>(
    store: Store,
    result: Result<T, ManageError>,
    describe: impl FnOnce(T) -> (String, String),
) -> Result<String, String> {
    let (subject, done) = describe(result.map_err(|e| e.to_string())?);
    let text = store.acknowledge(&subject, done);
    store.announce(text.clone());
    Ok(text)
}

#[component]
fn Details(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let id = gw.with_untracked(|g| g.as_ref().map(|g| g.id.to_string()).unwrap_or_default());
    let status = Memo::new(move |_| {
        let now = store.now.get();
        gw.with(|g| g.as_ref().map(|g| g.status(now)))
    });
    let update_block = Memo::new(move |_| {
        status
            .get()
            .and_then(|s| check_transition(s, Operation::Update).err())
            .map(|e| format!("Changes are not offered now: {e} ({}).", e.code().as_str()))
    });
    let delete_block = Memo::new(move |_| {
        status
            .get()
            .and_then(|s| check_transition(s, Operation::Delete).err())
            .map(|e| format!("Deletion is not offered now: {e} ({}).", e.code().as_str()))
    });
    let blocked = Signal::derive(move || update_block.with(Option::is_some));
    let dialog = NodeRef::<html::Dialog>::new();
    let open_delete = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
            request_animation_frame(|| focus_id("delete-confirm-name"));
        }
    };
    view! {
        <div class="page-head">
            <h1 id="gateway-title">{move || gw.with(|g| g.as_ref().map(|g| g.name.to_string()))}</h1>
            <div class="head-actions">
                {move || gw.get().map(|g| view! { <StatusBadge gateway=g /> })}
                <button
                    type="button"
                    class="btn btn-danger"
                    id="delete-gateway"
                    disabled=move || delete_block.with(Option::is_some)
                    aria-describedby=move || delete_block.with(|b| b.as_ref().map(|_| "delete-reason"))
                    on:click=open_delete
                >
                    "Delete"
                </button>
            </div>
        </div>
        <Show when=move || update_block.with(Option::is_some) || delete_block.with(Option::is_some)>
            <div class="notice" id="busy-reason">
                <p id="update-reason">{move || update_block.get()}</p>
                <p id="delete-reason">{move || delete_block.get()}</p>
            </div>
        </Show>
        {move || gw.get().map(|g| view! { <InfoPanels g=g /> })}
        <section class="panel" aria-labelledby="modify-title">
            <h2 id="modify-title">"Modify"</h2>
            <p class="hint" id="readonly-why">
                "VPC, subnet and AZs cannot be changed after creation: the gateway's private IPs were taken from the subnet in those AZs. To move a gateway, buy a new one in the other network and delete this one."
            </p>
            <div class="change-grid">
                <NameForm gw=gw blocked=blocked />
                <DescriptionForm gw=gw blocked=blocked />
                <WindowForm gw=gw blocked=blocked />
                <SecurityGroupForm gw=gw blocked=blocked />
                <InboundForm gw=gw blocked=blocked />
                <OutboundForm gw=gw blocked=blocked />
                <EditionForm gw=gw blocked=blocked />
                <TagsForm gw=gw />
            </div>
        </section>
        <History gw=gw />
        <DeleteDialog gw=gw dialog=dialog id=id />
    }
}

#[component]
fn InfoPanels(g: Gateway) -> impl IntoView {
    let store = use_store();
    let (vpc, subnet, sg, ep) = store.account.with_untracked(|a| {
        let region = a.region(&g.region);
        (
            region
                .and_then(|r| r.vpc(&g.vpc_id))
                .map_or_else(|| g.vpc_id.clone(), |v| format!("{} ({})", v.name, v.cidr)),
            region.and_then(|r| r.subnet(&g.subnet_id)).map_or_else(
                || g.subnet_id.clone(),
                |(_, s)| format!("{} ({})", s.name, s.cidr),
            ),
            group_name(a, &g.region, &g.security_group_id),
            a.enterprise_project(&g.enterprise_project_id)
                .map_or_else(|| "—".to_owned(), |p| p.name.clone()),
        )
    });
    let e = g.edition;
    let opt =
        |v: Option<u32>, unit: &str| v.map_or_else(|| "—".to_owned(), |n| format!("{n} {unit}"));
    view! {
        <div class="confirm-grid">
            <div class="panel" id="details">
                <h2>"Details"</h2>
                <dl class="kv">
                    {pair("Name", g.name.as_str().to_owned())}
                    {pair("ID", g.id.as_str().to_owned())}
                    {pair("Edition", format!("{} ({})", e.display_name(), e.as_str()))}
                    {pair("Created", format_time(g.created_at_ms))}
                    {pair("Scheduled Maintenance", g.maintenance_window.label())}
                    {pair("Enterprise Project", ep)}
                    {pair(
                        "Description",
                        if g.description.as_str().is_empty() { "—".into() } else { g.description.as_str().to_owned() },
                    )}
                    <dt>"Tags"</dt>
                    <dd id="gateway-tags">{tags_label(&g.tags)}</dd>
                </dl>
            </div>
            <div class="panel" id="network">
                <h2>"Network"</h2>
                <dl class="kv">
                    {pair("VPC", vpc)}
                    {pair("Subnet", subnet)}
                    {pair(
                        "AZs",
                        g.available_zone_ids.iter().map(|z| z.as_str().to_owned()).collect::<Vec<_>>().join(", "),
                    )}
                    {pair("Security Group", sg)}
                    {pair(
                        "Private IPs",
                        g.private_ips.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    )}
                    {pair("VPC access address", g.ingress_ip.to_string())}
                    {pair("Public inbound", inbound_label(&g.inbound))}
                    {pair("Public outbound", outbound_label(&g.outbound))}
                </dl>
            </div>
            <div class="panel" id="configuration">
                <h2>"Configuration parameters"</h2>
                <dl class="kv">
                    {pair("Max requests/s", opt(e.max_requests_per_second(), "requests/s"))}
                    {pair(
                        "Bandwidth (1 AZ / 2+ AZs)",
                        e.bandwidth_mbps().map_or_else(|| "—".into(), |(a, b)| format!("{a} / {b} Mbit/s")),
                    )}
                    {pair("APIs per gateway", opt(e.api_quota(), "APIs"))}
                    {pair("Request body size", "12 MB".to_owned())}
                    {pair("Private IPs needed", e.private_ips_needed().to_string())}
                </dl>
            </div>
        </div>
    }
}

/// The current gateway (the page only renders the forms while it exists).
fn current(gw: Memo<Option<Gateway>>) -> Option<Gateway> {
    gw.get_untracked()
}

fn gw_id(gw: Memo<Option<Gateway>>) -> String {
    gw.with_untracked(|g| g.as_ref().map(|g| g.id.to_string()).unwrap_or_default())
}

/// Computes a change's diffs, or its refusal.
type PreviewFn = Callback<(), Result<Vec<Diff>, String>>;
/// Saves a change; gives the sentence to announce, or the refusal.
type SaveFn = Callback<(), Result<String, String>>;

/// The review and save callbacks for one field of [`UpdateDraft`].
fn update_callbacks(
    store: Store,
    gw: Memo<Option<Gateway>>,
    draft: impl Fn() -> UpdateDraft + Copy + Send + Sync + 'static,
    what: &'static str,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let g = current(gw).ok_or_else(|| ManageError::NotFound.to_string())?;
        update_diffs(store, &g, &draft())
    });
    let save = Callback::new(move |()| {
        saved(store, store.update_gateway(&gw_id(gw), &draft()), |_| {
            (
                what.to_owned(),
                format!("{what} saved; the gateway is updating."),
            )
        })
    });
    (preview, save)
}

#[component]
fn NameForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(
        gw.with_untracked(|g| g.as_ref().map(|g| g.name.to_string()).unwrap_or_default()),
    );
    let draft = move || UpdateDraft {
        instance_name: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, "Gateway name");
    view! {
        <ChangeForm key="name" title="Gateway name" blocked=blocked preview=preview save=save>
            <label for="edit-name">"New name"</label>
            <input
                id="edit-name"
                type="text"
                autocomplete="off"
                aria-describedby="name-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </ChangeForm>
    }
}

#[component]
fn DescriptionForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.description.to_string())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        description: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, "Description");
    view! {
        <ChangeForm key="description" title="Description" blocked=blocked preview=preview save=save>
            <label for="edit-description">"New description"</label>
            <textarea
                id="edit-description"
                rows="2"
                aria-describedby="description-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </ChangeForm>
    }
}

#[component]
fn WindowForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.maintenance_window.begin())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        maintain_begin: Some(value.get_untracked()),
        maintain_end: Some(String::new()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, "Maintenance window");
    view! {
        <ChangeForm key="window" title="Scheduled maintenance" blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-window"
                label="New window"
                value=value
                describedby="window-error"
                options=Signal::derive(|| {
                    MaintenanceWindow::ALL.iter().map(|w| (w.begin(), w.label())).collect()
                })
            />
        </ChangeForm>
    }
}

#[component]
fn SecurityGroupForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.security_group_id.clone())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        security_group_id: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, "Security group");
    let groups = move || {
        let (region, vpc) = gw.with(|g| {
            g.as_ref()
                .map(|g| (g.region.clone(), g.vpc_id.clone()))
                .unwrap_or_default()
        });
        store.account.with(|a| {
            a.region(&region)
                .map(|r| {
                    r.security_groups
                        .iter()
                        .filter(|s| s.vpc_id == vpc)
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <ChangeForm key="security-group" title="Security group" blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-security-group"
                label="New security group"
                value=value
                describedby="security-group-hint security-group-error"
                options=Signal::derive(groups)
            />
            <p class="hint" id="security-group-hint">
                "Only groups of the gateway's VPC are offered (another VPC's group is refused with APIC.7307)."
            </p>
        </ChangeForm>
    }
}

/// The actions a select offers, as (value, label).
type Actions = Vec<(&'static str, &'static str)>;

fn inbound_actions(mode: Option<InboundMode>, inbound: &Inbound) -> Actions {
    match (mode, inbound) {
        (Some(InboundMode::Lvs), Inbound::Off) => vec![("bind", "Bind an EIP")],
        (Some(InboundMode::Lvs), _) => {
            vec![("bind", "Replace the EIP"), ("unbind", "Unbind the EIP")]
        }
        (_, Inbound::Off) => vec![("enable", "Enable public inbound access")],
        _ => vec![
            ("update", "Change the inbound bandwidth"),
            ("disable", "Disable public inbound access"),
        ],
    }
}

fn outbound_actions(outbound: &Outbound) -> Actions {
    match outbound {
        Outbound::Off => vec![("enable", "Enable public outbound access")],
        Outbound::Nat { .. } => vec![
            ("update", "Change the outbound bandwidth"),
            ("disable", "Disable public outbound access"),
        ],
    }
}

/// The chosen action if the select offers it, else the first one.
fn effective(chosen: &str, actions: &Actions) -> &'static str {
    actions
        .iter()
        .find(|(v, _)| *v == chosen)
        .or_else(|| actions.first())
        .map_or("", |(v, _)| *v)
}

#[component]
fn ActionSelect(
    id: &'static str,
    actions: Memo<Actions>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label for=id>"Action"</label>
        <select
            id=id
            prop:value=move || effective(&chosen.get(), &actions.get())
            on:change=move |ev| chosen.set(event_target_value(&ev))
        >
            {move || {
                let current = effective(&chosen.get_untracked(), &actions.get());
                actions
                    .get()
                    .into_iter()
                    .map(|(v, label)| view! { <option value=v selected=v == current>{label}</option> })
                    .collect_view()
            }}
        </select>
    }
}

/// The review and save callbacks for a change of public inbound or outbound access
/// (`direction`): `preview` runs the core's change on copies, `apply` saves it.
fn network_callbacks<C: 'static>(
    store: Store,
    gw: Memo<Option<Gateway>>,
    change: impl Fn() -> C + Copy + Send + Sync + 'static,
    preview: fn(&Account, &Gateway, &C, u64) -> Result<Change, NetworkError>,
    apply: fn(&Store, &str, &C) -> Result<Change, ManageError>,
    direction: &'static str,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let g = current(gw).ok_or_else(|| ManageError::NotFound.to_string())?;
        store
            .account
            .with_untracked(|a| preview(a, &g, &change(), now_ms()))
            .map(|c| one_diff(&c))
            .map_err(|e| e.to_string())
    });
    let save = Callback::new(move |()| {
        saved(store, apply(&store, &gw_id(gw), &change()), |c| {
            (
                format!("Public {direction} access {}", c.new),
                format!(
                    "Public {direction} access is now {}; the gateway is updating.",
                    c.new
                ),
            )
        })
    });
    (preview, save)
}

#[component]
fn InboundForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let mode = Memo::new(move |_| {
        let region = gw.with(|g| g.as_ref().map(|g| g.region.clone()).unwrap_or_default());
        store
            .account
            .with(|a| a.region(&region).map(|r| r.inbound_mode))
    });
    let actions = Memo::new(move |_| {
        gw.with(|g| {
            g.as_ref()
                .map(|g| inbound_actions(mode.get(), &g.inbound))
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new(String::new());
    let action = move || effective(&chosen.get(), &actions.get());
    let eip = RwSignal::new(String::new());
    let bandwidth = RwSignal::new("5".to_owned());
    let change = move || match effective(&chosen.get_untracked(), &actions.get_untracked()) {
        "bind" => InboundChange::BindEip {
            eip_id: eip.get_untracked(),
        },
        "unbind" => InboundChange::UnbindEip,
        "update" => InboundChange::UpdateIngress {
            bandwidth: bandwidth.get_untracked(),
        },
        "disable" => InboundChange::DisableIngress,
        _ => InboundChange::EnableIngress {
            bandwidth: bandwidth.get_untracked(),
        },
    };
    let (preview, save) = network_callbacks(
        store,
        gw,
        change,
        preview_inbound,
        Store::change_inbound,
        "inbound",
    );
    let free_eips = move || {
        let region = gw.with(|g| g.as_ref().map(|g| g.region.clone()).unwrap_or_default());
        store.account.with(|a| {
            a.region(&region)
                .map(|r| {
                    r.free_eips()
                        .map(|e| {
                            (
                                e.id.clone(),
                                format!("{} ({} Mbit/s)", e.address, e.bandwidth_mbps),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <ChangeForm key="inbound" title="Public inbound access" blocked=blocked preview=preview save=save>
            <p class="hint">
                {move || match mode.get() {
                    Some(InboundMode::Lvs) => "This region uses LVS: bind one of your free EIPs.",
                    _ => "This region uses ELB: the gateway gets its own EIP with an inbound bandwidth.",
                }}
            </p>
            <ActionSelect id="inbound-action" actions=actions chosen=chosen />
            <Show when=move || action() == "bind">
                <SignalSelect
                    id="inbound-eip"
                    label="EIP"
                    value=eip
                    placeholder="Select a free EIP"
                    options=Signal::derive(free_eips)
                />
            </Show>
            <Show when=move || matches!(action(), "enable" | "update")>
                <TextInput
                    id="inbound-bandwidth"
                    label="Inbound bandwidth (Mbit/s)"
                    value=bandwidth
                    kind="number"
                    min="5"
                    max="2000"
                    inputmode="numeric"
                />
            </Show>
        </ChangeForm>
    }
}

#[component]
fn OutboundForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let actions = Memo::new(move |_| {
        gw.with(|g| {
            g.as_ref()
                .map(|g| outbound_actions(&g.outbound))
                .unwrap_or_default()
        })
    });
    let chosen = RwSignal::new(String::new());
    let action = move || effective(&chosen.get(), &actions.get());
    let bandwidth = RwSignal::new("5".to_owned());
    let change = move || match effective(&chosen.get_untracked(), &actions.get_untracked()) {
        "update" => OutboundChange::Update {
            bandwidth: bandwidth.get_untracked(),
        },
        "disable" => OutboundChange::Disable,
        _ => OutboundChange::Enable {
            bandwidth: bandwidth.get_untracked(),
        },
    };
    let (preview, save) = network_callbacks(
        store,
        gw,
        change,
        preview_outbound,
        Store::change_outbound,
        "outbound",
    );
    view! {
        <ChangeForm key="outbound" title="Public outbound access" blocked=blocked preview=preview save=save>
            <ActionSelect id="outbound-action" actions=actions chosen=chosen />
            <Show when=move || action() != "disable">
                <TextInput
                    id="outbound-bandwidth"
                    label="Outbound bandwidth (Mbit/s)"
                    value=bandwidth
                    kind="number"
                    min="1"
                    max="2000"
                    inputmode="numeric"
                />
            </Show>
        </ChangeForm>
    }
}

/// The review and save callbacks of a change that the store previews and saves itself:
/// `preview` and `apply` are the store's pair for it, `what` names it, `done` says the
/// change's new value once saved.
fn store_callbacks<C: 'static>(
    store: Store,
    gw: Memo<Option<Gateway>>,
    input: impl Fn() -> C + Copy + Send + Sync + 'static,
    preview: fn(&Store, &str, &C) -> Result<Option<Change>, ManageError>,
    apply: fn(&Store, &str, &C) -> Result<Option<Change>, ManageError>,
    what: &'static str,
    done: fn(&Change) -> String,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        preview(&store, &gw_id(gw), &input())
            .map(|c| c.as_ref().map(one_diff).unwrap_or_default())
            .map_err(|e| e.to_string())
    });
    let save = Callback::new(move |()| {
        saved(store, apply(&store, &gw_id(gw), &input()), |c| {
            (
                what.to_owned(),
                c.as_ref()
                    .map_or_else(|| format!("{what}: nothing changed."), done),
            )
        })
    });
    (preview, save)
}

/// The editions gateway `g` may change to (the core's answer), as (spec ID, label).
fn edition_choices(account: &Account, g: &Gateway) -> Vec<(String, String)> {
    upgrade_targets(account, g)
        .into_iter()
        .map(|e| {
            (
                e.as_str().to_owned(),
                format!(
                    "{} ({} private IPs)",
                    e.display_name(),
                    e.private_ips_needed()
                ),
            )
        })
        .collect()
}

#[component]
fn EditionForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let choices = Memo::new(move |_| {
        store.account.with(|a| {
            gw.with(|g| {
                g.as_ref()
                    .map(|g| edition_choices(a, g))
                    .unwrap_or_default()
            })
        })
    });
    let chosen = RwSignal::new(String::new());
    // The chosen edition while it is offered, else the first one offered.
    let spec = move || {
        let chosen = chosen.get();
        choices.with(|c| {
            c.iter()
                .find(|(id, _)| *id == chosen)
                .or_else(|| c.first())
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        })
    };
    let input = move || {
        let chosen = chosen.get_untracked();
        choices.with_untracked(|c| {
            c.iter()
                .find(|(id, _)| *id == chosen)
                .or_else(|| c.first())
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        })
    };
    let (preview, save) = store_callbacks(
        store,
        gw,
        input,
        |store, id, spec: &String| store.preview_edition(id, spec).map(Some),
        |store, id, spec: &String| store.change_edition(id, spec).map(Some),
        "Edition",
        |c| {
            format!(
                "Edition change to {} saved; the gateway is resizing.",
                c.new
            )
        },
    );
    // What the subnet offers the new edition (the core decides; these are its figures).
    let room =
        move || {
            let (region, subnet, now_ips) = gw.with(|g| {
                g.as_ref()
                    .map(|g| (g.region.clone(), g.subnet_id.clone(), g.private_ips.len()))
                    .unwrap_or_default()
            });
            let needed = Edition::parse(&spec())
                .ok()
                .map(Edition::private_ips_needed);
            store.account.with(|a| {
                a.region(&region)
                    .and_then(|r| r.subnet(&subnet))
                    .map(|(_, s)| {
                        let need = needed.map_or_else(String::new, |n| {
                    format!(" The new edition needs {n} private IPs; this gateway has {now_ips}.")
                });
                        format!(
                            "Subnet {} ({}): {} free addresses.{need}",
                            s.name,
                            s.cidr,
                            s.free_count()
                        )
                    })
            })
        };
    view! {
        <ChangeForm key="edition" title="Change edition" blocked=blocked preview=preview save=save>
            <Show
                when=move || choices.with(|c| !c.is_empty())
                fallback=|| view! { <p class="hint" id="edition-none">"No larger edition is offered for this gateway here."</p> }
            >
                <label for="edit-edition">"New edition"</label>
                <select
                    id="edit-edition"
                    aria-describedby="edition-hint edition-error"
                    prop:value=spec
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                >
                    {move || {
                        let current = spec();
                        choices
                            .get()
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = id == current;
                                view! { <option value=id selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
            <p class="hint" id="edition-hint">
                "Editions can only be upgraded. " {room}
            </p>
        </ChangeForm>
    }
}

#[component]
fn TagsForm(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let rows = RwSignal::new(
        gw.with_untracked(|g| g.as_ref().map(|g| to_draft(&g.tags)).unwrap_or_default()),
    );
    let left = RwSignal::new(false);
    let (preview, save) = store_callbacks(
        store,
        gw,
        move || rows.get_untracked(),
        |store, id, tags: &Vec<DraftTag>| store.preview_tags(id, tags),
        |store, id, tags: &Vec<DraftTag>| store.change_tags(id, tags),
        "Tags",
        |c| format!("Tags saved: {}.", c.new),
    );
    // Tags are metadata: the core lets them change whatever the gateway is doing.
    view! {
        <ChangeForm key="tags" title="Tags" blocked=Signal::stored(false) preview=preview save=save>
            <TagsEditor
                prefix="edit-tags"
                tags=rows
                on_edit=move |edit: TagEdit| rows.update(|t| edit.apply(t))
                describedby="tags-hint tags-error".to_owned()
                checked=left
                on_leave=move |_| left.set(true)
            />
            <p class="hint" id="tags-hint">
                "Removing a tag uses the delete action (apig:instanceTags:delete), adding one the create action (apig:instanceTags:create)."
            </p>
        </ChangeForm>
    }
}

/// One line of the change history: its position in the history, when, what, old and new.
type HistoryRow = (usize, String, String, &'static str, String, String);

#[component]
fn History(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    // Newest first. Keyed by the whole row: an entry is appended once and never changes, so
    // a new change adds one row and leaves the others in place.
    let rows = Memo::new(move |_| {
        let Some(g) = gw.get() else {
            return Vec::<HistoryRow>::new();
        };
        store.account.with(|a| {
            g.history
                .iter()
                .enumerate()
                .rev()
                .map(|(position, c)| {
                    let show = |v: &str| {
                        if c.field == Field::SecurityGroup.id() {
                            group_name(a, &g.region, v)
                        } else if v.is_empty() {
                            "(empty)".to_owned()
                        } else {
                            v.to_owned()
                        }
                    };
                    (
                        position,
                        c.field.clone(),
                        format_time(c.at_ms),
                        field_label(&c.field),
                        show(&c.old),
                        show(&c.new),
                    )
                })
                .collect()
        })
    });
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">"Change history"</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=|| view! { <p class="muted" id="history-empty">"No changes since creation."</p> }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label="Change history">
                    <table class="gateways history" id="history">
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"What"</th>
                                <th scope="col">"Old"</th>
                                <th scope="col">"New"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.get()
                                key=Clone::clone
                                children=|(_, field, when, what, old, new)| {
                                    view! {
                                        <tr data-field=field>
                                            <td>{when}</td>
                                            <td>{what}</td>
                                            <td>{old}</td>
                                            <td>{new}</td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn DeleteDialog(
    gw: Memo<Option<Gateway>>,
    dialog: NodeRef<html::Dialog>,
    id: String,
) -> impl IntoView {
    let store = use_store();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let name = move || gw.with(|g| g.as_ref().map(|g| g.name.to_string()).unwrap_or_default());
    let matches = move || {
        let n = name();
        !n.is_empty() && typed.get() == n
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
        typed.set(String::new());
        error.set(String::new());
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !matches() {
            return;
        }
        let n = name();
        match store.begin_delete(&id) {
            Ok(()) => {
                store.announce(format!("Deleting {n}."));
                close();
                navigate("/gateways", leptos_router::NavigateOptions::default());
            }
            Err(e) => error.set(e.to_string()),
        }
    };
    view! {
        <dialog
            node_ref=dialog
            id="delete-dialog"
            class="dialog"
            aria-labelledby="delete-title"
            aria-describedby="delete-what"
            on:close=move |_| {
                typed.set(String::new());
                error.set(String::new());
            }
        >
            <form on:submit=confirm>
                <h2 id="delete-title">{move || format!("Delete {}?", name())}</h2>
                <div id="delete-what">
                    <p>"Deleting the gateway releases:"</p>
                    <ul id="delete-released">
                        <For
                            each=move || gw.with(|g| g.as_ref().map(released).unwrap_or_default())
                            key=Clone::clone
                            children=|item| view! { <li>{item}</li> }
                        />
                    </ul>
                    <p>"This cannot be undone."</p>
                </div>
                <label for="delete-confirm-name">
                    {move || format!("Type the gateway name, {}, to confirm", name())}
                </label>
                <input
                    id="delete-confirm-name"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p class="field-error" role="alert" id="delete-error">{move || error.get()}</p>
                <div class="form-actions">
                    <button type="button" class="btn" id="delete-cancel" on:click=move |_| close()>
                        "Cancel"
                    </button>
                    <button
                        type="submit"
                        class="btn btn-danger"
                        id="delete-confirm"
                        disabled=move || !matches()
                    >
                        "Delete"
                    </button>
                </div>
            </form>
        </dialog>
    }
}
