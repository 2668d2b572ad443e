//! Helpers shared by the `domain_*` tests: the seed, filled drafts and existing gateways.
#![allow(dead_code)] // Each test crate uses a different subset.

use apig_core::account::ids;
use apig_core::lifecycle::CreationSpeed;
use apig_core::validate::{Draft, validate};
use apig_core::{Account, Gateway};

/// The default seed.
pub fn seed() -> Account {
    Account::default_seed()
}

/// A complete, valid draft for `cn-north-4` (ELB): Professional in AZ1, roomy subnet, `sg-web`,
/// inbound 10 Mbit/s, outbound 5 Mbit/s.
pub fn cn4_draft() -> Draft {
    Draft {
        region: "cn-north-4".into(),
        available_zone_ids: vec!["cn-north-4a".into()],
        instance_name: "apig-demo".into(),
        spec_id: "PROFESSIONAL".into(),
        maintain_begin: "22:00:00".into(),
        maintain_end: "02:00:00".into(),
        enterprise_project_id: String::new(),
        public_inbound: true,
        eip_id: String::new(),
        ingress_bandwidth: "10".into(),
        public_outbound: true,
        outbound_bandwidth: "5".into(),
        vpc_id: ids::CN4_VPC_MAIN.into(),
        subnet_id: ids::CN4_SUBNET_ROOMY.into(),
        security_group_id: ids::CN4_SG_WEB.into(),
        description: "Demo gateway".into(),
        ..Draft::default()
    }
}

/// A complete, valid draft for `cn-north-1` (LVS) binding the first free EIP.
pub fn cn1_draft() -> Draft {
    Draft {
        region: "cn-north-1".into(),
        available_zone_ids: vec!["cn-north-1a".into(), "cn-north-1b".into()],
        instance_name: "apig-lvs".into(),
        spec_id: "BASIC".into(),
        public_inbound: true,
        eip_id: ids::CN1_EIP_FREE_1.into(),
        vpc_id: ids::CN1_VPC_MAIN.into(),
        subnet_id: ids::CN1_SUBNET_ROOMY.into(),
        security_group_id: ids::CN1_SG_WEB.into(),
        ..Draft::default()
    }
}

/// `n` gateways in `cn-north-4`, created (and applied to `account`) one after another.
pub fn cn4_gateways(account: &mut Account, n: usize) -> Vec<Gateway> {
    let mut gateways = Vec::new();
    for i in 0..n {
        let mut d = cn4_draft();
        d.instance_name = format!("existing-{i}");
        d.spec_id = "BASIC".into();
        let plan = validate(&d, account, &gateways, i as u64).expect("seed gateway validates");
        apig_core::apply_plan(account, &plan).expect("plan applies");
        gateways.push(plan.to_gateway(1_000, CreationSpeed::Instant, None));
    }
    gateways
}
