//! `/gateways`: the gateways of the selected region, with the quota in use, a page at a time
//! (`?page=N&size=M`, see [`crate::components::pager`]); the quota and the total count are
//! over every gateway of the region.

use apig_core::gateway::Gateway;
use apig_core::precheck::quota_usage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::base::href;
use crate::components::pager::{Pager, Paging, use_paging};
use crate::components::status::StatusBadge;
use crate::components::title::page_title;
use crate::i18n::{format_time, region_name, use_t};
use crate::state::use_store;

/// The list of gateways of the selected region.
#[component]
pub fn GatewaysPage() -> impl IntoView {
    let store = use_store();
    let t = use_t();
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
    // The gateway just bought (`?created=ID`): its row is highlighted.
    let query = use_query_map();
    let created_id = Memo::new(move |_| query.with(|q| q.get("created")));
    page_title(move || t().gateways.title.to_owned());
    view! {
        <section class="page page-wide" aria-labelledby="gateways-title">
            <div class="page-head">
                <h1 id="gateways-title">{move || t().gateways.title}</h1>
                <div class="head-actions">
                    <span class="quota" id="quota-usage">
                        {move || {
                            usage
                                .get()
                                .map(|u| (t().gateways.quota)(u.used, u.limit))
                        }}
                    </span>
                    <Show
                        when=full
                        fallback=move || {
                            view! {
                                <A href=href("/gateways/buy") attr:class="btn btn-primary" attr:id="buy-gateway">
                                    {move || t().gateways.buy}
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
                            {move || t().gateways.buy}
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
                                let lang = store.lang.get();
                                (lang.texts().gateways.quota_full)(
                                    u.used,
                                    u.limit,
                                    &region_name(lang, &store.region.get()),
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
                                {move || {
                                    crate::components::coded::coded(
                                        &crate::i18n::problem_coded(store.lang.get(), &p),
                                    )
                                }}
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
                                {move || {
                                    let lang = store.lang.get();
                                    (lang.texts().gateways.empty_title)(&region_name(lang, &store.region.get()))
                                }}
                            </p>
                            <p>{move || t().gateways.empty_text}</p>
                        </div>
                    }
                }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().gateways.table_label>
                    <table class="gateways" id="gateways-table">
                        <caption class="sr-only">{move || t().gateways.caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().gateways.col_name}</th>
                                <th scope="col">{move || t().gateways.col_status}</th>
                                <th scope="col">{move || t().gateways.col_edition}</th>
                                <th scope="col">{move || t().gateways.col_azs}</th>
                                <th scope="col">{move || t().gateways.col_vpc_address}</th>
                                <th scope="col">{move || t().gateways.col_inbound_address}</th>
                                <th scope="col">{move || t().gateways.col_created}</th>
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
                                    let (edition, created) = (g.edition, g.created_at_ms);
                                    let is_new = {
                                        let id = id.clone();
                                        move || created_id.with(|c| c.as_deref() == Some(id.as_str()))
                                    };
                                    // `data-label` names each cell where the phone layout shows
                                    // rows as cards (no header row there).
                                    view! {
                                        <tr data-gateway=id class:row-new=is_new>
                                            <td class="cell-name">
                                                <a href=link>{name}</a>
                                            </td>
                                            <td data-label=move || t().gateways.col_status>
                                                <StatusBadge gateway=badge />
                                            </td>
                                            <td data-label=move || t().gateways.col_edition>{move || (t().shell.edition)(edition)}</td>
                                            <td data-label=move || t().gateways.col_azs>{azs}</td>
                                            <td data-label=move || t().gateways.col_vpc_address>{g.ingress_ip.to_string()}</td>
                                            <td data-label=move || t().gateways.col_inbound_address>{inbound}</td>
                                            <td data-label=move || t().gateways.col_created>{move || format_time(store.lang.get(), created)}</td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
                <Pager path="/gateways" id="gateways" label=|t| t.gateways.pager_label paging=paging />
            </Show>
        </section>
    }
}
