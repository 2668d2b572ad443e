//! The lines of a check with their figures typed. [`Line`]'s `Display` is the English text a
//! check carries in `summary`, `details` and `action`; a front end that writes another
//! language renders the same [`Line`] from its variant and fields, so both languages show the
//! same figures.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{CREATE_ACTION, CheckKind};
use crate::values::{Bandwidth, Edition};

/// What a creation lacks when nothing grants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingGrant {
    /// APIG Administrator is there, VPC Administrator is not.
    VpcAdministrator,
    /// VPC Administrator is there, APIG Administrator is not.
    ApigAdministrator,
    /// Neither.
    Any,
}

/// One line of a check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "line", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Line {
    /// A check that needs a region first.
    NeedRegion {
        check: CheckKind,
    },
    QuotaUsed {
        used: usize,
        limit: usize,
    },
    QuotaNext {
        number: usize,
        limit: usize,
        region: String,
    },
    QuotaCountsAll,
    QuotaRaise {
        region: String,
        limit: usize,
    },
    /// Allowed by a system role (or the pair of roles), named as IAM names it.
    AllowedByRole {
        role: String,
    },
    AllowedByPolicy {
        policy: String,
    },
    DeniedByPolicy {
        policy: String,
    },
    DenyWins,
    RemoveDeny {
        policy: String,
    },
    NotGranted,
    ReadOnlyNote,
    NeedsApigAndVpc,
    Grant {
        missing: MissingGrant,
    },
    NeedSubnet,
    SubnetNotFound {
        subnet: String,
        region: String,
    },
    ChooseSubnetOfVpc,
    SubnetArithmetic {
        name: String,
        cidr: String,
        total: u64,
        used: u64,
        free: u64,
    },
    FreeChooseEdition {
        free: u64,
    },
    ChooseEdition,
    FreeNeeds {
        free: u64,
        edition: Edition,
        need: u32,
    },
    ChooseBiggerSubnet {
        need: u32,
        smaller: Option<(Edition, u32)>,
    },
    /// An edition change: the subnet's free addresses against the extra ones it needs.
    FreeNeedsMore {
        free: u64,
        edition: Edition,
        need: u32,
        total: u32,
        held: u32,
    },
    /// An edition change the subnet has no room for.
    FreeMoreInSubnet {
        more: u64,
        subnet: String,
    },
    NeedSecurityGroup,
    GroupNotFound {
        group: String,
        region: String,
    },
    ChooseGroupOfVpc,
    GroupInOtherVpc {
        group: String,
        its_vpc: String,
        chosen_vpc: String,
    },
    ChooseGroupOfGatewayVpc,
    ElbRulesNote {
        region: String,
    },
    AddInboundRule {
        group: String,
        port: u16,
    },
    InboundBlocked {
        group: String,
        ports: Vec<u16>,
    },
    InboundOffNote,
    AddOutboundRule {
        group: String,
        ports: Vec<u16>,
    },
    OutboundBlocked {
        group: String,
        ports: Vec<u16>,
    },
    SameGroupNote,
    NoRulesNeeded {
        group: String,
    },
    /// The group lets through what the access needs: public web inbound and / or outbound.
    GroupAllows {
        group: String,
        inbound: bool,
        outbound: bool,
    },
    RulesToAdd {
        group: String,
        count: usize,
    },
    /// Several lines said as one (the rules to add).
    All {
        lines: Vec<Line>,
    },
    InboundOff,
    NeedEip,
    ChooseEipCount {
        free: usize,
        region: String,
    },
    NoEipFree {
        region: String,
    },
    EipNotFound {
        eip: String,
        region: String,
    },
    ChooseEipOf {
        region: String,
        free: Vec<String>,
    },
    EipFree {
        address: String,
        status: String,
    },
    EipTaken {
        address: String,
        status: String,
        bound_to: Option<String>,
    },
    OnlyUnbound,
    ChooseAnotherEip {
        free: Vec<String>,
    },
    ElbModeNote {
        region: String,
    },
    NeedBandwidth,
    /// The inbound bandwidth typed does not parse; `reason` is the value error in English.
    BadBandwidth {
        given: String,
        reason: String,
    },
    EnterBandwidthRange {
        min: u32,
        max: u32,
    },
    NewEip {
        address: String,
        bandwidth: Bandwidth,
    },
    NoPublicAddress {
        pool: String,
    },
    ReleaseEip,
}

fn ports(list: &[u16]) -> String {
    list.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" and ")
}

fn free_list(free: &[String]) -> String {
    if free.is_empty() {
        "none is free; unbind one or turn public inbound access off".to_owned()
    } else {
        format!("free: {}", free.join(", "))
    }
}

impl fmt::Display for Line {
    #[allow(clippy::too_many_lines)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NeedRegion { check } => f.write_str(match check {
                CheckKind::Quota => "Choose a region to check the quota.",
                CheckKind::Permission => "Choose a region.",
                CheckKind::SubnetCapacity => "Choose a region to check subnet capacity.",
                CheckKind::SecurityGroup => "Choose a region to check the security group.",
                CheckKind::Eip => "Choose a region to check public inbound access.",
            }),
            Self::QuotaUsed { used, limit } => write!(f, "{used} of {limit} gateways used"),
            Self::QuotaNext {
                number,
                limit,
                region,
            } => write!(
                f,
                "This gateway will be number {number} of {limit} in the project of {region}."
            ),
            Self::QuotaCountsAll => f.write_str(
                "Gateways count against the quota whatever their status, failed ones included.",
            ),
            Self::QuotaRaise { region, limit } => write!(
                f,
                "Delete a gateway in {region}, or raise the quota of {limit} (a service ticket on the real cloud, the Sandbox page here)."
            ),
            Self::AllowedByRole { role } => write!(f, "{CREATE_ACTION} allowed by {role}"),
            Self::AllowedByPolicy { policy } => {
                write!(f, "{CREATE_ACTION} allowed by custom policy {policy}")
            }
            Self::DeniedByPolicy { policy } => {
                write!(f, "{CREATE_ACTION} denied by custom policy {policy}")
            }
            Self::DenyWins => {
                f.write_str("An explicit Deny wins over every Allow, including APIG FullAccess.")
            }
            Self::RemoveDeny { policy } => write!(
                f,
                "Remove {CREATE_ACTION} (or the wildcard matching it) from the Deny statement of {policy}."
            ),
            Self::NotGranted => write!(f, "{CREATE_ACTION} not granted"),
            Self::ReadOnlyNote => {
                f.write_str("APIG ReadOnlyAccess only allows get and list actions.")
            }
            Self::NeedsApigAndVpc => f.write_str(
                "Creating a gateway needs APIG actions and VPC actions (ports, security groups).",
            ),
            Self::Grant { missing } => write!(
                f,
                "Grant {}.",
                match missing {
                    MissingGrant::VpcAdministrator => {
                        "the VPC Administrator role (APIG Administrator alone cannot create the VPC ports a gateway needs)"
                    }
                    MissingGrant::ApigAdministrator => {
                        "the APIG Administrator role (VPC Administrator alone grants no APIG actions)"
                    }
                    MissingGrant::Any => {
                        "APIG Administrator together with VPC Administrator, or APIG FullAccess, or a custom policy allowing apig:instances:create"
                    }
                }
            ),
            Self::NeedSubnet => f.write_str("Choose a subnet to check capacity."),
            Self::SubnetNotFound { subnet, region } => {
                write!(f, "Subnet {subnet} not found in {region}")
            }
            Self::ChooseSubnetOfVpc => f.write_str("Choose a subnet of the selected VPC."),
            Self::SubnetArithmetic {
                name,
                cidr,
                total,
                used,
                free,
            } => write!(
                f,
                "{name} {cidr}: {total} addresses − 5 reserved − {used} in use = {free} free"
            ),
            Self::FreeChooseEdition { free } => write!(
                f,
                "{free} free address{}; choose an edition to compare",
                if *free == 1 { "" } else { "es" }
            ),
            Self::ChooseEdition => f.write_str("Choose an edition."),
            Self::FreeNeeds {
                free,
                edition,
                need,
            } => write!(
                f,
                "{free} free address{}, {} needs {need}",
                if *free == 1 { "" } else { "es" },
                edition.display_name()
            ),
            Self::FreeNeedsMore {
                free,
                edition,
                need,
                total,
                held,
            } => write!(
                f,
                "{free} free address{}, {} needs {need} more ({total} in all, {held} already held)",
                if *free == 1 { "" } else { "es" },
                edition.display_name()
            ),
            Self::FreeMoreInSubnet { more, subnet } => write!(
                f,
                "Free {more} more address{} in subnet {subnet} (a gateway's subnet cannot change), or keep the current edition.",
                if *more == 1 { "" } else { "es" }
            ),
            Self::ChooseBiggerSubnet { need, smaller } => {
                write!(f, "Choose a subnet with at least {need} free addresses")?;
                if let Some((edition, needs)) = smaller {
                    write!(
                        f,
                        ", or a smaller edition ({} needs {needs})",
                        edition.display_name()
                    )?;
                }
                f.write_str(".")
            }
            Self::NeedSecurityGroup => f.write_str("Choose a security group to check its rules."),
            Self::GroupNotFound { group, region } => {
                write!(f, "Security group {group} not found in {region}")
            }
            Self::ChooseGroupOfVpc => f.write_str("Choose a security group of the selected VPC."),
            Self::GroupInOtherVpc {
                group,
                its_vpc,
                chosen_vpc,
            } => write!(f, "{group} belongs to {its_vpc}, not {chosen_vpc}"),
            Self::ChooseGroupOfGatewayVpc => {
                f.write_str("Choose a security group of the gateway's VPC.")
            }
            Self::ElbRulesNote { region } => write!(
                f,
                "In {region} (ELB) security-group rules do not govern public inbound access; use access control policies to restrict callers."
            ),
            Self::AddInboundRule { group, port } => write!(
                f,
                "Add an inbound rule to {group}: TCP {port} from 0.0.0.0/0."
            ),
            Self::InboundBlocked { group, ports: p } => write!(
                f,
                "{group} does not allow TCP {} from the internet: public callers cannot reach the gateway.",
                ports(p)
            ),
            Self::InboundOffNote => f.write_str(
                "Public inbound access is off: no inbound rule for ports 80/443 is needed.",
            ),
            Self::AddOutboundRule { group, ports: p } => write!(
                f,
                "Add an outbound rule to {group}: TCP {} (or all traffic) to 0.0.0.0/0.",
                ports(p)
            ),
            Self::OutboundBlocked { group, ports: p } => write!(
                f,
                "{group} blocks outbound TCP {} to the internet: the gateway cannot call public backends.",
                ports(p)
            ),
            Self::SameGroupNote => f.write_str(
                "Backends in the same security group and VPC as the gateway need no extra rules.",
            ),
            Self::NoRulesNeeded { group } => {
                write!(f, "{group}: no rules needed for the chosen access")
            }
            Self::GroupAllows {
                group,
                inbound,
                outbound,
            } => {
                let mut good = Vec::new();
                if *inbound {
                    good.push("allows TCP 80 and 443 from the internet");
                }
                if *outbound {
                    good.push("allows outbound traffic to public backends");
                }
                write!(f, "{group} {}", good.join(" and "))
            }
            Self::RulesToAdd { group, count } => write!(f, "{group}: {count} rule(s) to add"),
            Self::All { lines } => {
                let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
                f.write_str(&text.join(" "))
            }
            Self::InboundOff => f.write_str("Public inbound access is off; no EIP needed"),
            Self::NeedEip => f.write_str("Choose an EIP for public inbound access."),
            Self::ChooseEipCount { free, region } => {
                write!(f, "Choose an EIP ({free} free in {region})")
            }
            Self::NoEipFree { region } => write!(
                f,
                "No EIP of {region} is free; unbind one or turn public inbound access off."
            ),
            Self::EipNotFound { eip, region } => write!(f, "EIP {eip} not found in {region}"),
            Self::ChooseEipOf { region, free } => {
                write!(f, "Choose an EIP of {region} ({}).", free_list(free))
            }
            Self::EipFree { address, status } => write!(f, "EIP {address} is free ({status})"),
            Self::EipTaken {
                address,
                status,
                bound_to,
            } => {
                write!(f, "EIP {address} is {status}")?;
                if let Some(b) = bound_to {
                    write!(f, ", bound to {b}")?;
                }
                Ok(())
            }
            Self::OnlyUnbound => {
                f.write_str("Only an unbound EIP (status DOWN) can be bound to a gateway.")
            }
            Self::ChooseAnotherEip { free } => {
                write!(f, "Choose another EIP ({}).", free_list(free))
            }
            Self::ElbModeNote { region } => write!(
                f,
                "In {region} (ELB) the gateway gets its own EIP; an existing EIP cannot be chosen."
            ),
            Self::NeedBandwidth => f.write_str("Enter an inbound bandwidth (at least 5 Mbit/s)."),
            Self::BadBandwidth { reason, .. } => write!(f, "Inbound bandwidth {reason}"),
            Self::EnterBandwidthRange { min, max } => {
                write!(f, "Enter a whole number of Mbit/s from {min} to {max}.")
            }
            Self::NewEip { address, bandwidth } => {
                write!(f, "A new EIP ({address}) with {bandwidth} will be assigned")
            }
            Self::NoPublicAddress { pool } => write!(f, "No public address left in {pool}"),
            Self::ReleaseEip => f.write_str("Release an EIP on the Sandbox page."),
        }
    }
}
