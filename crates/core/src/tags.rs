//! A gateway's tags after creation: the tag endpoints' `create` / `delete` actions, the
//! console's "replace all tags", the project's tag list and the by-tag filter.
//!
//! The rules of one tag and of a set (key 1–128 and value 0–255 characters of letters, digits,
//! spaces and `_ . : = + - @` (values also `/`), no `_sys_` key, distinct keys, at most 20) are
//! [`crate::values::Tag`] and [`crate::values::Tags`], applied to typed tags by
//! [`parse_tags`]: the same for the create body, the buy form's Tags row and these actions.
//! A tag change is metadata: it does not pass through `Updating`, and is recorded in the
//! gateway's history under the field `tags`.

use std::collections::BTreeMap;

use crate::gateway::{Change, Gateway};
pub use crate::validate::parse_tags;
use crate::validate::{DraftTag, Field, Problem};
use crate::values::{ErrorCode, Tag, Tags};

/// The `action` of `POST …/instance-tags/action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagAction {
    /// Add the tags; a key the gateway already has gets the new value.
    Create,
    /// Remove the tags by key (a tag given with a value is removed only if the value matches).
    Delete,
}

impl TagAction {
    /// Parses the wire form `create` / `delete`: anything else is `APIC.7211` naming `action`.
    pub fn parse(action: &str) -> Result<Self, Problem> {
        match action {
            "create" => Ok(Self::Create),
            "delete" => Ok(Self::Delete),
            other => Err(Problem::invalid(
                Field::TagAction,
                format!("The action must be create or delete, not “{other}”."),
            )),
        }
    }
}

/// How a set of tags is shown in the history and on the information page: `k=v, k2=v2`, or
/// `None`.
pub fn tags_label(tags: &Tags) -> String {
    if tags.as_slice().is_empty() {
        return "None".to_owned();
    }
    tags.as_slice()
        .iter()
        .map(|t| format!("{}={}", t.key(), t.value()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The typed form of stored tags (for filling the console's Tags row).
pub fn to_draft(tags: &Tags) -> Vec<DraftTag> {
    tags.as_slice()
        .iter()
        .map(|t| DraftTag {
            key: t.key().to_owned(),
            value: t.value().to_owned(),
        })
        .collect()
}

fn too_many(count: usize) -> Problem {
    Problem::new(
        Field::Tags,
        ErrorCode::TooManyTags,
        format!(
            "{}: the gateway would have {count} tags, at most {} are allowed. Remove tags first.",
            ErrorCode::TooManyTags.meaning(),
            Tags::MAX
        ),
    )
}

/// Writes `new` as the gateway's tags and records the change (none when equal).
fn store(gateway: &mut Gateway, new: Tags, now_ms: u64) -> Option<Change> {
    if new == gateway.tags {
        return None;
    }
    let old = tags_label(&gateway.tags);
    let label = tags_label(&new);
    gateway.tags = new;
    gateway.record(now_ms, Field::Tags.id(), old, label);
    gateway.history.last().cloned()
}

/// The tags after `action` with `tags`, without changing anything: every problem at once
/// (`APIC.7211` for a bad tag or action, `APIC.7402` beyond 20 tags).
pub fn preview_action(
    gateway: &Gateway,
    action: TagAction,
    tags: &[DraftTag],
) -> Result<Tags, Vec<Problem>> {
    let given = parse_tags(tags)?;
    let mut result: Vec<Tag> = gateway.tags.as_slice().to_vec();
    match action {
        TagAction::Create => {
            for t in given.as_slice() {
                match result.iter_mut().find(|x| x.key() == t.key()) {
                    Some(existing) => *existing = t.clone(),
                    None => result.push(t.clone()),
                }
            }
        }
        TagAction::Delete => {
            result.retain(|x| {
                !given
                    .as_slice()
                    .iter()
                    .any(|t| t.key() == x.key() && (t.value().is_empty() || t.value() == x.value()))
            });
        }
    }
    let count = result.len();
    Tags::new(result).map_err(|_| vec![too_many(count)])
}

/// Applies `POST …/instance-tags/action` at `now_ms`: checks everything first (nothing changes
/// on error), then stores the tags and records the change. `Ok(None)` when nothing changed.
pub fn apply_action(
    gateway: &mut Gateway,
    action: TagAction,
    tags: &[DraftTag],
    now_ms: u64,
) -> Result<Option<Change>, Vec<Problem>> {
    let new = preview_action(gateway, action, tags)?;
    Ok(store(gateway, new, now_ms))
}

/// Replaces all of the gateway's tags with `tags` (the console's edit of the Tags row; over the
/// API it is a `delete` of the old tags and a `create` of the new ones, as Terraform does).
pub fn replace(
    gateway: &mut Gateway,
    tags: &[DraftTag],
    now_ms: u64,
) -> Result<Option<Change>, Vec<Problem>> {
    let new = parse_tags(tags)?;
    Ok(store(gateway, new, now_ms))
}

/// The two API actions that turn `old` into `new`, as the console sends a replacement to
/// apig-mock: `delete` the old tags whose key is gone, then `create` the new tags that are not
/// already there with that value (`create` gives an existing key its new value). Either list may
/// be empty; a caller asks permission only for the actions it sends.
pub fn replacement_actions(old: &Tags, new: &Tags) -> (Vec<DraftTag>, Vec<DraftTag>) {
    let gone = old
        .as_slice()
        .iter()
        .filter(|o| !new.as_slice().iter().any(|n| n.key() == o.key()))
        .map(draft_of)
        .collect();
    let added = new
        .as_slice()
        .iter()
        .filter(|n| !old.as_slice().contains(n))
        .map(draft_of)
        .collect();
    (gone, added)
}

fn draft_of(t: &Tag) -> DraftTag {
    DraftTag {
        key: t.key().to_owned(),
        value: t.value().to_owned(),
    }
}

/// Every key used by the project's gateways with its distinct values, keys and values sorted
/// (`GET /v2/{project_id}/apigw/instance-tags`).
pub fn project_tags<'a>(
    gateways: impl IntoIterator<Item = &'a Gateway>,
) -> Vec<(String, Vec<String>)> {
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in gateways {
        for t in g.tags.as_slice() {
            let values = keys.entry(t.key().to_owned()).or_default();
            if !values.iter().any(|v| v == t.value()) {
                values.push(t.value().to_owned());
            }
        }
    }
    keys.into_iter()
        .map(|(k, mut v)| {
            v.sort();
            (k, v)
        })
        .collect()
}

/// The filter of `POST …/resource-instances/filter` and `…/count`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagFilter {
    /// Only gateways without any tag (the other conditions are then ignored).
    pub without_any_tag: bool,
    /// Each key must be present, with one of its values (any value when the list is empty).
    pub tags: Vec<(String, Vec<String>)>,
    /// The gateway's name must start with this text.
    pub name_prefix: Option<String>,
}

/// At most 20 keys and 20 values per key in a filter.
pub const FILTER_MAX: usize = 20;

impl TagFilter {
    /// Checks the filter's size: at most 20 keys and 20 values a key (`APIC.7211` on `tags`).
    pub fn check(&self) -> Result<(), Problem> {
        let too_big = self.tags.len() > FILTER_MAX
            || self
                .tags
                .iter()
                .any(|(_, values)| values.len() > FILTER_MAX);
        if too_big {
            return Err(Problem::invalid(
                Field::Tags,
                format!(
                    "A tag filter takes at most {FILTER_MAX} keys and {FILTER_MAX} values a key."
                ),
            ));
        }
        Ok(())
    }

    /// Whether `gateway` passes the filter.
    pub fn matches(&self, gateway: &Gateway) -> bool {
        let tags = gateway.tags.as_slice();
        if self.without_any_tag {
            return tags.is_empty();
        }
        let by_tags = self.tags.iter().all(|(key, values)| {
            tags.iter().any(|t| {
                t.key() == key && (values.is_empty() || values.iter().any(|v| v == t.value()))
            })
        });
        let by_name = self
            .name_prefix
            .as_deref()
            .is_none_or(|p| gateway.name.as_str().starts_with(p));
        by_tags && by_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Account;
    use crate::validate::{Draft, validate};

    fn tag(k: &str, v: &str) -> DraftTag {
        DraftTag {
            key: k.into(),
            value: v.into(),
        }
    }

    fn gateway(tags: &[DraftTag]) -> Gateway {
        let account = Account::default_seed();
        let region = account.regions[0].clone();
        let mut draft = Draft::prefilled(&account, &region, &[]);
        draft.tags = tags.to_vec();
        let plan = validate(&draft, &account, &[], 1).expect("valid draft");
        plan.to_gateway(0, crate::CreationSpeed::Instant, None)
    }

    #[test]
    fn create_merges_and_delete_removes_by_key() {
        let mut g = gateway(&[tag("env", "dev"), tag("team", "a")]);
        let change = apply_action(
            &mut g,
            TagAction::Create,
            &[tag("env", "prod"), tag("x", "")],
            5,
        )
        .expect("ok")
        .expect("changed");
        assert_eq!(change.field, "tags");
        assert_eq!(change.old, "env=dev, team=a");
        assert_eq!(change.new, "env=prod, team=a, x=");
        // A value that does not match keeps the tag; an empty value removes by key.
        apply_action(
            &mut g,
            TagAction::Delete,
            &[tag("team", "b"), tag("x", "")],
            6,
        )
        .expect("ok");
        assert_eq!(tags_label(&g.tags), "env=prod, team=a");
        assert_eq!(
            apply_action(&mut g, TagAction::Delete, &[tag("nope", "")], 7),
            Ok(None)
        );
        assert_eq!(g.history.len(), 2);
    }

    #[test]
    fn refusals_name_the_rule() {
        let mut g = gateway(&[]);
        let e = apply_action(&mut g, TagAction::Create, &[tag("_sys_x", "1")], 1)
            .expect_err("reserved");
        assert_eq!(
            (e[0].code, e[0].field),
            (ErrorCode::InvalidParameter, Field::Tags)
        );
        assert!(e[0].message.contains("_sys_"), "{}", e[0].message);
        let e = apply_action(
            &mut g,
            TagAction::Create,
            &[tag("a", "1"), tag("a", "2")],
            1,
        )
        .expect_err("duplicate");
        assert!(e[0].message.contains("more than once"), "{}", e[0].message);
        let twenty: Vec<DraftTag> = (0..20).map(|i| tag(&format!("k{i}"), "v")).collect();
        apply_action(&mut g, TagAction::Create, &twenty, 1).expect("20 fit");
        let e = apply_action(&mut g, TagAction::Create, &[tag("one-more", "")], 2).expect_err("21");
        assert_eq!(e[0].code, ErrorCode::TooManyTags);
        assert_eq!(e[0].code.http_status(), 403);
        assert_eq!(g.tags.as_slice().len(), 20, "nothing changed");
        assert!(TagAction::parse("update").is_err());
    }

    #[test]
    fn a_replacement_is_a_delete_then_a_create() {
        let mut g = gateway(&[tag("env", "dev"), tag("team", "a"), tag("keep", "1")]);
        let old = g.tags.clone();
        let new = parse_tags(&[tag("env", "prod"), tag("keep", "1"), tag("owner", "ops")])
            .expect("valid");
        let (delete, create) = replacement_actions(&old, &new);
        assert_eq!(delete, [tag("team", "a")]);
        assert_eq!(create, [tag("env", "prod"), tag("owner", "ops")]);
        apply_action(&mut g, TagAction::Delete, &delete, 1).expect("delete");
        apply_action(&mut g, TagAction::Create, &create, 2).expect("create");
        let mut keys: Vec<String> = g
            .tags
            .as_slice()
            .iter()
            .map(|t| format!("{}={}", t.key(), t.value()))
            .collect();
        keys.sort();
        assert_eq!(keys, ["env=prod", "keep=1", "owner=ops"]);
        assert_eq!(replacement_actions(&new, &new), (vec![], vec![]));
    }

    #[test]
    fn replace_project_tags_and_filter() {
        let mut a = gateway(&[tag("env", "dev")]);
        replace(&mut a, &[tag("env", "prod"), tag("team", "a")], 3).expect("ok");
        let b = gateway(&[tag("env", "dev")]);
        let c = gateway(&[]);
        let all = [a.clone(), b.clone(), c.clone()];
        assert_eq!(
            project_tags(&all),
            vec![
                ("env".to_owned(), vec!["dev".to_owned(), "prod".to_owned()]),
                ("team".to_owned(), vec!["a".to_owned()])
            ]
        );
        let f = TagFilter {
            tags: vec![("env".into(), vec!["prod".into(), "test".into()])],
            ..TagFilter::default()
        };
        assert_eq!(all.iter().filter(|g| f.matches(g)).count(), 1);
        let any_env = TagFilter {
            tags: vec![("env".into(), vec![])],
            ..TagFilter::default()
        };
        assert_eq!(all.iter().filter(|g| any_env.matches(g)).count(), 2);
        let none = TagFilter {
            without_any_tag: true,
            ..TagFilter::default()
        };
        assert_eq!(all.iter().filter(|g| none.matches(g)).count(), 1);
        let prefix = TagFilter {
            name_prefix: Some("zzz".into()),
            ..TagFilter::default()
        };
        assert_eq!(all.iter().filter(|g| prefix.matches(g)).count(), 0);
        let big = TagFilter {
            tags: (0..21).map(|i| (format!("k{i}"), vec![])).collect(),
            ..TagFilter::default()
        };
        assert!(big.check().is_err());
    }
}
