//! Publication: one API (`ApiActionInfo` → `PublishResp`), a batch (`ApiBatchPublish` →
//! `success` / `failure`), versions (`ApiVersionResp`, `ApiVersion`).

use serde::{Deserialize, Serialize};

use crate::api::null_as_default;

/// Body of `POST …/apis/action` (SDK `ApiActionInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiActionRequest {
    /// `online` or `offline` (required).
    pub action: String,
    /// The environment (required).
    pub env_id: String,
    /// The API (required).
    pub api_id: String,
    /// Description of this publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// A publication record (SDK `PublishResp`, the answer of `POST …/apis/action`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublishResp {
    /// Publication record ID.
    pub publish_id: String,
    /// The API.
    pub api_id: String,
    /// Its name.
    pub api_name: String,
    /// The environment.
    pub env_id: String,
    /// Description.
    pub remark: Option<String>,
    /// Publication time.
    pub publish_time: String,
    /// The version this publication made.
    pub version_id: String,
}

/// Body of `POST …/apis/publish?action=online|offline` (SDK `ApiBatchPublish`): the APIs
/// listed, or every API of `group_id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchPublishRequest {
    /// API IDs (at most 1000).
    #[serde(
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub apis: Vec<String>,
    /// A group, all of whose APIs are meant (when `apis` is empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The environment (required).
    pub env_id: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// One API a batch could not publish or take offline (SDK `BatchFailure`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchFailure {
    /// The API.
    pub api_id: String,
    /// Its name (empty when the API does not exist).
    pub api_name: String,
    /// Why, as an `APIG.xxxx` code.
    pub error_code: String,
    /// Why, in words.
    pub error_msg: String,
}

/// Answer of the batch (SDK `BatchPublishOrOfflineApiV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchPublishResponse {
    /// What was done.
    #[serde(deserialize_with = "null_as_default")]
    pub success: Vec<PublishResp>,
    /// What was not.
    #[serde(deserialize_with = "null_as_default")]
    pub failure: Vec<BatchFailure>,
}

/// A published version (SDK `ApiVersionResp`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiVersionResp {
    /// Version ID.
    pub version_id: String,
    /// Version number, e.g. `20261203071500`.
    pub version_no: String,
    /// The API.
    pub api_id: String,
    /// The environment.
    pub env_id: String,
    /// Its name.
    pub env_name: String,
    /// Description of the publication.
    pub remark: Option<String>,
    /// Publication time.
    pub publish_time: String,
    /// 1 = the version in effect, 2 = not.
    pub status: i64,
}

/// Answer of `GET …/apis/publish/{api_id}` (SDK `ListApiVersionsV2Response`), newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiVersionList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub api_versions: Vec<ApiVersionResp>,
}

/// Body of `PUT …/apis/publish/{api_id}` (SDK `ApiVersion`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiVersionRequest {
    /// The version to put in effect (required).
    pub version_id: String,
}
