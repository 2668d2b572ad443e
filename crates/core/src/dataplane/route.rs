//! Which API of a group a call is for: by method and path among the APIs published in the
//! call's environment (docs/reference.md, Data plane; docs/mock.md, Data plane).
//!
//! Precedence, first difference wins: an exact (`NORMAL`) match before a prefix (`SWA`) one;
//! the longer template; segment by segment a literal before `{name}` before `{name+}`; then an
//! API of the call's method before an `ANY` one. A path that exists only under another method
//! is not found (404 `APIG.0101`), as the service answers.

use super::path::{MatchMode, PathMatch, Template, match_path};

/// An API's method: `ANY` or one method.
pub fn method_matches(api_method: &str, call_method: &str) -> bool {
    api_method.eq_ignore_ascii_case("ANY") || api_method.eq_ignore_ascii_case(call_method)
}

/// One candidate API: what routing looks at.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a, T> {
    /// The API (whatever the caller keeps).
    pub api: &'a T,
    /// Its `req_method` (`GET`, …, `ANY`).
    pub method: &'a str,
    /// Its `req_uri`.
    pub req_uri: &'a str,
    /// Its `match_mode`.
    pub mode: MatchMode,
}

/// The best candidate for `method` and the decoded path `segments`, with its match. A
/// candidate whose `req_uri` is not a template never matches.
pub fn select<'a, T>(
    candidates: impl IntoIterator<Item = Candidate<'a, T>>,
    method: &str,
    segments: &[String],
) -> Option<(&'a T, PathMatch)> {
    let mut best: Option<(&'a T, PathMatch, bool)> = None;
    for candidate in candidates {
        if !method_matches(candidate.method, method) {
            continue;
        }
        let Ok(template) = Template::parse(candidate.req_uri) else {
            continue;
        };
        let Some(found) = match_path(&template, candidate.mode, segments) else {
            continue;
        };
        let specific = !candidate.method.eq_ignore_ascii_case("ANY");
        let better = best.as_ref().is_none_or(|(_, held, held_specific)| {
            (found.rank(), specific) > (held.rank(), *held_specific)
        });
        if better {
            best = Some((candidate.api, found, specific));
        }
    }
    best.map(|(api, found, _)| (api, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataplane::path::path_segments;

    fn pick(
        apis: &[(&'static str, &'static str, &'static str, MatchMode)],
        method: &str,
        path: &str,
    ) -> Option<&'static str> {
        select(
            apis.iter().map(|(id, m, uri, mode)| Candidate {
                api: id,
                method: m,
                req_uri: uri,
                mode: *mode,
            }),
            method,
            &path_segments(path),
        )
        .map(|(id, _)| *id)
    }

    #[test]
    fn precedence() {
        use MatchMode::{Exact, Prefix};
        let apis = [
            ("any", "ANY", "/pets/{id}", Exact),
            ("get", "GET", "/pets/{id}", Exact),
            ("literal", "ANY", "/pets/mine", Exact),
            ("prefix", "GET", "/pets", Prefix),
            ("longer", "GET", "/pets/mine", Prefix),
        ];
        assert_eq!(pick(&apis, "GET", "/pets/7"), Some("get"));
        assert_eq!(pick(&apis, "DELETE", "/pets/7"), Some("any"));
        assert_eq!(pick(&apis, "GET", "/pets/mine"), Some("literal"));
        assert_eq!(pick(&apis, "GET", "/pets/mine/a"), Some("longer"));
        assert_eq!(pick(&apis, "GET", "/pets/7/a"), Some("prefix"));
        assert_eq!(pick(&apis, "POST", "/pets"), None);
        assert_eq!(pick(&apis, "GET", "/other"), None);
    }
}
