//! The stored gateway record, shared by the console's storage and the emulator's database.
//!
//! A gateway stores timestamps, not a status: [`Gateway::status`] derives the status from the
//! creation start, the speed, an injected failure and a pending operation, at the time the
//! caller passes in.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::lifecycle::{
    CreationSpeed, InjectedFailure, Operation, Progress, Status, StatusConflict, check_transition,
    creation_progress,
};
use crate::values::{
    AzCode, Bandwidth, Description, Edition, GatewayName, InstanceId, MaintenanceWindow, Tags,
    VpcepServiceName,
};

/// Public inbound access of a gateway (or of a plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Inbound {
    /// No public inbound access.
    Off,
    /// LVS regions: an existing EIP of the account is bound to the gateway.
    Eip {
        /// The EIP's ID.
        eip_id: String,
        /// Its address.
        address: Ipv4Addr,
    },
    /// ELB regions: the gateway got its own EIP with this inbound bandwidth.
    Elb {
        /// The ID of the EIP created for the gateway.
        eip_id: String,
        /// Its address.
        address: Ipv4Addr,
        /// The inbound bandwidth.
        bandwidth: Bandwidth,
    },
}

impl Inbound {
    /// The public inbound address, if any.
    pub fn address(&self) -> Option<Ipv4Addr> {
        match self {
            Self::Off => None,
            Self::Eip { address, .. } | Self::Elb { address, .. } => Some(*address),
        }
    }
}

/// Public outbound access of a gateway (or of a plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Outbound {
    /// No public outbound access.
    Off,
    /// A NAT EIP with this bandwidth.
    Nat {
        /// The ID of the NAT EIP created for the gateway.
        eip_id: String,
        /// Its address (`nat_eip_address`).
        address: Ipv4Addr,
        /// The outbound bandwidth (`bandwidth_size`).
        bandwidth: Bandwidth,
    },
}

impl Outbound {
    /// The NAT address, if any.
    pub fn address(&self) -> Option<Ipv4Addr> {
        match self {
            Self::Off => None,
            Self::Nat { address, .. } => Some(*address),
        }
    }
}

/// The kind of a pending operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingKind {
    /// An update, shown as `Updating`.
    Updating,
    /// A resize, shown as `Resizing`.
    Resizing,
    /// A deletion, shown as `Deleting`; the gateway is gone once it has finished.
    Deleting,
}

/// An operation under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOperation {
    /// What is under way.
    pub kind: PendingKind,
    /// When it started, epoch ms.
    pub started_at_ms: u64,
}

/// One entry of a gateway's change history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// When, epoch ms.
    pub at_ms: u64,
    /// The field's stable ID ([`crate::validate::Field::id`]), e.g. `instance_name`.
    pub field: String,
    /// The old value, as shown.
    pub old: String,
    /// The new value, as shown.
    pub new: String,
}

/// A gateway as stored by the console and the emulator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gateway {
    /// 32 lower-hex ID.
    pub id: InstanceId,
    /// Region ID.
    pub region: String,
    /// The project (per region) the gateway belongs to.
    pub project_id: String,
    /// Name.
    pub name: GatewayName,
    /// Edition.
    pub edition: Edition,
    /// Description.
    pub description: Description,
    /// Scheduled maintenance window.
    pub maintenance_window: MaintenanceWindow,
    /// Enterprise project ID (`0` = default).
    pub enterprise_project_id: String,
    /// VPC ID.
    pub vpc_id: String,
    /// Subnet ID.
    pub subnet_id: String,
    /// Security group ID.
    pub security_group_id: String,
    /// AZ codes.
    pub available_zone_ids: Vec<AzCode>,
    /// Private IPs taken from the subnet.
    pub private_ips: Vec<Ipv4Addr>,
    /// VPC access address (`ingress_ip`).
    pub ingress_ip: Ipv4Addr,
    /// Public inbound access.
    pub inbound: Inbound,
    /// Public outbound access.
    pub outbound: Outbound,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
    /// VPC endpoint service name.
    #[serde(default)]
    pub vpcep_service_name: VpcepServiceName,
    /// Custom inbound ports, oldest first.
    #[serde(default)]
    pub ingress_ports: Vec<crate::ingress_ports::IngressPort>,
    /// Features set away from their defaults ([`crate::features`]).
    #[serde(default)]
    pub features: Vec<crate::features::FeatureSetting>,
    /// When creation started, epoch ms.
    pub created_at_ms: u64,
    /// How fast the sandbox runs its jobs.
    pub speed: CreationSpeed,
    /// A failure injected into the creation, if any.
    pub failure: Option<InjectedFailure>,
    /// An operation under way, if any.
    pub pending: Option<PendingOperation>,
    /// Changes made after creation, oldest first.
    #[serde(default)]
    pub history: Vec<Change>,
    /// What the gateway serves: API groups, APIs, environments, publications, apps and
    /// authorizations ([`crate::apis`]); left out of the stored JSON while empty.
    #[serde(default, skip_serializing_if = "crate::apis::Catalogue::is_empty")]
    pub apis: crate::apis::Catalogue,
}

impl Gateway {
    /// Creation progress at `now_ms`.
    pub fn progress(&self, now_ms: u64) -> Progress {
        creation_progress(self.created_at_ms, now_ms, self.speed, self.failure)
    }

    /// The status at `now_ms`: a deletion shows `Deleting`; then creation (`Creating`,
    /// `CreateFail`); then a pending update or resize while it lasts; else `Running`.
    pub fn status(&self, now_ms: u64) -> Status {
        if let Some(PendingOperation {
            kind: PendingKind::Deleting,
            ..
        }) = self.pending
        {
            return Status::Deleting;
        }
        let progress = self.progress(now_ms);
        if progress.status != Status::Running {
            return progress.status;
        }
        match self.pending {
            Some(op) if now_ms < op.started_at_ms.saturating_add(self.speed.operation_ms()) => {
                match op.kind {
                    PendingKind::Updating => Status::Updating,
                    PendingKind::Resizing => Status::Resizing,
                    PendingKind::Deleting => Status::Deleting,
                }
            }
            _ => Status::Running,
        }
    }

    /// Whether a deletion has finished at `now_ms` (the store may then drop the record).
    pub fn is_deleted(&self, now_ms: u64) -> bool {
        matches!(self.pending, Some(op) if op.kind == PendingKind::Deleting
            && now_ms >= op.started_at_ms.saturating_add(self.speed.operation_ms()))
    }

    /// Starts `operation` at `now_ms` if the status allows it (else `APIC.7701`), recording
    /// the pending `Updating` / `Resizing` / `Deleting`.
    pub fn begin(&mut self, operation: Operation, now_ms: u64) -> Result<(), StatusConflict> {
        check_transition(self.status(now_ms), operation)?;
        let kind = match operation {
            Operation::Delete => PendingKind::Deleting,
            Operation::Resize => PendingKind::Resizing,
            Operation::Update | Operation::ChangeInbound | Operation::ChangeOutbound => {
                PendingKind::Updating
            }
        };
        self.pending = Some(PendingOperation {
            kind,
            started_at_ms: now_ms,
        });
        Ok(())
    }

    /// Records a change in the history.
    pub fn record(&mut self, at_ms: u64, field: &str, old: String, new: String) {
        self.history.push(Change {
            at_ms,
            field: field.to_owned(),
            old,
            new,
        });
    }

    /// The AZ codes in the string form show and list return: `"[cn-north-4a, cn-north-4b]"`.
    pub fn available_zone_ids_string(&self) -> String {
        let codes: Vec<&str> = self.available_zone_ids.iter().map(AzCode::as_str).collect();
        format!("[{}]", codes.join(", "))
    }
}
