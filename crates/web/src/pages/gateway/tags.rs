//! The information page's Tags form.

use leptos::prelude::*;

use super::{
    ChangeForm, DraftTag, Gateway, TagEdit, TagsEditor, store_callbacks, to_draft, use_store, use_t,
};

#[component]
pub(super) fn TagsForm(gw: Memo<Option<Gateway>>) -> impl IntoView {
    let store = use_store();
    let t = use_t();
    let rows = RwSignal::new(
        gw.with_untracked(|g| g.as_ref().map(|g| to_draft(&g.tags)).unwrap_or_default()),
    );
    let left = RwSignal::new(false);
    // Opening the editor fills it from the gateway's tags as they are now.
    let open = RwSignal::new(false);
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open
            && was_open != Some(true)
            && let Some(tags) = gw.with_untracked(|g| g.as_ref().map(|g| to_draft(&g.tags)))
        {
            rows.set(tags);
            left.set(false);
        }
        is_open
    });
    let (preview, save) = store_callbacks(
        store,
        gw,
        move || rows.get_untracked(),
        |store, id, tags: &Vec<DraftTag>| store.preview_tags(id, tags),
        |store, id, tags: &Vec<DraftTag>| store.change_tags(id, tags),
        |t| t.gateway.tags,
        |t, tags| (t.gateway.tags_saved)(tags),
    );
    // Tags are metadata: the core lets them change whatever the gateway is doing.
    view! {
        <ChangeForm
            key="tags"
            title=|t| t.gateway.tags
            blocked=Signal::stored(false)
            preview=preview
            save=save
            open=open
        >
            <TagsEditor
                prefix="edit-tags"
                tags=rows
                on_edit=move |edit: TagEdit| rows.update(|t| edit.apply(t))
                describedby="tags-hint tags-error".to_owned()
                checked=left
                on_leave=move |_| left.set(true)
            />
            <p class="hint" id="tags-hint">
                {move || t().gateway.tags_actions_hint}
            </p>
        </ChangeForm>
    }
}
