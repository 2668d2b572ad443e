//! The rules of a sandbox account, checked whole: what the Sandbox page may save and what
//! `PUT /_mock/{project_id}/account` may store are decided here, with the same problems.
//!
//! Each problem is an `APIC.7211` [`Problem`] on the [`Field`] the part belongs to (VPC,
//! subnet, security group, EIP, enterprise project, or the account for quota, schema and
//! policies), with a message naming the part, what is wrong and what to do. [`check_edit`]
//! refuses only problems an edit adds, so an account stored before a rule existed can still
//! be edited.

use std::collections::HashSet;

use ipnet::Ipv4Net;

use super::{Account, DEFAULT_ENTERPRISE_PROJECT, Region, SCHEMA_VERSION, Vpc};
use crate::validate::{Field, Problem};

/// The largest gateway quota the sandbox accepts.
pub const MAX_GATEWAY_QUOTA: u32 = 1000;

/// The longest enterprise project name.
pub const MAX_PROJECT_NAME_CHARS: usize = 64;

/// The smallest subnet (docs/reference.md, Subnets, security groups and EIPs: masks up to /29).
pub const MAX_SUBNET_PREFIX: u8 = 29;

/// The private ranges VPC CIDRs come from, each with the longest mask allowed (docs/reference.md, Subnets, security groups and EIPs).
const VPC_RANGES: [(&str, u8); 3] = [
    ("10.0.0.0/8", 24),
    ("172.16.0.0/12", 24),
    ("192.168.0.0/16", 24),
];

fn problem(field: Field, message: String) -> Problem {
    Problem::invalid(field, message)
}

/// Every problem of `account`, in the order of its parts (account, projects, policies, then
/// each region's VPCs, subnets, security groups and EIPs).
pub fn check_account(account: &Account) -> Vec<Problem> {
    let mut problems = Vec::new();
    if account.schema_version != SCHEMA_VERSION {
        problems.push(problem(
            Field::Account,
            format!(
                "The account has schema version {}; this version reads {SCHEMA_VERSION}. Export it again from a current console.",
                account.schema_version
            ),
        ));
    }
    if account.gateway_quota > MAX_GATEWAY_QUOTA {
        problems.push(problem(
            Field::Account,
            format!(
                "Gateway quota {} is too large. Enter a whole number from 0 to {MAX_GATEWAY_QUOTA}.",
                account.gateway_quota
            ),
        ));
    }
    check_projects(&mut problems, account);
    check_policies(&mut problems, account);
    for region in &account.regions {
        check_region(&mut problems, region);
    }
    problems
}

/// The problems `after` has that `before` does not: what an edit from `before` to `after`
/// would add. `Ok` when it adds none.
pub fn check_edit(before: &Account, after: &Account) -> Result<(), Vec<Problem>> {
    let existing = check_account(before);
    let added: Vec<Problem> = check_account(after)
        .into_iter()
        .filter(|p| !existing.contains(p))
        .collect();
    if added.is_empty() { Ok(()) } else { Err(added) }
}

fn check_projects(problems: &mut Vec<Problem>, account: &Account) {
    let field = Field::EnterpriseProject;
    if !account
        .enterprise_projects
        .iter()
        .any(|p| p.id == DEFAULT_ENTERPRISE_PROJECT)
    {
        problems.push(problem(
            field,
            "The default enterprise project (ID 0) is missing. Keep it in the list.".into(),
        ));
    }
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    for p in &account.enterprise_projects {
        let chars = p.name.trim().chars().count();
        if chars == 0 || chars > MAX_PROJECT_NAME_CHARS {
            problems.push(problem(
                field,
                format!(
                    "Enterprise project name \"{}\" has {chars} characters. Enter a name of 1–{MAX_PROJECT_NAME_CHARS} characters.",
                    p.name
                ),
            ));
        }
        if !names.insert(p.name.trim()) {
            problems.push(problem(
                field,
                format!(
                    "An enterprise project named {} exists already. Choose another name.",
                    p.name
                ),
            ));
        }
        if !ids.insert(p.id.as_str()) {
            problems.push(problem(
                field,
                format!("Enterprise project ID {} is used twice.", p.id),
            ));
        }
    }
}

fn check_policies(problems: &mut Vec<Problem>, account: &Account) {
    for policy in &account.principal.custom_policies {
        if policy.name.trim().is_empty() {
            problems.push(problem(
                Field::Account,
                "A custom policy has no name. Give the policy a name.".into(),
            ));
        }
        for statement in &policy.statements {
            if statement.actions.is_empty() {
                problems.push(problem(
                    Field::Account,
                    format!(
                        "Custom policy {}: a statement lists no action. List at least one action, e.g. apig:instances:create.",
                        policy.name
                    ),
                ));
            }
            for action in &statement.actions {
                if action.split(':').count() != 3 || action.split(':').any(str::is_empty) {
                    problems.push(problem(
                        Field::Account,
                        format!(
                            "Custom policy {}: {action} is not an action. Write service:resource:operation, e.g. apig:instances:create.",
                            policy.name
                        ),
                    ));
                }
            }
        }
    }
}

/// Whether `cidr` lies in one of the private ranges with an allowed mask.
fn is_private_vpc_cidr(cidr: Ipv4Net) -> bool {
    VPC_RANGES.iter().any(|(range, longest)| {
        range
            .parse::<Ipv4Net>()
            .is_ok_and(|r| r.contains(&cidr) && cidr.prefix_len() <= *longest)
    })
}

fn check_region(problems: &mut Vec<Problem>, region: &Region) {
    let mut vpc_ids = HashSet::new();
    let mut subnet_ids = HashSet::new();
    for vpc in &region.vpcs {
        if vpc.name.trim().is_empty() {
            problems.push(problem(
                Field::Vpc,
                format!("VPC {} has no name. Give the VPC a name.", vpc.cidr),
            ));
        }
        if !is_private_vpc_cidr(vpc.cidr) {
            problems.push(problem(
                Field::Vpc,
                format!(
                    "VPC {} ({}) must use a private range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, with a mask of /24 or wider.",
                    vpc.name, vpc.cidr
                ),
            ));
        }
        if !vpc_ids.insert(vpc.id.as_str()) {
            problems.push(problem(
                Field::Vpc,
                format!("VPC ID {} is used twice in {}.", vpc.id, region.id),
            ));
        }
        for subnet in &vpc.subnets {
            if !subnet_ids.insert(subnet.id.as_str()) {
                problems.push(problem(
                    Field::Subnet,
                    format!("Subnet ID {} is used twice in {}.", subnet.id, region.id),
                ));
            }
        }
        check_subnets(problems, vpc);
    }
    for group in &region.security_groups {
        if group.name.trim().is_empty() {
            problems.push(problem(
                Field::SecurityGroup,
                format!(
                    "Security group {} has no name. Give the group a name.",
                    group.id
                ),
            ));
        }
        if !region.vpcs.iter().any(|v| v.id == group.vpc_id) {
            problems.push(problem(
                Field::SecurityGroup,
                format!(
                    "Security group {} belongs to VPC {}, which {} does not have. Choose a VPC of the region.",
                    group.name, group.vpc_id, region.id
                ),
            ));
        }
        for rule in &group.rules {
            let ok = match (rule.port_range_min, rule.port_range_max) {
                (None, None) => true,
                (Some(lo), Some(hi)) => 0 < lo && lo <= hi,
                _ => false,
            };
            if !ok {
                let show = |p: Option<u16>| p.map_or_else(|| "any".to_owned(), |p| p.to_string());
                problems.push(problem(
                    Field::SecurityGroup,
                    format!(
                        "Security group {}: ports {}-{} are not a port (1–65535) or range such as 8000-8080.",
                        group.name,
                        show(rule.port_range_min),
                        show(rule.port_range_max)
                    ),
                ));
            }
        }
    }
    let mut addresses = HashSet::new();
    let mut eip_ids = HashSet::new();
    for eip in &region.eips {
        if !addresses.insert(eip.address) {
            problems.push(problem(
                Field::Eip,
                format!(
                    "EIP address {} is used twice in {}. Give each EIP its own address.",
                    eip.address, region.id
                ),
            ));
        }
        if !eip_ids.insert(eip.id.as_str()) {
            problems.push(problem(
                Field::Eip,
                format!("EIP ID {} is used twice in {}.", eip.id, region.id),
            ));
        }
    }
}

fn check_subnets(problems: &mut Vec<Problem>, vpc: &Vpc) {
    for (i, subnet) in vpc.subnets.iter().enumerate() {
        let field = Field::Subnet;
        if subnet.name.trim().is_empty() {
            problems.push(problem(
                field,
                format!(
                    "Subnet {} has no name. Give the subnet a name.",
                    subnet.cidr
                ),
            ));
        }
        if !vpc.cidr.contains(&subnet.cidr) || subnet.cidr.prefix_len() > MAX_SUBNET_PREFIX {
            problems.push(problem(
                field,
                format!(
                    "Subnet {} ({}) must lie inside {} ({}) with a mask of /{MAX_SUBNET_PREFIX} or wider.",
                    subnet.name, subnet.cidr, vpc.name, vpc.cidr
                ),
            ));
        }
        if let Some(other) = vpc.subnets[..i]
            .iter()
            .find(|o| o.cidr.contains(&subnet.cidr) || subnet.cidr.contains(&o.cidr))
        {
            problems.push(problem(
                field,
                format!(
                    "Subnet {} ({}) overlaps {} ({}) in {}. Choose a CIDR outside it.",
                    subnet.name, subnet.cidr, other.name, other.cidr, vpc.name
                ),
            ));
        }
        for (j, ip) in subnet.used.iter().enumerate() {
            if !subnet.cidr.contains(ip) || subnet.is_reserved(*ip) {
                problems.push(problem(
                    field,
                    format!(
                        "{ip} is not an assignable address of {} ({}).",
                        subnet.name, subnet.cidr
                    ),
                ));
            } else if subnet.used[..j].contains(ip) {
                problems.push(problem(
                    field,
                    format!("{ip} is already in use in {}.", subnet.name),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{CustomPolicy, Effect, Statement, Subnet};
    use crate::values::ErrorCode;

    fn seed() -> Account {
        Account::default_seed()
    }

    fn main_vpc(a: &mut Account) -> &mut Vpc {
        &mut a.regions[0].vpcs[0]
    }

    fn add_subnet(a: &mut Account, name: &str, cidr: &str) {
        main_vpc(a).subnets.push(Subnet {
            id: format!("id-{name}"),
            name: name.into(),
            cidr: cidr.parse().expect("cidr"),
            used: Vec::new(),
        });
    }

    /// (edit, expected field and message fragment) — each edit of the seed adds one problem.
    #[test]
    #[allow(clippy::too_many_lines)] // One table row per rule.
    fn each_rule_is_reported_once_with_its_field() {
        type Edit = fn(&mut Account);
        let cases: &[(Edit, Field, &str)] = &[
            (
                |a| a.gateway_quota = 1001,
                Field::Account,
                "Gateway quota 1001 is too large",
            ),
            (|a| a.schema_version = 2, Field::Account, "schema version 2"),
            (
                |a| a.enterprise_projects.retain(|p| p.id != "0"),
                Field::EnterpriseProject,
                "default enterprise project",
            ),
            (
                |a| {
                    let copy = a.enterprise_projects[0].clone();
                    a.enterprise_projects
                        .push(crate::account::EnterpriseProject {
                            id: "other".into(),
                            ..copy
                        });
                },
                Field::EnterpriseProject,
                "exists already",
            ),
            (
                |a| {
                    a.principal.custom_policies.push(CustomPolicy {
                        name: "p".into(),
                        statements: vec![Statement {
                            effect: Effect::Deny,
                            actions: vec!["apig".into()],
                        }],
                    });
                },
                Field::Account,
                "apig is not an action",
            ),
            (
                |a| {
                    a.principal.custom_policies.push(CustomPolicy {
                        name: "p".into(),
                        statements: vec![Statement {
                            effect: Effect::Deny,
                            actions: Vec::new(),
                        }],
                    });
                },
                Field::Account,
                "lists no action",
            ),
            (
                |a| {
                    a.regions[0].vpcs.push(Vpc {
                        id: "public".into(),
                        name: "public".into(),
                        cidr: "8.8.0.0/16".parse().expect("cidr"),
                        subnets: Vec::new(),
                    });
                },
                Field::Vpc,
                "must use a private range",
            ),
            (
                |a| add_subnet(a, "inner", "192.168.0.128/25"),
                Field::Subnet,
                "overlaps subnet-roomy (192.168.0.0/24)",
            ),
            (
                |a| add_subnet(a, "tiny", "192.168.9.0/30"),
                Field::Subnet,
                "with a mask of /29 or wider",
            ),
            (
                |a| add_subnet(a, "outside", "10.99.0.0/24"),
                Field::Subnet,
                "must lie inside vpc-default",
            ),
            (
                |a| {
                    main_vpc(a).subnets[0]
                        .used
                        .push("192.168.0.255".parse().expect("ip"));
                },
                Field::Subnet,
                "not an assignable address",
            ),
            (
                |a| {
                    let rule = &mut a.regions[0].security_groups[0].rules[0];
                    rule.port_range_min = Some(9000);
                    rule.port_range_max = Some(8000);
                },
                Field::SecurityGroup,
                "ports 9000-8000",
            ),
            (
                |a| a.regions[0].security_groups[0].vpc_id = "nowhere".into(),
                Field::SecurityGroup,
                "does not have",
            ),
            (
                |a| {
                    let copy = a.regions[0].eips[0].clone();
                    a.regions[0].eips.push(crate::account::Eip {
                        id: "new".into(),
                        ..copy
                    });
                },
                Field::Eip,
                "is used twice",
            ),
        ];
        assert_eq!(check_account(&seed()), Vec::new(), "the seed is valid");
        for (i, (edit, field, fragment)) in cases.iter().enumerate() {
            let mut account = seed();
            edit(&mut account);
            let problems = check_edit(&seed(), &account).expect_err("refused");
            assert_eq!(problems.len(), 1, "case {i}: {problems:?}");
            assert_eq!(problems[0].field, *field, "case {i}");
            assert_eq!(problems[0].code, ErrorCode::InvalidParameter, "case {i}");
            assert!(
                problems[0].message.contains(fragment),
                "case {i}: {}",
                problems[0].message
            );
        }
    }

    #[test]
    fn boundaries_that_pass() {
        let mut a = seed();
        a.gateway_quota = MAX_GATEWAY_QUOTA;
        add_subnet(&mut a, "edge", "192.168.200.0/29");
        main_vpc(&mut a).cidr = "192.168.0.0/16".parse().expect("cidr");
        a.regions[0].security_groups[0].rules[0].port_range_min = Some(1);
        a.regions[0].security_groups[0].rules[0].port_range_max = Some(65535);
        assert_eq!(check_edit(&seed(), &a), Ok(()));
        let mut wide = seed();
        main_vpc(&mut wide).cidr = "192.168.0.0/24".parse().expect("cidr");
        assert!(
            check_edit(&seed(), &wide).is_err(),
            "the other subnets no longer fit"
        );
    }

    #[test]
    fn an_edit_is_refused_only_for_what_it_adds() {
        let mut broken = seed();
        broken.gateway_quota = 5000;
        let mut edited = broken.clone();
        edited.account_type = crate::account::AccountType::Enterprise;
        assert_eq!(check_edit(&broken, &edited), Ok(()));
        add_subnet(&mut edited, "inner", "192.168.0.0/26");
        let added = check_edit(&broken, &edited).expect_err("overlap added");
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].field, Field::Subnet);
    }
}
