//! The exact words of every problem `validate` reports: the field, the APIC code and the message
//! as the API returns it in `error_msg` (`Problem::wire_message`). A message is one plain
//! sentence that says what is wrong, naming every offending character or value, and what to do,
//! without repeating the field's help text; a 7211 message ends with the API's
//! `parameter name[...]` on the wire only (the console shows the sentence and the code as a tag).

mod domain_common;

use apig_core::ErrorCode::{
    self, AzMissing, DuplicateId, DuplicateName, EnterpriseProjectRequired, InsufficientResources,
    InvalidParameter, MaintainWindowHour, MaintainWindowLength, QuotaExceeded,
    SecurityGroupNotInVpc, SpecNotFound, TooManyTags,
};
use apig_core::account::{AccountType, EipStatus, ids};
use apig_core::validate::{DraftTag, Field, Problem, Reason, Subject, hint, validate};
use apig_core::values::{CharSet, ValueError};
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
        .map(|p| (p.field, p.code, p.wire_message()))
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
            ("action", "Tag Action", "action"),
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
    let p = Problem::new(Field::InstanceName, DuplicateName, "Choose another name.");
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
                "Gateway Name is required. (parameter name[instanceName])".to_owned()
            ),
            (
                Field::Edition,
                InvalidParameter,
                "Edition is required. (parameter name[specId])".to_owned()
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
            "AZ “CN-4B” cannot contain “C”, “N” or “B”; use only lower-case letters, digits and -."
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
            "Edition cannot be “GOLD”; choose one of BASIC, PROFESSIONAL, ENTERPRISE, PLATINUM, BASIC_IPV6, PROFESSIONAL_IPV6, ENTERPRISE_IPV6, PLATINUM_IPV6, PLATINUM_X2 … PLATINUM_X8."
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
            "Scheduled Maintenance cannot begin at 07:00; choose 02, 06, 10, 14, 18 or 22."
        )
    );
    assert_eq!(
        window("22:00:00", "23:00:00"),
        one(
            Field::MaintainEnd,
            MaintainWindowLength,
            "Scheduled Maintenance must end 4 hours after it begins, at 02:00:00."
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
            "Scheduled Maintenance is “22:00”; write the time as HH:00:00, e.g. 22:00:00. (parameter name[maintainBegin])"
        )
    );
    assert_eq!(
        window("22:00:00", "2:00"),
        one(
            Field::MaintainEnd,
            InvalidParameter,
            "Scheduled Maintenance is “2:00”; write the time as HH:00:00, e.g. 22:00:00. (parameter name[maintainEnd])"
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
            .map_err(|ps| (ps[0].field, ps[0].code, ps[0].wire_message()))
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
            "Public Inbound Access is required. (parameter name[ingressBandwidthSize])"
        )
    );
    // An EIP next to a bandwidth is not used in an ELB region: nothing to complain about.
    assert_eq!(cn4(|d| d.eip_id = ids::CN4_EIP_FREE_1.into()), []);
    assert_eq!(
        cn4(|d| d.ingress_bandwidth = "4".into()),
        one(
            Field::IngressBandwidth,
            InvalidParameter,
            "Public Inbound Access is 4; enter a whole number from 5 to 2000. (parameter name[ingressBandwidthSize])"
        )
    );
    assert_eq!(
        cn4(|d| d.outbound_bandwidth = "0".into()),
        one(
            Field::OutboundBandwidth,
            InvalidParameter,
            "Public Outbound Access is 0; enter a whole number from 1 to 2000. (parameter name[bandwidthSize])"
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
            "Description cannot contain “<” or “>”. (parameter name[description])"
        )
    );
    assert_eq!(
        cn4(|d| d.vpcep_service_name = "a".repeat(17)),
        one(
            Field::VpcepServiceName,
            InvalidParameter,
            "VPC Endpoint Service has 17 characters; use at most 16. (parameter name[vpcepServiceName])"
        )
    );
    assert_eq!(
        cn4(|d| d.instance_id = "XYZ".into()),
        one(
            Field::InstanceId,
            InvalidParameter,
            "Gateway ID cannot contain “X”, “Y” or “Z”; use only the hexadecimal digits 0–9 and a–f. (parameter name[instanceId])"
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
            "Tag 1 key cannot start with _sys_, which is reserved. (parameter name[tags])"
        )
    );
    assert_eq!(
        cn4(|d| d.tags = vec![tag("env", "prod"), tag("team", "<a>"), tag("", "x")]),
        vec![
            (
                Field::Tags,
                InvalidParameter,
                "Tag 2 value cannot contain “<” or “>”; use only letters, digits, spaces and _ . : = + - @ /. (parameter name[tags])".to_owned()
            ),
            (
                Field::Tags,
                InvalidParameter,
                "Tag 3 key is required. (parameter name[tags])".to_owned()
            ),
        ]
    );
    assert_eq!(
        cn4(|d| d.tags = vec![tag("env", "a"), tag("env", "b")]),
        one(
            Field::Tags,
            InvalidParameter,
            "The tag list has “env” more than once; keep one. (parameter name[tags])"
        )
    );
    assert_eq!(
        cn4(|d| d.tags = (0..21).map(|i| tag(&format!("k{i}"), "v")).collect()),
        one(
            Field::Tags,
            TooManyTags,
            "The tag list has 21 items; at most 20 are allowed."
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

#[test]
fn a_sentence_names_every_offending_character_once_and_the_wire_adds_the_parameter() {
    let mut d = cn4_draft();
    d.instance_name = "my gw.v2 test!.".into();
    let ps = validate(&d, &seed(), &[], 7).unwrap_err();
    assert_eq!(ps.len(), 1, "{ps:?}");
    let p = &ps[0];
    assert_eq!(
        p.message,
        "Gateway Name cannot contain a space, “.” or “!”; use only letters, digits, Chinese \
         characters, - and _."
    );
    assert_eq!(
        p.wire_message(),
        format!("{} (parameter name[instanceName])", p.message)
    );
    assert_eq!(
        p.reason,
        Some(Reason {
            subject: Subject::Field(Field::InstanceName),
            error: ValueError::BadChars {
                chars: vec![' ', '.', '!'],
                allowed: CharSet::GatewayName,
            },
        })
    );
    // Not a 7211: the wire message is the sentence itself.
    let refused = Problem::new(Field::InstanceName, DuplicateName, "Choose another name.");
    assert_eq!(refused.wire_message(), "Choose another name.");
}

#[test]
fn no_sentence_repeats_the_fields_help_text_or_names_the_api_parameter() {
    let tag = |key: &str, value: &str| DraftTag {
        key: key.into(),
        value: value.into(),
    };
    let mut bad = cn4_draft();
    bad.instance_name = "1 x".into();
    bad.spec_id = "GOLD".into();
    bad.maintain_begin = "07:00:00".into();
    bad.maintain_end = "11:00:00".into();
    bad.ingress_bandwidth = "4".into();
    bad.outbound_bandwidth = "x".into();
    bad.description = "<".into();
    bad.vpcep_service_name = "a b".into();
    bad.instance_id = "XYZ".into();
    bad.tags = vec![tag("_sys_a", ""), tag("k", "<")];
    let ps = validate(&bad, &seed(), &[], 7).unwrap_err();
    assert!(ps.len() >= 9, "{ps:?}");
    for p in &ps {
        let help = hint(p.field);
        assert!(
            help.is_empty() || !p.message.contains(help),
            "{:?} repeats its help text: {}",
            p.field,
            p.message
        );
        assert!(!p.message.contains("parameter name"), "{}", p.message);
        assert!(!p.message.contains('`'), "raw quoting in {}", p.message);
        assert!(p.message.ends_with('.'), "not a sentence: {}", p.message);
    }
}
