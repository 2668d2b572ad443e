//! The information page's editors of public inbound and outbound access.

use leptos::prelude::*;

use super::{
    Account, Bandwidth, Change, ChangeForm, Gateway, Inbound, InboundChange, InboundMode,
    ManageError, NetworkError, Outbound, OutboundChange, PreviewFn, SaveFn, SignalSelect, Store,
    TextInput, current, gw_id, history_value, manage_error_text, now_ms, one_diff, preview_inbound,
    preview_outbound, saved, use_store, use_t,
};

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
pub(super) fn ActionSelect(
    id: &'static str,
    actions: Memo<Actions>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let t = use_t();
    // One action is no choice: it is said, not offered in a one-option dropdown.
    let single = move || {
        let actions = actions.get();
        (actions.len() == 1).then(|| actions[0].1(t()))
    };
    view! {
        <Show when=move || single().is_none() fallback=move || view! {
            <p class="only-action" id=id>{single}</p>
        }>
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
        </Show>
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

/// A bandwidth field that holds the gateway's current bandwidth (read by `of`), or the smallest
/// inbound bandwidth while access is off, and follows the gateway when a saved change moves it:
/// an untouched editor never proposes a change.
fn bandwidth_field(
    gw: Memo<Option<Gateway>>,
    of: fn(&Gateway) -> Option<Bandwidth>,
) -> RwSignal<String> {
    let current = Memo::new(move |_| gw.with(|g| g.as_ref().and_then(of)));
    let text = move |b: Option<Bandwidth>| {
        b.map_or(Bandwidth::INBOUND_MIN, Bandwidth::mbps)
            .to_string()
    };
    let field = RwSignal::new(text(current.get_untracked()));
    Effect::new(move |_| field.set(text(current.get())));
    field
}

#[component]
pub(super) fn InboundForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
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
    let bandwidth = bandwidth_field(gw, |g| match &g.inbound {
        Inbound::Elb { bandwidth, .. } => Some(*bandwidth),
        _ => None,
    });
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
pub(super) fn OutboundForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
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
    let bandwidth = bandwidth_field(gw, |g| match &g.outbound {
        Outbound::Nat { bandwidth, .. } => Some(*bandwidth),
        Outbound::Off => None,
    });
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
