//! Shared state of the handlers: the store, the credentials, the default speed, the clock,
//! injected faults and the optional console directory.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use apig_core::account::Account;
use apig_core::lifecycle::{CreationSpeed, InjectedFailure};
use serde::{Deserialize, Serialize};

use crate::config::Credentials;
use crate::error::AppError;
use crate::store::{Snapshot, Store};

/// A clock in epoch milliseconds (tests substitute their own).
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    })
}

/// The caller established by the signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The access key that signed the request.
    pub access_key: String,
    /// The project ID of the credential: the key of the caller's sandbox account.
    pub account_key: String,
}

/// One injected error: the next call of a route answers it instead of running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteError {
    /// HTTP method to match (`None`: any).
    #[serde(default)]
    pub method: Option<String>,
    /// The route template (`/v2/{project_id}/apigw/instances`) or the literal path.
    pub route: String,
    /// The HTTP status to answer.
    pub status: u16,
    /// The `error_code` to answer.
    pub error_code: String,
    /// The `error_msg` to answer.
    #[serde(default)]
    pub error_msg: String,
}

/// Most injected route errors one account may have waiting.
pub const MAX_INJECTED_ERRORS: usize = 100;
/// Largest injected latency: 30 s (below the request timeout of [`crate::serve::Limits`]).
pub const MAX_LATENCY_MS: u64 = 30_000;
/// Longest `method`, `route`, `error_code` or `error_msg` of an injected error, in bytes.
pub const MAX_FAULT_TEXT_BYTES: usize = 1024;

impl RouteError {
    /// The field that is too long, if one is.
    fn too_long(&self) -> Option<&'static str> {
        [
            ("method", self.method.as_deref().unwrap_or_default()),
            ("route", self.route.as_str()),
            ("error_code", self.error_code.as_str()),
            ("error_msg", self.error_msg.as_str()),
        ]
        .into_iter()
        .find(|(_, text)| text.len() > MAX_FAULT_TEXT_BYTES)
        .map(|(field, _)| field)
    }
}

/// Why faults were not added: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRefusal {
    /// The request field.
    pub field: &'static str,
    /// What to do.
    pub message: String,
}

/// What an account's faults amount to: the answer of adding some (a count, not the list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultCounts {
    /// The pending create failure.
    pub create_failure: Option<InjectedFailure>,
    /// How many route errors are waiting.
    pub next_errors: usize,
    /// The latency added to every API call, in milliseconds.
    pub latency_ms: u64,
}

/// The faults injected into one account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faults {
    /// The next create fails at this step with this code (consumed by that create).
    pub create_failure: Option<InjectedFailure>,
    /// Errors for the next call of a route, each used once, in order.
    pub next_errors: Vec<RouteError>,
    /// Latency added to every API call of the account, in milliseconds.
    pub latency_ms: u64,
}

impl Faults {
    /// Adds faults, within [`MAX_INJECTED_ERRORS`], [`MAX_LATENCY_MS`] and
    /// [`MAX_FAULT_TEXT_BYTES`]; on a refusal nothing changes.
    pub fn add(
        &mut self,
        create_failure: Option<InjectedFailure>,
        errors: Vec<RouteError>,
        latency_ms: Option<u64>,
    ) -> Result<(), FaultRefusal> {
        if let Some(latency) = latency_ms.filter(|&l| l > MAX_LATENCY_MS) {
            return Err(FaultRefusal {
                field: "latency_ms",
                message: format!("{latency} is above the largest, {MAX_LATENCY_MS} ms"),
            });
        }
        if let Some(field) = errors.iter().find_map(RouteError::too_long) {
            return Err(FaultRefusal {
                field,
                message: format!("is longer than {MAX_FAULT_TEXT_BYTES} bytes"),
            });
        }
        if self.next_errors.len() + errors.len() > MAX_INJECTED_ERRORS {
            return Err(FaultRefusal {
                field: "next_errors",
                message: format!(
                    "would be {} + {} errors waiting, above {MAX_INJECTED_ERRORS}; clear them \
                     first (DELETE the faults)",
                    self.next_errors.len(),
                    errors.len()
                ),
            });
        }
        if let Some(failure) = create_failure {
            self.create_failure = Some(failure);
        }
        self.next_errors.extend(errors);
        if let Some(latency) = latency_ms {
            self.latency_ms = latency;
        }
        Ok(())
    }

    /// The counts of these faults.
    pub fn counts(&self) -> FaultCounts {
        FaultCounts {
            create_failure: self.create_failure,
            next_errors: self.next_errors.len(),
            latency_ms: self.latency_ms,
        }
    }
}

/// Everything the handlers share.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    credentials: Credentials,
    default_speed: CreationSpeed,
    clock: Clock,
    faults: Mutex<HashMap<String, Faults>>,
    dist: Option<PathBuf>,
    dataplane: crate::dataplane::DataPlane,
}

impl AppState {
    /// State over a store and credentials, with the `fast` default speed and the system clock.
    pub fn new(store: Store, credentials: Credentials) -> Self {
        Self::build(
            store,
            credentials,
            CreationSpeed::Fast,
            system_clock(),
            None,
        )
    }

    /// State with every setting given.
    pub fn build(
        store: Store,
        credentials: Credentials,
        default_speed: CreationSpeed,
        clock: Clock,
        dist: Option<PathBuf>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                credentials,
                default_speed,
                clock,
                faults: Mutex::new(HashMap::new()),
                dist,
                dataplane: crate::dataplane::DataPlane::default(),
            }),
        }
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Now, in epoch milliseconds.
    pub fn now_ms(&self) -> u64 {
        (self.inner.clock)()
    }

    /// The speed used when an account has none set.
    pub fn default_speed(&self) -> CreationSpeed {
        self.inner.default_speed
    }

    /// The data plane's counters and host memory.
    pub fn dataplane(&self) -> &crate::dataplane::DataPlane {
        &self.inner.dataplane
    }

    /// The directory of the built console, if served.
    pub fn dist(&self) -> Option<&PathBuf> {
        self.inner.dist.as_ref()
    }

    /// Runs `f` with the faults of an account (created empty when missing).
    pub fn with_faults<T>(&self, account_key: &str, f: impl FnOnce(&mut Faults) -> T) -> T {
        let mut all = self
            .inner
            .faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(all.entry(account_key.to_owned()).or_default())
    }

    /// Reads the caller's account on a blocking thread.
    pub async fn read<T: Send + 'static>(
        &self,
        caller: &Caller,
        read: impl FnOnce(&Snapshot, u64) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        // A cached account is read right here; a miss goes to the
        // blocking pool, which may touch SQLite.
        if let Some(cached) = self.store().try_cached(&caller.account_key) {
            let now = self.now_ms();
            return cached.read(now, |snap| read(snap, now));
        }
        let state = self.clone();
        let key = caller.account_key.clone();
        blocking(move || {
            let now = state.now_ms();
            let seed_key = key.clone();
            state.store().read(
                &key,
                move || seed_account(&seed_key),
                now,
                |snap| read(snap, now),
            )
        })
        .await
    }

    /// Changes the caller's account; the result comes once its group commit is durable. The
    /// write is queued for the store's leader; when none is running, this call starts one on
    /// the blocking pool. Waiting for the answer takes no thread.
    pub async fn write<T: Send + 'static>(
        &self,
        caller: &Caller,
        change: impl FnOnce(&mut Snapshot, u64) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let now = self.now_ms();
        let seed_key = caller.account_key.clone();
        let (answer, result) = tokio::sync::oneshot::channel();
        let lead = self.store().enqueue(
            &caller.account_key,
            move || seed_account(&seed_key),
            now,
            move |snap| change(snap, now),
            move |r| {
                let _ = answer.send(r);
            },
        )?;
        if lead {
            let state = self.clone();
            // Not awaited: the leader answers every queued writer, this one included.
            drop(tokio::task::spawn_blocking(move || state.store().lead()));
        }
        result
            .await
            .map_err(|_| AppError::Internal("the write was lost: its commit stopped".into()))?
    }
}

/// Runs blocking work (`SQLite`) off the async workers.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(format!("worker task failed: {e}")))?
}

/// The sandbox account a credential starts with: the core's default seed, with the first
/// region's project ID replaced by the credential's project unless the seed already has it.
pub fn seed_account(project_id: &str) -> Account {
    let mut account = Account::default_seed();
    if account.region_of_project(project_id).is_none()
        && let Some(first) = account.regions.first_mut()
    {
        project_id.clone_into(&mut first.project_id);
    }
    account
}
