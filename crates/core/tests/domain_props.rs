//! Property tests: no parser, `validate` or pre-check panics on arbitrary input; generated
//! valid drafts always validate; valid plans round-trip through the API body.

mod domain_common;

use apig_core::account::ids;
use apig_core::api::CreateInstanceV2Request;
use apig_core::validate::DraftTag;
use apig_core::values::{
    AzCode, Bandwidth, Description, Edition, GatewayName, InstanceId, MaintenanceWindow, Tag,
    VpcepServiceName,
};
use apig_core::{Account, Draft, apply_plan, release, run_prechecks, validate};
use proptest::prelude::*;
use proptest::sample::select;

/// Any text, or one of the values the seed uses (so lookups succeed sometimes).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,20}",
        select(vec![
            "",
            "cn-north-4",
            "cn-north-1",
            "ap-southeast-1",
            "cn-north-4a",
            "cn-north-4c",
            "BASIC",
            "PLATINUM",
            "22:00:00",
            "02:00:00",
            "0",
            "5",
            "2000",
            "99999999999",
            ids::CN4_VPC_MAIN,
            ids::CN4_SUBNET_SMALL,
            ids::CN4_SUBNET_FULL,
            ids::CN4_SG_WEB,
            ids::CN4_SG_OTHER,
            ids::CN1_EIP_BOUND,
            ids::CN1_EIP_FREE_1,
            ids::CN1_VPC_MAIN,
            ids::CN1_SUBNET_ROOMY,
            ids::CN1_SG_DEFAULT,
        ])
        .prop_map(str::to_owned),
    ]
}

prop_compose! {
    fn arbitrary_draft()(
        strings in proptest::collection::vec(text(), 14),
        azs in proptest::collection::vec(text(), 0..4),
        flags in any::<(bool, bool)>(),
        tags in proptest::collection::vec((text(), text()), 0..24),
    ) -> Draft {
        let s = |i: usize| strings[i].clone();
        Draft {
            region: s(0),
            available_zone_ids: azs,
            instance_name: s(1),
            spec_id: s(2),
            maintain_begin: s(3),
            maintain_end: s(4),
            enterprise_project_id: s(5),
            public_inbound: flags.0,
            eip_id: s(6),
            ingress_bandwidth: s(7),
            public_outbound: flags.1,
            outbound_bandwidth: s(8),
            vpc_id: s(9),
            subnet_id: s(10),
            security_group_id: s(11),
            description: s(12),
            tags: tags.into_iter().map(|(key, value)| DraftTag { key, value }).collect(),
            vpcep_service_name: s(13),
            instance_id: String::new(),
        }
    }
}

/// A valid gateway name: ASCII or CJK, 3–64 characters.
fn valid_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9_-]{2,63}",
        "[\u{4e00}-\u{9fa5}][\u{4e00}-\u{9fa5}a-z0-9_-]{2,63}",
    ]
}

prop_compose! {
    /// Drafts built only from valid choices for the seed.
    fn valid_draft()(
        region in select(vec!["cn-north-4", "cn-north-1", "ap-southeast-1"]),
        az_pick in proptest::collection::vec(any::<bool>(), 3),
        edition in select(Edition::ALL.to_vec()),
        window in select(MaintenanceWindow::ALL.to_vec()),
        explicit_end in any::<bool>(),
        name in valid_name(),
        inbound in any::<bool>(),
        ingress in 5u32..=2000,
        eip_second in any::<bool>(),
        outbound in proptest::option::of(1u32..=2000),
        web_group in any::<bool>(),
        description in "[^<>]{0,255}",
        n_tags in 0usize..=20,
        tag_value in "[A-Za-z0-9 _.:=+@/-]{0,40}",
    ) -> Draft {
        let account = Account::default_seed();
        let r = account.region(region).expect("seed region");
        // AZs that sell the edition; fall back to a cheaper edition if none does.
        let edition = if r.azs.iter().any(|z| z.sells(edition)) { edition } else { Edition::Basic };
        let selling: Vec<&str> = r.azs.iter().filter(|z| z.sells(edition)).map(|z| z.code.as_str()).collect();
        let mut azs: Vec<String> = selling.iter().zip(&az_pick).filter(|(_, p)| **p).map(|(c, _)| (*c).to_owned()).collect();
        if azs.is_empty() {
            azs.push(selling[0].to_owned());
        }
        let vpc = &r.vpcs[0];
        let roomy = vpc.subnets.iter().max_by_key(|s| s.free_count()).expect("subnet");
        let groups: Vec<&str> = r.security_groups.iter().filter(|g| g.vpc_id == vpc.id).map(|g| g.id.as_str()).collect();
        let free_eips: Vec<&str> = r.free_eips().map(|e| e.id.as_str()).collect();
        let eip = if eip_second && free_eips.len() > 1 { free_eips[1] } else { free_eips[0] };
        let lvs = r.inbound_mode == apig_core::region::InboundMode::Lvs;
        Draft {
            region: region.to_owned(),
            available_zone_ids: azs,
            instance_name: name,
            spec_id: edition.as_str().to_owned(),
            maintain_begin: window.begin(),
            maintain_end: if explicit_end { window.end() } else { String::new() },
            enterprise_project_id: String::new(),
            public_inbound: inbound,
            eip_id: if lvs { eip.to_owned() } else { String::new() },
            ingress_bandwidth: if lvs { String::new() } else { ingress.to_string() },
            public_outbound: outbound.is_some(),
            outbound_bandwidth: outbound.map(|b| b.to_string()).unwrap_or_default(),
            vpc_id: vpc.id.clone(),
            subnet_id: roomy.id.clone(),
            security_group_id: if web_group { groups[0] } else { groups[groups.len() - 1] }.to_owned(),
            description,
            tags: (0..n_tags).map(|i| DraftTag { key: format!("key-{i}"), value: tag_value.clone() }).collect(),
            vpcep_service_name: String::new(),
            instance_id: String::new(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(s in any::<String>(), t in any::<String>(), n in any::<u32>()) {
        if let Ok(name) = GatewayName::parse(&s) {
            let len = name.as_str().chars().count();
            prop_assert!((3..=64).contains(&len));
        }
        if let Ok(d) = Description::parse(&s) {
            prop_assert!(d.as_str().chars().count() <= 255 && !d.as_str().contains(['<', '>']));
        }
        if let Ok(e) = Edition::parse(&s) {
            prop_assert_eq!(e.as_str(), s.as_str());
        }
        if let Ok(w) = MaintenanceWindow::parse(&s, &t) {
            prop_assert_eq!(w.end_hour(), (w.begin_hour() + 4) % 24);
        }
        let _ = Tag::parse(&s, &t);
        let _ = AzCode::parse(&s);
        let _ = InstanceId::parse(&s);
        let _ = VpcepServiceName::parse(&s);
        if let Ok(b) = Bandwidth::parse_outbound(&s) {
            prop_assert!((1..=2000).contains(&b.mbps()));
        }
        if let Ok(b) = Bandwidth::parse_inbound(&s) {
            prop_assert!((5..=2000).contains(&b.mbps()));
        }
        prop_assert_eq!(Bandwidth::outbound(n).is_ok(), (1..=2000).contains(&n));
        prop_assert_eq!(Bandwidth::inbound(n).is_ok(), (5..=2000).contains(&n));
    }

    #[test]
    fn validate_and_prechecks_never_panic(draft in arbitrary_draft(), nonce in any::<u64>()) {
        let account = Account::default_seed();
        let checks = run_prechecks(&draft, &account, &[]);
        prop_assert_eq!(checks.len(), 5);
        match validate(&draft, &account, &[], nonce) {
            Ok(plan) => {
                prop_assert_eq!(plan.private_ips.len(), plan.edition.private_ips_needed() as usize);
                prop_assert_eq!(Some(&plan.ingress_ip), plan.private_ips.first());
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn valid_drafts_always_validate(draft in valid_draft(), nonce in any::<u64>()) {
        let account = Account::default_seed();
        let plan = validate(&draft, &account, &[], nonce);
        prop_assert!(plan.is_ok(), "{:#?}\n{:#?}", draft, plan);
        let plan = plan.unwrap_or_else(|_| unreachable!());
        // The plan's API body validates into the same plan.
        let body = CreateInstanceV2Request::from(&plan);
        let again = validate(&Draft::from_request(&body, &plan.region), &account, &[], nonce);
        prop_assert_eq!(again.as_ref(), Ok(&plan));
        // Applying and releasing gives the account back.
        let mut changed = account.clone();
        prop_assert!(apply_plan(&mut changed, &plan).is_ok());
        release(&mut changed, &plan.to_gateway(0, apig_core::CreationSpeed::Instant, None));
        prop_assert_eq!(changed, account);
    }
}
