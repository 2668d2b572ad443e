//! `/gateways/buy/confirm`: every value as the gateway will have it, what will be created, and
//! the same request as API JSON / Terraform / CLI / curl. Back keeps every value; Create creates.

use apig_core::api::CreateInstanceV2Request;
use apig_core::export::{ExportContext, export_all};
use apig_core::plan::CreatePlan;
use apig_core::tags::tags_label;
use apig_core::validate::{Problem, validate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::base::href;
use crate::components::change_form::focus_id;
use crate::components::title::page_title;
use crate::i18n::{Lang, inbound_text, outbound_text, use_t};
use crate::state::use_store;

/// The confirmation page.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let outcome = Memo::new(move |_| {
        let saved = store.draft.get()?;
        Some(store.account.with(|a| {
            store
                .gateways
                .with(|g| validate(&saved.draft, a, g, saved.nonce))
        }))
    });
    page_title(move || t().confirm.title.to_owned());
    view! {
        <section class="page" aria-labelledby="confirm-title">
            <nav class="breadcrumb" aria-label=move || t().buy.breadcrumb>
                <A href=href("/gateways")>{move || t().shell.nav_gateways}</A>
                " / "
                <A href=href("/gateways/buy")>{move || t().buy.title}</A>
                {move || format!(" / {}", t().confirm.crumb)}
            </nav>
            <h1 id="confirm-title">{move || t().confirm.title}</h1>
            // The page is built for one language; switching rebuilds it (it holds no input).
            {move || match outcome.get() {
                None => {
                    view! {
                        <div class="notice" id="nothing-to-confirm">
                            <p>
                                {move || t().confirm.nothing}
                                <A href=href("/gateways/buy")>{move || t().confirm.fill_in}</A>
                            </p>
                        </div>
                    }
                        .into_any()
                }
                Some(Err(problems)) => view! { <ProblemList problems=problems /> }.into_any(),
                Some(Ok(plan)) => {
                    let lang = store.lang.get();
                    view! { <PlanView plan=plan lang=lang /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ProblemList(problems: Vec<Problem>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    view! {
        <div class="notice notice-fail" id="confirm-problems" role="alert">
            <p>
                <strong>{move || t().confirm.cannot_create}</strong>
            </p>
            <ul>
                {move || {
                    let lang = store.lang.get();
                    problems
                        .iter()
                        .map(|p| {
                            let text = crate::i18n::problem_with_field(lang, p);
                            let text = crate::i18n::with_code(lang, &text, p.code.as_str());
                            view! { <li>{crate::components::coded::coded(&text)}</li> }
                        })
                        .collect_view()
                }}
            </ul>
            <p>
                <A href=href("/gateways/buy")>{move || t().confirm.back_to_form}</A>
            </p>
        </div>
    }
}

#[component]
fn PlanView(plan: CreatePlan, lang: Lang) -> impl IntoView {
    let store = use_store();
    let texts = lang.texts();
    let (t, f) = (&texts.confirm, &texts.buy);
    let navigate = use_navigate();
    let request = CreateInstanceV2Request::from(&plan);
    let context = ExportContext::new(plan.region.clone(), plan.project_id.clone());
    let exports = export_all(&request, &context);
    let region_name = (texts.shell.region_name)(&plan.region).map_or_else(
        || {
            store
                .account
                .with_untracked(|a| a.region(&plan.region).map(|r| r.name.clone()))
                .unwrap_or_else(|| plan.region.clone())
        },
        str::to_owned,
    );
    let names = store.account.with_untracked(|a| {
        let region = a.region(&plan.region);
        let vpc = region.and_then(|r| r.vpc(&plan.vpc_id)).map_or_else(
            || plan.vpc_id.clone(),
            |v| format!("{} ({})", v.name, v.cidr),
        );
        let subnet = region.and_then(|r| r.subnet(&plan.subnet_id)).map_or_else(
            || plan.subnet_id.clone(),
            |(_, s)| format!("{} ({})", s.name, s.cidr),
        );
        let sg = region
            .and_then(|r| r.security_group(&plan.security_group_id))
            .map_or_else(|| plan.security_group_id.clone(), |g| g.name.clone());
        let ep = a
            .enterprise_project(&plan.enterprise_project_id)
            .map(|p| p.name.clone());
        (vpc, subnet, sg, ep)
    });
    let failure = RwSignal::new(Vec::<Problem>::new());
    let create = move |_| {
        let Some(saved) = store.draft.get_untracked() else {
            return;
        };
        match store.create(&saved) {
            Ok(gateway) => {
                store.toast((texts.manage.creating)(gateway.name.as_str()), None);
                navigate(
                    &format!("/gateways?created={}", gateway.id.as_str()),
                    leptos_router::NavigateOptions::default(),
                );
            }
            Err(problems) => failure.set(problems),
        }
    };
    let basics: Vec<(&str, String)> = vec![
        (f.region, format!("{region_name} ({})", plan.region)),
        (
            f.az,
            plan.available_zone_ids
                .iter()
                .map(|z| z.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (f.name, plan.name.as_str().to_owned()),
        (
            f.edition,
            format!(
                "{} ({})",
                (texts.shell.edition)(plan.edition),
                plan.edition.as_str()
            ),
        ),
        (f.window, plan.maintenance_window.label()),
        (
            f.enterprise_project,
            names.3.clone().unwrap_or_else(|| t.personal_account.into()),
        ),
        (
            f.description,
            if plan.description.as_str().is_empty() {
                "—".to_owned()
            } else {
                plan.description.as_str().to_owned()
            },
        ),
        (
            f.tags,
            if plan.tags.as_slice().is_empty() {
                "—".to_owned()
            } else {
                tags_label(&plan.tags)
            },
        ),
    ];
    let network: Vec<(&str, String)> = vec![
        (f.vpc, names.0.clone()),
        (f.subnet, names.1.clone()),
        (f.security_group, names.2.clone()),
        (f.inbound, inbound_text(lang, &plan.inbound)),
        (f.outbound, outbound_text(lang, &plan.outbound)),
    ];
    let m = &texts.manage;
    let created: Vec<(&str, String)> = vec![
        (t.gateway_id, plan.instance_id.as_str().to_owned()),
        (
            t.private_ips,
            plan.private_ips
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (t.vpc_address, plan.ingress_ip.to_string()),
        (t.public_inbound, inbound_text(lang, &plan.inbound)),
        (t.public_outbound, outbound_text(lang, &plan.outbound)),
    ];
    view! {
        <div class="panel" id="confirm-created-panel">
            <h2>{t.what_is_created}</h2>
            <dl class="kv" id="confirm-created">
                {created
                    .into_iter()
                    .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
                    .collect_view()}
            </dl>
        </div>
        <div class="panel" id="confirm-parameters">
            <h2>{t.parameters}</h2>
            <div class="confirm-grid" id="confirm-values">
                <ParamGroup id="basics" title=m.group_basics field="instance_name" rows=basics lang=lang />
                <ParamGroup id="network" title=m.group_network field="vpc_id" rows=network lang=lang />
            </div>
        </div>
        {match exports {
            Ok(e) => {
                view! {
                    <details class="panel code-view" id="view-as-code">
                        <summary>
                            <h2>{m.view_as_code}</h2>
                        </summary>
                        <p class="hint">{t.elsewhere}</p>
                        <CodeTabs
                            lang=lang
                            blocks=vec![
                                ("export-json", "API JSON", "API JSON (POST /v2/{project_id}/apigw/instances)", e.json),
                                ("export-terraform", "Terraform", "Terraform", e.terraform),
                                ("export-cli", "KooCLI", "KooCLI", e.koocli),
                                ("export-curl", "curl", "curl", e.curl),
                            ]
                        />
                    </details>
                }
                    .into_any()
            }
            Err(e) => view! { <p class="field-error">{(t.exports_unavailable)(&e.to_string())}</p> }.into_any(),
        }}
        <div class="notice notice-fail" role="alert" id="create-problems" hidden=move || failure.with(Vec::is_empty)>
            <p>
                <strong>{t.not_created}</strong>
            </p>
            <ul>
                {move || {
                    failure
                        .get()
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    {crate::components::coded::coded(
                                        &crate::i18n::problem_coded(lang, &p),
                                    )}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
        <div class="form-actions sticky-actions" id="confirm-actions">
            <A href=href("/gateways/buy") attr:class="btn" attr:id="back">
                {t.back}
            </A>
            <button type="button" class="btn btn-primary" id="create" on:click=create>
                {t.create}
            </button>
        </div>
    }
}

/// One group of parameters with the Edit link back to its first field on the form.
#[component]
fn ParamGroup(
    id: &'static str,
    title: &'static str,
    field: &'static str,
    rows: Vec<(&'static str, String)>,
    lang: Lang,
) -> impl IntoView {
    let m = &lang.texts().manage;
    let navigate = use_navigate();
    let edit = move |_| {
        navigate("/gateways/buy", leptos_router::NavigateOptions::default());
        // The form renders on the next turns; then the field takes the focus.
        set_timeout(
            move || focus_id(field),
            std::time::Duration::from_millis(50),
        );
    };
    view! {
        <section class="param-group" aria-labelledby=format!("group-{id}")>
            <div class="group-head">
                <h3 id=format!("group-{id}")>{title}</h3>
                <button
                    type="button"
                    class="btn btn-small btn-link"
                    id=format!("edit-{id}")
                    aria-label=(m.edit_group)(title)
                    on:click=edit
                >
                    {m.edit}
                </button>
            </div>
            <dl class="kv">
                {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
        </section>
    }
}

/// The exports as tabs, one shown at a time: (id, tab label, heading, text).
#[component]
fn CodeTabs(
    lang: Lang,
    blocks: Vec<(&'static str, &'static str, &'static str, String)>,
) -> impl IntoView {
    let m = &lang.texts().manage;
    let chosen = RwSignal::new(blocks.first().map_or("", |b| b.0));
    let tabs = blocks
        .iter()
        .map(|&(id, label, _, _)| {
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    id=format!("{id}-tab")
                    aria-controls=format!("{id}-panel")
                    aria-selected=move || (chosen.get() == id).to_string()
                    tabindex=move || if chosen.get() == id { "0" } else { "-1" }
                    on:click=move |_| chosen.set(id)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let panels = blocks
        .into_iter()
        .map(|(id, _, title, text)| {
            view! {
                <div
                    role="tabpanel"
                    id=format!("{id}-panel")
                    aria-labelledby=format!("{id}-tab")
                    hidden=move || chosen.get() != id
                >
                    <ExportBlock id=id title=title text=text lang=lang />
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="tabs" role="tablist" aria-label=m.formats>
            {tabs}
        </div>
        {panels}
    }
}

/// A block of generated text with a copy button.
#[component]
fn ExportBlock(id: &'static str, title: &'static str, text: String, lang: Lang) -> impl IntoView {
    let t = &lang.texts().confirm;
    let status = RwSignal::new(String::new());
    let to_copy = text.clone();
    let copy = move |_| {
        crate::components::copy::copy_text(&to_copy, move |copied| {
            status.set(crate::components::copy::copied_text(lang.texts(), copied).into());
        });
    };
    view! {
        <div class="export">
            <div class="export-head">
                <h3>{title}</h3>
                <button type="button" class="btn btn-small" id=format!("{id}-copy") on:click=copy>
                    {t.copy}
                </button>
                <span class="copy-status" role="status">
                    {move || status.get()}
                </span>
            </div>
            <pre id=id tabindex="0">
                <code>{text}</code>
            </pre>
        </div>
    }
}
