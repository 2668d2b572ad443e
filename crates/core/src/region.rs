//! Regions the console offers, with the inbound mode each uses.

/// How a region gives a gateway public inbound access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InboundMode {
    /// Choose an existing, unbound EIP (`cn-north-1`, `na-mexico-1`).
    Lvs,
    /// The gateway gets its own EIP with an inbound bandwidth (every other region).
    Elb,
}

/// The regions of the sandbox, as (region ID, display name), in the order the console lists them.
pub const SANDBOX_REGIONS: &[(&str, &str)] = &[
    ("cn-north-4", "CN North-Beijing4"),
    ("cn-north-1", "CN North-Beijing1"),
    ("ap-southeast-1", "AP-Hong Kong"),
];

/// The inbound mode of a region ID.
pub fn inbound_mode(region_id: &str) -> InboundMode {
    match region_id {
        "cn-north-1" | "na-mexico-1" => InboundMode::Lvs,
        _ => InboundMode::Elb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lvs_only_in_two_regions() {
        assert_eq!(inbound_mode("cn-north-1"), InboundMode::Lvs);
        assert_eq!(inbound_mode("na-mexico-1"), InboundMode::Lvs);
        assert_eq!(inbound_mode("cn-north-4"), InboundMode::Elb);
    }
}
