//! The console's state: one store provided through context, backed by the storage module.
//!
//! The store holds the sandbox account, the gateways, the settings and the purchase draft in
//! signals, loads them once at start, writes every change through [`crate::storage`], follows
//! other tabs through the window `storage` event, and keeps a clock signal so that statuses
//! (derived from stored timestamps by the core) move on their own.

use apig_core::account::check::check_edit;
use apig_core::account::{Account, Region, SCHEMA_VERSION};
use apig_core::authority::{Operation, authorize, gateway_not_found};
use apig_core::gateway::{Change, Gateway};
use apig_core::lifecycle::{self, CreationSpeed, InjectedFailure, StatusConflict};
use apig_core::network_change::{
    InboundChange, NetworkError, OutboundChange, change_inbound, change_outbound,
};
use apig_core::plan::apply_plan;
use apig_core::region::SANDBOX_REGIONS;
use apig_core::validate::{Draft, Problem, UpdateDraft, validate, validate_update};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::backend::{self as remote_api, ApiError, BackendConfig, BackendKind, Connection};
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
    /// A failure the next creation ends with (cleared once used).
    pub next_failure: Option<InjectedFailure>,
}

/// The version of the export file's shape ([`StateFile`]).
pub const STATE_FILE_VERSION: u32 = 1;
/// The `format` marker of an export file.
pub const STATE_FILE_FORMAT: &str = "apig-console-state";

/// The whole console state as exported to and imported from a JSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateFile {
    /// Always [`STATE_FILE_FORMAT`].
    pub format: String,
    /// The file's shape version ([`STATE_FILE_VERSION`]).
    pub schema_version: u32,
    /// The sandbox account.
    pub account: Account,
    /// Every gateway.
    pub gateways: Vec<Gateway>,
    /// Console settings.
    pub settings: Settings,
}

/// Why an import file was refused; nothing was replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not the expected shape.
    #[error("The file is not a valid console export: {0}.")]
    Shape(String),
    /// Another kind of JSON file.
    #[error(
        "The file is not a console export: \"format\" is \"{0}\", expected \"apig-console-state\"."
    )]
    Format(String),
    /// A version this console does not read.
    #[error("The file has {what} version {found}; this console reads version {expected}.")]
    Version {
        /// Which version field.
        what: &'static str,
        /// The version in the file.
        found: u32,
        /// The version this console reads.
        expected: u32,
    },
    /// Gateways that the account does not hold.
    #[error("Gateway {0} is in a region the account does not have.")]
    UnknownRegion(String),
    /// The account breaks a rule of the core (the first problem's message).
    #[error("{0}")]
    Account(String),
}

/// Parses and checks an export file.
pub fn parse_state_file(text: &str) -> Result<StateFile, ImportError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ImportError::Shape(format!("not JSON ({e})")))?;
    if !value.is_object() {
        return Err(ImportError::Shape(
            "it must hold one JSON object with format, schema_version, account, gateways and settings".into(),
        ));
    }
    if let Some(format) = value.get("format").and_then(Value::as_str)
        && format != STATE_FILE_FORMAT
    {
        return Err(ImportError::Format(format.to_owned()));
    }
    if let Some(found) = value.get("schema_version").and_then(Value::as_u64)
        && found != u64::from(STATE_FILE_VERSION)
    {
        return Err(ImportError::Version {
            what: "schema",
            found: u32::try_from(found).unwrap_or(u32::MAX),
            expected: STATE_FILE_VERSION,
        });
    }
    // Typed from the text again rather than from `value`: one deserialiser per type in the
    // bundle (storage reads text too), not a second one for `serde_json::Value`.
    let file: StateFile =
        serde_json::from_str(text).map_err(|e| ImportError::Shape(e.to_string()))?;
    if file.account.schema_version != SCHEMA_VERSION {
        return Err(ImportError::Version {
            what: "account schema",
            found: file.account.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    if let Some(g) = file
        .gateways
        .iter()
        .find(|g| file.account.region(&g.region).is_none())
    {
        return Err(ImportError::UnknownRegion(g.name.to_string()));
    }
    if let Some(problem) = apig_core::account::check::check_account(&file.account).first() {
        return Err(ImportError::Account(problem.message.clone()));
    }
    Ok(file)
}

/// Why a change of a gateway was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManageError {
    /// The gateway is gone (deleted meanwhile, or in another tab).
    #[error("The gateway no longer exists (APIC.7302).")]
    NotFound,
    /// The update draft breaks rules.
    #[error("{}", .0.iter().map(|p| format!("{} ({})", p.message, p.code.as_str())).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<Problem>),
    /// A network change was refused.
    #[error("{0}")]
    Network(NetworkError),
    /// The status does not allow it.
    #[error("{} ({})", .0, .0.code().as_str())]
    Status(StatusConflict),
    /// The principal may not, or the gateway is gone: the core's refusal.
    #[error("{} ({})", .0.message, .0.code.as_str())]
    Refused(Problem),
}

impl ManageError {
    /// The refusal as the core's problem (its code, field and message), as apig-mock answers it.
    pub fn problem(&self) -> Problem {
        match self {
            Self::NotFound => Problem {
                message: self.to_string(),
                ..gateway_not_found("")
            },
            Self::Invalid(problems) => problems.first().cloned().unwrap_or_else(|| Problem {
                field: apig_core::validate::Field::Account,
                code: apig_core::values::ErrorCode::InvalidParameter,
                message: self.to_string(),
            }),
            Self::Network(e) => Problem {
                field: e.field,
                code: e.code,
                message: e.message.clone(),
            },
            Self::Status(e) => e.problem(),
            Self::Refused(p) => p.clone(),
        }
    }
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
    /// The latest message for the polite live region.
    pub announcement: RwSignal<String>,
    /// The backend setting (without the secret key).
    pub backend_config: RwSignal<BackendConfig>,
    /// The apig-mock in use; `None`: this browser's localStorage.
    pub remote: RwSignal<Option<Connection>>,
    /// How the last exchange with apig-mock went.
    pub remote_state: RwSignal<RemoteState>,
    /// apig-mock calls sent and not answered yet (backend mode).
    pub in_flight: RwSignal<u32>,
    backend: StoredValue<Backend, LocalStorage>,
    session: StoredValue<Backend, LocalStorage>,
    /// A sync with apig-mock is under way (no second one starts meanwhile).
    syncing: StoredValue<bool>,
}

/// How the last exchange with apig-mock went (shown in the shell).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RemoteState {
    /// Not used, or not synced yet.
    #[default]
    Idle,
    /// Account and gateways were read at this time (epoch ms).
    Synced(u64),
    /// The last sync failed with this message.
    Failed(String),
}

/// The current time in epoch milliseconds.
pub fn now_ms() -> u64 {
    // `Date.now()` is a non-negative integer far below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

/// A fresh random UUID-shaped ID for sandbox resources the person adds.
pub fn fresh_uuid() -> String {
    apig_core::values::InstanceId::derive_uuid(&["sandbox"], fresh_nonce())
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
        let stored_account: Option<Account> =
            load_slot(&backend, &ACCOUNT_SLOT, now, &mut problems);
        let account_absent = stored_account.is_none()
            && problems.iter().all(
                |p| !matches!(p, StorageError::Corrupt { key, .. } if *key == ACCOUNT_SLOT.key()),
            );
        let account = stored_account.unwrap_or_else(Account::default_seed);
        let gateways: Vec<Gateway> =
            load_slot(&backend, &GATEWAYS_SLOT, now, &mut problems).unwrap_or_default();
        let settings: Settings =
            load_slot(&backend, &SETTINGS_SLOT, now, &mut problems).unwrap_or_default();
        let draft: Option<SavedDraft> = load_slot(&backend, &DRAFT_SLOT, now, &mut problems);
        let region = draft
            .as_ref()
            .map(|d| d.draft.region.clone())
            .filter(|r| account.region(r).is_some())
            .or_else(|| account.regions.first().map(|r| r.id.clone()))
            .or_else(|| SANDBOX_REGIONS.first().map(|(id, _)| (*id).to_owned()))
            .unwrap_or_default();
        let (session, session_problem) = Backend::open_session();
        problems.extend(session_problem);
        let (backend_config, secret) = match remote_api::load(&backend, &session, now) {
            Ok(loaded) => loaded,
            Err(e) => {
                problems.push(e);
                (BackendConfig::default(), None)
            }
        };
        let mut remote = None;
        let mut remote_problem = None;
        if backend_config.kind == BackendKind::Mock {
            match backend_config.connection(secret.as_deref().unwrap_or_default()) {
                Ok(connection) => remote = Some(connection),
                Err(e) => {
                    remote_problem = Some(format!(
                        "The apig-mock backend is chosen but cannot be used in this tab: {e} The secret key is kept only for one tab; enter it again under Settings. Until then this browser's data is shown."
                    ));
                }
            }
        }
        // With apig-mock, nothing of this browser's gateways is shown until the first sync.
        let gateways = if remote.is_some() {
            Vec::new()
        } else {
            gateways
        };
        let store = Store {
            account: RwSignal::new(account),
            gateways: RwSignal::new(gateways),
            settings: RwSignal::new(settings),
            draft: RwSignal::new(draft),
            region: RwSignal::new(region),
            now: RwSignal::new(now),
            banners: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
            backend_config: RwSignal::new(backend_config),
            remote: RwSignal::new(remote),
            remote_state: RwSignal::new(RemoteState::Idle),
            in_flight: RwSignal::new(0),
            backend: StoredValue::new_local(backend),
            session: StoredValue::new_local(session),
            syncing: StoredValue::new(false),
        };
        for problem in problems {
            store.report(&problem);
        }
        // A first visit stores the seed, so the sandbox a person sees is the one in storage;
        // after the first paint, which does not need it. Not when another tab or a change
        // stored an account meanwhile. After a corrupt value nothing is written until the
        // person changes something.
        if account_absent {
            set_timeout(
                move || {
                    let absent = store
                        .backend
                        .with_value(|b| matches!(b.get(&ACCOUNT_SLOT.key()), Ok(None)));
                    if absent {
                        store
                            .account
                            .with_untracked(|a| store.write(&ACCOUNT_SLOT, a));
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        if let Some(text) = remote_problem {
            store.banner(BannerKind::Warning, text);
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
        if let Some(connection) = self.remote.get_untracked() {
            // apig-mock keeps speed and faults per project; the page's controls drive them.
            let before = self.settings.get_untracked();
            if before.speed != settings.speed {
                let (connection, speed) = (connection.clone(), settings.speed);
                self.remote_call(
                    "Setting the creation speed of",
                    connection.project_id.clone(),
                    async move { remote_api::put_speed(&connection, speed).await },
                );
            }
            if before.next_failure != settings.next_failure {
                let failure = settings.next_failure;
                self.remote_call(
                    "Injecting a fault into",
                    connection.project_id.clone(),
                    async move { remote_api::set_create_failure(&connection, failure).await },
                );
            }
            // This browser's own settings stay as they were.
            self.settings.set(settings);
            return;
        }
        self.write(&SETTINGS_SLOT, &settings);
        self.settings.set(settings);
    }

    /// Re-reads the account and gateways from storage (another tab may have changed them).
    fn refresh_from_storage(&self) {
        if self.is_remote() {
            return;
        }
        let now = self.catch_up_clock();
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
        let now = self.catch_up_clock();
        let mut account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let plan = validate(&saved.draft, &account, &gateways, saved.nonce)?;
        apply_plan(&mut account, &plan).map_err(|e| vec![e.problem()])?;
        if let Some(connection) = self.remote.get_untracked() {
            // The same core validated the draft against the server's account and gateways;
            // the server validates again and its answer (or refusal) replaces this guess.
            let mut request = apig_core::api::CreateInstanceV2Request::from(&plan);
            request.instance_id = Some(plan.instance_id.to_string());
            let gateway = plan.to_gateway(now, CreationSpeed::Realistic, None);
            self.account.set(account);
            self.gateways.update(|g| g.push(gateway.clone()));
            self.discard_draft();
            let name = gateway.name.to_string();
            self.remote_call("Creating", name, async move {
                remote_api::create_instance(&connection, &request).await
            });
            return Ok(gateway);
        }
        let settings = self.settings.get_untracked();
        let gateway = plan.to_gateway(now, settings.speed, settings.next_failure);
        gateways.push(gateway.clone());
        if settings.next_failure.is_some() {
            self.set_settings(Settings {
                next_failure: None,
                ..settings
            });
        }
        self.write(&ACCOUNT_SLOT, &account);
        self.write(&GATEWAYS_SLOT, &gateways);
        self.account.set(account);
        self.gateways.set(gateways);
        self.discard_draft();
        Ok(gateway)
    }

    /// Whether the principal may perform `operation` (the core's [`authorize`], which
    /// apig-mock asks too); tracks the account.
    pub fn may(&self, operation: Operation) -> Result<(), Problem> {
        self.account.with(|a| authorize(&a.principal, operation))
    }

    /// The gateways of the selected region, if the principal may list them; tracks both.
    pub fn list_gateways(&self) -> Result<Vec<Gateway>, Problem> {
        self.may(Operation::List)?;
        let region = self.region.get();
        Ok(self
            .gateways
            .with(|g| g.iter().filter(|gw| gw.region == region).cloned().collect()))
    }

    /// Gateway `id`, if the principal may view it and it exists; tracks both.
    pub fn show_gateway(&self, id: &str) -> Result<Gateway, Problem> {
        self.may(Operation::Show)?;
        self.gateways
            .with(|g| g.iter().find(|gw| gw.id.as_str() == id).cloned())
            .ok_or_else(|| gateway_not_found(id))
    }

    /// Runs `operation` on gateway `id` with `change`, which sees the account, the gateway and
    /// the other gateways as storage holds them now (re-read first, like [`Store::create`]).
    /// The principal must be allowed `operation`, then the gateway must exist (the order
    /// apig-mock admits it in). Nothing is written when either or `change` refuses.
    fn change_gateway<R>(
        &self,
        id: &str,
        operation: Operation,
        change: impl FnOnce(&mut Account, &mut Gateway, &[Gateway], u64) -> Result<R, ManageError>,
    ) -> Result<R, ManageError> {
        self.refresh_from_storage();
        let now = self.catch_up_clock();
        let mut account = self.account.get_untracked();
        authorize(&account.principal, operation).map_err(ManageError::Refused)?;
        let mut gateways = self.gateways.get_untracked();
        let index = gateways
            .iter()
            .position(|g| g.id.as_str() == id)
            .ok_or_else(|| ManageError::Refused(gateway_not_found(id)))?;
        let mut gateway = gateways[index].clone();
        let result = change(&mut account, &mut gateway, &gateways, now)?;
        gateways[index] = gateway;
        if !self.is_remote() {
            self.write(&ACCOUNT_SLOT, &account);
            self.write(&GATEWAYS_SLOT, &gateways);
        }
        self.account.set(account);
        self.gateways.set(gateways);
        Ok(result)
    }

    /// Updates name, description, window or security group of gateway `id`, validated by
    /// the core; returns how many values changed (each recorded in the history).
    pub fn update_gateway(&self, id: &str, update: &UpdateDraft) -> Result<usize, ManageError> {
        let changed =
            self.change_gateway(id, Operation::Update, |account, gateway, gateways, now| {
                let valid = validate_update(update, gateway, account, gateways, now)
                    .map_err(ManageError::Invalid)?;
                Ok(valid.apply(gateway, now))
            })?;
        if let Some(connection) = self.remote.get_untracked() {
            let request = apig_core::api::UpdateInstanceRequest {
                instance_name: update.instance_name.clone(),
                description: update.description.clone(),
                maintain_begin: update.maintain_begin.clone(),
                maintain_end: update.maintain_end.clone(),
                security_group_id: update.security_group_id.clone(),
                vpcep_service_name: update.vpcep_service_name.clone(),
            };
            let id = id.to_owned();
            self.remote_call("Updating", self.gateway_name(&id), async move {
                remote_api::update_instance(&connection, &id, &request).await
            });
        }
        Ok(changed)
    }

    /// The name of gateway `id` (its ID when unknown), for messages.
    fn gateway_name(&self, id: &str) -> String {
        self.gateways.with_untracked(|g| {
            g.iter()
                .find(|gw| gw.id.as_str() == id)
                .map_or_else(|| id.to_owned(), |gw| gw.name.to_string())
        })
    }

    /// Changes the public inbound access of gateway `id`.
    pub fn change_inbound(&self, id: &str, change: &InboundChange) -> Result<Change, ManageError> {
        let operation = Operation::of_inbound(change);
        let result = self.change_gateway(id, operation, |account, gateway, _, now| {
            change_inbound(account, gateway, change, now).map_err(ManageError::Network)
        })?;
        if let Some(connection) = self.remote.get_untracked() {
            let (id, change) = (id.to_owned(), change.clone());
            self.remote_call(
                "Changing inbound access of",
                self.gateway_name(&id),
                async move { remote_api::change_inbound(&connection, &id, &change).await },
            );
        }
        Ok(result)
    }

    /// Changes the public outbound access of gateway `id`.
    pub fn change_outbound(
        &self,
        id: &str,
        change: &OutboundChange,
    ) -> Result<Change, ManageError> {
        let operation = Operation::of_outbound(change);
        let result = self.change_gateway(id, operation, |account, gateway, _, now| {
            change_outbound(account, gateway, change, now).map_err(ManageError::Network)
        })?;
        if let Some(connection) = self.remote.get_untracked() {
            let (id, change) = (id.to_owned(), change.clone());
            self.remote_call(
                "Changing outbound access of",
                self.gateway_name(&id),
                async move { remote_api::change_outbound(&connection, &id, &change).await },
            );
        }
        Ok(result)
    }

    /// Starts deleting gateway `id` (`Deleting`); once it has finished the clock's sweep
    /// drops it and releases its addresses.
    pub fn begin_delete(&self, id: &str) -> Result<(), ManageError> {
        self.change_gateway(id, Operation::Delete, |_, gateway, _, now| {
            gateway
                .begin(lifecycle::Operation::Delete, now)
                .map_err(ManageError::Status)
        })?;
        if let Some(connection) = self.remote.get_untracked() {
            let id = id.to_owned();
            self.remote_call("Deleting", self.gateway_name(&id), async move {
                remote_api::delete_instance(&connection, &id).await
            });
            return Ok(());
        }
        self.sweep_deleted(now_ms());
        Ok(())
    }

    /// Changes the sandbox account with `edit`, after re-reading storage. The edited account
    /// must pass the core's account rules ([`check_edit`], as `PUT /_mock/{project}/account`
    /// does): else nothing changes and every problem the edit adds comes back.
    pub fn edit_account(&self, edit: impl FnOnce(&mut Account)) -> Result<(), Vec<Problem>> {
        self.refresh_from_storage();
        let before = self.account.get_untracked();
        let mut account = before.clone();
        edit(&mut account);
        check_edit(&before, &account)?;
        if let Some(connection) = self.remote.get_untracked() {
            self.account.set(account.clone());
            self.remote_call(
                "Saving the sandbox account of",
                connection.project_id.clone(),
                async move {
                    remote_api::put_account(&connection, &account)
                        .await
                        .map(|_| ())
                },
            );
            return Ok(());
        }
        self.write(&ACCOUNT_SLOT, &account);
        self.account.set(account);
        Ok(())
    }

    /// The whole state, as an export file holds it.
    pub fn export_state(&self) -> StateFile {
        self.refresh_from_storage();
        StateFile {
            format: STATE_FILE_FORMAT.to_owned(),
            schema_version: STATE_FILE_VERSION,
            account: self.account.get_untracked(),
            gateways: self.gateways.get_untracked(),
            settings: self.settings.get_untracked(),
        }
    }

    /// Replaces account, gateways and settings with those of `file`.
    pub fn import_state(&self, file: StateFile) {
        if self.is_remote() {
            self.banner(
                BannerKind::Error,
                "Importing a file is not available while the console uses apig-mock: the server keeps its own gateways. Switch Settings to \"This browser\" to import, or replace the account through PUT /_mock/{project_id}/account.".into(),
            );
            return;
        }
        self.write(&ACCOUNT_SLOT, &file.account);
        self.write(&GATEWAYS_SLOT, &file.gateways);
        self.write(&SETTINGS_SLOT, &file.settings);
        self.catch_up_clock();
        if let Some(region) = file.account.regions.first()
            && file.account.region(&self.region.get_untracked()).is_none()
        {
            self.region.set(region.id.clone());
        }
        self.account.set(file.account);
        self.gateways.set(file.gateways);
        self.settings.set(file.settings);
        self.discard_draft();
    }

    /// Back to the default seed: no gateways, default settings, no draft.
    pub fn reset(&self) {
        if let Some(connection) = self.remote.get_untracked() {
            self.remote_call(
                "Resetting the sandbox of",
                connection.project_id.clone(),
                async move { remote_api::reset_account(&connection).await },
            );
            return;
        }
        self.import_state(StateFile {
            format: STATE_FILE_FORMAT.to_owned(),
            schema_version: STATE_FILE_VERSION,
            account: Account::default_seed(),
            gateways: Vec::new(),
            settings: Settings::default(),
        });
    }

    /// Whether the console works against apig-mock.
    pub fn is_remote(&self) -> bool {
        self.remote.with_untracked(Option::is_some)
    }

    /// Reads the account and the gateways from apig-mock (no-op in browser mode, or while a
    /// sync is under way).
    pub fn sync(&self) {
        let Some(connection) = self.remote.get_untracked() else {
            return;
        };
        if self.syncing.get_value() {
            return;
        }
        self.syncing.set_value(true);
        let store = *self;
        leptos::task::spawn_local(async move {
            let result = async {
                // The API's list says which gateways exist; the stored records (same core,
                // same timestamps) give the pages and the pre-checks every detail.
                let listed = remote_api::list_instances(&connection).await?;
                let account = remote_api::fetch_account(&connection).await?;
                let mut gateways = remote_api::fetch_gateways(&connection).await?;
                gateways.retain(|g| listed.instances.iter().any(|i| i.id == g.id.as_str()));
                let speed = remote_api::fetch_speed(&connection).await?;
                Ok::<_, ApiError>((account, gateways, speed))
            }
            .await;
            store.syncing.set_value(false);
            // The setting may have changed while the answer was on its way.
            if store
                .remote
                .with_untracked(|r| r.as_ref() != Some(&connection))
            {
                return;
            }
            match result {
                Ok((account, gateways, speed)) => {
                    store.catch_up_clock();
                    if let Some(region) = account
                        .region_of_project(&connection.project_id)
                        .map(|r| r.id.clone())
                        && store.region.get_untracked() != region
                    {
                        store.region.set(region);
                    }
                    if store.account.with_untracked(|a| *a != account) {
                        store.account.set(account);
                    }
                    if store.gateways.with_untracked(|g| *g != gateways) {
                        store.gateways.set(gateways);
                    }
                    // The Sandbox page shows the server's speed, not this browser's setting
                    // (which stays in storage for when the console works locally again).
                    if store.settings.with_untracked(|s| s.speed != speed) {
                        store.settings.update(|s| s.speed = speed);
                    }
                    store.remote_state.set(RemoteState::Synced(now_ms()));
                }
                Err(e) => store.remote_state.set(RemoteState::Failed(e.to_string())),
            }
        });
    }

    /// Runs an API call for `what` `name`; the header shows it as waiting until apig-mock
    /// answers. Acceptance is announced; a refusal becomes an error banner with the API's code
    /// and message. The state is read from the server again either way.
    fn remote_call(
        &self,
        what: &'static str,
        name: String,
        call: impl Future<Output = Result<(), ApiError>> + 'static,
    ) {
        let store = *self;
        store.in_flight.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let outcome = call.await;
            store.in_flight.update(|n| *n = n.saturating_sub(1));
            match outcome {
                Ok(()) => store.announce(format!("apig-mock accepted: {what} {name}.")),
                Err(e) => {
                    let text = format!("apig-mock refused: {what} {name}: {e}");
                    store.announce(text.clone());
                    store.banner(BannerKind::Error, text);
                }
            }
            // A sync in flight may have read the state before this call; wait for it.
            while store.syncing.get_value() {
                gloo_timer(50).await;
            }
            store.sync();
        });
    }

    /// Switches the backend: saves the setting (the secret key to sessionStorage only) and
    /// loads the state from where it now lives.
    pub fn set_backend(
        &self,
        config: BackendConfig,
        secret_key: Option<&str>,
    ) -> Result<(), String> {
        let connection = match config.kind {
            BackendKind::Browser => None,
            BackendKind::Mock => Some(
                config
                    .connection(secret_key.unwrap_or_default())
                    .map_err(|e| e.to_string())?,
            ),
        };
        let secret = connection.as_ref().map(|c| c.secret_key.as_str());
        let saved = self.backend.with_value(|local| {
            self.session
                .with_value(|session| remote_api::save(local, session, &config, secret))
        });
        if let Err(e) = saved {
            self.report(&e);
        }
        self.backend_config.set(config);
        self.remote_state.set(RemoteState::Idle);
        self.remote.set(connection);
        if self.is_remote() {
            self.sync();
        } else {
            self.reload_local();
        }
        Ok(())
    }

    /// Back to this browser's account and gateways.
    fn reload_local(&self) {
        let now = self.catch_up_clock();
        let backend = self.backend.get_value();
        // As before switching: what cannot be loaded falls back to the default, unreported.
        let mut ignored = Vec::new();
        let account = load_slot(&backend, &ACCOUNT_SLOT, now, &mut ignored)
            .unwrap_or_else(Account::default_seed);
        let gateways: Vec<Gateway> =
            load_slot(&backend, &GATEWAYS_SLOT, now, &mut ignored).unwrap_or_default();
        let settings: Settings =
            load_slot(&backend, &SETTINGS_SLOT, now, &mut ignored).unwrap_or_default();
        if account.region(&self.region.get_untracked()).is_none()
            && let Some(region) = account.regions.first()
        {
            self.region.set(region.id.clone());
        }
        self.account.set(account);
        self.gateways.set(gateways);
        self.settings.set(settings);
    }

    /// Moves the clock to the present and returns it. The tick does so, and so does everything
    /// that lets records from elsewhere (apig-mock, another tab, a file) replace the signals: an
    /// operation they hold may have started after the last tick, and a status derived at that
    /// older tick would read `Updating` until the next one, disabling every form meanwhile.
    fn catch_up_clock(&self) -> u64 {
        let now = now_ms();
        self.now.set(now);
        now
    }

    /// Says `text` to screen readers through the live region.
    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    /// Drops gateways whose deletion has finished, releasing their addresses.
    fn sweep_deleted(&self, now: u64) {
        if self.is_remote() {
            // apig-mock drops finished deletions itself; the next sync shows it.
            return;
        }
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
        let ticks = StoredValue::new(0_u32);
        let tick = move || {
            let now = self.catch_up_clock();
            self.sweep_deleted(now);
            if self.is_remote() {
                // Every second while an operation is under way, else every 5 seconds.
                ticks.update_value(|t| *t = t.wrapping_add(1));
                let busy = self
                    .gateways
                    .with_untracked(|g| g.iter().any(|gw| gw.status(now).is_busy()));
                let n = ticks.get_value();
                if (busy && n.is_multiple_of(2)) || n.is_multiple_of(10) {
                    self.sync();
                }
            }
        };
        self.sync();
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

/// Waits `ms` milliseconds.
async fn gloo_timer(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Loads one slot; what cannot be loaded (a corrupt value, already backed up, or a storage
/// error) is added to `problems`.
fn load_slot<T: serde::de::DeserializeOwned>(
    backend: &Backend,
    slot: &Slot,
    now: u64,
    problems: &mut Vec<StorageError>,
) -> Option<T> {
    match storage::load::<T>(backend, slot, now) {
        Ok(Loaded::Value(v)) => Some(v),
        Ok(Loaded::Absent) => None,
        Ok(Loaded::Corrupt(e)) | Err(e) => {
            problems.push(e);
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
