//! `validate`: every problem at once, with the field and the code the real API returns.

mod domain_common;

use apig_core::ErrorCode::{
    self, AzMissing, DuplicateId, DuplicateName, EnterpriseProjectRequired, InsufficientResources,
    InvalidParameter, MaintainWindowHour, MaintainWindowLength, NoPermission, QuotaExceeded,
    SecurityGroupNotInVpc, SpecNotFound, TooManyTags,
};
use apig_core::account::SystemPolicy::{
    ApigAdministrator, ApigFullAccess, ApigReadOnlyAccess, VpcAdministrator,
};
use apig_core::account::{AccountType, CustomPolicy, Effect, Statement, SystemPolicy, ids};
use apig_core::validate::{DraftTag, Field, validate};
use apig_core::{Account, Draft, Gateway};
use domain_common::{cn1_draft, cn4_draft, cn4_gateways, seed};

/// Validates and returns the (field, code) pairs, or an empty list when the draft is valid.
fn problems(draft: &Draft, account: &Account, gateways: &[Gateway]) -> Vec<(Field, ErrorCode)> {
    match validate(draft, account, gateways, 7) {
        Ok(_) => Vec::new(),
        Err(ps) => {
            for p in &ps {
                assert!(!p.message.is_empty(), "{p:?}");
                if p.code == InvalidParameter {
                    let tag = format!("parameter name[{}]", p.field.api_name());
                    assert!(p.wire_message().contains(&tag), "{tag} missing in {p:?}");
                    assert!(!p.message.contains(&tag), "the sentence names {tag}: {p:?}");
                }
            }
            ps.into_iter().map(|p| (p.field, p.code)).collect()
        }
    }
}

/// A change to the cn-north-4 draft and the problems it must cause.
fn check(change: impl FnOnce(&mut Draft), expect: &[(Field, ErrorCode)]) {
    let mut d = cn4_draft();
    change(&mut d);
    assert_eq!(problems(&d, &seed(), &[]), expect, "{d:#?}");
}

#[test]
fn filled_drafts_validate_in_each_inbound_mode() {
    check(|_| {}, &[]);
    assert_eq!(problems(&cn1_draft(), &seed(), &[]), []);
}

#[test]
fn empty_draft_reports_every_required_field() {
    assert_eq!(
        problems(&Draft::default(), &seed(), &[]),
        [
            (Field::Region, InvalidParameter),
            (Field::AvailableZones, AzMissing),
            (Field::InstanceName, InvalidParameter),
            (Field::Edition, InvalidParameter),
            (Field::Vpc, InvalidParameter),
            (Field::Subnet, InvalidParameter),
            (Field::SecurityGroup, InvalidParameter),
        ]
    );
}

#[test]
fn everything_wrong_at_once() {
    check(
        |d| {
            d.available_zone_ids = vec!["cn-north-4z".into()];
            d.instance_name = "1gateway".into();
            d.spec_id = "GOLD".into();
            d.maintain_begin = "03:00:00".into();
            d.maintain_end = "07:00:00".into();
            d.ingress_bandwidth = "4".into();
            d.outbound_bandwidth = "0".into();
            d.security_group_id = ids::CN4_SG_OTHER.into();
            d.description = "<b>bold</b>".into();
            d.tags = vec![DraftTag {
                key: "_sys_x".into(),
                value: String::new(),
            }];
            d.vpcep_service_name = "way-too-long-service-name".into();
            d.instance_id = "XYZ".into();
        },
        &[
            (Field::AvailableZones, AzMissing),
            (Field::InstanceName, InvalidParameter),
            (Field::Edition, SpecNotFound),
            (Field::MaintainBegin, MaintainWindowHour),
            (Field::IngressBandwidth, InvalidParameter),
            (Field::OutboundBandwidth, InvalidParameter),
            (Field::SecurityGroup, SecurityGroupNotInVpc),
            (Field::Description, InvalidParameter),
            (Field::Tags, InvalidParameter),
            (Field::VpcepServiceName, InvalidParameter),
            (Field::InstanceId, InvalidParameter),
        ],
    );
}

#[test]
fn maintenance_window_rules() {
    let window = |b: &str, e: &str| {
        let (b, e) = (b.to_owned(), e.to_owned());
        move |d: &mut Draft| {
            d.maintain_begin = b;
            d.maintain_end = e;
        }
    };
    for w in apig_core::values::MaintenanceWindow::ALL {
        check(window(&w.begin(), &w.end()), &[]);
    }
    check(window("", ""), &[]);
    check(window("06:00:00", ""), &[]);
    check(
        window("22:00:00", "23:00:00"),
        &[(Field::MaintainEnd, MaintainWindowLength)],
    );
    check(
        window("07:00:00", "11:00:00"),
        &[(Field::MaintainBegin, MaintainWindowHour)],
    );
    check(
        window("22:00", "02:00:00"),
        &[(Field::MaintainBegin, InvalidParameter)],
    );
    check(
        window("22:00:00", "2:00"),
        &[(Field::MaintainEnd, InvalidParameter)],
    );
    check(
        window("", "02:00:00"),
        &[(Field::MaintainBegin, InvalidParameter)],
    );
}

#[test]
fn az_rules() {
    check(
        |d| d.available_zone_ids.clear(),
        &[(Field::AvailableZones, AzMissing)],
    );
    check(
        |d| d.available_zone_ids = vec!["cn-north-1a".into()],
        &[(Field::AvailableZones, AzMissing)],
    );
    check(
        |d| d.available_zone_ids = vec!["cn-north-4a".into(), "cn-north-4a".into()],
        &[(Field::AvailableZones, InvalidParameter)],
    );
    check(
        |d| {
            d.available_zone_ids = vec![
                "cn-north-4a".into(),
                "cn-north-4b".into(),
                "cn-north-4c".into(),
            ];
        },
        &[],
    );
    // AZ3 of cn-north-4 sells no Platinum.
    check(
        |d| {
            d.available_zone_ids = vec!["cn-north-4a".into(), "cn-north-4c".into()];
            d.spec_id = "PLATINUM".into();
        },
        &[(Field::Edition, SpecNotFound)],
    );
    check(|d| d.spec_id = "PLATINUM".into(), &[]);
    check(|d| d.spec_id = "PLATINUM_X2".into(), &[]);
    check(|d| d.spec_id = "ENTERPRISE_IPV6".into(), &[]);
}

#[test]
fn subnet_capacity_rules() {
    let subnet = |id: &'static str, spec: &'static str| {
        move |d: &mut Draft| {
            d.subnet_id = id.into();
            d.spec_id = spec.into();
        }
    };
    check(subnet(ids::CN4_SUBNET_SMALL, "BASIC"), &[]);
    check(
        subnet(ids::CN4_SUBNET_SMALL, "PROFESSIONAL"),
        &[(Field::Subnet, InsufficientResources)],
    );
    check(
        subnet(ids::CN4_SUBNET_FULL, "BASIC"),
        &[(Field::Subnet, InsufficientResources)],
    );
    check(
        subnet(ids::CN4_SUBNET_OTHER, "BASIC"),
        &[(Field::Subnet, InvalidParameter)],
    );
    check(
        subnet("no-such-subnet", "BASIC"),
        &[(Field::Subnet, InvalidParameter)],
    );
    check(
        |d| d.vpc_id = "no-such-vpc".into(),
        &[(Field::Vpc, InvalidParameter)],
    );
    check(
        |d| d.security_group_id = "no-such-sg".into(),
        &[(Field::SecurityGroup, SecurityGroupNotInVpc)],
    );
}

#[test]
fn inbound_rules_per_mode() {
    // ELB (cn-north-4): a bandwidth of at least 5, no user EIP.
    check(|d| d.ingress_bandwidth = "5".into(), &[]);
    check(|d| d.ingress_bandwidth = "2000".into(), &[]);
    check(
        |d| d.ingress_bandwidth = "2001".into(),
        &[(Field::IngressBandwidth, InvalidParameter)],
    );
    check(
        |d| d.ingress_bandwidth = "ten".into(),
        &[(Field::IngressBandwidth, InvalidParameter)],
    );
    check(
        |d| {
            d.ingress_bandwidth.clear();
            d.eip_id = ids::CN4_EIP_FREE_1.into();
        },
        &[(Field::IngressBandwidth, InvalidParameter)],
    );
    check(
        |d| {
            d.public_inbound = false;
            d.ingress_bandwidth = "junk".into();
        },
        &[],
    );
    check(|d| d.outbound_bandwidth = "1".into(), &[]);
    check(
        |d| {
            d.public_outbound = false;
            d.outbound_bandwidth = "junk".into();
        },
        &[],
    );

    // LVS (cn-north-1): an unbound EIP of the region.
    let lvs = |eip: &str, expect: &[(Field, ErrorCode)]| {
        let mut d = cn1_draft();
        d.eip_id = eip.to_owned();
        assert_eq!(problems(&d, &seed(), &[]), expect, "{eip}");
    };
    lvs(ids::CN1_EIP_FREE_2, &[]);
    lvs(ids::CN1_EIP_BOUND, &[(Field::Eip, InvalidParameter)]);
    lvs(ids::CN1_EIP_ERROR, &[(Field::Eip, InvalidParameter)]);
    lvs(ids::CN4_EIP_FREE_1, &[(Field::Eip, InvalidParameter)]);
    lvs("", &[(Field::Eip, InvalidParameter)]);
}

#[test]
fn duplicate_name_counts_only_the_projects_gateways() {
    let mut account = seed();
    let gateways = cn4_gateways(&mut account, 2);
    let mut d = cn4_draft();
    d.instance_name = "existing-1".into();
    assert_eq!(
        problems(&d, &account, &gateways),
        [(Field::InstanceName, DuplicateName)]
    );
    let mut other_region = cn1_draft();
    other_region.instance_name = "existing-1".into();
    assert_eq!(problems(&other_region, &account, &gateways), []);
}

#[test]
fn caller_chosen_instance_id() {
    let mut account = seed();
    let gateways = cn4_gateways(&mut account, 1);
    let mut d = cn4_draft();
    d.instance_id = "0123456789abcdef0123456789abcdef".into();
    assert_eq!(problems(&d, &account, &gateways), []);
    let plan = validate(&d, &account, &gateways, 1).expect("valid");
    assert_eq!(plan.instance_id.as_str(), d.instance_id);
    d.instance_id = gateways[0].id.to_string();
    assert_eq!(
        problems(&d, &account, &gateways),
        [(Field::InstanceId, DuplicateId)]
    );
}

#[test]
fn quota_boundary() {
    let mut account = seed();
    let four = cn4_gateways(&mut account, 4);
    assert_eq!(problems(&cn4_draft(), &account, &four), []);
    let five = cn4_gateways(&mut seed(), 5);
    assert_eq!(
        problems(&cn4_draft(), &seed(), &five),
        [(Field::Account, QuotaExceeded)]
    );
    // The quota is per project: cn-north-1 is still free.
    assert_eq!(problems(&cn1_draft(), &seed(), &five), []);
}

#[test]
fn permission_rules() {
    let with = |policies: &[SystemPolicy], custom: Vec<CustomPolicy>| {
        let mut a = seed();
        a.principal.system_policies = policies.to_vec();
        a.principal.custom_policies = custom;
        problems(&cn4_draft(), &a, &[])
    };
    let policy = |effect, action: &str| CustomPolicy {
        name: "custom".into(),
        statements: vec![Statement {
            effect,
            actions: vec![action.into()],
        }],
    };
    let denied = [(Field::Account, NoPermission)];
    assert_eq!(with(&[ApigAdministrator, VpcAdministrator], vec![]), []);
    assert_eq!(with(&[ApigFullAccess], vec![]), []);
    assert_eq!(with(&[ApigAdministrator], vec![]), denied);
    assert_eq!(with(&[VpcAdministrator], vec![]), denied);
    assert_eq!(with(&[ApigReadOnlyAccess], vec![]), denied);
    assert_eq!(with(&[], vec![]), denied);
    assert_eq!(
        with(&[], vec![policy(Effect::Allow, "apig:instances:create")]),
        []
    );
    assert_eq!(with(&[], vec![policy(Effect::Allow, "apig:*:*")]), []);
    assert_eq!(
        with(&[], vec![policy(Effect::Allow, "apig:instances:get")]),
        denied
    );
    assert_eq!(
        with(
            &[ApigFullAccess],
            vec![policy(Effect::Deny, "apig:instances:*")]
        ),
        denied
    );
    assert_eq!(
        with(
            &[ApigAdministrator, VpcAdministrator],
            vec![policy(Effect::Deny, "apig:instances:create")]
        ),
        denied
    );
}

#[test]
fn enterprise_project_rules() {
    let with = |kind, ep: &str| {
        let mut a = seed();
        a.account_type = kind;
        let mut d = cn4_draft();
        d.enterprise_project_id = ep.into();
        problems(&d, &a, &[])
    };
    assert_eq!(with(AccountType::Personal, ""), []);
    assert_eq!(with(AccountType::Personal, "0"), []);
    assert_eq!(
        with(AccountType::Personal, ids::EP_PRODUCTION),
        [(Field::EnterpriseProject, InvalidParameter)]
    );
    assert_eq!(
        with(AccountType::Enterprise, ""),
        [(Field::EnterpriseProject, EnterpriseProjectRequired)]
    );
    assert_eq!(with(AccountType::Enterprise, "0"), []);
    assert_eq!(with(AccountType::Enterprise, ids::EP_PRODUCTION), []);
    assert_eq!(
        with(AccountType::Enterprise, "nope"),
        [(Field::EnterpriseProject, InvalidParameter)]
    );
}

#[test]
fn tag_rules() {
    let tags = |n: usize| {
        (0..n)
            .map(|i| DraftTag {
                key: format!("k{i}"),
                value: "v".into(),
            })
            .collect::<Vec<_>>()
    };
    check(|d| d.tags = tags(20), &[]);
    check(|d| d.tags = tags(21), &[(Field::Tags, TooManyTags)]);
    check(
        |d| {
            d.tags = tags(2);
            d.tags[1].key = "k0".into();
        },
        &[(Field::Tags, InvalidParameter)],
    );
}

#[test]
fn messages_tell_what_to_do() {
    let mut d = cn4_draft();
    d.instance_name = "ab".into();
    d.subnet_id = ids::CN4_SUBNET_SMALL.into();
    let ps = validate(&d, &seed(), &[], 0).expect_err("invalid");
    assert_eq!(ps[0].message, "Gateway Name has 2 characters; use 3 to 64.");
    assert!(
        ps[0]
            .wire_message()
            .ends_with("(parameter name[instanceName])")
    );
    assert!(
        ps[1]
            .message
            .contains("3 free addresses; Professional needs 5"),
        "{}",
        ps[1].message
    );
}

#[test]
fn fields_have_unique_ids_and_labels() {
    let mut seen = std::collections::HashSet::new();
    for f in Field::ALL {
        assert!(seen.insert(f.id()), "duplicate id {}", f.id());
        assert!(!f.label().is_empty());
        let json = serde_json::to_string(&f).expect("serialize");
        assert_eq!(json, format!("\"{}\"", snake(f)));
    }
}

/// The serde name of a field (its variant name in snake case).
fn snake(f: Field) -> String {
    let debug = format!("{f:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// "Delete and buy again with the same settings": the draft of a deleted gateway's settings
/// validates again and buys the same gateway (a new ID aside).
#[test]
fn a_gateway_bought_again_with_the_same_settings() {
    let mut account = seed();
    let mut draft = cn4_draft();
    draft.tags = vec![DraftTag {
        key: "env".into(),
        value: "prod".into(),
    }];
    let plan = validate(&draft, &account, &[], 7).unwrap();
    apig_core::plan::apply_plan(&mut account, &plan).unwrap();
    let first = plan.to_gateway(0, apig_core::lifecycle::CreationSpeed::Instant, None);
    apig_core::plan::release(&mut account, &first);

    let again = Draft::same_as(&first);
    assert_eq!(again.ingress_bandwidth, "10");
    assert_eq!(again.instance_id, "");
    let plan = validate(&again, &account, &[], 8).unwrap();
    let second = plan.to_gateway(1, apig_core::lifecycle::CreationSpeed::Instant, None);
    assert_ne!(second.id, first.id);
    // The same settings through and through (the new gateway's EIPs are new ones).
    assert_eq!(Draft::same_as(&second), again);
    assert_eq!(second.ingress_ip, first.ingress_ip);
}
