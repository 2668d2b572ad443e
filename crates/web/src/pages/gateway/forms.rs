//! The information page's editors of the name, description, maintenance window and security group.

use leptos::prelude::*;

use super::{
    ChangeForm, Gateway, MaintenanceWindow, ManageError, PreviewFn, SaveFn, SignalSelect, Store,
    UpdateDraft, current, gw_id, manage_error_text, saved, update_diffs, use_store, use_t,
};

/// The review and save callbacks for one field of [`UpdateDraft`].
fn update_callbacks(
    store: Store,
    gw: Memo<Option<Gateway>>,
    draft: impl Fn() -> UpdateDraft + Copy + Send + Sync + 'static,
    what: crate::i18n::Tr,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let g = current(gw).ok_or_else(|| manage_error_text(lang, &ManageError::NotFound))?;
        update_diffs(store, &g, &draft())
    });
    let save = Callback::new(move |()| {
        let texts = store.lang.get_untracked().texts();
        saved(store, store.update_gateway(&gw_id(gw), &draft()), |_| {
            (
                what(texts).to_owned(),
                (texts.gateway.saved_updating)(what(texts)),
            )
        })
    });
    (preview, save)
}

#[component]
pub(super) fn NameForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(
        gw.with_untracked(|g| g.as_ref().map(|g| g.name.to_string()).unwrap_or_default()),
    );
    let draft = move || UpdateDraft {
        instance_name: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.gateway_name);
    let t = use_t();
    view! {
        <ChangeForm key="name" title=|t| t.gateway.gateway_name blocked=blocked preview=preview save=save>
            <label for="edit-name">{move || t().gateway.new_name}</label>
            <input
                id="edit-name"
                type="text"
                autocomplete="off"
                aria-describedby="name-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </ChangeForm>
    }
}

#[component]
pub(super) fn DescriptionForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.description.to_string())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        description: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.buy.description);
    let t = use_t();
    view! {
        <ChangeForm key="description" title=|t| t.buy.description blocked=blocked preview=preview save=save>
            <label for="edit-description">{move || t().gateway.new_description}</label>
            <textarea
                id="edit-description"
                rows="2"
                aria-describedby="description-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </ChangeForm>
    }
}

#[component]
pub(super) fn WindowForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.maintenance_window.begin())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        maintain_begin: Some(value.get_untracked()),
        maintain_end: Some(String::new()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.window_subject);
    view! {
        <ChangeForm key="window" title=|t| t.gateway.window blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-window"
                label=|t| t.gateway.new_window
                value=value
                describedby="window-error"
                options=Signal::derive(|| {
                    MaintenanceWindow::ALL.iter().map(|w| (w.begin(), w.label())).collect()
                })
            />
        </ChangeForm>
    }
}

#[component]
pub(super) fn SecurityGroupForm(gw: Memo<Option<Gateway>>, blocked: Signal<bool>) -> impl IntoView {
    let store = use_store();
    let value = RwSignal::new(gw.with_untracked(|g| {
        g.as_ref()
            .map(|g| g.security_group_id.clone())
            .unwrap_or_default()
    }));
    let draft = move || UpdateDraft {
        security_group_id: Some(value.get_untracked()),
        ..UpdateDraft::default()
    };
    let (preview, save) = update_callbacks(store, gw, draft, |t| t.gateway.security_group);
    let t = use_t();
    let groups = move || {
        let (region, vpc) = gw.with(|g| {
            g.as_ref()
                .map(|g| (g.region.clone(), g.vpc_id.clone()))
                .unwrap_or_default()
        });
        store.account.with(|a| {
            a.region(&region)
                .map(|r| {
                    r.security_groups
                        .iter()
                        .filter(|s| s.vpc_id == vpc)
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <ChangeForm key="security-group" title=|t| t.gateway.security_group blocked=blocked preview=preview save=save>
            <SignalSelect
                id="edit-security-group"
                label=|t| t.gateway.new_security_group
                value=value
                describedby="security-group-hint security-group-error"
                options=Signal::derive(groups)
            />
            <p class="hint" id="security-group-hint">
                {move || t().gateway.security_group_hint}
            </p>
        </ChangeForm>
    }
}
