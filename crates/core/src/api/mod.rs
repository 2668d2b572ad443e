//! Wire types of the APIG dedicated-gateway REST API (docs/reference.md), with exactly the real
//! JSON field names.
//!
//! These types only describe JSON; they hold no rules. Conversions to and from the domain live in
//! `convert`. Requests ignore unknown keys, as the real service does, and default every missing
//! key, so that a body with gaps still reaches validation and the client hears about *every*
//! problem at once (for example `APIC.7238` for a missing `available_zone_ids`). A value of the
//! wrong JSON type is reported by [`decode_json`] with the name of the offending field, ready for
//! an `APIC.7211` answer ([`ErrorBody::invalid_parameter`]).
//!
//! Responses serialise unset optional values as JSON `null`, like the real service; list fields
//! serialise as arrays and accept `null` when read.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod error;
mod extras;
pub use error::*;
pub use extras::*;
pub mod management;

/// A key/value tag of a gateway (`tags` in the create body; TMS `{key, value}` shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tag {
    /// Tag key, 1–128 characters, not starting with `_sys_`.
    pub key: String,
    /// Tag value, 0–255 characters.
    pub value: String,
}

/// Body of `POST /v2/{project_id}/apigw/instances` (`CreateInstanceV2`, docs/reference.md, Create
/// request).
///
/// The six fields the API requires are plain values (empty when the client left them out); the
/// optional ones are `Option` and are left out of the JSON when `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateInstanceV2Request {
    /// Gateway name (required).
    pub instance_name: String,
    /// Edition, e.g. `BASIC`, `PROFESSIONAL_IPV6`, `PLATINUM_X2` (required).
    pub spec_id: String,
    /// VPC ID (required).
    pub vpc_id: String,
    /// Subnet network ID (required).
    pub subnet_id: String,
    /// Security group ID (required).
    pub security_group_id: String,
    /// AZ codes such as `cn-north-4a` (required; an array here, a string in responses).
    pub available_zone_ids: Vec<String>,
    /// Description, 0–255 characters without `<` or `>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Start of the maintenance window, `HH:00:00`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintain_begin: Option<String>,
    /// End of the maintenance window, `HH:00:00` (begin + 4 h).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintain_end: Option<String>,
    /// Enterprise project ID (`"0"` = default); required for enterprise accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<String>,
    /// Existing unbound EIP for public inbound access (LVS regions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eip_id: Option<String>,
    /// Public outbound bandwidth in Mbit/s (absent or 0 = outbound access off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_size: Option<u32>,
    /// Charging mode of the outbound bandwidth: `bandwidth` or `traffic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_charging_mode: Option<String>,
    /// Public inbound bandwidth in Mbit/s (ELB regions; the gateway gets its own EIP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress_bandwidth_size: Option<u32>,
    /// Charging mode of the inbound bandwidth: `bandwidth` or `traffic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress_bandwidth_charging_mode: Option<String>,
    /// Whether the gateway gets IPv6 addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_enable: Option<bool>,
    /// Deprecated: `lvs` or `elb` (the region decides).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loadbalancer_provider: Option<String>,
    /// Tags, at most 20.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
    /// Name of the VPC endpoint service, 0–16 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpcep_service_name: Option<String>,
    /// Caller-chosen instance ID (32 lower-case hex); generated when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
}

/// A 202 answer that hands an instance job out: create (`CreateInstanceV2Response`), enable or
/// change ELB inbound access, resize.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobResponse {
    /// The instance the job runs on.
    pub instance_id: String,
    /// `JOB-` followed by 32 hex characters.
    pub job_id: String,
    /// `JOB_ASSIGNED_FOR_…` text naming the job and the instance.
    pub message: String,
}

/// Response of `CreateInstanceV2` (202): exactly `instance_id`, `job_id`, `message`.
pub type CreateInstanceV2Response = JobResponse;

/// Response of enabling or changing ELB public inbound access (`POST|PUT …/ingress-eip`, 202).
pub type IngressEipResponse = JobResponse;

impl JobResponse {
    /// The create answer, with the message text of docs/reference.md, Endpoints:
    /// `JOB_ASSIGNED_FOR_PROVISIONING_0003I:The job <job> has been assigned to the instance <id> for running provisioning.`
    pub fn provisioning(instance_id: &str, job_id: &str) -> Self {
        Self {
            instance_id: instance_id.to_owned(),
            job_id: job_id.to_owned(),
            message: format!(
                "JOB_ASSIGNED_FOR_PROVISIONING_0003I:The job {job_id} has been assigned to the instance {instance_id} for running provisioning."
            ),
        }
    }

    /// The answer of an edition change (`postpaid-resize`), with the documented message:
    /// `JOB_ASSIGNED_FOR_RESIZE_0086I:The job <job> is assigned to resize instance.`
    pub fn resize(instance_id: &str, job_id: &str) -> Self {
        Self {
            instance_id: instance_id.to_owned(),
            job_id: job_id.to_owned(),
            message: format!(
                "JOB_ASSIGNED_FOR_RESIZE_0086I:The job {job_id} is assigned to resize instance."
            ),
        }
    }

    /// The answer of an update job (ingress EIP). Only the `JOB_ASSIGNED_FOR_UPDATE_0077I:`
    /// prefix is documented; the sentence after it mirrors the provisioning message.
    pub fn update(instance_id: &str, job_id: &str) -> Self {
        Self {
            instance_id: instance_id.to_owned(),
            job_id: job_id.to_owned(),
            message: format!(
                "JOB_ASSIGNED_FOR_UPDATE_0077I:The job {job_id} has been assigned to the instance {instance_id} for running update."
            ),
        }
    }
}

/// An operation lock on an instance (`cbc_operation_locks[]`); a lock blocks delete and resize.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperationLock {
    /// What the lock is for.
    pub lock_scene: String,
    /// The ID of whatever holds the lock.
    pub lock_source_id: String,
}

/// One gateway in the list answer (SDK `RespInstanceBase`), a subset of [`InstanceDetail`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceSummary {
    /// Instance ID, 32 lower-case hex.
    pub id: String,
    /// Project the instance belongs to.
    pub project_id: String,
    /// Gateway name.
    pub instance_name: String,
    /// Status name, e.g. `Creating`, `Running` (docs/reference.md, Statuses).
    pub status: String,
    /// Status code matching `status`, e.g. 1 = Creating, 6 = Running.
    pub instance_status: i32,
    /// Always `apig`.
    #[serde(rename = "type")]
    pub instance_type: String,
    /// Edition (`spec_id` of the create body).
    pub spec: String,
    /// Creation time, epoch milliseconds.
    pub create_time: i64,
    /// Enterprise project ID.
    pub enterprise_project_id: Option<String>,
    /// Public inbound address.
    pub eip_address: Option<String>,
    /// 0 = pay-per-use, 1 = yearly/monthly.
    pub charging_mode: i32,
    /// Order metadata of yearly/monthly instances.
    pub cbc_metadata: Option<String>,
    /// `lvs` or `elb`.
    pub loadbalancer_provider: Option<String>,
    /// Operation locks.
    #[serde(deserialize_with = "null_as_default")]
    pub cbc_operation_locks: Vec<OperationLock>,
}

/// A VPC endpoint service of an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndpointService {
    /// Full name `{region}.{name}.{service_id}`.
    pub service_name: String,
    /// Creation time, epoch milliseconds.
    pub created_at: i64,
}

/// Private node addresses of an instance (`node_ips`, `node_ipv6_ips`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeIps {
    /// Addresses of the `livedata` nodes.
    #[serde(deserialize_with = "null_as_default")]
    pub livedata: Vec<String>,
    /// Addresses of the `shubao` nodes.
    #[serde(deserialize_with = "null_as_default")]
    pub shubao: Vec<String>,
}

/// A public or private address of an instance (`publicips[]`, `privateips[]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpDetail {
    /// IPv4 address.
    pub ip_address: Option<String>,
    /// IPv6 address.
    pub ipv6_address: Option<String>,
    /// Bandwidth in Mbit/s (public addresses: the inbound bandwidth).
    pub bandwidth_size: Option<u32>,
}

/// The full instance object: answer of show (`GET …/instances/{id}`) and of update
/// (docs/reference.md, Instance object).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceDetail {
    /// Instance ID, 32 lower-case hex.
    pub id: String,
    /// Project the instance belongs to.
    pub project_id: String,
    /// Gateway name.
    pub instance_name: String,
    /// Status name, e.g. `Creating`, `Running`.
    pub status: String,
    /// Status code matching `status`.
    pub instance_status: i32,
    /// Always `apig`.
    #[serde(rename = "type")]
    pub instance_type: String,
    /// Edition.
    pub spec: String,
    /// Creation time, epoch milliseconds.
    pub create_time: i64,
    /// Enterprise project ID.
    pub enterprise_project_id: Option<String>,
    /// Public inbound address.
    pub eip_address: Option<String>,
    /// 0 = pay-per-use, 1 = yearly/monthly.
    pub charging_mode: i32,
    /// Order metadata of yearly/monthly instances.
    pub cbc_metadata: Option<String>,
    /// `lvs` or `elb`.
    pub loadbalancer_provider: Option<String>,
    /// Operation locks.
    #[serde(deserialize_with = "null_as_default")]
    pub cbc_operation_locks: Vec<OperationLock>,
    /// Description.
    pub description: Option<String>,
    /// VPC ID.
    pub vpc_id: String,
    /// Subnet network ID.
    pub subnet_id: String,
    /// Security group ID.
    pub security_group_id: Option<String>,
    /// Start of the maintenance window, `HH:00:00`.
    pub maintain_begin: Option<String>,
    /// End of the maintenance window, `HH:00:00`.
    pub maintain_end: Option<String>,
    /// VPC access address.
    pub ingress_ip: Option<String>,
    /// VPC access IPv6 address.
    pub ingress_ip_v6: Option<String>,
    /// ID of the user who created the instance.
    pub user_id: Option<String>,
    /// Public outbound address.
    pub nat_eip_address: Option<String>,
    /// Public outbound IPv6 CIDR.
    pub nat_eip_ipv6_cidr: Option<String>,
    /// Public inbound IPv6 address.
    pub eip_ipv6_address: Option<String>,
    /// Public outbound bandwidth in Mbit/s.
    pub bandwidth_size: Option<u32>,
    /// Charging mode of the outbound bandwidth.
    pub bandwidth_charging_mode: Option<String>,
    /// AZ codes in their string form, e.g. `"[cn-north-4a, cn-north-4b]"`
    /// (see [`format_az_ids`] / [`parse_az_ids`]).
    pub available_zone_ids: String,
    /// Gateway software version.
    pub instance_version: Option<String>,
    /// Subnet ID used by the gateway.
    pub virsubnet_id: Option<String>,
    /// Legacy ROMA address.
    pub roma_eip_address: Option<String>,
    /// Listener configuration (shape not documented; passed through).
    pub listeners: Option<serde_json::Value>,
    /// Features the gateway supports (`lts`, `ratelimit`, …).
    #[serde(deserialize_with = "null_as_default")]
    pub supported_features: Vec<String>,
    /// The primary VPC endpoint service.
    pub endpoint_service: Option<EndpointService>,
    /// All VPC endpoint services (the console reads `[0].service_name`).
    #[serde(deserialize_with = "null_as_default")]
    pub endpoint_services: Vec<EndpointService>,
    /// Private node addresses.
    pub node_ips: Option<NodeIps>,
    /// Private node IPv6 addresses.
    pub node_ipv6_ips: Option<NodeIps>,
    /// Public IPv6 addresses.
    #[serde(deserialize_with = "null_as_default")]
    pub public_ipv6_ips: Vec<String>,
    /// Public inbound addresses (ELB); `[0]` carries the inbound bandwidth.
    #[serde(deserialize_with = "null_as_default")]
    pub publicips: Vec<IpDetail>,
    /// Private addresses.
    #[serde(deserialize_with = "null_as_default")]
    pub privateips: Vec<IpDetail>,
    /// Addresses that are not reliable.
    #[serde(deserialize_with = "null_as_default")]
    pub unreliable_ips: Vec<String>,
    /// Whether full-stack IPv6 is on.
    pub enable_fullstack_ipv6: Option<bool>,
    /// Whether the instance can be released.
    pub is_releasable: Option<bool>,
    /// Charging mode of the inbound bandwidth.
    pub ingress_bandwidth_charging_mode: Option<String>,
}

impl InstanceDetail {
    /// The list-item subset of this instance.
    pub fn summary(&self) -> InstanceSummary {
        InstanceSummary {
            id: self.id.clone(),
            project_id: self.project_id.clone(),
            instance_name: self.instance_name.clone(),
            status: self.status.clone(),
            instance_status: self.instance_status,
            instance_type: self.instance_type.clone(),
            spec: self.spec.clone(),
            create_time: self.create_time,
            enterprise_project_id: self.enterprise_project_id.clone(),
            eip_address: self.eip_address.clone(),
            charging_mode: self.charging_mode,
            cbc_metadata: self.cbc_metadata.clone(),
            loadbalancer_provider: self.loadbalancer_provider.clone(),
            cbc_operation_locks: self.cbc_operation_locks.clone(),
        }
    }

    /// The public inbound address the console shows: `eip_address`, else `publicips[0].ip_address`.
    pub fn inbound_address(&self) -> Option<&str> {
        self.eip_address.as_deref().or_else(|| {
            self.publicips
                .first()
                .and_then(|ip| ip.ip_address.as_deref())
        })
    }

    /// The AZ codes, parsed from the string form of `available_zone_ids`.
    pub fn az_codes(&self) -> Vec<String> {
        parse_az_ids(&self.available_zone_ids)
    }
}

/// Answer of `GET …/instances` (docs/reference.md, List).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListInstancesResponse {
    /// Number of instances matching the filters.
    pub total: u64,
    /// Number of instances in this page.
    pub size: u64,
    /// The page.
    #[serde(deserialize_with = "null_as_default")]
    pub instances: Vec<InstanceSummary>,
}

/// Default page size of the list call.
pub const DEFAULT_LIST_LIMIT: u64 = 20;
/// Largest page size of the list call; larger values are clamped to it.
pub const MAX_LIST_LIMIT: u64 = 500;

/// Query of `GET …/instances?offset&limit&instance_id&instance_name&status`.
///
/// Holds the values as sent; [`ListQuery::offset`] and [`ListQuery::limit`] apply the
/// service's normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// Raw offset (default 0; negative → 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Raw limit (default 20; ≤ 0 → 20; > 500 → 500).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Filter by instance ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// Filter by instance name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_name: Option<String>,
    /// Filter by status name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl ListQuery {
    /// The effective offset: absent or negative → 0.
    pub fn offset(&self) -> u64 {
        self.offset
            .and_then(|offset| u64::try_from(offset).ok())
            .unwrap_or(0)
    }

    /// The effective page size: absent or ≤ 0 → 20, more than 500 → 500.
    pub fn limit(&self) -> u64 {
        match self.limit {
            Some(limit) if limit > 0 => {
                u64::try_from(limit).map_or(MAX_LIST_LIMIT, |limit| limit.min(MAX_LIST_LIMIT))
            }
            _ => DEFAULT_LIST_LIMIT,
        }
    }

    /// Reads a raw (percent-encoded) query string. Unknown keys are ignored; when a key repeats,
    /// the last value wins. A non-integer `offset` or `limit` is an error naming that field.
    pub fn from_query_string(raw: &str) -> Result<Self, DecodeError> {
        let mut query = Self::default();
        for (key, value) in crate::sign::parse_query_pairs(raw) {
            match key.as_str() {
                "offset" => query.offset = Some(parse_query_int("offset", &value)?),
                "limit" => query.limit = Some(parse_query_int("limit", &value)?),
                "instance_id" => query.instance_id = Some(value),
                "instance_name" => query.instance_name = Some(value),
                "status" => query.status = Some(value),
                _ => {}
            }
        }
        Ok(query)
    }

    /// The query string the SDK would send: pairs sorted by key, percent-encoded as in the
    /// canonical query of the signer (so it is also the canonical query). Empty when no field is set.
    pub fn to_query_string(&self) -> String {
        let offset = self.offset.map(|offset| offset.to_string());
        let limit = self.limit.map(|limit| limit.to_string());
        let pairs = [
            ("instance_id", self.instance_id.as_deref()),
            ("instance_name", self.instance_name.as_deref()),
            ("limit", limit.as_deref()),
            ("offset", offset.as_deref()),
            ("status", self.status.as_deref()),
        ];
        crate::sign::encode_query_pairs(
            pairs
                .iter()
                .filter_map(|(key, value)| value.map(|value| (*key, value))),
        )
    }
}

fn parse_query_int(field: &str, value: &str) -> Result<i64, DecodeError> {
    value.trim().parse().map_err(|_| DecodeError::Field {
        field: field.to_owned(),
        message: format!("expected an integer, got {value:?}"),
    })
}

/// Answer of `GET …/instances/{id}/progress` (docs/reference.md, Progress).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressResponse {
    /// 30, 50, 80, 90 or 100 (0 after a failure).
    pub progress: u32,
    /// `creating`, `success` or `failed`.
    pub status: String,
    /// Failure code (`APIC.9206`, `APIC.9218`, `APIC.9219`), else `null`.
    pub error_code: Option<String>,
    /// Failure text, else `null`.
    pub error_msg: Option<String>,
    /// Start of the job, epoch milliseconds.
    pub start_time: i64,
    /// End of the job, epoch milliseconds (`null` while it runs).
    pub end_time: Option<i64>,
}

/// Body of `PUT …/instances/{id}` (docs/reference.md, Update); every field optional and left out
/// when `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateInstanceRequest {
    /// New gateway name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New maintenance-window start (sent with `maintain_end`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintain_begin: Option<String>,
    /// New maintenance-window end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintain_end: Option<String>,
    /// New security group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<String>,
    /// New VPC endpoint service name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpcep_service_name: Option<String>,
}

/// Body of `PUT …/instances/{id}/eip`: bind or replace the inbound EIP (LVS, docs/reference.md,
/// Public access).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EipBindRequest {
    /// ID of an unbound EIP.
    pub eip_id: String,
}

/// Answer of `PUT …/instances/{id}/eip`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EipBindResponse {
    /// The bound EIP.
    pub eip_id: String,
    /// Its address.
    pub eip_address: Option<String>,
    /// Its status (`ACTIVE` once bound).
    pub eip_status: String,
    /// Its IPv6 address.
    pub eip_ipv6_address: Option<String>,
}

/// Body of `POST|PUT …/instances/{id}/ingress-eip`: ELB public inbound access (docs/reference.md,
/// Public access).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngressEipRequest {
    /// Inbound bandwidth in Mbit/s (minimum 5).
    pub bandwidth_size: u32,
    /// `bandwidth` or `traffic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_charging_mode: Option<String>,
}

/// Body of `POST|PUT …/instances/{id}/nat-eip`: public outbound access (docs/reference.md, Public
/// access).
///
/// `bandwidth_size` is a string in the documentation and the SDK and a number from Terraform; both
/// are accepted. It is written as a string, like the SDK.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NatEipRequest {
    /// Outbound bandwidth in Mbit/s.
    #[serde(
        serialize_with = "u32_as_string",
        deserialize_with = "u32_from_string_or_number"
    )]
    pub bandwidth_size: u32,
    /// `bandwidth` or `traffic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_charging_mode: Option<String>,
}

/// Body of `POST …/instances/{id}/postpaid-resize`: upgrade the edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResizeRequest {
    /// The new edition.
    pub spec_id: String,
}

/// Names of an AZ in two languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LocalName {
    /// English name, e.g. `AZ1`.
    pub en_us: String,
    /// Chinese name, e.g. `可用区1`.
    pub zh_cn: String,
}

/// One AZ of `GET …/available-zones`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AvailableZone {
    /// AZ ID, 32 hex.
    pub id: String,
    /// AZ code used in `available_zone_ids`, e.g. `cn-north-4a`.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Port, e.g. `"8403"`.
    pub port: String,
    /// Localised names.
    pub local_name: LocalName,
    /// Editions this AZ sells, e.g. `{"BASIC": true, "PLATINUM": false}`.
    pub specs: BTreeMap<String, bool>,
}

/// Answer of `GET …/available-zones` (docs/reference.md, Regions and availability zones).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AvailableZonesResponse {
    /// The AZs of the region.
    #[serde(deserialize_with = "null_as_default")]
    pub available_zones: Vec<AvailableZone>,
}

/// One tenant quota setting of `GET …/instance/configs` (SDK `InstanceConfig`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceConfig {
    /// Setting ID.
    pub config_id: String,
    /// Setting name, e.g. `INSTANCE_NUM_LIMIT`.
    pub config_name: String,
    /// Value, always a string (e.g. `"5"`).
    pub config_value: String,
    /// When the value was set.
    pub config_time: String,
    /// Remark.
    pub remark: String,
}

/// Answer of `GET …/instance/configs` (docs/reference.md, Quota and permissions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceConfigsResponse {
    /// Number of settings.
    pub total: u64,
    /// Number of settings in this page.
    pub size: u64,
    /// The settings.
    #[serde(deserialize_with = "null_as_default")]
    pub configs: Vec<InstanceConfig>,
}

/// The name of the quota setting that limits gateways per project.
pub const INSTANCE_NUM_LIMIT: &str = "INSTANCE_NUM_LIMIT";

/// Writes AZ codes in the string form of show/list answers: `"[cn-north-4a, cn-north-4b]"`.
pub fn format_az_ids<S: AsRef<str>>(codes: &[S]) -> String {
    let joined = codes
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    format!("[{joined}]")
}

/// Reads the string form of `available_zone_ids` back into codes. Lenient: brackets are
/// optional, spaces around codes and empty items are dropped (`"[]"` and `""` give no codes).
pub fn parse_az_ids(text: &str) -> Vec<String> {
    let trimmed = text.trim();
    let inner = trimmed.strip_prefix('[').unwrap_or(trimmed);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect()
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn u32_as_string<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn u32_from_string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StringOrNumber {
        Number(u32),
        Text(String),
    }
    match StringOrNumber::deserialize(deserializer) {
        Ok(StringOrNumber::Number(number)) => Ok(number),
        Ok(StringOrNumber::Text(text)) => text.trim().parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "expected a non-negative integer or a string holding one, got {text:?}"
            ))
        }),
        Err(_) => Err(serde::de::Error::custom(
            "expected a non-negative integer or a string holding one",
        )),
    }
}

#[cfg(test)]
mod tests;
