//! The table layout, its version, opening a database file and migrating an older one.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::commit::Queue;
use super::rows::{head_json, put_region, to_json};
use super::{Inner, Store, StoreError};

/// Version of the table layout below. 1: the whole account JSON in `accounts.json`;
/// 2: `accounts.json` holds the head (`regions` empty) and `account_regions` the regions;
/// 3: a gateway is keyed by its account and its ID (two accounts may hold the same ID, and no
/// account learns of another's); 4: a gateway's JSON holds its custom inbound ports and its
/// features (a row of version 3 gets empty lists), so an older build, which would drop them
/// when it rewrites a gateway, refuses the file; 5: a gateway's JSON may hold its API
/// catalogue (groups, APIs, environments, publications, apps, authorizations; left out while
/// empty), so an older build, which would drop it, refuses the file (rows of version 4 read
/// as they are, with an empty catalogue). [`Store::open`] migrates older files.
pub(super) const STORE_VERSION: i64 = 5;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    account_key TEXT PRIMARY KEY,
    json        TEXT NOT NULL,
    speed       TEXT
);
CREATE TABLE IF NOT EXISTS account_regions (
    account_key TEXT NOT NULL,
    position    INTEGER NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (account_key, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gateways (
    account_key TEXT NOT NULL,
    id          TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (account_key, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS gateways_name
    ON gateways (account_key, project_id, name);
CREATE INDEX IF NOT EXISTS gateways_by_account
    ON gateways (account_key, created_ms);
";

/// Version 2 -> 3, first step: the gateways table keyed by the ID alone is set aside (`SQLite`
/// cannot change a primary key in place); [`SCHEMA`] then creates the new one and
/// [`MIGRATE_V2_TO_V3_ROWS`] moves the rows.
const MIGRATE_V2_TO_V3_ASIDE: &str = "
DROP INDEX IF EXISTS gateways_name;
DROP INDEX IF EXISTS gateways_by_account;
ALTER TABLE gateways RENAME TO gateways_v2;
";

/// Version 2 -> 3, last step: the rows into the new table.
const MIGRATE_V2_TO_V3_ROWS: &str = "
INSERT INTO gateways (account_key, id, project_id, name, created_ms, json)
    SELECT account_key, id, project_id, name, created_ms, json FROM gateways_v2;
DROP TABLE gateways_v2;
";
impl Store {
    /// Opens (creating if needed) the database at `path`; `:memory:` gives a private in-memory
    /// database.
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let connection = if path == ":memory:" {
            Connection::open_in_memory()?
        } else {
            if let Some(parent) = Path::new(path).parent()
                && !parent.as_os_str().is_empty()
            {
                // A failure shows up as the open error just below.
                let _ = std::fs::create_dir_all(parent);
            }
            Connection::open(path)?
        };
        let mut connection = connection;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // `journal_mode` answers with a row, so it is queried rather than executed.
        let _mode: String =
            connection.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        connection.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        connection.execute_batch(SCHEMA)?;
        let version: Option<String> = connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'store_version'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        match version.and_then(|v| v.parse::<i64>().ok()) {
            Some(v) if v > STORE_VERSION => return Err(StoreError::NewerVersion(v)),
            Some(v) if v < STORE_VERSION => Self::migrate(&mut connection, v)?,
            Some(_) => {}
            None => {
                connection.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('store_version', ?1)",
                    params![STORE_VERSION.to_string()],
                )?;
            }
        }
        Ok(Self {
            inner: Mutex::new(Inner { connection }),
            cache: Mutex::new(HashMap::new()),
            queue: Mutex::new(Queue::default()),
        })
    }

    /// Brings a file of version `from` to [`STORE_VERSION`], every step in one transaction.
    fn migrate(connection: &mut Connection, from: i64) -> Result<(), StoreError> {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if from < 2 {
            Self::migrate_v1(&transaction)?;
        }
        if from < 3 {
            transaction.execute_batch(MIGRATE_V2_TO_V3_ASIDE)?;
            transaction.execute_batch(SCHEMA)?;
            transaction.execute_batch(MIGRATE_V2_TO_V3_ROWS)?;
        }
        if from < 4 {
            Self::migrate_v3(&transaction)?;
        }
        transaction.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'store_version'",
            params![STORE_VERSION.to_string()],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Version 3 -> 4: each gateway row is read and written back in the current form (with its
    /// empty lists of custom inbound ports and features). A row that does not parse is left as
    /// it is; reading it reports it corrupt, as before.
    fn migrate_v3(transaction: &Connection) -> Result<(), StoreError> {
        let rows: Vec<(String, String, String)> = transaction
            .prepare("SELECT account_key, id, json FROM gateways")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (account_key, id, json) in rows {
            let Ok(gateway) = serde_json::from_str::<Gateway>(&json) else {
                continue;
            };
            transaction.execute(
                "UPDATE gateways SET json = ?3 WHERE account_key = ?1 AND id = ?2",
                params![account_key, id, to_json("gateway", &gateway)?],
            )?;
        }
        Ok(())
    }

    /// Version 1 -> 2: each whole account JSON becomes its head and one row per region. A row
    /// that does not parse is left as it is; reading it reports it corrupt, as version 1 did.
    fn migrate_v1(transaction: &Connection) -> Result<(), StoreError> {
        let rows: Vec<(String, String)> = transaction
            .prepare("SELECT account_key, json FROM accounts")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (account_key, json) in rows {
            let Ok(mut account) = serde_json::from_str::<Account>(&json) else {
                continue;
            };
            transaction.execute(
                "UPDATE accounts SET json = ?2 WHERE account_key = ?1",
                params![account_key, head_json(&mut account)?],
            )?;
            for (position, region) in account.regions.iter().enumerate() {
                put_region(
                    transaction,
                    &account_key,
                    position,
                    &to_json("account region", region)?,
                )?;
            }
        }
        Ok(())
    }
}
