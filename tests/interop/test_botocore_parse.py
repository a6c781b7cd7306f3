"""Responses the other way: our `encode-response` / `encode-error` bytes, parsed by botocore's
`QueryParser` with the IAM model, yield the values we encoded."""

import pytest

from peers import botocore_parse, micros, rfc3339_micros

PROFILES = [
    {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z"},
    {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56Z", "PasswordResetRequired": True},
    {"UserName": "a+b=c,d.e@f-g_h", "CreateDate": "2026-11-23T17:57:57.90714Z", "PasswordResetRequired": False},
    {"UserName": "x" * 64, "CreateDate": "0001-01-01T00:00:00Z"},
    {"UserName": "Z", "CreateDate": "9999-12-31T23:59:59.999999Z"},
    {"UserName": "@", "CreateDate": "2000-02-29T12:00:00.5Z"},
]
REQUEST_IDS = [None, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", "id with <markup> & \"quotes\" 'é'"]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("request_id", REQUEST_IDS)
def test_encode_response_parsed_by_botocore(wire, operation_model, profile, request_id):
    ours = {"LoginProfile": profile}
    if request_id is not None:
        ours["ResponseMetadata"] = {"RequestId": request_id}
    xml = wire.encode("encode-response", ours)
    theirs = botocore_parse(operation_model, xml, 200)
    got = theirs["LoginProfile"]
    assert got["UserName"] == profile["UserName"]
    assert micros(got["CreateDate"]) == rfc3339_micros(profile["CreateDate"])
    assert got.get("PasswordResetRequired") == profile.get("PasswordResetRequired")
    assert theirs["ResponseMetadata"].get("RequestId") == request_id


@pytest.mark.parametrize(
    "create_date, utc",
    [
        ("2011-09-19T23:00:56+05:30", "2011-09-19T17:30:56Z"),
        ("2011-09-19T23:00:56-00:00", "2011-09-19T23:00:56Z"),
        ("2011-09-19t23:00:56.100z", "2011-09-19T23:00:56.1Z"),
        ("2011-09-19T23:00:56.000Z", "2011-09-19T23:00:56Z"),
    ],
)
def test_create_date_is_sent_in_utc(wire, operation_model, create_date, utc):
    """We normalise to IAM's form (`Z`, fraction only when not zero); botocore reads the same instant."""
    xml = wire.encode("encode-response", {"LoginProfile": {"UserName": "Bob", "CreateDate": create_date}})
    assert f"<CreateDate>{utc}</CreateDate>".encode() in xml
    got = botocore_parse(operation_model, xml, 200)["LoginProfile"]["CreateDate"]
    assert micros(got) == rfc3339_micros(utc)


def test_nanoseconds_are_truncated_by_botocore(wire, operation_model):
    """We keep nanoseconds (docs/protocol.md §8, RFC 3339 allows any fraction); botocore keeps microseconds.
    Deliberate: the instant botocore reads is ours truncated, never rounded up."""
    xml = wire.encode(
        "encode-response", {"LoginProfile": {"UserName": "Bob", "CreateDate": "2011-09-19T23:00:56.123456789Z"}}
    )
    assert b"<CreateDate>2011-09-19T23:00:56.123456789Z</CreateDate>" in xml
    got = botocore_parse(operation_model, xml, 200)["LoginProfile"]["CreateDate"]
    assert got.microsecond == 123456


ERRORS = [
    ("NoSuchEntity", "Login Profile for user Bob cannot be found.", "Sender"),
    ("NoSuchEntity", "The user with name Bob cannot be found.", "Sender"),
    ("ServiceFailure", "boom", "Receiver"),
    ("ValidationError", "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy "
     "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", "Sender"),
    ("Throttling", "Rate exceeded", "Sender"),
    ("AccessDenied", "User: arn:aws:iam::123456789012:user/x is not authorized", "Sender"),
    ("SomeFutureCode", "markup <Error><Code>Injected</Code></Error> & 'quotes' \"é\" \t\n\r end ", None),
    ("NoSuchEntity", None, "Sender"),
]


@pytest.mark.parametrize("code, message, fault", ERRORS)
@pytest.mark.parametrize("request_id", REQUEST_IDS)
def test_encode_error_parsed_by_botocore(wire, operation_model, code, message, fault, request_id):
    error = {"Code": code}
    if fault is not None:
        error["Type"] = fault
    if message is not None:
        error["Message"] = message
    ours = {"Error": error}
    if request_id is not None:
        ours["ResponseMetadata"] = {"RequestId": request_id}
    xml = wire.encode("encode-error", ours)
    # What we decode back is what we encoded, with the fault of the code filled in.
    back = wire.json("decode-error", xml)
    assert back["Error"]["Code"] == code and back["Error"].get("Message") == message
    status = {"NoSuchEntity": 404, "ServiceFailure": 500, "AccessDenied": 403}.get(code, 400)
    theirs = botocore_parse(operation_model, xml, status)
    assert theirs["Error"]["Code"] == code
    assert theirs["Error"].get("Message") == message
    assert theirs["Error"].get("Type") == fault == back["Error"].get("Type")
    assert theirs["ResponseMetadata"].get("RequestId") == request_id
    assert theirs["ResponseMetadata"]["HTTPStatusCode"] == status
