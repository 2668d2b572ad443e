//! Environments (`EnvCreate`, `EnvInfo`).

use serde::{Deserialize, Serialize};

use crate::api::null_as_default;

/// Body of `POST …/envs` and `PUT …/envs/{env_id}` (SDK `EnvCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvRequest {
    /// Name (required), 3–64 characters.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// An environment (SDK `EnvInfo`, also the create and update answers).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvInfo {
    /// Environment ID (`DEFAULT_ENVIRONMENT_RELEASE_ID` for RELEASE).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub remark: Option<String>,
    /// Creation time.
    pub create_time: String,
}

/// Answer of `GET …/envs` (SDK `ListEnvironmentsV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub envs: Vec<EnvInfo>,
}
