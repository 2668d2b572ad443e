//! The network half of a draft: public inbound and outbound access, the public addresses
//! their EIPs take, and the VPC, subnet and security group with the private IPs the gateway
//! takes.

use std::net::Ipv4Addr;

use super::{Draft, Field, Problems};
use crate::account::Region;
use crate::region::InboundMode;
use crate::values::{Bandwidth, Edition, ErrorCode};

/// Public outbound access as validated, before an address is assigned.
pub(super) enum OutboundChoice {
    Off,
    Nat(Bandwidth),
}

/// Public inbound access as validated, before addresses are assigned.
pub(super) enum InboundChoice {
    Off,
    Eip { eip_id: String, address: Ipv4Addr },
    Elb(Bandwidth),
}

pub(super) fn check_inbound(
    p: &mut Problems,
    draft: &Draft,
    region: Option<&Region>,
) -> Option<InboundChoice> {
    if !draft.public_inbound {
        return Some(InboundChoice::Off);
    }
    let region = region?;
    match region.inbound_mode {
        InboundMode::Lvs => {
            if draft.eip_id.is_empty() {
                let msg = if draft.ingress_bandwidth.is_empty() {
                    format!("Choose an EIP for public inbound access in {}.", region.id)
                } else {
                    format!(
                        "{} uses LVS: choose an existing EIP instead of giving an inbound bandwidth.",
                        region.id
                    )
                };
                p.invalid(Field::Eip, &msg);
                return None;
            }
            let free = || {
                let v: Vec<String> = region.free_eips().map(|e| e.address.to_string()).collect();
                if v.is_empty() {
                    "none is free".to_owned()
                } else {
                    format!("free: {}", v.join(", "))
                }
            };
            match region.eip(&draft.eip_id) {
                None => {
                    p.invalid(
                        Field::Eip,
                        &format!(
                            "EIP {} does not exist in {}; choose one of its EIPs ({}).",
                            draft.eip_id,
                            region.id,
                            free()
                        ),
                    );
                    None
                }
                Some(eip) if !eip.is_free() => {
                    p.invalid(
                        Field::Eip,
                        &format!(
                            "EIP {} is {} and cannot be bound; choose an unbound EIP ({}).",
                            eip.address,
                            eip.status.as_str(),
                            free()
                        ),
                    );
                    None
                }
                Some(eip) => Some(InboundChoice::Eip {
                    eip_id: eip.id.clone(),
                    address: eip.address,
                }),
            }
        }
        InboundMode::Elb => {
            if draft.ingress_bandwidth.is_empty() && !draft.eip_id.is_empty() {
                p.invalid(
                    Field::IngressBandwidth,
                    &format!(
                        "In {} (ELB) the gateway gets its own EIP; give an inbound bandwidth of at least 5 Mbit/s instead of an EIP.",
                        region.id
                    ),
                );
                return None;
            }
            Bandwidth::parse_inbound(&draft.ingress_bandwidth)
                .map(InboundChoice::Elb)
                .map_err(|e| p.value(Field::IngressBandwidth, &e))
                .ok()
        }
    }
}

/// VPC, subnet and security group IDs with the private IPs the gateway takes.
pub(super) type Network = (String, String, String, Vec<Ipv4Addr>);

pub(super) fn check_network(
    p: &mut Problems,
    draft: &Draft,
    region: Option<&Region>,
    edition: Option<Edition>,
) -> Option<Network> {
    let required = |p: &mut Problems, field: Field, what: &str| {
        p.missing(field, &format!("Choose {what}."));
    };
    if draft.vpc_id.is_empty() {
        required(p, Field::Vpc, "a VPC");
    }
    if draft.subnet_id.is_empty() {
        required(p, Field::Subnet, "a subnet of the VPC");
    }
    if draft.security_group_id.is_empty() {
        required(p, Field::SecurityGroup, "a security group of the VPC");
    }
    let region = region?;
    let vpc = if draft.vpc_id.is_empty() {
        None
    } else if let Some(v) = region.vpc(&draft.vpc_id) {
        Some(v)
    } else {
        p.invalid(
            Field::Vpc,
            &format!(
                "VPC {} does not exist in {}; choose one of its VPCs.",
                draft.vpc_id, region.id
            ),
        );
        None
    };
    let mut ips = None;
    if !draft.subnet_id.is_empty() {
        match (vpc, region.subnet(&draft.subnet_id)) {
            (_, None) => p.invalid(
                Field::Subnet,
                &format!(
                    "Subnet {} does not exist in {}; choose a subnet of the VPC.",
                    draft.subnet_id, region.id
                ),
            ),
            (Some(v), Some((sv, s))) if sv.id != v.id => p.invalid(
                Field::Subnet,
                &format!(
                    "Subnet {} belongs to {}, not {}; choose a subnet of {}.",
                    s.name, sv.name, v.name, v.name
                ),
            ),
            (Some(_), Some((_, s))) => {
                if let Some(e) = edition {
                    let need = e.private_ips_needed();
                    match s.lowest_free(usize::try_from(need).unwrap_or(usize::MAX)) {
                        Some(v) => ips = Some(v),
                        None => p.push(
                            Field::Subnet,
                            ErrorCode::InsufficientResources,
                            format!(
                                "{} has {} free addresses; {} needs {need}. Choose a subnet with at least {need} free addresses or a smaller edition.",
                                s.name,
                                s.free_count(),
                                e.display_name()
                            ),
                        ),
                    }
                }
            }
            (None, Some(_)) => {}
        }
    }
    let mut sg_ok = false;
    if !draft.security_group_id.is_empty() {
        match (vpc, region.security_group(&draft.security_group_id)) {
            (_, None) => p.push(
                Field::SecurityGroup,
                ErrorCode::SecurityGroupNotInVpc,
                format!(
                    "Security group {} does not exist in {}; choose a security group of the VPC.",
                    draft.security_group_id, region.id
                ),
            ),
            (Some(v), Some(g)) if g.vpc_id != v.id => p.push(
                Field::SecurityGroup,
                ErrorCode::SecurityGroupNotInVpc,
                format!(
                    "Security group {} is not in {}; choose a security group of {}.",
                    g.name, v.name, v.name
                ),
            ),
            (Some(_), Some(_)) => sg_ok = true,
            (None, Some(_)) => {}
        }
    }
    match (vpc, ips, sg_ok) {
        (Some(v), Some(ips), true) => Some((
            v.id.clone(),
            draft.subnet_id.clone(),
            draft.security_group_id.clone(),
            ips,
        )),
        _ => None,
    }
}

/// Picks `needed` unused addresses of the region's public pool for the EIPs to create.
pub(super) fn check_public_addresses(
    p: &mut Problems,
    r: &Region,
    needed: usize,
) -> Option<Vec<Ipv4Addr>> {
    let addrs: Vec<_> = r
        .public_pool
        .hosts()
        .filter(|a| !r.eips.iter().any(|e| e.address == *a))
        .take(needed)
        .collect();
    if addrs.len() < needed {
        p.push(
            Field::Region,
            ErrorCode::InsufficientResources,
            format!(
                "No public address left in {} of {}. Release an EIP on the Sandbox page.",
                r.public_pool, r.id
            ),
        );
        return None;
    }
    Some(addrs)
}
