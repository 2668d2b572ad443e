//! The default seed makes every rule visible, and its IDs are stable and unique.

mod domain_common;

use std::collections::HashSet;

use apig_core::account::{Direction, EipStatus, ids};
use apig_core::region::{InboundMode, SANDBOX_REGIONS};
use apig_core::values::Edition;
use apig_core::{Draft, validate};
use domain_common::seed;

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
}

fn is_hex32(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn sandbox_regions_match_the_seed() {
    let account = seed();
    let seeded: Vec<(&str, &str)> = account
        .regions
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(seeded, SANDBOX_REGIONS);
    for r in &account.regions {
        assert_eq!(
            r.inbound_mode,
            apig_core::region::inbound_mode(&r.id),
            "{}",
            r.id
        );
    }
    assert_eq!(
        account.region("cn-north-1").map(|r| r.inbound_mode),
        Some(InboundMode::Lvs)
    );
    assert_eq!(
        account.region("cn-north-4").map(|r| r.inbound_mode),
        Some(InboundMode::Elb)
    );
    assert!(account.region("ap-southeast-1").is_some());
}

#[test]
fn every_region_has_usable_resources() {
    let account = seed();
    assert_eq!(account.gateway_quota, 5);
    assert!(account.enterprise_project("0").is_some());
    for r in &account.regions {
        assert!(is_hex32(&r.project_id), "{}", r.id);
        assert!(!r.azs.is_empty());
        for (i, z) in r.azs.iter().enumerate() {
            assert!(z.code.starts_with(&r.id), "{}", z.code);
            assert_eq!(z.name, format!("AZ{}", i + 1));
            assert!(is_hex32(&z.id));
            assert!(z.sells(Edition::Basic));
        }
        let free_subnet = r
            .vpcs
            .iter()
            .flat_map(|v| &v.subnets)
            .any(|s| s.free_count() >= 7);
        assert!(free_subnet, "{} has a roomy subnet", r.id);
        assert!(
            r.eips.iter().any(apig_core::account::Eip::is_free),
            "{} has a free EIP",
            r.id
        );
        assert!(
            r.eips.iter().any(|e| e.status == EipStatus::Active),
            "{} has a bound EIP",
            r.id
        );
        for g in &r.security_groups {
            assert!(
                r.vpc(&g.vpc_id).is_some(),
                "{} belongs to a VPC of the region",
                g.name
            );
        }
        // The form opens pre-filled with something that validates.
        let draft = Draft::prefilled(&account, r, &[]);
        assert!(
            validate(&draft, &account, &[], 0).is_ok(),
            "{}: {draft:#?}",
            r.id
        );
    }
    assert!(
        account
            .regions
            .iter()
            .flat_map(|r| &r.azs)
            .any(|z| !z.sells(Edition::Platinum)),
        "some AZ sells no Platinum"
    );
}

#[test]
fn the_rules_are_visible_in_both_inbound_modes() {
    let account = seed();
    for id in ["cn-north-1", "cn-north-4"] {
        let r = account.region(id).expect("region");
        let subnets: Vec<_> = r.vpcs.iter().flat_map(|v| &v.subnets).collect();
        assert!(
            subnets
                .iter()
                .any(|s| s.cidr.prefix_len() == 29 && s.free_count() == 3),
            "{id}: /29"
        );
        assert!(
            subnets.iter().any(|s| s.free_count() == 0),
            "{id}: full subnet"
        );
        assert!(
            subnets
                .iter()
                .any(|s| s.cidr.prefix_len() == 24 && s.free_count() > 200),
            "{id}: /24"
        );
        let open = |g: &&apig_core::account::SecurityGroup| {
            g.allows_internet_tcp(Direction::Ingress, 80)
                && g.allows_internet_tcp(Direction::Ingress, 443)
        };
        assert!(
            r.security_groups.iter().any(|g| open(&g)),
            "{id}: open group"
        );
        assert!(
            r.security_groups.iter().any(|g| !open(&g)),
            "{id}: closed group"
        );
        assert!(r.vpcs.len() >= 2, "{id}: a second VPC for APIC.7307");
    }
}

#[test]
fn ids_are_stable_unique_uuids() {
    let account = seed();
    let mut seen = HashSet::new();
    let mut uuid = |id: &str| {
        assert!(is_uuid(id), "{id} is a UUID");
        assert!(seen.insert(id.to_owned()), "{id} is unique");
    };
    for r in &account.regions {
        for v in &r.vpcs {
            uuid(&v.id);
            v.subnets.iter().for_each(|s| uuid(&s.id));
        }
        for g in &r.security_groups {
            uuid(&g.id);
            g.rules.iter().for_each(|x| uuid(&x.id));
        }
        r.eips.iter().for_each(|e| uuid(&e.id));
    }
    // Two seeds are identical, and the constants name seed resources.
    assert_eq!(seed(), seed());
    let cn4 = account.region("cn-north-4").expect("region");
    assert_eq!(cn4.project_id, ids::CN4_PROJECT);
    assert!(cn4.subnet(ids::CN4_SUBNET_SMALL).is_some());
}
