//! The parity suite, apig-mock side: every scenario of `tests/parity/scenarios.json` run
//! against apig-mock over signed HTTP, its answer compared with the table. The starting account
//! and gateways are stored through the `/_mock` admin routes. The same table runs through the
//! console's store in headless Chromium (`crates/web/tests/parity.rs`).

mod common;

use apig_core::account::Account;
use apig_core::authority::Operation;
use apig_core::lifecycle::CreationSpeed;
use apig_mock::error::FIELD_HEADER;
use apig_parity::{Observed, Op, Scenario};
use common::{Answer, Harness, PROJECT, instance_uri, instances_uri};
use serde_json::Value;

const TABLE: &str = include_str!("../../../tests/parity/scenarios.json");

fn observed(answer: &Answer) -> Observed {
    let text = |key: &str| answer.body[key].as_str().map(str::to_owned);
    let refused = !answer.status.is_success();
    Observed {
        status: answer.status.as_u16(),
        code: text("error_code").filter(|_| refused),
        field: answer
            .headers
            .get(FIELD_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        message: text("error_msg").filter(|_| refused),
        count: answer.body["total"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok()),
    }
}

/// Stores the scenario's starting state through `/_mock/{project}/…`, then sends its
/// operation as the API call it is.
async fn run(s: &Scenario) -> Result<(), String> {
    let h = Harness::new(CreationSpeed::Realistic);
    let admin = |what: &str| format!("/_mock/{PROJECT}/{what}");
    let base = h.send("GET", &admin("account"), None).await;
    let base: Account = serde_json::from_value(base.body).map_err(|e| e.to_string())?;
    let start = s.start(&base, h.now_ms())?;
    for (what, body) in [
        ("account", serde_json::to_value(&start.account)),
        (
            "gateways",
            serde_json::to_value(&start.gateways).map(|g| serde_json::json!({ "gateways": g })),
        ),
    ] {
        let body = body.map_err(|e| e.to_string())?;
        let stored = h.send("PUT", &admin(what), Some(&body)).await;
        if !stored.status.is_success() {
            return Err(format!(
                "scenario \"{}\": the starting {what} was refused: {}",
                s.name, stored.body
            ));
        }
    }
    let id = || s.gateway_id(&start);
    let on =
        |tail: &str| -> Result<String, String> { Ok(format!("{}{tail}", instance_uri(&id()?))) };
    let (method, uri, body): (&str, String, Option<Value>) = match s.operation {
        Op::Api(Operation::Create) => ("POST", instances_uri(), Some(s.create_body(&start)?)),
        Op::Api(Operation::List) => ("GET", instances_uri(), None),
        Op::Api(Operation::Show) => ("GET", on("")?, None),
        Op::Api(Operation::Update) => ("PUT", on("")?, Some(s.update_body(&start)?)),
        Op::Api(Operation::Delete) => ("DELETE", on("")?, None),
        Op::Api(Operation::BindEip) => (
            "PUT",
            on("/eip")?,
            Some(serde_json::json!({ "eip_id": s.eip_id(&start)? })),
        ),
        Op::Api(Operation::UnbindEip) => ("DELETE", on("/eip")?, None),
        Op::Api(Operation::EnableIngress) => {
            ("POST", on("/ingress-eip")?, Some(s.bandwidth_body()?))
        }
        Op::Api(Operation::UpdateIngress) => {
            ("PUT", on("/ingress-eip")?, Some(s.bandwidth_body()?))
        }
        Op::Api(Operation::DisableIngress) => ("DELETE", on("/ingress-eip")?, None),
        Op::Api(Operation::EnableNat) => ("POST", on("/nat-eip")?, Some(s.bandwidth_body()?)),
        Op::Api(Operation::UpdateNat) => ("PUT", on("/nat-eip")?, Some(s.bandwidth_body()?)),
        Op::Api(Operation::DisableNat) => ("DELETE", on("/nat-eip")?, None),
        Op::Api(Operation::CreateTags) => (
            "POST",
            on("/instance-tags/action")?,
            Some(s.tags_body("create")?),
        ),
        Op::Api(Operation::DeleteTags) => (
            "POST",
            on("/instance-tags/action")?,
            Some(s.tags_body("delete")?),
        ),
        Op::Api(Operation::Resize) => (
            "POST",
            on("/postpaid-resize")?,
            Some(serde_json::json!({ "spec_id": s.spec_id()? })),
        ),
        Op::Api(Operation::CreateApiGroup) => (
            "POST",
            on("/api-groups")?,
            Some(serde_json::to_value(s.group_request()?).map_err(|e| e.to_string())?),
        ),
        Op::Api(Operation::CreateApi) => (
            "POST",
            on("/apis")?,
            Some(serde_json::to_value(s.api_request(&start)?).map_err(|e| e.to_string())?),
        ),
        Op::Api(Operation::PublishApi | Operation::OfflineApi) => (
            "POST",
            on("/apis/action")?,
            Some(serde_json::to_value(s.api_action_request(&start)?).map_err(|e| e.to_string())?),
        ),
        // The other operations have no scenarios: the console's store does not offer them
        // (`apig_parity::NOT_IN_TABLE_YET`).
        Op::Api(other) => return Err(format!("the table has no way to run {other:?}")),
        Op::EditAccount => {
            let mut edited = start.account.clone();
            s.apply_edit(&mut edited)?;
            let body = serde_json::to_value(&edited).map_err(|e| e.to_string())?;
            ("PUT", admin("account"), Some(body))
        }
    };
    let answer = h.send(method, &uri, body.as_ref()).await;
    s.check("apig-mock", &observed(&answer))
}

/// The name `cargo xtask test` finds in the output for its parity line.
#[tokio::test]
async fn parity_apig_mock_answers_every_scenario() {
    let scenarios = apig_parity::parse(TABLE).expect("the table reads");
    assert!(scenarios.len() >= 40, "only {} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for s in &scenarios {
        if let Err(e) = run(s).await {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios differ on apig-mock:\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n")
    );
}
