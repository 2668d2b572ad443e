//! Read-only VPC v1 and EIP v1 endpoints in the shapes of the real APIs, so automation can find
//! the sandbox's VPCs, subnets, security groups and EIPs with the official clients
//! (`huaweicloudsdkvpc` v2 and `huaweicloudsdkeip` v2 models).

use apig_core::account::{
    Direction, Eip, EtherType, Protocol, Region, SecurityGroup, SecurityGroupRule, Subnet, Vpc,
};
use apig_core::sign::parse_query_pairs;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use crate::error::AppError;
use crate::extract::ApiPath;
use crate::ids;
use crate::routes::apig::region_of;
use crate::state::{AppState, Caller};

/// The VPC and EIP routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/{project_id}/vpcs", get(list_vpcs))
        .route("/v1/{project_id}/subnets", get(list_subnets))
        .route(
            "/v1/{project_id}/security-groups",
            get(list_security_groups),
        )
        .route("/v1/{project_id}/publicips", get(list_publicips))
        .method_not_allowed_fallback(super::no_such_api)
}

/// `limit` / `marker` paging and the filters of the VPC v1 list calls.
#[derive(Debug, Default)]
struct Paging {
    limit: Option<usize>,
    marker: Option<String>,
    vpc_id: Option<String>,
    id: Option<String>,
}

impl Paging {
    fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let mut paging = Self::default();
        for (key, value) in parse_query_pairs(raw.unwrap_or_default()) {
            match key.as_str() {
                "limit" => {
                    let limit: usize = value
                        .trim()
                        .parse()
                        .map_err(|_| AppError::invalid_parameter("limit"))?;
                    paging.limit = Some(limit);
                }
                "marker" => paging.marker = Some(value),
                "vpc_id" => paging.vpc_id = Some(value),
                "id" => paging.id = Some(value),
                _ => {}
            }
        }
        Ok(paging)
    }

    /// The page after `marker` (an ID), at most `limit` long (0 or absent: all).
    fn page(&self, items: Vec<(String, Value)>) -> Vec<Value> {
        let start = self
            .marker
            .as_deref()
            .and_then(|m| items.iter().position(|(id, _)| id == m).map(|i| i + 1))
            .unwrap_or(0);
        let take = self.limit.filter(|&n| n > 0).unwrap_or(usize::MAX);
        items
            .into_iter()
            .skip(start)
            .take(take)
            .map(|(_, v)| v)
            .collect()
    }
}

fn vpc_json(vpc: &Vpc, project_id: &str) -> Value {
    json!({
        "id": vpc.id,
        "name": vpc.name,
        "cidr": vpc.cidr.to_string(),
        "description": "",
        "routes": [],
        "status": "OK",
        "enterprise_project_id": "0",
        "tenant_id": project_id,
    })
}

fn subnet_json(region: &Region, vpc: &Vpc, subnet: &Subnet, project_id: &str) -> Value {
    let gateway_ip = std::net::Ipv4Addr::from(u32::from(subnet.cidr.network()).saturating_add(1));
    json!({
        "id": subnet.id,
        "name": subnet.name,
        "description": "",
        "cidr": subnet.cidr.to_string(),
        "gateway_ip": gateway_ip.to_string(),
        "ipv6_enable": false,
        "dhcp_enable": true,
        "primary_dns": "100.125.1.250",
        "secondary_dns": "100.125.21.250",
        "dns_list": ["100.125.1.250", "100.125.21.250"],
        "availability_zone": region.azs.first().map(|z| z.code.clone()),
        "vpc_id": vpc.id,
        "status": "ACTIVE",
        "neutron_network_id": subnet.id,
        "neutron_subnet_id": ids::derived_uuid(&[&subnet.id, "neutron-subnet"]),
        "extra_dhcp_opts": [],
        "scope": "center",
        "tenant_id": project_id,
        "available_ip_address_count": subnet.free_count(),
    })
}

fn rule_json(group: &SecurityGroup, rule: &SecurityGroupRule, project_id: &str) -> Value {
    json!({
        "id": rule.id,
        "description": rule.description,
        "security_group_id": group.id,
        "direction": match rule.direction {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        },
        "ethertype": match rule.ethertype {
            EtherType::IPv4 => "IPv4",
            EtherType::IPv6 => "IPv6",
        },
        "protocol": rule.protocol.map(|p| match p {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
        }),
        "port_range_min": rule.port_range_min,
        "port_range_max": rule.port_range_max,
        "remote_ip_prefix": rule.remote_ip_prefix.map(|p| p.to_string()),
        "remote_group_id": rule.remote_group_id,
        "remote_address_group_id": null,
        "tenant_id": project_id,
    })
}

fn group_json(group: &SecurityGroup, project_id: &str) -> Value {
    json!({
        "id": group.id,
        "name": group.name,
        "description": "",
        "vpc_id": group.vpc_id,
        "enterprise_project_id": "0",
        "security_group_rules": group
            .rules
            .iter()
            .map(|r| rule_json(group, r, project_id))
            .collect::<Vec<_>>(),
    })
}

fn publicip_json(eip: &Eip, project_id: &str) -> Value {
    json!({
        "id": eip.id,
        "status": eip.status.as_str(),
        "type": "5_bgp",
        "public_ip_address": eip.address.to_string(),
        "private_ip_address": null,
        "port_id": null,
        "tenant_id": project_id,
        "create_time": "2024-01-01 00:00:00",
        "bandwidth_id": ids::derived_uuid(&[&eip.id, "bandwidth"]),
        "bandwidth_name": format!("bandwidth-{}", &eip.id[..eip.id.len().min(4)]),
        "bandwidth_share_type": "PER",
        "bandwidth_size": eip.bandwidth_mbps,
        "enterprise_project_id": "0",
        "ip_version": 4,
        "alias": eip.bound_to,
        "tags": [],
    })
}

/// The handlers' common part: the query's paging and filters, then the path project's region
/// turned into `(id, JSON)` items by `items`, answered as `{ key: [page] }`.
async fn list_of(
    state: &AppState,
    caller: &Caller,
    (project_id, raw): (String, Option<String>),
    key: &'static str,
    items: impl FnOnce(&Region, &Paging, &str) -> Vec<(String, Value)> + Send + 'static,
) -> Result<Json<Value>, AppError> {
    let paging = Paging::parse(raw.as_deref())?;
    state
        .read(caller, move |snap, _| {
            let region = region_of(snap, &project_id)?;
            let items = items(region, &paging, &project_id);
            Ok(Json(json!({ key: paging.page(items) })))
        })
        .await
}

async fn list_vpcs(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    list_of(
        &state,
        &caller,
        (project_id, raw),
        "vpcs",
        |region, paging, project| {
            region
                .vpcs
                .iter()
                .filter(|v| paging.id.as_deref().is_none_or(|id| v.id == id))
                .map(|v| (v.id.clone(), vpc_json(v, project)))
                .collect()
        },
    )
    .await
}

async fn list_subnets(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    list_of(
        &state,
        &caller,
        (project_id, raw),
        "subnets",
        |region, paging, project| {
            region
                .vpcs
                .iter()
                .filter(|v| paging.vpc_id.as_deref().is_none_or(|id| v.id == id))
                .flat_map(|v| v.subnets.iter().map(move |s| (v, s)))
                .map(|(v, s)| (s.id.clone(), subnet_json(region, v, s, project)))
                .collect()
        },
    )
    .await
}

async fn list_security_groups(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    let key = "security_groups";
    list_of(
        &state,
        &caller,
        (project_id, raw),
        key,
        |region, paging, project| {
            region
                .security_groups
                .iter()
                .filter(|g| paging.vpc_id.as_deref().is_none_or(|id| g.vpc_id == id))
                .map(|g| (g.id.clone(), group_json(g, project)))
                .collect()
        },
    )
    .await
}

async fn list_publicips(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(project_id): ApiPath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, AppError> {
    list_of(
        &state,
        &caller,
        (project_id, raw),
        "publicips",
        |region, _, project| {
            region
                .eips
                .iter()
                .map(|e| (e.id.clone(), publicip_json(e, project)))
                .collect()
        },
    )
    .await
}
