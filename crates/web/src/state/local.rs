//! Gateways in this browser: the storage slots, re-reading what another tab wrote, writing
//! each change, and sweeping finished deletions.

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use leptos::prelude::*;
use serde_json::Value;

use apig_core::export::ExportContext;

use super::home::Op;
use super::{Settings, Store};
use crate::state_file::StateFile;
use crate::storage::{self, Backend, Loaded, Slot, StorageError};
use crate::trace;

/// Every slot so far was stored bare before envelopes existed (version 0), with the same shape.
fn migrate_bare(from: u32, data: Value) -> Option<Value> {
    (from == 0).then_some(data)
}

/// The sandbox account.
pub const ACCOUNT_SLOT: Slot = Slot {
    name: "account",
    version: 1,
    migrate: migrate_bare,
};
/// The gateways of every region.
pub const GATEWAYS_SLOT: Slot = Slot {
    name: "gateways",
    version: 1,
    migrate: migrate_bare,
};
/// The half-filled purchase form.
pub const DRAFT_SLOT: Slot = Slot {
    name: "draft",
    version: 1,
    migrate: migrate_bare,
};
/// Console settings.
pub const SETTINGS_SLOT: Slot = Slot {
    name: "settings",
    version: 1,
    migrate: migrate_bare,
};

/// Loads one slot; what cannot be loaded (a corrupt value, already backed up, or a storage
/// error) is added to `problems`.
pub(crate) fn load_slot<T: serde::de::DeserializeOwned>(
    backend: &Backend,
    slot: &Slot,
    now: u64,
    problems: &mut Vec<StorageError>,
) -> Option<T> {
    match storage::load::<T>(backend, slot, now) {
        Ok(Loaded::Value(v)) => Some(v),
        Ok(Loaded::Absent) => None,
        Ok(Loaded::Corrupt(e)) | Err(e) => {
            problems.push(e);
            None
        }
    }
}

/// Re-reads the account, the gateways and the settings (another tab may have changed them).
pub(crate) fn refresh(store: &Store) {
    let now = store.catch_up_clock();
    let backend = store.storage.get_value();
    if let Ok(Loaded::Value(account)) = storage::load::<Account>(&backend, &ACCOUNT_SLOT, now)
        && store.account.with_untracked(|a| *a != account)
    {
        store.account.set(account);
    }
    match storage::load::<Vec<Gateway>>(&backend, &GATEWAYS_SLOT, now) {
        Ok(Loaded::Value(gateways)) if store.gateways.with_untracked(|g| *g != gateways) => {
            store.gateways.set(gateways);
        }
        Ok(Loaded::Absent) => store.gateways.set(Vec::new()),
        _ => {}
    }
    if let Ok(Loaded::Value(settings)) = storage::load::<Settings>(&backend, &SETTINGS_SLOT, now) {
        // A language chosen in another tab applies here too.
        if let Some(lang) = settings.language
            && store.lang.get_untracked() != lang
        {
            store.lang.set(lang);
        }
        store.settings.set(settings);
    }
}

/// Writes the result of `op`: the account, and the gateways unless only the account changed.
/// The API calls `op` stands for go into the trace with the core's answer.
pub(crate) fn keep(store: &Store, op: &Op, account: &Account, gateways: &[Gateway]) {
    store.write(&ACCOUNT_SLOT, account);
    if !matches!(op, Op::Account) {
        store.write(&GATEWAYS_SLOT, &gateways);
    }
    let context = trace_context(store, op, account, gateways);
    let gateway = op
        .gateway_id()
        .and_then(|id| gateways.iter().find(|g| g.id.as_str() == id));
    let now = store.now.get_untracked();
    let answer = answer_body(op, account, gateway, now);
    for call in op.calls(&context.project_id, account) {
        trace::record_local(call, context.clone(), answer.as_deref());
    }
}

/// Records that the core refused `op` with `problem` (its first call, the one refused).
pub(crate) fn trace_refusal(store: &Store, op: &Op, problem: &apig_core::validate::Problem) {
    let (account, gateways) = (
        store.account.get_untracked(),
        store.gateways.get_untracked(),
    );
    let context = trace_context(store, op, &account, &gateways);
    if let Some(call) = op.calls(&context.project_id, &account).into_iter().next() {
        trace::record_refusal(call, context, problem);
    }
}

/// The region and project of `op`: the gateway's, or the console's region for a purchase.
fn trace_context(store: &Store, op: &Op, account: &Account, gateways: &[Gateway]) -> ExportContext {
    let region = op
        .gateway_id()
        .and_then(|id| gateways.iter().find(|g| g.id.as_str() == id))
        .map_or_else(|| store.region.get_untracked(), |g| g.region.clone());
    let project = account
        .region(&region)
        .map(|r| r.project_id.clone())
        .unwrap_or_default();
    ExportContext::new(region, project)
}

/// Compact JSON of a wire type (they always serialise).
fn json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The body the service answers `op` with, built from the core's wire types (`None` for the
/// answers without a body). Job IDs are made up here, as the service makes them up.
fn answer_body(op: &Op, account: &Account, gateway: Option<&Gateway>, now: u64) -> Option<String> {
    use apig_core::api::{EipBindResponse, JobResponse};
    use apig_core::gateway::Inbound;
    use apig_core::network_change::InboundChange;
    let job = || {
        format!(
            "JOB-{:016x}{:016x}",
            super::fresh_nonce(),
            super::fresh_nonce()
        )
    };
    match (op, gateway) {
        (Op::Create(request), _) => json(&JobResponse::provisioning(
            request.instance_id.as_deref().unwrap_or_default(),
            &job(),
        )),
        (Op::Update { .. }, Some(g)) => json(&apig_core::convert::instance_detail(g, account, now)),
        (Op::Inbound { change, .. }, Some(g)) => match (change, &g.inbound) {
            (InboundChange::BindEip { eip_id }, Inbound::Eip { address, .. }) => {
                json(&EipBindResponse {
                    eip_id: eip_id.clone(),
                    eip_address: Some(address.to_string()),
                    eip_status: "ACTIVE".to_owned(),
                    eip_ipv6_address: None,
                })
            }
            (InboundChange::EnableIngress { .. } | InboundChange::UpdateIngress { .. }, _) => {
                json(&JobResponse::update(g.id.as_str(), &job()))
            }
            _ => None,
        },
        (Op::Resize { id, .. }, _) => json(&JobResponse::resize(id, &job())),
        _ => None,
    }
}

/// Writes the account, the gateways and the settings of an imported file.
pub(crate) fn import(store: &Store, file: &StateFile) {
    store.write(&ACCOUNT_SLOT, &file.account);
    store.write(&GATEWAYS_SLOT, &file.gateways);
    store.write(&SETTINGS_SLOT, &file.settings);
}

/// Back to this browser's account and gateways (after apig-mock was in use).
pub(crate) fn reload(store: &Store) {
    let now = store.catch_up_clock();
    let backend = store.storage.get_value();
    // As before switching: what cannot be loaded falls back to the default, unreported.
    let mut ignored = Vec::new();
    let account =
        load_slot(&backend, &ACCOUNT_SLOT, now, &mut ignored).unwrap_or_else(Account::default_seed);
    let gateways: Vec<Gateway> =
        load_slot(&backend, &GATEWAYS_SLOT, now, &mut ignored).unwrap_or_default();
    let settings: Settings =
        load_slot(&backend, &SETTINGS_SLOT, now, &mut ignored).unwrap_or_default();
    store.replace_records(account, gateways);
    store.settings.set(settings);
}

/// Drops gateways whose deletion has finished, releasing their addresses.
pub(crate) fn sweep(store: &Store, now: u64) {
    let finished: Vec<Gateway> = store
        .gateways
        .with_untracked(|g| g.iter().filter(|gw| gw.is_deleted(now)).cloned().collect());
    if finished.is_empty() {
        return;
    }
    let mut account = store.account.get_untracked();
    for gateway in &finished {
        apig_core::plan::release(&mut account, gateway);
    }
    let gateways: Vec<Gateway> = store
        .gateways
        .get_untracked()
        .into_iter()
        .filter(|g| !g.is_deleted(now))
        .collect();
    store.write(&ACCOUNT_SLOT, &account);
    store.write(&GATEWAYS_SLOT, &gateways);
    store.account.set(account);
    store.gateways.set(gateways);
}
