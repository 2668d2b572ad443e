//! Stored data for the browser benchmarks: a sandbox account with `count` Basic gateways,
//! each bought through the core exactly as the console buys one (prefilled draft, `validate`,
//! `apply_plan`, `to_gateway`), written as the console's `localStorage` envelopes.

use std::fs;
use std::path::Path;

use apig_core::account::ids::{CN4_SUBNET_ROOMY, CN4_VPC_MAIN};
use apig_core::account::{Account, Subnet};
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use apig_core::plan::apply_plan;
use apig_core::validate::{Draft, validate};
use serde_json::{Value, json};

use crate::run::{Failure, Outcome};

/// The region every benchmark gateway is bought in (the console's default region).
pub const REGION: &str = "cn-north-4";
/// Key of the account envelope (storage slot `account`, version 1).
pub const ACCOUNT_KEY: &str = "apig-console.account";
/// Key of the gateways envelope (storage slot `gateways`, version 1).
pub const GATEWAYS_KEY: &str = "apig-console.gateways";
/// The first creation time: 2026-01-01T00:00:00Z; gateway `i` is created `i` minutes later.
const FIRST_CREATED_MS: u64 = 1_767_225_600_000;

/// ID of the subnet added for fixtures larger than the roomy subnet holds.
pub const SCALE_SUBNET: &str = "5ca1e000-0000-4000-8000-000000000020";

/// The account and gateways after buying `count` Basic gateways in [`REGION`], in the roomy
/// subnet of the main VPC, or, when they do not fit there (more than 82), in a /20 subnet
/// [`SCALE_SUBNET`] added to that VPC. The quota is raised to twice `count`, so the form's
/// checks pass.
pub fn gateways(count: usize) -> Outcome<(Account, Vec<Gateway>)> {
    let mut account = Account::default_seed();
    account.gateway_quota =
        u32::try_from(count * 2).map_err(|_| Failure(format!("{count} gateways is too many")))?;
    let subnet_id = subnet_with_room(&mut account, count)?;
    let mut gateways: Vec<Gateway> = Vec::with_capacity(count);
    for i in 0..count {
        let region = account
            .region(REGION)
            .ok_or_else(|| Failure(format!("the default seed has no region {REGION}")))?
            .clone();
        let draft = Draft {
            instance_name: format!("bench-gw-{:02}", i + 1),
            vpc_id: CN4_VPC_MAIN.to_owned(),
            subnet_id: subnet_id.clone(),
            spec_id: "BASIC".to_owned(),
            description: format!("Benchmark gateway {} of {count}", i + 1),
            ..Draft::prefilled(&account, &region, &gateways)
        };
        let nonce = u64::try_from(i).unwrap_or(u64::MAX);
        let plan = validate(&draft, &account, &gateways, nonce).map_err(|problems| {
            let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
            Failure(format!(
                "benchmark gateway {} does not validate: {}",
                i + 1,
                messages.join("; ")
            ))
        })?;
        apply_plan(&mut account, &plan)
            .map_err(|e| Failure(format!("benchmark gateway {}: {e}", i + 1)))?;
        gateways.push(plan.to_gateway(
            FIRST_CREATED_MS + nonce * 60_000,
            CreationSpeed::Instant,
            None,
        ));
    }
    Ok((account, gateways))
}

/// The subnet of the main VPC that `count` Basic gateways fit into: the roomy one when it has
/// room, else a /20 added for them (the main VPC is a /16 whose first three /24 hold the seed's
/// subnets; the /20 starts at its 16th /24).
fn subnet_with_room(account: &mut Account, count: usize) -> Outcome<String> {
    let needed = u64::try_from(count).unwrap_or(u64::MAX).saturating_mul(3);
    let vpc = account
        .regions
        .iter_mut()
        .find(|r| r.id == REGION)
        .and_then(|r| r.vpcs.iter_mut().find(|v| v.id == CN4_VPC_MAIN))
        .ok_or_else(|| Failure(format!("the default seed has no main VPC in {REGION}")))?;
    if vpc
        .subnets
        .iter()
        .any(|s| s.id == CN4_SUBNET_ROOMY && s.free_count() >= needed)
    {
        return Ok(CN4_SUBNET_ROOMY.to_owned());
    }
    let octets = vpc.cidr.network().octets();
    let scale: Subnet = serde_json::from_value(json!({
        "id": SCALE_SUBNET,
        "name": "subnet-scale",
        "cidr": format!("{}.{}.16.0/20", octets[0], octets[1]),
        "used": [],
    }))
    .map_err(|e| Failure(format!("the scale subnet: {e}")))?;
    if scale.free_count() < needed {
        return Err(Failure(format!(
            "{count} Basic gateways need {needed} addresses; a /20 has {}",
            scale.free_count()
        )));
    }
    vpc.subnets.push(scale);
    Ok(SCALE_SUBNET.to_owned())
}

/// The `localStorage` entries (key → stored string) holding `account` and `gateways`.
pub fn local_storage(account: &Account, gateways: &[Gateway]) -> Outcome<Value> {
    let envelope = |data: Value| json!({ "version": 1, "data": data }).to_string();
    let account = serde_json::to_value(account).map_err(|e| Failure(e.to_string()))?;
    let gateways = serde_json::to_value(gateways).map_err(|e| Failure(e.to_string()))?;
    Ok(json!({
        ACCOUNT_KEY: envelope(account),
        GATEWAYS_KEY: envelope(gateways),
    }))
}

/// Writes `{"gateways": count, "localStorage": {key: value}}` to `path`.
pub fn write(path: &Path, count: usize) -> Outcome {
    let (account, gateways) = gateways(count)?;
    let fixture = json!({
        "gateways": gateways.len(),
        "localStorage": local_storage(&account, &gateways)?,
    });
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, fixture.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_gateways_fit_the_roomy_subnet_and_the_raised_quota() {
        let (account, gateways) = gateways(50).expect("fixture");
        assert_eq!(gateways.len(), 50);
        let region = account.region(REGION).expect("region").clone();
        let (_, subnet) = region.subnet(CN4_SUBNET_ROOMY).expect("roomy subnet");
        // The seed uses 4 addresses; every Basic gateway takes 3.
        assert_eq!(subnet.used.len(), 4 + 50 * 3);
        let mut names: Vec<&str> = gateways.iter().map(|g| g.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 50);
        // One more still validates: the form's checks pass with the fixture loaded.
        let draft = Draft::prefilled(&account, &region, &gateways);
        assert!(validate(&draft, &account, &gateways, 99).is_ok());
    }

    #[test]
    fn a_thousand_gateways_get_a_subnet_of_their_own() {
        let (account, gateways) = gateways(1_000).expect("fixture");
        assert_eq!(gateways.len(), 1_000);
        assert!(gateways.iter().all(|g| g.subnet_id == SCALE_SUBNET));
        let region = account.region(REGION).expect("region").clone();
        let (vpc, subnet) = region.subnet(SCALE_SUBNET).expect("scale subnet");
        assert_eq!(vpc.id, CN4_VPC_MAIN);
        assert_eq!(subnet.used_count(), 3_000);
        assert_eq!(account.gateway_quota, 2_000);
        // The seed's roomy subnet is untouched, and one more gateway still validates.
        let (_, roomy) = region.subnet(CN4_SUBNET_ROOMY).expect("roomy subnet");
        assert_eq!(roomy.used.len(), 4);
        let draft = Draft::prefilled(&account, &region, &gateways);
        assert!(validate(&draft, &account, &gateways, 1_001).is_ok());
    }

    #[test]
    fn envelopes_round_trip() {
        let (account, gateways) = gateways(3).expect("fixture");
        let storage = local_storage(&account, &gateways).expect("storage");
        let stored: Value =
            serde_json::from_str(storage[GATEWAYS_KEY].as_str().expect("string")).expect("json");
        assert_eq!(stored["version"], 1);
        let back: Vec<Gateway> = serde_json::from_value(stored["data"].clone()).expect("gateways");
        assert_eq!(back, gateways);
        let stored: Value =
            serde_json::from_str(storage[ACCOUNT_KEY].as_str().expect("string")).expect("json");
        let back: Account = serde_json::from_value(stored["data"].clone()).expect("account");
        assert_eq!(back, account);
    }
}
