//! Changing public access after creation: the statuses and messages of each refusal, and how
//! the console labels the access before and after.

use apig_core::account::Account;
use apig_core::gateway::{Inbound, Outbound};
use apig_core::lifecycle::CreationSpeed;
use apig_core::network_change::{
    InboundChange, OutboundChange, inbound_label, outbound_label, preview_inbound, preview_outbound,
};
use apig_core::region::InboundMode;
use apig_core::validate::{Draft, validate};
use apig_core::values::Bandwidth;
use apig_core::{Gateway, apply_plan};

/// A gateway of `region` that is `Running` from 0 ms on, and the account it was bought from.
fn running(region: &str, inbound: bool, outbound: bool) -> (Account, Gateway) {
    let mut account = Account::default_seed();
    let r = account.region(region).expect("region").clone();
    let mut draft = Draft::prefilled(&account, &r, &[]);
    draft.public_inbound = inbound;
    draft.public_outbound = outbound;
    if inbound && r.inbound_mode == InboundMode::Lvs {
        draft
            .eip_id
            .clone_from(&r.free_eips().next().expect("free eip").id);
    }
    if inbound && r.inbound_mode == InboundMode::Elb {
        draft.ingress_bandwidth = "10".into();
    }
    if outbound {
        draft.outbound_bandwidth = "5".into();
    }
    let plan = validate(&draft, &account, &[], 1).expect("valid draft");
    apply_plan(&mut account, &plan).expect("plan applies");
    (account, plan.to_gateway(0, CreationSpeed::Instant, None))
}

#[test]
fn each_refusal_answers_with_the_services_code_and_status() {
    let (elb_off_account, elb_off) = running("cn-north-4", false, false);
    let (elb_on_account, elb_on) = running("cn-north-4", true, false);
    let (lvs_account, lvs) = running("cn-north-1", false, false);
    let (busy_account, mut busy) = running("cn-north-4", true, false);
    busy.speed = CreationSpeed::Fast;
    let mut no_pool = elb_off_account.clone();
    let region = no_pool.region_mut("cn-north-4").expect("region");
    let taken = region.eips[0].address;
    region.public_pool = format!("{taken}/32").parse().expect("pool");
    let enable = |bandwidth: &str| InboundChange::EnableIngress {
        bandwidth: bandwidth.into(),
    };
    let inbound = |account: &Account, gateway: &Gateway, change: &InboundChange| {
        preview_inbound(account, gateway, change, 10).expect_err("refused")
    };
    let refusals = [
        (
            inbound(&elb_off_account, &elb_off, &enable("4")),
            "APIC.7211",
            400,
        ),
        (inbound(&lvs_account, &lvs, &enable("10")), "APIC.7242", 400),
        (
            inbound(
                &elb_off_account,
                &elb_off,
                &InboundChange::UpdateIngress {
                    bandwidth: "20".into(),
                },
            ),
            "APIC.7244",
            400,
        ),
        (
            inbound(&busy_account, &busy, &enable("10")),
            "APIC.7701",
            409,
        ),
        (
            inbound(&elb_on_account, &elb_on, &enable("10")),
            "APIC.7711",
            409,
        ),
        (
            preview_outbound(&elb_off_account, &elb_off, &OutboundChange::Disable, 10)
                .expect_err("outbound is off"),
            "APIC.9208",
            400,
        ),
        (inbound(&no_pool, &elb_off, &enable("10")), "APIC.9210", 500),
    ];
    for (error, code, status) in refusals {
        assert_eq!(error.code.as_str(), code, "{}", error.message);
        assert_eq!(error.code.to_string(), code);
        assert_eq!(error.code.http_status(), status, "{code}");
    }
}

#[test]
fn access_is_labelled_as_the_console_shows_it() {
    let address = "121.36.10.7".parse().expect("ip");
    let bandwidth = Bandwidth::parse_inbound("12").expect("bandwidth");
    assert_eq!(inbound_label(&Inbound::Off), "Off");
    assert_eq!(
        inbound_label(&Inbound::Eip {
            eip_id: "e".into(),
            address
        }),
        "EIP 121.36.10.7"
    );
    assert_eq!(
        inbound_label(&Inbound::Elb {
            eip_id: "e".into(),
            address,
            bandwidth
        }),
        "121.36.10.7, 12 Mbit/s"
    );
    assert_eq!(outbound_label(&Outbound::Off), "Off");
    assert_eq!(
        outbound_label(&Outbound::Nat {
            eip_id: "e".into(),
            address,
            bandwidth
        }),
        "121.36.10.7, 12 Mbit/s"
    );
}

#[test]
fn the_wrong_mode_says_what_the_region_does_instead() {
    let (lvs, lvs_gateway) = running("cn-north-1", false, false);
    let e = preview_inbound(
        &lvs,
        &lvs_gateway,
        &InboundChange::EnableIngress {
            bandwidth: "10".into(),
        },
        10,
    )
    .expect_err("LVS region");
    assert_eq!(e.code.as_str(), "APIC.7242");
    assert_eq!(
        e.message,
        "cn-north-1 uses LVS inbound access: bind, replace or unbind an EIP instead of setting an inbound bandwidth."
    );
    let (elb, elb_gateway) = running("cn-north-4", false, false);
    let e = preview_inbound(
        &elb,
        &elb_gateway,
        &InboundChange::BindEip {
            eip_id: "any".into(),
        },
        10,
    )
    .expect_err("ELB region");
    assert_eq!(e.code.as_str(), "APIC.7242");
    assert_eq!(
        e.message,
        "cn-north-4 uses ELB inbound access: set an inbound bandwidth instead; the gateway gets its own EIP."
    );
}

#[test]
fn a_bad_bandwidth_names_its_range_and_parameter() {
    let (account, gateway) = running("cn-north-4", false, false);
    let e = preview_inbound(
        &account,
        &gateway,
        &InboundChange::EnableIngress {
            bandwidth: "4".into(),
        },
        10,
    )
    .expect_err("below 5");
    assert_eq!(e.code.as_str(), "APIC.7211");
    assert_eq!(
        e.wire_message(),
        "Public Inbound Access is 4; enter a whole number from 5 to 2000. \
         (parameter name[ingressBandwidthSize])"
    );
    // Inbound allows 5 and more, outbound 1 and more.
    assert!(
        preview_inbound(
            &account,
            &gateway,
            &InboundChange::EnableIngress {
                bandwidth: "5".into()
            },
            10
        )
        .is_ok()
    );
    let e = preview_outbound(
        &account,
        &gateway,
        &OutboundChange::Enable {
            bandwidth: "0".into(),
        },
        10,
    )
    .expect_err("below 1");
    assert_eq!(
        e.wire_message(),
        "Public Outbound Access is 0; enter a whole number from 1 to 2000. \
         (parameter name[bandwidthSize])"
    );
    let change = preview_outbound(
        &account,
        &gateway,
        &OutboundChange::Enable {
            bandwidth: "1".into(),
        },
        10,
    )
    .expect("1 Mbit/s is enough");
    assert_eq!(change.old, "Off");
    assert!(change.new.ends_with(", 1 Mbit/s"), "{}", change.new);
}

#[test]
fn a_busy_gateway_says_why_it_refuses() {
    let (account, mut gateway) = running("cn-north-4", true, false);
    gateway.speed = CreationSpeed::Fast;
    let e = preview_inbound(&account, &gateway, &InboundChange::DisableIngress, 10)
        .expect_err("still creating");
    assert_eq!(e.code.as_str(), "APIC.7701");
    assert_eq!(
        e.message,
        "The instance status does not allow this operation: cannot change public inbound access while the gateway is Creating; wait until the current operation has finished."
    );
    let e = preview_outbound(
        &account,
        &gateway,
        &OutboundChange::Enable {
            bandwidth: "5".into(),
        },
        10,
    )
    .expect_err("still creating");
    assert_eq!(
        e.message,
        "The instance status does not allow this operation: cannot change public outbound access while the gateway is Creating; wait until the current operation has finished."
    );
}

#[test]
fn each_created_eip_has_its_own_id_and_is_removed_alone() {
    use apig_core::network_change::{change_inbound, change_outbound};
    let (mut account, mut gateway) = running("cn-north-4", false, false);
    change_inbound(
        &mut account,
        &mut gateway,
        &InboundChange::EnableIngress {
            bandwidth: "10".into(),
        },
        10,
    )
    .expect("inbound on");
    change_outbound(
        &mut account,
        &mut gateway,
        &OutboundChange::Enable {
            bandwidth: "5".into(),
        },
        20,
    )
    .expect("outbound on");
    let (
        Inbound::Elb {
            eip_id: ingress, ..
        },
        Outbound::Nat { eip_id: nat, .. },
    ) = (gateway.inbound.clone(), gateway.outbound.clone())
    else {
        panic!("both accesses are on: {gateway:#?}");
    };
    assert_ne!(ingress, nat);
    for id in [&ingress, &nat] {
        // UUID-shaped, like every EIP ID.
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(id.matches('-').count(), 4, "{id}");
    }
    let eips = |account: &Account| {
        account
            .region("cn-north-4")
            .expect("region")
            .eips
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    };
    assert!(eips(&account).contains(&ingress) && eips(&account).contains(&nat));
    change_inbound(
        &mut account,
        &mut gateway,
        &InboundChange::DisableIngress,
        30,
    )
    .expect("inbound off");
    assert!(!eips(&account).contains(&ingress));
    assert!(eips(&account).contains(&nat), "the NAT EIP stays");
}
