//! Editing a gateway: the information page's form ([`UpdateDraft`]) becomes a [`GatewayUpdate`]
//! or every problem at once, and a validated update is written into the gateway with its history.

use serde::{Deserialize, Serialize};

use super::problem::{Problem, Problems};
use super::{Draft, Field, check_window};
use crate::account::Account;
use crate::gateway::Gateway;
use crate::values::{Description, ErrorCode, GatewayName, MaintenanceWindow, VpcepServiceName};

/// The raw state of the gateway information page's edit form (and of the API's update
/// body): `None` leaves a value as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateDraft {
    /// New name.
    pub instance_name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New window begin (`HH:00:00`).
    pub maintain_begin: Option<String>,
    /// New window end (`HH:00:00`); empty or absent = begin + 4 h.
    pub maintain_end: Option<String>,
    /// New security group (of the gateway's VPC).
    pub security_group_id: Option<String>,
    /// New VPC endpoint service name.
    pub vpcep_service_name: Option<String>,
}

/// A validated update: the new values, ready for [`GatewayUpdate::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayUpdate {
    name: Option<GatewayName>,
    description: Option<Description>,
    window: Option<MaintenanceWindow>,
    security_group_id: Option<String>,
    vpcep_service_name: Option<VpcepServiceName>,
}

/// Validates an update of `gateway` at `now_ms`: the status must allow it (`APIC.7701`), the
/// name must be valid and not used by another gateway of the project (`APIC.7500`), the
/// window, description and endpoint name follow the create rules, and the security group
/// must belong to the gateway's VPC (`APIC.7307`). Returns every problem at once.
pub fn validate_update(
    update: &UpdateDraft,
    gateway: &Gateway,
    account: &Account,
    gateways: &[Gateway],
    now_ms: u64,
) -> Result<GatewayUpdate, Vec<Problem>> {
    let mut p = Problems::default();
    if let Err(e) = crate::lifecycle::check_transition(
        gateway.status(now_ms),
        crate::lifecycle::Operation::Update,
    ) {
        p.0.push(e.problem());
    }
    let name = update.instance_name.as_deref().and_then(|raw| {
        let name = GatewayName::parse(raw)
            .map_err(|e| p.value(Field::InstanceName, &e))
            .ok()?;
        let taken = gateways
            .iter()
            .any(|g| g.id != gateway.id && g.project_id == gateway.project_id && g.name == name);
        if taken {
            p.push(
                Field::InstanceName,
                ErrorCode::DuplicateName,
                format!(
                    "A gateway named {name} already exists in {}. Choose another name.",
                    gateway.region
                ),
            );
            return None;
        }
        Some(name)
    });
    let description = update.description.as_deref().and_then(|raw| {
        Description::parse(raw)
            .map_err(|e| p.value(Field::Description, &e))
            .ok()
    });
    let window = match (&update.maintain_begin, &update.maintain_end) {
        (None, None) => None,
        (begin, end) => {
            let draft = Draft {
                maintain_begin: begin.clone().unwrap_or_default(),
                maintain_end: end.clone().unwrap_or_default(),
                ..Draft::default()
            };
            check_window(&mut p, &draft)
        }
    };
    let security_group_id = update.security_group_id.as_deref().and_then(|id| {
        let region = account.region(&gateway.region)?;
        match region.security_group(id) {
            Some(g) if g.vpc_id == gateway.vpc_id => Some(id.to_owned()),
            _ => {
                p.push(
                    Field::SecurityGroup,
                    ErrorCode::SecurityGroupNotInVpc,
                    format!("Security group {id} is not in the gateway's VPC; choose a group of that VPC."),
                );
                None
            }
        }
    });
    let vpcep_service_name = update.vpcep_service_name.as_deref().and_then(|raw| {
        VpcepServiceName::parse(raw)
            .map_err(|e| p.value(Field::VpcepServiceName, &e))
            .ok()
    });
    if p.0.is_empty() {
        Ok(GatewayUpdate {
            name,
            description,
            window,
            security_group_id,
            vpcep_service_name,
        })
    } else {
        Err(p.0)
    }
}

impl GatewayUpdate {
    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.window.is_none()
            && self.security_group_id.is_none()
            && self.vpcep_service_name.is_none()
    }

    /// Writes the new values into `gateway`, records each real change in its history and
    /// marks it `Updating` from `now_ms`. Returns how many values changed.
    pub fn apply(self, gateway: &mut Gateway, now_ms: u64) -> usize {
        let before = gateway.history.len();
        if let Some(name) = self.name
            && name != gateway.name
        {
            let old = std::mem::replace(&mut gateway.name, name);
            let new = gateway.name.to_string();
            gateway.record(now_ms, Field::InstanceName.id(), old.to_string(), new);
        }
        if let Some(d) = self.description
            && d != gateway.description
        {
            let old = std::mem::replace(&mut gateway.description, d);
            let new = gateway.description.to_string();
            gateway.record(now_ms, Field::Description.id(), old.to_string(), new);
        }
        if let Some(w) = self.window
            && w != gateway.maintenance_window
        {
            let old = std::mem::replace(&mut gateway.maintenance_window, w);
            gateway.record(now_ms, Field::MaintainBegin.id(), old.label(), w.label());
        }
        if let Some(sg) = self.security_group_id
            && sg != gateway.security_group_id
        {
            let old = std::mem::replace(&mut gateway.security_group_id, sg);
            let new = gateway.security_group_id.clone();
            gateway.record(now_ms, Field::SecurityGroup.id(), old, new);
        }
        if let Some(v) = self.vpcep_service_name
            && v != gateway.vpcep_service_name
        {
            let old = std::mem::replace(&mut gateway.vpcep_service_name, v);
            let new = gateway.vpcep_service_name.to_string();
            gateway.record(now_ms, Field::VpcepServiceName.id(), old.to_string(), new);
        }
        let changed = gateway.history.len() - before;
        if changed > 0 {
            gateway.pending = Some(crate::gateway::PendingOperation {
                kind: crate::gateway::PendingKind::Updating,
                started_at_ms: now_ms,
            });
        }
        changed
    }
}
