"""The data plane through the SDK: an APP-auth MOCK API, published and authorized, called
through its group's debugging domain with a request signed by the SDK's own `Signer` (the app's
key and secret as AK / SK) — the vendor's signer, not the emulator's — and through DebugApiV2."""

import requests
from huaweicloudsdkapig.v2 import (
    ApiActionInfo,
    ApiAuthCreate,
    ApiCreate,
    ApiDebugInfo,
    ApiGroupCreate,
    ApiMockCreate,
    AppCreate,
    CreateAnAppV2Request,
    CreateApiGroupV2Request,
    CreateApiV2Request,
    CreateAuthorizingAppsV2Request,
    CreateOrDeletePublishRecordForApiV2Request,
    DebugApiV2Request,
    ReqParamBase,
)
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from test_instance_extras import buy

RELEASE = "DEFAULT_ENVIRONMENT_RELEASE_ID"
MOCK_BODY = '{"pet": "cat"}'


def serve_an_api(apig, vpc):
    """A gateway with a group, an APP-auth MOCK API at /pets/{id}, published to RELEASE, and an
    app authorized for it."""
    gid, _ = buy(apig, vpc, "dataplane-sdk")
    group = apig.create_api_group_v2(CreateApiGroupV2Request(
        instance_id=gid, body=ApiGroupCreate(name="pets_group")))
    api = apig.create_api_v2(CreateApiV2Request(instance_id=gid, body=ApiCreate(
        group_id=group.id, name="show_pet", type=1, req_protocol="HTTP", req_method="GET",
        req_uri="/pets/{id}", auth_type="APP", backend_type="MOCK",
        req_params=[ReqParamBase(name="id", type="STRING", location="PATH", required=1)],
        mock_info=ApiMockCreate(result_content=MOCK_BODY))))
    app = apig.create_an_app_v2(CreateAnAppV2Request(
        instance_id=gid, body=AppCreate(name="pets_app")))
    apig.create_or_delete_publish_record_for_api_v2(CreateOrDeletePublishRecordForApiV2Request(
        instance_id=gid, body=ApiActionInfo(action="online", env_id=RELEASE, api_id=api.id)))
    apig.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=gid, body=ApiAuthCreate(env_id=RELEASE, app_ids=[app.id], api_ids=[api.id])))
    return gid, group, api, app


def call(endpoint, host, path, key=None, secret=None):
    """GET `path` on apig-mock's listener with `Host: host`, signed with the SDK's Signer when
    a key and secret are given."""
    headers = {"Host": host}
    if key is not None:
        request = SdkRequest(method="GET", schema="http", host=host, resource_path=path,
                             query_params=[], header_params={}, body=b"")
        headers = Signer(BasicCredentials(key, secret)).sign(request).header_params
    return requests.get(endpoint + path, headers=headers, timeout=30)


def test_app_auth_api_through_the_debugging_domain(apig, vpc, endpoint):
    _, group, _, app = serve_an_api(apig, vpc)
    assert group.sl_domain == f"{group.id}.apic.cn-north-4.huaweicloudapis.com"

    unsigned = call(endpoint, group.sl_domain, "/pets/7")
    assert unsigned.status_code == 401, unsigned.text
    assert unsigned.json()["error_code"] == "APIG.0303"
    assert unsigned.json()["request_id"] == unsigned.headers["X-Request-Id"]

    signed = call(endpoint, group.sl_domain, "/pets/7", app.app_key, app.app_secret)
    assert signed.status_code == 200, signed.text
    assert signed.text == MOCK_BODY
    assert len(signed.headers["X-Request-Id"]) == 32

    wrong = call(endpoint, group.sl_domain, "/pets/7", app.app_key, app.app_secret + "x")
    assert wrong.status_code == 401
    assert "verify signature fail" in wrong.json()["error_msg"]

    staged = requests.get(endpoint + "/pets/7", timeout=30,
                          headers={"Host": group.sl_domain, "X-Stage": "TEST"})
    assert (staged.status_code, staged.json()["error_code"]) == (404, "APIG.0101")


def test_debug_api_v2_calls_the_api_with_the_apps_keys(apig, vpc):
    gid, _, api, app = serve_an_api(apig, vpc)
    answer = apig.debug_api_v2(DebugApiV2Request(instance_id=gid, api_id=api.id, body=ApiDebugInfo(
        mode="CONSUMER", scheme="HTTP", method="GET", path="/pets/7",
        app_key=app.app_key, app_secret=app.app_secret)))
    assert answer.request.startswith("GET /pets/7 HTTP/1.1\n"), answer.request
    assert "X-Apig-Mode: debug" in answer.request
    assert answer.response.startswith("HTTP/1.1 200 OK\n"), answer.response
    assert answer.response.endswith(MOCK_BODY)
    unsigned = apig.debug_api_v2(DebugApiV2Request(instance_id=gid, api_id=api.id, body=ApiDebugInfo(
        mode="DEVELOPER", scheme="HTTP", method="GET", path="/pets/7")))
    assert unsigned.response.startswith("HTTP/1.1 401 Unauthorized\n"), unsigned.response
    assert "APIG.0303" in unsigned.response
