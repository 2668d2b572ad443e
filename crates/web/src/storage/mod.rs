//! Persistence: the only module that touches `localStorage` (and `sessionStorage`, which holds
//! only the apig-mock secret key).
//!
//! Every concern has one key holding a versioned envelope `{"version": N, "data": ...}`.
//! On load, older versions are migrated; a value that does not parse is copied byte for byte
//! to a backup key and reported, never silently replaced. The same bytes are backed up once:
//! loading them again (every change re-reads storage) names the backup that already holds
//! them instead of writing another. Without `localStorage` (disabled,
//! sandboxed iframe, privacy mode) the console keeps working in memory and says so. A write the
//! browser refuses (quota) is reported to the caller.

mod backend;

pub use backend::{Area, Backend};

use backend::Read;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Prefix of every key the console writes.
pub const KEY_PREFIX: &str = "apig-console.";

/// Something that can go wrong with persistence; each variant says what a person can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser gives no usable `localStorage`.
    #[error(
        "Browser storage is unavailable ({0}). Changes are kept in memory only and are lost when this tab closes."
    )]
    Unavailable(String),
    /// Reading a key failed.
    #[error("Reading {key} from browser storage failed: {message}")]
    ReadFailed { key: String, message: String },
    /// The browser refused to store the value because its storage quota is full.
    #[error(
        "Browser storage is full: {key} could not be saved. Free space (e.g. export and delete old data) and try again."
    )]
    QuotaExceeded { key: String },
    /// Writing a key failed for another reason.
    #[error("Saving {key} to browser storage failed: {message}")]
    WriteFailed { key: String, message: String },
    /// A stored value did not parse; the original bytes are kept under `backup_key`.
    #[error(
        "The stored {key} could not be read ({reason}). The original was kept under {backup_key}; the console started from a clean value."
    )]
    Corrupt {
        key: String,
        backup_key: String,
        reason: String,
    },
}

/// One persisted concern: its key, its current schema version and how to migrate older ones.
pub struct Slot {
    /// The key without [`KEY_PREFIX`].
    pub name: &'static str,
    /// The schema version written today.
    pub version: u32,
    /// Migrates the `data` of `from_version` one step up; `None` when that version is unknown.
    pub migrate: fn(from_version: u32, data: Value) -> Option<Value>,
}

impl Slot {
    /// The full key in storage.
    pub fn key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.name)
    }
}

/// What loading a slot found.
#[derive(Debug, PartialEq)]
pub enum Loaded<T> {
    /// Nothing stored yet.
    Absent,
    /// A value, migrated to the current version when it was older.
    Value(T),
    /// The stored value did not parse; it was backed up and the error says where.
    Corrupt(StorageError),
}

#[derive(Serialize, serde::Deserialize)]
struct Envelope<T> {
    version: u32,
    data: T,
}

/// Loads `slot` from `backend`, migrating older versions and backing up what does not parse.
/// `now_ms` names a new backup key, so two backups of different bytes never overwrite each
/// other; bytes that a backup already holds are not backed up again.
pub fn load<T: DeserializeOwned>(
    backend: &Backend,
    slot: &Slot,
    now_ms: u64,
) -> Result<Loaded<T>, StorageError> {
    let key = slot.key();
    match backend.get_json::<Envelope<T>>(&key) {
        Read::Absent => return Ok(Loaded::Absent),
        Read::Value(envelope) if envelope.version == slot.version => {
            return Ok(Loaded::Value(envelope.data));
        }
        Read::Value(_) | Read::Other => {}
    }
    // An older version, or something that does not parse: from the bytes as stored.
    let Some(raw) = backend.get(&key)? else {
        return Ok(Loaded::Absent);
    };
    match migrate(slot, &raw) {
        Ok(value) => Ok(Loaded::Value(value)),
        Err(reason) => {
            let backup_key = back_up(backend, &key, &raw, now_ms)?;
            Ok(Loaded::Corrupt(StorageError::Corrupt {
                key,
                backup_key,
                reason,
            }))
        }
    }
}

/// Copies `raw`, the unreadable value of `key`, to a backup key and returns that key: the
/// existing backup of `key` that holds these very bytes, or a new `{key}.backup-{now_ms}`.
fn back_up(backend: &Backend, key: &str, raw: &str, now_ms: u64) -> Result<String, StorageError> {
    let prefix = format!("{key}.backup-");
    let existing = backend
        .keys_with_prefix(&prefix)
        .into_iter()
        .filter(|k| matches!(backend.get(k), Ok(Some(bytes)) if bytes == raw))
        .min();
    if let Some(existing) = existing {
        return Ok(existing);
    }
    let backup_key = format!("{prefix}{now_ms}");
    backend.set(&backup_key, raw)?;
    Ok(backup_key)
}

/// Parses the text of an envelope that is not of the slot's version (or not an envelope) and
/// migrates it. A value of the current version never comes here: [`load`] reads it straight
/// into `T`; only an older, bare or unreadable one goes through `serde_json::Value` (and back
/// to text, so `T` has one deserialiser in the bundle).
fn migrate<T: DeserializeOwned>(slot: &Slot, raw: &str) -> Result<T, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("not JSON: {e}"))?;
    let (mut version, mut data) = match value {
        Value::Object(mut map) if map.contains_key("version") && map.contains_key("data") => {
            let version = map
                .get("version")
                .and_then(Value::as_u64)
                .and_then(|v| u32::try_from(v).ok())
                .ok_or("its version is not a number")?;
            (version, map.remove("data").unwrap_or(Value::Null))
        }
        // Before envelopes existed, the data was stored bare: that is version 0.
        other => (0, other),
    };
    if version > slot.version {
        return Err(format!(
            "it was written by a newer console (version {version}, this one knows up to {})",
            slot.version
        ));
    }
    while version < slot.version {
        data = (slot.migrate)(version, data)
            .ok_or_else(|| format!("no migration from version {version}"))?;
        version += 1;
    }
    serde_json::from_str(&data.to_string()).map_err(|e| format!("unexpected content: {e}"))
}

/// Saves `data` under `slot` in the current version.
pub fn save<T: Serialize>(backend: &Backend, slot: &Slot, data: &T) -> Result<(), StorageError> {
    backend.set_json(
        &slot.key(),
        &Envelope {
            version: slot.version,
            data,
        },
    )
}

/// Removes `slot` from storage.
pub fn remove(backend: &Backend, slot: &Slot) -> Result<(), StorageError> {
    backend.remove(&slot.key())
}
