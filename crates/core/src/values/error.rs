//! Why a value failed to parse, worded so that "{label} {error}." is one plain sentence that
//! names everything wrong with what was typed and what to do.

use std::fmt;

use super::ErrorCode;

/// Why a value failed to parse. Each variant knows its APIC code ([`ValueError::code`]).
///
/// Its `Display` is a predicate without a subject: the caller puts the field's label in front
/// ("Gateway Name" + " cannot contain a space or “.”; use only …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// The value is required but empty.
    Missing,
    /// Too few or too many characters / items.
    Length {
        /// Smallest allowed length.
        min: usize,
        /// Largest allowed length.
        max: usize,
        /// Length given.
        actual: usize,
    },
    /// The first character is not allowed there (every other character is).
    FirstChar(char),
    /// Characters the value may not contain: every one of them, once each, in the order they
    /// first appear.
    BadChars {
        /// The offending characters.
        chars: Vec<char>,
        /// The characters the value may contain.
        allowed: CharSet,
    },
    /// The value is reserved (e.g. a tag key starting `_sys_`).
    Reserved(String),
    /// Not one of the allowed values.
    NotOneOf {
        /// The value given.
        given: String,
        /// The allowed values, comma separated.
        allowed: &'static str,
    },
    /// The maintenance time is not written `HH:00:00`.
    TimeFormat(String),
    /// The window begins at an hour other than 02, 06, 10, 14, 18, 22.
    WindowHour(u8),
    /// The window does not end 4 hours after it begins.
    WindowLength {
        /// The end time that would be right.
        expected: String,
    },
    /// Not a whole number.
    NotANumber(String),
    /// A number outside its range.
    OutOfRange {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
        /// The value given.
        actual: u64,
    },
    /// More items than allowed.
    TooMany {
        /// Largest allowed count.
        max: usize,
        /// Count given.
        actual: usize,
    },
    /// The same item twice.
    Duplicate(String),
}

impl ValueError {
    /// The APIC code the real service returns for this kind of mistake.
    pub const fn code(&self) -> ErrorCode {
        match self {
            Self::WindowHour(_) => ErrorCode::MaintainWindowHour,
            Self::WindowLength { .. } => ErrorCode::MaintainWindowLength,
            Self::TooMany { .. } => ErrorCode::TooManyTags,
            _ => ErrorCode::InvalidParameter,
        }
    }

    /// The characters of `s` that `ok` refuses (each once, in order), as a [`Self::BadChars`].
    pub fn bad_chars(s: &str, ok: impl Fn(char) -> bool, allowed: CharSet) -> Option<Self> {
        let mut chars: Vec<char> = Vec::new();
        for c in s.chars().filter(|&c| !ok(c)) {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
        (!chars.is_empty()).then_some(Self::BadChars { chars, allowed })
    }
}

/// The characters a kind of value may contain (each language words them its own way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharSet {
    /// A gateway name: letters, digits, Chinese characters, `-` and `_`.
    GatewayName,
    /// Letters, digits, `-` and `_` (a VPC endpoint service name).
    Word,
    /// Lower-case letters, digits and `-` (an AZ code).
    AzCode,
    /// The hexadecimal digits 0–9 and a–f (a gateway ID).
    Hex,
    /// A tag key: letters, digits, spaces and `_ . : = + - @`.
    TagKey,
    /// A tag value: a tag key's characters and `/`.
    TagValue,
    /// Anything but a few characters (a description refuses `<` and `>`).
    AllBut,
}

impl CharSet {
    /// The set in English, as a phrase after "use only"; empty for [`Self::AllBut`].
    pub const fn en(self) -> &'static str {
        match self {
            Self::GatewayName => "letters, digits, Chinese characters, - and _",
            Self::Word => "letters, digits, - and _",
            Self::AzCode => "lower-case letters, digits and -",
            Self::Hex => "the hexadecimal digits 0–9 and a–f",
            Self::TagKey => "letters, digits, spaces and _ . : = + - @",
            Self::TagValue => "letters, digits, spaces and _ . : = + - @ /",
            Self::AllBut => "",
        }
    }
}

/// One language's words for listing characters: the names of those that would be invisible,
/// and how a list is joined.
pub struct CharWords {
    /// " ".
    pub space: &'static str,
    /// A tab.
    pub tab: &'static str,
    /// A line feed or carriage return.
    pub line_break: &'static str,
    /// Between items but the last two.
    pub comma: &'static str,
    /// Before the last item.
    pub or: &'static str,
}

impl CharWords {
    /// English: "a space, “.” or “!”".
    pub const EN: Self = Self {
        space: "a space",
        tab: "a tab",
        line_break: "a line break",
        comma: ", ",
        or: " or ",
    };

    /// One character as a reader can see it: `“.”`, or its name where it would be invisible
    /// ("a space", "U+00A0").
    fn name(&self, c: char) -> String {
        match c {
            ' ' => self.space.to_owned(),
            '\t' => self.tab.to_owned(),
            '\n' | '\r' => self.line_break.to_owned(),
            c if c.is_whitespace() || c.is_control() => format!("U+{:04X}", u32::from(c)),
            c => format!("“{c}”"),
        }
    }

    /// Characters named and joined: `“.”`, `a space or “.”`, `“#”, “$” or “%”`.
    pub fn list(&self, chars: &[char]) -> String {
        let names: Vec<String> = chars.iter().map(|&c| self.name(c)).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}{}{last}", rest.join(self.comma), self.or),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("is required"),
            Self::Length { min, max, actual } if min == max => {
                write!(f, "has {actual} characters; it takes exactly {max}")
            }
            Self::Length {
                min: 0 | 1,
                max,
                actual,
            } => write!(f, "has {actual} characters; use at most {max}"),
            Self::Length { min, max, actual } => {
                write!(f, "has {actual} characters; use {min} to {max}")
            }
            Self::FirstChar(c) => write!(
                f,
                "starts with {}; start it with a letter or a Chinese character",
                CharWords::EN.name(*c)
            ),
            Self::BadChars { chars, allowed } => {
                write!(f, "cannot contain {}", CharWords::EN.list(chars))?;
                match allowed.en() {
                    "" => Ok(()),
                    set => write!(f, "; use only {set}"),
                }
            }
            Self::Reserved(prefix) => {
                write!(f, "cannot start with {prefix}, which is reserved")
            }
            Self::NotOneOf { given, allowed } => {
                write!(f, "cannot be “{given}”; choose one of {allowed}")
            }
            Self::TimeFormat(given) => {
                write!(f, "is “{given}”; write the time as HH:00:00, e.g. 22:00:00")
            }
            Self::WindowHour(hour) => write!(
                f,
                "cannot begin at {hour:02}:00; choose 02, 06, 10, 14, 18 or 22"
            ),
            Self::WindowLength { expected } => {
                write!(f, "must end 4 hours after it begins, at {expected}")
            }
            Self::NotANumber(given) => write!(f, "is “{given}”; enter a whole number"),
            Self::OutOfRange { min, max, actual } => {
                write!(f, "is {actual}; enter a whole number from {min} to {max}")
            }
            Self::TooMany { max, actual } => {
                write!(f, "has {actual} items; at most {max} are allowed")
            }
            Self::Duplicate(item) => write!(f, "has “{item}” more than once; keep one"),
        }
    }
}

impl std::error::Error for ValueError {}
