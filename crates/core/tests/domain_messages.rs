//! The exact words of every problem `validate` reports: the field, the APIC code and the message
//! the console shows next to the control and the API returns as `error_msg`. A message says what
//! is wrong and what to do; a 7211 message ends with the API's `parameter name[...]`.

mod domain_common;

use apig_core::ErrorCode::{
    self, AzMissing, DuplicateId, DuplicateName, EnterpriseProjectRequired, InsufficientResources,
    InvalidParameter, MaintainWindowHour, MaintainWindowLength, QuotaExceeded,
    SecurityGroupNotInVpc, SpecNotFound, TooManyTags,
};
use apig_core::account::{AccountType, EipStatus, ids};
use apig_core::validate::{DraftTag, Field, Problem, validate};
use apig_core::{Account, Draft, Gateway};
use domain_common::{cn1_draft, cn4_draft, cn4_gateways, seed};

/// The problems of a draft as (field, code, message).
fn problems(
    draft: &Draft,
    account: &Account,
    gateways: &[Gateway],
) -> Vec<(Field, ErrorCode, String)> {
    validate(draft, account, gateways, 7)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.field, p.code, p.message))
        .collect()
}

/// The problems of the cn-north-4 draft after `change`, against the seed.
fn cn4(change: impl FnOnce(&mut Draft)) -> Vec<(Field, ErrorCode, String)> {
    let mut d = cn4_draft();
    change(&mut d);
    problems(&d, &seed(), &[])
}

/// The problems of the cn-north-1 (LVS) draft after `change`, against the seed.
fn cn1(change: impl FnOnce(&mut Draft)) -> Vec<(Field, ErrorCode, String)> {
    let mut d = cn1_draft();
    change(&mut d);
    problems(&d, &seed(), &[])
}

/// One expected problem.
fn one(field: Field, code: ErrorCode, message: &str) -> Vec<(Field, ErrorCode, String)> {
    vec![(field, code, message.to_owned())]
}

const WINDOWS: &str = "Choose one of the six windows: 02–06, 06–10, 10–14, 14–18, 18–22 or 22–02 (times as HH:00:00).";
const TAG_RULES: &str = "Keys: 1–128 characters, not starting with _sys_; values: 0–255 characters; letters, digits, spaces and _ . : = + - @ (values also /).";

#[test]
fn every_field_has_its_form_id_label_and_api_name() {
    let table: Vec<(&str, &str, &str)> = Field::ALL
        .iter()
        .map(|f| (f.id(), f.label(), f.api_name()))
        .collect();
    assert_eq!(
        table,
        [
            ("region", "Region", "region"),
            ("available_zone_ids", "AZ", "availableZoneIds"),
            ("instance_name", "Gateway Name", "instanceName"),
            ("spec_id", "Edition", "specId"),
            ("maintain_begin", "Scheduled Maintenance", "maintainBegin"),
            ("maintain_end", "Scheduled Maintenance", "maintainEnd"),
            (
                "enterprise_project_id",
                "Enterprise Project",
                "enterpriseProjectId"
            ),
            ("eip_id", "Public Inbound Access", "eipId"),
            (
                "ingress_bandwidth_size",
                "Public Inbound Access",
                "ingressBandwidthSize"
            ),
            ("bandwidth_size", "Public Outbound Access", "bandwidthSize"),
            ("vpc_id", "VPC", "vpcId"),
            ("subnet_id", "Subnet", "subnetId"),
            ("security_group_id", "Security Group", "securityGroupId"),
            ("description", "Description", "description"),
            ("tags", "Tags", "tags"),
            (
                "vpcep_service_name",
                "VPC Endpoint Service",
                "vpcepServiceName"
            ),
            ("instance_id", "Gateway ID", "instanceId"),
            ("ingress_port", "Custom Inbound Port", "ingressPort"),
            ("protocol", "Inbound Port Protocol", "protocol"),
            ("feature_name", "Feature", "name"),
            ("feature_config", "Feature Configuration", "config"),
            ("account", "Account", "account"),
        ]
    );
    assert_eq!(Field::InstanceName.to_string(), "Gateway Name");
    assert_eq!(Field::Eip.to_string(), "Public Inbound Access");
}

#[test]
fn a_problem_displays_as_label_code_and_message() {
    let p = Problem {
        field: Field::InstanceName,
        code: DuplicateName,
        message: "Choose another name.".to_owned(),
    };
    assert_eq!(
        p.to_string(),
        "Gateway Name (APIC.7500): Choose another name."
    );
}

#[test]
fn an_empty_draft_says_what_each_required_field_needs() {
    assert_eq!(
        problems(&Draft::default(), &seed(), &[]),
        [
            (
                Field::Region,
                InvalidParameter,
                "Choose a region. (parameter name[region])".to_owned()
            ),
            (
                Field::AvailableZones,
                AzMissing,
                "Choose at least one AZ; several AZs make the gateway more available.".to_owned()
            ),
            (
                Field::InstanceName,
                InvalidParameter,
                "Gateway Name is required. Use 3–64 characters: a letter or Chinese character first, then letters, digits, Chinese characters, - or _. (parameter name[instanceName])".to_owned()
            ),
            (
                Field::Edition,
                InvalidParameter,
                "Edition is required. Choose BASIC, PROFESSIONAL, ENTERPRISE or PLATINUM. (parameter name[specId])".to_owned()
            ),
            (
                Field::Vpc,
                InvalidParameter,
                "VPC is required. Choose a VPC. (parameter name[vpcId])".to_owned()
            ),
            (
                Field::Subnet,
                InvalidParameter,
                "Subnet is required. Choose a subnet of the VPC. (parameter name[subnetId])".to_owned()
            ),
            (
                Field::SecurityGroup,
                InvalidParameter,
                "Security Group is required. Choose a security group of the VPC. (parameter name[securityGroupId])".to_owned()
            ),
        ]
    );
}

#[test]
fn an_unknown_region_lists_the_accounts_regions() {
    assert_eq!(
        cn4(|d| d.region = "eu-west-0".into())[0],
        (
            Field::Region,
            InvalidParameter,
            "Region eu-west-0 is not available; choose one of cn-north-4, cn-north-1, ap-southeast-1. (parameter name[region])".to_owned()
        )
    );
}

#[test]
fn az_messages() {
    assert_eq!(
        cn4(|d| d.available_zone_ids = vec!["cn-north-4z".into()]),
        one(
            Field::AvailableZones,
            AzMissing,
            "AZ cn-north-4z is not in cn-north-4; choose from cn-north-4a, cn-north-4b, cn-north-4c."
        )
    );
    assert_eq!(
        cn4(|d| d.available_zone_ids = vec!["cn-north-4a".into(), "CN-4B".into()]),
        one(
            Field::AvailableZones,
            AzMissing,
            "AZ \"CN-4B\": the character `C` is not allowed. Choose at least one AZ of the region."
        )
    );
    assert_eq!(
        cn4(|d| d.available_zone_ids = vec!["cn-north-4a".into(), "cn-north-4a".into()]),
        one(
            Field::AvailableZones,
            InvalidParameter,
            "AZ cn-north-4a is listed twice; list each AZ once. (parameter name[availableZoneIds])"
        )
    );
}

#[test]
fn edition_messages() {
    assert_eq!(
        cn4(|d| d.spec_id = "GOLD".into()),
        one(
            Field::Edition,
            SpecNotFound,
            "Edition `GOLD` is not one of: BASIC, PROFESSIONAL, ENTERPRISE, PLATINUM, BASIC_IPV6, PROFESSIONAL_IPV6, ENTERPRISE_IPV6, PLATINUM_IPV6, PLATINUM_X2 … PLATINUM_X8. Choose BASIC, PROFESSIONAL, ENTERPRISE or PLATINUM."
        )
    );
    // One problem per AZ that does not sell the edition, naming what it sells.
    assert_eq!(
        cn4(|d| {
            d.available_zone_ids = vec!["cn-north-4c".into(), "cn-north-4a".into()];
            d.spec_id = "PLATINUM_X2".into();
        }),
        one(
            Field::Edition,
            SpecNotFound,
            "Platinum 2 is not sold in AZ3 (cn-north-4c). Choose another edition (Basic, Professional, Enterprise, Basic (IPv6), Professional (IPv6), Enterprise (IPv6) there) or another AZ."
        )
    );
}

#[test]
fn maintenance_window_messages() {
    let window = |b: &str, e: &str| {
        cn4(|d| {
            d.maintain_begin = b.into();
            d.maintain_end = e.into();
        })
    };
    assert_eq!(
        window("07:00:00", "11:00:00"),
        one(
            Field::MaintainBegin,
            MaintainWindowHour,
            &format!(
                "Scheduled Maintenance: a window cannot begin at 07:00; choose 02, 06, 10, 14, 18 or 22. {WINDOWS}"
            )
        )
    );
    assert_eq!(
        window("22:00:00", "23:00:00"),
        one(
            Field::MaintainEnd,
            MaintainWindowLength,
            &format!(
                "Scheduled Maintenance: the window must end 4 hours after it begins (02:00:00). {WINDOWS}"
            )
        )
    );
    assert_eq!(
        window("", "02:00:00"),
        one(
            Field::MaintainBegin,
            InvalidParameter,
            "Scheduled Maintenance is required. Give the window's begin together with its end. (parameter name[maintainBegin])"
        )
    );
    assert_eq!(
        window("22:00", "02:00:00"),
        one(
            Field::MaintainBegin,
            InvalidParameter,
            &format!(
                "Scheduled Maintenance: `22:00` is not a time like 22:00:00. {WINDOWS} (parameter name[maintainBegin])"
            )
        )
    );
    assert_eq!(
        window("22:00:00", "2:00"),
        one(
            Field::MaintainEnd,
            InvalidParameter,
            &format!(
                "Scheduled Maintenance: `2:00` is not a time like 22:00:00. {WINDOWS} (parameter name[maintainEnd])"
            )
        )
    );
}

#[test]
fn enterprise_project_messages_and_values() {
    let with = |kind, ep: &str| {
        let mut a = seed();
        a.account_type = kind;
        let mut d = cn4_draft();
        d.enterprise_project_id = ep.into();
        validate(&d, &a, &[], 7)
            .map(|plan| plan.enterprise_project_id)
            .map_err(|ps| (ps[0].field, ps[0].code, ps[0].message.clone()))
    };
    assert_eq!(with(AccountType::Personal, ""), Ok("0".to_owned()));
    assert_eq!(with(AccountType::Personal, "0"), Ok("0".to_owned()));
    assert_eq!(with(AccountType::Enterprise, "0"), Ok("0".to_owned()));
    assert_eq!(
        with(AccountType::Enterprise, ids::EP_TESTING),
        Ok(ids::EP_TESTING.to_owned())
    );
    assert_eq!(
        with(AccountType::Enterprise, ""),
        Err((
            Field::EnterpriseProject,
            EnterpriseProjectRequired,
            "Enterprise accounts must choose an enterprise project (0 = default).".to_owned()
        ))
    );
    assert_eq!(
        with(AccountType::Enterprise, "nope"),
        Err((
            Field::EnterpriseProject,
            InvalidParameter,
            "Enterprise project nope does not exist; choose one of the account's projects. (parameter name[enterpriseProjectId])".to_owned()
        ))
    );
    assert_eq!(
        with(AccountType::Personal, ids::EP_PRODUCTION),
        Err((
            Field::EnterpriseProject,
            InvalidParameter,
            format!(
                "Personal accounts have no enterprise projects; leave it empty or 0 instead of {}. (parameter name[enterpriseProjectId])",
                ids::EP_PRODUCTION
            )
        ))
    );
}

#[test]
fn lvs_inbound_messages_name_the_free_eips() {
    let free = "free: 114.115.20.21, 114.115.20.22";
    assert_eq!(
        cn1(|d| d.eip_id.clear()),
        one(
            Field::Eip,
            InvalidParameter,
            "Choose an EIP for public inbound access in cn-north-1. (parameter name[eipId])"
        )
    );
    assert_eq!(
        cn1(|d| {
            d.eip_id.clear();
            d.ingress_bandwidth = "10".into();
        }),
        one(
            Field::Eip,
            InvalidParameter,
            "cn-north-1 uses LVS: choose an existing EIP instead of giving an inbound bandwidth. (parameter name[eipId])"
        )
    );
    assert_eq!(
        cn1(|d| d.eip_id = "nope".into()),
        one(
            Field::Eip,
            InvalidParameter,
            &format!(
                "EIP nope does not exist in cn-north-1; choose one of its EIPs ({free}). (parameter name[eipId])"
            )
        )
    );
    assert_eq!(
        cn1(|d| d.eip_id = ids::CN1_EIP_BOUND.into()),
        one(
            Field::Eip,
            InvalidParameter,
            &format!(
                "EIP 114.115.20.23 is ACTIVE and cannot be bound; choose an unbound EIP ({free}). (parameter name[eipId])"
            )
        )
    );
    assert_eq!(
        cn1(|d| d.eip_id = ids::CN1_EIP_ERROR.into()),
        one(
            Field::Eip,
            InvalidParameter,
            &format!(
                "EIP 114.115.20.24 is ERROR and cannot be bound; choose an unbound EIP ({free}). (parameter name[eipId])"
            )
        )
    );
    // With every EIP in use the message says so.
    let mut account = seed();
    for eip in &mut account.region_mut("cn-north-1").expect("seed region").eips {
        eip.status = EipStatus::Active;
    }
    let mut d = cn1_draft();
    d.eip_id = ids::CN1_EIP_BOUND.into();
    assert_eq!(
        problems(&d, &account, &[]),
        one(
            Field::Eip,
            InvalidParameter,
            "EIP 114.115.20.23 is ACTIVE and cannot be bound; choose an unbound EIP (none is free). (parameter name[eipId])"
        )
    );
}

#[test]
fn elb_inbound_and_outbound_messages() {
    assert_eq!(
        cn4(|d| {
            d.ingress_bandwidth.clear();
            d.eip_id = ids::CN4_EIP_FREE_1.into();
        }),
        one(
            Field::IngressBandwidth,
            InvalidParameter,
            "In cn-north-4 (ELB) the gateway gets its own EIP; give an inbound bandwidth of at least 5 Mbit/s instead of an EIP. (parameter name[ingressBandwidthSize])"
        )
    );
    assert_eq!(
        cn4(|d| d.ingress_bandwidth.clear()),
        one(
            Field::IngressBandwidth,
            InvalidParameter,
            "Public Inbound Access is required. Enter a whole number of Mbit/s from 5 to 2000. (parameter name[ingressBandwidthSize])"
        )
    );
    // An EIP next to a bandwidth is not used in an ELB region: nothing to complain about.
    assert_eq!(cn4(|d| d.eip_id = ids::CN4_EIP_FREE_1.into()), []);
    assert_eq!(
        cn4(|d| d.ingress_bandwidth = "4".into()),
        one(
            Field::IngressBandwidth,
            InvalidParameter,
            "Public Inbound Access: must be between 5 and 2000, got 4. Enter a whole number of Mbit/s from 5 to 2000. (parameter name[ingressBandwidthSize])"
        )
    );
    assert_eq!(
        cn4(|d| d.outbound_bandwidth = "0".into()),
        one(
            Field::OutboundBandwidth,
            InvalidParameter,
            "Public Outbound Access: must be between 1 and 2000, got 0. Enter a whole number of Mbit/s from 1 to 2000. (parameter name[bandwidthSize])"
        )
    );
}

#[test]
fn network_messages() {
    assert_eq!(
        cn4(|d| d.vpc_id = "no-such-vpc".into()),
        one(
            Field::Vpc,
            InvalidParameter,
            "VPC no-such-vpc does not exist in cn-north-4; choose one of its VPCs. (parameter name[vpcId])"
        )
    );
    // Without a VPC the subnet and group are not judged against one.
    assert_eq!(
        cn4(|d| d.vpc_id.clear()),
        one(
            Field::Vpc,
            InvalidParameter,
            "VPC is required. Choose a VPC. (parameter name[vpcId])"
        )
    );
    assert_eq!(
        cn4(|d| d.subnet_id = "no-such-subnet".into()),
        one(
            Field::Subnet,
            InvalidParameter,
            "Subnet no-such-subnet does not exist in cn-north-4; choose a subnet of the VPC. (parameter name[subnetId])"
        )
    );
    assert_eq!(
        cn4(|d| d.subnet_id = ids::CN4_SUBNET_OTHER.into()),
        one(
            Field::Subnet,
            InvalidParameter,
            "Subnet subnet-backend belongs to vpc-backend, not vpc-default; choose a subnet of vpc-default. (parameter name[subnetId])"
        )
    );
    assert_eq!(
        cn4(|d| d.subnet_id = ids::CN4_SUBNET_SMALL.into()),
        one(
            Field::Subnet,
            InsufficientResources,
            "subnet-basic-only has 3 free addresses; Professional needs 5. Choose a subnet with at least 5 free addresses or a smaller edition."
        )
    );
    assert_eq!(
        cn4(|d| {
            d.subnet_id = ids::CN4_SUBNET_SMALL.into();
            d.spec_id = "BASIC".into();
        }),
        []
    );
    assert_eq!(
        cn4(|d| d.security_group_id = "no-such-sg".into()),
        one(
            Field::SecurityGroup,
            SecurityGroupNotInVpc,
            "Security group no-such-sg does not exist in cn-north-4; choose a security group of the VPC."
        )
    );
    assert_eq!(
        cn4(|d| d.security_group_id = ids::CN4_SG_OTHER.into()),
        one(
            Field::SecurityGroup,
            SecurityGroupNotInVpc,
            "Security group sg-backend is not in vpc-default; choose a security group of vpc-default."
        )
    );
}

#[test]
fn description_endpoint_and_id_messages() {
    assert_eq!(
        cn4(|d| d.description = "<b>".into()),
        one(
            Field::Description,
            InvalidParameter,
            "Description: the character `<` is not allowed. Use at most 255 characters, without < or >. (parameter name[description])"
        )
    );
    assert_eq!(
        cn4(|d| d.vpcep_service_name = "a".repeat(17)),
        one(
            Field::VpcepServiceName,
            InvalidParameter,
            "VPC Endpoint Service: must be 0–16 characters long, got 17. Use at most 16 letters, digits, - or _. (parameter name[vpcepServiceName])"
        )
    );
    assert_eq!(
        cn4(|d| d.instance_id = "XYZ".into()),
        one(
            Field::InstanceId,
            InvalidParameter,
            "Gateway ID: the character `X` is not allowed. Leave it empty, or give 32 lower-case hexadecimal characters. (parameter name[instanceId])"
        )
    );
}

#[test]
fn tag_messages_number_the_tag_and_name_its_half() {
    let tag = |key: &str, value: &str| DraftTag {
        key: key.into(),
        value: value.into(),
    };
    assert_eq!(
        cn4(|d| d.tags = vec![tag("_sys_x", "")]),
        one(
            Field::Tags,
            InvalidParameter,
            &format!("Tag 1 key: `_sys_` is reserved. {TAG_RULES} (parameter name[tags])")
        )
    );
    assert_eq!(
        cn4(|d| d.tags = vec![tag("env", "prod"), tag("team", "<a>"), tag("", "x")]),
        vec![
            (
                Field::Tags,
                InvalidParameter,
                format!(
                    "Tag 2 value: the character `<` is not allowed. {TAG_RULES} (parameter name[tags])"
                )
            ),
            (
                Field::Tags,
                InvalidParameter,
                format!("Tag 3 key: a value is required. {TAG_RULES} (parameter name[tags])")
            ),
        ]
    );
    assert_eq!(
        cn4(|d| d.tags = vec![tag("env", "a"), tag("env", "b")]),
        one(
            Field::Tags,
            InvalidParameter,
            "Tags: `env` appears more than once. Give each tag a different key. (parameter name[tags])"
        )
    );
    assert_eq!(
        cn4(|d| d.tags = (0..21).map(|i| tag(&format!("k{i}"), "v")).collect()),
        one(
            Field::Tags,
            TooManyTags,
            "Tags: at most 20 allowed, got 21. Remove tags until at most 20 are left."
        )
    );
}

#[test]
fn name_id_and_quota_messages() {
    let mut account = seed();
    let gateways = cn4_gateways(&mut account, 5);
    let mut d = cn4_draft();
    d.instance_name = "existing-3".into();
    d.instance_id = gateways[1].id.to_string();
    assert_eq!(
        problems(&d, &account, &gateways),
        [
            (
                Field::InstanceName,
                DuplicateName,
                "A gateway named existing-3 already exists in cn-north-4. Choose another name."
                    .to_owned()
            ),
            (
                Field::InstanceId,
                DuplicateId,
                format!(
                    "A gateway with ID {} already exists; leave the ID empty to get a new one.",
                    gateways[1].id
                )
            ),
            (
                Field::Account,
                QuotaExceeded,
                "Maximum number of gateways reached: 5 of 5 used in cn-north-4. Delete a gateway or raise the quota.".to_owned()
            ),
        ]
    );
}

#[test]
fn an_exhausted_public_pool_is_a_region_problem() {
    // A /30 pool has two addresses: exactly what ELB inbound plus NAT outbound take.
    let mut account = seed();
    let region = account.region_mut("cn-north-4").expect("seed region");
    region.public_pool = "121.36.10.0/30".parse().expect("net");
    let plan = validate(&cn4_draft(), &account, &[], 7).expect("two addresses are enough");
    assert_eq!(
        (plan.inbound.address(), plan.outbound.address()),
        (
            Some("121.36.10.1".parse().expect("ip")),
            Some("121.36.10.2".parse().expect("ip"))
        )
    );
    // One of the two is an EIP already: two are needed, one is left.
    let region = account.region_mut("cn-north-4").expect("seed region");
    region.eips[0].address = "121.36.10.2".parse().expect("ip");
    let message = "No public address left in 121.36.10.0/30 of cn-north-4. Release an EIP on the Sandbox page.";
    assert_eq!(
        problems(&cn4_draft(), &account, &[]),
        one(Field::Region, InsufficientResources, message)
    );
    // One address is enough for inbound alone, or for outbound alone; none for neither.
    let plan = validate(
        &Draft {
            public_outbound: false,
            ..cn4_draft()
        },
        &account,
        &[],
        7,
    )
    .expect("one address is enough");
    assert_eq!(
        plan.inbound.address(),
        Some("121.36.10.1".parse().expect("ip"))
    );
    let plan = validate(
        &Draft {
            public_inbound: false,
            ..cn4_draft()
        },
        &account,
        &[],
        7,
    )
    .expect("one address is enough");
    assert_eq!(
        plan.outbound.address(),
        Some("121.36.10.1".parse().expect("ip"))
    );
    account.region_mut("cn-north-4").expect("seed region").eips[1].address =
        "121.36.10.1".parse().expect("ip");
    let closed = Draft {
        public_inbound: false,
        public_outbound: false,
        ..cn4_draft()
    };
    assert!(validate(&closed, &account, &[], 7).is_ok());
    assert_eq!(
        problems(
            &Draft {
                public_inbound: false,
                ..cn4_draft()
            },
            &account,
            &[]
        ),
        one(Field::Region, InsufficientResources, message)
    );
}
