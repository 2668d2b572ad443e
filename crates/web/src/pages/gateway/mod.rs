//! `/gateways/{id}`: one gateway's details, network and configuration; modifications (name,
//! description, maintenance window, security group, public inbound and outbound access), the
//! change history and deletion.
//!
//! Every rule comes from `apig-core`: the review of a change runs the same validation on a
//! copy that saving runs on the stored state.

use apig_core::account::Account;
use apig_core::gateway::{Change, Gateway, Inbound, Outbound};
use apig_core::lifecycle::{Operation, Status, check_transition};
use apig_core::network_change::{
    InboundChange, NetworkError, OutboundChange, inbound_label, outbound_label, preview_inbound,
    preview_outbound,
};
use apig_core::region::InboundMode;
use apig_core::resize::upgrade_targets;
use apig_core::tags::{tags_label, to_draft};
use apig_core::validate::{DraftTag, Field, UpdateDraft, validate_update};
use apig_core::values::{Bandwidth, Edition, ErrorCode, MaintenanceWindow};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use wasm_bindgen::JsCast;

use crate::base::href;
use crate::components::apis_section::ApisSection;
use crate::components::change_form::{ChangeForm, Diff, Editors, focus_id};
use crate::components::controls::{SignalSelect, TextInput};
use crate::components::copy::CopyButton;
use crate::components::creation::CreationTimeline;
use crate::components::status::StatusBadge;
use crate::components::tags_editor::{TagEdit, TagsEditor};
use crate::components::title::page_title;
use crate::i18n::{
    Lang, change_value, format_time, history_value, manage_error_text, problem_coded,
    problems_text, status_conflict_text, use_t,
};
use crate::state::{ManageError, Store, now_ms, use_store};

mod delete;
mod edition;
mod forms;
mod history;
mod network;
mod tags;

use delete::DeleteDialog;
use edition::EditionForm;
use forms::{DescriptionForm, NameForm, SecurityGroupForm, UpdateEditors, WindowForm};
use history::History;
use network::{InboundForm, OutboundForm};
use tags::TagsForm;

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
                .map(|p| problem_coded(store.lang.get(), p))
        })
    };
    let name = move || gateway.with(|g| g.as_ref().map(|g| g.name.to_string()));
    page_title(move || name().unwrap_or_else(|| t().gateway.crumb.to_owned()));
    view! {
        <section class="page" aria-labelledby="gateway-title">
            <nav class="breadcrumb" aria-label=move || t().buy.breadcrumb>
                <A href=href("/gateways")>{move || t().shell.nav_gateways}</A>
                {move || format!(" / {}", name().unwrap_or_else(|| t().gateway.crumb.to_owned()))}
            </nav>
            {move || {
                if exists.get() {
                    view! { <Details gw=gateway /> }.into_any()
                } else if let Some(text) = refused() {
                    view! {
                        <h1 id="gateway-title">{move || t().gateway.not_shown}</h1>
                        <p class="notice" id="gateway-refused" role="alert">
                            {crate::components::coded::coded(&text)}
                        </p>
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

/// A value with the button that opens its editor (the change form `key`, filled from the
/// gateway's current state).
fn editable(k: &'static str, v: String, key: &'static str, lang: Lang) -> impl IntoView {
    let label = (lang.texts().manage.edit_group)(k);
    let editors = expect_context::<Editors>();
    view! {
        <dt>{k}</dt>
        <dd class="with-action">
            <span>{v}</span>
            <button
                type="button"
                class="btn btn-small btn-link"
                id=format!("open-{key}")
                aria-label=label
                on:click=move |ev| open_editor(editors, &ev, key)
            >
                {lang.texts().manage.edit}
            </button>
        </dd>
    }
}

/// A value with a copy button (`what` names it for the button).
fn copyable(k: &'static str, v: String, id: &'static str, what: crate::i18n::Tr) -> impl IntoView {
    view! {
        <dt>{k}</dt>
        <dd class="with-action">
            <span id=id>{v.clone()}</span>
            <CopyButton id=format!("{id}-copy") text=v what=what />
        </dd>
    }
}

/// Opens the editor of change form `key` (closed until asked for), brings it into view and
/// focuses its first control once it shows; the form fills itself from the gateway's current
/// state as it opens. The control is looked up in the page of the Edit button that was pressed.
fn open_editor(editors: Editors, ev: &leptos::ev::MouseEvent, key: &'static str) {
    editors.open(key);
    let page = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("section.page").ok().flatten());
    request_animation_frame(move || {
        let selector = format!("#change-{key} input, #change-{key} select, #change-{key} textarea");
        if let Some(Ok(Some(el))) = page.map(|p| p.query_selector(&selector)) {
            el.scroll_into_view();
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
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
    store.toast(text.clone(), None);
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
    let editors = UpdateEditors::new(gw);
    Editors::provide();
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
        <CreationTimeline gw=gw released=delete::released />
        <Show when=move || update_block.with(Option::is_some) || delete_block.with(Option::is_some)>
            <div class="notice notice-info" id="busy-reason" role="status">
                // While a change applies; a creation has its own timeline below.
                <Show when=move || {
                    matches!(status.get(), Some(Status::Updating | Status::Resizing | Status::Deleting))
                }>
                    <p id="applying">
                        <span class="spinner" aria-hidden="true"></span>
                        <strong>{move || t().manage.applying}</strong>
                    </p>
                </Show>
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
                <NameForm gw=gw blocked=blocked editors=editors />
                <DescriptionForm gw=gw blocked=blocked editors=editors />
                <WindowForm gw=gw blocked=blocked editors=editors />
                <SecurityGroupForm gw=gw blocked=blocked editors=editors />
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
    let editors = expect_context::<Editors>();
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
                    {editable(t.name, g.name.as_str().to_owned(), "name", lang)}
                    {copyable(t.id, g.id.as_str().to_owned(), "gateway-id", |t| t.gateway.id)}
                    {editable(f.edition, format!("{} ({})", (texts.shell.edition)(e), e.as_str()), "edition", lang)}
                    {pair(t.created, format_time(lang, g.created_at_ms))}
                    {editable(f.window, g.maintenance_window.label(), "window", lang)}
                    {pair(f.enterprise_project, ep)}
                    {editable(
                        f.description,
                        if g.description.as_str().is_empty() { "—".into() } else { g.description.as_str().to_owned() },
                        "description",
                        lang,
                    )}
                    <dt>{t.tags}</dt>
                    <dd id="gateway-tags" class="with-action">
                        <span>{if g.tags.as_slice().is_empty() { "—".to_owned() } else { tags_label(&g.tags) }}</span>
                        <button
                            type="button"
                            class="btn btn-small btn-link"
                            id="open-tags"
                            aria-label=(texts.manage.edit_group)(t.tags)
                            on:click=move |ev| open_editor(editors, &ev, "tags")
                        >
                            {texts.manage.edit}
                        </button>
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
                    {editable(f.security_group, sg, "security-group", lang)}
                    {copyable(
                        t.private_ips,
                        g.private_ips.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                        "gateway-private-ips",
                        |t| t.gateway.private_ips,
                    )}
                    {copyable(texts.confirm.vpc_address, g.ingress_ip.to_string(), "gateway-vpc-address", |t| t.confirm.vpc_address)}
                    {editable(texts.confirm.public_inbound, history_value(lang, &inbound_label(&g.inbound)), "inbound", lang)}
                    {editable(texts.confirm.public_outbound, history_value(lang, &outbound_label(&g.outbound)), "outbound", lang)}
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
