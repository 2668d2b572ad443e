//! Path templates of APIs (`req_uri` with `{name}` and `{name+}`) and how a request path
//! matches one, exactly (`NORMAL`) or as a prefix (`SWA`) (docs/reference.md, Data plane).
//!
//! A path is compared segment by segment, case-sensitively, after percent-decoding each
//! segment; empty segments (a doubled or trailing `/`) are ignored, so `/a/b/` calls `/a/b`.
//! `{name}` takes one segment, `{name+}` (last only) one or more.

use std::cmp::Ordering;

use crate::sign::decode_component;

/// One segment of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text that must be equal.
    Literal(String),
    /// `{name}`: any one segment.
    Param(String),
    /// `{name+}`: the rest of the path, one segment or more.
    Greedy(String),
}

/// A parsed `req_uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    segments: Vec<Segment>,
}

/// Why a `req_uri` is not a template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// It does not start with `/`.
    #[error("the path must start with /")]
    NoLeadingSlash,
    /// A `{` without its `}`, or braces inside a segment's text.
    #[error("segment `{0}`: a path parameter takes a whole segment, written {{name}} or {{name+}}")]
    BadParameter(String),
    /// `{name+}` before the last segment.
    #[error("`{{{0}+}}` must be the last segment")]
    GreedyNotLast(String),
    /// The same parameter twice.
    #[error("path parameter `{0}` appears twice")]
    Repeated(String),
}

impl Template {
    /// Parses `/a/{id}/{rest+}`.
    pub fn parse(uri: &str) -> Result<Self, TemplateError> {
        let rest = uri.strip_prefix('/').ok_or(TemplateError::NoLeadingSlash)?;
        let mut segments = Vec::new();
        for text in rest.split('/').filter(|s| !s.is_empty()) {
            if let Some(Segment::Greedy(name)) = segments.last() {
                return Err(TemplateError::GreedyNotLast(name.clone()));
            }
            let segment = match text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(inner) => {
                    let (name, greedy) = match inner.strip_suffix('+') {
                        Some(name) => (name, true),
                        None => (inner, false),
                    };
                    if name.is_empty() || name.contains(['{', '}', '+']) {
                        return Err(TemplateError::BadParameter(text.to_owned()));
                    }
                    if greedy {
                        Segment::Greedy(name.to_owned())
                    } else {
                        Segment::Param(name.to_owned())
                    }
                }
                None if text.contains(['{', '}']) => {
                    return Err(TemplateError::BadParameter(text.to_owned()));
                }
                None => Segment::Literal(decode_component(text)),
            };
            if let Segment::Param(name) | Segment::Greedy(name) = &segment
                && segments
                    .iter()
                    .any(|s| matches!(s, Segment::Param(n) | Segment::Greedy(n) if n == name))
            {
                return Err(TemplateError::Repeated(name.clone()));
            }
            segments.push(segment);
        }
        Ok(Self { segments })
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The names of the path parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(name) | Segment::Greedy(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
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
                        .find(|(n, _)| n == name)
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
                params.push((name.clone(), segments.get(used)?.clone()));
                kinds.push(1);
                used += 1;
            }
            Segment::Greedy(name) => {
                if used >= segments.len() {
                    return None;
                }
                params.push((name.clone(), segments[used..].join("/")));
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
        assert_eq!(Template::parse("a"), Err(TemplateError::NoLeadingSlash));
        assert!(
            matches!(Template::parse("/{a+}/b"), Err(TemplateError::GreedyNotLast(n)) if n == "a")
        );
        assert!(matches!(
            Template::parse("/x{a}"),
            Err(TemplateError::BadParameter(_))
        ));
        assert!(matches!(
            Template::parse("/{}"),
            Err(TemplateError::BadParameter(_))
        ));
        assert!(matches!(
            Template::parse("/{a}/{a}"),
            Err(TemplateError::Repeated(_))
        ));
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
