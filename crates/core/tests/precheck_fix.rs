//! Fixes in place: each fix a failing or warning check offers, applied to the account or the
//! draft, makes that check pass; where only a person can choose (an explicit Deny, an EIP, a
//! group of another VPC, a quota at its ceiling) no fix is offered.

mod domain_common;

use apig_core::account::{CustomPolicy, Effect, Statement, SystemPolicy, ids};
use apig_core::precheck::fix::{Fix, fixes};
use apig_core::precheck::{Check, CheckKind, Outcome, run_prechecks};
use apig_core::{Account, Draft, Gateway};
use domain_common::{cn1_draft, cn4_draft, cn4_gateways, seed};

fn check_of(kind: CheckKind, draft: &Draft, account: &Account, gateways: &[Gateway]) -> Check {
    run_prechecks(draft, account, gateways)
        .into_iter()
        .find(|c| c.kind == kind)
        .expect("every kind is reported")
}

/// The fixes of the check of `kind`, which must fail or warn.
fn offered(kind: CheckKind, draft: &Draft, account: &Account, gateways: &[Gateway]) -> Vec<Fix> {
    let check = check_of(kind, draft, account, gateways);
    assert!(
        matches!(check.outcome, Outcome::Fail | Outcome::Warn),
        "{check:#?}"
    );
    fixes(&check, draft, account, gateways)
}

/// Applies `fix` to copies of `draft` and `account`, then the check of `kind` passes.
fn passes_after(
    fix: &Fix,
    kind: CheckKind,
    draft: &Draft,
    account: &Account,
    gateways: &[Gateway],
) {
    let (mut draft, mut account) = (draft.clone(), account.clone());
    let mut n = 0;
    let mut rule_id = || {
        n += 1;
        format!("fix-rule-{n}")
    };
    if fix.edits_account() {
        fix.apply_to_account(&mut account, &draft.region.clone(), &mut rule_id);
    } else {
        fix.apply_to_draft(&mut draft);
    }
    let after = check_of(kind, &draft, &account, gateways);
    assert_eq!(after.outcome, Outcome::Pass, "{fix:?} left {after:#?}");
}

#[test]
fn raising_the_quota_makes_room_for_one_more() {
    let d = cn4_draft();
    let mut account = seed();
    let five = cn4_gateways(&mut account, 5);
    let fixes = offered(CheckKind::Quota, &d, &account, &five);
    assert_eq!(fixes, [Fix::RaiseQuota(10)]);
    assert!(fixes[0].edits_account());
    passes_after(&fixes[0], CheckKind::Quota, &d, &account, &five);
}

#[test]
fn a_missing_role_is_granted_and_an_explicit_deny_keeps_its_advice() {
    let d = cn4_draft();
    let cases = [
        (
            vec![SystemPolicy::ApigAdministrator],
            SystemPolicy::VpcAdministrator,
        ),
        (
            vec![SystemPolicy::VpcAdministrator],
            SystemPolicy::ApigAdministrator,
        ),
        (vec![], SystemPolicy::ApigFullAccess),
        (
            vec![SystemPolicy::ApigReadOnlyAccess],
            SystemPolicy::ApigFullAccess,
        ),
    ];
    for (policies, granted) in cases {
        let mut account = seed();
        account.principal.system_policies = policies.clone();
        account.principal.custom_policies.clear();
        let fixes = offered(CheckKind::Permission, &d, &account, &[]);
        assert_eq!(fixes, [Fix::Grant(granted)], "{policies:?}");
        passes_after(&fixes[0], CheckKind::Permission, &d, &account, &[]);
    }
    let mut denied = seed();
    denied.principal.custom_policies = vec![CustomPolicy {
        name: "no-create".into(),
        statements: vec![Statement {
            effect: Effect::Deny,
            actions: vec!["apig:instances:create".into()],
        }],
    }];
    assert_eq!(offered(CheckKind::Permission, &d, &denied, &[]), []);
}

#[test]
fn a_full_subnet_offers_the_roomiest_other_subnet_and_a_smaller_edition() {
    let mut d = cn4_draft();
    d.subnet_id = ids::CN4_SUBNET_SMALL.into();
    d.spec_id = "PROFESSIONAL".into();
    let account = seed();
    let fixes = offered(CheckKind::SubnetCapacity, &d, &account, &[]);
    assert!(
        matches!(&fixes[..], [Fix::UseSubnet { subnet_id, .. }, Fix::ChooseEdition(e)]
            if subnet_id == ids::CN4_SUBNET_ROOMY && e.as_str() == "BASIC"),
        "{fixes:?}"
    );
    for fix in &fixes {
        assert!(!fix.edits_account());
        passes_after(fix, CheckKind::SubnetCapacity, &d, &account, &[]);
    }
    // A subnet with no room at all: no edition fits it, another subnet still does.
    d.subnet_id = ids::CN4_SUBNET_FULL.into();
    d.spec_id = "BASIC".into();
    let fixes = offered(CheckKind::SubnetCapacity, &d, &account, &[]);
    assert!(matches!(&fixes[..], [Fix::UseSubnet { .. }]), "{fixes:?}");
    passes_after(&fixes[0], CheckKind::SubnetCapacity, &d, &account, &[]);
}

#[test]
fn missing_internet_rules_are_opened_on_the_chosen_group() {
    let mut d = cn1_draft();
    d.security_group_id = ids::CN1_SG_DEFAULT.into();
    let account = seed();
    let fixes = offered(CheckKind::SecurityGroup, &d, &account, &[]);
    let [
        Fix::OpenPorts {
            group_id, ports, ..
        },
    ] = &fixes[..]
    else {
        panic!("{fixes:?}");
    };
    assert_eq!(group_id, ids::CN1_SG_DEFAULT);
    assert!(ports.iter().any(|(_, p)| *p == 80) && ports.iter().any(|(_, p)| *p == 443));
    passes_after(&fixes[0], CheckKind::SecurityGroup, &d, &account, &[]);
}

#[test]
fn passing_checks_and_choices_only_a_person_can_make_offer_nothing() {
    let account = seed();
    let d = cn4_draft();
    for check in run_prechecks(&d, &account, &[]) {
        if check.outcome == Outcome::Pass {
            assert_eq!(fixes(&check, &d, &account, &[]), [], "{check:#?}");
        }
    }
    // A group of another VPC: which group is the person's choice.
    let mut other = cn4_draft();
    other.security_group_id = ids::CN4_SG_OTHER.into();
    let check = check_of(CheckKind::SecurityGroup, &other, &account, &[]);
    assert_eq!(check.outcome, Outcome::Fail);
    assert_eq!(fixes(&check, &other, &account, &[]), []);
    // A quota at its ceiling cannot be raised further.
    let mut full = seed();
    let one = cn4_gateways(&mut full, 1);
    let ceiling = apig_core::account::check::MAX_GATEWAY_QUOTA;
    full.gateway_quota = ceiling;
    let gateways: Vec<Gateway> = std::iter::repeat_n(one[0].clone(), ceiling as usize).collect();
    let check = check_of(CheckKind::Quota, &d, &full, &gateways);
    assert_eq!(check.outcome, Outcome::Fail, "{check:#?}");
    assert_eq!(fixes(&check, &d, &full, &gateways), []);
}
