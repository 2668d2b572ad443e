//! The state file: the whole console state as exported to and imported from
//! `apig-console-state.json` (schema version 1), and its checks on import.

use apig_core::account::{Account, SCHEMA_VERSION};
use apig_core::export::indent_json;
use apig_core::gateway::Gateway;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::state::Settings;

/// The version of the export file's shape ([`StateFile`]).
pub const STATE_FILE_VERSION: u32 = 1;
/// The `format` marker of an export file.
pub const STATE_FILE_FORMAT: &str = "apig-console-state";
/// The name the export is downloaded as.
pub const STATE_FILE_NAME: &str = "apig-console-state.json";

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

impl StateFile {
    /// A file holding `account`, `gateways` and `settings`.
    pub fn new(account: Account, gateways: Vec<Gateway>, settings: Settings) -> StateFile {
        StateFile {
            format: STATE_FILE_FORMAT.to_owned(),
            schema_version: STATE_FILE_VERSION,
            account,
            gateways,
            settings,
        }
    }

    /// The default seed: the seed account, no gateways, default settings.
    pub fn seed() -> StateFile {
        StateFile::new(Account::default_seed(), Vec::new(), Settings::default())
    }

    /// The file's text: indented JSON.
    pub fn to_text(&self) -> Result<String, String> {
        // Compact, then re-indented: the same text `to_string_pretty` writes, without a
        // pretty-printing copy of every `Serialize` impl in the wasm.
        serde_json::to_string(self)
            .map(|compact| indent_json(&compact))
            .map_err(|e| format!("The state could not be written as JSON: {e}."))
    }
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
