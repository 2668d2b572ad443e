//! The parsed accounts as of the last commit, shared by reads without copying.

use std::collections::HashMap;
use std::sync::Arc;

use apig_core::account::Account;

use super::{Snapshot, Store, StoreError, lock};

/// What [`Store::load`] read: the snapshot, the stored account JSON (if any) and the stored
/// JSON of each gateway by ID, to write back only what changed.
#[derive(Debug)]
pub(super) struct Loaded {
    pub(super) snapshot: Snapshot,
    /// `None`: the account is the seed, not stored yet.
    pub(super) account: Option<StoredAccount>,
    pub(super) gateways: HashMap<String, String>,
}

/// An account's JSON as stored: the head and each region's, by position.
#[derive(Debug, Clone)]
pub(super) struct StoredAccount {
    pub(super) head: String,
    pub(super) regions: Vec<Arc<str>>,
}

/// An account as of the last commit, shared with the cache (reading it copies nothing).
#[derive(Debug)]
pub struct Cached(pub(super) Arc<Loaded>);

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

impl Store {
    /// The cache entry of `account_key`, if any.
    pub(super) fn cache_entry(&self, account_key: &str) -> Result<Option<Arc<Loaded>>, StoreError> {
        Ok(lock(&self.cache)?.get(account_key).cloned())
    }

    /// The cached load of `account_key`, reading the database on a miss. A seeded account
    /// (none stored yet) is not cached: the seed is only written by a write.
    pub(super) fn cached(
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
}
