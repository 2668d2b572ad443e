//! The quotas of API management (docs/reference.md, API management quotas).

use crate::values::Edition;

/// Publication records kept per API and environment (the oldest go first).
pub const VERSIONS_KEPT: usize = 10;

/// The quotas of one gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// APIs per gateway (`APIG.3102`): Basic 250, Professional 800, Enterprise 2000,
    /// Platinum (and its larger sizes) 8000; an IPv6 edition as its IPv4 one.
    pub apis: usize,
    /// APIs per group (`APIG.3125`).
    pub apis_per_group: usize,
    /// Groups (`APIG.3101`).
    pub groups: usize,
    /// The gateway's own environments, RELEASE not counted (`APIG.3104`).
    pub environments: usize,
    /// Apps (`APIG.3103`).
    pub apps: usize,
    /// Independent domains per group (`APIG.3108`).
    pub domains_per_group: usize,
    /// Request parameters per API, and backend parameters per API (`APIG.3111`).
    pub params: usize,
    /// Tags per API (`APIG.3133`).
    pub tags_per_api: usize,
}

impl Quotas {
    /// The quotas of a gateway of `edition`.
    pub const fn for_edition(edition: Edition) -> Self {
        let apis = match edition {
            Edition::Basic | Edition::BasicIpv6 => 250,
            Edition::Professional | Edition::ProfessionalIpv6 => 800,
            Edition::Enterprise | Edition::EnterpriseIpv6 => 2000,
            Edition::Platinum
            | Edition::PlatinumIpv6
            | Edition::PlatinumX2
            | Edition::PlatinumX3
            | Edition::PlatinumX4
            | Edition::PlatinumX5
            | Edition::PlatinumX6
            | Edition::PlatinumX7
            | Edition::PlatinumX8 => 8000,
        };
        Self {
            apis,
            apis_per_group: 1000,
            groups: 1500,
            environments: 10,
            apps: 50,
            domains_per_group: 5,
            params: 50,
            tags_per_api: 10,
        }
    }
}
