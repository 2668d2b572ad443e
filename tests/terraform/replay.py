"""Replays what Terraform's `huaweicloud_apig_instance` does against apig-mock.

The provider cannot run here, so this script makes exactly its HTTP calls (raw JSON, signed with
the official Python SDK's `Signer`, as the provider signs with AK/SK): create with tags and two
custom inbound ports, refresh, each kind of update, import, the two data sources, the
API-management resources on that gateway (group, environment, API, publication, application,
authorization; `management.py`) and destroy. After each step it
builds the state the provider would store from the answers, the way the provider's Read does,
and compares it with what the configuration says.

    tests/sdk/.venv/bin/python tests/terraform/replay.py [--binary PATH]

It starts apig-mock (--binary or $APIG_MOCK_BIN, else `target/debug/apig-mock` after
`cargo build -p apig-mock`) at the `instant`
speed on a free port with an in-memory store, prints one line per step and ends with
`terraform replay: N steps, all as the provider would store` (exit 0) or names the first step
that differs (exit 1).
"""

import argparse
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

from management import ManagementError, run_management

ROOT = Path(__file__).resolve().parents[2]
# The sandbox seed's project of cn-north-1, an LVS region (where gateways bind EIPs).
CN1_PROJECT = "c10c2788a8e1498086f6d2e1c91d6da3"
FAILED = ("CreateFail", "InitingFailed", "RegisterFailed", "InstallFailed", "UpdateFailed",
          "RollbackFailed", "UnRegisterFailed", "DeleteFailed", "RestartFail", "ResizeFailed")


class ReplayError(Exception):
    pass


class Client:
    """Signed raw JSON calls, like the provider's `client.Request`."""

    def __init__(self, endpoint, ak, sk, project):
        self.endpoint = endpoint
        self.host = urlsplit(endpoint).netloc
        self.project = project
        self.signer = Signer(BasicCredentials(ak, sk, project))
        self.calls = 0

    def call(self, method, path, body=None, query=None, ok=None):
        path = path.replace("{project_id}", self.project)
        data = json.dumps(body).encode() if body is not None else b""
        headers = {"Content-Type": "application/json", "X-Project-Id": self.project}
        request = SdkRequest(method=method, schema="http", host=self.host, resource_path=path,
                             query_params=list((query or {}).items()), header_params=headers,
                             body=data)
        signed = self.signer.sign(request)
        url = self.endpoint + signed.uri
        response = requests.request(method, url, headers=signed.header_params, data=data,
                                    timeout=30)
        self.calls += 1
        answer = response.json() if response.content else None
        if ok is not None and response.status_code not in ok:
            raise ReplayError(f"{method} {path} answered {response.status_code} {answer}")
        return response.status_code, answer


def instance_path(tail=""):
    return "/v2/{project_id}/apigw/instances/{instance_id}" + tail


class Provider:
    """The resource's Create, Read, Update and Delete, call for call."""

    def __init__(self, client):
        self.c = client

    def path(self, instance_id, tail=""):
        return instance_path(tail).replace("{instance_id}", instance_id)

    # -- waits (the provider polls every 20 s; the replay polls at once) --
    def wait_status(self, instance_id, target, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            status, body = self.c.call("GET", self.path(instance_id))
            if target is None and status == 404:
                return
            if status != 200:
                raise ReplayError(f"reading {instance_id} answered {status} {body}")
            if body["status"] in FAILED:
                raise ReplayError(f"unexpect status ({body['status']})")
            if target is not None and body["status"] == target:
                return
            if time.monotonic() > deadline:
                raise ReplayError(f"{instance_id} stayed {body['status']}")
            time.sleep(0.05)

    def wait_publicips(self, instance_id, enabled, timeout=30):
        deadline = time.monotonic() + timeout
        in_a_row = 0
        while in_a_row < 2:
            _, body = self.c.call("GET", self.path(instance_id), ok=(200,))
            in_a_row = in_a_row + 1 if (len(body.get("publicips") or []) > 0) == enabled else 0
            if time.monotonic() > deadline:
                raise ReplayError("public inbound access did not settle")
            time.sleep(0.02)

    # -- Create --
    def create(self, cfg):
        body = {
            "instance_name": cfg["name"],
            "spec_id": cfg["edition"],
            "vpc_id": cfg["vpc_id"],
            "subnet_id": cfg["subnet_id"],
            "security_group_id": cfg["security_group_id"],
            "available_zone_ids": cfg["availability_zones"],
            "enterprise_project_id": cfg.get("enterprise_project_id", ""),
            "tags": [{"key": k, "value": v} for k, v in cfg.get("tags", {}).items()],
            "bandwidth_size": cfg.get("bandwidth_size", 0),
        }
        for key, wire in (("description", "description"), ("eip_id", "eip_id"),
                          ("vpcep_service_name", "vpcep_service_name"),
                          ("ingress_bandwidth_size", "ingress_bandwidth_size"),
                          ("ingress_bandwidth_charging_mode", "ingress_bandwidth_charging_mode"),
                          ("maintain_begin", "maintain_begin")):
            if cfg.get(key):
                body[wire] = cfg[key]
        if cfg.get("maintain_begin"):
            body["maintain_end"] = maintain_end(cfg["maintain_begin"])
        _, answer = self.c.call("POST", "/v2/{project_id}/apigw/instances", body, ok=(200, 201, 202))
        instance_id = answer["instance_id"]
        self.wait_status(instance_id, "Running")
        for port in cfg.get("custom_ingress_ports", []):
            self.c.call("POST", self.path(instance_id, "/custom-ingress-ports"),
                        {"protocol": port["protocol"], "ingress_port": port["port"]},
                        ok=(200, 201))
        return instance_id

    # -- Read --
    def read(self, instance_id, region="cn-north-4"):
        status, body = self.c.call("GET", self.path(instance_id))
        if status == 404:
            return None
        if status != 200:
            raise ReplayError(f"reading {instance_id} answered {status} {body}")
        elb_status, elbs = self.c.call("GET", self.path(instance_id, "/extra-elbs"))
        elb_ids = [e["elb_id"] for e in (elbs or {}).get("elbs", [])] if elb_status == 200 else []
        tags_status, tags = self.c.call("GET", self.path(instance_id, "/instance-tags"))
        tag_map = ({t["key"]: t["value"] for t in tags.get("tags") or []}
                   if tags_status == 200 else None)
        publicips = body.get("publicips") or []
        state = {
            "id": instance_id,
            "region": region,
            "name": body.get("instance_name"),
            "edition": body.get("spec"),
            "vpc_id": body.get("vpc_id"),
            "subnet_id": body.get("subnet_id"),
            "security_group_id": body.get("security_group_id"),
            "description": body.get("description") or "",
            "enterprise_project_id": body.get("enterprise_project_id"),
            "bandwidth_size": body.get("bandwidth_size") or 0,
            "ipv6_enable": bool(body.get("eip_ipv6_address")),
            "loadbalancer_provider": body.get("loadbalancer_provider"),
            "elb_ids": elb_ids,
            "availability_zones": parse_azs(body.get("available_zone_ids") or ""),
            "maintain_begin": body.get("maintain_begin"),
            "vpcep_service_name": parse_vpcep(
                ((body.get("endpoint_services") or [{}])[0]).get("service_name") or ""),
            "ingress_bandwidth_charging_mode": body.get("ingress_bandwidth_charging_mode"),
            "ingress_bandwidth_size": (publicips[0].get("bandwidth_size") if publicips else None) or 0,
            "maintain_end": body.get("maintain_end"),
            "vpc_ingress_address": body.get("ingress_ip"),
            "egress_address": body.get("nat_eip_address"),
            "supported_features": body.get("supported_features"),
            "status": body.get("status"),
            "created_at": rfc3339(body.get("create_time", 0) // 1000),
            "vpcep_service_address": ((body.get("endpoint_services") or [{}])[0]).get("service_name"),
            "ingress_address": body.get("eip_address") or (publicips[0].get("ip_address") if publicips else None),
            "tags": tag_map,
        }
        ports_status, ports = self.c.call(
            "GET", self.path(instance_id, "/custom-ingress-ports"), query={"limit": 500})
        if ports_status == 200:
            state["custom_ingress_ports"] = [
                {"protocol": p["protocol"], "port": p["ingress_port"],
                 "id": p["ingress_port_id"], "status": p["status"]}
                for p in ports.get("ingress_port_infos") or []
            ]
        return state

    # -- Update (in the provider's order) --
    def update(self, instance_id, old, new):
        basic = ("name", "description", "security_group_id", "vpcep_service_name",
                 "maintain_begin")
        if any(old.get(k) != new.get(k) for k in basic):
            body = {
                "instance_name": new["name"],
                "description": new.get("description", ""),
                "security_group_id": new["security_group_id"],
                "vpcep_service_name": new.get("vpcep_service_name", ""),
            }
            if new.get("maintain_begin"):
                body["maintain_begin"] = new["maintain_begin"]
                body["maintain_end"] = maintain_end(new["maintain_begin"])
            self.c.call("PUT", self.path(instance_id), body, ok=(200,))
            self.wait_status(instance_id, "Running")
        if old["edition"] != new["edition"]:
            self.c.call("POST", self.path(instance_id, "/postpaid-resize"),
                        {"spec_id": new["edition"]}, ok=(200, 202))
            self.wait_status(instance_id, "Running")
        before, after = old.get("bandwidth_size", 0), new.get("bandwidth_size", 0)
        if before != after:
            nat = self.path(instance_id, "/nat-eip")
            if before == 0:
                self.c.call("POST", nat, {"bandwidth_size": after}, ok=(200, 201, 202, 204))
            elif after == 0:
                self.c.call("DELETE", nat, ok=(200, 202, 204))
            else:
                self.c.call("PUT", nat, {"bandwidth_size": after}, ok=(200, 201, 202, 204))
        ingress = ("ingress_bandwidth_size", "ingress_bandwidth_charging_mode")
        if any(old.get(k) != new.get(k) for k in ingress):
            path = self.path(instance_id, "/ingress-eip")
            if old.get("ingress_bandwidth_size") or old.get("ingress_bandwidth_charging_mode"):
                self.c.call("DELETE", path, ok=(200, 202, 204))
                self.wait_publicips(instance_id, enabled=False)
            if new.get("ingress_bandwidth_size") or new.get("ingress_bandwidth_charging_mode"):
                self.c.call("POST", path, {
                    "bandwidth_size": new.get("ingress_bandwidth_size", 0),
                    "bandwidth_charging_mode": new.get("ingress_bandwidth_charging_mode", ""),
                }, ok=(200, 201, 202))
                self.wait_publicips(instance_id, enabled=True)
        if old.get("eip_id", "") != new.get("eip_id", ""):
            path = self.path(instance_id, "/eip")
            if old.get("eip_id"):
                self.c.call("DELETE", path, ok=(200, 202, 204))
            if new.get("eip_id"):
                self.c.call("PUT", path, {"eip_id": new["eip_id"]}, ok=(200,))
        if old.get("tags", {}) != new.get("tags", {}):
            action = self.path(instance_id, "/instance-tags/action")
            if old.get("tags"):
                self.c.call("POST", action, {"action": "delete", "tags": kv(old["tags"])}, ok=(204,))
            if new.get("tags"):
                self.c.call("POST", action, {"action": "create", "tags": kv(new["tags"])}, ok=(204,))
        old_ports = {(p["protocol"], p["port"]) for p in old.get("custom_ingress_ports", [])}
        new_ports = {(p["protocol"], p["port"]) for p in new.get("custom_ingress_ports", [])}
        if old_ports != new_ports:
            stored = old.get("_stored_ports", [])
            for p in stored:
                if (p["protocol"], p["port"]) not in new_ports:
                    self.c.call("DELETE", self.path(instance_id, f"/custom-ingress-ports/{p['id']}"),
                                ok=(200, 204))
            for protocol, port in sorted(new_ports - old_ports):
                self.c.call("POST", self.path(instance_id, "/custom-ingress-ports"),
                            {"protocol": protocol, "ingress_port": port}, ok=(200, 201))

    # -- Delete --
    def delete(self, instance_id):
        self.c.call("DELETE", self.path(instance_id), ok=(200, 202, 204))
        self.wait_status(instance_id, None)


def kv(tags):
    return [{"key": k, "value": v} for k, v in tags.items()]


def maintain_end(begin):
    return f"{(int(begin[:2]) + 4) % 24:02d}:00:00"


def parse_azs(text):
    return text.strip("[]").replace(" ", "").split(",")


def parse_vpcep(service_name):
    m = re.match(r"^[\w-]+\.(.*)\.[a-f0-9-]+$", service_name)
    return m.group(1) if m else ""


def rfc3339(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def expect(state, cfg, step):
    """The state agrees with the configuration where the configuration says something."""
    if state is None:
        raise ReplayError(f"{step}: the resource is gone")
    if state["status"] != "Running":
        raise ReplayError(f"{step}: status {state['status']}")
    checks = {
        "name": cfg["name"],
        "edition": cfg["edition"],
        "vpc_id": cfg["vpc_id"],
        "subnet_id": cfg["subnet_id"],
        "security_group_id": cfg["security_group_id"],
        "description": cfg.get("description", ""),
        "availability_zones": cfg["availability_zones"],
        "bandwidth_size": cfg.get("bandwidth_size", 0),
        "ingress_bandwidth_size": cfg.get("ingress_bandwidth_size", 0),
        "tags": cfg.get("tags", {}),
        "maintain_begin": cfg.get("maintain_begin", state["maintain_begin"]),
        "elb_ids": [],
        "ipv6_enable": False,
    }
    for key, want in checks.items():
        if state.get(key) != want:
            raise ReplayError(f"{step}: {key} is {state.get(key)!r}, the configuration says {want!r}")
    if cfg.get("maintain_begin") and state["maintain_end"] != maintain_end(cfg["maintain_begin"]):
        raise ReplayError(f"{step}: maintain_end {state['maintain_end']}")
    ports = {(p["protocol"], p["port"]) for p in state.get("custom_ingress_ports", [])}
    want_ports = {(p["protocol"], p["port"]) for p in cfg.get("custom_ingress_ports", [])}
    if ports != want_ports:
        raise ReplayError(f"{step}: custom_ingress_ports {sorted(ports)}, want {sorted(want_ports)}")
    for p in state.get("custom_ingress_ports", []):
        if len(p["id"]) < 32 or p["status"] != "normal":
            raise ReplayError(f"{step}: port {p}")
    if (cfg.get("bandwidth_size", 0) > 0) != bool(state["egress_address"]):
        raise ReplayError(f"{step}: egress_address {state['egress_address']}")
    inbound = cfg.get("ingress_bandwidth_size", 0) > 0 or bool(cfg.get("eip_id"))
    if inbound != bool(state["ingress_address"]):
        raise ReplayError(f"{step}: ingress_address {state['ingress_address']}")
    if not state["vpc_ingress_address"] or not state["supported_features"]:
        raise ReplayError(f"{step}: vpc_ingress_address / supported_features missing")
    if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", state["created_at"]):
        raise ReplayError(f"{step}: created_at {state['created_at']}")


def start_mock(binary, credentials):
    tmp = tempfile.TemporaryDirectory()
    creds = Path(tmp.name) / "credentials.json"
    creds.write_text(json.dumps(credentials))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(Path(tmp.name) / "apig-mock.log", "w")
    process = subprocess.Popen(
        [str(binary), "--listen", f"127.0.0.1:{port}", "--data", ":memory:",
         "--speed", "instant", "--credentials", str(creds)],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                return url, process, tmp, log
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("apig-mock did not start")
            time.sleep(0.1)


def network(client):
    """The roomiest subnet of the first VPC, a group of that VPC, the first AZ, free EIPs."""
    _, vpcs = client.call("GET", "/v1/{project_id}/vpcs", ok=(200,))
    vpc = vpcs["vpcs"][0]
    _, subnets = client.call("GET", "/v1/{project_id}/subnets", query={"vpc_id": vpc["id"]}, ok=(200,))
    subnet = max(subnets["subnets"], key=lambda s: s.get("available_ip_address_count", 0))
    _, groups = client.call("GET", "/v1/{project_id}/security-groups",
                            query={"vpc_id": vpc["id"]}, ok=(200,))
    _, zones = client.call("GET", "/v2/{project_id}/apigw/available-zones", ok=(200,))
    _, eips = client.call("GET", "/v1/{project_id}/publicips", ok=(200,))
    free = [e for e in eips["publicips"] if e.get("status") == "DOWN"]
    return {
        "vpc_id": vpc["id"],
        "subnet_id": subnet["id"],
        "security_group_id": groups["security_groups"][0]["id"],
        "availability_zones": [zones["available_zones"][0]["code"]],
        "enterprise_project_id": "0",
        "free_eips": free,
    }


def allow_tag_deletion(client):
    """The sandbox's seed principal has a custom policy denying apig:instanceTags:delete (the
    provider's tag replacement would be refused with 403 APIC.7106): set up a principal without
    it, as an account that manages tags with Terraform has."""
    _, account = client.call("GET", "/_mock/{project_id}/account", ok=(200,))
    account["principal"]["custom_policies"] = []
    client.call("PUT", "/_mock/{project_id}/account", account, ok=(200,))


def run(endpoint, elb_cred, lvs_cred):
    steps = []

    def step(name, fn):
        started = time.monotonic()
        fn()
        steps.append(name)
        print(f"  ok  {name} ({(time.monotonic() - started) * 1000:.0f} ms)")

    client = Client(endpoint, **elb_cred)
    tf = Provider(client)
    allow_tag_deletion(client)
    net = network(client)
    base = {k: v for k, v in net.items() if k != "free_eips"}
    cfg = dict(base, name="tf-gateway", edition="BASIC", description="made by terraform",
               maintain_begin="22:00:00", bandwidth_size=0, ingress_bandwidth_size=5,
               ingress_bandwidth_charging_mode="bandwidth",
               tags={"env": "test", "team": "api"},
               custom_ingress_ports=[{"protocol": "HTTP", "port": 8080},
                                     {"protocol": "HTTPS", "port": 8443}])
    box = {}

    def apply_create():
        box["id"] = tf.create(cfg)
        box["state"] = tf.read(box["id"])
        expect(box["state"], cfg, "apply")

    step("apply: create with two tags and two custom inbound ports", apply_create)

    def refresh():
        again = tf.read(box["id"])
        if again != box["state"]:
            diff = {k: (box["state"].get(k), again.get(k)) for k in again if again.get(k) != box["state"].get(k)}
            raise ReplayError(f"refresh: the state drifted: {diff}")

    step("refresh: the state is unchanged", refresh)

    def change(**new):
        def run_update():
            nonlocal cfg
            updated = dict(cfg, **new)
            old = dict(cfg, _stored_ports=box["state"].get("custom_ingress_ports", []))
            tf.update(box["id"], old, updated)
            cfg = updated
            box["state"] = tf.read(box["id"])
            expect(box["state"], cfg, "update")
        return run_update

    step("update: name and description together",
         change(name="tf-gateway-renamed", description="renamed by terraform"))

    def edition():
        change(edition="PROFESSIONAL")()
        _, shown = client.call("GET", tf.path(box["id"]), ok=(200,))
        if len(shown["privateips"]) != 5 or shown["spec"] != "PROFESSIONAL":
            raise ReplayError(f"edition: {len(shown['privateips'])} private IPs, spec {shown['spec']}")

    step("update: edition BASIC -> PROFESSIONAL (postpaid-resize)", edition)
    step("update: outbound bandwidth 0 -> 10", change(bandwidth_size=10))
    step("update: outbound bandwidth 10 -> 20", change(bandwidth_size=20))
    step("update: outbound bandwidth 20 -> 0", change(bandwidth_size=0))
    step("update: inbound bandwidth 5 -> 10", change(ingress_bandwidth_size=10))
    step("update: tags replaced", change(tags={"env": "prod", "owner": "ops"}))
    step("update: a port removed and one added",
         change(custom_ingress_ports=[{"protocol": "HTTPS", "port": 8443},
                                      {"protocol": "HTTP", "port": 9090}]))

    def import_by_id():
        imported = tf.read(box["id"])
        if imported != box["state"]:
            raise ReplayError("import: the imported state differs from the managed one")
        expect(imported, cfg, "import")

    step("import: read by ID gives the same state", import_by_id)

    def data_sources():
        # huaweicloud_apig_instances: pages of 200 until an empty page.
        found, offset = [], 0
        while True:
            _, page = client.call("GET", "/v2/{project_id}/apigw/instances", ok=(200,), query={
                "limit": 200, "offset": offset, "instance_name": cfg["name"]})
            if not page["instances"]:
                break
            found += page["instances"]
            offset += len(page["instances"])
        if [(g["id"], g["instance_name"], g["spec"], g["type"], g["status"]) for g in found] != [
                (box["id"], cfg["name"], cfg["edition"], "apig", "Running")]:
            raise ReplayError(f"data source instances: {found}")
        for g in found:
            for key in ("enterprise_project_id", "eip_address", "loadbalancer_provider", "create_time"):
                if key not in g:
                    raise ReplayError(f"data source instances: no {key}")
        # huaweicloud_apig_availability_zones.
        _, zones = client.call("GET", "/v2/{project_id}/apigw/available-zones", ok=(200,))
        for z in zones["available_zones"]:
            if not (z["id"] and z["name"] and z["code"] and z["port"] and z["specs"]
                    and z["local_name"]["en_us"] and z["local_name"]["zh_cn"]):
                raise ReplayError(f"data source availability zones: {z}")

    step("data sources: instances (paged until empty) and availability zones", data_sources)

    run_management(step, client, box["id"])

    def destroy():
        tf.delete(box["id"])
        if tf.read(box["id"]) is not None:
            raise ReplayError("destroy: still there")

    step("destroy: delete, then read until 404", destroy)

    # The inbound EIP of an LVS region (cn-north-1): bind at creation, then replace.
    lvs_client = Client(endpoint, **lvs_cred)
    lvs = Provider(lvs_client)
    lvs_net = network(lvs_client)
    if len(lvs_net["free_eips"]) < 2:
        raise ReplayError("the LVS region has fewer than two free EIPs")
    first, second = lvs_net["free_eips"][:2]
    lvs_cfg = dict({k: v for k, v in lvs_net.items() if k != "free_eips"},
                   name="tf-lvs-gateway", edition="BASIC", eip_id=first["id"])
    lvs_box = {}

    def lvs_create():
        lvs_box["id"] = lvs.create(lvs_cfg)
        state = lvs.read(lvs_box["id"], region="cn-north-1")
        expect(state, lvs_cfg, "apply (LVS)")
        if state["ingress_address"] != first["public_ip_address"]:
            raise ReplayError(f"apply (LVS): ingress_address {state['ingress_address']}, "
                              f"the EIP {first['id']} is {first['public_ip_address']}")
        lvs_box["state"] = state

    step("apply (LVS region): create with an EIP", lvs_create)

    def lvs_eip():
        nonlocal lvs_cfg
        new = dict(lvs_cfg, eip_id=second["id"])
        lvs.update(lvs_box["id"], lvs_cfg, new)
        lvs_cfg = new
        state = lvs.read(lvs_box["id"], region="cn-north-1")
        expect(state, lvs_cfg, "update (LVS)")
        if state["ingress_address"] != second["public_ip_address"]:
            raise ReplayError(f"update (LVS): ingress_address {state['ingress_address']}")

    step("update (LVS region): EIP replaced", lvs_eip)

    def lvs_destroy():
        lvs.delete(lvs_box["id"])

    step("destroy (LVS region)", lvs_destroy)
    return steps, client.calls + lvs_client.calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("APIG_MOCK_BIN"))
    args = parser.parse_args()
    if args.binary:
        binary = Path(args.binary)
    else:
        cargo = os.environ.get("APIG_MOCK_CARGO") or os.environ.get("CARGO") or "cargo"
        subprocess.run([cargo, "build", "-q", "-p", "apig-mock"], cwd=ROOT, check=True)
        binary = ROOT / "target" / "debug" / "apig-mock"
    elb = {"ak": "AKTF" + secrets.token_hex(6).upper(), "sk": secrets.token_urlsafe(30),
           "project": secrets.token_hex(16)}
    lvs = {"ak": "AKTF" + secrets.token_hex(6).upper(), "sk": secrets.token_urlsafe(30),
           "project": CN1_PROJECT}
    wire = [{"access_key": c["ak"], "secret_key": c["sk"], "project_id": c["project"]}
            for c in (elb, lvs)]
    url, process, tmp, log = start_mock(binary, wire)
    try:
        steps, calls = run(url, elb, lvs)
    except (ReplayError, ManagementError, requests.RequestException, KeyError, IndexError) as e:
        print(f"terraform replay: failed: {e}")
        sys.exit(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        tmp.cleanup()
    print(f"terraform replay: {len(steps)} steps, {calls} signed calls, all as the provider would store")


if __name__ == "__main__":
    main()
