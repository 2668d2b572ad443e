//! The `SQLite` store: the only module that touches the database.
//!
//! One sandbox account per account key (the project ID of the caller's credential) and the
//! gateways of that account, each as the core's serde JSON. An account is stored as its head
//! (every field but the regions, in `accounts`) and one row per region (`account_regions`), so
//! a create or delete, which changes one region's addresses and EIPs, rewrites that region
//! only. Writes run one after another on one connection behind a mutex: a write loads the
//! account and its gateways, lets the caller change them, and writes back exactly what changed. Writes are therefore serialised, which is
//! what keeps the quota and name uniqueness exact under concurrent creates; the database adds a
//! unique index on (account, project, name) as a second line of defence. WAL with
//! `synchronous=FULL`, and a write's result is delivered only after its `COMMIT`: an
//! acknowledged change survives a crash.
//!
//! Group commit: writes queue up; the writer that finds no leader becomes the leader and, until
//! the queue is empty, takes everything queued, runs it in one transaction (one savepoint per
//! write, so a failed write leaves nothing behind), commits once and delivers each result to
//! its waiting writer. Under load one thread commits group after group while the others only
//! queue and wait for their own answer (an async writer waits without a thread).
//!
//! Parsed accounts are cached in memory, together with the JSON they were read from: a read
//! shares the cached snapshot instead of parsing every row again, and a commit replaces the
//! cache entries with exactly what it wrote. The cache has its own lock, held only to look up or
//! publish an entry, so reads never wait for a commit, and a writer copies the account it will
//! change before it queues (outside the serial part); the copy is used if that account is still
//! the latest when the write's turn comes. A write that fails (or whose commit fails) leaves the
//! cache as it was, because it changed a clone. The cache assumes this
//! process is the database's only writer, which `apig-mock` is for its `--data`.
//!
//! The files: [`schema`] (the table layout, opening and migrations), [`cache`] (the parsed
//! accounts of the last commit), [`commit`] (the write queue and the group commit), [`rows`]
//! (reading an account from its rows and writing back what changed).

mod cache;
mod commit;
mod rows;
mod schema;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use apig_core::account::{Account, SCHEMA_VERSION};
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use apig_core::plan::release;
use rusqlite::Connection;

pub use cache::Cached;
use cache::Loaded;
use commit::Queue;
use schema::STORE_VERSION;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `SQLite` reported an error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON value no longer reads (hand-edited or from a newer version).
    #[error("stored {what} is unreadable: {message}")]
    Corrupt {
        /// What was being read.
        what: String,
        /// serde's message.
        message: String,
    },
    /// The database was written by a newer `apig-mock`.
    #[error("the database has store version {0}; this apig-mock reads version {STORE_VERSION}")]
    NewerVersion(i64),
    /// A row with this key already exists (an instance ID chosen twice).
    #[error("duplicate key: {0}")]
    Duplicate(String),
    /// A request panicked while holding the connection.
    #[error("the database connection was poisoned by a panic")]
    Poisoned,
    /// The group commit this change was part of failed, so the change was not kept.
    #[error("the change was not committed: {0}")]
    NotCommitted(String),
}

/// An account and its gateways as one request sees them.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The sandbox account.
    pub account: Account,
    /// The speed set for this account (`None`: the server's default).
    pub speed: Option<CreationSpeed>,
    /// Every gateway of the account (all projects), oldest first, finished deletions removed.
    pub gateways: Vec<Gateway>,
}

impl Snapshot {
    /// Drops gateways whose deletion has finished at `now_ms`, giving their resources back.
    fn purge_deleted(&mut self, now_ms: u64) {
        let (gone, kept): (Vec<Gateway>, Vec<Gateway>) = std::mem::take(&mut self.gateways)
            .into_iter()
            .partition(|g| g.is_deleted(now_ms));
        for gateway in &gone {
            release(&mut self.account, gateway);
        }
        self.gateways = kept;
    }
}

/// The database.
pub struct Store {
    inner: Mutex<Inner>,
    /// What [`Store::load`] would read for an account key, as of the last commit. Only a
    /// commit (holding `inner`) or a read that loaded under `inner` inserts.
    cache: Mutex<HashMap<String, Arc<Loaded>>>,
    /// Writes waiting for the next group commit, and whether a leader is committing them.
    queue: Mutex<Queue>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

/// The connection, behind the lock that serialises writes.
#[derive(Debug)]
struct Inner {
    connection: Connection,
}

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    mutex.lock().map_err(|_| StoreError::Poisoned)
}

impl Store {
    fn lock(&self) -> Result<MutexGuard<'_, Inner>, StoreError> {
        lock(&self.inner)
    }

    /// Runs `read` on the account of `account_key` (seeded by `seed` if it has none yet) as of
    /// `now_ms`. Nothing is written.
    pub fn read<T, E: From<StoreError>>(
        &self,
        account_key: &str,
        seed: impl FnOnce() -> Account,
        now_ms: u64,
        read: impl FnOnce(&Snapshot) -> Result<T, E>,
    ) -> Result<T, E> {
        Cached(self.cached(account_key, seed)?).read(now_ms, read)
    }

    /// The cached account of `account_key`, if it is cached: lets a read skip the blocking
    /// thread pool. `None`: use [`Store::read`].
    pub fn try_cached(&self, account_key: &str) -> Option<Cached> {
        self.cache_entry(account_key).ok().flatten().map(Cached)
    }

    /// Runs `change` on the account of `account_key` and commits what it changed (account,
    /// speed, inserted / updated / removed gateways) before returning. When `change` fails
    /// nothing is written.
    ///
    /// Group commit: the write is queued ([`Store::enqueue`]); the leader (this writer when
    /// none is running, see [`Store::lead`]) runs every queued write, in order, in one
    /// immediate transaction (a savepoint each) and commits once, so concurrent writes share one
    /// `fsync`. A write sees the changes of the writes before it, so quota and names stay
    /// exact; its result is delivered only after the commit, and if the commit fails every
    /// write of the group gets the error.
    pub fn write<T, E>(
        &self,
        account_key: &str,
        seed: impl FnOnce() -> Account + Send + 'static,
        now_ms: u64,
        change: impl FnOnce(&mut Snapshot) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (answer, result) = std::sync::mpsc::sync_channel(1);
        let lead = self.enqueue(account_key, seed, now_ms, change, move |r| {
            let _ = answer.send(r);
        })?;
        if lead {
            self.lead();
        }
        result
            .recv()
            .unwrap_or_else(|_| Err(StoreError::Poisoned.into()))
    }

    /// `PRAGMA integrity_check`'s answer (`ok` when the file is sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let inner = self.lock()?;
        Ok(inner
            .connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

/// Checks that an account JSON is of a schema this build reads.
pub fn check_schema(account: &Account) -> Result<(), String> {
    if account.schema_version == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(format!(
            "schema_version {} is not supported; this apig-mock reads {SCHEMA_VERSION}",
            account.schema_version
        ))
    }
}
