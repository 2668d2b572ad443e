//! Editing a gateway on its information page (and through `PUT …/instances/{id}`).

mod domain_common;

use apig_core::account::ids;
use apig_core::lifecycle::{CreationSpeed, Status};
use apig_core::validate::{Field, UpdateDraft, validate_update};
use apig_core::{ErrorCode, Gateway, validate};
use domain_common::{cn4_draft, cn4_gateways, seed};

/// Two running gateways in cn-north-4 (`existing-0`, `existing-1`).
fn two() -> Vec<Gateway> {
    cn4_gateways(&mut seed(), 2)
}

fn codes(update: &UpdateDraft, gateways: &[Gateway], now: u64) -> Vec<(Field, ErrorCode)> {
    match validate_update(update, &gateways[0], &seed(), gateways, now) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.field, p.code)).collect(),
    }
}

#[test]
fn update_rules() {
    let gws = two();
    let name = |n: &str| UpdateDraft {
        instance_name: Some(n.into()),
        ..UpdateDraft::default()
    };
    assert_eq!(codes(&name("renamed"), &gws, 10_000), []);
    assert_eq!(
        codes(&name("existing-0"), &gws, 10_000),
        [],
        "its own name is fine"
    );
    assert_eq!(
        codes(&name("existing-1"), &gws, 10_000),
        [(Field::InstanceName, ErrorCode::DuplicateName)]
    );
    assert_eq!(
        codes(&name("x"), &gws, 10_000),
        [(Field::InstanceName, ErrorCode::InvalidParameter)]
    );
    let all_wrong = UpdateDraft {
        description: Some(">".into()),
        maintain_begin: Some("22:00:00".into()),
        maintain_end: Some("01:00:00".into()),
        security_group_id: Some(ids::CN4_SG_OTHER.into()),
        vpcep_service_name: Some("bad name".into()),
        ..UpdateDraft::default()
    };
    assert_eq!(
        codes(&all_wrong, &gws, 10_000),
        [
            (Field::Description, ErrorCode::InvalidParameter),
            (Field::MaintainEnd, ErrorCode::MaintainWindowLength),
            (Field::SecurityGroup, ErrorCode::SecurityGroupNotInVpc),
            (Field::VpcepServiceName, ErrorCode::InvalidParameter),
        ]
    );
}

#[test]
fn update_needs_a_running_gateway_and_records_history() {
    let account = seed();
    let plan = validate(&cn4_draft(), &account, &[], 1).expect("valid");
    let mut g = plan.to_gateway(0, CreationSpeed::Fast, None);
    let edit = UpdateDraft {
        instance_name: Some("renamed".into()),
        maintain_begin: Some("06:00:00".into()),
        security_group_id: Some(ids::CN4_SG_DEFAULT.into()),
        ..UpdateDraft::default()
    };
    let during = validate_update(&edit, &g, &account, std::slice::from_ref(&g), 1_000)
        .expect_err("creating");
    assert_eq!(during[0].code, ErrorCode::StatusConflict);
    let ok =
        validate_update(&edit, &g, &account, std::slice::from_ref(&g), 30_000).expect("running");
    assert_eq!(ok.apply(&mut g, 30_000), 3);
    assert_eq!(g.name.as_str(), "renamed");
    assert_eq!(g.maintenance_window.begin_hour(), 6);
    assert_eq!(g.security_group_id, ids::CN4_SG_DEFAULT);
    assert_eq!(g.history[0].field, "instance_name");
    assert_eq!(
        (g.history[0].old.as_str(), g.history[0].new.as_str()),
        ("apig-demo", "renamed")
    );
    assert_eq!(g.status(30_000), Status::Updating);
    assert_eq!(g.status(33_000), Status::Running);
    // The same values again change nothing.
    let again =
        validate_update(&edit, &g, &account, std::slice::from_ref(&g), 40_000).expect("running");
    assert_eq!(again.apply(&mut g, 40_000), 0);
    assert_eq!(g.history.len(), 3);
}
