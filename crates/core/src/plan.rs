//! The create plan: everything a purchase will create, decided before anything changes, so the
//! confirmation page can show it and the exports can render it.
//!
//! [`apply_plan`] takes the plan's private IPs and EIPs from the account; [`release`] gives a
//! deleted gateway's back.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::account::{Account, Eip, EipStatus};
use crate::gateway::{Gateway, Inbound, Outbound};
use crate::lifecycle::{CreationSpeed, InjectedFailure};
use crate::validate::{Field, Problem};
use crate::values::{
    AzCode, Description, Edition, ErrorCode, GatewayName, InstanceId, MaintenanceWindow, Tags,
    VpcepServiceName,
};

/// What a valid purchase will create. Built only by [`crate::validate::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatePlan {
    /// The new gateway's ID (32 lower hex).
    pub instance_id: InstanceId,
    /// Region ID.
    pub region: String,
    /// The region's project ID.
    pub project_id: String,
    /// Name.
    pub name: GatewayName,
    /// Edition.
    pub edition: Edition,
    /// Description.
    pub description: Description,
    /// Maintenance window.
    pub maintenance_window: MaintenanceWindow,
    /// Enterprise project (`0` = default).
    pub enterprise_project_id: String,
    /// AZ codes.
    pub available_zone_ids: Vec<AzCode>,
    /// VPC ID.
    pub vpc_id: String,
    /// Subnet ID.
    pub subnet_id: String,
    /// Security group ID.
    pub security_group_id: String,
    /// The lowest free private IPs of the subnet, as many as the edition needs.
    pub private_ips: Vec<Ipv4Addr>,
    /// The VPC access address (the first private IP).
    pub ingress_ip: Ipv4Addr,
    /// Public inbound access (the EIP to bind, or the EIP to create with its bandwidth).
    pub inbound: Inbound,
    /// Public outbound access (the NAT EIP to create with its bandwidth).
    pub outbound: Outbound,
    /// Tags.
    pub tags: Tags,
    /// VPC endpoint service name.
    pub vpcep_service_name: VpcepServiceName,
}

impl CreatePlan {
    /// The gateway record the plan creates, starting at `created_at_ms`.
    pub fn to_gateway(
        &self,
        created_at_ms: u64,
        speed: CreationSpeed,
        failure: Option<InjectedFailure>,
    ) -> Gateway {
        Gateway {
            id: self.instance_id.clone(),
            region: self.region.clone(),
            project_id: self.project_id.clone(),
            name: self.name.clone(),
            edition: self.edition,
            description: self.description.clone(),
            maintenance_window: self.maintenance_window,
            enterprise_project_id: self.enterprise_project_id.clone(),
            vpc_id: self.vpc_id.clone(),
            subnet_id: self.subnet_id.clone(),
            security_group_id: self.security_group_id.clone(),
            available_zone_ids: self.available_zone_ids.clone(),
            private_ips: self.private_ips.clone(),
            ingress_ip: self.ingress_ip,
            inbound: self.inbound.clone(),
            outbound: self.outbound.clone(),
            tags: self.tags.clone(),
            vpcep_service_name: self.vpcep_service_name.clone(),
            ingress_ports: Vec::new(),
            features: Vec::new(),
            created_at_ms,
            speed,
            failure,
            pending: None,
            history: Vec::new(),
            apis: crate::apis::Catalogue::default(),
        }
    }
}

/// The account changed since the plan was made; validate again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The region is gone.
    #[error("region {0} no longer exists")]
    RegionGone(String),
    /// The subnet is gone.
    #[error("subnet {0} no longer exists")]
    SubnetGone(String),
    /// A planned private IP was taken meanwhile.
    #[error("private IP {0} is already in use")]
    AddressTaken(Ipv4Addr),
    /// The planned EIP is no longer free.
    #[error("EIP {0} is no longer free")]
    EipTaken(String),
    /// A planned public address was taken meanwhile.
    #[error("public address {0} is already in use")]
    PublicAddressTaken(Ipv4Addr),
}

impl ApplyError {
    /// The refusal both front ends answer a creation that could not be applied with: the
    /// resources ran out meanwhile (`APIC.9219`, insufficient resources) or something the plan
    /// names is gone (`APIC.9206`, creation failed), on the field that names it.
    pub fn problem(&self) -> Problem {
        let (field, code) = match self {
            Self::RegionGone(_) => (Field::Region, ErrorCode::CreateFailed),
            Self::SubnetGone(_) => (Field::Subnet, ErrorCode::CreateFailed),
            Self::AddressTaken(_) => (Field::Subnet, ErrorCode::InsufficientResources),
            Self::EipTaken(_) => (Field::Eip, ErrorCode::InsufficientResources),
            Self::PublicAddressTaken(_) => (Field::Region, ErrorCode::InsufficientResources),
        };
        Problem::new(
            field,
            code,
            format!("{}: {self}. Check again and retry.", code.meaning()),
        )
    }
}

/// Takes the plan's resources from the account: marks the private IPs used, binds the LVS EIP,
/// creates the ELB and NAT EIPs. Checks everything first, so on error nothing has changed.
pub fn apply_plan(account: &mut Account, plan: &CreatePlan) -> Result<(), ApplyError> {
    let region = account
        .region_mut(&plan.region)
        .ok_or_else(|| ApplyError::RegionGone(plan.region.clone()))?;
    let subnet = region
        .subnet(&plan.subnet_id)
        .map(|(_, s)| s)
        .ok_or_else(|| ApplyError::SubnetGone(plan.subnet_id.clone()))?;
    if let Some(ip) = plan.private_ips.iter().find(|ip| {
        subnet.used.contains(ip) || subnet.is_reserved(**ip) || !subnet.cidr.contains(*ip)
    }) {
        return Err(ApplyError::AddressTaken(*ip));
    }
    let mut created: Vec<Eip> = Vec::new();
    match &plan.inbound {
        Inbound::Off => {}
        Inbound::Eip { eip_id, .. } => {
            if !region.eip(eip_id).is_some_and(Eip::is_free) {
                return Err(ApplyError::EipTaken(eip_id.clone()));
            }
        }
        Inbound::Elb {
            eip_id,
            address,
            bandwidth,
        } => created.push(Eip {
            id: eip_id.clone(),
            address: *address,
            status: EipStatus::Active,
            bound_to: Some(plan.instance_id.to_string()),
            bandwidth_mbps: bandwidth.mbps(),
        }),
    }
    if let Outbound::Nat {
        eip_id,
        address,
        bandwidth,
    } = &plan.outbound
    {
        created.push(Eip {
            id: eip_id.clone(),
            address: *address,
            status: EipStatus::Active,
            bound_to: Some(plan.instance_id.to_string()),
            bandwidth_mbps: bandwidth.mbps(),
        });
    }
    for e in &created {
        if region.eips.iter().any(|x| x.address == e.address) {
            return Err(ApplyError::PublicAddressTaken(e.address));
        }
        if region.eip(&e.id).is_some() {
            return Err(ApplyError::EipTaken(e.id.clone()));
        }
    }

    // Everything checked: now change the account.
    if let Some(s) = region.subnet_mut(&plan.subnet_id) {
        s.used.extend_from_slice(&plan.private_ips);
    }
    if let Inbound::Eip { eip_id, .. } = &plan.inbound
        && let Some(e) = region.eip_mut(eip_id)
    {
        e.status = EipStatus::Active;
        e.bound_to = Some(plan.instance_id.to_string());
    }
    region.eips.extend(created);
    Ok(())
}

/// Gives a deleted gateway's resources back: frees its private IPs, unbinds its LVS EIP and
/// removes the EIPs created for it. Anything already gone is skipped.
pub fn release(account: &mut Account, gateway: &Gateway) {
    let Some(region) = account.region_mut(&gateway.region) else {
        return;
    };
    if let Some(s) = region.subnet_mut(&gateway.subnet_id) {
        s.used.retain(|ip| !gateway.private_ips.contains(ip));
    }
    if let Inbound::Eip { eip_id, .. } = &gateway.inbound
        && let Some(e) = region.eip_mut(eip_id)
        && e.bound_to.as_deref() == Some(gateway.id.as_str())
    {
        e.status = EipStatus::Down;
        e.bound_to = None;
    }
    let own = |id: &str| {
        matches!(&gateway.inbound, Inbound::Elb { eip_id, .. } if eip_id == id)
            || matches!(&gateway.outbound, Outbound::Nat { eip_id, .. } if eip_id == id)
    };
    region
        .eips
        .retain(|e| !(own(&e.id) && e.bound_to.as_deref() == Some(gateway.id.as_str())));
}
