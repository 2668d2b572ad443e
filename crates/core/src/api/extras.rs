//! The wire types of the operations beyond the purchase lifecycle that Terraform's gateway
//! resource calls: instance tags and the by-tag listing, custom inbound ports, features, the
//! restriction, and the paged query those sub-resource lists share (docs/reference.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DecodeError, ListQuery, Tag, null_as_default, parse_query_int};

/// Body of `POST …/instances/{id}/instance-tags/action` (SDK `TmsUpdatePublicReq`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TagActionRequest {
    /// `create` or `delete`.
    pub action: String,
    /// The tags.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<Tag>,
}

/// Answer of `GET …/instances/{id}/instance-tags` (SDK `ListInstanceTagsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceTagsResponse {
    /// The gateway's tags.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<Tag>,
}

/// A key with several values (SDK `TmsKeyValues`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TagValues {
    /// The key.
    pub key: String,
    /// The values.
    #[serde(deserialize_with = "null_as_default")]
    pub values: Vec<String>,
}

/// Answer of `GET /v2/{project_id}/apigw/instance-tags` (SDK `ListProjectInstanceTagsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectTagsResponse {
    /// Every key of the project's gateways with its values.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<TagValues>,
}

/// Body of `POST …/resource-instances/filter` and `…/count` (SDK `TmsQueryReq`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TagQueryRequest {
    /// Only gateways without tags.
    pub without_any_tag: Option<bool>,
    /// Keys with accepted values.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<TagValues>,
    /// System tags (enterprise projects); accepted and ignored by the sandbox.
    #[serde(deserialize_with = "null_as_default")]
    pub sys_tags: Vec<TagValues>,
    /// `{key: "resource_name", value}`: the name starts with the value.
    #[serde(deserialize_with = "null_as_default")]
    pub matches: Vec<Tag>,
}

/// One gateway of the by-tag listing (SDK `TmsResourceResp`; `resouce_detail` is the API's
/// spelling).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TagResource {
    /// The gateway's ID.
    pub resource_id: String,
    /// Not supported by the service: always `null`.
    pub resouce_detail: Option<String>,
    /// The gateway's name.
    pub resource_name: String,
    /// Its tags.
    #[serde(deserialize_with = "null_as_default")]
    pub tags: Vec<Tag>,
}

/// Answer of `POST …/resource-instances/filter` (SDK `ListInstancesByTagsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourcesByTagsResponse {
    /// The gateways of this page.
    #[serde(deserialize_with = "null_as_default")]
    pub resources: Vec<TagResource>,
    /// How many gateways match.
    pub total_count: u64,
}

/// Answer of `POST …/resource-instances/count` (SDK `ShowInstancesNumByTagsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountByTagsResponse {
    /// How many gateways match.
    pub total_count: u64,
}

/// Body of `POST …/custom-ingress-ports` (SDK `IngressPortCreate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressPortRequest {
    /// `HTTP` or `HTTPS`.
    pub protocol: String,
    /// 1024–49151.
    pub ingress_port: i64,
}

/// One custom inbound port (SDK `IngressPortInfo`, also the answer of adding one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressPortInfo {
    /// `HTTP` or `HTTPS`.
    pub protocol: String,
    /// The port number.
    pub ingress_port: i64,
    /// The port's ID.
    pub ingress_port_id: String,
    /// `normal` or `abnormal`.
    pub status: String,
}

/// Answer of `GET …/custom-ingress-ports` (SDK `ListCustomIngressPortsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressPortsResponse {
    /// Ports in this page.
    pub size: u64,
    /// Ports that match.
    pub total: u64,
    /// The ports.
    #[serde(deserialize_with = "null_as_default")]
    pub ingress_port_infos: Vec<IngressPortInfo>,
}

/// A domain bound to a custom inbound port (SDK `PortBindingDomainInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortDomainInfo {
    /// The API group's ID.
    pub group_id: String,
    /// The API group's name.
    pub group_name: String,
    /// The domain.
    pub domain_name: String,
}

/// Answer of `GET …/custom-ingress-ports/{id}/domains` (SDK
/// `ListCustomIngressPortDomainsResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortDomainsResponse {
    /// Domains in this page.
    pub size: u64,
    /// Domains that match.
    pub total: u64,
    /// The domains.
    #[serde(deserialize_with = "null_as_default")]
    pub domain_infos: Vec<PortDomainInfo>,
}

/// Body of `POST …/features` (SDK `FeatureToggle`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureToggleRequest {
    /// The feature's name.
    pub name: String,
    /// Whether to turn it on.
    pub enable: bool,
    /// Its configuration (text; JSON for some features).
    pub config: String,
}

/// One feature of a gateway (SDK `FeatureInfo`, also the answer of setting one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureInfo {
    /// The feature setting's ID.
    pub id: String,
    /// The feature's name.
    pub name: String,
    /// Whether it is on.
    pub enable: bool,
    /// Its configuration.
    pub config: String,
    /// The gateway's ID.
    pub instance_id: String,
    /// When it was last set, `YYYY-MM-DDTHH:MM:SSZ`.
    pub update_time: String,
}

/// Answer of `GET …/features` (SDK `ListFeaturesV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeaturesResponse {
    /// Features in this page.
    pub size: u64,
    /// Features that match.
    pub total: u64,
    /// The features.
    #[serde(deserialize_with = "null_as_default")]
    pub features: Vec<FeatureInfo>,
}

/// Answer of `GET …/instance-features` (SDK `ListInstanceFeaturesResponse`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceFeaturesResponse {
    /// Names in this page.
    pub size: u64,
    /// Names that match.
    pub total: u64,
    /// The capabilities' names.
    #[serde(deserialize_with = "null_as_default")]
    pub features: Vec<String>,
}

/// Answer of `GET …/restriction` (SDK `ShowRestrictionOfInstanceV2Response`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestrictionResponse {
    /// Ranges the gateway's routes and backends may not use.
    #[serde(deserialize_with = "null_as_default")]
    pub restrict_cidrs: Vec<String>,
    /// The range the service uses inside the gateway.
    pub resource_subnet_cidr: String,
}

/// Query of the paged sub-resource lists (`offset`, `limit`, and the filters some take), read
/// like the instance list's: unknown keys ignored, offset < 0 → 0, limit ≤ 0 → 20, > 500 → 500.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageQuery {
    /// Raw offset.
    pub offset: Option<i64>,
    /// Raw limit.
    pub limit: Option<i64>,
    /// Every other key with its (last) value.
    pub filters: BTreeMap<String, String>,
}

impl PageQuery {
    /// Reads a raw query string; a non-integer `offset` or `limit` is an error naming it.
    pub fn from_query_string(raw: &str) -> Result<Self, DecodeError> {
        let mut query = Self::default();
        for (key, value) in crate::sign::parse_query_pairs(raw) {
            match key.as_str() {
                "offset" => query.offset = Some(parse_query_int("offset", &value)?),
                "limit" => query.limit = Some(parse_query_int("limit", &value)?),
                _ => {
                    query.filters.insert(key, value);
                }
            }
        }
        Ok(query)
    }

    /// The effective offset and limit.
    pub fn window(&self) -> (usize, usize) {
        let list = ListQuery {
            offset: self.offset,
            limit: self.limit,
            ..ListQuery::default()
        };
        (
            usize::try_from(list.offset()).unwrap_or(usize::MAX),
            usize::try_from(list.limit()).unwrap_or(usize::MAX),
        )
    }

    /// A filter's value.
    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters.get(key).map(String::as_str)
    }
}
