"""Starts apig-mock for the SDK conformance tests and hands out SDK clients.

The server is `target/debug/apig-mock` (built here with `cargo build -p apig-mock`, or taken
from $APIG_MOCK_BIN), listening on a free 127.0.0.1 port with an in-memory store and
`--speed instant`, so creations finish at once. It accepts a pool of credentials: every test
takes its own, and so its own sandbox account (quota, names and gateways do not leak between
tests).
"""

import itertools
import json
import os
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from huaweicloudsdkapig.v2 import ApigClient
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkeip.v2 import EipClient
from huaweicloudsdkvpc.v2 import VpcClient

ROOT = Path(__file__).resolve().parents[2]
POOL_SIZE = 40


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _binary():
    given = os.environ.get("APIG_MOCK_BIN")
    if given:
        return Path(given)
    cargo = os.environ.get("APIG_MOCK_CARGO") or os.environ.get("CARGO") or "cargo"
    subprocess.run([cargo, "build", "-q", "-p", "apig-mock"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "apig-mock"


@pytest.fixture(scope="session")
def pool():
    """Credentials the server accepts: (AK, SK, project ID) triples."""
    return [
        {
            "access_key": "AKSDK" + secrets.token_hex(6).upper(),
            "secret_key": secrets.token_urlsafe(30),
            "project_id": secrets.token_hex(16),
        }
        for _ in range(POOL_SIZE)
    ]


@pytest.fixture(scope="session")
def endpoint(pool):
    binary = _binary()
    with tempfile.TemporaryDirectory() as tmp:
        creds = Path(tmp) / "credentials.json"
        creds.write_text(json.dumps(pool))
        port = _free_port()
        log = open(Path(tmp) / "apig-mock.log", "w")
        process = subprocess.Popen(
            [
                str(binary),
                "--listen",
                f"127.0.0.1:{port}",
                "--data",
                ":memory:",
                "--speed",
                "instant",
                "--credentials",
                str(creds),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(url + "/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.flush()
                        raise RuntimeError(
                            "apig-mock did not start:\n"
                            + (Path(tmp) / "apig-mock.log").read_text()
                        )
                    time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


_next = itertools.count()


@pytest.fixture
def credential(pool):
    """A credential (and so an account) of this test's own."""
    return pool[next(_next) % POOL_SIZE]


def _config():
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    config.retry_times = 0
    return config


def build(client_class, endpoint, credential, sk=None):
    creds = BasicCredentials(
        credential["access_key"],
        sk or credential["secret_key"],
        credential["project_id"],
    )
    return (
        client_class.new_builder()
        .with_http_config(_config())
        .with_credentials(creds)
        .with_endpoint(endpoint)
        .build()
    )


@pytest.fixture
def apig(endpoint, credential):
    return build(ApigClient, endpoint, credential)


@pytest.fixture
def vpc(endpoint, credential):
    return build(VpcClient, endpoint, credential)


@pytest.fixture
def eip(endpoint, credential):
    return build(EipClient, endpoint, credential)
