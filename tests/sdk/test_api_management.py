"""API management through the official SDK: groups (debugging domain setting, independent
domains), APIs, environments, publication and versions, apps and their authorizations, each
with its answers and its refusals (the `APIG.xxxx` codes of docs/reference.md)."""

import re

from huaweicloudsdkapig.v2 import (
    ApiActionInfo,
    ApiAuthCreate,
    ApiBatchPublish,
    ApiCreate,
    ApiGroupCreate,
    ApiMockCreate,
    ApiVersion,
    AppCreate,
    AppResetCreate,
    AssociateDomainV2Request,
    AuthOpt,
    BackendApiCreate,
    BatchPublishOrOfflineApiV2Request,
    CancelingAuthorizationV2Request,
    ChangeApiVersionV2Request,
    CreateAnAppV2Request,
    CreateApiGroupV2Request,
    CreateApiV2Request,
    CreateAuthorizingAppsV2Request,
    CreateEnvironmentV2Request,
    CreateOrDeletePublishRecordForApiV2Request,
    DeleteApiGroupV2Request,
    DeleteApiV2Request,
    DeleteAppV2Request,
    DeleteEnvironmentV2Request,
    DisassociateDomainV2Request,
    EnvCreate,
    ListApiGroupsV2Request,
    ListApisBindedToAppV2Request,
    ListApisV2Request,
    ListApiVersionsV2Request,
    ListAppsBindedToApiV2Request,
    ListAppsV2Request,
    ListEnvironmentsV2Request,
    ReqParamBase,
    ResettingAppSecretV2Request,
    ShowDetailsOfApiGroupV2Request,
    ShowDetailsOfApiV2Request,
    ShowDetailsOfAppV2Request,
    SlDomainAccessSetting,
    UpdateApiGroupV2Request,
    UpdateApiV2Request,
    UpdateAppV2Request,
    UpdateEnvironmentV2Request,
    UpdateSlDomainSettingV2Request,
    UrlDomainCreate,
)

from test_conformance import refused
from test_instance_extras import MISSING, buy, signed

RELEASE = "DEFAULT_ENVIRONMENT_RELEASE_ID"


def new_group(apig, gid, name="sdk_group", remark=None):
    return apig.create_api_group_v2(CreateApiGroupV2Request(
        instance_id=gid, body=ApiGroupCreate(name=name, remark=remark)))


def mock_api(group_id, name="sdk_hello", uri="/hello", method="GET", auth="APP", **extra):
    body = dict(group_id=group_id, name=name, type=1, req_protocol="HTTPS", req_method=method,
                req_uri=uri, auth_type=auth, backend_type="MOCK",
                mock_info=ApiMockCreate(result_content='{"hello":"sdk"}'))
    if auth == "APP":
        body["auth_opt"] = AuthOpt(app_code_auth_type="DISABLE")
    body.update(extra)
    return ApiCreate(**body)


def new_api(apig, gid, body):
    return apig.create_api_v2(CreateApiV2Request(instance_id=gid, body=body))


def publish(apig, gid, api_id, env_id=RELEASE, action="online", remark=None):
    return apig.create_or_delete_publish_record_for_api_v2(
        CreateOrDeletePublishRecordForApiV2Request(instance_id=gid, body=ApiActionInfo(
            action=action, env_id=env_id, api_id=api_id, remark=remark)))


def gateway_with_group(apig, vpc, name):
    gid, _ = buy(apig, vpc, name)
    return gid, new_group(apig, gid).id


def test_group_lifecycle_and_debugging_domain(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-groups")
    created = new_group(apig, gid, remark="made by the SDK")
    assert created.status_code == 201
    assert re.fullmatch(r"[0-9a-f]{32}", created.id)
    assert created.sl_domain == f"{created.id}.apic.cn-north-4.huaweicloudapis.com"
    assert created.sl_domain in created.sl_domains
    assert created.sl_domain_access_enabled is True
    assert (created.is_default, created.status, created.remark) == (2, 1, "made by the SDK")

    shown = apig.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=gid, group_id=created.id))
    assert (shown.name, shown.register_time) == ("sdk_group", created.register_time)
    listed = apig.list_api_groups_v2(ListApiGroupsV2Request(instance_id=gid, name="sdk_group"))
    assert [g.id for g in listed.groups] == [created.id]

    apig.update_api_group_v2(UpdateApiGroupV2Request(
        instance_id=gid, group_id=created.id, body=ApiGroupCreate(name="sdk_group_2")))
    off = apig.update_sl_domain_setting_v2(UpdateSlDomainSettingV2Request(
        instance_id=gid, group_id=created.id,
        body=SlDomainAccessSetting(sl_domain_access_enabled=False)))
    assert off.status_code == 204
    shown = apig.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=gid, group_id=created.id))
    assert (shown.name, shown.sl_domain_access_enabled) == ("sdk_group_2", False)

    bound = apig.associate_domain_v2(AssociateDomainV2Request(
        instance_id=gid, group_id=created.id, body=UrlDomainCreate(url_domain="api.example.com")))
    assert bound.status_code == 201 and bound.url_domain == "api.example.com"
    shown = apig.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=gid, group_id=created.id))
    assert [d.domain for d in shown.url_domains] == ["api.example.com"]
    gone = apig.disassociate_domain_v2(DisassociateDomainV2Request(
        instance_id=gid, group_id=created.id, domain_id=bound.id))
    assert gone.status_code == 204

    deleted = apig.delete_api_group_v2(DeleteApiGroupV2Request(instance_id=gid, group_id=created.id))
    assert deleted.status_code == 204
    e = refused(lambda: apig.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=gid, group_id=created.id)))
    assert (e.status_code, e.error_code) == (404, "APIG.3001")


def test_group_refusals(apig, vpc):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-group-refusals")
    e = refused(lambda: new_group(apig, gid))
    assert (e.status_code, e.error_code) == (400, "APIG.3201")
    e = refused(lambda: new_group(apig, gid, name="_starts_badly"))
    assert e.status_code == 400 and e.error_code in ("APIG.2011", "APIG.2012")
    assert "name" in e.error_msg
    e = refused(lambda: apig.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=gid, group_id=MISSING)))
    assert (e.status_code, e.error_code) == (404, "APIG.3001")
    e = refused(lambda: new_group(apig, MISSING))
    assert (e.status_code, e.error_code) == (404, "APIG.3030")
    new_api(apig, gid, mock_api(group_id))
    e = refused(lambda: apig.delete_api_group_v2(
        DeleteApiGroupV2Request(instance_id=gid, group_id=group_id)))
    assert (e.status_code, e.error_code) == (403, "APIG.3415")


def test_api_lifecycle(apig, vpc):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-apis")
    body = mock_api(group_id, uri="/hello/{who}", req_params=[
        ReqParamBase(name="who", type="STRING", location="PATH", required=1)])
    created = new_api(apig, gid, body)
    assert created.status_code == 201
    assert (created.group_id, created.group_name, created.req_uri) == (
        group_id, "sdk_group", "/hello/{who}")
    assert (created.auth_type, created.backend_type, created.match_mode) == ("APP", "MOCK", "NORMAL")
    assert created.mock_info.result_content == '{"hello":"sdk"}'
    assert [p.name for p in created.req_params] == ["who"]
    assert created.run_env_id in (None, "")

    shown = apig.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=gid, api_id=created.id))
    assert (shown.id, shown.name) == (created.id, "sdk_hello")

    http = ApiCreate(group_id=group_id, name="sdk_proxy", type=1, req_protocol="HTTPS",
                     req_method="ANY", req_uri="/proxy", match_mode="SWA", auth_type="NONE",
                     backend_type="HTTP", backend_api=BackendApiCreate(
                         req_protocol="HTTP", req_method="ANY", req_uri="/",
                         url_domain="127.0.0.1:9", timeout=5000, retry_count="-1",
                         vpc_channel_status=2))
    proxied = new_api(apig, gid, http)
    assert (proxied.match_mode, proxied.backend_api.timeout) == ("SWA", 5000)

    listed = apig.list_apis_v2(ListApisV2Request(instance_id=gid, group_id=group_id))
    assert listed.total == 2 and {a.id for a in listed.apis} == {created.id, proxied.id}
    page = apig.list_apis_v2(ListApisV2Request(instance_id=gid, limit=1, offset=1))
    assert (page.total, page.size) == (2, 1)

    body.remark = "changed"
    updated = apig.update_api_v2(UpdateApiV2Request(instance_id=gid, api_id=created.id, body=body))
    assert updated.status_code == 200 and updated.remark == "changed"

    deleted = apig.delete_api_v2(DeleteApiV2Request(instance_id=gid, api_id=proxied.id))
    assert deleted.status_code == 204
    e = refused(lambda: apig.show_details_of_api_v2(
        ShowDetailsOfApiV2Request(instance_id=gid, api_id=proxied.id)))
    assert (e.status_code, e.error_code) == (404, "APIG.3002")


def test_api_refusals(apig, vpc):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-api-refusals")
    new_api(apig, gid, mock_api(group_id))
    e = refused(lambda: new_api(apig, gid, mock_api(group_id, name="sdk_same_path")))
    assert (e.status_code, e.error_code) == (400, "APIG.3301")
    e = refused(lambda: new_api(apig, gid, mock_api(group_id, uri="/hello")))
    assert (e.status_code, e.error_code) == (400, "APIG.3202")
    e = refused(lambda: new_api(apig, gid, mock_api(group_id, name="sdk_undefined",
                                                    uri="/users/{id}")))
    assert (e.status_code, e.error_code) == (400, "APIG.2026")
    assert "id" in e.error_msg
    e = refused(lambda: new_api(apig, gid, mock_api(MISSING, name="sdk_nogroup", uri="/x")))
    assert (e.status_code, e.error_code) == (404, "APIG.3001")
    for auth in ("IAM", "AUTHORIZER"):
        e = refused(lambda: new_api(apig, gid, mock_api(group_id, name="sdk_iam", uri="/iam",
                                                        auth=auth)))
        assert e.status_code == 400 and "auth_type" in e.error_msg, e.error_msg
    e = refused(lambda: new_api(apig, gid, mock_api(group_id, name="sdk_fn", uri="/fn",
                                                    backend_type="FUNCTION")))
    assert e.status_code == 400 and "backend_type" in e.error_msg, e.error_msg
    e = refused(lambda: apig.delete_api_v2(DeleteApiV2Request(instance_id=gid, api_id=MISSING)))
    assert (e.status_code, e.error_code) == (404, "APIG.3002")


def test_environments(apig, vpc):
    gid, _ = buy(apig, vpc, "sdk-envs")
    listed = apig.list_environments_v2(ListEnvironmentsV2Request(instance_id=gid))
    assert [(e.id, e.name) for e in listed.envs] == [(RELEASE, "RELEASE")]
    created = apig.create_environment_v2(CreateEnvironmentV2Request(
        instance_id=gid, body=EnvCreate(name="sdk_test", remark="tests")))
    assert created.status_code == 201 and created.name == "sdk_test"
    listed = apig.list_environments_v2(ListEnvironmentsV2Request(instance_id=gid))
    assert listed.total == 2
    updated = apig.update_environment_v2(UpdateEnvironmentV2Request(
        instance_id=gid, env_id=created.id, body=EnvCreate(name="sdk_test2")))
    assert updated.name == "sdk_test2"
    e = refused(lambda: apig.create_environment_v2(CreateEnvironmentV2Request(
        instance_id=gid, body=EnvCreate(name="sdk_test2"))))
    assert (e.status_code, e.error_code) == (400, "APIG.3205")
    e = refused(lambda: apig.create_environment_v2(CreateEnvironmentV2Request(
        instance_id=gid, body=EnvCreate(name="9starts_with_a_digit"))))
    assert e.status_code == 400 and "name" in e.error_msg
    e = refused(lambda: apig.update_environment_v2(UpdateEnvironmentV2Request(
        instance_id=gid, env_id=MISSING, body=EnvCreate(name="sdk_none"))))
    assert (e.status_code, e.error_code) == (404, "APIG.3003")
    deleted = apig.delete_environment_v2(DeleteEnvironmentV2Request(
        instance_id=gid, env_id=created.id))
    assert deleted.status_code == 204


def test_publication_versions_and_batch(apig, vpc):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-publish")
    api = new_api(apig, gid, mock_api(group_id))
    stage = apig.create_environment_v2(CreateEnvironmentV2Request(
        instance_id=gid, body=EnvCreate(name="sdk_stage")))
    first = publish(apig, gid, api.id, remark="first")
    assert first.status_code == 201
    assert (first.api_id, first.api_name, first.env_id) == (api.id, "sdk_hello", RELEASE)
    second = publish(apig, gid, api.id, remark="second")
    on_stage = publish(apig, gid, api.id, env_id=stage.id)
    shown = apig.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=gid, api_id=api.id))
    envs = shown.run_env_id.split("|")
    assert sorted(envs) == sorted([RELEASE, stage.id])
    assert shown.publish_id.split("|")[envs.index(RELEASE)] == second.publish_id
    assert shown.publish_id.split("|")[envs.index(stage.id)] == on_stage.publish_id
    assert shown.run_env_name.split("|")[envs.index(stage.id)] == "sdk_stage"

    versions = apig.list_api_versions_v2(
        ListApiVersionsV2Request(instance_id=gid, api_id=api.id, env_id=RELEASE)).api_versions
    assert [(v.version_id, v.status, v.remark) for v in versions] == [
        (second.version_id, 1, "second"), (first.version_id, 2, "first")]
    changed = apig.change_api_version_v2(ChangeApiVersionV2Request(
        instance_id=gid, api_id=api.id, body=ApiVersion(version_id=first.version_id)))
    assert changed.status_code == 200
    versions = apig.list_api_versions_v2(
        ListApiVersionsV2Request(instance_id=gid, api_id=api.id, env_id=RELEASE)).api_versions
    assert [v.status for v in versions if v.version_id == first.version_id] == [1]

    e = refused(lambda: apig.delete_environment_v2(
        DeleteEnvironmentV2Request(instance_id=gid, env_id=stage.id)))
    assert (e.status_code, e.error_code) == (403, "APIG.3418")
    off = publish(apig, gid, api.id, env_id=stage.id, action="offline")
    assert off.status_code == 201
    e = refused(lambda: publish(apig, gid, api.id, env_id=stage.id, action="offline"))
    assert (e.status_code, e.error_code) == (404, "APIG.3015")
    e = refused(lambda: publish(apig, gid, api.id, action="upload"))
    assert (e.status_code, e.error_code) == (400, "APIG.2011")
    assert "action" in e.error_msg
    e = refused(lambda: publish(apig, gid, MISSING))
    assert (e.status_code, e.error_code) == (404, "APIG.3002")
    e = refused(lambda: publish(apig, gid, api.id, env_id=MISSING))
    assert (e.status_code, e.error_code) == (404, "APIG.3003")

    batch = apig.batch_publish_or_offline_api_v2(BatchPublishOrOfflineApiV2Request(
        instance_id=gid, action="offline",
        body=ApiBatchPublish(apis=[api.id, MISSING], env_id=RELEASE)))
    assert batch.status_code == 200
    assert [s.api_id for s in batch.success] == [api.id]
    assert [(f.api_id, f.error_code) for f in batch.failure] == [(MISSING, "APIG.3002")]
    batch = apig.batch_publish_or_offline_api_v2(BatchPublishOrOfflineApiV2Request(
        instance_id=gid, action="online", body=ApiBatchPublish(group_id=group_id, env_id=RELEASE)))
    assert [s.api_id for s in batch.success] == [api.id] and not batch.failure


def test_apps_and_authorizations(apig, vpc):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-apps")
    api = new_api(apig, gid, mock_api(group_id))
    publish(apig, gid, api.id)
    app = apig.create_an_app_v2(CreateAnAppV2Request(
        instance_id=gid, body=AppCreate(name="sdk_app", remark="caller")))
    assert app.status_code == 201
    assert (app.creator, app.status, app.app_type) == ("USER", 1, "apig")
    assert len(app.app_key) >= 8 and len(app.app_secret) >= 8 and "*" not in app.app_secret
    given = apig.create_an_app_v2(CreateAnAppV2Request(instance_id=gid, body=AppCreate(
        name="sdk_given", app_key="given_key_0001", app_secret="given-secret-0001")))
    assert (given.app_key, given.app_secret) == ("given_key_0001", "given-secret-0001")

    shown = apig.show_details_of_app_v2(ShowDetailsOfAppV2Request(instance_id=gid, app_id=app.id))
    assert (shown.app_key, shown.app_secret) == (app.app_key, app.app_secret)
    listed = apig.list_apps_v2(ListAppsV2Request(instance_id=gid))
    assert listed.total == 2
    updated = apig.update_app_v2(UpdateAppV2Request(
        instance_id=gid, app_id=app.id, body=AppCreate(name="sdk_app", remark="renamed")))
    assert updated.remark == "renamed"
    reset = apig.resetting_app_secret_v2(ResettingAppSecretV2Request(
        instance_id=gid, app_id=app.id, body=AppResetCreate()))
    assert reset.app_key == app.app_key and reset.app_secret != app.app_secret
    reset = apig.resetting_app_secret_v2(ResettingAppSecretV2Request(
        instance_id=gid, app_id=app.id, body=AppResetCreate(app_secret="chosen-secret-01")))
    assert reset.app_secret == "chosen-secret-01"

    e = refused(lambda: apig.create_an_app_v2(CreateAnAppV2Request(
        instance_id=gid, body=AppCreate(name="sdk_app"))))
    assert (e.status_code, e.error_code) == (400, "APIG.3203")
    e = refused(lambda: apig.create_an_app_v2(CreateAnAppV2Request(
        instance_id=gid, body=AppCreate(name="sdk_third", app_key="given_key_0001"))))
    assert (e.status_code, e.error_code) == (400, "APIG.3310")
    e = refused(lambda: apig.create_an_app_v2(CreateAnAppV2Request(
        instance_id=gid, body=AppCreate(name="sdk_short", app_secret="short"))))
    assert e.status_code == 400 and "app_secret" in e.error_msg
    e = refused(lambda: apig.show_details_of_app_v2(
        ShowDetailsOfAppV2Request(instance_id=gid, app_id=MISSING)))
    assert (e.status_code, e.error_code) == (404, "APIG.3004")

    auths = apig.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=gid, body=ApiAuthCreate(env_id=RELEASE, app_ids=[app.id], api_ids=[api.id])))
    assert auths.status_code == 201
    [auth] = auths.auths
    assert (auth.api_id, auth.app_id, auth.auth_result.status) == (api.id, app.id, "SUCCESS")
    assert (auth.auth_role, auth.auth_tunnel) == ("PROVIDER", "NORMAL")
    again = apig.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=gid, body=ApiAuthCreate(env_id=RELEASE, app_ids=[app.id], api_ids=[api.id])))
    assert [(a.auth_result.status, a.auth_result.error_code) for a in again.auths] == [
        ("FAILED", "APIG.3316")]

    by_app = apig.list_apis_binded_to_app_v2(
        ListApisBindedToAppV2Request(instance_id=gid, app_id=app.id, env_id=RELEASE))
    assert [(a.id, a.api_name, a.env_name, a.group_id) for a in by_app.auths] == [
        (auth.id, "sdk_hello", "RELEASE", group_id)]
    by_api = apig.list_apps_binded_to_api_v2(
        ListAppsBindedToApiV2Request(instance_id=gid, api_id=api.id))
    assert [(a.app_id, a.app_name) for a in by_api.auths] == [(app.id, "sdk_app")]

    cancelled = apig.canceling_authorization_v2(
        CancelingAuthorizationV2Request(instance_id=gid, app_auth_id=auth.id))
    assert cancelled.status_code == 204
    e = refused(lambda: apig.canceling_authorization_v2(
        CancelingAuthorizationV2Request(instance_id=gid, app_auth_id=auth.id)))
    assert (e.status_code, e.error_code) == (404, "APIG.3009")
    deleted = apig.delete_app_v2(DeleteAppV2Request(instance_id=gid, app_id=given.id))
    assert deleted.status_code == 204


def test_management_asks_for_permission(apig, vpc, endpoint, credential):
    gid, group_id = gateway_with_group(apig, vpc, "sdk-no-apis")
    account = signed(endpoint, credential, "GET", "/_mock/{project_id}/account").json()
    account["principal"]["custom_policies"].append(
        {"name": "no-api-creation", "statements": [{"effect": "Deny",
                                                    "actions": ["apig:apis:create"]}]})
    stored = signed(endpoint, credential, "PUT", "/_mock/{project_id}/account", account)
    assert stored.status_code == 200, stored.text
    e = refused(lambda: new_api(apig, gid, mock_api(group_id)))
    assert (e.status_code, e.error_code) == (403, "APIC.7106")
    assert "no-api-creation" in e.error_msg
    listed = apig.list_apis_v2(ListApisV2Request(instance_id=gid))
    assert listed.total == 0
