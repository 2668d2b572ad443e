//! APIs (`ApiCreate` and the answers `ApiInfoPerPage` / `CreateApiV2Response`), with their
//! front-end parameters, backend parameters, HTTP backend and mock backend.

use serde::{Deserialize, Serialize};

use crate::api::null_as_default;

/// `auth_opt` (SDK `AuthOpt`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthOpt {
    /// `DISABLE` (default) or `HEADER` (simple authentication by `X-Apig-AppCode`).
    pub app_code_auth_type: Option<String>,
}

/// A front-end request parameter (SDK `ReqParamBase` / `ReqParam`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReqParam {
    /// Parameter ID (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name, 1–32 characters.
    pub name: String,
    /// `STRING` or `NUMBER`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `PATH`, `QUERY` or `HEADER`.
    pub location: String,
    /// Default value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
    /// 1 required, 2 optional (PATH parameters are always required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<i64>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// 1 pass the parameter through to the backend, 2 do not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass_through: Option<i64>,
}

/// A backend parameter (SDK `BackendParamBase` / `BackendParam`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackendParam {
    /// Parameter ID (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `REQUEST`, `CONSTANT` or `SYSTEM`.
    pub origin: String,
    /// Name at the backend.
    pub name: String,
    /// `PATH`, `QUERY` or `HEADER`.
    pub location: String,
    /// REQUEST: the front-end parameter's name; CONSTANT: the value; SYSTEM: `$context.*`.
    pub value: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// `backend_api.vpc_channel_info` (SDK `ApiBackendVpcReq`); VPC channels are not emulated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpcChannelInfo {
    /// Channel ID.
    pub vpc_channel_id: String,
    /// Host header sent to the channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_channel_proxy_host: Option<String>,
}

/// The HTTP backend (SDK `BackendApiCreate` / `BackendApi`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackendApi {
    /// Backend ID (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `HTTP` or `HTTPS`.
    pub req_protocol: String,
    /// Method, `ANY` allowed.
    pub req_method: String,
    /// Path at the backend, `{param}` allowed.
    pub req_uri: String,
    /// `host[:port]`.
    pub url_domain: Option<String>,
    /// Timeout in ms (required, at least 1).
    pub timeout: Option<i64>,
    /// Retries: `-1` (default) … `10`, a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_count: Option<String>,
    /// 1 = through a VPC channel, 2 = direct.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_channel_status: Option<i64>,
    /// The VPC channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_channel_info: Option<VpcChannelInfo>,
    /// Two-way TLS to the backend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_client_ssl: Option<bool>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// 1 valid (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
}

/// The mock backend (SDK `ApiMockCreate` / `ApiMock`). `status_code` is what Terraform sends;
/// the SDK's model lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MockInfo {
    /// Mock ID (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The body answered.
    pub result_content: Option<String>,
    /// HTTP status answered (default 200).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i64>,
    /// Version, at most 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// 1 valid (answers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
}

/// Body of `POST …/apis` and `PUT …/apis/{api_id}` (SDK `ApiCreate`). Only the fields the
/// emulator uses; the rest (function backends, policies, tracing) are read and ignored, or
/// refused by the core when they ask for what is not emulated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiRequest {
    /// Name (required), 3–255 characters.
    pub name: String,
    /// 1 public, 2 private (required).
    #[serde(rename = "type")]
    pub kind: Option<i64>,
    /// `HTTP`, `HTTPS`, `BOTH` or `GRPCS` (required).
    pub req_protocol: String,
    /// `GET` … `OPTIONS` or `ANY` (required).
    pub req_method: String,
    /// Path with `{p}` / `{p+}` parameters (required).
    pub req_uri: String,
    /// `NONE`, `APP`, `IAM` or `AUTHORIZER` (required).
    pub auth_type: String,
    /// Options of APP authentication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_opt: Option<AuthOpt>,
    /// Answer CORS preflights and add CORS headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cors: Option<bool>,
    /// `NORMAL` (exact, default) or `SWA` (prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub match_mode: Option<String>,
    /// `HTTP`, `FUNCTION`, `MOCK` or `GRPC` (required).
    pub backend_type: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// The group (required).
    pub group_id: String,
    /// Description of the request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_remark: Option<String>,
    /// Example of a successful answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_normal_sample: Option<String>,
    /// Example of a failed answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_failure_sample: Option<String>,
    /// Custom authorizer (AUTHORIZER only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_id: Option<String>,
    /// Tags of the API.
    #[serde(
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<String>,
    /// The mock backend (MOCK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mock_info: Option<MockInfo>,
    /// The function backend (FUNCTION; not emulated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub func_info: Option<serde_json::Value>,
    /// Front-end parameters.
    #[serde(
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub req_params: Vec<ReqParam>,
    /// Backend parameters.
    #[serde(
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub backend_params: Vec<BackendParam>,
    /// The HTTP backend (HTTP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend_api: Option<BackendApi>,
}

/// An API as answered by create, show, update and list (SDK `CreateApiV2Response` /
/// `ApiInfoPerPage`). `run_env_*` and `publish_*` hold one entry per environment the API is
/// published in, joined with `|`, positions aligned (Terraform splits them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiInfo {
    /// API ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// 1 public, 2 private.
    #[serde(rename = "type")]
    pub kind: i64,
    /// Request protocol.
    pub req_protocol: String,
    /// Method.
    pub req_method: String,
    /// Path.
    pub req_uri: String,
    /// Authentication.
    pub auth_type: String,
    /// Options of APP authentication.
    pub auth_opt: AuthOpt,
    /// CORS on.
    pub cors: bool,
    /// `NORMAL` or `SWA`.
    pub match_mode: String,
    /// `HTTP` or `MOCK`.
    pub backend_type: String,
    /// Description.
    pub remark: Option<String>,
    /// The group.
    pub group_id: String,
    /// The group's name.
    pub group_name: String,
    /// Always `V1`.
    pub group_version: String,
    /// Description of the request body.
    pub body_remark: Option<String>,
    /// Example of a successful answer.
    pub result_normal_sample: Option<String>,
    /// Example of a failed answer.
    pub result_failure_sample: Option<String>,
    /// Tags.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// 1 valid.
    pub status: i64,
    /// Creation time.
    pub register_time: String,
    /// Last change.
    pub update_time: String,
    /// IDs of the environments the API is published in, `|`-joined.
    pub run_env_id: Option<String>,
    /// Their names, `|`-joined.
    pub run_env_name: Option<String>,
    /// The publication records, `|`-joined.
    pub publish_id: Option<String>,
    /// The publication times, `|`-joined.
    pub publish_time: Option<String>,
    /// The mock backend.
    pub mock_info: Option<MockInfo>,
    /// The HTTP backend.
    pub backend_api: Option<BackendApi>,
    /// Front-end parameters.
    #[serde(deserialize_with = "null_as_default")]
    pub req_params: Vec<ReqParam>,
    /// Backend parameters.
    #[serde(deserialize_with = "null_as_default")]
    pub backend_params: Vec<BackendParam>,
}

/// Answer of `GET …/apis` (SDK `ListApisV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub apis: Vec<ApiInfo>,
}
