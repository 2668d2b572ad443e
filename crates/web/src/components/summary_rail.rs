//! The buy page's summary of what will be bought: the edition and its capacity, the AZs, the
//! private IPs that will be taken, public access and the network. It renders from a memo of
//! those parts only, so typing the name or the description writes nothing here.

use apig_core::account::Region;
use apig_core::validate::Draft;
use apig_core::values::Edition;
use leptos::prelude::*;

use crate::i18n::use_t;

/// What the summary shows, resolved to names.
#[derive(Clone, PartialEq)]
struct Summary {
    edition: Option<Edition>,
    azs: Vec<String>,
    subnet: Option<String>,
    vpc: Option<String>,
    group: Option<String>,
    inbound: bool,
    inbound_bw: String,
    outbound: bool,
    outbound_bw: String,
}

fn summarize(d: &Draft, region: Option<&Region>) -> Summary {
    let subnet = region
        .and_then(|r| r.subnet(&d.subnet_id))
        .map(|(_, s)| s.name.clone());
    let vpc = region
        .and_then(|r| r.vpc(&d.vpc_id))
        .map(|v| v.name.clone());
    let group = region
        .and_then(|r| r.security_group(&d.security_group_id))
        .map(|g| g.name.clone());
    Summary {
        edition: Edition::parse(&d.spec_id).ok(),
        azs: d.available_zone_ids.clone(),
        subnet,
        vpc,
        group,
        inbound: d.public_inbound,
        inbound_bw: d.ingress_bandwidth.clone(),
        outbound: d.public_outbound,
        outbound_bw: d.outbound_bandwidth.clone(),
    }
}

/// The summary section of the rail.
#[component]
pub fn SummaryRail(draft: RwSignal<Draft>, region: Memo<Option<Region>>) -> impl IntoView {
    let t = use_t();
    let summary = Memo::new(move |_| region.with(|r| draft.with(|d| summarize(d, r.as_ref()))));
    let or_none = move |v: Option<String>| v.unwrap_or_else(|| t().rail.not_chosen.to_owned());
    view! {
        <section class="summary-rail" id="summary-rail" aria-labelledby="summary-title">
            <h2 id="summary-title">{move || t().rail.title}</h2>
            <dl class="summary-list">
                <dt>{move || t().rail.edition}</dt>
                <dd data-summary="edition">
                    {move || {
                        summary
                            .with(|s| s.edition)
                            .map_or_else(
                                || t().rail.not_chosen.to_owned(),
                                |e| {
                                    format!(
                                        "{} — {}",
                                        (t().shell.edition)(e),
                                        (t().buy.edition_facts)(e),
                                    )
                                },
                            )
                    }}
                </dd>
                <dt>{move || t().rail.azs}</dt>
                <dd data-summary="azs">
                    {move || {
                        summary
                            .with(|s| (!s.azs.is_empty()).then(|| s.azs.join(", ")))
                            .unwrap_or_else(|| t().rail.not_chosen.to_owned())
                    }}
                </dd>
                <dd data-summary="ips" class="summary-sub">
                    {move || {
                        summary
                            .with(|s| s.edition.zip(s.subnet.clone()))
                            .map(|(e, subnet)| (t().rail.ips)(e.private_ips_needed(), &subnet))
                    }}
                </dd>
                <dt>{move || t().rail.public_access}</dt>
                <dd data-summary="access">
                    {move || {
                        summary
                            .with(|s| {
                                (t().rail.access)(s.inbound, &s.inbound_bw, s.outbound, &s.outbound_bw)
                            })
                    }}
                </dd>
                <dt>{move || t().rail.network}</dt>
                <dd data-summary="network">
                    {move || {
                        summary
                            .with(|s| {
                                format!(
                                    "{} / {} / {}",
                                    or_none(s.vpc.clone()),
                                    or_none(s.subnet.clone()),
                                    or_none(s.group.clone()),
                                )
                            })
                    }}
                </dd>
            </dl>
        </section>
    }
}
