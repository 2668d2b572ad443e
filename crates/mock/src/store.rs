//! The `SQLite` store: the only module that touches the database.
//!
//! One sandbox account per account key (the project ID of the caller's credential) and the
//! gateways of that account, each as the core's serde JSON. An account is stored as its head
//! (every field but the regions, in `accounts`) and one row per region (`account_regions`), so
//! a create or delete, which changes one region's addresses and EIPs, rewrites that region only. Writes run one after another on
//! one connection behind a mutex: a write loads the account and its gateways, lets the caller
//! change them, and writes back exactly what changed. Writes are therefore serialised, which is
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
//! the latest when the write's turn comes. A write that fails (or whose
//! commit fails) leaves the cache as it was, because it changed a clone. The cache assumes this
//! process is the database's only writer, which `apig-mock` is for its `--data`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use apig_core::account::{Account, SCHEMA_VERSION};
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use apig_core::plan::release;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// Version of the table layout below. 1: the whole account JSON in `accounts.json`;
/// 2: `accounts.json` holds the head (`regions` empty) and `account_regions` the regions;
/// 3: a gateway is keyed by its account and its ID (two accounts may hold the same ID, and no
/// account learns of another's). [`Store::open`] migrates older files.
const STORE_VERSION: i64 = 3;

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

/// Version 2 -> 3: the gateways table keyed by (account, ID) instead of the ID alone. `SQLite`
/// cannot change a primary key in place, so the rows move to a new table.
const MIGRATE_V2_TO_V3: &str = "
CREATE TABLE gateways_v3 (
    account_key TEXT NOT NULL,
    id          TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (account_key, id)
);
INSERT INTO gateways_v3 (account_key, id, project_id, name, created_ms, json)
    SELECT account_key, id, project_id, name, created_ms, json FROM gateways;
DROP TABLE gateways;
ALTER TABLE gateways_v3 RENAME TO gateways;
CREATE UNIQUE INDEX gateways_name ON gateways (account_key, project_id, name);
CREATE INDEX gateways_by_account ON gateways (account_key, created_ms);
";

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

/// What [`Store::load`] read: the snapshot, the stored account JSON (if any) and the stored
/// JSON of each gateway by ID, to write back only what changed.
#[derive(Debug)]
struct Loaded {
    snapshot: Snapshot,
    /// `None`: the account is the seed, not stored yet.
    account: Option<StoredAccount>,
    gateways: HashMap<String, String>,
}

/// An account's JSON as stored: the head and each region's, by position.
#[derive(Debug, Clone)]
struct StoredAccount {
    head: String,
    regions: Vec<Arc<str>>,
}

/// An account as of the last commit, shared with the cache (reading it copies nothing).
#[derive(Debug)]
pub struct Cached(Arc<Loaded>);

impl Cached {
    /// Runs `read` on the account as of `now_ms` (finished deletions left out).
    pub fn read<T>(&self, now_ms: u64, read: impl FnOnce(&Snapshot) -> T) -> T {
        let snapshot = &self.0.snapshot;
        if snapshot.gateways.iter().any(|g| g.is_deleted(now_ms)) {
            let mut purged = snapshot.clone();
            purged.purge_deleted(now_ms);
            return read(&purged);
        }
        read(snapshot)
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

/// A queued write. Run with the batch (or with the reason the batch could not begin), it makes
/// its change and answers with what to do once the commit's outcome is known.
type Job = Box<dyn FnOnce(Result<&mut Batch<'_>, &StoreError>) -> Finish + Send>;
/// Delivers a write's result, given the outcome of its group's `COMMIT`.
type Finish = Box<dyn FnOnce(Result<(), &StoreError>) + Send>;

/// One group commit in progress: the open transaction, the committed cache, and what the
/// group's earlier writes have changed (later writes of the group build on it).
struct Batch<'t> {
    transaction: &'t Connection,
    cache: &'t Mutex<HashMap<String, Arc<Loaded>>>,
    staged: HashMap<String, Arc<Loaded>>,
}

impl Batch<'_> {
    /// The account as this write must see it: staged by an earlier write of the group, else as
    /// last committed, else read from the database (or seeded).
    fn before(
        &self,
        account_key: &str,
        seed: impl FnOnce() -> Account,
    ) -> Result<Arc<Loaded>, StoreError> {
        if let Some(loaded) = self.staged.get(account_key) {
            return Ok(Arc::clone(loaded));
        }
        if let Some(loaded) = lock(self.cache)?.get(account_key) {
            return Ok(Arc::clone(loaded));
        }
        Ok(Arc::new(Store::load(self.transaction, account_key, seed)?))
    }

    /// Runs one write inside a savepoint: when `change` fails nothing is written, and when its
    /// save fails only its own rows are rolled back, never those of the group's other writes.
    fn apply<T, E: From<StoreError>>(
        &mut self,
        account_key: &str,
        seed: impl FnOnce() -> Account,
        now_ms: u64,
        copied: Option<Copied>,
        change: impl FnOnce(&mut Snapshot) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = self.before(account_key, seed)?;
        let mut snapshot = match copied {
            Some((from, copy)) if Arc::ptr_eq(&from, &before) => copy,
            _ => before.snapshot.clone(),
        };
        snapshot.purge_deleted(now_ms);
        let output = change(&mut snapshot)?;
        self.transaction
            .execute_batch("SAVEPOINT write")
            .map_err(StoreError::from)?;
        match Store::save(self.transaction, account_key, &mut snapshot, &before) {
            Ok((account, gateways)) => {
                self.transaction
                    .execute_batch("RELEASE write")
                    .map_err(StoreError::from)?;
                self.staged.insert(
                    account_key.to_owned(),
                    Arc::new(Loaded {
                        snapshot,
                        account: Some(account),
                        gateways,
                    }),
                );
                Ok(output)
            }
            Err(error) => {
                // If even this fails the whole group fails at COMMIT, which is reported.
                let _ = self
                    .transaction
                    .execute_batch("ROLLBACK TO write; RELEASE write");
                Err(error.into())
            }
        }
    }
}

/// The connection, behind the lock that serialises writes.
#[derive(Debug)]
struct Inner {
    connection: Connection,
}

/// The writes waiting for a group commit.
#[derive(Default)]
struct Queue {
    jobs: Vec<Job>,
    /// A leader is running [`Store::lead`]: it will take these jobs.
    leading: bool,
}

/// Resets the queue's leader flag if the leader unwinds, so the next writer leads.
struct Leading<'s>(&'s Store);

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut queue = self
                .0
                .queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            queue.leading = false;
        }
    }
}

/// A writer's copy of an account's snapshot, made before queueing, and the cache entry it was
/// copied from.
type Copied = (Arc<Loaded>, Snapshot);

fn lock<T>(mutex: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    mutex.lock().map_err(|_| StoreError::Poisoned)
}

/// The text form of a speed in the database.
fn speed_text(speed: CreationSpeed) -> &'static str {
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

fn corrupt(what: &str, error: &serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        what: what.to_owned(),
        message: error.to_string(),
    }
}

fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| corrupt(what, &e))
}

/// The JSON of an account's head: everything but its regions (stored one row each).
fn head_json(account: &mut Account) -> Result<String, StoreError> {
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
fn put_region(
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
            transaction.execute_batch(MIGRATE_V2_TO_V3)?;
        }
        transaction.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'store_version'",
            params![STORE_VERSION.to_string()],
        )?;
        transaction.commit()?;
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

    fn lock(&self) -> Result<MutexGuard<'_, Inner>, StoreError> {
        lock(&self.inner)
    }

    /// The cache entry of `account_key`, if any.
    fn cache_entry(&self, account_key: &str) -> Result<Option<Arc<Loaded>>, StoreError> {
        Ok(lock(&self.cache)?.get(account_key).cloned())
    }

    /// The cached load of `account_key`, reading the database on a miss. A seeded account
    /// (none stored yet) is not cached: the seed is only written by a write.
    fn cached(
        &self,
        account_key: &str,
        seed: impl FnOnce() -> Account,
    ) -> Result<Arc<Loaded>, StoreError> {
        if let Some(loaded) = self.cache_entry(account_key)? {
            return Ok(loaded);
        }
        // Under the connection's lock no commit can publish between the load and the insert;
        // one may have published just before it, though.
        let inner = self.lock()?;
        if let Some(loaded) = self.cache_entry(account_key)? {
            return Ok(loaded);
        }
        let loaded = Arc::new(Self::load(&inner.connection, account_key, seed)?);
        if loaded.account.is_some() {
            lock(&self.cache)?.insert(account_key.to_owned(), Arc::clone(&loaded));
        }
        Ok(loaded)
    }

    fn load(
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

    /// Queues a write whose result goes to `deliver` once its group has committed (or failed).
    /// Answers whether the caller must now run [`Store::lead`] (no leader was running), on any
    /// thread that may block.
    pub fn enqueue<T, E>(
        &self,
        account_key: &str,
        seed: impl FnOnce() -> Account + Send + 'static,
        now_ms: u64,
        change: impl FnOnce(&mut Snapshot) -> Result<T, E> + Send + 'static,
        deliver: impl FnOnce(Result<T, E>) + Send + 'static,
    ) -> Result<bool, StoreError>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        // The copy the change will work on, made while other writes are being committed.
        let copied = self.cache_entry(account_key)?.map(|from| {
            let copy = from.snapshot.clone();
            (from, copy)
        });
        let job = Self::job(account_key, seed, now_ms, copied, change, deliver);
        let mut queue = lock(&self.queue)?;
        queue.jobs.push(job);
        let lead = !queue.leading;
        queue.leading = true;
        Ok(lead)
    }

    /// Commits the queued writes group after group until the queue is empty.
    pub fn lead(&self) {
        let _leading = Leading(self);
        loop {
            let jobs = match self.queue.lock() {
                Ok(mut queue) if queue.jobs.is_empty() => {
                    queue.leading = false;
                    return;
                }
                Ok(mut queue) => std::mem::take(&mut queue.jobs),
                // Nobody can queue any more; what is queued is answered by dropping it.
                Err(_) => return,
            };
            match self.lock() {
                Ok(mut inner) => {
                    let replaced = self.commit_group(&mut inner, jobs);
                    drop(inner);
                    // The accounts the commit replaced are freed after the connection is released.
                    drop(replaced);
                }
                Err(error) => {
                    for job in jobs {
                        job(Err(&error))(Err(&error));
                    }
                }
            }
        }
    }

    /// A queued write; its result goes to `deliver`.
    fn job<T, E>(
        account_key: &str,
        seed: impl FnOnce() -> Account + Send + 'static,
        now_ms: u64,
        copied: Option<Copied>,
        change: impl FnOnce(&mut Snapshot) -> Result<T, E> + Send + 'static,
        deliver: impl FnOnce(Result<T, E>) + Send + 'static,
    ) -> Job
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let key = account_key.to_owned();
        Box::new(move |batch| {
            let result = match batch {
                Ok(batch) => batch.apply(&key, seed, now_ms, copied, change),
                Err(error) => Err(StoreError::NotCommitted(error.to_string()).into()),
            };
            Box::new(move |commit| {
                deliver(match (result, commit) {
                    (Ok(_), Err(error)) => Err(StoreError::NotCommitted(error.to_string()).into()),
                    (result, _) => result,
                });
            })
        })
    }

    /// Runs `jobs` in one transaction, commits, publishes the committed accounts to the cache
    /// and delivers every result. Answers the cache entries it replaced, for the caller to drop
    /// once it has released the connection.
    fn commit_group(&self, inner: &mut Inner, jobs: Vec<Job>) -> Vec<Arc<Loaded>> {
        let Inner { connection } = inner;
        let cache = &self.cache;
        let mut finishes = Vec::with_capacity(jobs.len());
        let (staged, commit) =
            match connection.transaction_with_behavior(TransactionBehavior::Immediate) {
                Ok(transaction) => {
                    let mut batch = Batch {
                        transaction: &transaction,
                        cache,
                        staged: HashMap::new(),
                    };
                    for job in jobs {
                        finishes.push(job(Ok(&mut batch)));
                    }
                    let staged = batch.staged;
                    (staged, transaction.commit().map_err(StoreError::from))
                }
                Err(error) => {
                    let error = StoreError::from(error);
                    for job in jobs {
                        finishes.push(job(Err(&error)));
                    }
                    (HashMap::new(), Err(error))
                }
            };
        let mut replaced = Vec::new();
        let mut commit = commit;
        if commit.is_ok() {
            match lock(cache) {
                Ok(mut cache) => replaced.extend(
                    staged
                        .into_iter()
                        .filter_map(|(key, loaded)| cache.insert(key, loaded)),
                ),
                // Committed, but the cache cannot be trusted any more: say so to every writer.
                Err(error) => commit = Err(error),
            }
        }
        for finish in finishes {
            finish(commit.as_ref().copied());
        }
        replaced
    }

    /// Writes what differs between `before` (as loaded or last committed) and `snapshot`, and
    /// returns the JSON now stored: the account's and each gateway's. A region or gateway equal
    /// to its `before` keeps its stored JSON without being serialised again.
    fn save(
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

    /// `PRAGMA integrity_check`'s answer (`ok` when the file is sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let inner = self.lock()?;
        Ok(inner
            .connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

fn insert_gateway(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::open(":memory:").expect("open")
    }

    type Slot<T> = Arc<Mutex<Option<Result<T, StoreError>>>>;

    /// A job whose result lands in a slot the test reads.
    fn slot_job<T: Send + 'static>(
        key: &str,
        seed: impl FnOnce() -> Account + Send + 'static,
        copied: Option<Copied>,
        change: impl FnOnce(&mut Snapshot) -> Result<T, StoreError> + Send + 'static,
    ) -> (Job, Slot<T>) {
        let slot = Arc::new(Mutex::new(None));
        let answer = Arc::clone(&slot);
        let job = Store::job(key, seed, 0, copied, change, move |r| {
            *answer.lock().unwrap() = Some(r);
        });
        (job, slot)
    }

    #[test]
    fn seed_is_written_only_by_a_write() {
        let s = store();
        let seen = s
            .read("k", Account::default_seed, 0, |snap| {
                Ok::<_, StoreError>(snap.account.gateway_quota)
            })
            .expect("read");
        assert_eq!(seen, 5);
        s.write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 7;
            snap.speed = Some(CreationSpeed::Instant);
            Ok::<_, StoreError>(())
        })
        .expect("write");
        let (quota, speed) = s
            .read("k", unreachable_seed, 0, |snap| {
                Ok::<_, StoreError>((snap.account.gateway_quota, snap.speed))
            })
            .expect("read");
        assert_eq!((quota, speed), (7, Some(CreationSpeed::Instant)));
        assert_eq!(s.integrity_check().expect("check"), "ok");
    }

    fn unreachable_seed() -> Account {
        let mut a = Account::default_seed();
        a.gateway_quota = 999;
        a
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let s = store();
        let result = s.write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 1;
            Err::<(), _>(StoreError::Poisoned)
        });
        assert!(result.is_err());
        let quota = s
            .read("k", Account::default_seed, 0, |snap| {
                Ok::<_, StoreError>(snap.account.gateway_quota)
            })
            .expect("read");
        assert_eq!(quota, 5);
    }

    #[test]
    fn a_failed_change_leaves_the_cached_account_as_committed() {
        let s = store();
        let quota = |s: &Store| {
            s.read("k", unreachable_seed, 0, |snap| {
                Ok::<_, StoreError>(snap.account.gateway_quota)
            })
            .expect("read")
        };
        s.write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 4;
            Ok::<_, StoreError>(())
        })
        .expect("write");
        assert_eq!(quota(&s), 4, "a committed write is what the next read sees");
        let result = s.write("k", unreachable_seed, 0, |snap| {
            snap.account.gateway_quota = 1;
            Err::<(), _>(StoreError::Poisoned)
        });
        assert!(result.is_err());
        assert_eq!(quota(&s), 4, "the failed change did not reach the cache");
        // The database agrees with the cache: a fresh read of the file, not of the cache.
        let inner = s.lock().expect("lock");
        let fresh = Store::load(&inner.connection, "k", unreachable_seed)
            .expect("load")
            .snapshot;
        assert_eq!(fresh.account.gateway_quota, 4);
    }

    /// A Basic gateway bought through the core in the default seed's roomy cn-north-4 subnet.
    fn bought(account: &mut Account, gateways: &[Gateway], name: &str) -> Gateway {
        use apig_core::account::ids;
        use apig_core::validate::{Draft, validate};
        let region = account.region("cn-north-4").expect("region").clone();
        let draft = Draft {
            instance_name: name.to_owned(),
            vpc_id: ids::CN4_VPC_MAIN.to_owned(),
            subnet_id: ids::CN4_SUBNET_ROOMY.to_owned(),
            spec_id: "BASIC".to_owned(),
            ..Draft::prefilled(account, &region, gateways)
        };
        let plan = validate(&draft, account, gateways, 1).expect("valid");
        apig_core::plan::apply_plan(account, &plan).expect("applies");
        plan.to_gateway(0, CreationSpeed::Instant, None)
    }

    #[test]
    fn concurrent_writes_are_all_kept() {
        let s = Arc::new(store());
        s.write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 0;
            Ok::<_, StoreError>(())
        })
        .expect("write");
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let s = Arc::clone(&s);
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        s.write("k", unreachable_seed, 0, |snap| {
                            snap.account.gateway_quota += 1;
                            Ok::<_, StoreError>(())
                        })
                        .expect("write");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let inner = s.lock().expect("lock");
        let fresh = Store::load(&inner.connection, "k", unreachable_seed)
            .expect("load")
            .snapshot;
        assert_eq!(
            fresh.account.gateway_quota, 200,
            "every increment was committed"
        );
    }

    #[test]
    fn in_a_group_a_failed_save_rolls_back_only_its_own_write() {
        let s = store();
        let mut inner = s.lock().expect("lock");
        let (first, first_slot) = slot_job("k", Account::default_seed, None, |snap| {
            let gateway = bought(&mut snap.account, &snap.gateways, "gw-one");
            snap.gateways.push(gateway);
            Ok::<_, StoreError>(())
        });
        // The same name again under another ID: the unique index refuses the insert.
        let (second, second_slot) = slot_job("k", unreachable_seed, None, |snap| {
            let mut copy = snap.gateways[0].clone();
            copy.id = "0123456789abcdef0123456789abcdef".parse().expect("id");
            snap.account.gateway_quota = 99;
            snap.gateways.push(copy);
            Ok::<_, StoreError>(())
        });
        // Changes nothing: the account row stays as the first and second writes left it.
        let (third, third_slot) = slot_job("k", unreachable_seed, None, |snap| {
            Ok::<_, StoreError>(snap.gateways.len())
        });
        s.commit_group(&mut inner, vec![first, second, third]);
        assert!(matches!(first_slot.lock().unwrap().take(), Some(Ok(()))));
        assert!(matches!(
            second_slot.lock().unwrap().take(),
            Some(Err(StoreError::Duplicate(_)))
        ));
        assert!(
            matches!(third_slot.lock().unwrap().take(), Some(Ok(1))),
            "the third write saw the first one's gateway and not the second's"
        );
        let fresh = Store::load(&inner.connection, "k", unreachable_seed)
            .expect("load")
            .snapshot;
        assert_eq!(
            fresh.account.gateway_quota, 5,
            "the second write's account change is gone"
        );
        assert_eq!(fresh.gateways.len(), 1);
        assert_eq!(fresh.gateways[0].name.as_str(), "gw-one");
        assert_eq!(
            s.cache.lock().unwrap()["k"].snapshot.account,
            fresh.account,
            "the cache holds what was committed"
        );
        assert_eq!(
            s.cache.lock().unwrap()["k"].snapshot.gateways,
            fresh.gateways
        );
    }

    #[test]
    fn the_database_survives_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let path = path.to_str().expect("utf-8");
        Store::open(path)
            .expect("open")
            .write("k", Account::default_seed, 0, |snap| {
                snap.account.gateway_quota = 3;
                Ok::<_, StoreError>(())
            })
            .expect("write");
        let quota = Store::open(path)
            .expect("reopen")
            .read("k", Account::default_seed, 0, |snap| {
                Ok::<_, StoreError>(snap.account.gateway_quota)
            })
            .expect("read");
        assert_eq!(quota, 3);
    }

    fn all_of(s: &Store, key: &str) -> (Account, Option<CreationSpeed>) {
        s.read(key, unreachable_seed, 0, |snap| {
            Ok::<_, StoreError>((snap.account.clone(), snap.speed))
        })
        .expect("read")
    }

    #[test]
    fn a_write_rewrites_only_what_changed_and_regions_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let path = path.to_str().expect("utf-8");
        let s = Store::open(path).expect("open");
        s.write("k", Account::default_seed, 0, |_| Ok::<_, StoreError>(()))
            .expect("first write stores the seed");
        assert!(
            Account::default_seed().regions.len() > 1,
            "the seed has several regions"
        );
        let changes = |s: &Store| s.lock().expect("lock").connection.total_changes();
        let before = changes(&s);
        s.write("k", unreachable_seed, 0, |snap| {
            let gateway = bought(&mut snap.account, &snap.gateways, "gw-one");
            snap.gateways.push(gateway);
            Ok::<_, StoreError>(())
        })
        .expect("buy");
        assert_eq!(
            changes(&s) - before,
            2,
            "a purchase writes its gateway row and its region's row, not the head or other regions"
        );
        let bought_account = all_of(&s, "k").0;
        // Fewer regions: the rows past the end go.
        s.write("k", unreachable_seed, 0, |snap| {
            snap.account.regions.truncate(1);
            Ok::<_, StoreError>(())
        })
        .expect("shrink");
        let shrunk = all_of(&s, "k").0;
        assert_eq!(shrunk.regions.len(), 1);
        assert_eq!(shrunk.regions[0], bought_account.regions[0]);
        drop(s);
        let reopened = Store::open(path).expect("reopen");
        assert_eq!(all_of(&reopened, "k").0, shrunk);
        let rows: i64 = reopened
            .lock()
            .expect("lock")
            .connection
            .query_row("SELECT count(*) FROM account_regions", [], |row| row.get(0))
            .expect("count");
        assert_eq!(rows, 1);
    }

    #[test]
    fn a_version_1_file_is_migrated_to_one_row_per_region() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let path = path.to_str().expect("utf-8");
        let mut account = Account::default_seed();
        account.gateway_quota = 3;
        {
            let v1 = Connection::open(path).expect("create");
            v1.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE accounts (account_key TEXT PRIMARY KEY, json TEXT NOT NULL, speed TEXT);
                 INSERT INTO meta VALUES ('store_version', '1');",
            )
            .expect("v1 schema");
            v1.execute(
                "INSERT INTO accounts VALUES ('k', ?1, 'instant'), ('bad', '{\"schema', NULL)",
                params![serde_json::to_string(&account).expect("json")],
            )
            .expect("v1 row");
        }
        let s = Store::open(path).expect("open migrates");
        assert_eq!(
            all_of(&s, "k"),
            (account.clone(), Some(CreationSpeed::Instant))
        );
        let unreadable = s.read("bad", unreachable_seed, 0, |_| Ok::<_, StoreError>(()));
        assert!(
            matches!(unreadable, Err(StoreError::Corrupt { .. })),
            "an unreadable row stays unreadable, it is not replaced: {unreadable:?}"
        );
        let inner = s.lock().expect("lock");
        let version: String = inner
            .connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'store_version'",
                [],
                |r| r.get(0),
            )
            .expect("version");
        assert_eq!(version, STORE_VERSION.to_string());
        let (head, rows): (String, i64) = inner
            .connection
            .query_row(
                "SELECT json, (SELECT count(*) FROM account_regions WHERE account_key = 'k')
                 FROM accounts WHERE account_key = 'k'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("rows");
        assert!(head.contains("\"regions\":[]"), "{head}");
        assert_eq!(usize::try_from(rows).expect("count"), account.regions.len());
    }

    const SHARED_ID: &str = "0123456789abcdef0123456789abcdef";

    /// Buys `name` in account `key` under [`SHARED_ID`].
    fn buy_shared(s: &Store, key: &str, name: &'static str) {
        s.write(key, Account::default_seed, 0, move |snap| {
            let mut gateway = bought(&mut snap.account, &snap.gateways, name);
            gateway.id = SHARED_ID.parse().expect("id");
            snap.gateways.push(gateway);
            Ok::<_, StoreError>(())
        })
        .expect("buy");
    }

    fn names(s: &Store, key: &str) -> Vec<String> {
        s.read(key, unreachable_seed, 0, |snap| {
            Ok::<_, StoreError>(
                snap.gateways
                    .iter()
                    .map(|g| g.name.as_str().to_owned())
                    .collect(),
            )
        })
        .expect("read")
    }

    #[test]
    fn two_accounts_hold_the_same_gateway_id_independently() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let path = path.to_str().expect("utf-8");
        let s = Store::open(path).expect("open");
        buy_shared(&s, "a", "gw-of-a");
        buy_shared(&s, "b", "gw-of-b");
        // An update in one account leaves the other's row alone.
        s.write("a", unreachable_seed, 0, |snap| {
            snap.gateways[0].name = "gw-renamed".parse().expect("name");
            Ok::<_, StoreError>(())
        })
        .expect("rename");
        // A delete in one account leaves the other's row alone.
        s.write("b", unreachable_seed, 0, |snap| {
            snap.gateways.clear();
            Ok::<_, StoreError>(())
        })
        .expect("delete");
        drop(s);
        let reopened = Store::open(path).expect("reopen");
        assert_eq!(names(&reopened, "a"), ["gw-renamed"]);
        assert!(names(&reopened, "b").is_empty());
        buy_shared(&reopened, "b", "gw-again");
        assert_eq!(names(&reopened, "b"), ["gw-again"]);
        assert_eq!(names(&reopened, "a"), ["gw-renamed"]);
    }

    #[test]
    fn a_version_2_file_is_migrated_keeping_its_gateways() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let path = path.to_str().expect("utf-8");
        let mut account = Account::default_seed();
        let gateway = bought(&mut account, &[], "gw-kept");
        {
            let v2 = Connection::open(path).expect("create");
            v2.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE accounts (account_key TEXT PRIMARY KEY, json TEXT NOT NULL, speed TEXT);
                 CREATE TABLE account_regions (account_key TEXT NOT NULL, position INTEGER NOT NULL,
                     json TEXT NOT NULL, PRIMARY KEY (account_key, position)) WITHOUT ROWID;
                 CREATE TABLE gateways (id TEXT PRIMARY KEY, account_key TEXT NOT NULL,
                     project_id TEXT NOT NULL, name TEXT NOT NULL, created_ms INTEGER NOT NULL,
                     json TEXT NOT NULL);
                 CREATE UNIQUE INDEX gateways_name ON gateways (account_key, project_id, name);
                 CREATE INDEX gateways_by_account ON gateways (account_key, created_ms);
                 INSERT INTO meta VALUES ('store_version', '2');",
            )
            .expect("v2 schema");
            let mut head = account.clone();
            v2.execute(
                "INSERT INTO accounts VALUES ('a', ?1, NULL)",
                params![head_json(&mut head).expect("head")],
            )
            .expect("account");
            for (position, region) in account.regions.iter().enumerate() {
                put_region(
                    &v2,
                    "a",
                    position,
                    &to_json("region", region).expect("json"),
                )
                .expect("region");
            }
            insert_gateway(
                &v2,
                "a",
                &gateway,
                &to_json("gateway", &gateway).expect("json"),
            )
            .expect("gateway");
        }
        let s = Store::open(path).expect("open migrates");
        assert_eq!(names(&s, "a"), ["gw-kept"]);
        assert_eq!(all_of(&s, "a").0, account);
        let version: String = s
            .lock()
            .expect("lock")
            .connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'store_version'",
                [],
                |r| r.get(0),
            )
            .expect("version");
        assert_eq!(version, "3");
        // Another account may now take the same ID.
        s.write("b", Account::default_seed, 0, move |snap| {
            snap.gateways.push(gateway);
            Ok::<_, StoreError>(())
        })
        .expect("same ID in another account");
        assert_eq!(names(&s, "b"), ["gw-kept"]);
        assert_eq!(s.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn a_writers_early_copy_is_used_only_while_its_account_is_the_latest() {
        let s = store();
        let quota_plus_one = |snap: &mut Snapshot| {
            snap.account.gateway_quota += 1;
            Ok::<_, StoreError>(snap.account.gateway_quota)
        };
        s.write("k", Account::default_seed, 0, |snap| {
            snap.account.gateway_quota = 1;
            Ok::<_, StoreError>(())
        })
        .expect("write");
        let run = |copied: Option<Copied>| {
            let (job, slot) = slot_job("k", unreachable_seed, copied, quota_plus_one);
            let mut inner = s.lock().expect("lock");
            drop(s.commit_group(&mut inner, vec![job]));
            slot.lock().unwrap().take().expect("delivered").expect("ok")
        };
        // A copy of the latest entry is what the change works on (marked here to tell).
        let latest = s.cache_entry("k").expect("cache").expect("entry");
        let mut marked = latest.snapshot.clone();
        marked.account.gateway_quota = 40;
        assert_eq!(run(Some((latest, marked))), 41);
        // A copy of an entry another write has replaced since is not used.
        let stale = s.cache_entry("k").expect("cache").expect("entry");
        let stale_copy = stale.snapshot.clone();
        assert_eq!(run(None), 42);
        assert_eq!(
            run(Some((stale, stale_copy))),
            43,
            "built on 42, not on the copy's 41"
        );
    }

    #[test]
    fn a_change_that_panics_leaves_later_writes_an_answer_not_a_hang() {
        let s = Arc::new(store());
        let leader = Arc::clone(&s);
        let panicked = std::thread::spawn(move || {
            leader.write(
                "k",
                Account::default_seed,
                0,
                |_| -> Result<(), StoreError> { panic!("a bug in a change") },
            )
        })
        .join();
        assert!(panicked.is_err(), "the panic reached its writer");
        let (answer, result) = std::sync::mpsc::channel();
        let later = Arc::clone(&s);
        std::thread::spawn(move || {
            let _ = answer
                .send(later.write("k", Account::default_seed, 0, |_| Ok::<_, StoreError>(())));
        });
        let later = result
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the next write is answered (a new leader ran it)");
        assert!(
            matches!(&later, Err(StoreError::NotCommitted(why)) if why.contains("poisoned")),
            "{later:?}"
        );
    }
}
