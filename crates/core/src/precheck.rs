//! Pre-checks: the things that make a purchase fail, checked live while the form is filled.
//!
//! [`run_prechecks`] works on a partly filled [`Draft`]: a check whose input is missing says
//! what it needs ([`Outcome::Pending`]). It runs on every keystroke in the browser, so it only
//! looks things up and counts (a subnet's addresses in use are counted from a sorted copy, in
//! O(n log n)); nothing else allocates more than the messages it returns.

pub mod fix;
mod line;

pub use line::{Line, MissingGrant};

use serde::{Deserialize, Serialize};

use crate::account::{Account, Direction, Principal, Region, SecurityGroup, Subnet, SystemPolicy};
use crate::gateway::Gateway;
use crate::region::InboundMode;
use crate::validate::{Draft, Field};
use crate::values::{Bandwidth, Edition, ErrorCode, ValueError};

/// The IAM action creating a gateway needs.
pub const CREATE_ACTION: &str = "apig:instances:create";

/// What a check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Gateways in the project against the quota.
    Quota,
    /// IAM permission to create a gateway.
    Permission,
    /// Free private addresses of the subnet against the edition.
    SubnetCapacity,
    /// Security-group rules for public inbound / outbound traffic.
    SecurityGroup,
    /// The inbound EIP (LVS) or inbound bandwidth (ELB).
    Eip,
}

impl CheckKind {
    /// The check's title in the console's check panel.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Quota => "Gateway quota",
            Self::Permission => "Permissions",
            Self::SubnetCapacity => "Subnet capacity",
            Self::SecurityGroup => "Security group",
            Self::Eip => "Public inbound EIP",
        }
    }
}

/// The result of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing to check yet: a field the check needs is empty.
    Pending,
    /// Fine.
    Pass,
    /// The purchase works, but something will probably not (e.g. blocked ports).
    Warn,
    /// The purchase would fail.
    Fail,
}

/// One pre-check result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// What was checked.
    pub kind: CheckKind,
    /// Pass, warn, fail or pending.
    pub outcome: Outcome,
    /// One line with the figures, e.g. `"2 of 5 gateways used"`.
    pub summary: String,
    /// Further lines explaining the figures.
    pub details: Vec<String>,
    /// What to do, for warnings, failures and pending checks.
    pub action: Option<String>,
    /// The APIC code a failing purchase gets.
    pub code: Option<ErrorCode>,
    /// The form control the check concerns.
    pub field: Field,
    /// `summary` with its figures typed.
    pub summary_line: Line,
    /// `details` with their figures typed.
    pub detail_lines: Vec<Line>,
    /// `action` with its figures typed.
    pub action_line: Option<Line>,
}

impl Check {
    fn new(kind: CheckKind, field: Field, outcome: Outcome, summary: Line) -> Self {
        Self {
            kind,
            outcome,
            summary: summary.to_string(),
            details: Vec::new(),
            action: None,
            code: None,
            field,
            summary_line: summary,
            detail_lines: Vec::new(),
            action_line: None,
        }
    }

    fn pending(kind: CheckKind, field: Field, needs: Line) -> Self {
        Self::new(kind, field, Outcome::Pending, needs.clone()).action(needs)
    }

    fn action(mut self, action: Line) -> Self {
        self.action = Some(action.to_string());
        self.action_line = Some(action);
        self
    }

    fn code(mut self, code: ErrorCode) -> Self {
        self.code = Some(code);
        self
    }

    fn detail(mut self, line: Line) -> Self {
        self.details.push(line.to_string());
        self.detail_lines.push(line);
        self
    }

    fn summary(mut self, summary: Line) -> Self {
        self.summary = summary.to_string();
        self.summary_line = summary;
        self
    }
}

/// Runs every pre-check on a (possibly partial) draft. Always five checks, in the order
/// quota, permission, subnet capacity, security group, EIP.
pub fn run_prechecks(draft: &Draft, account: &Account, gateways: &[Gateway]) -> Vec<Check> {
    let region = account.region(&draft.region);
    vec![
        quota_check(account, region, gateways),
        permission_check(&account.principal),
        subnet_check(draft, region),
        security_group_check(draft, region),
        eip_check(draft, region),
    ]
}

/// Gateways used in a project and the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaUsage {
    /// Gateways in the project, whatever their status.
    pub used: usize,
    /// Gateways allowed.
    pub limit: usize,
}

impl QuotaUsage {
    /// Whether one more gateway fits.
    pub const fn has_room(self) -> bool {
        self.used < self.limit
    }
}

/// Counts the gateways of the region's project (every status counts, failed ones too).
pub fn quota_usage(account: &Account, region: &Region, gateways: &[Gateway]) -> QuotaUsage {
    QuotaUsage {
        used: gateways
            .iter()
            .filter(|g| g.project_id == region.project_id)
            .count(),
        limit: usize::try_from(account.gateway_quota).unwrap_or(usize::MAX),
    }
}

fn quota_check(account: &Account, region: Option<&Region>, gateways: &[Gateway]) -> Check {
    let kind = CheckKind::Quota;
    let Some(region) = region else {
        return Check::pending(kind, Field::Region, Line::NeedRegion { check: kind });
    };
    let q = quota_usage(account, region, gateways);
    let summary = Line::QuotaUsed {
        used: q.used,
        limit: q.limit,
    };
    if q.has_room() {
        Check::new(kind, Field::Account, Outcome::Pass, summary).detail(Line::QuotaNext {
            number: q.used + 1,
            limit: q.limit,
            region: region.id.clone(),
        })
    } else {
        Check::new(kind, Field::Account, Outcome::Fail, summary)
            .detail(Line::QuotaCountsAll)
            .action(Line::QuotaRaise {
                region: region.id.clone(),
                limit: q.limit,
            })
            .code(ErrorCode::QuotaExceeded)
    }
}

/// Whether the principal may create a gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum CreatePermission {
    /// Allowed, by the named role(s) or policy.
    Allowed {
        /// What grants it.
        by: String,
    },
    /// A custom policy denies `apig:instances:create` (Deny wins over every Allow).
    Denied {
        /// The denying policy.
        policy: String,
    },
    /// Nothing grants it.
    Missing {
        /// What to add.
        missing: String,
    },
}

/// Decides creation: Deny wins; else `APIG FullAccess`, or `APIG Administrator` together with
/// `VPC Administrator`, or a custom policy allowing `apig:instances:create`.
pub fn create_permission(principal: &Principal) -> CreatePermission {
    if let Some(policy) = principal.denied_by(CREATE_ACTION) {
        return CreatePermission::Denied {
            policy: policy.to_owned(),
        };
    }
    let apig_admin = principal.has(SystemPolicy::ApigAdministrator);
    let vpc_admin = principal.has(SystemPolicy::VpcAdministrator);
    if principal.has(SystemPolicy::ApigFullAccess) {
        return CreatePermission::Allowed {
            by: SystemPolicy::ApigFullAccess.name().to_owned(),
        };
    }
    if apig_admin && vpc_admin {
        return CreatePermission::Allowed {
            by: "APIG Administrator + VPC Administrator".to_owned(),
        };
    }
    if let Some(policy) = principal.custom_allowed_by(CREATE_ACTION) {
        return CreatePermission::Allowed {
            by: format!("custom policy {policy}"),
        };
    }
    let missing = match (apig_admin, vpc_admin) {
        (true, false) => {
            "the VPC Administrator role (APIG Administrator alone cannot create the VPC ports a gateway needs)"
        }
        (false, true) => {
            "the APIG Administrator role (VPC Administrator alone grants no APIG actions)"
        }
        _ => {
            "APIG Administrator together with VPC Administrator, or APIG FullAccess, or a custom policy allowing apig:instances:create"
        }
    };
    CreatePermission::Missing {
        missing: missing.to_owned(),
    }
}

fn permission_check(principal: &Principal) -> Check {
    let kind = CheckKind::Permission;
    let field = Field::Account;
    match create_permission(principal) {
        CreatePermission::Allowed { by } => {
            let line = match by.strip_prefix("custom policy ") {
                Some(policy) => Line::AllowedByPolicy {
                    policy: policy.to_owned(),
                },
                None => Line::AllowedByRole { role: by.clone() },
            };
            Check::new(kind, field, Outcome::Pass, line)
        }
        CreatePermission::Denied { policy } => Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::DeniedByPolicy {
                policy: policy.clone(),
            },
        )
        .detail(Line::DenyWins)
        .action(Line::RemoveDeny { policy })
        .code(ErrorCode::NoPermission),
        CreatePermission::Missing { .. } => {
            let missing = match (
                principal.has(SystemPolicy::ApigAdministrator),
                principal.has(SystemPolicy::VpcAdministrator),
            ) {
                (true, false) => MissingGrant::VpcAdministrator,
                (false, true) => MissingGrant::ApigAdministrator,
                _ => MissingGrant::Any,
            };
            Check::new(kind, field, Outcome::Fail, Line::NotGranted)
                .detail(readonly_note(principal))
                .action(Line::Grant { missing })
                .code(ErrorCode::NoPermission)
        }
    }
}

fn readonly_note(principal: &Principal) -> Line {
    if principal.has(SystemPolicy::ApigReadOnlyAccess) {
        Line::ReadOnlyNote
    } else {
        Line::NeedsApigAndVpc
    }
}

/// The largest base edition that fits into `free` addresses.
fn largest_fitting(free: u64) -> Option<Edition> {
    Edition::BASE
        .into_iter()
        .rev()
        .find(|e| u64::from(e.private_ips_needed()) <= free)
}

fn subnet_check(draft: &Draft, region: Option<&Region>) -> Check {
    let kind = CheckKind::SubnetCapacity;
    let field = Field::Subnet;
    let Some(region) = region else {
        return Check::pending(kind, Field::Region, Line::NeedRegion { check: kind });
    };
    if draft.subnet_id.is_empty() {
        return Check::pending(kind, field, Line::NeedSubnet);
    }
    let Some((_, subnet)) = region.subnet(&draft.subnet_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::SubnetNotFound {
                subnet: draft.subnet_id.clone(),
                region: region.id.clone(),
            },
        )
        .action(Line::ChooseSubnetOfVpc)
        .code(ErrorCode::InvalidParameter);
    };
    let Ok(edition) = Edition::parse(&draft.spec_id) else {
        let free = subnet.free_count();
        return Check::new(
            kind,
            field,
            Outcome::Pending,
            Line::FreeChooseEdition { free },
        )
        .detail(capacity_arithmetic(subnet))
        .action(Line::ChooseEdition);
    };
    capacity_check(subnet, edition, 0)
}

fn capacity_arithmetic(subnet: &Subnet) -> Line {
    Line::SubnetArithmetic {
        name: subnet.name.clone(),
        cidr: subnet.cidr.to_string(),
        total: subnet.assignable_count() + 5,
        used: subnet.used_count(),
        free: subnet.free_count(),
    }
}

/// Whether `subnet` has the free private addresses `edition` needs, counting the `held`
/// addresses the gateway already takes there: 0 when buying (a failure is `APIC.9219`), the
/// current edition's when changing the edition (only the difference must be free; a failure is
/// `APIC.9215`, and the subnet cannot change). The same check for the buy form, the "Change
/// edition" form and `postpaid-resize`.
pub fn capacity_check(subnet: &Subnet, edition: Edition, held: u32) -> Check {
    let kind = CheckKind::SubnetCapacity;
    let field = if held == 0 {
        Field::Subnet
    } else {
        Field::Edition
    };
    let free = subnet.free_count();
    let arithmetic = capacity_arithmetic(subnet);
    let total = edition.private_ips_needed();
    let need = total.saturating_sub(held);
    let summary = if held == 0 {
        Line::FreeNeeds {
            free,
            edition,
            need,
        }
    } else {
        Line::FreeNeedsMore {
            free,
            edition,
            need,
            total,
            held,
        }
    };
    if free >= u64::from(need) {
        return Check::new(kind, field, Outcome::Pass, summary).detail(arithmetic);
    }
    if held > 0 {
        return Check::new(kind, field, Outcome::Fail, summary)
            .detail(arithmetic)
            .action(Line::FreeMoreInSubnet {
                more: u64::from(need) - free,
                subnet: subnet.name.clone(),
            })
            .code(ErrorCode::ScaleUpFailed);
    }
    let smaller = largest_fitting(free).map(|e| (e, e.private_ips_needed()));
    Check::new(kind, field, Outcome::Fail, summary)
        .detail(arithmetic)
        .action(Line::ChooseBiggerSubnet { need, smaller })
        .code(ErrorCode::InsufficientResources)
}

/// The internet ports a public gateway must accept.
const PUBLIC_PORTS: [u16; 2] = [80, 443];

/// Ports of [`PUBLIC_PORTS`] the group does not let through in `direction`.
fn blocked_ports(sg: &SecurityGroup, direction: Direction) -> Vec<u16> {
    PUBLIC_PORTS
        .into_iter()
        .filter(|&p| !sg.allows_internet_tcp(direction, p))
        .collect()
}

/// What the rules of a group mean for the chosen access.
#[derive(Default)]
struct RuleReview {
    /// Rules to add.
    warnings: Vec<Line>,
    /// Explanations.
    details: Vec<Line>,
    /// Public web traffic comes in (LVS, inbound on).
    inbound_ok: bool,
    /// Outbound traffic reaches public backends.
    outbound_ok: bool,
}

fn review_rules(draft: &Draft, region: &Region, sg: &SecurityGroup) -> RuleReview {
    let mut review = RuleReview::default();
    let group = || sg.name.clone();
    match region.inbound_mode {
        InboundMode::Elb => review.details.push(Line::ElbRulesNote {
            region: region.id.clone(),
        }),
        InboundMode::Lvs if draft.public_inbound => {
            let blocked = blocked_ports(sg, Direction::Ingress);
            if blocked.is_empty() {
                review.inbound_ok = true;
            } else {
                for &port in &blocked {
                    review.warnings.push(Line::AddInboundRule {
                        group: group(),
                        port,
                    });
                }
                review.details.push(Line::InboundBlocked {
                    group: group(),
                    ports: blocked,
                });
            }
        }
        InboundMode::Lvs => review.details.push(Line::InboundOffNote),
    }
    if draft.public_outbound {
        let blocked = blocked_ports(sg, Direction::Egress);
        if blocked.is_empty() {
            review.outbound_ok = true;
        } else {
            review.warnings.push(Line::AddOutboundRule {
                group: group(),
                ports: blocked.clone(),
            });
            review.details.push(Line::OutboundBlocked {
                group: group(),
                ports: blocked,
            });
        }
    }
    review
}

fn security_group_check(draft: &Draft, region: Option<&Region>) -> Check {
    let kind = CheckKind::SecurityGroup;
    let field = Field::SecurityGroup;
    let Some(region) = region else {
        return Check::pending(kind, Field::Region, Line::NeedRegion { check: kind });
    };
    if draft.security_group_id.is_empty() {
        return Check::pending(kind, field, Line::NeedSecurityGroup);
    }
    let Some(sg) = region.security_group(&draft.security_group_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::GroupNotFound {
                group: draft.security_group_id.clone(),
                region: region.id.clone(),
            },
        )
        .action(Line::ChooseGroupOfVpc)
        .code(ErrorCode::SecurityGroupNotInVpc);
    };
    if !draft.vpc_id.is_empty() && sg.vpc_id != draft.vpc_id {
        let vpc_name = |id: &str| {
            region
                .vpc(id)
                .map_or_else(|| id.to_owned(), |v| v.name.clone())
        };
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::GroupInOtherVpc {
                group: sg.name.clone(),
                its_vpc: vpc_name(&sg.vpc_id),
                chosen_vpc: vpc_name(&draft.vpc_id),
            },
        )
        .action(Line::ChooseGroupOfGatewayVpc)
        .code(ErrorCode::SecurityGroupNotInVpc);
    }

    let RuleReview {
        warnings,
        details,
        inbound_ok,
        outbound_ok,
    } = review_rules(draft, region, sg);
    let (outcome, summary) = if warnings.is_empty() {
        let summary = if inbound_ok || outbound_ok {
            Line::GroupAllows {
                group: sg.name.clone(),
                inbound: inbound_ok,
                outbound: outbound_ok,
            }
        } else {
            Line::NoRulesNeeded {
                group: sg.name.clone(),
            }
        };
        (Outcome::Pass, summary)
    } else {
        (
            Outcome::Warn,
            Line::RulesToAdd {
                group: sg.name.clone(),
                count: warnings.len(),
            },
        )
    };
    let mut check = Check::new(kind, field, outcome, summary);
    for line in details {
        check = check.detail(line);
    }
    check = check.detail(Line::SameGroupNote);
    if !warnings.is_empty() {
        check = check.action(Line::All { lines: warnings });
    }
    check
}

fn eip_check(draft: &Draft, region: Option<&Region>) -> Check {
    let kind = CheckKind::Eip;
    let Some(region) = region else {
        return Check::pending(kind, Field::Region, Line::NeedRegion { check: kind });
    };
    if !draft.public_inbound {
        return Check::new(kind, Field::Eip, Outcome::Pass, Line::InboundOff);
    }
    match region.inbound_mode {
        InboundMode::Lvs => lvs_eip_check(draft, region),
        InboundMode::Elb => elb_eip_check(draft, region),
    }
}

fn lvs_eip_check(draft: &Draft, region: &Region) -> Check {
    let kind = CheckKind::Eip;
    let field = Field::Eip;
    let free: Vec<String> = region.free_eips().map(|e| e.address.to_string()).collect();
    if draft.eip_id.is_empty() {
        let mut c = Check::pending(kind, field, Line::NeedEip).summary(Line::ChooseEipCount {
            free: free.len(),
            region: region.id.clone(),
        });
        if free.is_empty() {
            c.outcome = Outcome::Fail;
            c.code = Some(ErrorCode::InvalidParameter);
            c = c.action(Line::NoEipFree {
                region: region.id.clone(),
            });
        }
        return c;
    }
    let Some(eip) = region.eip(&draft.eip_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::EipNotFound {
                eip: draft.eip_id.clone(),
                region: region.id.clone(),
            },
        )
        .action(Line::ChooseEipOf {
            region: region.id.clone(),
            free,
        })
        .code(ErrorCode::InvalidParameter);
    };
    if eip.is_free() {
        return Check::new(
            kind,
            field,
            Outcome::Pass,
            Line::EipFree {
                address: eip.address.to_string(),
                status: eip.status.as_str().to_owned(),
            },
        );
    }
    Check::new(
        kind,
        field,
        Outcome::Fail,
        Line::EipTaken {
            address: eip.address.to_string(),
            status: eip.status.as_str().to_owned(),
            bound_to: eip.bound_to.clone(),
        },
    )
    .detail(Line::OnlyUnbound)
    .action(Line::ChooseAnotherEip { free })
    .code(ErrorCode::InvalidParameter)
}

fn elb_eip_check(draft: &Draft, region: &Region) -> Check {
    let kind = CheckKind::Eip;
    let field = Field::IngressBandwidth;
    let mode_note = Line::ElbModeNote {
        region: region.id.clone(),
    };
    match Bandwidth::parse_inbound(&draft.ingress_bandwidth) {
        Err(ValueError::Missing) => {
            Check::pending(kind, field, Line::NeedBandwidth).detail(mode_note)
        }
        Err(e) => Check::new(
            kind,
            field,
            Outcome::Fail,
            Line::BadBandwidth {
                given: draft.ingress_bandwidth.clone(),
                reason: e.to_string(),
            },
        )
        .detail(mode_note)
        .action(Line::EnterBandwidthRange {
            min: Bandwidth::INBOUND_MIN,
            max: Bandwidth::MAX,
        })
        .code(ErrorCode::InvalidParameter),
        Ok(bw) => match region.next_public_address() {
            Some(addr) => Check::new(
                kind,
                field,
                Outcome::Pass,
                Line::NewEip {
                    address: addr.to_string(),
                    bandwidth: bw,
                },
            )
            .detail(mode_note),
            None => Check::new(
                kind,
                field,
                Outcome::Fail,
                Line::NoPublicAddress {
                    pool: region.public_pool.to_string(),
                },
            )
            .action(Line::ReleaseEip)
            .code(ErrorCode::InsufficientResources),
        },
    }
}
