//! Validated values: newtypes with private fields, built only by `parse` / `TryFrom`.
//!
//! "Parse, don't validate": once a [`GatewayName`] exists it is a valid gateway name, so code
//! that holds one never checks again. Every failure is a [`ValueError`] carrying the APIC code
//! the real service returns for it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::code::{ErrorCode, UnknownErrorCode};
pub use error::{CharSet, CharWords, ValueError};
pub use tags::{Tag, TagPart, Tags};

mod error;
mod tags;

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
        let Some(first) = s.chars().next() else {
            return Err(ValueError::Missing);
        };
        if let Some(bad) = ValueError::bad_chars(
            s,
            |c| c.is_ascii_alphanumeric() || is_cjk(c) || c == '-' || c == '_',
            CharSet::GatewayName,
        ) {
            return Err(bad);
        }
        if !(first.is_ascii_alphabetic() || is_cjk(first)) {
            return Err(ValueError::FirstChar(first));
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
        if let Some(bad) = ValueError::bad_chars(s, |c| c != '<' && c != '>', CharSet::AllBut) {
            return Err(bad);
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
        if let Some(bad) = ValueError::bad_chars(
            s,
            |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
            CharSet::AzCode,
        ) {
            return Err(bad);
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
        if let Some(bad) = ValueError::bad_chars(
            s,
            |c| c.is_ascii_digit() || ('a'..='f').contains(&c),
            CharSet::Hex,
        ) {
            return Err(bad);
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
        if let Some(bad) = ValueError::bad_chars(
            s,
            |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
            CharSet::Word,
        ) {
            return Err(bad);
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

#[cfg(test)]
mod tests;
