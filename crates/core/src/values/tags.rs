//! Resource tags: one key / value pair and the list of at most 20.

use serde::{Deserialize, Serialize};

use super::{CharSet, ValueError};

/// One resource tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TagRepr", into = "TagRepr")]
pub struct Tag {
    key: String,
    value: String,
}

/// The wire form of a tag.
#[derive(Clone, Serialize, Deserialize)]
struct TagRepr {
    key: String,
    #[serde(default)]
    value: String,
}

impl TryFrom<TagRepr> for Tag {
    type Error = ValueError;
    fn try_from(r: TagRepr) -> Result<Self, Self::Error> {
        Self::parse(&r.key, &r.value).map_err(|(_, e)| e)
    }
}

impl From<Tag> for TagRepr {
    fn from(t: Tag) -> Self {
        Self {
            key: t.key,
            value: t.value,
        }
    }
}

/// Which half of a tag a [`ValueError`] concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagPart {
    /// The key.
    Key,
    /// The value.
    Value,
}

/// Letters (any script), digits, spaces and `_ . : = + - @` (docs/reference.md, Create request);
/// values also `/`.
fn tag_char_ok(c: char, part: TagPart) -> bool {
    c.is_alphanumeric()
        || matches!(c, ' ' | '_' | '.' | ':' | '=' | '+' | '-' | '@')
        || (part == TagPart::Value && c == '/')
}

impl Tag {
    /// Longest key.
    pub const KEY_MAX: usize = 128;
    /// Longest value.
    pub const VALUE_MAX: usize = 255;

    /// Parses a key and value; the error says which of the two is wrong.
    pub fn parse(key: &str, value: &str) -> Result<Self, (TagPart, ValueError)> {
        if key.is_empty() {
            return Err((TagPart::Key, ValueError::Missing));
        }
        if key.starts_with("_sys_") {
            return Err((TagPart::Key, ValueError::Reserved("_sys_".to_owned())));
        }
        for (part, text, max) in [
            (TagPart::Key, key, Self::KEY_MAX),
            (TagPart::Value, value, Self::VALUE_MAX),
        ] {
            let allowed = match part {
                TagPart::Key => CharSet::TagKey,
                TagPart::Value => CharSet::TagValue,
            };
            if let Some(bad) = ValueError::bad_chars(text, |c| tag_char_ok(c, part), allowed) {
                return Err((part, bad));
            }
            let n = text.chars().count();
            if n > max {
                let min = usize::from(part == TagPart::Key);
                return Err((
                    part,
                    ValueError::Length {
                        min,
                        max,
                        actual: n,
                    },
                ));
            }
        }
        Ok(Self {
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }

    /// The key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// At most 20 tags with distinct keys.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<Tag>", into = "Vec<Tag>")]
pub struct Tags(Vec<Tag>);

impl Tags {
    /// Most tags per gateway.
    pub const MAX: usize = 20;

    /// Checks the count and that keys are distinct.
    pub fn new(tags: Vec<Tag>) -> Result<Self, ValueError> {
        if tags.len() > Self::MAX {
            return Err(ValueError::TooMany {
                max: Self::MAX,
                actual: tags.len(),
            });
        }
        for (i, t) in tags.iter().enumerate() {
            if tags[..i].iter().any(|u| u.key == t.key) {
                return Err(ValueError::Duplicate(t.key.clone()));
            }
        }
        Ok(Self(tags))
    }

    /// The tags.
    pub fn as_slice(&self) -> &[Tag] {
        &self.0
    }
}

impl TryFrom<Vec<Tag>> for Tags {
    type Error = ValueError;
    fn try_from(v: Vec<Tag>) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}

impl From<Tags> for Vec<Tag> {
    fn from(t: Tags) -> Self {
        t.0
    }
}
