"""The official Python SDKs against apig-mock: the journey an automation script takes, and the
refusals it must understand. Only the endpoint URL differs from the real cloud."""

import pytest
from huaweicloudsdkapig.v2 import (
    AddEngressEipV2Request,
    AddIngressEipV2Request,
    ApigClient,
    CreateInstanceV2Request,
    DeleteInstancesV2Request,
    InstanceCreateReqV2,
    InstanceModReq,
    ListAvailableZonesV2Request,
    ListInstanceConfigsV2Request,
    ListInstancesV2Request,
    OpenEngressEipReq,
    OpenIngressEipReq,
    RemoveEngressEipV2Request,
    RemoveIngressEipV2Request,
    ShowDetailsOfInstanceProgressV2Request,
    ShowDetailsOfInstanceV2Request,
    UpdateEngressEipV2Request,
    UpdateIngressEipV2Request,
    UpdateInstanceV2Request,
)
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkeip.v2 import ListPublicipsRequest
from huaweicloudsdkvpc.v2 import (
    ListSecurityGroupsRequest,
    ListSubnetsRequest,
    ListVpcsRequest,
)

from conftest import build


def discover(vpc, apig):
    """VPC, the roomiest subnet, a security group open on 443, and the first AZ."""
    vpcs = vpc.list_vpcs(ListVpcsRequest()).vpcs
    assert vpcs, "the sandbox has VPCs"
    chosen = vpcs[0]
    subnets = vpc.list_subnets(ListSubnetsRequest(vpc_id=chosen.id)).subnets
    assert all(s.vpc_id == chosen.id for s in subnets)
    subnet = max(subnets, key=lambda s: s.available_ip_address_count)
    assert subnet.available_ip_address_count >= 3
    groups = vpc.list_security_groups(
        ListSecurityGroupsRequest(vpc_id=chosen.id)
    ).security_groups

    def opens_443(group):
        return any(
            r.direction == "ingress"
            and r.remote_ip_prefix == "0.0.0.0/0"
            and (r.port_range_min or 0) <= 443 <= (r.port_range_max or 65535)
            for r in group.security_group_rules
        )

    group = next(g for g in groups if opens_443(g))
    zones = apig.list_available_zones_v2(ListAvailableZonesV2Request()).available_zones
    assert zones and zones[0].specs["BASIC"]
    return chosen, subnet, group, zones[0].code


def create_body(name, vpc_id, subnet_id, group_id, az, **extra):
    return InstanceCreateReqV2(
        instance_name=name,
        spec_id="BASIC",
        vpc_id=vpc_id,
        subnet_id=subnet_id,
        security_group_id=group_id,
        available_zone_ids=[az],
        **extra,
    )


def create(apig, body):
    return apig.create_instance_v2(CreateInstanceV2Request(body=body))


def refused(call):
    with pytest.raises(ClientRequestException) as caught:
        call()
    return caught.value


def test_full_journey(apig, vpc, eip, credential):
    net, subnet, group, az = discover(vpc, apig)

    created = create(apig, create_body("sdk-gw-1", net.id, subnet.id, group.id, az,
                                       description="made by the SDK",
                                       maintain_begin="22:00:00", maintain_end="02:00:00"))
    assert created.status_code == 202
    assert len(created.instance_id) == 32
    assert created.job_id.startswith("JOB-")
    assert created.message.startswith("JOB_ASSIGNED_FOR_PROVISIONING_0003I:")
    gid = created.instance_id

    progress = apig.show_details_of_instance_progress_v2(
        ShowDetailsOfInstanceProgressV2Request(instance_id=gid)
    )
    assert (progress.progress, progress.status) == (100, "success")
    assert progress.error_code is None

    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.status == "Running" and shown.instance_status == 6
    assert shown.instance_name == "sdk-gw-1"
    assert shown.project_id == credential["project_id"]
    assert shown.spec == "BASIC"
    assert shown.vpc_id == net.id and shown.subnet_id == subnet.id
    assert shown.security_group_id == group.id
    assert shown.available_zone_ids == f"[{az}]"
    assert (shown.maintain_begin, shown.maintain_end) == ("22:00:00", "02:00:00")
    assert shown.description == "made by the SDK"
    assert shown.ingress_ip

    # The subnet lost the gateway's private addresses.
    after = vpc.list_subnets(ListSubnetsRequest(vpc_id=net.id)).subnets
    same = next(s for s in after if s.id == subnet.id)
    assert same.available_ip_address_count == subnet.available_ip_address_count - 3

    # List with paging.
    for n in (2, 3):
        create(apig, create_body(f"sdk-gw-{n}", net.id, subnet.id, group.id, az))
    page = apig.list_instances_v2(ListInstancesV2Request(limit=2, offset=0))
    assert (page.total, page.size, len(page.instances)) == (3, 2, 2)
    rest = apig.list_instances_v2(ListInstancesV2Request(limit=2, offset=2))
    assert (rest.total, rest.size) == (3, 1)
    names = {i.instance_name for i in page.instances + rest.instances}
    assert names == {"sdk-gw-1", "sdk-gw-2", "sdk-gw-3"}
    one = apig.list_instances_v2(ListInstancesV2Request(instance_id=gid))
    assert one.total == 1 and one.instances[0].status == "Running"

    # Update: the answer is the whole instance.
    updated = apig.update_instance_v2(UpdateInstanceV2Request(
        instance_id=gid,
        body=InstanceModReq(instance_name="sdk-gw-renamed", description="changed",
                            maintain_begin="06:00:00", maintain_end="10:00:00"),
    ))
    assert updated.status_code == 200
    assert updated.id == gid
    assert updated.instance_name == "sdk-gw-renamed"
    assert updated.description == "changed"
    assert (updated.maintain_begin, updated.maintain_end) == ("06:00:00", "10:00:00")
    assert updated.vpc_id == net.id

    # Public inbound (ELB region: the gateway gets its own EIP) and outbound access.
    added = apig.add_ingress_eip_v2(AddIngressEipV2Request(
        instance_id=gid, body=OpenIngressEipReq(bandwidth_size=5, bandwidth_charging_mode="bandwidth")))
    assert added.status_code == 202 and added.job_id.startswith("JOB-")
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.publicips[0].bandwidth_size == 5
    inbound_address = shown.publicips[0].ip_address
    assert shown.eip_address == inbound_address
    apig.update_ingress_eip_v2(UpdateIngressEipV2Request(
        instance_id=gid, body=OpenIngressEipReq(bandwidth_size=10, bandwidth_charging_mode="bandwidth")))
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.publicips[0].bandwidth_size == 10

    nat = apig.add_engress_eip_v2(AddEngressEipV2Request(
        instance_id=gid, body=OpenEngressEipReq(bandwidth_size="5", bandwidth_charging_mode="bandwidth")))
    assert nat.status_code == 200
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.nat_eip_address and shown.bandwidth_size == 5
    apig.update_engress_eip_v2(UpdateEngressEipV2Request(
        instance_id=gid, body=OpenEngressEipReq(bandwidth_size="20")))
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.bandwidth_size == 20

    addresses = {p.public_ip_address: p for p in eip.list_publicips(ListPublicipsRequest()).publicips}
    assert addresses[inbound_address].status == "ACTIVE"
    assert addresses[shown.nat_eip_address].bandwidth_size == 20

    removed = apig.remove_engress_eip_v2(RemoveEngressEipV2Request(instance_id=gid))
    assert removed.status_code == 204
    removed = apig.remove_ingress_eip_v2(RemoveIngressEipV2Request(instance_id=gid))
    assert removed.status_code == 204
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.nat_eip_address is None and not shown.publicips

    # Delete, then the gateway is gone.
    deleted = apig.delete_instances_v2(DeleteInstancesV2Request(instance_id=gid))
    assert deleted.status_code == 204
    gone = refused(lambda: apig.show_details_of_instance_v2(
        ShowDetailsOfInstanceV2Request(instance_id=gid)))
    assert (gone.status_code, gone.error_code) == (404, "APIC.7302")
    assert gone.request_id
    assert apig.list_instances_v2(ListInstancesV2Request()).total == 2


def test_quota_configs_and_the_sixth_gateway(apig, vpc):
    net, subnet, group, az = discover(vpc, apig)
    configs = apig.list_instance_configs_v2(ListInstanceConfigsV2Request()).configs
    limit = next(c for c in configs if c.config_name == "INSTANCE_NUM_LIMIT")
    assert limit.config_value == "5"
    for n in range(5):
        create(apig, create_body(f"quota-{n}", net.id, subnet.id, group.id, az))
    sixth = refused(lambda: create(apig, create_body("quota-5", net.id, subnet.id, group.id, az)))
    assert (sixth.status_code, sixth.error_code) == (403, "APIC.7400")
    assert apig.list_instances_v2(ListInstancesV2Request()).total == 5


@pytest.mark.parametrize(
    "name, extra, status, code",
    [
        ("1-starts-with-digit", {}, 400, "APIC.7211"),
        ("ab", {}, 400, "APIC.7211"),
        ("bad-window-hour", {"maintain_begin": "03:00:00", "maintain_end": "07:00:00"}, 400, "APIC.7235"),
        ("bad-window-length", {"maintain_begin": "02:00:00", "maintain_end": "10:00:00"}, 400, "APIC.7230"),
        ("bad-window-format", {"maintain_begin": "2am"}, 400, "APIC.7211"),
        ("bad-description", {"description": "<script>"}, 400, "APIC.7211"),
    ],
)
def test_invalid_create_bodies_are_refused(apig, vpc, name, extra, status, code):
    net, subnet, group, az = discover(vpc, apig)
    error = refused(lambda: create(apig, create_body(name, net.id, subnet.id, group.id, az, **extra)))
    assert (error.status_code, error.error_code) == (status, code)
    assert error.error_msg
    assert apig.list_instances_v2(ListInstancesV2Request()).total == 0


def test_unknown_edition_and_foreign_security_group(apig, vpc):
    net, subnet, group, az = discover(vpc, apig)
    body = create_body("gw-gold", net.id, subnet.id, group.id, az)
    body.spec_id = "GOLD"
    error = refused(lambda: create(apig, body))
    assert (error.status_code, error.error_code) == (404, "APIC.7301")
    other_vpc = [v for v in vpc.list_vpcs(ListVpcsRequest()).vpcs if v.id != net.id][0]
    foreign = vpc.list_security_groups(ListSecurityGroupsRequest(vpc_id=other_vpc.id)).security_groups[0]
    body = create_body("gw-foreign", net.id, subnet.id, foreign.id, az)
    error = refused(lambda: create(apig, body))
    assert (error.status_code, error.error_code) == (404, "APIC.7307")


def test_duplicate_name_and_bad_update(apig, vpc):
    net, subnet, group, az = discover(vpc, apig)
    first = create(apig, create_body("dup-name", net.id, subnet.id, group.id, az))
    error = refused(lambda: create(apig, create_body("dup-name", net.id, subnet.id, group.id, az)))
    assert (error.status_code, error.error_code) == (400, "APIC.7500")
    error = refused(lambda: apig.update_instance_v2(UpdateInstanceV2Request(
        instance_id=first.instance_id,
        body=InstanceModReq(maintain_begin="05:00:00", maintain_end="09:00:00"))))
    assert (error.status_code, error.error_code) == (400, "APIC.7235")


def test_wrong_secret_key_is_401_apigw_0301(endpoint, credential):
    client = build(ApigClient, endpoint, credential, sk="not-the-secret-key")
    error = refused(lambda: client.list_instances_v2(ListInstancesV2Request()))
    assert (error.status_code, error.error_code) == (401, "APIGW.0301")
    assert "verify aksk signature fail" in error.error_msg
    assert error.request_id


def test_unknown_access_key_is_401(endpoint, credential):
    stranger = dict(credential, access_key="AKNOBODY00000000")
    client = build(ApigClient, endpoint, stranger)
    error = refused(lambda: client.list_instances_v2(ListInstancesV2Request()))
    assert (error.status_code, error.error_code) == (401, "APIGW.0301")
    assert "not exist" in error.error_msg


def test_another_project_is_403(endpoint, pool, credential):
    other = next(c for c in pool if c["project_id"] != credential["project_id"])
    intruder = dict(credential, project_id=other["project_id"])
    client = build(ApigClient, endpoint, intruder)
    error = refused(lambda: client.list_instances_v2(ListInstancesV2Request()))
    assert error.status_code == 403


def test_missing_instance_is_404(apig):
    error = refused(lambda: apig.show_details_of_instance_v2(
        ShowDetailsOfInstanceV2Request(instance_id="0" * 32)))
    assert (error.status_code, error.error_code) == (404, "APIC.7302")
