//! The console's state: one store provided through context, backed by the storage module.
//!
//! The store holds the sandbox account, the gateways, the settings and the purchase draft in
//! signals, loads them once at start, writes every change through [`crate::storage`], follows
//! other tabs through the window `storage` event, and keeps a clock signal so that statuses
//! (derived from stored timestamps by the core) move on their own.

use apig_core::account::{Account, Region};
use apig_core::gateway::Gateway;
use apig_core::lifecycle::CreationSpeed;
use apig_core::plan::apply_plan;
use apig_core::region::SANDBOX_REGIONS;
use apig_core::validate::{Draft, Problem, validate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::storage::{self, Backend, Loaded, Slot, StorageError};

/// Every slot so far was stored bare before envelopes existed (version 0), with the same shape.
fn migrate_bare(from: u32, data: Value) -> Option<Value> {
    (from == 0).then_some(data)
}

/// The sandbox account.
pub const ACCOUNT_SLOT: Slot = Slot {
    name: "account",
    version: 1,
    migrate: migrate_bare,
};
/// The gateways of every region.
pub const GATEWAYS_SLOT: Slot = Slot {
    name: "gateways",
    version: 1,
    migrate: migrate_bare,
};
/// The half-filled purchase form.
pub const DRAFT_SLOT: Slot = Slot {
    name: "draft",
    version: 1,
    migrate: migrate_bare,
};
/// Console settings.
pub const SETTINGS_SLOT: Slot = Slot {
    name: "settings",
    version: 1,
    migrate: migrate_bare,
};

/// Console settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How fast new gateways get created.
    pub speed: CreationSpeed,
}

/// The purchase form as autosaved: the draft and the nonce its gateway ID derives from, so
/// the confirmation page and the creation agree on the ID.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedDraft {
    pub draft: Draft,
    pub nonce: u64,
}

/// How serious a banner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    Error,
    Warning,
}

/// A message at the top of every page until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub id: u32,
    pub kind: BannerKind,
    pub text: String,
}

/// The console's store; `Copy`, so components capture it freely.
#[derive(Clone, Copy)]
pub struct Store {
    pub account: RwSignal<Account>,
    pub gateways: RwSignal<Vec<Gateway>>,
    pub settings: RwSignal<Settings>,
    pub draft: RwSignal<Option<SavedDraft>>,
    /// The region the console works in.
    pub region: RwSignal<String>,
    /// Epoch milliseconds, ticking, so derived statuses move.
    pub now: RwSignal<u64>,
    pub banners: RwSignal<Vec<Banner>>,
    backend: StoredValue<Backend, LocalStorage>,
}

/// The current time in epoch milliseconds.
pub fn now_ms() -> u64 {
    // `Date.now()` is a non-negative integer far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

/// A fresh random nonce for gateway IDs.
pub fn fresh_nonce() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    random ^ now_ms()
}

impl Store {
    /// Opens storage, loads every slot and reports what could not be loaded.
    pub fn open() -> Store {
        let (backend, unavailable) = Backend::open();
        let mut problems: Vec<StorageError> = unavailable.into_iter().collect();
        let now = now_ms();
        let mut load = |slot: &Slot| -> Option<Value> {
            match storage::load::<Value>(&backend, slot, now) {
                Ok(Loaded::Value(v)) => Some(v),
                Ok(Loaded::Absent) => None,
                Ok(Loaded::Corrupt(e)) | Err(e) => {
                    problems.push(e);
                    None
                }
            }
        };
        let account_raw = load(&ACCOUNT_SLOT);
        let gateways_raw = load(&GATEWAYS_SLOT);
        let settings_raw = load(&SETTINGS_SLOT);
        let draft_raw = load(&DRAFT_SLOT);
        let account_absent = account_raw.is_none()
            && problems.iter().all(
                |p| !matches!(p, StorageError::Corrupt { key, .. } if *key == ACCOUNT_SLOT.key()),
            );
        let account = typed(&backend, &ACCOUNT_SLOT, account_raw, now, &mut problems)
            .unwrap_or_else(Account::default_seed);
        // A first visit stores the seed, so the sandbox a person sees is the one in storage.
        // After a corrupt value nothing is written until the person changes something.
        if account_absent && let Err(e) = storage::save(&backend, &ACCOUNT_SLOT, &account) {
            problems.push(e);
        }
        let gateways: Vec<Gateway> =
            typed(&backend, &GATEWAYS_SLOT, gateways_raw, now, &mut problems).unwrap_or_default();
        let settings: Settings =
            typed(&backend, &SETTINGS_SLOT, settings_raw, now, &mut problems).unwrap_or_default();
        let draft: Option<SavedDraft> = typed(&backend, &DRAFT_SLOT, draft_raw, now, &mut problems);
        let region = draft
            .as_ref()
            .map(|d| d.draft.region.clone())
            .filter(|r| account.region(r).is_some())
            .or_else(|| account.regions.first().map(|r| r.id.clone()))
            .or_else(|| SANDBOX_REGIONS.first().map(|(id, _)| (*id).to_owned()))
            .unwrap_or_default();
        let store = Store {
            account: RwSignal::new(account),
            gateways: RwSignal::new(gateways),
            settings: RwSignal::new(settings),
            draft: RwSignal::new(draft),
            region: RwSignal::new(region),
            now: RwSignal::new(now),
            banners: RwSignal::new(Vec::new()),
            backend: StoredValue::new_local(backend),
        };
        for problem in problems {
            store.report(&problem);
        }
        store
    }

    /// Whether changes survive a reload.
    pub fn is_persistent(&self) -> bool {
        self.backend.with_value(Backend::is_persistent)
    }

    /// Shows `error` as a banner (once: the same text is not repeated).
    pub fn report(&self, error: &StorageError) {
        let kind = match error {
            StorageError::Unavailable(_) | StorageError::Corrupt { .. } => BannerKind::Warning,
            _ => BannerKind::Error,
        };
        self.banner(kind, error.to_string());
    }

    /// Shows a banner with `text`.
    pub fn banner(&self, kind: BannerKind, text: String) {
        self.banners.update(|banners| {
            if banners.iter().all(|b| b.text != text) {
                let id = banners.iter().map(|b| b.id).max().unwrap_or(0) + 1;
                banners.push(Banner { id, kind, text });
            }
        });
    }

    /// Removes banner `id`.
    pub fn dismiss(&self, id: u32) {
        self.banners.update(|b| b.retain(|banner| banner.id != id));
    }

    fn write<T: Serialize>(&self, slot: &Slot, data: &T) {
        if let Err(e) = self.backend.with_value(|b| storage::save(b, slot, data)) {
            self.report(&e);
        }
    }

    /// The selected region of the account.
    pub fn current_region(&self) -> Option<Region> {
        let id = self.region.get();
        self.account.with(|a| a.region(&id).cloned())
    }

    /// Saves the purchase draft.
    pub fn save_draft(&self, saved: SavedDraft) {
        self.write(&DRAFT_SLOT, &saved);
        self.draft.set(Some(saved));
    }

    /// Discards the purchase draft.
    pub fn discard_draft(&self) {
        if let Err(e) = self.backend.with_value(|b| storage::remove(b, &DRAFT_SLOT)) {
            self.report(&e);
        }
        self.draft.set(None);
    }

    /// Changes the settings and saves them.
    pub fn set_settings(&self, settings: Settings) {
        self.write(&SETTINGS_SLOT, &settings);
        self.settings.set(settings);
    }

    /// Re-reads the account and gateways from storage (another tab may have changed them).
    fn refresh_from_storage(&self) {
        let now = now_ms();
        let backend = self.backend.get_value();
        if let Ok(Loaded::Value(account)) = storage::load::<Account>(&backend, &ACCOUNT_SLOT, now)
            && self.account.with_untracked(|a| *a != account)
        {
            self.account.set(account);
        }
        match storage::load::<Vec<Gateway>>(&backend, &GATEWAYS_SLOT, now) {
            Ok(Loaded::Value(gateways)) if self.gateways.with_untracked(|g| *g != gateways) => {
                self.gateways.set(gateways);
            }
            Ok(Loaded::Absent) => self.gateways.set(Vec::new()),
            _ => {}
        }
        if let Ok(Loaded::Value(settings)) =
            storage::load::<Settings>(&backend, &SETTINGS_SLOT, now)
        {
            self.settings.set(settings);
        }
    }

    /// Creates the gateway the draft describes. Storage is re-read first and the draft is
    /// validated against what it holds, all in one synchronous step, so two tabs buying at
    /// once cannot exceed the quota or reuse an address.
    pub fn create(&self, saved: &SavedDraft) -> Result<Gateway, Vec<Problem>> {
        self.refresh_from_storage();
        let now = now_ms();
        let mut account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let plan = validate(&saved.draft, &account, &gateways, saved.nonce)?;
        if let Err(e) = apply_plan(&mut account, &plan) {
            return Err(vec![Problem {
                field: apig_core::validate::Field::Subnet,
                code: apig_core::values::ErrorCode::InsufficientResources,
                message: e.to_string(),
            }]);
        }
        let speed = self.settings.get_untracked().speed;
        let gateway = plan.to_gateway(now, speed, None);
        gateways.push(gateway.clone());
        self.write(&ACCOUNT_SLOT, &account);
        self.write(&GATEWAYS_SLOT, &gateways);
        self.account.set(account);
        self.gateways.set(gateways);
        self.discard_draft();
        Ok(gateway)
    }

    /// Drops gateways whose deletion has finished, releasing their addresses.
    fn sweep_deleted(&self, now: u64) {
        let finished: Vec<Gateway> = self
            .gateways
            .with_untracked(|g| g.iter().filter(|gw| gw.is_deleted(now)).cloned().collect());
        if finished.is_empty() {
            return;
        }
        let mut account = self.account.get_untracked();
        for gateway in &finished {
            apig_core::plan::release(&mut account, gateway);
        }
        let gateways: Vec<Gateway> = self
            .gateways
            .get_untracked()
            .into_iter()
            .filter(|g| !g.is_deleted(now))
            .collect();
        self.write(&ACCOUNT_SLOT, &account);
        self.write(&GATEWAYS_SLOT, &gateways);
        self.account.set(account);
        self.gateways.set(gateways);
    }

    /// Starts the clock and follows other tabs; call once, from [`provide_store`].
    fn start(self) {
        let tick = move || {
            let now = now_ms();
            self.now.set(now);
            self.sweep_deleted(now);
        };
        // An interval that cannot be set only freezes progress; report it instead of panicking.
        if set_interval_with_handle(tick, std::time::Duration::from_millis(500)).is_err() {
            self.banner(
                BannerKind::Error,
                "The console could not start its clock; reload the page to see statuses move."
                    .into(),
            );
        }
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                let relevant = ev
                    .key()
                    .is_none_or(|k| k.starts_with(storage::KEY_PREFIX) && !k.contains(".backup-"));
                if relevant {
                    self.refresh_from_storage();
                }
            });
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_storage.forget();
    }
}

/// Deserialises a loaded slot into its type; content that parses as JSON but not as the type
/// is treated like any corrupt value: backed up and reported.
fn typed<T: serde::de::DeserializeOwned>(
    backend: &Backend,
    slot: &Slot,
    raw: Option<Value>,
    now: u64,
    problems: &mut Vec<StorageError>,
) -> Option<T> {
    let value = raw?;
    match serde_json::from_value::<T>(value) {
        Ok(v) => Some(v),
        Err(e) => {
            let key = slot.key();
            let backup_key = format!("{key}.backup-{now}");
            match backend.get(&key) {
                Ok(Some(original)) => {
                    if let Err(err) = backend.set(&backup_key, &original) {
                        problems.push(err);
                    }
                }
                Ok(None) => {}
                Err(err) => problems.push(err),
            }
            problems.push(StorageError::Corrupt {
                key,
                backup_key,
                reason: format!("unexpected content: {e}"),
            });
            None
        }
    }
}

/// Creates the store, starts its clock and provides it to every component below.
pub fn provide_store() -> Store {
    let store = Store::open();
    store.start();
    provide_context(store);
    store
}

/// The console's store (panics only outside [`crate::App`], a programming error).
pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// The display name of a region ID, or the ID itself when unknown.
pub fn region_name(id: &str) -> String {
    SANDBOX_REGIONS
        .iter()
        .find(|(region, _)| *region == id)
        .map_or_else(|| id.to_owned(), |(_, name)| (*name).to_owned())
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS` in the browser's local time.
pub fn format_time(ms: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}
