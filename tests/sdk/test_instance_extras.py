"""The SDK's instance operations beyond the purchase: tags, custom inbound ports, features, the
network restriction and the edition change, each with its answers and its refusals."""

import json

import requests
from huaweicloudsdkapig.v2 import (
    AddCustomIngressPortRequest,
    BatchCreateOrDeleteInstanceTagsRequest,
    CreateFeatureV2Request,
    CreatePostPayResizeOrderRequest,
    DeleteCustomIngressPortRequest,
    FeatureToggle,
    IngressPortCreate,
    ListCustomIngressPortDomainsRequest,
    ListCustomIngressPortsRequest,
    ListFeaturesV2Request,
    ListInstanceFeaturesRequest,
    ListInstancesByTagsRequest,
    ListInstanceTagsRequest,
    ListProjectInstanceTagsRequest,
    ResizeInstanceReq,
    ShowDetailsOfInstanceV2Request,
    ShowInstancesNumByTagsRequest,
    ShowRestrictionOfInstanceV2Request,
    TmsKeyValue,
    TmsKeyValues,
    TmsMatchesKeyValue,
    TmsQueryReq,
    TmsUpdatePublicReq,
)
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkvpc.v2 import ListSubnetsRequest

from test_conformance import create, create_body, discover, refused

MISSING = "0" * 32


def signed(endpoint, credential, method, path, body=None):
    """A raw call signed with the SDK's signer (for what the SDK has no method for)."""
    project = credential["project_id"]
    data = json.dumps(body).encode() if body is not None else b""
    request = SdkRequest(method=method, schema="http", host=endpoint.split("//", 1)[1],
                         resource_path=path.replace("{project_id}", project), query_params=[],
                         header_params={"Content-Type": "application/json",
                                        "X-Project-Id": project}, body=data)
    signed_request = Signer(BasicCredentials(credential["access_key"],
                                             credential["secret_key"], project)).sign(request)
    return requests.request(method, endpoint + signed_request.uri,
                            headers=signed_request.header_params, data=data, timeout=30)


def without_custom_policies(endpoint, credential):
    """The sandbox's seed denies apig:instanceTags:delete (policy apig-keep-tags): drop it."""
    account = signed(endpoint, credential, "GET", "/_mock/{project_id}/account").json()
    account["principal"]["custom_policies"] = []
    stored = signed(endpoint, credential, "PUT", "/_mock/{project_id}/account", account)
    assert stored.status_code == 200, stored.text


def buy(apig, vpc, name, tags=None, subnet_pick=max):
    net, _, group, az = discover(vpc, apig)
    subnets = vpc.list_subnets(ListSubnetsRequest(vpc_id=net.id)).subnets
    subnet = subnet_pick(subnets, key=lambda s: s.available_ip_address_count)
    body = create_body(name, net.id, subnet.id, group.id, az,
                       tags=[TmsKeyValue(key=k, value=v) for k, v in (tags or {}).items()])
    return create(apig, body).instance_id, subnet


def tags_of(apig, gid):
    listed = apig.list_instance_tags(ListInstanceTagsRequest(instance_id=gid)).tags
    return {t.key: t.value for t in listed}


def tag_action(apig, gid, action, tags):
    return apig.batch_create_or_delete_instance_tags(BatchCreateOrDeleteInstanceTagsRequest(
        instance_id=gid,
        body=TmsUpdatePublicReq(action=action,
                                tags=[TmsKeyValue(key=k, value=v) for k, v in tags.items()]),
    ))


def test_the_seed_keeps_tags_from_being_deleted(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-keep-tags", {"env": "dev"})
    e = refused(lambda: tag_action(apig, gid, "delete", {"env": "dev"}))
    assert (e.status_code, e.error_code) == (403, "APIC.7106")
    assert "apig-keep-tags" in e.error_msg and "apig:instanceTags:delete" in e.error_msg
    tag_action(apig, gid, "create", {"env": "prod"})
    assert tags_of(apig, gid) == {"env": "prod"}


def test_tags_from_creation_through_the_actions(apig, vpc, endpoint, credential):
    without_custom_policies(endpoint, credential)
    gid, _ = buy(apig, vpc, "sdk-tags", {"env": "dev", "team": "api"})
    assert tags_of(apig, gid) == {"env": "dev", "team": "api"}

    done = tag_action(apig, gid, "create", {"env": "prod", "owner": "ops"})
    assert done.status_code == 204
    assert tags_of(apig, gid) == {"env": "prod", "team": "api", "owner": "ops"}
    tag_action(apig, gid, "delete", {"team": "api"})
    assert tags_of(apig, gid) == {"env": "prod", "owner": "ops"}

    other, _ = buy(apig, vpc, "sdk-tags-2", {"env": "dev"})
    project = apig.list_project_instance_tags(ListProjectInstanceTagsRequest()).tags
    assert {t.key: sorted(t.values) for t in project} == {"env": ["dev", "prod"], "owner": ["ops"]}

    query = TmsQueryReq(tags=[TmsKeyValues(key="env", values=["prod"])])
    found = apig.list_instances_by_tags(ListInstancesByTagsRequest(body=query))
    assert found.total_count == 1
    assert found.resources[0].resource_id == gid
    assert found.resources[0].resource_name == "sdk-tags"
    assert {t.key for t in found.resources[0].tags} == {"env", "owner"}
    every_env = TmsQueryReq(tags=[TmsKeyValues(key="env", values=[])])
    count = apig.show_instances_num_by_tags(ShowInstancesNumByTagsRequest(body=every_env))
    assert count.total_count == 2
    by_name = TmsQueryReq(matches=[TmsMatchesKeyValue(key="resource_name", value="sdk-tags-")])
    named = apig.list_instances_by_tags(ListInstancesByTagsRequest(body=by_name))
    assert [r.resource_id for r in named.resources] == [other]
    page = apig.list_instances_by_tags(
        ListInstancesByTagsRequest(body=TmsQueryReq(), offset=1, limit=1))
    assert (page.total_count, len(page.resources)) == (2, 1)


def test_tag_refusals(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-tag-refusals")
    e = refused(lambda: tag_action(apig, gid, "create", {"_sys_owner": "x"}))
    assert (e.status_code, e.error_code) == (400, "APIC.7211")
    assert "_sys_" in e.error_msg
    e = refused(lambda: tag_action(apig, gid, "create", {"bad*key": "x"}))
    assert e.error_code == "APIC.7211"
    e = refused(lambda: tag_action(apig, gid, "rename", {"a": "b"}))
    assert e.error_code == "APIC.7211" and "action" in e.error_msg
    tag_action(apig, gid, "create", {f"k{i}": "v" for i in range(20)})
    e = refused(lambda: tag_action(apig, gid, "create", {"one-more": "v"}))
    assert (e.status_code, e.error_code) == (403, "APIC.7402")
    assert len(tags_of(apig, gid)) == 20
    e = refused(lambda: apig.list_instance_tags(ListInstanceTagsRequest(instance_id=MISSING)))
    assert (e.status_code, e.error_code) == (404, "APIC.7302")
    e = refused(lambda: buy(apig, vpc, "sdk-bad-tags", {"_sys_x": "1"}))
    assert e.error_code == "APIC.7211"


def ports(apig, gid, **query):
    return apig.list_custom_ingress_ports(ListCustomIngressPortsRequest(instance_id=gid, **query))


def add_port(apig, gid, protocol, port):
    return apig.add_custom_ingress_port(AddCustomIngressPortRequest(
        instance_id=gid, body=IngressPortCreate(protocol=protocol, ingress_port=port)))


def test_custom_inbound_ports(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-ports")
    assert ports(apig, gid).total == 0
    added = add_port(apig, gid, "HTTPS", 8443)
    assert added.status_code == 201
    assert (added.protocol, added.ingress_port, added.status) == ("HTTPS", 8443, "normal")
    assert len(added.ingress_port_id) == 32
    add_port(apig, gid, "HTTP", 8080)
    listed = ports(apig, gid, limit=500)
    assert (listed.total, listed.size) == (2, 2)
    assert {(p.protocol, p.ingress_port) for p in listed.ingress_port_infos} == {
        ("HTTPS", 8443), ("HTTP", 8080)}
    assert ports(apig, gid, protocol="HTTP").total == 1
    page = ports(apig, gid, offset=1, limit=1)
    assert (page.total, page.size) == (2, 1)
    domains = apig.list_custom_ingress_port_domains(ListCustomIngressPortDomainsRequest(
        instance_id=gid, ingress_port_id=added.ingress_port_id))
    assert (domains.total, domains.domain_infos) == (0, [])

    gone = apig.delete_custom_ingress_port(DeleteCustomIngressPortRequest(
        instance_id=gid, ingress_port_id=added.ingress_port_id))
    assert gone.status_code == 204
    assert [p.ingress_port for p in ports(apig, gid).ingress_port_infos] == [8080]


def test_custom_inbound_port_refusals(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-port-refusals")
    for protocol, port in [("HTTP", 1023), ("HTTP", 49152), ("TCP", 8080), ("http", 8080)]:
        e = refused(lambda: add_port(apig, gid, protocol, port))
        assert (e.status_code, e.error_code) == (400, "APIC.7211"), (protocol, port)
    add_port(apig, gid, "HTTP", 8080)
    e = refused(lambda: add_port(apig, gid, "HTTPS", 8080))
    assert e.error_code == "APIC.7211" and "8080" in e.error_msg
    for i in range(39):
        add_port(apig, gid, "HTTP", 20000 + i)
    e = refused(lambda: add_port(apig, gid, "HTTP", 30000))
    assert (e.status_code, e.error_code) == (403, "APIC.7403")
    e = refused(lambda: apig.delete_custom_ingress_port(DeleteCustomIngressPortRequest(
        instance_id=gid, ingress_port_id=MISSING)))
    assert e.error_code == "APIC.7211" and MISSING in e.error_msg
    e = refused(lambda: add_port(apig, MISSING, "HTTP", 8080))
    assert e.error_code == "APIC.7302"


def test_features_and_supported_features(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-features")
    listed = apig.list_features_v2(ListFeaturesV2Request(instance_id=gid, limit=500))
    names = [f.name for f in listed.features]
    assert listed.total == len(names) >= 10
    rate = next(f for f in listed.features if f.name == "ratelimit")
    assert rate.enable and rate.config == '{"api_limits": 200}'
    assert rate.instance_id == gid and rate.update_time is not None
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert shown.supported_features == names

    set_ = apig.create_feature_v2(CreateFeatureV2Request(
        instance_id=gid,
        body=FeatureToggle(name="ratelimit", enable=True, config='{"api_limits": 500}')))
    assert set_.status_code == 201
    assert (set_.name, set_.enable, set_.config) == ("ratelimit", True, '{"api_limits": 500}')
    again = apig.list_features_v2(ListFeaturesV2Request(instance_id=gid, limit=500))
    assert next(f for f in again.features if f.name == "ratelimit").config == '{"api_limits": 500}'

    for name, config in [("nope", ""), ("ratelimit", '{"api_limits": 0}'),
                         ("gateway_responses", ""), ("backend_timeout", "fast")]:
        e = refused(lambda: apig.create_feature_v2(CreateFeatureV2Request(
            instance_id=gid, body=FeatureToggle(name=name, enable=True, config=config))))
        assert (e.status_code, e.error_code) == (400, "APIC.7211"), name

    capabilities = apig.list_instance_features(ListInstanceFeaturesRequest(instance_id=gid))
    assert "resize_huge_flavor" in capabilities.features
    assert capabilities.total == len(capabilities.features)


def test_restriction(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-restriction")
    r = apig.show_restriction_of_instance_v2(ShowRestrictionOfInstanceV2Request(instance_id=gid))
    assert r.resource_subnet_cidr in ("172.31.32.0/19", "192.168.32.0/19")
    assert r.restrict_cidrs == [r.resource_subnet_cidr]
    e = refused(lambda: apig.show_restriction_of_instance_v2(
        ShowRestrictionOfInstanceV2Request(instance_id=MISSING)))
    assert e.error_code == "APIC.7302"


def resize(apig, gid, spec):
    return apig.create_post_pay_resize_order(CreatePostPayResizeOrderRequest(
        instance_id=gid, body=ResizeInstanceReq(spec_id=spec)))


def test_edition_change_upwards(apig, vpc):
    gid, subnet = buy(apig, vpc, "sdk-resize")
    before = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert (before.spec, len(before.privateips)) == ("BASIC", 3)
    job = resize(apig, gid, "PROFESSIONAL")
    assert job.status_code == 202
    assert job.instance_id == gid and job.job_id.startswith("JOB-")
    assert job.message.startswith("JOB_ASSIGNED_FOR_RESIZE_0086I:")
    after = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert (after.spec, after.status, len(after.privateips)) == ("PROFESSIONAL", "Running", 5)
    assert after.ingress_ip == before.ingress_ip
    again = next(s for s in vpc.list_subnets(ListSubnetsRequest(vpc_id=subnet.vpc_id)).subnets
                 if s.id == subnet.id)
    assert again.available_ip_address_count == subnet.available_ip_address_count - 5

    for spec, status, code in [("PROFESSIONAL", 409, "APIC.7707"),
                               ("BASIC", 400, "APIC.7243"),
                               ("ENTERPRISE_IPV6", 400, "APIC.7243"),
                               ("GIGANTIC", 404, "APIC.7301")]:
        e = refused(lambda: resize(apig, gid, spec))
        assert (e.status_code, e.error_code) == (status, code), spec


def test_edition_change_needs_free_addresses(apig, vpc):
    # The smallest subnet the sandbox has is a /29: one Basic gateway fills it.
    def basic_only(subnets, key):
        return next(s for s in subnets if key(s) == 3)

    gid, subnet = buy(apig, vpc, "sdk-resize-full", subnet_pick=basic_only)
    assert subnet.available_ip_address_count == 3
    e = refused(lambda: resize(apig, gid, "PROFESSIONAL"))
    assert (e.status_code, e.error_code) == (400, "APIC.9215")
    assert "needs 2 more" in e.error_msg
    shown = apig.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=gid))
    assert (shown.spec, len(shown.privateips)) == ("BASIC", 3)


def test_extra_elbs_are_refused_as_for_a_gateway_without_them(apig, vpc, endpoint, credential):
    """Extra ELBs are not in the SDK: asked as Terraform asks them, over signed HTTP."""
    gid, _ = buy(apig, vpc, "sdk-extra-elbs")
    answer = signed(endpoint, credential, "GET",
                    f"/v2/{{project_id}}/apigw/instances/{gid}/extra-elbs")
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "APIC.7242"
    migrate = signed(endpoint, credential, "POST",
                     "/v1.0/enterprise-projects/0/resources-migrate", {"resource_type": "apig"})
    assert (migrate.status_code, migrate.json()["error_code"]) == (403, "APIC.7106")
