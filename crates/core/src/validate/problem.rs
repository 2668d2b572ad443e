//! What a problem with a draft names: the [`Field`] to fix (with its form ID, console label and
//! API parameter name), the APIC code and a message; and the collector that words the messages.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::values::{ErrorCode, ValueError};

/// A form control (or the account as a whole) a problem or check concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Region.
    Region,
    /// AZ selection.
    AvailableZones,
    /// Gateway name.
    InstanceName,
    /// Edition.
    Edition,
    /// Maintenance window begin.
    MaintainBegin,
    /// Maintenance window end.
    MaintainEnd,
    /// Enterprise project.
    EnterpriseProject,
    /// Inbound EIP (LVS).
    Eip,
    /// Inbound bandwidth (ELB).
    IngressBandwidth,
    /// Outbound bandwidth.
    OutboundBandwidth,
    /// VPC.
    Vpc,
    /// Subnet.
    Subnet,
    /// Security group.
    SecurityGroup,
    /// Description.
    Description,
    /// Tags.
    Tags,
    /// VPC endpoint service name.
    VpcepServiceName,
    /// Caller-chosen instance ID.
    InstanceId,
    /// A custom inbound port's number (`ingress_port`).
    IngressPort,
    /// A custom inbound port's protocol (`protocol`).
    IngressPortProtocol,
    /// A gateway feature's name (`name` of a feature toggle).
    FeatureName,
    /// A gateway feature's configuration (`config` of a feature toggle).
    FeatureConfig,
    /// The account: quota and permissions (no form control).
    Account,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Self; 22] = [
        Self::Region,
        Self::AvailableZones,
        Self::InstanceName,
        Self::Edition,
        Self::MaintainBegin,
        Self::MaintainEnd,
        Self::EnterpriseProject,
        Self::Eip,
        Self::IngressBandwidth,
        Self::OutboundBandwidth,
        Self::Vpc,
        Self::Subnet,
        Self::SecurityGroup,
        Self::Description,
        Self::Tags,
        Self::VpcepServiceName,
        Self::InstanceId,
        Self::IngressPort,
        Self::IngressPortProtocol,
        Self::FeatureName,
        Self::FeatureConfig,
        Self::Account,
    ];

    /// Stable ID for linking errors to form controls: the API field name in snake case,
    /// e.g. `"instance_name"`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::AvailableZones => "available_zone_ids",
            Self::InstanceName => "instance_name",
            Self::Edition => "spec_id",
            Self::MaintainBegin => "maintain_begin",
            Self::MaintainEnd => "maintain_end",
            Self::EnterpriseProject => "enterprise_project_id",
            Self::Eip => "eip_id",
            Self::IngressBandwidth => "ingress_bandwidth_size",
            Self::OutboundBandwidth => "bandwidth_size",
            Self::Vpc => "vpc_id",
            Self::Subnet => "subnet_id",
            Self::SecurityGroup => "security_group_id",
            Self::Description => "description",
            Self::Tags => "tags",
            Self::VpcepServiceName => "vpcep_service_name",
            Self::InstanceId => "instance_id",
            Self::IngressPort => "ingress_port",
            Self::IngressPortProtocol => "protocol",
            Self::FeatureName => "feature_name",
            Self::FeatureConfig => "feature_config",
            Self::Account => "account",
        }
    }

    /// The console's label, e.g. `"Gateway Name"`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Region => "Region",
            Self::AvailableZones => "AZ",
            Self::InstanceName => "Gateway Name",
            Self::Edition => "Edition",
            Self::MaintainBegin | Self::MaintainEnd => "Scheduled Maintenance",
            Self::EnterpriseProject => "Enterprise Project",
            Self::Eip | Self::IngressBandwidth => "Public Inbound Access",
            Self::OutboundBandwidth => "Public Outbound Access",
            Self::Vpc => "VPC",
            Self::Subnet => "Subnet",
            Self::SecurityGroup => "Security Group",
            Self::Description => "Description",
            Self::Tags => "Tags",
            Self::VpcepServiceName => "VPC Endpoint Service",
            Self::InstanceId => "Gateway ID",
            Self::IngressPort => "Custom Inbound Port",
            Self::IngressPortProtocol => "Inbound Port Protocol",
            Self::FeatureName => "Feature",
            Self::FeatureConfig => "Feature Configuration",
            Self::Account => "Account",
        }
    }

    /// The name the real API puts in `parameter name[...]` (camel case).
    pub const fn api_name(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::AvailableZones => "availableZoneIds",
            Self::InstanceName => "instanceName",
            Self::Edition => "specId",
            Self::MaintainBegin => "maintainBegin",
            Self::MaintainEnd => "maintainEnd",
            Self::EnterpriseProject => "enterpriseProjectId",
            Self::Eip => "eipId",
            Self::IngressBandwidth => "ingressBandwidthSize",
            Self::OutboundBandwidth => "bandwidthSize",
            Self::Vpc => "vpcId",
            Self::Subnet => "subnetId",
            Self::SecurityGroup => "securityGroupId",
            Self::Description => "description",
            Self::Tags => "tags",
            Self::VpcepServiceName => "vpcepServiceName",
            Self::InstanceId => "instanceId",
            Self::IngressPort => "ingressPort",
            Self::IngressPortProtocol => "protocol",
            Self::FeatureName => "name",
            Self::FeatureConfig => "config",
            Self::Account => "account",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing wrong with a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The field to fix.
    pub field: Field,
    /// The APIC code the real API returns.
    pub code: ErrorCode,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.field.label(),
            self.code,
            self.message
        )
    }
}

/// What to do about a format error of each field.
pub(super) const fn hint(field: Field) -> &'static str {
    match field {
        Field::InstanceName => {
            "Use 3–64 characters: a letter or Chinese character first, then letters, digits, Chinese characters, - or _."
        }
        Field::Description => "Use at most 255 characters, without < or >.",
        Field::Edition => "Choose BASIC, PROFESSIONAL, ENTERPRISE or PLATINUM.",
        Field::MaintainBegin | Field::MaintainEnd => {
            "Choose one of the six windows: 02–06, 06–10, 10–14, 14–18, 18–22 or 22–02 (times as HH:00:00)."
        }
        Field::AvailableZones => "Choose at least one AZ of the region.",
        Field::IngressBandwidth => "Enter a whole number of Mbit/s from 5 to 2000.",
        Field::OutboundBandwidth => "Enter a whole number of Mbit/s from 1 to 2000.",
        Field::Tags => {
            "Keys: 1–128 characters, not starting with _sys_; values: 0–255 characters; letters, digits, spaces and _ . : = + - @ (values also /)."
        }
        Field::VpcepServiceName => "Use at most 16 letters, digits, - or _.",
        Field::InstanceId => "Leave it empty, or give 32 lower-case hexadecimal characters.",
        _ => "",
    }
}

/// Collects problems in form order.
#[derive(Default)]
pub(super) struct Problems(pub(super) Vec<Problem>);

impl Problems {
    pub(super) fn push(&mut self, field: Field, code: ErrorCode, message: String) {
        self.0.push(Problem {
            field,
            code,
            message,
        });
    }

    /// An `APIC.7211` (or the value error's own code) with the API's parameter name.
    pub(super) fn value(&mut self, field: Field, error: &ValueError) {
        self.value_with(field, error, hint(field));
    }

    pub(super) fn value_with(&mut self, field: Field, error: &ValueError, todo: &str) {
        let message = match error {
            ValueError::Missing => format!("{} is required. {todo}", field.label()),
            other => format!("{}: {other}. {todo}", field.label()),
        };
        self.invalid_code(field, error.code(), &message);
    }

    /// A message for a code; 7211 messages carry `parameter name[...]` like the real API.
    pub(super) fn invalid_code(&mut self, field: Field, code: ErrorCode, message: &str) {
        let message = if code == ErrorCode::InvalidParameter {
            format!(
                "{} (parameter name[{}])",
                message.trim_end(),
                field.api_name()
            )
        } else {
            message.trim_end().to_owned()
        };
        self.push(field, code, message);
    }

    pub(super) fn invalid(&mut self, field: Field, message: &str) {
        self.invalid_code(field, ErrorCode::InvalidParameter, message);
    }
}
