"""Responses: the raw bodies moto (`mock_aws`) returns for GetLoginProfile, decoded by us to the
values boto3 returned from the same bytes."""

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from peers import micros, rfc3339_micros
from test_requests import NAMES


class Recorder:
    """A `before-parse` hook: the raw status and body of the last GetLoginProfile response."""

    def __init__(self):
        self.status = None
        self.body = None

    def __call__(self, response_dict, **_):
        self.status = response_dict["status_code"]
        self.body = response_dict["body"]


@pytest.fixture(scope="module")
def moto_iam():
    with mock_aws():
        client = boto3.client(
            "iam", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        recorder = Recorder()
        client.meta.events.register("before-parse.iam.GetLoginProfile", recorder)
        for name in NAMES:
            client.create_user(UserName=name)
            client.create_login_profile(UserName=name, Password="Passw0rd!")
        client.create_user(UserName="NoPassword")
        client.create_user(UserName="MustReset")
        client.create_login_profile(UserName="MustReset", Password="Passw0rd!")
        # moto ignores PasswordResetRequired on create (docs/protocol.md §4, deviation 4); update sets it.
        client.update_login_profile(UserName="MustReset", Password="Passw0rd!2", PasswordResetRequired=True)
        yield client, recorder


def check_success(wire, moto_iam, **params):
    client, recorder = moto_iam
    theirs = client.get_login_profile(**params)
    assert recorder.status == 200
    ours = wire.json("decode-response", recorder.body)
    profile, expected = ours["LoginProfile"], theirs["LoginProfile"]
    assert profile["UserName"] == expected["UserName"]
    assert rfc3339_micros(profile["CreateDate"]) == micros(expected["CreateDate"])
    assert profile.get("PasswordResetRequired") == expected.get("PasswordResetRequired")
    assert ours["ResponseMetadata"]["RequestId"] == theirs["ResponseMetadata"]["RequestId"]
    return ours, recorder.body


@pytest.mark.parametrize("name", NAMES)
def test_success_bodies(wire, moto_iam, name):
    ours, _ = check_success(wire, moto_iam, UserName=name)
    assert ours["LoginProfile"]["UserName"] == name
    assert ours["LoginProfile"]["PasswordResetRequired"] is False


def test_success_password_reset_required(wire, moto_iam):
    ours, _ = check_success(wire, moto_iam, UserName="MustReset")
    assert ours["LoginProfile"]["PasswordResetRequired"] is True


@pytest.mark.parametrize(
    "params, message",
    [
        ({"UserName": "NoPassword"}, "Login profile for NoPassword not found"),
        ({"UserName": "Nobody"}, "The user with name Nobody cannot be found."),
        ({}, "The user with name None cannot be found."),  # moto: no caller identity (docs/protocol.md §4, deviation 5)
    ],
)
def test_no_such_entity_bodies(wire, moto_iam, params, message):
    client, recorder = moto_iam
    with pytest.raises(ClientError) as raised:
        client.get_login_profile(**params)
    theirs = raised.value.response
    assert recorder.status == 404
    ours = wire.json("decode-error", recorder.body)
    assert ours["Error"]["Type"] == theirs["Error"]["Type"] == "Sender"
    assert ours["Error"]["Code"] == theirs["Error"]["Code"] == "NoSuchEntity"
    assert ours["Error"]["Message"] == theirs["Error"]["Message"] == message
    assert ours["ResponseMetadata"]["RequestId"] == theirs["ResponseMetadata"]["RequestId"]
    # moto's extra lower-case <message> (docs/protocol.md §4, deviation 1) is skipped by us, kept by botocore.
    assert theirs["Error"]["message"] == message
    assert set(ours["Error"]) == {"Type", "Code", "Message"}
