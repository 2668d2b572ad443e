"""Serves an API end to end on apig-mock, through the official SDK and plain HTTP.

Buys a gateway, creates a group, an APP-authenticated API with a MOCK backend, an app, publishes
the API to RELEASE, authorizes the app, then calls the API through the group's debugging domain
(the request goes to apig-mock's port with `Host: {group_id}.apic.{region}.huaweicloudapis.com`):
unsigned, which the gateway refuses, then signed with the app's key and secret
(SDK-HMAC-SHA256, the SDK's own signer), which gets the mock's body.

    tests/sdk/.venv/bin/python tests/sdk/serve_an_api.py [--binary PATH]

Starts `target/debug/apig-mock` (or --binary, or $APIG_MOCK_BIN) on a free port with an
in-memory store; prints one line per step and ends with `served: ...` (exit 0) or the step that
went wrong (exit 1).
"""

import argparse
import json
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

import requests
from huaweicloudsdkapig.v2 import (
    ApiActionInfo,
    ApiAuthCreate,
    ApiCreate,
    ApiGroupCreate,
    ApiMockCreate,
    ApigClient,
    AppCreate,
    AuthOpt,
    CreateAnAppV2Request,
    CreateApiGroupV2Request,
    CreateApiV2Request,
    CreateAuthorizingAppsV2Request,
    CreateOrDeletePublishRecordForApiV2Request,
)
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer
from huaweicloudsdkvpc.v2 import VpcClient

from conftest import build
from instance_operations import start_mock
from test_instance_extras import buy

ROOT = Path(__file__).resolve().parents[2]
MOCK_BODY = '{"hello":"from a MOCK backend"}'


def call(url, host, path, app=None):
    """GET `path` on the gateway at `url` with `Host: host`, signed with `app`'s key and secret
    when given (the signer signs the host the gateway sees)."""
    headers = {"Host": host}
    if app is not None:
        request = SdkRequest(method="GET", schema="http", host=host, resource_path=path,
                             query_params=[], header_params=dict(headers), body=b"")
        headers = Signer(BasicCredentials(app.app_key, app.app_secret)).sign(request).header_params
        headers["Host"] = host
    return requests.get(url + path, headers=headers, timeout=30)


def show(answer):
    return f"{answer.status_code} {answer.text.strip()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("APIG_MOCK_BIN"))
    args = parser.parse_args()
    binary = Path(args.binary) if args.binary else ROOT / "target" / "debug" / "apig-mock"
    if not binary.exists():
        sys.exit(f"{binary} not found: build it with `cargo build -p apig-mock`")
    credential = {"access_key": "AKSERVE" + secrets.token_hex(6).upper(),
                  "secret_key": secrets.token_urlsafe(30), "project_id": secrets.token_hex(16)}
    url, process, tmp, log = start_mock(binary, credential)
    try:
        apig = build(ApigClient, url, credential)
        vpc = build(VpcClient, url, credential)
        gid, _ = buy(apig, vpc, "serve-an-api")
        print(f"gateway      {gid} bought")
        group = apig.create_api_group_v2(CreateApiGroupV2Request(
            instance_id=gid, body=ApiGroupCreate(name="serve_group")))
        print(f"group        {group.id}, debugging domain {group.sl_domain}")
        api = apig.create_api_v2(CreateApiV2Request(instance_id=gid, body=ApiCreate(
            group_id=group.id, name="hello", type=1, req_protocol="HTTP", req_method="GET",
            req_uri="/hello", auth_type="APP", auth_opt=AuthOpt(app_code_auth_type="DISABLE"),
            backend_type="MOCK", mock_info=ApiMockCreate(result_content=MOCK_BODY))))
        print(f"API          {api.id}: {api.req_method} {api.req_uri}, auth {api.auth_type}, "
              f"backend {api.backend_type}")
        app = apig.create_an_app_v2(CreateAnAppV2Request(
            instance_id=gid, body=AppCreate(name="serve_app")))
        print(f"app          {app.id}, AppKey {app.app_key}")
        published = apig.create_or_delete_publish_record_for_api_v2(
            CreateOrDeletePublishRecordForApiV2Request(instance_id=gid, body=ApiActionInfo(
                action="online", env_id="DEFAULT_ENVIRONMENT_RELEASE_ID", api_id=api.id)))
        print(f"published    to RELEASE, record {published.publish_id}, "
              f"version {published.version_id}")
        auths = apig.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
            instance_id=gid, body=ApiAuthCreate(env_id="DEFAULT_ENVIRONMENT_RELEASE_ID",
                                                app_ids=[app.id], api_ids=[api.id])))
        print(f"authorized   {auths.auths[0].auth_result.status}")

        unsigned = call(url, group.sl_domain, "/hello")
        print(f"unsigned     GET http://{group.sl_domain}/hello -> {show(unsigned)}")
        signed = call(url, group.sl_domain, "/hello", app)
        print(f"signed       GET http://{group.sl_domain}/hello -> {show(signed)}"
              f" (X-Request-Id {signed.headers.get('X-Request-Id')})")
        refused = (unsigned.status_code == 401
                   and unsigned.json().get("error_code") == "APIG.0303")
        if not refused:
            sys.exit("the unsigned call was not refused with 401 APIG.0303")
        if signed.status_code != 200 or signed.text != MOCK_BODY:
            sys.exit("the signed call did not get the mock's body")
        print(f"served: unsigned {unsigned.status_code} {unsigned.json()['error_code']}, "
              f"signed {signed.status_code} with the mock's body, port "
              f"{urlsplit(url).port}")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
