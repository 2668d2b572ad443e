"""Lists the official Python SDK's instance-scope operations and which of them apig-mock answers.

An instance-scope operation is a method of `huaweicloudsdkapig.v2.ApigClient` whose path holds
`{instance_id}`. Each is called once through the SDK (signed as usual) with placeholder IDs on
a fresh apig-mock; an operation counts as answered unless the answer is the front door's
404 `APIGW.0101` ("The API does not exist"). A placeholder gateway ID is not a gateway, so an
answered operation typically says 404 `APIC.7302`; nothing is changed.

    tests/sdk/.venv/bin/python tests/sdk/instance_operations.py [--list] [--binary PATH]

An API-scope operation is an instance-scope one under the API-management resources (groups,
APIs, environments and their variables, publication, apps and their authorizations and codes).

Starts `target/debug/apig-mock` (or --binary, or $APIG_MOCK_BIN) on a free port with an
in-memory store, prints `answered N of M instance-scope operations` and `answered N of M
API-scope operations` and, with --list, one line per operation (`+` answered, `-` not) with its
method and path. With `--before PATH` (another build, e.g. one without API management) it prints
the two figures of that build first, as `before:` lines.
"""

import argparse
import inspect
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import huaweicloudsdkapig.v2 as models
from huaweicloudsdkapig.v2 import ApigClient
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import SdkException
from huaweicloudsdkcore.http.http_config import HttpConfig

ROOT = Path(__file__).resolve().parents[2]


def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def instance_operations():
    """(method name, HTTP method, path, request class) of every instance-scope operation."""
    found = []
    for name, _ in inspect.getmembers(ApigClient, predicate=inspect.isfunction):
        if name.startswith("_") or name.endswith("_invoker") or name.endswith("_async"):
            continue
        info = getattr(ApigClient, f"_{name}_http_info", None)
        request_class = getattr(models, camel(name) + "Request", None)
        if info is None or request_class is None:
            continue
        http = info(request_class())
        if "{instance_id}" in http["resource_path"]:
            found.append((name, http["method"], http["resource_path"], request_class))
    return sorted(found, key=lambda op: (op[2], op[1]))


API_SCOPE = ("/api-groups", "/apis", "/envs", "/env-variables", "/apps", "/app-auths")


def is_api_scope(path):
    tail = path.split("{instance_id}", 1)[1]
    return tail.startswith(API_SCOPE)


def placeholder_request(request_class, path):
    """The request with every path parameter set to a placeholder of the right shape."""
    request = request_class()
    for attr in request_class.attribute_map:
        if "{" + attr + "}" in path and attr != "project_id":
            setattr(request, attr, "0" * 32)
    return request


def start_mock(binary, credential):
    tmp = tempfile.TemporaryDirectory()
    creds = Path(tmp.name) / "credentials.json"
    creds.write_text(json.dumps([credential]))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(Path(tmp.name) / "apig-mock.log", "w")
    process = subprocess.Popen(
        [str(binary), "--listen", f"127.0.0.1:{port}", "--data", ":memory:",
         "--speed", "instant", "--credentials", str(creds)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("apig-mock did not start")
            time.sleep(0.1)
    return url, process, tmp, log


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every operation")
    parser.add_argument("--binary", default=os.environ.get("APIG_MOCK_BIN"))
    parser.add_argument("--before", help="another apig-mock binary to count first")
    args = parser.parse_args()
    binary = Path(args.binary) if args.binary else ROOT / "target" / "debug" / "apig-mock"
    for given in filter(None, [args.before and Path(args.before), binary]):
        if not given.exists():
            sys.exit(f"{given} not found: build it with `cargo build -p apig-mock`")
    if args.before:
        count(Path(args.before), False, "before: ")
    count(binary, args.list, "")


def count(binary, listing, prefix):
    """Calls every instance-scope operation on a fresh `binary` and prints the figures."""
    credential = {
        "access_key": "AKOPS" + secrets.token_hex(6).upper(),
        "secret_key": secrets.token_urlsafe(30),
        "project_id": secrets.token_hex(16),
    }
    url, process, tmp, log = start_mock(binary, credential)
    try:
        config = HttpConfig.get_default_config()
        config.timeout = (5, 30)
        config.retry_times = 0
        client = (
            ApigClient.new_builder()
            .with_http_config(config)
            .with_credentials(BasicCredentials(
                credential["access_key"], credential["secret_key"], credential["project_id"]))
            .with_endpoint(url)
            .build()
        )
        operations = instance_operations()
        answered = 0
        api_scope = [0, 0]
        lines = []
        for name, method, path, request_class in operations:
            try:
                getattr(client, name)(placeholder_request(request_class, path))
                ok = True
            except SdkException as e:
                ok = getattr(e, "error_code", None) != "APIGW.0101"
            answered += ok
            if is_api_scope(path):
                api_scope[0] += ok
                api_scope[1] += 1
            lines.append(f"{'+' if ok else '-'} {method:6} {path}  ({name})")
        if listing:
            print("\n".join(lines))
        print(f"{prefix}answered {answered} of {len(operations)} instance-scope operations")
        print(f"{prefix}answered {api_scope[0]} of {api_scope[1]} API-scope operations")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
