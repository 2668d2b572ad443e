//! Where the console's gateways live: this browser (localStorage, the default) or a running
//! `apig-mock`, reached over its signed APIG v2 API.
//!
//! The choice, the endpoint URL, the access key and the project ID are kept in localStorage
//! (the `backend` slot); the secret key only in sessionStorage, so it is gone when the tab
//! closes and never written where other tabs or later visits could read it. Every request is
//! signed with `apig_core::sign`, over the `Host` the browser will send.

mod client;
mod http;

pub use client::*;
pub use http::{ApiError, send};

use apig_core::sign::{SignError, SignableRequest, format_sdk_date, sign};
use serde::{Deserialize, Serialize};

use crate::storage::{self, Backend, Loaded, Slot, StorageError};

/// Which backend the console uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendKind {
    /// Everything in this browser's localStorage.
    #[default]
    Browser,
    /// A running `apig-mock`, through its API.
    Mock,
}

/// The backend setting as stored in localStorage. It has no secret key field on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackendConfig {
    /// Browser or apig-mock.
    pub kind: BackendKind,
    /// The mock's base URL, e.g. `http://127.0.0.1:8090`.
    pub endpoint: String,
    /// Access key (AK).
    pub access_key: String,
    /// Project ID (goes into the path and `X-Project-Id`).
    pub project_id: String,
}

fn migrate_none(_: u32, _: serde_json::Value) -> Option<serde_json::Value> {
    None
}

/// The localStorage slot of the backend setting.
pub const BACKEND_SLOT: Slot = Slot {
    name: "backend",
    version: 1,
    migrate: migrate_none,
};

/// The sessionStorage key of the secret key.
pub const SECRET_KEY_KEY: &str = "apig-console.backend-secret-key";

/// The default endpoint when the console is not served by apig-mock itself.
pub const DEFAULT_ENDPOINT: &str = "http://127.0.0.1:8090";

/// A complete apig-mock connection (the secret key lives only in memory and sessionStorage).
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// Base URL without a trailing slash.
    pub endpoint: String,
    /// The `Host` the browser sends for `endpoint`.
    pub host: String,
    /// Access key.
    pub access_key: String,
    /// Secret key.
    pub secret_key: String,
    /// Project ID.
    pub project_id: String,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("endpoint", &self.endpoint)
            .field("host", &self.host)
            .field("access_key", &self.access_key)
            .field("secret_key", &"(hidden)")
            .field("project_id", &self.project_id)
            .finish()
    }
}

/// Why a connection cannot be built from the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The endpoint is not an `http://` or `https://` URL with a host.
    #[error(
        "The endpoint \"{0}\" is not a URL like http://127.0.0.1:8090 (http or https, a host, an optional port, no path)."
    )]
    Endpoint(String),
    /// A value is missing.
    #[error("{0} is required.")]
    Missing(&'static str),
    /// The project ID is not 32 lower-case hexadecimal characters.
    #[error("The project ID must be 32 lower-case hexadecimal characters.")]
    ProjectId,
}

/// The `Host` header a browser sends for `endpoint` (default ports are left out, as browsers
/// do), and the endpoint without a trailing slash.
pub fn endpoint_host(endpoint: &str) -> Result<(String, String), ConfigError> {
    let trimmed = endpoint.trim().trim_end_matches('/');
    let bad = || ConfigError::Endpoint(endpoint.trim().to_owned());
    let (scheme, rest) = trimmed.split_once("://").ok_or_else(bad)?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err(bad()),
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
        return Err(bad());
    }
    let (name, port) = if let Some(bracketed) = rest.strip_prefix('[') {
        let (address, after) = bracketed.split_once(']').ok_or_else(bad)?;
        let port = match after {
            "" => None,
            other => Some(other.strip_prefix(':').ok_or_else(bad)?),
        };
        (format!("[{address}]"), port)
    } else {
        match rest.split_once(':') {
            Some((name, port)) => (name.to_owned(), Some(port)),
            None => (rest.to_owned(), None),
        }
    };
    if name.is_empty() || name == "[]" {
        return Err(bad());
    }
    if let Some(port) = port
        && (port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().is_err())
    {
        return Err(bad());
    }
    let name = name.to_ascii_lowercase();
    let host = match port {
        Some(port) if port != default_port => format!("{name}:{port}"),
        _ => name,
    };
    Ok((format!("{}://{rest}", scheme.to_ascii_lowercase()), host))
}

impl BackendConfig {
    /// The connection this setting and `secret_key` make.
    pub fn connection(&self, secret_key: &str) -> Result<Connection, ConfigError> {
        let (endpoint, host) = endpoint_host(&self.endpoint)?;
        let access_key = self.access_key.trim();
        if access_key.is_empty() {
            return Err(ConfigError::Missing("The access key (AK)"));
        }
        if secret_key.is_empty() {
            return Err(ConfigError::Missing("The secret key (SK)"));
        }
        let project_id = self.project_id.trim();
        if project_id.is_empty() {
            return Err(ConfigError::Missing("The project ID"));
        }
        if project_id.len() != 32
            || !project_id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(ConfigError::ProjectId);
        }
        Ok(Connection {
            endpoint,
            host,
            access_key: access_key.to_owned(),
            secret_key: secret_key.to_owned(),
            project_id: project_id.to_owned(),
        })
    }
}

impl Connection {
    /// A signed request: `Content-Type`, `Host`, `X-Project-Id`, `X-Sdk-Date` and
    /// `Authorization`, as the SDK sends them. `raw_query` is already encoded.
    pub fn signed(
        &self,
        method: &str,
        path: &str,
        raw_query: &str,
        body: &str,
        now_ms: u64,
    ) -> Result<SignableRequest, SignError> {
        let mut request = SignableRequest::new(method, path)
            .with_query(raw_query)
            .with_header("Content-Type", "application/json")
            .with_header("Host", &self.host)
            .with_header("X-Project-Id", &self.project_id)
            .with_body(body.as_bytes().to_vec());
        let date = format_sdk_date(i64::try_from(now_ms / 1000).unwrap_or(i64::MAX))?;
        sign(&mut request, &self.access_key, &self.secret_key, &date)?;
        Ok(request)
    }
}

/// Loads the backend setting (localStorage) and the secret key (sessionStorage).
pub fn load(
    local: &Backend,
    session: &Backend,
    now_ms: u64,
) -> Result<(BackendConfig, Option<String>), StorageError> {
    let config = match storage::load::<BackendConfig>(local, &BACKEND_SLOT, now_ms)? {
        Loaded::Value(config) => config,
        Loaded::Absent => BackendConfig::default(),
        Loaded::Corrupt(error) => return Err(error),
    };
    let secret = session.get(SECRET_KEY_KEY)?.filter(|s| !s.is_empty());
    Ok((config, secret))
}

/// Saves the backend setting to `local` and the secret key to `session` only (an empty or
/// absent key removes it).
pub fn save(
    local: &Backend,
    session: &Backend,
    config: &BackendConfig,
    secret_key: Option<&str>,
) -> Result<(), StorageError> {
    storage::save(local, &BACKEND_SLOT, config)?;
    match secret_key.filter(|s| !s.is_empty()) {
        Some(secret) => session.set(SECRET_KEY_KEY, secret),
        None => session.remove(SECRET_KEY_KEY),
    }
}
