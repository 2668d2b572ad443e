//! The console's state: one store provided through context.
//!
//! The store holds the sandbox account, the gateways, the settings and the purchase draft in
//! signals and owns every operation on them: purchase, change, delete, account and settings
//! edits, import, reset and sync. Each operation runs the core's rules on the signals' values
//! and hands the result to the store's [`Home`], where gateways live — this browser
//! ([`local`]: localStorage through [`crate::storage`]) or a running apig-mock ([`remote`]:
//! its signed API). Pages call the operations and never ask which home is in use. A clock
//! signal makes statuses (derived from stored timestamps by the core) move on their own; the
//! clock and the listener that follows other tabs are removed when the store's owner unmounts.

mod apis;
mod home;
mod local;
mod manage;
mod remote;
mod try_it;

pub use apis::{Answered, CallError, Created};
pub use home::Home;
pub use local::{ACCOUNT_SLOT, DRAFT_SLOT, GATEWAYS_SLOT, SETTINGS_SLOT};
pub use manage::ManageError;
pub use try_it::{TryCall, TryError, TryOutcome, TryStep, TryStepKind, reaches_by_name};

use apig_core::account::check::check_edit;
use apig_core::account::{Account, Region};
use apig_core::gateway::Gateway;
use apig_core::lifecycle::{CreationSpeed, InjectedFailure};
use apig_core::plan::apply_plan;
use apig_core::region::SANDBOX_REGIONS;
use apig_core::validate::{Draft, Problem, validate};
use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::backend::{self as remote_api, BackendConfig, BackendKind, Connection};
use crate::i18n::Lang;
use crate::state_file::StateFile;
use crate::storage::{self, Backend, StorageError};
use home::Op;
use local::load_slot;

/// Console settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How fast new gateways get created.
    pub speed: CreationSpeed,
    /// A failure the next creation ends with (cleared once used).
    pub next_failure: Option<InjectedFailure>,
    /// The language chosen in the header; `None` follows the browser's preferred languages.
    /// It belongs to this browser: stored here whichever backend is in use.
    pub language: Option<Lang>,
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
    /// The English text.
    pub text: String,
    /// A storage problem, which the banner writes in the reader's language.
    pub storage: Option<StorageError>,
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
    /// The toasts shown (see [`crate::components::toast`]).
    pub toasts: RwSignal<Vec<crate::components::toast::Toast>>,
    /// The console's language (the stored choice, else the browser's).
    pub lang: RwSignal<Lang>,
    /// The backend setting (without the secret key).
    pub backend_config: RwSignal<BackendConfig>,
    /// How the last exchange with apig-mock went.
    pub remote_state: RwSignal<RemoteState>,
    /// apig-mock calls sent and not answered yet (backend mode).
    pub in_flight: RwSignal<u32>,
    /// Where gateways live.
    home: RwSignal<Home>,
    storage: StoredValue<Backend, LocalStorage>,
    session: StoredValue<Backend, LocalStorage>,
    /// A sync with apig-mock is under way (no second one starts meanwhile).
    syncing: StoredValue<bool>,
    /// Deletions started here and not finished: ID, name and private IPs, for the toast that
    /// says the gateway is gone once it is.
    deleting: StoredValue<Vec<(String, String, usize)>>,
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

/// What runs while the store's owner is mounted: the clock, the listener that follows other
/// tabs, and the write of the seed account after the first paint. Dropping it stops them.
struct Running {
    _clock: Interval,
    _other_tabs: Option<EventListener>,
    _seed: Option<Timeout>,
}

impl Store {
    /// Opens storage, loads every slot and reports what could not be loaded. The flag says
    /// whether storage holds no account yet (a first visit), so [`Store::start`] stores the seed.
    pub fn open() -> (Store, bool) {
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
        let mut home = Home::Browser;
        let mut home_problem = None;
        if backend_config.kind == BackendKind::Mock {
            match backend_config.connection(secret.as_deref().unwrap_or_default()) {
                Ok(connection) => home = Home::Mock(connection),
                Err(e) => {
                    home_problem = Some(format!(
                        "The apig-mock backend is chosen but cannot be used in this tab: {e} The secret key is kept only for one tab; enter it again under Settings. Until then this browser's data is shown."
                    ));
                }
            }
        }
        // With apig-mock, nothing of this browser's gateways is shown until the first sync.
        let gateways = if home.keeps_records_here() {
            gateways
        } else {
            Vec::new()
        };
        let lang = settings.language.unwrap_or_else(Lang::from_browser);
        let store = Store {
            account: RwSignal::new(account),
            gateways: RwSignal::new(gateways),
            settings: RwSignal::new(settings),
            draft: RwSignal::new(draft),
            region: RwSignal::new(region),
            now: RwSignal::new(now),
            banners: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
            toasts: RwSignal::new(Vec::new()),
            lang: RwSignal::new(lang),
            backend_config: RwSignal::new(backend_config),
            remote_state: RwSignal::new(RemoteState::Idle),
            in_flight: RwSignal::new(0),
            home: RwSignal::new(home),
            storage: StoredValue::new_local(backend),
            session: StoredValue::new_local(session),
            syncing: StoredValue::new(false),
            deleting: StoredValue::new(Vec::new()),
        };
        for problem in problems {
            store.report(&problem);
        }
        if let Some(text) = home_problem {
            store.banner(BannerKind::Warning, text);
        }
        (store, account_absent)
    }

    /// Whether changes survive a reload.
    pub fn is_persistent(&self) -> bool {
        self.storage.with_value(Backend::is_persistent)
    }

    /// Whether the store's owner is still mounted (an answer may come after it is gone).
    fn is_alive(&self) -> bool {
        !self.syncing.is_disposed()
    }

    /// Shows `error` as a banner (once: the same text is not repeated).
    pub fn report(&self, error: &StorageError) {
        let kind = match error {
            StorageError::Unavailable(_) | StorageError::Corrupt { .. } => BannerKind::Warning,
            _ => BannerKind::Error,
        };
        self.push_banner(kind, error.to_string(), Some(error.clone()));
    }

    /// Shows a banner with `text`.
    pub fn banner(&self, kind: BannerKind, text: String) {
        self.push_banner(kind, text, None);
    }

    fn push_banner(&self, kind: BannerKind, text: String, storage: Option<StorageError>) {
        self.banners.update(|banners| {
            if banners.iter().all(|b| b.text != text) {
                let id = banners.iter().map(|b| b.id).max().unwrap_or(0) + 1;
                banners.push(Banner {
                    id,
                    kind,
                    text,
                    storage,
                });
            }
        });
    }

    /// Removes banner `id`.
    pub fn dismiss(&self, id: u32) {
        self.banners.update(|b| b.retain(|banner| banner.id != id));
    }

    /// Says `text` to screen readers through the live region.
    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    /// The sentence that announces a change of `subject`: `saved` once it is kept, or that it
    /// was sent where gateways live and the answer follows.
    pub fn acknowledge(&self, subject: &str, saved: String) -> String {
        let sent = self.lang.get_untracked().texts().gateway.sent;
        self.home
            .with_untracked(|home| home.acknowledge(subject, saved, sent))
    }

    /// The apig-mock connection in use, if any (tracked): for the header's badge and the
    /// Settings page, the only places that show which backend is in use.
    pub fn connection(&self) -> Option<Connection> {
        self.home.with(|home| home.connection().cloned())
    }

    /// Like [`Store::connection`], untracked.
    pub fn connection_untracked(&self) -> Option<Connection> {
        self.home.with_untracked(|home| home.connection().cloned())
    }

    /// The selected region of the account.
    pub fn current_region(&self) -> Option<Region> {
        let id = self.region.get();
        self.account.with(|a| a.region(&id).cloned())
    }

    /// Writes `data` to `slot` of this browser's storage, reporting a failure.
    fn write<T: Serialize>(&self, slot: &storage::Slot, data: &T) {
        if let Err(e) = self.storage.with_value(|b| storage::save(b, slot, data)) {
            self.report(&e);
        }
    }

    /// Saves the purchase draft.
    pub fn save_draft(&self, saved: SavedDraft) {
        self.write(&DRAFT_SLOT, &saved);
        self.draft.set(Some(saved));
    }

    /// Discards the purchase draft.
    pub fn discard_draft(&self) {
        if let Err(e) = self.storage.with_value(|b| storage::remove(b, &DRAFT_SLOT)) {
            self.report(&e);
        }
        self.draft.set(None);
    }

    /// Changes the settings (creation speed, the armed fault) where gateways live.
    pub fn set_settings(&self, settings: Settings) {
        let before = self.settings.get_untracked();
        self.home
            .get_untracked()
            .keep_settings(self, before, settings);
        self.settings.set(settings);
    }

    /// Switches the console to `lang` at once and stores the choice with this browser's
    /// settings (whichever backend is in use: the language is this browser's).
    pub fn set_language(&self, lang: Lang) {
        self.lang.set(lang);
        self.settings.update(|s| s.language = Some(lang));
        let now = now_ms();
        let mut problems = Vec::new();
        let mut stored: Settings = self
            .storage
            .with_value(|b| load_slot(b, &SETTINGS_SLOT, now, &mut problems))
            .unwrap_or_default();
        for problem in &problems {
            self.report(problem);
        }
        stored.language = Some(lang);
        self.write(&SETTINGS_SLOT, &stored);
    }

    /// Re-reads what another tab may have changed.
    fn refresh(&self) {
        self.home.get_untracked().refresh(self);
    }

    /// Creates the gateway the draft describes. What gateways live in is re-read first and
    /// the draft is validated against it, all in one synchronous step, so two tabs buying at
    /// once cannot exceed the quota or reuse an address.
    pub fn create(&self, saved: &SavedDraft) -> Result<Gateway, Vec<Problem>> {
        let home = self.home.get_untracked();
        home.refresh(self);
        let now = self.catch_up_clock();
        let mut account = self.account.get_untracked();
        let mut gateways = self.gateways.get_untracked();
        let plan = validate(&saved.draft, &account, &gateways, saved.nonce)
            .and_then(|plan| {
                apply_plan(&mut account, &plan)
                    .map(|()| plan)
                    .map_err(|e| vec![e.problem()])
            })
            .inspect_err(|problems| self.trace_refused_create(&home, saved, problems))?;
        let settings = self.settings.get_untracked();
        let (gateway, fault_used) = home.new_gateway(&plan, now, settings);
        gateways.push(gateway.clone());
        if fault_used {
            self.set_settings(Settings {
                next_failure: None,
                ..settings
            });
        }
        home.keep(self, &Op::create(&plan), &account, &gateways);
        self.account.set(account);
        self.gateways.set(gateways);
        self.discard_draft();
        Ok(gateway)
    }

    /// Records in the API trace that the core refused the purchase of `saved` with `problems`
    /// (the first is the answer; nothing when the draft cannot even form a request).
    fn trace_refused_create(&self, home: &Home, saved: &SavedDraft, problems: &[Problem]) {
        let request = apig_core::api::CreateInstanceV2Request::try_from(&saved.draft);
        if let (Ok(request), Some(problem)) = (request, problems.first()) {
            home.refused(self, &Op::Create(Box::new(request)), problem);
        }
    }

    /// Remembers that the deletion of gateway `id` (`name`, holding `private_ips`) started
    /// here, so its end can be told ([`Store::finished_deletion`]).
    pub fn note_deletion(&self, id: &str, name: &str, private_ips: usize) {
        self.deleting
            .update_value(|d| d.push((id.to_owned(), name.to_owned(), private_ips)));
    }

    /// The name and private IPs of gateway `id` if its deletion started here, now that it is
    /// gone (once).
    pub fn finished_deletion(&self, id: &str) -> Option<(String, usize)> {
        let mut found = None;
        self.deleting.update_value(|d| {
            if let Some(at) = d.iter().position(|(i, _, _)| i == id) {
                let (_, name, ips) = d.remove(at);
                found = Some((name, ips));
            }
        });
        found
    }

    /// Changes the sandbox account with `edit`, after re-reading it. The edited account must
    /// pass the core's account rules ([`check_edit`], as `PUT /_mock/{project}/account` does):
    /// else nothing changes and every problem the edit adds comes back.
    pub fn edit_account(&self, edit: impl FnOnce(&mut Account)) -> Result<(), Vec<Problem>> {
        let home = self.home.get_untracked();
        home.refresh(self);
        let before = self.account.get_untracked();
        let mut account = before.clone();
        edit(&mut account);
        check_edit(&before, &account)?;
        home.keep(self, &Op::Account, &account, &[]);
        self.account.set(account);
        Ok(())
    }

    /// The whole state, as an export file holds it.
    pub fn export_state(&self) -> StateFile {
        self.refresh();
        StateFile::new(
            self.account.get_untracked(),
            self.gateways.get_untracked(),
            self.settings.get_untracked(),
        )
    }

    /// Replaces account, gateways and settings with those of `file` (where gateways live
    /// allows it; else a banner says why and nothing changes).
    pub fn import_state(&self, mut file: StateFile) {
        // The language is the reader's, not the sandbox's: an import or a reset keeps it.
        file.settings.language = self.settings.with_untracked(|s| s.language);
        if !self.home.get_untracked().import(self, &file) {
            return;
        }
        self.catch_up_clock();
        self.replace_records(file.account, file.gateways);
        self.settings.set(file.settings);
        self.discard_draft();
    }

    /// Back to the default seed: no gateways, default settings, no draft.
    pub fn reset(&self) {
        self.home.get_untracked().reset(self);
    }

    /// Reads the account and the gateways again from where they live (a no-op in this
    /// browser, whose storage is read before every change).
    pub fn sync(&self) {
        self.home.get_untracked().sync(self);
    }

    /// Replaces the account and the gateways, keeping the region when the account has it.
    fn replace_records(&self, account: Account, gateways: Vec<Gateway>) {
        if account.region(&self.region.get_untracked()).is_none()
            && let Some(region) = account.regions.first()
        {
            self.region.set(region.id.clone());
        }
        self.account.set(account);
        self.gateways.set(gateways);
    }

    /// Switches the backend: saves the setting (the secret key to sessionStorage only) and
    /// loads the state from where it now lives.
    pub fn set_backend(
        &self,
        config: BackendConfig,
        secret_key: Option<&str>,
    ) -> Result<(), String> {
        let home = match config.kind {
            BackendKind::Browser => Home::Browser,
            BackendKind::Mock => Home::Mock(
                config
                    .connection(secret_key.unwrap_or_default())
                    .map_err(|e| e.to_string())?,
            ),
        };
        let secret = home.connection().map(|c| c.secret_key.as_str());
        let saved = self.storage.with_value(|local| {
            self.session
                .with_value(|session| remote_api::save(local, session, &config, secret))
        });
        if let Err(e) = saved {
            self.report(&e);
        }
        self.backend_config.set(config);
        self.remote_state.set(RemoteState::Idle);
        self.home.set(home.clone());
        home.enter(self);
        Ok(())
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

    /// Starts the clock (every 500 ms; apig-mock is polled from it) and follows other tabs;
    /// stores the seed account after the first paint when `seed` says storage holds none.
    /// Call once, from [`provide_store`]: everything started here stops when the current
    /// owner is cleaned up (the console unmounts).
    fn start(self, seed: bool) {
        let mut ticks = 0_u32;
        let clock = Interval::new(500, move || {
            ticks = ticks.wrapping_add(1);
            let now = self.catch_up_clock();
            self.home.get_untracked().tick(&self, now, ticks);
        });
        self.sync();
        let other_tabs = web_sys::window().map(|window| {
            EventListener::new(&window, "storage", move |event| {
                let key = wasm_bindgen::JsCast::dyn_ref::<web_sys::StorageEvent>(event)
                    .and_then(web_sys::StorageEvent::key);
                let relevant = key
                    .is_none_or(|k| k.starts_with(storage::KEY_PREFIX) && !k.contains(".backup-"));
                if relevant {
                    self.refresh();
                }
            })
        });
        // A first visit stores the seed, so the sandbox a person sees is the one in storage;
        // after the first paint, which does not need it. Not when another tab or a change
        // stored an account meanwhile. After a corrupt value nothing is written until the
        // person changes something.
        let seed = seed.then(|| {
            Timeout::new(0, move || {
                let absent = self
                    .storage
                    .with_value(|b| matches!(b.get(&ACCOUNT_SLOT.key()), Ok(None)));
                if absent {
                    self.account
                        .with_untracked(|a| self.write(&ACCOUNT_SLOT, a));
                }
            })
        });
        let running = StoredValue::new_local(Some(Running {
            _clock: clock,
            _other_tabs: other_tabs,
            _seed: seed,
        }));
        on_cleanup(move || running.set_value(None));
    }
}

/// Creates the store, starts its clock and provides it to every component below.
pub fn provide_store() -> Store {
    let (store, seed) = Store::open();
    store.start(seed);
    provide_context(store);
    store
}

/// The console's store (panics only outside [`crate::App`], a programming error).
pub fn use_store() -> Store {
    expect_context::<Store>()
}
