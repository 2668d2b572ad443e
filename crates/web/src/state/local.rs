//! Gateways in this browser: the storage slots, re-reading what another tab wrote, writing
//! each change, and sweeping finished deletions.

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use leptos::prelude::*;
use serde_json::Value;

use super::home::Op;
use super::{Settings, Store};
use crate::state_file::StateFile;
use crate::storage::{self, Backend, Loaded, Slot, StorageError};

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
pub(crate) fn keep(store: &Store, op: &Op, account: &Account, gateways: &[Gateway]) {
    store.write(&ACCOUNT_SLOT, account);
    if !matches!(op, Op::Account) {
        store.write(&GATEWAYS_SLOT, &gateways);
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
