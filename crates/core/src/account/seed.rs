//! The default sandbox account. Every pre-check rule has something in it to trip over:
//! a /29 that fits only a Basic gateway, a full subnet, a security group without public
//! ingress, a security group in another VPC, bound and broken EIPs, an AZ without Platinum.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::ids;
use super::{
    Account, AccountType, AvailabilityZone, Direction, Eip, EipStatus, EnterpriseProject,
    EtherType, Principal, Protocol, Region, SCHEMA_VERSION, SecurityGroup, SecurityGroupRule,
    Statement, Subnet, SystemPolicy, Vpc,
};
use super::{CustomPolicy, DEFAULT_ENTERPRISE_PROJECT, Effect};
use crate::region::inbound_mode;
use crate::values::Edition;

/// Builds an IPv4 network from octets and a prefix length that are known to be valid.
fn net(a: u8, b: u8, c: u8, d: u8, len: u8) -> Ipv4Net {
    // Every call below passes a prefix length ≤ 32, so the fallback is never taken.
    Ipv4Net::new(Ipv4Addr::new(a, b, c, d), len).unwrap_or_default()
}

/// The IDs of one region's network resources.
struct NetIds {
    vpc_main: &'static str,
    subnet_roomy: &'static str,
    subnet_small: Option<&'static str>,
    subnet_full: Option<&'static str>,
    vpc_other: &'static str,
    subnet_other: &'static str,
    sg_web: &'static str,
    sg_default: &'static str,
    sg_other: &'static str,
    rules: [&'static str; 7],
}

/// The first two octets of the region's private networks and the third of its public pool.
struct Addressing {
    main: (u8, u8),
    other: (u8, u8),
    pool: (u8, u8, u8),
}

/// The other end of a seed rule.
enum Remote<'a> {
    /// `0.0.0.0/0` or `::/0`, by the rule's ether type.
    Internet,
    /// Members of a security group.
    Group(&'a str),
}

fn rule(
    id: &str,
    direction: Direction,
    ethertype: EtherType,
    protocol: Option<Protocol>,
    port: Option<u16>,
    remote: &Remote<'_>,
    description: &str,
) -> SecurityGroupRule {
    let (remote_ip_prefix, remote_group_id) = match remote {
        Remote::Internet => {
            let any = match ethertype {
                EtherType::IPv4 => IpNet::V4(Ipv4Net::default()),
                EtherType::IPv6 => IpNet::V6(ipnet::Ipv6Net::default()),
            };
            (Some(any), None)
        }
        Remote::Group(g) => (None, Some((*g).to_owned())),
    };
    SecurityGroupRule {
        id: id.to_owned(),
        direction,
        ethertype,
        protocol,
        port_range_min: port,
        port_range_max: port,
        remote_ip_prefix,
        remote_group_id,
        description: description.to_owned(),
    }
}

fn vpcs(ids: &NetIds, addr: &Addressing) -> Vec<Vpc> {
    let (a, b) = addr.main;
    let host = |c: u8, d: u8| Ipv4Addr::new(a, b, c, d);
    let mut subnets = vec![Subnet {
        id: ids.subnet_roomy.to_owned(),
        name: "subnet-roomy".to_owned(),
        cidr: net(a, b, 0, 0, 24),
        used: vec![host(0, 10), host(0, 11), host(0, 12), host(0, 20)],
    }];
    if let Some(id) = ids.subnet_small {
        subnets.push(Subnet {
            id: id.to_owned(),
            name: "subnet-basic-only".to_owned(),
            cidr: net(a, b, 1, 0, 29),
            used: Vec::new(),
        });
    }
    if let Some(id) = ids.subnet_full {
        subnets.push(Subnet {
            id: id.to_owned(),
            name: "subnet-full".to_owned(),
            cidr: net(a, b, 2, 0, 28),
            used: (2..=12).map(|d| host(2, d)).collect(),
        });
    }
    let (oa, ob) = addr.other;
    vec![
        Vpc {
            id: ids.vpc_main.to_owned(),
            name: "vpc-default".to_owned(),
            cidr: net(a, b, 0, 0, 16),
            subnets,
        },
        Vpc {
            id: ids.vpc_other.to_owned(),
            name: "vpc-backend".to_owned(),
            cidr: net(oa, ob, 0, 0, 16),
            subnets: vec![Subnet {
                id: ids.subnet_other.to_owned(),
                name: "subnet-backend".to_owned(),
                cidr: net(oa, ob, 1, 0, 24),
                used: vec![Ipv4Addr::new(oa, ob, 1, 5)],
            }],
        },
    ]
}

/// Three groups: `sg-web` opens TCP 80/443 to the internet; `sg-default` only admits its own
/// members; `sg-backend` belongs to the other VPC and has no egress rule.
fn security_groups(ids: &NetIds) -> Vec<SecurityGroup> {
    use Direction::{Egress, Ingress};
    use EtherType::{IPv4, IPv6};
    let r = ids.rules;
    let tcp = Some(Protocol::Tcp);
    let internet = Remote::Internet;
    let group = |name: &str, vpc: &str, id: &str, rules| SecurityGroup {
        id: id.to_owned(),
        name: name.to_owned(),
        vpc_id: vpc.to_owned(),
        rules,
    };
    vec![
        group(
            "sg-web",
            ids.vpc_main,
            ids.sg_web,
            vec![
                rule(
                    r[0],
                    Ingress,
                    IPv4,
                    tcp,
                    Some(80),
                    &internet,
                    "HTTP from the internet",
                ),
                rule(
                    r[1],
                    Ingress,
                    IPv4,
                    tcp,
                    Some(443),
                    &internet,
                    "HTTPS from the internet",
                ),
                rule(
                    r[2],
                    Egress,
                    IPv4,
                    None,
                    None,
                    &internet,
                    "All outbound IPv4",
                ),
                rule(
                    r[3],
                    Egress,
                    IPv6,
                    None,
                    None,
                    &internet,
                    "All outbound IPv6",
                ),
            ],
        ),
        group(
            "sg-default",
            ids.vpc_main,
            ids.sg_default,
            vec![
                rule(
                    r[4],
                    Ingress,
                    IPv4,
                    None,
                    None,
                    &Remote::Group(ids.sg_default),
                    "From members of this group",
                ),
                rule(
                    r[5],
                    Egress,
                    IPv4,
                    None,
                    None,
                    &internet,
                    "All outbound IPv4",
                ),
            ],
        ),
        group(
            "sg-backend",
            ids.vpc_other,
            ids.sg_other,
            vec![rule(
                r[6],
                Ingress,
                IPv4,
                None,
                None,
                &Remote::Group(ids.sg_other),
                "From members of this group",
            )],
        ),
    ]
}

fn eip(id: &str, pool: (u8, u8, u8), d: u8, status: EipStatus, bound_to: Option<&str>) -> Eip {
    Eip {
        id: id.to_owned(),
        address: Ipv4Addr::new(pool.0, pool.1, pool.2, d),
        status,
        bound_to: bound_to.map(str::to_owned),
        bandwidth_mbps: 5,
    }
}

fn az(id: &str, code: &str, name: &str, port: &str, editions: &[Edition]) -> AvailabilityZone {
    AvailabilityZone {
        id: id.to_owned(),
        code: code.to_owned(),
        name: name.to_owned(),
        port: port.to_owned(),
        editions: editions.to_vec(),
    }
}

fn region(
    id: &str,
    name: &str,
    project_id: &str,
    azs: Vec<AvailabilityZone>,
    net_ids: &NetIds,
    addr: &Addressing,
    eips: Vec<Eip>,
) -> Region {
    let (p0, p1, p2) = addr.pool;
    Region {
        id: id.to_owned(),
        name: name.to_owned(),
        project_id: project_id.to_owned(),
        inbound_mode: inbound_mode(id),
        azs,
        vpcs: vpcs(net_ids, addr),
        security_groups: security_groups(net_ids),
        eips,
        public_pool: net(p0, p1, p2, 0, 24),
    }
}

/// ELB region: AZ3 sells no Platinum; only AZ1 and AZ2 sell IPv6 and Platinum-X editions.
fn cn_north_4() -> Region {
    use Edition::{Basic, BasicIpv6, Enterprise, EnterpriseIpv6, Professional, ProfessionalIpv6};
    let everything = Edition::ALL;
    let no_platinum = [
        Basic,
        Professional,
        Enterprise,
        BasicIpv6,
        ProfessionalIpv6,
        EnterpriseIpv6,
    ];
    let cn4_pool = (121, 36, 10);
    region(
        "cn-north-4",
        "CN North-Beijing4",
        ids::CN4_PROJECT,
        vec![
            az(ids::CN4_AZ1, "cn-north-4a", "AZ1", "8403", &everything),
            az(ids::CN4_AZ2, "cn-north-4b", "AZ2", "8404", &everything),
            az(ids::CN4_AZ3, "cn-north-4c", "AZ3", "8405", &no_platinum),
        ],
        &NetIds {
            vpc_main: ids::CN4_VPC_MAIN,
            subnet_roomy: ids::CN4_SUBNET_ROOMY,
            subnet_small: Some(ids::CN4_SUBNET_SMALL),
            subnet_full: Some(ids::CN4_SUBNET_FULL),
            vpc_other: ids::CN4_VPC_OTHER,
            subnet_other: ids::CN4_SUBNET_OTHER,
            sg_web: ids::CN4_SG_WEB,
            sg_default: ids::CN4_SG_DEFAULT,
            sg_other: ids::CN4_SG_OTHER,
            rules: [
                ids::CN4_RULE_WEB_80,
                ids::CN4_RULE_WEB_443,
                ids::CN4_RULE_WEB_EGRESS,
                ids::CN4_RULE_WEB_EGRESS_V6,
                ids::CN4_RULE_DEFAULT_SELF,
                ids::CN4_RULE_DEFAULT_EGRESS,
                ids::CN4_RULE_OTHER_SELF,
            ],
        },
        &Addressing {
            main: (192, 168),
            other: (10, 10),
            pool: cn4_pool,
        },
        vec![
            eip(ids::CN4_EIP_FREE_1, cn4_pool, 11, EipStatus::Down, None),
            eip(ids::CN4_EIP_FREE_2, cn4_pool, 12, EipStatus::Down, None),
            eip(
                ids::CN4_EIP_BOUND,
                cn4_pool,
                13,
                EipStatus::Active,
                Some("ecs-web-01"),
            ),
            eip(ids::CN4_EIP_ERROR, cn4_pool, 14, EipStatus::Error, None),
        ],
    )
}

/// LVS region: the gateway binds an existing EIP; AZ3 sells only Basic and Professional.
fn cn_north_1() -> Region {
    use Edition::{Basic, Professional};
    let base = Edition::BASE;
    let cn1_pool = (114, 115, 20);
    region(
        "cn-north-1",
        "CN North-Beijing1",
        ids::CN1_PROJECT,
        vec![
            az(ids::CN1_AZ1, "cn-north-1a", "AZ1", "8403", &base),
            az(ids::CN1_AZ2, "cn-north-1b", "AZ2", "8404", &base),
            az(
                ids::CN1_AZ3,
                "cn-north-1c",
                "AZ3",
                "8405",
                &[Basic, Professional],
            ),
        ],
        &NetIds {
            vpc_main: ids::CN1_VPC_MAIN,
            subnet_roomy: ids::CN1_SUBNET_ROOMY,
            subnet_small: Some(ids::CN1_SUBNET_SMALL),
            subnet_full: Some(ids::CN1_SUBNET_FULL),
            vpc_other: ids::CN1_VPC_OTHER,
            subnet_other: ids::CN1_SUBNET_OTHER,
            sg_web: ids::CN1_SG_WEB,
            sg_default: ids::CN1_SG_DEFAULT,
            sg_other: ids::CN1_SG_OTHER,
            rules: [
                ids::CN1_RULE_WEB_80,
                ids::CN1_RULE_WEB_443,
                ids::CN1_RULE_WEB_EGRESS,
                ids::CN1_RULE_WEB_EGRESS_V6,
                ids::CN1_RULE_DEFAULT_SELF,
                ids::CN1_RULE_DEFAULT_EGRESS,
                ids::CN1_RULE_OTHER_SELF,
            ],
        },
        &Addressing {
            main: (172, 16),
            other: (10, 20),
            pool: cn1_pool,
        },
        vec![
            eip(ids::CN1_EIP_FREE_1, cn1_pool, 21, EipStatus::Down, None),
            eip(ids::CN1_EIP_FREE_2, cn1_pool, 22, EipStatus::Down, None),
            eip(
                ids::CN1_EIP_BOUND,
                cn1_pool,
                23,
                EipStatus::Active,
                Some("ecs-web-01"),
            ),
            eip(ids::CN1_EIP_ERROR, cn1_pool, 24, EipStatus::Error, None),
        ],
    )
}

/// ELB region with one VPC worth of resources and two AZs.
fn ap_southeast_1() -> Region {
    let base = Edition::BASE;
    let ap1_pool = (159, 138, 30);
    region(
        "ap-southeast-1",
        "AP-Hong Kong",
        ids::AP1_PROJECT,
        vec![
            az(ids::AP1_AZ1, "ap-southeast-1a", "AZ1", "8403", &base),
            az(ids::AP1_AZ2, "ap-southeast-1b", "AZ2", "8404", &base),
        ],
        &NetIds {
            vpc_main: ids::AP1_VPC_MAIN,
            subnet_roomy: ids::AP1_SUBNET_ROOMY,
            subnet_small: None,
            subnet_full: None,
            vpc_other: ids::AP1_VPC_OTHER,
            subnet_other: ids::AP1_SUBNET_OTHER,
            sg_web: ids::AP1_SG_WEB,
            sg_default: ids::AP1_SG_DEFAULT,
            sg_other: ids::AP1_SG_OTHER,
            rules: [
                ids::AP1_RULE_WEB_80,
                ids::AP1_RULE_WEB_443,
                ids::AP1_RULE_WEB_EGRESS,
                ids::AP1_RULE_WEB_EGRESS_V6,
                ids::AP1_RULE_DEFAULT_SELF,
                ids::AP1_RULE_DEFAULT_EGRESS,
                ids::AP1_RULE_OTHER_SELF,
            ],
        },
        &Addressing {
            main: (192, 168),
            other: (10, 30),
            pool: ap1_pool,
        },
        vec![
            eip(ids::AP1_EIP_FREE_1, ap1_pool, 31, EipStatus::Down, None),
            eip(
                ids::AP1_EIP_BOUND,
                ap1_pool,
                32,
                EipStatus::Active,
                Some("ecs-app-01"),
            ),
        ],
    )
}

pub(super) fn default_seed() -> Account {
    Account {
        schema_version: SCHEMA_VERSION,
        domain_id: ids::DOMAIN_ID.to_owned(),
        domain_name: "sandbox-domain".to_owned(),
        account_type: AccountType::Personal,
        enterprise_projects: vec![
            EnterpriseProject {
                id: DEFAULT_ENTERPRISE_PROJECT.to_owned(),
                name: "default".to_owned(),
            },
            EnterpriseProject {
                id: ids::EP_PRODUCTION.to_owned(),
                name: "production".to_owned(),
            },
            EnterpriseProject {
                id: ids::EP_TESTING.to_owned(),
                name: "testing".to_owned(),
            },
        ],
        principal: Principal {
            user_id: ids::USER_ID.to_owned(),
            user_name: "sandbox-user".to_owned(),
            system_policies: vec![
                SystemPolicy::ApigAdministrator,
                SystemPolicy::VpcAdministrator,
            ],
            custom_policies: vec![CustomPolicy {
                name: "apig-keep-tags".to_owned(),
                statements: vec![Statement {
                    effect: Effect::Deny,
                    actions: vec!["apig:instanceTags:delete".to_owned()],
                }],
            }],
        },
        gateway_quota: 5,
        regions: vec![cn_north_4(), cn_north_1(), ap_southeast_1()],
    }
}
