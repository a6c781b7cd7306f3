"""Generated: a few hundred random valid values (seeded, reproducible) through both directions.

Requests: botocore's bytes == our `encode-request`; our `decode-request` reads them back.
Responses and errors: our encoding read by botocore's `QueryParser`; moto's serializer
(`moto.core.serialize.QuerySerializer`, what `mock_aws` answers with) read by our decoders.
Set `INTEROP_SEED` to replay another seed, `INTEROP_CASES` to change the count.
"""

import os
import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from moto.core.serialize import QuerySerializer, SerializationContext
from moto.core.utils import get_service_model
from moto.iam.exceptions import NoSuchEntity

from peers import botocore_parse, botocore_request_body, micros, rfc3339_micros

SEED = int(os.environ.get("INTEROP_SEED", "20261123"))
CASES = int(os.environ.get("INTEROP_CASES", "300"))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=,.@-"
# Text for messages and request ids: markup, quotes, whitespace, non-ASCII, astral plane.
TEXT = ALPHABET + " <>&'\"\t\n\r/:;!?#%[]{}\\" + "\u00e9\u00fc\u540d\u524d\u0663\uff41\U0001f600"
CODES = ["NoSuchEntity", "ServiceFailure", "ValidationError", "Throttling", "AccessDenied", "SomeFutureCode"]
FIRST, LAST = datetime(1, 1, 1, tzinfo=timezone.utc), datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


def user_name(rng: random.Random) -> str:
    length = rng.choice([1, 64, rng.randint(1, 64)])
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def text(rng: random.Random, low: int = 1, high: int = 80) -> str:
    return "".join(rng.choice(TEXT) for _ in range(rng.randint(low, high)))


def create_date(rng: random.Random) -> datetime:
    span = int((LAST - FIRST).total_seconds())
    dt = FIRST + timedelta(seconds=rng.randint(0, span))
    return dt.replace(microsecond=rng.choice([0, rng.randint(0, 999_999)]))


def request_id(rng: random.Random):
    return rng.choice([None, str(uuid.UUID(int=rng.getrandbits(128))), text(rng, 1, 40)])


def rfc3339(dt: datetime) -> str:
    return f"{dt.year:04d}-" + dt.strftime("%m-%dT%H:%M:%S") + (f".{dt.microsecond:06d}" if dt.microsecond else "") + "Z"


CASE_LIST = list(range(CASES))


def normalise_newlines(value: str) -> str:
    """What an XML parser reads for literal text: CR LF and lone CR become LF (XML 1.0 §2.11).
    We write CR as `&#13;`, so our own documents keep it; moto writes it literally."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def moto_model():
    return get_service_model("iam").operation_model("GetLoginProfile")


def test_case_count():
    assert 100 <= CASES or os.environ.get("INTEROP_CASES")


@pytest.mark.parametrize("case", CASE_LIST)
def test_request_both_directions(wire, iam_client, case):
    name = user_name(random.Random(f"{SEED}-request-{case}"))
    theirs = botocore_request_body(iam_client, UserName=name)
    assert wire.encode("encode-request", {"UserName": name}) == theirs
    assert wire.json("decode-request", theirs) == {"UserName": name}


@pytest.mark.parametrize("case", CASE_LIST)
def test_response_both_directions(wire, operation_model, moto_model, case):
    rng = random.Random(f"{SEED}-response-{case}")
    name, date, reset, rid = user_name(rng), create_date(rng), rng.choice([None, True, False]), request_id(rng)
    profile = {"UserName": name, "CreateDate": rfc3339(date)}
    if reset is not None:
        profile["PasswordResetRequired"] = reset
    ours = {"LoginProfile": profile}
    if rid is not None:
        ours["ResponseMetadata"] = {"RequestId": rid}

    # us -> botocore
    theirs = botocore_parse(operation_model, wire.encode("encode-response", ours), 200)
    assert theirs["LoginProfile"]["UserName"] == name
    assert micros(theirs["LoginProfile"]["CreateDate"]) == micros(date)
    assert theirs["LoginProfile"].get("PasswordResetRequired") == reset
    assert theirs["ResponseMetadata"].get("RequestId") == rid

    # moto -> us (years before 1000 excepted: see test_moto_short_years_are_refused)
    date = date if date.year >= 1000 else date.replace(year=date.year + 1000)
    moto_profile = {"UserName": name, "CreateDate": date}
    if reset is not None:
        moto_profile["PasswordResetRequired"] = reset
    body = QuerySerializer(moto_model, SerializationContext(request_id=rid)).serialize({"LoginProfile": moto_profile})
    decoded = wire.json("decode-response", body["body"].encode())
    boto = botocore_parse(operation_model, body["body"].encode(), 200)
    assert decoded["LoginProfile"]["UserName"] == boto["LoginProfile"]["UserName"] == name
    assert rfc3339_micros(decoded["LoginProfile"]["CreateDate"]) == micros(date)
    assert decoded["LoginProfile"].get("PasswordResetRequired") == reset
    if rid is not None:
        # moto writes a CR as is; XML parsers read it as LF (XML 1.0 §2.11), botocore and we alike.
        assert decoded["ResponseMetadata"]["RequestId"] == boto["ResponseMetadata"]["RequestId"]
        assert decoded["ResponseMetadata"]["RequestId"] == normalise_newlines(rid)


@pytest.mark.parametrize("case", CASE_LIST)
def test_error_both_directions(wire, operation_model, moto_model, case):
    rng = random.Random(f"{SEED}-error-{case}")
    code, message, rid = rng.choice(CODES), rng.choice([None, text(rng)]), request_id(rng)
    fault = "Receiver" if code == "ServiceFailure" else "Sender"
    error = {"Type": fault, "Code": code}
    if message is not None:
        error["Message"] = message
    ours = {"Error": error}
    if rid is not None:
        ours["ResponseMetadata"] = {"RequestId": rid}

    # us -> botocore
    theirs = botocore_parse(operation_model, wire.encode("encode-error", ours), 400)
    assert theirs["Error"]["Code"] == code
    assert theirs["Error"]["Type"] == fault
    assert theirs["Error"].get("Message") == message
    assert theirs["ResponseMetadata"].get("RequestId") == rid

    # moto -> us (moto's modeled NoSuchEntity, with its extra <message>)
    moto_message = message or "x"
    body = QuerySerializer(moto_model, SerializationContext(request_id=rid or "r")).serialize(NoSuchEntity(moto_message))
    assert body["status_code"] == 404
    decoded = wire.json("decode-error", body["body"].encode())
    boto = botocore_parse(operation_model, body["body"].encode(), 404)
    assert decoded["Error"] == {"Type": "Sender", "Code": "NoSuchEntity", "Message": normalise_newlines(moto_message)}
    assert decoded["Error"]["Message"] == boto["Error"]["Message"]
    assert decoded["ResponseMetadata"]["RequestId"] == boto["ResponseMetadata"]["RequestId"] == normalise_newlines(rid or "r")


def test_moto_short_years_are_refused(wire, operation_model, moto_model):
    """Deliberate difference (docs/protocol.md §8: RFC 3339 `date-fullyear` is 4 digits; aws-sdk-iam's parser
    refuses shorter years too): moto 5.2.1 formats CreateDate with `strftime("%Y")`, which writes
    year 949 as `949`; botocore's lenient `dateutil` reads it, this crate refuses the document.
    Real IAM dates are from 2010 on, so only a mock can produce this."""
    date = datetime(949, 12, 14, 17, 45, 27, tzinfo=timezone.utc)
    body = QuerySerializer(moto_model, SerializationContext(request_id="r")).serialize(
        {"LoginProfile": {"UserName": "Bob", "CreateDate": date}}
    )["body"].encode()
    assert b"<CreateDate>949-12-14T17:45:27Z</CreateDate>" in body
    assert micros(botocore_parse(operation_model, body, 200)["LoginProfile"]["CreateDate"]) == micros(date)
    refused = wire.run("decode-response", body)
    assert refused.returncode == 1
    assert b"invalid timestamp `949-12-14T17:45:27Z`" in refused.stderr
    # Written by us, the same instant has its four digits and botocore reads it.
    ours = wire.encode("encode-response", {"LoginProfile": {"UserName": "Bob", "CreateDate": "0949-12-14T17:45:27Z"}})
    assert b"<CreateDate>0949-12-14T17:45:27Z</CreateDate>" in ours
    assert micros(botocore_parse(operation_model, ours, 200)["LoginProfile"]["CreateDate"]) == micros(date)
