//! The validated text values of API management, each built only by `parse`
//! (docs/reference.md, API management): names, remarks, IDs, app keys and secrets, parameter
//! names and domains. Paths are in [`super::uri`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::refusal::Invalid;

/// Is `c` a Chinese character of the range the service accepts (`\u4e00`–`\u9fa5`)?
pub(crate) const fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fa5}')
}

/// The rules of one kind of text: length in characters, what may come first, what may follow.
pub(crate) struct Rule {
    pub min: usize,
    pub max: usize,
    pub first: fn(char) -> bool,
    pub first_text: &'static str,
    pub rest: fn(char) -> bool,
    pub rest_text: &'static str,
}

impl Rule {
    /// Checks `s`: first the characters (the first wrong one is named), then the length.
    pub(crate) fn check(&self, s: &str) -> Result<(), Invalid> {
        if s.is_empty() && self.min > 0 {
            return Err(Invalid::Missing);
        }
        if let Some(ch) = s.chars().next()
            && !(self.first)(ch)
        {
            return Err(Invalid::FirstChar {
                ch,
                expected: self.first_text,
            });
        }
        if let Some(ch) = s.chars().skip(1).find(|&c| !(self.rest)(c)) {
            return Err(Invalid::BadChar {
                ch,
                allowed: self.rest_text,
            });
        }
        let actual = s.chars().count();
        if actual < self.min || actual > self.max {
            return Err(Invalid::Length {
                min: self.min,
                max: self.max,
                actual,
            });
        }
        Ok(())
    }
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $t:ident, $rule:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $t(String);

        impl $t {
            /// Parses the text, naming the first rule it breaks.
            pub fn parse(s: &str) -> Result<Self, Invalid> {
                const RULE: Rule = $rule;
                RULE.check(s)?;
                Ok(Self(s.to_owned()))
            }

            /// The validated text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $t {
            type Error = Invalid;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl FromStr for $t {
            type Err = Invalid;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> Self {
                v.0
            }
        }
    };
}

macro_rules! debug_as_text {
    ($($t:ident),+) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($t), self.0)
            }
        }
    )+};
}

const fn letter_digit_cjk(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_cjk(c)
}
const fn letter_cjk(c: char) -> bool {
    c.is_ascii_alphabetic() || is_cjk(c)
}
const fn letter(c: char) -> bool {
    c.is_ascii_alphabetic()
}
const fn letter_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
const fn any(_: char) -> bool {
    true
}

text_newtype!(
    /// An API group's name: 3–255 characters; first a letter, digit or Chinese character, then
    /// also `-_./():` and the full-width `（）：、`.
    GroupName,
    Rule {
        min: 3,
        max: 255,
        first: letter_digit_cjk,
        first_text: "a letter, a digit or a Chinese character",
        rest: |c| letter_digit_cjk(c) || "-_./():（）：、".contains(c),
        rest_text: "letters, digits, Chinese characters and - _ . / ( ) : （ ） ： 、",
    }
);

text_newtype!(
    /// An API's name: 3–255 characters; first a letter, digit or Chinese character, then also
    /// `-_./:()`.
    ApiName,
    Rule {
        min: 3,
        max: 255,
        first: letter_digit_cjk,
        first_text: "a letter, a digit or a Chinese character",
        rest: |c| letter_digit_cjk(c) || "-_./:()".contains(c),
        rest_text: "letters, digits, Chinese characters and - _ . / : ( )",
    }
);

text_newtype!(
    /// An environment's name: 3–64 characters; a letter first, then letters, digits and `_`.
    EnvName,
    Rule {
        min: 3,
        max: 64,
        first: letter,
        first_text: "a letter",
        rest: |c| c.is_ascii_alphanumeric() || c == '_',
        rest_text: "letters, digits and _",
    }
);

text_newtype!(
    /// An app's name: 3–64 characters; a letter or Chinese character first, then letters,
    /// digits, Chinese characters and `_`.
    AppName,
    Rule {
        min: 3,
        max: 64,
        first: letter_cjk,
        first_text: "a letter or a Chinese character",
        rest: |c| letter_digit_cjk(c) || c == '_',
        rest_text: "letters, digits, Chinese characters and _",
    }
);

text_newtype!(
    /// A remark of an API, environment, app or publication: at most 255 characters, any.
    #[derive(Default)]
    Remark,
    Rule {
        min: 0,
        max: 255,
        first: any,
        first_text: "any character",
        rest: any,
        rest_text: "any character",
    }
);

text_newtype!(
    /// An API group's remark: at most 1000 characters, any.
    #[derive(Default)]
    GroupRemark,
    Rule {
        min: 0,
        max: 1000,
        first: any,
        first_text: "any character",
        rest: any,
        rest_text: "any character",
    }
);

text_newtype!(
    /// The ID of an object of the catalogue: 1–64 letters, digits, `_` or `-` (generated IDs
    /// are 32 lower-hex characters; the built-in environment's is
    /// `DEFAULT_ENVIRONMENT_RELEASE_ID`).
    ResourceId,
    Rule {
        min: 1,
        max: 64,
        first: letter_digit,
        first_text: "a letter or a digit",
        rest: |c| c.is_ascii_alphanumeric() || c == '_' || c == '-',
        rest_text: "letters, digits, _ and -",
    }
);

text_newtype!(
    /// The name of a request or backend parameter: 1–32 characters; a letter first, then
    /// letters, digits, `.`, `_` and `-`.
    ParamName,
    Rule {
        min: 1,
        max: 32,
        first: letter,
        first_text: "a letter",
        rest: |c| c.is_ascii_alphanumeric() || "._-".contains(c),
        rest_text: "letters, digits, . _ and -",
    }
);

text_newtype!(
    /// An app's key (`app_key`): 8–200 characters; a letter or digit first, then letters,
    /// digits, `_` and `-`.
    AppKey,
    Rule {
        min: 8,
        max: 200,
        first: letter_digit,
        first_text: "a letter or a digit",
        rest: |c| c.is_ascii_alphanumeric() || c == '_' || c == '-',
        rest_text: "letters, digits, _ and -",
    }
);

text_newtype!(
    /// An app's secret (`app_secret`): 8–128 characters; a letter or digit first, then
    /// letters, digits and `_-!@#$%`. Its `Debug` shows only its length.
    AppSecret,
    Rule {
        min: 8,
        max: 128,
        first: letter_digit,
        first_text: "a letter or a digit",
        rest: |c| c.is_ascii_alphanumeric() || "_-!@#$%".contains(c),
        rest_text: "letters, digits and _ - ! @ # $ %",
    }
);

impl fmt::Debug for AppSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AppSecret(<{} characters>)", self.0.chars().count())
    }
}

debug_as_text!(
    GroupName,
    ApiName,
    EnvName,
    AppName,
    Remark,
    GroupRemark,
    ResourceId,
    ParamName,
    AppKey
);

impl ResourceId {
    /// A 32 lower-hex ID derived from `parts` and the caller's `nonce` (SHA-256, first 16
    /// bytes): the same inputs always give the same ID.
    pub fn derive(parts: &[&str], nonce: u64) -> Self {
        Self(
            crate::values::InstanceId::derive(parts, nonce)
                .as_str()
                .to_owned(),
        )
    }
}

/// A domain name a group is bound to (an independent domain): 1–255 characters, at least two
/// dot-separated labels of letters, digits and `-`, a label neither starting nor ending with
/// `-`; kept in lower case.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DomainName(String);

impl DomainName {
    /// Parses a domain name (case-insensitive; stored in lower case).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        if s.is_empty() {
            return Err(Invalid::Missing);
        }
        if let Some(ch) = s
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        {
            return Err(Invalid::BadChar {
                ch,
                allowed: "letters, digits, - and .",
            });
        }
        let actual = s.chars().count();
        if actual > 255 {
            return Err(Invalid::Length {
                min: 1,
                max: 255,
                actual,
            });
        }
        let labels: Vec<&str> = s.split('.').collect();
        if labels.len() < 2 {
            return Err(Invalid::Format(
                "must be a full domain name such as api.example.com",
            ));
        }
        if labels
            .iter()
            .any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
        {
            return Err(Invalid::Format(
                "must have labels of 1–63 letters, digits or - between the dots, not starting or ending with -",
            ));
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    /// The domain, lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DomainName({:?})", self.0)
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DomainName {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DomainName> for String {
    fn from(v: DomainName) -> Self {
        v.0
    }
}
