//! `/gateways`: the gateways of the selected region, with the quota in use, a page at a time
//! (`?page=N&size=M`, see [`crate::components::pager`]); the quota and the total count are
//! over every gateway of the region.

use apig_core::gateway::Gateway;
use apig_core::precheck::quota_usage;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::base::href;
use crate::components::pager::{Pager, Paging, use_paging};
use crate::components::status::StatusBadge;
use crate::format::{format_time, region_name};
use crate::state::use_store;

/// The list of gateways of the selected region.
#[component]
pub fn GatewaysPage() -> impl IntoView {
    let store = use_store();
    let region = Memo::new(move |_| store.current_region());
    // The principal may be refused the list (the same decision apig-mock takes).
    let listed = Memo::new(move |_| store.list_gateways());
    let in_region = Memo::new(move |_| {
        listed.with(|l| {
            l.as_ref()
                .map_or_else(|_| Vec::new(), Vec::<Gateway>::clone)
        })
    });
    let paging = use_paging(move || in_region.with(Vec::len));
    // The rows of the page shown: only these are rendered (1,000 table rows take the browser
    // a third of a second to lay out and paint).
    let shown = Memo::new(move |_| {
        let range = paging.with(Paging::range);
        in_region.with(|all| all.get(range).map(<[Gateway]>::to_vec).unwrap_or_default())
    });
    let refused = move || listed.with(|l| l.as_ref().err().cloned());
    let usage = Memo::new(move |_| {
        region.get().map(|r| {
            store
                .account
                .with(|a| store.gateways.with(|g| quota_usage(a, &r, g)))
        })
    });
    let full = move || usage.get().is_some_and(|u| u.used >= u.limit);
    view! {
        <section class="page page-wide" aria-labelledby="gateways-title">
            <div class="page-head">
                <h1 id="gateways-title">"Gateways"</h1>
                <div class="head-actions">
                    <span class="quota" id="quota-usage">
                        {move || {
                            usage
                                .get()
                                .map(|u| format!("Quota: {} of {} used", u.used, u.limit))
                        }}
                    </span>
                    <Show
                        when=full
                        fallback=|| {
                            view! {
                                <A href=href("/gateways/buy") attr:class="btn btn-primary" attr:id="buy-gateway">
                                    "Buy Gateway"
                                </A>
                            }
                        }
                    >
                        <button
                            type="button"
                            class="btn btn-primary"
                            id="buy-gateway"
                            disabled=true
                            aria-describedby="quota-full"
                        >
                            "Buy Gateway"
                        </button>
                    </Show>
                </div>
            </div>
            <Show when=full>
                <p class="notice" id="quota-full">
                    {move || {
                        usage
                            .get()
                            .map(|u| {
                                format!(
                                    "The gateway quota is reached: {} of {} gateways are used in {}. Delete a gateway or raise the quota on the Sandbox page; a purchase now is refused with APIC.7400.",
                                    u.used,
                                    u.limit,
                                    region_name(&store.region.get()),
                                )
                            })
                    }}
                </p>
            </Show>
            {move || {
                refused()
                    .map(|p| {
                        view! {
                            <p class="notice" id="gateways-refused" role="alert">
                                {format!("{} ({})", p.message, p.code)}
                            </p>
                        }
                    })
            }}
            <Show
                when=move || !in_region.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <div class="empty-state" id="gateways-empty">
                            <p class="empty-title">
                                {move || format!("No gateways in {} yet.", region_name(&store.region.get()))}
                            </p>
                            <p>"A dedicated gateway you buy here appears in this list with its status."</p>
                        </div>
                    }
                }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label="Gateways">
                    <table class="gateways" id="gateways-table">
                        <caption class="sr-only">"Gateways of the selected region"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Edition"</th>
                                <th scope="col">"AZs"</th>
                                <th scope="col">"VPC access address"</th>
                                <th scope="col">"Inbound address"</th>
                                <th scope="col">"Created"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || shown.get()
                                key=|g| {
                                    // Everything the row shows or derives its status from: a
                                    // record replaced by apig-mock's (same ID) re-renders.
                                    format!(
                                        "{}|{}|{:?}|{}|{:?}|{:?}|{:?}",
                                        g.id.as_str(),
                                        g.name.as_str(),
                                        g.pending,
                                        g.created_at_ms,
                                        g.speed,
                                        g.failure,
                                        g.inbound,
                                    )
                                }
                                children=move |g| {
                                    // A plain anchor, which the router navigates like `<A>` (an
                                    // absolute `<A>` href is used as it is): an `<A>` per row
                                    // followed the location in reactive nodes of its own, 1,000
                                    // times over in a list of 1,000 gateways.
                                    let link = href(&format!("/gateways/{}", g.id.as_str()));
                                    let azs = g
                                        .available_zone_ids
                                        .iter()
                                        .map(|z| z.as_str().to_owned())
                                        .collect::<Vec<_>>()
                                        .join(", ");
                                    let inbound = g
                                        .inbound
                                        .address()
                                        .map_or_else(|| "—".to_owned(), |a| a.to_string());
                                    let id = g.id.as_str().to_owned();
                                    let name = g.name.as_str().to_owned();
                                    let badge = g.clone();
                                    view! {
                                        <tr data-gateway=id>
                                            <td>
                                                <a href=link>{name}</a>
                                            </td>
                                            <td>
                                                <StatusBadge gateway=badge />
                                            </td>
                                            <td>{g.edition.display_name()}</td>
                                            <td>{azs}</td>
                                            <td>{g.ingress_ip.to_string()}</td>
                                            <td>{inbound}</td>
                                            <td>{format_time(g.created_at_ms)}</td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
                <Pager path="/gateways" id="gateways" label="Gateways pages" paging=paging />
            </Show>
        </section>
    }
}
