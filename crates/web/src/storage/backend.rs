//! Where bytes go: the browser's `localStorage`, or memory when it is unavailable.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

use super::StorageError;

/// A key-value store of strings.
#[derive(Clone)]
pub enum Backend {
    /// `window.localStorage`.
    Local(web_sys::Storage),
    /// An in-memory map, used when `localStorage` is unavailable (and in tests).
    Memory(Rc<RefCell<BTreeMap<String, String>>>),
}

impl Backend {
    /// `localStorage` when the browser gives a usable one, else memory with the reason.
    pub fn open() -> (Backend, Option<StorageError>) {
        match local_storage() {
            Ok(storage) => (Backend::Local(storage), None),
            Err(reason) => (Backend::memory(), Some(StorageError::Unavailable(reason))),
        }
    }

    /// `sessionStorage` (per tab, gone when the tab closes), else memory with the reason.
    /// Only secrets go here (the apig-mock secret key), never into `localStorage`.
    pub fn open_session() -> (Backend, Option<StorageError>) {
        match session_storage() {
            Ok(storage) => (Backend::Local(storage), None),
            Err(reason) => (Backend::memory(), Some(StorageError::Unavailable(reason))),
        }
    }

    /// An empty in-memory store.
    pub fn memory() -> Backend {
        Backend::Memory(Rc::new(RefCell::new(BTreeMap::new())))
    }

    /// Whether values survive a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self, Backend::Local(_))
    }

    /// The value under `key`, if any.
    pub fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            Backend::Local(storage) => {
                storage.get_item(key).map_err(|e| StorageError::ReadFailed {
                    key: key.to_owned(),
                    message: describe(&e),
                })
            }
            Backend::Memory(map) => Ok(map.borrow().get(key).cloned()),
        }
    }

    /// Stores `value` under `key`; a full quota is reported as [`StorageError::QuotaExceeded`].
    pub fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(storage) => storage.set_item(key, value).map_err(|e| {
                if is_quota_error(&e) {
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
                map.borrow_mut().insert(key.to_owned(), value.to_owned());
                Ok(())
            }
        }
    }

    /// Removes `key`.
    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(storage) => {
                storage
                    .remove_item(key)
                    .map_err(|e| StorageError::WriteFailed {
                        key: key.to_owned(),
                        message: describe(&e),
                    })
            }
            Backend::Memory(map) => {
                map.borrow_mut().remove(key);
                Ok(())
            }
        }
    }

    /// Every key that starts with `prefix`.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        match self {
            Backend::Local(storage) => {
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

/// `window.localStorage`, checked by a write probe (Safari's private mode hands out a storage
/// that throws on every write).
fn local_storage() -> Result<web_sys::Storage, String> {
    probed(web_sys::Window::local_storage)
}

/// `window.sessionStorage`, checked by a write probe like [`local_storage`].
fn session_storage() -> Result<web_sys::Storage, String> {
    probed(web_sys::Window::session_storage)
}

/// The storage `get` hands out, once a probe value could be written to it and removed.
fn probed(
    get: fn(&web_sys::Window) -> Result<Option<web_sys::Storage>, JsValue>,
) -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    let storage = get(&window)
        .map_err(|e| describe(&e))?
        .ok_or("the browser provides none")?;
    let probe = "apig-console.probe";
    storage.set_item(probe, "1").map_err(|e| describe(&e))?;
    let _ = storage.remove_item(probe);
    Ok(storage)
}

fn is_quota_error(error: &JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22)
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
