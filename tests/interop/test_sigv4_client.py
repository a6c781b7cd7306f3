"""`examples/client.rs` (feature `sigv4`) against a `moto_server` on loopback.

moto routes a request by its `Authorization` header's credential scope, so an IAM answer
at all shows the signature was read as IAM's; boto3 creates Bob and his login profile
first. The server is started on a free port of 127.0.0.1 and stopped at the end.

The binary is `CLIENT_BIN` (`.ci/run` builds it with `--all-features`), else built here
with `cargo build --features sigv4 --example client`.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest

from conftest import ROOT, _target_dir

ENV = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}


def client_binary() -> Path:
    if os.environ.get("CLIENT_BIN"):
        path = Path(os.environ["CLIENT_BIN"])
        assert path.is_file(), f"CLIENT_BIN={path} does not exist"
        return path
    subprocess.run(
        ["cargo", "build", "--features", "sigv4", "--example", "client"], cwd=ROOT, check=True, timeout=900
    )
    path = _target_dir() / "debug" / "examples" / "client"
    assert path.is_file(), f"cargo built no {path}"
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def moto_endpoint():
    port = free_port()
    command = [shutil.which("moto_server") or "moto_server", "-H", "127.0.0.1", "-p", str(port)]
    if not shutil.which("moto_server"):
        command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not listen on {port}")
                time.sleep(0.1)
        endpoint = f"http://127.0.0.1:{port}"
        iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", **_boto_credentials())
        iam.create_user(UserName="Bob")
        iam.create_login_profile(UserName="Bob", Password="Passw0rd!")
        # moto ignores PasswordResetRequired on create (docs/protocol.md §4, deviation 4); update sets it
        # (with the password again: moto drops a profile whose update omits it).
        iam.update_login_profile(UserName="Bob", Password="Passw0rd!", PasswordResetRequired=True)
        yield endpoint
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _boto_credentials():
    return {"aws_access_key_id": ENV["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": ENV["AWS_SECRET_ACCESS_KEY"]}


def run_client(*args: str, env=None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(ENV if env is None else env)
    return subprocess.run([str(client_binary()), *args], capture_output=True, text=True, timeout=60, env=environment)


def test_bobs_profile_is_found(moto_endpoint):
    proc = run_client("--endpoint", moto_endpoint, "--user", "Bob")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["LoginProfile"]["UserName"] == "Bob"
    assert out["LoginProfile"]["PasswordResetRequired"] is True
    assert out["LoginProfile"]["CreateDate"].endswith("Z")
    assert out["ResponseMetadata"]["RequestId"]


def test_with_a_session_token(moto_endpoint):
    proc = run_client("--endpoint", moto_endpoint, "--user", "Bob", env={**ENV, "AWS_SESSION_TOKEN": "token-1"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["LoginProfile"]["UserName"] == "Bob"


def test_a_missing_user_is_no_such_entity(moto_endpoint):
    proc = run_client("--endpoint", moto_endpoint, "--user", "Nobody")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: HTTP 404: NoSuchEntity: The user with name Nobody cannot be found.")


def test_missing_credentials_are_said(moto_endpoint):
    proc = run_client("--endpoint", moto_endpoint, "--user", "Bob", env={})
    assert (proc.returncode, proc.stderr) == (1, "error: AWS_ACCESS_KEY_ID is not set\n")


def test_usage():
    proc = run_client("--user", "Bob")
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: --endpoint is required\n"
        "usage: client --endpoint http://HOST:PORT[/PATH] [--action NAME] [--user NAME] [--password P] "
        "[--reset true|false] [--json MEMBERS] [--region REGION]\n"
    )


# --- against examples/server.rs, which verifies every signature ---------------------------


@pytest.fixture(scope="module")
def our_endpoint():
    from test_server import start_server

    proc, port = start_server(
        "--credentials",
        f"{ENV['AWS_ACCESS_KEY_ID']}:{ENV['AWS_SECRET_ACCESS_KEY']}:Caller",
        "--profile",
        "Bob",
        "2011-09-19T23:00:56Z",
        "false",
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_our_server_gives_bobs_profile(our_endpoint):
    proc = run_client("--endpoint", our_endpoint, "--user", "Bob")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["LoginProfile"] == {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z", "PasswordResetRequired": False}


def test_our_server_no_such_entity(our_endpoint):
    proc = run_client("--endpoint", our_endpoint, "--user", "Nobody")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: HTTP 404: NoSuchEntity: Login Profile for User Nobody cannot be found.")


def test_our_server_refuses_a_wrong_secret(our_endpoint):
    proc = run_client(
        "--endpoint", our_endpoint, "--user", "Bob", env={**ENV, "AWS_SECRET_ACCESS_KEY": "not-the-secret"}
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: HTTP 403: SignatureDoesNotMatch: ")


def test_our_server_refuses_an_unknown_key(our_endpoint):
    proc = run_client("--endpoint", our_endpoint, "--user", "Bob", env={**ENV, "AWS_ACCESS_KEY_ID": "AKIDUNKNOWN"})
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: HTTP 403: InvalidClientTokenId: ")


def test_client_drives_the_whole_lifecycle(our_endpoint):
    def call(*args):
        return run_client("--endpoint", our_endpoint, *args)

    created = call("--action", "CreateLoginProfile", "--user", "Carol", "--password", "p@ss w0rd&=+é", "--reset", "true")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["LoginProfile"]["PasswordResetRequired"] is True
    again = call("--action", "CreateLoginProfile", "--user", "Carol", "--password", "x")
    assert again.returncode == 1
    assert again.stderr.startswith("error: HTTP 409: EntityAlreadyExists: Login Profile for user Carol already exists."), again.stderr
    updated = call("--action", "UpdateLoginProfile", "--user", "Carol", "--reset", "false")
    assert updated.returncode == 0, updated.stderr
    assert set(json.loads(updated.stdout)) == {"ResponseMetadata"}
    got = call("--user", "Carol")
    assert json.loads(got.stdout)["LoginProfile"]["PasswordResetRequired"] is False
    # An omitted UserName is the user the access key belongs to (`--credentials …:Caller`).
    mine = call("--action", "DeleteLoginProfile")
    assert mine.returncode == 1 and "Login Profile for User Caller cannot be found." in mine.stderr
    deleted = call("--action", "DeleteLoginProfile", "--user", "Carol")
    assert deleted.returncode == 0, deleted.stderr
    gone = call("--user", "Carol")
    assert gone.returncode == 1 and "HTTP 404: NoSuchEntity" in gone.stderr


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl on this machine")
def test_unsigned_curl_is_missing_authentication_token(our_endpoint):
    proc = subprocess.run(
        [
            "curl", "-s", "-w", "\\n%{http_code}", "--max-time", "10",
            "-H", "Content-Type: application/x-www-form-urlencoded",
            "--data", "Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
            f"{our_endpoint}/",
        ],
        capture_output=True, text=True, timeout=30,
    )
    body, _, status = proc.stdout.rpartition("\n")
    assert status == "403"
    assert "<Code>MissingAuthenticationToken</Code>" in body
