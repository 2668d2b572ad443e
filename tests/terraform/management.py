"""The API-management resources of the Terraform provider, call for call, for replay.py:
`huaweicloud_apig_group`, `_environment`, `_api`, `_api_publishment`, `_application` and
`_application_authorization` (the provider's Create / Read / Update / Delete in its order; see
docs/reference.md, API management, Terraform)."""


class ManagementError(Exception):
    pass


class Management:
    """The resources' calls on one gateway."""

    def __init__(self, client, instance_id):
        self.c = client
        self.base = f"/v2/{{project_id}}/apigw/instances/{instance_id}"

    def p(self, tail):
        return self.base + tail

    # -- huaweicloud_apig_group --
    def group_create(self, cfg):
        _, group = self.c.call("POST", self.p("/api-groups"),
                               {"name": cfg["name"], "remark": cfg.get("description", "")},
                               ok=(200, 201))
        # Always sent; unset means false (the provider logs an error of this call only).
        self.c.call("PUT", self.p(f"/api-groups/{group['id']}/sl-domain-access-settings"),
                    {"sl_domain_access_enabled": cfg.get("domain_access_enabled", False)})
        return group["id"]

    def group_read(self, group_id):
        status, group = self.c.call("GET", self.p(f"/api-groups/{group_id}"))
        if status == 404:
            return None
        if status != 200:
            raise ManagementError(f"group read answered {status} {group}")
        variables, offset = [], 0
        while True:
            _, page = self.c.call("GET", self.p("/env-variables"), ok=(200,),
                                  query={"group_id": group_id, "limit": 100, "offset": offset})
            variables += page.get("variables") or []
            if len(page.get("variables") or []) < 100:
                break
            offset += 100
        return {"id": group["id"], "name": group["name"], "description": group.get("remark"),
                "registration_time": group["register_time"], "updated_at": group["update_time"],
                "domain_access_enabled": group["sl_domain_access_enabled"],
                "sl_domain": group["sl_domain"], "environment": variables,
                "url_domains": group.get("url_domains") or []}

    def group_update(self, group_id, cfg):
        self.c.call("PUT", self.p(f"/api-groups/{group_id}"),
                    {"name": cfg["name"], "remark": cfg.get("description", "")}, ok=(200, 201))
        self.c.call("PUT", self.p(f"/api-groups/{group_id}/sl-domain-access-settings"),
                    {"sl_domain_access_enabled": cfg.get("domain_access_enabled", False)})

    def group_delete(self, group_id, force_destroy=False):
        if force_destroy:
            apis, offset = [], 0
            while True:
                _, page = self.c.call("GET", self.p("/apis"), ok=(200,),
                                      query={"group_id": group_id, "limit": 500, "offset": offset})
                if not page["apis"]:
                    break
                apis += page["apis"]
                offset += len(page["apis"])
            for api in apis:
                for env_id in filter(None, (api.get("run_env_id") or "").split("|")):
                    self.c.call("POST", self.p("/apis/publish"),
                                {"apis": [api["id"]], "env_id": env_id},
                                query={"action": "offline"}, ok=(200,))
                self.c.call("DELETE", self.p(f"/apis/{api['id']}"), ok=(202, 204))
        self.c.call("DELETE", self.p(f"/api-groups/{group_id}"), ok=(202, 204))

    # -- huaweicloud_apig_environment --
    def env_create(self, cfg):
        _, env = self.c.call("POST", self.p("/envs"),
                             {"name": cfg["name"], "remark": cfg.get("description", "")},
                             ok=(200, 201))
        return env["id"]

    def env_read(self, env_id):
        found, offset = [], 0
        while True:
            _, page = self.c.call("GET", self.p("/envs"), ok=(200,),
                                  query={"limit": 500, "offset": offset})
            found += page["envs"]
            offset += len(page["envs"])
            if not page["envs"] or offset >= page["total"]:
                break
        for env in found:
            if env["id"] == env_id:
                return {"id": env["id"], "name": env["name"], "description": env.get("remark"),
                        "created_at": env["create_time"]}
        return None

    def env_update(self, env_id, cfg):
        self.c.call("PUT", self.p(f"/envs/{env_id}"),
                    {"name": cfg["name"], "remark": cfg.get("description", "")}, ok=(200, 201))

    def env_delete(self, env_id):
        self.c.call("DELETE", self.p(f"/envs/{env_id}"), ok=(202, 204))

    # -- huaweicloud_apig_api --
    @staticmethod
    def api_body(cfg):
        body = {
            "group_id": cfg["group_id"], "name": cfg["name"], "type": 1,
            "req_protocol": cfg.get("request_protocol", "HTTPS"),
            "req_method": cfg["request_method"], "req_uri": cfg["request_path"],
            "auth_type": cfg.get("security_authentication", "NONE"),
            "match_mode": "SWA" if cfg.get("matching") == "Prefix match" else "NORMAL",
            "cors": cfg.get("cors", False), "remark": cfg.get("description", ""),
            "req_params": [{"name": p["name"], "type": p.get("type", "STRING"),
                            "location": p["location"], "required": 1 if p.get("required") else 2,
                            "pass_through": 1} for p in cfg.get("request_params", [])],
            "backend_params": [],
        }
        if body["auth_type"] == "APP":
            body["auth_opt"] = {"app_code_auth_type": "DISABLE"}
        if "mock" in cfg:
            body["backend_type"] = "MOCK"
            body["mock_info"] = {"result_content": cfg["mock"]["response"],
                                 "status_code": cfg["mock"].get("status_code", 200)}
        else:
            web = cfg["web"]
            body["backend_type"] = "HTTP"
            body["backend_api"] = {
                "req_protocol": web.get("request_protocol", "HTTPS"),
                "req_method": web["request_method"], "req_uri": web["path"],
                "url_domain": web["backend_address"], "timeout": web.get("timeout", 5000),
                "retry_count": str(web.get("retry_count", 1)), "vpc_channel_status": 2,
            }
        return body

    def api_create(self, cfg):
        _, api = self.c.call("POST", self.p("/apis"), self.api_body(cfg), ok=(200, 201))
        self.c.call("GET", self.p(f"/apis/{api['id']}"), ok=(200,))
        return api["id"]

    def api_read(self, api_id):
        status, api = self.c.call("GET", self.p(f"/apis/{api_id}"))
        if status == 404:
            return None
        if status != 200:
            raise ManagementError(f"api read answered {status} {api}")
        state = {"id": api["id"], "group_id": api["group_id"], "name": api["name"],
                 "request_method": api["req_method"], "request_path": api["req_uri"],
                 "security_authentication": api["auth_type"],
                 "matching": "Prefix match" if api["match_mode"] == "SWA" else "Exact match",
                 "description": api.get("remark") or "", "cors": api["cors"],
                 "registered_at": api["register_time"], "updated_at": api["update_time"],
                 "request_params": [{"name": p["name"], "location": p["location"],
                                     "required": p.get("required") == 1}
                                    for p in api.get("req_params") or []]}
        if api["backend_type"] == "MOCK":
            state["mock"] = {"response": api["mock_info"]["result_content"],
                             "status_code": api["mock_info"].get("status_code", 200)}
        else:
            backend = api["backend_api"]
            state["web"] = {"request_method": backend["req_method"], "path": backend["req_uri"],
                            "backend_address": backend["url_domain"],
                            "timeout": backend["timeout"]}
        return state

    def api_update(self, api_id, cfg):
        self.c.call("PUT", self.p(f"/apis/{api_id}"), self.api_body(cfg), ok=(200,))

    def api_delete(self, api_id):
        self.c.call("DELETE", self.p(f"/apis/{api_id}"), ok=(202, 204))

    # -- huaweicloud_apig_api_publishment (ID instance/env/api) --
    def publish(self, env_id, api_id, description=""):
        self.c.call("POST", self.p("/apis/action"), {"action": "online", "env_id": env_id,
                                                     "api_id": api_id, "remark": description},
                    ok=(200, 201))

    def publishment_read(self, env_id, api_id):
        _, versions = self.c.call("GET", self.p(f"/apis/publish/{api_id}"), ok=(200,),
                                  query={"env_id": env_id})
        history = versions["api_versions"]
        current = [v for v in history if v["status"] == 1]
        if not current:
            return None
        _, api = self.c.call("GET", self.p(f"/apis/{api_id}"), ok=(200,))
        envs = (api.get("run_env_id") or "").split("|")
        if env_id not in envs:
            raise ManagementError(f"publishment: {env_id} not in run_env_id {api.get('run_env_id')}")
        publish_id = (api.get("publish_id") or "").split("|")[envs.index(env_id)]
        return {"env_id": current[0]["env_id"], "api_id": current[0]["api_id"],
                "description": current[0].get("remark"), "env_name": current[0]["env_name"],
                "published_at": current[0]["publish_time"], "publish_id": publish_id,
                "histories": [{"version_id": v["version_id"], "description": v.get("remark")}
                              for v in history]}

    def publishment_switch(self, env_id, api_id, version_id):
        self.c.call("GET", self.p(f"/apis/publish/{api_id}"), ok=(200,), query={"env_id": env_id})
        self.c.call("PUT", self.p(f"/apis/publish/{api_id}"), {"version_id": version_id},
                    ok=(200, 201, 202))

    def unpublish(self, env_id, api_id):
        self.c.call("POST", self.p("/apis/action"),
                    {"action": "offline", "env_id": env_id, "api_id": api_id},
                    ok=(200, 201, 202, 204))

    # -- huaweicloud_apig_application --
    def app_create(self, cfg):
        _, app = self.c.call("POST", self.p("/apps"),
                             {"name": cfg["name"], "remark": cfg.get("description", "")},
                             ok=(200, 201))
        return app["id"]

    def app_read(self, app_id):
        status, app = self.c.call("GET", self.p(f"/apps/{app_id}"))
        if status == 404:
            return None
        if status != 200:
            raise ManagementError(f"app read answered {status} {app}")
        _, codes = self.c.call("GET", self.p(f"/apps/{app_id}/app-codes"), ok=(200,))
        return {"id": app["id"], "name": app["name"], "description": app.get("remark"),
                "app_key": app["app_key"], "app_secret": app["app_secret"],
                "registration_time": app["register_time"], "updated_at": app["update_time"],
                "app_codes": [c["app_code"] for c in codes.get("app_codes") or []]}

    def app_update(self, app_id, cfg, reset_secret=False):
        self.c.call("PUT", self.p(f"/apps/{app_id}"),
                    {"name": cfg["name"], "remark": cfg.get("description", "")}, ok=(200, 201))
        if reset_secret:
            self.c.call("PUT", self.p(f"/apps/secret/{app_id}"), {}, ok=(200, 201))

    def app_delete(self, app_id):
        self.c.call("DELETE", self.p(f"/apps/{app_id}"), ok=(202, 204))

    # -- huaweicloud_apig_application_authorization --
    def authorize(self, app_id, env_id, api_ids):
        _, answer = self.c.call("POST", self.p("/app-auths"),
                                {"app_ids": [app_id], "env_id": env_id, "api_ids": api_ids},
                                ok=(200, 201))
        failed = [a for a in answer["auths"] if a["auth_result"]["status"] == "FAILED"]
        if failed:
            raise ManagementError(f"authorization failed: {failed}")

    def authorizations(self, app_id, env_id):
        found, offset = [], 0
        while True:
            _, page = self.c.call("GET", self.p("/app-auths/binded-apis"), ok=(200,),
                                  query={"app_id": app_id, "env_id": env_id, "limit": 100,
                                         "offset": offset})
            found += page["auths"]
            if len(page["auths"]) < 100:
                break
            offset += 100
        return found

    def unauthorize(self, auth, app_id, env_id):
        self.c.call("DELETE", self.p(f"/app-auths/{auth['id']}"),
                    query={"app_id": app_id, "env_id": env_id}, ok=(200, 202, 204))


def same(step, state, cfg):
    """The state agrees with the configuration where the configuration says something."""
    if state is None:
        raise ManagementError(f"{step}: the resource is gone")
    for key, want in cfg.items():
        if key in state and state[key] != want:
            raise ManagementError(f"{step}: {key} is {state[key]!r}, the configuration says {want!r}")


def run_management(step, client, instance_id):
    """The API-management steps on a running gateway; each step is counted by replay.py."""
    tf = Management(client, instance_id)
    box = {}
    group_cfg = {"name": "tf_group", "description": "made by terraform",
                 "domain_access_enabled": True}
    env_cfg = {"name": "tf_stage", "description": "a stage"}
    api_cfg = {"name": "tf_hello", "request_method": "GET", "request_path": "/hello/{who}",
               "security_authentication": "APP", "matching": "Exact match",
               "description": "says hello",
               "request_params": [{"name": "who", "location": "PATH", "required": True}],
               "mock": {"response": '{"hello":"terraform"}', "status_code": 200}}
    app_cfg = {"name": "tf_app", "description": "a caller"}

    def group():
        box["group"] = tf.group_create(group_cfg)
        state = tf.group_read(box["group"])
        same("group", state, group_cfg)
        if not state["sl_domain"].startswith(box["group"] + ".apic."):
            raise ManagementError(f"group: sl_domain {state['sl_domain']}")
        tf.group_update(box["group"], dict(group_cfg, description="renamed"))
        same("group update", tf.group_read(box["group"]), dict(group_cfg, description="renamed"))

    step("huaweicloud_apig_group: create, debug domain setting, read, update", group)

    def environment():
        box["env"] = tf.env_create(env_cfg)
        same("environment", tf.env_read(box["env"]), env_cfg)
        tf.env_update(box["env"], dict(env_cfg, description="still a stage"))
        same("environment update", tf.env_read(box["env"]),
             dict(env_cfg, description="still a stage"))

    step("huaweicloud_apig_environment: create, read (all pages), update", environment)

    def api():
        cfg = dict(api_cfg, group_id=box["group"])
        box["api"] = tf.api_create(cfg)
        same("api", tf.api_read(box["api"]), cfg)
        cfg["mock"] = {"response": '{"hello":"again"}', "status_code": 200}
        tf.api_update(box["api"], cfg)
        same("api update", tf.api_read(box["api"]), cfg)

    step("huaweicloud_apig_api: create (APP auth, MOCK backend, PATH parameter), read, update",
         api)

    def publishment():
        tf.publish(box["env"], box["api"], "first")
        tf.publish(box["env"], box["api"], "second")
        state = tf.publishment_read(box["env"], box["api"])
        same("publishment", state, {"env_id": box["env"], "api_id": box["api"],
                                    "description": "second", "env_name": env_cfg["name"]})
        if len(state["histories"]) != 2:
            raise ManagementError(f"publishment: histories {state['histories']}")
        first = state["histories"][1]["version_id"]
        tf.publishment_switch(box["env"], box["api"], first)
        state = tf.publishment_read(box["env"], box["api"])
        if state["description"] != "first":
            raise ManagementError(f"publishment: version switch kept {state['description']}")

    step("huaweicloud_apig_api_publishment: online twice, read versions and publish_id, switch",
         publishment)

    def application():
        box["app"] = tf.app_create(app_cfg)
        state = tf.app_read(box["app"])
        same("application", state, app_cfg)
        if not state["app_key"] or not state["app_secret"] or "*" in state["app_secret"]:
            raise ManagementError(f"application: key/secret {state['app_key']} {state['app_secret']}")
        tf.app_update(box["app"], dict(app_cfg, description="resets"), reset_secret=True)
        again = tf.app_read(box["app"])
        if again["app_secret"] == state["app_secret"] or again["app_key"] != state["app_key"]:
            raise ManagementError("application: the secret reset did not give a new secret")

    step("huaweicloud_apig_application: create, read key and secret, update, reset secret",
         application)

    def authorization():
        tf.authorize(box["app"], box["env"], [box["api"]])
        found = tf.authorizations(box["app"], box["env"])
        if [a["api_id"] for a in found] != [box["api"]]:
            raise ManagementError(f"authorization: {found}")
        for a in found:
            tf.unauthorize(a, box["app"], box["env"])
        if tf.authorizations(box["app"], box["env"]):
            raise ManagementError("authorization: still listed after delete")

    step("huaweicloud_apig_application_authorization: create, read pages, delete", authorization)

    def destroy():
        tf.unpublish(box["env"], box["api"])
        if tf.publishment_read(box["env"], box["api"]) is not None:
            raise ManagementError("destroy: still published")
        tf.app_delete(box["app"])
        if tf.app_read(box["app"]) is not None:
            raise ManagementError("destroy: app still there")
        # The group goes with force_destroy: its API is taken offline and deleted first.
        tf.publish(box["env"], box["api"])
        refused, _ = client.call("DELETE", tf.p(f"/envs/{box['env']}"))
        if refused != 403:
            raise ManagementError(f"destroy: env with a published API answered {refused}")
        tf.group_delete(box["group"], force_destroy=True)
        if tf.group_read(box["group"]) is not None or tf.api_read(box["api"]) is not None:
            raise ManagementError("destroy: group or API still there")
        tf.env_delete(box["env"])
        if tf.env_read(box["env"]) is not None:
            raise ManagementError("destroy: environment still there")

    step("destroy: unpublish, application, group with force_destroy, environment", destroy)
