//! Validation of a whole purchase: a [`Draft`] (the raw form state) becomes a
//! [`CreatePlan`] or the list of *every* [`Problem`], each with its field, the APIC code the
//! real API returns and a message that says what to do.
//!
//! The rules of the create form are here; [`Field`] and [`Problem`] (and the wording of the
//! messages) in `problem.rs`; the edit form of an existing gateway in `update.rs`.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountType, DEFAULT_ENTERPRISE_PROJECT, Region};
use crate::authority::{Operation, authorize};
use crate::gateway::{Gateway, Inbound, Outbound};
use crate::plan::CreatePlan;
use crate::precheck::quota_usage;
use crate::values::{
    AzCode, Bandwidth, Description, Edition, ErrorCode, GatewayName, InstanceId, MaintenanceWindow,
    Tag, TagPart, Tags, ValueError, VpcepServiceName, WindowEnd,
};

mod network;
mod problem;
mod update;

use network::{
    InboundChoice, Network, OutboundChoice, check_inbound, check_network, check_public_addresses,
};
use problem::Problems;
pub use problem::{Field, Problem, Reason, Subject, hint};
pub use update::{GatewayUpdate, UpdateDraft, validate_update};

/// The raw state of the Buy Gateway form: every value as typed, nothing validated.
/// The console autosaves it; the API's create body converts into it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Region ID (chooses the project).
    pub region: String,
    /// AZ codes.
    pub available_zone_ids: Vec<String>,
    /// Gateway name.
    pub instance_name: String,
    /// Edition (`spec_id`).
    pub spec_id: String,
    /// `HH:00:00`; empty = the default window.
    pub maintain_begin: String,
    /// `HH:00:00`; empty = begin + 4 h.
    pub maintain_end: String,
    /// Enterprise project ID.
    pub enterprise_project_id: String,
    /// Public inbound access on?
    pub public_inbound: bool,
    /// LVS regions: the EIP to bind.
    pub eip_id: String,
    /// ELB regions: the inbound bandwidth in Mbit/s, as typed.
    pub ingress_bandwidth: String,
    /// Public outbound access on?
    pub public_outbound: bool,
    /// The outbound bandwidth in Mbit/s, as typed.
    pub outbound_bandwidth: String,
    /// VPC ID.
    pub vpc_id: String,
    /// Subnet ID.
    pub subnet_id: String,
    /// Security group ID.
    pub security_group_id: String,
    /// Description.
    pub description: String,
    /// Tags.
    pub tags: Vec<DraftTag>,
    /// VPC endpoint service name.
    pub vpcep_service_name: String,
    /// Caller-chosen instance ID; empty = derive one.
    pub instance_id: String,
}

/// A tag as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftTag {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

impl Draft {
    /// A draft pre-filled for `region` the way the console opens the form: the first AZ,
    /// Basic, the default window, the first VPC with its roomiest subnet and first security
    /// group of that VPC, public access off, and the first `apig-NN` name not yet taken.
    pub fn prefilled(account: &Account, region: &Region, gateways: &[Gateway]) -> Self {
        let vpc = region.vpcs.first();
        let subnet = vpc.and_then(|v| v.subnets.iter().max_by_key(|s| s.free_count()));
        let sg = vpc.and_then(|v| region.security_groups.iter().find(|g| g.vpc_id == v.id));
        let window = MaintenanceWindow::default();
        Self {
            region: region.id.clone(),
            available_zone_ids: region
                .azs
                .first()
                .map(|z| z.code.clone())
                .into_iter()
                .collect(),
            instance_name: suggest_name(region, gateways),
            spec_id: Edition::Basic.as_str().to_owned(),
            maintain_begin: window.begin(),
            maintain_end: window.end(),
            enterprise_project_id: match account.account_type {
                AccountType::Enterprise => DEFAULT_ENTERPRISE_PROJECT.to_owned(),
                AccountType::Personal => String::new(),
            },
            ingress_bandwidth: "5".to_owned(),
            outbound_bandwidth: "5".to_owned(),
            vpc_id: vpc.map(|v| v.id.clone()).unwrap_or_default(),
            subnet_id: subnet.map(|s| s.id.clone()).unwrap_or_default(),
            security_group_id: sg.map(|g| g.id.clone()).unwrap_or_default(),
            ..Self::default()
        }
    }
}

impl Draft {
    /// A draft with `gateway`'s settings, to buy it again ("Delete and buy again with the same
    /// settings" after a failed creation): the same region, AZs, name, edition, window,
    /// network, public access, description and tags; a new instance ID.
    pub fn same_as(gateway: &Gateway) -> Self {
        let (public_inbound, eip_id, ingress_bandwidth) = match &gateway.inbound {
            Inbound::Off => (false, String::new(), "5".to_owned()),
            Inbound::Eip { eip_id, .. } => (true, eip_id.clone(), "5".to_owned()),
            Inbound::Elb { bandwidth, .. } => (true, String::new(), bandwidth.mbps().to_string()),
        };
        let (public_outbound, outbound_bandwidth) = match &gateway.outbound {
            Outbound::Off => (false, "5".to_owned()),
            Outbound::Nat { bandwidth, .. } => (true, bandwidth.mbps().to_string()),
        };
        Self {
            region: gateway.region.clone(),
            available_zone_ids: gateway
                .available_zone_ids
                .iter()
                .map(|z| z.as_str().to_owned())
                .collect(),
            instance_name: gateway.name.as_str().to_owned(),
            spec_id: gateway.edition.as_str().to_owned(),
            maintain_begin: gateway.maintenance_window.begin(),
            maintain_end: gateway.maintenance_window.end(),
            enterprise_project_id: gateway.enterprise_project_id.clone(),
            public_inbound,
            eip_id,
            ingress_bandwidth,
            public_outbound,
            outbound_bandwidth,
            vpc_id: gateway.vpc_id.clone(),
            subnet_id: gateway.subnet_id.clone(),
            security_group_id: gateway.security_group_id.clone(),
            description: gateway.description.as_str().to_owned(),
            tags: crate::tags::to_draft(&gateway.tags),
            vpcep_service_name: gateway.vpcep_service_name.as_str().to_owned(),
            instance_id: String::new(),
        }
    }
}

/// The first name `apig-01`, `apig-02`, … not used by a gateway of the region's project.
pub fn suggest_name(region: &Region, gateways: &[Gateway]) -> String {
    // Among len + 1 candidates at least one is free.
    (1..=gateways.len() + 1)
        .map(|n| format!("apig-{n:02}"))
        .find(|name| {
            !gateways
                .iter()
                .any(|g| g.project_id == region.project_id && g.name.as_str() == name)
        })
        .unwrap_or_default()
}
/// Validates a whole draft against the account and the existing gateways. Returns the plan,
/// or every problem at once in form order. `nonce` makes the derived instance ID unique
/// (the caller passes e.g. a counter or the current time); the same inputs give the same plan.
pub fn validate(
    draft: &Draft,
    account: &Account,
    gateways: &[Gateway],
    nonce: u64,
) -> Result<CreatePlan, Vec<Problem>> {
    let mut p = Problems::default();
    let region = check_region(&mut p, draft, account);
    let azs = check_azs(&mut p, draft, region);
    let name = check_name(&mut p, draft, region, gateways);
    let edition = check_edition(&mut p, draft, region, &azs);
    let window = check_window(&mut p, draft);
    let enterprise_project_id = check_enterprise_project(&mut p, draft, account);
    let inbound = check_inbound(&mut p, draft, region);
    let outbound = if draft.public_outbound {
        Bandwidth::parse_outbound(&draft.outbound_bandwidth)
            .map(OutboundChoice::Nat)
            .map_err(|e| p.value(Field::OutboundBandwidth, &e))
            .ok()
    } else {
        Some(OutboundChoice::Off)
    };
    let network = check_network(&mut p, draft, region, edition);
    let description = Description::parse(&draft.description)
        .map_err(|e| p.value(Field::Description, &e))
        .ok();
    let tags = check_tags(&mut p, draft);
    let vpcep_service_name = VpcepServiceName::parse(&draft.vpcep_service_name)
        .map_err(|e| p.value(Field::VpcepServiceName, &e))
        .ok();
    let instance_id = check_instance_id(&mut p, draft, gateways, nonce);
    let public_addresses = region.and_then(|r| {
        let elb = matches!(inbound, Some(InboundChoice::Elb(_)));
        let nat = matches!(outbound, Some(OutboundChoice::Nat(_)));
        check_public_addresses(&mut p, r, usize::from(elb) + usize::from(nat))
    });
    if let Some(region) = region {
        check_account(&mut p, account, region, gateways);
    }
    if !p.0.is_empty() {
        return Err(p.0);
    }
    let parts = Parts {
        region,
        azs,
        name,
        edition,
        window,
        enterprise_project_id,
        inbound,
        outbound,
        network,
        description,
        tags,
        vpcep_service_name,
        instance_id,
        public_addresses,
    };
    // With no problems every part is present; `into_plan` checks it again without panicking.
    parts.into_plan().ok_or_else(|| {
        vec![Problem::new(
            Field::Account,
            ErrorCode::CreateFailed,
            "The draft could not be planned; check every field.",
        )]
    })
}

/// The validated parts of a draft; `None` where a problem was reported.
struct Parts<'a> {
    region: Option<&'a Region>,
    azs: Vec<AzCode>,
    name: Option<GatewayName>,
    edition: Option<Edition>,
    window: Option<MaintenanceWindow>,
    enterprise_project_id: Option<String>,
    inbound: Option<InboundChoice>,
    outbound: Option<OutboundChoice>,
    network: Option<Network>,
    description: Option<Description>,
    tags: Option<Tags>,
    vpcep_service_name: Option<VpcepServiceName>,
    instance_id: Option<InstanceId>,
    public_addresses: Option<Vec<Ipv4Addr>>,
}

impl Parts<'_> {
    fn into_plan(self) -> Option<CreatePlan> {
        let region = self.region?;
        let instance_id = self.instance_id?;
        let (vpc_id, subnet_id, security_group_id, private_ips) = self.network?;
        let mut public = self.public_addresses?.into_iter();
        let inbound = match self.inbound? {
            InboundChoice::Off => Inbound::Off,
            InboundChoice::Eip { eip_id, address } => Inbound::Eip { eip_id, address },
            InboundChoice::Elb(bandwidth) => Inbound::Elb {
                eip_id: derived_uuid(instance_id.as_str(), "ingress-eip"),
                address: public.next()?,
                bandwidth,
            },
        };
        let outbound = match self.outbound? {
            OutboundChoice::Off => Outbound::Off,
            OutboundChoice::Nat(bandwidth) => Outbound::Nat {
                eip_id: derived_uuid(instance_id.as_str(), "nat-eip"),
                address: public.next()?,
                bandwidth,
            },
        };
        Some(CreatePlan {
            region: region.id.clone(),
            project_id: region.project_id.clone(),
            name: self.name?,
            edition: self.edition?,
            description: self.description?,
            maintenance_window: self.window?,
            enterprise_project_id: self.enterprise_project_id?,
            available_zone_ids: self.azs,
            vpc_id,
            subnet_id,
            security_group_id,
            ingress_ip: *private_ips.first()?,
            private_ips,
            inbound,
            outbound,
            tags: self.tags?,
            vpcep_service_name: self.vpcep_service_name?,
            instance_id,
        })
    }
}

fn check_region<'a>(p: &mut Problems, draft: &Draft, account: &'a Account) -> Option<&'a Region> {
    let region = account.region(&draft.region);
    if region.is_none() {
        if draft.region.is_empty() {
            p.invalid(Field::Region, "Choose a region.");
        } else {
            let known: Vec<&str> = account.regions.iter().map(|r| r.id.as_str()).collect();
            p.invalid(
                Field::Region,
                &format!(
                    "Region {} is not available; choose one of {}.",
                    draft.region,
                    known.join(", ")
                ),
            );
        }
    }
    region
}

fn check_edition(
    p: &mut Problems,
    draft: &Draft,
    region: Option<&Region>,
    azs: &[AzCode],
) -> Option<Edition> {
    match Edition::parse(&draft.spec_id) {
        Ok(e) => {
            check_azs_sell(p, e, region, azs);
            Some(e)
        }
        Err(ValueError::Missing) => {
            p.value(Field::Edition, &ValueError::Missing);
            None
        }
        Err(e) => {
            p.value_of(
                Field::Edition,
                ErrorCode::SpecNotFound,
                Subject::Field(Field::Edition),
                &e,
            );
            None
        }
    }
}

/// A UUID-shaped ID derived from an instance ID and a purpose (for the EIPs a gateway gets).
fn derived_uuid(instance_id: &str, purpose: &str) -> String {
    InstanceId::derive_uuid(&[instance_id, purpose], 0)
}

fn check_name(
    p: &mut Problems,
    draft: &Draft,
    region: Option<&Region>,
    gateways: &[Gateway],
) -> Option<GatewayName> {
    let name = match GatewayName::parse(&draft.instance_name) {
        Ok(n) => n,
        Err(e) => {
            p.value(Field::InstanceName, &e);
            return None;
        }
    };
    if let Some(region) = region
        && gateways
            .iter()
            .any(|g| g.project_id == region.project_id && g.name == name)
    {
        p.push(
            Field::InstanceName,
            ErrorCode::DuplicateName,
            format!(
                "A gateway named {name} already exists in {}. Choose another name.",
                region.id
            ),
        );
        return None;
    }
    Some(name)
}

fn check_azs(p: &mut Problems, draft: &Draft, region: Option<&Region>) -> Vec<AzCode> {
    let field = Field::AvailableZones;
    if draft.available_zone_ids.is_empty() {
        p.push(
            field,
            ErrorCode::AzMissing,
            "Choose at least one AZ; several AZs make the gateway more available.".to_owned(),
        );
        return Vec::new();
    }
    let mut out: Vec<AzCode> = Vec::with_capacity(draft.available_zone_ids.len());
    for raw in &draft.available_zone_ids {
        let code = match AzCode::parse(raw) {
            Ok(c) => c,
            Err(e) => {
                p.value_of(field, ErrorCode::AzMissing, Subject::Az(raw.clone()), &e);
                continue;
            }
        };
        if out.contains(&code) {
            p.invalid(
                field,
                &format!("AZ {code} is listed twice; list each AZ once."),
            );
            continue;
        }
        if let Some(region) = region
            && region.az(code.as_str()).is_none()
        {
            let known: Vec<&str> = region.azs.iter().map(|z| z.code.as_str()).collect();
            p.push(
                field,
                ErrorCode::AzMissing,
                format!(
                    "AZ {code} is not in {}; choose from {}.",
                    region.id,
                    known.join(", ")
                ),
            );
            continue;
        }
        out.push(code);
    }
    out
}

fn check_azs_sell(p: &mut Problems, edition: Edition, region: Option<&Region>, azs: &[AzCode]) {
    let Some(region) = region else { return };
    for code in azs {
        if let Some(az) = region.az(code.as_str())
            && !az.sells(edition)
        {
            let sold: Vec<&str> = az.editions.iter().map(|e| e.display_name()).collect();
            p.push(
                Field::Edition,
                ErrorCode::SpecNotFound,
                format!(
                    "{} is not sold in {} ({}). Choose another edition ({} there) or another AZ.",
                    edition.display_name(),
                    az.name,
                    az.code,
                    sold.join(", ")
                ),
            );
        }
    }
}

fn check_window(p: &mut Problems, draft: &Draft) -> Option<MaintenanceWindow> {
    match (
        draft.maintain_begin.is_empty(),
        draft.maintain_end.is_empty(),
    ) {
        (true, true) => Some(MaintenanceWindow::default()),
        (true, false) => {
            p.missing(
                Field::MaintainBegin,
                "Give the window's begin together with its end.",
            );
            None
        }
        _ => match MaintenanceWindow::parse(&draft.maintain_begin, &draft.maintain_end) {
            Ok(w) => Some(w),
            Err(e) => {
                let field = match e.end {
                    WindowEnd::Begin => Field::MaintainBegin,
                    WindowEnd::End => Field::MaintainEnd,
                };
                p.value(field, &e.error);
                None
            }
        },
    }
}

fn check_enterprise_project(p: &mut Problems, draft: &Draft, account: &Account) -> Option<String> {
    let field = Field::EnterpriseProject;
    let id = draft.enterprise_project_id.as_str();
    match account.account_type {
        AccountType::Enterprise if id.is_empty() => {
            p.push(
                field,
                ErrorCode::EnterpriseProjectRequired,
                "Enterprise accounts must choose an enterprise project (0 = default).".to_owned(),
            );
            None
        }
        AccountType::Enterprise if account.enterprise_project(id).is_none() => {
            p.invalid(
                field,
                &format!(
                    "Enterprise project {id} does not exist; choose one of the account's projects."
                ),
            );
            None
        }
        AccountType::Enterprise => Some(id.to_owned()),
        AccountType::Personal if id.is_empty() || id == DEFAULT_ENTERPRISE_PROJECT => {
            Some(DEFAULT_ENTERPRISE_PROJECT.to_owned())
        }
        AccountType::Personal => {
            p.invalid(
                field,
                &format!("Personal accounts have no enterprise projects; leave it empty or 0 instead of {id}."),
            );
            None
        }
    }
}

fn check_tags(p: &mut Problems, draft: &Draft) -> Option<Tags> {
    check_tag_list(p, &draft.tags)
}

/// Parses typed tags into [`Tags`], or every problem at once (each on [`Field::Tags`]): the
/// rules of the create body, of the tags row and of the tag endpoints.
pub fn parse_tags(tags: &[DraftTag]) -> Result<Tags, Vec<Problem>> {
    let mut p = Problems::default();
    match check_tag_list(&mut p, tags) {
        Some(parsed) if p.0.is_empty() => Ok(parsed),
        _ => Err(p.0),
    }
}

fn check_tag_list(p: &mut Problems, tags: &[DraftTag]) -> Option<Tags> {
    let mut parsed = Vec::with_capacity(tags.len());
    let mut ok = true;
    for (i, t) in tags.iter().enumerate() {
        match Tag::parse(&t.key, &t.value) {
            Ok(tag) => parsed.push(tag),
            Err((part, e)) => {
                ok = false;
                let subject = match part {
                    TagPart::Key => Subject::TagKey(i + 1),
                    TagPart::Value => Subject::TagValue(i + 1),
                };
                p.value_of(Field::Tags, e.code(), subject, &e);
            }
        }
    }
    match Tags::new(parsed) {
        Ok(tags) if ok => Some(tags),
        Ok(_) => None,
        Err(e) => {
            p.value_of(Field::Tags, e.code(), Subject::TagList, &e);
            None
        }
    }
}

fn check_instance_id(
    p: &mut Problems,
    draft: &Draft,
    gateways: &[Gateway],
    nonce: u64,
) -> Option<InstanceId> {
    let id = if draft.instance_id.is_empty() {
        InstanceId::derive(&[&draft.region, &draft.instance_name], nonce)
    } else {
        match InstanceId::parse(&draft.instance_id) {
            Ok(id) => id,
            Err(e) => {
                p.value(Field::InstanceId, &e);
                return None;
            }
        }
    };
    if gateways.iter().any(|g| g.id == id) {
        p.push(
            Field::InstanceId,
            ErrorCode::DuplicateId,
            format!("A gateway with ID {id} already exists; leave the ID empty to get a new one."),
        );
        return None;
    }
    Some(id)
}

fn check_account(p: &mut Problems, account: &Account, region: &Region, gateways: &[Gateway]) {
    let q = quota_usage(account, region, gateways);
    if !q.has_room() {
        p.push(
            Field::Account,
            ErrorCode::QuotaExceeded,
            format!(
                "Maximum number of gateways reached: {} of {} used in {}. Delete a gateway or raise the quota.",
                q.used, q.limit, region.id
            ),
        );
    }
    if let Err(refused) = authorize(&account.principal, Operation::Create) {
        p.0.push(refused);
    }
}
