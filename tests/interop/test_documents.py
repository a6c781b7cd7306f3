"""Differential: hand-written documents (the vectors of tests/data and the hard cases of docs/protocol.md §10)
decoded by us and by botocore's `QueryParser`. Each either agrees value for value, or is a
deliberate difference listed in the README's "Decisions" table, asserted here as such."""

from pathlib import Path

import pytest

from peers import botocore_parse, micros, rfc3339_micros

DATA = Path(__file__).resolve().parents[1] / "data"
NS = ' xmlns="https://iam.amazonaws.com/doc/2010-05-08/"'


def success(profile: str, before: str = "", after: str = "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>",
            root: str = "GetLoginProfileResponse", ns: str = NS) -> bytes:
    return (f"<{root}{ns}>{before}<GetLoginProfileResult><LoginProfile>{profile}</LoginProfile>"
            f"</GetLoginProfileResult>{after}</{root}>").encode()


BOB = "<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"

AGREE_SUCCESS = {
    **{p.name: p.read_bytes() for p in sorted(DATA.glob("*.xml")) if b"<GetLoginProfileResult>" in p.read_bytes()},
    "no-namespace": success(BOB, ns=""),
    "prefixed": b'<iam:GetLoginProfileResponse xmlns:iam="https://iam.amazonaws.com/doc/2010-05-08/">'
                b"<iam:GetLoginProfileResult><iam:LoginProfile><iam:UserName>Bob</iam:UserName>"
                b"<iam:CreateDate>2011-09-19T23:00:56Z</iam:CreateDate></iam:LoginProfile></iam:GetLoginProfileResult>"
                b"</iam:GetLoginProfileResponse>",
    "declaration-crlf-indent": b'<?xml version = "1.0" encoding = "UTF-8"?>\r\n' + success(
        "\r\n  <UserName>Bob</UserName>\r\n  <CreateDate>2011-09-19T23:00:56Z</CreateDate>\r\n"),
    "bom": b"\xef\xbb\xbf" + success(BOB),
    "metadata-first": success(BOB, before="<ResponseMetadata><RequestId>r0</RequestId></ResponseMetadata>", after=""),
    "unknown-elements": success(BOB + "<Future><Deep><Deeper>x</Deeper></Deep></Future><Extra/>"),
    "reset-true": success(BOB + "<PasswordResetRequired>true</PasswordResetRequired>"),
    "reset-false": success(BOB + "<PasswordResetRequired>false</PasswordResetRequired>"),
    "create-date-first": success("<CreateDate>2011-09-19T23:00:56Z</CreateDate><UserName>Bob</UserName>"),
    "fraction-3": success("<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56.123Z</CreateDate>"),
    "offset": success("<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56+05:30</CreateDate>"),
    "negative-zero-offset": success("<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56-00:00</CreateDate>"),
    "lowercase-t-z": success("<UserName>Bob</UserName><CreateDate>2011-09-19t23:00:56z</CreateDate>"),
    "entities": success("<UserName>&#66;o&#x62;</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    "cdata": success("<UserName><![CDATA[Bob]]></UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    "comment-in-text": success("<UserName>B<!-- c -->ob</UserName><CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    "no-request-id": success(BOB, after=""),
}


@pytest.mark.parametrize("name", sorted(AGREE_SUCCESS))
def test_success_documents_agree(wire, operation_model, name):
    body = AGREE_SUCCESS[name]
    ours = wire.json("decode-response", body)
    theirs = botocore_parse(operation_model, body, 200)
    assert ours["LoginProfile"]["UserName"] == theirs["LoginProfile"]["UserName"]
    assert rfc3339_micros(ours["LoginProfile"]["CreateDate"]) == micros(theirs["LoginProfile"]["CreateDate"])
    assert ours["LoginProfile"].get("PasswordResetRequired") == theirs["LoginProfile"].get("PasswordResetRequired")
    assert ours.get("ResponseMetadata", {}).get("RequestId") == theirs["ResponseMetadata"].get("RequestId")


ERR = "<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>m &amp; n</Message></Error>"
AGREE_ERRORS = {
    **{p.name: p.read_bytes() for p in sorted(DATA.glob("*.xml")) if b"<ErrorResponse" in p.read_bytes()},
    "request-id-first": f"<ErrorResponse{NS}><RequestId>r</RequestId>{ERR}</ErrorResponse>".encode(),
    "children-reordered": b"<ErrorResponse><Error><Message>m</Message><Code>X</Code><Type>Receiver</Type></Error>"
                          b"<RequestId>r</RequestId></ErrorResponse>",
    "extra-children": b"<ErrorResponse><Error><Type>Sender</Type><Code>X</Code><Message>m</Message><Detail/>"
                      b"<message>other</message></Error><RequestId>r</RequestId></ErrorResponse>",
    "no-type-no-message": b"<ErrorResponse><Error><Code>X</Code></Error><RequestId>r</RequestId></ErrorResponse>",
    "whitespace-kept": b"<ErrorResponse><Error><Code>X</Code><Message>  spaced  </Message></Error></ErrorResponse>",
}


@pytest.mark.parametrize("name", sorted(AGREE_ERRORS))
def test_error_documents_agree(wire, operation_model, name):
    body = AGREE_ERRORS[name]
    ours = wire.json("decode-error", body)
    theirs = botocore_parse(operation_model, body, 400)
    for key in ("Type", "Code", "Message"):
        assert ours["Error"].get(key) == theirs["Error"].get(key), key
    assert ours.get("ResponseMetadata", {}).get("RequestId") == theirs["ResponseMetadata"].get("RequestId")


def test_ec2_style_errors_agree_except_the_request_id(wire, operation_model):
    """Both read the EC2-style shape (docs/protocol.md §10 item 24); botocore leaves `RequestID` (capital D)
    out of ResponseMetadata, we report it."""
    body = (b"<Response><Errors><Error><Code>NoSuchEntity</Code><Message>m</Message></Error></Errors>"
            b"<RequestID>r9</RequestID></Response>")
    ours = wire.json("decode-error", body)
    theirs = botocore_parse(operation_model, body, 404)
    assert ours["Error"]["Code"] == theirs["Error"]["Code"] == "NoSuchEntity"
    assert ours["Error"]["Message"] == theirs["Error"]["Message"] == "m"
    assert ours["ResponseMetadata"]["RequestId"] == "r9"
    assert "RequestId" not in theirs["ResponseMetadata"]


# Deliberate differences: botocore returns something, we refuse (README "Decisions"; docs/protocol.md §10).
STRICTER = {
    "boolean-TRUE (§10 item 13)": success(BOB + "<PasswordResetRequired>TRUE</PasswordResetRequired>"),
    "boolean-1 (§10 item 13)": success(BOB + "<PasswordResetRequired>1</PasswordResetRequired>"),
    "missing-CreateDate (§10 item 14)": success("<UserName>Bob</UserName>"),
    "missing-UserName (§10 item 14)": success("<CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    "duplicate-UserName (§10 item 17)": success("<UserName>Bob</UserName><UserName>Alice</UserName>"
                                                 "<CreateDate>2011-09-19T23:00:56Z</CreateDate>"),
    "create-date-no-zone (§8, §10 item 21)": success("<UserName>Bob</UserName><CreateDate>2011-09-19T23:00:56</CreateDate>"),
    "create-date-space (§8, §10 item 21)": success("<UserName>Bob</UserName><CreateDate>2011-09-19 23:00:56Z</CreateDate>"),
    "create-date-padded (§10 item 22)": success("<UserName>Bob</UserName><CreateDate> 2011-09-19T23:00:56Z </CreateDate>"),
    "doctype (README)": b"<!DOCTYPE GetLoginProfileResponse>" + success(BOB),
}


@pytest.mark.parametrize("name", sorted(STRICTER))
def test_deliberately_stricter_than_botocore(wire, operation_model, name):
    body = STRICTER[name]
    botocore_parse(operation_model, body, 200)  # botocore returns a value (possibly a wrong one)
    refused = wire.run("decode-response", body)
    assert refused.returncode == 1, refused.stdout
    assert refused.stderr.count(b"\n") == 1
