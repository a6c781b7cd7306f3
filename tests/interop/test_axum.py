"""The shapes users write, over loopback: `examples/axum_server.rs` (the family under a nested
`/iam` route, SigV4 verified against the original URI) answering `examples/reqwest_client.rs`
and boto3.

Binaries from `AXUM_BIN` / `REQWEST_BIN` (`.ci/run` builds them), else built here. Every call
has timeouts and no retries; the server is killed at the end whatever happens.
"""

import os
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError

from conftest import example_binary
from test_family import loopback_client
from test_server import start_server

AKID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REQUEST_ID = re.compile(r"^00000000-0000-4000-8000-[0-9a-f]{12}$")
MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS "
    "Secret Access Key and signing method. Consult the service documentation for details."
)


@pytest.fixture(scope="module")
def port():
    proc, port = start_server("--credentials", f"{AKID}:{SECRET}", example="axum_server", env_var="AXUM_BIN")
    try:
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=10)


def boto3_client(port, path="/iam", secret=SECRET):
    return loopback_client(port, AKID, secret, path)


def reqwest_client(port, user, secret=SECRET):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": AKID, "AWS_SECRET_ACCESS_KEY": secret}
    env.pop("AWS_SESSION_TOKEN", None)
    path = example_binary("reqwest_client", "REQWEST_BIN")
    return subprocess.run(
        [str(path), "--endpoint", f"http://127.0.0.1:{port}/iam", "--user", user],
        capture_output=True,
        env=env,
        timeout=60,
    )


def test_reqwest_client_runs_the_family_against_the_axum_server(port):
    proc = reqwest_client(port, "Reqwest.User")
    assert proc.stderr == b""
    assert proc.stdout.decode().splitlines() == [
        "CreateLoginProfile: Reqwest.User reset=Some(false)",
        "GetLoginProfile: Reqwest.User reset=Some(false) same CreateDate: true",
        "UpdateLoginProfile: ok",
        "GetLoginProfile: Reqwest.User reset=Some(true)",
        "DeleteLoginProfile: ok",
        "GetLoginProfile: 404 NoSuchEntity: Login Profile for User Reqwest.User cannot be found.",
    ]
    assert proc.returncode == 0


def test_reqwest_client_with_a_wrong_secret_is_refused(port):
    proc = reqwest_client(port, "Bob", secret="not-the-secret")
    assert proc.returncode == 1
    assert re.fullmatch(
        rf"error: HTTP 403: SignatureDoesNotMatch: {re.escape(MISMATCH)} "
        r"\(request id 00000000-0000-4000-8000-[0-9a-f]{12}\)\n",
        proc.stderr.decode(),
    )


@pytest.mark.parametrize("path", ["/iam", "/iam/"])
def test_boto3_runs_the_family_against_the_axum_server(port, path):
    client = boto3_client(port, path)
    user = f"Boto{len(path)}"
    created = client.create_login_profile(UserName=user, Password="Correct-Horse-7", PasswordResetRequired=True)
    assert created["LoginProfile"]["UserName"] == user
    assert created["LoginProfile"]["PasswordResetRequired"] is True
    assert REQUEST_ID.match(created["ResponseMetadata"]["RequestId"])
    got = client.get_login_profile(UserName=user.upper())["LoginProfile"]
    assert (got["UserName"], got["CreateDate"]) == (user, created["LoginProfile"]["CreateDate"])
    client.update_login_profile(UserName=user, PasswordResetRequired=False)
    assert client.get_login_profile(UserName=user)["LoginProfile"]["PasswordResetRequired"] is False
    with pytest.raises(ClientError) as raised:
        client.create_login_profile(UserName=user, Password="Correct-Horse-7")
    assert raised.value.response["Error"] == {
        "Type": "Sender",
        "Code": "EntityAlreadyExists",
        "Message": f"Login Profile for user {user} already exists.",
    }
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    client.delete_login_profile(UserName=user)
    with pytest.raises(ClientError) as raised:
        client.get_login_profile(UserName=user)
    assert raised.value.response["Error"] == {
        "Type": "Sender",
        "Code": "NoSuchEntity",
        "Message": f"Login Profile for User {user} cannot be found.",
    }
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_boto3_with_a_wrong_secret_is_refused(port):
    with pytest.raises(ClientError) as raised:
        boto3_client(port, secret="not-the-secret").get_login_profile(UserName="Bob")
    assert raised.value.response["Error"] == {"Type": "Sender", "Code": "SignatureDoesNotMatch", "Message": MISMATCH}
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_an_unsigned_request_is_refused(port):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/iam",
        data=b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 403
    body = raised.value.read().decode()
    assert "<Code>MissingAuthenticationToken</Code>" in body
    assert "<Message>Request is missing Authentication Token</Message>" in body
