//! An account and its gateways read from their rows, and written back row by row: only what
//! changed.

use std::collections::HashMap;
use std::sync::Arc;

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use rusqlite::{Connection, OptionalExtension, params};

use super::cache::{Loaded, StoredAccount};
use super::{Snapshot, Store, StoreError};

/// The text form of a speed in the database.
pub(super) fn speed_text(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "instant",
        CreationSpeed::Fast => "fast",
        CreationSpeed::Realistic => "realistic",
    }
}

fn speed_from_text(text: &str) -> Option<CreationSpeed> {
    CreationSpeed::ALL
        .into_iter()
        .find(|s| speed_text(*s) == text)
}

pub(super) fn corrupt(what: &str, error: &serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        what: what.to_owned(),
        message: error.to_string(),
    }
}

pub(super) fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| corrupt(what, &e))
}

/// The JSON of an account's head: everything but its regions (stored one row each).
pub(super) fn head_json(account: &mut Account) -> Result<String, StoreError> {
    let regions = std::mem::take(&mut account.regions);
    let head = to_json("account", account);
    account.regions = regions;
    head
}

/// A row position or count as `SQLite` stores it.
fn sql_position(position: usize) -> i64 {
    i64::try_from(position).unwrap_or(i64::MAX)
}

/// Writes (inserts or replaces) the region at `position` of `account_key`.
pub(super) fn put_region(
    connection: &Connection,
    account_key: &str,
    position: usize,
    json: &str,
) -> Result<(), StoreError> {
    connection
        .prepare_cached(
            "INSERT INTO account_regions (account_key, position, json) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_key, position) DO UPDATE SET json = excluded.json",
        )?
        .execute(params![account_key, sql_position(position), json])?;
    Ok(())
}

impl Store {
    /// Reads the account of `account_key` (or `seed` when none is stored) and its gateways.
    pub(super) fn load(
        connection: &Connection,
        account_key: &str,
        seed: impl FnOnce() -> Account,
    ) -> Result<Loaded, StoreError> {
        let row: Option<(String, Option<String>)> = connection
            .query_row(
                "SELECT json, speed FROM accounts WHERE account_key = ?1",
                params![account_key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (account, account_speed, stored_account) = match row {
            Some((head, stored_speed)) => {
                let mut account =
                    serde_json::from_str::<Account>(&head).map_err(|e| corrupt("account", &e))?;
                let mut statement = connection.prepare_cached(
                    "SELECT position, json FROM account_regions WHERE account_key = ?1
                     ORDER BY position",
                )?;
                let rows = statement.query_map(params![account_key], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                })?;
                let mut regions = Vec::new();
                for row in rows {
                    let (position, json) = row?;
                    account.regions.push(
                        serde_json::from_str(&json)
                            .map_err(|e| corrupt(&format!("account region {position}"), &e))?,
                    );
                    regions.push(Arc::from(json));
                }
                (
                    account,
                    stored_speed.as_deref().and_then(speed_from_text),
                    Some(StoredAccount { head, regions }),
                )
            }
            None => (seed(), None, None),
        };
        let mut statement = connection.prepare_cached(
            "SELECT id, json FROM gateways WHERE account_key = ?1 ORDER BY created_ms, id",
        )?;
        let rows = statement.query_map(params![account_key], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut gateways = Vec::new();
        let mut stored = HashMap::new();
        for row in rows {
            let (id, json) = row?;
            let gateway: Gateway =
                serde_json::from_str(&json).map_err(|e| corrupt(&format!("gateway {id}"), &e))?;
            gateways.push(gateway);
            stored.insert(id, json);
        }
        Ok(Loaded {
            snapshot: Snapshot {
                account,
                speed: account_speed,
                gateways,
            },
            account: stored_account,
            gateways: stored,
        })
    }

    /// Writes what differs between `before` (as loaded or last committed) and `snapshot`, and
    /// returns the JSON now stored: the account's and each gateway's. A region or gateway equal
    /// to its `before` keeps its stored JSON without being serialised again.
    pub(super) fn save(
        transaction: &Connection,
        account_key: &str,
        snapshot: &mut Snapshot,
        before: &Loaded,
    ) -> Result<(StoredAccount, HashMap<String, String>), StoreError> {
        let Loaded {
            snapshot: before_snapshot,
            account: account_before,
            gateways: gateways_before,
        } = before;
        // The head is small, so always serialised.
        let head = head_json(&mut snapshot.account)?;
        if account_before.as_ref().map(|a| &a.head) != Some(&head)
            || before_snapshot.speed != snapshot.speed
        {
            transaction
                .prepare_cached(
                    "INSERT INTO accounts (account_key, json, speed) VALUES (?1, ?2, ?3)
                     ON CONFLICT (account_key) DO UPDATE SET json = excluded.json, speed = excluded.speed",
                )?
                .execute(params![account_key, head, snapshot.speed.map(speed_text)])?;
        }
        let regions_before: &[Arc<str>] = account_before.as_ref().map_or(&[], |a| &a.regions);
        let mut regions = Vec::with_capacity(snapshot.account.regions.len());
        for (position, region) in snapshot.account.regions.iter().enumerate() {
            let old = regions_before.get(position);
            let json = match old {
                Some(old) if before_snapshot.account.regions.get(position) == Some(region) => {
                    Arc::clone(old)
                }
                _ => {
                    let json: Arc<str> = Arc::from(to_json("account region", region)?);
                    if old != Some(&json) {
                        put_region(transaction, account_key, position, &json)?;
                    }
                    json
                }
            };
            regions.push(json);
        }
        if regions_before.len() > regions.len() {
            transaction
                .prepare_cached(
                    "DELETE FROM account_regions WHERE account_key = ?1 AND position >= ?2",
                )?
                .execute(params![account_key, sql_position(regions.len())])?;
        }
        // Removals first, so that a new gateway may take the name of one deleted just now.
        for id in gateways_before.keys() {
            if !snapshot.gateways.iter().any(|g| g.id.as_str() == id) {
                transaction
                    .prepare_cached("DELETE FROM gateways WHERE account_key = ?1 AND id = ?2")?
                    .execute(params![account_key, id])?;
            }
        }
        let mut gateways_after = HashMap::with_capacity(snapshot.gateways.len());
        for gateway in &snapshot.gateways {
            let id = gateway.id.as_str();
            let unchanged = before_snapshot.gateways.iter().any(|g| g == gateway);
            let json = match gateways_before.get(id) {
                Some(old) if unchanged => old.clone(),
                Some(old) => {
                    let json = to_json("gateway", gateway)?;
                    if *old != json {
                        transaction
                            .prepare_cached(
                                "UPDATE gateways SET project_id = ?3, name = ?4, json = ?5
                                 WHERE account_key = ?1 AND id = ?2",
                            )?
                            .execute(params![
                                account_key,
                                id,
                                gateway.project_id,
                                gateway.name.as_str(),
                                json
                            ])?;
                    }
                    json
                }
                None => {
                    let json = to_json("gateway", gateway)?;
                    insert_gateway(transaction, account_key, gateway, &json)?;
                    json
                }
            };
            gateways_after.insert(id.to_owned(), json);
        }
        Ok((StoredAccount { head, regions }, gateways_after))
    }
}

pub(super) fn insert_gateway(
    transaction: &Connection,
    account_key: &str,
    gateway: &Gateway,
    json: &str,
) -> Result<(), StoreError> {
    let result = transaction
        .prepare_cached(
            "INSERT INTO gateways (id, account_key, project_id, name, created_ms, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            gateway.id.as_str(),
            account_key,
            gateway.project_id,
            gateway.name.as_str(),
            i64::try_from(gateway.created_at_ms).unwrap_or(i64::MAX),
            json
        ]);
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(error, message))
            if error.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::Duplicate(
                message.unwrap_or_else(|| gateway.id.to_string()),
            ))
        }
        Err(error) => Err(error.into()),
    }
}
