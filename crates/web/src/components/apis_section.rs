//! The information page's "APIs" section: the gateway's API groups with their debugging
//! domains, and each group's APIs with the environments they are published in — read from the
//! catalogue the gateway record holds (`Gateway.apis`, the core's `apis::Catalogue`), in this
//! browser as with apig-mock.

use apig_core::gateway::Gateway;
use leptos::prelude::*;

use crate::i18n::use_t;

/// One API as the section lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiRow {
    pub id: String,
    pub name: String,
    pub method: &'static str,
    pub path: String,
    /// The environments it is published in (RELEASE first); empty when unpublished.
    pub published: Vec<String>,
}

/// One group as the section lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub debug_domain: String,
    pub debug_open: bool,
    pub apis: Vec<ApiRow>,
}

/// The groups of `gateway` with their APIs, in the catalogue's order.
pub fn group_rows(gateway: &Gateway) -> Vec<GroupRow> {
    let catalogue = &gateway.apis;
    catalogue
        .groups
        .iter()
        .map(|group| GroupRow {
            id: group.id.to_string(),
            name: group.name.to_string(),
            debug_domain: group.sl_domain.clone(),
            debug_open: group.sl_domain_access_enabled,
            apis: catalogue
                .apis_of_group(group.id.as_str())
                .map(|api| ApiRow {
                    id: api.id.to_string(),
                    name: api.definition.name.to_string(),
                    method: api.definition.req_method.as_str(),
                    path: api.definition.req_uri.to_string(),
                    published: catalogue
                        .published_in(api.id.as_str())
                        .map(|(environment, _)| environment.name.to_string())
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// The section, for the gateway `gw` shows.
#[component]
pub fn ApisSection(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let t = use_t();
    let groups = Memo::new(move |_| gw.with(|g| g.as_ref().map(group_rows).unwrap_or_default()));
    view! {
        <section class="panel" aria-labelledby="apis-title" id="apis-section">
            <h2 id="apis-title">{move || t().apis.title}</h2>
            <p class="muted">{move || t().apis.intro}</p>
            <Show
                when=move || groups.with(|g| !g.is_empty())
                fallback=move || view! { <p id="apis-empty">{move || t().apis.empty}</p> }
            >
                <For each=move || groups.get() key=|g| g.clone() let:group>
                    <GroupView group=group />
                </For>
            </Show>
            <crate::components::try_it::TryItPanel gw=gw />
        </section>
    }
}

#[component]
fn GroupView(group: GroupRow) -> impl IntoView {
    let t = use_t();
    let name = group.name.clone();
    let open = group.debug_open;
    let empty = group.apis.is_empty();
    view! {
        <div class="api-group" data-group=group.id.clone()>
            <h3>{group.name.clone()}</h3>
            <p>
                {move || t().apis.debug_domain} ": "
                <code class="api-debug-domain">{group.debug_domain.clone()}</code> " ("
                {move || if open { t().apis.debug_on } else { t().apis.debug_off }} ")"
            </p>
            {if empty {
                view! { <p class="muted">{move || t().apis.no_apis}</p> }.into_any()
            } else {
                let name = name.clone();
                let label = name.clone();
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=move || (t().apis.caption)(&label)>
                        <table class="gateways apis-table">
                            <caption class="sr-only">{move || (t().apis.caption)(&name)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || t().apis.col_name}</th>
                                    <th scope="col">{move || t().apis.col_method}</th>
                                    <th scope="col">{move || t().apis.col_path}</th>
                                    <th scope="col">{move || t().apis.col_published}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {group
                                    .apis
                                    .iter()
                                    .map(|api| {
                                        let published = api.published.join(", ");
                                        view! {
                                            <tr data-api=api.id.clone()>
                                                <td>{api.name.clone()}</td>
                                                <td>{api.method}</td>
                                                <td><code>{api.path.clone()}</code></td>
                                                <td class="api-published">
                                                    {move || if published.is_empty() {
                                                        t().apis.unpublished.to_owned()
                                                    } else {
                                                        published.clone()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </div>
    }
}

/// The delete dialog's sentence of what of the gateway's API catalogue goes with it (nothing
/// when it has no group).
#[component]
pub fn ApisGoing(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let t = use_t();
    let sentence = move || {
        gw.with(|g| {
            let catalogue = &g.as_ref()?.apis;
            if catalogue.groups.is_empty() {
                return None;
            }
            let groups = catalogue
                .groups
                .iter()
                .map(|group| group.name.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let published = catalogue
                .apis
                .iter()
                .filter(|api| catalogue.published_in(api.id.as_str()).next().is_some())
                .count();
            Some((t().apis.going)(
                &groups,
                catalogue.apis.len(),
                published,
                catalogue.apps.len(),
            ))
        })
    };
    move || sentence().map(|text| view! { <p id="delete-apis">{text}</p> })
}
