//! API groups (`ApiGroupCreate`, `ApiGroupInfo`, `SlDomainAccessSetting`) and independent
//! domains (`UrlDomainCreate`, `UrlDomain`).

use serde::{Deserialize, Serialize};

use crate::api::null_as_default;

/// Body of `POST …/api-groups` and `PUT …/api-groups/{group_id}` (SDK `ApiGroupCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupRequest {
    /// Group name (required), 3–255 characters.
    pub name: String,
    /// Description, at most 1000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// An independent domain bound to a group (SDK `UrlDomain`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UrlDomain {
    /// Domain ID.
    pub id: String,
    /// The domain name.
    pub domain: String,
    /// CNAME resolution status: 1 not resolved, 2 resolving, 3 resolved, 4 failed.
    pub cname_status: i64,
    /// Lowest TLS version accepted (`TLSv1.1` / `TLSv1.2`).
    pub min_ssl_version: String,
    /// HTTP port the domain is served on (-1 = default).
    pub ingress_http_port: i64,
    /// HTTPS port the domain is served on (-1 = default).
    pub ingress_https_port: i64,
}

/// A group as answered by create, show, update and list (SDK `ApiGroupInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupInfo {
    /// Group ID (32 hex).
    pub id: String,
    /// Name.
    pub name: String,
    /// 1 = valid.
    pub status: i64,
    /// The debugging domain `{group_id}.apic.{region}.huaweicloudapis.com`.
    pub sl_domain: String,
    /// Every debugging domain of the group.
    #[serde(deserialize_with = "null_as_default")]
    pub sl_domains: Vec<String>,
    /// Creation time.
    pub register_time: String,
    /// Last change.
    pub update_time: String,
    /// 1 on sale, 2 not on sale (always 2 here).
    pub on_sell_status: i64,
    /// Bound independent domains.
    #[serde(deserialize_with = "null_as_default")]
    pub url_domains: Vec<UrlDomain>,
    /// Whether the debugging domain may be called.
    pub sl_domain_access_enabled: bool,
    /// Description.
    pub remark: Option<String>,
    /// 1 = the built-in DEFAULT group, 2 = any other.
    pub is_default: i64,
    /// Always `V1`.
    pub version: String,
}

/// Answer of `GET …/api-groups` (SDK `ListApiGroupsV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupList {
    /// Items on this page.
    pub size: u64,
    /// Items in all.
    pub total: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub groups: Vec<GroupInfo>,
}

/// Body of `PUT …/api-groups/{group_id}/sl-domain-access-settings` (SDK
/// `SlDomainAccessSetting`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlDomainAccessSetting {
    /// Whether the debugging domain may be called (required).
    pub sl_domain_access_enabled: Option<bool>,
}

/// Body of `POST …/api-groups/{group_id}/domains` (SDK `UrlDomainCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainRequest {
    /// The domain name (required).
    pub url_domain: String,
    /// Lowest TLS version (default `TLSv1.2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ssl_version: Option<String>,
    /// HTTP port (-1 = default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress_http_port: Option<i64>,
    /// HTTPS port (-1 = default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress_https_port: Option<i64>,
}

/// Answer of `POST …/api-groups/{group_id}/domains` (SDK `AssociateDomainV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DomainResponse {
    /// Domain ID.
    pub id: String,
    /// The domain name.
    pub url_domain: String,
    /// CNAME resolution status (3 = resolved).
    pub status: i64,
    /// Lowest TLS version.
    pub min_ssl_version: String,
    /// HTTP port (-1 = default).
    pub ingress_http_port: i64,
    /// HTTPS port (-1 = default).
    pub ingress_https_port: i64,
}
