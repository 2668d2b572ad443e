//! The information page's editors of the name, description, maintenance window and security
//! group. They are one update of the gateway (one `PUT`): every open editor's value goes into
//! it, so a review in any of them shows all the pending changes and Save applies them together.

use leptos::prelude::*;

use super::{
    ChangeForm, Gateway, MaintenanceWindow, ManageError, PreviewFn, SaveFn, SignalSelect, Store,
    UpdateDraft, current, gw_id, manage_error_text, saved, update_diffs, use_store, use_t,
};

/// One editor of the update: whether it is open, and its value.
#[derive(Clone, Copy)]
struct Editor {
    open: RwSignal<bool>,
    value: RwSignal<String>,
}

impl Editor {
    /// An editor closed at first, filled from the gateway's current state (`read`) each time
    /// it opens.
    fn new(gw: Memo<Option<Gateway>>, read: fn(&Gateway) -> String) -> Self {
        let editor = Self {
            open: RwSignal::new(false),
            value: RwSignal::new(gw.with_untracked(|g| g.as_ref().map(read).unwrap_or_default())),
        };
        Effect::new(move |was_open: Option<bool>| {
            let open = editor.open.get();
            if open
                && was_open != Some(true)
                && let Some(v) = gw.with_untracked(|g| g.as_ref().map(read))
            {
                editor.value.set(v);
            }
            open
        });
        editor
    }

    /// The value while the editor is open.
    fn pending(self) -> Option<String> {
        self.open
            .get_untracked()
            .then(|| self.value.get_untracked())
    }
}

/// The four editors of one gateway update.
#[derive(Clone, Copy)]
pub(super) struct UpdateEditors {
    name: Editor,
    description: Editor,
    window: Editor,
    security_group: Editor,
}

impl UpdateEditors {
    pub(super) fn new(gw: Memo<Option<Gateway>>) -> Self {
        Self {
            name: Editor::new(gw, |g| g.name.to_string()),
            description: Editor::new(gw, |g| g.description.to_string()),
            window: Editor::new(gw, |g| g.maintenance_window.begin()),
            security_group: Editor::new(gw, |g| g.security_group_id.clone()),
        }
    }

    /// The update of every open editor.
    fn draft(self) -> UpdateDraft {
        let window = self.window.pending();
        UpdateDraft {
            instance_name: self.name.pending(),
            description: self.description.pending(),
            maintain_end: window.as_ref().map(|_| String::new()),
            maintain_begin: window,
            security_group_id: self.security_group.pending(),
            ..UpdateDraft::default()
        }
    }
}

/// The review and save callbacks of the update, whichever editor they are pressed in.
fn update_callbacks(
    store: Store,
    gw: Memo<Option<Gateway>>,
    editors: UpdateEditors,
) -> (PreviewFn, SaveFn) {
    let preview = Callback::new(move |()| {
        let lang = store.lang.get_untracked();
        let g = current(gw).ok_or_else(|| manage_error_text(lang, &ManageError::NotFound))?;
        update_diffs(store, &g, &editors.draft())
    });
    let save = Callback::new(move |()| {
        let texts = store.lang.get_untracked().texts();
        let draft = editors.draft();
        // What is saved, named as the review named it: "Gateway Name, Description".
        let what = current(gw)
            .and_then(|g| update_diffs(store, &g, &draft).ok())
            .map(|diffs| {
                diffs
                    .into_iter()
                    .map(|d| d.what)
                    .collect::<Vec<_>>()
                    .join(texts.gateway.list_separator)
            })
            .unwrap_or_default();
        saved(store, store.update_gateway(&gw_id(gw), &draft), |_| {
            let done = (texts.gateway.saved_updating)(&what);
            (what, done)
        })
    });
    (preview, save)
}

/// One editor of the update as a change form: its review and save are the whole update's.
#[component]
fn UpdateForm(
    key: &'static str,
    title: crate::i18n::Tr,
    gw: Memo<Option<Gateway>>,
    blocked: Signal<bool>,
    editors: UpdateEditors,
    /// Whether this editor is open.
    open: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    let (preview, save) = update_callbacks(use_store(), gw, editors);
    view! {
        <ChangeForm
            key=key
            title=title
            blocked=blocked
            preview=preview
            save=save
            open=open
            batched=|t| t.gateway.saved_together
        >
            {children()}
        </ChangeForm>
    }
}

#[component]
pub(super) fn NameForm(
    gw: Memo<Option<Gateway>>,
    blocked: Signal<bool>,
    editors: UpdateEditors,
) -> impl IntoView {
    let Editor { open, value } = editors.name;
    let t = use_t();
    view! {
        <UpdateForm key="name" title=|t| t.gateway.gateway_name gw=gw blocked=blocked editors=editors open=open>
            <label for="edit-name">{move || t().gateway.new_name}</label>
            <input
                id="edit-name"
                type="text"
                autocomplete="off"
                aria-describedby="name-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </UpdateForm>
    }
}

#[component]
pub(super) fn DescriptionForm(
    gw: Memo<Option<Gateway>>,
    blocked: Signal<bool>,
    editors: UpdateEditors,
) -> impl IntoView {
    let Editor { open, value } = editors.description;
    let t = use_t();
    view! {
        <UpdateForm key="description" title=|t| t.buy.description gw=gw blocked=blocked editors=editors open=open>
            <label for="edit-description">{move || t().gateway.new_description}</label>
            <textarea
                id="edit-description"
                rows="2"
                aria-describedby="description-error"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </UpdateForm>
    }
}

#[component]
pub(super) fn WindowForm(
    gw: Memo<Option<Gateway>>,
    blocked: Signal<bool>,
    editors: UpdateEditors,
) -> impl IntoView {
    let Editor { open, value } = editors.window;
    view! {
        <UpdateForm key="window" title=|t| t.gateway.window gw=gw blocked=blocked editors=editors open=open>
            <SignalSelect
                id="edit-window"
                label=|t| t.gateway.new_window
                value=value
                describedby="window-error"
                options=Signal::derive(|| {
                    MaintenanceWindow::ALL.iter().map(|w| (w.begin(), w.label())).collect()
                })
            />
        </UpdateForm>
    }
}

#[component]
pub(super) fn SecurityGroupForm(
    gw: Memo<Option<Gateway>>,
    blocked: Signal<bool>,
    editors: UpdateEditors,
) -> impl IntoView {
    let store = use_store();
    let Editor { open, value } = editors.security_group;
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
        <UpdateForm key="security-group" title=|t| t.gateway.security_group gw=gw blocked=blocked editors=editors open=open>
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
        </UpdateForm>
    }
}
