//! Conversions between the wire types of [`crate::api`] and the domain, at the edge.
//!
//! The create body becomes a [`Draft`] (so the API goes through exactly the form's
//! validation), a [`CreatePlan`] becomes the exact body it was planned from, and a stored
//! [`Gateway`] becomes the instance object of show / list / progress.

use std::collections::BTreeMap;

use crate::account::{Account, Region};
use crate::api::{
    AvailableZone, AvailableZonesResponse, CreateInstanceV2Request, EndpointService, ErrorBody,
    FeatureInfo, INSTANCE_NUM_LIMIT, IngressPortInfo, InstanceConfig, InstanceConfigsResponse,
    InstanceDetail, InstanceSummary, InstanceTagsResponse, IpDetail, LocalName, ProgressResponse,
    ProjectTagsResponse, RestrictionResponse, Tag as WireTag, TagQueryRequest, TagResource,
    TagValues,
};
use crate::features::FeatureState;
use crate::gateway::{Gateway, Inbound, Outbound};
use crate::ingress_ports::IngressPort;
use crate::lifecycle::JobStatus;
use crate::plan::CreatePlan;
use crate::region::{InboundMode, inbound_mode};
use crate::tags::TagFilter;
use crate::validate::{Draft, DraftTag, Field, Problem};
use crate::values::{Edition, ValueError};

/// The charging mode the sandbox uses for every bandwidth.
const CHARGING_MODE: &str = "bandwidth";

impl Draft {
    /// The draft of an API create body sent to `region`'s endpoint.
    ///
    /// `eip_id` or a positive `ingress_bandwidth_size` turn public inbound access on; a
    /// positive `bandwidth_size` turns outbound access on (0 or absent = off). The deprecated
    /// `loadbalancer_provider`, `ipv6_enable` and the charging modes do not reach the draft:
    /// the region decides the provider and the sandbox charges by bandwidth.
    pub fn from_request(request: &CreateInstanceV2Request, region: &str) -> Self {
        let ingress = request.ingress_bandwidth_size.filter(|&n| n > 0);
        let outbound = request.bandwidth_size.filter(|&n| n > 0);
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            region: region.to_owned(),
            available_zone_ids: request.available_zone_ids.clone(),
            instance_name: request.instance_name.clone(),
            spec_id: request.spec_id.clone(),
            maintain_begin: text(&request.maintain_begin),
            maintain_end: text(&request.maintain_end),
            enterprise_project_id: text(&request.enterprise_project_id),
            public_inbound: request.eip_id.is_some() || ingress.is_some(),
            eip_id: text(&request.eip_id),
            ingress_bandwidth: ingress.map(|n| n.to_string()).unwrap_or_default(),
            public_outbound: outbound.is_some(),
            outbound_bandwidth: outbound.map(|n| n.to_string()).unwrap_or_default(),
            vpc_id: request.vpc_id.clone(),
            subnet_id: request.subnet_id.clone(),
            security_group_id: request.security_group_id.clone(),
            description: text(&request.description),
            tags: request
                .tags
                .iter()
                .flatten()
                .map(|t| DraftTag {
                    key: t.key.clone(),
                    value: t.value.clone(),
                })
                .collect(),
            vpcep_service_name: text(&request.vpcep_service_name),
            instance_id: text(&request.instance_id),
        }
    }
}

impl From<CreateInstanceV2Request> for Draft {
    /// The draft of a create body; the region is left empty (set [`Draft::region`], or use
    /// [`Draft::from_request`]).
    fn from(request: CreateInstanceV2Request) -> Self {
        Self::from_request(&request, "")
    }
}

/// A bandwidth typed in the draft is not a whole number, so no request can carry it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} {error}.", field.label())]
pub struct DraftToRequestError {
    /// The bandwidth field.
    pub field: Field,
    /// What is wrong with it.
    pub error: ValueError,
}

/// Parses a bandwidth typed in a draft as a JSON number.
fn draft_number(field: Field, text: &str) -> Result<u32, DraftToRequestError> {
    let t = text.trim();
    t.parse::<u32>().map_err(|_| DraftToRequestError {
        field,
        error: if t.is_empty() {
            ValueError::Missing
        } else {
            ValueError::NotANumber(text.to_owned())
        },
    })
}

/// `None` for an empty text, as the API leaves optional keys out.
fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

impl TryFrom<&Draft> for CreateInstanceV2Request {
    type Error = DraftToRequestError;

    /// The body the draft would send (not validated: the console shows it live). Inbound
    /// access uses the field of the draft region's mode: `eip_id` for LVS, the ingress
    /// bandwidth for ELB.
    fn try_from(d: &Draft) -> Result<Self, Self::Error> {
        let (eip_id, ingress) = match (d.public_inbound, inbound_mode(&d.region)) {
            (false, _) => (None, None),
            (true, InboundMode::Lvs) => (non_empty(&d.eip_id), None),
            (true, InboundMode::Elb) => (
                None,
                Some(draft_number(Field::IngressBandwidth, &d.ingress_bandwidth)?),
            ),
        };
        let outbound = if d.public_outbound {
            Some(draft_number(
                Field::OutboundBandwidth,
                &d.outbound_bandwidth,
            )?)
        } else {
            None
        };
        Ok(Self {
            instance_name: d.instance_name.clone(),
            spec_id: d.spec_id.clone(),
            vpc_id: d.vpc_id.clone(),
            subnet_id: d.subnet_id.clone(),
            security_group_id: d.security_group_id.clone(),
            available_zone_ids: d.available_zone_ids.clone(),
            description: non_empty(&d.description),
            maintain_begin: non_empty(&d.maintain_begin),
            maintain_end: non_empty(&d.maintain_end),
            enterprise_project_id: non_empty(&d.enterprise_project_id),
            eip_id,
            bandwidth_size: outbound,
            bandwidth_charging_mode: outbound.map(|_| CHARGING_MODE.to_owned()),
            ingress_bandwidth_size: ingress,
            ingress_bandwidth_charging_mode: ingress.map(|_| CHARGING_MODE.to_owned()),
            ipv6_enable: None,
            loadbalancer_provider: None,
            tags: (!d.tags.is_empty()).then(|| {
                d.tags
                    .iter()
                    .map(|t| WireTag {
                        key: t.key.clone(),
                        value: t.value.clone(),
                    })
                    .collect()
            }),
            vpcep_service_name: non_empty(&d.vpcep_service_name),
            instance_id: non_empty(&d.instance_id),
        })
    }
}

impl From<&CreatePlan> for CreateInstanceV2Request {
    /// The exact body that creates what the plan shows. The derived instance ID is left out
    /// (the service generates one), so the body can be sent more than once.
    fn from(plan: &CreatePlan) -> Self {
        let (eip_id, ingress) = match &plan.inbound {
            Inbound::Off => (None, None),
            Inbound::Eip { eip_id, .. } => (Some(eip_id.clone()), None),
            Inbound::Elb { bandwidth, .. } => (None, Some(bandwidth.mbps())),
        };
        let outbound = match &plan.outbound {
            Outbound::Off => None,
            Outbound::Nat { bandwidth, .. } => Some(bandwidth.mbps()),
        };
        let tags = plan.tags.as_slice();
        Self {
            instance_name: plan.name.to_string(),
            spec_id: plan.edition.as_str().to_owned(),
            vpc_id: plan.vpc_id.clone(),
            subnet_id: plan.subnet_id.clone(),
            security_group_id: plan.security_group_id.clone(),
            available_zone_ids: plan
                .available_zone_ids
                .iter()
                .map(ToString::to_string)
                .collect(),
            description: non_empty(plan.description.as_str()),
            maintain_begin: Some(plan.maintenance_window.begin()),
            maintain_end: Some(plan.maintenance_window.end()),
            enterprise_project_id: Some(plan.enterprise_project_id.clone()),
            eip_id,
            bandwidth_size: outbound,
            bandwidth_charging_mode: outbound.map(|_| CHARGING_MODE.to_owned()),
            ingress_bandwidth_size: ingress,
            ingress_bandwidth_charging_mode: ingress.map(|_| CHARGING_MODE.to_owned()),
            ipv6_enable: None,
            loadbalancer_provider: None,
            tags: (!tags.is_empty()).then(|| {
                tags.iter()
                    .map(|t| WireTag {
                        key: t.key().to_owned(),
                        value: t.value().to_owned(),
                    })
                    .collect()
            }),
            vpcep_service_name: non_empty(plan.vpcep_service_name.as_str()),
            instance_id: None,
        }
    }
}

/// Epoch ms as the API's signed integer (saturating; only absurd times would not fit).
fn epoch_ms(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}

/// The full instance object (show / update answer) of a gateway at `now_ms`.
pub fn instance_detail(gateway: &Gateway, account: &Account, now_ms: u64) -> InstanceDetail {
    let status = gateway.status(now_ms);
    let create_time = epoch_ms(gateway.created_at_ms);
    let mode = account
        .region(&gateway.region)
        .map_or_else(|| inbound_mode(&gateway.region), |r| r.inbound_mode);
    let provider = match mode {
        InboundMode::Lvs => "lvs",
        InboundMode::Elb => "elb",
    };
    let (nat_address, bandwidth) = match &gateway.outbound {
        Outbound::Off => (None, None),
        Outbound::Nat {
            address, bandwidth, ..
        } => (Some(address.to_string()), Some(bandwidth.mbps())),
    };
    let publicips = match &gateway.inbound {
        Inbound::Elb {
            address, bandwidth, ..
        } => vec![IpDetail {
            ip_address: Some(address.to_string()),
            ipv6_address: None,
            bandwidth_size: Some(bandwidth.mbps()),
        }],
        _ => Vec::new(),
    };
    let service_name = format!(
        "{}.{}.{}",
        gateway.region,
        if gateway.vpcep_service_name.as_str().is_empty() {
            "apig"
        } else {
            gateway.vpcep_service_name.as_str()
        },
        gateway.id
    );
    let endpoint = EndpointService {
        service_name,
        created_at: create_time,
    };
    InstanceDetail {
        id: gateway.id.to_string(),
        project_id: gateway.project_id.clone(),
        instance_name: gateway.name.to_string(),
        status: status.as_str().to_owned(),
        instance_status: i32::from(status.to_code()),
        instance_type: "apig".to_owned(),
        spec: gateway.edition.as_str().to_owned(),
        create_time,
        enterprise_project_id: Some(gateway.enterprise_project_id.clone()),
        eip_address: gateway.inbound.address().map(|a| a.to_string()),
        charging_mode: 0,
        cbc_metadata: None,
        loadbalancer_provider: Some(provider.to_owned()),
        cbc_operation_locks: Vec::new(),
        description: non_empty(gateway.description.as_str()),
        vpc_id: gateway.vpc_id.clone(),
        subnet_id: gateway.subnet_id.clone(),
        security_group_id: Some(gateway.security_group_id.clone()),
        maintain_begin: Some(gateway.maintenance_window.begin()),
        maintain_end: Some(gateway.maintenance_window.end()),
        ingress_ip: Some(gateway.ingress_ip.to_string()),
        ingress_ip_v6: None,
        user_id: Some(account.principal.user_id.clone()),
        nat_eip_address: nat_address,
        nat_eip_ipv6_cidr: None,
        eip_ipv6_address: None,
        bandwidth_size: bandwidth,
        bandwidth_charging_mode: bandwidth.map(|_| CHARGING_MODE.to_owned()),
        available_zone_ids: gateway.available_zone_ids_string(),
        instance_version: None,
        virsubnet_id: Some(gateway.subnet_id.clone()),
        roma_eip_address: None,
        listeners: None,
        supported_features: crate::features::supported_features(gateway),
        endpoint_service: Some(endpoint.clone()),
        endpoint_services: vec![endpoint],
        node_ips: None,
        node_ipv6_ips: None,
        public_ipv6_ips: Vec::new(),
        ingress_bandwidth_charging_mode: publicips.first().map(|_| CHARGING_MODE.to_owned()),
        publicips,
        privateips: gateway
            .private_ips
            .iter()
            .map(|ip| IpDetail {
                ip_address: Some(ip.to_string()),
                ipv6_address: None,
                bandwidth_size: None,
            })
            .collect(),
        unreliable_ips: Vec::new(),
        enable_fullstack_ipv6: Some(false),
        is_releasable: Some(true),
    }
}

/// The list item of a gateway at `now_ms`.
pub fn instance_summary(gateway: &Gateway, account: &Account, now_ms: u64) -> InstanceSummary {
    instance_detail(gateway, account, now_ms).summary()
}

/// The progress answer of a gateway at `now_ms`.
pub fn progress_response(gateway: &Gateway, now_ms: u64) -> ProgressResponse {
    let p = gateway.progress(now_ms);
    ProgressResponse {
        progress: u32::from(p.percent),
        status: match p.job_status {
            JobStatus::Creating => "creating",
            JobStatus::Success => "success",
            JobStatus::Failed => "failed",
        }
        .to_owned(),
        error_code: p.error_code.map(|c| c.as_str().to_owned()),
        error_msg: p.error_code.map(|c| c.meaning().to_owned()),
        start_time: epoch_ms(gateway.created_at_ms),
        end_time: p.finished_at_ms.map(epoch_ms),
    }
}

/// The AZ list answer of a region; `specs` lists every edition with whether the AZ sells it.
pub fn available_zones(region: &Region) -> AvailableZonesResponse {
    AvailableZonesResponse {
        available_zones: region
            .azs
            .iter()
            .map(|z| AvailableZone {
                id: z.id.clone(),
                code: z.code.clone(),
                name: z.name.clone(),
                port: z.port.clone(),
                local_name: LocalName {
                    en_us: z.name.clone(),
                    zh_cn: z.name.replace("AZ", "可用区"),
                },
                specs: Edition::ALL
                    .iter()
                    .map(|e| (e.as_str().to_owned(), z.sells(*e)))
                    .collect::<BTreeMap<_, _>>(),
            })
            .collect(),
    }
}

/// The tenant quota answer (`INSTANCE_NUM_LIMIT` = the account's gateway quota).
pub fn instance_configs(account: &Account) -> InstanceConfigsResponse {
    InstanceConfigsResponse {
        total: 1,
        size: 1,
        configs: vec![InstanceConfig {
            config_id: "1".to_owned(),
            config_name: INSTANCE_NUM_LIMIT.to_owned(),
            config_value: account.gateway_quota.to_string(),
            config_time: String::new(),
            remark: "Maximum number of gateways per project".to_owned(),
        }],
    }
}

impl From<&Problem> for ErrorBody {
    /// The API error body of a problem (the HTTP status is `problem.code.http_status()`): its
    /// code and [`Problem::wire_message`], which names the parameter of an `APIC.7211`.
    fn from(problem: &Problem) -> Self {
        Self::new(problem.code.as_str(), problem.wire_message())
    }
}

impl From<&crate::api::UpdateInstanceRequest> for crate::validate::UpdateDraft {
    /// The edit draft of an API update body (field for field).
    fn from(r: &crate::api::UpdateInstanceRequest) -> Self {
        Self {
            instance_name: r.instance_name.clone(),
            description: r.description.clone(),
            maintain_begin: r.maintain_begin.clone(),
            maintain_end: r.maintain_end.clone(),
            security_group_id: r.security_group_id.clone(),
            vpcep_service_name: r.vpcep_service_name.clone(),
        }
    }
}

impl From<&WireTag> for DraftTag {
    /// A tag of a request body, as typed.
    fn from(t: &WireTag) -> Self {
        Self {
            key: t.key.clone(),
            value: t.value.clone(),
        }
    }
}

/// The wire tags of a gateway, in their stored order.
pub fn wire_tags(gateway: &Gateway) -> Vec<WireTag> {
    gateway
        .tags
        .as_slice()
        .iter()
        .map(|t| WireTag {
            key: t.key().to_owned(),
            value: t.value().to_owned(),
        })
        .collect()
}

/// The answer of `GET …/instance-tags`.
pub fn instance_tags(gateway: &Gateway) -> InstanceTagsResponse {
    InstanceTagsResponse {
        tags: wire_tags(gateway),
    }
}

/// The answer of `GET /instance-tags` over the project's gateways.
pub fn project_tags<'a>(gateways: impl IntoIterator<Item = &'a Gateway>) -> ProjectTagsResponse {
    ProjectTagsResponse {
        tags: crate::tags::project_tags(gateways)
            .into_iter()
            .map(|(key, values)| TagValues { key, values })
            .collect(),
    }
}

impl From<&TagQueryRequest> for TagFilter {
    /// The filter of a by-tag query: `matches` with the key `resource_name` is the name prefix
    /// (other keys are ignored, as are the system tags).
    fn from(q: &TagQueryRequest) -> Self {
        Self {
            without_any_tag: q.without_any_tag.unwrap_or(false),
            tags: q
                .tags
                .iter()
                .map(|t| (t.key.clone(), t.values.clone()))
                .collect(),
            name_prefix: q
                .matches
                .iter()
                .find(|m| m.key == "resource_name")
                .map(|m| m.value.clone()),
        }
    }
}

/// A gateway in the by-tag listing.
pub fn tag_resource(gateway: &Gateway) -> TagResource {
    TagResource {
        resource_id: gateway.id.to_string(),
        resouce_detail: None,
        resource_name: gateway.name.to_string(),
        tags: wire_tags(gateway),
    }
}

/// A custom inbound port on the wire.
pub fn ingress_port_info(port: &IngressPort) -> IngressPortInfo {
    IngressPortInfo {
        protocol: port.protocol.as_str().to_owned(),
        ingress_port: i64::from(port.port),
        ingress_port_id: port.id.clone(),
        status: port.status().to_owned(),
    }
}

/// Epoch ms as `YYYY-MM-DDTHH:MM:SSZ` (UTC), the form of the API's date-time fields.
pub fn rfc3339(ms: u64) -> String {
    let seconds = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    match crate::sign::format_sdk_date(seconds) {
        // `YYYYMMDDTHHMMSSZ`
        Ok(d) if d.len() == 16 => format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[0..4],
            &d[4..6],
            &d[6..8],
            &d[9..11],
            &d[11..13],
            &d[13..15]
        ),
        _ => "1970-01-01T00:00:00Z".to_owned(),
    }
}

/// A feature of a gateway on the wire; its ID is derived from the gateway and the feature.
pub fn feature_info(gateway: &Gateway, state: &FeatureState) -> FeatureInfo {
    FeatureInfo {
        id: crate::values::InstanceId::derive(
            &[gateway.id.as_str(), "feature", state.spec.name],
            0,
        )
        .to_string(),
        name: state.spec.name.to_owned(),
        enable: state.enabled,
        config: state.config.clone(),
        instance_id: gateway.id.to_string(),
        update_time: rfc3339(state.updated_at_ms),
    }
}

/// The answer of `GET …/restriction`.
pub fn restriction_response(account: &Account, gateway: &Gateway) -> RestrictionResponse {
    let r = crate::restriction::restriction(account, gateway);
    RestrictionResponse {
        restrict_cidrs: r.restrict_cidrs,
        resource_subnet_cidr: r.resource_subnet_cidr,
    }
}
