//! Paths and backend addresses: [`ReqUri`] (the path an API answers, with `{p}` and `{p+}`
//! parameters), [`BackendUri`] (the backend path, also with `#VARIABLE#`s) and [`UrlDomain`]
//! (the backend's `host[:port]`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::names::ParamName;
use super::refusal::Invalid;

/// One `/`-separated piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Literal text, matched case-sensitively.
    Literal(String),
    /// `{name}`: exactly one segment.
    Param(ParamName),
    /// `{name+}`: the rest of the path (only last).
    Greedy(ParamName),
}

impl Segment {
    /// The parameter's name, if the segment is one.
    pub fn param(&self) -> Option<&ParamName> {
        match self {
            Self::Literal(_) => None,
            Self::Param(p) | Self::Greedy(p) => Some(p),
        }
    }
}

const PATH_CHARS: &str = "letters, digits, / and - _ . ~ % * + { } ! $ & ' ( ) , ; = : @";

fn path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/-_.~%*+{}!$&'(),;=:@".contains(c)
}

/// Parses the segments of a path: starts with `/`, at most 512 characters, no empty segment
/// inside (a trailing `/` is kept as the path's text only), parameters whole segments with
/// distinct names, a greedy one only last. `extra` lets a backend path also hold `#`.
fn parse_segments(s: &str, extra: fn(char) -> bool) -> Result<Vec<Segment>, Invalid> {
    if s.is_empty() {
        return Err(Invalid::Missing);
    }
    if let Some(ch) = s.chars().find(|&c| !(path_char(c) || extra(c))) {
        return Err(Invalid::BadChar {
            ch,
            allowed: PATH_CHARS,
        });
    }
    let actual = s.chars().count();
    if actual > 512 {
        return Err(Invalid::Length {
            min: 1,
            max: 512,
            actual,
        });
    }
    let Some(rest) = s.strip_prefix('/') else {
        return Err(Invalid::Format("must start with /"));
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let pieces: Vec<&str> = rest.split('/').collect();
    let mut segments = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.iter().enumerate() {
        if piece.is_empty() {
            return Err(Invalid::Format("must not contain // (an empty segment)"));
        }
        let segment = if let Some(inner) = piece.strip_prefix('{').and_then(|p| p.strip_suffix('}'))
        {
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(n) => (n, true),
                None => (inner, false),
            };
            let name = ParamName::parse(name).map_err(|_| {
                Invalid::Format(
                    "must name each parameter {name} or {name+} with 1–32 letters, digits, . _ or -, starting with a letter",
                )
            })?;
            if greedy {
                if i + 1 != pieces.len() {
                    return Err(Invalid::Format(
                        "may have a greedy parameter {name+} only as its last segment",
                    ));
                }
                Segment::Greedy(name)
            } else {
                Segment::Param(name)
            }
        } else if piece.contains(['{', '}']) {
            return Err(Invalid::Format(
                "must use { } only around a whole segment, as in /users/{id}",
            ));
        } else {
            Segment::Literal((*piece).to_owned())
        };
        if let Some(name) = segment.param()
            && segments
                .iter()
                .any(|s: &Segment| s.param().is_some_and(|n| n == name))
        {
            return Err(Invalid::Format("must not name a parameter twice"));
        }
        segments.push(segment);
    }
    Ok(segments)
}

macro_rules! path_newtype {
    ($(#[$doc:meta])* $t:ident, $extra:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $t {
            text: String,
            segments: Vec<Segment>,
        }

        impl $t {
            /// Parses the path, naming the first rule it breaks.
            pub fn parse(s: &str) -> Result<Self, Invalid> {
                let segments = parse_segments(s, $extra)?;
                Ok(Self {
                    text: s.to_owned(),
                    segments,
                })
            }

            /// The path as given.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// Its segments (none for `/`).
            pub fn segments(&self) -> &[Segment] {
                &self.segments
            }

            /// The names of its `{p}` / `{p+}` parameters, in order.
            pub fn params(&self) -> impl Iterator<Item = &ParamName> {
                self.segments.iter().filter_map(Segment::param)
            }

            /// Whether the path ends with a greedy `{p+}` parameter.
            pub fn is_greedy(&self) -> bool {
                matches!(self.segments.last(), Some(Segment::Greedy(_)))
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($t), self.text)
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl TryFrom<String> for $t {
            type Error = Invalid;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> Self {
                v.text
            }
        }
    };
}

path_newtype!(
    /// The path an API answers (`req_uri`): starts with `/`, at most 512 characters, letters,
    /// digits and `-_.~%*+!$&'(),;=:@`; `{name}` parameters each a whole segment, `{name+}`
    /// (the rest of the path) only last; case-sensitive.
    ReqUri,
    |_| false
);

path_newtype!(
    /// The backend path (`backend_api.req_uri`): as [`ReqUri`], and may hold `#VARIABLE#`
    /// environment variables inside segments.
    BackendUri,
    |c| c == '#'
);

/// The backend address (`backend_api.url_domain`): a host name or IPv4 address, optionally
/// with `:port` (1–65535); at most 255 characters.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UrlDomain {
    host: String,
    port: Option<u16>,
}

impl UrlDomain {
    /// Parses `host[:port]`.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        if s.is_empty() {
            return Err(Invalid::Missing);
        }
        let actual = s.chars().count();
        if actual > 255 {
            return Err(Invalid::Length {
                min: 1,
                max: 255,
                actual,
            });
        }
        let (host, port) = match s.rsplit_once(':') {
            Some((h, p)) => {
                let port = p
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or(Invalid::Format(
                        "must end in a port between 1 and 65535 after the :",
                    ))?;
                (h, Some(port))
            }
            None => (s, None),
        };
        if let Some(ch) = host
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        {
            return Err(Invalid::BadChar {
                ch,
                allowed: "letters, digits, - and . (then :port)",
            });
        }
        if host.is_empty() || host.split('.').any(str::is_empty) {
            return Err(Invalid::Format(
                "must be a host name or IPv4 address such as backend.example.com:8080",
            ));
        }
        Ok(Self {
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The host, lower case.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port given, if any (else the scheme's default: 80 / 443).
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

impl fmt::Display for UrlDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.port {
            Some(p) => write!(f, "{}:{p}", self.host),
            None => f.write_str(&self.host),
        }
    }
}

impl fmt::Debug for UrlDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UrlDomain({:?})", self.to_string())
    }
}

impl TryFrom<String> for UrlDomain {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<UrlDomain> for String {
    fn from(v: UrlDomain) -> Self {
        v.to_string()
    }
}
