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
use crate::components::apis_section::{ApisGoing, ApisSection};
use crate::components::change_form::{ChangeForm, Diff, focus_id};
use crate::components::controls::{SignalSelect, TextInput};
use crate::components::status::StatusBadge;
use crate::components::tags_editor::{TagEdit, TagsEditor};
use crate::i18n::{
    Lang, change_value, format_time, history_value, manage_error_text, problem_text, problems_text,
    status_conflict_text, use_t,
};
use crate::state::{ManageError, Store, now_ms, use_store};

/// The gateway information page.
#[component]
pub fn GatewayPage() -> impl IntoView {
    let store = use_store();
    let t = use_t();
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
                .map(|p| problem_text(store.lang.get(), p))
        })
    };
    view! {
        <section class="page" aria-labelledby="gateway-title">
            <nav class="breadcrumb" aria-label=move || t().buy.breadcrumb>
                <A href=href("/gateways")>{move || t().shell.nav_gateways}</A>
                {move || format!(" / {}", t().gateway.crumb)}
            </nav>
            {move || {
                if exists.get() {
                    view! { <Details gw=gateway /> }.into_any()
                } else if let Some(text) = refused() {
                    view! {
                        <h1 id="gateway-title">{move || t().gateway.not_shown}</h1>
                        <p class="notice" id="gateway-refused" role="alert">{text}</p>
                    }
                        .into_any()
                } else {
                    view! {
                        <h1 id="gateway-title">{move || t().gateway.not_found}</h1>
                        <p>
                            {move || t().gateway.not_found_text}
                            <A href=href("/gateways")>{move || t().shell.not_found_link}</A>
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
fn field_label(lang: Lang, id: &str) -> &'static str {
    Field::ALL
        .iter()
        .find(|f| f.id() == id)
        .map_or(lang.texts().gateway.other_field, |f| {
            crate::i18n::field_label(lang, *f)
        })
}

/// Diffs of a field update as the core would record them.
fn update_diffs(
    store: Store,
    gateway: &Gateway,
    update: &UpdateDraft,
) -> Result<Vec<Diff>, String> {
    let now = now_ms();
    let lang = store.lang.get_untracked();
    store.account.with_untracked(|account| {
        store.gateways.with_untracked(|gateways| {
            let valid = validate_update(update, gateway, account, gateways, now)
                .map_err(|p| problems_text(lang, &p))?;
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
                            lang.texts().gateway.empty_value.to_owned()
                        } else {
                            v.to_owned()
                        }
                    };
                    Diff {
                        what: field_label(lang, &c.field).to_owned(),
                        old: show(&c.old),
                        new: show(&c.new),
                    }
                })
                .collect())
        })
    })
}

fn one_diff(lang: Lang, c: &apig_core::gateway::Change) -> Vec<Diff> {
    vec![Diff {
        what: field_label(lang, &c.field).to_owned(),
        old: change_value(lang, &c.field, &c.old),
        new: change_value(lang, &c.field, &c.new),
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
    let lang = store.lang.get_untracked();
    let (subject, done) = describe(result.map_err(|e| manage_error_text(lang, &e))?);
    let text = store.acknowledge(&subject, done);
    store.announce(text.clone());
    Ok(text)
}

#[component]
fn Details(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let id = gw.with_untracked(|g| g.as_ref().map(|g| g.id.to_string()).unwrap_or_default());
    let status = Memo::new(move |_| {
        let now = store.now.get();
        gw.with(|g| g.as_ref().map(|g| g.status(now)))
    });
    let update_block = Memo::new(move |_| {
        status
            .get()
            .and_then(|s| check_transition(s, Operation::Update).err())
            .map(|e| {
                let lang = store.lang.get();
                (lang.texts().gateway.changes_blocked)(
                    &status_conflict_text(lang, &e),
                    e.code().as_str(),
                )
            })
    });
    let delete_block = Memo::new(move |_| {
        status
            .get()
            .and_then(|s| check_transition(s, Operation::Delete).err())
            .map(|e| {
                let lang = store.lang.get();
                (lang.texts().gateway.delete_blocked)(
                    &status_conflict_text(lang, &e),
                    e.code().as_str(),
                )
            })
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
                    {move || t().gateway.delete}
                </button>
            </div>
        </div>
        <Show when=move || update_block.with(Option::is_some) || delete_block.with(Option::is_some)>
            <div class="notice" id="busy-reason">
                <p id="update-reason">{move || update_block.get()}</p>
                <p id="delete-reason">{move || delete_block.get()}</p>
            </div>
        </Show>
        {move || {
            let lang = store.lang.get();
            gw.get().map(|g| view! { <InfoPanels g=g lang=lang /> })
        }}
        <section class="panel" aria-labelledby="modify-title">
            <h2 id="modify-title">{move || t().gateway.modify}</h2>
            <p class="hint" id="readonly-why">
                {move || t().gateway.readonly_why}
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
        <ApisSection gw=gw />
        <History gw=gw />
        <DeleteDialog gw=gw dialog=dialog id=id />
    }
}

#[component]
fn InfoPanels(g: Gateway, lang: Lang) -> impl IntoView {
    let store = use_store();
    let texts = lang.texts();
    let (t, f) = (&texts.gateway, &texts.buy);
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
                <h2>{t.details}</h2>
                <dl class="kv">
                    {pair(t.name, g.name.as_str().to_owned())}
                    {pair(t.id, g.id.as_str().to_owned())}
                    {pair(f.edition, format!("{} ({})", (texts.shell.edition)(e), e.as_str()))}
                    {pair(t.created, format_time(lang, g.created_at_ms))}
                    {pair(f.window, g.maintenance_window.label())}
                    {pair(f.enterprise_project, ep)}
                    {pair(
                        f.description,
                        if g.description.as_str().is_empty() { "—".into() } else { g.description.as_str().to_owned() },
                    )}
                    <dt>{t.tags}</dt>
                    <dd id="gateway-tags">
                        {if g.tags.as_slice().is_empty() { "—".to_owned() } else { tags_label(&g.tags) }}
                    </dd>
                </dl>
            </div>
            <div class="panel" id="network">
                <h2>{t.network}</h2>
                <dl class="kv">
                    {pair(f.vpc, vpc)}
                    {pair(f.subnet, subnet)}
                    {pair(
                        t.azs,
                        g.available_zone_ids.iter().map(|z| z.as_str().to_owned()).collect::<Vec<_>>().join(", "),
                    )}
                    {pair(f.security_group, sg)}
                    {pair(
                        t.private_ips,
                        g.private_ips.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                    )}
                    {pair(texts.confirm.vpc_address, g.ingress_ip.to_string())}
                    {pair(texts.confirm.public_inbound, history_value(lang, &inbound_label(&g.inbound)))}
                    {pair(texts.confirm.public_outbound, history_value(lang, &outbound_label(&g.outbound)))}
                </dl>
            </div>
            <div class="panel" id="configuration">
                <h2>{t.configuration}</h2>
                <dl class="kv">
                    {pair(t.max_rps, opt(e.max_requests_per_second(), t.requests_per_second))}
                    {pair(
                        t.bandwidth,
                        e.bandwidth_mbps().map_or_else(|| "—".into(), |(a, b)| format!("{a} / {b} Mbit/s")),
                    )}
                    {pair(t.apis_per_gateway, opt(e.api_quota(), t.apis))}
                    {pair(t.body_size, "12 MB".to_owned())}
                    {pair(t.private_ips_needed, e.private_ips_needed().to_string())}
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
    what: crate::i18n::Tr,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let g = current(gw).ok_or_else(|| manage_error_text(lang, &ManageError::NotFound))?;
        update_diffs(store, &g, &draft())
    });
    let save = Callback::new(move |()| {
        let texts = store.lang.get_untracked().texts();
        saved(store, store.update_gateway(&gw_id(gw), &draft()), |_| {
            (
                what(texts).to_owned(),
                (texts.gateway.saved_updating)(what(texts)),
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
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.gateway_name);
    let t = use_t();
    view! {
        <ChangeForm key="name" title=|t| t.gateway.gateway_name blocked=blocked preview=preview save=save>
            <label for="edit-name">{move || t().gateway.new_name}</label>
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
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.buy.description);
    let t = use_t();
    view! {
        <ChangeForm key="description" title=|t| t.buy.description blocked=blocked preview=preview save=save>
            <label for="edit-description">{move || t().gateway.new_description}</label>
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
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.window_subject);
    view! {
        <ChangeForm key="window" title=|t| t.gateway.window blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-window"
                label=|t| t.gateway.new_window
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
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.security_group);
    let t = use_t();
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
        <ChangeForm key="security-group" title=|t| t.gateway.security_group blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-security-group"
                label=|t| t.gateway.new_security_group
                value=value
                describedby="security-group-hint security-group-error"
                options=Signal::derive(groups)
            />
            <p class="hint" id="security-group-hint">
                {move || t().gateway.security_group_hint}
            </p>
        </ChangeForm>
    }
}

/// The actions a select offers, as (value, label).
type Actions = Vec<(&'static str, crate::i18n::Tr)>;

fn inbound_actions(mode: Option<InboundMode>, inbound: &Inbound) -> Actions {
    match (mode, inbound) {
        (Some(InboundMode::Lvs), Inbound::Off) => vec![("bind", |t| t.gateway.bind_eip)],
        (Some(InboundMode::Lvs), _) => {
            vec![
                ("bind", |t| t.gateway.replace_eip),
                ("unbind", |t| t.gateway.unbind_eip),
            ]
        }
        (_, Inbound::Off) => vec![("enable", |t| t.gateway.enable_inbound)],
        _ => vec![
            ("update", |t| t.gateway.change_inbound),
            ("disable", |t| t.gateway.disable_inbound),
        ],
    }
}

fn outbound_actions(outbound: &Outbound) -> Actions {
    match outbound {
        Outbound::Off => vec![("enable", |t| t.gateway.enable_outbound)],
        Outbound::Nat { .. } => vec![
            ("update", |t| t.gateway.change_outbound),
            ("disable", |t| t.gateway.disable_outbound),
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
    let t = use_t();
    view! {
        <label for=id>{move || t().gateway.action}</label>
        <select
            id=id
            prop:value=move || effective(&chosen.get(), &actions.get())
            on:change=move |ev| chosen.set(event_target_value(&ev))
        >
            {move || {
                let current = effective(&chosen.get_untracked(), &actions.get());
                let texts = t();
                actions
                    .get()
                    .into_iter()
                    .map(|(v, label)| view! { <option value=v selected=v == current>{label(texts)}</option> })
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
    inbound: bool,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let g = current(gw).ok_or_else(|| manage_error_text(lang, &ManageError::NotFound))?;
        store
            .account
            .with_untracked(|a| preview(a, &g, &change(), now_ms()))
            .map(|c| one_diff(lang, &c))
            .map_err(|e| manage_error_text(lang, &ManageError::Network(e)))
    });
    let save = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let t = &lang.texts().gateway;
        saved(store, apply(&store, &gw_id(gw), &change()), |c| {
            let new = history_value(lang, &c.new);
            (
                (t.network_subject)(inbound, &new),
                (t.network_saved)(inbound, &new),
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
        true,
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
    let t = use_t();
    view! {
        <ChangeForm key="inbound" title=|t| t.gateway.inbound_access blocked=blocked preview=preview save=save>
            <p class="hint">
                {move || match mode.get() {
                    Some(InboundMode::Lvs) => t().gateway.lvs_hint,
                    _ => t().gateway.elb_hint,
                }}
            </p>
            <ActionSelect id="inbound-action" actions=actions chosen=chosen />
            <Show when=move || action() == "bind">
                <SignalSelect
                    id="inbound-eip"
                    label=|t| t.buy.eip
                    value=eip
                    placeholder=|t| t.gateway.select_free_eip
                    options=Signal::derive(free_eips)
                />
            </Show>
            <Show when=move || matches!(action(), "enable" | "update")>
                <TextInput
                    id="inbound-bandwidth"
                    label=|t| t.buy.inbound_bandwidth
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
        false,
    );
    view! {
        <ChangeForm key="outbound" title=|t| t.gateway.outbound_access blocked=blocked preview=preview save=save>
            <ActionSelect id="outbound-action" actions=actions chosen=chosen />
            <Show when=move || action() != "disable">
                <TextInput
                    id="outbound-bandwidth"
                    label=|t| t.buy.outbound_bandwidth
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
/// change's new value (in the reader's language) once saved.
fn store_callbacks<C: 'static>(
    store: Store,
    gw: Memo<Option<Gateway>>,
    input: impl Fn() -> C + Copy + Send + Sync + 'static,
    preview: fn(&Store, &str, &C) -> Result<Option<Change>, ManageError>,
    apply: fn(&Store, &str, &C) -> Result<Option<Change>, ManageError>,
    what: crate::i18n::Tr,
    done: fn(&crate::i18n::Texts, &str) -> String,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        preview(&store, &gw_id(gw), &input())
            .map(|c| c.map(|c| one_diff(lang, &c)).unwrap_or_default())
            .map_err(|e| manage_error_text(lang, &e))
    });
    let save = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let texts = lang.texts();
        saved(store, apply(&store, &gw_id(gw), &input()), |c| {
            let subject = what(texts).to_owned();
            let done = c.map_or_else(
                || (texts.gateway.nothing_changed)(what(texts)),
                |c| done(texts, &change_value(lang, &c.field, &c.new)),
            );
            (subject, done)
        })
    });
    (preview, save)
}

/// The editions gateway `g` may change to (the core's answer), as (spec ID, label in `lang`).
fn edition_choices(lang: Lang, account: &Account, g: &Gateway) -> Vec<(String, String)> {
    let texts = lang.texts();
    upgrade_targets(account, g)
        .into_iter()
        .map(|e| {
            (
                e.as_str().to_owned(),
                (texts.buy.other_edition_option)((texts.shell.edition)(e), e.private_ips_needed()),
            )
        })
        .collect()
}

#[component]
fn EditionForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let choices = Memo::new(move |_| {
        let lang = store.lang.get();
        store.account.with(|a| {
            gw.with(|g| {
                g.as_ref()
                    .map(|g| edition_choices(lang, a, g))
                    .unwrap_or_default()
            })
        })
    });
    let chosen = RwSignal::new(String::new());
    // The chosen edition while it is offered, else the first one offered.
    let pick = move |chosen: &str, choices: &[(String, String)]| {
        choices
            .iter()
            .find(|(id, _)| id == chosen)
            .or_else(|| choices.first())
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    let spec = move || chosen.with(|c| choices.with(|all| pick(c, all)));
    let input = move || chosen.with_untracked(|c| choices.with_untracked(|all| pick(c, all)));
    let (preview, save) = store_callbacks(
        store,
        gw,
        input,
        |store, id, spec: &String| store.preview_edition(id, spec).map(Some),
        |store, id, spec: &String| store.change_edition(id, spec).map(Some),
        |t| t.buy.edition,
        |t, edition| (t.gateway.edition_saved)(edition),
    );
    // What the subnet offers the new edition (the core decides; these are its figures).
    let room = move || {
        let t = &t().gateway;
        let (region, subnet, held) = gw.with(|g| {
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
                    let need = needed.map_or_else(String::new, |n| (t.edition_needs)(n, held));
                    format!(
                        "{}{need}",
                        (t.subnet_room)(&s.name, &s.cidr.to_string(), s.free_count())
                    )
                })
        })
    };
    view! {
        <ChangeForm key="edition" title=|t| t.gateway.change_edition blocked=blocked preview=preview save=save>
            <Show
                when=move || choices.with(|c| !c.is_empty())
                fallback=move || view! { <p class="hint" id="edition-none">{move || t().gateway.no_larger_edition}</p> }
            >
                <label for="edit-edition">{move || t().gateway.new_edition}</label>
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
                {move || t().gateway.upgrade_only} {room}
            </p>
        </ChangeForm>
    }
}

#[component]
fn TagsForm(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
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
        |t| t.gateway.tags,
        |t, tags| (t.gateway.tags_saved)(tags),
    );
    // Tags are metadata: the core lets them change whatever the gateway is doing.
    view! {
        <ChangeForm key="tags" title=|t| t.gateway.tags blocked=Signal::stored(false) preview=preview save=save>
            <TagsEditor
                prefix="edit-tags"
                tags=rows
                on_edit=move |edit: TagEdit| rows.update(|t| edit.apply(t))
                describedby="tags-hint tags-error".to_owned()
                checked=left
                on_leave=move |_| left.set(true)
            />
            <p class="hint" id="tags-hint">
                {move || t().gateway.tags_actions_hint}
            </p>
        </ChangeForm>
    }
}

/// One line of the change history: its position in the history, when, what, old and new.
type HistoryRow = (usize, String, String, &'static str, String, String);

#[component]
fn History(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    // Newest first. Keyed by the whole row: an entry is appended once and never changes, so
    // a new change adds one row and leaves the others in place.
    let rows = Memo::new(move |_| {
        let Some(g) = gw.get() else {
            return Vec::<HistoryRow>::new();
        };
        let lang = store.lang.get();
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
                            lang.texts().gateway.empty_value.to_owned()
                        } else {
                            change_value(lang, &c.field, v)
                        }
                    };
                    (
                        position,
                        c.field.clone(),
                        format_time(lang, c.at_ms),
                        field_label(lang, &c.field),
                        show(&c.old),
                        show(&c.new),
                    )
                })
                .collect()
        })
    });
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{move || t().gateway.history}</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="muted" id="history-empty">{move || t().gateway.no_changes}</p> }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().gateway.history>
                    <table class="gateways history" id="history">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().gateway.when}</th>
                                <th scope="col">{move || t().gateway.what}</th>
                                <th scope="col">{move || t().gateway.old}</th>
                                <th scope="col">{move || t().gateway.new}</th>
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
    let t = use_t();
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
                store.announce((t().gateway.deleting)(&n));
                close();
                navigate("/gateways", leptos_router::NavigateOptions::default());
            }
            Err(e) => error.set(manage_error_text(store.lang.get_untracked(), &e)),
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
                <h2 id="delete-title">{move || (t().gateway.delete_title)(&name())}</h2>
                <div id="delete-what">
                    <p>{move || t().gateway.releases}</p>
                    <ul id="delete-released">
                        <For
                            each=move || {
                                let lang = store.lang.get();
                                gw.with(|g| g.as_ref().map(|g| released(lang, g)).unwrap_or_default())
                            }
                            key=Clone::clone
                            children=|item| view! { <li>{item}</li> }
                        />
                    </ul>
                    <ApisGoing gw=gw />
                    <p>{move || t().gateway.cannot_undo}</p>
                </div>
                <label for="delete-confirm-name">
                    {move || (t().gateway.type_name)(&name())}
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
                        {move || t().gateway.cancel}
                    </button>
                    <button
                        type="submit"
                        class="btn btn-danger"
                        id="delete-confirm"
                        disabled=move || !matches()
                    >
                        {move || t().gateway.delete}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// What deleting the gateway releases, one sentence each, in `lang`.
fn released(lang: Lang, g: &Gateway) -> Vec<String> {
    let t = &lang.texts().gateway;
    let ips = g
        .private_ips
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut items = vec![(t.released_ips)(&ips)];
    match &g.inbound {
        Inbound::Off => {}
        Inbound::Eip { address, .. } => items.push((t.released_eip)(&address.to_string())),
        Inbound::Elb {
            address, bandwidth, ..
        } => items.push((t.released_inbound)(
            &address.to_string(),
            &bandwidth.to_string(),
        )),
    }
    if let Outbound::Nat {
        address, bandwidth, ..
    } = &g.outbound
    {
        items.push((t.released_outbound)(
            &address.to_string(),
            &bandwidth.to_string(),
        ));
    }
    items
}
