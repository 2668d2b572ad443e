//! Pre-checks: the things that make a purchase fail, checked live while the form is filled.
//!
//! [`run_prechecks`] works on a partly filled [`Draft`]: a check whose input is missing says
//! what it needs ([`Outcome::Pending`]). It runs on every keystroke in the browser, so it only
//! looks things up and counts (a subnet's addresses in use are counted from a sorted copy, in
//! O(n log n)); nothing else allocates more than the messages it returns.

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
}

impl Check {
    fn new(kind: CheckKind, field: Field, outcome: Outcome, summary: String) -> Self {
        Self {
            kind,
            outcome,
            summary,
            details: Vec::new(),
            action: None,
            code: None,
            field,
        }
    }

    fn pending(kind: CheckKind, field: Field, needs: &str) -> Self {
        let mut c = Self::new(kind, field, Outcome::Pending, needs.to_owned());
        c.action = Some(needs.to_owned());
        c
    }

    fn action(mut self, action: String) -> Self {
        self.action = Some(action);
        self
    }

    fn code(mut self, code: ErrorCode) -> Self {
        self.code = Some(code);
        self
    }

    fn detail(mut self, line: String) -> Self {
        self.details.push(line);
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
        return Check::pending(kind, Field::Region, "Choose a region to check the quota.");
    };
    let q = quota_usage(account, region, gateways);
    let summary = format!("{} of {} gateways used", q.used, q.limit);
    if q.has_room() {
        Check::new(kind, Field::Account, Outcome::Pass, summary).detail(format!(
            "This gateway will be number {} of {} in the project of {}.",
            q.used + 1,
            q.limit,
            region.id
        ))
    } else {
        Check::new(kind, Field::Account, Outcome::Fail, summary)
            .detail(
                "Gateways count against the quota whatever their status, failed ones included."
                    .to_owned(),
            )
            .action(format!(
                "Delete a gateway in {}, or raise the quota of {} (a service ticket on the real cloud, the Sandbox page here).",
                region.id, q.limit
            ))
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
        CreatePermission::Allowed { by } => Check::new(
            kind,
            field,
            Outcome::Pass,
            format!("{CREATE_ACTION} allowed by {by}"),
        ),
        CreatePermission::Denied { policy } => Check::new(
            kind,
            field,
            Outcome::Fail,
            format!("{CREATE_ACTION} denied by custom policy {policy}"),
        )
        .detail("An explicit Deny wins over every Allow, including APIG FullAccess.".to_owned())
        .action(format!(
            "Remove {CREATE_ACTION} (or the wildcard matching it) from the Deny statement of {policy}."
        ))
        .code(ErrorCode::NoPermission),
        CreatePermission::Missing { missing } => Check::new(
            kind,
            field,
            Outcome::Fail,
            format!("{CREATE_ACTION} not granted"),
        )
        .detail(readonly_note(principal))
        .action(format!("Grant {missing}."))
        .code(ErrorCode::NoPermission),
    }
}

fn readonly_note(principal: &Principal) -> String {
    if principal.has(SystemPolicy::ApigReadOnlyAccess) {
        "APIG ReadOnlyAccess only allows get and list actions.".to_owned()
    } else {
        "Creating a gateway needs APIG actions and VPC actions (ports, security groups).".to_owned()
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
        return Check::pending(
            kind,
            Field::Region,
            "Choose a region to check subnet capacity.",
        );
    };
    if draft.subnet_id.is_empty() {
        return Check::pending(kind, field, "Choose a subnet to check capacity.");
    }
    let Some((_, subnet)) = region.subnet(&draft.subnet_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            format!("Subnet {} not found in {}", draft.subnet_id, region.id),
        )
        .action("Choose a subnet of the selected VPC.".to_owned())
        .code(ErrorCode::InvalidParameter);
    };
    let Ok(edition) = Edition::parse(&draft.spec_id) else {
        let free = subnet.free_count();
        let plural = if free == 1 { "" } else { "es" };
        return Check::new(
            kind,
            field,
            Outcome::Pending,
            format!("{free} free address{plural}; choose an edition to compare"),
        )
        .detail(capacity_arithmetic(subnet))
        .action("Choose an edition.".to_owned());
    };
    capacity_check(subnet, edition, 0)
}

fn capacity_arithmetic(subnet: &Subnet) -> String {
    format!(
        "{} {}: {} addresses − 5 reserved − {} in use = {} free",
        subnet.name,
        subnet.cidr,
        subnet.assignable_count() + 5,
        subnet.used_count(),
        subnet.free_count()
    )
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
    let plural = if free == 1 { "" } else { "es" };
    let total = edition.private_ips_needed();
    let need = total.saturating_sub(held);
    let summary = if held == 0 {
        format!(
            "{free} free address{plural}, {} needs {need}",
            edition.display_name()
        )
    } else {
        format!(
            "{free} free address{plural}, {} needs {need} more ({total} in all, {held} already held)",
            edition.display_name()
        )
    };
    if free >= u64::from(need) {
        return Check::new(kind, field, Outcome::Pass, summary).detail(arithmetic);
    }
    if held > 0 {
        return Check::new(kind, field, Outcome::Fail, summary)
            .detail(arithmetic)
            .action(format!(
                "Free {} more address{} in subnet {} (a gateway's subnet cannot change), or keep the current edition.",
                u64::from(need) - free,
                if u64::from(need) - free == 1 { "" } else { "es" },
                subnet.name
            ))
            .code(ErrorCode::ScaleUpFailed);
    }
    let smaller = match largest_fitting(free) {
        Some(e) => format!(
            ", or a smaller edition ({} needs {})",
            e.display_name(),
            e.private_ips_needed()
        ),
        None => String::new(),
    };
    Check::new(kind, field, Outcome::Fail, summary)
        .detail(arithmetic)
        .action(format!(
            "Choose a subnet with at least {need} free addresses{smaller}."
        ))
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

fn port_list(ports: &[u16]) -> String {
    ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// What the rules of a group mean for the chosen access.
#[derive(Default)]
struct RuleReview {
    /// Rules to add.
    warnings: Vec<String>,
    /// Explanations.
    details: Vec<String>,
    /// What is fine.
    good: Vec<String>,
}

fn review_rules(draft: &Draft, region: &Region, sg: &SecurityGroup) -> RuleReview {
    let mut review = RuleReview::default();
    let RuleReview {
        warnings,
        details,
        good,
    } = &mut review;
    match region.inbound_mode {
        InboundMode::Elb => details.push(format!(
            "In {} (ELB) security-group rules do not govern public inbound access; use access control policies to restrict callers.",
            region.id
        )),
        InboundMode::Lvs if draft.public_inbound => {
            let blocked = blocked_ports(sg, Direction::Ingress);
            if blocked.is_empty() {
                good.push("allows TCP 80 and 443 from the internet".to_owned());
            } else {
                for p in &blocked {
                    warnings.push(format!(
                        "Add an inbound rule to {}: TCP {p} from 0.0.0.0/0.",
                        sg.name
                    ));
                }
                details.push(format!(
                    "{} does not allow TCP {} from the internet: public callers cannot reach the gateway.",
                    sg.name,
                    port_list(&blocked)
                ));
            }
        }
        InboundMode::Lvs => details.push(
            "Public inbound access is off: no inbound rule for ports 80/443 is needed.".to_owned(),
        ),
    }
    if draft.public_outbound {
        let blocked = blocked_ports(sg, Direction::Egress);
        if blocked.is_empty() {
            good.push("allows outbound traffic to public backends".to_owned());
        } else {
            warnings.push(format!(
                "Add an outbound rule to {}: TCP {} (or all traffic) to 0.0.0.0/0.",
                sg.name,
                port_list(&blocked)
            ));
            details.push(format!(
                "{} blocks outbound TCP {} to the internet: the gateway cannot call public backends.",
                sg.name,
                port_list(&blocked)
            ));
        }
    }
    review
}

fn security_group_check(draft: &Draft, region: Option<&Region>) -> Check {
    let kind = CheckKind::SecurityGroup;
    let field = Field::SecurityGroup;
    let Some(region) = region else {
        return Check::pending(
            kind,
            Field::Region,
            "Choose a region to check the security group.",
        );
    };
    if draft.security_group_id.is_empty() {
        return Check::pending(kind, field, "Choose a security group to check its rules.");
    }
    let Some(sg) = region.security_group(&draft.security_group_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            format!(
                "Security group {} not found in {}",
                draft.security_group_id, region.id
            ),
        )
        .action("Choose a security group of the selected VPC.".to_owned())
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
            format!(
                "{} belongs to {}, not {}",
                sg.name,
                vpc_name(&sg.vpc_id),
                vpc_name(&draft.vpc_id)
            ),
        )
        .action("Choose a security group of the gateway's VPC.".to_owned())
        .code(ErrorCode::SecurityGroupNotInVpc);
    }

    let RuleReview {
        warnings,
        mut details,
        good,
    } = review_rules(draft, region, sg);
    details.push(
        "Backends in the same security group and VPC as the gateway need no extra rules."
            .to_owned(),
    );
    let (outcome, summary) = if warnings.is_empty() {
        let summary = if good.is_empty() {
            format!("{}: no rules needed for the chosen access", sg.name)
        } else {
            format!("{} {}", sg.name, good.join(" and "))
        };
        (Outcome::Pass, summary)
    } else {
        (
            Outcome::Warn,
            format!("{}: {} rule(s) to add", sg.name, warnings.len()),
        )
    };
    let mut check = Check::new(kind, field, outcome, summary);
    check.details = details;
    if !warnings.is_empty() {
        check.action = Some(warnings.join(" "));
    }
    check
}

fn eip_check(draft: &Draft, region: Option<&Region>) -> Check {
    let kind = CheckKind::Eip;
    let Some(region) = region else {
        return Check::pending(
            kind,
            Field::Region,
            "Choose a region to check public inbound access.",
        );
    };
    if !draft.public_inbound {
        return Check::new(
            kind,
            Field::Eip,
            Outcome::Pass,
            "Public inbound access is off; no EIP needed".to_owned(),
        );
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
    let free_list = if free.is_empty() {
        "none is free; unbind one or turn public inbound access off".to_owned()
    } else {
        format!("free: {}", free.join(", "))
    };
    if draft.eip_id.is_empty() {
        let mut c = Check::pending(kind, field, "Choose an EIP for public inbound access.");
        c.summary = format!("Choose an EIP ({} free in {})", free.len(), region.id);
        if free.is_empty() {
            c.outcome = Outcome::Fail;
            c.code = Some(ErrorCode::InvalidParameter);
            c.action = Some(format!(
                "No EIP of {} is free; unbind one or turn public inbound access off.",
                region.id
            ));
        }
        return c;
    }
    let Some(eip) = region.eip(&draft.eip_id) else {
        return Check::new(
            kind,
            field,
            Outcome::Fail,
            format!("EIP {} not found in {}", draft.eip_id, region.id),
        )
        .action(format!("Choose an EIP of {} ({free_list}).", region.id))
        .code(ErrorCode::InvalidParameter);
    };
    if eip.is_free() {
        return Check::new(
            kind,
            field,
            Outcome::Pass,
            format!("EIP {} is free ({})", eip.address, eip.status.as_str()),
        );
    }
    let bound = eip
        .bound_to
        .as_deref()
        .map_or_else(String::new, |b| format!(", bound to {b}"));
    Check::new(
        kind,
        field,
        Outcome::Fail,
        format!("EIP {} is {}{bound}", eip.address, eip.status.as_str()),
    )
    .detail("Only an unbound EIP (status DOWN) can be bound to a gateway.".to_owned())
    .action(format!("Choose another EIP ({free_list})."))
    .code(ErrorCode::InvalidParameter)
}

fn elb_eip_check(draft: &Draft, region: &Region) -> Check {
    let kind = CheckKind::Eip;
    let field = Field::IngressBandwidth;
    let mode_note = format!(
        "In {} (ELB) the gateway gets its own EIP; an existing EIP cannot be chosen.",
        region.id
    );
    match Bandwidth::parse_inbound(&draft.ingress_bandwidth) {
        Err(ValueError::Missing) => {
            let mut c = Check::pending(
                kind,
                field,
                "Enter an inbound bandwidth (at least 5 Mbit/s).",
            );
            c.details.push(mode_note);
            c
        }
        Err(e) => Check::new(kind, field, Outcome::Fail, format!("Inbound bandwidth {e}"))
            .detail(mode_note)
            .action(format!(
                "Enter a whole number of Mbit/s from {} to {}.",
                Bandwidth::INBOUND_MIN,
                Bandwidth::MAX
            ))
            .code(ErrorCode::InvalidParameter),
        Ok(bw) => match region.next_public_address() {
            Some(addr) => Check::new(
                kind,
                field,
                Outcome::Pass,
                format!("A new EIP ({addr}) with {bw} will be assigned"),
            )
            .detail(mode_note),
            None => Check::new(
                kind,
                field,
                Outcome::Fail,
                format!("No public address left in {}", region.public_pool),
            )
            .action("Release an EIP on the Sandbox page.".to_owned())
            .code(ErrorCode::InsufficientResources),
        },
    }
}
