"""A real server over loopback: `examples/server.rs` (hyper + this crate) answering boto3.

The server is started on an ephemeral port (`--port 0`, the port read from its first line of
stdout); every client call has connect/read timeouts and no retries; the server is killed at
the end whatever happens.
"""

import re
import select
import subprocess
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import example_binary
from peers import micros, rfc3339_micros

PROFILES = [
    ("Bob", "2011-09-19T23:00:56Z", "-"),
    ("a+b=c,d.e@f-g_h", "2026-11-23T17:57:57.90714Z", "true"),
    ("Caller", "2020-02-29T12:00:00Z", "false"),
    ("x" * 64, "1999-12-31T23:59:59.999Z", "false"),
]
REQUEST_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def start_server(*args: str, timeout: float = 30.0, example: str = "server", env_var: str = "SERVER_BIN"):
    """Starts a server example (`server` unless told); returns (process, port)."""
    path = example_binary(example, env_var)
    proc = subprocess.Popen([str(path), "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([proc.stdout], [], [], max(remaining, 0))
        if not ready:
            proc.kill()
            raise TimeoutError("the server printed no port")
        chunk = proc.stdout.read1(64)
        if not chunk:
            proc.kill()
            raise RuntimeError(f"the server exited: {proc.stderr.read().decode()}")
        line += chunk
    return proc, int(line)


@pytest.fixture(scope="module")
def server():
    # No SigV4 check here: this module is about the codec over HTTP (the auth suites sign).
    args = ["--no-auth", "--caller", "Caller"]
    for user, date, reset in PROFILES:
        args += ["--profile", user, date, reset]
    proc, port = start_server(*args)
    try:
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def client(server):
    return boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=f"http://127.0.0.1:{server}",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=Config(connect_timeout=5, read_timeout=5, retries={"total_max_attempts": 1}),
    )


@pytest.mark.parametrize("user, date, reset", PROFILES)
def test_success(client, user, date, reset):
    response = client.get_login_profile(UserName=user)
    profile = response["LoginProfile"]
    assert profile["UserName"] == user
    assert micros(profile["CreateDate"]) == rfc3339_micros(date)
    assert profile.get("PasswordResetRequired") == {"true": True, "false": False, "-": None}[reset]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert REQUEST_ID.match(response["ResponseMetadata"]["RequestId"])
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "text/xml"


def test_user_names_are_case_insensitive(client):
    assert client.get_login_profile(UserName="BOB")["LoginProfile"]["UserName"] == "Bob"


def test_omitted_user_name_is_the_caller(client):
    assert client.get_login_profile()["LoginProfile"]["UserName"] == "Caller"


def test_no_such_entity(client):
    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.get_login_profile(UserName="Alice")
    response = raised.value.response
    assert response["Error"] == {
        "Type": "Sender",
        "Code": "NoSuchEntity",
        "Message": "Login Profile for User Alice cannot be found.",
    }
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert REQUEST_ID.match(response["ResponseMetadata"]["RequestId"])


@pytest.mark.parametrize(
    "user, message",
    [
        (
            "bad name",
            "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
        ),
        (
            "Jos\u00e9",
            "1 validation error detected: Value 'Jos\u00e9' at 'userName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
        ),
        (
            "a" * 65,
            f"1 validation error detected: Value '{'a' * 65}' at 'userName' failed to satisfy constraint: "
            "Member must have length less than or equal to 64",
        ),
    ],
)
def test_invalid_user_name_is_a_validation_error(client, user, message):
    """botocore sends these (it checks only the minimum length); the server answers as IAM does."""
    with pytest.raises(ClientError) as raised:
        client.get_login_profile(UserName=user)
    response = raised.value.response
    assert response["Error"] == {"Type": "Sender", "Code": "ValidationError", "Message": message}
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_get_query_string_is_served_too(server):
    """The same server answers the GET form of the documentation's sample request."""
    import urllib.request

    url = f"http://127.0.0.1:{server}/?Action=GetLoginProfile&Version=2010-05-08&UserName=Bob"
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        assert b"<UserName>Bob</UserName>" in response.read()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_prints_usage_and_exits_0(flag):
    path = example_binary("server", "SERVER_BIN")
    proc = subprocess.run([str(path), flag], capture_output=True, timeout=30)
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("usage: server [--port N] ")
    assert proc.stderr == b""
