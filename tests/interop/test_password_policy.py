"""The password policy and ChangePassword against botocore, moto and boto3.

(a) requests: for ChangePassword and the three account-password-policy operations, botocore's
    serializer bytes == our `wire encode-request`, and `wire decode-request` reads botocore's
    bytes back, over seeded cases per operation;
(b) responses: moto's recorded bodies decode to what boto3's parser reads; what we encode,
    botocore's `QueryParser` reads back (seeded cases per operation);
(c) over loopback against `examples/server.rs`, signed by boto3: the default policy before any
    policy is set and after it is deleted, set/read/delete, weak and strong passwords through
    CreateLoginProfile, UpdateLoginProfile and ChangePassword, a password reused within the
    window.
Set `INTEROP_SEED` / `INTEROP_CASES` to replay another seed or change the count.
"""

import json
import random

import pytest
from botocore.exceptions import ClientError

from peers import botocore_parse
from test_family import (AKID, CASE_LIST, DATA, PASSWORD_ALPHABET, SECRET, SEED, botocore_body, loopback_client,
                         op_model, password, wire_ok)
from test_server import REQUEST_ID, start_server

OPS = ["ChangePassword", "GetAccountPasswordPolicy", "UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy"]
ACCOUNT_ID = "123456789012"
POLICY_MESSAGE = "Password does not conform to the account password policy."
NO_POLICY_GET = f"The Password Policy with domain name {ACCOUNT_ID} cannot be found."
NO_POLICY_DELETE = "The account policy with name PasswordPolicy cannot be found."
MODEL_ORDER = ["MinimumPasswordLength", "RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters",
               "RequireLowercaseCharacters", "AllowUsersToChangePassword", "ExpirePasswords", "MaxPasswordAge",
               "PasswordReusePrevention", "HardExpiry"]
BOOLEANS = ["RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters", "RequireLowercaseCharacters",
            "AllowUsersToChangePassword"]


def random_policy(rng: random.Random, case: int) -> dict:
    """Every member present or absent, at the ends of its range and between; booleans both ways."""
    policy = {}
    ranges = {"MinimumPasswordLength": (6, 128), "MaxPasswordAge": (1, 1095), "PasswordReusePrevention": (1, 24)}
    for i, (name, (low, high)) in enumerate(ranges.items()):
        choice = (case // (i + 1)) % 4
        if choice == 1:
            policy[name] = low
        elif choice == 2:
            policy[name] = high
        elif choice == 3:
            policy[name] = rng.randint(low, high)
    for name in BOOLEANS + ["HardExpiry"]:
        choice = rng.randrange(3)
        if choice:
            policy[name] = choice == 1
    # botocore writes the members in the order they are passed: pass them in the model's.
    return {name: policy[name] for name in MODEL_ORDER if name in policy}


def request_params(action: str, case: int) -> dict:
    rng = random.Random(f"{SEED}-{action}-{case}")
    if action == "ChangePassword":
        return {"OldPassword": password(rng, case), "NewPassword": password(rng, case + 1)}
    if action == "UpdateAccountPasswordPolicy":
        return {} if case % 25 == 0 else random_policy(rng, case)  # {}: every member reverts
    return {}


def test_request_corpus_covers_the_states():
    changes = [request_params("ChangePassword", c) for c in CASE_LIST]
    assert {1, 128} <= {len(p["NewPassword"]) for p in changes}
    assert set("".join(p["OldPassword"] + p["NewPassword"] for p in changes)) == set(PASSWORD_ALPHABET)
    updates = [request_params("UpdateAccountPasswordPolicy", c) for c in CASE_LIST]
    assert {} in updates
    for name, ends in [("MinimumPasswordLength", {6, 128}), ("MaxPasswordAge", {1, 1095}),
                       ("PasswordReusePrevention", {1, 24})]:
        assert ends <= {u[name] for u in updates if name in u}
        assert any(name not in u for u in updates)
    for name in BOOLEANS + ["HardExpiry"]:
        assert {True, False} <= {u.get(name) for u in updates}


@pytest.mark.parametrize("action", OPS)
@pytest.mark.parametrize("case", CASE_LIST)
def test_request_both_directions(wire, iam_client, action, case):
    params = request_params(action, case)
    theirs = botocore_body(iam_client, action, **params)
    ours = wire_ok(wire, "encode-request", action, json.dumps({"Action": action, **params}).encode())
    assert ours == theirs
    decoded = json.loads(wire_ok(wire, "decode-request", action, theirs))
    assert decoded == {"Action": action, **params}


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("botocore-request-*password*.txt")))
def test_botocore_vectors_decode(wire, name):
    body = (DATA / name).read_bytes()
    action = body.split(b"&")[0].split(b"=")[1].decode()
    decoded = json.loads(wire_ok(wire, "decode-request", action, body))
    assert decoded["Action"] == action
    assert wire_ok(wire, "encode-request", action, json.dumps(decoded).encode()) == body


# ---------------------------------------------------------------------------------------------
# (b) responses


MOTO = [
    ("GetAccountPasswordPolicy", "moto-response-get-account-password-policy-all-200.xml", 200),
    ("GetAccountPasswordPolicy", "moto-response-get-account-password-policy-defaults-200.xml", 200),
    ("UpdateAccountPasswordPolicy", "moto-response-update-account-password-policy-all-200.xml", 200),
    ("UpdateAccountPasswordPolicy", "moto-response-update-account-password-policy-empty-200.xml", 200),
    ("DeleteAccountPasswordPolicy", "moto-response-delete-account-password-policy-200.xml", 200),
]


@pytest.mark.parametrize("action, name, status", MOTO)
def test_moto_bodies_decode_as_boto3_parses(wire, iam_client, action, name, status):
    body = (DATA / name).read_bytes()
    boto = botocore_parse(op_model(iam_client, action), body, status)
    ours = json.loads(wire_ok(wire, "decode-response", action, body))
    assert ours["ResponseMetadata"]["RequestId"] == boto["ResponseMetadata"]["RequestId"]
    if action == "GetAccountPasswordPolicy":
        theirs = dict(boto["PasswordPolicy"])
        # moto writes MaxPasswordAge 0 for "not set"; we read it as not set.
        if theirs.get("MaxPasswordAge") == 0:
            del theirs["MaxPasswordAge"]
        assert ours["PasswordPolicy"] == theirs
    else:
        assert set(ours) == {"ResponseMetadata"}


@pytest.mark.parametrize("name, code, message", [
    ("moto-response-get-account-password-policy-none-404.xml", "NoSuchEntity", NO_POLICY_GET),
    ("moto-response-delete-account-password-policy-none-404.xml", "NoSuchEntity", NO_POLICY_DELETE),
])
def test_moto_errors_decode(wire, name, code, message):
    ours = wire.json("decode-error", (DATA / name).read_bytes())
    assert (ours["Error"]["Code"], ours["Error"]["Message"]) == (code, message)


@pytest.mark.parametrize("action", OPS)
@pytest.mark.parametrize("case", CASE_LIST)
def test_our_responses_botocore_reads(wire, iam_client, action, case):
    rng = random.Random(f"{SEED}-response-{action}-{case}")
    rid = [None, f"{rng.getrandbits(64):016x}"][case % 2]
    ours = {}
    if rid is not None:
        ours["ResponseMetadata"] = {"RequestId": rid}
    policy = None
    if action == "GetAccountPasswordPolicy":
        policy = random_policy(rng, case)
        for name in BOOLEANS:
            policy.setdefault(name, False)
        policy.setdefault("MinimumPasswordLength", 6)
        policy["ExpirePasswords"] = "MaxPasswordAge" in policy
        ours["PasswordPolicy"] = policy
    body = wire_ok(wire, "encode-response", action, json.dumps(ours).encode())
    theirs = botocore_parse(op_model(iam_client, action), body, 200)
    assert theirs["ResponseMetadata"].get("RequestId") == rid
    if policy is None:
        assert "PasswordPolicy" not in theirs
    else:
        assert theirs["PasswordPolicy"] == policy
    assert json.loads(wire_ok(wire, "decode-response", action, body)) == ours


# ---------------------------------------------------------------------------------------------
# (c) over loopback


@pytest.fixture(scope="module")
def policy_server():
    proc, port = start_server("--credentials", f"{AKID}:{SECRET}:Caller", "--account-id", ACCOUNT_ID)
    try:
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=10)


def assert_error(raised, code: str, status: int, message: str | None = None):
    response = raised.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    if message is not None:
        assert response["Error"]["Message"] == message
    assert REQUEST_ID.match(response["ResponseMetadata"]["RequestId"])


def test_policy_lifecycle_and_enforcement(policy_server):
    client = loopback_client(policy_server)

    # No policy: Get and Delete answer AWS's texts, and AWS's default policy applies.
    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.get_account_password_policy()
    assert_error(raised, "NoSuchEntity", 404, NO_POLICY_GET)
    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.delete_account_password_policy()
    assert_error(raised, "NoSuchEntity", 404, NO_POLICY_DELETE)
    with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
        client.create_login_profile(UserName="Weak", Password="abcdefgh")
    assert_error(raised, "PasswordPolicyViolation", 400,
                 "Password should meet 2 more of the following requirements: Password should have at least one "
                 "uppercase letter, Password should have at least one number, Password should have at least one symbol.")
    with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
        client.create_login_profile(UserName="Weak", Password="aB1!")
    assert_error(raised, "PasswordPolicyViolation", 400, "Password should have at least 8 characters.")
    client.create_login_profile(UserName="Weak", Password="abcdEF12")

    # An empty update sets the defaults, which Get answers as IAM does (unset members omitted).
    client.update_account_password_policy()
    assert client.get_account_password_policy()["PasswordPolicy"] == {
        "MinimumPasswordLength": 6, "RequireSymbols": False, "RequireNumbers": False,
        "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": False,
        "AllowUsersToChangePassword": False, "ExpirePasswords": False,
    }
    client.create_login_profile(UserName="Lower", Password="abcdef")  # 6 lowercase: enough now

    # A strict policy.
    client.update_account_password_policy(MinimumPasswordLength=12, RequireSymbols=True, RequireNumbers=True,
                                          AllowUsersToChangePassword=True, MaxPasswordAge=90,
                                          PasswordReusePrevention=3)
    assert client.get_account_password_policy()["PasswordPolicy"] == {
        "MinimumPasswordLength": 12, "RequireSymbols": True, "RequireNumbers": True,
        "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": False,
        "AllowUsersToChangePassword": True, "ExpirePasswords": True, "MaxPasswordAge": 90,
        "PasswordReusePrevention": 3,
    }
    for weak in ["short1!", "no-digits-here!", "n0symbolshere1", "with space 12 ~"]:
        with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
            client.create_login_profile(UserName="Strict", Password=weak)
        assert_error(raised, "PasswordPolicyViolation", 400, POLICY_MESSAGE)
    client.create_login_profile(UserName="Strict", Password="str0ng-enough")
    with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
        client.update_login_profile(UserName="Strict", Password="weak")
    assert_error(raised, "PasswordPolicyViolation", 400, POLICY_MESSAGE)
    client.update_login_profile(UserName="Strict", Password="an0ther-str0ng")
    # Reused within the window of 3, by an administrator too.
    with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
        client.update_login_profile(UserName="Strict", Password="str0ng-enough")
    assert_error(raised, "PasswordPolicyViolation", 400, POLICY_MESSAGE)

    # ChangePassword: the caller's own password, the old one checked, the new one the policy's.
    client.create_login_profile(UserName="Caller", Password="first-passw0rd!")
    with pytest.raises(ClientError) as raised:
        client.change_password(OldPassword="not-the-passw0rd!", NewPassword="second-passw0rd!")
    assert_error(raised, "AccessDenied", 403, "The old password is not correct.")
    with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
        client.change_password(OldPassword="first-passw0rd!", NewPassword="weak")
    assert_error(raised, "PasswordPolicyViolation", 400, POLICY_MESSAGE)
    changed = client.change_password(OldPassword="first-passw0rd!", NewPassword="second-passw0rd!")
    assert set(changed) == {"ResponseMetadata"}
    client.change_password(OldPassword="second-passw0rd!", NewPassword="third-passw0rd!")
    for reused in ["first-passw0rd!", "second-passw0rd!", "third-passw0rd!"]:
        with pytest.raises(client.exceptions.PasswordPolicyViolationException) as raised:
            client.change_password(OldPassword="third-passw0rd!", NewPassword=reused)
        assert_error(raised, "PasswordPolicyViolation", 400, POLICY_MESSAGE)
    # Out of the window of 3 after three more changes.
    client.change_password(OldPassword="third-passw0rd!", NewPassword="fourth-passw0rd!")
    client.change_password(OldPassword="fourth-passw0rd!", NewPassword="fifth-passw0rd!")
    client.change_password(OldPassword="fifth-passw0rd!", NewPassword="sixth-passw0rd!")
    client.change_password(OldPassword="sixth-passw0rd!", NewPassword="first-passw0rd!")

    # Out of range: one ValidationError, IAM's order, no value quoted.
    with pytest.raises(ClientError) as raised:
        client.update_account_password_policy(MinimumPasswordLength=129, MaxPasswordAge=1096,
                                              PasswordReusePrevention=25)
    assert_error(raised, "ValidationError", 400,
                 "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: "
                 "Member must have value less than or equal to 128; Value at 'passwordReusePrevention' failed to "
                 "satisfy constraint: Member must have value less than or equal to 24; Value at 'maxPasswordAge' "
                 "failed to satisfy constraint: Member must have value less than or equal to 1095")

    # Deleted: 404 again, and the default policy is back.
    assert set(client.delete_account_password_policy()) == {"ResponseMetadata"}
    with pytest.raises(client.exceptions.NoSuchEntityException) as raised:
        client.get_account_password_policy()
    assert_error(raised, "NoSuchEntity", 404, NO_POLICY_GET)
    with pytest.raises(client.exceptions.PasswordPolicyViolationException):
        client.create_login_profile(UserName="AfterDelete", Password="abcdefgh")
    client.create_login_profile(UserName="AfterDelete", Password="abcdefG1")
