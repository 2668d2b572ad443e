//! `/gateways/{id}`: one gateway's details, network and configuration.

use apig_core::gateway::{Gateway, Inbound, Outbound};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::status::StatusBadge;
use crate::state::{format_time, use_store};

/// The gateway information page (read-only for now).
#[component]
pub fn GatewayPage() -> impl IntoView {
    let store = use_store();
    let params = use_params_map();
    let gateway = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        store
            .gateways
            .with(|g| g.iter().find(|gw| gw.id.as_str() == id).cloned())
    });
    view! {
        <section class="page" aria-labelledby="gateway-title">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <A href="/gateways">"Gateways"</A>
                " / Gateway"
            </nav>
            {move || match gateway.get() {
                Some(g) => view! { <Details gateway=g /> }.into_any(),
                None => {
                    view! {
                        <h1 id="gateway-title">"Gateway not found"</h1>
                        <p>
                            "No gateway has this ID in this browser. "
                            <A href="/gateways">"Go to Gateways"</A>
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

#[component]
fn Details(gateway: Gateway) -> impl IntoView {
    let store = use_store();
    let g = gateway;
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
            region
                .and_then(|r| r.security_group(&g.security_group_id))
                .map_or_else(|| g.security_group_id.clone(), |s| s.name.clone()),
            a.enterprise_project(&g.enterprise_project_id)
                .map_or_else(|| "—".to_owned(), |p| p.name.clone()),
        )
    });
    let inbound = match &g.inbound {
        Inbound::Off => "Off".to_owned(),
        Inbound::Eip { address, .. } => format!("EIP {address}"),
        Inbound::Elb {
            address, bandwidth, ..
        } => format!("{address}, {} Mbit/s", bandwidth.mbps()),
    };
    let outbound = match &g.outbound {
        Outbound::Off => "Off".to_owned(),
        Outbound::Nat {
            address, bandwidth, ..
        } => format!("{address}, {} Mbit/s", bandwidth.mbps()),
    };
    let e = g.edition;
    let opt =
        |v: Option<u32>, unit: &str| v.map_or_else(|| "—".to_owned(), |n| format!("{n} {unit}"));
    view! {
        <div class="page-head">
            <h1 id="gateway-title">{g.name.as_str().to_owned()}</h1>
            <StatusBadge gateway=g.clone() />
        </div>
        <div class="confirm-grid">
            <div class="panel">
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
                </dl>
            </div>
            <div class="panel">
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
                    {pair("Public inbound", inbound)}
                    {pair("Public outbound", outbound)}
                </dl>
            </div>
            <div class="panel">
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
        <p class="muted">
            "Changing and deleting gateways is not available in the console yet."
        </p>
    }
}
