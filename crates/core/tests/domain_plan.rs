//! Create plans, applying and releasing them, gateway status over time, and the conversions
//! to the wire types.

mod domain_common;

use std::net::Ipv4Addr;

use apig_core::account::{EipStatus, ids};
use apig_core::api::CreateInstanceV2Request;
use apig_core::convert::{instance_detail, instance_summary, progress_response};
use apig_core::gateway::{Inbound, Outbound};
use apig_core::lifecycle::{CreationSpeed, InjectedFailure, Operation, Status};
use apig_core::plan::{ApplyError, apply_plan, release};
use apig_core::validate::suggest_name;
use apig_core::values::InstanceId;
use apig_core::{Draft, ErrorCode, validate};
use domain_common::{cn1_draft, cn4_draft, seed};

fn ips(list: &[&str]) -> Vec<Ipv4Addr> {
    list.iter().map(|s| s.parse().expect("ip")).collect()
}

#[test]
fn plan_takes_the_lowest_free_addresses_deterministically() {
    let account = seed();
    let a = validate(&cn4_draft(), &account, &[], 42).expect("valid");
    let b = validate(&cn4_draft(), &account, &[], 42).expect("valid");
    assert_eq!(a, b, "same inputs, same plan");
    // The roomy /24 uses .10, .11, .12 and .20; .0, .1 are reserved.
    assert_eq!(
        a.private_ips,
        ips(&[
            "192.168.0.2",
            "192.168.0.3",
            "192.168.0.4",
            "192.168.0.5",
            "192.168.0.6"
        ])
    );
    assert_eq!(a.ingress_ip, a.private_ips[0]);
    assert_eq!(a.instance_id.as_str().len(), 32);
    assert!(
        a.instance_id
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    let c = validate(&cn4_draft(), &account, &[], 43).expect("valid");
    assert_ne!(a.instance_id, c.instance_id, "the nonce changes the ID");
    match (&a.inbound, &a.outbound) {
        (
            Inbound::Elb {
                bandwidth, address, ..
            },
            Outbound::Nat {
                bandwidth: out,
                address: nat,
                ..
            },
        ) => {
            assert_eq!((bandwidth.mbps(), out.mbps()), (10, 5));
            assert_eq!(*address, Ipv4Addr::new(121, 36, 10, 1));
            assert_eq!(*nat, Ipv4Addr::new(121, 36, 10, 2));
        }
        other => panic!("unexpected access {other:?}"),
    }
    // The EIPs the gateway gets have UUID-shaped IDs derived from its ID and their purpose.
    let id = a.instance_id.as_str();
    let eip_ids = match (&a.inbound, &a.outbound) {
        (Inbound::Elb { eip_id, .. }, Outbound::Nat { eip_id: nat, .. }) => (eip_id, nat),
        other => panic!("unexpected access {other:?}"),
    };
    assert_eq!(
        eip_ids,
        (
            &InstanceId::derive_uuid(&[id, "ingress-eip"], 0),
            &InstanceId::derive_uuid(&[id, "nat-eip"], 0)
        )
    );
    assert_eq!(eip_ids.0.len(), 36);
    assert_ne!(eip_ids.0, eip_ids.1);
    assert_eq!(
        a.instance_id,
        InstanceId::derive(&["cn-north-4", "apig-demo"], 42)
    );
}

#[test]
fn skips_used_addresses_in_the_middle() {
    let mut d = cn4_draft();
    d.spec_id = "PLATINUM_X2".into(); // 11 addresses: .2–.9, then .13–.15 (.10–.12 are used)
    let plan = validate(&d, &seed(), &[], 1).expect("valid");
    assert_eq!(
        plan.private_ips,
        ips(&[
            "192.168.0.2",
            "192.168.0.3",
            "192.168.0.4",
            "192.168.0.5",
            "192.168.0.6",
            "192.168.0.7",
            "192.168.0.8",
            "192.168.0.9",
            "192.168.0.13",
            "192.168.0.14",
            "192.168.0.15",
        ])
    );
}

#[test]
fn apply_then_release_restores_the_account() {
    for draft in [cn4_draft(), cn1_draft()] {
        let original = seed();
        let mut account = original.clone();
        let plan = validate(&draft, &account, &[], 9).expect("valid");
        apply_plan(&mut account, &plan).expect("applies");
        assert_ne!(account, original);
        let region = account.region(&plan.region).expect("region");
        let (_, subnet) = region.subnet(&plan.subnet_id).expect("subnet");
        assert!(plan.private_ips.iter().all(|ip| subnet.used.contains(ip)));
        if let Inbound::Eip { eip_id, .. } = &plan.inbound {
            let eip = region.eip(eip_id).expect("eip");
            assert_eq!(eip.status, EipStatus::Active);
            assert_eq!(eip.bound_to.as_deref(), Some(plan.instance_id.as_str()));
        }
        // Applying the same plan twice fails and changes nothing.
        let before = account.clone();
        assert!(matches!(
            apply_plan(&mut account, &plan),
            Err(ApplyError::AddressTaken(_))
        ));
        assert_eq!(account, before);
        // The next plan takes the next addresses.
        let gateway = plan.to_gateway(0, CreationSpeed::Instant, None);
        let mut next = draft.clone();
        next.instance_name = "apig-next".into();
        if !next.eip_id.is_empty() {
            next.eip_id = ids::CN1_EIP_FREE_2.into(); // the first one is bound now
        }
        let second = validate(&next, &account, std::slice::from_ref(&gateway), 10).expect("valid");
        assert!(
            second
                .private_ips
                .iter()
                .all(|ip| !plan.private_ips.contains(ip))
        );

        release(&mut account, &gateway);
        assert_eq!(account, original, "release gives everything back");
        release(&mut account, &gateway);
        assert_eq!(account, original, "release twice is harmless");
    }
}

#[test]
fn bound_eip_is_refused_by_apply() {
    let mut account = seed();
    let plan = validate(&cn1_draft(), &account, &[], 1).expect("valid");
    let eip = account
        .region_mut("cn-north-1")
        .and_then(|r| r.eip_mut(ids::CN1_EIP_FREE_1))
        .expect("eip");
    eip.status = EipStatus::Active;
    let before = account.clone();
    assert_eq!(
        apply_plan(&mut account, &plan),
        Err(ApplyError::EipTaken(ids::CN1_EIP_FREE_1.into()))
    );
    assert_eq!(account, before);
}

#[test]
fn gateway_status_follows_time_and_operations() {
    let plan = validate(&cn4_draft(), &seed(), &[], 1).expect("valid");
    let mut g = plan.to_gateway(1_000, CreationSpeed::Fast, None);
    // (now, status, percent)
    for (now, status, percent) in [
        (1_000, Status::Creating, 30),
        (8_500, Status::Creating, 50),
        (16_000, Status::Creating, 80),
        (23_500, Status::Creating, 90),
        (31_000, Status::Running, 100),
    ] {
        assert_eq!(g.status(now), status, "at {now}");
        assert_eq!(g.progress(now).percent, percent, "at {now}");
    }
    let e = g
        .begin(Operation::Update, 10_000)
        .expect_err("still creating");
    assert_eq!(e.code(), ErrorCode::StatusConflict);
    g.begin(Operation::Update, 40_000).expect("running");
    assert_eq!(g.status(40_000), Status::Updating);
    assert!(
        g.begin(Operation::Delete, 41_000).is_err(),
        "busy while updating"
    );
    assert_eq!(g.status(43_000), Status::Running);
    g.begin(Operation::Delete, 50_000).expect("running");
    assert_eq!(g.status(50_000), Status::Deleting);
    assert!(!g.is_deleted(52_999));
    assert!(g.is_deleted(53_000));

    let mut failed = plan.to_gateway(
        0,
        CreationSpeed::Fast,
        Some(InjectedFailure {
            at_step: 3,
            code: ErrorCode::InsufficientQuota,
        }),
    );
    assert_eq!(failed.status(22_499), Status::Creating);
    assert_eq!(failed.status(22_500), Status::CreateFail);
    assert!(failed.begin(Operation::Update, 30_000).is_err());
    failed
        .begin(Operation::Delete, 30_000)
        .expect("a failed gateway can be deleted");
    let progress = progress_response(&failed, 25_000);
    assert_eq!(
        (
            progress.progress,
            progress.status.as_str(),
            progress.error_code.as_deref()
        ),
        (0, "failed", Some("APIC.9218"))
    );
}

#[test]
fn gateway_json_round_trips() {
    let plan = validate(&cn1_draft(), &seed(), &[], 1).expect("valid");
    let g = plan.to_gateway(5, CreationSpeed::Realistic, None);
    let json = serde_json::to_string(&g).expect("serialize");
    let back: apig_core::Gateway = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(g, back);
    let tampered = json.replace("\"apig-lvs\"", "\"1-bad\"");
    assert!(
        serde_json::from_str::<apig_core::Gateway>(&tampered).is_err(),
        "names are re-validated"
    );
}

#[test]
fn request_and_draft_convert_both_ways() {
    let body = r#"{"instance_name":"apig-demo","spec_id":"BASIC","vpc_id":"VPC","subnet_id":"SUB","security_group_id":"SG","available_zone_ids":["cn-north-4a"],"bandwidth_size":0,"ingress_bandwidth_size":5,"tags":[{"key":"env","value":"dev"}]}"#;
    let request: CreateInstanceV2Request = serde_json::from_str(body).expect("wire");
    let draft = Draft::from_request(&request, "cn-north-4");
    assert!(draft.public_inbound && !draft.public_outbound);
    assert_eq!(draft.ingress_bandwidth, "5");
    assert_eq!(draft.tags.len(), 1);
    let again = CreateInstanceV2Request::try_from(&draft).expect("numbers");
    assert_eq!(again.ingress_bandwidth_size, Some(5));
    assert_eq!(again.bandwidth_size, None, "0 = outbound off");
    assert_eq!(Draft::from_request(&again, "cn-north-4"), draft);

    // The body of a plan validates back into the same plan (apart from the derived ID).
    for d in [cn4_draft(), cn1_draft()] {
        let plan = validate(&d, &seed(), &[], 3).expect("valid");
        let body = CreateInstanceV2Request::from(&plan);
        assert_eq!(body.instance_id, None);
        let replanned =
            validate(&Draft::from_request(&body, &plan.region), &seed(), &[], 3).expect("valid");
        assert_eq!(replanned, plan);
    }

    let mut bad = cn4_draft();
    bad.outbound_bandwidth = "five".into();
    assert!(CreateInstanceV2Request::try_from(&bad).is_err());
}

#[test]
fn instance_objects_of_a_gateway() {
    let account = seed();
    let plan = validate(&cn4_draft(), &account, &[], 1).expect("valid");
    let g = plan.to_gateway(1_000, CreationSpeed::Fast, None);
    let detail = instance_detail(&g, &account, 2_000);
    assert_eq!(
        (detail.status.as_str(), detail.instance_status),
        ("Creating", 1)
    );
    assert_eq!(detail.available_zone_ids, "[cn-north-4a]");
    assert_eq!(detail.loadbalancer_provider.as_deref(), Some("elb"));
    assert_eq!(detail.ingress_ip.as_deref(), Some("192.168.0.2"));
    assert_eq!(detail.publicips[0].bandwidth_size, Some(10));
    assert_eq!(detail.nat_eip_address.as_deref(), Some("121.36.10.2"));
    assert_eq!(detail.bandwidth_size, Some(5));
    assert_eq!(detail.maintain_begin.as_deref(), Some("22:00:00"));
    let summary = instance_summary(&g, &account, 100_000);
    assert_eq!(
        (summary.status.as_str(), summary.instance_status),
        ("Running", 6)
    );
    assert_eq!(summary.id, g.id.as_str());
}

#[test]
fn the_form_opens_prefilled_and_valid() {
    let account = seed();
    let region = account.region("cn-north-4").expect("seed region");
    let draft = Draft::prefilled(&account, region, &[]);
    assert_eq!(
        draft,
        Draft {
            region: "cn-north-4".into(),
            available_zone_ids: vec!["cn-north-4a".into()],
            instance_name: "apig-01".into(),
            spec_id: "BASIC".into(),
            maintain_begin: "22:00:00".into(),
            maintain_end: "02:00:00".into(),
            ingress_bandwidth: "5".into(),
            outbound_bandwidth: "5".into(),
            vpc_id: ids::CN4_VPC_MAIN.into(),
            subnet_id: ids::CN4_SUBNET_ROOMY.into(),
            security_group_id: ids::CN4_SG_WEB.into(),
            ..Draft::default()
        }
    );
    assert!(validate(&draft, &account, &[], 1).is_ok());
    // An enterprise account starts in the default enterprise project.
    let mut enterprise = seed();
    enterprise.account_type = apig_core::account::AccountType::Enterprise;
    let draft = Draft::prefilled(&enterprise, region, &[]);
    assert_eq!(draft.enterprise_project_id, "0");
    assert!(validate(&draft, &enterprise, &[], 1).is_ok());
}

#[test]
fn the_suggested_name_is_the_first_free_one_of_the_project() {
    let account = seed();
    let cn4 = account.region("cn-north-4").expect("seed region");
    let cn1 = account.region("cn-north-1").expect("seed region");
    let named = |names: &[&str], region: &str| {
        names
            .iter()
            .map(|name| {
                let mut d = if region == "cn-north-1" {
                    cn1_draft()
                } else {
                    cn4_draft()
                };
                d.instance_name = (*name).to_owned();
                validate(&d, &seed(), &[], 1).expect("valid").to_gateway(
                    0,
                    CreationSpeed::Instant,
                    None,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(suggest_name(cn4, &[]), "apig-01");
    assert_eq!(
        suggest_name(cn4, &named(&["apig-01"], "cn-north-4")),
        "apig-02"
    );
    assert_eq!(
        suggest_name(cn4, &named(&["apig-02", "apig-01"], "cn-north-4")),
        "apig-03"
    );
    assert_eq!(
        suggest_name(cn4, &named(&["apig-02", "other"], "cn-north-4")),
        "apig-01"
    );
    // A gateway of another project does not take the name.
    let elsewhere = named(&["apig-01"], "cn-north-1");
    assert_eq!(suggest_name(cn4, &elsewhere), "apig-01");
    assert_eq!(suggest_name(cn1, &elsewhere), "apig-02");
}
