//! The write queue and the group commit: queued writes run in one transaction, a savepoint
//! each, and are answered once it has committed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use apig_core::account::Account;
use rusqlite::{Connection, TransactionBehavior};

use super::cache::Loaded;
use super::{Inner, Snapshot, Store, StoreError, lock};

/// A queued write. Run with the batch (or with the reason the batch could not begin), it makes
/// its change and answers with what to do once the commit's outcome is known.
pub(super) type Job = Box<dyn FnOnce(Result<&mut Batch<'_>, &StoreError>) -> Finish + Send>;
/// Delivers a write's result, given the outcome of its group's `COMMIT`.
pub(super) type Finish = Box<dyn FnOnce(Result<(), &StoreError>) + Send>;

/// One group commit in progress: the open transaction, the committed cache, and what the
/// group's earlier writes have changed (later writes of the group build on it).
pub(super) struct Batch<'t> {
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

/// The writes waiting for a group commit.
#[derive(Default)]
pub(super) struct Queue {
    pub(super) jobs: Vec<Job>,
    /// A leader is running [`Store::lead`]: it will take these jobs.
    pub(super) leading: bool,
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
pub(super) type Copied = (Arc<Loaded>, Snapshot);

impl Store {
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
    pub(super) fn job<T, E>(
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
    pub(super) fn commit_group(&self, inner: &mut Inner, jobs: Vec<Job>) -> Vec<Arc<Loaded>> {
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
}
