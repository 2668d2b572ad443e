//! Editing a gateway on its information page (and through `PUT …/instances/{id}`).

mod domain_common;

use apig_core::account::ids;
use apig_core::gateway::{PendingKind, PendingOperation};
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

/// The problems of `update` on the first of two running gateways, with their messages.
fn messages(update: &UpdateDraft) -> Vec<(Field, ErrorCode, String)> {
    let gws = two();
    match validate_update(update, &gws[0], &seed(), &gws, 10_000) {
        Ok(_) => Vec::new(),
        Err(ps) => ps
            .into_iter()
            .map(|p| (p.field, p.code, p.wire_message()))
            .collect(),
    }
}

#[test]
fn update_messages_say_what_to_do() {
    assert_eq!(
        messages(&UpdateDraft {
            instance_name: Some("existing-1".into()),
            security_group_id: Some("no-such-sg".into()),
            ..UpdateDraft::default()
        }),
        [
            (
                Field::InstanceName,
                ErrorCode::DuplicateName,
                "A gateway named existing-1 already exists in cn-north-4. Choose another name."
                    .to_owned()
            ),
            (
                Field::SecurityGroup,
                ErrorCode::SecurityGroupNotInVpc,
                "Security group no-such-sg is not in the gateway's VPC; choose a group of that VPC."
                    .to_owned()
            ),
        ]
    );
    assert_eq!(
        messages(&UpdateDraft {
            maintain_end: Some("02:00:00".into()),
            ..UpdateDraft::default()
        }),
        [(
            Field::MaintainBegin,
            ErrorCode::InvalidParameter,
            "Scheduled Maintenance is required. Give the window's begin together with its end. (parameter name[maintainBegin])"
                .to_owned()
        )]
    );
    assert_eq!(
        messages(&UpdateDraft {
            description: Some("a".repeat(256)),
            ..UpdateDraft::default()
        }),
        [(
            Field::Description,
            ErrorCode::InvalidParameter,
            "Description has 256 characters; use at most 255. (parameter name[description])"
                .to_owned()
        )]
    );
}

#[test]
fn a_same_named_gateway_of_another_project_does_not_block_a_rename() {
    let mut gws = two();
    gws[1].project_id = ids::CN1_PROJECT.into();
    let rename = UpdateDraft {
        instance_name: Some("existing-1".into()),
        ..UpdateDraft::default()
    };
    assert_eq!(codes(&rename, &gws, 10_000), []);
}

#[test]
fn an_empty_update_changes_nothing_and_starts_no_operation() {
    let mut gws = two();
    let empty = validate_update(&UpdateDraft::default(), &gws[0], &seed(), &gws, 10_000)
        .expect("nothing to refuse");
    assert!(empty.is_empty());
    assert_eq!(empty.apply(&mut gws[0], 10_000), 0);
    assert_eq!(gws[0].pending, None);
    assert_eq!(gws[0].status(10_000), Status::Running);
    // Each value alone makes the update non-empty.
    let one_each = [
        UpdateDraft {
            instance_name: Some("renamed".into()),
            ..UpdateDraft::default()
        },
        UpdateDraft {
            description: Some("new".into()),
            ..UpdateDraft::default()
        },
        UpdateDraft {
            maintain_begin: Some("02:00:00".into()),
            ..UpdateDraft::default()
        },
        UpdateDraft {
            security_group_id: Some(ids::CN4_SG_DEFAULT.into()),
            ..UpdateDraft::default()
        },
        UpdateDraft {
            vpcep_service_name: Some("svc-1".into()),
            ..UpdateDraft::default()
        },
    ];
    for update in &one_each {
        let validated =
            validate_update(update, &gws[0], &seed(), &gws, 10_000).expect("valid update");
        assert!(!validated.is_empty(), "{update:?}");
    }
}

#[test]
fn every_changed_value_is_recorded_with_old_and_new() {
    let mut gws = two();
    let edit = UpdateDraft {
        instance_name: Some("renamed".into()),
        description: Some("Edited".into()),
        maintain_begin: Some("06:00:00".into()),
        maintain_end: Some("10:00:00".into()),
        security_group_id: Some(ids::CN4_SG_DEFAULT.into()),
        vpcep_service_name: Some("svc-1".into()),
    };
    let update = validate_update(&edit, &gws[0], &seed(), &gws, 20_000).expect("valid");
    assert_eq!(update.apply(&mut gws[0], 20_000), 5);
    let g = &gws[0];
    let history: Vec<(u64, &str, &str, &str)> = g
        .history
        .iter()
        .map(|c| (c.at_ms, c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (20_000, "instance_name", "existing-0", "renamed"),
            (20_000, "description", "Demo gateway", "Edited"),
            (20_000, "maintain_begin", "22:00 – 02:00", "06:00 – 10:00"),
            (
                20_000,
                "security_group_id",
                ids::CN4_SG_WEB,
                ids::CN4_SG_DEFAULT
            ),
            (20_000, "vpcep_service_name", "", "svc-1"),
        ]
    );
    assert_eq!(
        (
            g.name.as_str(),
            g.description.as_str(),
            g.maintenance_window.begin_hour(),
            g.security_group_id.as_str(),
            g.vpcep_service_name.as_str()
        ),
        ("renamed", "Edited", 6, ids::CN4_SG_DEFAULT, "svc-1")
    );
    assert_eq!(
        g.pending,
        Some(PendingOperation {
            kind: PendingKind::Updating,
            started_at_ms: 20_000
        })
    );
    // Only the values that differ are recorded.
    let again = validate_update(
        &UpdateDraft {
            description: Some("Edited".into()),
            vpcep_service_name: Some("svc-2".into()),
            ..UpdateDraft::default()
        },
        &gws[0],
        &seed(),
        &gws,
        90_000,
    )
    .expect("valid");
    assert_eq!(again.apply(&mut gws[0], 90_000), 1);
    assert_eq!(gws[0].history.len(), 6);
    assert_eq!(gws[0].history[5].field, "vpcep_service_name");
}
