//! Path templates of APIs (`req_uri` with `{name}` and `{name+}`) and how a request path
//! matches one, exactly (`NORMAL`) or as a prefix (`SWA`) (docs/reference.md, Data plane).
//!
//! A path is compared segment by segment, case-sensitively, after percent-decoding each
//! segment; empty segments (a doubled or trailing `/`) are ignored, so `/a/b/` calls `/a/b`.
//! `{name}` takes one segment, `{name+}` (last only) one or more.

use std::cmp::Ordering;

use crate::apis::{BackendUri, Invalid, ParamName, ReqUri, Segment};
use crate::sign::decode_component;

/// A path template as matching uses it: the segments of a [`ReqUri`] (or, for a backend, a
/// [`BackendUri`]) — parsed by the catalogue's one parser — with literal text
/// percent-decoded, as request paths are compared decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    /// Parses an API's path `/a/{id}/{rest+}` by the rules of `req_uri`.
    pub fn parse(uri: &str) -> Result<Self, Invalid> {
        ReqUri::parse(uri).map(|uri| Self::of(uri.segments()))
    }

    /// Parses a backend's path by the rules of `backend_api.req_uri`.
    pub fn parse_backend(uri: &str) -> Result<Self, Invalid> {
        BackendUri::parse(uri).map(|uri| Self::of(uri.segments()))
    }

    fn of(segments: &[Segment]) -> Self {
        Self {
            segments: segments
                .iter()
                .map(|segment| match segment {
                    Segment::Literal(text) => Segment::Literal(decode_component(text)),
                    other => other.clone(),
                })
                .collect(),
        }
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The names of the path parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments
            .iter()
            .filter_map(|s| s.param().map(ParamName::as_str))
    }

    /// Writes the template with `values` for its parameters (each value's segments
    /// percent-encoded; a missing value leaves the parameter empty), e.g. for a backend path.
    pub fn fill(&self, values: &[(String, String)]) -> String {
        let mut path = String::new();
        for segment in &self.segments {
            path.push('/');
            match segment {
                Segment::Literal(text) => path.push_str(&encode_path(text)),
                Segment::Param(name) | Segment::Greedy(name) => {
                    let value = values
                        .iter()
                        .find(|(n, _)| n == name.as_str())
                        .map_or("", |(_, v)| v.as_str());
                    path.push_str(&encode_path(value));
                }
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        path
    }
}

/// Percent-encodes each `/`-separated part of `text`, keeping the slashes.
pub fn encode_path(text: &str) -> String {
    text.split('/')
        .map(crate::sign::encode_component)
        .collect::<Vec<_>>()
        .join("/")
}

/// How a template matches: the whole path (`NORMAL`) or a prefix of it (`SWA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchMode {
    /// `NORMAL`: the path must match the template entirely.
    Exact,
    /// `SWA`: the template must match the path's first segments; the rest is passed on.
    Prefix,
}

/// A successful match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatch {
    /// The path parameters' values (decoded), in template order.
    pub params: Vec<(String, String)>,
    /// For a prefix match, the segments after the prefix (decoded, joined with `/`, without a
    /// leading `/`); empty otherwise.
    pub remainder: String,
    rank: Rank,
}

impl PathMatch {
    /// How specific the match is; higher wins.
    pub fn rank(&self) -> &Rank {
        &self.rank
    }
}

/// The specificity of a match: exact before prefix, then the longer prefix, then segment by
/// segment a literal before `{name}` before `{name+}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rank {
    exact: bool,
    length: usize,
    kinds: Vec<u8>,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.exact
            .cmp(&other.exact)
            .then(self.length.cmp(&other.length))
            .then_with(|| self.kinds.cmp(&other.kinds))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The decoded, non-empty segments of a raw request path.
pub fn path_segments(raw_path: &str) -> Vec<String> {
    raw_path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode_component)
        .collect()
}

/// Matches the decoded `segments` of a request path against `template` in `mode`.
pub fn match_path(template: &Template, mode: MatchMode, segments: &[String]) -> Option<PathMatch> {
    let mut params = Vec::new();
    let mut kinds = Vec::with_capacity(template.segments.len());
    let mut used = 0;
    for segment in &template.segments {
        match segment {
            Segment::Literal(text) => {
                if segments.get(used) != Some(text) {
                    return None;
                }
                kinds.push(2);
                used += 1;
            }
            Segment::Param(name) => {
                params.push((name.to_string(), segments.get(used)?.clone()));
                kinds.push(1);
                used += 1;
            }
            Segment::Greedy(name) => {
                if used >= segments.len() {
                    return None;
                }
                params.push((name.to_string(), segments[used..].join("/")));
                kinds.push(0);
                used = segments.len();
            }
        }
    }
    let remainder = match mode {
        MatchMode::Exact if used != segments.len() => return None,
        MatchMode::Exact => String::new(),
        MatchMode::Prefix => segments[used..].join("/"),
    };
    Some(PathMatch {
        params,
        remainder,
        rank: Rank {
            exact: mode == MatchMode::Exact,
            length: template.segments.len(),
            kinds,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        path_segments(path)
    }

    fn t(uri: &str) -> Template {
        Template::parse(uri).expect(uri)
    }

    #[test]
    fn parses_and_refuses() {
        assert_eq!(
            t("/a/{id}/{rest+}").params().collect::<Vec<_>>(),
            ["id", "rest"]
        );
        assert_eq!(t("/").segments().len(), 0);
        // The rules of `req_uri`, from the catalogue's parser.
        for bad in ["a", "/{a+}/b", "/x{a}", "/{}", "/{a}/{a}", "/a//b"] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
        // Literal text is compared decoded.
        assert_eq!(t("/a%20b").segments(), [Segment::Literal("a b".into())]);
        assert!(Template::parse_backend("/v1/#NAME#/{id}").is_ok());
    }

    #[test]
    fn exact_and_params() {
        let m = match_path(&t("/users/{id}"), MatchMode::Exact, &segs("/users/42")).expect("match");
        assert_eq!(m.params, [("id".to_owned(), "42".to_owned())]);
        assert!(match_path(&t("/users/{id}"), MatchMode::Exact, &segs("/users/42/x")).is_none());
        assert!(match_path(&t("/users/{id}"), MatchMode::Exact, &segs("/users")).is_none());
        assert!(match_path(&t("/Users"), MatchMode::Exact, &segs("/users")).is_none());
        let m = match_path(&t("/f/{p+}"), MatchMode::Exact, &segs("/f/a/b%20c")).expect("greedy");
        assert_eq!(m.params[0].1, "a/b c");
        assert!(match_path(&t("/f/{p+}"), MatchMode::Exact, &segs("/f")).is_none());
        assert!(match_path(&t("/a/b"), MatchMode::Exact, &segs("/a/b/")).is_some());
    }

    #[test]
    fn prefix_takes_whole_segments_and_passes_the_rest() {
        let m =
            match_path(&t("/test/AA"), MatchMode::Prefix, &segs("/test/AA/BB")).expect("prefix");
        assert_eq!(m.remainder, "BB");
        assert!(match_path(&t("/test/AA"), MatchMode::Prefix, &segs("/test/AACC")).is_none());
        let whole =
            match_path(&t("/test/AA"), MatchMode::Prefix, &segs("/test/AA")).expect("whole");
        assert_eq!(whole.remainder, "");
    }

    #[test]
    fn ranks_exact_then_longest_then_literal() {
        let path = segs("/a/b/c");
        let exact = match_path(&t("/a/{x}/c"), MatchMode::Exact, &path).expect("exact");
        let long = match_path(&t("/a/b"), MatchMode::Prefix, &path).expect("long");
        let short = match_path(&t("/a"), MatchMode::Prefix, &path).expect("short");
        assert!(exact.rank() > long.rank());
        assert!(long.rank() > short.rank());
        let literal = match_path(&t("/a/b/c"), MatchMode::Exact, &path).expect("literal");
        let greedy = match_path(&t("/a/{p+}"), MatchMode::Exact, &path).expect("greedy");
        assert!(literal.rank() > exact.rank());
        assert!(exact.rank() > greedy.rank());
    }

    #[test]
    fn fills_a_backend_path() {
        let values = [
            ("id".to_owned(), "a b".to_owned()),
            ("rest".to_owned(), "x/y".to_owned()),
        ];
        assert_eq!(t("/u/{id}/{rest+}").fill(&values), "/u/a%20b/x/y");
        assert_eq!(t("/").fill(&values), "/");
    }
}
