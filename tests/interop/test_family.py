"""The login-profile family (Create/Get/Update/DeleteLoginProfile) against botocore, moto and boto3.

(a) requests: botocore's serializer bytes == our `wire encode-request`, and our
    `wire decode-request` reads botocore's bytes back, over a seeded corpus per operation;
(b) responses: moto's recorded bodies decode to what boto3's parser reads; what we encode,
    botocore's `QueryParser` reads back (seeded cases per operation);
(c) lifecycle over loopback against `examples/server.rs`, signed by boto3;
(d) SigV4: wrong secret, unknown key, unsigned request.
Set `INTEROP_SEED` / `INTEROP_CASES` to replay another seed or change the count.
"""

import json
import os
import random
import subprocess
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ROOT
from peers import _Captured, botocore_parse, micros, rfc3339_micros
from test_server import REQUEST_ID, start_server

SEED = int(os.environ.get("INTEROP_SEED", "20261124"))
CASES = int(os.environ.get("INTEROP_CASES", "200"))
CASE_LIST = list(range(CASES))
NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-"
PASSWORD_ALPHABET = "\t\n\r" + "".join(chr(c) for c in range(0x20, 0x100))
AKID, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DATA = ROOT / "tests" / "data"
OPS = ["CreateLoginProfile", "GetLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile"]


def run_wire(wire, command: str, action: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(wire.path), command, "--action", action], input=data, capture_output=True, timeout=30
    )


def wire_ok(wire, command: str, action: str, data: bytes) -> bytes:
    proc = run_wire(wire, command, action, data)
    assert proc.returncode == 0, f"wire {command} --action {action} failed on {data!r}: {proc.stderr.decode()}"
    return proc.stdout


def botocore_body(client, action: str, **params) -> bytes:
    """The body botocore would send for `action(**params)`, stopped at `before-send`."""
    event = f"before-send.iam.{action}"

    def stop(request, **_):
        raise _Captured(request)

    client.meta.events.register(event, stop)
    try:
        getattr(client, xform_name(action))(**params)
    except _Captured as captured:
        body = captured.request.body
        return body.encode("ascii") if isinstance(body, str) else body
    finally:
        client.meta.events.unregister(event, stop)
    raise AssertionError("botocore sent nothing")


# ---------------------------------------------------------------------------------------------
# (a) requests


def user_name(rng: random.Random, case: int) -> str:
    length = [1, 64, rng.randint(1, 64)][case % 3]
    return "".join(rng.choice(NAME_ALPHABET) for _ in range(length))


def password(rng: random.Random, case: int) -> str:
    length = [1, 128, rng.randint(1, 128)][(case // 3) % 3]
    return "".join(rng.choice(PASSWORD_ALPHABET) for _ in range(length))


def request_params(action: str, case: int) -> dict:
    """Deterministic coverage of the states: name lengths cycle with period 3, password lengths
    with period 9, PasswordResetRequired absent/true/false and Password absent/present with
    periods 3 and 2 offset so that every combination occurs."""
    rng = random.Random(f"{SEED}-{action}-{case}")
    params = {}
    if action == "GetLoginProfile" and case % 10 == 9:
        return params  # the caller's own profile
    params["UserName"] = user_name(rng, case)
    if action in ("CreateLoginProfile", "UpdateLoginProfile"):
        if action == "CreateLoginProfile" or (case // 5) % 2 == 0:
            params["Password"] = password(rng, case)
        reset = [None, True, False][(case // 2) % 3]
        if reset is not None:
            params["PasswordResetRequired"] = reset
    return params


def test_request_corpus_covers_the_states():
    for action in OPS:
        cases = [request_params(action, c) for c in CASE_LIST]
        names = [p["UserName"] for p in cases if "UserName" in p]
        assert {1, 64} <= {len(n) for n in names}
        assert set("".join(names)) == set(NAME_ALPHABET)
        if action in ("CreateLoginProfile", "UpdateLoginProfile"):
            passwords = [p["Password"] for p in cases if "Password" in p]
            assert {1, 128} <= {len(p) for p in passwords}
            assert set("".join(passwords)) == set(PASSWORD_ALPHABET)
            combos = {("Password" in p, p.get("PasswordResetRequired")) for p in cases}
            expected = {(True, None), (True, True), (True, False)}
            if action == "UpdateLoginProfile":
                expected |= {(False, None), (False, True), (False, False)}
            assert expected <= combos, combos
    assert {} in [request_params("GetLoginProfile", c) for c in CASE_LIST]


@pytest.mark.parametrize("action", OPS)
@pytest.mark.parametrize("case", CASE_LIST)
def test_request_both_directions(wire, iam_client, action, case):
    params = request_params(action, case)
    theirs = botocore_body(iam_client, action, **params)
    ours = wire_ok(wire, "encode-request", action, json.dumps({"Action": action, **params}).encode())
    assert ours == theirs
    decoded = json.loads(wire_ok(wire, "decode-request", action, theirs))
    expected = dict(params) if action == "GetLoginProfile" else {"Action": action, **params}
    assert decoded == expected


# ---------------------------------------------------------------------------------------------
# (b) responses


def op_model(client, action):
    return client.meta.service_model.operation_model(action)


MOTO_SUCCESS = [
    ("CreateLoginProfile", "moto-response-create-200.xml"),
    ("CreateLoginProfile", "moto-response-create-password-latin1-200.xml"),
    ("UpdateLoginProfile", "moto-response-update-200.xml"),
    ("UpdateLoginProfile", "moto-response-update-reset-only-200.xml"),
    ("DeleteLoginProfile", "moto-response-delete-200.xml"),
]


@pytest.mark.parametrize("action, name", MOTO_SUCCESS)
def test_moto_bodies_decode_as_boto3_parses(wire, iam_client, action, name):
    body = (DATA / name).read_bytes()
    boto = botocore_parse(op_model(iam_client, action), body, 200)
    ours = json.loads(wire_ok(wire, "decode-response", action, body))
    assert ours["ResponseMetadata"]["RequestId"] == boto["ResponseMetadata"]["RequestId"]
    if action == "CreateLoginProfile":
        mine, theirs = ours["LoginProfile"], boto["LoginProfile"]
        assert mine["UserName"] == theirs["UserName"]
        assert rfc3339_micros(mine["CreateDate"]) == micros(theirs["CreateDate"])
        assert mine.get("PasswordResetRequired") == theirs.get("PasswordResetRequired")
        assert set(mine) == set(theirs)
    else:
        assert set(ours) == {"ResponseMetadata"}
        assert "LoginProfile" not in boto


FIRST, LAST = datetime(1000, 1, 1, tzinfo=timezone.utc), datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
RID_TEXT = NAME_ALPHABET + " <>&'\"/:;!?#%[]{}\\" + "\u00e9\u00fc\u540d\U0001f600"


def rfc3339(dt: datetime) -> str:
    return f"{dt.year:04d}-" + dt.strftime("%m-%dT%H:%M:%S") + (f".{dt.microsecond:06d}" if dt.microsecond else "") + "Z"


@pytest.mark.parametrize("action", ["CreateLoginProfile", "GetLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile"])
@pytest.mark.parametrize("case", CASE_LIST)
def test_our_responses_botocore_reads(wire, iam_client, action, case):
    rng = random.Random(f"{SEED}-response-{action}-{case}")
    rid = [None, str(uuid.UUID(int=rng.getrandbits(128))), "".join(rng.choice(RID_TEXT) for _ in range(rng.randint(1, 40)))][case % 3]
    ours = {}
    if rid is not None:
        ours["ResponseMetadata"] = {"RequestId": rid}
    profile = None
    if action in ("CreateLoginProfile", "GetLoginProfile"):
        span = int((LAST - FIRST).total_seconds())
        date = (FIRST + timedelta(seconds=rng.randint(0, span))).replace(microsecond=rng.choice([0, rng.randint(0, 999_999)]))
        profile = {"UserName": user_name(rng, case), "CreateDate": rfc3339(date)}
        reset = [None, True, False][(case // 3) % 3]
        if reset is not None:
            profile["PasswordResetRequired"] = reset
        ours["LoginProfile"] = profile
    body = wire_ok(wire, "encode-response", action, json.dumps(ours).encode())
    theirs = botocore_parse(op_model(iam_client, action), body, 200)
    assert theirs["ResponseMetadata"].get("RequestId") == rid
    if profile is None:
        assert "LoginProfile" not in theirs
    else:
        got = theirs["LoginProfile"]
        assert got["UserName"] == profile["UserName"]
        assert micros(got["CreateDate"]) == micros(date)
        assert got.get("PasswordResetRequired") == profile.get("PasswordResetRequired")
    # and we read our own bytes back
    back = json.loads(wire_ok(wire, "decode-response", action, body))
    if profile is not None:
        # the fraction comes back in its shortest form (`.87343Z` for `.873430Z`): same instant
        assert rfc3339_micros(back["LoginProfile"].pop("CreateDate")) == micros(date)
        ours["LoginProfile"].pop("CreateDate")
    assert back == ours


# ---------------------------------------------------------------------------------------------
# (c) lifecycle and (d) auth over loopback


@pytest.fixture(scope="module")
def signed_server():
    proc, port = start_server("--credentials", f"{AKID}:{SECRET}:Caller")
    try:
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=10)


def loopback_client(port: int, akid: str = AKID, secret: str = SECRET, path: str = ""):
    return boto3.client(
        "iam",
        region_name="us-east-1",
        endpoint_url=f"http://127.0.0.1:{port}{path}",
        aws_access_key_id=akid,
        aws_secret_access_key=secret,
        config=Config(connect_timeout=5, read_timeout=5, retries={"total_max_attempts": 1}),
    )


def assert_error(raised, code: str, status: int, message: str | None = None):
    response = raised.value.response
    assert response["Error"]["Code"] == code
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    if message is not None:
        assert response["Error"]["Message"] == message
    assert REQUEST_ID.match(response["ResponseMetadata"]["RequestId"])


def test_lifecycle(signed_server):
    client = loopback_client(signed_server)
    user = "Life.cycle+1@x"

    created = client.create_login_profile(UserName=user, Password="Initial-pa\u00dfw0rd!", PasswordResetRequired=True)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert REQUEST_ID.match(created["ResponseMetadata"]["RequestId"])
    profile = created["LoginProfile"]
    assert profile["UserName"] == user
    assert profile["PasswordResetRequired"] is True
    created_at = micros(profile["CreateDate"])

    got = client.get_login_profile(UserName=user)["LoginProfile"]
    assert got["UserName"] == user
    assert micros(got["CreateDate"]) == created_at
    assert got["PasswordResetRequired"] is True

    with pytest.raises(client.exceptions.EntityAlreadyExistsException) as raised:
        client.create_login_profile(UserName=user, Password="another")
    assert_error(raised, "EntityAlreadyExists", 409, f"Login Profile for user {user} already exists.")

    # password only: the flag is kept
    updated = client.update_login_profile(UserName=user, Password="Changed\tpassw0rd\u00ff")
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert set(updated) == {"ResponseMetadata"}
    got = client.get_login_profile(UserName=user)["LoginProfile"]
    assert got["PasswordResetRequired"] is True
    assert micros(got["CreateDate"]) == created_at

    # reset flag only
    client.update_login_profile(UserName=user, PasswordResetRequired=False)
    got = client.get_login_profile(UserName=user)["LoginProfile"]
    assert got["PasswordResetRequired"] is False
    assert got["UserName"] == user and micros(got["CreateDate"]) == created_at
    client.update_login_profile(UserName=user, PasswordResetRequired=True)
    assert client.get_login_profile(UserName=user)["LoginProfile"]["PasswordResetRequired"] is True

    deleted = client.delete_login_profile(UserName=user)
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert set(deleted) == {"ResponseMetadata"}

    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.get_login_profile(UserName=user)
    assert_error(raised, "NoSuchEntity", 404, f"Login Profile for User {user} cannot be found.")

    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.delete_login_profile(UserName=user)
    assert_error(raised, "NoSuchEntity", 404)

    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.update_login_profile(UserName=user, PasswordResetRequired=True)
    assert_error(raised, "NoSuchEntity", 404)


def test_wrong_secret_is_signature_does_not_match(signed_server):
    client = loopback_client(signed_server, secret=SECRET[:-1] + "X")
    with pytest.raises(ClientError) as raised:
        client.get_login_profile(UserName="Bob")
    assert raised.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_unknown_key_is_invalid_client_token_id(signed_server):
    client = loopback_client(signed_server, akid="AKIDUNKNOWN0000000")
    with pytest.raises(ClientError) as raised:
        client.create_login_profile(UserName="Bob", Password="pw")
    assert raised.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_unsigned_post_is_missing_authentication_token(signed_server, iam_client):
    request = urllib.request.Request(
        f"http://127.0.0.1:{signed_server}/",
        data=b"Action=GetLoginProfile&Version=2010-05-08&UserName=Bob",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=5)
    assert raised.value.code == 403
    body = raised.value.read()
    parsed = botocore_parse(op_model(iam_client, "GetLoginProfile"), body, 403)
    assert parsed["Error"]["Code"] == "MissingAuthenticationToken"
    assert b"<Code>MissingAuthenticationToken</Code>" in body
