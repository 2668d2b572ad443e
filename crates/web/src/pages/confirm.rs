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
use crate::format::{inbound_text, outbound_text};
use crate::state::use_store;

/// The confirmation page.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let store = use_store();
    let outcome = Memo::new(move |_| {
        let saved = store.draft.get()?;
        Some(store.account.with(|a| {
            store
                .gateways
                .with(|g| validate(&saved.draft, a, g, saved.nonce))
        }))
    });
    view! {
        <section class="page" aria-labelledby="confirm-title">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <A href=href("/gateways")>"Gateways"</A>
                " / "
                <A href=href("/gateways/buy")>"Buy Gateway"</A>
                " / Confirm"
            </nav>
            <h1 id="confirm-title">"Confirm purchase"</h1>
            {move || match outcome.get() {
                None => {
                    view! {
                        <div class="notice" id="nothing-to-confirm">
                            <p>
                                "There is no purchase to confirm. "
                                <A href=href("/gateways/buy")>"Fill in the Buy Gateway form"</A>
                            </p>
                        </div>
                    }
                        .into_any()
                }
                Some(Err(problems)) => view! { <ProblemList problems=problems /> }.into_any(),
                Some(Ok(plan)) => view! { <PlanView plan=plan /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ProblemList(problems: Vec<Problem>) -> impl IntoView {
    view! {
        <div class="notice notice-fail" id="confirm-problems" role="alert">
            <p>
                <strong>"This purchase cannot be created as it stands:"</strong>
            </p>
            <ul>
                {problems
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>{format!("{}: {} ({})", p.field.label(), p.message, p.code.as_str())}</li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>
                <A href=href("/gateways/buy")>"Back to the form"</A>
            </p>
        </div>
    }
}

#[component]
fn PlanView(plan: CreatePlan) -> impl IntoView {
    let store = use_store();
    let navigate = use_navigate();
    let request = CreateInstanceV2Request::from(&plan);
    let context = ExportContext::new(plan.region.clone(), plan.project_id.clone());
    let exports = export_all(&request, &context);
    let region_name = store
        .account
        .with_untracked(|a| a.region(&plan.region).map(|r| r.name.clone()))
        .unwrap_or_else(|| plan.region.clone());
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
            Ok(gateway) => navigate(
                &format!("/gateways?created={}", gateway.id.as_str()),
                leptos_router::NavigateOptions::default(),
            ),
            Err(problems) => failure.set(problems),
        }
    };
    let rows: Vec<(&str, String)> = vec![
        ("Region", format!("{region_name} ({})", plan.region)),
        (
            "AZ",
            plan.available_zone_ids
                .iter()
                .map(|z| z.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Gateway Name", plan.name.as_str().to_owned()),
        (
            "Edition",
            format!(
                "{} ({})",
                plan.edition.display_name(),
                plan.edition.as_str()
            ),
        ),
        ("Scheduled Maintenance", plan.maintenance_window.label()),
        (
            "Enterprise Project",
            names
                .3
                .clone()
                .unwrap_or_else(|| "— (personal account)".into()),
        ),
        ("Public Inbound Access", inbound_text(&plan.inbound)),
        ("Public Outbound Access", outbound_text(&plan.outbound)),
        ("VPC", names.0.clone()),
        ("Subnet", names.1.clone()),
        ("Security Group", names.2.clone()),
        (
            "Description",
            if plan.description.as_str().is_empty() {
                "—".to_owned()
            } else {
                plan.description.as_str().to_owned()
            },
        ),
        ("Tags", tags_label(&plan.tags)),
    ];
    let created: Vec<(&str, String)> = vec![
        ("Gateway ID", plan.instance_id.as_str().to_owned()),
        (
            "Private IPs taken from the subnet",
            plan.private_ips
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("VPC access address", plan.ingress_ip.to_string()),
        ("Public inbound", inbound_text(&plan.inbound)),
        ("Public outbound", outbound_text(&plan.outbound)),
    ];
    view! {
        <div class="confirm-grid">
            <div class="panel">
                <h2>"Parameters"</h2>
                <dl class="kv" id="confirm-values">
                    {rows
                        .into_iter()
                        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
                        .collect_view()}
                </dl>
            </div>
            <div class="panel">
                <h2>"What will be created"</h2>
                <dl class="kv" id="confirm-created">
                    {created
                        .into_iter()
                        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
                        .collect_view()}
                </dl>
            </div>
        </div>
        {match exports {
            Ok(e) => {
                view! {
                    <div class="panel">
                        <h2>"The same request elsewhere"</h2>
                        <ExportBlock id="export-json" title="API JSON (POST /v2/{project_id}/apigw/instances)" text=e.json />
                        <ExportBlock id="export-terraform" title="Terraform" text=e.terraform />
                        <ExportBlock id="export-cli" title="KooCLI" text=e.koocli />
                        <ExportBlock id="export-curl" title="curl" text=e.curl />
                    </div>
                }
                    .into_any()
            }
            Err(e) => view! { <p class="field-error">{format!("Exports unavailable: {e}")}</p> }.into_any(),
        }}
        <div class="notice notice-fail" role="alert" id="create-problems" hidden=move || failure.with(Vec::is_empty)>
            <p>
                <strong>"The gateway was not created:"</strong>
            </p>
            <ul>
                {move || {
                    failure
                        .get()
                        .into_iter()
                        .map(|p| view! { <li>{format!("{} ({})", p.message, p.code.as_str())}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
        <div class="form-actions">
            <A href=href("/gateways/buy") attr:class="btn" attr:id="back">
                "Back"
            </A>
            <button type="button" class="btn btn-primary" id="create" on:click=create>
                "Create"
            </button>
        </div>
    }
}

/// A block of generated text with a copy button.
#[component]
fn ExportBlock(id: &'static str, title: &'static str, text: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let to_copy = text.clone();
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            status.set("Copying is not available here; select the text instead.".into());
            return;
        };
        let promise = clipboard.write_text(&to_copy);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => status.set("Copied.".into()),
                Err(_) => {
                    status.set("The browser refused to copy; select the text instead.".into());
                }
            }
        });
    };
    view! {
        <div class="export">
            <div class="export-head">
                <h3>{title}</h3>
                <button type="button" class="btn btn-small" id=format!("{id}-copy") on:click=copy>
                    "Copy"
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
