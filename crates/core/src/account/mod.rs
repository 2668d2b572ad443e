//! The sandbox account: everything the pre-checks look at (account type, IAM principal, quota,
//! regions with AZs, VPCs, subnets, security groups and EIPs).
//!
//! Its JSON is also the console's export format, hence [`Account::schema_version`].

pub mod check;
pub mod ids;
mod seed;

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};
use serde::{Deserialize, Serialize};

use crate::region::InboundMode;
use crate::values::Edition;

/// The schema version written by this code; bump it (and add a migration) when the shape changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The sandbox account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Version of this JSON shape ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The account (domain) ID.
    pub domain_id: String,
    /// The account (domain) name.
    pub domain_name: String,
    /// Personal or enterprise; enterprise accounts must name an enterprise project.
    pub account_type: AccountType,
    /// Enterprise projects; `0` is the default project.
    pub enterprise_projects: Vec<EnterpriseProject>,
    /// The IAM user who buys the gateway.
    pub principal: Principal,
    /// Gateways allowed per project (region); the service's default is 5.
    pub gateway_quota: u32,
    /// The regions, in the order the console lists them.
    pub regions: Vec<Region>,
}

/// Personal or enterprise account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountType {
    /// No enterprise projects are shown; `enterprise_project_id` may be omitted.
    Personal,
    /// The Enterprise Project field is shown and required (`APIC.7241`).
    Enterprise,
}

/// An enterprise project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseProject {
    /// `0` for the default project, else a UUID.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The ID of the default enterprise project.
pub const DEFAULT_ENTERPRISE_PROJECT: &str = "0";

/// An IAM user with system roles/policies and custom policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// The user ID.
    pub user_id: String,
    /// The user name.
    pub user_name: String,
    /// System roles and policies granted.
    pub system_policies: Vec<SystemPolicy>,
    /// Custom policies attached.
    pub custom_policies: Vec<CustomPolicy>,
}

/// The system roles and policies the pre-checks know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SystemPolicy {
    /// Role covering all APIG operations; creating a gateway also needs VPC Administrator.
    #[serde(rename = "APIG Administrator")]
    ApigAdministrator,
    /// Role for VPC resources (ports, security groups) that creation touches.
    #[serde(rename = "VPC Administrator")]
    VpcAdministrator,
    /// Policy granting `apig:*:*` and the VPC actions creation needs.
    #[serde(rename = "APIG FullAccess")]
    ApigFullAccess,
    /// Policy granting `apig:*:get*` and `apig:*:list*`.
    #[serde(rename = "APIG ReadOnlyAccess")]
    ApigReadOnlyAccess,
}

impl SystemPolicy {
    /// Every system policy, in the order the console lists them.
    pub const ALL: [Self; 4] = [
        Self::ApigAdministrator,
        Self::VpcAdministrator,
        Self::ApigFullAccess,
        Self::ApigReadOnlyAccess,
    ];

    /// The name IAM shows, e.g. `"APIG FullAccess"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ApigAdministrator => "APIG Administrator",
            Self::VpcAdministrator => "VPC Administrator",
            Self::ApigFullAccess => "APIG FullAccess",
            Self::ApigReadOnlyAccess => "APIG ReadOnlyAccess",
        }
    }

    /// The action patterns the policy allows.
    pub const fn actions(self) -> &'static [&'static str] {
        match self {
            Self::ApigAdministrator => &["apig:*:*"],
            Self::VpcAdministrator => &["vpc:*:*"],
            Self::ApigFullAccess => &[
                "apig:*:*",
                "vpc:*:get*",
                "vpc:*:list*",
                "vpc:ports:create",
                "vpc:ports:update",
                "vpc:ports:delete",
                "vpc:publicIps:update",
            ],
            Self::ApigReadOnlyAccess => &["apig:*:get*", "apig:*:list*"],
        }
    }
}

/// A custom IAM policy: `{"name", "statements":[{"effect","actions"}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomPolicy {
    /// Policy name.
    pub name: String,
    /// Statements; a matching `Deny` beats every `Allow`.
    pub statements: Vec<Statement>,
}

/// One statement of a custom policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Allow or Deny.
    pub effect: Effect,
    /// Action patterns, `*` matching any run of characters (`apig:*:*`, `apig:instances:*`).
    pub actions: Vec<String>,
}

/// The effect of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Grants the actions.
    Allow,
    /// Refuses the actions, whatever else allows them.
    Deny,
}

/// Matches an IAM action against a pattern with `*` wildcards, ignoring ASCII case.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let (p, a) = (pattern.as_bytes(), action.as_bytes());
    let (mut pi, mut ai) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ai < a.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ai));
            pi += 1;
        } else if pi < p.len() && p[pi].eq_ignore_ascii_case(&a[ai]) {
            pi += 1;
            ai += 1;
        } else if let Some((sp, sa)) = star {
            pi = sp + 1;
            ai = sa + 1;
            star = Some((sp, sa + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// What IAM decides for one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", content = "by", rename_all = "snake_case")]
pub enum Decision {
    /// Allowed, by the named policy.
    Allowed(String),
    /// Refused by an explicit Deny in the named custom policy.
    Denied(String),
    /// Nothing grants it.
    NotGranted,
}

impl Principal {
    /// Whether a custom policy denies `action`; gives the policy's name.
    pub fn denied_by(&self, action: &str) -> Option<&str> {
        self.custom_policies
            .iter()
            .find(|p| {
                p.statements.iter().any(|s| {
                    s.effect == Effect::Deny && s.actions.iter().any(|x| action_matches(x, action))
                })
            })
            .map(|p| p.name.as_str())
    }

    /// Whether a custom policy allows `action`; gives the policy's name.
    pub fn custom_allowed_by(&self, action: &str) -> Option<&str> {
        self.custom_policies
            .iter()
            .find(|p| {
                p.statements.iter().any(|s| {
                    s.effect == Effect::Allow && s.actions.iter().any(|x| action_matches(x, action))
                })
            })
            .map(|p| p.name.as_str())
    }

    /// Whether the principal has a system role or policy.
    pub fn has(&self, policy: SystemPolicy) -> bool {
        self.system_policies.contains(&policy)
    }

    /// The decision for a plain action (Deny wins, then any system or custom Allow).
    /// Creating a gateway has an extra rule; see [`crate::precheck`].
    pub fn decide(&self, action: &str) -> Decision {
        if let Some(p) = self.denied_by(action) {
            return Decision::Denied(p.to_owned());
        }
        if let Some(p) = self
            .system_policies
            .iter()
            .find(|p| p.actions().iter().any(|x| action_matches(x, action)))
        {
            return Decision::Allowed(p.name().to_owned());
        }
        match self.custom_allowed_by(action) {
            Some(p) => Decision::Allowed(p.to_owned()),
            None => Decision::NotGranted,
        }
    }
}

/// A region of the sandbox with its own project, AZs and network resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Region ID, e.g. `cn-north-4`.
    pub id: String,
    /// Display name, e.g. `CN North-Beijing4`.
    pub name: String,
    /// The account's project in this region (32 hex); gateways and quota are per project.
    pub project_id: String,
    /// How public inbound access works here.
    pub inbound_mode: InboundMode,
    /// Availability zones.
    pub azs: Vec<AvailabilityZone>,
    /// VPCs with their subnets.
    pub vpcs: Vec<Vpc>,
    /// Security groups (each belongs to a VPC).
    pub security_groups: Vec<SecurityGroup>,
    /// Elastic IPs.
    pub eips: Vec<Eip>,
    /// Where new EIPs (ELB inbound, NAT outbound) get their address from.
    pub public_pool: Ipv4Net,
}

/// An availability zone (docs/reference.md, Regions and availability zones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// 32-hex ID.
    pub id: String,
    /// Code such as `cn-north-4a` (`available_zone_ids` entries).
    pub code: String,
    /// Friendly name, `AZ1`, `AZ2`, …
    pub name: String,
    /// Port of the AZ list API, e.g. `8403`.
    pub port: String,
    /// Editions sold in this AZ.
    pub editions: Vec<Edition>,
}

impl AvailabilityZone {
    /// Whether the AZ sells `edition`.
    pub fn sells(&self, edition: Edition) -> bool {
        self.editions.contains(&edition)
    }
}

/// A VPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vpc {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// CIDR block.
    pub cidr: Ipv4Net,
    /// Subnets.
    pub subnets: Vec<Subnet>,
}

/// A subnet with the addresses already in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    /// Network ID (UUID), the API's `subnet_id`.
    pub id: String,
    /// Name.
    pub name: String,
    /// CIDR block.
    pub cidr: Ipv4Net,
    /// Addresses in use by other servers or gateways (not counting the 5 reserved ones).
    pub used: Vec<Ipv4Addr>,
}

/// Addresses every subnet reserves (docs/reference.md, Subnets, security groups and EIPs).
pub const RESERVED_PER_SUBNET: u64 = 5;

impl Subnet {
    /// Whether `ip` is one of the 5 reserved addresses (network, gateway, broadcast − 2,
    /// broadcast − 1, broadcast).
    pub fn is_reserved(&self, ip: Ipv4Addr) -> bool {
        let net = u32::from(self.cidr.network());
        let bc = u32::from(self.cidr.broadcast());
        let x = u32::from(ip);
        x == net || x == net.wrapping_add(1) || x >= bc.saturating_sub(2)
    }

    /// Addresses that could ever be assigned: total − 5 reserved (0 for masks above /29).
    pub fn assignable_count(&self) -> u64 {
        let total = 1u64 << (32 - u32::from(self.cidr.prefix_len()));
        total.saturating_sub(RESERVED_PER_SUBNET)
    }

    /// The assignable addresses, lowest first.
    fn assignable(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        let first = u32::from(self.cidr.network()).saturating_add(2);
        let last = u32::from(self.cidr.broadcast()).saturating_sub(3);
        (first..=last)
            .take(usize::try_from(self.assignable_count()).unwrap_or(usize::MAX))
            .map(Ipv4Addr::from)
    }

    /// Whether `ip` is assignable and in use.
    fn counts_as_used(&self, ip: Ipv4Addr) -> bool {
        self.cidr.contains(&ip) && !self.is_reserved(ip)
    }

    /// Assignable addresses in use (duplicates and foreign addresses ignored).
    ///
    /// Sorts a copy to drop duplicates: comparing each address with the ones before it took
    /// 4.5 million comparisons for the 3,000 addresses of 1,000 gateways, on every keystroke of
    /// the buy form.
    pub fn used_count(&self) -> u64 {
        let mut inside: Vec<u32> = self
            .used
            .iter()
            .filter(|ip| self.counts_as_used(**ip))
            .map(|ip| u32::from(*ip))
            .collect();
        inside.sort_unstable();
        inside.dedup();
        inside.len() as u64
    }

    /// Free assignable addresses: total − 5 reserved − used.
    pub fn free_count(&self) -> u64 {
        self.assignable_count().saturating_sub(self.used_count())
    }

    /// The `n` lowest free addresses, or `None` if fewer are free.
    pub fn lowest_free(&self, n: usize) -> Option<Vec<Ipv4Addr>> {
        // A sorted copy to search, not a scan of `used` for every candidate address.
        let mut taken: Vec<u32> = self.used.iter().map(|ip| u32::from(*ip)).collect();
        taken.sort_unstable();
        let v: Vec<Ipv4Addr> = self
            .assignable()
            .filter(|ip| taken.binary_search(&u32::from(*ip)).is_err())
            .take(n)
            .collect();
        (v.len() == n).then_some(v)
    }
}

/// A security group and its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// The VPC the group belongs to (`APIC.7307` if the gateway's VPC differs).
    pub vpc_id: String,
    /// Rules (docs/reference.md, Subnets, security groups and EIPs).
    pub rules: Vec<SecurityGroupRule>,
}

/// A security-group rule in the VPC API shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    /// UUID.
    pub id: String,
    /// Ingress or egress.
    pub direction: Direction,
    /// IPv4 or IPv6.
    pub ethertype: EtherType,
    /// `tcp`, `udp`, `icmp`, or `null` for any protocol.
    pub protocol: Option<Protocol>,
    /// Lowest port; `null` = all ports.
    pub port_range_min: Option<u16>,
    /// Highest port; `null` = all ports.
    pub port_range_max: Option<u16>,
    /// Remote CIDR; with `remote_group_id` also `null` it means any address.
    pub remote_ip_prefix: Option<IpNet>,
    /// Remote security group (members of that group).
    pub remote_group_id: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: String,
}

/// Rule direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Inbound.
    Ingress,
    /// Outbound.
    Egress,
}

/// Rule address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EtherType {
    /// IPv4.
    IPv4,
    /// IPv6.
    IPv6,
}

/// Rule protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
}

impl SecurityGroupRule {
    /// Whether this rule lets IPv4 TCP on `port` through in `direction` from/to any address
    /// (0.0.0.0/0).
    pub fn allows_internet_tcp(&self, direction: Direction, port: u16) -> bool {
        let proto_ok = matches!(self.protocol, None | Some(Protocol::Tcp));
        let port_ok = self.port_range_min.is_none_or(|lo| lo <= port)
            && self.port_range_max.is_none_or(|hi| port <= hi);
        let remote_ok = match (&self.remote_ip_prefix, &self.remote_group_id) {
            (None, None) => true,
            (Some(IpNet::V4(net)), _) => net.prefix_len() == 0,
            _ => false,
        };
        self.direction == direction
            && self.ethertype == EtherType::IPv4
            && proto_ok
            && port_ok
            && remote_ok
    }
}

impl SecurityGroup {
    /// Whether some rule lets IPv4 TCP `port` through in `direction` from/to the internet.
    pub fn allows_internet_tcp(&self, direction: Direction, port: u16) -> bool {
        self.rules
            .iter()
            .any(|r| r.allows_internet_tcp(direction, port))
    }
}

/// An elastic IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eip {
    /// UUID.
    pub id: String,
    /// The public address.
    pub address: Ipv4Addr,
    /// `DOWN` (free), `ACTIVE` (bound) or `ERROR`.
    pub status: EipStatus,
    /// What it is bound to (a server name or a gateway ID), if anything.
    pub bound_to: Option<String>,
    /// Bandwidth in Mbit/s.
    pub bandwidth_mbps: u32,
}

impl Eip {
    /// Whether the EIP can be bound to a gateway: status `DOWN` and not bound.
    pub fn is_free(&self) -> bool {
        self.status == EipStatus::Down && self.bound_to.is_none()
    }
}

/// EIP status (docs/reference.md, Subnets, security groups and EIPs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EipStatus {
    /// Unbound, free.
    Down,
    /// Bound.
    Active,
    /// Broken.
    Error,
}

impl EipStatus {
    /// The wire form (`DOWN`, `ACTIVE`, `ERROR`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Down => "DOWN",
            Self::Active => "ACTIVE",
            Self::Error => "ERROR",
        }
    }
}

impl Account {
    /// The default seed: three regions with resources that make every pre-check visible.
    pub fn default_seed() -> Self {
        seed::default_seed()
    }

    /// A region by ID.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// A region by ID, mutable.
    pub fn region_mut(&mut self, id: &str) -> Option<&mut Region> {
        self.regions.iter_mut().find(|r| r.id == id)
    }

    /// The region a project ID belongs to.
    pub fn region_of_project(&self, project_id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.project_id == project_id)
    }

    /// An enterprise project by ID.
    pub fn enterprise_project(&self, id: &str) -> Option<&EnterpriseProject> {
        self.enterprise_projects.iter().find(|p| p.id == id)
    }
}

impl Region {
    /// An AZ by code.
    pub fn az(&self, code: &str) -> Option<&AvailabilityZone> {
        self.azs.iter().find(|z| z.code == code)
    }

    /// A VPC by ID.
    pub fn vpc(&self, id: &str) -> Option<&Vpc> {
        self.vpcs.iter().find(|v| v.id == id)
    }

    /// A subnet by ID, with its VPC.
    pub fn subnet(&self, id: &str) -> Option<(&Vpc, &Subnet)> {
        self.vpcs
            .iter()
            .find_map(|v| v.subnets.iter().find(|s| s.id == id).map(|s| (v, s)))
    }

    /// A subnet by ID, mutable.
    pub fn subnet_mut(&mut self, id: &str) -> Option<&mut Subnet> {
        self.vpcs
            .iter_mut()
            .find_map(|v| v.subnets.iter_mut().find(|s| s.id == id))
    }

    /// A security group by ID.
    pub fn security_group(&self, id: &str) -> Option<&SecurityGroup> {
        self.security_groups.iter().find(|g| g.id == id)
    }

    /// An EIP by ID.
    pub fn eip(&self, id: &str) -> Option<&Eip> {
        self.eips.iter().find(|e| e.id == id)
    }

    /// An EIP by ID, mutable.
    pub fn eip_mut(&mut self, id: &str) -> Option<&mut Eip> {
        self.eips.iter_mut().find(|e| e.id == id)
    }

    /// The free EIPs (status `DOWN`, unbound).
    pub fn free_eips(&self) -> impl Iterator<Item = &Eip> {
        self.eips.iter().filter(|e| e.is_free())
    }

    /// The lowest pool address no EIP of the region uses yet.
    pub fn next_public_address(&self) -> Option<Ipv4Addr> {
        self.public_pool
            .hosts()
            .find(|a| !self.eips.iter().any(|e| e.address == *a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subnet(cidr: &str, used: &[&str]) -> Subnet {
        Subnet {
            id: "s".into(),
            name: "s".into(),
            cidr: cidr.parse().expect("cidr"),
            used: used.iter().map(|u| u.parse().expect("ip")).collect(),
        }
    }

    #[test]
    fn subnet_capacity_by_cidr() {
        // (cidr, used, assignable, free)
        let cases: &[(&str, &[&str], u64, u64)] = &[
            ("192.168.0.0/24", &[], 251, 251),
            ("192.168.0.0/24", &["192.168.0.2", "192.168.0.2"], 251, 250),
            // Reserved or foreign addresses in `used` do not count twice.
            (
                "192.168.0.0/24",
                &["192.168.0.1", "192.168.0.254", "10.0.0.5"],
                251,
                251,
            ),
            ("192.168.1.0/29", &[], 3, 3),
            ("192.168.1.0/29", &["192.168.1.3"], 3, 2),
            ("192.168.1.0/28", &[], 11, 11),
            ("10.0.0.0/30", &[], 0, 0),
            ("10.0.0.0/32", &[], 0, 0),
            ("10.0.0.0/16", &[], 65_531, 65_531),
            ("0.0.0.0/0", &[], 4_294_967_291, 4_294_967_291),
        ];
        for (cidr, used, assignable, free) in cases {
            let s = subnet(cidr, used);
            assert_eq!(s.assignable_count(), *assignable, "{cidr}");
            assert_eq!(s.free_count(), *free, "{cidr} {used:?}");
        }
    }

    #[test]
    fn reserved_addresses_are_never_assigned() {
        let s = subnet("192.168.1.0/29", &[]);
        let got = s.lowest_free(3).expect("3 free");
        let want: Vec<Ipv4Addr> = ["192.168.1.2", "192.168.1.3", "192.168.1.4"]
            .iter()
            .map(|a| a.parse().expect("ip"))
            .collect();
        assert_eq!(got, want);
        assert_eq!(s.lowest_free(4), None);
        for last in [
            "192.168.1.5",
            "192.168.1.6",
            "192.168.1.7",
            "192.168.1.0",
            "192.168.1.1",
        ] {
            assert!(s.is_reserved(last.parse().expect("ip")), "{last}");
        }
    }

    #[test]
    fn wildcards() {
        let cases = [
            ("apig:*:*", "apig:instances:create", true),
            ("apig:instances:*", "apig:instances:create", true),
            ("apig:instances:create", "apig:instances:create", true),
            ("APIG:Instances:Create", "apig:instances:create", true),
            ("apig:*:get*", "apig:instances:get", true),
            ("apig:*:get*", "apig:instances:create", false),
            ("apig:instances:delete", "apig:instances:create", false),
            ("*", "vpc:ports:create", true),
            ("vpc:*:*", "apig:instances:create", false),
            ("", "apig:instances:create", false),
            ("apig:instances:create*", "apig:instances:create", true),
        ];
        for (pattern, action, expect) in cases {
            assert_eq!(
                action_matches(pattern, action),
                expect,
                "{pattern} {action}"
            );
        }
    }

    #[test]
    fn seed_round_trips_through_json() {
        let a = Account::default_seed();
        let json = serde_json::to_string(&a).expect("serialize");
        let back: Account = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(a, back);
        assert_eq!(back.schema_version, SCHEMA_VERSION);
    }
}
