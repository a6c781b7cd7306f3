"""Requests: botocore's `QuerySerializer` bytes against our `encode-request` / `decode-request`."""

import json

import pytest
from botocore.exceptions import ParamValidationError

from peers import botocore_request, botocore_request_body

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
SPECIAL = "_+=,.@-"

# Every allowed character, every special alone and in runs, lengths 1 and 64.
NAMES = (
    [c for c in UPPER + LOWER + DIGITS + SPECIAL]  # length 1: each allowed character alone
    + [UPPER + DIGITS + SPECIAL, LOWER + SPECIAL + DIGITS, UPPER + LOWER + "_"]
    + [c * 2 for c in SPECIAL]
    + [c * 5 for c in SPECIAL]
    + [c * 64 for c in SPECIAL]  # length 64, one special repeated
    + [SPECIAL, SPECIAL[::-1], "+=" * 32, "@@..--__,,==++", "a+b=c,d.e@f-g_h", "Bob", "bob.smith+iam@example.com"]
    + ["a" * 64, "Z" * 63 + "9", (SPECIAL + "aZ9") * 6 + SPECIAL[:4], "x" * 63 + "@"]
)


def test_table_covers_the_alphabet_and_lengths():
    assert set("".join(NAMES)) == set(UPPER + LOWER + DIGITS + SPECIAL)
    assert {1, 64} <= {len(n) for n in NAMES}
    assert all(1 <= len(n) <= 64 for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_encode_request_is_botocores_bytes(wire, iam_client, name):
    theirs = botocore_request_body(iam_client, UserName=name)
    ours = wire.encode("encode-request", {"UserName": name})
    assert ours == theirs


@pytest.mark.parametrize("name", NAMES)
def test_decode_request_reads_botocores_bytes(wire, iam_client, name):
    theirs = botocore_request_body(iam_client, UserName=name)
    assert wire.json("decode-request", theirs) == {"UserName": name}


def test_omitted_user_name(wire, iam_client):
    theirs = botocore_request_body(iam_client)
    assert theirs == b"Action=GetLoginProfile&Version=2010-05-08"
    assert wire.encode("encode-request", {}) == theirs
    assert wire.json("decode-request", theirs) == {}


def test_content_type_is_botocores(iam_client):
    # Our `GetLoginProfileRequest::content_type()` (src/request.rs REQUEST_CONTENT_TYPE).
    headers = botocore_request(iam_client, UserName="Bob").headers
    assert headers["Content-Type"] in (
        "application/x-www-form-urlencoded; charset=utf-8",
        b"application/x-www-form-urlencoded; charset=utf-8",
    )


def test_empty_user_name_refused_by_both(wire, iam_client):
    """botocore refuses `""` before sending it (model `min: 1`); so does our encoder."""
    with pytest.raises(ParamValidationError):
        botocore_request_body(iam_client, UserName="")
    proc = wire.run("encode-request", b'{"UserName": ""}')
    assert proc.returncode == 1 and proc.stderr.count(b"\n") == 1


def test_deliberate_difference_max_length_is_validated(wire, iam_client):
    """Deliberate difference (docs/protocol.md §1.3 `userNameType` max 64, §10 item 6): botocore's
    `range_check` enforces only the model's `min`, so it sends a 65-character UserName (spec
    §9 says "min/max"; botocore 1.43.11 checks min only). This crate refuses it on both sides:
    IAM would answer ValidationError."""
    name = "a" * 65
    theirs = botocore_request_body(iam_client, UserName=name)
    assert theirs.endswith(b"&UserName=" + name.encode())
    assert wire.run("encode-request", ('{"UserName": "%s"}' % name).encode()).returncode == 1
    decoded = wire.run("decode-request", theirs)
    assert decoded.returncode == 1
    assert b"invalid user name" in decoded.stderr, decoded.stderr


@pytest.mark.parametrize(
    "name, sent",
    [
        ("bad name", b"UserName=bad+name"),
        ("Jos\u00e9", b"UserName=Jos%C3%A9"),
        ("a~b", b"UserName=a~b"),
        ("tab\there", b"UserName=tab%09here"),
    ],
)
def test_deliberate_difference_pattern_is_validated(wire, iam_client, name, sent):
    """Deliberate difference (docs/protocol.md §9, §10 items 4-5): botocore checks only the length of
    UserName and sends any string; this crate enforces IAM's `[\\w+=,.@-]{1,64}` (ASCII `\\w`)
    on both sides: the encoder refuses, the decoder answers ValidationError, as IAM does."""
    theirs = botocore_request_body(iam_client, UserName=name)
    assert theirs.endswith(b"&" + sent)
    refused = wire.run("encode-request", ('{"UserName": %s}' % json.dumps(name)).encode())
    assert refused.returncode == 1
    decoded = wire.run("decode-request", theirs)
    assert decoded.returncode == 1
    assert b"invalid user name" in decoded.stderr, decoded.stderr
