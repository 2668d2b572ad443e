//! Where bytes go: the browser's `localStorage` / `sessionStorage` through `gloo-storage`, or
//! memory when the browser gives none.
//!
//! Values the console writes are JSON and go through `gloo-storage`'s typed `get` / `set`.
//! Two things are read and written as raw text through its `raw()` storage instead: a value
//! that does not parse (it is backed up byte for byte, and migrations start from its text),
//! and the apig-mock secret key, which sessionStorage has always held as plain text.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, SessionStorage, Storage as _};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;

/// Which of the browser's two storage areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// `window.localStorage`: every tab, every later visit.
    Local,
    /// `window.sessionStorage`: this tab only.
    Session,
}

/// A key-value store of strings.
#[derive(Clone)]
pub enum Backend {
    /// One of the browser's storage areas, known to accept writes.
    Browser(Area),
    /// An in-memory map, used when the browser's storage is unavailable (and in tests).
    Memory(Rc<RefCell<BTreeMap<String, String>>>),
}

/// What a typed read found.
pub(crate) enum Read<T> {
    /// Nothing under the key.
    Absent,
    /// The value parsed as `T`.
    Value(T),
    /// Something that is not a `T` (an older shape, or not JSON at all).
    Other,
}

impl Backend {
    /// `localStorage` when the browser gives a usable one, else memory with the reason.
    pub fn open() -> (Backend, Option<StorageError>) {
        Self::open_area(Area::Local)
    }

    /// `sessionStorage` (per tab, gone when the tab closes), else memory with the reason.
    /// Only secrets go here (the apig-mock secret key), never into `localStorage`.
    pub fn open_session() -> (Backend, Option<StorageError>) {
        Self::open_area(Area::Session)
    }

    fn open_area(area: Area) -> (Backend, Option<StorageError>) {
        match probe(area) {
            Ok(()) => (Backend::Browser(area), None),
            Err(reason) => (Backend::memory(), Some(StorageError::Unavailable(reason))),
        }
    }

    /// An empty in-memory store.
    pub fn memory() -> Backend {
        Backend::Memory(Rc::new(RefCell::new(BTreeMap::new())))
    }

    /// Whether values survive a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self, Backend::Browser(_))
    }

    /// The text stored under `key`, byte for byte, if any.
    pub fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            Backend::Browser(area) => {
                area.raw()
                    .get_item(key)
                    .map_err(|e| StorageError::ReadFailed {
                        key: key.to_owned(),
                        message: describe(&e),
                    })
            }
            Backend::Memory(map) => Ok(map.borrow().get(key).cloned()),
        }
    }

    /// The JSON value under `key` read as a `T`.
    pub(crate) fn get_json<T: DeserializeOwned>(&self, key: &str) -> Read<T> {
        let parsed = match self {
            Backend::Browser(Area::Local) => LocalStorage::get::<T>(key),
            Backend::Browser(Area::Session) => SessionStorage::get::<T>(key),
            Backend::Memory(map) => match map.borrow().get(key) {
                None => return Read::Absent,
                Some(text) => serde_json::from_str(text).map_err(GlooError::from),
            },
        };
        match parsed {
            Ok(value) => Read::Value(value),
            Err(GlooError::KeyNotFound(_)) => Read::Absent,
            Err(_) => Read::Other,
        }
    }

    /// Stores `value` as JSON under `key`; a full quota is [`StorageError::QuotaExceeded`].
    pub fn set_json<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let written = match self {
            Backend::Browser(Area::Local) => LocalStorage::set(key, value),
            Backend::Browser(Area::Session) => SessionStorage::set(key, value),
            Backend::Memory(map) => serde_json::to_string(value)
                .map(|text| {
                    map.borrow_mut().insert(key.to_owned(), text);
                })
                .map_err(GlooError::from),
        };
        written.map_err(|e| match e {
            GlooError::JsError(js) if is_quota(&js.name) => StorageError::QuotaExceeded {
                key: key.to_owned(),
            },
            GlooError::JsError(js) => StorageError::WriteFailed {
                key: key.to_owned(),
                message: format!("{}: {}", js.name, js.message),
            },
            other => StorageError::WriteFailed {
                key: key.to_owned(),
                message: other.to_string(),
            },
        })
    }

    /// Stores `text` under `key` as it is; a full quota is [`StorageError::QuotaExceeded`].
    pub fn set(&self, key: &str, text: &str) -> Result<(), StorageError> {
        match self {
            Backend::Browser(area) => area.raw().set_item(key, text).map_err(|e| {
                if e.dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| is_quota(&d.name()))
                {
                    StorageError::QuotaExceeded {
                        key: key.to_owned(),
                    }
                } else {
                    StorageError::WriteFailed {
                        key: key.to_owned(),
                        message: describe(&e),
                    }
                }
            }),
            Backend::Memory(map) => {
                map.borrow_mut().insert(key.to_owned(), text.to_owned());
                Ok(())
            }
        }
    }

    /// Removes `key`.
    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Browser(Area::Local) => LocalStorage::delete(key),
            Backend::Browser(Area::Session) => SessionStorage::delete(key),
            Backend::Memory(map) => {
                map.borrow_mut().remove(key);
            }
        }
        Ok(())
    }

    /// Every key that starts with `prefix`.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        match self {
            Backend::Browser(area) => {
                let storage = area.raw();
                let len = storage.length().unwrap_or(0);
                (0..len)
                    .filter_map(|i| storage.key(i).ok().flatten())
                    .filter(|k| k.starts_with(prefix))
                    .collect()
            }
            Backend::Memory(map) => map
                .borrow()
                .keys()
                .filter(|k| k.starts_with(prefix))
                .cloned()
                .collect(),
        }
    }
}

impl Area {
    /// The area itself. Only called once [`probe`] succeeded: `gloo-storage` panics when the
    /// browser gives none.
    fn raw(self) -> web_sys::Storage {
        match self {
            Area::Local => LocalStorage::raw(),
            Area::Session => SessionStorage::raw(),
        }
    }
}

/// Whether `area` exists and accepts a write. `gloo-storage` panics when the browser gives no
/// storage (disabled, a sandboxed frame), and Safari's private mode hands out one that throws
/// on every write, so this is asked of the window once, before `gloo-storage` is used.
fn probe(area: Area) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let storage = match area {
        Area::Local => window.local_storage(),
        Area::Session => window.session_storage(),
    }
    .map_err(|e| describe(&e))?
    .ok_or("the browser provides none")?;
    let probe = "apig-console.probe";
    storage.set_item(probe, "1").map_err(|e| describe(&e))?;
    let _ = storage.remove_item(probe);
    Ok(())
}

fn is_quota(name: &str) -> bool {
    name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED"
}

fn describe(error: &JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", exception.name(), exception.message())
    } else if let Some(text) = error.as_string() {
        text
    } else {
        "unknown error".to_owned()
    }
}
