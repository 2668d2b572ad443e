use super::*;

const ONE: &str = r#"{"scenarios": [{"name": "delete denied", "account": {"deny": ["apig:instances:delete"]},
    "gateways": [{"name": "gw-a"}], "operation": "delete", "gateway": "gw-a",
    "expect": {"status": 403, "code": "APIC.7106", "field": "account"}}]}"#;

#[test]
fn reads_builds_and_compares() {
    let scenarios = parse(ONE).expect("reads");
    let s = &scenarios[0];
    let start = s
        .start(&Account::default_seed(), 10_000_000)
        .expect("start");
    assert_eq!(start.gateways.len(), 1);
    assert_eq!(
        start.gateways[0].status(10_000_000),
        lifecycle::Status::Running
    );
    assert!(
        start
            .account
            .principal
            .custom_policies
            .iter()
            .any(|p| p.name == DENY_POLICY)
    );
    assert_eq!(
        s.gateway_id(&start).expect("id"),
        start.gateways[0].id.as_str()
    );
    let right = Observed {
        status: 403,
        code: Some("APIC.7106".into()),
        field: Some("account".into()),
        ..Observed::default()
    };
    assert_eq!(s.check("console", &right), Ok(()));
    let wrong = Observed {
        status: 204,
        ..Observed::default()
    };
    let e = s.check("apig-mock", &wrong).expect_err("differs");
    assert!(
        e.contains("delete denied") && e.contains("apig-mock"),
        "{e}"
    );
}

/// The table itself: every operation is tried allowed and denied, and the kinds of failure
/// the suite promises each appear.
#[test]
fn the_table_covers_every_operation() {
    let table = parse(include_str!("../../../tests/parity/scenarios.json")).expect("reads");
    assert!(table.len() >= 40, "{}", table.len());
    for op in Operation::ALL {
        if NOT_IN_TABLE_YET.contains(&op) {
            continue;
        }
        let of_op: Vec<&Scenario> = table
            .iter()
            .filter(|s| s.operation == Op::Api(op))
            .collect();
        assert!(
            of_op.iter().any(|s| s.expect.code.is_none()),
            "{op:?} is never allowed"
        );
        assert!(
            of_op
                .iter()
                .any(|s| s.expect.code.as_deref() == Some("APIC.7106")),
            "{op:?} is never denied"
        );
    }
    for code in [
        "APIC.7701",
        "APIC.7400",
        "APIC.9219",
        "APIC.7211",
        "APIC.7302",
    ] {
        assert!(
            table.iter().any(|s| s.expect.code.as_deref() == Some(code)),
            "no scenario expects {code}"
        );
    }
    assert!(
        table
            .iter()
            .filter(|s| s.operation == Op::EditAccount)
            .count()
            >= 10
    );
    let op: Op = serde_json::from_str("\"bind_eip\"").expect("op");
    assert_eq!(op, Op::Api(Operation::BindEip));
    let edit: Op = serde_json::from_str("\"edit_account\"").expect("edit");
    assert_eq!(edit, Op::EditAccount);
}

#[test]
fn refuses_duplicates_and_unknown_keys() {
    let twice = ONE.replace("}]}", "}, {\"name\": \"delete denied\", \"operation\": \"list\", \"expect\": {\"status\": 200}}]}");
    assert!(parse(&twice).expect_err("twice").contains("twice"));
    let unknown = ONE.replace("\"gateway\":", "\"gatway\":");
    assert!(parse(&unknown).is_err());
}
