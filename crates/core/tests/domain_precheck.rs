//! Pre-checks at their boundaries, on full and partial drafts.

mod domain_common;

use apig_core::account::SystemPolicy::{
    ApigAdministrator, ApigFullAccess, ApigReadOnlyAccess, VpcAdministrator,
};
use apig_core::account::{CustomPolicy, Effect, Statement, SystemPolicy, ids};
use apig_core::precheck::{Check, CheckKind, Outcome, run_prechecks};
use apig_core::{Account, Draft, ErrorCode, Gateway};
use domain_common::{cn1_draft, cn4_draft, cn4_gateways, seed};

/// The check of `kind` for a draft.
fn check_of(kind: CheckKind, draft: &Draft, account: &Account, gateways: &[Gateway]) -> Check {
    let checks = run_prechecks(draft, account, gateways);
    assert_eq!(checks.len(), 5);
    checks
        .into_iter()
        .find(|c| c.kind == kind)
        .expect("every kind is reported")
}

/// Asserts outcome, that the summary contains `summary`, and the code.
fn expect(c: &Check, outcome: Outcome, summary: &str, code: Option<ErrorCode>) {
    assert_eq!(c.outcome, outcome, "{c:#?}");
    assert!(c.summary.contains(summary), "{summary:?} not in {c:#?}");
    assert_eq!(c.code, code, "{c:#?}");
    if matches!(c.outcome, Outcome::Fail | Outcome::Warn | Outcome::Pending) {
        assert!(
            c.action.as_deref().is_some_and(|a| !a.is_empty()),
            "no action: {c:#?}"
        );
    }
}

#[test]
fn quota_four_of_five_passes_five_of_five_fails() {
    let d = cn4_draft();
    let mut account = seed();
    let four = cn4_gateways(&mut account, 4);
    expect(
        &check_of(CheckKind::Quota, &d, &account, &four),
        Outcome::Pass,
        "4 of 5 gateways used",
        None,
    );
    let five = cn4_gateways(&mut seed(), 5);
    expect(
        &check_of(CheckKind::Quota, &d, &seed(), &five),
        Outcome::Fail,
        "5 of 5 gateways used",
        Some(ErrorCode::QuotaExceeded),
    );
    // A failed gateway still counts.
    let mut failed = four.clone();
    let mut extra = four[0].clone();
    extra.failure = Some(apig_core::lifecycle::InjectedFailure {
        at_step: 1,
        code: apig_core::values::ErrorCode::CreateFailed,
    });
    extra.name = "failed-one".parse().expect("valid name");
    failed.push(extra);
    expect(
        &check_of(CheckKind::Quota, &d, &seed(), &failed),
        Outcome::Fail,
        "5 of 5",
        Some(ErrorCode::QuotaExceeded),
    );
    // Other projects' gateways do not count.
    expect(
        &check_of(CheckKind::Quota, &cn1_draft(), &seed(), &five),
        Outcome::Pass,
        "0 of 5",
        None,
    );
    let mut raised = seed();
    raised.gateway_quota = 6;
    expect(
        &check_of(CheckKind::Quota, &d, &raised, &five),
        Outcome::Pass,
        "5 of 6",
        None,
    );
}

#[test]
fn permission_outcomes() {
    let policy = |name: &str, effect, action: &str| CustomPolicy {
        name: name.into(),
        statements: vec![Statement {
            effect,
            actions: vec![action.into()],
        }],
    };
    let cases: Vec<(&[SystemPolicy], Vec<CustomPolicy>, Outcome, &str)> = vec![
        (
            &[ApigAdministrator, VpcAdministrator],
            vec![],
            Outcome::Pass,
            "APIG Administrator + VPC Administrator",
        ),
        (&[ApigFullAccess], vec![], Outcome::Pass, "APIG FullAccess"),
        (
            &[],
            vec![policy("ops", Effect::Allow, "apig:instances:create")],
            Outcome::Pass,
            "custom policy ops",
        ),
        (
            &[],
            vec![policy("ops", Effect::Allow, "apig:*:*")],
            Outcome::Pass,
            "custom policy ops",
        ),
        (
            &[ApigFullAccess],
            vec![policy("no-buy", Effect::Deny, "apig:*:*")],
            Outcome::Fail,
            "denied by custom policy no-buy",
        ),
        (
            &[ApigAdministrator, VpcAdministrator],
            vec![
                policy("ops", Effect::Allow, "apig:instances:create"),
                policy("no-buy", Effect::Deny, "apig:instances:create"),
            ],
            Outcome::Fail,
            "denied by custom policy no-buy",
        ),
        (&[ApigAdministrator], vec![], Outcome::Fail, "not granted"),
        (&[ApigReadOnlyAccess], vec![], Outcome::Fail, "not granted"),
        (
            &[],
            vec![policy("other", Effect::Allow, "apig:instances:delete")],
            Outcome::Fail,
            "not granted",
        ),
    ];
    for (system, custom, outcome, summary) in cases {
        let mut a = seed();
        a.principal.system_policies = system.to_vec();
        a.principal.custom_policies = custom;
        let c = check_of(CheckKind::Permission, &cn4_draft(), &a, &[]);
        let code = (outcome == Outcome::Fail).then_some(ErrorCode::NoPermission);
        expect(&c, outcome, summary, code);
    }
    // The action names what is missing.
    let mut a = seed();
    a.principal.system_policies = vec![ApigAdministrator];
    let c = check_of(CheckKind::Permission, &cn4_draft(), &a, &[]);
    assert!(
        c.action
            .as_deref()
            .unwrap_or_default()
            .contains("VPC Administrator"),
        "{c:#?}"
    );
}

#[test]
fn subnet_capacity_boundaries() {
    let cases = [
        (
            ids::CN4_SUBNET_SMALL,
            "BASIC",
            Outcome::Pass,
            "3 free addresses, Basic needs 3",
        ),
        (
            ids::CN4_SUBNET_SMALL,
            "PROFESSIONAL",
            Outcome::Fail,
            "3 free addresses, Professional needs 5",
        ),
        (
            ids::CN4_SUBNET_FULL,
            "BASIC",
            Outcome::Fail,
            "0 free addresses, Basic needs 3",
        ),
        (
            ids::CN4_SUBNET_ROOMY,
            "PLATINUM_X8",
            Outcome::Pass,
            "247 free addresses, Platinum 8 needs 35",
        ),
        (
            ids::CN4_SUBNET_ROOMY,
            "",
            Outcome::Pending,
            "247 free addresses",
        ),
        (
            "",
            "BASIC",
            Outcome::Pending,
            "Choose a subnet to check capacity",
        ),
        ("missing", "BASIC", Outcome::Fail, "not found"),
    ];
    for (subnet, spec, outcome, summary) in cases {
        let mut d = cn4_draft();
        d.subnet_id = subnet.into();
        d.spec_id = spec.into();
        let c = check_of(CheckKind::SubnetCapacity, &d, &seed(), &[]);
        let code = match (outcome, subnet) {
            (Outcome::Fail, "missing") => Some(ErrorCode::InvalidParameter),
            (Outcome::Fail, _) => Some(ErrorCode::InsufficientResources),
            _ => None,
        };
        expect(&c, outcome, summary, code);
    }
    // Addresses in use count: one more used address in the /29 and Basic no longer fits.
    let mut a = seed();
    let region = a.region_mut("cn-north-4").expect("region");
    let subnet = region.subnet_mut(ids::CN4_SUBNET_SMALL).expect("subnet");
    subnet.used.push("192.168.1.2".parse().expect("ip"));
    let mut d = cn4_draft();
    d.subnet_id = ids::CN4_SUBNET_SMALL.into();
    d.spec_id = "BASIC".into();
    let c = check_of(CheckKind::SubnetCapacity, &d, &a, &[]);
    expect(
        &c,
        Outcome::Fail,
        "2 free addresses, Basic needs 3",
        Some(ErrorCode::InsufficientResources),
    );
}

#[test]
fn security_group_rules_in_lvs_and_elb_regions() {
    // (draft, group, inbound, outbound, outcome, summary or action fragment)
    let cases = [
        (
            cn1_draft(),
            ids::CN1_SG_WEB,
            true,
            false,
            Outcome::Pass,
            "allows TCP 80 and 443",
        ),
        (
            cn1_draft(),
            ids::CN1_SG_DEFAULT,
            true,
            false,
            Outcome::Warn,
            "2 rule(s) to add",
        ),
        (
            cn1_draft(),
            ids::CN1_SG_DEFAULT,
            false,
            false,
            Outcome::Pass,
            "no rules needed",
        ),
        (
            cn4_draft(),
            ids::CN4_SG_DEFAULT,
            true,
            false,
            Outcome::Pass,
            "no rules needed",
        ),
        (
            cn4_draft(),
            ids::CN4_SG_WEB,
            true,
            true,
            Outcome::Pass,
            "outbound traffic to public backends",
        ),
    ];
    for (mut d, sg, inbound, outbound, outcome, summary) in cases {
        d.security_group_id = sg.into();
        d.public_inbound = inbound;
        d.public_outbound = outbound;
        d.outbound_bandwidth = "5".into();
        let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
        expect(&c, outcome, summary, None);
    }
    // The warning lists the rules to add.
    let mut d = cn1_draft();
    d.security_group_id = ids::CN1_SG_DEFAULT.into();
    let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
    let action = c.action.unwrap_or_default();
    assert!(
        action.contains("TCP 80 from 0.0.0.0/0") && action.contains("TCP 443 from 0.0.0.0/0"),
        "{action}"
    );
    // ELB regions say that rules do not govern public inbound access.
    let c = check_of(CheckKind::SecurityGroup, &cn4_draft(), &seed(), &[]);
    assert!(
        c.details
            .iter()
            .any(|l| l.contains("do not govern public inbound")),
        "{c:#?}"
    );
    // A group without egress rules warns when outbound access is on (other VPC → use it alone).
    let mut d = cn4_draft();
    d.vpc_id = ids::CN4_VPC_OTHER.into();
    d.subnet_id = ids::CN4_SUBNET_OTHER.into();
    d.security_group_id = ids::CN4_SG_OTHER.into();
    let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
    expect(&c, Outcome::Warn, "rule(s) to add", None);
    assert!(c.action.unwrap_or_default().contains("outbound rule"));
    // A group of another VPC fails with APIC.7307.
    let mut d = cn4_draft();
    d.security_group_id = ids::CN4_SG_OTHER.into();
    let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
    expect(
        &c,
        Outcome::Fail,
        "belongs to vpc-backend, not vpc-default",
        Some(ErrorCode::SecurityGroupNotInVpc),
    );
}

#[test]
fn eip_outcomes() {
    let lvs = |eip: &str| {
        let mut d = cn1_draft();
        d.eip_id = eip.into();
        check_of(CheckKind::Eip, &d, &seed(), &[])
    };
    expect(
        &lvs(ids::CN1_EIP_FREE_1),
        Outcome::Pass,
        "is free (DOWN)",
        None,
    );
    expect(
        &lvs(ids::CN1_EIP_BOUND),
        Outcome::Fail,
        "is ACTIVE, bound to ecs-web-01",
        Some(ErrorCode::InvalidParameter),
    );
    expect(
        &lvs(ids::CN1_EIP_ERROR),
        Outcome::Fail,
        "is ERROR",
        Some(ErrorCode::InvalidParameter),
    );
    expect(
        &lvs(""),
        Outcome::Pending,
        "Choose an EIP (2 free in cn-north-1)",
        None,
    );
    expect(
        &lvs("nope"),
        Outcome::Fail,
        "not found",
        Some(ErrorCode::InvalidParameter),
    );

    let elb = |bw: &str| {
        let mut d = cn4_draft();
        d.ingress_bandwidth = bw.into();
        check_of(CheckKind::Eip, &d, &seed(), &[])
    };
    expect(
        &elb("5"),
        Outcome::Pass,
        "with 5 Mbit/s will be assigned",
        None,
    );
    expect(
        &elb("4"),
        Outcome::Fail,
        "from 5 to 2000",
        Some(ErrorCode::InvalidParameter),
    );
    expect(&elb(""), Outcome::Pending, "inbound bandwidth", None);

    let mut off = cn1_draft();
    off.public_inbound = false;
    off.eip_id = ids::CN1_EIP_BOUND.into();
    expect(
        &check_of(CheckKind::Eip, &off, &seed(), &[]),
        Outcome::Pass,
        "no EIP needed",
        None,
    );

    // No free EIP left in the region.
    let mut a = seed();
    for e in &mut a.region_mut("cn-north-1").expect("region").eips {
        e.status = apig_core::account::EipStatus::Active;
        e.bound_to = Some("x".into());
    }
    let mut d = cn1_draft();
    d.eip_id.clear();
    let c = check_of(CheckKind::Eip, &d, &a, &[]);
    assert_eq!(c.outcome, Outcome::Fail, "{c:#?}");
}

#[test]
fn partial_drafts_say_what_they_need() {
    let c = run_prechecks(&Draft::default(), &seed(), &[]);
    let outcomes: Vec<Outcome> = c.iter().map(|c| c.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Pending,
            Outcome::Pass,
            Outcome::Pending,
            Outcome::Pending,
            Outcome::Pending
        ]
    );
    let d = Draft {
        region: "cn-north-4".into(),
        ..Draft::default()
    };
    let c = run_prechecks(&d, &seed(), &[]);
    assert_eq!(c[0].outcome, Outcome::Pass);
    assert_eq!(c[2].summary, "Choose a subnet to check capacity.");
    assert_eq!(c[3].summary, "Choose a security group to check its rules.");
    assert_eq!(c[4].outcome, Outcome::Pass, "inbound is off by default");
}

#[test]
fn a_missing_permission_names_the_missing_role() {
    // (system policies, what the action must name, what the detail must say)
    let cases: [(&[SystemPolicy], &str, &str); 4] = [
        (
            &[ApigAdministrator],
            "Grant the VPC Administrator role (APIG Administrator alone cannot create the VPC ports a gateway needs).",
            "Creating a gateway needs APIG actions and VPC actions (ports, security groups).",
        ),
        (
            &[VpcAdministrator],
            "Grant the APIG Administrator role (VPC Administrator alone grants no APIG actions).",
            "Creating a gateway needs APIG actions and VPC actions (ports, security groups).",
        ),
        (
            &[],
            "Grant APIG Administrator together with VPC Administrator, or APIG FullAccess, or a custom policy allowing apig:instances:create.",
            "Creating a gateway needs APIG actions and VPC actions (ports, security groups).",
        ),
        (
            &[ApigReadOnlyAccess],
            "Grant APIG Administrator together with VPC Administrator, or APIG FullAccess, or a custom policy allowing apig:instances:create.",
            "APIG ReadOnlyAccess only allows get and list actions.",
        ),
    ];
    for (system, action, detail) in cases {
        let mut a = seed();
        a.principal.system_policies = system.to_vec();
        a.principal.custom_policies = Vec::new();
        let c = check_of(CheckKind::Permission, &cn4_draft(), &a, &[]);
        assert_eq!(c.summary, "apig:instances:create not granted", "{system:?}");
        assert_eq!(c.action.as_deref(), Some(action), "{system:?}");
        assert_eq!(c.details, [detail], "{system:?}");
    }
    // A Deny names its policy and what to remove from it.
    let mut a = seed();
    a.principal.system_policies = vec![ApigFullAccess];
    a.principal.custom_policies = vec![CustomPolicy {
        name: "no-buy".into(),
        statements: vec![Statement {
            effect: Effect::Deny,
            actions: vec!["apig:instances:*".into()],
        }],
    }];
    let c = check_of(CheckKind::Permission, &cn4_draft(), &a, &[]);
    assert_eq!(
        c.action.as_deref(),
        Some(
            "Remove apig:instances:create (or the wildcard matching it) from the Deny statement of no-buy."
        )
    );
    assert_eq!(
        c.details,
        ["An explicit Deny wins over every Allow, including APIG FullAccess."]
    );
    // An allowed creation says what grants it, and nothing more.
    let mut a = seed();
    a.principal.system_policies = vec![ApigAdministrator, VpcAdministrator];
    let c = check_of(CheckKind::Permission, &cn4_draft(), &a, &[]);
    assert_eq!(
        c.summary,
        "apig:instances:create allowed by APIG Administrator + VPC Administrator"
    );
    assert_eq!((c.action, c.code), (None, None));
}

#[test]
fn a_subnet_too_small_suggests_the_largest_edition_that_fits() {
    // The /28 `subnet-full` has 11 assignable addresses; leave `free` of them free and ask
    // for Platinum (7).
    let cases: [(usize, &str, Option<&str>); 6] = [
        (
            6,
            "6 free addresses, Platinum needs 7",
            Some("Enterprise needs 6"),
        ),
        (
            5,
            "5 free addresses, Platinum needs 7",
            Some("Professional needs 5"),
        ),
        (
            4,
            "4 free addresses, Platinum needs 7",
            Some("Basic needs 3"),
        ),
        (
            3,
            "3 free addresses, Platinum needs 7",
            Some("Basic needs 3"),
        ),
        (2, "2 free addresses, Platinum needs 7", None),
        (1, "1 free address, Platinum needs 7", None),
    ];
    for (free, summary, smaller) in cases {
        let mut a = seed();
        let region = a.region_mut("cn-north-4").expect("region");
        let subnet = region.subnet_mut(ids::CN4_SUBNET_FULL).expect("subnet");
        let used = 11 - free;
        subnet.used = (2..2 + used)
            .map(|d| format!("192.168.2.{d}").parse().expect("ip"))
            .collect();
        let mut d = cn4_draft();
        d.subnet_id = ids::CN4_SUBNET_FULL.into();
        d.spec_id = "PLATINUM".into();
        let c = check_of(CheckKind::SubnetCapacity, &d, &a, &[]);
        expect(
            &c,
            Outcome::Fail,
            summary,
            Some(ErrorCode::InsufficientResources),
        );
        assert_eq!(c.summary, summary);
        let expected_action = match smaller {
            Some(edition) => {
                format!(
                    "Choose a subnet with at least 7 free addresses, or a smaller edition ({edition})."
                )
            }
            None => "Choose a subnet with at least 7 free addresses.".to_owned(),
        };
        assert_eq!(
            c.action.as_deref(),
            Some(expected_action.as_str()),
            "{free} free"
        );
        assert_eq!(
            c.details,
            [format!(
                "subnet-full 192.168.2.0/28: 16 addresses − 5 reserved − {used} in use = {free} free"
            )]
        );
    }
    // Exactly enough passes, with the same arithmetic.
    let mut d = cn4_draft();
    d.subnet_id = ids::CN4_SUBNET_SMALL.into();
    d.spec_id = "BASIC".into();
    let c = check_of(CheckKind::SubnetCapacity, &d, &seed(), &[]);
    assert_eq!(c.summary, "3 free addresses, Basic needs 3");
    assert_eq!(
        c.details,
        ["subnet-basic-only 192.168.1.0/29: 8 addresses − 5 reserved − 0 in use = 3 free"]
    );
}

#[test]
fn the_quota_check_says_which_number_the_gateway_gets() {
    let d = cn4_draft();
    let mut account = seed();
    let four = cn4_gateways(&mut account, 4);
    let c = check_of(CheckKind::Quota, &d, &account, &four);
    assert_eq!(
        c.details,
        ["This gateway will be number 5 of 5 in the project of cn-north-4."]
    );
    let mut full = seed();
    let five = cn4_gateways(&mut full, 5);
    let c = check_of(CheckKind::Quota, &d, &full, &five);
    assert_eq!(
        c.action.as_deref(),
        Some(
            "Delete a gateway in cn-north-4, or raise the quota of 5 (a service ticket on the real cloud, the Sandbox page here)."
        )
    );
}

#[test]
fn the_checks_come_in_panel_order_with_their_titles() {
    let checks = run_prechecks(&cn4_draft(), &seed(), &[]);
    let titles: Vec<(CheckKind, &str)> = checks.iter().map(|c| (c.kind, c.kind.title())).collect();
    assert_eq!(
        titles,
        [
            (CheckKind::Quota, "Gateway quota"),
            (CheckKind::Permission, "Permissions"),
            (CheckKind::SubnetCapacity, "Subnet capacity"),
            (CheckKind::SecurityGroup, "Security group"),
            (CheckKind::Eip, "Public inbound EIP"),
        ]
    );
}

#[test]
fn blocked_ports_are_listed_in_the_explanation() {
    // LVS, public inbound access on, a group without rules for 80 and 443.
    let mut d = cn1_draft();
    d.security_group_id = ids::CN1_SG_DEFAULT.into();
    let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
    assert!(
        c.details.contains(
            &"sg-default does not allow TCP 80 and 443 from the internet: public callers cannot reach the gateway."
                .to_owned()
        ),
        "{c:#?}"
    );
    // Outbound access on, a group without egress rules.
    let mut d = cn4_draft();
    d.vpc_id = ids::CN4_VPC_OTHER.into();
    d.subnet_id = ids::CN4_SUBNET_OTHER.into();
    d.security_group_id = ids::CN4_SG_OTHER.into();
    let c = check_of(CheckKind::SecurityGroup, &d, &seed(), &[]);
    assert_eq!(
        c.action.as_deref(),
        Some("Add an outbound rule to sg-backend: TCP 80 and 443 (or all traffic) to 0.0.0.0/0.")
    );
    assert!(
        c.details.contains(
            &"sg-backend blocks outbound TCP 80 and 443 to the internet: the gateway cannot call public backends."
                .to_owned()
        ),
        "{c:#?}"
    );
}
