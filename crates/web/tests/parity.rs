//! The parity suite, console side: every scenario of `tests/parity/scenarios.json` run through
//! the console's store in this browser (local mode), its answer compared with the table. The
//! same table runs against apig-mock over signed HTTP (`crates/mock/tests/parity.rs`), so the
//! two front ends answer every scenario alike.

use apig_core::account::Account;
use apig_core::api::{CreateInstanceV2Request, UpdateInstanceRequest};
use apig_core::authority::Operation;
use apig_core::network_change::{InboundChange, OutboundChange};
use apig_core::tags::{TagAction, preview_action, to_draft};
use apig_core::validate::{Draft, Problem, UpdateDraft};
use apig_parity::{Observed, Op, REGION, Scenario, Start};
use apig_web::state::{Answered, CallError, ManageError, SavedDraft, Settings, Store};
use leptos::prelude::GetUntracked;
use leptos::prelude::Owner;
use leptos::prelude::Set;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::store_envelope;

wasm_bindgen_test_configure!(run_in_browser);

const TABLE: &str = include_str!("../../../tests/parity/scenarios.json");

fn refused(problem: &Problem) -> Observed {
    Observed {
        status: problem.code.http_status(),
        code: Some(problem.code.as_str().to_owned()),
        field: Some(problem.field.id().to_owned()),
        // What the API answers in `error_msg` (the console shows the sentence without the
        // parameter name; apig-mock answers this).
        message: Some(problem.wire_message()),
        count: None,
    }
}

fn success(op: Op) -> Observed {
    Observed {
        status: op.success_status(),
        ..Observed::default()
    }
}

fn managed<T>(op: Op, result: Result<T, ManageError>) -> Observed {
    match result {
        Ok(_) => success(op),
        Err(e) => refused(&e.problem()),
    }
}

fn answered<T>(op: Op, result: Result<Answered<T>, CallError>) -> Observed {
    match result {
        Ok(_) => success(op),
        Err(CallError::Refused {
            status,
            code,
            message,
            field,
            ..
        }) => Observed {
            status,
            code: Some(code),
            field,
            message: Some(message),
            count: None,
        },
        Err(CallError::Failed(message)) => Observed {
            status: 0,
            message: Some(message),
            ..Observed::default()
        },
    }
}

/// The output of `future`, which in this browser's store is ready at once (nothing to wait
/// for without apig-mock).
fn now_or_never<T>(future: impl Future<Output = T>) -> Result<T, String> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(value) => Ok(value),
        std::task::Poll::Pending => Err("the store's call did not answer at once".into()),
    }
}

fn json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn bandwidth(s: &Scenario) -> Result<String, String> {
    s.bandwidth().map(|n| n.to_string())
}

/// Runs the scenario's operation through the store, as the console's pages call it.
fn observe(s: &Scenario, store: Store, start: &Start) -> Result<Observed, String> {
    let op = s.operation;
    let id = || s.gateway_id(start);
    let inbound = |change: InboundChange| Ok(managed(op, store.change_inbound(&id()?, &change)));
    let outbound = |change: OutboundChange| Ok(managed(op, store.change_outbound(&id()?, &change)));
    match op {
        Op::Api(Operation::Create) => {
            let request: CreateInstanceV2Request = json(s.create_body(start)?)?;
            let saved = SavedDraft {
                draft: Draft::from_request(&request, REGION),
                nonce: 7,
            };
            Ok(match store.create(&saved) {
                Ok(_) => success(op),
                Err(problems) => refused(&problems[0]),
            })
        }
        Op::Api(Operation::List) => Ok(match store.list_gateways() {
            Ok(listed) => Observed {
                count: Some(listed.len()),
                ..success(op)
            },
            Err(p) => refused(&p),
        }),
        Op::Api(Operation::Show) => Ok(match store.show_gateway(&id()?) {
            Ok(_) => success(op),
            Err(p) => refused(&p),
        }),
        Op::Api(Operation::Update) => {
            let request: UpdateInstanceRequest = json(s.update_body(start)?)?;
            let draft = UpdateDraft::from(&request);
            Ok(managed(op, store.update_gateway(&id()?, &draft)))
        }
        Op::Api(Operation::Delete) => Ok(managed(op, store.begin_delete(&id()?))),
        Op::Api(Operation::BindEip) => inbound(InboundChange::BindEip {
            eip_id: s.eip_id(start)?,
        }),
        Op::Api(Operation::UnbindEip) => inbound(InboundChange::UnbindEip),
        Op::Api(Operation::EnableIngress) => inbound(InboundChange::EnableIngress {
            bandwidth: bandwidth(s)?,
        }),
        Op::Api(Operation::UpdateIngress) => inbound(InboundChange::UpdateIngress {
            bandwidth: bandwidth(s)?,
        }),
        Op::Api(Operation::DisableIngress) => inbound(InboundChange::DisableIngress),
        Op::Api(Operation::EnableNat) => outbound(OutboundChange::Enable {
            bandwidth: bandwidth(s)?,
        }),
        Op::Api(Operation::UpdateNat) => outbound(OutboundChange::Update {
            bandwidth: bandwidth(s)?,
        }),
        Op::Api(Operation::DisableNat) => outbound(OutboundChange::Disable),
        Op::Api(Operation::CreateTags) => tag_action(s, store, start, TagAction::Create),
        Op::Api(Operation::DeleteTags) => tag_action(s, store, start, TagAction::Delete),
        Op::Api(Operation::Resize) => Ok(managed(op, store.change_edition(&id()?, &s.spec_id()?))),
        Op::Api(Operation::CreateApiGroup) => {
            let body = s.group_request()?;
            Ok(answered(
                op,
                now_or_never(store.create_api_group(&id()?, &body))?,
            ))
        }
        Op::Api(Operation::CreateApi) => {
            let body = s.api_request(start)?;
            Ok(answered(op, now_or_never(store.create_api(&id()?, &body))?))
        }
        Op::Api(Operation::PublishApi | Operation::OfflineApi) => {
            let body = s.api_action_request(start)?;
            Ok(answered(op, now_or_never(store.api_action(&id()?, &body))?))
        }
        // Not offered by the store (`apig_parity::NOT_IN_TABLE_YET`).
        Op::Api(other) => Err(format!("the console's store has no {other:?}")),
        Op::EditAccount => {
            // The Sandbox page's call: the store applies the core's account rules.
            let mut edit_error = Ok(());
            let outcome = store.edit_account(|a| edit_error = s.apply_edit(a));
            edit_error?;
            Ok(match outcome {
                Ok(()) => success(op),
                Err(problems) => refused(&problems[0]),
            })
        }
    }
}

/// A tag action as the console takes it: the Tags form's rows become the gateway's tags with
/// the action applied by the core, and are saved through the form's call.
fn tag_action(
    s: &Scenario,
    store: Store,
    start: &Start,
    action: TagAction,
) -> Result<Observed, String> {
    let op = s.operation;
    let id = s.gateway_id(start)?;
    let tags = s.tags()?;
    let gateway = store
        .gateways
        .get_untracked()
        .into_iter()
        .find(|g| g.id.as_str() == id);
    let rows = match gateway {
        Some(g) => match preview_action(&g, action, &tags) {
            Ok(after) => to_draft(&after),
            Err(problems) => return Ok(refused(&problems[0])),
        },
        // The store refuses a gateway that does not exist.
        None => tags,
    };
    Ok(managed(op, store.change_tags(&id, &rows)))
}

/// Stores the scenario's starting state in localStorage, opens a store on it and runs the
/// operation.
fn run(s: &Scenario) -> Result<(), String> {
    // `Date.now()` is a non-negative integer far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    let start = s.start(&Account::default_seed(), now)?;
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or("no localStorage")?;
    storage.clear().map_err(|_| "localStorage.clear failed")?;
    store_envelope("account", &start.account);
    store_envelope("gateways", &start.gateways);
    store_envelope("settings", &Settings::default());
    let owner = Owner::new();
    let observed = owner.with(|| {
        let (store, _) = Store::open();
        store.region.set(REGION.to_owned());
        observe(s, store, &start)
    })?;
    s.check("console", &observed)
}

/// The name `cargo xtask test` finds in the output for its parity line.
#[wasm_bindgen_test]
fn parity_console_answers_every_scenario() {
    let scenarios = apig_parity::parse(TABLE).expect("the table reads");
    assert!(scenarios.len() >= 40, "only {} scenarios", scenarios.len());
    let failures = apig_parity::failures(&scenarios, run);
    assert!(
        failures.is_empty(),
        "{} of {} scenarios differ in the console:\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n")
    );
}
