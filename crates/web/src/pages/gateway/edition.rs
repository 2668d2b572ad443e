//! The information page's Change edition form.

use leptos::prelude::*;

use super::{
    Account, ChangeForm, Edition, Gateway, Lang, store_callbacks, upgrade_targets, use_store, use_t,
};

/// The editions gateway `g` may change to (the core's answer), as (spec ID, label in `lang`).
fn edition_choices(lang: Lang, account: &Account, g: &Gateway) -> Vec<(String, String)> {
    let texts = lang.texts();
    upgrade_targets(account, g)
        .into_iter()
        .map(|e| {
            (
                e.as_str().to_owned(),
                (texts.buy.other_edition_option)((texts.shell.edition)(e), e.private_ips_needed()),
            )
        })
        .collect()
}

#[component]
pub(super) fn EditionForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let choices = Memo::new(move |_| {
        let lang = store.lang.get();
        store.account.with(|a| {
            gw.with(|g| {
                g.as_ref()
                    .map(|g| edition_choices(lang, a, g))
                    .unwrap_or_default()
            })
        })
    });
    let chosen = RwSignal::new(String::new());
    // The chosen edition while it is offered, else the first one offered.
    let pick = move |chosen: &str, choices: &[(String, String)]| {
        choices
            .iter()
            .find(|(id, _)| id == chosen)
            .or_else(|| choices.first())
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    let spec = move || chosen.with(|c| choices.with(|all| pick(c, all)));
    let input = move || chosen.with_untracked(|c| choices.with_untracked(|all| pick(c, all)));
    let (preview, save) = store_callbacks(
        store,
        gw,
        input,
        |store, id, spec: &String| store.preview_edition(id, spec).map(Some),
        |store, id, spec: &String| store.change_edition(id, spec).map(Some),
        |t| t.buy.edition,
        |t, edition| (t.gateway.edition_saved)(edition),
    );
    // What the subnet offers the new edition (the core decides; these are its figures).
    let room = move || {
        let t = &t().gateway;
        let (region, subnet, held) = gw.with(|g| {
            g.as_ref()
                .map(|g| (g.region.clone(), g.subnet_id.clone(), g.private_ips.len()))
                .unwrap_or_default()
        });
        let needed = Edition::parse(&spec())
            .ok()
            .map(Edition::private_ips_needed);
        store.account.with(|a| {
            a.region(&region)
                .and_then(|r| r.subnet(&subnet))
                .map(|(_, s)| {
                    let need = needed.map_or_else(String::new, |n| (t.edition_needs)(n, held));
                    format!(
                        "{}{need}",
                        (t.subnet_room)(&s.name, &s.cidr.to_string(), s.free_count())
                    )
                })
        })
    };
    view! {
        <ChangeForm key="edition" title=|t| t.gateway.change_edition blocked=blocked preview=preview save=save>
            <Show
                when=move || choices.with(|c| !c.is_empty())
                fallback=move || view! { <p class="hint" id="edition-none">{move || t().gateway.no_larger_edition}</p> }
            >
                <label for="edit-edition">{move || t().gateway.new_edition}</label>
                <select
                    id="edit-edition"
                    aria-describedby="edition-hint edition-error"
                    prop:value=spec
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                >
                    {move || {
                        let current = spec();
                        choices
                            .get()
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = id == current;
                                view! { <option value=id selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </Show>
            <p class="hint" id="edition-hint">
                {move || t().gateway.upgrade_only} {room}
            </p>
        </ChangeForm>
    }
}
