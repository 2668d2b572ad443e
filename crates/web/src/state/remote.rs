//! Gateways on apig-mock: each change goes out as its API call, and the state is read back
//! (polled: every second while a gateway is busy, else every 5 seconds).

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use leptos::prelude::*;

use super::home::Op;
use super::{BannerKind, RemoteState, Settings, Store, now_ms};
use crate::backend::{self as api, ApiError, Connection};

/// Sends the API calls of `op` (built by the core, one after another); `gateways` (the result
/// the store computed) name the gateway in what is announced.
pub(crate) fn send(
    store: &Store,
    connection: &Connection,
    op: &Op,
    account: &Account,
    gateways: &[Gateway],
) {
    let connection = connection.clone();
    let name = |id: &str| {
        gateways
            .iter()
            .find(|g| g.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |g| g.name.to_string())
    };
    let (what, subject) = match op {
        Op::Create(request) => ("Creating", request.instance_name.clone()),
        Op::Update { id, .. } => ("Updating", name(id)),
        Op::Inbound { id, .. } => ("Changing inbound access of", name(id)),
        Op::Outbound { id, .. } => ("Changing outbound access of", name(id)),
        Op::Tags { id, .. } => ("Changing the tags of", name(id)),
        Op::Resize { id, .. } => ("Changing the edition of", name(id)),
        Op::Delete { id } => ("Deleting", name(id)),
        Op::Account => (
            "Saving the sandbox account of",
            connection.project_id.clone(),
        ),
    };
    let calls = op.calls(&connection.project_id, account);
    call(store, what, subject, async move {
        for api_call in &calls {
            api::send_call(&connection, api_call).await?;
        }
        Ok(())
    });
}

/// Sends what changed between `before` and `after`: apig-mock keeps the creation speed and
/// the faults per project. This browser's own settings stay as they were.
pub(crate) fn send_settings(
    store: &Store,
    connection: &Connection,
    before: Settings,
    after: Settings,
) {
    let project = connection.project_id.clone();
    if before.speed != after.speed {
        let (connection, speed) = (connection.clone(), after.speed);
        call(
            store,
            "Setting the creation speed of",
            project.clone(),
            async move { api::put_speed(&connection, speed).await },
        );
    }
    if before.next_failure != after.next_failure {
        let (connection, failure) = (connection.clone(), after.next_failure);
        call(store, "Injecting a fault into", project, async move {
            api::set_create_failure(&connection, failure).await
        });
    }
}

/// Says why a file cannot be imported while the console uses apig-mock.
pub(crate) fn refuse_import(store: &Store) {
    store.banner(
        BannerKind::Error,
        "Importing a file is not available while the console uses apig-mock: the server keeps its own gateways. Switch Settings to \"This browser\" to import, or replace the account through PUT /_mock/{project_id}/account.".into(),
    );
}

/// Resets the project's sandbox.
pub(crate) fn reset(store: &Store, connection: &Connection) {
    let connection = connection.clone();
    call(
        store,
        "Resetting the sandbox of",
        connection.project_id.clone(),
        async move { api::reset_account(&connection).await },
    );
}

/// Polls on tick number `ticks`: every second while an operation is under way, else every
/// 5 seconds.
pub(crate) fn poll(store: &Store, connection: &Connection, now: u64, ticks: u32) {
    let busy = store
        .gateways
        .with_untracked(|g| g.iter().any(|gw| gw.status(now).is_busy()));
    if (busy && ticks.is_multiple_of(2)) || ticks.is_multiple_of(10) {
        sync(store, connection);
    }
}

/// Reads the account and the gateways from apig-mock (not while a sync is under way).
pub(crate) fn sync(store: &Store, connection: &Connection) {
    if store.syncing.get_value() {
        return;
    }
    store.syncing.set_value(true);
    let store = *store;
    let connection = connection.clone();
    leptos::task::spawn_local(async move {
        let result = async {
            // The API's list says which gateways exist; the stored records (same core,
            // same timestamps) give the pages and the pre-checks every detail.
            let listed = api::list_instances(&connection).await?;
            let account = api::fetch_account(&connection).await?;
            let mut gateways = api::fetch_gateways(&connection).await?;
            gateways.retain(|g| listed.instances.iter().any(|i| i.id == g.id.as_str()));
            let speed = api::fetch_speed(&connection).await?;
            Ok::<_, ApiError>((account, gateways, speed))
        }
        .await;
        if !store.is_alive() {
            return;
        }
        store.syncing.set_value(false);
        // The setting may have changed while the answer was on its way.
        if store
            .home
            .with_untracked(|h| h.connection() != Some(&connection))
        {
            return;
        }
        match result {
            Ok((account, gateways, speed)) => {
                store.catch_up_clock();
                if let Some(region) = account
                    .region_of_project(&connection.project_id)
                    .map(|r| r.id.clone())
                    && store.region.get_untracked() != region
                {
                    store.region.set(region);
                }
                if store.account.with_untracked(|a| *a != account) {
                    store.account.set(account);
                }
                if store.gateways.with_untracked(|g| *g != gateways) {
                    store.gateways.set(gateways);
                }
                // The Sandbox page shows the server's speed, not this browser's setting
                // (which stays in storage for when the console works locally again).
                if store.settings.with_untracked(|s| s.speed != speed) {
                    store.settings.update(|s| s.speed = speed);
                }
                store.remote_state.set(RemoteState::Synced(now_ms()));
            }
            Err(e) => store.remote_state.set(RemoteState::Failed(e.to_string())),
        }
    });
}

/// Runs an API call for `what` `name`; the header shows it as waiting until apig-mock
/// answers. Acceptance is announced; a refusal becomes an error banner with the API's code
/// and message. The state is read from the server again either way.
fn call(
    store: &Store,
    what: &'static str,
    name: String,
    request: impl Future<Output = Result<(), ApiError>> + 'static,
) {
    let store = *store;
    store.in_flight.update(|n| *n += 1);
    leptos::task::spawn_local(async move {
        let outcome = request.await;
        if !store.is_alive() {
            return;
        }
        store.in_flight.update(|n| *n = n.saturating_sub(1));
        match outcome {
            Ok(()) => store.announce(format!("apig-mock accepted: {what} {name}.")),
            Err(e) => {
                let text = format!("apig-mock refused: {what} {name}: {e}");
                store.announce(text.clone());
                store.banner(BannerKind::Error, text);
            }
        }
        // A sync in flight may have read the state before this call; wait for it.
        while store.is_alive() && store.syncing.get_value() {
            gloo_timers::future::sleep(std::time::Duration::from_millis(50)).await;
        }
        if store.is_alive() {
            store.sync();
        }
    });
}
