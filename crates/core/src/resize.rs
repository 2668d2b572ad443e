//! Changing a gateway's edition (`POST …/postpaid-resize`, the console's "Change edition").
//!
//! The service changes editions upwards only: Basic → Professional → Enterprise → Platinum →
//! Platinum 2 … 8, never down, never between an IPv6 edition and an IPv4 one, and not at all
//! for the gateways of the LVS regions (docs/reference.md, Editions). The new edition's extra
//! private addresses come from the gateway's own subnet, checked by
//! [`crate::precheck::capacity_check`]; the gateway then shows `Resizing` until the change is
//! done, and its `spec` and private IPs are the new edition's.

use std::net::Ipv4Addr;

use crate::account::Account;
use crate::gateway::{Change, Gateway};
use crate::lifecycle::{Operation, check_transition};
use crate::precheck::{Check, Outcome, capacity_check};
use crate::region::InboundMode;
use crate::validate::{Field, Problem};
use crate::values::{Edition, ErrorCode};

/// The order of editions for an upgrade (an IPv6 edition ranks as its base edition).
pub const fn rank(edition: Edition) -> u8 {
    if let Some(step) = edition.platinum_step() {
        return 2 + step;
    }
    match edition.base() {
        Edition::Basic => 0,
        Edition::Professional => 1,
        Edition::Enterprise => 2,
        _ => 3,
    }
}

/// A checked edition change, ready for [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResizePlan {
    /// The current edition.
    pub from: Edition,
    /// The new edition.
    pub to: Edition,
    /// The extra private addresses the new edition takes from the subnet.
    pub new_private_ips: Vec<Ipv4Addr>,
    /// The subnet-capacity check that passed.
    pub capacity: Check,
}

fn refuse(code: ErrorCode, message: &str) -> Problem {
    Problem::new(
        Field::Edition,
        code,
        format!("{}: {message}", code.meaning()),
    )
}

/// Whether the gateway's region lets gateways change edition (not the LVS regions).
fn region_allows(account: &Account, gateway: &Gateway) -> bool {
    let mode = account.region(&gateway.region).map_or_else(
        || crate::region::inbound_mode(&gateway.region),
        |r| r.inbound_mode,
    );
    mode == InboundMode::Elb
}

/// The editions the gateway could change to, smallest first (for the console's form; the
/// subnet's capacity is checked separately by [`check`]).
pub fn upgrade_targets(account: &Account, gateway: &Gateway) -> Vec<Edition> {
    if !region_allows(account, gateway) {
        return Vec::new();
    }
    let mut targets: Vec<Edition> = Edition::ALL
        .into_iter()
        .filter(|e| {
            e.is_ipv6() == gateway.edition.is_ipv6()
                && rank(*e) > rank(gateway.edition)
                && sold_in_every_az(account, gateway, *e)
        })
        .collect();
    targets.sort_by_key(|e| rank(*e));
    targets
}

fn sold_in_every_az(account: &Account, gateway: &Gateway, edition: Edition) -> bool {
    let Some(region) = account.region(&gateway.region) else {
        return false;
    };
    gateway.available_zone_ids.iter().all(|code| {
        region
            .azs
            .iter()
            .find(|z| z.code == code.as_str())
            .is_some_and(|z| z.sells(edition))
    })
}

/// Checks a change of `gateway` to the edition `spec_id` at `now_ms`, in this order: the status
/// allows it (`APIC.7701`); the edition exists (`APIC.7301`); it differs (`APIC.7707`); the
/// region lets gateways change edition, the new edition is larger, of the same IP family and
/// sold in every AZ of the gateway (`APIC.7243`); the subnet has the extra addresses
/// (`APIC.9215`). Nothing changes.
pub fn check(
    account: &Account,
    gateway: &Gateway,
    spec_id: &str,
    now_ms: u64,
) -> Result<ResizePlan, Problem> {
    check_transition(gateway.status(now_ms), Operation::Resize).map_err(|e| e.problem())?;
    let to = Edition::parse(spec_id).map_err(|e| {
        refuse(
            ErrorCode::SpecNotFound,
            &format!(
                "{e}. Choose an edition larger than {}.",
                gateway.edition.display_name()
            ),
        )
    })?;
    let from = gateway.edition;
    if to == from {
        return Err(refuse(
            ErrorCode::SameSpec,
            &format!("the gateway is already {}.", from.display_name()),
        ));
    }
    if !region_allows(account, gateway) {
        return Err(refuse(
            ErrorCode::ScaleUpUnsupported,
            &format!(
                "gateways in {} (an LVS region) cannot change edition.",
                gateway.region
            ),
        ));
    }
    if to.is_ipv6() != from.is_ipv6() {
        return Err(refuse(
            ErrorCode::ScaleUpUnsupported,
            &format!(
                "{} and {} differ in IPv6 support, which cannot change after purchase.",
                from.display_name(),
                to.display_name()
            ),
        ));
    }
    if rank(to) <= rank(from) {
        return Err(refuse(
            ErrorCode::ScaleUpUnsupported,
            &format!(
                "editions change upwards only; {} is smaller than {}.",
                to.display_name(),
                from.display_name()
            ),
        ));
    }
    if !sold_in_every_az(account, gateway, to) {
        return Err(refuse(
            ErrorCode::ScaleUpUnsupported,
            &format!(
                "an AZ of the gateway ({}) does not sell {}.",
                gateway.available_zone_ids_string(),
                to.display_name()
            ),
        ));
    }
    let Some((_, subnet)) = account
        .region(&gateway.region)
        .and_then(|r| r.subnet(&gateway.subnet_id))
    else {
        return Err(refuse(
            ErrorCode::ScaleUpFailed,
            &format!(
                "the gateway's subnet {} no longer exists.",
                gateway.subnet_id
            ),
        ));
    };
    let held = u32::try_from(gateway.private_ips.len()).unwrap_or(u32::MAX);
    let capacity = capacity_check(subnet, to, held);
    if capacity.outcome != Outcome::Pass {
        let action = capacity.action.clone().unwrap_or_default();
        return Err(refuse(
            ErrorCode::ScaleUpFailed,
            &format!("subnet {}: {}. {action}", subnet.name, capacity.summary),
        ));
    }
    let extra = usize::try_from(to.private_ips_needed().saturating_sub(held)).unwrap_or(0);
    let new_private_ips = subnet.lowest_free(extra).ok_or_else(|| {
        refuse(
            ErrorCode::ScaleUpFailed,
            &format!(
                "subnet {} has fewer than {extra} free addresses.",
                subnet.name
            ),
        )
    })?;
    Ok(ResizePlan {
        from,
        to,
        new_private_ips,
        capacity,
    })
}

/// Changes the edition at `now_ms` after [`check`]: takes the extra private addresses from
/// the subnet, sets the edition, marks the gateway `Resizing` and records the change (field
/// `spec_id`). Nothing changes on error.
pub fn resize(
    account: &mut Account,
    gateway: &mut Gateway,
    spec_id: &str,
    now_ms: u64,
) -> Result<Change, Problem> {
    let plan = check(account, gateway, spec_id, now_ms)?;
    gateway
        .begin(Operation::Resize, now_ms)
        .map_err(|e| e.problem())?;
    if let Some(subnet) = account
        .region_mut(&gateway.region)
        .and_then(|r| r.subnet_mut(&gateway.subnet_id))
    {
        subnet.used.extend_from_slice(&plan.new_private_ips);
    }
    gateway.private_ips.extend_from_slice(&plan.new_private_ips);
    gateway.edition = plan.to;
    gateway.record(
        now_ms,
        Field::Edition.id(),
        plan.from.display_name().to_owned(),
        plan.to.display_name().to_owned(),
    );
    Ok(gateway.history.last().cloned().unwrap_or(Change {
        at_ms: now_ms,
        field: Field::Edition.id().to_owned(),
        old: plan.from.display_name().to_owned(),
        new: plan.to.display_name().to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CreationSpeed;
    use crate::lifecycle::Status;
    use crate::plan::apply_plan;
    use crate::validate::{Draft, validate};

    /// A Basic gateway bought in the seed's first region on `subnet` (index into its first
    /// VPC's subnets), with `speed`.
    fn bought(subnet_index: usize, speed: CreationSpeed) -> (Account, Gateway) {
        let mut account = Account::default_seed();
        let region = account.regions[0].clone();
        let mut draft = Draft::prefilled(&account, &region, &[]);
        draft.spec_id = "BASIC".into();
        draft.subnet_id = region.vpcs[0].subnets[subnet_index].id.clone();
        let plan = validate(&draft, &account, &[], 1).expect("valid draft");
        apply_plan(&mut account, &plan).expect("applied");
        (account.clone(), plan.to_gateway(0, speed, None))
    }

    fn subnet_of(account: &Account, g: &Gateway) -> crate::account::Subnet {
        account
            .region(&g.region)
            .and_then(|r| r.subnet(&g.subnet_id))
            .map(|(_, s)| s.clone())
            .expect("subnet")
    }

    #[test]
    fn upgrade_takes_the_extra_addresses_and_passes_through_resizing() {
        let (mut account, mut g) = bought(0, CreationSpeed::Fast);
        let t0 = 60_000;
        let used_before = subnet_of(&account, &g).used.len();
        let change = resize(&mut account, &mut g, "PROFESSIONAL", t0).expect("resized");
        assert_eq!(
            (change.old.as_str(), change.new.as_str()),
            ("Basic", "Professional")
        );
        assert_eq!(g.edition, Edition::Professional);
        assert_eq!(g.private_ips.len(), 5);
        assert_eq!(subnet_of(&account, &g).used.len(), used_before + 2);
        assert_eq!(g.status(t0), Status::Resizing);
        assert_eq!(
            g.status(t0 + CreationSpeed::Fast.operation_ms()),
            Status::Running
        );
        let e = resize(&mut account, &mut g, "ENTERPRISE", t0 + 1).expect_err("busy");
        assert_eq!(e.code, ErrorCode::StatusConflict);
    }

    #[test]
    fn refusals_in_order() {
        let (account, g) = bought(0, CreationSpeed::Instant);
        let code = |spec: &str| check(&account, &g, spec, 1).map(|_| ()).map_err(|e| e.code);
        assert_eq!(code("BASIC"), Err(ErrorCode::SameSpec));
        assert_eq!(code("HUGE"), Err(ErrorCode::SpecNotFound));
        assert_eq!(
            code("PROFESSIONAL_IPV6"),
            Err(ErrorCode::ScaleUpUnsupported)
        );
        assert_eq!(code("PROFESSIONAL"), Ok(()));
        let mut bigger = g.clone();
        bigger.edition = Edition::Enterprise;
        let e = check(&account, &bigger, "PROFESSIONAL", 1).expect_err("down");
        assert_eq!(e.code, ErrorCode::ScaleUpUnsupported);
        assert!(e.message.contains("upwards only"), "{}", e.message);
        assert_eq!(e.code.http_status(), 400);
        assert_eq!(ErrorCode::SameSpec.http_status(), 409);
        let targets = upgrade_targets(&account, &g);
        assert_eq!(targets.first(), Some(&Edition::Professional));
        assert!(
            targets
                .iter()
                .all(|e| rank(*e) > rank(Edition::Basic) && !e.is_ipv6())
        );
    }

    #[test]
    fn a_full_29_subnet_refuses_with_the_capacity_figures() {
        // The seed's /29 subnet has 3 assignable addresses: one Basic gateway fills it.
        let (account, g) = bought(1, CreationSpeed::Instant);
        assert_eq!(subnet_of(&account, &g).cidr.prefix_len(), 29);
        let e = check(&account, &g, "PROFESSIONAL", 1).expect_err("full");
        assert_eq!(
            (e.code, e.field),
            (ErrorCode::ScaleUpFailed, Field::Edition)
        );
        assert!(
            e.message
                .contains("0 free addresses, Professional needs 2 more"),
            "{}",
            e.message
        );
    }

    #[test]
    fn lvs_regions_cannot_change_edition() {
        let (account, mut g) = bought(0, CreationSpeed::Instant);
        g.region = "cn-north-1".into();
        let mut account = account;
        for r in &mut account.regions {
            if r.id == "cn-north-1" {
                r.inbound_mode = InboundMode::Lvs;
            }
        }
        let e = check(&account, &g, "PROFESSIONAL", 1).expect_err("lvs");
        assert_eq!(e.code, ErrorCode::ScaleUpUnsupported);
        assert!(upgrade_targets(&account, &g).is_empty());
    }
}
