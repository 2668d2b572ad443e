//! The network restriction of a gateway (`GET …/restriction`): the address range the service
//! uses inside the gateway, which the gateway's routes and backends must not overlap.
//!
//! The range depends on the VPC: a VPC in 10.0.0.0/8 or 192.168.0.0/16 gets 172.31.32.0/19,
//! a VPC in 172.16.0.0/12 gets 192.168.32.0/19 (docs/reference.md, Network restriction).

use std::net::Ipv4Addr;

use crate::account::Account;
use crate::gateway::Gateway;

/// The internal range of a gateway whose VPC is not in 172.16.0.0/12.
pub const INTERNAL_DEFAULT: &str = "172.31.32.0/19";
/// The internal range of a gateway whose VPC is in 172.16.0.0/12.
pub const INTERNAL_FOR_172: &str = "192.168.32.0/19";

/// What `GET …/restriction` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restriction {
    /// Ranges the gateway's routes and backends may not use.
    pub restrict_cidrs: Vec<String>,
    /// The range the service uses inside the gateway.
    pub resource_subnet_cidr: String,
}

/// The restriction of `gateway`, from its VPC's range (the default range when the VPC is gone).
pub fn restriction(account: &Account, gateway: &Gateway) -> Restriction {
    let in_172 = account
        .region(&gateway.region)
        .and_then(|r| r.vpcs.iter().find(|v| v.id == gateway.vpc_id))
        .is_some_and(|v| {
            let first = v.cidr.network();
            first >= Ipv4Addr::new(172, 16, 0, 0) && first <= Ipv4Addr::new(172, 31, 255, 255)
        });
    let internal = if in_172 {
        INTERNAL_FOR_172
    } else {
        INTERNAL_DEFAULT
    };
    Restriction {
        restrict_cidrs: vec![internal.to_owned()],
        resource_subnet_cidr: internal.to_owned(),
    }
}
