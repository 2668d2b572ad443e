//! Apps (`AppCreate`, `AppInfo`, `AppResetCreate`) and their authorizations
//! (`ApiAuthCreate`, `ApiAuthRelations`, `ApiAuthInfo`).

use serde::{Deserialize, Serialize};

use crate::api::null_as_default;

/// Body of `POST …/apps` and `PUT …/apps/{app_id}` (SDK `AppCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppRequest {
    /// Name (required), 3–64 characters.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// The app key, 8–200 characters (generated when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_key: Option<String>,
    /// The app secret, 8–128 characters (generated when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_secret: Option<String>,
}

/// Body of `PUT …/apps/secret/{app_id}` (SDK `AppResetCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppSecretRequest {
    /// The new secret (generated when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_secret: Option<String>,
}

/// An app (SDK `AppInfo` / `AppInfoWithBindNum`, also the create, update and reset answers).
/// The secret is answered in full: Terraform reads it from `GET …/apps/{app_id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppInfo {
    /// App ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub remark: Option<String>,
    /// Always `USER`.
    pub creator: String,
    /// The app key.
    pub app_key: String,
    /// The app secret.
    pub app_secret: String,
    /// Creation time.
    pub register_time: String,
    /// Last change.
    pub update_time: String,
    /// 1 valid.
    pub status: i64,
    /// Always `apig`.
    pub app_type: String,
    /// APIs the app is authorized for (lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind_num: Option<u64>,
}

/// Answer of `GET …/apps` (SDK `ListAppsV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub apps: Vec<AppInfo>,
}

/// Body of `POST …/app-auths` (SDK `ApiAuthCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthRequest {
    /// The environment (required).
    pub env_id: String,
    /// The apps (required).
    #[serde(deserialize_with = "null_as_default")]
    pub app_ids: Vec<String>,
    /// The APIs (required).
    #[serde(deserialize_with = "null_as_default")]
    pub api_ids: Vec<String>,
}

/// How one (API, app) pair of an authorization went (SDK `AuthResult`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthResult {
    /// `SUCCESS`, `SKIPPED` or `FAILED`.
    pub status: String,
    /// Why it failed.
    pub error_code: Option<String>,
    /// Why it failed, in words.
    pub error_msg: Option<String>,
    /// The API's name.
    pub api_name: String,
    /// The app's name.
    pub app_name: String,
}

/// One (API, app) pair of an authorization (SDK `ApiAuthRelations`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthRelation {
    /// Authorization ID (empty when it failed).
    pub id: String,
    /// The API.
    pub api_id: String,
    /// The app.
    pub app_id: String,
    /// The outcome.
    pub auth_result: AuthResult,
    /// Authorization time.
    pub auth_time: String,
    /// Always `PROVIDER`.
    pub auth_role: String,
    /// Always `NORMAL`.
    pub auth_tunnel: String,
}

/// Answer of `POST …/app-auths` (SDK `CreateAuthorizingAppsV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthResponse {
    /// One entry per (API, app) pair.
    #[serde(deserialize_with = "null_as_default")]
    pub auths: Vec<AuthRelation>,
}

/// An authorization as listed by `binded-apis` and `binded-apps` (SDK `ApiAuthInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthInfo {
    /// Authorization ID.
    pub id: String,
    /// The API.
    pub api_id: String,
    /// Its name.
    pub api_name: String,
    /// Its type (1 public, 2 private).
    pub api_type: i64,
    /// Its description.
    pub api_remark: Option<String>,
    /// Its group.
    pub group_id: String,
    /// The group's name.
    pub group_name: String,
    /// The environment.
    pub env_id: String,
    /// Its name.
    pub env_name: String,
    /// The app.
    pub app_id: String,
    /// Its name.
    pub app_name: String,
    /// Its description.
    pub app_remark: Option<String>,
    /// Always `apig`.
    pub app_type: String,
    /// Always `USER`.
    pub app_creator: String,
    /// The API's publication record in that environment.
    pub publish_id: String,
    /// Authorization time.
    pub auth_time: String,
    /// Always `PROVIDER`.
    pub auth_role: String,
    /// Always `NORMAL`.
    pub auth_tunnel: String,
}

/// Answer of `GET …/app-auths/binded-apis` and `…/binded-apps`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub auths: Vec<AuthInfo>,
}
