//! Fixes in place: for a failing or warning check, the one action that makes it pass, when a
//! single action can (the console offers it as a button and applies it to the sandbox account
//! or the draft). Checks whose remedy is a choice only a person can make (an explicit Deny, an
//! EIP, a subnet of another VPC) have no fix and keep their advice.

use ipnet::{IpNet, Ipv4Net};

use super::{
    Check, CheckKind, CreatePermission, Outcome, PUBLIC_PORTS, create_permission, largest_fitting,
    quota_usage,
};
use crate::account::{
    Account, Direction, EtherType, Protocol, SecurityGroupRule, SystemPolicy,
    check::MAX_GATEWAY_QUOTA,
};
use crate::gateway::Gateway;
use crate::region::InboundMode;
use crate::validate::Draft;
use crate::values::Edition;

/// One action that fixes a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Add internet TCP rules for these ports to the security group.
    OpenPorts {
        group_id: String,
        group: String,
        ports: Vec<(Direction, u16)>,
    },
    /// Put the gateway in another subnet of the same VPC that has room.
    UseSubnet { subnet_id: String, subnet: String },
    /// Choose a smaller edition that fits the chosen subnet.
    ChooseEdition(Edition),
    /// Grant the buyer a system role or policy.
    Grant(SystemPolicy),
    /// Raise the account's gateway quota to this figure.
    RaiseQuota(u32),
}

impl Fix {
    /// Whether applying the fix changes the account (else it changes the draft).
    pub const fn edits_account(&self) -> bool {
        matches!(
            self,
            Fix::OpenPorts { .. } | Fix::Grant(_) | Fix::RaiseQuota(_)
        )
    }

    /// Applies the fix to the account (the caller then keeps it through the account rules,
    /// `account::check`). `rule_id` gives the ID of each new security-group rule.
    pub fn apply_to_account(
        &self,
        account: &mut Account,
        region: &str,
        rule_id: &mut dyn FnMut() -> String,
    ) {
        match self {
            Fix::OpenPorts {
                group_id, ports, ..
            } => {
                let Some(sg) = account
                    .region_mut(region)
                    .and_then(|r| r.security_groups.iter_mut().find(|g| g.id == *group_id))
                else {
                    return;
                };
                for &(direction, port) in ports {
                    sg.rules.push(SecurityGroupRule {
                        id: rule_id(),
                        direction,
                        ethertype: EtherType::IPv4,
                        protocol: Some(Protocol::Tcp),
                        port_range_min: Some(port),
                        port_range_max: Some(port),
                        remote_ip_prefix: Some(IpNet::V4(Ipv4Net::default())),
                        remote_group_id: None,
                        description: format!("TCP {port} from the internet"),
                    });
                }
            }
            Fix::Grant(policy) => {
                if !account.principal.has(*policy) {
                    account.principal.system_policies.push(*policy);
                }
            }
            Fix::RaiseQuota(limit) => account.gateway_quota = *limit,
            Fix::UseSubnet { .. } | Fix::ChooseEdition(_) => {}
        }
    }

    /// Applies the fix to the draft (subnet or edition).
    pub fn apply_to_draft(&self, draft: &mut Draft) {
        match self {
            Fix::UseSubnet { subnet_id, .. } => subnet_id.clone_into(&mut draft.subnet_id),
            Fix::ChooseEdition(edition) => edition.as_str().clone_into(&mut draft.spec_id),
            _ => {}
        }
    }
}

/// The fixes for `check` (a failing or warning one), best first; empty where only advice fits.
pub fn fixes(check: &Check, draft: &Draft, account: &Account, gateways: &[Gateway]) -> Vec<Fix> {
    if !matches!(check.outcome, Outcome::Fail | Outcome::Warn) {
        return Vec::new();
    }
    let Some(region) = account.region(&draft.region) else {
        return Vec::new();
    };
    match check.kind {
        CheckKind::Quota => {
            let q = quota_usage(account, region, gateways);
            let wanted = (q.limit * 2).max(q.used + 1).max(5);
            u32::try_from(wanted)
                .ok()
                .filter(|&w| w <= MAX_GATEWAY_QUOTA)
                .map(Fix::RaiseQuota)
                .into_iter()
                .collect()
        }
        CheckKind::Permission => {
            let p = &account.principal;
            if !matches!(create_permission(p), CreatePermission::Missing { .. }) {
                // Refused by an explicit Deny: removing it is the owner's choice.
                return Vec::new();
            }
            match (
                p.has(SystemPolicy::ApigAdministrator),
                p.has(SystemPolicy::VpcAdministrator),
            ) {
                (true, false) => vec![Fix::Grant(SystemPolicy::VpcAdministrator)],
                (false, true) => vec![Fix::Grant(SystemPolicy::ApigAdministrator)],
                _ => vec![Fix::Grant(SystemPolicy::ApigFullAccess)],
            }
        }
        CheckKind::SubnetCapacity => {
            let (Some((vpc, subnet)), Ok(edition)) = (
                region.subnet(&draft.subnet_id),
                Edition::parse(&draft.spec_id),
            ) else {
                return Vec::new();
            };
            let need = u64::from(edition.private_ips_needed());
            let mut out = Vec::new();
            if let Some(roomy) = vpc
                .subnets
                .iter()
                .filter(|s| s.id != subnet.id && s.free_count() >= need)
                .max_by_key(|s| s.free_count())
            {
                out.push(Fix::UseSubnet {
                    subnet_id: roomy.id.clone(),
                    subnet: roomy.name.clone(),
                });
            }
            if let Some(smaller) = largest_fitting(subnet.free_count()).filter(|e| *e != edition) {
                out.push(Fix::ChooseEdition(smaller));
            }
            out
        }
        CheckKind::SecurityGroup => {
            let Some(sg) = region.security_group(&draft.security_group_id) else {
                return Vec::new();
            };
            if !draft.vpc_id.is_empty() && sg.vpc_id != draft.vpc_id {
                return Vec::new();
            }
            let mut ports = Vec::new();
            if region.inbound_mode == InboundMode::Lvs && draft.public_inbound {
                ports.extend(
                    PUBLIC_PORTS
                        .into_iter()
                        .filter(|&p| !sg.allows_internet_tcp(Direction::Ingress, p))
                        .map(|p| (Direction::Ingress, p)),
                );
            }
            if draft.public_outbound {
                ports.extend(
                    PUBLIC_PORTS
                        .into_iter()
                        .filter(|&p| !sg.allows_internet_tcp(Direction::Egress, p))
                        .map(|p| (Direction::Egress, p)),
                );
            }
            if ports.is_empty() {
                return Vec::new();
            }
            vec![Fix::OpenPorts {
                group_id: sg.id.clone(),
                group: sg.name.clone(),
                ports,
            }]
        }
        CheckKind::Eip => Vec::new(),
    }
}
