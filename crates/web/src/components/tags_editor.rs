//! The key / value rows of a gateway's tags, as the Buy Gateway form and the information
//! page's Tags change edit them: one row per tag with a Remove button, and Add tag.
//!
//! It holds no rule. Which row's key or value the core refuses comes from
//! [`apig_core::values::Tag::parse`] (to mark that input invalid); the messages come from the
//! core's validation of the whole list, shown by the page around the editor; Add tag stops at
//! the core's [`Tags::MAX`].

use apig_core::validate::DraftTag;
use apig_core::values::{Tag, TagPart, Tags};
use leptos::prelude::*;

use crate::components::change_form::focus_id;
use crate::i18n::use_t;

/// One edit of the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagEdit {
    /// Row `index` gets this key.
    Key(usize, String),
    /// Row `index` gets this value.
    Value(usize, String),
    /// Row `index` is removed.
    Remove(usize),
    /// An empty row is added at the end.
    Add,
}

impl TagEdit {
    /// Applies the edit to `tags` (an index past the end changes nothing).
    pub fn apply(self, tags: &mut Vec<DraftTag>) {
        match self {
            Self::Key(i, key) => {
                if let Some(t) = tags.get_mut(i) {
                    t.key = key;
                }
            }
            Self::Value(i, value) => {
                if let Some(t) = tags.get_mut(i) {
                    t.value = value;
                }
            }
            Self::Remove(i) => {
                if i < tags.len() {
                    tags.remove(i);
                }
            }
            Self::Add => tags.push(DraftTag::default()),
        }
    }
}

/// Which half of row `tag` the core refuses, if any.
fn refused_part(tag: &DraftTag) -> Option<TagPart> {
    Tag::parse(&tag.key, &tag.value).err().map(|(part, _)| part)
}

/// The rows of `tags`; every edit goes to `on_edit`. IDs inside start with `prefix`
/// (`{prefix}-key-{i}`, `{prefix}-value-{i}`, `{prefix}-remove-{i}`, `{prefix}-add`); the
/// inputs are described by `describedby` and mark the refused half invalid once `checked`.
#[component]
pub fn TagsEditor(
    prefix: &'static str,
    #[prop(into)] tags: Signal<Vec<DraftTag>>,
    #[prop(into)] on_edit: Callback<TagEdit>,
    /// The IDs of the hint and error list the inputs are described by.
    describedby: String,
    /// Whether invalid inputs are marked (the page shows errors once the field is left).
    #[prop(into)]
    checked: Signal<bool>,
    /// Called when focus leaves an input of the editor.
    #[prop(optional, into)]
    on_leave: Option<Callback<web_sys::FocusEvent>>,
) -> impl IntoView {
    let t = use_t();
    let count = Memo::new(move |_| tags.with(Vec::len));
    let full = move || count.get() >= Tags::MAX;
    let add = move |_| {
        on_edit.run(TagEdit::Add);
        let index = count.get_untracked().saturating_sub(1);
        request_animation_frame(move || focus_id(&format!("{prefix}-key-{index}")));
    };
    let leave = move |ev: web_sys::FocusEvent| {
        if let Some(callback) = on_leave {
            callback.run(ev);
        }
    };
    let row = move |i: usize| {
        let tag = Memo::new(move |_| tags.with(|t| t.get(i).cloned().unwrap_or_default()));
        let invalid = move |part: TagPart| {
            if checked.get() && tag.with(refused_part) == Some(part) {
                "true"
            } else {
                "false"
            }
        };
        let describedby = describedby.clone();
        let describedby_value = describedby.clone();
        let remove = move |_| {
            on_edit.run(TagEdit::Remove(i));
            let left = count.get_untracked();
            request_animation_frame(move || {
                if left == 0 {
                    focus_id(&format!("{prefix}-add"));
                } else {
                    focus_id(&format!("{prefix}-key-{}", i.min(left - 1)));
                }
            });
        };
        view! {
            <li class="tag-row">
                <input
                    type="text"
                    class="tag-key"
                    id=format!("{prefix}-key-{i}")
                    autocomplete="off"
                    placeholder=move || t().buy.tag_key
                    aria-label=move || (t().buy.tag_key_label)(i + 1)
                    aria-describedby=describedby
                    aria-invalid=move || invalid(TagPart::Key)
                    prop:value=move || tag.with(|t| t.key.clone())
                    on:input=move |ev| on_edit.run(TagEdit::Key(i, event_target_value(&ev)))
                    on:blur=leave
                />
                <input
                    type="text"
                    class="tag-value"
                    id=format!("{prefix}-value-{i}")
                    autocomplete="off"
                    placeholder=move || t().buy.tag_value
                    aria-label=move || (t().buy.tag_value_label)(i + 1)
                    aria-describedby=describedby_value
                    aria-invalid=move || invalid(TagPart::Value)
                    prop:value=move || tag.with(|t| t.value.clone())
                    on:input=move |ev| on_edit.run(TagEdit::Value(i, event_target_value(&ev)))
                    on:blur=leave
                />
                <button
                    type="button"
                    class="btn btn-small"
                    id=format!("{prefix}-remove-{i}")
                    aria-label=move || (t().buy.remove_tag)(i + 1)
                    on:click=remove
                >
                    {move || t().shell.remove}
                </button>
            </li>
        }
    };
    view! {
        <div class="tags-editor">
            <ul class="tag-rows" id=format!("{prefix}-rows")>
                {move || (0..count.get()).map(&row).collect_view()}
            </ul>
            <button
                type="button"
                class="btn btn-small"
                id=format!("{prefix}-add")
                disabled=full
                on:click=add
            >
                {move || t().buy.add_tag}
            </button>
            <span class="hint tag-count" id=format!("{prefix}-count")>
                {move || (t().buy.tag_count)(count.get(), Tags::MAX)}
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn edits_apply_to_their_row() {
        let mut tags = Vec::new();
        TagEdit::Add.apply(&mut tags);
        TagEdit::Add.apply(&mut tags);
        TagEdit::Key(1, "env".into()).apply(&mut tags);
        TagEdit::Value(1, "prod".into()).apply(&mut tags);
        TagEdit::Remove(0).apply(&mut tags);
        TagEdit::Remove(5).apply(&mut tags);
        assert_eq!(
            tags,
            vec![DraftTag {
                key: "env".into(),
                value: "prod".into()
            }]
        );
    }
}
