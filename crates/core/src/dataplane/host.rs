//! Which group a call is for, from its `Host` header (docs/reference.md, Data plane).
//!
//! A group is reached through its debugging domain `{group_id}.apic.{region}.huaweicloudapis.com`
//! or through an independent domain bound to it. Either may be followed by `.localhost`, so a
//! browser can reach a local emulator (Chromium resolves every `*.localhost` name to the loopback
//! address); a port is ignored, and so is the case of the name.

/// The suffix of every debugging domain after the region.
pub const DEBUG_DOMAIN_SUFFIX: &str = "huaweicloudapis.com";
/// The optional local suffix a browser may add.
pub const LOCAL_SUFFIX: &str = ".localhost";

/// The debugging domain of a group in a region.
pub fn debug_domain(group_id: &str, region: &str) -> String {
    format!("{group_id}.apic.{region}.{DEBUG_DOMAIN_SUFFIX}")
}

/// What a `Host` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostTarget {
    /// A group's debugging domain.
    DebugDomain {
        /// The group's ID (lower case).
        group_id: String,
        /// The region in the name.
        region: String,
    },
    /// Any other name: possibly an independent domain bound to a group (lower case, no port,
    /// no `.localhost`).
    Domain(String),
}

/// The name of a `Host` value: lower case, without a port, a trailing dot or `.localhost`.
pub fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = if host.starts_with('[') {
        host.split_once(']')
            .map_or(host, |(inside, _)| inside.trim_start_matches('['))
    } else {
        host.rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    match name.strip_suffix(LOCAL_SUFFIX) {
        Some(inner) if !inner.is_empty() => inner.to_owned(),
        _ => name,
    }
}

/// Reads a `Host` header.
pub fn parse_host(host: &str) -> HostTarget {
    let name = host_name(host);
    let parts: Vec<&str> = name.split('.').collect();
    if let [group_id, "apic", region, "huaweicloudapis", "com"] = parts.as_slice()
        && !group_id.is_empty()
        && !region.is_empty()
    {
        return HostTarget::DebugDomain {
            group_id: (*group_id).to_owned(),
            region: (*region).to_owned(),
        };
    }
    HostTarget::Domain(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_debug_domains_with_and_without_localhost() {
        let debug = HostTarget::DebugDomain {
            group_id: "ab12".into(),
            region: "cn-north-4".into(),
        };
        assert_eq!(parse_host(&debug_domain("ab12", "cn-north-4")), debug);
        assert_eq!(
            parse_host("AB12.apic.cn-north-4.huaweicloudapis.com.localhost:8090"),
            debug
        );
        assert_eq!(
            parse_host("api.example.com:443"),
            HostTarget::Domain("api.example.com".into())
        );
        assert_eq!(
            parse_host("x.apic.huaweicloudapis.com"),
            HostTarget::Domain("x.apic.huaweicloudapis.com".into())
        );
        assert_eq!(host_name("[::1]:80"), "::1");
        assert_eq!(host_name("localhost"), "localhost");
    }
}
