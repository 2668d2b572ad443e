//! Validated values: newtypes with private fields, built only by `parse` / `TryFrom`.
//!
//! "Parse, don't validate": once a [`GatewayName`] exists it is a valid gateway name, so code
//! that holds one never checks again. Every failure is a [`ValueError`] carrying the APIC code
//! the real service returns for it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::code::{ErrorCode, UnknownErrorCode};

/// Why a value failed to parse. Each variant knows its APIC code ([`ValueError::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// The value is required but empty.
    #[error("a value is required")]
    Missing,
    /// Too few or too many characters / items.
    #[error("must be {min}–{max} characters long, got {actual}")]
    Length {
        /// Smallest allowed length.
        min: usize,
        /// Largest allowed length.
        max: usize,
        /// Length given.
        actual: usize,
    },
    /// The first character is not allowed there.
    #[error("must start with a letter or a Chinese character, not `{0}`")]
    FirstChar(char),
    /// A character that the value may not contain.
    #[error("the character `{0}` is not allowed")]
    BadChar(char),
    /// The value is reserved (e.g. a tag key starting `_sys_`).
    #[error("`{0}` is reserved")]
    Reserved(String),
    /// Not one of the allowed values.
    #[error("`{given}` is not one of: {allowed}")]
    NotOneOf {
        /// The value given.
        given: String,
        /// The allowed values, comma separated.
        allowed: &'static str,
    },
    /// The maintenance time is not written `HH:00:00`.
    #[error("`{0}` is not a time like 22:00:00")]
    TimeFormat(String),
    /// The window begins at an hour other than 02, 06, 10, 14, 18, 22.
    #[error("a window cannot begin at {0:02}:00; choose 02, 06, 10, 14, 18 or 22")]
    WindowHour(u8),
    /// The window does not end 4 hours after it begins.
    #[error("the window must end 4 hours after it begins ({expected})")]
    WindowLength {
        /// The end time that would be right.
        expected: String,
    },
    /// Not a whole number.
    #[error("`{0}` is not a whole number")]
    NotANumber(String),
    /// A number outside its range.
    #[error("must be between {min} and {max}, got {actual}")]
    OutOfRange {
        /// Smallest allowed value.
        min: u32,
        /// Largest allowed value.
        max: u32,
        /// The value given.
        actual: u64,
    },
    /// More items than allowed.
    #[error("at most {max} allowed, got {actual}")]
    TooMany {
        /// Largest allowed count.
        max: usize,
        /// Count given.
        actual: usize,
    },
    /// The same item twice.
    #[error("`{0}` appears more than once")]
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
}

/// Is `c` a Chinese character of the range the service accepts (`\u4e00`–`\u9fa5`)?
const fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fa5}')
}

macro_rules! string_newtype_impls {
    ($t:ty) => {
        impl $t {
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
            type Error = ValueError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl TryFrom<&str> for $t {
            type Error = ValueError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::parse(s)
            }
        }
        impl FromStr for $t {
            type Err = ValueError;
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

/// A gateway name: 3–64 characters; first a letter or a Chinese character, then letters,
/// digits, Chinese characters, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GatewayName(String);

impl GatewayName {
    /// Shortest allowed name.
    pub const MIN_CHARS: usize = 3;
    /// Longest allowed name.
    pub const MAX_CHARS: usize = 64;

    /// Parses a gateway name.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        let mut chars = s.chars();
        let Some(first) = chars.next() else {
            return Err(ValueError::Missing);
        };
        if !(first.is_ascii_alphabetic() || is_cjk(first)) {
            return Err(ValueError::FirstChar(first));
        }
        if let Some(bad) =
            chars.find(|&c| !(c.is_ascii_alphanumeric() || is_cjk(c) || c == '-' || c == '_'))
        {
            return Err(ValueError::BadChar(bad));
        }
        let n = s.chars().count();
        if !(Self::MIN_CHARS..=Self::MAX_CHARS).contains(&n) {
            return Err(ValueError::Length {
                min: Self::MIN_CHARS,
                max: Self::MAX_CHARS,
                actual: n,
            });
        }
        Ok(Self(s.to_owned()))
    }
}
string_newtype_impls!(GatewayName);

/// A gateway description: 0–255 characters, anything but `<` and `>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Description(String);

impl Description {
    /// Longest allowed description.
    pub const MAX_CHARS: usize = 255;

    /// Parses a description.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if let Some(bad) = s.chars().find(|&c| c == '<' || c == '>') {
            return Err(ValueError::BadChar(bad));
        }
        let n = s.chars().count();
        if n > Self::MAX_CHARS {
            return Err(ValueError::Length {
                min: 0,
                max: Self::MAX_CHARS,
                actual: n,
            });
        }
        Ok(Self(s.to_owned()))
    }
}
string_newtype_impls!(Description);

/// The gateway edition (`spec_id`), docs/reference.md, Editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Edition {
    /// `BASIC`
    Basic,
    /// `PROFESSIONAL`
    Professional,
    /// `ENTERPRISE`
    Enterprise,
    /// `PLATINUM`
    Platinum,
    /// `BASIC_IPV6`
    BasicIpv6,
    /// `PROFESSIONAL_IPV6`
    ProfessionalIpv6,
    /// `ENTERPRISE_IPV6`
    EnterpriseIpv6,
    /// `PLATINUM_IPV6`
    PlatinumIpv6,
    /// `PLATINUM_X2`
    PlatinumX2,
    /// `PLATINUM_X3`
    PlatinumX3,
    /// `PLATINUM_X4`
    PlatinumX4,
    /// `PLATINUM_X5`
    PlatinumX5,
    /// `PLATINUM_X6`
    PlatinumX6,
    /// `PLATINUM_X7`
    PlatinumX7,
    /// `PLATINUM_X8`
    PlatinumX8,
}

/// The editions an edition is one of, as the API spells them.
const EDITION_LIST: &str = "BASIC, PROFESSIONAL, ENTERPRISE, PLATINUM, BASIC_IPV6, PROFESSIONAL_IPV6, \
ENTERPRISE_IPV6, PLATINUM_IPV6, PLATINUM_X2 … PLATINUM_X8";

impl Edition {
    /// Every edition, in the order the console lists them.
    pub const ALL: [Self; 15] = [
        Self::Basic,
        Self::Professional,
        Self::Enterprise,
        Self::Platinum,
        Self::BasicIpv6,
        Self::ProfessionalIpv6,
        Self::EnterpriseIpv6,
        Self::PlatinumIpv6,
        Self::PlatinumX2,
        Self::PlatinumX3,
        Self::PlatinumX4,
        Self::PlatinumX5,
        Self::PlatinumX6,
        Self::PlatinumX7,
        Self::PlatinumX8,
    ];
    /// The four base editions.
    pub const BASE: [Self; 4] = [
        Self::Basic,
        Self::Professional,
        Self::Enterprise,
        Self::Platinum,
    ];

    /// The `spec_id`, e.g. `"PROFESSIONAL"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "BASIC",
            Self::Professional => "PROFESSIONAL",
            Self::Enterprise => "ENTERPRISE",
            Self::Platinum => "PLATINUM",
            Self::BasicIpv6 => "BASIC_IPV6",
            Self::ProfessionalIpv6 => "PROFESSIONAL_IPV6",
            Self::EnterpriseIpv6 => "ENTERPRISE_IPV6",
            Self::PlatinumIpv6 => "PLATINUM_IPV6",
            Self::PlatinumX2 => "PLATINUM_X2",
            Self::PlatinumX3 => "PLATINUM_X3",
            Self::PlatinumX4 => "PLATINUM_X4",
            Self::PlatinumX5 => "PLATINUM_X5",
            Self::PlatinumX6 => "PLATINUM_X6",
            Self::PlatinumX7 => "PLATINUM_X7",
            Self::PlatinumX8 => "PLATINUM_X8",
        }
    }

    /// Parses a `spec_id` (exact, upper case as the API).
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if s.is_empty() {
            return Err(ValueError::Missing);
        }
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| ValueError::NotOneOf {
                given: s.to_owned(),
                allowed: EDITION_LIST,
            })
    }

    /// The name the console shows, e.g. `"Professional"`, `"Basic (IPv6)"`, `"Platinum 2"`.
    pub const fn display_name(self) -> &'static str {
        match self {
            Self::Basic => "Basic",
            Self::Professional => "Professional",
            Self::Enterprise => "Enterprise",
            Self::Platinum => "Platinum",
            Self::BasicIpv6 => "Basic (IPv6)",
            Self::ProfessionalIpv6 => "Professional (IPv6)",
            Self::EnterpriseIpv6 => "Enterprise (IPv6)",
            Self::PlatinumIpv6 => "Platinum (IPv6)",
            Self::PlatinumX2 => "Platinum 2",
            Self::PlatinumX3 => "Platinum 3",
            Self::PlatinumX4 => "Platinum 4",
            Self::PlatinumX5 => "Platinum 5",
            Self::PlatinumX6 => "Platinum 6",
            Self::PlatinumX7 => "Platinum 7",
            Self::PlatinumX8 => "Platinum 8",
        }
    }

    /// The base edition (IPv6 variants map to theirs; Platinum-X to Platinum).
    #[must_use]
    pub const fn base(self) -> Self {
        match self {
            Self::Basic | Self::BasicIpv6 => Self::Basic,
            Self::Professional | Self::ProfessionalIpv6 => Self::Professional,
            Self::Enterprise | Self::EnterpriseIpv6 => Self::Enterprise,
            _ => Self::Platinum,
        }
    }

    /// Whether this is an `_IPV6` variant.
    pub const fn is_ipv6(self) -> bool {
        matches!(
            self,
            Self::BasicIpv6 | Self::ProfessionalIpv6 | Self::EnterpriseIpv6 | Self::PlatinumIpv6
        )
    }

    /// The Platinum-X multiplier (2…8), `None` for the other editions.
    pub const fn platinum_step(self) -> Option<u8> {
        match self {
            Self::PlatinumX2 => Some(2),
            Self::PlatinumX3 => Some(3),
            Self::PlatinumX4 => Some(4),
            Self::PlatinumX5 => Some(5),
            Self::PlatinumX6 => Some(6),
            Self::PlatinumX7 => Some(7),
            Self::PlatinumX8 => Some(8),
            _ => None,
        }
    }

    /// Free private IPs the gateway takes from its subnet: 3 / 5 / 6 / 7, +4 per Platinum-X step.
    pub const fn private_ips_needed(self) -> u32 {
        if let Some(step) = self.platinum_step() {
            return 7 + 4 * (step as u32 - 1);
        }
        match self.base() {
            Self::Basic => 3,
            Self::Professional => 5,
            Self::Enterprise => 6,
            _ => 7,
        }
    }

    /// Maximum requests per second of the doc table; `None` where the docs give none (Platinum-X).
    pub const fn max_requests_per_second(self) -> Option<u32> {
        if self.platinum_step().is_some() {
            return None;
        }
        Some(match self.base() {
            Self::Basic => 2_000,
            Self::Professional => 4_000,
            Self::Enterprise => 6_000,
            _ => 10_000,
        })
    }

    /// Bandwidth in Mbit/s for one AZ and for two or more AZs; `None` for Platinum-X.
    pub const fn bandwidth_mbps(self) -> Option<(u32, u32)> {
        if self.platinum_step().is_some() {
            return None;
        }
        Some(match self.base() {
            Self::Basic => (50, 100),
            Self::Professional => (100, 200),
            Self::Enterprise => (200, 400),
            _ => (400, 800),
        })
    }

    /// APIs per gateway (quota); `None` for Platinum-X.
    pub const fn api_quota(self) -> Option<u32> {
        if self.platinum_step().is_some() {
            return None;
        }
        Some(match self.base() {
            Self::Basic => 250,
            Self::Professional => 800,
            Self::Enterprise => 2_000,
            _ => 8_000,
        })
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Edition {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Edition {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Edition> for String {
    fn from(e: Edition) -> Self {
        e.as_str().to_owned()
    }
}

/// Which end of a maintenance window a [`WindowError`] concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowEnd {
    /// `maintain_begin`
    Begin,
    /// `maintain_end`
    End,
}

/// A maintenance window error, with the end of the window it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct WindowError {
    /// Which field is wrong.
    pub end: WindowEnd,
    /// What is wrong.
    pub error: ValueError,
}

/// A scheduled maintenance window: one of six 4-hour windows (docs/reference.md, Maintenance
/// windows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MaintenanceWindow {
    begin_hour: u8,
}

impl Default for MaintenanceWindow {
    /// 22:00–02:00, the window of the documentation examples.
    fn default() -> Self {
        Self { begin_hour: 22 }
    }
}

/// Parses `HH:00:00` into the hour.
fn parse_hour(s: &str) -> Result<u8, ValueError> {
    let b = s.as_bytes();
    let ok = b.len() == 8 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && &b[2..] == b":00:00";
    if !ok {
        return Err(ValueError::TimeFormat(s.to_owned()));
    }
    let hour = (b[0] - b'0') * 10 + (b[1] - b'0');
    if hour > 23 {
        return Err(ValueError::TimeFormat(s.to_owned()));
    }
    Ok(hour)
}

impl MaintenanceWindow {
    /// The six windows in order of their begin hour.
    pub const ALL: [Self; 6] = [
        Self { begin_hour: 2 },
        Self { begin_hour: 6 },
        Self { begin_hour: 10 },
        Self { begin_hour: 14 },
        Self { begin_hour: 18 },
        Self { begin_hour: 22 },
    ];

    /// Parses `maintain_begin` / `maintain_end` (`"HH:00:00"`). An empty end is taken as
    /// begin + 4 h, as Terraform computes it.
    pub fn parse(begin: &str, end: &str) -> Result<Self, WindowError> {
        let begin_hour = parse_hour(begin).map_err(|error| WindowError {
            end: WindowEnd::Begin,
            error,
        })?;
        // Only 02, 06, 10, 14, 18 and 22 begin a window: exactly the hours ≡ 2 (mod 4).
        if begin_hour % 4 != 2 {
            return Err(WindowError {
                end: WindowEnd::Begin,
                error: ValueError::WindowHour(begin_hour),
            });
        }
        let window = Self { begin_hour };
        if end.is_empty() {
            return Ok(window);
        }
        let end_hour = parse_hour(end).map_err(|error| WindowError {
            end: WindowEnd::End,
            error,
        })?;
        if end_hour != window.end_hour() {
            return Err(WindowError {
                end: WindowEnd::End,
                error: ValueError::WindowLength {
                    expected: window.end(),
                },
            });
        }
        Ok(window)
    }

    /// The hour the window begins (2, 6, 10, 14, 18 or 22).
    pub const fn begin_hour(self) -> u8 {
        self.begin_hour
    }

    /// The hour the window ends: begin + 4 modulo 24.
    pub const fn end_hour(self) -> u8 {
        (self.begin_hour + 4) % 24
    }

    /// `maintain_begin`, e.g. `"22:00:00"`.
    pub fn begin(self) -> String {
        format!("{:02}:00:00", self.begin_hour)
    }

    /// `maintain_end`, e.g. `"02:00:00"`.
    pub fn end(self) -> String {
        format!("{:02}:00:00", self.end_hour())
    }

    /// The label the console shows, e.g. `"22:00 – 02:00"`.
    pub fn label(self) -> String {
        format!("{:02}:00 – {:02}:00", self.begin_hour, self.end_hour())
    }
}

/// The stored form of a window: `{"begin":"22:00:00","end":"02:00:00"}`.
#[derive(Serialize, Deserialize)]
struct WindowRepr {
    begin: String,
    end: String,
}

impl Serialize for MaintenanceWindow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WindowRepr {
            begin: self.begin(),
            end: self.end(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for MaintenanceWindow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let repr = WindowRepr::deserialize(d)?;
        Self::parse(&repr.begin, &repr.end).map_err(serde::de::Error::custom)
    }
}

/// An availability-zone code such as `cn-north-4a`: lower-case letters, digits and `-`,
/// 1–64 characters. Whether the region has it is checked against the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AzCode(String);

impl AzCode {
    /// Parses an AZ code.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if s.is_empty() {
            return Err(ValueError::Missing);
        }
        if let Some(bad) = s
            .chars()
            .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        {
            return Err(ValueError::BadChar(bad));
        }
        if s.len() > 64 {
            return Err(ValueError::Length {
                min: 1,
                max: 64,
                actual: s.len(),
            });
        }
        Ok(Self(s.to_owned()))
    }
}
string_newtype_impls!(AzCode);

/// A public bandwidth in Mbit/s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Bandwidth(u32);

impl Bandwidth {
    /// Smallest outbound (NAT) bandwidth when outbound access is on.
    pub const OUTBOUND_MIN: u32 = 1;
    /// Smallest inbound (ELB) bandwidth.
    pub const INBOUND_MIN: u32 = 5;
    /// Largest bandwidth (TF: 2000; no inbound maximum is documented, the same cap is used).
    pub const MAX: u32 = 2000;

    /// Parses an outbound bandwidth (1–2000).
    pub fn outbound(mbps: u32) -> Result<Self, ValueError> {
        Self::in_range(u64::from(mbps), Self::OUTBOUND_MIN)
    }

    /// Parses an inbound bandwidth (5–2000).
    pub fn inbound(mbps: u32) -> Result<Self, ValueError> {
        Self::in_range(u64::from(mbps), Self::INBOUND_MIN)
    }

    /// Parses typed text (as in a form field) as an outbound bandwidth.
    pub fn parse_outbound(s: &str) -> Result<Self, ValueError> {
        Self::in_range(parse_number(s)?, Self::OUTBOUND_MIN)
    }

    /// Parses typed text as an inbound bandwidth.
    pub fn parse_inbound(s: &str) -> Result<Self, ValueError> {
        Self::in_range(parse_number(s)?, Self::INBOUND_MIN)
    }

    fn in_range(n: u64, min: u32) -> Result<Self, ValueError> {
        match u32::try_from(n) {
            Ok(v) if (min..=Self::MAX).contains(&v) => Ok(Self(v)),
            _ => Err(ValueError::OutOfRange {
                min,
                max: Self::MAX,
                actual: n,
            }),
        }
    }

    /// Mbit/s.
    pub const fn mbps(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Bandwidth {
    type Error = ValueError;
    /// Any stored bandwidth is at least the outbound minimum.
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        Self::outbound(v)
    }
}

impl From<Bandwidth> for u32 {
    fn from(b: Bandwidth) -> Self {
        b.0
    }
}

impl fmt::Display for Bandwidth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} Mbit/s", self.0)
    }
}

/// Parses a whole number typed in a form (surrounding spaces allowed).
fn parse_number(s: &str) -> Result<u64, ValueError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(ValueError::Missing);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotANumber(s.to_owned()));
    }
    // Saturate rather than fail on absurdly long digit strings: the range check rejects them.
    Ok(t.parse::<u64>().unwrap_or(u64::MAX))
}

/// A gateway ID: 32 lower-case hexadecimal characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InstanceId(String);

impl InstanceId {
    /// Parses a caller-chosen instance ID.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if let Some(bad) = s
            .chars()
            .find(|&c| !(c.is_ascii_digit() || ('a'..='f').contains(&c)))
        {
            return Err(ValueError::BadChar(bad));
        }
        if s.len() != 32 {
            return Err(ValueError::Length {
                min: 32,
                max: 32,
                actual: s.chars().count(),
            });
        }
        Ok(Self(s.to_owned()))
    }

    /// Derives an ID from the given parts (SHA-256, first 16 bytes as hex): the same inputs
    /// always give the same ID, and the caller's nonce makes it unique.
    pub fn derive(parts: &[&str], nonce: u64) -> Self {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for p in parts {
            h.update(p.as_bytes());
            h.update([0u8]);
        }
        h.update(nonce.to_be_bytes());
        let digest = h.finalize();
        Self(hex(&digest[..16]))
    }

    /// [`InstanceId::derive`] laid out as a version-4 UUID (8-4-4-4-12, version nibble 4,
    /// variant nibble 8), the shape of EIP, VPC and other resource IDs.
    pub fn derive_uuid(parts: &[&str], nonce: u64) -> String {
        let id = Self::derive(parts, nonce);
        let s = id.as_str();
        format!(
            "{}-{}-4{}-8{}-{}",
            &s[0..8],
            &s[8..12],
            &s[13..16],
            &s[17..20],
            &s[20..32]
        )
    }
}
string_newtype_impls!(InstanceId);

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// The VPC endpoint service name: 0–16 letters, digits, `-` or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VpcepServiceName(String);

impl VpcepServiceName {
    /// Parses a VPC endpoint service name.
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        if let Some(bad) = s
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            return Err(ValueError::BadChar(bad));
        }
        if s.len() > 16 {
            return Err(ValueError::Length {
                min: 0,
                max: 16,
                actual: s.len(),
            });
        }
        Ok(Self(s.to_owned()))
    }
}
string_newtype_impls!(VpcepServiceName);

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
            if let Some(bad) = text.chars().find(|&c| !tag_char_ok(c, part)) {
                return Err((part, ValueError::BadChar(bad)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check_name(input: &str, expect: &Result<(), ValueError>) {
        assert_eq!(&GatewayName::parse(input).map(|_| ()), expect, "{input:?}");
    }

    #[test]
    fn gateway_name_boundaries() {
        let len = |actual| {
            Err(ValueError::Length {
                min: 3,
                max: 64,
                actual,
            })
        };
        check_name("", &Err(ValueError::Missing));
        check_name("ab", &len(2));
        check_name("abc", &Ok(()));
        check_name(&format!("a{}", "b".repeat(63)), &Ok(()));
        check_name(&format!("a{}", "b".repeat(64)), &len(65));
        check_name("1abc", &Err(ValueError::FirstChar('1')));
        check_name("_abc", &Err(ValueError::FirstChar('_')));
        check_name("-abc", &Err(ValueError::FirstChar('-')));
        check_name("网关一", &Ok(()));
        check_name("网关", &len(2));
        check_name("a网关-_9", &Ok(()));
        check_name("abc d", &Err(ValueError::BadChar(' ')));
        check_name("abc.d", &Err(ValueError::BadChar('.')));
        check_name("abcé", &Err(ValueError::BadChar('é')));
        check_name("éabc", &Err(ValueError::FirstChar('é')));
        // U+9FA6 is just past the accepted CJK range.
        check_name("ab\u{9fa6}", &Err(ValueError::BadChar('\u{9fa6}')));
        check_name("\u{9fa5}ab", &Ok(()));
        check_name("\u{4e00}ab", &Ok(()));
        check_name("\u{4dff}ab", &Err(ValueError::FirstChar('\u{4dff}')));
    }

    #[test]
    fn description_boundaries() {
        let cases: &[(String, Result<(), ValueError>)] = &[
            (String::new(), Ok(())),
            ("x".repeat(255), Ok(())),
            ("网".repeat(255), Ok(())),
            (
                "x".repeat(256),
                Err(ValueError::Length {
                    min: 0,
                    max: 255,
                    actual: 256,
                }),
            ),
            ("a <b>".to_owned(), Err(ValueError::BadChar('<'))),
            ("a >".to_owned(), Err(ValueError::BadChar('>'))),
            ("line\nbreak & \"quotes\"".to_owned(), Ok(())),
        ];
        for (input, expect) in cases {
            assert_eq!(&Description::parse(input).map(|_| ()), expect, "{input:?}");
        }
    }

    #[test]
    fn editions_and_private_ips() {
        let cases = [
            ("BASIC", 3),
            ("PROFESSIONAL", 5),
            ("ENTERPRISE", 6),
            ("PLATINUM", 7),
            ("BASIC_IPV6", 3),
            ("PROFESSIONAL_IPV6", 5),
            ("ENTERPRISE_IPV6", 6),
            ("PLATINUM_IPV6", 7),
            ("PLATINUM_X2", 11),
            ("PLATINUM_X3", 15),
            ("PLATINUM_X4", 19),
            ("PLATINUM_X5", 23),
            ("PLATINUM_X6", 27),
            ("PLATINUM_X7", 31),
            ("PLATINUM_X8", 35),
        ];
        for (spec, ips) in cases {
            let e = Edition::parse(spec).expect(spec);
            assert_eq!(e.private_ips_needed(), ips, "{spec}");
            assert_eq!(e.as_str(), spec);
        }
        for bad in ["basic", "PLATINUM_X1", "PLATINUM_X9", " BASIC", "GOLD"] {
            assert!(
                matches!(Edition::parse(bad), Err(ValueError::NotOneOf { .. })),
                "{bad}"
            );
        }
        assert_eq!(Edition::parse(""), Err(ValueError::Missing));
        assert_eq!(Edition::Professional.max_requests_per_second(), Some(4_000));
        assert_eq!(Edition::Enterprise.bandwidth_mbps(), Some((200, 400)));
        assert_eq!(Edition::PlatinumIpv6.api_quota(), Some(8_000));
        assert_eq!(Edition::PlatinumX2.api_quota(), None);
    }

    fn check_window(begin: &str, end: &str, expect: Result<u8, (WindowEnd, ErrorCode)>) {
        let got = MaintenanceWindow::parse(begin, end)
            .map(MaintenanceWindow::begin_hour)
            .map_err(|e| (e.end, e.error.code()));
        assert_eq!(got, expect, "{begin:?}-{end:?}");
    }

    #[test]
    fn maintenance_windows() {
        use ErrorCode::{InvalidParameter, MaintainWindowHour, MaintainWindowLength};
        use WindowEnd::{Begin, End};
        check_window("02:00:00", "06:00:00", Ok(2));
        check_window("06:00:00", "10:00:00", Ok(6));
        check_window("10:00:00", "14:00:00", Ok(10));
        check_window("14:00:00", "18:00:00", Ok(14));
        check_window("18:00:00", "22:00:00", Ok(18));
        check_window("22:00:00", "02:00:00", Ok(22));
        check_window("22:00:00", "", Ok(22));
        check_window("22:00:00", "23:00:00", Err((End, MaintainWindowLength)));
        check_window("02:00:00", "02:00:00", Err((End, MaintainWindowLength)));
        check_window("03:00:00", "07:00:00", Err((Begin, MaintainWindowHour)));
        check_window("00:00:00", "04:00:00", Err((Begin, MaintainWindowHour)));
        check_window("2:00:00", "06:00:00", Err((Begin, InvalidParameter)));
        check_window("02:30:00", "06:30:00", Err((Begin, InvalidParameter)));
        check_window("24:00:00", "04:00:00", Err((Begin, InvalidParameter)));
        check_window("", "", Err((Begin, InvalidParameter)));
        check_window("02:00:00", "6:00", Err((End, InvalidParameter)));
        for w in MaintenanceWindow::ALL {
            assert_eq!(MaintenanceWindow::parse(&w.begin(), &w.end()), Ok(w));
        }
        assert_eq!(MaintenanceWindow::default().label(), "22:00 – 02:00");
    }

    #[test]
    fn bandwidths() {
        type Parsed = Result<u32, ValueError>;
        let range = |min, actual| {
            Err(ValueError::OutOfRange {
                min,
                max: 2000,
                actual,
            })
        };
        let cases: &[(&str, Parsed, Parsed)] = &[
            ("0", range(1, 0), range(5, 0)),
            ("1", Ok(1), range(5, 1)),
            ("4", Ok(4), range(5, 4)),
            ("5", Ok(5), Ok(5)),
            (" 2000 ", Ok(2000), Ok(2000)),
            ("2001", range(1, 2001), range(5, 2001)),
            ("", Err(ValueError::Missing), Err(ValueError::Missing)),
            (
                "5.5",
                Err(ValueError::NotANumber("5.5".into())),
                Err(ValueError::NotANumber("5.5".into())),
            ),
            (
                "99999999999999999999999",
                range(1, u64::MAX),
                range(5, u64::MAX),
            ),
        ];
        for (input, out, inb) in cases {
            assert_eq!(
                &Bandwidth::parse_outbound(input).map(Bandwidth::mbps),
                out,
                "{input}"
            );
            assert_eq!(
                &Bandwidth::parse_inbound(input).map(Bandwidth::mbps),
                inb,
                "{input}"
            );
        }
    }

    #[test]
    fn tags() {
        let cases: &[(&str, &str, Result<(), TagPart>)] = &[
            ("env", "prod", Ok(())),
            ("k", "", Ok(())),
            ("", "v", Err(TagPart::Key)),
            ("_sys_x", "v", Err(TagPart::Key)),
            ("_sysx", "v", Ok(())),
            ("a b_.:=+-@", "a/b", Ok(())),
            ("a/b", "v", Err(TagPart::Key)),
            ("环境", "生产", Ok(())),
            ("k", "<", Err(TagPart::Value)),
        ];
        for (k, v, expect) in cases {
            assert_eq!(
                &Tag::parse(k, v).map(|_| ()).map_err(|(p, _)| p),
                expect,
                "{k:?}={v:?}"
            );
        }
        let long = |n| "k".repeat(n);
        assert!(Tag::parse(&long(128), "").is_ok());
        assert!(Tag::parse(&long(129), "").is_err());
        assert!(Tag::parse("k", &long(255)).is_ok());
        assert!(Tag::parse("k", &long(256)).is_err());
        let n_tags = |n: usize| {
            (0..n)
                .map(|i| Tag::parse(&format!("k{i}"), "v").expect("valid tag"))
                .collect::<Vec<_>>()
        };
        assert!(Tags::new(n_tags(20)).is_ok());
        assert_eq!(
            Tags::new(n_tags(21)).map(|_| ()).map_err(|e| e.code()),
            Err(ErrorCode::TooManyTags)
        );
        let mut dup = n_tags(2);
        dup.push(dup[0].clone());
        assert_eq!(Tags::new(dup), Err(ValueError::Duplicate("k0".into())));
    }

    #[test]
    fn instance_ids() {
        let id = InstanceId::derive(&["cn-north-4", "gw"], 7);
        assert_eq!(id.as_str().len(), 32);
        assert!(InstanceId::parse(id.as_str()).is_ok());
        assert_eq!(id, InstanceId::derive(&["cn-north-4", "gw"], 7));
        assert_ne!(id, InstanceId::derive(&["cn-north-4", "gw"], 8));
        assert!(InstanceId::parse("6a7d71827fd54572b1f31aa9548fcc81").is_ok());
        assert!(InstanceId::parse("6A7D71827FD54572B1F31AA9548FCC81").is_err());
        assert!(InstanceId::parse("6a7d71827fd54572b1f31aa9548fcc8").is_err());
    }

    #[test]
    fn serde_keeps_invariants() {
        let bad: Result<GatewayName, _> = serde_json::from_str("\"1bad\"");
        assert!(bad.is_err());
        let w: MaintenanceWindow =
            serde_json::from_str(r#"{"begin":"06:00:00","end":"10:00:00"}"#).expect("valid");
        assert_eq!(w.begin_hour(), 6);
        let bad_w: Result<MaintenanceWindow, _> =
            serde_json::from_str(r#"{"begin":"07:00:00","end":"11:00:00"}"#);
        assert!(bad_w.is_err());
    }
}
