//! The Sandbox page's EIPs of the region.

use apig_core::account::{Eip, EipStatus};
use leptos::prelude::*;

use super::{edit_region, region_id, show_outcome, tx};
use crate::components::controls::{ErrorLine, RemoveButton};
use crate::i18n::use_t;
use crate::state::{fresh_uuid, use_store};

/// A row of the EIP table; the key of its `<For>`, so a row re-renders when it changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct EipRow {
    id: String,
    address: String,
    status: &'static str,
    bound_to: String,
    bandwidth_mbps: u32,
    free: bool,
}

#[component]
pub(super) fn EipPanel() -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let eips = move || {
        let r = region_id(store);
        store
            .account
            .with(|a| a.region(&r).map(|r| r.eips.clone()).unwrap_or_default())
    };
    let error = RwSignal::new(String::new());
    let add = move |_| {
        let r = region_id(store);
        let address = store.account.with_untracked(|a| {
            a.region(&r)
                .and_then(apig_core::account::Region::next_public_address)
        });
        let Some(address) = address else {
            return error.set(tx(store).pool_empty.into());
        };
        let added = edit_region(store, error, |region| {
            region.eips.push(Eip {
                id: fresh_uuid(),
                address,
                status: EipStatus::Down,
                bound_to: None,
                bandwidth_mbps: 5,
            });
        });
        if added {
            store.announce((tx(store).eip_added)(&address.to_string()));
        }
    };
    view! {
        <section class="panel" aria-labelledby="eip-title">
            <h2 id="eip-title">{move || (t().sandbox.eips_in)(&region_id(store))}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().sandbox.eips>
                <table class="gateways" id="eips">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().sandbox.address}</th>
                            <th scope="col">{move || t().sandbox.status}</th>
                            <th scope="col">{move || t().sandbox.bound_to}</th>
                            <th scope="col">{move || t().sandbox.bandwidth}</th>
                            <th scope="col">
                                <span class="sr-only">{move || t().sandbox.actions}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                eips()
                                    .into_iter()
                                    .map(|e| EipRow {
                                        free: e.is_free(),
                                        id: e.id,
                                        address: e.address.to_string(),
                                        status: e.status.as_str(),
                                        bound_to: e.bound_to.unwrap_or_else(|| "—".into()),
                                        bandwidth_mbps: e.bandwidth_mbps,
                                    })
                                    .collect::<Vec<_>>()
                            }
                            key=Clone::clone
                            children=move |e| {
                                let id = e.id.clone();
                                let label = (tx(store).remove_eip)(&e.address);
                                let address = e.address.clone();
                                view! {
                                    <tr data-eip=address>
                                        <td>{e.address}</td>
                                        <td>{e.status}</td>
                                        <td>{e.bound_to}</td>
                                        <td>{format!("{} Mbit/s", e.bandwidth_mbps)}</td>
                                        <td>
                                            {e
                                                .free
                                                .then(|| {
                                                    view! {
                                                        <RemoveButton
                                                            label=label
                                                            on_remove=move || {
                                                                let id = id.clone();
                                                                let r = region_id(store);
                                                                let removed = store.edit_account(move |a| {
                                                                    if let Some(region) = a.region_mut(&r) {
                                                                        region.eips.retain(|x| x.id != id);
                                                                    }
                                                                });
                                                                show_outcome(store, error, removed);
                                                            }
                                                        />
                                                    }
                                                })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <ErrorLine id="eip-error" error=error />
            <button type="button" class="btn" id="eip-add" on:click=add>
                {move || t().sandbox.add_eip}
            </button>
        </section>
    }
}
