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
    /// A tag operation's action (`action` of a batch tag request: create or delete).
    TagAction,
    /// A gateway feature's name (`name` of a feature toggle).
    FeatureName,
    /// A gateway feature's configuration (`config` of a feature toggle).
    FeatureConfig,
    /// The account: quota and permissions (no form control).
    Account,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Self; 23] = [
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
        Self::TagAction,
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
            Self::TagAction => "action",
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
            Self::TagAction => "Tag Action",
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
            Self::TagAction => "action",
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
    /// What is wrong and what to do, in one plain sentence (or two) that names every offending
    /// character or value: "Gateway Name cannot contain a space or “.”; use only …". The API's
    /// `error_msg` adds the parameter name ([`Problem::wire_message`]); the console shows the
    /// code beside it as a tag.
    pub message: String,
    /// The value error behind a format problem and what it is about, so that another language
    /// can word the same characters and figures (not sent on the wire).
    #[serde(skip)]
    pub reason: Option<Reason>,
}

/// The typed cause of a format problem: "{subject} {error}."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// What the error is about.
    pub subject: Subject,
    /// What is wrong with it.
    pub error: ValueError,
}

/// What a format problem is about: its field, or a part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The field itself (its label).
    Field(Field),
    /// The key of the n-th tag (from 1).
    TagKey(usize),
    /// The value of the n-th tag (from 1).
    TagValue(usize),
    /// The list of tags as a whole.
    TagList,
    /// One AZ code as given.
    Az(String),
}

impl Subject {
    /// The subject in English, at the start of a sentence.
    pub fn en(&self) -> String {
        match self {
            Self::Field(field) => field.label().to_owned(),
            Self::TagKey(n) => format!("Tag {n} key"),
            Self::TagValue(n) => format!("Tag {n} value"),
            Self::TagList => "The tag list".to_owned(),
            Self::Az(code) => format!("AZ “{code}”"),
        }
    }
}

impl Problem {
    /// A problem without a typed reason.
    pub fn new(field: Field, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
            reason: None,
        }
    }

    /// A value error of `subject` (a field or a part of it) as one sentence, "{subject}
    /// {error}.", with `code` and the typed reason.
    pub fn of_value(field: Field, code: ErrorCode, subject: Subject, error: &ValueError) -> Self {
        Self {
            field,
            code,
            message: format!("{} {error}.", subject.en()),
            reason: Some(Reason {
                subject,
                error: error.clone(),
            }),
        }
    }

    /// A value error of `field` itself, with the value error's own code.
    pub fn value(field: Field, error: &ValueError) -> Self {
        Self::of_value(field, error.code(), Subject::Field(field), error)
    }

    /// An `APIC.7211` on `field`.
    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Self::new(field, ErrorCode::InvalidParameter, message)
    }

    /// The message as the API's `error_msg` says it: an `APIC.7211` ends with the parameter's
    /// API name, `… (parameter name[instanceName])`, as the real service names it.
    pub fn wire_message(&self) -> String {
        if self.code == ErrorCode::InvalidParameter && self.field != Field::Account {
            format!(
                "{} (parameter name[{}])",
                self.message,
                self.field.api_name()
            )
        } else {
            self.message.clone()
        }
    }
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

/// What to do about a format error of each field: the help text the form shows beside it
/// (problems do not repeat it).
pub const fn hint(field: Field) -> &'static str {
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
        self.0.push(Problem::new(field, code, message));
    }

    /// A value error of `field` as one sentence: "{label} {error}." (the value error's own
    /// code, `APIC.7211` for most).
    pub(super) fn value(&mut self, field: Field, error: &ValueError) {
        self.value_of(field, error.code(), Subject::Field(field), error);
    }

    /// A value error of `subject` (a field or a part of it) with `code`.
    pub(super) fn value_of(
        &mut self,
        field: Field,
        code: ErrorCode,
        subject: Subject,
        error: &ValueError,
    ) {
        self.0.push(Problem::of_value(field, code, subject, error));
    }

    /// A missing value, with what to do about it in this case ("Choose a VPC."): the
    /// sentence names the action, so no typed reason goes with it.
    pub(super) fn missing(&mut self, field: Field, todo: &str) {
        self.push(
            field,
            ErrorCode::InvalidParameter,
            format!("{} is required. {todo}", field.label()),
        );
    }

    pub(super) fn invalid(&mut self, field: Field, message: &str) {
        self.push(
            field,
            ErrorCode::InvalidParameter,
            message.trim_end().to_owned(),
        );
    }
}
