//! The information page's change history.

use leptos::prelude::*;

use super::{Field, Gateway, change_value, field_label, format_time, group_name, use_store, use_t};

/// One line of the change history: its position in the history, when, what, old and new.
type HistoryRow = (usize, String, String, &'static str, String, String);

#[component]
pub(super) fn History(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    // Newest first. Keyed by the whole row: an entry is appended once and never changes, so
    // a new change adds one row and leaves the others in place.
    let rows = Memo::new(move |_| {
        let Some(g) = gw.get() else {
            return Vec::<HistoryRow>::new();
        };
        let lang = store.lang.get();
        store.account.with(|a| {
            g.history
                .iter()
                .enumerate()
                .rev()
                .map(|(position, c)| {
                    let show = |v: &str| {
                        if c.field == Field::SecurityGroup.id() {
                            group_name(a, &g.region, v)
                        } else if v.is_empty() {
                            lang.texts().gateway.empty_value.to_owned()
                        } else {
                            change_value(lang, &c.field, v)
                        }
                    };
                    (
                        position,
                        c.field.clone(),
                        format_time(lang, c.at_ms),
                        field_label(lang, &c.field),
                        show(&c.old),
                        show(&c.new),
                    )
                })
                .collect()
        })
    });
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{move || t().gateway.history}</h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="muted" id="history-empty">{move || t().gateway.no_changes}</p> }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label=move || t().gateway.history>
                    <table class="gateways history" id="history">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().gateway.when}</th>
                                <th scope="col">{move || t().gateway.what}</th>
                                <th scope="col">{move || t().gateway.old}</th>
                                <th scope="col">{move || t().gateway.new}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.get()
                                key=Clone::clone
                                children=|(_, field, when, what, old, new)| {
                                    view! {
                                        <tr data-field=field>
                                            <td>{when}</td>
                                            <td>{what}</td>
                                            <td>{old}</td>
                                            <td>{new}</td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
